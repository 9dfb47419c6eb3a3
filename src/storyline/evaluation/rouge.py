"""ROUGE-N and ROUGE-L F, computed as google-research ``rouge_score`` does.

Tokens: the text lowercased, every run of characters other than ``a-z0-9`` made a space,
split on spaces; with ``stem=True`` tokens longer than three characters are Porter-stemmed
(NLTK's default mode, :mod:`storyline.brief.porter`). ROUGE-N counts clipped n-gram
matches; ROUGE-L is the longest common subsequence of the two whole token lists (``rougeL``,
not the per-sentence ``rougeLsum``). F is ``2PR / (P + R)``, 0 when both are 0.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storyline.brief.porter import stem as porter_stem

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    fmeasure: float


def tokenize(text: str, stem: bool = False) -> list[str]:
    tokens = _NON_ALNUM.sub(" ", text.lower()).split()
    if stem:
        tokens = [porter_stem(t) if len(t) > 3 else t for t in tokens]
    return tokens


def _score(overlap: int, n_pred: int, n_target: int) -> Score:
    p = overlap / n_pred if n_pred else 0.0
    r = overlap / n_target if n_target else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return Score(p, r, f)


def ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(target: list[str], pred: list[str], n: int) -> Score:
    t, p = ngrams(target, n), ngrams(pred, n)
    overlap = sum(min(c, p[g]) for g, c in t.items())
    return _score(overlap, sum(p.values()), sum(t.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            cur[j] = prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]


def rouge_l(target: list[str], pred: list[str]) -> Score:
    return _score(lcs_length(target, pred), len(pred), len(target))


def rouge(target: str, pred: str, stem: bool = False) -> dict[str, Score]:
    """``{"rouge1", "rouge2", "rougeL"}`` scores of ``pred`` against ``target``."""
    t, p = tokenize(target, stem), tokenize(pred, stem)
    return {"rouge1": rouge_n(t, p, 1), "rouge2": rouge_n(t, p, 2), "rougeL": rouge_l(t, p)}
