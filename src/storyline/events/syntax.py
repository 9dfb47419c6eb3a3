"""Dependency-parse helpers for event extraction: clause subjects, objects, auxiliaries,
noun-phrase cores and lemma-phrase matching. Pure functions of spaCy tokens."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.strings import get_string_id
from spacy.tokens import Token

SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
OBJ = ("dobj", "nsubjpass", "attr", "oprd")
# dependents that open a clause of their own: their tokens are not the clause's
CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "conj", "pcomp",
           "dep"}
# what a noun phrase's core keeps on its left
NP_LEFT = {"compound", "amod", "nmod", "poss", "case", "npadvmod", "nummod", "quantmod"}
NP_RIGHT_PREPS = {"of", "from", "in"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
# participles of a state, not of something done to the subject: "militias *were engaged in*
# shelling", "officials *involved in* the talks": their subject is the one who acts
STATIVE_PARTICIPLES = {"engage", "involve", "embroil"}


NON_AGENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def lemma(t: Token) -> str:
    return t.lemma_.lower()


_KNOWN_LEMMAS: dict[tuple[int, int], tuple[str, ...]] = {}  # (lemma, lower) hashes -> forms
MAX_KNOWN_LEMMAS = 100_000


def lemmas(t: Token) -> tuple[str, ...]:
    """The lemma, then forms guessed from the word for a verb the lemmatizer got wrong
    ("staged" -> "stag"): -d, -ed, -s, -es, -ing(+e), -ied -> -y. Worked out once per
    (lemma, word) and kept."""
    key = (t.lemma, t.lower)
    forms = _KNOWN_LEMMAS.get(key)
    if forms is None:
        if len(_KNOWN_LEMMAS) > MAX_KNOWN_LEMMAS:
            _KNOWN_LEMMAS.clear()
        forms = _KNOWN_LEMMAS[key] = word_forms(t.lemma_, t.lower_)
    return forms


def word_forms(lemma_: str, low: str) -> tuple[str, ...]:
    """:func:`lemmas` of a token with this lemma and this lower-case form."""
    out = [lemma_.lower(), low]
    if low.endswith("ied") or low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("ed") or low.endswith("es"):
        out += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            out.append(low[:-3])  # "stopped" -> "stop"
    elif low.endswith("s") or low.endswith("d"):
        out.append(low[:-1])
    if low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
        if len(low) > 5 and low[-4] == low[-5]:
            out.append(low[:-4])
    seen: list[str] = []
    for w in out:
        if w and w not in seen:
            seen.append(w)
    return tuple(seen)


@lru_cache(maxsize=512)
def _dep_ids(deps: tuple[str, ...]) -> frozenset[int]:
    return frozenset(get_string_id(d) for d in deps)


def children(t: Token, *deps: str) -> list[Token]:
    """``t``'s children with one of the dependency labels ``deps`` (compared by id: no
    string is made for each child)."""
    ids = _dep_ids(deps)
    return [c for c in t.children if c.dep in ids]


PARTICLE_DEPS = ("prt", "prep", "agent", "dative", "advmod")
PARTICLE_REACH = 3  # a particle at most this many words after its verb ("called Thursday on")


def particle_tokens(t: Token) -> list[Token]:
    """Particle / preposition / adverb children just after ``t`` ("call *off*", "call *for*")."""
    return [c for c in t.children
            if c.dep_ in PARTICLE_DEPS and 0 < c.i - t.i <= PARTICLE_REACH]


def particles(t: Token) -> set[str]:
    return {c.lower_ for c in particle_tokens(t)}


def prep_objects(t: Token, word: str) -> list[Token]:
    """Objects of ``t``'s preposition child ``word`` ("fire *on* X" -> X)."""
    out: list[Token] = []
    for p in t.children:
        if p.dep_ in ("prep", "agent", "dative", "prt") and p.lower_ == word:
            out.extend(children(p, "pobj", "pcomp"))
    return out


def objects(t: Token) -> list[Token]:
    """Direct objects, a passive subject, attributes and object predicates of ``t``."""
    return children(t, *OBJ)


def is_passive(t: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in t.children)


def aux_words(t: Token) -> list[str]:
    """Auxiliaries of ``t`` (lower case), its copula head's too for an adjective."""
    out = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
    if t.dep_ in ("acomp", "attr") and t.head.pos_ == "AUX":
        out += [c.lower_ for c in t.head.children if c.dep_ in ("aux", "auxpass")]
    return out


def clause_head(t: Token) -> Token:
    """The token that carries a clause's subject and auxiliaries: the copula of an
    adjective predicate ("France *is* ready"), else ``t``."""
    if t.dep_ in ("acomp", "attr") and t.head.pos_ in ("AUX", "VERB") and t.head.i != t.i:
        return t.head
    return t


def own_subject(t: Token) -> tuple[Token | None, bool]:
    """The subject written on ``t``'s clause: (token, passive)."""
    h = clause_head(t)
    for c in h.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c, False
        if c.dep_ in ("nsubjpass", "csubjpass"):
            stative = lemma(h) in STATIVE_PARTICIPLES and not children(h, "agent") and any(
                p.lower_ == "in" for p in children(h, "prep"))
            return c, not stative
    return None, False


def controller(t: Token) -> Token | None:
    """The subject of a clause with none of its own: the controller of an infinitive
    (the object of "urge X to", else the subject), the subject a conjoined verb or a
    participle shares, the noun a relative or participial clause modifies."""
    seen = 0
    cur = clause_head(t)
    while seen < 12:
        seen += 1
        subj, _ = own_subject(cur)
        if subj is not None:
            if lemma(subj) in RELATIVE and cur.dep_ == "relcl":
                return cur.head
            return subj
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            return None
        if dep == "xcomp":
            objs = children(clause_head(head), "dobj")
            if objs:
                return objs[0]
            cur = clause_head(head)
        elif dep in ("conj", "advcl", "acomp", "pcomp") or (dep == "ccomp" and head.pos_ == "ADJ"):
            if dep == "pcomp":
                if head.lower_ in ("for", "of") and head.head.dep_ == "dobj" \
                        and head.head.pos_ in ("NOUN", "PROPN"):
                    return head.head  # "suspended *X* for refusing" (the phrase on X)
                objs = children(head.head, "dobj") if head.lower_ in ("for", "of") else []
                if objs and head.head.pos_ == "VERB":
                    return objs[0]  # "suspended *X* for refusing", "accused *X* of lying"
                head = head.head  # "apologised for *refusing*": through the preposition
            cur = clause_head(head)
        elif dep == "relcl":
            return head
        elif dep == "acl":  # "militiamen armed with": the noun is the patient of a participle
            return head if cur.tag_ == "VBG" or active_participle(cur) else None
        else:
            return None
    return None


def passive_participle(t: Token) -> bool:
    """A past participle modifying a noun that is its patient ("refugees *ordered* out")."""
    return t.dep_ == "acl" and t.tag_ in ("VBN", "VBD") and not active_participle(t)


def active_participle(t: Token) -> bool:
    """A past-tense verb the parser hung on a noun as a participle when the noun is its
    subject: the noun is the sentence's root ("An official newspaper *called* on ...") or
    the subject of a reporting clause ("Youths *resorted* to ..., officials said")."""
    if t.dep_ != "acl" or t.tag_ not in ("VBN", "VBD") or children(t, "agent"):
        return False
    noun = t.head
    return noun.dep_ == "ROOT" or (noun.dep_ == "nsubj" and noun.i < t.i
                                   and noun.head.i > t.i and noun.head.lemma_ == "say")


def np_tokens(head: Token, keep_adjs: frozenset[str] = frozenset(),
              roles: frozenset[str] = frozenset()) -> list[Token]:
    """The core of the noun phrase headed by ``head``: its left modifiers (compounds,
    names, possessives; adjectives only when capitalised, named or listed in ``keep_adjs``)
    and its right "of/from/in" phrases ("for" after a role in ``roles``: "spokesman for
    ..."), without determiners, counts, relative clauses,
    appositions or anything after a comma."""
    keep = {head.i}
    for c in head.lefts:
        if c.dep_ not in NP_LEFT or c.ent_type_ in NON_AGENT_ENTS:
            continue  # "On Monday school inspection chief ...": not the name
        if c.dep_ in ("nummod", "quantmod") or c.pos_ == "NUM":
            continue
        if c.dep_ == "amod" and c.lower_ not in keep_adjs and not any(
                x.ent_type_ or x.pos_ == "PROPN" or (x.text[:1].isupper() and x.i > 0)
                for x in c.subtree):
            continue
        keep.update(x.i for x in c.subtree
                    if x.dep_ not in ("det", "predet", "punct") or x.head.i != c.i
                    or x.dep_ == "case")
    right_preps = NP_RIGHT_PREPS | ({"for"} if lemma(head) in roles else set())
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in right_preps:
            sub = [x for x in c.subtree if not _in_clause(x, c)]
            if any(x.is_punct and x.text in ",;()" for x in sub):
                break
            keep.update(x.i for x in sub)
        elif c.dep_ in ("compound", "case") or (c.dep_ == "punct" and c.text == "-"):
            keep.update(x.i for x in c.subtree)
        else:
            break
    doc = head.doc
    lo, hi = min(keep), max(keep)
    toks = [doc[i] for i in range(lo, hi + 1)]
    while toks and (toks[0].dep_ in ("det", "predet") or toks[0].is_punct):
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text not in ")":
        toks.pop()
    return toks


def _in_clause(x: Token, top: Token) -> bool:
    """``x`` sits in a relative/participial clause or apposition below ``top``."""
    cur = x
    while cur.i != top.i:
        if cur.dep_ in ("relcl", "acl", "appos", "advcl", "ccomp"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def phrase_at(tokens: list[Token], phrase: tuple[str, ...]) -> list[Token] | None:
    """The tokens of ``tokens`` (in order) whose lemmas (or lower-cased texts) spell
    ``phrase``; hyphenated words may be one token or three ("cease-fire")."""
    if not phrase:
        return None
    n = len(phrase)
    for i in range(len(tokens) - n + 1):
        window = tokens[i:i + n]
        if all(_word_is(t, w) for t, w in zip(window, phrase, strict=True)):
            return window
    # "cease - fire" tokenised apart
    joined = [(t, _norm(t)) for t in tokens if t.text != "-"]
    want = [p.replace("-", "") for p in phrase]
    for i in range(len(joined) - n + 1):
        pairs = joined[i:i + n]
        if all(w == p for (_, w), p in zip(pairs, want, strict=True)):
            return [t for t, _ in pairs]
    return None


def _norm(t: Token) -> str:
    return lemma(t).replace("-", "")


def _word_is(t: Token, w: str) -> bool:
    low = t.lower_
    return lemma(t) == w or low == w or (low.endswith("s") and low[:-1] == w)


def subtree_without_clauses(top: Token, keep: Iterable[int] = ()) -> Iterator[Token]:
    """``top``'s subtree in breadth-first order without the clauses below it (children
    whose dependency opens a clause, unless their index is in ``keep``)."""
    keep_set = set(keep)
    queue = [top]
    while queue:
        t = queue.pop(0)
        yield t
        for c in t.children:
            if c.dep_ in CLAUSAL and c.i not in keep_set and (c.pos_ in ("VERB", "AUX")
                                                              or c.dep_ != "conj"):
                continue
            queue.append(c)


def is_question(sentence_text: str) -> bool:
    return sentence_text.rstrip(" \"'”’)").endswith("?")
