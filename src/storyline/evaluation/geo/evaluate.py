"""``storyline eval geo``: toponym resolution and recognition on LGL, GeoWebNews, GeoVirus.

Two scores per set:

- **resolution given gold names** (the Mordecai 3 protocol): every gold toponym with
  coordinates is geocoded with the article's other gold names as context;
  accuracy within 161 km (100 miles), mean and median error;
- **end to end**, through the path a user's file takes: the articles are written as JSONL
  and ingested (all stages) into a fresh store; the stored place mentions (GPE/LOC with
  their entity's coordinates, and NORP demonyms of countries, read as their country's
  point) are mapped back to the original text (the clean stage may take lines off) and
  scored against the gold spans: recognition P/R/F1 (a predicted span matches a gold span
  it overlaps), and P/R/F1 of places both recognised and resolved within 161 km.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from storyline.enrich.places.gazetteer import km_latlon
from storyline.enrich.places.geocode import Geocoder, containment_pairs
from storyline.evaluation.geo.gold import (
    GWN_LOCATIONAL,
    READERS,
    GoldArticle,
    GoldToponym,
    read_set,
)
from storyline.evaluation.through_ingest import Item, ingested, line_offsets, map_span
from storyline.evaluation.through_ingest import workdir as workdir_for

ACC_KM = 161.0
# Published baselines (dataset README: Mordecai 3 paper, resolution given gold names).
BASELINES = {"LGL": 82.7, "GeoWebNews": 94.1, "TR-News": 87.3}


@dataclass
class ResolutionScore:
    n: int = 0
    hits: int = 0
    unresolved: int = 0
    errors: list[float] = field(default_factory=list)

    @property
    def acc(self) -> float:
        return 100.0 * self.hits / self.n if self.n else 0.0


def scored(t: GoldToponym) -> bool:
    return t.lat is not None and t.lon is not None


def resolve_gold(geocoder: Geocoder, articles: Sequence[GoldArticle],
                 only_geonames: bool = False) -> ResolutionScore:
    sc = ResolutionScore()
    for a in articles:
        gold = [t for t in a.toponyms if scored(t) and (t.geonameid or not only_geonames)]
        if not gold:
            continue
        names = [t.name for t in a.toponyms if scored(t)]
        pairs = containment_pairs(a.text, [(t.start, t.end) for t in a.toponyms if scored(t)])
        out = geocoder.resolve(names, within=pairs)
        for t in gold:
            sc.n += 1
            p = out.get(t.name)
            if p is None:
                sc.unresolved += 1
                sc.errors.append(20038.0)  # half the earth's circumference
                continue
            d = km_latlon(p.lat, p.lon, t.lat, t.lon)  # type: ignore[arg-type]
            sc.errors.append(d)
            sc.hits += d <= ACC_KM
    return sc


@dataclass
class EndToEnd:
    gold: int = 0
    pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0
    correct: int = 0  # matched and within 161 km

    def prf(self, hits_p: int, hits_r: int) -> tuple[float, float, float]:
        p = hits_p / self.pred if self.pred else 0.0
        r = hits_r / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gold_spans(set_name: str, a: GoldArticle) -> list[GoldToponym]:
    if set_name == "GeoWebNews":
        return [t for t in a.toponyms if t.kind in GWN_LOCATIONAL]
    return list(a.toponyms)


def end_to_end(set_name: str, articles: Sequence[GoldArticle], folder: Path) -> EndToEnd:
    """The place mentions the pipeline stores for the articles ingested as JSONL, scored
    against the gold spans."""
    from sqlalchemy import select

    from storyline.store import schema as S

    gazetteer = Geocoder().g
    ids = {f"{set_name}-{n}": a for n, a in enumerate(articles)}
    items = [Item(aid, text=a.text) for aid, a in ids.items()]
    preds: dict[str, list[tuple[int, int, float | None, float | None]]] = {a: [] for a in ids}
    with ingested(items, folder, f"geo-{set_name}", None) as (store, _report):
        stored = {x.id: x.text for x in store.articles()}
        m, e = S.entity_mentions, S.entities
        q = (select(m.c.article_id, m.c.start, m.c.end, m.c.label, e.c.lat, e.c.lon, e.c.norm)
             .join(e, e.c.id == m.c.entity_id).where(m.c.label.in_(("GPE", "LOC", "NORP"))))
        with store.connect() as conn:
            rows = conn.execute(q).all()
    offsets = {aid: line_offsets(ids[aid].text, text) for aid, text in stored.items()}
    for r in rows:
        lat, lon = r.lat, r.lon
        if r.label == "NORP":  # a demonym of a country ("Russian"): its country
            country = gazetteer.country(r.norm[5:]) if r.norm.startswith("norp:") else None
            if country is None:
                continue
            lat, lon = country.lat, country.lon
        span = map_span(offsets[r.article_id], r.start, r.end)
        if span is not None:
            preds[r.article_id].append((span[0], span[1], lat, lon))
    sc = EndToEnd()
    for aid, a in ids.items():
        gold = _gold_spans(set_name, a)
        sc.gold += len(gold)
        sc.pred += len(preds[aid])
        used: set[int] = set()
        for start, end, lat, lon in sorted(preds[aid]):
            hit = next((i for i, t in enumerate(gold) if i not in used
                        and t.start < end and start < t.end), None)
            if hit is None:
                continue
            used.add(hit)
            sc.matched_pred += 1
            t = gold[hit]
            if t.lat is not None and t.lon is not None and lat is not None and lon is not None \
                    and km_latlon(lat, lon, t.lat, t.lon) <= ACC_KM:
                sc.correct += 1
        sc.matched_gold += len(used)
    return sc


@click.command("geo")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="Folder with lgl.xml, GWN.xml, GeoVirus.xml.")
@click.option("--set", "sets", multiple=True, type=click.Choice(sorted(READERS)),
              help="Only these sets (default: all present).")
@click.option("--limit", type=int, default=None, help="First N articles of each set.")
@click.option("--gold-names", is_flag=True, help="Only resolution given gold names (no NER).")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the JSONL files and stores here (default: a temporary folder).")
def geo_cmd(data: Path, sets: tuple[str, ...], limit: int | None, gold_names: bool,
            workdir: Path | None) -> None:
    """Geocoding accuracy@161km given gold names, and end-to-end P/R/F1."""
    from storyline.evaluation.geo.gold import FILES

    names = [s for s in (sets or FILES) if (data / FILES[s]).exists()]
    if not names:
        raise click.ClickException(f"no gold files in {data}")
    t0 = time.perf_counter()
    geocoder = Geocoder()
    click.echo(f"gazetteer ready in {time.perf_counter() - t0:.1f}s")
    click.echo("\nResolution given gold names (accuracy within 161 km):")
    click.echo(f"{'set':<12}{'N':>6}{'acc@161':>9}{'unres':>7}{'mean km':>9}{'median km':>10}"
               f"{'baseline':>10}")
    loaded = {}
    for s in names:
        arts = read_set(data, s)[:limit]
        loaded[s] = arts
        rows = [(s, resolve_gold(geocoder, arts))]
        if s == "GeoWebNews":
            rows.append(("  geonames", resolve_gold(geocoder, arts, only_geonames=True)))
        for label, sc in rows:
            base = BASELINES.get(label.strip())
            mean = statistics.fmean(sc.errors) if sc.errors else 0.0
            med = statistics.median(sc.errors) if sc.errors else 0.0
            click.echo(f"{label:<12}{sc.n:>6}{sc.acc:>8.1f}%{sc.unresolved:>7}{mean:>9.0f}"
                       f"{med:>10.1f}{(f'{base:.1f}%' if base else '-'):>10}")
    click.echo("  baseline: Mordecai 3 (Halterman 2023), given gold names, its own eval portions.")
    if gold_names:
        return
    click.echo("\nEnd to end through `storyline ingest` (stored place mentions + demonyms vs gold "
               "spans; overlap match):")
    click.echo(f"{'set':<12}{'gold':>6}{'pred':>6}{'rec P':>7}{'rec R':>7}{'rec F1':>7}"
               f"{'geo P':>7}{'geo R':>7}{'geo F1':>7}")
    with workdir_for(workdir) as folder:
        for s, arts in loaded.items():
            e = end_to_end(s, arts, folder)
            rp, rr, rf = e.prf(e.matched_pred, e.matched_gold)
            gp, gr, gf = e.prf(e.correct, e.correct)
            click.echo(f"{s:<12}{e.gold:>6}{e.pred:>6}{rp:>7.2f}{rr:>7.2f}{rf:>7.2f}"
                       f"{gp:>7.2f}{gr:>7.2f}{gf:>7.2f}")
    click.echo(f"done in {time.perf_counter() - t0:.0f}s")
