"""Turn command-line inputs (files, folders, globs, URLs) into located inputs with a kind."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.records import IngestProblem

# File extension -> reader kind.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
}


@dataclass(frozen=True, slots=True)
class Located:
    """One input to read: a file path or URL, and the reader kind for it."""

    where: str
    kind: str


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def kind_for_path(path: Path) -> str | None:
    name = path.name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext):
            return EXTENSIONS[ext]
    return None


def sniff_kind(path: Path) -> str:
    """Guess the kind of a file with an unknown extension from its first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return "text"
    low = head.lstrip().lower()
    if low.startswith(b"warc/"):
        return "warc"
    if low.startswith(b"{"):
        return "jsonl"
    if low.startswith(b"<?xml") and (b"<rss" in low or b"<feed" in low or b"<rdf" in low):
        return "feed"
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return "html"
    return "text"


# Files a folder walk passes over: stores and their journals, not articles.
SKIP_IN_FOLDERS = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3")


def _is_hidden(path: Path) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in path.parts)


def expand(specs: list[str]) -> Iterator[Located | IngestProblem]:
    """Expand inputs: folders recursively (sorted, hidden files skipped), globs, URLs. A
    path that exists is taken as it is, even with glob characters in its name."""
    for spec in specs:
        if is_url(spec):
            yield Located(spec, "url")
            continue
        if glob.has_magic(spec) and not os.path.lexists(spec):  # "a[1].txt" names a file
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield IngestProblem(spec, "no file matches this pattern")
            for m in matches:
                yield from expand([m])
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not _is_hidden(p.relative_to(path))
                and not p.name.lower().endswith(SKIP_IN_FOLDERS)
            )
            if not files:
                yield IngestProblem(spec, "folder has no files")
            for p in files:
                yield Located(str(p), kind_for_path(p) or sniff_kind(p))
        elif path.is_file():
            yield Located(spec, kind_for_path(path) or sniff_kind(path))
        elif path.exists():
            yield IngestProblem(spec, "not a regular file")
        else:
            yield IngestProblem(spec, "no such file or folder")
