"""What makes a stance cue state nothing: an if-clause, a hedge above it ("is expected
to accept", "failed to agree", the words of ``position_hedges``), a hedging adverb, a
question, an impersonal "it was wrong to propose". A pure step on a parsed doc."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events.syntax import children, clause_head, lemma
from storyline.positions.cues import CueHit

HYPOTHETICAL_MARKS = {"if", "unless", "whether", "lest"}
HEDGING_ADVERBS = {"perhaps", "maybe", "possibly", "probably", "reportedly", "allegedly",
                   "supposedly"}


def unstated(hit: CueHit, hedges: frozenset[str]) -> bool:
    """Inside an if-clause, under a hedge ("is expected to", "perhaps"), or in a
    question."""
    h = hit.head
    top = clause_head(h)
    if any(c.dep_ == "advmod" and c.lower_ in HEDGING_ADVERBS for c in top.children):
        return True
    after = [t for t in h.sent if t.i > h.i]
    if any(t.text == "?" for t in after[:next((n for n, t in enumerate(after)
                                                 if t.text in ".!"), len(after))]):
        return True  # '"Wouldn't this be ...?" he asked'
    return unstated_at(h, hedges)


def unstated_at(h: Token, hedges: frozenset[str]) -> bool:
    cur = clause_head(h)
    g = cur.head
    if cur.dep_ in ("xcomp", "ccomp") and g.lemma_ == "be" and any(
            c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in g.children):
        return True  # "it was disgusting to propose ...": no one proposes
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        d = cur.dep_
        if d == "advcl" and {m.lower_ for m in children(cur, "mark")} & HYPOTHETICAL_MARKS:
            return True
        if d in ("xcomp", "ccomp", "acomp", "pcomp", "prep", "conj", "advcl", "dobj",
                 "pobj", "attr"):
            g = cur.head
            if lemma(g) in hedges or g.lower_ in hedges:
                return True
            cur = clause_head(g)
            continue
        return False
    return False
