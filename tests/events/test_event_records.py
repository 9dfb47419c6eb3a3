"""An event's fields read off its mentions, its description, and the story's timeline
(date order, a month before its days, publish-dated events flagged)."""

from __future__ import annotations

from storyline.events.merge import merge
from storyline.events.records import EventLink, StoryEvent, build_event, describe, timeline
from tests.events.test_merge import KHARKIV, RUSSIAN, m


def _event(eid: str, date: str | None, precision: str | None) -> StoryEvent:
    return StoryEvent(eid, 0, date, precision, "ASSAULT", None, None, None, None, None, None,
                      None, "", "hit", (EventLink("x:v0", "x", 0, "", "hit", "coded"),))


def test_timeline_in_date_order_with_precision():
    events = [_event("a", "2024-05-07", "day"), _event("b", "2024-05-01", "month"),
              _event("c", "2024-05-07", "published"), _event("d", "2024-05-03", "day"),
              _event("e", "2024-05-07", "day"), _event("f", None, None)]
    assert timeline(events) == [
        {"date": "2024-05-01", "precision": "month", "dated_by_publication": False,
         "event_ids": ["b"]},
        {"date": "2024-05-03", "precision": "day", "dated_by_publication": False,
         "event_ids": ["d"]},
        {"date": "2024-05-07", "precision": "day", "dated_by_publication": False,
         "event_ids": ["a", "e"]},
        {"date": "2024-05-07", "precision": "published", "dated_by_publication": True,
         "event_ids": ["c"]},
    ]


def test_event_fields_from_its_mentions():
    told = m(actor="Russian forces", actor_e=[RUSSIAN], place=KHARKIV, date="2024-05-06",
             precision="day", published="2024-05-07")
    undated = m(article="b1", order=1, actor="Russian troops", actor_e=[RUSSIAN],
                target="a school", place=KHARKIV, date=None, precision="published",
                published="2024-05-08", mode="heavy-weapons")
    [group] = merge([told, undated])
    e = build_event(group, 0, {"a1": "2024-05-07", "b1": "2024-05-08"})
    assert e.id == f"ev:{told.id}"
    assert (e.date, e.date_precision) == ("2024-05-06", "day")  # the day a mention names
    assert (e.actor, e.actor_entity_id) == ("Russian forces", RUSSIAN.id)
    assert (e.place, e.place_entity_id, e.mode) == ("Kharkiv", KHARKIV.id, "heavy-weapons")
    assert e.description == "Russian forces attacked a school in Kharkiv"
    assert [x.article_id for x in e.mentions] == ["a1", "b1"]
    # no mention names a day: the earliest publish date, flagged by its precision
    [only] = merge([undated])
    e2 = build_event(only, 1, {"b1": "2024-05-08"})
    assert (e2.date, e2.date_precision) == ("2024-05-08", "published")


def test_descriptions():
    assert describe("CONSULT", "Norway", "Sweden", "Geneva") == \
        "Norway held talks with Sweden in Geneva"
    assert describe("CONSULT", None, None, "Istanbul") == "Talks in Istanbul"
    assert describe("ASSAULT", None, "civilians", "Homs") == "Attack on civilians in Homs"
    assert describe("REQUEST", "Moscow", "Kyiv", None) == "Moscow made a demand of Kyiv"
