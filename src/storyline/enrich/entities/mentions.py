"""Entity mentions with article-local canonical keys, and store-wide entity resolution.

Within an article: titles are stripped ("Mr Zelensky" -> "Zelensky") and a person's
shorter names chain to the longest name they are part of ("Zelensky" -> "Volodymyr
Zelenskyy", folding transliteration variants), so the mention key is that longest
name. Places (GPE/LOC) are geocoded together (see :mod:`storyline.enrich.places.mentions`);
their key is the gazetteer place, so "Kiev" and "Kyiv" share one key. People's roles
("deputy defence minister", "Pentagon spokesman") come from the words before the name
or an apposition after it.

Across articles (:func:`resolve_entities`): an entity matches a stored one of the same
type by its folded name (y/i, -iy/-yy and the other variants of :func:`names.fold`), a
place by its gazetteer id, and a lone surname the one stored person with that surname.
Every spelling seen is kept in ``aliases``; roles go to ``attributes.roles`` with the
article and the sentence they were read from.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span
from sqlalchemy import Connection, and_, insert, select, update

from storyline.enrich.entities.names import (
    TITLES,
    chains_to,
    clean_surface,
    fold_name,
    strip_titles,
    surname,
)
from storyline.enrich.nlp.pipeline import organization_table
from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.enrich.places.gazetteer import Place, load_gazetteer
from storyline.enrich.places.geocode import containment_pairs
from storyline.enrich.places.mentions import PLACE_LABELS, geocode_mentions, place_key
from storyline.records import Article, EntityMention, Sentence
from storyline.store import Store
from storyline.store import schema as S

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}
ROLE_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}


def role_of(ent: Span) -> str | None:
    """The role written with a person's name: "Pentagon spokesman John Kirby",
    "deputy defence minister Hanna Malyar", "Hanna Malyar, the deputy defence minister"."""
    doc = ent.doc
    root = ent.root
    # modifiers before the name: left children of the name's head word, outside the name
    left = [t for t in root.lefts if t.i < ent.start and t.dep_ in ROLE_DEPS]
    if left:
        start = min(min(t.left_edge.i for t in left), ent.start)
        words = [t for t in doc[start:ent.start] if not (t.is_punct or t.dep_ == "det")]
        if words and any(t.pos_ == "NOUN" for t in words):
            return doc[words[0].i:words[-1].i + 1].text
    for t in root.rights:
        if t.dep_ == "appos" and t.i >= ent.end:
            words = [w for w in t.subtree if not (w.is_punct or w.dep_ == "det")]
            if words and any(w.pos_ == "NOUN" for w in words) and len(words) <= 8:
                return doc[words[0].i:words[-1].i + 1].text
    return None


def _canonical_people(names: list[str]) -> dict[str, str]:
    """Each person name -> the longest name of the article it chains to."""
    uniq = sorted(set(names), key=lambda n: (-len(n.split()), -len(n)))
    out: dict[str, str] = {}
    for n in uniq:
        target = next((m for m in uniq if chains_to(n, m)), None)
        out[n] = out.get(target, target) if target else n
    return out


def _repair_people(
    raw: list[tuple[Span, str, str, str | None]],
) -> list[tuple[Span, str, str, str | None]]:
    """A multi-word ORG/FAC/PRODUCT mention that a person of the article chains to
    ("Volodymyr Zelenskyy" tagged ORG beside PERSON "Zelensky") is that person."""
    people = {s for _, label, s, _ in raw if label == "PERSON"}
    out = []
    for e, label, surface, role in raw:
        if label in ("ORG", "FAC") and any(
            chains_to(p, surface) or (" " not in surface and chains_to(surface, p)) for p in people
        ):
            label, role = "PERSON", role_of(e)
        out.append((e, label, surface, role))
    return out


# words that head the name of a body or a state, never a person's name: a PERSON mention
# holding one ("Donetsk People's Republic", "Ministry of Defence") was mistyped by ner
STATE_WORDS = {"Republic", "Kingdom", "Emirates", "Federation", "Sultanate", "Principality",
               "Emirate", "Caliphate", "Commonwealth"}
BODY_WORDS = {"Ministry", "Council", "Committee", "Party", "Union", "Army", "Forces", "Agency",
              "Institute", "University", "Court", "Parliament", "Assembly", "Commission",
              "Department", "Bank", "Corporation", "Company", "Association", "Organization",
              "Organisation", "Foundation", "Office", "Police", "Navy", "Front", "Movement",
              "Network", "Authority", "Service", "Brigade", "Battalion", "Regiment", "Guard"}


# portfolios of an office title ("Secretary of State", "Defense Minister"): one of these
# words alone, tagged ORG inside such a title, is part of the person's role, not a body
PORTFOLIOS = {"state", "defense", "defence", "interior", "foreign", "justice", "treasury",
              "finance", "health", "education", "energy", "agriculture", "commerce", "labor",
              "labour", "transport", "transportation", "economy", "home", "trade", "culture"}


def _in_office_title(e: Span) -> bool:
    if len(e) != 1 or e[0].lower_ not in PORTFOLIOS:
        return False
    doc = e.doc
    nxt = doc[e.end].lower_ if e.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, e.start - 2):e.start]]
    return nxt in TITLES or (len(before) == 2 and before[1] == "of" and before[0] in TITLES)


_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old,?\s*$", re.I)


def _after_age(e: Span) -> bool:
    """The mention follows an age ("30-year-old Taras ..."): a person."""
    before = doc_text(e.doc)[max(0, e.start_char - 16):e.start_char]
    return bool(_AGE.search(before))


def _repair_types(
    raw: list[tuple[Span, str, str, str | None]],
) -> list[tuple[Span, str, str, str | None]]:
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
            words = set(re.split(r"[\s’']+", surface))
            if words & STATE_WORDS:
                label, role = "GPE", None
            elif words & BODY_WORDS:
                label, role = "ORG", None
        out.append((e, label, surface, role))
    return out


TERRITORY = {"region", "continent"}  # region-table kinds a body can also be
ORG_PLACE_POPULATION = 100_000  # a one-word "ORG" naming a city this big is the city
LOCATIVE = {"in", "from", "near", "to", "at", "outside", "around", "towards", "toward", "across",
            "into", "through", "of"}


@cache
def _bodies_not_places() -> frozenset[str]:
    """Main names of the organisations table that are never read as a place: a body is not
    its namesake town ("members of Nato"); one that is also a territory of the region
    table ("in the EU") may still be read as that territory."""
    g = load_gazetteer()
    return frozenset(b for b in organization_table().values()
                     if not any(p.feature in TERRITORY for p, alt in g.lookup(b) if not alt))


def _repair_places(
    raw: list[tuple[Span, str, str, str | None]],
) -> list[tuple[Span, str, str, str | None]]:
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
            after_locative = before >= 0 and e.doc[before].lower_ in LOCATIVE
            big = len(e) == 1 and any(p.feature in ("country", "admin1") or
                                      p.population >= ORG_PLACE_POPULATION for p in main)
            if main and (after_locative or big):  # "in Bucha"; "places like Mariupol"
                label = "GPE"
        out.append((e, label, surface, role))
    # one sense per article: the same name elsewhere tagged ORG is that place too
    places = {s for _, label, s, _ in out if label in PLACE_LABELS}
    return [(e, "GPE" if label == "ORG" and s in places and s not in bodies else label, s, r)
            for e, label, s, r in out]


def extract_mentions(doc: Doc, article: Article, sents: list[Sentence],
                     context: Sequence[Place] = ()) -> list[EntityMention]:
    """The article's entity mentions; ``context``: places known from its story."""
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
    raw = _repair_places(_repair_types(_repair_people(raw)))
    people = _canonical_people([s for _, label, s, _ in raw if label == "PERSON"])
    # demonyms ("Ukrainian") vote as context for the places, but stay NORP entities
    demonyms = load_gazetteer().demonyms
    spans = [(e.start_char, e.end_char) for e, label, _, _ in raw if label in PLACE_LABELS]
    places = geocode_mentions([s for _, label, s, _ in raw if label in PLACE_LABELS
                               or (label == "NORP" and s in demonyms)], context,
                              within=[(clean_surface(a), clean_surface(b))
                                      for a, b in containment_pairs(doc_text(doc), spans)])
    out = []
    for e, label, surface, role in raw:
        if label == "PERSON":
            key = f"PERSON:{people[surface]}"
        elif label in PLACE_LABELS:
            key = place_key(label, surface, places.get(surface))
        else:
            key = f"{label}:{surface}"
        out.append(EntityMention(article.id, sentence_index(sents, e.start_char), e.start_char,
                                 e.end_char, e.text, label, key, role))
    return out


_TRANSLIT_MARKS = re.compile(r"['ʼʹ’`]")


def display_name(place: Place, surfaces: Sequence[str]) -> str:
    """The gazetteer's name, unless it carries transliteration marks ("Homyel'") and the
    article writes the place another way the gazetteer also knows ("Gomel")."""
    if not _TRANSLIT_MARKS.search(place.name):
        return place.name
    g = load_gazetteer()
    known = [s for s in surfaces if not _TRANSLIT_MARKS.search(s)
             and any(p is place for p, _ in g.lookup(s))]
    return Counter(known).most_common(1)[0][0] if known else place.name


def entity_id(etype: str, norm: str) -> str:
    return "e" + hashlib.sha1(f"{etype}:{norm}".encode()).hexdigest()[:12]


def _norm(etype: str, name: str, place: Place | None) -> str:
    if place is not None:
        return f"geo:{place.geonameid or f'{place.name}|{place.cc}|{place.feature}'}"
    if etype == "NORP":
        cc = load_gazetteer().demonyms.get(name)  # "" for regions' demonyms
        if cc:
            return f"norp:{cc}"  # Ukrainian / Ukrainians
    folded = fold_name(name)
    if etype == "PERSON" and " " in folded:  # surname first: indexed surname look-ups
        words = folded.split()
        return " ".join([words[-1], *words[:-1]])
    return folded


def _find(conn: Connection, etype: str, norm: str, name: str) -> Any:
    row = conn.execute(select(S.entities).where(S.entities.c.norm == norm,
                                                S.entities.c.type == etype)).first()
    if row is not None or etype != "PERSON":
        return row
    # a lone surname matches the one stored person with that surname, and a full name
    # takes over a stored surname-only person (PERSON norms start with the surname, so
    # this is an index range scan)
    sn = fold_name(surname(name))
    if not sn:
        return None
    norm_col = S.entities.c.norm
    prefix = (and_(norm_col >= sn, norm_col < sn + "~") if conn.dialect.name == "sqlite"
              else norm_col.startswith(sn, autoescape=True))  # "~" sorts last only in C order
    rows = conn.execute(select(S.entities).where(prefix, S.entities.c.type == "PERSON")).all()
    rows = [r for r in rows if r.norm.split()[:1] == [sn]]
    if " " not in norm:
        return rows[0] if len(rows) == 1 else None
    # same surname, first names one typo apart ("Volodomyr"/"Volodymyr")
    first = norm.split()[1]
    close = [r for r in rows if " " in r.norm and similar(r.norm.split()[1], first)]
    if len(close) == 1:
        return close[0]
    solo = [r for r in rows if " " not in r.norm]
    return solo[0] if len(solo) == 1 and len(rows) == 1 else None


def similar(a: str, b: str) -> bool:
    """Folded first names that are the same name: equal, or (5+ letters, same initial)
    at most one edit apart."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 1


def resolve_entities(
    store: Store, conn: Connection, article: Article, mentions: list[EntityMention],
    sents: Sequence[Sentence] = (),
) -> dict[str, str]:
    """Map each mention key to a store-wide entity id, creating or updating entities."""
    from storyline.enrich.places.mentions import place_of_key

    by_key: dict[str, list[EntityMention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    sentence = {s.idx: s.text for s in sents}
    out: dict[str, str] = {}
    for key, ms in by_key.items():
        etype, _, name = key.partition(":")
        place = place_of_key(key)
        if place is not None:
            name = display_name(place, [clean_surface(m.text) for m in ms])
        elif etype in PLACE_LABELS and name.startswith("?"):
            name = name[1:]
        norm = _norm(etype, name, place)
        surfaces = sorted({clean_surface(m.text) for m in ms} | {name}
                          | ({place.name} if place is not None else set()))
        roles = [{"role": m.role, "article_id": article.id, "sentence": sentence.get(m.sentence_idx, "")}
                 for m in ms if m.role]
        row = _find(conn, etype, norm, name)
        if row is None:
            eid = entity_id(etype, norm)
            attrs: dict[str, Any] = {"roles": roles} if roles else {}
            if etype in PLACE_LABELS:
                attrs["resolved"] = place is not None
                if place is not None:
                    attrs["population"] = place.population
            values: dict[str, Any] = {"id": eid, "name": name, "type": etype, "norm": norm,
                                      "aliases": [s for s in surfaces if s != name],
                                      "attributes": attrs}
            if place is not None:
                values.update(lat=place.lat, lon=place.lon, country=place.cc,
                              feature=place.feature, geonameid=place.geonameid)
            if conn.execute(select(S.entities.c.id).where(S.entities.c.id == eid)).first():
                conn.execute(update(S.entities).where(S.entities.c.id == eid).values(**values))
            else:
                conn.execute(insert(S.entities).values(**values))
        else:
            eid = row.id
            new_name = name if len(name) > len(row.name) and etype == "PERSON" else row.name
            aliases = sorted(set(row.aliases or []) | set(surfaces) | {row.name} - {new_name})
            attrs = dict(row.attributes or {})
            if roles:
                old = attrs.get("roles", [])
                seen = {(r["role"], r["article_id"]) for r in old}
                attrs["roles"] = old + [r for r in roles if (r["role"], r["article_id"]) not in seen]
            values = {"aliases": aliases, "attributes": attrs, "name": new_name}
            if etype == "PERSON" and " " in norm and " " not in row.norm:
                values["norm"] = norm
            conn.execute(update(S.entities).where(S.entities.c.id == eid).values(**values))
        out[key] = eid
    return out
