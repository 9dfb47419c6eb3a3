"""The matching and scores of ``storyline eval quotes`` (see :mod:`.evaluate` for the rules):
predicted and gold spans per document, one-to-one greedy exact / overlap matches, linked
sources, micro-averaged P/R/F1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.enrich.quotes.attributions import Attribution
from storyline.evaluation.counts import Counts
from storyline.evaluation.quotes.polnear import GoldAttribution, GoldDoc, Span

__all__ = ["Report", "hull", "match", "overlaps", "score_doc"]


@dataclass
class Report:
    scores: dict[tuple[str, str], Counts] = field(default_factory=dict)
    docs: int = 0

    def score(self, role: str, mode: str) -> Counts:
        return self.scores.setdefault((role, mode), Counts())


def hull(text: str, span: Span | None) -> tuple[int, int] | None:
    if not span:
        return None
    a, b = span[0][0], span[-1][1]
    while a < b and text[a] in " \t\n,;:.-–—\"'“”‘’()[]":
        a += 1
    while b > a and text[b - 1] in " \t\n,;:.-–—\"'“”‘’()[]":
        b -= 1
    return (a, b) if b > a else None


def overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def match(pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], exact: bool) -> int:
    """One-to-one greedy matches of predicted to gold spans, in text order."""
    free = sorted(gold)
    tp = 0
    for p in sorted(pred):
        for n, g in enumerate(free):
            if (p == g) if exact else overlaps(p, g):
                free.pop(n)
                tp += 1
                break
    return tp


def _linked(doc: GoldDoc, pred: list[Attribution], gold: list[GoldAttribution]) -> int:
    free = list(gold)
    tp = 0
    for a in pred:
        for n, g in enumerate(free):
            gs, gc, gq = (hull(doc.text, g.source), hull(doc.text, g.content),
                          hull(doc.text, g.cue))
            if gs is None or a.source != gs:
                continue
            if (gc and overlaps(gc, a.content)) or (gq and a.cue and overlaps(gq, a.cue)):
                free.pop(n)
                tp += 1
                break
    return tp


def score_doc(report: Report, doc: GoldDoc, pred: list[Attribution]) -> None:
    text = doc.text
    gold = list(doc.attributions)
    own = [a for a in pred if not a.inherited]
    roles = {
        "source": ([a.source for a in own if a.source],
                   [s for g in gold if (s := hull(text, g.source))]),
        "cue": ([a.cue for a in own if a.cue], [s for g in gold if (s := hull(text, g.cue))]),
        "content": ([c for a in pred if (c := _trim_text(text, a.content))],
                    [s for g in gold if (s := hull(text, g.content))]),
    }
    for role, (p, g) in roles.items():
        for mode in ("exact", "overlap"):
            report.score(role, mode).add(match(p, g, mode == "exact"), len(p), len(g))
    linked = [a for a in own if a.source]
    report.score("source", "linked").add(_linked(doc, linked, gold), len(linked),
                                         len(roles["source"][1]))
    report.docs += 1


def _trim_text(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    return hull(text, ((span[0], span[1]),))
