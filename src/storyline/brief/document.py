"""The brief as a document: a story's export-contract record turned into the sections a
reader of the brief gets (pure: dicts in, a dict out, no store access).

Sections, each filled from the story document as its stage fills the story's export:

- ``summary``: the brief stage's cited sentences (the export's ``summary``);
- ``events``: key events, dated, most-sourced first (the ``events`` section);
- ``timeline``: a dated timeline: each date's events, and the articles published that day;
- ``quotes``: key quotes grouped by speaker, a quote several articles carry shown once;
- ``numbers``: the figures with their status, each value with the outlets that give it,
  conflicting figures first;
- ``positions``: positions grouped by actor;
- ``places``: the places named, with coordinates where they were geocoded;
- ``coverage``: the story's articles by outlet.

Citations are article ids; ``articles`` lists the story's articles in publish order with a
1-based ``n`` that renderers use as the citation mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.events.records import background, timeline_start

PLACE_TYPES = ("GPE", "LOC")
STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "single-source": 2}


@dataclass(frozen=True, slots=True)
class BriefLimits:
    """How much of each section a brief shows."""

    events: int = 12
    speakers: int = 8
    quotes_per_speaker: int = 3
    numbers: int = 12
    places: int = 30
    positions: int = 12


def day(value: str | None) -> str | None:
    """The date part of an ISO date or timestamp (``2022-03-29T10:00:00Z`` -> ``2022-03-29``)."""
    if not value:
        return None
    m = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip())
    return m.group(0) if m else None


def format_value(value: Any, unit: str | None = None) -> str:
    """A figure as a reader writes it: 7.0 -> "7", 1500 -> "1,500", 4.5 -> "4.5"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = str(value)
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit in ("%", "percent", "per cent"):
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def _sources_of(ids: Iterable[str], arts: dict[str, dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for a in ids:
        src = (arts.get(a) or {}).get("source") or ""
        if src and src not in out:
            out.append(src)
    return out


def headline(a: dict[str, Any], n_words: int = 14) -> str:
    """The article's title, or (an article stored without one) its first words."""
    title = (a.get("title") or "").strip()
    if title:
        return title
    lead = (a.get("text") or "").split()
    if not lead:
        return str(a.get("id") or "")
    return " ".join(lead[:n_words]) + ("\u2026" if len(lead) > n_words else "")


def _article_index(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"n": n, "id": a["id"], "source": a.get("source"), "title": headline(a),
             "has_title": bool((a.get("title") or "").strip()),
             "published": a.get("published"), "url": a.get("url"),
             "duplicate_of": a.get("duplicate_of"),
             "headline_only": bool(a.get("headline_only"))}
            for n, a in enumerate(articles, 1)]


def _summary(story: dict[str, Any], arts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in story.get("summary") or []:
        item = dict(s)
        item.setdefault("sources", _sources_of(s.get("article_ids", []), arts))
        item.setdefault("article_id", (s.get("article_ids") or [None])[0])
        item.setdefault("published", (arts.get(item["article_id"] or "") or {}).get("published"))
        out.append(item)
    return out


def _mention_ids(item: dict[str, Any]) -> list[str]:
    ids = list(item.get("article_ids") or [])
    for m in item.get("mentions") or []:
        if m.get("article_id") and m["article_id"] not in ids:
            ids.append(m["article_id"])
    if item.get("article_id") and item["article_id"] not in ids:
        ids.insert(0, item["article_id"])
    return ids


def _events(story: dict[str, Any], arts: dict[str, dict[str, Any]],
            limit: int) -> list[dict[str, Any]]:
    out = []
    for e in story.get("events") or []:
        ids = _mention_ids(e)
        sources = list(e.get("sources") or []) or _sources_of(ids, arts)
        out.append({**e, "article_ids": ids, "sources": sources})
    top = sorted(out, key=lambda e: -len(e["sources"]))[:limit]
    return sorted(top, key=lambda e: (e.get("date") is None, e.get("date") or "", e.get("id", "")))


def _timeline(story: dict[str, Any], events: list[dict[str, Any]],
              articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {e.get("id"): e for e in story.get("events") or []}
    dates: dict[str, list[dict[str, Any]]] = {}
    placed: set[str] = set()
    for t in story.get("timeline") or []:
        for eid in t.get("event_ids") or []:
            e = by_id.get(eid)
            if e is None or not t.get("date"):
                continue
            placed.add(eid)
            dates.setdefault(t["date"], []).append(_event_item(e))
    start = timeline_start(story.get("first_published"))
    for e in events:  # key events the timeline section has not placed (nor background)
        if e.get("id") not in placed and e.get("date") and \
                not background(e["date"], e.get("date_precision"), start):
            dates.setdefault(e["date"], []).append(_event_item(e))
    for a in articles:
        d = day(a.get("published"))
        if d:
            dates.setdefault(d, []).append({"kind": "article", "text": headline(a),
                                            "article_ids": [a["id"]],
                                            "sources": [a["source"]] if a.get("source") else []})
    return [{"date": d, "items": dates[d]} for d in sorted(dates)]


def _event_item(e: dict[str, Any]) -> dict[str, Any]:
    text = e.get("description") or " ".join(
        x for x in (e.get("actor"), e.get("category"), e.get("target")) if x)
    return {"kind": "event", "text": text, "event_id": e.get("id"),
            "category": e.get("category"), "article_ids": _mention_ids(e),
            "sources": list(e.get("sources") or [])}


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _quotes(story: dict[str, Any], arts: dict[str, dict[str, Any]],
            limits: BriefLimits) -> list[dict[str, Any]]:
    names = {e["id"]: e["name"] for e in story.get("entities") or []}
    speakers: dict[str, dict[str, Any]] = {}
    for q in story.get("quotes") or []:
        name = (q.get("speaker") or "").strip()
        if not name or not (q.get("text") or "").strip():
            continue
        key = q.get("speaker_entity_id") or _norm(name)
        sp = speakers.setdefault(key, {"speaker": names.get(q.get("speaker_entity_id") or "", name),
                                       "speaker_entity_id": q.get("speaker_entity_id"),
                                       "quotes": {}})
        qkey = _norm(q["text"])
        item = sp["quotes"].get(qkey)
        if item is None:
            item = sp["quotes"][qkey] = {
                "text": q["text"], "kind": q.get("kind"), "date": q.get("date"),
                "article_id": q.get("article_id"), "article_ids": [],
                "speaker_disputed": bool(q.get("speaker_disputed"))}
        for a in _mention_ids(q):
            if a not in item["article_ids"]:
                item["article_ids"].append(a)
    out = []
    for sp in speakers.values():
        qs = list(sp["quotes"].values())
        for q in qs:
            q["sources"] = _sources_of(q["article_ids"], arts)
        qs.sort(key=lambda q: (q["kind"] != "direct", -len(q["sources"])))
        out.append({"speaker": sp["speaker"], "speaker_entity_id": sp["speaker_entity_id"],
                    "count": len(qs), "quotes": qs[:limits.quotes_per_speaker]})
    out.sort(key=lambda s: (-sum(len(q["sources"]) for q in s["quotes"]), -s["count"]))
    return out[:limits.speakers]


def _numbers(story: dict[str, Any], arts: dict[str, dict[str, Any]],
             limit: int) -> list[dict[str, Any]]:
    out = []
    for n in story.get("numbers") or []:
        values = []
        if n.get("values"):
            for v in n["values"]:
                values.append({"value": v.get("value"), "qualifier": v.get("qualifier"),
                               "sources": list(v.get("sources") or []),
                               "article_ids": list(v.get("article_ids") or []),
                               "first_reported": v.get("first_reported")})
        else:
            seen: dict[Any, dict[str, Any]] = {}
            for m in n.get("mentions") or []:
                v = seen.setdefault(m.get("value"), {
                    "value": m.get("value"), "qualifier": m.get("qualifier"), "sources": [],
                    "article_ids": [],
                    "first_reported": (arts.get(m.get("article_id") or "") or {}).get("published")})
                if m.get("article_id") and m["article_id"] not in v["article_ids"]:
                    v["article_ids"].append(m["article_id"])
            for v in seen.values():
                v["sources"] = _sources_of(v["article_ids"], arts)
            values = list(seen.values())
        for v in values:
            v["display"] = format_value(v["value"], n.get("unit"))
        out.append({"id": n.get("id"), "what": n.get("what"), "unit": n.get("unit"),
                    "value": n.get("value"), "display": format_value(n.get("value"), n.get("unit")),
                    "place": n.get("place"), "date": n.get("date"),
                    "status": n.get("status") or "single-source", "values": values,
                    "article_ids": _mention_ids(n)})
    out.sort(key=lambda n: (STATUS_ORDER.get(n["status"], 3),
                            -sum(len(v["sources"]) for v in n["values"])))
    return out[:limit]


def _positions(story: dict[str, Any], arts: dict[str, dict[str, Any]],
               limit: int) -> list[dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    for p in story.get("positions") or []:
        name = p.get("actor") or ""
        key = p.get("actor_entity_id") or _norm(name)
        if not key:
            continue
        ids = _mention_ids(p)
        a = actors.setdefault(key, {"actor": name, "actor_entity_id": p.get("actor_entity_id"),
                                    "positions": []})
        a["positions"].append({"issue": p.get("issue"), "stance": p.get("stance"),
                               "detail": p.get("detail"), "date": p.get("date"),
                               "article_ids": ids,
                               "sources": list(p.get("sources") or []) or _sources_of(ids, arts)})
    out = sorted(actors.values(), key=lambda a: -len(a["positions"]))
    return out[:limit]


def _places(story: dict[str, Any], events: list[dict[str, Any]],
            limit: int) -> list[dict[str, Any]]:
    out = []
    for e in story.get("entities") or []:
        if e.get("type") not in PLACE_TYPES:
            continue
        geo = e.get("geo") or None
        out.append({"id": e.get("id"), "name": e.get("name"), "kind": "place",
                    "lat": geo.get("lat") if geo else None, "lon": geo.get("lon") if geo else None,
                    "country": geo.get("country") if geo else None,
                    "feature": geo.get("feature") if geo else None,
                    "article_ids": list(e.get("article_ids") or []),
                    "mentions": e.get("mentions") or len(e.get("article_ids") or [])})
    out.sort(key=lambda p: -p["mentions"])
    out = out[:limit]
    for ev in events:
        geo = ev.get("geo")
        if geo and geo.get("lat") is not None:
            out.append({"id": ev.get("id"), "name": ev.get("place") or ev.get("description"),
                        "kind": "event", "lat": geo["lat"], "lon": geo["lon"],
                        "country": geo.get("country"), "feature": None,
                        "article_ids": ev["article_ids"], "mentions": len(ev["article_ids"]),
                        "date": ev.get("date"), "category": ev.get("category")})
    return out


def _coverage(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    outlets: dict[str, dict[str, Any]] = {}
    for a in articles:
        src = a.get("source") or "unknown outlet"
        o = outlets.setdefault(src, {"source": src, "articles": [], "first": None, "last": None})
        o["articles"].append({"id": a["id"], "title": headline(a),
                              "published": a.get("published"), "url": a.get("url"),
                              "duplicate_of": a.get("duplicate_of")})
        d = day(a.get("published"))
        if d:
            o["first"] = min(o["first"] or d, d)
            o["last"] = max(o["last"] or d, d)
    return sorted(outlets.values(), key=lambda o: (o["first"] is None, o["first"] or "",
                                                   o["source"].lower()))


def brief_document(story: dict[str, Any], articles: list[dict[str, Any]],
                   limits: BriefLimits | None = None) -> dict[str, Any]:
    """The brief of ``story`` (an export-contract story) over ``articles`` (its articles in
    the export's article shape, in publish order)."""
    lim = limits or BriefLimits()
    arts = {a["id"]: a for a in articles}
    events = _events(story, arts, lim.events)
    return {
        "schema": "storyline.brief/1",
        "story": {"id": story["id"], "title": story.get("title"),
                  "first_published": story.get("first_published"),
                  "last_published": story.get("last_published"),
                  "articles": len(articles), "sources": list(story.get("sources") or [])},
        "articles": _article_index(articles),
        "summary": _summary(story, arts),
        "events": events,
        "timeline": _timeline(story, events, articles),
        "quotes": _quotes(story, arts, lim),
        "numbers": _numbers(story, arts, lim.numbers),
        "positions": _positions(story, arts, lim.positions),
        "places": _places(story, events, lim.places),
        "coverage": _coverage(articles),
    }
