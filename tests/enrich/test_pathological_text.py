"""Pathological text never hangs a stage, and one article's failure is its own (issue 14).

50,000 emoji with no space held enrich for over 400 s (the tokenizer's suffix search is
quadratic in a chunk's length); a failing article made the runner parse the whole batch
again one article at a time."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sqlalchemy import select

from storyline.enrich import article as enrich_stage
from storyline.enrich.nlp.longtokens import PIECE, LongRunGuard
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.ingest.runner import ingest
from storyline.pipeline import run_stages
from storyline.store import schema as S

ALL = ["clean", "dedupe", "stories", "enrich"]
NORMAL = ("The ferry crossed Lake Constance on Monday, officials in Lindau said. "
          "\"We are relieved,\" said Anna Berg, the harbour master. ")


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_long_runs_without_spaces_are_enriched_and_offsets_hold(store, settings, tmp_path):
    emoji = "Harbour reopens after the storm. " + "\U0001F600" * 50_000 + " " + NORMAL
    base64 = "Officials said. " + "QUJD" * 20_000 + " done. " + NORMAL
    words = " ".join(["supercalifragilistic" * 30] * 300)
    f = _jsonl(tmp_path / "odd.jsonl", [
        {"id": "emoji", "title": "Emoji wall", "text": emoji},
        {"id": "b64", "title": "Encoded blob", "text": base64},
        {"id": "words", "title": "Long words", "text": words},
        {"id": "plain", "title": "Ferry", "text": NORMAL}])
    report = ingest(store, [str(f)], settings, ALL)
    assert report.ok, [s.failed for s in report.stages]
    texts = {a.id: a.text for a in store.articles()}
    with store.connect() as c:
        rows = c.execute(select(S.sentences.c.article_id, S.sentences.c.start, S.sentences.c.end,
                                S.sentences.c.text)).all()
        speakers = set(c.execute(select(S.quotes.c.speaker)).scalars())
    # (the wall of one long word is not read as English: stored, flagged, not parsed)
    assert {r.article_id for r in rows} >= {"emoji", "b64", "plain"}
    assert store.pending("enrich") == []
    for aid, start, end, text in rows:
        assert texts[aid][start:end] == text  # offsets into the stored text still hold
    assert "Anna Berg" in speakers  # the readable part of each article is read as usual


def test_the_guard_keeps_the_text_and_splits_only_long_runs():
    nlp = load_nlp()
    assert isinstance(nlp.tokenizer, LongRunGuard)
    text = "In Paris  on Monday, " + "x" * 450 + " then Berlin.\n\nMore " + "\U0001F600" * 250
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert max(len(t) for t in doc) == PIECE
    assert [t.text for t in doc][:4] == ["In", "Paris", " ", "on"]
    plain = "An ordinary sentence, with https://example.org/a/short/link in it."
    assert [t.text for t in nlp.make_doc(plain)] == [t.text for t in nlp.tokenizer.tokenizer(plain)]


def test_a_failing_article_fails_alone_and_nothing_is_parsed_twice(store, settings, tmp_path,
                                                                   monkeypatch):
    records = [{"id": f"a{i}", "title": f"Story {i}", "text": f"Report number {i}. " + NORMAL}
               for i in range(6)]
    ingest(store, [str(_jsonl(tmp_path / "six.jsonl", records))], settings,
           ["clean", "dedupe", "stories"])
    seen: list[str] = []
    real = enrich_stage.extract_quotes

    def quotes_failing_on_a3(doc, a, *args, **kw):  # a fault injected into one article
        seen.append(a.id)
        if a.id == "a3":
            raise ValueError("injected fault")
        return real(doc, a, *args, **kw)

    monkeypatch.setattr(enrich_stage, "extract_quotes", quotes_failing_on_a3)
    [report] = run_stages(store, settings, ["enrich"])
    assert sorted(seen) == [f"a{i}" for i in range(6)]  # each article once: no re-run
    assert report.processed == 5 and set(report.failed) == {"a3"}
    assert "injected fault" in report.failed["a3"]
    with store.connect() as c:
        enriched = set(c.execute(select(S.sentences.c.article_id)).scalars())
    assert enriched == {"a0", "a1", "a2", "a4", "a5"}  # a3's partial writes rolled back


def test_time_limit_per_article_fails_the_article_and_a_retry_completes_it(store, settings,
                                                                           tmp_path):
    page = ("<html><head><title>Harbour</title></head><body><article>"
            + "".join(f"<p>Paragraph {i}. {NORMAL}</p>" for i in range(200))
            + "</article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    hurried = dataclasses.replace(settings, max_article_seconds=0.0005)
    report = ingest(store, [str(tmp_path / "page.html")], hurried, ["clean"])
    [clean] = report.stages
    [(aid, why)] = clean.failed.items()
    assert "took longer than 0.0005 s" in why
    [again] = run_stages(store, settings, ["clean"], retry_failed=True)
    assert again.processed == 1 and not again.failed
    assert "Paragraph 199." in store.get_article(aid).text
