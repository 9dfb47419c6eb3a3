"""Figures that are not stated as facts, and the review's other misreadings: negated,
projected and suspected figures, age groups, ranges over two phrases, exchange rates,
a company's shares, "how about one"."""

from __future__ import annotations

import pytest

from storyline.enrich.numbers.amounts import read_amount
from tests.enrich.enrich_helpers import nlp
from tests.enrich.test_numbers import claims


def test_a_negated_figure_is_no_claim():
    assert claims("I am not predicting two million to three million deaths, the minister "
                  "said.") == []
    assert claims("The flood did not destroy 300 homes in Dunmere.") == []


def test_a_figure_that_is_the_subject_of_a_negation_stays_what_did_not_happen():
    [c] = claims("In the survey, 14% of people aged 18 to 34 never voted.")
    assert (c.value, c.unit, c.what) == (14, "%", "people")
    [c] = claims("About 300 homes were not insured.")
    assert (c.value, c.what, c.kind) == (300, "homes not insured", "home|not insured")


@pytest.mark.parametrize(("text", "value", "what"), [
    ("The storm could kill 5,000 people if it reaches the coast.", 5000,
     "people killed (projected)"),
    ("If 30% of people were infected, 100,000 would die.", 1e5, "people killed (projected)"),
])
def test_a_projected_figure_is_a_kind_of_its_own(text, value, what):
    c = next(c for c in claims(text) if c.value == value)
    assert c.what == what and c.kind.endswith("(projected)")


def test_an_estimate_of_the_past_is_not_a_projection():
    [c] = claims("Between 100,000 and 200,000 people may have died.")
    assert c.what == "people killed"


def test_a_count_the_sentence_calls_suspected_is_a_kind_of_its_own():
    [c] = claims("Early reports that 240 people had died of the fever in Norland were only "
                 "suspected cases, officials said.")
    assert (c.value, c.kind) == (240, "people|killed (suspected)")
    [c] = claims("At least 240 people had died of the fever in Norland, officials said.")
    assert c.kind == "people|killed"


def test_an_age_group_is_people_of_those_ages_and_its_ages_no_figure():
    [c] = claims("Only 21% of 18 to 34 year olds voted in the poll.")
    assert (c.value, c.unit, c.what) == (21, "%", "people aged 18 to 34")
    assert claims("The council offers grants for 14 to 16 year olds.") == []


def test_a_range_written_as_two_phrases_keeps_both_ends():
    [c] = claims("The well was leaking between 14,000 barrels per day and 21,000 bpd, "
                 "scientists said.")
    assert (c.value, c.high, c.qualifier, c.unit) == (14000, 21000, "between", "barrel/day")
    doc = nlp()("He spoke of two million to three million (deaths) in the worst case.")
    ent = next(e for e in doc.ents if e.label_ == "CARDINAL")
    amount = read_amount(doc, ent)  # one scale on both ends: a range, whatever follows
    assert amount is not None and (amount.value, amount.high) == (2e6, 3e6)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The peg holds the currency at a rate of 8.2 yuan to the dollar.", 8.2, "CNY/USD"),
    ("The government keeps the yuan pegged close to a rate of 7.45 to the US dollar.", 7.45,
     "CNY/USD"),
    ("Part of it comes from the cheap krona. The bank keeps it at a rate of 7.1 to the euro.",
     7.1, "SEK/EUR"),
    ("The bank keeps it at a rate of 7.1 to the euro.", 7.1, "XXX/EUR"),
])
def test_an_exchange_rate_has_both_currencies_as_its_unit(text, value, unit):
    [c] = claims(text)
    assert (c.value, c.unit, c.what) == (value, unit, "exchange rate")


def test_a_company_that_fell_in_market_talk_is_its_share_price():
    cs = claims("In Asian markets, adjustments were made quickly. Danish Airways shed almost "
                "4%. Nordic Cement dropped 2.6%.")
    assert [(c.value, c.what, c.holder) for c in cs] == [
        (4, "share price fall", "Danish Airways"), (2.6, "share price fall", "Nordic Cement")]
    [c] = claims("Exports fell 3% in March.")
    assert c.what == "exports fall"


def test_one_in_words_after_how_about_is_no_figure():
    assert claims("How about one mayor who tells the truth?") == []


def test_a_share_of_something_takes_what_happened_to_it():
    [c] = claims("About 5% of the crop was destroyed by the storm.")
    assert (c.value, c.unit, c.what, c.kind) == (5, "%", "crop destroyed", "crop|destroyed")
    [c] = claims("Around 10% of the population is affected by flu each year.")
    assert c.what == "population affected"


def test_a_relative_clause_inside_a_condition_states_a_fact():
    [c] = claims("Analysts said that if the mining sector - which saw output fall 0.7% - had "
                 "been left out the data would have looked better.")
    assert (c.value, c.what) == (0.7, "output fall")


def test_a_range_with_its_unit_on_the_second_end_keeps_both_ends():
    [c] = claims("The well is leaking crude at a rate of 14,000 to 21,000 barrels a day.")
    assert (c.value, c.high, c.unit) == (14000, 21000, "barrel/day")


def test_a_figure_describing_the_subject_of_a_possibility_is_a_fact():
    [c] = claims("A sharp rise in import prices of 6.2% could stoke inflation.")
    assert (c.value, c.what) == (6.2, "import prices rise")
    [c] = claims("Up to 5,000 people could die in the storm.")
    assert c.what == "people killed (projected)"


def test_a_noun_modifier_says_who_people_are_not_what_happened_to_them():
    [c] = claims("Norland is sending a team of 40 rescue workers.")
    assert (c.value, c.what) == (40, "rescue workers")
    [c] = claims("Some 300 displaced people arrived.")
    assert c.what == "people displaced"


def test_a_ranking_is_no_count():
    assert claims("He hid that the 12 biggest shareholders owned more.") == []
    assert claims("The bank and its 10 largest shareholders met on Friday.") == []
