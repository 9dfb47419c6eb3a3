"""Entity mentions of one article, each with its article-local canonical key.

Titles are stripped ("Mr Zelensky" -> "Zelensky") and a person's shorter names chain
to the longest name they are part of ("Zelensky" -> "Volodymyr Zelenskyy", folding
transliteration variants), so the mention key is that longest name. Labels the
recogniser got wrong are repaired first (:mod:`.repairs`). Places (GPE/LOC) are
geocoded together (see :mod:`storyline.enrich.places.mentions`); their key is the
gazetteer place, so "Kiev" and "Kyiv" share one key. People's roles ("deputy defence
minister", "Pentagon spokesman") come from the words before the name or an apposition
after it (:mod:`.names`). The stage maps keys to store-wide entities
(:mod:`storyline.enrich.resolve`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from storyline.enrich.entities.names import (
    canonical_people,
    clean_surface,
    name_gender,
    role_of,
    strip_titles,
    title_gender,
)
from storyline.enrich.entities.repairs import repair_labels
from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.enrich.places.gazetteer import Place, load_gazetteer
from storyline.enrich.places.geocode import containment_pairs
from storyline.enrich.places.mentions import PLACE_LABELS, geocode_mentions, place_key
from storyline.records import Article, EntityMention, MentionKey, Sentence

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}


def _person_key(e: Span, surface: str, people: dict[str, str]) -> str:
    """The canonical name of a person mention; a lone surname written with a gendered title
    that the longest name's first name contradicts ("Mrs Brown" beside "Gordon Brown") is
    another person, named with the title."""
    name = people[surface]
    if " " in surface or name == surface:
        return name
    title = next((t.text for t in reversed(list(e.doc[max(0, e.start - 1):e.start + 1]))
                  if title_gender(t.text)), None)
    said = title_gender(title)
    known = name_gender(name.split()[0])
    if said and known and said != known:
        return f"{title.rstrip('.')} {surface}" if title else surface
    return name
@dataclass
class Geocoded:
    """What an article's place names were resolved from (names, "Tyler, Texas" pairs) and
    to (gazetteer indices), so that the resolution can be checked again against other
    context places without the doc."""

    names: list[str] = field(default_factory=list)
    within: list[tuple[str, str]] = field(default_factory=list)
    places: dict[str, int | None] = field(default_factory=dict)


def place_indices(places: dict[str, Place | None]) -> dict[str, int | None]:
    """Resolved places as gazetteer indices (the same in every process)."""
    return {n: (place_key("GPE", n, p).place if p is not None else None)
            for n, p in places.items()}


def extract_mentions(doc: Doc, article: Article, sents: list[Sentence],
                     context: Sequence[Place] = (),
                     geocoded: Geocoded | None = None) -> list[EntityMention]:
    """The article's entity mentions; ``context``: places known from its story.
    ``geocoded``, when given, is filled with what the places were resolved from and to."""
    raw: list[tuple[Span, str, str, str | None]] = []  # (ent, label, surface, role)
    for e in doc.ents:
        label = LABELS.get(e.label_)
        if label is None:
            continue
        surface = clean_surface(e.text)
        role = None
        if label == "PERSON":
            surface, title = strip_titles(surface)
            role = role_of(e) or title
        if surface and any(ch.isupper() for ch in surface):  # not "n't", "the"
            raw.append((e, label, surface, role))
    raw = repair_labels(raw)
    people = canonical_people([s for _, label, s, _ in raw if label == "PERSON"])
    people_keys = {id(e): _person_key(e, s, people) for e, label, s, _ in raw
                   if label == "PERSON"}
    # demonyms ("Ukrainian") vote as context for the places, but stay NORP entities
    demonyms = load_gazetteer().demonyms
    spans = [(e.start_char, e.end_char) for e, label, _, _ in raw if label in PLACE_LABELS]
    names = [s for _, label, s, _ in raw if label in PLACE_LABELS
             or (label == "NORP" and s in demonyms)]
    within = [(clean_surface(a), clean_surface(b))
              for a, b in containment_pairs(doc_text(doc), spans)]
    places = geocode_mentions(names, context, within=within)
    if geocoded is not None:
        geocoded.names, geocoded.within = names, within
        geocoded.places = place_indices(places)
    out = []
    for e, label, surface, role in raw:
        if label == "PERSON":
            key = MentionKey("PERSON", people_keys[id(e)])
        elif label in PLACE_LABELS:
            key = place_key(label, surface, places.get(surface))
        else:
            key = MentionKey(label, surface)
        out.append(EntityMention(article.id, sentence_index(sents, e.start_char), e.start_char,
                                 e.end_char, e.text, label, key, role))
    return out
