"""The recipient of an event: who the action is directed at (PLOVER), read from the
trigger clause and, for a verbal act, from its content."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events.candidates import headline_passive
from storyline.events.categories import CONTENT_HEADS, VERBAL
from storyline.events.chosen import Chosen
from storyline.events.lexicon import Cues
from storyline.events.participants import Participant, ParticipantReader
from storyline.events.syntax import (
    RELATIVE,
    children,
    clause_head,
    lemma,
    objects,
    own_subject,
    passive_participle,
)

# categories where what is given, sent or moved (troops, aid, envoys) is never the recipient
GIVING = {"AID", "AGREE", "MOBILIZE", "RETREAT", "SANCTION", "COOPERATE"}
# categories where the owner of what is sent is the sender ("mobilized *navy* reservists");
# not so for what is expelled or withdrawn ("expelled inspectors *of the IAEA*")
SENDING = {"AID", "MOBILIZE"}
# verbs whose object is what is talked about, not who is talked with ("discussing the
# protests"): their recipient is a "with" phrase
PLACE_NOUNS = {"country", "nation", "city", "town", "region", "area", "province", "state",
               "territory", "village", "capital"}
TOPIC_VERBS = {"discuss", "debate", "review", "consider", "address", "examine", "study"}
# verbs of shooting or throwing: their "at" phrase is the target, not the venue
AIMING = {"fire", "shoot", "launch", "hurl", "throw", "lob", "aim"}
# a fight named by a noun: its other side follows "against" / "with" ("mobilized reservists
# for a war *against Y*", "a new offensive in its war *with Y*")
CONFLICT_NOUNS = {"war", "conflict", "offensive", "campaign", "fight", "battle", "struggle",
                  "confrontation", "hostility", "truce", "ceasefire", "attack", "assault"}


def find_recipient(c: Chosen, reader: ParticipantReader, cues: Cues) -> Participant | None:
    """The first of, in order: the demanded party of "X said Y must", a passive's
    subject, the noun a passive participle modifies, the indirect and the direct
    object, the addressee of a demand ("demanded that Y ..."), the objects of the
    category's prepositions ("against Y", "with Y", "to Y"), the owner of the thing
    the trigger names ("Y's demand", "a Y request"), then the same in its content
    clause ("threatened to impose restrictions *against Y*")."""
    cand = c.cand
    h = cand.head
    prefs = cues[f"prep:{c.category}"] | cues[f"prep:{c.content}"]
    if c.entry.mode == "visit":
        prefs |= {"in", "to", "at"}  # "arrived in X": the host
    # on a verb, "on" / "at" mostly say where or when ("fought on the front line");
    # "fire on X" names its target by the entry's own particle
    # a particle whose object is the trigger's own event noun is spent: "engaged *in* ethnic
    # cleansing in X" (the second "in" says where)
    spent = {p.lower_ for p in children(h, "prep")
             if any(o.i in cand.used for o in children(p, "pobj"))}
    verb_prefs = (prefs - {"on", "at"}) | (set(c.entry.words) - spent) \
        if c.category == "ASSAULT" else prefs
    if c.category == "ASSAULT" and lemma(h) in AIMING:
        verb_prefs |= {"at"}  # "fired missiles *at* targets in Y": at is the target
    tries: list[Token | Participant] = []
    subj, passive = own_subject(h)
    if subj is not None and passive and lemma(subj) in RELATIVE and clause_head(h).dep_ == "relcl":
        subj = clause_head(h).head  # "the journalist, *who* was arrested by police": the journalist
    if cand.kind == "deontic" and subj is not None:
        tries.append(subj)
    elif subj is not None and headline_passive(cand):
        tries.append(subj)
    elif subj is not None and passive and not cand.active_adj and subj.i not in cand.used \
            and cand.kind not in ("support", "happen"):
        tries.append(subj)
    if subj is None and children(h, "auxpass") and h.dep_ == "conj":
        subj = own_subject(h.head)[0]  # "X pleaded guilty and *was jailed*": X
        if subj is not None:
            tries.append(subj)
    if passive_participle(clause_head(h)):
        tries.append(clause_head(h).head)  # "West Africans ordered out of Nigeria"
    for d in children(h, "dative"):
        tries.extend(children(d, "pobj") if d.pos_ == "ADP" else [d])
    giving = c.category in GIVING or c.content in GIVING
    tries.extend(o for o in children(h, "dobj") if o.i not in cand.used
                 and not (giving and lemma(o) in cues["resource"])
                 and not (c.category == "CONSULT" and lemma(h) in TOPIC_VERBS))
    if c.category == "SANCTION":  # "expelled *Libya's* ambassador": whose envoys are sent off
        tries.extend(p for o in [*children(h, "dobj"), *(h.doc[i] for i in sorted(cand.used))]
                     if lemma(o) in cues["resource"]
                     for p in [reader.written_owner(o)] if p is not None)
    if c.category in ("REQUEST", "CONCEDE"):  # "urged / allowed X to ..."
        for x in children(h, "ccomp", "xcomp"):
            tries.extend(t for t in [own_subject(x)[0]] if t is not None)
    used = [o for o in objects(h) if any(x.i in cand.used for x in o.subtree)]
    holders = [h, *([cand.noun] if cand.noun is not None else []),
               *used, *(o for o in children(h, "dobj") if o not in used)]
    holders += [o for x in holders[1:] for p in children(x, "prep") if p.lower_ == "of"
                for o in children(p, "pobj")]  # "a suspension *of air links with* X"
    tries.extend(_pp_objects(holders[:1], verb_prefs))
    tries.extend(_pp_objects(holders[1:], prefs))
    if c.category in ("PROTEST", "ACCUSE") and not passive:
        tries.extend(_misplaced_agents(h, prefs))
    tries.extend(_other_side(holders))
    # the people the trigger's own object names: "released four *hostages*"
    tries.extend(o for o in used if reader.is_agent(o) and lemma(o) not in cues["resource"])
    ct = c.content_token
    if ct is None and (c.entry.category in CONTENT_HEADS or c.transformed):
        ct = next(iter(children(h, "xcomp", "ccomp")), None)  # "threatened to deliver blows"
    if ct is not None and ct.i != h.i:
        csubj, cpass = own_subject(ct)
        if c.category == "ACCUSE":
            # what is complained of was done by the accused: "over *Israeli* air raids"
            if csubj is not None and not cpass:
                tries.append(csubj)
            if ct.pos_ in ("NOUN", "PROPN"):
                tries.extend(p for p in [reader.noun_agent(ct)] if p is not None)
        if csubj is not None and not cpass and c.category in ("REQUEST", "CONCEDE"):
            tries.append(csubj)
        tries.extend(children(ct, "dative"))
        tries.extend(o for o in children(ct, "dobj", "nsubjpass")
                     if not (giving and lemma(o) in cues["resource"]))
        tries.extend(_pp_objects([ct, *children(ct, "dobj", "nsubjpass")], prefs))
        tries.extend(_other_side([ct, *children(ct, "dobj", "nsubjpass")]))
    for x in children(h, "advcl", "xcomp"):  # "opened fire to disperse *demonstrators*"
        if any(a.lower_ == "to" for a in children(x, "aux")):
            tries.extend(children(x, "dobj"))
            if c.category == "PROTEST":  # "to protest against *X*'s decision"
                tries.extend(reader.named_in(x))
    for t in tries:
        got = t if isinstance(t, Participant) else reader.read(t)
        if got is not None and not got.keys and got.head_lemma in PLACE_NOUNS:
            continue  # "the east of *the country*": a place named by no name is no party
        if got is not None and not _same(got, c.actor):
            return got
    for x in [*used, *([cand.noun] if cand.noun is not None else [])]:
        if (c.category in SENDING or c.content in SENDING) and lemma(x) in cues["resource"]:
            continue  # "mobilized *navy* reservists": the owner of what is sent is no recipient
        got = reader.named_modifier(x)
        if got is not None and not _same(got, c.actor):
            return got
    if ct is not None and ct.i != h.i and c.category in VERBAL:
        # the party a commitment, threat or demand concerns, named further down its
        # content: "willing to send material to help defend *Saudi Arabia*"
        for got in reader.named_in(ct):
            if not _same(got, c.actor):
                return got
    for o in children(h, "dobj"):  # "attacked an *army* base"
        got = reader.unnamed_owner(o)
        if got is not None:
            return got
    return None


def _pp_objects(holders: list[Token], prefs: frozenset[str]) -> list[Token]:
    return [o for x in holders for p in children(x, "prep", "dative") if p.lower_ in prefs
            for o in children(p, "pobj")]


def _other_side(holders: list[Token]) -> list[Token]:
    """The other side of a fight the clause names in a prepositional phrase, one or two
    phrases down: "for a possible war *against Y*", "an offensive in its war *with Y*",
    "ethnic cleansing in the valley *against Y*"."""
    out: list[Token] = []
    level = [o for x in holders for p in children(x, "prep") for o in children(p, "pobj")]
    for _ in range(2):
        nxt: list[Token] = []
        for noun in level:
            sides = ("against", "with") if lemma(noun) in CONFLICT_NOUNS else ("against",)
            out.extend(o for p in children(noun, "prep") if p.lower_ in sides
                       for o in children(p, "pobj"))
            nxt.extend(o for p in children(noun, "prep") for o in children(p, "pobj"))
        level = nxt
    return out


def _misplaced_agents(h: Token, prefs: frozenset[str]) -> list[Token]:
    """A "by" phrase the parser hung on an active verb (``h``) as its agent, after a
    protest's object: "protested against the killings *by the police*" (the police did
    the killing)."""
    if not any(p.lower_ in prefs for p in children(h, "prep")):
        return []
    return [o for a in children(h, "agent") for o in children(a, "pobj")]


def _same(p: Participant, actor: Participant | None) -> bool:
    if actor is None:
        return False
    return (p.start < actor.end and actor.start < p.end) or (
        p.key is not None and p.key == actor.key)
