"""Actors and recipients: the noun phrase in a role of the trigger clause, narrowed to
who it names (an entity mention, or an agent noun: "protesters", "troops"), with the
article-local keys of the entity mentions it holds."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.events.lexicon import Cues
from storyline.events.syntax import NON_AGENT_ENTS, children, lemma, np_tokens
from storyline.records import EntityMention, MentionKey

# "a military aid program *for X*", "targets *in X*" (an unnamed thing: where it is)
# prepositions of a venue ("talks *in Turkey*"), not of a party to what happens there
VENUE = {"in", "at", "near", "inside", "outside", "during", "amid", "on", "over"}
DASHES = {"-", "--", "\u2013", "\u2014", "|"}
OWNER_PREPS = ("of", "by", "from", "for", "to", "against", "in")
PERSONAL = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "them", "him"}
NAMED = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
# "*Moscow*-backed rebels", "a *Virginia*-based firm": who backs the party or where it
# is, not the party
BACKER = re.compile(r"[-\u2010\u2011](backed|supported|sponsored|funded|financed|armed|allied|"
                    r"aligned|installed|appointed|trained|friendly|leaning|linked|inspired|based|"
                    r"headquartered|born)\b",
                    re.IGNORECASE)
# plural nouns of people by their agentive ending: "servicemen", "officers", "activists"
AGENTIVE = ("men", "ers", "ors", "ists", "ians", "ants", "ees")


@dataclass(frozen=True, slots=True)
class Participant:
    text: str
    start: int  # character offsets in the article text
    end: int
    keys: tuple[MentionKey, ...]  # entity keys of the mentions it holds, one per conjunct first
    head: int  # token index of the head noun
    labels: tuple[str, ...] = ()
    head_lemma: str = ""

    @property
    def key(self) -> MentionKey | None:
        return self.keys[0] if self.keys else None

    @property
    def parts(self) -> int:
        return max(1, len(self.keys))


class MentionIndex:
    """Entity mentions of one article, found by character offset."""

    def __init__(self, mentions: Sequence[EntityMention]) -> None:
        self.mentions = sorted((m for m in mentions if m.label in NAMED), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def within(self, start: int, end: int) -> list[EntityMention]:
        i = bisect_right(self.starts, start)
        lo = max(0, i - 1)
        out = []
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            if m.end > start and m.start < end:
                out.append(m)
        return out

    def at(self, t: Token) -> EntityMention | None:
        ms = self.within(t.idx, t.idx + len(t))
        return ms[0] if ms else None


def _span(toks: list[Token]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1])


class ParticipantReader:
    """Reads participants from noun-phrase heads of one parsed document."""

    def __init__(self, index: MentionIndex, cues: Cues, text: str) -> None:
        self.index = index
        self.cues = cues
        self.text = text

    def read(self, head: Token | None, depth: int = 0) -> Participant | None:
        """The participant named by the noun phrase headed by ``head`` (conjuncts joined),
        or None when it names no one (a pronoun, a thing)."""
        if head is None or depth > 4:
            return None
        if head.pos_ == "VERB":  # "The Red Cross operating in Iraq said": a misparsed subject
            subj = children(head, "nsubj")
            if not subj:
                return None
            head = subj[0]
        head = self.through_partitive(head)
        head = named_apposition(head) or head
        if any(c.lower_ == "whose" for c in head.children):
            return None  # "a worker *whose husband* is fighting": someone unnamed
        if head.pos_ == "PRON" or lemma(head) in PERSONAL or head.ent_type_ in NON_AGENT_ENTS:
            return None
        parts = [p for p in (self._one(h) for h in [head, *_conjuncts(head)]) if p is not None]
        if not parts:
            for a in children(head, "appos"):  # "denounced as a crime, Serbia's suppression"
                return self.read(a, depth + 1)
            return None
        if len(parts) == 1:
            return parts[0]
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        text = self.text[start:end]
        if any(p.head != h.i for p, h in zip(parts, [head, *_conjuncts(head)], strict=False)):
            return parts[0]  # owners of several things: "a Russian withdrawal and a ..."
        keys: list[MentionKey] = []
        for p in parts:
            keys.extend(k for k in p.keys if k not in keys)
        return Participant(text, start, end, tuple(keys), head.i,
                           tuple(lb for p in parts for lb in p.labels), parts[0].head_lemma)

    def through_partitive(self, head: Token) -> Token:
        """"thousands of students" -> students; "a group of diplomats" -> diplomats."""
        for _ in range(3):
            if lemma(head) in self.cues["partitive"] or head.lower_ in self.cues["partitive"] \
                    or head.pos_ == "NUM":
                of = [p for p in children(head, "prep") if p.lower_ == "of"]
                objs = children(of[0], "pobj") if of else []
                if objs:
                    head = objs[0]
                    continue
            break
        return head

    def _one(self, head: Token) -> Participant | None:
        toks = np_tokens(head, self.cues["keep"], self.cues["person"])
        if not toks:
            return None
        while len(toks) > 1 and toks[-1].dep_ == "case":  # "Russia's" -> "Russia"
            toks = toks[:-1]
        while len(toks) > 1 and "\n" in toks[0].doc[toks[0].i:head.i].text:
            toks = toks[1:]  # never across a line break (a headline above the text)
        cut = max((k for k, t in enumerate(toks) if t.i < head.i and t.text in DASHES
                   and t.whitespace_ and k > 0 and toks[k - 1].whitespace_), default=-1)
        toks = toks[cut + 1:]  # never across a dateline ("CAIRO (Reuters) - Arab League head")
        start, end = _span(toks)
        ms = [m for m in self.index.within(start, end) if not BACKER.match(self.text, m.end)]
        own = self.index.at(head)
        if own is None and lemma(head) in self.cues["kin"]:
            # "President X's grandfather", "opponents of X": someone tied to X, not X
            return Participant(self.text[start:end], start, end, (), head.i, (), lemma(head))
        named = own is not None or bool(ms)
        if not named and not self.is_agent(head):
            return self.named_modifier(head)
        if own is None and ms and not self.is_agent(head):
            # an event or a thing owned by someone: "North Korea's demand", "a U.S. request"
            return self.named_modifier(head) or None
        keys: list[MentionKey] = []
        if own is not None:  # the whole name, if the parse cut it ("Sheikh Hamad bin ...")
            start, end = min(start, own.start), max(end, own.end)
            keys.append(own.key)
        keys.extend(m.key for m in ms if m.key not in keys)
        labels = tuple(m.label for m in ([own] if own else []) + ms)
        return Participant(self.text[start:end], start, end, tuple(keys), head.i, labels,
                           lemma(head))

    def named_modifier(self, head: Token) -> Participant | None:
        """The named owner of a thing or an event: its possessive, a named compound or
        adjective, or an "of/by/from" phrase naming someone."""
        owner = self.written_owner(head)
        if owner is not None:
            return owner
        for p in children(head, "prep", "agent"):
            if p.lower_ in OWNER_PREPS:
                for o in children(p, "pobj"):
                    got = self._one(o)
                    if got is not None:
                        return got
        for a in children(head, "acl"):  # "the demonstration staged *by students*"
            for p in children(a, "agent"):
                for o in children(p, "pobj"):
                    got = self._one(o)
                    if got is not None:
                        return got
        return None

    def written_owner(self, head: Token) -> Participant | None:
        """The named owner written before a noun: its possessive, or a named compound or
        adjective ("*Libya's* ambassador", "the *Libyan* ambassador"); not an "of/to"
        phrase after it ("ambassador *to Britain*" says where the envoy serves)."""
        for c in head.lefts:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return self._one(c)
        for c in head.lefts:
            m = self.index.at(c)
            if c.dep_ in ("compound", "amod", "nmod") and m is not None:
                return Participant(m.text, m.start, m.end, (m.key,), c.i, (m.label,), lemma(c))
        return None

    def unnamed_owner(self, head: Token) -> Participant | None:
        """"an *army* base": an owner named by an agent noun, not a name."""
        for c in head.lefts:
            if c.dep_ == "compound" and lemma(c) in self.cues["agent"]:
                return Participant(c.text, c.idx, c.idx + len(c), (), c.i, (), lemma(c))
        return None

    def is_agent(self, t: Token) -> bool:
        if t.ent_type_ in NON_AGENT_ENTS:
            return False
        low = lemma(t)
        return (low in self.cues["agent"] or t.lower_ in self.cues["agent"]
                or t.pos_ == "PROPN" or self.index.at(t) is not None
                or (t.tag_ == "NNS" and t.lower_.endswith(AGENTIVE)))

    def is_state(self, p: Participant) -> bool:
        """A state, its government, armed forces, police or officials."""
        if p.labels and p.labels[0] in ("GPE",) and p.head_lemma not in self.cues["agent"]:
            return True
        return p.head_lemma in self.cues["state"] or any(
            w in self.cues["state"] for w in p.text.lower().split()[-2:])

    def is_person(self, p: Participant) -> bool:
        return (bool(p.labels) and p.labels[0] == "PERSON") or p.head_lemma in self.cues["person"] \
            or any(w in self.cues["person"] for w in p.text.lower().split())

    def noun_agent(self, noun: Token) -> Participant | None:
        """Who an event noun names as its agent: "clashes *between X and Y*", "attacks *by
        X*", "*Palestinian* protests", "*X's* offensive"."""
        for p in children(noun, "prep"):
            if p.lower_ in ("by", "between", "from"):
                for o in children(p, "pobj"):
                    got = self.read(o)
                    if got is not None:
                        return got
        for c in noun.lefts:
            if c.dep_ in ("poss", "compound", "amod") and self.index.at(c) is not None:
                got = self.read(c)
                if got is not None:
                    return got
        return None

    def named_in(self, top: Token) -> list[Participant]:
        """Named participants in a clause, nearest its head first (the target of a protest
        is named in its purpose: "to demand reforms by *X's government*")."""
        out = []
        queue = [top]
        while queue:  # breadth first, not into relative clauses or venues ("in Turkey")
            t = queue.pop(0)
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "poss"):
                got = self.read(t)
                if got is not None and got.keys:
                    out.append(got)
            queue += [c for c in t.children if c.dep_ not in ("relcl", "acl", "appos", "parataxis")
                      and not (c.dep_ == "prep" and c.lower_ in VENUE)]
        return out


def _conjuncts(head: Token) -> list[Token]:
    return [c for c in head.conjuncts if c.i > head.i and c.pos_ in ("NOUN", "PROPN", "ADJ")]


NAMED_ACTORS = ("GPE", "ORG", "PERSON", "NORP")


def named_apposition(head: Token) -> Token | None:
    """The name a common noun stands beside: "another German ally, *Austria*," (an
    apposition) or "another German ally *Austria*" (parsed as a second subject): the
    party is the one named, not the one the modifier names."""
    if head.pos_ != "NOUN":
        return None
    for a in children(head, "appos"):
        if a.pos_ == "PROPN" and a.ent_type_ in NAMED_ACTORS:
            return a
    doc = head.doc
    if head.i + 1 < len(doc):
        nxt = doc[head.i + 1]
        if nxt.pos_ == "PROPN" and nxt.ent_type_ in NAMED_ACTORS and nxt.dep_ == head.dep_ \
                and nxt.head.i == head.head.i and nxt.head.i != nxt.i:
            return nxt
    return None
