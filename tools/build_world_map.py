"""Build the web UI's offline base map (src/storyline/web/static/world.svg) once, from
Natural Earth's 1:110m admin-0 countries (public domain) as the geopandas 0.14 wheel ships
them (geopandas/datasets/naturalearth_lowres; the data left geopandas in 1.0).

    pip download --no-deps geopandas==0.14.4 -d /tmp/gpd
    python tools/build_world_map.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

The SVG is in plain equirectangular degrees: x = longitude, y = -latitude (viewBox
-180 -90 360 180), one <path> per country with its ISO 3166 alpha-3 code and name, rings
rounded to 0.05 degrees and thinned with Douglas-Peucker (0.05 degrees). Nothing here runs
at run time: the product only serves the file.
"""

from __future__ import annotations

import argparse
import struct
import zipfile
from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/storyline/web/static/world.svg"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def read_dbf(data: bytes) -> list[dict[str, str]]:
    n, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        off = 1
        row = {}
        for name, length in fields:
            row[name] = rec[off:off + length].decode("utf-8", "replace").strip()
            off += length
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings (polygons and multipolygons: shape type 5)."""
    shapes = []
    pos = 100
    while pos < len(data):
        _num, length = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8: pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (kind,) = struct.unpack("<i", content[:4])
        if kind != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts]))
        base = 44 + 4 * n_parts
        pts = [struct.unpack("<2d", content[base + 16 * k: base + 16 * (k + 1)])
               for k in range(n_points)]
        bounds = [*parts, n_points]
        shapes.append([pts[bounds[j]:bounds[j + 1]] for j in range(n_parts)])
    return shapes


def _perp(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5)


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if best > tol and idx > 0:
            keep.add(idx)
            stack += [(i, idx), (idx, j)]
    return [points[k] for k in sorted(keep)]


def ring_path(ring: list[tuple[float, float]], tol: float) -> str:
    pts = simplify(ring, tol)
    out: list[tuple[float, float]] = []
    for x, y in pts:
        q = (round(x * 20) / 20, round(-y * 20) / 20)
        if not out or q != out[-1]:
            out.append(q)
    if len(out) < 3:
        return ""
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in out) + "Z"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", type=Path, help="geopandas-0.14.x wheel holding naturalearth_lowres")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.05)
    args = ap.parse_args()
    with zipfile.ZipFile(args.wheel) as z:
        shp = z.read(MEMBER + ".shp")
        dbf = z.read(MEMBER + ".dbf")
    rows, shapes = read_dbf(dbf), read_shp(shp)
    paths = []
    for row, rings in sorted(zip(rows, shapes, strict=True), key=lambda rs: rs[0]["name"]):
        d = "".join(ring_path(r, args.tolerance) for r in rings)
        if d:
            iso = row.get("iso_a3", "")
            paths.append(f'<path data-iso="{escape(iso)}" data-name="{escape(row["name"])}" '
                         f'd="{d}"><title>{escape(row["name"])}</title></path>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" '
           'preserveAspectRatio="none">\n'
           '<!-- Natural Earth 1:110m admin-0 countries (public domain, naturalearthdata.com), '
           'built by tools/build_world_map.py. x = longitude, y = -latitude. -->\n'
           '<rect x="-180" y="-90" width="360" height="180" fill="#dfe9f2"/>\n'
           '<g fill="#f4f1ea" stroke="#9aa5ae" stroke-width="0.12" stroke-linejoin="round" '
           'vector-effect="non-scaling-stroke">\n' + "\n".join(paths) + "\n</g>\n</svg>\n")
    args.out.write_text(svg, encoding="utf-8")
    print(f"{args.out}: {len(paths)} countries, {len(svg) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
