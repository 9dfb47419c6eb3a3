"""The serving issue's done-when checks on a store (e.g. the seeds ingested with
`storyline ingest`), as a reader would check the story page:

    storyline --db /tmp/seeds.db ingest ../shared/samples/seeds/seeds.jsonl
    python tools/serving_checks.py --db /tmp/seeds.db

For each story with at least --min-articles articles: (1) every brief sentence is verbatim in
the article it quotes, and how many citations are verbatim in the cited article; (2) the
timeline's first and last dates; (3) each located place against the country outline the map
draws (Natural Earth, web/static/world.svg): inside its geocoded country's outline or not.
"""

from __future__ import annotations

import argparse
import re

PAIR = re.compile(r"[ML]\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)")


def _rings(d: str) -> list[list[tuple[float, float]]]:
    rings = []
    for part in d.split("Z"):
        pts = [(float(x), float(y)) for x, y in PAIR.findall(part)]
        if len(pts) >= 3:
            rings.append(pts)
    return rings


def inside(x: float, y: float, rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd rule over all rings (holes count as outside)."""
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                hit = not hit
    return hit


def main() -> None:
    import pycountry

    from storyline import service
    from storyline.store import open_store
    from storyline.web.mapview import world

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--min-articles", type=int, default=2)
    args = ap.parse_args()
    store = open_store(args.db)
    outlines = {c.iso: _rings(c.d) for c in world()}
    for s in service.list_stories(store, order="size").items:
        if s.articles < args.min_articles:
            continue
        doc = service.get_brief(store, s.id)
        texts = {a.id: a.text for a in service.story_articles(store, s.id)}
        titles = {a["id"]: a.get("title") or "" for a in doc["articles"]}
        n = ok = cites = cites_ok = 0
        for b in doc["summary"]:
            n += 1
            src = texts if b["sentence_idx"] is not None else titles
            ok += b["text"] in src.get(b["article_id"], "")
            for a in b["article_ids"]:
                cites += 1
                cites_ok += b["text"] in texts.get(a, "") or b["text"] in titles.get(a, "")
        print(f"story {s.id}: {s.articles} articles, {s.outlets} outlets: {s.title}")
        print(f"  brief: {n} sentences, {ok}/{n} verbatim in the article they quote; "
              f"{cites_ok}/{cites} citations verbatim in the cited article")
        for b in doc["summary"]:
            print(f"    - ({b['published']}) {b['text']} {b['article_ids']}")
        days = [t["date"] for t in doc["timeline"]]
        print(f"  timeline: {len(days)} dates, {days[0] if days else '-'} to "
              f"{days[-1] if days else '-'}")
        placed = [p for p in doc["places"] if p["lat"] is not None and p["kind"] == "place"]
        for p in placed:
            c = pycountry.countries.get(alpha_2=(p["country"] or "").upper())
            iso = c.alpha_3 if c else None
            where = ("inside" if iso in outlines and inside(p["lon"], -p["lat"], outlines[iso])
                     else "OUTSIDE") if iso else "no country"
            print(f"    place {p['name']} ({p['lat']:.2f}, {p['lon']:.2f}) {p['country']} "
                  f"{p['feature']}: {where} {iso or ''}'s outline")
    store.close()


if __name__ == "__main__":
    main()
