"""Exports beside the JSON contract: ACLED-style events CSV, GeoJSON, the briefs as Markdown
and HTML, and CSV cells that cannot run as spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from storyline.export import WRITERS
from storyline.export_events import ACLED_FIELDS, acled_rows, fatalities, geo_features
from storyline.ingest.runner import ingest
from storyline.safety import csv_cell, md_escape, safe_url


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    from storyline.settings import Settings
    from storyline.store import open_store

    db = str(tmp_path_factory.mktemp("exports") / "x.db")
    settings = Settings(db_url=db)
    store = open_store(db)
    report = ingest(store, [str(Path(__file__).parents[1] / "fixtures/serving/corpus.jsonl")],
                    settings)
    assert report.ok
    yield store
    store.close()


def _export(store, fmt: str) -> str:
    out = io.StringIO()
    WRITERS[fmt](store, out)
    return out.getvalue()


def test_csv_cells_never_start_a_formula():
    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [csv_cell(v) for v in ("+1", "-2", "@SUM(A1)", "\tx", "plain", 3)] == [
        "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", 3]


def test_safe_url_and_markdown_escape():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "/relative",
                "https://x.org/\"onmouseover=1", "http:///nohost", None, ""):
        assert safe_url(bad) is None, bad
    assert md_escape("<b>*x*</b> [a](javascript:1)") == "\\<b\\>\\*x\\*\\</b\\> \\[a\\](javascript:1)"
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("1. not a list") == "1\\. not a list"


def test_article_csv_is_neutralised(corpus_store, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_export(corpus_store, "csv"))))
    assert len(rows) == 7
    evil = tmp_path / "evil.jsonl"
    evil.write_text(json.dumps({"id": "=cmd|' /C calc'!A0", "source": "@outlet",
                                "title": "-2+3", "text": "+SUM(1,2) is the whole article"}) + "\n")
    from storyline.settings import Settings

    ingest(corpus_store, [str(evil)], Settings(db_url=str(corpus_store.engine.url.database)),
           ["clean"])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_export(corpus_store, "csv")))}
    row = rows["'=cmd|' /C calc'!A0"]
    assert (row["source"], row["title"], row["text"][:5]) == ("'@outlet", "'-2+3", "'+SUM")


def test_acled_rows_from_events_and_numbers():
    story = {"id": "s1", "title": "Dam", "events": [{
        "id": "e1", "date": "2031-03-31", "date_precision": "day", "category": "ASSAULT",
        "mode": None, "actor": "=Militia", "target": "Villagers", "place": "Velna",
        "geo": {"lat": 45.5, "lon": 14.2, "country": "SI"}, "description": "Militia attacked",
        "mentions": [{"article_id": "a1", "sentence": "x"}, {"article_id": "a2", "sentence": "y"}],
        "sources": ["North Post", "South Wire"]}],
        "numbers": [{"id": "n1", "what": "people killed", "event_id": "e1", "value": 7,
                     "mentions": [{"article_id": "a1", "value": 7, "source": "North Post"},
                                  {"article_id": "a2", "value": 12, "source": "South Wire"}]},
                    {"id": "n2", "what": "homes", "event_id": "e1", "value": 40,
                     "mentions": [{"article_id": "a1", "value": 40}]}]}
    [row] = list(acled_rows(story))
    assert set(row) == set(ACLED_FIELDS)
    assert (row["event_date"], row["year"], row["category"], row["actor1"], row["actor2"]) == (
        "2031-03-31", "2031", "ASSAULT", "=Militia", "Villagers")
    assert (row["latitude"], row["longitude"], row["country"]) == (45.5, 14.2, "SI")
    assert row["fatalities"] == 7  # the lowest toll reported, as ACLED codes it
    assert row["fatalities_reported"] == "7: North Post; 12: South Wire"
    assert row["sources"] == "North Post; South Wire" and row["article_ids"] == "a1 a2"
    assert fatalities({"id": "e9"}, story["numbers"]) == (None, "")
    [ev] = [f for f in geo_features(story) if f["properties"]["kind"] == "event"]
    assert ev["geometry"]["coordinates"] == [14.2, 45.5]


def test_acled_and_geojson_exports(corpus_store):
    text = _export(corpus_store, "acled")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_FIELDS
    assert all(len(r) == len(ACLED_FIELDS) for r in rows[1:])  # one row per coded event
    geo = json.loads(_export(corpus_store, "geojson"))
    assert geo["type"] == "FeatureCollection"
    names = {f["properties"]["name"]: f for f in geo["features"]
             if f["properties"]["kind"] == "place"}
    assert {"Porto", "Coimbra", "Helsinki"} <= set(names)
    lon, lat = names["Porto"]["geometry"]["coordinates"]
    assert 40.5 < lat < 41.5 and -9 < lon < -8
    assert names["Porto"]["properties"]["country"] == "PT"


def test_brief_exports(corpus_store):
    md = _export(corpus_store, "md")
    assert md.count("\n## Brief\n") == 4
    assert "\\<script\\>alert('body')\\</script\\>" in md and "<script>" not in md
    html = _export(corpus_store, "html")
    assert html.count('<article class="brief-doc"') == 4
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and "href='javascript:" not in html
