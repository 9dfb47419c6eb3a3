from collections import Counter
from pathlib import Path

from storyline.demo import demo_path
from storyline.ingest.runner import ingest
from tests.ingest.helpers import run


def test_demo_corpus_is_mixed_formats_and_offline(store, settings):
    files = sorted(p.name for p in demo_path().iterdir())
    assert Counter(Path(f).suffix for f in files) == {".txt": 4, ".html": 3, ".jsonl": 1, ".xml": 1}
    # --demo implies no fetching; with fetching on the feed's invented links would fail
    settings = settings.__class__(db_url=settings.db_url, fetch_feed_items=False)
    report = run(store, settings, demo_path(), stages=["clean"])
    assert report.ok, report.problems or [s.failed for s in report.stages]
    arts = store.articles()
    assert len(arts) == 13
    # outlets of text files come from their outlet line (the clean stage's job); the rest from metadata
    assert {a.source for a in arts if not a.input.endswith(".txt")} == {
        "Kestrel News", "Valley Post", "Meridian Wire", "Northern Ledger"}
    assert all(a.text.strip() for a in arts)


def test_demo_quirks_are_in_the_text():
    text = "\n".join(p.read_text(encoding="cp1252" if "wildfire.html" in p.name else "utf-8")
                     for p in demo_path().iterdir())
    for variant in ("Giancarlo Bertolucci", "Gian Carlo Bertolucci", "Marieke Janssens", "Marike Janssens",
                    "Daniel Okafor", "Dan Okafor", "MORE :", "Share this article", "date 2026-03-09"):
        assert variant in text
    for toll in ("At least seven people were killed", "At least eight people were killed", "rose to nine"):
        assert toll in text


def test_read_progress_is_reported(store, settings, tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Article {n} about the harbour.\n")
    seen = []
    ingest(store, [str(tmp_path / f"{n}.txt") for n in range(3)], settings, [],
           on_stage=lambda stage, done, total: seen.append((stage, done, total)))
    assert [s for s in seen if s[0] == "read"] == [("read", 1, 3), ("read", 2, 3), ("read", 3, 3)]
    assert seen[-1] == ("stored", 3, 0)  # articles stored, counted as they stream in
