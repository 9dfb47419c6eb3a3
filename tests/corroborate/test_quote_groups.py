"""One quote across outlets: fuzzy matching, its outlets, and disputed speakers."""

from __future__ import annotations

from storyline.corroborate.quotes import QuoteRow, group_quotes, same_quote, words_of
from storyline.corroborate.reports import Report
from storyline.settings import CorroborateSettings

REPORTS = [
    Report("a", "Harbour Courier", "2031-02-02", "outlet:harbourcourier"),
    Report("b", "Valley Post", "2031-02-03", "outlet:valleypost"),
    Report("c", "Kestrel News", "2031-02-03", "outlet:kestrelnews"),
    Report("d", "Kestrel News", "2031-02-04", "outlet:harbourcourier"),  # a copy of a
]
S = CorroborateSettings()
_n = iter(range(1000))


def quote(article: str, text: str, speaker: str | None = "Ines Varga",
          entity: str | None = "e-varga", typ: str | None = "PERSON",
          date: str | None = None) -> QuoteRow:
    n = next(_n)
    day = date or next(r.published for r in REPORTS if r.article_id == article)
    return QuoteRow(f"{article}:q{n}", article, n, n, text, "direct", speaker, entity, typ, day)


def test_words_are_normalised_for_matching():
    assert words_of("\u201cWe\u2019ll rebuild \u2013 the bridge,\u201d") == \
        ["well", "rebuild", "the", "bridge"]


def test_fuzzy_matching():
    a = words_of("We will rebuild the bridge before the winter comes.")
    assert same_quote(a, words_of("we will rebuild the bridge before winter comes"), S)
    assert same_quote(a, words_of("The mayor said: we will rebuild the bridge before the "
                                  "winter comes, whatever it costs us."), S)  # inside a longer one
    assert not same_quote(a, words_of("We will never rebuild that old bridge at all."), S)
    assert same_quote(words_of("liberation"), words_of("Liberation!"), S)
    assert not same_quote(words_of("a real threat"), words_of("a real threat to all"), S)


def test_the_same_quote_in_several_outlets_is_one_quote():
    groups = group_quotes([
        quote("b", "\u201cWe will rebuild the bridge before the winter comes,\u201d"),
        quote("a", "We will rebuild the bridge before the winter comes."),
        quote("c", "The water came up in minutes, we had no warning at all."),
    ], REPORTS)
    assert len(groups) == 2
    g = groups[0]
    assert g.article_ids == ["a", "b"] and g.sources == ["Harbour Courier", "Valley Post"]
    assert g.article_id == "a" and g.date == "2031-02-02" and g.reports == 2
    assert g.speaker == "Ines Varga" and g.speaker_entity_id == "e-varga"
    assert not g.speaker_disputed
    assert groups[1].article_ids == ["c"]


def test_a_quote_given_to_different_people_is_disputed():
    [g] = group_quotes([
        quote("a", "They waited for people to go to work before striking the building."),
        quote("b", "They waited for people to go to work before striking the building",
              speaker="Tom Price", entity="e-price"),
    ], REPORTS)
    assert g.speaker_disputed


def test_a_description_or_a_second_spelling_disputes_nobody():
    [g] = group_quotes([
        quote("a", "They waited for people to go to work before striking the building."),
        quote("b", "They waited for people to go to work before striking the building.",
              speaker="a resident", entity=None, typ=None),
        quote("c", "They waited for people to go to work before striking the building.",
              speaker="Varga", entity="e-varga-2"),
    ], REPORTS)
    assert not g.speaker_disputed
    assert g.speaker == "Ines Varga"  # the named speaker most articles give


def test_a_copy_or_a_quote_within_a_quote_disputes_nobody():
    [g] = group_quotes([
        quote("a", "Nobody came to help us until the morning, the whole night long."),
        quote("a", "nobody came to help us until the morning", speaker="Tom Price",
              entity="e-price"),  # the same article gives the inner words to someone else
        quote("d", "Nobody came to help us until the morning, the whole night long.",
              speaker="Tom Price", entity="e-price"),
    ], REPORTS)
    assert not g.speaker_disputed
    assert g.reports == 1  # the copy is its original's report


def test_a_short_sentence_is_not_one_with_a_long_passage_that_uses_its_words_apart():
    # (issue 13 hand check: "Police said X posed a danger to the public" vanished into a
    # long quote of the same article that held those words scattered over its sentences)
    short = words_of("Ferris posed a danger to the public")
    passage = words_of(
        "We understand that Ferris was posed questions by the board, and that a review found "
        "no danger at the time. The decision was taken to protect the public and the staff, "
        "and we will publish the report in full.")
    assert not same_quote(short, passage, S)
    # the same sentence inside a passage around it still is
    assert same_quote(short, words_of("He said Ferris posed a danger to the public and must "
                                      "be found quickly."), S)


def test_a_pledge_reported_inside_anothers_words_is_the_reporters_quote():
    # (issue 13 hand check: "Mr. X pledged ... that no troops would cross, Mr. Y said": the
    # article's two quotes, the whole sentence by Y and the pledge by X, are one group)
    outer = "Mr. Brandt pledged during the call that no troops would cross the river this year"
    inner = "that no troops would cross the river this year"
    rows = [QuoteRow("a:q1", "a", 3, 100, outer, "reported", "Lena Okafor", "e-okafor",
                     "PERSON", "2031-02-02"),
            QuoteRow("a:q2", "a", 3, 100 + outer.index(inner), inner, "reported",
                     "Markus Brandtner", "e-brandt", "PERSON", "2031-02-02")]
    [g] = group_quotes(rows, REPORTS)
    assert g.speaker == "Lena Okafor" and g.speaker_entity_id == "e-okafor"
    # the same words in another article, said by the pledger himself, still count for him
    rows.append(QuoteRow("b:q1", "b", 1, 10, inner, "reported", "Markus Brandtner",
                         "e-brandt", "PERSON", "2031-02-03"))
    rows.append(QuoteRow("c:q1", "c", 1, 10, inner, "reported", "Markus Brandtner",
                         "e-brandt", "PERSON", "2031-02-03"))
    [g] = group_quotes(rows, REPORTS)
    assert g.speaker == "Markus Brandtner"
