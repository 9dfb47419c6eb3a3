"""Article-local mention keys to store-wide entities (the enrich stage's store side).

An entity matches a stored one of the same type by its folded name (y/i, -iy/-yy and
the other variants of :func:`storyline.enrich.entities.names.fold`), a place by its
gazetteer id, and a lone surname the one stored person with that surname. Every
spelling seen is kept in ``entity_aliases``; roles go to ``entity_roles`` with the article
and the sentence they were read from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from storyline.enrich.entities.names import clean_surface, fold_name, surname
from storyline.enrich.places.gazetteer import Place, load_gazetteer
from storyline.enrich.places.mentions import PLACE_LABELS, display_name, place_of
from storyline.records import Article, EntityMention, MentionKey, Sentence
from storyline.store import Store
from storyline.store import schema as S


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


@cache
def _statements() -> dict[str, Any]:
    """The look-ups run for every entity of every article, built once (building a
    statement costs more than running it on SQLite)."""
    e = S.entities
    return {
        "by_norm": select(e).where(e.c.norm == bindparam("norm"), e.c.type == bindparam("etype")),
        "by_range": select(e).where(e.c.norm >= bindparam("lo"), e.c.norm < bindparam("hi"),
                                    e.c.type == "PERSON"),
        "has_id": select(e.c.id).where(e.c.id == bindparam("eid")),
        "insert": insert(e),
    }


def _find(conn: Connection, etype: str, norm: str, name: str) -> Any:
    row = conn.execute(_statements()["by_norm"], {"norm": norm, "etype": etype}).first()
    if row is not None or etype != "PERSON":
        return row
    # a lone surname matches the one stored person with that surname, and a full name
    # takes over a stored surname-only person (PERSON norms start with the surname, so
    # this is an index range scan)
    sn = fold_name(surname(name))
    if not sn:
        return None
    if conn.dialect.name == "sqlite":
        rows = conn.execute(_statements()["by_range"], {"lo": sn, "hi": sn + "~"}).all()
    else:  # "~" sorts last only in C order
        prefix = S.entities.c.norm.startswith(sn, autoescape=True)
        rows = conn.execute(select(S.entities).where(prefix, S.entities.c.type == "PERSON")).all()
    rows = [r for r in rows if r.norm.split()[:1] == [sn]]
    if " " not in norm:
        return rows[0] if len(rows) == 1 else None
    # same surname, first names one typo apart ("Volodomyr"/"Volodymyr") or one the short
    # form of the other ("Chris"/"Christopher"), middle names that agree ("George W." is
    # not "George H.W.")
    given = norm.split()[1:]
    close = [r for r in rows if " " in r.norm and same_given(r.norm.split()[1:], given)]
    if len(close) == 1:
        return close[0]
    solo = [r for r in rows if " " not in r.norm]
    return solo[0] if len(solo) == 1 and len(rows) == 1 else None


def same_given(a: list[str], b: list[str]) -> bool:
    """Folded given names (first, then middle names or initials) of one person: the first
    names :func:`similar`, and the middle names equal where both have them."""
    if not a or not b or not similar(a[0], b[0]):
        return False
    return a[1:] == b[1:] or not a[1:] or not b[1:]


def stored_entity_id(conn: Connection, key: MentionKey) -> str | None:
    """The id of the stored entity ``key`` names, when one is stored (a key the article's
    mentions do not hold: a country read from its capital)."""
    place = place_of(key)
    name = place.name if place is not None else key.name
    row = _find(conn, key.label, _norm(key.label, name, place), name)
    return row.id if row is not None else None


def similar(a: str, b: str) -> bool:
    """Folded first names that are the same name: equal, one the start of the other (4+
    letters: "Chris", "Christopher"), or (5+ letters, same initial) at most one edit apart."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return True  # "chris" / "christopher"
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
) -> dict[MentionKey, str]:
    """Map each mention key to a store-wide entity id, creating or updating entities; every
    spelling goes to ``entity_aliases`` and people's roles to ``entity_roles``."""
    by_key: dict[MentionKey, list[EntityMention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    sentence = {s.idx: s.text for s in sents}
    out: dict[MentionKey, str] = {}
    roles: list[dict[str, Any]] = []
    aliases: dict[str, set[str]] = {}  # entity id -> spellings seen (written at the end)
    for key, ms in by_key.items():
        etype, name = key.label, key.name
        place = place_of(key)
        if place is not None:
            name = display_name(place, [clean_surface(m.text) for m in ms])
        norm = _norm(etype, name, place)
        surfaces = {clean_surface(m.text) for m in ms} | {name} \
            | ({place.name} if place is not None else set())
        row = _find(conn, etype, norm, name)
        if row is None:
            eid = entity_id(etype, norm)
            attrs: dict[str, Any] = {}
            if etype in PLACE_LABELS:
                attrs["resolved"] = place is not None
                if place is not None:
                    attrs["population"] = place.population
            values: dict[str, Any] = {"id": eid, "name": name, "type": etype, "norm": norm,
                                      "attributes": attrs}
            if place is not None:
                values.update(lat=place.lat, lon=place.lon, country=place.cc,
                              feature=place.feature, geonameid=place.geonameid)
            if conn.execute(_statements()["has_id"], {"eid": eid}).first():
                conn.execute(update(S.entities).where(S.entities.c.id == eid).values(**values))
            else:
                conn.execute(_statements()["insert"], values)
        else:
            eid = row.id
            new_name = name if len(name) > len(row.name) and etype == "PERSON" else row.name
            values = {"name": new_name}
            if etype == "PERSON" and " " in norm and " " not in row.norm:
                values["norm"] = norm
            if values != {"name": row.name}:
                conn.execute(update(S.entities).where(S.entities.c.id == eid).values(**values))
        aliases.setdefault(eid, set()).update(surfaces)
        seen: set[tuple[str, int]] = set()
        for m in ms:
            if m.role and (m.role, m.sentence_idx) not in seen:
                seen.add((m.role, m.sentence_idx))
                roles.append({"entity_id": eid, "article_id": article.id, "role": m.role,
                              "sentence_idx": m.sentence_idx,
                              "sentence": sentence.get(m.sentence_idx, "")})
        out[key] = eid
    _add_aliases(conn, aliases)
    if roles:
        conn.execute(insert(S.entity_roles), roles)
    return out


def _add_aliases(conn: Connection, names: dict[str, set[str]]) -> None:
    """Record the spellings of each entity (id -> names) not recorded yet: one read and
    one insert for the article, not one of each per entity."""
    t = S.entity_aliases
    known: set[tuple[str, str]] = set()
    ids = sorted(names)
    for i in range(0, len(ids), 500):  # bound the IN list
        known.update((r.entity_id, r.alias) for r in conn.execute(
            select(t.c.entity_id, t.c.alias).where(t.c.entity_id.in_(ids[i:i + 500]))))
    new = [{"entity_id": eid, "alias": n} for eid, spellings in names.items()
           for n in sorted(spellings) if n and (eid, n) not in known]
    if new:
        conn.execute(insert(t), new)
