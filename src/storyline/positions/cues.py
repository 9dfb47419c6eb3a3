"""Stance cues of one sentence: the words of the lexicon (:mod:`storyline.positions.lexicon`)
as the parse uses them, each with the cue row that fits.

- a verb by its lemma, with the particle or preposition a row names ("rule *out*", "call
  *for*"); a bare row matches with or without one; a verb used as a modifier ("the
  *proposed* changes") is no cue;
- an adjective predicate ("is *ready* to", "is *opposed* to"), also when the parser read a
  participle ("was *prepared* to") as a passive verb;
- a noun, with the preposition (or infinitive) a row names after it ("*calls* for",
  "an *offer* to mediate");
- a disclaimer: a verb of equating under negation ("does *not mean* a ceasefire").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from storyline.events.syntax import children, is_passive, lemma, lemmas, particle_tokens
from storyline.positions.lexicon import Cue, PositionLexicon

MODIFIER_DEPS = {"amod", "compound", "nmod", "npadvmod", "poss"}
PREDICATIVE = {"acomp", "ROOT", "xcomp", "ccomp", "conj", "advcl", "oprd", "attr", "amod"}
NEG_WORDS = {"not", "n't", "never", "no"}


@dataclass(frozen=True, slots=True)
class CueHit:
    """A stance cue in a sentence: its head word, the lexicon row, its words."""

    head: Token
    cue: Cue
    tokens: tuple[Token, ...]

    @property
    def kind(self) -> str:
        return self.cue.kind

    @property
    def stance(self) -> str:
        return self.cue.stance

    def prep(self) -> Token | None:
        """The cue's own preposition / particle token ("call *for*"), if it names one."""
        return next((t for t in self.tokens if t.i != self.head.i), None)


def negated(t: Token) -> bool:
    """``t``'s clause says not / never / no (on the word, its copula, or "no" before a noun)."""
    heads = [t]
    if t.dep_ in ("acomp", "attr", "oprd") and t.head.i != t.i:
        heads.append(t.head)
    for h in heads:
        for c in h.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEG_WORDS):
                return True
    return False


def _demonstrative_copula(t: Token) -> bool:
    return _plain_copula(t) and _in_direct_quote(t)


def _in_direct_quote(t: Token) -> bool:
    """Inside quotation marks opened earlier in the sentence and not closed before ``t``."""
    marks = [x for x in t.sent if x.i < t.i and x.text in ('"', "“", "”", "‘", "’", "'")
             and x.is_punct]
    return len(marks) % 2 == 1


def _plain_copula(t: Token) -> bool:
    """"*This is not* a ceasefire" in a direct quote: a copula with this / that as its subject
    (not a question: no auxiliary before it) and a plain noun as its attribute."""
    subj = [c for c in t.children if c.dep_ == "nsubj"]
    return bool(subj) and subj[0].lower_ in ("this", "that") and not any(
        c.dep_ == "aux" and c.i < subj[0].i for c in t.children) and any(
        c.dep_ == "attr" and c.pos_ == "NOUN" and not children(c, "relcl", "acl")
        for c in t.children)


class CueFinder:
    def __init__(self, lexicon: PositionLexicon) -> None:
        self.lex = lexicon

    def find(self, sent: Span) -> list[CueHit]:
        return [hit for t in sent for hit in self._at(t)]

    def _at(self, t: Token) -> Iterator[CueHit]:
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.tag_ == "VBN"):
            hit = self._verb(t)
            if hit is not None:
                yield hit
                return
        if t.pos_ in ("ADJ", "VERB"):
            hit = self._adj(t)
            if hit is not None:
                yield hit
                return
        if t.pos_ == "NOUN":
            hit = self._noun(t)
            if hit is not None:
                yield hit

    def _verb(self, t: Token) -> CueHit | None:
        if t.dep_ in MODIFIER_DEPS:
            return None  # "the proposed changes", "Russian-backed"
        low = t.lower_
        if low in self.lex.adjs and (is_passive(t) or t.dep_ == "acomp") \
                and not children(t, "agent"):
            return None  # "is opposed to", "was prepared to": the adjective row
        for w in lemmas(t):
            if w == "be" and not _demonstrative_copula(t):
                continue  # "the war is not over": only "this is not a ceasefire" disclaims
            if w in self.lex.disclaimers and negated(t):
                hit = self._with_words(t, self.lex.disclaimers[w])
                if hit is not None:
                    return hit
            if w in self.lex.verbs:
                return self._with_words(t, self.lex.verbs[w])
        return None

    def _with_words(self, t: Token, cues: tuple[Cue, ...]) -> CueHit | None:
        parts = particle_tokens(t)
        for cue in cues:  # most specific first
            if not cue.words:
                return CueHit(t, cue, (t,))
            got = [next((p for p in parts if p.lower_ == w), None) for w in cue.words]
            if cue.words[-1] in ("for", "on", "at") and children(t, "dobj"):
                continue  # "calling it for Biden": no prepositional cue takes an object
            if all(g is not None for g in got):
                return CueHit(t, cue, (t, *[g for g in got if g is not None]))
        return None

    def _adj(self, t: Token) -> CueHit | None:
        cues = self.lex.adjs.get(t.lower_) or self.lex.adjs.get(lemma(t))
        if not cues:
            return None
        if t.pos_ == "VERB" and not (is_passive(t) or t.dep_ in ("acomp", "oprd")):
            return None
        if t.dep_ not in PREDICATIVE:
            return None
        if t.dep_ == "amod" and not (children(t, "xcomp") or children(t, "prep")):
            return None  # "an open border": no stance
        return CueHit(t, cues[0], (t,))

    def _noun(self, t: Token) -> CueHit | None:
        if t.dep_ in ("compound",):
            return None
        cues = self.lex.nouns.get(lemma(t))
        if not cues:
            return None
        preps = [c for c in t.children if c.dep_ == "prep"]
        infinitive = [c for c in t.children if c.dep_ in ("acl", "relcl")
                      and any(a.lower_ == "to" for a in children(c, "aux"))]
        for cue in cues:
            if not cue.words:
                return CueHit(t, cue, (t,))
            w = cue.words[0]
            p = next((p for p in preps if p.lower_ == w), None)
            if p is not None:
                return CueHit(t, cue, (t, p))
            if w == "to" and infinitive:
                return CueHit(t, cue, (t,))
        return None
