"""Per-article positions: a parsed doc and the article's sentences, entity mentions, dates
and quotes in, :class:`PositionMention` records out (a pure step the enrich stage calls
with the doc it parsed).

For each sentence, the stance cues (:mod:`storyline.positions.cues`), outermost first;
a cue whose content is another cue takes it in (:func:`storyline.positions.rules.compose`:
"refused to accept" = reject, "ready to consider" = consider, "demanded that X agree to Y"
= a demand of Y), so the inner cue is not told again. Then:

- the stance: a negated cue flips or drops (:func:`storyline.positions.rules.negate`);
  a cue inside an if-clause, a question, or under a hedge ("is expected to accept",
  "failed to agree") states nothing; "may / might / could" make a stated acceptance,
  offer or support a ``consider`` when the actor says it, nothing when the writer does;
  a wish is a demand when what is wanted is a thing or another party's act, an offer
  when the actor states its own aim in the first person;
- the issue (:mod:`storyline.positions.issues`), one position per conjoined issue;
- the actor (:mod:`storyline.positions.actors`): the cue's subject, agent or owner (the
  controller of an infinitive, the subject a conjoined verb shares), a first-person
  speaker, a reporter for a pronoun, a government for its capital or seat; a stance
  reported by someone else is its subject's ("X said Y was ready to ...": Y);
- a condition attached to the stance or its issue ("only if", "provided that", "with the
  exception of", "once", ...) makes it a ``condition`` (the stance it conditions kept);
- "X said Y must / should ..." is a demand of X (a condition when Y is a deal: "any deal
  must be put to a referendum");
- the date: a date of the clause, else of the clauses that report it, else of the quote
  it is in, else the publish date; the detail: the clause that states it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.events.candidates import CandidateFinder
from storyline.events.lexicon import load_cues, load_lexicon
from storyline.events.setting import PRECISION, telling_clauses
from storyline.events.syntax import (
    RELATIVE,
    children,
    clause_head,
    controller,
    is_passive,
    is_question,
    lemma,
    own_subject,
    prep_objects,
    subtree_without_clauses,
)
from storyline.positions.actors import Actor, ActorResolver
from storyline.positions.complements import DEONTIC, complements
from storyline.positions.cues import CueFinder, CueHit, negated
from storyline.positions.issues import PRONOUNS, Issue, IssueReader
from storyline.positions.lexicon import WANT, Cue, PositionLexicon, load_position_lexicon
from storyline.positions.rules import compose, negate
from storyline.positions.unstated import unstated, unstated_at
from storyline.records import (
    Article,
    DateMention,
    EntityMention,
    EventMention,
    PositionMention,
    Quote,
    Sentence,
)
from storyline.wordlists import words

HEDGING_MODALS = {"may", "might", "could", "can"}
# stances "may / could" leave a consideration; the others say nothing when hedged
HEDGED_TO_CONSIDER = {"offer", "accept", "support", "consider"}
# PLOVER content of a coded AGREE event that is a commitment the actor states ("Turkey will
# allow the refugees to return", "the rebels said they will release ..."): an offer
COMMITMENTS = {"CONCEDE", "RETREAT", "AID"}
TALKS = ("talk", "negotiat")  # a CONSULT commitment only when it is talks ("would hold talks")
# PLOVER: a promise of a conflictual action is a threat, no offer ("vowed to destroy")
HOSTILE = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN"}
LIGHT_GOVERNORS = {"make", "issue", "put", "repeat", "reiterate", "renew", "submit", "present",
                   "table", "set", "lay", "unveil", "announce", "extend", "send", "give",
                   "voice", "express", "reaffirm", "restate", "deliver"}


@dataclass(frozen=True, slots=True)
class Reading:
    """A stance with one issue; ``aim``: a wish for the actor's own act."""

    stance: str
    issue: Issue
    aim: bool = False


class PositionExtractor:
    def __init__(self, lexicon: PositionLexicon | None = None) -> None:
        self.lex = lexicon or load_position_lexicon()
        self.finder = CueFinder(self.lex)
        self.issues = IssueReader(self.lex)
        self.cues = load_cues()
        self.triggers = CandidateFinder(load_lexicon(), self.cues)
        self.hedges = words("position_hedges")
        self.settlements = words("position_settlement_nouns")

    def extract(self, doc: Doc, article: Article, sents: Sequence[Sentence],
                mentions: Sequence[EntityMention], dates: Sequence[DateMention] = (),
                quotes: Sequence[Quote] = (),
                events: Sequence[EventMention] = ()) -> list[PositionMention]:
        if not sents:
            return []
        actors = ActorResolver(doc, mentions, quotes, self.lex)
        by_idx = {s.idx: s for s in sents}
        out: list[PositionMention] = []
        for span in doc.sents:
            if not span.text.strip():
                continue
            sent = by_idx.get(sentence_index(list(sents), span.start_char))
            if sent is None:
                continue
            sdates = [d for d in dates if d.sentence_idx == sent.idx and d.value and d.precision]
            commitments = [e for e in events if e.sentence_idx == sent.idx and _commitment(e)]
            out.extend(self._sentence(span, sent, article, actors, sdates, commitments))
        return out

    # -- one sentence --------------------------------------------------------------------

    def _sentence(self, span: Span, sent: Sentence, article: Article, actors: ActorResolver,
                  dates: list[DateMention],
                  commitments: Sequence[EventMention] = ()) -> list[PositionMention]:
        if is_question(sent.text):
            return []
        hits = self.finder.find(span)
        hits += self._commitment_hits(span, commitments, hits)
        by_head = {h.head.i: h for h in hits}
        consumed: set[int] = set()
        out: list[PositionMention] = []
        for v in self._deontic(span):
            actor = actors.reporter(v)
            if actor is None:
                continue
            subj = own_subject(v)[0]
            settlement = subj is not None and lemma(subj) in self.settlements
            own_cue = any(clause_head(h.head).i == v.i or h.head.i == v.i for h in hits)
            if subj is None or not (settlement or self._party(subj) or (
                    own_cue and subj.lower_ in ("they", "he", "she", "it"))):
                continue  # "the world should be prepared": no one is asked
            if unstated_at(v, self.hedges) or any(a.lower_ == "have" for a in children(v, "aux")):
                continue  # "seemed to suggest Y should"; "Y should have": a reproach
            own = [h for h in hits if clause_head(h.head).i == v.i or h.head.i == v.i]
            inner = None if settlement or not own else own[0]
            consumed.update(h.head.i for h in own)  # "Y must accept": a demand on Y
            if inner is not None:
                consumed.add(v.i)
                readings = [Reading("demand", r.issue) for r in self._readings(inner, by_head,
                                                                                 consumed)]
            else:
                actor_toks = {subj.i} if settlement else set()
                readings = [Reading("demand", i) for i in self.issues.clause_issues(v, actor_toks)]
            if settlement:
                readings = [Reading("condition", r.issue) for r in readings]
            hit = CueHit(v, Cue("verb", lemma(v), (), "demand"), (v,))
            for r in readings:
                out.append(self._record(hit, r, actor, span, sent, article, actors, dates,
                                        base="demand" if settlement else None))
        for hit in sorted(hits, key=lambda h: sum(1 for _ in h.head.ancestors)):
            if hit.head.i in consumed or unstated(hit, self.hedges):
                continue
            readings = self._readings(hit, by_head, consumed)
            if not readings:
                continue
            actor = self._actor(hit, actors)
            if actor is None:
                continue
            reported = actor.via in ("speaker", "reporter") or actors.quote_at(hit.head.idx) \
                is not None or bool(self._reporting(hit.head))
            if hit.cue.needs == "self" and actor.via not in ("speaker", "reporter"):
                continue  # a commitment is a position when the actor states it
            hedged = bool({a.lower_ for a in children(clause_head(hit.head), "aux")}
                          & HEDGING_MODALS)
            for r in readings:
                stance = r.stance
                if r.aim and actor.via != "speaker":
                    continue  # an aim told by someone else is not a stance stated
                if hedged:
                    if not reported or stance not in HEDGED_TO_CONSIDER:
                        continue
                    stance = "consider"
                for who in (actor, *actor.also):
                    out.append(self._record(hit, replace(r, stance=stance), who, span, sent,
                                            article, actors, dates))
        return out

    def _commitment_hits(self, span: Span, commitments: Sequence[EventMention],
                         hits: list[CueHit]) -> list[CueHit]:
        """A commitment the events extractor coded (AGREE with a promised action) that no
        stance cue covers: an offer of the action ("Turkey will allow the refugees to
        return")."""
        out = []
        covered = {t.i for h in hits for t in h.head.subtree}
        for e in commitments:
            got = span.doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")
            if got is None:
                continue
            head = next((t for t in got if t.pos_ in ("VERB", "AUX")), got.root)
            if head.i in covered or head.sent != span:
                continue
            out.append(CueHit(head, Cue("verb", lemma(head), (), "offer", "self"), (head,)))
        return out

    def _deontic(self, span: Span) -> list[Token]:
        """Clauses "X said (that) Y must / should V" (or "Y must V, X said"): V, told by
        a reporting verb."""
        found = []
        for c in span:
            if c.pos_ not in ("VERB", "AUX") or not {a.lower_ for a in children(c, "aux")} & DEONTIC:
                continue
            told = (c.dep_ == "ccomp" and self._reports(c.head)) or any(
                x.dep_ in ("ccomp", "parataxis") and self._reports(x) for x in c.children)
            if told:
                found.append(c)
        return found

    def _reports(self, t: Token) -> bool:
        return t.pos_ == "VERB" and (lemma(t) in self.cues["report"]
                                     or lemma(t) in ("say", "tell", "warn"))

    def _party(self, t: Token) -> bool:
        """A noun phrase that names a party someone can ask something of."""
        if t.pos_ == "PRON" or t.lower_ in PRONOUNS:
            return False
        if any(d.lower_ in ("a", "an", "any", "some", "every") for d in children(t, "det")):
            return False
        return t.pos_ == "PROPN" or bool(t.ent_type_) or lemma(t) in self.cues["agent"] \
            or lemma(t) in self.lex.group_heads

    # -- stance and issue ----------------------------------------------------------------

    def _readings(self, hit: CueHit, by_head: dict[int, CueHit], consumed: set[int],
                  depth: int = 0) -> list[Reading]:
        stance: str | None = hit.stance
        if hit.kind != "disclaim" and (negated(hit.head) or self._no_before(hit)):
            stance = negate(hit.stance, hit.kind)
        if stance is None or depth > 3:
            return []
        out: list[Reading] = []
        comps = complements(hit)
        comps += [("clause", c, aim) for kind, tok, aim in comps if kind == "clause"
                  for c in tok.conjuncts if c.i > tok.i and c.pos_ == "VERB"
                  and own_subject(c)[0] is None]  # "urged X to give in and accept Y"
        for kind, tok, aim in comps:
            want = stance == WANT
            st = ("offer" if aim else "demand") if want else stance
            inner = by_head.get(tok.i)
            if inner is not None and inner is not hit:
                if kind == "clause" or inner.kind != "noun":
                    consumed.add(tok.i)
                inner_rs = self._readings(inner, by_head, consumed, depth + 1)
                for r in inner_rs:
                    new, keep_verb = compose(st, r.stance)
                    issue = r.issue
                    if keep_verb and inner.kind == "verb":
                        issue = self.issues.clause_issues(inner.head, set())[0]
                    out.append(Reading(new, issue, aim and new == "offer"))
                if inner_rs:
                    continue
            if kind == "np":
                issues = self.issues.np_issues(tok, conjuncts=hit.kind != "disclaim")
                if not issues and tok.lower_ in PRONOUNS:
                    issues = self._fragment_before(tok)
            else:
                if lemma(tok) in self.cues["speech"] and st == "reject":
                    continue  # "declined to comment" is no position
                if st == "offer" and self._hostile(tok):
                    continue  # "vowed to destroy the cartel": a threat
                issues = self.issues.clause_issues(tok, {c.i for c in _subjects(hit.head)})
            out.extend(Reading(st, i, aim) for i in issues if i.key)  # "give in": no issue
        return out

    def _hostile(self, verb: Token) -> bool:
        """A conflictual action (PLOVER), not negated ("pledged that no troops would be
        sent" is no threat)."""
        if negated(verb) or any(d.lower_ == "no" for c in verb.children
                                for d in c.children if d.dep_ == "det"):
            return False
        cand = self.triggers.match_verb(verb) if verb.pos_ == "VERB" else None
        return cand is not None and any(e.category in HOSTILE for e in cand.entries)

    def _no_before(self, hit: CueHit) -> bool:
        """"*no* demand", "*no* support for" on a noun cue."""
        return hit.kind == "noun" and any(c.lower_ in ("no", "never") for c in hit.head.lefts)

    def _fragment_before(self, tok: Token) -> list[Issue]:
        """"Guarantees and neutrality. We are ready for *that*": a demonstrative for the
        noun phrase(s) of the verbless sentence just before."""
        doc = tok.doc
        sent = tok.sent
        if sent.start == 0:
            return []
        prev = doc[sent.start - 1].sent
        root = prev.root
        if root.pos_ not in ("NOUN", "PROPN") or any(t.pos_ in ("VERB", "AUX") for t in prev):
            return []
        return self.issues.np_issues(root)

    def _reporting(self, h: Token) -> list[Token]:
        return [c for c in telling_clauses(h) if lemma(c) in self.cues["report"]
                or lemma(c) in ("say", "tell", "quote")]

    # -- actor ---------------------------------------------------------------------------

    def _actor(self, hit: CueHit, actors: ActorResolver) -> Actor | None:
        h = hit.head
        top = clause_head(h)
        if hit.kind == "disclaim":
            q = actors.quote_at(h.idx)
            if q is not None and q.speaker_key is not None:
                return actors.speaker_of(q)
            return actors.reporter(h)
        if hit.kind == "noun":
            return self._owner(hit, actors)
        if hit.kind == "verb" and is_passive(h):
            agents = prep_objects(h, "by")
            return actors.of_token(agents[0], top) if agents else None
        if hit.kind == "verb" and h.dep_ == "acl" and h.tag_ == "VBN":
            agents = prep_objects(h, "by")
            return actors.of_token(agents[0], top) if agents else None
        subj, passive = own_subject(top)
        if passive and hit.kind != "adj":  # "Israel is opposed to": an adjective's subject
            return None
        if subj is None and h.dep_ in ("acl", "advcl") and h.tag_ == "VBG" \
                and h.head.dep_ == "pobj" and h.head.head.dep_ == "prep":
            # "X has written to Y demanding ...": the writer demands, not Y
            verb = h.head.head.head
            subj = own_subject(verb)[0] if verb.pos_ in ("VERB", "AUX") else None
            if subj is None:
                return None
        if subj is None:
            subj = controller(h)
        elif subj.lower_ in RELATIVE and top.dep_ == "relcl":
            subj = top.head  # "the authorities, who promised ...": the authorities
        if hit.cue.needs == "self" and subj is not None and subj.pos_ != "PRON" \
                and not actors.reader.is_agent(subj):
            return None  # "his acceptance will allow him to ...": no one commits
        return actors.of_token(subj, top)

    def _owner(self, hit: CueHit, actors: ActorResolver) -> Actor | None:
        """Whose offer / demand / call a noun cue is: its possessive, a named modifier
        ("a *Russian* proposal", "an offer *from Kyiv*"), else the subject of the verb it
        is the object of ("*X* made an offer", "*X* repeated its call for")."""
        h = hit.head
        top = clause_head(h)
        for c in h.lefts:
            if c.dep_ == "poss":
                got = actors.of_token(c, top)
                if got is not None:
                    return got
        for c in h.lefts:
            if c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ or c.pos_ == "PROPN"):
                got = actors.of_token(c, top)
                if got is not None:
                    return got
        for p in children(h, "prep"):
            if p.lower_ in ("from", "by"):
                for o in children(p, "pobj"):
                    got = actors.of_token(o, top)
                    if got is not None:
                        return got
        g = h.head
        if h.dep_ == "dobj" and g.pos_ == "VERB" and lemma(g) in LIGHT_GOVERNORS:
            subj, passive = own_subject(g)
            if subj is None:
                subj = controller(g)
            if subj is not None and not passive:
                return actors.of_token(subj, clause_head(g))
        return None

    # -- record --------------------------------------------------------------------------

    def _record(self, hit: CueHit, r: Reading, actor: Actor, span: Span, sent: Sentence,
                article: Article, actors: ActorResolver, dates: list[DateMention],
                base: str | None = None) -> PositionMention:
        text = doc_text(span.doc)
        toks = sorted(hit.tokens, key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        stance = r.stance
        condition = self._condition(hit, r)
        if condition is not None and stance != "condition":
            base, stance = stance, "condition"
        date, precision = self._date(hit, span, article, actors, dates)
        reporter = actors.reporter(hit.head) if actor.via not in ("reporter",) else None
        return PositionMention(
            article_id=article.id, sentence_idx=sent.idx, sentence=sent.text,
            stance=stance, issue=r.issue.text, issue_key=r.issue.key, issue_names=r.issue.names,
            cue=text[start:end], cue_start=start, cue_end=end,
            actor=actor.name, actor_text=actor.text, actor_via=actor.via, actor_key=actor.key,
            base_stance=base, condition=condition, negated=negated(hit.head),
            detail=self._detail(hit, span), date=date, date_precision=precision,
            reported_by=reporter.name if reporter is not None and reporter.key != actor.key
            else None,
        )

    def _condition(self, hit: CueHit, r: Reading) -> str | None:
        """The words of a condition attached to the stance's clause or its issue."""
        doc = hit.head.doc
        top = clause_head(hit.head)
        region: set[int] = set()
        for t in [top, hit.head, doc[r.issue.head]]:
            region.update(x.i for x in subtree_without_clauses(t, {c.i for c in t.children
                                                                   if c.dep_ in ("advcl",
                                                                                 "xcomp",
                                                                                 "ccomp")}))
        for i in sorted(region):
            t = doc[i]
            if t.dep_ not in ("mark", "prep", "advmod", "advcl", "agent"):
                continue
            if i > 0 and doc[i - 1].lower_ == "even":
                continue  # "even if": a concession, not a condition
            for marks in self.lex.conditions:
                n = len(marks)
                if i + n > len(doc) or tuple(doc[j].lower_ for j in range(i, i + n)) != marks:
                    continue
                mark = next((doc[j] for j in range(i, i + n) if doc[j].dep_ == "mark"), None)
                prep = next((doc[j] for j in range(i, i + n) if doc[j].dep_ in ("prep", "agent")),
                            None)
                if mark is not None:
                    if mark.head.dep_ != "advcl":
                        continue
                    hi = mark.head.right_edge.i
                elif t.dep_ in ("prep", "advcl", "agent"):
                    hi = t.right_edge.i
                elif prep is not None:  # "as long as" misparsed: up to the clause's end
                    hi = i + n
                    while hi < hit.head.sent.end and not (doc[hi].is_punct
                                                          and doc[hi].text in ",;.:"):
                        hi += 1
                    hi -= 1
                else:
                    continue
                return doc[i:hi + 1].text.strip(" ,.;")
        return None

    def _date(self, hit: CueHit, span: Span, article: Article, actors: ActorResolver,
              dates: list[DateMention]) -> tuple[str | None, str | None]:
        def first_in(tokens: set[int]) -> DateMention | None:
            for d in dates:
                ds = span.doc.char_span(d.start, d.end, alignment_mode="expand")
                if ds is not None and any(i in tokens for i in range(ds.start, ds.end)):
                    return d
            return None

        h = hit.head
        picked = first_in({t.i for t in subtree_without_clauses(clause_head(h))} | {h.i})
        for cur in telling_clauses(h):
            if picked is not None:
                break
            picked = first_in({t.i for t in subtree_without_clauses(cur)})
        if picked is not None and picked.value:
            value = picked.value[:7] + "-01" if picked.precision == "week" else picked.value
            return value, PRECISION.get(picked.precision or "", "day")
        q = actors.quote_at(h.idx)
        if q is not None and q.date and article.published and q.date[:10] != article.published[:10]:
            return q.date[:10], "day"
        if article.published:
            return article.published[:10], "published"
        return None, None

    @staticmethod
    def _detail(hit: CueHit, span: Span) -> str:
        """The clause stating the stance: the cue's clause (a noun cue's verb clause), with
        everything it governs."""
        cur = clause_head(hit.head)
        while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
            cur = cur.head
        lo, hi = max(cur.left_edge.i, span.start), min(cur.right_edge.i, span.end - 1)
        toks = span.doc[lo:hi + 1]
        text = toks.text.strip().strip(" ,;:\"“”'‘’").strip()
        if text.lower().startswith("that "):
            text = text[5:]
        return text or span.text.strip()


def _commitment(e: EventMention) -> bool:
    return e.coded and e.category == "AGREE" and e.actor_key is not None and (
        e.content in COMMITMENTS
        or (e.content == "CONSULT" and any(w in e.trigger.lower() for w in TALKS)))


def _subjects(h: Token) -> list[Token]:
    subj = own_subject(h)[0]
    return [subj] if subj is not None else []


_EXTRACTOR: list[PositionExtractor] = []


def extract_positions(doc: Doc, article: Article, sents: Sequence[Sentence],
                      mentions: Sequence[EntityMention], dates: Sequence[DateMention] = (),
                      quotes: Sequence[Quote] = (),
                      events: Sequence[EventMention] = ()) -> list[PositionMention]:
    """The article's position mentions (see :class:`PositionExtractor`)."""
    if not _EXTRACTOR:
        _EXTRACTOR.append(PositionExtractor())
    return _EXTRACTOR[0].extract(doc, article, sents, mentions, dates, quotes, events)
