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


def map_view(places: list[dict[str, Any]], labels: int = 10) -> MapView | None:
    """The view over ``places`` (the brief's ``places``: name, lat, lon, kind, mentions);
    None when no place has coordinates."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    lats = [float(p["lat"]) for p in located]
    lons = [float(p["lon"]) for p in located]
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
    ranked = sorted(located, key=lambda p: -(p.get("mentions") or 0))
    named = {id(p) for p in ranked[:labels]}
    markers = [Marker(round(float(p["lon"]) * k, 4), round(-float(p["lat"]), 4),
                      str(p.get("name") or ""), str(p.get("kind") or "place"),
                      int(p.get("mentions") or 0), id(p) in named, p.get("id"))
               for p in ranked]
    return MapView(f"{x0:.4f} {y0:.4f} {w:.4f} {h:.4f}", k, countries, markers,
                   radius=round(h * 0.012, 4), font=round(h * 0.032, 4),
                   stroke=round(h * 0.003, 4),
                   unlocated=[str(p.get("name")) for p in places if p not in located])
