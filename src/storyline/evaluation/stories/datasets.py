"""Loaders for the labelled and raw corpora in benchdata (used by eval and bench only).

Each loader yields :class:`Record` in the order the stream is replayed: GoogleNews in
file order (its text is preprocessed and has no dates), UCI by timestamp, Timeline17 by
publication date, Reuters by date.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    gold: str
    title: str = ""
    time: float | None = None  # days since the Unix epoch
    source: str | None = None


def days(value: dt.datetime | dt.date) -> float:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.timestamp() / 86400.0
    return (value - dt.date(1970, 1, 1)).days


def googlenews(root: Path, variant: str = "TS") -> list[Record]:
    path = root / "googlenews-gsdmm" / f"GoogleNews-{variant}.jsonl"
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            d = json.loads(line)
            out.append(Record(f"gn{n}", d["text"], str(d["cluster"])))
    return out


def uci(root: Path) -> list[Record]:
    path = root / "uci-news-aggregator-subset" / "uci-news-aggregator.first6366.csv"
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            ts = int(r["TIMESTAMP"]) / 1000.0
            rows.append((ts, int(r["ID"]), r))
    rows.sort(key=lambda x: (x[0], x[1]))
    return [
        Record(f"uci{i}", "", r["STORY"], title=r["TITLE"], time=ts / 86400.0,
               source=r["PUBLISHER"])
        for ts, i, r in rows
    ]


_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}


def detokenise(text: str) -> str:
    """Undo the PTB tokenisation of Timeline17 enough for the capitalisation proxy."""
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def timeline17(root: Path) -> list[Record]:
    out = []
    for folder in sorted((root / "timeline17").iterdir()):
        path = folder / "articles.json"
        if not path.is_file():
            continue
        topic = folder.name.split("_")[0]
        source = folder.name.split("_", 1)[1] if "_" in folder.name else None
        for d in json.loads(path.read_text(encoding="utf-8")):
            day = dt.date.fromisoformat(d["dct"][:10])
            out.append(Record(f"{folder.name}/{d['uid']}", detokenise(d["text"]), topic,
                              time=days(day), source=source))
    out.sort(key=lambda r: (r.time or 0.0, r.id))
    return out


_REUTERS = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_TAG = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DATE", "TITLE", "BODY", "TOPICS")}


def reuters(root: Path) -> Iterator[Record]:
    """Reuters-21578 stories with a body, in file order (dated 1987)."""
    for path in sorted((root / "reuters21578").glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for n, block in enumerate(_REUTERS.findall(raw)):
            body = _TAG["BODY"].search(block)
            if body is None:
                continue
            title = _TAG["TITLE"].search(block)
            date = _TAG["DATE"].search(block)
            when = None
            if date:
                try:
                    when = days(dt.datetime.strptime(date.group(1).strip()[:20],
                                                     "%d-%b-%Y %H:%M:%S"))
                except ValueError:
                    when = None
            text = html.unescape(re.sub(r"&#\d+;", " ", body.group(1))).replace("Reuter\n", "")
            ttl = html.unescape(title.group(1)) if title else ""
            yield Record(f"{path.stem}/{n}", text.strip(), "", title=ttl, time=when,
                         source="reuters")


def bbc(root: Path) -> Iterator[Record]:
    """BBC News 2004-05 articles (first line is the headline), undated."""
    for path in sorted((root / "bbc-news-2225").glob("*/*.txt")):
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        yield Record(f"bbc/{path.parent.name}/{path.stem}", body.strip(), path.parent.name,
                     title=title.strip(), source="bbc")
