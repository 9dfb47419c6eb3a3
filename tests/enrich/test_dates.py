"""Date normalisation against the publication date (rules of storyline.enrich.dates.normalise)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.dates.normalise import normalise_date
from tests.enrich.enrich_helpers import fixture_articles, parse

TUESDAY = "2022-03-29"  # a Tuesday


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("on Tuesday", False, ("2022-03-29", "day")),       # the publish day itself
    ("Tuesday", True, ("2022-03-29", "day")),
    ("Monday", False, ("2022-03-28", "day")),
    ("late on Monday", False, ("2022-03-28", "day")),
    ("Sunday night", False, ("2022-03-27", "day")),
    ("Friday", False, ("2022-03-25", "day")),           # latest Friday on or before
    ("Friday", True, ("2022-04-01", "day")),            # "will meet on Friday"
    ("last Tuesday", False, ("2022-03-22", "day")),
    ("next Monday", False, ("2022-04-04", "day")),
    ("yesterday", False, ("2022-03-28", "day")),
    ("today", False, ("2022-03-29", "day")),
    ("tomorrow", False, ("2022-03-30", "day")),
    ("Monday (28)", False, ("2022-03-28", "day")),
    ("Thursday (24)", False, ("2022-03-24", "day")),
    ("March 10", False, ("2022-03-10", "day")),
    ("December 28", False, ("2021-12-28", "day")),      # nearest year to the publish date
    ("10 March 2014", False, ("2014-03-10", "day")),
    ("March 2022", False, ("2022-03-01", "month")),
    ("2014", False, ("2014-01-01", "year")),
    ("last week", False, ("2022-03-21", "week")),
    ("this week", False, ("2022-03-28", "week")),
    ("last month", False, ("2022-02-01", "month")),
    ("next year", False, ("2023-01-01", "year")),
    ("two days ago", False, ("2022-03-27", "day")),
    ("five weeks ago", False, ("2022-02-21", "week")),
    ("two weeks", False, (None, None)),                 # a duration is not a date
    ("recent days", False, (None, None)),
])
def test_normalise_against_publish_date(text, future, expected):
    assert normalise_date(text, TUESDAY, future=future) == expected


def test_offsets_anchor_on_narrative_date():
    assert normalise_date("five weeks after", TUESDAY, anchor=date(2022, 2, 24)) == \
        ("2022-03-28", "week")
    assert normalise_date("two days later", TUESDAY, anchor=date(2022, 3, 1)) == \
        ("2022-03-03", "day")
    assert normalise_date("five weeks after", TUESDAY) == (None, "week")  # no anchor known


def test_a_past_event_is_never_dated_after_the_publish_date():
    doc, a, sents = parse("Fighting resumed on Monday. Five weeks after the invasion began, "
                          "troops withdrew. Two days later the bridge will reopen.", TUESDAY)
    by_text = {d.text.lower(): d for d in extract_dates(doc, a, sents)}
    weeks = by_text["five weeks"]
    assert (weeks.value, weeks.precision) == (None, "week")  # not Monday + 5 weeks (May)
    assert by_text["monday"].value == "2022-03-28"
    assert by_text["two days later"].value == "2022-03-30"  # future: the narrative anchor


def test_undated_article_leaves_relative_dates_unresolved():
    for text in ("on Tuesday", "yesterday", "last week", "March 10", "Monday (28)"):
        assert normalise_date(text, None)[0] is None, text
    assert normalise_date("4 May 2021", None) == ("2021-05-04", "day")


def test_tense_of_the_governing_verb_decides_the_side():
    doc, a, sents = parse("The ministers will meet on Friday. The ministers met on Friday.",
                          TUESDAY)
    values = [d.value for d in extract_dates(doc, a, sents) if d.text == "Friday"]
    assert values == ["2022-04-01", "2022-03-25"]


def test_a_period_running_until_a_yearless_date_ends_ahead():
    # published 2022-03-29: "until 15 June" with no past tense is this June, not last year's
    doc, a, sents = parse("The ministry has granted an exemption allowing firms to finish "
                          "contracts until 15 June. The curfew lasted until 15 June.", TUESDAY)
    values = [d.value for d in extract_dates(doc, a, sents)]
    assert values == ["2022-06-15", "2021-06-15"]


def test_fixture_articles_dates():
    arts = fixture_articles()
    d = arts["flood-dunmere"]
    doc, a, sents = parse(d["text"], d["published"])
    found = {(m.text, m.value, m.precision) for m in extract_dates(doc, a, sents)}
    assert ("Tuesday", "2023-06-13", "day") in found          # published that Tuesday
    assert ("Monday", "2023-06-12", "day") in found           # "late on Monday"
    assert ("Friday", "2023-06-16", "day") in found           # "will meet on Friday"
    assert ("March 10", "2023-03-10", "day") in found
    t = arts["talks-translated"]
    doc, a, sents = parse(t["text"], t["published"])
    assert [(m.text, m.value) for m in extract_dates(doc, a, sents)] == \
        [("Monday (12)", "2023-06-12")]
    u = arts["undated-notice"]
    doc, a, sents = parse(u["text"], None)
    by_text = {m.text: m.value for m in extract_dates(doc, a, sents)}
    assert by_text["Tuesday"] is None
    assert by_text["4 May 2021"] == "2021-05-04"
    # offsets point at the mention in the text
    for m in extract_dates(doc, a, sents):
        assert u["text"][m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("August 18, 2011", "2010-09-01", "2011-08-18"),      # a written year is never changed
    ("August 18 , 2011", "2010-09-01", "2011-08-18"),     # tokenised text: " , " before it
    ("February 11 , 2013", "2011-05-01", "2013-02-11"),
    ("11 February , 2013", "2011-05-01", "2013-02-11"),
    ("Friday , March 4 , 2011", "2011-09-01", "2011-03-04"),
    ("June , 2009", "2011-09-01", "2009-06-01"),
])
def test_a_written_year_is_the_dates_year(text, published, expected):
    assert normalise_date(text, published)[0] == expected


@pytest.mark.parametrize(("text", "future", "past", "expected"), [
    ("March 17", False, False, "2011-03-17"),   # a chronology line: the latest past one
    ("September 1", False, True, "2011-09-01"),
    ("October 2", False, False, "2011-10-02"),  # within a month ahead, no past tense
    ("October 2", False, True, "2010-10-02"),   # "troops withdrew on October 2": past
    ("March 17", True, False, "2012-03-17"),    # "will vote on March 17": the next one
    ("September 21", True, False, "2011-09-21"),
])
def test_a_yearless_date_is_the_latest_past_one(text, future, past, expected):
    assert normalise_date(text, "2011-09-21", future=future, past=past)[0] == expected


def test_a_chronology_inside_an_article_keeps_its_dates_in_the_past():
    text = ("Key dates in the crisis.\nFebruary 15 - Protests break out in the eastern city.\n"
            "March 17 - The Security Council votes to impose a no-fly zone.\n"
            "August 21 - Rebel fighters enter the capital.\n"
            "On September 1 , 2011 , leaders met in Paris .")
    doc, a, sents = parse(text, "2011-09-21")
    values = {m.text: m.value for m in extract_dates(doc, a, sents)}
    assert values["February 15"] == "2011-02-15"
    assert values["March 17"] == "2011-03-17"
    assert values["August 21"] == "2011-08-21"
    assert any(v == "2011-09-01" for v in values.values())
