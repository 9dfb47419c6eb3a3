"""Event and place exports: an ACLED-style CSV of events and GeoJSON of places and events.

Both are written from the export contract (:mod:`storyline.store.queries`), story by story:
the events come from each story's ``events`` section (empty until the events stage fills
it), the places from its ``entities`` that were geocoded. CSV cells that a spreadsheet
would read as a formula are neutralised (:func:`storyline.safety.csv_cell`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.safety import csv_cell
from storyline.store import Store
from storyline.store.queries import iter_story_documents
from storyline.wordlists import words

ACLED_FIELDS = ("event_id", "event_date", "date_precision", "year", "category", "mode",
                "actor1", "actor2", "location", "country", "latitude", "longitude",
                "fatalities", "fatalities_reported", "sources", "source_count", "notes",
                "story_id", "story_title", "article_ids")


def _is_toll(what: str | None) -> bool:
    tokens = set((what or "").lower().replace("-", " ").split())
    return bool(tokens & words("fatality_words"))


def fatalities(event: dict[str, Any], numbers: list[dict[str, Any]]) -> tuple[int | None, str]:
    """The event's death toll as ACLED codes it (the lowest figure reported, conservative)
    and every figure reported with its outlets ("7: A; 9: B, C")."""
    values: dict[float, list[str]] = {}
    for n in numbers:
        if n.get("event_id") != event.get("id") or not _is_toll(n.get("what")):
            continue
        if n.get("values"):
            for v in n["values"]:
                values.setdefault(float(v["value"]), []).extend(v.get("sources") or [])
        else:
            for m in n.get("mentions") or []:
                src = m.get("source") or m.get("article_id") or ""
                values.setdefault(float(m["value"]), []).append(src)
    if not values:
        return None, ""
    reported = "; ".join(f"{v:g}: {', '.join(dict.fromkeys(s for s in srcs if s))}"
                         for v, srcs in sorted(values.items()))
    return int(min(values)), reported


def acled_rows(story: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for e in story.get("events") or []:
        geo = e.get("geo") or {}
        ids = list(dict.fromkeys(m["article_id"] for m in e.get("mentions") or []
                                 if m.get("article_id")))
        deaths, reported = fatalities(e, story.get("numbers") or [])
        date = e.get("date") or ""
        yield {
            "event_id": e.get("id"), "event_date": date, "date_precision": e.get("date_precision"),
            "year": date[:4] if date[:4].isdigit() else "", "category": e.get("category"),
            "mode": e.get("mode"), "actor1": e.get("actor"), "actor2": e.get("target"),
            "location": e.get("place"), "country": geo.get("country"),
            "latitude": geo.get("lat"), "longitude": geo.get("lon"),
            "fatalities": deaths if deaths is not None else 0,
            "fatalities_reported": reported,
            "sources": "; ".join(e.get("sources") or []), "source_count": len(e.get("sources") or []),
            "notes": e.get("description"), "story_id": story["id"],
            "story_title": story.get("title"), "article_ids": " ".join(ids),
        }


def write_acled(store: Store, out: TextIO) -> None:
    """One row per event, ACLED-style columns (date, category, actors, place, coordinates,
    fatalities, sources, notes), with its story and articles."""
    w = csv.DictWriter(out, fieldnames=ACLED_FIELDS, extrasaction="ignore")
    w.writeheader()
    with store.connect() as conn:
        for story in iter_story_documents(conn):
            for row in acled_rows(story):
                w.writerow({k: csv_cell(v) for k, v in row.items()})


def geo_features(story: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """GeoJSON features of a story: each geocoded place it names, and each located event."""
    for e in story.get("entities") or []:
        geo = e.get("geo")
        if not geo or geo.get("lat") is None:
            continue
        yield {"type": "Feature",
               "geometry": {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]},
               "properties": {"kind": "place", "id": e["id"], "name": e["name"],
                              "type": e.get("type"), "country": geo.get("country"),
                              "feature": geo.get("feature"), "story_id": story["id"],
                              "story_title": story.get("title"),
                              "article_ids": e.get("article_ids") or [],
                              "mentions": e.get("mentions")}}
    for ev in story.get("events") or []:
        geo = ev.get("geo")
        if not geo or geo.get("lat") is None:
            continue
        yield {"type": "Feature",
               "geometry": {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]},
               "properties": {"kind": "event", "id": ev.get("id"), "date": ev.get("date"),
                              "category": ev.get("category"), "actor": ev.get("actor"),
                              "target": ev.get("target"), "place": ev.get("place"),
                              "description": ev.get("description"),
                              "sources": ev.get("sources") or [], "story_id": story["id"],
                              "story_title": story.get("title")}}


def write_geojson(store: Store, out: TextIO) -> None:
    """A GeoJSON FeatureCollection (RFC 7946: [lon, lat]) of places and events, streamed."""
    out.write('{"type": "FeatureCollection", "features": [')
    first = True
    with store.connect() as conn:
        for story in iter_story_documents(conn):
            for f in geo_features(story):
                out.write(("\n" if first else ",\n") + json.dumps(f, ensure_ascii=False))
                first = False
    out.write("\n]}\n")
