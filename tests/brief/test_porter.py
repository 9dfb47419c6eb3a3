"""The Porter stemmer: the paper's examples, and the NLTK extensions rouge-score relies on."""

from __future__ import annotations

import pytest

from storyline.brief.porter import measure, stem

# (word, stem) from Porter (1980)'s step examples, run through all the steps
PAPER = [
    ("caresses", "caress"), ("ponies", "poni"), ("caress", "caress"), ("cats", "cat"),
    ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"),
    ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"),
    ("sized", "size"), ("hopping", "hop"), ("tanned", "tan"), ("falling", "fall"),
    ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"), ("filing", "file"),
    ("happy", "happi"), ("relational", "relat"), ("conditional", "condit"),
    ("rational", "ration"), ("valenci", "valenc"), ("hesitanci", "hesit"),
    ("digitizer", "digit"), ("radicalli", "radic"), ("differentli", "differ"),
    ("vileli", "vile"), ("analogousli", "analog"), ("vietnamization", "vietnam"),
    ("predication", "predic"), ("operator", "oper"), ("feudalism", "feudal"),
    ("decisiveness", "decis"), ("hopefulness", "hope"), ("callousness", "callous"),
    ("formaliti", "formal"), ("sensitiviti", "sensit"), ("sensibiliti", "sensibl"),
    ("triplicate", "triplic"), ("formative", "form"), ("formalize", "formal"),
    ("electriciti", "electr"), ("electrical", "electr"), ("hopeful", "hope"),
    ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"),
    ("airliner", "airlin"), ("gyroscopic", "gyroscop"), ("adjustable", "adjust"),
    ("defensible", "defens"), ("irritant", "irrit"), ("replacement", "replac"),
    ("adjustment", "adjust"), ("dependent", "depend"), ("adoption", "adopt"),
    ("homologou", "homolog"), ("communism", "commun"), ("activate", "activ"),
    ("angulariti", "angular"), ("homologous", "homolog"), ("effective", "effect"),
    ("bowdlerize", "bowdler"), ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"),
    ("controll", "control"), ("roll", "roll"),
]
# NLTK's default mode (what rouge-score uses) departs from the paper here
NLTK = [("ties", "tie"), ("sky", "sky"), ("dying", "die"), ("news", "news"),
        ("conformabli", "conform"), ("generously", "gener")]


@pytest.mark.parametrize(("word", "expected"), PAPER + NLTK)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_measure() -> None:
    # the paper's examples of m = 0, 1, 2
    for w in ("tr", "ee", "tree", "y", "by"):
        assert measure(w) == 0
    for w in ("trouble", "oats", "trees", "ivy"):
        assert measure(w) == 1
    for w in ("troubles", "private", "oaten", "orrery"):
        assert measure(w) == 2
