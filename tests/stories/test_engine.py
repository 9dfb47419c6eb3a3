"""The clustering engine on its own: time decay, dormancy, bounded candidates, features."""

from __future__ import annotations

import dataclasses

from storyline.settings import ClusterSettings
from storyline.stories.engine import Engine
from storyline.stories.features import entities, featurise, terms

CFG = ClusterSettings()
TEXT = ("Firefighters in Harlow Bay fought a warehouse blaze at the Quayside depot for six hours. "
        "Chief officer Lena Marsh said the Quayside fire started in a battery store.")
OTHER = ("The Stenfold orchestra opened its summer season with a new symphony by the composer "
         "Tomas Reed, and the concert hall sold out for the first time in years.")


def feat(aid: str, text: str, t: float | None, title: str = ""):
    return featurise(aid, title, text, t, CFG.title_weight, CFG.lead_weight, CFG.lead_words)


def test_features_terms_and_entity_proxy():
    assert "firefighter" in terms(TEXT) and "the" not in terms(TEXT)
    ents = entities(TEXT)
    assert ents["harlow bay"] == 1 and ents["lena marsh"] == 1 and ents["quayside"] == 2
    assert "chief" not in ents
    assert "firefighters" not in ents  # sentence-initial common word
    assert not entities("Fire Crews Battle Huge Quayside Warehouse Blaze")  # title case


def test_similarity_decays_with_time_and_dormant_stories_take_nothing():
    e = Engine(CFG)
    for day in range(100, 140):  # a feed with news every day
        e.days.add(day + 0.5)
    first = e.assign(feat("a", TEXT, 100.0))
    story = e.active[first.story_id]
    tv, ev = e.vectors(feat("probe", TEXT, 100.0), learn=False)
    scores = [e.similarity(story, tv, ev, 100.0 + d) for d in (0, 3, 7, 14, 21)]
    assert scores == sorted(scores, reverse=True) and scores[0] > 2 * scores[3]
    assert e.similarity(story, tv, ev, 100.0 + CFG.max_gap_days + 1) == 0.0
    near = e.assign(feat("b", TEXT, 102.0))
    assert near.story_id == first.story_id and not near.opened
    late = e.assign(feat("c", TEXT, 102.0 + CFG.max_gap_days + 1))
    assert late.opened and late.story_id != first.story_id
    assert first.story_id not in e.active  # left the index


def test_unrelated_article_opens_a_story_and_ids_are_stable():
    runs = []
    for _ in range(2):
        e = Engine(CFG)
        runs.append([e.assign(feat(i, t, 1.0)).story_id for i, t in
                     (("x", TEXT), ("y", OTHER), ("z", TEXT + " Crews stayed overnight."))])
    assert runs[0] == runs[1]
    x, y, z = runs[0]
    assert x != y and z == x


def test_candidates_are_bounded_whatever_the_number_of_stories():
    cfg = dataclasses.replace(CFG, candidates=5, posting_cap=7)
    e = Engine(cfg)
    for n in range(60):  # sixty articles sharing the word "harbour" and nothing else
        e.assign(feat(f"s{n}", f"harbour token{n} alpha{n} beta{n} gamma{n} delta{n} "
                               f"epsilon{n} zeta{n} theta{n}", 1.0))
    res = e.assign(feat("q", "harbour token3 alpha3 beta3 gamma3 delta3 omega", 1.0))
    assert res.candidates <= 5
    assert len(e.active) > 40  # far more stories than were scored


def test_days_without_any_news_do_not_count_towards_dormancy():
    """Two reports of one developing story four weeks apart, with nothing else in the
    corpus between them, are one story; the same two with news every day between are two
    (the story went quiet while the news went on)."""
    sparse = Engine(CFG)
    a = sparse.assign(feat("a", TEXT, 100.2))
    b = sparse.assign(feat("b", TEXT + " The depot reopened.", 128.4))
    assert b.story_id == a.story_id and b.score is not None and b.score > CFG.threshold
    dense = Engine(CFG)
    a = dense.assign(feat("a", TEXT, 100.2))
    for day in range(101, 128):
        dense.assign(feat(f"o{day}", OTHER, day + 0.3))
    b = dense.assign(feat("b", TEXT + " The depot reopened.", 128.4))
    assert b.opened and b.story_id != a.story_id
