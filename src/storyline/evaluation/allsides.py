"""The AllSides roundups (benchdata/allsides), fed through the path a user's file takes.

Each line of ``val.source`` is three articles on one story (``TITLE=> ... ARTICLE=> ...``,
joined by `` [SEP] ``), ``val.target`` the same line's neutral summary. The dataset's build
script shuffles the left, centre and right articles of each line, so a position says nothing
about the outlet's leaning; the eval names one made-up outlet per position.

The articles are written as JSONL and ingested with :func:`storyline.ingest.ingest` into a
SQLite store (clean, dedupe, stories, enrich), and the brief reads the sentences back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from storyline.brief.inputs import brief_articles
from storyline.brief.summarize import BriefArticle
from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store

OUTLETS = ("roundup-outlet-a", "roundup-outlet-b", "roundup-outlet-c")
_PART = re.compile(r"^\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*?)\s*$", re.S)


@dataclass(frozen=True, slots=True)
class RoundupArticle:
    id: str
    source: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Roundup:
    line: int  # 0-based
    articles: tuple[RoundupArticle, ...]
    title: str  # the issue's name
    summary: str  # the neutral summary (scored against)


def _split(part: str) -> tuple[str, str]:
    m = _PART.match(part)
    if not m:
        return "", part.strip()
    title = m.group(1)
    # the build script writes "TITLE=> {title}. ARTICLE=> ...": its "." is not the headline's
    if title.endswith("."):
        title = title[:-1].rstrip()
    return title, m.group(2)


def load(root: Path, split: str = "val", limit: int | None = None) -> list[Roundup]:
    src = (root / f"{split}.source").read_text(encoding="utf-8").splitlines()
    tgt = (root / f"{split}.target").read_text(encoding="utf-8").splitlines()
    if len(src) != len(tgt):
        raise ValueError(f"{root}: {len(src)} source lines but {len(tgt)} target lines")
    out = []
    for n, (s, t) in enumerate(zip(src, tgt, strict=True)):
        if limit is not None and n >= limit:
            break
        arts = []
        for pos, part in enumerate(s.split(" [SEP] ")):
            title, text = _split(part)
            arts.append(RoundupArticle(f"allsides-{split}-{n:04d}-{pos}", OUTLETS[pos % 3],
                                       title, text))
        issue, summary = _split(t)
        out.append(Roundup(n, tuple(arts), issue, summary))
    return out


def write_jsonl(roundups: list[Roundup], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in roundups:
            for a in r.articles:
                rec = {"id": a.id, "source": a.source, "title": a.title, "text": a.text}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")


@dataclass
class Ingested:
    story_of: dict[str, str | None]  # article id -> story id
    inputs: dict[int, list[BriefArticle]]  # roundup line -> its articles as the brief reads them
    texts: dict[str, str]  # article id -> clean text
    failed: int  # stage failures reported by ingest


def ingest_roundups(roundups: list[Roundup], workdir: Path) -> Ingested:
    """Ingest the roundups' articles into a new SQLite store under ``workdir``; read back."""
    jsonl = workdir / "allsides.jsonl"
    write_jsonl(roundups, jsonl)
    db = workdir / "allsides.db"
    settings = Settings(db_url=str(db))
    store = open_store(str(db))
    try:
        report = ingest(store, [str(jsonl)], settings)
        ids = [a.id for r in roundups for a in r.articles]
        stored = {a.id: a for a in store.articles(ids)}
        inputs = {}
        for r in roundups:
            inputs[r.line] = brief_articles(store, [a.id for a in r.articles])
    finally:
        store.close()
    return Ingested(
        story_of={i: (stored[i].story_id if i in stored else None) for i in ids},
        inputs=inputs,
        texts={i: a.text for i, a in stored.items()},
        failed=sum(len(s.failed) for s in report.stages),
    )
