"""Trigger candidates of one sentence: tokens the lexicon codes, with the entries that fit.

A candidate is a clause head and the lexicon entries its words match:

- ``verb``: a verb by lemma, with the particles and the object phrase an entry names
  ("impose a curfew", "call off the strike", "crack down on");
- ``support``: a support verb whose object is an event noun ("launched an offensive",
  "staged a hunger strike", "held talks"); the noun gives the category;
- ``happen``: an event noun as the subject of "erupt", "break out", "take place";
- ``adj``: an adjective predicate ("is opposed to", "is ready to");
- ``deontic``: "X said (that) Y must/should ..." (a demand of X on Y).

Constraints that need the actor (state / nonstate / person) are checked by the extractor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Span, Token

from storyline.events.lexicon import Cues, Lexicon, TriggerEntry
from storyline.events.syntax import (
    children,
    is_passive,
    lemma,
    lemmas,
    objects,
    own_subject,
    particle_tokens,
    particles,
    phrase_at,
    prep_objects,
)

MODIFIER_DEPS = {"amod", "compound", "nmod", "nn", "npadvmod", "poss"}
CandidateKind = Literal["verb", "support", "happen", "adj", "deontic"]
SUPPORT_SPECIFICITY = 50
REQUEST_ENTRY = TriggerEntry("verb", "", (), (), "REQUEST", None, frozenset())


@dataclass
class Candidate:
    head: Token  # the clause head: verb, adjective, support verb
    kind: CandidateKind
    entries: list[TriggerEntry]  # viable entries, most specific first
    tokens: list[Token]  # the trigger's own words
    noun: Token | None = None  # the event noun of a support / happen candidate
    used: set[int] = field(default_factory=set)  # tokens consumed by the trigger phrase
    content_head: Token | None = None  # deontic: the demanded clause
    active_adj: bool = False  # "X is opposed/committed/prepared": a passive-looking adjective


def phrase_tokens(head: Token) -> list[Token]:
    """A noun phrase's words for matching lexicon phrases: its left modifiers, itself,
    and right "of" phrases / compounds ("state of emergency", "ten days of war games")."""
    keep = {head.i}
    for c in head.lefts:
        if c.dep_ not in ("det", "predet", "punct", "nummod", "quantmod", "cc"):
            keep.update(x.i for x in c.subtree)
    for c in head.rights:
        if (c.dep_ == "prep" and c.lower_ == "of") or c.dep_ in ("compound", "amod"):
            keep.update(x.i for x in c.subtree if x.dep_ not in ("relcl", "acl", "appos"))
        elif c.dep_ == "punct" and c.text == "-":
            keep.add(c.i)
    doc = head.doc
    return [doc[i] for i in sorted(keep)]


class CandidateFinder:
    def __init__(self, lexicon: Lexicon, cues: Cues) -> None:
        self.lex = lexicon
        self.cues = cues
        self.support = _split(cues["support"])
        self.happen = _split(cues["happen"])

    def find(self, sent: Span) -> list[list[Candidate]]:
        """The sentence's candidates grouped by clause head (in text order), each group
        most specific first; the extractor takes the first whose constraints hold."""
        out: dict[int, list[Candidate]] = {}
        for t in sent:
            for cand in self._at(t):
                out.setdefault(cand.head.i, []).append(cand)
        for cand in self._deontic(sent):
            out.setdefault(cand.head.i, []).append(cand)
        # a deontic reading ("Y must return the helicopter") comes first: the verb is its content
        return [sorted(out[i], key=lambda c: (c.kind != "deontic", -specificity(c, c.entries[0])))
                for i in sorted(out)]

    def _at(self, t: Token) -> Iterable[Candidate]:
        if t.dep_ in MODIFIER_DEPS or _nominal_gerund(t):
            return  # "alleged bombers", "the occupied West Bank", "their role in rioting"
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ == "ROOT" and t.lemma_ != "be"):
            cand = self.match_verb(t)
            if cand is not None:
                yield cand
            sup = self._support(t)
            if sup is not None:
                yield sup
            hap = self._happen(t)
            if hap is not None:
                yield hap
        if t.pos_ in ("ADJ", "VERB") and t.lower_ in self.lex.adjs or (
                t.pos_ == "ADJ" and lemma(t) in self.lex.adjs):
            entries = list(self.lex.adjs.get(t.lower_) or self.lex.adjs.get(lemma(t), ()))
            predicative = t.dep_ in ("acomp", "ROOT", "xcomp", "ccomp", "conj", "advcl", "oprd")
            if entries and predicative and (t.pos_ == "ADJ" or is_passive(t)):
                yield Candidate(t, "adj", entries, [t], active_adj=t.pos_ == "VERB")

    def match_verb(self, t: Token) -> Candidate | None:
        entries = next((self.lex.verbs[w] for w in lemmas(t) if w in self.lex.verbs), None)
        if not entries:
            return None
        if t.lower_ in self.lex.adjs and (is_passive(t) or t.dep_ == "acl") \
                and not children(t, "agent"):
            return None  # "Israel is opposed to ...", "a party committed to ...": adjectives
        if t.lower_ in self.cues["condition"] and children(t, "ccomp"):
            return None  # "providing it is ratified": a condition, not a provision
        parts = particles(t)
        has_obj = any(c.dep_ in ("dobj", "nsubjpass") for c in t.children)
        viable: list[TriggerEntry] = []
        tokens = [t]
        used: set[int] = set()
        for e in entries:
            if any(w not in parts for w in e.words):
                continue
            if "obj" in e.when and not has_obj or "noobj" in e.when and has_obj:
                continue
            if e.obj:
                heads = objects(t) + [o for w in e.words for o in prep_objects(t, w)]
                hit = None
                for o in heads:
                    hit = phrase_at(phrase_tokens(o), e.obj)
                    if hit:
                        break
                if not hit:
                    continue
                if not viable:
                    tokens = [t, *hit]
                    used = {x.i for x in hit}
            elif not viable:
                tokens = [t, *[c for c in particle_tokens(t) if c.lower_ in e.words]]
            viable.append(e)
        if not viable:
            return None
        return Candidate(t, "verb", viable, tokens, used=used)

    def noun_entries(self, head: Token) -> tuple[list[TriggerEntry], list[Token]]:
        """Event-noun entries matched in the phrase headed by ``head`` (longest first)."""
        toks = phrase_tokens(head)
        found: list[tuple[TriggerEntry, list[Token]]] = []
        for x in toks:
            for e in self.lex.nouns.get(lemma(x), ()) + self.lex.nouns.get(x.lower_, ()):
                hit = phrase_at(toks, e.words)
                if hit:
                    found.append((e, hit))
        if not found:
            return [], []
        found.sort(key=lambda f: (-len(f[1]), -len(f[0].words), f[1][-1].i != head.i))
        return [e for e, _ in found], found[0][1]

    def _support(self, t: Token) -> Candidate | None:
        words = next((self.support[w] for w in lemmas(t) if w in self.support), None)
        if words is None:
            return None
        parts = particles(t)
        nxt = t.nbor().lower_ if t.i + 1 < len(t.doc) else ""
        for rest in sorted(words, key=len, reverse=True):
            if any(w not in parts for w in rest) or (rest and rest[0] != nxt):
                continue  # "go on strike", not "went back on a pledge"
            heads = _with_conjuncts(objects(t) + [o for w in rest for o in prep_objects(t, w)])
            for o in heads:
                entries, hit = self.noun_entries(o)
                if entries:
                    spec = [TriggerEntry("noun", e.lemma, e.words, e.obj, e.category, e.mode,
                                         e.when) for e in entries]
                    return _support_candidate(t, "support", spec, hit, o)
        return None

    def _happen(self, t: Token) -> Candidate | None:
        words = next((self.happen[w] for w in lemmas(t) if w in self.happen), None)
        if words is None:
            return None
        # the phrase's own words: particles, or the object of "take *place*"
        own_objs = {o.i: o.lower_ for o in objects(t)}
        parts = particles(t) | set(own_objs.values())
        fitting = [rest for rest in words if all(w in parts for w in rest)]
        if not fitting or any(w not in {x for rest in fitting for x in rest}
                              for w in own_objs.values()):
            return None  # an object of its own: "continued the talks" is not a happening
        for s in children(t, "nsubj"):
            entries, hit = self.noun_entries(s)
            if entries:
                return _support_candidate(t, "happen", entries, hit, s)
        return None

    def _deontic(self, sent: Span) -> Iterable[Candidate]:
        """"X said Y must/should V": a demand of X on Y (X and Y different)."""
        for r in sent:
            if lemma(r) not in self.cues["report"] or r.pos_ != "VERB":
                continue
            for c in children(r, "ccomp"):
                content = self._deontic_content(c)
                subj, _ = own_subject(c)
                if content is None or subj is None:
                    continue
                generic = any(d.lower_ in ("a", "an", "any", "some", "every")
                              for d in children(subj, "det"))
                if subj.pos_ == "PRON" or generic or not (
                        subj.pos_ == "PROPN" or subj.ent_type_
                        or lemma(subj) in self.cues["agent"]):
                    continue  # "the world / an organisation should ...": no one is asked
                yield Candidate(c, "deontic", [REQUEST_ENTRY], [c], content_head=content)

    def _deontic_content(self, c: Token) -> Token | None:
        auxes = {a.lower_ for a in children(c, "aux")}
        if auxes & (self.cues["deontic"] & {"must", "should", "ought"}):
            return c
        if lemma(c) in ("have", "need") and c.pos_ == "VERB":
            for x in children(c, "xcomp"):
                if any(a.lower_ == "to" for a in children(x, "aux")):
                    return x
        return None


def headline_passive(cand: Candidate) -> bool:
    """"Labour accused of broken pledge": a headline's passive without its auxiliary
    (an accusing verb with no object, its charge after "of" / "with")."""
    h = cand.head
    return (lemma(h) in ("accuse", "charge", "suspect", "indict", "convict")
            and h.tag_ in ("VBN", "VBD") and not children(h, "dobj", "aux", "auxpass")
            and any(p.lower_ in ("of", "with") for p in children(h, "prep")))


def _nominal_gerund(t: Token) -> bool:
    """A gerund after a preposition of a noun ("involvement *in killing*"): a nominal
    mention, not a clause that tells an event."""
    return (t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.dep_ == "prep"
            and t.head.head.pos_ in ("NOUN", "PROPN"))


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    return [x for t in tokens for x in [t, *[c for c in t.conjuncts if c.i > t.i]]]


def _support_candidate(t: Token, kind: CandidateKind, entries: list[TriggerEntry],
                       hit: list[Token], noun_head: Token) -> Candidate:
    spec = [TriggerEntry(e.kind, e.lemma, e.words, e.obj, e.category, e.mode, e.when)
            for e in entries]
    cand = Candidate(t, kind, spec, [t, *hit], noun=hit[-1],
                     used={x.i for x in hit} | {noun_head.i})
    return cand


def specificity(cand: Candidate, entry: TriggerEntry) -> int:
    if cand.kind in ("support", "happen"):
        return SUPPORT_SPECIFICITY + 10 * len(entry.words)
    return entry.specificity


def _split(phrases: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """"carry out" -> {"carry": [("out",)]}; "launch" -> {"launch": [()]}."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = p.split()
        out.setdefault(words[0], []).append(tuple(words[1:]))
    return out
