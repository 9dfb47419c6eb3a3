"""The AllSides roundups (benchdata/allsides), fed through the path a user's file takes.

Each line of ``val.source`` is three articles on one story (``TITLE=> ... ARTICLE=> ...``,
joined by `` [SEP] ``), ``val.target`` the same line's neutral summary. The dataset's build
script shuffles the left, centre and right articles of each line, so a position says nothing
about the outlet's leaning; the eval names one made-up outlet per position.

The articles are written as JSONL and ingested with :func:`storyline.ingest.ingest` into a
SQLite store (every stage: clean, dedupe, stories, enrich, brief): how the roundups cluster,
and the brief stage's stored output for the story each roundup landed in. Then each roundup's
three articles are ingested on their own, as a user's file of them would be
(:func:`ingest_each`), and its brief is the brief stage's stored output for their story (the
export's ``summary``, read through :mod:`storyline.service`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from storyline import service
from storyline.brief.inputs import brief_articles
from storyline.brief.summarize import BriefArticle
from storyline.ingest.runner import ingest
from storyline.records import BriefSentence
from storyline.settings import Settings
from storyline.store import Store, open_store

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
    # roundup line -> the stored brief of the story holding most of its articles
    stored: dict[int, list[BriefSentence]]
    story_size: dict[str, int]  # story id -> its articles in the store


def roundup_story(r: Roundup, story_of: dict[str, str | None]) -> str | None:
    """The story holding most of the roundup's articles (the first article's on a tie)."""
    sids = [story_of.get(a.id) for a in r.articles]
    counts = Counter(s for s in sids if s)
    if not counts:
        return None
    top = max(counts.values())
    return next(s for s in sids if s and counts[s] == top)


def stored_brief(store: Store, story_id: str) -> list[BriefSentence]:
    """The brief stage's output for a story, as the export's ``summary`` gives it."""
    doc = service.get_story(store, story_id)
    return [BriefSentence(s["text"], tuple(s["article_ids"]), s["article_id"], s["sentence_idx"])
            for s in doc["summary"]]


def ingest_each(roundups: list[Roundup], workdir: Path,
                settings: Settings | None = None) -> dict[int, list[BriefSentence]]:
    """Each roundup ingested alone into a fresh store (every stage); the stored brief of the
    story holding most of its articles."""
    out: dict[int, list[BriefSentence]] = {}
    for r in roundups:
        folder = workdir / f"roundup-{r.line:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        jsonl = folder / "roundup.jsonl"
        write_jsonl([r], jsonl)
        db = folder / "roundup.db"
        for leftover in folder.glob("roundup.db*"):
            leftover.unlink()
        cfg = Settings(db_url=str(db), brief=settings.brief) if settings else \
            Settings(db_url=str(db))
        store = open_store(str(db))
        try:
            ingest(store, [str(jsonl)], cfg)
            story_of = {a.id: a.story_id for a in store.articles([a.id for a in r.articles])}
            sid = roundup_story(r, story_of)
            out[r.line] = stored_brief(store, sid) if sid else []
        finally:
            store.close()
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return out


def ingest_roundups(roundups: list[Roundup], workdir: Path,
                    settings: Settings | None = None) -> Ingested:
    """Ingest the roundups' articles into a new SQLite store under ``workdir`` (every stage,
    brief included, with ``settings``); read the stored briefs and the brief's inputs back."""
    jsonl = workdir / "allsides.jsonl"
    write_jsonl(roundups, jsonl)
    db = workdir / "allsides.db"
    for leftover in workdir.glob("allsides.db*"):
        leftover.unlink()
    cfg = Settings(db_url=str(db), brief=settings.brief) if settings else Settings(db_url=str(db))
    store = open_store(str(db))
    try:
        report = ingest(store, [str(jsonl)], cfg)
        ids = [a.id for r in roundups for a in r.articles]
        stored = {a.id: a for a in store.articles(ids)}
        story_of = {i: (stored[i].story_id if i in stored else None) for i in ids}
        inputs, briefs = {}, {}
        for r in roundups:
            inputs[r.line] = brief_articles(store, [a.id for a in r.articles])
            sid = roundup_story(r, story_of)
            briefs[r.line] = stored_brief(store, sid) if sid else []
        size = Counter(a.story_id for a in store.articles() if a.story_id)
    finally:
        store.close()
    return Ingested(
        story_of=story_of,
        inputs=inputs,
        texts={i: a.text for i, a in stored.items()},
        failed=sum(len(s.failed) for s in report.stages),
        stored=briefs,
        story_size=dict(size),
    )
