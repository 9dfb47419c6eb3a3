"""TF-IDF vectors of token lists, as scikit-learn's ``TfidfVectorizer(analyzer=<identity>,
sublinear_tf=True, norm="l2").fit_transform`` makes them, without importing scikit-learn
(about a second of start-up in every ingest process).

Same matrix, float for float: columns are the terms in sorted order; a row's entries come
in the order the terms were first seen across all the texts; tf = 1 + ln(count); idf =
ln((1 + n) / (1 + df)) + 1 (smoothed); each row divided by its l2 norm, summed term by term
in row order. ``tests/brief/test_tfidf.py`` checks the arrays against scikit-learn's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import sparse


def tfidf_matrix(token_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """The l2-normalised, sublinear TF-IDF matrix of ``token_lists`` (one row a list)."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    counts: list[int] = []
    for toks in token_lists:
        row: dict[int, int] = {}
        for t in toks:
            j = vocab.setdefault(t, len(vocab))
            row[j] = row.get(j, 0) + 1
        for j in sorted(row):
            indices.append(j)
            counts.append(row[j])
        indptr.append(len(indices))
    if not vocab:
        raise ValueError("empty vocabulary")
    rank = np.empty(len(vocab), dtype=np.int32)
    for new, term in enumerate(sorted(vocab)):
        rank[vocab[term]] = new
    cols = rank.take(np.asarray(indices, dtype=np.int32))
    n = len(indptr) - 1
    df = np.bincount(cols, minlength=len(vocab)).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=n + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data = np.asarray(counts, dtype=np.float64)
    np.log(data, data)
    data += 1.0
    data *= idf[cols]
    values = data.tolist()
    for i in range(n):
        a, b = indptr[i], indptr[i + 1]
        total = 0.0
        for x in values[a:b]:
            total += x * x
        if total != 0.0:
            norm = math.sqrt(total)
            for k in range(a, b):
                values[k] /= norm
    return sparse.csr_matrix((np.asarray(values, dtype=np.float64), cols,
                              np.asarray(indptr, dtype=np.int32)), shape=(n, len(vocab)))
