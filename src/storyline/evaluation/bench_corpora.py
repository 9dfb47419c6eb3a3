"""Named benchmark corpora drawn from the data sets' folders, as JSON-lines records that
``storyline ingest`` reads (the throughput issue's two corpora).

- ``t17-300``: Timeline17, the first 25 articles of each source folder in folder order
  (sorted names; folders without ``articles.json`` skipped), the first 300 of those; each
  record its text as the data set has it, its publication date and its outlet. Records
  without text are left out (one in this copy of the data set).
- ``bbc-150``: BBC News (bbc-news-2225), the first 150 ``.txt`` files in path order; the
  first line is the title, the rest the text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Record = dict[str, Any]


def _folder(data: Path, name: str) -> Path:
    """``data`` itself when it is the data set's folder, else its ``name`` subfolder."""
    return data if data.name == name or not (data / name).is_dir() else data / name


def timeline17(data: Path, per_folder: int = 25, limit: int = 300) -> list[Record]:
    root = _folder(data, "timeline17")
    out: list[Record] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        path = folder / "articles.json"
        if not path.is_file():
            continue
        outlet = folder.name.split("_", 1)[1] if "_" in folder.name else folder.name
        for d in json.loads(path.read_text(encoding="utf-8"))[:per_folder]:
            out.append({"id": f"{folder.name}/{d['uid']}", "text": d["text"],
                        "published": str(d["dct"])[:10], "source": outlet})
    return [r for r in out[:limit] if r["text"].strip()]


def bbc(data: Path, limit: int = 150) -> list[Record]:
    root = _folder(data, "bbc-news-2225")
    out: list[Record] = []
    for path in sorted(root.rglob("*.txt"))[:limit]:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        out.append({"id": f"bbc/{path.parent.name}/{path.stem}", "title": title.strip(),
                    "text": body.strip(), "source": "bbc"})
    return [r for r in out if r["text"]]


CORPORA: dict[str, Callable[[Path], list[Record]]] = {
    "t17-300": timeline17,
    "bbc-150": bbc,
}


def corpus_records(name: str, data: Path) -> list[Record]:
    """The records of the named corpus, from ``data`` (the benchdata folder or the data
    set's own folder)."""
    return CORPORA[name](data)


def write_jsonl(records: list[Record], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
