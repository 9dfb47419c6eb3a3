"""Timeline17 as the timeline eval reads it: each source folder a topic, its articles as the
JSONL records a user's export would carry, its gold timelines as dates with sentences.

The articles' text is PTB-tokenised (``-LRB-``, ````` ``, ``Libya 's``, ``do n't``); turning
it back into running text is part of converting the data set, as a user's file would
come: :func:`detokenise`. Gold summaries are split into their sentences (two or more
spaces apart in this copy) and detokenised the same way. The Finan_washingtonpost folder
has a gold timeline but no articles in this copy; it is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.through_ingest import Item

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_CLITIC = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|')(?=\s|$)", re.I)
_LEFT = re.compile(r" ([.,;:!?%)\]}])")
_RIGHT = re.compile(r"([(\[{$]) ")
_OPEN_QUOTE = re.compile(r"``\s*")
_CLOSE_QUOTE = re.compile(r"\s*''")
_SPACES = re.compile(r"[ \t]+")


def detokenise(text: str) -> str:
    """PTB-tokenised text as running text: brackets and quotes back, no space before
    punctuation and clitics ("Libya 's" -> "Libya's", "do n't" -> "don't"), none after an
    opening bracket or "$"."""
    for k, v in _BRACKETS.items():
        text = text.replace(k, v)
    text = _OPEN_QUOTE.sub('"', text)
    text = _CLOSE_QUOTE.sub('"', text)
    text = _CLITIC.sub(r"\1", text)
    text = _LEFT.sub(r"\1", text)
    text = _RIGHT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class GoldTimeline:
    """One gold timeline: its file name and, per date, the summary's sentences."""

    name: str
    dates: dict[dt.date, list[str]]

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        return min(self.dates), max(self.dates)

    def sentences_per_date(self) -> int:
        """news-tls's ``get_average_summary_length``: the mean sentences per date, rounded
        (Python's round, as theirs)."""
        lens = [len(s) for s in self.dates.values()]
        return round(sum(lens) / len(lens))


@dataclass
class Topic:
    """A source folder: its articles (as JSONL items) and gold timelines."""

    name: str
    items: list[Item] = field(default_factory=list)
    timelines: list[GoldTimeline] = field(default_factory=list)
    empty: int = 0  # records without text, left out


def _outlet(folder: str) -> str | None:
    return folder.split("_", 1)[1] if "_" in folder else None


def read_gold(path: Path) -> GoldTimeline:
    dates: dict[dt.date, list[str]] = {}
    for entry in json.loads(path.read_text(encoding="utf-8")):
        day = dt.date.fromisoformat(entry["date"][:10])
        sents = [detokenise(s) for s in re.split(r"\s{2,}", entry["text"].strip()) if s.strip()]
        dates.setdefault(day, []).extend(sents)
    return GoldTimeline(path.name, dates)


def read_topics(root: Path, topics: Sequence[str] | None = None,
                limit: int | None = None) -> list[Topic]:
    """The folders under ``root`` that have articles (those named in ``topics``, when
    given), each with at most ``limit`` articles (the first in publish order; all when
    None) and its gold timelines."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if topics and folder.name not in topics:
            continue
        path = folder / "articles.json"
        golds = sorted(folder.glob("*.timeline.json"))
        if not path.is_file() or not golds:
            continue
        topic = Topic(folder.name, timelines=[read_gold(g) for g in golds])
        records = json.loads(path.read_text(encoding="utf-8"))
        records.sort(key=lambda d: (d["dct"][:10], str(d["uid"])))
        for d in records[:limit] if limit else records:
            text = detokenise(d.get("text") or "")
            if not text:
                topic.empty += 1  # a record with no text: nothing to ingest
                continue
            topic.items.append(Item(id=f"{folder.name}-{d['uid']}", text=text,
                                    source=_outlet(folder.name), published=d["dct"][:10]))
        out.append(topic)
    return out
