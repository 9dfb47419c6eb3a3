"""Text normalisation, content hashes, word shingles and MinHash signatures."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

from storyline.dedupe.minhash import minhash

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def words(text: str) -> list[str]:
    """Lower-cased word tokens with accents folded; punctuation and spacing ignored."""
    folded = text.casefold()
    if not folded.isascii():  # ASCII has nothing to decompose and no combining marks
        folded = unicodedata.normalize("NFKD", folded)
        # combining marks are never ASCII: look at the distinct others (curly quotes and
        # dashes, most often) before walking the whole text
        if any(map(unicodedata.combining, set(_NON_ASCII.findall(folded)))):
            folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def normalise_text(text: str) -> str:
    """The text as compared for exact duplicates: words only, single-spaced."""
    return " ".join(words(text))


def content_hash(text: str) -> str | None:
    """SHA-256 of the normalised text; None for a text without words."""
    norm = normalise_text(text)
    if not norm:
        return None
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[str]:
    """Distinct word ``size``-grams of the text (the whole text when it is shorter)."""
    toks = words(text)
    if len(toks) <= size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)}


def signature(grams: set[str], num_perm: int, seed: int = 1) -> np.ndarray:
    """MinHash signature (``num_perm`` hash values, :mod:`storyline.dedupe.minhash`) of a
    shingle set."""
    return minhash((g.encode("utf-8") for g in grams), num_perm, seed)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal minima)."""
    return float(np.mean(a == b))


def containment(j: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller shingle set found in the larger one, from Jaccard ``j``."""
    if min(size_a, size_b) == 0:
        return 0.0
    inter = j / (1.0 + j) * (size_a + size_b)
    return min(1.0, inter / min(size_a, size_b))
