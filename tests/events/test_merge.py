"""Merging a story's event mentions into events (pure: mentions built by hand): the same
event told by two outlets is one event; two strikes on two cities on one day stay two;
dates compare by their precision; parties by entity, polity, then words; references back
("that attack") and unnamed tellings only join events others opened."""

from __future__ import annotations

import datetime as dt

from storyline.events.compat import (
    EntityInfo,
    Party,
    Span,
    content_words,
    date_fit,
    date_span,
    mode_fit,
    party_fit,
    place_fit,
)
from storyline.events.merge import MentionIn, merge, refers_back

UKRAINE = EntityInfo("e-ua", "Ukraine", "GPE", "geo:ua", "UA", 49.0, 32.0, "country")
RUSSIA = EntityInfo("e-ru", "Russia", "GPE", "geo:ru", "RU", 60.0, 100.0, "country")
RUSSIAN = EntityInfo("e-rus", "Russian", "NORP", "norp:RU")
MOSCOW = EntityInfo("e-msk", "Moscow", "GPE", "geo:msk", "RU", 55.75, 37.62, "city")
KHARKIV = EntityInfo("e-khr", "Kharkiv", "GPE", "geo:khr", "UA", 50.0, 36.23, "city")
ODESA = EntityInfo("e-ods", "Odesa", "GPE", "geo:ods", "UA", 46.48, 30.73, "city")
KHARKIV_DISTRICT = EntityInfo("e-khd", "Saltivka", "GPE", "geo:khd", "UA", 50.03, 36.30, "city")
TURKEY = EntityInfo("e-tr", "Turkey", "GPE", "geo:tr", "TR", 39.0, 35.0, "country")
ISTANBUL = EntityInfo("e-ist", "Istanbul", "GPE", "geo:ist", "TR", 41.01, 28.95, "city")
ANNA = EntityInfo("e-anna", "Anna Berg", "PERSON", "berg anna")
OLAF = EntityInfo("e-olaf", "Olaf Lind", "PERSON", "lind olaf")

_n = iter(range(10_000))


def m(category="ASSAULT", *, article="a1", order=0, sent=0, actor=None, actor_e=(),
      target=None, target_e=(), place=None, date="2024-05-07", precision="day",
      published="2024-05-08", mode=None, sentence="", unnamed=False, anaphoric=False,
      start=0) -> MentionIn:
    n = next(_n)
    return MentionIn(
        id=f"{article}:v{n}", article_id=article, sentence_idx=sent, sentence=sentence,
        trigger="hit", trigger_start=start, category=category, mode=mode,
        actor=Party(actor, tuple(actor_e)), target=Party(target, tuple(target_e)),
        place=place, place_name=None, span=date_span(date, precision, published), order=order,
        unnamed=unnamed, anaphoric=anaphoric)


def groups_of(mentions: list[MentionIn]) -> list[set[str]]:
    return [{x.id for x, _ in g.members} for g in merge(mentions)]


# -- the comparisons ---------------------------------------------------------------------

def test_dates_compare_by_precision():
    day = date_span("2024-05-07", "day", "2024-05-08")
    assert date_fit(day, date_span("2024-05-07", "day", "2024-05-09")).points == 2.0
    assert date_fit(day, date_span("2024-05-06", "day", "2024-05-08")).conflict
    # an undated sentence: the few days up to its publish date
    undated = date_span("2024-05-09", "published", "2024-05-09")
    assert undated == Span(dt.date(2024, 5, 6), dt.date(2024, 5, 9))
    assert date_fit(day, undated).points == 1.0
    assert date_fit(day, date_span(None, "published", "2024-05-20")).conflict
    month = date_span("2024-05-01", "month", "2024-06-02")
    assert month == Span(dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    assert date_fit(day, month).points == 0.5
    assert date_fit(date_span("2023-01-01", "year", None), day).conflict
    assert date_fit(day, None).points == 0.0


def test_places_same_near_contained_or_apart():
    assert place_fit(KHARKIV, None, KHARKIV, None).points == 3.0
    assert place_fit(KHARKIV, None, KHARKIV_DISTRICT, None).points == 2.5  # ~6 km apart
    assert place_fit(UKRAINE, None, KHARKIV, None).points == 1.0  # a city in the country
    assert place_fit(KHARKIV, None, ODESA, None).conflict  # two cities
    assert place_fit(ISTANBUL, None, KHARKIV, None).conflict  # two countries
    assert place_fit(TURKEY, None, KHARKIV, None).conflict
    assert place_fit(None, None, KHARKIV, None).points == 0.0
    assert place_fit(None, "Vesk", None, "vesk").points == 3.0  # unknown to the gazetteer
    assert place_fit(None, "Vesk", None, "Darnak").conflict


def test_parties_by_entity_then_polity_then_words():
    def fit(party, *named):
        return party_fit(party, {e.id for e in named}, {p for e in named if (p := e.polity)},
                         set(content_words(" ".join(e.name for e in named))),
                         {e.id: e.type for e in named})

    assert fit(Party("Russia", (RUSSIA,)), RUSSIA).points == 2.0
    # Russia, Russian forces and Moscow (its government) are one side
    assert fit(Party("Russian forces", (RUSSIAN,)), RUSSIA).points == 1.5
    assert fit(Party("Moscow", (MOSCOW,)), RUSSIAN).points == 1.5
    assert fit(Party("Ukraine", (UKRAINE,)), RUSSIA).conflict
    assert fit(Party("Anna Berg", (ANNA,)), OLAF).conflict  # two people
    assert fit(Party("Anna Berg", (ANNA,)), UKRAINE).points == 0.0  # unknown affiliation
    # text naming no entity never conflicts; shared words are some evidence
    assert party_fit(Party("the rebel fighters"), set(), set(), {"rebel", "group"}, {}).points == 1.0
    assert party_fit(Party("gunmen"), set(), set(), {"rebel"}, {}).points == 0.0
    assert party_fit(Party(None), {"e-ru"}, {"RU"}, {"russia"}, {}).points == 0.0


def test_attack_modes_are_one_family():
    assert mode_fit("explosives", {"heavy-weapons"})
    assert mode_fit(None, {"abduct"}) and mode_fit("abduct", set())
    assert not mode_fit("abduct", {"explosives"})


# -- merging -----------------------------------------------------------------------------

def test_one_strike_told_by_two_outlets_is_one_event():
    a = m(article="a1", actor="Russian forces", actor_e=[RUSSIAN], place=KHARKIV)
    b = m(article="b1", order=1, actor="Russia", actor_e=[RUSSIA], target="the city",
          place=KHARKIV, date=None, precision="published", published="2024-05-08")
    assert groups_of([a, b]) == [{a.id, b.id}]


def test_two_strikes_on_two_cities_on_one_day_stay_two():
    a = m(actor="Russia", actor_e=[RUSSIA], place=KHARKIV)
    b = m(sent=1, actor="Russia", actor_e=[RUSSIA], place=ODESA)
    c = m(article="b1", order=1, actor="Russian forces", actor_e=[RUSSIAN], place=ODESA)
    # told without its place, a strike that day could be either: it stays its own
    d = m(article="c1", order=2, actor="Russia", actor_e=[RUSSIA], target="Ukraine",
          target_e=[UKRAINE])
    assert groups_of([a, b, c, d]) == [{a.id}, {b.id, c.id}, {d.id}]


def test_dates_apart_or_parties_opposed_keep_events_apart():
    a = m(actor="Russia", actor_e=[RUSSIA], place=KHARKIV, date="2024-05-07")
    b = m(article="b1", order=1, actor="Russia", actor_e=[RUSSIA], place=KHARKIV,
          date="2024-05-08")  # the next day: another strike
    c = m(article="c1", order=2, actor="Ukraine", actor_e=[UKRAINE], place=KHARKIV,
          date="2024-05-07")  # the other side
    d = m(article="d1", order=3, actor="Russia", actor_e=[RUSSIA], place=KHARKIV,
          date=None, precision="published", published="2024-05-30")  # weeks later
    assert groups_of([a, b, c, d]) == [{a.id}, {b.id}, {c.id}, {d.id}]


def test_an_undated_report_joins_within_its_days():
    a = m(actor="Russia", actor_e=[RUSSIA], place=KHARKIV, date="2024-05-07")
    b = m(article="b1", order=1, actor="Russian troops", actor_e=[RUSSIAN], place=KHARKIV,
          date=None, precision="published", published="2024-05-10")
    assert groups_of([a, b]) == [{a.id, b.id}]


def test_a_country_level_telling_needs_parties_and_date():
    city = m(actor="Russia", actor_e=[RUSSIA], target="Ukraine", target_e=[UKRAINE],
             place=KHARKIV)
    vague = m(article="b1", order=1, place=UKRAINE)  # "an attack in Ukraine"
    named = m(article="c1", order=2, actor="Russia", actor_e=[RUSSIA], target="Ukraine",
              target_e=[UKRAINE], place=UKRAINE)
    assert groups_of([city, vague, named]) == [{city.id, named.id}, {vague.id}]
    # as close to the vague one as to the city's: no way to tell, it stays its own
    half = m(article="d1", order=3, actor="Russia", actor_e=[RUSSIA], place=UKRAINE)
    assert groups_of([city, vague, half]) == [{city.id}, {vague.id}, {half.id}]


def test_talks_are_the_same_whoever_is_named_first():
    a = m("CONSULT", actor="Negotiators from Russia and Ukraine", actor_e=[RUSSIA, UKRAINE],
          place=ISTANBUL)
    b = m("CONSULT", article="b1", order=1, actor="Ukraine", actor_e=[UKRAINE],
          target="Russia", target_e=[RUSSIA], place=ISTANBUL)
    c = m("AGREE", article="c1", order=2, actor="Ukraine", actor_e=[UKRAINE], place=ISTANBUL)
    assert groups_of([a, b, c]) == [{a.id, b.id}, {c.id}]


def test_a_reference_back_joins_the_event_it_refers_to():
    strike = m(actor="Russia", actor_e=[RUSSIA], place=ODESA, start=10)
    other = m(actor="Russia", actor_e=[RUSSIA], place=KHARKIV, start=0)
    toll = m(sent=1, target="people", date=None, precision="published", anaphoric=True)
    later = m(sent=2, actor="Russia", actor_e=[RUSSIA], place=KHARKIV, date="2024-05-08")
    died = m(sent=1, start=5, date=None, precision="published", unnamed=True, anaphoric=True)
    elsewhere = m(article="b1", order=1, target="people", date=None, precision="published",
                  anaphoric=True)  # another article: nothing to refer back to
    assert groups_of([other, strike, toll, later, elsewhere, died]) == [
        {other.id}, {strike.id, toll.id, died.id}, {later.id}, {elsewhere.id}]
    assert refers_back("At least six people died in that attack.", frozenset({"attack"})) == 2
    assert refers_back("Nine were hurt in the deadly strike.", frozenset({"strike"})) == 1
    assert not refers_back("An attack followed.", frozenset({"attack"}))
    # "the talks" two sentences after a phone call does not reach back to it
    call = m("CONSULT", actor="Anna Berg", actor_e=[ANNA], target="Olaf Lind", target_e=[OLAF])
    talks = m("CONSULT", sent=2, actor="delegates", date=None, precision="published",
              anaphoric=1)
    assert groups_of([call, talks]) == [{call.id}, {talks.id}]


def test_unnamed_tellings_join_only_an_event_at_their_place():
    talks = m("CONSULT", actor="Norway and Sweden", actor_e=[], place=ISTANBUL)
    ended = m("CONSULT", article="b1", order=1, place=ISTANBUL, date="2024-05-07",
              unnamed=True)
    lone = m("CONSULT", article="b1", order=1, sent=2, place=KHARKIV, unnamed=True)
    gs = merge([talks, ended, lone])
    assert [{x.id for x, _ in g.members} for g in gs] == [{talks.id, ended.id}]
    assert [link for _, link in gs[0].members] == ["coded", "unnamed"]


def test_the_same_sentence_in_two_articles_is_one_telling():
    """A wire report reprinted (or a copy) tells its event in the same words: one event,
    even when the telling names no party or place to anchor it."""
    words = "A landslide buried part of the village late on Sunday night."
    a = m(article="a1", sentence=words)
    b = m(article="b1", order=1, sentence=words)
    c = m(article="c1", order=2, sentence="Rescue teams searched the valley on Sunday.")
    assert groups_of([a, b, c]) == [{a.id, b.id}, {c.id}]
    # the same words with a clashing date stay apart
    d = m(article="d1", order=3, sentence=words, date="2024-04-01")
    assert groups_of([a, d]) == [{a.id}, {d.id}]
