"""ROUGE-N / ROUGE-L F on examples computed by hand."""

from __future__ import annotations

import pytest

from storyline.evaluation.rouge import lcs_length, rouge, tokenize


def test_tokenize_like_rouge_score() -> None:
    assert tokenize("The U.S. economy's 5.4% rate!") == ["the", "u", "s", "economy", "s", "5", "4",
                                                         "rate"]
    assert tokenize("Running dogs ran", stem=True) == ["run", "dog", "ran"]


def test_identical_and_disjoint() -> None:
    s = rouge("a b c d", "a b c d")
    assert all(v.fmeasure == 1.0 for v in s.values())
    s = rouge("a b c d", "e f g")
    assert all(v.fmeasure == 0.0 for v in s.values())
    assert rouge("", "a")["rouge1"].fmeasure == 0.0


def test_the_cat_sat_on_the_mat() -> None:
    # target: the cat sat on the mat (6 unigrams, 5 bigrams)
    # pred:   the cat lay on the mat; unigram overlap the x2, cat, on, mat = 5
    # bigram overlap: "the cat", "on the", "the mat" = 3; LCS "the cat on the mat" = 5
    s = rouge("the cat sat on the mat", "the cat lay on the mat")
    assert s["rouge1"].precision == pytest.approx(5 / 6)
    assert s["rouge1"].fmeasure == pytest.approx(5 / 6)
    assert s["rouge2"].fmeasure == pytest.approx(3 / 5)
    assert s["rougeL"].fmeasure == pytest.approx(5 / 6)


def test_unequal_lengths_and_clipped_counts() -> None:
    # target "the the the cat" (4), pred "the cat" (2): overlap the x1 (clipped), cat = 2
    s = rouge("the the the cat", "the cat")
    assert s["rouge1"].precision == pytest.approx(1.0)
    assert s["rouge1"].recall == pytest.approx(0.5)
    assert s["rouge1"].fmeasure == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_stemming() -> None:
    # stemmed: target [the, cat, were, run, home], pred [a, cat, run, home, quickli]
    # unigrams 3/5; bigrams "run home" 1/4; LCS "cat run home" 3/5; unstemmed only "home"
    target, pred = "The cats were running home.", "A cat runs home quickly!"
    s = rouge(target, pred, stem=True)
    assert s["rouge1"].fmeasure == pytest.approx(0.6)
    assert s["rouge2"].fmeasure == pytest.approx(0.25)
    assert s["rougeL"].fmeasure == pytest.approx(0.6)
    plain = rouge(target, pred)
    assert plain["rouge1"].fmeasure == pytest.approx(0.2)
    assert plain["rouge2"].fmeasure == 0.0


def test_lcs() -> None:
    assert lcs_length("a b c d e".split(), "a c e".split()) == 3
    assert lcs_length("a b".split(), []) == 0
    assert lcs_length("x a y b".split(), "a x b y".split()) == 2
