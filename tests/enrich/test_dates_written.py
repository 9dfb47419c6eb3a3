"""Dates written with a month name or as a year are read without dateparser (issue 15: a
millisecond each), to the same value and precision dateparser gives them."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from storyline.enrich.dates import normalise as N

MONTHS = ["January", "Feb", "February", "Mar.", "Sept", "sept.", "APRIL", "may", "Dec."]
FORMS = ["{m}", "{m} 2005", "{m}, 2005", "{m} , 2011", "12 {m}", "{m} 12", "29 {m}", "{m} 31",
         "31 {m} 2011", "{m} 12, 2011", "{m} 12 , 2011", "{m} 12 2011", "1st {m}",
         "2nd of {m} 2012", "{m} 3rd", "30 {m}", "{m} 29, 2011"]
YEARS = ["1650", "1999", "2000", "2011", "2099"]
# month ends, leap days, the turn of a year; None: an article without a publish date
BASES = [None, date(2012, 2, 29), date(2011, 1, 31), date(2012, 1, 30), date(2011, 12, 31),
         date(2010, 3, 31), date(2013, 4, 30), date(2011, 2, 28), date(2009, 6, 15)]


def _texts() -> list[str]:
    return sorted({f.format(m=m) for f in FORMS for m in MONTHS} | set(YEARS))


def test_every_written_form_reads_as_dateparser_reads_it():
    rng = random.Random(7)
    bases = BASES + [date(2008, 1, 1) + timedelta(days=rng.randrange(730)) for _ in range(6)]
    compared = 0
    for text in _texts():
        for base in bases:
            written = N._written(text, base)
            if written is None:
                continue
            for future, past in ((False, False), (True, False), (False, True)):
                parsed = N._parsed(text, base, future)
                expected = N._finish(text, parsed, base, future, past) if parsed else (None, None)
                assert N._finish(text, written, base, future, past) == expected, \
                    (text, base, future, past)
                compared += 1
    assert compared > 3000


@pytest.mark.parametrize("text", ["2011", "March 2005", "12 April 2011", "April 12 , 2011",
                                  "22nd Jun", "Dec 31", "September", "12th of April 2011"])
def test_the_common_forms_never_reach_dateparser(text):
    assert N._written(text, date(2011, 5, 20)) is not None


@pytest.mark.parametrize(("text", "base"), [
    ("31 April", date(2011, 5, 20)),       # no such day: dateparser says so
    ("February", date(2011, 1, 31)),       # its Feb 28 or 29 depends on the year it picks
    ("Octob 12", date(2011, 5, 20)),       # not a spelling of a month
    ("1500", date(2011, 5, 20)),           # not a year the text is read for
    ("three months to December", date(2011, 5, 20)),
])
def test_other_texts_go_to_dateparser(text, base):
    assert N._written(text, base) is None


def test_normalise_date_gives_the_written_dates():
    assert N.normalise_date("12 April 2011", "2011-05-20") == ("2011-04-12", "day")
    assert N.normalise_date("in March 2005", "2011-05-20") == ("2005-03-01", "month")
    assert N.normalise_date("April 12", "2011-05-20") == ("2011-04-12", "day")
    assert N.normalise_date("June 3", "2011-05-20", future=True) == ("2011-06-03", "day")
    assert N.normalise_date("2003", None) == ("2003-01-01", "year")
