"""``storyline eval clean``: main-text extraction scored on public labelled pages.

Two datasets, each scored the way its authors score it, and each run for our clean
stage and for bare trafilatura in the same process:

- Zyte / ScrapingHub article-extraction-benchmark (181 pages, gold ``articleBody``):
  token 4-gram shingles, per-page TP/FP/FN normalised to sum 1, precision and recall
  averaged over pages, F1 from those; accuracy = share of pages whose tokens equal
  the gold's exactly (their ``evaluate.py``).
- trafilatura's evaluation set, English subset (177 pages, "with"/"without" segments):
  whitespace-normalised substring matching, TP/FP/FN/TN summed over the corpus
  (their ``tests/eval_common.py``).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")

ZYTE_DIR = "article-extraction-benchmark"
TRAF_DIR = "trafilatura-eval"
BBC_DIR = "bbc-news-2225"

# Published figures, from each dataset's README in benchdata (library versions there).
PUBLISHED = {
    ZYTE_DIR: [
        ("rs_trafilatura 9261e08", 0.951, 0.990, 0.970),
        ("go_trafilatura ae7ea06", 0.940, 0.980, 0.960),
        ("trafilatura 2.0.0", 0.938, 0.978, 0.958),
        ("readability_js 0.6.0", 0.914, 0.982, 0.947),
        ("readability-lxml 0.8.4.1", 0.913, 0.931, 0.922),
        ("goose3 3.1.20", 0.940, 0.856, 0.896),
    ],
    TRAF_DIR: [
        ("trafilatura 2.2.0 standard (990-doc multilingual set)", 0.906, 0.943, 0.924),
        ("trafilatura 2.2.0 precision (990-doc multilingual set)", 0.925, 0.915, 0.920),
        ("readability-lxml 0.8.4.1 (990-doc multilingual set)", 0.898, 0.764, 0.826),
    ],
}
# The eval gate: our main-text F1 must not fall under these (``--gate``).
FLOORS = {ZYTE_DIR: 0.96, TRAF_DIR: 0.90}


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    f1_ci: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over 4-gram shingles, normalised to sum 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _p(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _r(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    precision = statistics.mean([_p(*r) for r in rows if r[0] + r[1] > 0] or [0.0])
    recall = statistics.mean([_r(*r) for r in rows if r[0] + r[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap_f1_ci(rows: list[tuple[float, float, float]], n: int = 1000, seed: int = 0) -> float:
    rng = random.Random(seed)
    values = []
    for _ in range(n):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        values.append(prf(sample)[2])
    return 1.96 * statistics.stdev(values) if len(values) > 1 else 0.0


def zyte_pages(folder: Path) -> Iterator[tuple[str, str, str, str]]:
    """(key, url, html, gold body) for each page of the Zyte benchmark."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        with gzip.open(folder / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        yield key, truth[key].get("url", ""), html, truth[key].get("articleBody", "")


def score_zyte(folder: Path, extract: Callable[[str, str], str], limit: int | None = None) -> Score:
    rows, exact = [], 0
    for n, (_key, url, html, gold) in enumerate(zyte_pages(folder)):
        if limit is not None and n >= limit:
            break
        pred = extract(html, url) or ""
        rows.append(shingle_match(gold, pred))
        exact += tokens(gold) == tokens(pred)
    precision, recall, f1 = prf(rows)
    return Score(precision, recall, f1, exact / len(rows), len(rows), bootstrap_f1_ci(rows))


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def score_trafilatura_eval(folder: Path, extract: Callable[[str, str], str],
                           limit: int | None = None) -> Score:
    items = json.loads((folder / "evaldata_en.json").read_text(encoding="utf-8"))
    tp = fp = fn = tn = 0
    pages = 0
    for n, url in enumerate(sorted(items)):
        if limit is not None and n >= limit:
            break
        item = items[url]
        path = folder / "html" / item["file"]
        if not path.is_file():
            continue
        html = path.read_bytes().decode("utf-8", errors="replace")
        result = _norm(extract(html, url) or "")
        found_with = sum(1 for w in item["with"] if _norm(w) in result)
        found_without = sum(1 for w in item["without"] if _norm(w) in result)
        tp += found_with
        fn += len(item["with"]) - found_with
        fp += found_without
        tn += len(item["without"]) - found_without
        pages += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    total = tp + fp + fn + tn
    return Score(precision, recall, f1, (tp + tn) / total if total else 0.0, pages)


@dataclass
class ProseCheck:
    """The text furniture remover on clean prose: every line it removes but the title is
    a false removal."""

    articles: int
    lines: int
    false_removals: Counter[str]

    @property
    def rate(self) -> float:
        return sum(self.false_removals.values()) / self.lines if self.lines else 0.0


def check_clean_prose(folder: Path, limit: int | None = None) -> ProseCheck:
    """Run the text path on the BBC News corpus (title line, then clean paragraphs)."""
    from storyline.clean.article import clean_text

    files = sorted(folder.glob("*/*.txt"))[:limit]
    lines = 0
    wrong: Counter[str] = Counter()
    for f in files:
        text = f.read_bytes().decode("latin-1")
        lines += sum(1 for ln in text.splitlines() if ln.strip())
        for removed in clean_text(text).removed_lines:
            kind = removed.split(":", 1)[0]
            if kind != "title":
                wrong[kind] += 1
    return ProseCheck(len(files), lines, wrong)


def ours(html: str, url: str) -> str:
    """The page as ingest and the clean stage take it: metadata from the page, then clean."""
    from storyline.clean.article import clean_article
    from storyline.ingest.files import html_draft
    from storyline.ingest.htmlmeta import complete_draft
    from storyline.records import Article, ArticleDraft

    draft = html_draft(html.encode("utf-8"), url or "page.html", url=url or None)
    if not isinstance(draft, ArticleDraft):
        return ""
    draft = complete_draft(draft)
    article = Article(id="eval", input=draft.input, body=draft.body, body_kind="html",
                      url=draft.url, title=draft.title)
    return clean_article(article).text


def bare_trafilatura(html: str, url: str) -> str:
    """trafilatura as the benchmarks run it: ``extract(html, include_comments=False)``."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


SYSTEMS: dict[str, Callable[[str, str], str]] = {"storyline": ours, "trafilatura (bare)": bare_trafilatura}
DATASETS: dict[str, Callable[..., Score]] = {ZYTE_DIR: score_zyte, TRAF_DIR: score_trafilatura_eval}


def find_datasets(data: Path) -> dict[str, Path]:
    """The dataset folders under ``data`` (the benchdata root, or one dataset folder)."""
    found = {}
    for name in DATASETS:
        if data.name == name and data.is_dir():
            found[name] = data
        elif (data / name).is_dir():
            found[name] = data / name
    return found


def evaluate(data: Path, limit: int | None = None) -> dict[str, dict[str, Score]]:
    """{dataset: {system: score}} for every dataset found under ``data``."""
    results: dict[str, dict[str, Score]] = {}
    for name, folder in find_datasets(data).items():
        results[name] = {sys_name: DATASETS[name](folder, fn, limit) for sys_name, fn in SYSTEMS.items()}
    return results
