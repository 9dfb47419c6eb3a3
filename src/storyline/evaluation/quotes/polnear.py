"""Read the PolNeAR attribution corpus (BRAT standoff: Source / Cue / Content spans).

Layout (see the dataset README): ``<split>/text/<article>.txt`` and
``<split>/attributions/<article>_<annotator>.ann``. Each ``E`` line links one
attribution's Source, Cue and Content ``T`` spans; a span may be discontinuous
(``start end;start end``). Offsets are character offsets into the text file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Span = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Span | None
    cue: Span | None
    content: Span | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _span(offsets: str) -> Span:
    parts = []
    for piece in offsets.split(";"):
        a, b = piece.split()
        parts.append((int(a), int(b)))
    return tuple(parts)


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, tuple[str, Span]] = {}
    links: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = (label, _span(offsets))
        elif line.startswith("E") and len(cols) >= 2:
            link = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                if ref:
                    link[role.rstrip("0123456789")] = ref
            links.append(link)
    out = []
    for link in links:
        def get(role: str, link: dict[str, str] = link) -> Span | None:
            ref = link.get(role)
            return spans[ref][1] if ref in spans else None
        out.append(GoldAttribution(get("Source"), get("Cue"), get("Content")))
    return tuple(out)


def read_split(data: Path, split: str = "dev", one_per_article: bool = True) -> Iterator[GoldDoc]:
    """Annotated documents of ``split``; with ``one_per_article`` the first annotator's
    file (sorted by name) stands for an article annotated several times."""
    base = Path(data) / split
    seen: set[str] = set()
    for ann in sorted((base / "attributions").glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        if one_per_article and name in seen:
            continue
        text_path = base / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        seen.add(name)
        text = text_path.read_text(encoding="utf-8")
        yield GoldDoc(name, annotator, text, parse_ann(ann.read_text(encoding="utf-8")))
