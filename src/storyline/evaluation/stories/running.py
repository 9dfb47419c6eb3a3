"""``storyline eval running``: do running stories hold together through ``storyline ingest``?

Timeline17 gives, per folder, one long-running topic told by one outlet day after day (the
Haiti earthquake, the Egyptian protests, swine flu). Its articles are written as JSONL
(id, outlet, publish date and the text exactly as the set gives it: PTB-tokenised, no
titles) and ingested with :func:`storyline.ingest.runner.ingest` into a new SQLite store,
by default through the stages the stories stage needs (clean, dedupe, stories).

Two figures, over pairs of articles:

- *held together*: of the pairs of articles from one folder published within ``days`` days
  of each other, the share that the stories stage put in one story;
- *purity*: of the pairs of articles that share a story, the share that come from one folder.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store

FOLDERS = ("haiti_bbc", "EgyptianProtest_cnn", "H1N1_bbc")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    folder: str
    day: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class PairScores:
    near_pairs: int  # same folder, within the window
    near_together: int  # ... of them in one story
    story_pairs: int  # pairs sharing a story
    story_pure: int  # ... of them from one folder

    @property
    def held(self) -> float:
        return self.near_together / self.near_pairs if self.near_pairs else 0.0

    @property
    def purity(self) -> float:
        return self.story_pure / self.story_pairs if self.story_pairs else 1.0


def load(root: Path, folders: Sequence[str] = FOLDERS, limit: int | None = None) -> list[Item]:
    out = []
    for folder in folders:
        path = root / "timeline17" / folder / "articles.json"
        rows = json.loads(path.read_text(encoding="utf-8"))
        for d in [r for r in rows if r["text"].strip()][:limit]:  # a few have no text
            out.append(Item(f"{folder}-{d['uid']}", folder, dt.date.fromisoformat(d["dct"][:10]),
                            d["text"]))
    return out


def write_jsonl(items: Sequence[Item], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for it in items:
            outlet = it.folder.rsplit("_", 1)[-1]
            f.write(json.dumps({"id": it.id, "source": outlet, "published": it.day.isoformat(),
                                "text": it.text}, ensure_ascii=False) + "\n")


def pair_scores(items: Sequence[Item], story_of: dict[str, str | None], days: int) -> PairScores:
    """The two pair counts (see the module docstring). Pairs in a folder are counted per
    day bucket, so the cost is the pairs within the window, not all pairs."""
    near = together = 0
    by_folder: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_folder[it.folder].append(it)
    for group in by_folder.values():
        group = sorted(group, key=lambda i: i.day)
        for n, a in enumerate(group):
            for b in group[n + 1:]:
                if (b.day - a.day).days > days:
                    break
                near += 1
                sa, sb = story_of.get(a.id), story_of.get(b.id)
                together += sa is not None and sa == sb
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        sid = story_of.get(it.id)
        if sid is not None:
            members[sid][it.folder] += 1
    pairs = pure = 0
    for folders in members.values():
        size = sum(folders.values())
        pairs += size * (size - 1) // 2
        pure += sum(c * (c - 1) // 2 for c in folders.values())
    return PairScores(near, together, pairs, pure)


def ingest_items(items: Sequence[Item], workdir: Path, stages: list[str] | None
                 ) -> tuple[dict[str, str | None], int]:
    """Ingest into a new store under ``workdir``; (article id -> story id, stage failures)."""
    jsonl = workdir / "timeline17.jsonl"
    write_jsonl(items, jsonl)
    db = workdir / "timeline17.db"
    store = open_store(str(db))
    try:
        report = ingest(store, [str(jsonl)], Settings(db_url=str(db)), stages=stages)
        stored = {a.id: a for a in store.articles([it.id for it in items])}
    finally:
        store.close()
    return ({it.id: (stored[it.id].story_id if it.id in stored else None) for it in items},
            sum(len(s.failed) for s in report.stages))


def report_lines(items: Sequence[Item], story_of: dict[str, str | None], days: int) -> list[str]:
    out = []
    total = pair_scores(items, story_of, days)
    for folder in sorted({it.folder for it in items}):
        mine = [it for it in items if it.folder == folder]
        s = pair_scores(mine, story_of, days)
        sizes = Counter(story_of.get(it.id) for it in mine)
        out.append(f"{folder:<22} {len(mine):>5} articles {len(sizes):>4} stories "
                   f"(largest {max(sizes.values())}); pairs within {days} days in one story: "
                   f"{s.near_together}/{s.near_pairs} = {100 * s.held:.1f}%")
    out.append(f"all: pairs from one folder within {days} days in one story: "
               f"{total.near_together}/{total.near_pairs} = {100 * total.held:.1f}% (target >= 80%)")
    out.append(f"all: pairs sharing a story that come from one folder: "
               f"{total.story_pure}/{total.story_pairs} = {100 * total.purity:.1f}% (target >= 97%)")
    return out


@click.command("running")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False,
                                                               path_type=Path),
              help="The benchdata folder (with timeline17/).")
@click.option("--folders", default=",".join(FOLDERS), show_default=True,
              help="Comma-separated Timeline17 folders.")
@click.option("--days", default=2, show_default=True, help="Pair window in days.")
@click.option("--limit", type=int, default=None, help="Only the first N articles of each folder.")
@click.option("--all-stages", is_flag=True, help="Run every stage, not only clean/dedupe/stories.")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the JSONL and the SQLite store here (default: a temporary folder).")
def running_eval(data: Path, folders: str, days: int, limit: int | None, all_stages: bool,
                 workdir: Path | None) -> None:
    """Running stories through ingest: Timeline17 pairs held together, and purity."""
    items = load(data, [f.strip() for f in folders.split(",") if f.strip()], limit)
    stages = None if all_stages else ["clean", "dedupe", "stories"]
    t0 = time.perf_counter()
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
        story_of, failed = ingest_items(items, workdir, stages)
    else:
        with tempfile.TemporaryDirectory(prefix="storyline-eval-running-") as tmp:
            story_of, failed = ingest_items(items, Path(tmp), stages)
    click.echo(f"{len(items)} articles ingested in {time.perf_counter() - t0:.1f} s "
               f"({failed} stage failures, {sum(v is None for v in story_of.values())} "
               f"without a story)")
    for line in report_lines(items, story_of, days):
        click.echo(line)
