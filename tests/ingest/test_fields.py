from storyline.ingest.fields import draft_from_record
from storyline.records import ArticleDraft, IngestProblem


def test_record_maps_aliases_and_keeps_unknown_fields():
    d = draft_from_record(
        {"id": 17, "outlet": "Lake Courier", "link": "https://x.example/a", "headline": "H",
         "date": "2026-05-02", "body": "Some text.", "section": "News", "wordcount": 3},
        "in.jsonl", 4,
    )
    assert isinstance(d, ArticleDraft)
    assert (d.id, d.source, d.url, d.title, d.published) == ("17", "Lake Courier", "https://x.example/a", "H", "2026-05-02")
    assert d.body == "Some text." and d.body_kind == "text" and d.line == 4
    assert d.metadata == {"section": "News", "wordcount": 3}


def test_record_prefers_html_and_keeps_text_as_metadata():
    d = draft_from_record({"html": "<p>Hello there.</p>", "text": "Hello there."}, "in.jsonl", 1)
    assert d.body_kind == "html" and d.metadata["text"] == "Hello there."


def test_record_without_body_or_title_is_a_problem_with_its_line():
    p = draft_from_record({"id": "x", "text": "  ", "source": "Kestrel"}, "in.jsonl", 9)
    assert isinstance(p, IngestProblem)
    assert str(p).startswith("in.jsonl:9: ") and "title" in p.reason


def test_a_headline_with_no_body_is_a_headline_only_article():
    d = draft_from_record({"title": "Dam gives way above Orvelle", "text": "  "}, "in.jsonl", 9)
    assert isinstance(d, ArticleDraft) and d.headline_only
    assert d.body == "Dam gives way above Orvelle" and d.body_kind == "text"
    same = draft_from_record({"title": "Dam gives way", "text": "Dam  gives way\n"}, "in.jsonl", 3)
    assert isinstance(same, ArticleDraft) and same.headline_only  # a body equal to its title
    body = draft_from_record({"title": "Dam gives way", "text": "The dam gave way."}, "f", 1)
    assert isinstance(body, ArticleDraft) and not body.headline_only


def test_unreadable_date_is_kept_raw():
    d = draft_from_record({"text": "x y z", "published": "sometime"}, "in.jsonl", 1)
    assert d.published is None and d.metadata["published_raw"] == "sometime"
