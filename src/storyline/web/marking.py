"""An article's text cut into pieces for the page: sentences (each a target a citation can
highlight) holding segments, each segment with the marks (entities, quotes, numbers) that
cover it. Pure: text and spans in, pieces out; the template escapes every piece."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.store.queries import Mark


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        out = []
        for m in self.marks:
            out.append(f"m-{m.kind}")
            if m.kind == "entity":
                out.append(f"ent-{m.label.lower()}")
            if m.kind == "quote":
                out.append(f"q-{m.label}")
        return " ".join(dict.fromkeys(out))

    @property
    def title(self) -> str:
        return "; ".join(m.title for m in self.marks)


@dataclass(frozen=True, slots=True)
class Piece:
    """Text between sentences (``idx`` None) or one sentence."""

    idx: int | None
    segments: tuple[Segment, ...]
    highlighted: bool = False


def _segments(text: str, start: int, end: int, marks: Sequence[Mark]) -> tuple[Segment, ...]:
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(start, m.start))
        cuts.add(min(end, m.end))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        covering = tuple(m for m in inside if m.start <= a and m.end >= b)
        out.append(Segment(text[a:b], covering))
    return tuple(out)


def pieces(text: str, sentences: Sequence[tuple[int, int, int]], marks: Sequence[Mark],
           highlight: set[int] | None = None) -> list[Piece]:
    """The whole text, in order, as gaps and sentences; sentences in ``highlight`` flagged."""
    hl = highlight or set()
    out: list[Piece] = []
    pos = 0
    for idx, start, end in sorted(sentences, key=lambda s: s[1]):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append(Piece(None, _segments(text, pos, start, marks)))
        out.append(Piece(idx, _segments(text, start, end, marks), idx in hl))
        pos = end
    if pos < len(text):
        out.append(Piece(None, _segments(text, pos, len(text), marks)))
    return out


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def best_sentence(text: str, sentences: Sequence[tuple[int, int, int]], wanted: str,
                  min_overlap: float = 0.3) -> int | None:
    """The sentence of ``text`` that states ``wanted`` best (share of its words found), or
    None when none shares ``min_overlap`` of them: a cited article that states a brief
    sentence in its own words."""
    goal = _words(wanted)
    if not goal:
        return None
    best, best_score = None, min_overlap
    for idx, start, end in sentences:
        if wanted.strip() and wanted.strip() in text[start:end]:
            return idx
        got = _words(text[start:end])
        score = len(goal & got) / len(goal)
        if score > best_score:
            best, best_score = idx, score
    return best
