"""The brief document and its renderers, on a story in the export contract's shape with every
section filled (as the events, positions and corroborate stages will fill them)."""

from __future__ import annotations

import json

from storyline.brief.document import brief_document, format_value
from storyline.brief.render import render, to_markdown

ARTICLES = [
    {"id": "a1", "source": "North Post", "title": "Dam breaks above Velna", "published": "2031-04-01",
     "url": "https://north.example/dam", "duplicate_of": None},
    {"id": "a2", "source": "South Wire", "title": "Velna toll rises", "published": "2031-04-02T09:00:00Z",
     "url": "javascript:alert(1)", "duplicate_of": None},
    {"id": "a3", "source": "East Daily <i>", "title": "<script>alert(1)</script> inquiry",
     "published": "2031-04-03", "url": None, "duplicate_of": None},
]
STORY = {
    "id": "s1", "title": "Velna dam", "first_published": "2031-04-01", "last_published": "2031-04-03",
    "article_ids": ["a1", "a2", "a3"], "sources": ["North Post", "South Wire", "East Daily <i>"],
    "summary": [{"text": "The Velna dam broke on Monday.", "article_ids": ["a2", "a1"]}],
    "entities": [
        {"id": "p1", "name": "Velna", "type": "GPE", "aliases": [], "article_ids": ["a1", "a2"],
         "geo": {"lat": 45.5, "lon": 14.2, "country": "SI"}, "mentions": 4},
        {"id": "p2", "name": "Nowhere Ridge", "type": "LOC", "aliases": [], "article_ids": ["a3"],
         "geo": None, "mentions": 1},
        {"id": "m1", "name": "Mara Kos", "type": "PERSON", "aliases": ["Kos"], "article_ids": ["a1"],
         "geo": None},
    ],
    "events": [
        {"id": "e1", "date": "2031-03-31", "date_precision": "day", "category": "ASSAULT",
         "mode": None, "actor": "storm", "actor_entity_id": None, "target": "dam",
         "target_entity_id": None, "place": "Velna", "geo": {"lat": 45.5, "lon": 14.2, "country": "SI"},
         "description": "The dam broke", "mentions": [{"article_id": "a1", "sentence": "x"},
                                                     {"article_id": "a2", "sentence": "y"}],
         "sources": ["North Post", "South Wire"]},
    ],
    "quotes": [
        {"id": "q1", "speaker": "Mara Kos", "speaker_entity_id": "m1", "text": "We lost everything",
         "kind": "direct", "article_id": "a1", "date": "2031-04-01", "article_ids": [], "sources": [],
         "speaker_disputed": False},
        {"id": "q2", "speaker": "Kos", "speaker_entity_id": "m1", "text": "We lost everything.",
         "kind": "direct", "article_id": "a2", "date": "2031-04-02", "article_ids": [], "sources": [],
         "speaker_disputed": False},
        {"id": "q3", "speaker": None, "speaker_entity_id": None, "text": "unattributed",
         "kind": "direct", "article_id": "a2", "date": None},
    ],
    "numbers": [
        {"id": "n1", "what": "people killed", "unit": None, "value": 7, "place": "Velna",
         "date": "2031-03-31", "event_id": "e1", "status": "conflicting",
         "mentions": [{"article_id": "a1", "sentence": "s", "value": 7},
                      {"article_id": "a2", "sentence": "s", "value": 12},
                      {"article_id": "a3", "sentence": "s", "value": 12}]},
        {"id": "n2", "what": "homes", "unit": None, "value": 1500.0, "place": None, "date": None,
         "event_id": None, "status": "single-source",
         "mentions": [{"article_id": "a1", "sentence": "s", "value": 1500.0}]},
    ],
    "positions": [
        {"actor": "Mara Kos", "actor_entity_id": "m1", "issue": "an inquiry", "stance": "demand",
         "detail": "within a month", "date": "2031-04-03", "sources": ["East Daily <i>"],
         "mentions": [{"article_id": "a3", "sentence": "s"}]},
    ],
    "timeline": [{"date": "2031-03-31", "event_ids": ["e1"]}],
}


def test_sections_fill_from_the_story():
    doc = brief_document(STORY, ARTICLES)
    assert [a["n"] for a in doc["articles"]] == [1, 2, 3]
    assert doc["summary"][0]["sources"] == ["South Wire", "North Post"]
    assert doc["events"][0]["article_ids"] == ["a1", "a2"]
    assert [t["date"] for t in doc["timeline"]] == ["2031-03-31", "2031-04-01", "2031-04-02",
                                                   "2031-04-03"]
    assert doc["timeline"][0]["items"][0]["kind"] == "event"
    # one quote carried by two articles is shown once, citing both; unattributed left out
    [kos] = doc["quotes"]
    assert kos["speaker"] == "Mara Kos" and len(kos["quotes"]) == 1
    assert kos["quotes"][0]["article_ids"] == ["a1", "a2"]
    # conflicting first, each value with the outlets that give it
    n1 = doc["numbers"][0]
    assert n1["status"] == "conflicting"
    assert [(v["display"], v["sources"]) for v in n1["values"]] == [
        ("7", ["North Post"]), ("12", ["South Wire", "East Daily <i>"])]
    assert doc["numbers"][1]["display"] == "1,500"
    assert doc["positions"][0]["positions"][0]["stance"] == "demand"
    kinds = [(p["name"], p["kind"], p["lat"]) for p in doc["places"]]
    assert kinds == [("Velna", "place", 45.5), ("Nowhere Ridge", "place", None),
                     ("Velna", "event", 45.5)]
    assert [o["source"] for o in doc["coverage"]] == ["North Post", "South Wire", "East Daily <i>"]


def test_markdown_escapes_and_cites():
    md = to_markdown(brief_document(STORY, ARTICLES))
    assert "- The Velna dam broke on Monday. [1][2]" in md
    assert "<script>" not in md and "\\<script\\>" in md
    assert "javascript:" not in md  # an unsafe URL is neither linked nor shown
    assert "<https://north.example/dam>" in md
    assert "people killed (Velna, 2031-03-31): **conflicting**: 7: North Post [1]; " \
           "12: South Wire, East Daily \\<i\\> [2][3]" in md
    assert "demands an inquiry: within a month [3]" in md


def test_html_escapes_and_links_only_web_urls():
    html = render(brief_document(STORY, ARTICLES), "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; inquiry" in html
    assert 'href="https://north.example/dam"' in html
    assert 'href="javascript:' not in html
    assert 'class="status-conflicting"' in html
    assert html.count('<a class="cite"') >= 8


def test_json_and_empty_story():
    doc = json.loads(render(brief_document(STORY, ARTICLES), "json"))
    assert doc["schema"] == "storyline.brief/1"
    bare = {"id": "s2", "title": "", "article_ids": [], "sources": []}
    empty = brief_document(bare, [])
    assert empty["summary"] == [] and empty["timeline"] == []
    assert "No brief yet" in to_markdown(empty)


def test_format_value():
    assert format_value(7.0) == "7"
    assert format_value(1500) == "1,500"
    assert format_value(4.5, "%") == "4.5%"
    assert format_value(2.25, "km") == "2.25 km"


def test_an_events_point_is_not_listed_as_a_second_place():
    doc = brief_document(STORY, ARTICLES)
    md = to_markdown(doc)
    places = md.split("## Places")[1].split("##")[0]
    lines = [x for x in places.splitlines() if x.startswith("- Velna")]
    assert len(lines) == 2 and "ASSAULT event of 2031-03-31" in lines[1]
    assert "event" not in lines[0]
    html = render(doc, "html")
    assert "ASSAULT event of 2031-03-31" in html
