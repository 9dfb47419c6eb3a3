"""Per-article PLOVER event extraction: a parsed doc and the article's sentences, entity
mentions and dates in, :class:`EventMention` records out.

For each sentence: the trigger candidates (lexicon over lemmas and the parse), then for
each clause head the first candidate whose constraints hold; whether it is told as a
fact (:mod:`storyline.events.factuality`); the content of verbal acts and the PLOVER
rules for future / intended actions (:mod:`storyline.events.categories`); then the actor
(the subject of the clause, a passive's "by" agent, the controller of an infinitive),
the recipient (:mod:`storyline.events.recipients`: object, indirect object, the
category's prepositions, the owner of a demanded or rejected thing, the addressee of a
demand), the place and the date (:mod:`storyline.events.setting`: a GPE/LOC/FAC in a
locative phrase, a normalised DATE, of the clause, else of the clauses it is told in;
the date else the publish date). Everything an event carries comes from its own clause
or the clauses that report it; nothing is carried over from another event's clause or
another sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.events.candidates import Candidate, CandidateFinder, headline_passive
from storyline.events.categories import (
    CONTENT_HEADS,
    VERBAL,
    future_category,
    intent_category,
    is_cooperative,
    mode_for,
)
from storyline.events.chosen import Chosen
from storyline.events.factuality import FactualityJudge
from storyline.events.lexicon import INTENT, Cues, Lexicon, TriggerEntry, load_cues, load_lexicon
from storyline.events.participants import BACKER, MentionIndex, Participant, ParticipantReader
from storyline.events.recipients import find_recipient
from storyline.events.setting import find_date, find_place
from storyline.events.syntax import (
    RELATIVE,
    children,
    clause_head,
    controller,
    is_question,
    lemma,
    own_subject,
    passive_participle,
    prep_objects,
    subtree_without_clauses,
)
from storyline.records import Article, DateMention, EntityMention, EventMention, Sentence

# categories whose action, with no one else named, is directed at the polity where it happens
EXPECTING = {"expect", "fear", "anticipate", "predict", "forecast", "believe", "think"}
PLACE_TARGETS = {"COERCE", "CONCEDE", "MOBILIZE", "PROTEST"}
CONTENT_SKIP = {"amod", "compound", "nmod", "npadvmod", "poss", "relcl", "acl", "appos", "advcl",
                "nsubj", "punct", "det", "cc"}


class EventExtractor:
    def __init__(self, lexicon: Lexicon | None = None, cues: Cues | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.cues = cues or load_cues()
        self.finder = CandidateFinder(self.lex, self.cues)
        self.judge = FactualityJudge(self.cues)

    def extract(self, doc: Doc, article: Article, sents: Sequence[Sentence],
                mentions: Sequence[EntityMention],
                dates: Sequence[DateMention] = ()) -> list[EventMention]:
        text = doc_text(doc)
        reader = ParticipantReader(MentionIndex(mentions), self.cues, text)
        by_idx = {s.idx: s for s in sents}
        out: list[EventMention] = []
        for span in doc.sents:
            if not span.text.strip() or not sents:
                continue
            sidx = sentence_index(list(sents), span.start_char)
            sent = by_idx.get(sidx)
            if sent is None:
                continue
            sdates = [d for d in dates if d.sentence_idx == sidx and d.value and d.precision]
            out.extend(self._sentence(span, sent, article, reader, sdates))
        return out

    # -- one sentence --------------------------------------------------------------------

    def _sentence(self, span: Span, sent: Sentence, article: Article, reader: ParticipantReader,
                  dates: list[DateMention]) -> list[EventMention]:
        chosen = [c for c in (self._choose(g, reader) for g in self.finder.find(span)) if c]
        if not chosen:
            return []
        heads = {c.cand.head.i: c.entry.category for c in chosen}
        question = is_question(sent.text)
        for c in chosen:
            c.fact = self.judge.assess(c.cand, heads, question)
        by_head = {c.cand.head.i: c for c in chosen}
        for c in chosen:
            self._categorise(c, chosen, by_head)
        pairs = [(self._record(c, span, sent, article, reader, dates), c) for c in chosen
                 if not self._opinion(c)]
        out = []
        for r, c in pairs:
            if self._keep(r, c):
                out.append(r)
            elif r.coded and r.actor is None \
                    and (r.category not in VERBAL or c.cand.kind == "happen"):
                # "talks broke up in Istanbul": told as a fact, but no party named; kept
                # out of the coded events, and a story's events stage may recognise it as
                # another mention of an event the story's articles code in full
                out.append(replace(r, dropped="unnamed"))
        return out

    @staticmethod
    def _keep(r: EventMention, c: Chosen) -> bool:
        """PLOVER codes events between entities: one naming neither an actor nor a
        recipient ("attacks continued") says nothing a user can act on (it is kept as
        ``unnamed`` when it is a happening told as a fact); a verbal act needs who made it
        (a passive names who it was made to); a consultation needs a party to it besides
        its actor."""
        if r.actor is None and r.recipient is None:
            return False
        if r.category == "CONSULT" and r.recipient is None and len(r.actor_keys) < 2:
            return False
        return not (r.category in VERBAL and r.actor is None and r.coded and not (
            own_subject(c.cand.head)[1] or passive_participle(clause_head(c.cand.head))))

    def _opinion(self, c: Chosen) -> bool:
        """"agreed that prices were high", "agreed about it": an opinion shared, not a
        commitment (AGREE needs an action agreed: "agreed to", "agreed on a deal", "agreed
        that they should ...")."""
        h = c.cand.head
        if c.entry.category != "AGREE" or lemma(h) != "agree" or children(h, "xcomp", "dobj"):
            return False
        if any(p.lower_ == "about" for p in children(h, "prep")):
            return True
        return any(not ({a.lower_ for a in children(x, "aux")} & (
            self.cues["modal"] | self.cues["future"])) for x in children(h, "ccomp"))

    def _choose(self, group: list[Candidate], reader: ParticipantReader) -> Chosen | None:
        for cand in group:
            actor = self._actor(cand, reader)
            subj, passive = own_subject(cand.head)
            passive = passive or passive_participle(clause_head(cand.head)) \
                or headline_passive(cand)
            if any(lemma(x) in self.cues["speech"] for x in children(cand.head, "xcomp")) \
                    and any(e.category == "REJECT" for e in cand.entries):
                continue  # "declined to comment": a refusal to speak is not an event
            if lemma(cand.head) == "ask" and any(
                    m.lower_ in ("if", "whether") or m.tag_ in ("WDT", "WP", "WRB")
                    for x in children(cand.head, "ccomp", "advcl") for m in x.children):
                continue  # "was asked whether ...": a question, not a request
            thing = subj is not None and not passive and subj.pos_ == "NOUN" \
                and not reader.is_agent(reader.through_partitive(subj)) \
                and not (lemma(subj) in self.cues["partitive"] and not children(subj, "prep"))
            # ("*Thousands* protested": a bare count of people is people)
            forecast = self._forecast(cand, reader)
            if lemma(cand.head) == "plead" and any(
                    x.lower_ in ("guilty", "innocent") for x in cand.head.children):
                continue  # "pleaded guilty": a plea in court, not an appeal
            if lemma(cand.head) == "seek" and children(cand.head, "xcomp") \
                    and not children(cand.head, "dobj"):
                continue  # "sought to calm fears": an attempt, not a request
            for e in cand.entries:
                if e.category == "THREATEN" and forecast:
                    continue  # "retailers warned that shelves could empty": no threat
                if e.category == "PROTEST" and thing:
                    continue  # "the dollar rallied against the euro": people protest, not things
                if e.category == "ASSAULT" and (
                        (actor is None and self._by_disaster(cand.head))
                        or (subj is not None and not passive and any(
                            lemma(x) in self.cues["disaster"] or lemma(x) == "fire"
                            for x in [subj, *children(subj, "nmod", "compound", "conj")]))):
                    continue  # "killed when a dam collapsed", "the fire burned": no one's attack
                if actor is None and not passive and cand.kind != "happen" and (
                        e.category in VERBAL or e.category == INTENT):
                    continue  # a statement by no one we can name is not coded (PLOVER)
                if self._fits(e, actor, reader) and ("agentobj" not in e.when
                                                     or self._patient(cand, reader) is not None):
                    return Chosen(cand, e, actor)
        return None

    def _by_disaster(self, h: Token) -> bool:
        """The clause says the harm came from a disaster or an accident: "killed *in the
        earthquake*", "*by the storm*", "*when* a dam *collapsed*", "collapsed and killed"."""
        words = self.cues["disaster"]
        for x in children(h, "prep", "agent"):
            if x.lower_ in ("in", "by", "during", "after", "from") and any(
                    lemma(o) in words for o in children(x, "pobj")):
                return True
        for x in children(h, "advcl"):
            if any(m.lower_ in ("when", "as", "after") for m in children(x, "mark", "advmod")) \
                    and (lemma(x) in words or x.lower_ in words or any(
                        lemma(s) in words for s in children(x, "nsubj"))):
                return True
        if h.dep_ == "conj" and h.head.pos_ == "VERB" and lemma(h.head) in words:
            return True  # "it *collapsed* above the town and killed nine people"
        return False

    @staticmethod
    def _fits(e: TriggerEntry, actor: Participant | None, reader: ParticipantReader) -> bool:
        if "state" in e.when and (actor is None or not reader.is_state(actor)):
            return False
        if "nonstate" in e.when and actor is not None and reader.is_state(actor):
            return False
        return not ("person" in e.when and (actor is None or not reader.is_person(actor)))

    @staticmethod
    def _patient(cand: Candidate, reader: ParticipantReader) -> Participant | None:
        """Who undergoes the trigger: its direct object, its passive subject, or the noun a
        passive participle modifies ("prisoners *released* on Monday")."""
        h = cand.head
        heads = children(h, "dobj", "nsubjpass")
        if passive_participle(clause_head(h)):
            heads.append(clause_head(h).head)
        for t in heads:
            got = reader.read(t)
            if got is not None and got.head == reader.through_partitive(t).i:
                return got  # the patient itself, not the owner of a thing
        return None

    # -- actor ---------------------------------------------------------------------------

    def _actor(self, cand: Candidate, reader: ParticipantReader) -> Participant | None:
        if cand.kind == "happen":
            return reader.noun_agent(cand.noun) if cand.noun is not None else None
        if cand.kind == "deontic":
            subj, _ = own_subject(cand.head.head)
            return self._read_or_resolve(subj, cand.head.head, reader)
        h = cand.head
        subj, passive = own_subject(h)
        if headline_passive(cand):
            return None
        if subj is None and passive_participle(clause_head(h)):
            agents = prep_objects(h, "by")  # "property seized *by government forces*"
            return self._agent(agents[0], reader) if agents else None
        if subj is not None and passive and not cand.active_adj:
            agents = prep_objects(h, "by")
            if not agents and cand.noun is not None:
                agents = prep_objects(cand.noun, "by")
            if agents:
                return self._agent(agents[0], reader)
            for o in prep_objects(h, "in"):  # "were killed in a Russian strike"
                if self.finder.noun_entries(o)[0]:
                    return reader.noun_agent(o)
            return None
        if subj is not None and lemma(subj) in RELATIVE and clause_head(h).dep_ == "relcl":
            return reader.read(clause_head(h).head)
        if subj is None and children(h, "auxpass"):
            # "X pleaded guilty and *was jailed*": X is jailed, by whom the "by" says
            agents = prep_objects(h, "by")
            return self._agent(agents[0], reader) if agents else None
        if subj is None:
            subj = controller(h)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and not reader.is_agent(subj) \
                    and subj.dep_ in ("dobj", "pobj"):
                # "issued a declaration demanding ...": who issued it demands
                subj = own_subject(subj.head)[0] if subj.dep_ == "dobj" else subj
        if cand.kind == "support" and cand.noun is not None and subj is None:
            return reader.noun_agent(cand.noun)
        return self._read_or_resolve(subj, h, reader)

    @staticmethod
    def _forecast(cand: Candidate, reader: ParticipantReader) -> bool:
        """A warning of what things will do, not of what anyone will do to anyone: "warned
        that *shelves* could empty" (no one addressed, the clause's subject a thing)."""
        h = cand.head
        if lemma(h) not in ("warn", "caution") or children(h, "dobj", "dative"):
            return False
        for x in children(h, "ccomp"):
            if lemma(x) in EXPECTING:
                return True  # "warned that it expects earnings to fall"
            subj, passive = own_subject(x)
            if subj is None:
                subj = next(iter(children(x, "csubj")), None)
            return subj is not None and not passive and (
                subj.pos_ == "VERB"  # "warned that *allowing* deficits could ..."
                or (subj.pos_ == "NOUN"
                    and not reader.is_agent(reader.through_partitive(subj))))
        return False

    def _agent(self, by: Token, reader: ParticipantReader) -> Participant | None:
        """The actor a passive's "by" phrase names; a disaster is no one ("people ordered
        out *by the wildfire*")."""
        if lemma(by) in self.cues["disaster"] or by.lower_ in self.cues["disaster"]:
            return None
        return reader.read(by)

    def _read_or_resolve(self, subj: Token | None, h: Token,
                         reader: ParticipantReader) -> Participant | None:
        if subj is None:
            return None
        got = reader.read(subj)
        if got is not None and _venue_of(subj.doc[got.head], subj):
            return None  # "drilling *in the Gulf* provided oil": where, not who acts
        if got is not None or subj.pos_ != "PRON":
            return got
        # a pronoun: the subject of the clause this one is the complement of ("Nigeria said
        # it will ...", "was quoted as saying he would ..."); never a sibling clause's
        cur = clause_head(h)
        for step in range(10):
            allowed = ("ccomp", "xcomp", "pcomp", "advcl") + (("conj",) if step else ())
            if cur.head.i == cur.i or cur.dep_ not in allowed:
                break
            cur = clause_head(cur.head.head if cur.dep_ == "pcomp" else cur.head)
            s, _ = own_subject(cur)
            if s is not None and s.pos_ != "PRON":
                return reader.read(s)
        return None

    # -- category, mode, content ---------------------------------------------------------

    def _categorise(self, c: Chosen, chosen: list[Chosen], by_head: dict[int, Chosen]) -> None:
        cat = c.entry.category
        if cat in CONTENT_HEADS or c.cand.kind == "deontic":
            self._find_content(c, chosen)
        if cat == INTENT:
            resolved = intent_category(c.content, lemma(c.cand.head) in self.cues["posture"],
                                       self._names_a_party(c))
            if resolved is None:
                c.fact.dropped, c.fact.hypothetical = c.fact.dropped or "hypothetical", True
                resolved = c.content or "AGREE"
            cat = resolved
            c.transformed = True
        if c.fact.future and c.fact.dropped is None and c.cand.kind != "deontic":
            new = future_category(cat)
            if new != cat:
                c.content, c.content_mode = cat, c.entry.mode
                c.transformed = True
            cat = new
        if c.fact.negated and (c.fact.future or c.transformed) and c.fact.dropped is None:
            if is_cooperative(c.content or cat):
                cat = "REJECT"  # "will not attend", "is not ready to negotiate": a refusal
            else:
                c.fact.dropped = "negated"
        elif c.fact.negated and c.fact.dropped is None:
            c.fact.dropped = "negated"
        c.category = cat

    def _names_a_party(self, c: Chosen) -> bool:
        """The intention's clause names someone it concerns besides its actor ("ready to
        contribute troops *to the mission in Mali*"): an intent to act on or with others,
        not a plan of one's own ("plans to sell shares", "intends to spend 30bn")."""
        lo, hi = (c.actor.start, c.actor.end) if c.actor is not None else (0, 0)
        text = doc_text(c.cand.head.doc)  # Doc.text joins every token again on each access
        for x in children(c.cand.head, "xcomp", "ccomp"):
            for t in x.subtree:
                if lo <= t.idx < hi or t.i == x.i:
                    continue
                if BACKER.match(text, t.idx + len(t)):
                    continue  # "the Virginia-based firm": where it is, no party
                if t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") or (
                        t.pos_ == "NOUN" and lemma(t) in self.cues["agent"]):
                    return True
        return False

    def _find_content(self, c: Chosen, chosen: list[Chosen]) -> None:
        """What a verbal act is about: the event in its complement (a candidate it
        governs, else the first trigger word below it)."""
        for other in chosen:
            if other.fact.governor == c.cand.head.i:
                c.content, c.content_mode = other.entry.category, other.entry.mode
                c.content_token = other.cand.head
                if c.content == INTENT:
                    c.content = None
                return
        if c.cand.kind == "deontic":
            starts = [c.cand.content_head] if c.cand.content_head is not None else []
        else:
            h = c.cand.head
            starts = [x for x in h.children if x.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass")
                      and x.i not in c.cand.used]
            starts += [o for p in children(h, "prep") for o in children(p, "pobj", "pcomp")]
            if c.cand.noun is not None:  # "issued a demand *for the release* of ..."
                starts += [o for p in children(c.cand.noun, "prep")
                           for o in children(p, "pobj", "pcomp")]
        queue = list(starts)
        while queue:  # breadth first, not into modifiers or relative clauses
            t = queue.pop(0)
            entry = self._entry_at(t)
            if entry is not None and c.content is None:
                c.content, c.content_mode, c.content_token = entry.category, entry.mode, t
                if entry.category not in ("REQUEST", "AGREE") or t.pos_ != "NOUN":
                    return
                queue = []  # a demand / offer: what is demanded or offered, if named
            elif entry is not None:
                c.content, c.content_mode = entry.category, entry.mode
                return
            queue += [x for x in t.children if x.dep_ not in CONTENT_SKIP]

    def _entry_at(self, t: Token) -> TriggerEntry | None:
        """The first lexicon entry for ``t`` that needs no actor to be told apart."""
        entries: list[TriggerEntry] = []
        if t.pos_ == "VERB":
            cand = self.finder.match_verb(t)
            entries = cand.entries if cand is not None else []
        elif t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod"):
            entries = self.finder.noun_entries(t)[0]
        return next((e for e in entries if e.category != INTENT
                     and not e.when & {"state", "nonstate", "person", "agentobj"}), None)

    # -- record --------------------------------------------------------------------------

    def _record(self, c: Chosen, span: Span, sent: Sentence, article: Article,
                reader: ParticipantReader, dates: list[DateMention]) -> EventMention:
        cand = c.cand
        clause = self._clause(c)
        recipient = find_recipient(c, reader, self.cues)
        place = find_place(cand, clause, reader, self.cues)
        if recipient is None and place is not None and c.category in PLACE_TARGETS \
                and place[1].label == "GPE" and place[2] and not (
                    c.actor is not None and c.actor.start <= place[3] < c.actor.end):
            # a curfew imposed, forces massed, a protest held *in X*: X is where the action
            # is directed when nothing else is named (the CAMEO coders' convention); not
            # where the actor is from ("police *in X* seized the records")
            recipient = Participant(place[0], place[3], place[3] + len(place[0]), (place[1],),
                                    -1, ("GPE",), "")
        date, precision, reported = find_date(c, clause, span, article, dates, self.cues)
        mode = mode_for(c.category, None if c.transformed else c.entry.mode, c.content,
                        c.content_mode)
        category = c.category
        if category == "ASSAULT" and mode is None:
            # the instrument named in the predicate first ("with machetes"), then the actor's
            # own name ("gunmen")
            subj = own_subject(cand.head)[0]
            own = {t.i for t in subj.subtree} if subj is not None else set()
            mode = self._assault_mode([t for t in clause if t.i not in own]) \
                or self._assault_mode(clause)
        if category == "MOBILIZE" and ((c.actor is not None and c.actor.parts >= 2)
                                       or any(lemma(t) == "joint" for t in clause)):
            category, mode = "COOPERATE", None  # joint exercises (manual: MOBILIZE)
        toks = sorted(cand.tokens, key=lambda t: t.i)
        if cand.kind == "deontic":
            toks = sorted([*children(cand.head, "aux"), cand.head], key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        text = doc_text(span.doc)
        actor = c.actor
        return EventMention(
            article_id=article.id, sentence_idx=sent.idx, sentence=sent.text,
            category=category, mode=mode, trigger=text[start:end], trigger_start=start,
            trigger_end=end,
            actor=actor.text if actor else None, actor_key=actor.key if actor else None,
            actor_keys=actor.keys if actor else (),
            recipient=recipient.text if recipient else None,
            recipient_key=recipient.key if recipient else None,
            recipient_keys=recipient.keys if recipient else (),
            place=place[0] if place else None, place_key=place[1] if place else None,
            date=date, date_precision=precision, date_reported=reported, content=c.content,
            negated=c.fact.negated, hypothetical=c.fact.hypothetical, dropped=c.fact.dropped,
        )

    def _clause(self, c: Chosen) -> list[Token]:
        """The trigger clause's tokens (breadth first from its head), without the clauses
        below it, but with the complement of a verbal act (its content)."""
        h = clause_head(c.cand.head)
        keep = {x.i for t in {h, c.cand.head} for x in t.children if x.dep_ in ("xcomp", "ccomp")
                and (c.entry.category in CONTENT_HEADS or c.transformed)}
        if c.cand.kind == "deontic":
            keep.update(x.i for x in c.cand.head.children if x.dep_ == "xcomp")
        return list(subtree_without_clauses(h, keep))

    def _assault_mode(self, clause: list[Token]) -> str | None:
        words = " " + " ".join(lemma(t) for t in sorted(clause, key=lambda t: t.i)) + " "
        lowers = " " + " ".join(t.lower_ for t in sorted(clause, key=lambda t: t.i)) + " "
        for phrase, mode in self.cues.assault_modes:
            if f" {phrase} " in words or f" {phrase} " in lowers:
                return mode
        return None


_EXTRACTOR: list[EventExtractor] = []


def extract_events(doc: Doc, article: Article, sents: Sequence[Sentence],
                   mentions: Sequence[EntityMention],
                   dates: Sequence[DateMention] = ()) -> list[EventMention]:
    """The article's event mentions (coded and dropped; see ``EventMention.dropped``)."""
    if not _EXTRACTOR:
        _EXTRACTOR.append(EventExtractor())
    return _EXTRACTOR[0].extract(doc, article, sents, mentions, dates)


def _venue_of(t: Token, noun: Token) -> bool:
    """``t`` is the object of a locative "in" / "at" phrase on ``noun``, which names no
    one itself: the place where the thing is, read as its owner."""
    p = t.head
    return t.i != noun.i and t.dep_ == "pobj" and p.dep_ == "prep" \
        and p.lower_ in ("in", "at") and p.head.i == noun.i
