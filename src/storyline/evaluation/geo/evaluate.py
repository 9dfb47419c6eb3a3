"""``storyline eval geo``: toponym resolution and recognition on LGL, GeoWebNews, GeoVirus.

Two scores per set:

- **resolution given gold names** (the Mordecai 3 protocol): every gold toponym with
  coordinates is geocoded with the article's other gold names as context;
  accuracy within 161 km (100 miles), mean and median error;
- **end to end**: the enrich stage's place mentions (NER with the gazetteer ruler and
  label repairs, GPE/LOC, plus NORP demonyms of known places) geocoded as the stage
  does, against the gold spans: recognition
  P/R/F1 (a predicted span matches a gold span it overlaps), and P/R/F1 of places both
  recognised and resolved within 161 km.
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


def end_to_end(set_name: str, articles: Sequence[GoldArticle], batch_size: int = 16) -> EndToEnd:
    """The enrich stage's own place mentions (NER, label repairs, geocoding in context)
    scored against the gold spans."""
    from storyline.enrich.entities.mentions import extract_mentions
    from storyline.enrich.entities.names import clean_surface
    from storyline.enrich.nlp.pipeline import load_nlp
    from storyline.enrich.places.mentions import PLACE_LABELS, place_of
    from storyline.records import Article

    nlp = load_nlp()
    geocoder = Geocoder()
    demonyms = geocoder.g.demonyms
    sc = EndToEnd()
    for a, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size),
                      strict=True):
        art = Article(a.id, set_name, a.text, "text", text=a.text)
        # places, and NORP demonyms of gazetteer places ("Russian", "Kurdish"): both gold
        # sets annotate adjectival place names as toponyms
        preds = []
        for m in extract_mentions(doc, art, []):
            if m.label in PLACE_LABELS:
                preds.append((m.start, m.end, place_of(m.key)))
            elif m.label == "NORP" and clean_surface(m.text) in demonyms:
                preds.append((m.start, m.end, geocoder.resolve([m.text])[m.text]))
        gold = _gold_spans(set_name, a)
        sc.gold += len(gold)
        sc.pred += len(preds)
        used: set[int] = set()
        for start, end, p in preds:
            hit = next((i for i, t in enumerate(gold) if i not in used
                        and t.start < end and start < t.end), None)
            if hit is None:
                continue
            used.add(hit)
            sc.matched_pred += 1
            t = gold[hit]
            if t.lat is not None and t.lon is not None and p is not None and \
                    km_latlon(p.lat, p.lon, t.lat, t.lon) <= ACC_KM:
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
def geo_cmd(data: Path, sets: tuple[str, ...], limit: int | None, gold_names: bool) -> None:
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
    click.echo("\nEnd to end (enrich place mentions + demonyms vs gold spans; overlap match):")
    click.echo(f"{'set':<12}{'gold':>6}{'pred':>6}{'rec P':>7}{'rec R':>7}{'rec F1':>7}"
               f"{'geo P':>7}{'geo R':>7}{'geo F1':>7}")
    for s, arts in loaded.items():
        e = end_to_end(s, arts)
        rp, rr, rf = e.prf(e.matched_pred, e.matched_gold)
        gp, gr, gf = e.prf(e.correct, e.correct)
        click.echo(f"{s:<12}{e.gold:>6}{e.pred:>6}{rp:>7.2f}{rr:>7.2f}{rf:>7.2f}"
                   f"{gp:>7.2f}{gr:>7.2f}{gf:>7.2f}")
    click.echo(f"done in {time.perf_counter() - t0:.0f}s")
