"""The attribute ruler's rules matched by look-up write what spaCy's own matcher writes:
the same rules on the same tokens, later rules winning, multi-token rules at their index;
rules it cannot read leave the ruler as it was."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from storyline.enrich.nlp.attributes import AttributeMatcher, fast_attribute_ruler
from storyline.enrich.nlp.pipeline import KEEP, MODELS, _load, load_nlp

ARRAY = [TAG, POS, MORPH, LEMMA, DEP]
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": {"IN": ["NNP", "NNPS"]}}]], "attrs": {"POS": "PROPN"}},
    # a later rule wins over an earlier one on the same token
    {"patterns": [[{"LOWER": "acme", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "LEMMA": "Acme"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "NNP", ""]}, "DEP": {"IN": ["aux"]}}]],
     "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gon$"}}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"},
     "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"},
     "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]],
     "attrs": {"LEMMA": "get", "MORPH": "Tense=Past"}},
]


def _doc(nlp, words, tags, deps, spaces=None) -> Doc:
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, deps=deps,
               heads=list(range(len(words))))


def _docs(nlp) -> list[Doc]:
    return [
        _doc(nlp, ["Acme", "acme", "gets", "it", "and", "got", "Paris"],
             ["NN", "NN", "VBZ", "PRP", "CC", "VBD", "NNP"],
             ["nsubj", "dobj", "ROOT", "dobj", "cc", "conj", "npadvmod"]),
        _doc(nlp, ["we", "are", "gon", "na", "go", "\n\n", "There", "is", "hope"],
             ["PRP", "VBP", "VBG", "TO", "VB", "", "EX", "VBZ", "NN"],
             ["nsubj", "aux", "aux", "aux", "ROOT", "", "expl", "ROOT", "attr"]),
        _doc(nlp, ["gone", "na", "gon"], ["VBN", "TO", "VBG"], ["ROOT", "aux", "dep"]),
        _doc(nlp, [], [], []),
    ]


def test_look_ups_write_what_spacys_matcher_writes():
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler", name="stock")
    stock.add_patterns(RULES)
    fast = nlp.add_pipe("attribute_ruler", name="fast")
    fast.add_patterns(RULES)
    assert fast_attribute_ruler(fast)
    for a, b in zip(_docs(nlp), _docs(nlp), strict=True):
        assert fast.match(b) == stock.match(a)
        stock(a), fast(b)
        assert np.array_equal(a.to_array(ARRAY), b.to_array(ARRAY))
    d = stock(_docs(nlp)[0])
    assert [t.pos_ for t in d[:2]] == ["PROPN", "PROPN"]  # the later rule won
    assert d[2].lemma_ == "get" and d[5].lemma_ == "get"
    d = stock(_docs(nlp)[1])
    assert d[3].lemma_ == "to" and d[7].pos_ == "VERB" and d[5].pos_ == "SPACE"


@pytest.mark.parametrize("rule", [
    {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"_": {"flag": True}}]], "attrs": {"LEMMA": "x"}},
])
def test_a_rule_it_cannot_read_leaves_spacys_matcher(rule):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([RULES[0], rule])
    assert not fast_attribute_ruler(ruler)
    assert "match" not in vars(ruler)


def test_the_models_ruler_gives_the_same_annotations_through_look_ups():
    stock = _load(MODELS, KEEP)
    nlp = load_nlp(gazetteer=False)
    assert isinstance(nlp.get_pipe("attribute_ruler").match.__self__, AttributeMatcher)
    texts = ["Y'all gonna see it, ain't that right? Let's go, c'mon, there is hope.",
             "He gets it; she got it. But he could not, so we'd go.  Gotta run, y' all.",
             "I did it to you and it hit me. Do you? I do. It does, has had, 'd have.\n\nThe "
             "ministers who were there said that this was what they had wanted."]
    for a, b in zip(stock.pipe(texts), nlp.pipe(texts), strict=True):
        assert np.array_equal(a.to_array(ARRAY), b.to_array(ARRAY))


def test_a_rule_index_outside_its_match_fails_as_in_spacy():
    nlp = spacy.blank("en")
    rule = {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 1}
    stock = nlp.add_pipe("attribute_ruler", name="stock")
    stock.add_patterns([rule])
    fast = nlp.add_pipe("attribute_ruler", name="fast")
    fast.add_patterns([rule])
    assert fast_attribute_ruler(fast)
    for ruler in (stock, fast):
        with pytest.raises(ValueError):
            ruler(_doc(nlp, ["plan"], ["NN"], ["ROOT"]))


def test_kept_first_token_hits_match_as_on_first_sight(monkeypatch):
    """Each distinct token's first-test hits are kept; a second pass over the same docs
    (every token known) and a pass after the kept hits were forgotten match as spaCy."""
    import storyline.enrich.nlp.attributes as attributes

    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler", name="stock")
    stock.add_patterns(RULES)
    fast = AttributeMatcher(RULES, nlp.vocab.strings)
    want = [stock.match(d) for d in _docs(nlp)]
    assert [fast.match(d) for d in _docs(nlp)] == want
    assert fast.first_hits  # kept
    assert [fast.match(d) for d in _docs(nlp)] == want
    monkeypatch.setattr(attributes, "MAX_KNOWN", 2)
    assert [fast.match(d) for d in _docs(nlp)] == want
    assert len(fast.first_hits) <= 2 + len(_docs(nlp)[1])
