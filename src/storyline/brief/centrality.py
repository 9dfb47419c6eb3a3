"""Continuous LexRank (Erkan & Radev 2004): PageRank over a cosine-similarity graph."""

from __future__ import annotations

import numpy as np


def lexrank(sim: np.ndarray, damping: float = 0.85, iterations: int = 100,
            tol: float = 1e-10) -> np.ndarray:
    """Stationary scores of the row-normalised similarity graph ``sim`` (square, >= 0).

    A node with no edge spreads its weight evenly. Scores sum to 1.
    """
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    w = np.array(sim, dtype=np.float64)
    np.fill_diagonal(w, 0.0)
    rows = w.sum(axis=1)
    trans = np.where(rows[:, None] > 0, w / np.where(rows > 0, rows, 1.0)[:, None], 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        nxt = (1.0 - damping) / n + damping * (trans.T @ p)
        if np.abs(nxt - p).sum() < tol:
            p = nxt
            break
        p = nxt
    return p / p.sum()
