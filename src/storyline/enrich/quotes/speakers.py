"""Resolve an attribution's source to a canonical entity, a pronoun's antecedent, or a
description.

- a source whose head (or appositive: "the adviser, X,") lies in an entity mention
  resolves to that mention's article-local canonical key;
- "who" resolves through the noun its relative clause hangs on;
- he/she resolve to the nearest preceding person of compatible gender (gender from
  "Mr"/"Mrs"/"Ms" before a mention, else the first name through gender-guesser), the
  most recent speaker preferred when compatible; a wrong pronoun (a translation's
  "she" for a man) falls back to the most recent person speaker, else the nearest
  person; a subject named since the last speaker comes first, a name the recogniser
  missed ("Cardinal A B backed ...") and a passive's agent ("welcomed by X") included; a
  name standing for a role ("as Dracula") and the possessor or subject of an earlier
  "him" in the sentence are never the antecedent;
- an office or role noun ("the cardinal", "a spokeswoman") is a person a he/she can
  follow, even when the recogniser tagged the one word as a body;
- they/it/we resolve to the most recent non-person speaker, else (they/it only) the
  nearest organisation or place mention in the sentences just before ("they" first
  follows a plural subject before it: "MPs ...", "there are those who believe ..."); an unresolved
  "we" is the writer: no speaker;
- anything else is a description ("a resident", "a Western official"): its text, no
  entity.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.enrich.entities.names import mention_name, name_gender
from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.quotes.cues import GROUP_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS
from storyline.enrich.quotes.sources import joined_subjects
from storyline.records import EntityMention, MentionKey
from storyline.wordlists import words as wordlist

SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
GROUP_LABELS = ("ORG", "GPE", "NORP")
FIRST_PERSON_PLURAL = ("we", "us")
PRONOUN_WINDOW = 4  # sentences back to look for a pronoun's antecedent person


def _person_word(tok: Token) -> bool:
    """A common noun naming a person by role, relation or office ("spokeswoman", "the
    cardinal"): ``data/words/person_nouns.txt`` and the office titles."""
    low = tok.lemma_.lower()
    return low in wordlist("person_nouns") or low in wordlist("titles")


def _those_who(tok: Token) -> bool:
    """"those who believe ..." as a subject or after "there are": a plural description."""
    return tok.lower_ in ("those", "others") and tok.dep_ in ("nsubj", "attr") and any(
        c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.lefts) for c in tok.children)


def _plural(tok: Token) -> bool:
    """A plural noun, an acronym's plural included ("MPs", tagged as a singular name)."""
    return tok.tag_ in ("NNS", "NNPS") or (
        len(tok.text) > 2 and tok.text.endswith("s") and tok.text[:-1].isupper())


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    key: MentionKey | None
    label: str | None = None


@dataclass
class SpeakerResolver:
    doc: Doc
    mentions: list[EntityMention]
    history: list[tuple[int, Speaker]] = field(default_factory=list)  # (char, speaker)

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._sents = list(self.doc.sents)
        self._sent_starts = [s.start_char for s in self._sents]
        self._gender: dict[MentionKey, str | None] = {}
        for m in self.mentions:
            if m.label == "PERSON":
                self._gender.setdefault(m.key, None)
                g = self._mention_gender(m)
                if g:
                    self._gender[m.key] = g

    def _mention_gender(self, m: EntityMention) -> str | None:
        before = doc_text(self.doc)[max(0, m.start - 6):m.start].lower().split()
        words = m.text.lower().split()
        title = (before[-1:] or [""])[0]
        for t in (title, words[0] if words else ""):
            if t in wordlist("male_titles"):
                return "male"
            if t in wordlist("female_titles"):
                return "female"
        name = mention_name(m.key, [m]).split()
        return name_gender(name[0]) if len(name) > 1 else None

    def mention_at(self, char: int) -> EntityMention | None:
        i = bisect_right(self._starts, char) - 1
        if i >= 0 and self.mentions[i].start <= char < self.mentions[i].end:
            return self.mentions[i]
        return None

    def speaker_of(self, m: EntityMention) -> Speaker:
        named = self._named_with(m)
        if named is not None:
            return named
        same = [x for x in self.mentions if x.key == m.key]
        return Speaker(mention_name(m.key, same), m.key, m.label)

    def _named_with(self, m: EntityMention) -> Speaker | None:
        """A nationality that opens a body's name the recogniser did not take ("Shares in
        American Express rose after it said"): the whole name, not the nationality."""
        if m.label != "NORP":
            return None
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "compound":
            return None
        head = span.root.head
        if head.pos_ != "PROPN" or head.dep_ == "compound" or head.i < span.end or \
                self.mention_at(head.idx) is not None or _person_word(head):
            return None
        return Speaker(doc_text(self.doc)[m.start:head.idx + len(head)], None, "ORG")

    def remember(self, char: int, speaker: Speaker) -> None:
        if speaker.key is not None or speaker.name:
            self.history.append((char, speaker))

    def resolve(self, tok: Token | None, span: tuple[int, int] | None,
                cue: Token | None = None, content: tuple[int, int] | None = None) -> Speaker:
        """The speaker of source token ``tok``; ``content``: the quoted words, whose own
        names are never a pronoun's antecedent ('"And X would lead it," he said')."""
        if tok is None:
            return Speaker(None, None)
        low = tok.lower_
        if low in RELATIVE_PRONOUNS and cue is not None and cue.dep_ == "relcl":
            return self.resolve(cue.head, None)
        if cue is not None and cue.dep_ == "relcl" and tok.head.i == cue.i:
            found = self._relative_clause_speaker(tok)
            if found is not None:
                return found
        if low in PERSON_PRONOUNS:
            return self._person_pronoun(tok, PERSON_PRONOUNS[low], content)
        if low in GROUP_PRONOUNS:
            return self._group_pronoun(tok)
        if span is not None and any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                                    for c in tok.children):
            # "Both Moscow and Kiev say": both, not the first one named
            return Speaker(doc_text(self.doc)[span[0]:span[1]], None)
        one = self._one_named_subject(tok)
        if one is not None:
            return one
        m = self.mention_at(tok.idx)
        if m is not None and m.label in ("GPE", "NORP", "LOC") and tok.i > 1 and \
                self.doc[tok.i - 1].text == ",":
            # "I disagree with Ashley, Swindon saying ...": a reader named with a town (a
            # lone given name the recogniser may call anything but a located place)
            name = self.doc[tok.i - 2]
            named = self.mention_at(name.idx)
            if named is not None and named.label == "PERSON":
                return self.speaker_of(named)
            if name.pos_ == "PROPN" and name_gender(name.text) is not None and (
                    named is None or (named.text == name.text and named.key.place is None)):
                return Speaker(name.text, None, "PERSON")
        if m is not None and " " not in m.text and _person_word(tok) and any(
                c.dep_ == "det" for c in tok.children):
            # "the Cardinal will ask": an office, whatever the recogniser called it
            return Speaker(doc_text(self.doc)[span[0]:span[1]] if span else tok.text,
                           None, "PERSON")
        if m is not None and m.label in SPEAKER_LABELS:
            return self.speaker_of(m)
        for t in (c for c in tok.children if c.dep_ in ("appos", "compound")):
            m = self.mention_at(t.idx)
            # "the adviser, X," names a person; "a Red Cross spokeswoman" stays a description
            if m is not None and (m.label == "PERSON" or (m.label == "ORG" and t.dep_ == "appos")):
                return self.speaker_of(m)
        text = doc_text(self.doc)[span[0]:span[1]] if span else tok.text
        if span is not None:
            # "the adviser to the ministry, X" / "X, the adviser ...": the name beside a comma
            inside = [m for m in self.mentions if m.label == "PERSON"
                      and span[0] <= m.start and m.end <= span[1]]
            for m in inside:
                before = doc_text(self.doc)[span[0]:m.start].rstrip()
                after = doc_text(self.doc)[m.end:span[1]].lstrip()
                if (m.end == span[1] and before.endswith(",")) or \
                        (m.start == span[0] and after.startswith(",")):
                    return self.speaker_of(m)
        if tok.text[:1].isupper():
            # a name the entity recogniser missed here but found elsewhere in the article
            for m in self.mentions:
                if m.label in SPEAKER_LABELS and (m.text == text or (
                        m.label == "PERSON" and m.text.split()[-1] == tok.text)):
                    return self.speaker_of(m)
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON"):
            # a name nobody recognised as an entity: the name itself, no entity
            parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            first = parts[0] if parts else tok
            return Speaker(doc_text(self.doc)[first.idx:tok.idx + len(tok)], None, "PERSON")
        if tok.pos_ == "NOUN" and _person_word(tok):
            # "A spokeswoman for X said ... She added:": a person a he/she can follow
            return Speaker(text, None, "PERSON")
        return Speaker(text, None)

    def _one_named_subject(self, tok: Token) -> Speaker | None:
        """"Veteran Labour MP and former minister X said": of the subjects the parser split
        from one (:func:`joined_subjects`), the one person named, when the others name
        nobody (two names, "X and Y said", stay the two)."""
        joined = joined_subjects(tok)
        if len(joined) < 2:
            return None
        named = [m for j in joined if (m := self.mention_at(j.idx)) is not None]
        if len(named) == 1 and named[0].label == "PERSON":
            return self.speaker_of(named[0])
        return None

    def _relative_clause_speaker(self, tok: Token) -> Speaker | None:
        """The pronoun subject of a cue in a relative clause ("Mr X praised his deputy for
        the plan, which he said was ...", "... run by the council, which they say would
        save ..."): the person subject of its own sentence before it (he/she), or the plural
        subject of its sentence or the one before (they), ahead of the speaker the text
        quoted last; None when there is none."""
        low = tok.lower_
        if low in ("they", "them"):
            return self._plural_subject(tok)
        if low not in PERSON_PRONOUNS:
            return None
        gender = PERSON_PRONOUNS[low]
        for m in reversed(self._before(tok.idx, ("PERSON",), 0)):  # first in the sentence
            g = self._gender.get(m.key)
            if self._is_subject(m) and (gender is None or g is None or g == gender):
                return self.speaker_of(m)
        return None

    def _sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self._sent_starts, char) - 1)

    def _before(self, char: int, labels: tuple[str, ...], window: int) -> list[EntityMention]:
        if not self._sents:
            return []
        sent_start = self._sent_starts[max(0, self._sentence_of(char) - window)]
        return [m for m in reversed(self.mentions)
                if sent_start <= m.start < char and m.label in labels]

    def _person_pronoun(self, tok: Token, gender: str | None,
                        content: tuple[int, int] | None = None) -> Speaker:
        bound = self._bound_away(tok, gender)
        people = [m for m in self._before(tok.idx, ("PERSON",), PRONOUN_WINDOW)
                  if (content is None or not content[0] <= m.start < content[1])
                  and m.key not in bound and not self._role_name(m)]
        recent = [s for c, s in reversed(self.history) if c < tok.idx and s.label == "PERSON"]

        def ok(key: MentionKey | None) -> bool:
            g = self._gender.get(key) if key is not None else None
            return gender is None or g is None or g == gender

        here = self._sentence_of(tok.idx)
        # names the recogniser missed, heading a subject in this sentence or the one before
        missed = [(c, sp) for c, sp, g in self._unrecognised_subjects(
                  self._sent_starts[max(0, here - 1)] if self._sents else 0, tok.idx)
                  if gender is None or g is None or g == gender]
        last = next((c for c, s in reversed(self.history) if c < tok.idx
                     and s.label == "PERSON"), None)
        if recent and ok(recent[0].key) and last is not None:
            gap = self._sentence_of(tok.idx) - self._sentence_of(last)
            if gap <= 1:
                return recent[0]  # '"...," said X. "...," he added': the speaker just quoted
            # the text still follows the last speaker: nobody else has been the subject of
            # a sentence since ("Nobody, he claimed, could picture Y ... , he said"), a
            # name the recogniser missed included ("His words came as Cardinal X ...
            # backed Y. In a statement, he said")
            if gap <= PRONOUN_WINDOW and not any(
                    m.start > last and m.key != recent[0].key and self._is_subject(m)
                    for m in people) and not any(c > last for c, _ in missed):
                return recent[0]
        described = self._described_subject(tok, people[0] if people else None)
        if described is not None:
            return described
        # a subject of this sentence or the one before comes before a name in an object
        # ("Mr X accused Y of plotting cuts. Laying into ... he said": X)
        subject = next((m for m in people if here - self._sentence_of(m.start) <= 1
                        and ok(m.key) and self._is_subject(m)), None)
        if missed and (subject is None or missed[-1][0] > subject.start):
            return missed[-1][1]
        if subject is not None:
            return self.speaker_of(subject)
        for m in people:
            if ok(m.key):
                return self.speaker_of(m)
        named = self._untagged_name(tok, gender)
        if named is not None:
            return named  # "... with his wife, ex-model Sandra. Asked ..., she confesses"
        if recent:
            return recent[0]  # a wrong pronoun: the speaker the text is following
        if people:
            return self.speaker_of(people[0])
        return Speaker(tok.text, None)

    def _unrecognised_subjects(self, start: int, end: int
                               ) -> list[tuple[int, Speaker, str | None]]:
        """Person names the recogniser missed that head a subject (or a passive's agent)
        between chars ``start`` and ``end``: (char, speaker, gender), in text order. A name
        counts when it opens with an office title or a given name ("Cardinal A B")."""
        out: list[tuple[int, Speaker, str | None]] = []
        titles = wordlist("titles")
        for t in self.doc.char_span(start, end, alignment_mode="expand") or ():
            if t.pos_ != "PROPN" or not (t.dep_ in ("nsubj", "nsubjpass") or (
                    t.dep_ == "pobj" and t.head.dep_ == "agent")):
                continue
            parts = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            words = list(self.doc[parts[0].i if parts else t.i:t.i + 1])
            if any(self.mention_at(w.idx) is not None for w in words):
                continue
            names = [w for w in words if w.text.rstrip(".").lower() not in titles]
            lead = words[0].text.rstrip(".").lower()
            gender = "male" if lead in wordlist("male_titles") else \
                "female" if lead in wordlist("female_titles") else \
                name_gender(names[0].text) if len(names) > 1 else None
            if not names or (lead not in titles and gender is None):
                continue
            text = doc_text(self.doc)[words[0].idx:t.idx + len(t)]
            out.append((words[0].idx, Speaker(text, None, "PERSON"), gender))
        return out

    def _untagged_name(self, tok: Token, gender: str | None) -> Speaker | None:
        """The last given name of the pronoun's gender that the recogniser left untagged
        (or took for a facility or a body), in its sentence (before it) or the one before:
        a person no person mention stands for."""
        if gender is None or not self._sents:
            return None
        here = self._sentence_of(tok.idx)
        start = self._sents[max(0, here - 1)].start
        found = None
        for t in self.doc[start:tok.i]:
            m = self.mention_at(t.idx)
            # untagged, or a lone name the recogniser called a facility or a body
            lone = m is None or (m.text == t.text and m.key.place is None)
            if t.pos_ == "PROPN" and t.dep_ != "compound" and lone and \
                    name_gender(t.text) == gender:
                found = t
        if found is None:
            return None
        parts = [c for c in found.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        first = parts[0] if parts else found
        return Speaker(doc_text(self.doc)[first.idx:found.idx + len(found)], None, "PERSON")

    def _role_name(self, m: EntityMention) -> bool:
        """A name standing for a role ("an impression of him as Dracula"): no antecedent."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ == "pobj" and root.head.lower_ == "as" and \
            root.head.head.pos_ in ("NOUN", "PRON", "PROPN")

    def _bound_away(self, tok: Token, gender: str | None) -> set[MentionKey]:
        """People a he/she cannot be: an earlier "him"/"her" of its sentence is someone
        other than the possessor or subject of its own phrase ("X's impression of him,
        which he calls fun": neither pronoun is X)."""
        objective = {"male": "him", "female": "her"}.get(gender or "")
        keys: set[MentionKey] = set()
        for p in tok.sent:
            if p.i >= tok.i:
                break
            if p.lower_ != objective or p.dep_ not in ("dobj", "pobj"):
                continue
            head = p.head.head if p.dep_ == "pobj" else p.head
            for c in head.children:
                m = self.mention_at(c.idx) if c.dep_ in ("poss", "nsubj") else None
                if m is not None:
                    keys.add(m.key)
        return keys

    def _is_subject(self, m: EntityMention) -> bool:
        """The mention heads the subject of a clause ("Mr X accused ...")."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        while root.dep_ in ("compound", "flat", "appos") and root.head is not root and (
                root.dep_ == "appos" or root.head.pos_ == "PROPN"):
            root = root.head  # part of a longer name, not a modifier ("UK greyhound tracks")
        # not the subject of a gerund in an object ("picture X doing it"); a progressive
        # ("X has been sending") is a clause of its own
        if root.dep_ == "ROOT" and span.start == root.sent.start:
            return True  # "X, chairman of Y, called on ...": a parse that lost the verb
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True  # "The report was welcomed by X": the passive's agent acts
        verb = root.head
        return root.dep_ in ("nsubj", "nsubjpass") and not (
            verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"
                                           for c in verb.children))

    def _plural_subject(self, tok: Token) -> Speaker | None:
        """"MPs bombarded the minister with requests as they complained ...": the plural
        subject before "they" in its sentence (or the sentence before), a name or a
        description, before any organisation or place merely named nearby."""
        here = self._sentence_of(tok.idx)
        for n in (here, here - 1):
            if n < 0 or n >= len(self._sents):
                continue
            subjects = [t for t in self._sents[n] if t.i < tok.i and (
                (t.dep_ == "nsubj" and _plural(t) and t.lower_ not in GROUP_PRONOUNS)
                or _those_who(t))]
            if subjects:
                subj = subjects[-1]
                owner = next((c for c in subj.children if c.dep_ == "poss"), None)
                m = self.mention_at(owner.idx) if owner is not None else None
                if m is not None and m.label in SPEAKER_LABELS and \
                        subj.lemma_.lower() in wordlist("speech_nouns"):
                    # "The EU's comments show ... when they can say": the EU, not the words
                    return self.speaker_of(m)
                m = self.mention_at(subj.idx)
                if m is not None and m.label in SPEAKER_LABELS:
                    return self.speaker_of(m)
                if _those_who(subj):
                    # "there are those who believe X. They would argue": those who believe
                    verb = next(c for c in subj.children if c.dep_ == "relcl")
                    return Speaker(doc_text(self.doc)[subj.idx:verb.idx + len(verb)], None)
                words = [t for t in subj.subtree if not t.is_punct and t.i < tok.i]
                cut = next((t.i for t in subj.subtree if t.i > subj.i and t.is_punct), None)
                words = [t for t in words if cut is None or t.i < cut]  # "analysts, the ..."
                text = doc_text(self.doc)[words[0].idx:words[-1].idx + len(words[-1])]
                return Speaker(text, None)
        return None

    def _described_subject(self, tok: Token, nearest: EntityMention | None) -> Speaker | None:
        """'An adviser to Mr X shared a statement. He said: ...': the pronoun continues the
        subject of the sentence before (or of its own sentence, before it), a person named
        by role or relation (``data/words/person_nouns.txt``) in whose phrase the nearest
        name only stands as a modifier; the speaker is that description, not X."""
        if nearest is None:
            return None
        here = self._sentence_of(tok.idx)
        for n in (here, here - 1):
            if n < 0 or n >= len(self._sents):
                continue
            sent = self._sents[n]
            for subj in (t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i):
                if subj.pos_ != "NOUN" or not _person_word(subj):
                    continue
                left, right = subj.left_edge, subj.right_edge
                inside = left.idx <= nearest.start and nearest.end <= right.idx + len(right)
                if inside and self.mention_at(subj.idx) is None:
                    words = [t for t in subj.subtree if not t.is_punct]
                    text = doc_text(self.doc)[words[0].idx:words[-1].idx + len(words[-1])]
                    return Speaker(text, None)
            if n == here and any(t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i for t in sent):
                break  # the pronoun's own sentence has a subject before it: that one counts
        return None

    def _group_pronoun(self, tok: Token) -> Speaker:
        recent = [s for c, s in reversed(self.history) if c < tok.idx]
        if recent and recent[0].label in GROUP_LABELS:
            return recent[0]
        last = next((c for c, _ in reversed(self.history) if c < tok.idx), None)
        if tok.lower_ == "it" and last is not None and \
                self._sentence_of(tok.idx) - self._sentence_of(last) <= 1:
            # '"...," it added' right after "X said ...": X, whatever the recogniser
            # called it ("George Wimpey said ... it added": a firm, not a person)
            return recent[0]
        if tok.lower_ in ("they", "them"):
            plural = self._plural_subject(tok)
            if plural is not None:
                return plural
        if tok.lower_ in FIRST_PERSON_PLURAL:
            # "we" outside quoted words is the writer (a reader's letter, an editorial),
            # never a country or a firm merely named nearby
            return Speaker(None, None)
        groups = self._before(tok.idx, GROUP_LABELS, 1)
        if tok.lower_ == "it":
            # a one-word name with no given name or title ("Wembley announced the sale as
            # it revealed ...") is a body whatever the recogniser called it
            groups = sorted(groups + [m for m in self._before(tok.idx, ("PERSON",), 1)
                                      if " " not in m.text and self._gender.get(m.key) is None],
                            key=lambda m: -m.start)
        # the subject of the sentence before ("The council, led by X, published its plans
        # for England and Wales. It had suggested ...") comes before a nearer name
        subject = next((m for m in groups if self._is_subject(m)), None)
        if subject is not None:
            return self.speaker_of(subject)
        if groups:
            return self.speaker_of(groups[0])
        return Speaker(tok.text, None)
