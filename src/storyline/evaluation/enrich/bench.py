"""``storyline bench enrich``: the enrichment pass against bare spaCy on the same texts.

Baseline ("bare"): ``nlp.pipe`` of the same model with only tok2vec, parser and ner;
also shown: "stock", the model's default pipeline (adds tagger, attribute_ruler,
lemmatizer, which the extractors read). Measured:
the whole enrichment pass without the store (the gazetteer entity ruler, tagger and
lemmatizer, sentences, canonical entities with geocoding, dates, quotes, numbers), in
one process and in two worker processes (models loaded before the clock starts).
"""

from __future__ import annotations

import inspect
import json
import multiprocessing as mp
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from storyline.demo import demo_path
from storyline.records import Article

_worker: dict[str, Any] = {}


def read_texts(data: Path | None, limit: int) -> list[str]:
    """Up to ``limit`` texts: .txt files under ``data`` (or the bundled demo corpus),
    and the ``text`` fields of .jsonl files."""
    root = data or demo_path()
    texts: list[str] = []
    for path in sorted(root.rglob("*")):
        if len(texts) >= limit:
            break
        if path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line) if line.strip() else {}
                if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                    texts.append(rec["text"])
    return [t for t in texts if t.strip()][:limit]


def enrich_texts(nlp: Any, texts: Sequence[str]) -> int:
    """Run the enrichment extractors over ``texts``; returns the mention count."""
    from storyline.enrich.dates.mentions import extract_dates
    from storyline.enrich.entities.mentions import extract_mentions
    from storyline.enrich.nlp.sentences import sentences_of
    from storyline.enrich.numbers.claims import extract_numbers
    from storyline.enrich.quotes.extract import extract_quotes

    quote_args = len(inspect.signature(extract_quotes).parameters)
    n = 0
    for i, doc in enumerate(nlp.pipe(texts, batch_size=32)):
        a = Article(f"b{i}", "bench", doc.text, "text", text=doc.text, published="2022-03-29")
        sents = sentences_of(doc, a.id)
        mentions = extract_mentions(doc, a, sents)
        dates = extract_dates(doc, a, sents)
        if quote_args > 4:
            from storyline.settings import Settings

            extract_quotes(doc, a, sents, mentions, dates, Settings().quotes)  # type: ignore[call-arg,attr-defined]
        else:
            extract_quotes(doc, a, sents, mentions)
        extract_numbers(doc, a, sents, mentions, dates)
        n += len(mentions)
    return n


def bare_texts(nlp: Any, texts: Sequence[str]) -> int:
    return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))


def _init(kind: str, barrier: Any = None) -> None:
    from storyline.enrich.nlp.pipeline import load_bare, load_nlp

    if kind == "stock":  # the model's own default pipeline, no enrichment code
        _worker["nlp"] = load_nlp(gazetteer=False)
    else:
        _worker["nlp"] = load_nlp() if kind == "enrich" else load_bare()
    if kind == "enrich":
        from storyline.enrich.places.mentions import geocoder

        geocoder()
    _worker["kind"] = kind
    _worker["nlp"]("Warm up in Kyiv.")
    if barrier is not None:
        barrier.wait()  # the clock starts when every worker has loaded its models


def _run_chunk(texts: list[str]) -> int:
    fn = enrich_texts if _worker["kind"] == "enrich" else bare_texts
    return fn(_worker["nlp"], texts)


def timed(kind: str, texts: list[str], procs: int) -> float:
    """Seconds for ``kind`` (enrich|bare|stock) over ``texts`` in ``procs`` processes."""
    if procs == 1:
        _init(kind)
        t0 = time.perf_counter()
        _run_chunk(texts)
        return time.perf_counter() - t0
    chunks = [texts[i::procs] for i in range(procs)]
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    barrier = ctx.Barrier(procs + 1)
    with ctx.Pool(procs, initializer=_init, initargs=(kind, barrier)) as pool:
        barrier.wait()
        t0 = time.perf_counter()
        pool.map(_run_chunk, chunks)
        return time.perf_counter() - t0


@click.command("enrich")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of .txt/.jsonl articles (default: the demo corpus).")
@click.option("--limit", type=int, default=300, show_default=True, help="Number of texts.")
@click.option("--repeat", type=int, default=1, show_default=True,
              help="Repeat the texts this many times (small corpora).")
@click.option("--procs", type=int, multiple=True, default=(1, 2), show_default=True)
@click.option("--rounds", type=int, default=3, show_default=True,
              help="Alternate bare/enrich runs this many times; the fastest of each counts.")
def bench_enrich_cmd(data: Path | None, limit: int, repeat: int, procs: tuple[int, ...],
                     rounds: int) -> None:
    """Words/s and articles/s of enrichment vs bare nlp.pipe (ner+parser); ratio = bare
    seconds / seconds."""
    texts = read_texts(data, limit) * max(1, repeat)
    if not texts:
        raise click.ClickException("no texts found")
    words = sum(len(t.split()) for t in texts)
    click.echo(f"{len(texts)} texts, {words} words ({data or 'bundled demo corpus'}), "
               f"best of {rounds} alternating rounds")
    click.echo(f"{'procs':<6}{'pass':<8}{'seconds':>9}{'words/s':>10}{'articles/s':>12}{'ratio':>8}")
    for p in procs:
        best = {"bare": float("inf"), "stock": float("inf"), "enrich": float("inf")}
        for _ in range(max(1, rounds)):  # alternate, so machine load hits all alike
            for kind in best:
                best[kind] = min(best[kind], timed(kind, texts, p))
        bare = best["bare"]
        for name, sec in best.items():
            ratio = f"{bare / sec:.2f}x" if name != "bare" else ""
            click.echo(f"{p:<6}{name:<8}{sec:>9.2f}{words / sec:>10.0f}{len(texts) / sec:>12.1f}"
                       f"{ratio:>8}")
