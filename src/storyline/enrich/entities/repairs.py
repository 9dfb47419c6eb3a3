"""Entity labels the recogniser got wrong, repaired from the mention, its neighbours and
the shipped tables: people tagged as bodies, bodies and states tagged as people, the
organisations table's bodies under their main names, places tagged as bodies."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from storyline.enrich.entities.names import ChainIndex, folded_words, role_of, shorter_forms
from storyline.enrich.nlp.pipeline import organization_table
from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.places.gazetteer import load_gazetteer
from storyline.enrich.places.mentions import PLACE_LABELS
from storyline.wordlists import words

Raw = tuple[Span, str, str, str | None]  # (entity span, label, surface name, role)


def repair_labels(raw: list[Raw]) -> list[Raw]:
    """The mentions with people, bodies and places relabelled (see the module docstring)."""
    return _repair_places(_repair_types(_repair_people(raw)))


def _repair_people(
    raw: list[Raw],
) -> list[Raw]:
    """A multi-word ORG/FAC/PRODUCT mention that a person of the article chains to
    ("Volodymyr Zelenskyy" tagged ORG beside PERSON "Zelensky") is that person."""
    people = {s for _, label, s, _ in raw if label == "PERSON"}
    # folded people, and the shorter forms that chain to one of them, each a set look-up
    folded = {f for f in map(folded_words, people) if f}
    shorter = ChainIndex(people).first
    out = []
    for e, label, surface, role in raw:
        if label in ("ORG", "FAC"):
            words = folded_words(surface)
            # a person's name is a shorter form of this mention, or (one word) this
            # mention is a shorter form of a person's name
            if any(f in folded for f in shorter_forms(words)) or (
                    " " not in surface and words and words in shorter):
                label, role = "PERSON", role_of(e)
        out.append((e, label, surface, role))
    return out


def _in_office_title(e: Span) -> bool:
    """A portfolio word ("State", "Defense": ``data/words/portfolios.txt``) tagged ORG inside
    an office title ("Secretary of State", "Defense Minister") is part of the person's role,
    not a body."""
    if len(e) != 1 or e[0].lower_ not in words("portfolios"):
        return False
    titles = words("titles")
    doc = e.doc
    nxt = doc[e.end].lower_ if e.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, e.start - 2):e.start]]
    return nxt in titles or (len(before) == 2 and before[1] == "of" and before[0] in titles)


_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old,?\s*$", re.I)


def _after_age(e: Span) -> bool:
    """The mention follows an age ("30-year-old Taras ..."): a person."""
    before = doc_text(e.doc)[max(0, e.start_char - 16):e.start_char]
    return bool(_AGE.search(before))


def _repair_types(
    raw: list[Raw],
) -> list[Raw]:
    """Bodies of the shipped organisations table are ORG under their main name whatever
    ner said ("Nato" GPE -> "North Atlantic Treaty Organization" ORG, "UN" and "United
    Nations" one body); a PERSON whose name holds a state or body word is a GPE or an ORG."""
    table = organization_table()
    out = []
    for e, label, surface, role in raw:
        if label == "ORG" and _in_office_title(e):
            continue  # "Secretary of State Antony Blinken": a role, kept with the person
        bare = surface[4:] if surface.lower().startswith("the ") else surface
        if label in ("ORG", "NORP", "FAC") and _after_age(e) and " " in surface:
            label, role = "PERSON", role_of(e)  # "30-year-old Taras Oleksandovych"
        elif bare in table and label in ("ORG", "GPE", "LOC", "PERSON", "NORP", "FAC"):
            label, surface, role = "ORG", table[bare], None
        elif label == "PERSON":
            # a state or body word ("Republic", "Ministry") never heads a person's name
            parts = set(re.split(r"[\s’']+", surface))
            if parts & words("state_words"):
                label, role = "GPE", None
            elif parts & words("body_words"):
                label, role = "ORG", None
        out.append((e, label, surface, role))
    return out


TERRITORY = {"region", "continent"}  # region-table kinds a body can also be
ORG_PLACE_POPULATION = 100_000  # a one-word "ORG" naming a city this big is the city


@cache
def _bodies_not_places() -> frozenset[str]:
    """Main names of the organisations table that are never read as a place: a body is not
    its namesake town ("members of Nato"); one that is also a territory of the region
    table ("in the EU") may still be read as that territory."""
    g = load_gazetteer()
    return frozenset(b for b in organization_table().values()
                     if not any(p.feature in TERRITORY for p, alt in g.lookup(b) if not alt))


def _repair_places(
    raw: list[Raw],
) -> list[Raw]:
    """An ORG mention whose name is a gazetteer place by its main name is a place (GPE)
    when it follows a locative preposition ("in Bucha", "from Irpin") or is one word
    naming a country, a first-level region or a big city ("Mariupol", "Moscow denied")."""
    g = load_gazetteer()
    bodies = _bodies_not_places()
    out = []
    for e, label, surface, role in raw:
        if label == "ORG" and surface not in bodies:
            main = [p for p, alt in g.lookup(surface) if not alt]
            before = e.start - 1 if e.start > 0 and e.doc[e.start - 1].lower_ != "the" \
                else e.start - 2  # "in Bucha", "in the Donbas"
            after_locative = before >= 0 and e.doc[before].lower_ in words("place_prepositions")
            big = len(e) == 1 and any(p.feature in ("country", "admin1") or
                                      p.population >= ORG_PLACE_POPULATION for p in main)
            if main and (after_locative or big):  # "in Bucha"; "places like Mariupol"
                label = "GPE"
        out.append((e, label, surface, role))
    # one sense per article: the same name elsewhere tagged ORG is that place too
    places = {s for _, label, s, _ in out if label in PLACE_LABELS}
    return [(e, "GPE" if label == "ORG" and s in places and s not in bodies else label, s, r)
            for e, label, s, r in out]
