"""Where and when an event happened: from its own clause, else from the clauses it is
told in ("..., officials said on Tuesday"), never from a sibling or a relative clause;
the date else the publish date (``date_precision`` "published")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.events.candidates import Candidate
from storyline.events.chosen import Chosen
from storyline.events.lexicon import Cues
from storyline.events.participants import ParticipantReader
from storyline.events.syntax import children, clause_head, lemma, subtree_without_clauses
from storyline.records import Article, DateMention, MentionKey

PLACE_LABELS = ("GPE", "LOC", "FAC")
PRECISION = {"day": "day", "week": "month", "month": "month", "year": "year"}


def telling_clauses(head: Token) -> list[Token]:
    """The heads of the clauses this one is told in, nearest first: the reporting or
    governing verb of a complement ("..., officials said on Tuesday"), the verb a
    participle or a conjoined verb belongs to ("attacked the base near Goma, killing
    seven"). A finite adverbial clause ("while ...", "after ...") or a clause in a noun
    phrase is an event of its own: its place and date are not borrowed."""
    out = []
    cur = clause_head(head)
    while cur.head.i != cur.i:
        d = cur.dep_
        if d in ("relcl", "acl", "appos") or (d == "advcl" and children(cur, "mark")):
            break
        if d not in ("ccomp", "xcomp", "advcl", "conj", "pcomp", "parataxis", "prep"):
            break
        cur = cur.head if d != "pcomp" else cur.head.head
        if cur.pos_ in ("VERB", "AUX"):
            out.append(cur)
    return out


def find_place(cand: Candidate, clause: list[Token], reader: ParticipantReader,
               cues: Cues) -> tuple[str, MentionKey, bool, int] | None:
    """(name, key, from the event's own clause, character offset) of its place."""
    loc = cues["locative"]

    def named_place(p: Token) -> tuple[str, MentionKey, int] | None:
        """The place a locative phrase names: its object's own name, else the last
        of an "of" chain ("the town of Berdyansk"), else the first named."""
        found = [m for x in subtree_without_clauses(p) if (m := reader.index.at(x))
                 is not None and m.label in PLACE_LABELS]  # not in a relative clause
        if not found:
            return None
        objs = children(p, "pobj")
        for o in objs:
            own = reader.index.at(o)
            if own is not None and own.label in PLACE_LABELS:
                return own.text, own.key, own.start
            chain = [x for x in o.subtree if x.dep_ == "pobj" and x.head.lower_ == "of"]
            for x in chain:
                m = reader.index.at(x)
                if m is not None and m.label in PLACE_LABELS:
                    return m.text, m.key, m.start
        return found[0].text, found[0].key, found[0].start

    own = {t.i for t in cand.tokens}

    def locative(t: Token) -> bool:
        """A locative phrase, not the trigger's own particle ("called *on* X"); "on" and
        "over" only on a verb ("shelled positions on the border", not "war on Iraq")."""
        return t.dep_ == "prep" and t.lower_ in loc and t.i not in own and (
            t.lower_ not in ("on", "over") or t.head.pos_ in ("VERB", "AUX"))

    for t in clause:
        if locative(t):
            got = named_place(t)
            if got:
                return got[0], got[1], True, got[2]
    # else the clauses this one is told in, nearest first; never a sibling's place
    for cur in telling_clauses(cand.head):
        for t in subtree_without_clauses(cur):
            if locative(t):
                got = named_place(t)
                if got:
                    return got[0], got[1], False, got[2]
    return None


def find_date(c: Chosen, clause: list[Token], span: Span, article: Article,
              dates: list[DateMention], cues: Cues | None = None,
              ) -> tuple[str | None, str | None, bool]:
    """(value, precision, reported) of the event's date; ``reported``: the date is the
    reporting clause's ("attacked ..., officials said on Tuesday"), the day the event was
    told, which may be a day or two after it happened."""
    def first_in(tokens: set[int]) -> DateMention | None:
        for d in dates:
            dspan = span.doc.char_span(d.start, d.end, alignment_mode="expand")
            if dspan is not None and any(i in tokens for i in range(dspan.start, dspan.end)):
                return d
        return None

    picked: DateMention | None = None
    reported = False
    telling = cues["report"] | cues["speech"] if cues is not None else frozenset()
    if c.transformed or c.cand.kind == "deontic":
        # a commitment, a threat or a demand is dated by its telling, not the action
        if c.fact.reporter is not None:
            picked = first_in({t.i for t in subtree_without_clauses(c.fact.reporter)})
    else:
        picked = first_in({t.i for t in clause})
        # else the clauses this one is told in ("..., officials said on Tuesday"), never
        # a sibling or relative clause's date
        for cur in telling_clauses(c.cand.head):
            if picked is not None:
                break
            picked = first_in({t.i for t in subtree_without_clauses(cur)})
            reported = picked is not None and lemma(cur) in telling
    if picked is not None and picked.value:
        prec = PRECISION.get(picked.precision or "", "day")
        value = picked.value[:7] + "-01" if picked.precision == "week" else picked.value
        return value, prec, reported
    if article.published:
        return article.published[:10], "published", False
    return None, None, False
