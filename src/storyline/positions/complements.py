"""What a stance cue is about: its complements in the parse (an object, a clause, an
infinitive, a noun's "that" clause or prepositional object), each as ("np" | "clause",
head token, a wish for the actor's own act). A pure step on a parsed doc; the issue
reader turns each complement into issues (:mod:`storyline.positions.issues`)."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events.syntax import (
    children,
    clause_head,
    is_passive,
    lemma,
    own_subject,
)
from storyline.positions.cues import CueHit
from storyline.positions.lexicon import WANT

DEONTIC = {"must", "should", "ought"}
NOUN_ISSUE_PREPS = ("for", "of", "on", "over", "to", "about", "regarding")


def complements(hit: CueHit) -> list[tuple[str, Token, bool]]:
    """What a cue is about: ("np" | "clause", head token, a wish for the actor's own
    act)."""
    h = hit.head
    out: list[tuple[str, Token, bool]] = []
    if hit.cue.needs == "self":
        return [("clause", h, False)]  # a commitment: the promised action itself
    prep = hit.prep()
    if hit.kind == "disclaim":  # "does not mean a ceasefire", not "did not mean to"
        objs = [*children(h, "dobj", "attr"), *(children(prep, "pobj") if prep else [])]
        return [("np", d, False) for d in objs if d.pos_ in ("NOUN", "PROPN")]
    if prep is not None and hit.cue.needs == "xcomp":
        # "called on X to V": V, on the verb or hung on X
        objs = children(prep, "pobj")
        for x in [*children(h, "xcomp"), *[a for o in objs for a in o.children
                                           if a.dep_ in ("acl", "relcl")]]:
            if any(a.lower_ == "to" for a in children(x, "aux")):
                out.append(("clause", x, False))
        return out
    if prep is not None:
        for o in children(prep, "pobj", "pcomp"):
            if o.ent_type_ not in ("DATE", "TIME"):  # "insisted on Wednesday it was"
                out.append(("clause" if o.pos_ in ("VERB", "AUX") else "np", o, False))
        if out:
            return out
    if hit.kind == "noun":
        return noun_complements(hit)
    if hit.kind == "adj":
        # "is open to compromise": the parser may hang the complement on the copula
        for g in dict.fromkeys([h, clause_head(h)]):
            for x in children(g, "xcomp"):
                if x.i != h.i:
                    out.append(("clause", x, hit.stance == WANT))
            for p in children(g, "prep"):
                if p.lower_ in ("to", "for", "on", "with", "about", "of"):
                    out += [("clause" if o.pos_ == "VERB" else "np", o, False)
                            for o in children(p, "pobj", "pcomp")]
        return out
    dobjs = [d for d in children(h, "dobj") if d.lower_ not in ("that",)]
    xcomps = children(h, "xcomp")
    if not xcomps and not dobjs:
        # "offered on Monday to declare ...": an infinitive the parser hung as an adverbial
        xcomps = [a for a in children(h, "advcl") if own_subject(a)[0] is None
                  and any(x.lower_ == "to" and x.dep_ == "aux" for x in a.children)]
    for x in xcomps:
        out.append(("clause", x, hit.stance == WANT and not dobjs))
    if hit.cue.needs == "xcomp":
        return out  # "asked X to ...", not "asked a question"
    if not xcomps:
        for c in children(h, "ccomp"):
            if states_content(hit, c):
                out.append(("clause", c, False))
    if not out:
        out += [("np", d, False) for d in dobjs]
    if not out and is_passive(h):
        out += [("np", s, False) for s in children(h, "nsubjpass")]
    if not out and h.dep_ == "acl" and h.tag_ == "VBN":
        out.append(("np", h.head, False))  # "the plan proposed by X"
    if not out and hit.stance == "demand" and not hit.cue.needs:
        # a misparsed "demanded, among other things, that Ukraine drop ...": a "that"
        # clause hung on a noun below the cue
        for t in h.subtree:
            if t.i > h.i and t.dep_ == "relcl" and own_subject(t)[0] is not None \
                    and any(c.lower_ == "that" and c.dep_ in ("dobj", "mark")
                            for c in t.children):
                out.append(("clause", t, False))
                break
    return out


def noun_complements(hit: CueHit) -> list[tuple[str, Token, bool]]:
    h = hit.head
    aim = hit.stance == WANT
    out: list[tuple[str, Token, bool]] = []
    for a in h.children:
        if a.dep_ in ("acl", "relcl") and any(x.lower_ == "to" for x in children(a, "aux")):
            out.append(("clause", a, aim))
        elif a.dep_ in ("acl", "relcl", "ccomp") and not aim and own_subject(a)[0] is not None \
                and any(m.lower_ == "that" and m.dep_ == "mark" for m in a.children):
            out.append(("clause", a, False))  # "its demand that Congress approve ..."
    if aim and h.dep_ in ("nsubj", "attr") and h.head.pos_ == "AUX":
        cop = h.head  # "our aim is to end the war", "this is our aspiration, to reach ..."
        for x in cop.children:
            if x.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in children(x, "aux")):
                out.append(("clause", x, True))
            elif x.dep_ == "attr" and x.i != h.i and x.pos_ in ("NOUN", "PROPN"):
                out.append(("np", x, False))
    if out or aim:
        return out  # "his goal" alone states nothing
    for p in children(h, "prep"):
        if p.lower_ not in NOUN_ISSUE_PREPS:
            continue
        for o in children(p, "pobj", "pcomp"):
            if p.lower_ == "of" and o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                continue  # "the demand of Russia": its owner
            if any(w.tag_ in ("WP", "WDT", "WRB") for w in o.children):
                continue  # "an offer on what was described as ...": not its content
            out.append(("clause" if o.pos_ == "VERB" else "np", o, False))
    if not out:
        for c in h.lefts:  # "a peace offer", "a ceasefire proposal"
            if c.dep_ == "compound" and c.pos_ == "NOUN" and not c.ent_type_:
                out.append(("np", c, False))
    return out


def states_content(hit: CueHit, c: Token) -> bool:
    """A "that" clause states what is demanded or offered; for other cues only a
    clause with a modal does ("agreed that they should cooperate"), not a fact
    ("accepted that the war was lost", "insisted that the strike was legal")."""
    if any(m.lower_ in ("if", "whether") for m in children(c, "mark")):
        return False
    if hit.stance in ("demand", "offer", "condition") and lemma(hit.head) != "insist":
        return True
    auxes = {a.lower_ for a in children(c, "aux")}
    if lemma(hit.head) == "insist":
        return bool(auxes & DEONTIC)  # "insisted that X must", not "that X would be"
    return bool(auxes & (DEONTIC | {"would", "will", "shall"})) or c.tag_ == "VB"
