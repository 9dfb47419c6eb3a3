"""The trigger lexicon and word lists: what the data files say, and rows that cannot be
right are refused."""

import pytest

from storyline.events.lexicon import CATEGORIES, load_cues, load_lexicon, parse_pattern


def test_every_category_has_triggers():
    lex = load_lexicon()
    entries = [e for table in (lex.verbs, lex.nouns, lex.adjs) for es in table.values()
               for e in es]
    assert {e.category for e in entries} >= set(CATEGORIES)


def test_patterns():
    e = parse_pattern("impose +state of emergency", "COERCE", "martial-law", frozenset())
    assert (e.kind, e.lemma, e.words, e.obj) == ("verb", "impose", (), ("state", "of",
                                                                         "emergency"))
    e = parse_pattern("crack down on", "COERCE", "restrict", frozenset())
    assert (e.lemma, e.words, e.obj) == ("crack", ("down", "on"), ())
    e = parse_pattern("=hunger strike", "PROTEST", "hunger", frozenset())
    assert (e.kind, e.lemma, e.words) == ("noun", "strike", ("hunger", "strike"))
    assert parse_pattern("~opposed", "REJECT", None, frozenset()).kind == "adj"
    more = parse_pattern("withdraw +peacekeeping force", "SANCTION", "withdraw", frozenset())
    less = parse_pattern("withdraw +force", "RETREAT", "withdraw", frozenset())
    assert more.specificity > less.specificity > parse_pattern(
        "withdraw from", "RETREAT", "withdraw", frozenset()).specificity


@pytest.mark.parametrize(("pattern", "category", "when"), [
    ("attack", "FIGHT", frozenset()),  # PLOVER 0.5, not a current category
    ("attack", "ASSAULT", frozenset({"sometimes"})),
    ("", "ASSAULT", frozenset()),
])
def test_bad_rows_are_refused(pattern, category, when):
    with pytest.raises(ValueError):
        parse_pattern(pattern, category, None, when)


def test_modes_follow_the_manual():
    cues = load_cues()
    lex = load_lexicon()
    for table in (lex.verbs, lex.nouns, lex.adjs):
        for es in table.values():
            for e in es:
                assert e.mode is None or e.mode in cues.modes(e.category), e
    assert {m for _, m in cues.assault_modes} <= cues.modes("ASSAULT")
    assert cues.modes("AGREE") == frozenset()
