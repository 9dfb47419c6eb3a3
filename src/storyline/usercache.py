"""The user cache: files storyline makes once and reads on every later start (the
gazetteer, the tokens of its names for the entity ruler, gender_guesser's answers,
py3langid's model unpacked).

Each file's name carries a key of what it was made from; a file is written whole or not
at all (:func:`replacing`), and a new version removes the older ones. Nothing read from
here is ever run: each reader checks what it reads and makes the file again when it does
not read as one.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """``$STORYLINE_CACHE`` or the XDG user cache directory (``~/.cache/storyline``)."""
    env = os.environ.get("STORYLINE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "storyline"


@contextmanager
def replacing(path: Path, versions: str) -> Iterator[Path]:
    """A temporary file beside ``path`` for the block to write: when the block ends
    without an error it becomes ``path`` and the other files of the folder matching the
    glob ``versions`` (older versions of it) are removed; either way no temporary file is
    left (a write cut short by a full disk). OSError when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        yield tmp
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    for old in path.parent.glob(versions):
        if old != path:
            old.unlink(missing_ok=True)


def cached_json(kind: str, key: str, make: Callable[[], T], read: Callable[[object], T],
                dump: Callable[[T], object]) -> T:
    """What ``make()`` gives, kept as the JSON file ``{kind}-{key}.json`` of the user cache:
    read back through ``read`` (which raises ValueError on data that is not one of this
    key), else made and written through ``dump``, the other keys' files of ``kind`` going.
    A cache folder that cannot be written: made again on every start."""
    path = cache_dir() / f"{kind}-{key}.json"
    try:
        with no_collection(), path.open("rb") as f:
            return read(json.load(f))
    except (OSError, ValueError, RecursionError):
        pass
    value = make()
    try:
        with replacing(path, f"{kind}-*.json") as tmp, tmp.open("w", encoding="utf-8") as f:
            json.dump(dump(value), f, ensure_ascii=False, separators=(",", ":"))
    except OSError:
        pass
    return value


@contextmanager
def no_collection() -> Iterator[None]:
    """No automatic cycle collection in the block: reading a cache makes hundreds of
    thousands of objects, none of them garbage, and each full collection started meanwhile
    would walk them all (0.15 CPU s for the ruler's names). Done with a threshold of 0,
    not ``gc.disable()``: libraries the block calls turn collection back on (srsly's
    msgpack reader, as spaCy loads a model, calls ``gc.enable()`` when it is done)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
