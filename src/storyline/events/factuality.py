"""Is a trigger clause told as a fact? PLOVER codes what happened (or what was said,
promised, demanded, threatened), not what did not happen or might.

Walking up from the trigger's clause to the sentence root:

- the clause's own negation ("did not attack", "no talks", "without killing"),
  hypothetical modals ("may", "could"), future auxiliaries ("will", "is set to"), and an
  if/unless clause it carries;
- a clause inside an "if/unless" clause is hypothetical;
- the complement of another trigger that takes content ("agreed *to cooperate*",
  "threatened *to impose* ...", "accused X *of violating* ...", "refused *to allow*") is
  that event's content, not an event of its own;
- the complement of a denial ("denied attacking", "denied that ...") is a reported denial;
- the complement of a negative implicative ("failed to reach") did not happen; of an
  irrealis word ("hoped to", "plans to", purpose "to protest") has not happened;
- aspectual and implicative heads ("began shelling", "tried to kill", "continued to
  send") and reporting verbs ("officials said troops attacked") pass the fact through;
- a conjoined verb shares its first verb's negation and auxiliaries.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.events.candidates import Candidate
from storyline.events.categories import CONTENT_HEADS
from storyline.events.lexicon import Cues
from storyline.events.syntax import aux_words, children, clause_head, lemma, lemmas

FUTURE_HEADS = {"going", "set", "due", "poised", "about", "scheduled", "slated"}
NOUN_CLAIMS = {"claim", "allegation", "accusation", "rumour", "rumor", "suspicion",
               "speculation", "fear", "threat", "plan", "proposal", "possibility", "risk",
               "hope", "call", "demand", "offer", "promise", "pledge"}


TEMPORAL_AHEAD = {"before", "until", "till", "once", "when"}


def _present(t: Token) -> bool:
    """A present-tense verb or auxiliary: in a "before/until" clause, an event ahead."""
    tags = {t.tag_} | {a.tag_ for a in children(t, "aux", "auxpass")}
    return bool(tags & {"VBP", "VBZ"}) or (t.tag_ == "VB" and not children(t, "aux"))


@dataclass
class Factuality:
    dropped: str | None = None  # negated | hypothetical | question | denied | content
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    conditional: bool = False
    governor: int | None = None  # clause head of the event this is the content of
    reporter: Token | None = None  # the reporting verb the clause hangs from


def _negated(t: Token, cues: Cues) -> bool:
    for x in {t, clause_head(t)}:
        for c in x.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in cues["negator"]):
                return True
    return False


def _shares_verb_phrase(conj: Token) -> bool:
    """A conjoined verb with no subject or auxiliary of its own after "and" / "or"."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in conj.children):
        return False
    ccs = [c.lower_ for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i]
    return not ccs or ccs[-1] in ("and", "or", "nor")


class FactualityJudge:
    def __init__(self, cues: Cues) -> None:
        self.cues = cues

    def _is(self, g: Token, kind: str) -> bool:
        """``g``'s lemma, or a form guessed from the word when the lemmatizer got a verb
        wrong ("hopes" -> "hop"), is in the cue list ``kind``."""
        words = self.cues[kind]
        return lemma(g) in words or (g.pos_ in ("VERB", "AUX") and
                                     any(w in words for w in lemmas(g)))

    def _modal(self, g: Token) -> bool:
        """``g``'s clause carries a modal of possibility or obligation (may, might, could,
        can, should, must): what it governs is not a fact either."""
        return bool(set(aux_words(g)) & {"may", "might", "could", "can", "should", "must",
                                         "ought"})

    def assess(self, cand: Candidate, heads: dict[int, str], question: bool) -> Factuality:
        cues = self.cues
        f = Factuality()
        h = clause_head(cand.head)
        modal: set[str] = set()
        if cand.kind != "deontic":
            auxes = aux_words(cand.head)
            f.negated = _negated(cand.head, cues)
            f.hypothetical = any(c.dep_ == "advmod" and c.lower_ in cues["nonfact"]
                                 for c in clause_head(cand.head).children)  # "allegedly"
            if cand.noun is not None:
                mods = {c.lower_ for c in cand.noun.children if c.dep_ in ("amod", "det", "neg")}
                f.negated |= "no" in mods
                f.hypothetical |= bool(mods & (cues["nonfact"] - {"no", "any"}))
                f.future |= bool(mods & cues["ahead"])  # "announced its imminent withdrawal"
            f.future = any(a in cues["future"] and a not in ("going", "set", "due", "about")
                           for a in auxes)
            modal = {a for a in auxes if a in cues["modal"]} - {"will", "shall"}
            f.conditional = any(
                {m.lower_ for m in children(c, "mark")} & cues["condition"]
                for c in children(h, "advcl"))
        gov = self._walk(cand, h if cand.kind != "deontic" else cand.head, heads, f)
        if gov is not None:
            f.dropped, f.governor = "content", gov
            return f
        if f.dropped:
            return f
        if "would" in modal:
            modal.discard("would")
            if f.reporter is not None or f.conditional:
                f.future = True
            elif not modal:
                modal.add("would")
        if modal:
            if f.conditional and not modal & {"should", "must", "ought"}:
                f.future = True  # "may halt mediation if ...": a conditional statement
            else:
                f.hypothetical = True
        if question:
            f.dropped = "question"
        elif f.negated and not f.future:
            f.dropped = "negated"
        elif f.hypothetical and not f.future:
            f.dropped = "hypothetical"
        return f

    def _walk(self, cand: Candidate, start: Token, heads: dict[int, str],
              f: Factuality) -> int | None:
        """Walk to the root; returns the governing event's head when this is its content
        (and sets ``f.dropped`` for denials, negated and hypothetical contexts)."""
        cues = self.cues
        n = start
        for _ in range(24):
            if n.head.i == n.i:
                return None
            d, g = n.dep_, n.head
            if d in ("pcomp", "pobj") and g.lower_ == "without":
                f.dropped, f.negated = "negated", True  # "set himself on fire *without* killing"
                return None
            if d == "pcomp" and g.dep_ in ("prep", "agent"):
                d, g = "prep", g.head  # "accused X *of violating*"
            elif d == "pobj" and g.dep_ in ("prep", "agent"):
                d, g = "arg", g.head  # a noun phrase: its clause is transparent
            if d in ("relcl", "acl", "arg", "dobj", "nsubj", "nsubjpass", "appos", "pobj"):
                # a clause inside a noun phrase tells its own fact ("the helicopter that was
                # captured last week"), unless the noun is a claim or is denied
                marks = {m.lower_ for m in children(n, "mark")}
                infinitive = any(a.lower_ == "to" for a in children(n, "aux"))
                complement = d == "acl" and (marks or n.tag_ in ("VBD", "VBZ", "VBP"))
                if d in ("acl", "relcl") and (infinitive or (complement
                                                             and lemma(g) in NOUN_CLAIMS)):
                    # "the right *to fire*", "plans *to attack*", "claims *that* X attacked"
                    f.dropped, f.hypothetical = "hypothetical", True
                elif complement and g.dep_ in ("dobj", "nsubjpass") \
                        and lemma(g.head) in cues["deny"]:
                    f.dropped = "denied"  # "denied reports that its troops had ..."
                return None
            gcat = heads.get(g.i)
            if d == "conj":
                if _shares_verb_phrase(n):  # "did not attack and kill"; not "... but has said"
                    f.negated |= _negated(g, cues)
                    f.future |= any(a in cues["future"] for a in aux_words(g))
                n = g
                continue
            if gcat in CONTENT_HEADS and d in ("xcomp", "ccomp", "prep"):
                return g.i
            if d in ("xcomp", "prep", "acomp") and self._modal(g):
                f.dropped, f.hypothetical = "hypothetical", True  # "may be close to holding"
                return None
            if d in ("xcomp", "ccomp", "prep") and self._is(g, "deny"):
                f.dropped = "denied"
                return None
            infinitive = any(a.lower_ == "to" for a in children(n, "aux"))
            if d == "xcomp" or (d in ("advcl", "acl", "relcl") and infinitive):
                if d == "xcomp" and (self._is(g, "aspect") or g.lower_ in cues["aspect"]):
                    n = g
                    continue
                if g.lower_ in FUTURE_HEADS:
                    f.future = True
                    n = g
                    continue
                if self._is(g, "negative"):
                    f.dropped = "negated"
                    f.negated = True
                    return None
                if d == "xcomp" and not infinitive and not self._is(g, "irrealis"):
                    n = g
                    continue
                f.dropped, f.hypothetical = "hypothetical", True
                return None
            if d == "ccomp" and g.lower_ in cues["condition"]:
                f.dropped, f.hypothetical = "hypothetical", True  # "providing it is ratified"
                return None
            if d == "ccomp":
                if {m.lower_ for m in children(n, "mark")} & {"whether", "if"}:
                    f.dropped, f.hypothetical = "hypothetical", True  # "asked whether X"
                    return None
                if n.tag_ == "VB" and children(n, "nsubj") and not children(n, "aux") \
                        and not n.i < g.i:
                    # a mandative subjunctive: "insists (that) X *step* down" is demanded
                    f.dropped, f.hypothetical = "hypothetical", True
                    return None
                if _negated(g, cues) and not self._is(g, "deny"):
                    f.dropped, f.negated = "negated", True  # "I don't think X": not told as fact
                    return None
                if self._is(g, "report"):
                    f.reporter = f.reporter or g
                elif self._is(g, "negative"):
                    f.dropped, f.negated = "negated", True
                    return None
                elif self._is(g, "irrealis"):
                    f.dropped, f.hypothetical = "hypothetical", True
                    return None
            elif d == "prep":
                if self._is(g, "negative"):
                    f.dropped, f.negated = "negated", True
                    return None
                if self._is(g, "irrealis") and n.tag_ == "VBG":
                    f.dropped, f.hypothetical = "hypothetical", True
                    return None
            elif d == "advcl":
                marks = {m.lower_ for m in children(n, "mark")}
                if marks & cues["condition"] or (marks & TEMPORAL_AHEAD and _present(n)):
                    # "if they attack"; "before they demobilize" (present tense: not yet)
                    f.dropped, f.hypothetical = "hypothetical", True
                    return None
            n = g
        return None
