"""``storyline eval cluster``: story clustering on GoogleNews (T/S/TS), UCI and Timeline17.

The records go straight into the engine the ``stories`` stage runs (same features, same
settings); only the SQLite round-trip is skipped. GoogleNews is streamed in file order
(its text is preprocessed and undated), UCI by timestamp, Timeline17 by date.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import time
from collections import defaultdict
from pathlib import Path

import click
from datasketch import MinHash, MinHashLSH

from storyline.dedupe.text import shingles, signature
from storyline.errors import StorylineError
from storyline.evaluation.stories import datasets as D
from storyline.evaluation.stories.metrics import Scores, score
from storyline.evaluation.stories.replay import all_features, cluster
from storyline.settings import ClusterSettings, Settings
from storyline.stories.embeddings import check_available, get_embedder
from storyline.stories.features import Features

# Published baselines (benchdata READMEs): GSDMM, Yin & Wang KDD'14 Table 2 (NMI);
# Miranda et al. 2018 English test set, pairwise F1 (a different corpus, for scale only).
BASELINES = {
    "googlenews-T": "GSDMM NMI 0.874",
    "googlenews-S": "GSDMM NMI 0.896",
    "googlenews-TS": "GSDMM NMI 0.928",
    "uci": "none published (Miranda et al. 2018: pair F1 0.940 on their corpus)",
    "uci-no-time": "control: timestamps dropped",
    "timeline17": "coarse: topics must not mix",
}
SETS = ("googlenews-T", "googlenews-S", "googlenews-TS", "uci", "uci-no-time", "timeline17")


def load(root: Path, name: str, limit: int | None) -> list[D.Record]:
    if name.startswith("googlenews-"):
        recs = D.googlenews(root, name.split("-", 1)[1])
    elif name == "uci":
        recs = D.uci(root)
    elif name == "uci-no-time":
        recs = [dataclasses.replace(r, time=None) for r in D.uci(root)]
    elif name == "timeline17":
        recs = D.timeline17(root)
    else:
        raise click.BadParameter(f"unknown set {name!r}; sets: {', '.join(SETS)}")
    return recs[:limit] if limit else recs


def cross_topic_copies(recs: list[D.Record], threshold: float = 0.8) -> set[str]:
    """Articles that are near-copies of an article filed under another topic (gold noise:
    the same wire story sits in two Timeline17 pools)."""
    cfg = Settings().dedupe
    lsh = MinHashLSH(threshold=threshold, num_perm=cfg.num_perm)
    sigs = {}
    for r in recs:
        grams = shingles(r.text, cfg.shingle_size)
        if len(grams) < cfg.min_shingles:
            continue
        mh = MinHash(num_perm=cfg.num_perm, hashvalues=signature(grams, cfg.num_perm, cfg.seed),
                     scheme="affine32")
        sigs[r.id] = mh
        lsh.insert(r.id, mh)
    gold = {r.id: r.gold for r in recs}
    out = set()
    for rid, mh in sigs.items():
        if any(gold[o] != gold[rid] for o in lsh.query(mh)):
            out.add(rid)
    return out


def mixed_without(recs: list[D.Record], pred: list[str], drop: set[str]) -> int:
    topics: dict[str, set[str]] = defaultdict(set)
    for r, p in zip(recs, pred, strict=True):
        if r.id not in drop:
            topics[p].add(r.gold)
    return sum(len(t) > 1 for t in topics.values())


def shared_headlines(recs: list[D.Record]) -> tuple[int, int]:
    """Pairs of gold stories that hold a word-for-word identical headline (case and
    punctuation folded), and the rows carrying those headlines: the gold splits one
    event where the headline alone cannot."""
    by_title: dict[str, list[D.Record]] = defaultdict(list)
    for r in recs:
        key = " ".join(re.findall(r"[a-z0-9]+", r.title.lower()))
        if key:
            by_title[key].append(r)
    pairs: set[tuple[str, str]] = set()
    rows = 0
    for group in by_title.values():
        golds = sorted({r.gold for r in group})
        if len(golds) > 1:
            rows += len(group)
            pairs.update(itertools.combinations(golds, 2))
    return len(pairs), rows


def _row(name: str, s: Scores, secs: float, extra: str = "") -> str:
    return (f"{name:<15} {s.n:>6} {s.bcubed_p:6.3f} {s.bcubed_r:6.3f} {s.bcubed_f1:6.3f} "
            f"{s.pair_p:6.3f} {s.pair_r:6.3f} {s.pair_f1:6.3f} {s.nmi:6.3f} {s.ari:6.3f} "
            f"{s.pred_clusters:>5}/{s.gold_clusters:<4} {s.mixed:>5} {secs:6.1f}s  "
            f"{BASELINES.get(name, '')}{extra}")


HEADER = (f"{'set':<15} {'docs':>6} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'pr-P':>6} {'pr-R':>6} "
          f"{'pr-F1':>6} {'NMI':>6} {'ARI':>6} {'pred/gold':>10} {'mixed':>5} {'time':>7}  baseline")


def run_eval(root: Path, names: list[str], cfg: ClusterSettings, limit: int | None) -> None:
    click.echo(HEADER)
    for name in names:
        recs = load(root, name, limit)
        before = get_embedder().encoded if cfg.embeddings else 0
        t0 = time.perf_counter()
        feats = all_features(recs, cfg)
        t1 = time.perf_counter()
        pred = cluster(recs, cfg, feats)
        secs = time.perf_counter() - t0
        s = score([r.gold for r in recs], pred)
        extra = ""
        if cfg.embeddings:
            fresh = get_embedder().encoded - before
            extra = (f"; features+embeddings {t1 - t0:.1f}s "
                     f"({1000 * (t1 - t0) / max(1, len(recs)):.2f} ms/doc, {fresh} texts "
                     f"embedded, the rest cached), "
                     f"assign {1000 * (secs - (t1 - t0)) / max(1, len(recs)):.2f} ms/doc")
        if name == "timeline17":
            copies = cross_topic_copies(recs)
            extra += (f"; {len(copies)} articles are near-copies of another topic's article; "
                     f"mixed stories without them: {mixed_without(recs, pred, copies)}")
        if name.startswith("uci"):
            pairs, rows = shared_headlines(recs)
            extra += (f"; {pairs} pairs of gold stories share a word-for-word identical "
                      f"headline ({rows} rows)")
        click.echo(_row(name, s, secs, extra))


def tune(root: Path, cfg: ClusterSettings, limit: int | None) -> ClusterSettings:
    """Grid over threshold x merge_threshold x entity_weight on GoogleNews-TS and UCI;
    objective: mean of TS NMI and UCI B-cubed F1. With embeddings on, the grid is
    embedding_threshold x embedding_weight (the lexical settings stay as committed)."""
    ts, uci = load(root, "googlenews-TS", limit), load(root, "uci", limit)
    feats: dict[str, list[Features]] = {
        "ts": all_features(ts, cfg), "uci": all_features(uci, cfg)}
    if cfg.embeddings:
        return tune_embeddings(ts, uci, feats, cfg)
    grid = itertools.product((0.10, 0.12, 0.14, 0.16, 0.18), (0.2, 0.3, 0.4), (0.0, 0.25, 0.4))
    results = []
    ts_cache: dict[tuple[float, float], float] = {}
    for th, mt, ew in grid:
        c = dataclasses.replace(cfg, threshold=th, merge_threshold=mt, entity_weight=ew)
        if (th, mt) not in ts_cache:  # GoogleNews text is lower-cased: no entities
            ts_cache[(th, mt)] = score([r.gold for r in ts], cluster(ts, c, feats["ts"])).nmi
        u = score([r.gold for r in uci], cluster(uci, c, feats["uci"]))
        obj = (ts_cache[(th, mt)] + u.bcubed_f1) / 2
        results.append((obj, th, mt, ew, ts_cache[(th, mt)], u.bcubed_f1))
        click.echo(f"threshold={th:.2f} merge={mt:.2f} entity_weight={ew:.2f}: "
                   f"TS NMI {ts_cache[(th, mt)]:.3f}  UCI B3-F1 {u.bcubed_f1:.3f}  obj {obj:.3f}")
    best = max(results)
    click.echo(f"best: threshold={best[1]} merge_threshold={best[2]} entity_weight={best[3]} "
               f"(TS NMI {best[4]:.3f}, UCI B3-F1 {best[5]:.3f})")
    return dataclasses.replace(cfg, threshold=best[1], merge_threshold=best[2],
                               entity_weight=best[3])


def tune_embeddings(ts: list[D.Record], uci: list[D.Record], feats: dict[str, list[Features]],
                    cfg: ClusterSettings) -> ClusterSettings:
    grid = itertools.product((0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55), (0.3, 0.5, 0.7))
    results = []
    for th, w in grid:
        c = dataclasses.replace(cfg, embedding_threshold=th, embedding_weight=w)
        t = score([r.gold for r in ts], cluster(ts, c, feats["ts"])).nmi
        u = score([r.gold for r in uci], cluster(uci, c, feats["uci"])).bcubed_f1
        results.append(((t + u) / 2, th, w, t, u))
        click.echo(f"embedding_threshold={th:.2f} embedding_weight={w:.2f}: TS NMI {t:.3f}  "
                   f"UCI B3-F1 {u:.3f}  obj {(t + u) / 2:.3f}")
    best = max(results)
    click.echo(f"best: embedding_threshold={best[1]} embedding_weight={best[2]} "
               f"(TS NMI {best[3]:.3f}, UCI B3-F1 {best[4]:.3f})")
    return dataclasses.replace(cfg, embedding_threshold=best[1], embedding_weight=best[2])


@click.command("cluster")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False),
              help="The benchdata folder (googlenews-gsdmm/, uci-news-aggregator-subset/, ...).")
@click.option("--sets", default=",".join(SETS), show_default=True,
              help="Comma-separated sets to score.")
@click.option("--limit", type=int, default=None, help="Use only the first N records of each set.")
@click.option("--tune", "do_tune", is_flag=True,
              help="Grid-search threshold/merge/entity weight first, then score with the best.")
@click.option("--embeddings/--no-embeddings", "embeddings", default=None,
              help="Add dense sentence embeddings (the optional `embeddings` extra); "
                   "default: $STORYLINE_EMBEDDINGS, else off.")
def cluster_eval(data: str, sets: str, limit: int | None, do_tune: bool,
                 embeddings: bool | None) -> None:
    """Story clustering quality: B-cubed and pairwise P/R/F1, NMI, ARI, clusters."""
    root = Path(data)
    cfg = Settings().cluster
    if embeddings is not None:
        cfg = dataclasses.replace(cfg, embeddings=embeddings)
    if cfg.embeddings:
        try:
            check_available()
        except StorylineError as e:
            raise click.ClickException(str(e)) from e
    if do_tune:
        cfg = tune(root, cfg, limit)
    names = [s.strip() for s in sets.split(",") if s.strip()]
    run_eval(root, names, cfg, limit)
