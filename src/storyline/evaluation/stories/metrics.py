"""Clustering quality: B-cubed and pairwise P/R/F1, NMI, ARI, topic mixing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import pair_confusion_matrix


@dataclass(frozen=True)
class Scores:
    n: int
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    pair_p: float
    pair_r: float
    pair_f1: float
    nmi: float
    ari: float
    pred_clusters: int
    gold_clusters: int
    mixed: int  # predicted clusters holding more than one gold label


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[str], pred: Sequence[str]) -> Scores:
    if len(gold) != len(pred) or not gold:
        raise ValueError("gold and pred must be non-empty and of the same length")
    n = len(gold)
    joint = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    bp = sum(c * c / psize[p] for (p, _g), c in joint.items()) / n
    br = sum(c * c / gsize[g] for (_p, g), c in joint.items()) / n
    (_tn, fp), (fn, tp) = pair_confusion_matrix(gold, pred)
    pp = tp / (tp + fp) if tp + fp else 1.0
    pr = tp / (tp + fn) if tp + fn else 1.0
    labels_per_pred: dict[str, set[str]] = {}
    for p, g in joint:
        labels_per_pred.setdefault(p, set()).add(g)
    return Scores(
        n, bp, br, _f1(bp, br), float(pp), float(pr), _f1(float(pp), float(pr)),
        float(normalized_mutual_info_score(gold, pred)), float(adjusted_rand_score(gold, pred)),
        len(psize), len(gsize), sum(len(v) > 1 for v in labels_per_pred.values()),
    )
