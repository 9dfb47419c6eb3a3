"""An event's fields read off its mentions, its description, and the story's timeline
(date order, a month before its days, publish-dated events flagged)."""

from __future__ import annotations

from storyline.events.merge import merge
from storyline.events.records import (
    EventLink,
    StoryEvent,
    build_event,
    describe,
    timeline,
    timeline_start,
)
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


def test_background_events_stay_off_the_timeline():
    """An event that ended over a month before the story's first article ("the peninsula,
    seized in 2014") is background: among the events, not on the timeline; one of the day
    before the first article ("on Sunday" in a Monday report) is on it."""
    start = timeline_start("2022-02-28T09:00:00Z")
    assert start == "2022-01-29"
    events = [_event("old", "2014-01-01", "year"), _event("lastyear", "2021-12-01", "month"),
              _event("jan", "2022-01-29", "day"), _event("sun", "2022-02-27", "day"),
              _event("pub", "2022-02-28", "published"), _event("thisyear", "2022-01-01", "year")]
    got = [i for t in timeline(events, start) for i in t["event_ids"]]
    assert got == ["thisyear", "jan", "sun", "pub"]
    assert [i for t in timeline(events) for i in t["event_ids"]][0] == "old"  # no start: all
    assert timeline_start(None) is None and timeline_start("not a date") is None


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


def test_people_of_a_town_are_not_the_town():
    """"Prosecutors in Kharkiv" are named as written (a town speaks for no one); "the city
    of Kharkiv" and a country's officials take the entity's name; the place is not said
    twice in the description."""
    from tests.events.test_merge import TURKEY
    pros = m("COERCE", actor="Prosecutors in Kharkiv", actor_e=[KHARKIV], place=KHARKIV,
             mode="seize")
    e = build_event(merge([pros])[0], 0, {"a1": "2024-05-07"})
    assert (e.actor, e.actor_entity_id) == ("Prosecutors in Kharkiv", KHARKIV.id)
    assert e.description == "Prosecutors in Kharkiv seized"
    city = m("COERCE", actor="the city of Kharkiv", actor_e=[KHARKIV], place=KHARKIV)
    assert build_event(merge([city])[0], 0, {"a1": "2024-05-07"}).actor == "Kharkiv"
    officials = m("COERCE", actor="officials in Turkey", actor_e=[TURKEY], place=KHARKIV)
    assert build_event(merge([officials])[0], 0, {"a1": "2024-05-07"}).actor == "Turkey"


def test_descriptions_say_the_mode_and_no_target_that_is_the_place_or_the_act():
    assert describe("COERCE", "Police", "two men", "Homs", mode="arrest") == \
        "Police arrested two men in Homs"
    assert describe("PROTEST", "Dockworkers", "Antwerp", "Antwerp", mode="strike") == \
        "Dockworkers went on strike in Antwerp"
    assert describe("COERCE", "Italy", "state of emergency", None, mode="martial-law",
                    trigger="declared a state of emergency") == "Italy declared an emergency"
    assert describe("PROTEST", "Students", "the government", None, mode="demo") == \
        "Students protested against the government"


def test_the_noun_of_an_event_without_actor_takes_its_own_preposition():
    assert describe("ASSAULT", None, "Russian troops", None, mode="abduct") == \
        "Abduction of Russian troops"
    assert describe("ASSAULT", None, "civilians", None) == "Attack on civilians"
