"""The attribution scans read their candidate tokens from the doc's arrays: the same tokens
the per-token tests pick (a verb or auxiliary that is no adjectival modifier; "according"
in any case), so the attributions found do not change."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.quotes.attributions import (
    according_candidates,
    verb_candidates,
)
from storyline.enrich.quotes.cues import ACCORDING

TEXTS = [
    "\"We will not back down,\" the mayor said on Monday. According to the council, the "
    "plan is dead. ACCORDING TO officials, talks have stalled; an alleged plot was foiled.",
    "Police have said that the suspect, who is believed to be 34, was arrested. She "
    "claimed it was \"a lie\" and added: \"Nobody asked us.\" The said company denied it.",
    "",
    "Accordingly, nothing was said. He had been told; they are saying so, according to him.",
]


def test_candidates_are_the_tokens_the_per_token_tests_pick():
    nlp = load_nlp()
    docs = list(nlp.pipe(TEXTS)) + [Doc(nlp.vocab, words=["according"])]
    for doc in docs:
        assert verb_candidates(doc) == [t.i for t in doc if t.pos_ in ("VERB", "AUX")
                                        and t.dep_ != "amod"]
        assert according_candidates(doc) == [t.i for t in doc if t.lower_ in ACCORDING]
    assert according_candidates(docs[0])  # the fixture has both kinds
    assert any(doc[i].pos_ == "AUX" for doc in docs for i in verb_candidates(doc))
