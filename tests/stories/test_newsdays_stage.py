"""The stories stage keeps its news-days clock between runs: a sparse corpus's story stays
open across an ingest a month later; a story the news went on without is dormant."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import Store

STAGES = ["clean", "dedupe", "stories"]
FIRE = ("Firefighters in Harlow Bay fought a warehouse blaze at the Quayside depot for six "
        "hours on {day}. Chief officer Lena Marsh said the Quayside fire started in a battery "
        "store and that crews from three stations had contained it before dawn.")
TOPICS = ["orchestra concert symphony composer", "harvest wheat farmers rain",
          "marathon runners course record", "library books readers reopening",
          "election ballot candidates turnout", "museum painting exhibition curator"]


def _jsonl(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _other(n: int, day: dt.date) -> dict:
    words = TOPICS[n % len(TOPICS)]
    text = (f"In Stenfold number {n}, the {words} drew attention on {day:%d %B}. "
            f"Residents talked about the {words} for hours, and officials from "
            f"district {n} promised a report about the {words} next week.")
    return {"id": f"other{n}", "title": f"Stenfold {words} {n}", "text": text,
            "published": day.isoformat()}


def _fire(aid: str, day: dt.date) -> dict:
    return {"id": aid, "title": "Quayside depot fire in Harlow Bay",
            "text": FIRE.format(day=f"{day:%d %B}"), "published": day.isoformat()}


def _fire_again(aid: str, day: dt.date) -> dict:
    text = ("The Quayside depot in Harlow Bay reopened on {day}, a month after the warehouse "
            "blaze. Lena Marsh, the chief fire officer, said the battery store that caught fire "
            "has been rebuilt, and the firefighters who fought the Quayside fire were thanked.")
    return {"id": aid, "title": "Harlow Bay Quayside depot reopens after fire",
            "text": text.format(day=f"{day:%d %B}"), "published": day.isoformat()}


def _story(store: Store, aid: str) -> str | None:
    return next(a.story_id for a in store.articles() if a.id == aid)


def test_a_sparse_story_stays_open_across_runs(tmp_path: Path, store: Store, settings: Settings):
    start = dt.date(2024, 1, 1)
    ingest(store, [_jsonl(tmp_path / "a.jsonl", [_fire("a", start)])], settings, stages=STAGES)
    later = [_fire_again("b", start + dt.timedelta(days=28))]
    ingest(store, [_jsonl(tmp_path / "b.jsonl", later)], settings, stages=STAGES)
    assert _story(store, "b") == _story(store, "a") is not None


def test_a_story_the_news_went_on_without_goes_dormant(tmp_path: Path, store: Store,
                                                       settings: Settings):
    start = dt.date(2024, 1, 1)
    rows = [_fire("a", start)] + [_other(n, start + dt.timedelta(days=n)) for n in range(1, 28)]
    ingest(store, [_jsonl(tmp_path / "a.jsonl", rows)], settings, stages=STAGES)
    later = [_fire_again("b", start + dt.timedelta(days=28))]
    ingest(store, [_jsonl(tmp_path / "b.jsonl", later)], settings, stages=STAGES)
    assert _story(store, "b") != _story(store, "a")


def test_a_store_written_before_the_clock_kept_its_days_rebuilds_them(tmp_path: Path,
                                                                       store: Store,
                                                                       settings: Settings):
    """A store whose engine state has no news days (written by an earlier storyline) reads
    them from its placed articles' publish days, so a story the news went on without is
    still dormant there."""
    from sqlalchemy import delete, select

    from storyline.store import schema as S
    from storyline.stories.persist import load_engine

    start = dt.date(2024, 1, 1)
    rows = [_fire("a", start)] + [_other(n, start + dt.timedelta(days=n)) for n in range(1, 28)]
    ingest(store, [_jsonl(tmp_path / "a.jsonl", rows)], settings, stages=STAGES)
    with store.begin() as c:
        c.execute(delete(S.story_meta).where(S.story_meta.c.key == "days"))
    with store.connect() as c:
        assert c.execute(select(S.story_meta.c.value)
                         .where(S.story_meta.c.key == "days")).first() is None
        assert len(load_engine(c, settings.cluster).days) == 28
    later = [_fire_again("b", start + dt.timedelta(days=28))]
    ingest(store, [_jsonl(tmp_path / "b.jsonl", later)], settings, stages=STAGES)
    assert _story(store, "b") != _story(store, "a")
    with store.connect() as c:  # and the state keeps them from now on
        assert c.execute(select(S.story_meta.c.value)
                         .where(S.story_meta.c.key == "days")).scalar()
