"""True time order: publish dates with UTC offsets sort by the instant they name."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storyline.export import build_export
from storyline.ingest.runner import ingest
from storyline.timeorder import utc_days, utc_key

EARLY_TEXT = "2026-03-05T01:00Z"  # sorts after LATE_TEXT as text...
LATE_TEXT = "2026-03-04T23:00-05:00"  # ...though it is 04:00Z on the 5th: three hours later

BODY = ("Storm surge flooded the harbour road at Marrowby overnight, the coastguard said, and "
        "crews closed the bridge to traffic while engineers checked the pylons for damage.")


def test_utc_keys():
    assert utc_key(LATE_TEXT) == "2026-03-05T04:00:00Z"
    assert utc_key(EARLY_TEXT) == "2026-03-05T01:00:00Z"
    assert utc_key(EARLY_TEXT) < utc_key(LATE_TEXT)
    assert utc_key("2026-03-05") == "2026-03-05"  # a date sorts before its day's timestamps
    assert utc_key("2026-03-05") < utc_key(EARLY_TEXT) < utc_key("2026-03-06")
    assert utc_key("2026-03-05T10:00:00") == "2026-03-05T10:00:00Z"  # no offset: UTC
    assert utc_key("not a date") is None and utc_key(None) is None
    assert utc_key("0001-01-01T00:30:00+01:00") is None  # before the calendar starts
    assert utc_days(LATE_TEXT) - utc_days(EARLY_TEXT) == 3 / 24


@given(st.datetimes(timezones=st.timezones()), st.datetimes(timezones=st.timezones()))
def test_keys_sort_as_the_instants_do(a, b):
    ka, kb = utc_key(a.isoformat()), utc_key(b.isoformat())
    if ka is None or kb is None:
        return
    if a.replace(microsecond=0) < b.replace(microsecond=0):
        assert ka <= kb


def _jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_publish_order_follows_utc_everywhere(store, settings, tmp_path):
    f = _jsonl(tmp_path / "two.jsonl", [
        {"id": "late", "source": "Valley Post", "text": BODY, "published": LATE_TEXT},
        {"id": "early", "source": "Lake Courier", "text": BODY, "published": EARLY_TEXT},
    ])
    ingest(store, [f], settings)
    assert [a.id for a in store.articles()] == ["early", "late"]
    # the canonical of a copy group is the truly earliest article
    assert store.get_article("late").duplicate_of == "early"
    assert store.get_article("early").duplicate_of is None
    doc = build_export(store)
    assert [a["id"] for a in doc["articles"]] == ["early", "late"]
    [story] = doc["stories"]
    assert story["article_ids"] == ["early", "late"]
    # ISO 8601 as the input gave it, with its own offset
    late, early = store.get_article("late").published, store.get_article("early").published
    assert (late, early) == ("2026-03-04T23:00:00-05:00", "2026-03-05T01:00:00+00:00")
    assert (story["first_published"], story["last_published"]) == (early, late)
