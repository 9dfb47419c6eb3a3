"""Readers for toponym-resolution gold sets: LGL, GeoWebNews (GWN) and GeoVirus.

Each file holds ``<article>`` elements with the text and gold toponyms given by
character offsets and coordinates (see the dataset README in the benchdata folder).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    kind: str | None = None  # GWN type, or the GeoNames feature class for LGL


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


FILES = {"LGL": "lgl.xml", "GeoWebNews": "GWN.xml", "GeoVirus": "GeoVirus.xml"}


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def _int(s: str | None) -> int | None:
    try:
        return int(s) if s not in (None, "") else None
    except ValueError:
        return None


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    for n, a in enumerate(ET.parse(path).getroot().iter("article")):
        text = a.findtext("text") or ""
        tops = []
        for t in a.iter("toponym"):
            g = t.find("gaztag")
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            name = t.findtext("phrase") or text[start:end]
            if g is None:
                tops.append(GoldToponym(start, end, name, None, None))
            else:
                tops.append(GoldToponym(start, end, name, _float(g.findtext("lat")),
                                        _float(g.findtext("lon")), _int(g.get("geonameid")),
                                        g.findtext("fclass")))
        yield GoldArticle(a.get("docid") or str(n), text, tuple(tops))


def read_gwn(path: Path) -> Iterator[GoldArticle]:
    for n, a in enumerate(ET.parse(path).getroot().iter("article")):
        text = a.findtext("text") or ""
        tops = []
        for t in a.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            tops.append(GoldToponym(start, end, t.findtext("extractedName") or text[start:end],
                                    _float(t.findtext("latitude")), _float(t.findtext("longitude")),
                                    _int(t.findtext("geonamesID")), t.findtext("type")))
        yield GoldArticle(a.get("file") or str(n), text, tuple(tops))


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    for n, a in enumerate(ET.parse(path).getroot().iter("article")):
        text = a.findtext("text") or ""
        tops = []
        for t in a.iter("location"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            tops.append(GoldToponym(start, end, t.findtext("name") or text[start:end],
                                    _float(t.findtext("lat")), _float(t.findtext("lon")),
                                    kind="location"))
        yield GoldArticle(f"{n}", text, tuple(tops))


READERS = {"LGL": read_lgl, "GeoWebNews": read_gwn, "GeoVirus": read_geovirus}

# GWN toponym types that name a place (Gritta et al. 2019): scored for recognition.
GWN_LOCATIONAL = {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion",
                  "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"}


def read_set(data: Path, name: str) -> list[GoldArticle]:
    return list(READERS[name](data / FILES[name]))
