"""Numeric claims: value, what, qualifier, unit, place, date; number words."""

from __future__ import annotations

import pytest

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.nlp.ptb import ptb_normalise
from storyline.enrich.nlp.sentences import keep_text, sentences_of
from storyline.enrich.numbers.claims import extract_numbers
from storyline.enrich.numbers.words import parse_number
from tests.enrich.enrich_helpers import article, fixture_articles, mentions, nlp


@pytest.mark.parametrize(("text", "value"), [
    ("seven", 7), ("Twenty-six", 26), ("1,119", 1119), ("160,000", 160000),
    ("10 million", 1e7), ("1.5bn", 1.5e9), ("a dozen", 12), ("five hundred", 500),
    ("three hundred and forty-two", 342), ("twenty thousand", 20000), ("2.5", 2.5),
    ("4m", 4e6), ("hundreds", None), ("several", None), ("", None),
    # two numbers side by side are not one: a vote split, a range, an article and a number
    ("2-1", None), ("2 1", None), ("30-40", None), ("a 100", None), ("twenty 5m", None),
    ("1 million", 1e6), ("a million", 1e6), ("twenty-one", 21),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def claims(text: str, published: str | None = "2023-06-13"):
    """The claims of a text parsed as the enrich stage parses it (PTB escapes unescaped)."""
    a = article(text, published)
    doc = keep_text(nlp()(ptb_normalise(text)), text)
    sents = sentences_of(doc, a.id)
    return extract_numbers(doc, a, sents, mentions(doc, a, sents), extract_dates(doc, a, sents))


def one(cs, text: str):
    return next(c for c in cs if c.text == text)


def test_counts_with_what_and_qualifier():
    d = fixture_articles()["flood-dunmere"]
    cs = claims(d["text"], d["published"])
    c = one(cs, "at least 12")
    assert (c.value, c.what, c.kind, c.qualifier, c.place) == \
        (12, "people killed", "people|killed", "at least", "Dunmere")
    c = one(cs, "more than 3,400")
    assert (c.value, c.what, c.qualifier) == (3400, "residents evacuated", "more than")
    c = one(cs, "Twenty-six")
    assert (c.value, c.what, c.qualifier) == (26, "buses", None)
    assert c.sentence.startswith("Twenty-six buses carried families")
    assert d["text"][c.start:c.end] == c.text
    assert one(cs, "640").what == "homes destroyed"


def test_other_qualifiers_and_what_happened_to_people():
    cs = claims("Over 10 million Ukrainians have fled. Almost 300 soldiers died. "
                "The UN confirmed 1,119 civilian deaths. Around 40 trucks arrived.")
    got = {(c.value, c.what, c.kind, c.qualifier) for c in cs}
    assert (1e7, "people fled", "people|fled", "over") in got  # a demonym counts people
    assert (300, "soldiers killed", "soldier|killed", "almost") in got
    assert (1119, "civilians killed", "civilian|killed", None) in got
    assert (40, "trucks", "truck", "around") in got


@pytest.mark.parametrize(("text", "value", "what"), [
    ("Up to 200,000 have been killed in the disaster.", 2e5, "people killed"),
    ("The quake killed as many as 200,000 people.", 2e5, "people killed"),
    ("The death toll is estimated at 200,000.", 2e5, "people killed"),
    ("The war has driven 10 million people from their homes.", 1e7, "people displaced"),
    ("Some 300,000 were made homeless.", 3e5, "people homeless"),
    ("Another 300,000 were made homeless.", 3e5, "more people homeless"),  # an increment
    ("Three more deaths were confirmed.", 3, "more people killed"),
    ("Seven of the soldiers were killed.", 7, "soldiers killed"),
])
def test_a_number_standing_alone_counts_what_its_verb_says(text, value, what):
    c = claims(text)[0]
    assert (c.value, c.what) == (value, what)


def test_money_percent_and_quantities_keep_units():
    cs = claims("The fund raised $1.5bn for repairs. Some 51 percent of respondents agreed. "
                "The convoy drove 300 kilometres.")
    money = next(c for c in cs if c.unit == "USD")
    assert (money.value, money.what) == (1.5e9, "amount raised")
    pct = next(c for c in cs if c.unit == "%")
    assert (pct.value, pct.what, pct.qualifier) == (51, "respondents", "some")
    km = next(c for c in cs if c.unit == "km")
    assert (km.value, km.what) == (300, "distance")


@pytest.mark.parametrize(("text", "figure", "value", "unit", "what"), [
    ("The firm reported a $850m loss.", "$850m", 8.5e8, "USD", "loss"),
    ("Sales rose to \u00a31.35bn last year.", "\u00a31.35bn", 1.35e9, "GBP", "sales"),
    ("Eurotunnel is struggling with debts of more than 6bn euros.", "more than 6bn euros",
     6e9, "EUR", "debts"),
    ("The region asked for 20 million euros in aid.", "20 million euros", 2e7, "EUR", "aid"),
    ("Marsh agreed to pay $850m to settle the suit.", "$850m", 8.5e8, "USD", "amount paid"),
    ("The bank lent A$200,000 to the club.", "A$200,000", 2e5, "AUD", "amount lent"),
    ("Shares fell to 22 euro cents.", "22 euro cents", 0.22, "EUR", "shares"),
    ("Profits jumped 76% to $1.13bn.", "76%", 76, "%", "profits rise"),
    ("Unemployment fell to 4.7% in March.", "4.7%", 4.7, "%", "unemployment"),
    ("Inflation was 2.1 per cent.", "2.1 per cent", 2.1, "%", "inflation"),
    ("The base lies 300km inside the Arctic circle.", "300km", 300, "km", "distance"),
    ("The spill covers 78,603 square miles.", "78,603 square miles", 78603, "mi2", "area"),
    ("The well leaked 5,000 barrels of oil.", "5,000 barrels", 5000, "barrel", "oil"),
    ("The contract is worth \u00a37m a year.", "\u00a37m a year", 7e6, "GBP/year",
     "contract value"),
    ("The price of oil rose to $ 80 a barrel .", "$ 80 a barrel", 80, "USD/barrel",
     "price of oil"),
    ("The cost of borrowing will fall to 3.5%.", "3.5%", 3.5, "%", "cost of borrowing"),
])
def test_units_and_multipliers(text, figure, value, unit, what):
    c = one(claims(text), figure)
    assert (c.value, c.unit, c.what) == (value, unit, what)


def test_ranges_keep_both_ends():
    c = claims("Between 100,000 and 200,000 people may have died.")[0]
    assert (c.value, c.high, c.qualifier, c.what) == (1e5, 2e5, "between", "people killed")
    c = claims("Ex-managers paid penalties of between $50-100,000.")[0]
    assert (c.value, c.high, c.unit) == (5e4, 1e5, "USD")


def test_two_figures_in_one_sentence_each_count_their_own_thing():
    cs = claims("It posted a $676m loss against a $375m profit a year earlier.")
    assert [(c.value, c.what) for c in cs] == [(6.76e8, "loss"), (3.75e8, "profit")]
    cs = claims("TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn.")
    assert [(c.value, c.unit, c.what) for c in cs] == [(2, "%", "sales rise"),
                                                       (1.11e10, "USD", "sales")]


def test_conversions_in_brackets_are_not_figures_of_their_own():
    cs = claims("Profit was $1.13bn (\u00a3600m) and the pipe ran a mile (1.6 km) under the sea.")
    assert [c.text for c in cs] == ["$1.13bn"]


def test_tokenised_text_reads_like_prose():
    text = ("The UK has released # 200,000 -LRB- $ 325,000 -RRB- from its disaster fund . "
            "`` Up to 200,000 have been killed , '' he said .")
    cs = claims(text)
    assert [(c.text, c.value, c.unit, c.what) for c in cs] == [
        ("# 200,000", 2e5, "GBP", "amount released"),
        ("Up to 200,000", 2e5, None, "people killed")]
    assert all(text[c.start:c.end] == c.text for c in cs)
    assert not any("rrb" in c.what or "lrb" in c.what for c in cs)


def test_distances_ages_and_percentages_are_not_counts_of_people():
    cs = claims("The 23-year-old student, aged 23, ran 12 miles. About 40% of the people voted.")
    assert [(c.value, c.unit, c.what) for c in cs] == [(12, "mi", "distance"),
                                                       (40, "%", "people")]


def test_years_dates_times_ordinals_and_ages_are_not_claims():
    cs = claims("In 2014 the second round of talks lasted two weeks and began at 10am. "
                "Gavin Hale, 23, a student, was there. Article 5 applies. The two sides met. "
                "Updated 17.42 BST. They won 3-1.")
    assert cs == []


def test_clock_times_are_not_figures():
    cs = claims("The show airs at 3pm on Fridays, and from 7.00 to 10.00 pm on Sundays. "
                "Polls close at 10 p.m., and 40 staff count the votes. The phone-in runs "
                "from 7.00-10 .00 pm.")
    assert [(c.value, c.what) for c in cs] == [(40, "staff")]


def test_place_and_date_from_the_sentence_else_publish_date():
    cs = claims("On Monday, 40 houses were flooded in Dunmere. 12 bridges were closed.",
                "2023-06-13")
    c = one(cs, "40")
    assert (c.place, c.date) == ("Dunmere", "2023-06-12")
    c = one(cs, "12")
    assert (c.place, c.date) == (None, "2023-06-13")
    assert one(claims("12 bridges were closed.", None), "12").date is None


def test_the_place_is_the_numbers_own_clauses():
    cs = claims("Talks held in Marrowby made no progress toward ending the war that has driven "
                "over 2 million people from their homes.")
    assert one(cs, "over 2 million").place is None  # Marrowby is where the talks were


def test_a_place_in_a_comparison_belongs_to_the_figure_compared():
    cs = claims("Norway's jobless rate rose to 3.1% in the last quarter, compared with 11.5% "
                "in Portugal.")
    assert one(cs, "3.1%").place == "Norway"  # not Portugal, the compared figure's place
    cs = claims("Unemployment in Norway stood at 3.1%, far lower than in Portugal.")
    assert one(cs, "3.1%").place == "Norway"


def test_the_date_of_the_old_value_or_the_compared_figure_is_not_the_figures():
    cs = claims("Revenue climbed to 52.4m euros from 47.1m euros in 2019.", "2021-03-01")
    assert one(cs, "52.4m euros").date == "2021-03-01"  # 2019 dates the 47.1m
    cs = claims("Its pre-tax earnings in the fourth quarter were 86m euros, up from 61m in the "
                "same period of 2019.", "2021-03-01")
    assert one(cs, "86m euros").date == "2021-03-01"
    cs = claims("The firm made a profit of 86m euros, compared with a loss of 12m euros in "
                "2019.", "2021-03-01")
    assert (one(cs, "86m euros").date, one(cs, "12m euros").date) == ("2021-03-01",
                                                                     "2019-01-01")
    cs = claims("Revenue rose 8% to 52.4m euros in 2020.", "2021-03-01")
    assert one(cs, "52.4m euros").date == "2020-01-01"  # no old value: its own date
    cs = claims("Exports rose 5% from January to March.", "2021-03-01")
    assert one(cs, "5%").date == "2021-03-01"


def test_there_takes_the_place_of_the_sentence_before():
    cs = claims("Rescuers arrived in Dunmere on Monday. She said that 400 families were trapped there. "
                "Officials said 30 schools were closed.", "2023-06-13")
    assert one(cs, "400").place == "Dunmere"
    assert one(cs, "30").place is None  # no "there": the place is not carried over
    cs = claims("Dunmere was quiet. There were 14 arrests, police said.", "2023-06-13")
    assert one(cs, "14").place is None  # existential "there" points at nothing


def test_holder_is_whose_figure_it_is():
    c = one(claims("Quarterly profits at media giant TimeWarner jumped to $1.13bn."), "$1.13bn")
    assert (c.what, c.holder) == ("profits", "TimeWarner")


def test_rates_are_units_of_their_own():
    cs = claims("Some 2 people die daily of the disease. Every year 36,000 people die in Orvelle. "
                "The flu kills 35,000 people in an average year.")
    assert [(c.value, c.unit, c.what) for c in cs] == [
        (2, "/day", "people killed"), (36000, "/year", "people killed"),
        (35000, "/year", "people killed")]


def test_that_attack_takes_the_place_named_before():
    cs = claims("Rockets hit a government building in Dunmere on Tuesday. At least seven people "
                "were killed in that attack, the governor said.", "2023-06-13")
    assert one(cs, "At least seven").place == "Dunmere"


def test_ages_and_labels_in_of_phrases_are_not_counts():
    assert claims("I saw a child of 14 die on the table.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Card use is picking up with a rise in spending of 14.8% this year.",
     [(14.8, "spending rise")]),
    ("A further 15m euros will be made available to farmers.",
     [(1.5e7, "amount made available")]),
    ("Rights groups put the death toll in Orvelle at 1,297 civilians and 340 soldiers.",
     [(1297, "civilians killed"), (340, "soldiers killed")]),
    ("Of the 101 suspected deaths in Orvelle, 19 have been confirmed.",
     [(101, "people killed (suspected)")]),
    ("The president spoke on the eight anniversary of the invasion.", []),
    ("Women hold 10% of the seats on boards of FTSE 100 companies and the top 50 firms.",
     [(10, "seats")]),
])
def test_what_reads_the_phrase_around_the_number(text, expected):
    assert [(c.value, c.what) for c in claims(text)] == expected


def test_worldwide_figures_are_the_worlds():
    c = claims("Almost 900 cases had been confirmed across five continents, the WHO said.")[0]
    assert (c.what, c.place) == ("cases confirmed", "world")


@pytest.mark.parametrize(("text", "expected"), [
    ("It has drugs for 41% of its 21-million population.",
     [(41, "%", "population"), (2.1e7, None, "population")]),
    ("About three out of 1,000 people who were infected died.", []),  # a denominator
    ("It is banking on its 787 Dreamliner plane.", []),                # a model
    ("In the survey, 14% of people aged 18 to 34 never voted.", [(14, "%", "people")]),
    ("The trade is worth more than 200bn euros a year, or about 5% of world trade.",
     [(5, "%", "world trade")]),  # not a yearly rate: the euros are
])
def test_hyphens_denominators_models_and_rates(text, expected):
    got = [(c.value, c.unit, c.what) for c in claims(text)]
    assert [g for g in got if g[1] != "EUR/year"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The party hopes to win 25 to 30 seats.", [(25, 30, "seats")]),
    ("The death toll rose from 7 to 12 on Tuesday.", [(12, None, "people killed")]),
    ("Candidates must be 21 while the voting age is 18.", []),  # ages
    ("It cost \u00a350m. Chief executive Ann Hale was paid a bonus of \u00a344,914.",
     [(44914, None, "bonus")]),  # "50m." ends its sentence: "Chief executive" is not its noun
])
def test_ranges_changes_ages_and_sentence_ends(text, expected):
    assert [(c.value, c.high, c.what) for c in claims(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Plans forecast a quarter of a million students joining.", [(2.5e5, None, None, "students")]),
    ("It pumped nearly half a million barrels of oil.", [(5e5, None, "barrel", "oil")]),
    ("About 70% to 80% of bondholders accept the offer.", [(70, 80, "%", "bondholders")]),
    ("Shares in the auction house fell 9.8% in trading.", [(9.8, None, "%", "shares fall")]),
    ("It is a rival to Boeing's 777 line.", []),  # a model
    ("The UAE will send 12 aircraft.", [(12, None, None, "aircraft")]),
])
def test_fractions_percent_ranges_and_models(text, expected):
    assert [(c.value, c.high, c.unit, c.what) for c in claims(text)] == expected


def test_a_rate_after_what_is_counted_and_vague_lows():
    c = claims("Before the war it pumped nearly half a million barrels of oil per day.")[0]
    assert (c.value, c.unit, c.what) == (5e5, "barrel/day", "oil")
    assert claims("The yen hit a seven-month low of 105.17 on Monday.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("EBay stock fell to $92.9 in after-hours trade, from a $103.05 end on Nasdaq.",
     [(92.9, "USD", "stock")]),
    ("Net profit was $186m in the quarter, compared with $1.13bn in the same period in 2003.",
     [(1.86e8, "USD", "net profit")]),  # "in the same period" names no amount
])
def test_in_names_what_the_money_is_only_when_it_hangs_on_it(text, expected):
    assert [(c.value, c.unit, c.what) for c in claims(text)] == expected


def test_multipliers_and_side_by_side_numbers_are_not_counts():
    # "four times as many vehicles" is no count of 4 vehicles; a vote split whose dash a
    # scrape lost ("a 2 1 decision") is no figure of 3
    cs = claims("Last year the plant built almost four times as many vehicles with 4,500 "
                "workers. The appeal was rejected in a 2 1 decision.")
    assert [(c.value, c.what) for c in cs] == [(4500, "workers")]


def test_a_count_before_a_model_number_is_read_alone():
    # digits after digits are two numbers: the count stays, the model number is a label
    cs = claims("The airline bought 10 737-800 planes. It was 2009 04 25 08:50 JST in Mexico.")
    assert [(c.value, c.what) for c in cs] == [(10, "planes")]
