"""The lemmatizer with every lemma kept (enrich.nlp.lemmas) writes the lemmas spaCy's own
rule lemmatizer writes, token for token, on first sight of a word and on every later one."""

from __future__ import annotations

from storyline.enrich.nlp.lemmas import cache_every_lemma
from storyline.enrich.nlp.pipeline import KEEP, MODELS, _load, load_nlp

TEXTS = [
    "The ministers said they were meeting again. \"We met, we meet, we will meet,\" she said.",
    "Leaves fell as the leaves of the committee's report were leaked; he leaves on Monday.",
    "Bigger, biggest, better: the councils' best offers were rejected by the unions.",
    "The ministers said they were meeting again. Running, ran, runs and run.\n\nIt's 5pm.",
]


def test_kept_lemmas_equal_spacys():
    stock = _load(MODELS, KEEP)  # spaCy's lemmatizer as shipped
    ours = load_nlp()
    assert ours.get_pipe("lemmatizer").lemmatize != stock.get_pipe("lemmatizer").lemmatize
    for _ in range(2):  # the second round reads every lemma from what the first kept
        for a, b in zip(stock.pipe(TEXTS), ours.pipe(TEXTS), strict=True):
            assert [t.text for t in a] == [t.text for t in b]
            assert [(t.pos_, str(t.morph)) for t in a] == [(t.pos_, str(t.morph)) for t in b]
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_other_modes_are_left_alone():
    class Lookup:
        mode = "lookup"

        def lemmatize(self) -> None:
            pass

    lem = Lookup()
    before = lem.lemmatize
    assert not cache_every_lemma(lem)
    assert lem.lemmatize == before
