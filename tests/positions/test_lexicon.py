"""The stance-cue lexicon and the rules that combine stances."""

import pytest

from storyline.positions.lexicon import STANCES, WANT, load_position_lexicon, parse_cue
from storyline.positions.rules import compose, negate


def test_every_stance_has_cues_and_rows_parse():
    lex = load_position_lexicon()
    stances = {c.stance for table in (lex.verbs, lex.adjs, lex.nouns, lex.disclaimers)
               for cues in table.values() for c in cues}
    assert stances == set(STANCES) | {WANT}
    assert lex.verbs["rule"][0].words == ("out",)
    assert [c.needs for c in lex.verbs["ask"]] == [None, "xcomp"]  # "ask for", "ask X to"
    assert ("with", "the", "exception", "of") in lex.conditions
    assert lex.seats["kremlin"] == "RU"
    assert lex.fold("truce") == "ceasefire"


@pytest.mark.parametrize(("pattern", "stance", "kind", "lemma", "words"), [
    ("call for", "demand", "verb", "call", ("for",)),
    ("~ready", "offer", "adj", "ready", ()),
    ("=opposition to", "oppose", "noun", "opposition", ("to",)),
    ("!amount to", "reject", "disclaim", "amount", ("to",)),
    ("@=goal", WANT, "noun", "goal", ()),
])
def test_patterns(pattern, stance, kind, lemma, words):
    cue = parse_cue(pattern, stance)
    assert (cue.kind, cue.lemma, cue.words, cue.stance) == (kind, lemma, words, stance)


@pytest.mark.parametrize(("pattern", "stance", "needs"), [
    ("reject", "refuse", None),  # not a stance
    ("@want", "demand", None),  # wishes have stance "want"
    ("", "offer", None),
    ("ask", "demand", "object"),
])
def test_bad_rows_are_refused(pattern, stance, needs):
    with pytest.raises(ValueError):
        parse_cue(pattern, stance, needs)


def test_negation_flips_or_drops():
    assert negate("reject", "verb") == "consider"
    assert negate("accept", "verb") == "reject"
    assert negate("offer", "adj") == "reject"
    assert negate("offer", "verb") is None
    assert negate("demand", "verb") is None
    assert negate("reject", "disclaim") == "reject"


def test_compose():
    assert compose("offer", "consider") == ("consider", False)
    assert compose("offer", "accept") == ("offer", False)
    assert compose("reject", "accept") == ("reject", False)
    assert compose("reject", "reject") == ("consider", False)
    assert compose("demand", "reject") == ("demand", True)
    assert compose("reject", "oppose") == ("reject", True)
