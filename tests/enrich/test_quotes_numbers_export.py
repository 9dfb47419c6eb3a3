"""End to end: ingest invented articles, run the pipeline, export quotes and numbers."""

from __future__ import annotations

import json

from tests.enrich.enrich_helpers import FIXTURES


def test_stage_export_quotes_and_numbers(cli, db_path):
    result = cli("ingest", str(FIXTURES / "quotes_articles.jsonl"))
    assert result.exit_code == 0, result.output
    doc = json.loads(cli("export", "--format", "json").output)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    published = {a["id"]: a["published"] for a in doc["articles"]}
    quotes = [q for s in doc["stories"] for q in s["quotes"]]
    assert quotes, "the quotes section is filled"
    for q in quotes:
        assert {"id", "speaker", "speaker_entity_id", "text", "kind", "article_id",
                "date"} <= set(q)
        assert q["kind"] in ("direct", "reported") and q["article_id"] in texts
        assert q["sentence"] in texts[q["article_id"]]
        assert q["date"] or not published[q["article_id"]]  # undated: no date guessed
    hallam = [q for q in quotes if q["text"].startswith("The water came up")]
    assert hallam and "Hallam" in hallam[0]["speaker"] and hallam[0]["speaker_entity_id"]
    entity_ids = {e["id"] for s in doc["stories"] for e in s["entities"]}
    if entity_ids:
        assert hallam[0]["speaker_entity_id"] in entity_ids
    resident = next(q for q in quotes if q["text"].startswith("Everything is gone"))
    assert resident["speaker"] == "A resident" and resident["speaker_entity_id"] is None
    for s in doc["stories"]:
        for n in s["numbers"]:
            assert {"id", "what", "value", "place", "date", "mentions", "status"} <= set(n)
            assert isinstance(n["value"], float) and isinstance(n["id"], str)
            assert n["status"] in ("corroborated", "single-source", "conflicting")
            for m in n["mentions"]:
                assert m["sentence"] in texts[m["article_id"]]


def test_numbers_group_across_articles(cli, db_path):
    assert cli("ingest", str(FIXTURES / "quotes_articles.jsonl")).exit_code == 0
    doc = json.loads(cli("export", "--format", "json").output)
    story = next(s for s in doc["stories"] if "flood-carrow-wire" in s["article_ids"])
    assert "flood-dunmere" in story["article_ids"]
    numbers = story["numbers"]
    killed = next(n for n in numbers if n["what"] == "people killed")
    assert killed["value"] == 12 and killed["status"] == "corroborated"
    assert {m["article_id"] for m in killed["mentions"]} == {"flood-dunmere", "flood-carrow-wire"}
    homes = next(n for n in numbers if n["what"] == "homes destroyed")
    assert homes["status"] == "conflicting" and homes["trend"] == "rising"
    assert [v["value"] for v in homes["values"]] == [640, 700]  # in the order first reported
    buses = next(n for n in numbers if n["what"] == "buses")
    assert buses["status"] == "single-source"
    assert [q["article_id"] for q in story["quotes"]][0] == "flood-dunmere"  # publication order


def test_a_syndicated_copy_does_not_corroborate_its_original(cli, db_path, tmp_path):
    """The same wire report printed by a second outlet is one report: its figures stay
    single-source until an independent outlet reports them."""
    wire = ("At least 14 people were killed when a landslide buried part of the village of "
            "Orvelle on Sunday, regional officials said. Rescue teams were still searching for "
            "survivors late into the night, and the main road into the valley was closed.")
    rows = [
        {"id": "orvelle-wire", "source": "Meridian Wire", "published": "2031-02-02", "text": wire},
        {"id": "orvelle-copy", "source": "Kestrel News", "published": "2031-02-02",
         "text": wire + " Kestrel News will update this story."},
    ]
    path = tmp_path / "landslide.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert cli("ingest", str(path)).exit_code == 0
    doc = json.loads(cli("export", "--format", "json").output)
    dups = {a["id"]: a["duplicate_of"] for a in doc["articles"]}
    # same day: the smaller id is the canonical, whichever outlet printed it first
    assert dups["orvelle-wire"] == "orvelle-copy" and dups["orvelle-copy"] is None
    killed = [n for s in doc["stories"] for n in s["numbers"] if n["value"] == 14]
    assert killed and killed[0]["status"] == "single-source"
    assert len(killed[0]["mentions"]) == 2

    other = tmp_path / "independent.jsonl"
    other.write_text(json.dumps({
        "id": "orvelle-ledger", "source": "Northern Ledger", "published": "2031-02-03",
        "text": "At least 14 people were killed in the village of Orvelle on Sunday, the regional "
                "governor told reporters on Monday as the landslide search went on."}) + "\n",
        encoding="utf-8")
    assert cli("ingest", str(other)).exit_code == 0
    doc = json.loads(cli("export", "--format", "json").output)
    killed = [n for s in doc["stories"] for n in s["numbers"]
              if n["value"] == 14 and len(n["mentions"]) == 3]
    assert killed and killed[0]["status"] == "corroborated"
