"""The story page's timeline strip: articles (and events) per day across the story's span,
as bars the template draws in SVG. Pure: the brief document's timeline in, bars out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MAX_BARS = 120  # a longer span is shown in weeks


@dataclass(frozen=True, slots=True)
class Bar:
    start: str  # ISO date the bar begins
    label: str
    articles: int
    events: int
    x: float  # 0..100 (per cent of the strip)
    width: float
    height: float  # 0..1 of the tallest bar


@dataclass(frozen=True, slots=True)
class Strip:
    bars: list[Bar]
    first: str
    last: str
    unit: str  # "day" | "week"
    peak: int


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def strip(timeline: list[dict[str, Any]]) -> Strip | None:
    counts: dict[date, list[int]] = {}
    for t in timeline:
        d = _parse(t["date"]) if len(t.get("date") or "") >= 10 else None
        if d is None:
            continue
        c = counts.setdefault(d, [0, 0])
        for it in t["items"]:
            c[0 if it["kind"] == "article" else 1] += 1
    if not counts:
        return None
    first, last = min(counts), max(counts)
    days = (last - first).days + 1
    step = 1 if days <= MAX_BARS else 7
    n = (days + step - 1) // step
    buckets = [[0, 0] for _ in range(n)]
    for d, (arts, evs) in counts.items():
        b = buckets[(d - first).days // step]
        b[0] += arts
        b[1] += evs
    peak = max(max(a + e for a, e in buckets), 1)
    width = 100.0 / n
    bars = []
    for i, (arts, evs) in enumerate(buckets):
        start = first + timedelta(days=i * step)
        bars.append(Bar(start.isoformat(), start.strftime("%d %b %Y") if step == 1
                        else "week of " + start.strftime("%d %b %Y"), arts, evs,
                        round(i * width, 3), round(width, 3), (arts + evs) / peak))
    return Strip(bars, first.isoformat(), last.isoformat(), "day" if step == 1 else "week", peak)
