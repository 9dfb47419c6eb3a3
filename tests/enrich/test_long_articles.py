"""An article longer than ``enrich_max_chars`` is enriched up to a paragraph end before the
limit, the cut is recorded, and the run goes on."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import func, select

from storyline.ingest.runner import ingest
from storyline.store import schema as S

PARAGRAPH = ("Rescuers arrived in Dunmere on Monday after the river burst its banks. "
             "\"We need more boats,\" said Anna Lindqvist, the mayor. ")


def test_long_article_is_enriched_up_to_the_limit(store, settings, tmp_path: Path):
    settings = dataclasses.replace(settings, enrich_max_chars=2_000)
    long_text = "Flood diary\n\n" + "\n\n".join(PARAGRAPH * 2 for _ in range(40))
    (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Dunmere mayor thanks rescuers\n\n" + PARAGRAPH,
                                        encoding="utf-8")
    report = ingest(store, [str(tmp_path / "long.txt"), str(tmp_path / "short.txt")], settings,
                    ["clean", "dedupe", "stories", "enrich"])
    assert report.ok, [s.failed for s in report.stages]
    arts = {Path(a.input).name: a for a in store.articles()}
    long_art = arts["long.txt"]
    cut = long_art.metadata["enrich"]["truncated_at"]
    assert 1_000 <= cut <= 2_000 and long_art.text[cut] == "\n"
    assert long_art.metadata["enrich"]["text_chars"] == len(long_art.text) > 2_000
    assert "enrich" not in arts["short.txt"].metadata
    with store.connect() as c:
        last = c.execute(select(func.max(S.sentences.c.end))
                         .where(S.sentences.c.article_id == long_art.id)).scalar()
        quotes = c.execute(select(func.count()).select_from(S.quotes)
                           .where(S.quotes.c.article_id == long_art.id)).scalar()
    assert last is not None and last <= cut
    assert quotes >= 5  # the enriched part is enriched in full
    assert store.pending("enrich") == []
