"""The lemmatizer with every lemma kept (enrich.nlp.lemmas) writes the lemmas spaCy's own
rule lemmatizer writes, token for token, on first sight of a word and on every later one."""

from __future__ import annotations

from functools import cache

import hypothesis.strategies as st
from hypothesis import given, settings

from storyline.enrich.nlp.lemmas import cache_every_lemma
from storyline.enrich.nlp.pipeline import KEEP, MODELS, _load, load_nlp

TEXTS = [
    "The ministers said they were meeting again. \"We met, we meet, we will meet,\" she said.",
    "Leaves fell as the leaves of the committee's report were leaked; he leaves on Monday.",
    "Bigger, biggest, better: the councils' best offers were rejected by the unions.",
    "The ministers said they were meeting again. Running, ran, runs and run.\n\nIt's 5pm.",
]


_WORDS = sorted({w.strip(".,;:\"'") for t in TEXTS for w in t.split()} - {""}) + [
    "Mr", "Smith", "went", "to", "Paris", ".", ",", "\n\n", "running", "geese", "mice",
    "better", "was", "were", "isn't", "U.S.", "100", "millions", "£5m", "'s"]


@cache
def _stock():
    return _load(MODELS, KEEP)  # spaCy's lemmatizer as shipped


def test_kept_lemmas_equal_spacys():
    stock = _stock()
    ours = load_nlp()
    assert ours.get_pipe("lemmatizer").lemmatize != stock.get_pipe("lemmatizer").lemmatize
    for _ in range(2):  # the second round reads every lemma from what the first kept
        for a, b in zip(stock.pipe(TEXTS), ours.pipe(TEXTS), strict=True):
            assert [t.text for t in a] == [t.text for t in b]
            assert [(t.pos_, str(t.morph)) for t in a] == [(t.pos_, str(t.morph)) for t in b]
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_piped_lemmas_equal_the_per_token_call():
    """nlp.pipe writes the lemma column from arrays; nlp(text) goes through spaCy's own
    per-token call (with the kept lemmas): the same lemma on every token, and the attribute
    ruler's own lemmas ("got" -> "get") kept."""
    ours = load_nlp()
    text = " ".join(TEXTS) + " He got there; they've gone, and I'm told it's done."
    piped = next(iter(ours.pipe([text, text])))
    called = ours(text)
    assert [t.lemma_ for t in piped] == [t.lemma_ for t in called]
    assert {t.lemma_ for t in piped if t.lower_ == "got"} == {"get"}
    assert all(t.lemma != 0 for t in piped)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_piped_lemmas_equal_spacys_on_any_word_sequence(words):
    stock, ours = _stock(), load_nlp()
    text = " ".join(words)
    [a] = list(stock.pipe([text]))
    [b] = list(ours.pipe([text]))
    assert [(t.text, t.pos_, t.lemma_) for t in a] == [(t.text, t.pos_, t.lemma_) for t in b]


def test_other_modes_are_left_alone():
    class Lookup:
        mode = "lookup"

        def lemmatize(self) -> None:
            pass

    lem = Lookup()
    before = lem.lemmatize
    assert not cache_every_lemma(lem)
    assert lem.lemmatize == before


def test_the_word_index_holds_the_same_words_as_sets():
    from storyline.enrich.nlp.lexicon import common_words_of

    stock, ours = _stock(), load_nlp()
    a = stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    b = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert sorted(a.keys()) == sorted(b.keys())
    for pos in a.keys():
        assert isinstance(b[pos], frozenset) and b[pos] == set(a[pos])
    assert common_words_of(ours) == common_words_of(stock)
