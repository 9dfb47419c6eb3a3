"""Sentence similarity for briefs: TF-IDF over Porter stems, fitted on one story.

Cosine similarity of the vectors measures both redundancy (two brief sentences saying the
same) and citation (another article's sentence stating the same thing). Two sentences that
give numbers and share none are never the same statement: a toll of 7 and a toll of 12
disagree however alike the words are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from storyline.brief.porter import stem
from storyline.brief.tfidf import tfidf_matrix
from storyline.wordlists import words

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def tokens(text: str) -> list[str]:
    """Content-word stems: lowercase words less English stop words, Porter-stemmed."""
    out = []
    stop = words("english_stop_words")
    for w in _WORD.findall(text.lower()):
        w = w.replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if w and w not in stop:
            out.append(stem(w))
    return out


def numbers(text: str) -> frozenset[str]:
    """Numbers written in digits, thousands separators dropped ("1,200" -> "1200")."""
    out = set()
    for m in _NUMBER.finditer(text):
        v = m.group(0)
        if "," in v and re.fullmatch(r"\d{1,3}(?:,\d{3})+", v):
            v = v.replace(",", "")
        out.add(v)
    return frozenset(out)


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """False when both sentences give numbers and share none."""
    return not a or not b or bool(a & b)


class SentenceSpace:
    """TF-IDF vectors (l2-normalised, sparse) of a story's texts, fitted on those texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.numbers = [numbers(t) for t in texts]
        token_lists = [tokens(t) for t in texts]
        if not any(token_lists):
            self.matrix = sparse.csr_matrix((len(texts), 1))
            return
        self.matrix = tfidf_matrix(token_lists)

    def cosine(self, rows: Sequence[int], cols: Sequence[int] | None = None) -> np.ndarray:
        """Dense cosine similarities of ``rows`` against ``cols`` (all texts by default)."""
        a = self.matrix[list(rows)]
        b = self.matrix if cols is None else self.matrix[list(cols)]
        return np.asarray((a @ b.T).todense(), dtype=np.float64)

    def same(self, i: int, j: int, sim: float, threshold: float) -> bool:
        """Whether texts ``i`` and ``j`` (cosine ``sim``) state the same thing."""
        return sim >= threshold and numbers_agree(self.numbers[i], self.numbers[j])
