"""A brief built over a story document the caller already has (the server keeps them) is
the brief built from scratch; a document whose articles no longer match the story's is
not used."""

from __future__ import annotations

import copy

from storyline import service


def test_brief_over_a_given_story_document_is_the_same_brief(served):
    _settings, store = served
    stories = service.list_stories(store).items
    assert stories
    for s in stories:
        doc = service.get_story(store, s.id)
        assert service.get_brief(store, s.id, doc) == service.get_brief(store, s.id)


def test_a_story_document_with_other_articles_is_not_used(served):
    _settings, store = served
    s = max(service.list_stories(store).items, key=lambda s: s.articles)
    assert s.articles >= 2
    doc = service.get_story(store, s.id)
    old = copy.deepcopy(doc)
    old["article_ids"] = old["article_ids"][:-1]  # as it was before its last article joined
    old["title"] = "An older title"
    brief = service.get_brief(store, s.id, old)
    assert brief == service.get_brief(store, s.id)
    assert brief["story"]["title"] == doc["title"] and brief["story"]["articles"] == s.articles
