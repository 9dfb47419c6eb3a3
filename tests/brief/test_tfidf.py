"""The brief's TF-IDF matrix is scikit-learn's, array for array (same columns, same order
of entries in a row, same floats), so briefs do not change with the implementation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from storyline.brief.similarity import SentenceSpace, tokens
from storyline.brief.tfidf import tfidf_matrix
from storyline.stories.features import stop_words
from storyline.wordlists import words


def _sklearn(token_lists: list[list[str]]):  # noqa: ANN202
    vec = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True, norm="l2")
    return vec.fit_transform(token_lists).tocsr()


def _same(a, b) -> None:  # noqa: ANN001
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert a.data.tobytes() == b.data.tobytes()  # bit for bit


TERMS = st.sampled_from(["tax", "vote", "Vote", "zeta", "alpha", "9", "é", "b", "ba", "ab"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(TERMS, max_size=12), min_size=1, max_size=8)
       .filter(lambda ls: any(ls)))
def test_matches_scikit_learn(token_lists: list[list[str]]) -> None:
    _same(tfidf_matrix(token_lists), _sklearn(token_lists))


def test_matches_scikit_learn_on_sentences() -> None:
    texts = ["The council voted to raise the tax by 3% on Monday.",
             "Taxes rise: the council's vote passed 7-2, officials said.",
             "", "Residents said the tax rise would hurt shops; the mayor disagreed.",
             "Voting, voted, votes and the vote: tax, taxes, taxed."]
    token_lists = [tokens(t) for t in texts]
    _same(tfidf_matrix(token_lists), _sklearn(token_lists))
    _same(SentenceSpace(texts).matrix, _sklearn(token_lists))


def test_empty_vocabulary_is_an_error() -> None:
    with pytest.raises(ValueError):
        tfidf_matrix([[], []])


def test_stop_words_are_scikit_learns() -> None:
    assert words("english_stop_words") == frozenset(ENGLISH_STOP_WORDS)
    assert frozenset(ENGLISH_STOP_WORDS) <= stop_words()
