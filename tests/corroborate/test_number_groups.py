"""Grouping a story's figures by the quantity they state, and judging each group."""

from __future__ import annotations

from storyline.corroborate.numbers import Figure, group_numbers
from storyline.corroborate.reports import Report, reports_of
from storyline.records import Article
from storyline.settings import CorroborateSettings

REPORTS = [
    Report("a", "Harbour Courier", "2031-02-02", "outlet:harbourcourier"),
    Report("b", "Valley Post", "2031-02-03", "outlet:valleypost"),
    Report("c", "Kestrel News", "2031-02-04", "outlet:kestrelnews"),
    Report("d", "Harbour Courier", "2031-02-05", "outlet:harbourcourier"),
]
_n = iter(range(1000))


def fig(article: str, value: float, kind: str = "people|killed", what: str = "people killed",
        qualifier: str | None = None, place: str | None = "Orvelle", date: str | None = None,
        unit: str | None = None, holder: str | None = None, sentence: int = 0,
        high: float | None = None) -> Figure:
    n = next(_n)
    day = date or next(r.published for r in REPORTS if r.article_id == article)
    return Figure(f"{article}:n{n}", article, sentence, n, value, what, kind, unit, qualifier,
                  high, place, day, holder)


def test_two_outlets_agreeing_within_their_qualifiers_corroborate():
    groups = group_numbers([fig("a", 1e7, "people|displaced", "people displaced", "over"),
                            fig("b", 1e7, "people|displaced", "people displaced", "around")],
                           REPORTS)
    [g] = groups
    assert g.status == "corroborated" and g.reports == 2
    assert [(v.value, v.qualifier, v.sources, v.first_reported) for v in g.values] == [
        (1e7, "over", ("Harbour Courier",), "2031-02-02"),
        (1e7, "around", ("Valley Post",), "2031-02-03")]


def test_one_outlet_is_single_source_however_often_it_says_it():
    [g] = group_numbers([fig("a", 12), fig("d", 12)], REPORTS)
    assert g.status == "single-source" and g.reports == 1
    assert [v.article_ids for v in g.values] == [("a", "d")]


def test_different_tolls_conflict_shown_in_time_order_with_their_trend():
    [g] = group_numbers([fig("b", 12), fig("a", 7, qualifier="at least")], REPORTS)
    assert g.status == "conflicting" and g.trend == "rising"
    assert [(v.value, v.sources, v.first_reported) for v in g.values] == [
        (7, ("Harbour Courier",), "2031-02-02"), (12, ("Valley Post",), "2031-02-03")]
    assert g.conservative is not None and g.conservative.value == 7  # ACLED: the lowest


def test_the_conservative_figure_is_the_lowest_of_the_best_sourced():
    [g] = group_numbers([fig("a", 9), fig("b", 14), fig("c", 14)], REPORTS)
    assert g.status == "conflicting" and g.conservative.value == 14  # two reports say 14
    assert g.value == 14
    [g] = group_numbers([fig("a", 500, "home|destroyed", "homes destroyed"),
                         fig("b", 800, "home|destroyed", "homes destroyed")], REPORTS)
    assert g.status == "conflicting" and g.conservative is None  # not a casualty count


def test_a_falling_figure_and_a_same_day_disagreement():
    [g] = group_numbers([fig("a", 20), fig("b", 15)], REPORTS)
    assert g.trend == "falling"
    same_day = [Report("x", "One", "2031-02-02", "outlet:one"),
                Report("y", "Two", "2031-02-02", "outlet:two")]
    [g] = group_numbers([
        Figure("x:n1", "x", 0, 0, 7, "people killed", "people|killed", date="2031-02-02"),
        Figure("y:n1", "y", 0, 0, 9, "people killed", "people|killed", date="2031-02-02")],
        same_day)
    assert g.status == "conflicting" and g.trend is None


def test_a_syndicated_copy_never_corroborates_its_original():
    wire = Article("wire", "in", "t", "text", source="Meridian Wire", published="2031-02-02")
    copy = Article("copy", "in", "t", "text", source="Kestrel News", published="2031-02-02",
                   duplicate_of="wire")
    reports = reports_of([wire, copy])
    [g] = group_numbers([Figure("wire:n0", "wire", 0, 0, 14, "people killed", "people|killed"),
                         Figure("copy:n0", "copy", 0, 0, 14, "people killed", "people|killed")],
                        reports)
    assert g.status == "single-source" and g.reports == 1
    assert g.values[0].sources == ("Meridian Wire", "Kestrel News")  # both printed it
    other = Article("ledger", "in", "t", "text", source="Northern Ledger",
                    published="2031-02-03")
    [g] = group_numbers([Figure("wire:n0", "wire", 0, 0, 14, "people killed", "people|killed"),
                         Figure("copy:n0", "copy", 0, 0, 14, "people killed", "people|killed"),
                         Figure("led:n0", "ledger", 0, 0, 14, "people killed", "people|killed")],
                        reports_of([wire, copy, other]))
    assert g.status == "corroborated" and g.reports == 2


def test_two_figures_of_one_sentence_are_two_quantities_not_a_conflict():
    groups = group_numbers([fig("a", 6.76e8, "money", "money", unit="USD", sentence=3),
                            fig("a", 3.75e8, "money", "money", unit="USD", sentence=3)], REPORTS)
    assert len(groups) == 2 and {g.status for g in groups} == {"single-source"}
    groups = group_numbers([fig("a", 7), fig("a", 40)], REPORTS)  # one article, two tolls
    assert len(groups) == 2 and {g.status for g in groups} == {"single-source"}


def test_amounts_that_differ_are_different_amounts_not_a_dispute():
    groups = group_numbers([fig("a", 1.1e10, "sale", "sales", unit="USD"),
                            fig("b", 1.09e10, "sale", "sales", unit="USD")], REPORTS)
    assert len(groups) == 2 and all(g.status == "single-source" for g in groups)
    [g] = group_numbers([fig("a", 1.1e10, "sale", "sales", unit="USD"),
                         fig("b", 1.1e10, "sale", "sales", unit="USD")], REPORTS)
    assert g.status == "corroborated"


def test_kind_unit_place_holder_window_and_ratio_keep_quantities_apart():
    apart = [
        [fig("a", 12), fig("b", 12, "people|injured", "people injured")],
        [fig("a", 12, unit="USD", kind="amount|paid"), fig("b", 12, unit="GBP", kind="amount|paid")],
        [fig("a", 12, place="Orvelle"), fig("b", 14, place="Marrowby")],
        [fig("a", 3e8, "profit", unit="USD", holder="Acme"),
         fig("b", 3e8, "profit", unit="USD", holder="Bolt")],
        [fig("a", 12, date="2031-02-02"), fig("b", 15, date="2031-02-20")],  # over a week
        [fig("a", 12), fig("b", 20000)],  # a toll of the strike, a toll of the war
    ]
    for figures in apart:
        assert len(group_numbers(figures, REPORTS)) == 2, figures


def test_a_figure_without_a_place_joins_the_group_of_its_kind():
    [g] = group_numbers([fig("a", 12, place="Orvelle"), fig("b", 12, place=None),
                         fig("c", 12, place="Orvelle")], REPORTS)
    assert g.place == "Orvelle" and g.reports == 3
    groups = group_numbers([fig("a", 12, place="Orvelle"), fig("b", 30, place=None),
                            fig("c", 30, place="Marrowby")], REPORTS)
    assert [(g.place, [f.article_id for f in g.figures]) for g in groups] == [
        ("Orvelle", ["a"]), ("Marrowby", ["b", "c"])]  # it agrees with Marrowby's


def test_figures_of_two_events_never_share_a_group():
    a, b = fig("a", 12), fig("b", 12)
    assert len(group_numbers([a, b], REPORTS, events={a.id: "e1", b.id: "e2"})) == 2
    [g] = group_numbers([a, b], REPORTS, events={a.id: "e1"})
    assert g.event_id == "e1"
    [g] = group_numbers([a, b], REPORTS)
    assert g.event_id is None


def test_settings_bound_the_grouping():
    tight = CorroborateSettings(tolerance=0.0)
    groups = group_numbers([fig("a", 1e7, "people|displaced", qualifier="over"),
                            fig("b", 1.05e7, "people|displaced", qualifier="around")],
                           REPORTS, tight)
    assert groups[0].status == "conflicting"


def test_a_dispute_needs_one_place_and_comparable_times():
    cases = "case|confirmed"
    # the worldwide count names no place; the story's counts name two: not the US's count
    groups = group_numbers([fig("a", 226, cases, place="US"), fig("a", 34, cases, place="UK",
                                                                 sentence=2),
                            fig("b", 900, cases, place=None)], REPORTS)
    assert len(groups) == 3 and all(g.status == "single-source" for g in groups)
    # one place named for the kind: a figure naming none is about it
    [g] = group_numbers([fig("a", 9, place="Velmora"), fig("b", 14, place=None)], REPORTS)
    assert g.status == "conflicting" and g.place == "Velmora"
    # a dated figure and an undated one are not one toll in dispute
    undated = [Report("u", "Ledger", None, "outlet:ledger"), *REPORTS]
    groups = group_numbers([fig("a", 2000, date="1998-01-01"),
                            Figure("u:n1", "u", 0, 0, 10000, "people killed", "people|killed",
                                   place="Orvelle")], undated)
    assert len(groups) == 2


def test_increments_add_to_a_toll_they_do_not_dispute_it():
    groups = group_numbers([fig("a", 15), fig("b", 3, "+people|killed", "more people killed")],
                           REPORTS)
    assert len(groups) == 2 and all(g.status == "single-source" for g in groups)


def test_rates_dispute_rates():
    [g] = group_numbers([fig("a", 35000, unit="/year"), fig("b", 36000, unit="/year")], REPORTS)
    assert g.status == "conflicting"
    assert len(group_numbers([fig("a", 35000, unit="/year"), fig("b", 36000)], REPORTS)) == 2


def test_a_figure_naming_no_place_joins_a_place_only_when_its_article_names_it():
    texts = {"a": "Orvelle: 9 confirmed cases.",
             "b": "Of a population of millions, only 9 confirmed cases. Written from Kestrel.",
             "c": "Orvelle's health office counted 9 confirmed cases."}
    placed = fig("a", 9, "case|confirmed", "cases confirmed")
    elsewhere = fig("b", 9, "case|confirmed", "cases confirmed", place=None)
    groups = group_numbers([placed, elsewhere], REPORTS, texts=texts)
    assert [(g.place, g.status) for g in groups] == [
        ("Orvelle", "single-source"), (None, "single-source")]  # no false corroboration
    named = fig("c", 9, "case|confirmed", "cases confirmed", place=None)
    [g] = group_numbers([placed, named], REPORTS, texts=texts)
    assert (g.place, g.status) == ("Orvelle", "corroborated")


def test_a_placeless_toll_in_an_article_not_naming_the_place_never_disputes_it():
    texts = {"a": "Nine died in Orvelle.", "b": "Twelve died, officials said."}
    groups = group_numbers([fig("a", 9), fig("b", 12, place=None)], REPORTS, texts=texts)
    assert [g.status for g in groups] == ["single-source", "single-source"]


def test_two_estimates_of_a_yearly_rate_conflict_with_no_trend():
    [g] = group_numbers([fig("a", 35000, unit="/year"), fig("b", 36000, unit="/year")], REPORTS)
    assert g.status == "conflicting" and g.trend is None
