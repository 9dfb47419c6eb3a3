"""Word lists shipped as data: ``storyline/data/words/<name>.txt``.

One word or phrase a line; ``#`` starts a comment (a whole line, or after a space at the
end of one); blank lines are skipped. A map file holds a key and its value a line, the
value after the last space ("this morning 0", "us$ USD"). Files are read on first use
and cached for the process; nothing is read at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

WORDS_PACKAGE = "storyline.data"
WORDS_DIR = "words"


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    cut = line.find(" #")
    return (line[:cut] if cut >= 0 else line).strip()


def parse_entries(text: str) -> tuple[str, ...]:
    """The entries of a word-list file's text in order, each once, inner spaces single."""
    out: dict[str, None] = {}
    for line in text.splitlines():
        entry = _strip_comment(line)
        if entry:
            out.setdefault(" ".join(entry.split()), None)
    return tuple(out)


def parse_map(entries: tuple[str, ...], where: str = "map") -> dict[str, str]:
    """``key value`` entries to a dict (the value after the last space; first key wins)."""
    out: dict[str, str] = {}
    for entry in entries:
        key, sep, value = entry.rpartition(" ")
        if not sep or not key:
            raise ValueError(f"{where}: {entry!r} is not 'key value'")
        out.setdefault(key, value)
    return out


def tab_rows(path: Path) -> list[list[str]]:
    """The rows of a tab-separated data file, its fields split at tabs; blank lines and lines
    starting with ``#`` skipped ([] when the file is missing)."""
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of list ``name`` in file order, each once."""
    path = resources.files(WORDS_PACKAGE).joinpath(WORDS_DIR).joinpath(f"{name}.txt")
    return parse_entries(path.read_text(encoding="utf-8"))


@cache
def words(name: str) -> frozenset[str]:
    """The entries of list ``name`` as a set."""
    return frozenset(word_list(name))


@cache
def word_map(name: str) -> Mapping[str, str]:
    """Map file ``name``: key -> value, in file order (read-only)."""
    return MappingProxyType(parse_map(word_list(name), f"data/words/{name}.txt"))
