"""Numeric claims: value, what, qualifier, unit, place, date; number words."""

from __future__ import annotations

import pytest

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.numbers.claims import extract_numbers
from storyline.enrich.numbers.words import parse_number
from tests.enrich.enrich_helpers import fixture_articles, mentions, parse


@pytest.mark.parametrize(("text", "value"), [
    ("seven", 7), ("Twenty-six", 26), ("1,119", 1119), ("160,000", 160000),
    ("10 million", 1e7), ("1.5bn", 1.5e9), ("a dozen", 12), ("five hundred", 500),
    ("three hundred and forty-two", 342), ("twenty thousand", 20000), ("2.5", 2.5),
    ("4m", 4e6), ("hundreds", None), ("several", None), ("", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def claims(text: str, published: str | None = "2023-06-13"):
    doc, a, sents = parse(text, published)
    return extract_numbers(doc, a, sents, mentions(doc, a, sents), extract_dates(doc, a, sents))


def one(cs, text: str):
    return next(c for c in cs if c.text == text)


def test_counts_with_what_and_qualifier():
    d = fixture_articles()["flood-dunmere"]
    cs = claims(d["text"], d["published"])
    c = one(cs, "at least 12")
    assert (c.value, c.what, c.qualifier, c.place) == (12, "people killed", "at least", "Dunmere")
    c = one(cs, "more than 3,400")
    assert (c.value, c.what, c.qualifier) == (3400, "resident evacuated", "more than")
    c = one(cs, "Twenty-six")
    assert (c.value, c.what, c.qualifier) == (26, "bus", None)
    assert c.sentence.startswith("Twenty-six buses carried families")
    assert d["text"][c.start:c.end] == c.text
    assert one(cs, "640").what == "home destroyed"


def test_other_qualifiers_and_grouping_lemmas():
    cs = claims("Over 10 million Ukrainians have fled. Almost 300 soldiers died. "
                "The UN confirmed 1,119 civilian deaths. Around 40 trucks arrived.")
    got = {(c.value, c.what, c.qualifier) for c in cs}
    assert (1e7, "ukrainian", "over") in got
    assert (300, "soldier", "almost") in got
    assert (1119, "civilian death", None) in got
    assert (40, "truck", "around") in got


def test_money_percent_and_quantities_keep_units():
    cs = claims("The fund raised $1.5bn for repairs. Some 51 percent of respondents agreed. "
                "The convoy drove 300 kilometres.")
    money = next(c for c in cs if c.unit == "USD")
    assert money.value == 1.5e9
    pct = next(c for c in cs if c.unit == "%")
    assert (pct.value, pct.what) == (51, "respondent")


def test_years_dates_times_ordinals_and_ages_are_not_claims():
    cs = claims("In 2014 the second round of talks lasted two weeks and began at 10am. "
                "Gavin Hale, 23, a student, was there. Article 5 applies. The two sides met.")
    assert cs == []


def test_place_and_date_from_the_sentence_else_publish_date():
    cs = claims("On Monday, 40 houses were flooded in Dunmere. 12 bridges were closed.",
                "2023-06-13")
    c = one(cs, "40")
    assert (c.place, c.date) == ("Dunmere", "2023-06-12")
    c = one(cs, "12")
    assert (c.place, c.date) == (None, "2023-06-13")
    assert one(claims("12 bridges were closed.", None), "12").date is None


def test_there_takes_the_place_of_the_sentence_before():
    cs = claims("Rescuers arrived in Dunmere on Monday. She said that 400 families were trapped there. "
                "Officials said 30 schools were closed.", "2023-06-13")
    assert one(cs, "400").place == "Dunmere"
    assert one(cs, "30").place is None  # no "there": the place is not carried over
    cs = claims("Dunmere was quiet. There were 14 arrests, police said.", "2023-06-13")
    assert one(cs, "14").place is None  # existential "there" points at nothing


def test_currency_nouns_make_money():
    c = one(claims("The region asked for 20 million euros in aid."), "20 million")
    assert (c.value, c.unit, c.what) == (2e7, "EUR", "money")
