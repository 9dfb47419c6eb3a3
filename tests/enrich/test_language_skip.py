"""Only English text goes through the English pipeline; other languages stay stored as is."""

from pathlib import Path

from sqlalchemy import func, select

from storyline.ingest.runner import ingest
from storyline.store import schema as S

FIX = Path(__file__).parent.parent / "fixtures" / "clean"


def test_non_english_article_is_stored_but_not_enriched(store, settings):
    report = ingest(store, [str(FIX / "page-de.html"), str(FIX / "page.html")], settings,
                    ["clean", "dedupe", "stories", "enrich"])
    assert report.ok, [s.failed for s in report.stages]
    langs = {a.language: a.id for a in store.articles()}
    with store.connect() as c:
        sents = dict(c.execute(select(S.sentences.c.article_id, func.count())
                               .group_by(S.sentences.c.article_id)).all())
    assert sents.get(langs["en"], 0) > 0
    assert langs["de"] not in sents
    assert store.pending("enrich") == []  # done, not left pending or failed
