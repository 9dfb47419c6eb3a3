"""Scans that look for a few kinds of token (numbers outside any mention; words in capitals
that may open a dateline; a party letter before a home town) find them in the doc's arrays
and make a Token only for those: the same spans as walking every token."""

from __future__ import annotations

from spacy.tokens import Span

from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.numbers.claims import NUMBER_LABELS, _number_spans

TEXTS = [
    "LONDON (Reuters) - Output rose 3.5% to 19,000 barrels a day, up from 17,500 in 2010.",
    "Rep. Torrey Westrom, R-Elbow Lake, said 12 of 40 members backed it; I said no, D said "
    "yes.\n\nBEIRUT: 300 homes were hit. NOTE - 7 more. UPDATE: 2,000,000 people left.",
    "",
    "No numbers here, and nothing in CAPITALS either.",
]


def _every_token(doc) -> list[Span]:
    spans = [e for e in doc.ents if e.label_ in NUMBER_LABELS]
    for tok in doc:
        if not tok.ent_type_ and tok.like_num and any(c.isdigit() for c in tok.text):
            spans.append(Span(doc, tok.i, tok.i + 1, label="CARDINAL"))
    return sorted(spans, key=lambda s: s.start)


def test_numbers_outside_mentions_are_the_ones_a_walk_finds():
    nlp = load_nlp()
    for doc in nlp.pipe(TEXTS):
        got = [(s.start, s.end, s.label_) for s in _number_spans(doc)]
        assert got == [(s.start, s.end, s.label_) for s in _every_token(doc)]
    doc = nlp(TEXTS[0])
    assert any(s.label_ == "CARDINAL" and s.text == "19,000" for s in _number_spans(doc)) or \
        any(e.text.startswith("19,000") for e in doc.ents)


def test_datelines_and_party_towns_are_found_from_the_arrays():
    nlp = load_nlp()
    doc = nlp(TEXTS[1])
    gpe = {e.text for e in doc.ents if e.label_ == "GPE"}
    assert {"Elbow Lake", "BEIRUT"} <= gpe
    assert "NOTE" not in gpe and "UPDATE" not in gpe
    assert nlp("").ents == ()
