"""``storyline bench pipeline --breakdown``: where the whole pipeline's time goes against
bare ``nlp.pipe``, in four runs on the same texts, each a fresh process:

- (a) ``bare``: ``nlp.pipe`` with tok2vec + parser + ner only (:func:`load_bare`), its
  matrix products through numpy's BLAS as the product's are (see enrich/nlp/matmul.py),
  so that every line below adds only what the product does beyond the parse;
- (b) ``spacy``: the product's own spaCy pipeline (:func:`load_nlp`, as ``storyline
  ingest`` loads it: the gazetteer entity ruler, the name guard, tagger, attribute
  look-up, lemmatizer, parser, ner, the dateline component), over the texts as the enrich
  stage gives them (:func:`parse_text`), nothing else;
- (c) ``extract``: (b), then the pure extractors on each doc (:func:`enrich_doc`:
  sentences, entities and places, dates, quotes, numbers, events, positions,
  attributions), with no story context and no store;
- (d) the whole ``storyline ingest`` (every stage, a new SQLite store), timed by the
  bench as its other ingest runs.

Runs (a)-(c) apply each component to every doc in batches of the enrich stage's size
(what ``nlp.pipe`` does, one component after the other instead of interleaved: the same
docs), so each component's CPU seconds are its own; in (c) each extractor's CPU seconds
are summed over the docs. Each prints one JSON line: CPU seconds of start-up (imports,
model and gazetteer loading), of each component, of each extractor.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LEVELS = ("bare", "spacy", "extract")
LINES = {
    "bare": "(a) bare nlp.pipe, numpy BLAS",
    "spacy": "(b) the product's spaCy pipeline alone",
    "extract": "(c) (b) + the pure extractors (enrich_doc)",
    "ingest": "(d) storyline ingest, every stage",
}
# the extractors enrich_doc calls, by their names in storyline.enrich.article
EXTRACTORS = ("keep_text", "sentences_of", "extract_mentions", "extract_dates",
              "extract_quotes", "extract_numbers", "extract_events", "extract_positions",
              "extract_attributions")


def _records(folder: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in sorted(folder.iterdir()):
        if p.suffix == ".txt":
            out.append({"id": p.stem, "text": p.read_text(encoding="utf-8")})
        elif p.suffix == ".jsonl":
            out.extend(json.loads(line) for line in
                       p.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def _timed(spent: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - t
    return run


def breakdown_main(folder: str, level: str) -> None:
    """Body of run (a), (b) or (c) in its own process (see the module docstring)."""
    from storyline.enrich.article import CHUNK

    start = time.process_time()
    records = _records(Path(folder))
    if level == "bare":
        from storyline.enrich.nlp.pipeline import load_bare

        nlp = load_bare(matmul="numpy")
        texts = [r["text"] for r in records]
    else:
        from storyline.enrich.article import parse_text
        from storyline.enrich.nlp.pipeline import load_nlp
        from storyline.settings import Settings

        settings = Settings()
        nlp = load_nlp(settings.spacy_models)
        texts = [parse_text(r["text"]) for r in records]
    report: dict[str, Any] = {"level": level, "startup": time.process_time() - start}
    spent: dict[str, float] = {}
    t = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    spent["tokenizer"] = time.process_time() - t
    for name, proc in nlp.pipeline:
        t = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=CHUNK))
        else:
            docs = [proc(doc) for doc in docs]
        spent[name] = time.process_time() - t
    report["components"] = spent
    if level == "extract":
        report["extractors"] = _extract(docs, records, settings)
    report["work"] = time.process_time() - start - report["startup"]
    sys.stdout.write(json.dumps(report) + "\n")


def _extract(docs: list[Any], records: list[dict[str, Any]], settings: Any) -> dict[str, float]:
    """Run enrich_doc on every doc, each extractor's CPU seconds summed."""
    import storyline.enrich.article as article
    from storyline.records import Article

    spent: dict[str, float] = {}
    for name in EXTRACTORS:
        setattr(article, name, _timed(spent, name, getattr(article, name)))
    for i, (doc, r) in enumerate(zip(docs, records, strict=True)):
        a = Article(id=str(r.get("id", i)), input="bench", body="", body_kind="text",
                    text=r["text"], title=r.get("title"), published=r.get("published"),
                    source=r.get("source"))
        article.enrich_doc(doc, a, (), settings)
    return spent


def breakdown_lines(parts: dict[str, dict[str, Any]], cpu: dict[str, float],
                    n: int, words: int) -> list[str]:
    """The breakdown table: each run's CPU seconds (whole process, start-up, work), its
    ratio to (a), and each component's and extractor's CPU seconds."""
    bare = cpu["bare"]
    out = [f"{n} texts, {words} words; CPU seconds (user + system) of fresh processes",
           f"{'line':<46}{'CPU s':>8}{'start-up':>10}{'work':>8}{'vs bare':>9}"
           f"{'added':>8}"]
    prev = None
    for level in (*LEVELS, "ingest"):
        if level not in cpu:
            continue
        p = parts.get(level, {})
        su = f"{p['startup']:.1f}" if "startup" in p else ""
        work = f"{p['work']:.1f}" if "work" in p else ""
        added = "" if prev is None else f"{cpu[level] - cpu[prev]:+.1f}"
        out.append(f"{LINES[level]:<46}{cpu[level]:>8.1f}{su:>10}{work:>8}"
                   f"{bare / cpu[level]:>8.2f}x{added:>8}")
        prev = level
    for level in LEVELS:
        if not parts.get(level):
            continue
        p = parts[level]
        comps = ", ".join(f"{k} {v:.1f}" for k, v in p["components"].items())
        out.append(f"{level} components CPU s: {comps}")
        if "extractors" in p:
            ex = ", ".join(f"{k} {v:.1f}" for k, v in p["extractors"].items())
            out.append(f"{level} extractors CPU s: {ex}")
    out.append("start-up: imports, model and gazetteer loading, reading the texts; work: "
               "the rest of the process; added: CPU s over the line above. (b) and (c) "
               "read the texts as given, (d) after the clean stage; (c) reads each doc "
               "with no story places (geocoding context), (d) with its story's.")
    return out
