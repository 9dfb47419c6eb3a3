"""The story map: an offline base map (Natural Earth countries, shipped as static/world.svg)
cropped to the story's places, with a marker per place. Pure geometry: the template draws it.

Coordinates are equirectangular degrees (x = longitude, y = -latitude), with longitudes
scaled by cos(latitude) at the view's centre so shapes look right where the story is.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_PATH = re.compile(r'<path data-iso="([^"]*)" data-name="([^"]*)" d="([^"]+)"')
_NUM = re.compile(r"-?\d+(?:\.\d+)?")
MIN_SPAN = 6.0  # degrees of latitude shown at least (one city: its region)
WORLD_SPAN = 110.0  # a wider spread of places shows the whole world
FOCUS_KM = 2000.0  # the map frames the places this near the most-mentioned one (see focus)


@dataclass(frozen=True, slots=True)
class Country:
    iso: str
    name: str
    d: str
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y (degrees, y = -lat)


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    name: str
    kind: str
    mentions: int
    label: bool
    ref: str | None


@dataclass(frozen=True, slots=True)
class MapView:
    viewbox: str
    scale_x: float  # longitudes are multiplied by this (inside the drawing's group)
    countries: list[Country]
    markers: list[Marker]
    named: frozenset[str]  # ISO alpha-3 codes of the countries the story names (shaded)
    radius: float
    font: float
    stroke: float
    unlocated: list[str]


@lru_cache(maxsize=1)
def world() -> list[Country]:
    svg = (resources.files("storyline.web") / "static" / "world.svg").read_text("utf-8")
    out = []
    for iso, name, d in _PATH.findall(svg):
        nums = [float(x) for x in _NUM.findall(d)]
        xs, ys = nums[0::2], nums[1::2]
        out.append(Country(iso, name, d, (min(xs), min(ys), max(xs), max(ys))))
    return out


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2.upper())
    return c.alpha_3 if c is not None else None


def _labelled(markers: list[Marker], font: float, limit: int) -> list[Marker]:
    """Label the most-mentioned markers whose label would not overlap one already placed."""
    boxes: list[tuple[float, float, float, float]] = []
    out = []
    for m in markers:  # most mentioned first
        w, h = len(m.name) * font * 0.58, font
        box = (m.x, m.y - h * 0.8, m.x + font * 0.7 + w, m.y + h * 0.4)
        free = len(boxes) < limit and all(
            box[0] > b[2] or box[2] < b[0] or box[1] > b[3] or box[3] < b[1] for b in boxes)
        if free:
            boxes.append(box)
        out.append(Marker(m.x, m.y, m.name, m.kind, m.mentions, free, m.ref))
    return out


def km(a: dict[str, Any], b: dict[str, Any]) -> float:
    la1, lo1, la2, lo2 = (math.radians(float(v)) for v in (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def focus(points: list[dict[str, Any]], radius_km: float = FOCUS_KM,
          share: float = 0.6) -> list[dict[str, Any]]:
    """The places the map frames: those within ``radius_km`` of the most-mentioned one when
    they carry ``share`` of all mentions (a story about Ukraine that also names Washington
    and Beijing is framed on Ukraine; the far places stay listed), else all of them."""
    if len(points) < 3:
        return points
    weight = [max(1, int(p.get("mentions") or 0)) for p in points]
    centre = points[max(range(len(points)), key=lambda i: weight[i])]
    near = [i for i, p in enumerate(points) if km(centre, p) <= radius_km]
    if sum(weight[i] for i in near) >= share * sum(weight):
        return [points[i] for i in near]
    return points


def map_view(places: list[dict[str, Any]], labels: int = 10) -> MapView | None:
    """The view over ``places`` (the brief's ``places``: name, lat, lon, kind, mentions,
    feature, country); None when no place has coordinates. A country the story names is
    shaded rather than pinned at its centre; the view frames the other places (or, when it
    names only countries, those countries)."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    countries_named = [p for p in located if p.get("feature") == "country"]
    named = frozenset(a for a in (_alpha3(p.get("country")) for p in countries_named) if a)
    points = [p for p in located if p.get("feature") != "country"]
    framed = focus(points)
    if framed:
        lats = [float(p["lat"]) for p in framed]
        lons = [float(p["lon"]) for p in framed]
    else:
        shapes = [c for c in world() if c.iso in named] or []
        lats = [-c.bbox[1] for c in shapes] + [-c.bbox[3] for c in shapes] or \
            [float(p["lat"]) for p in located]
        lons = [c.bbox[0] for c in shapes] + [c.bbox[2] for c in shapes] or \
            [float(p["lon"]) for p in located]
    lat0 = (min(lats) + max(lats)) / 2
    span_lat = max(max(lats) - min(lats), MIN_SPAN)
    span_lon = max(max(lons) - min(lons), MIN_SPAN)
    if max(span_lat, span_lon) > WORLD_SPAN:
        k = 1.0
        x0, y0, w, h = -180.0, -85.0, 360.0, 145.0
    else:
        k = max(math.cos(math.radians(lat0)), 0.2)
        cx = (min(lons) + max(lons)) / 2 * k
        cy = -lat0
        w = max(span_lon * k, span_lat * 1.2) * 1.25
        h = max(span_lat, w / 1.6) * 1.25
        x0, y0 = cx - w / 2, cy - h / 2
    box = (x0 / k, y0, (x0 + w) / k, y0 + h)
    countries = [c for c in world()
                 if c.bbox[0] <= box[2] and c.bbox[2] >= box[0]
                 and c.bbox[1] <= box[3] and c.bbox[3] >= box[1]]
    ranked = sorted(points, key=lambda p: -(p.get("mentions") or 0))
    font = round(h * 0.032, 4)
    markers = _labelled([Marker(round(float(p["lon"]) * k, 4), round(-float(p["lat"]), 4),
                                str(p.get("name") or ""), str(p.get("kind") or "place"),
                                int(p.get("mentions") or 0), False, p.get("id"))
                         for p in ranked], font, labels)
    return MapView(f"{x0:.4f} {y0:.4f} {w:.4f} {h:.4f}", k, countries, markers, named,
                   radius=round(h * 0.012, 4), font=font, stroke=round(h * 0.003, 4),
                   unlocated=[str(p.get("name")) for p in places if p not in located])
