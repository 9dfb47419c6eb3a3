"""MinHash signatures and the LSH banding, computed here with NumPy.

The scheme is datasketch's ``affine32`` (datasketch 2.0's default), written out so that the
signatures a store holds do not change with the installed datasketch (1.x used another
scheme, and the index would silently stop matching old signatures against new ones) and so
that dedupe does not import datasketch, whose LSH module imports SciPy's integrators (0.3-0.5
CPU s in every process that stores articles). ``tests/dedupe/test_minhash.py`` checks both
against datasketch: the same hash values for the same shingles, and the same (bands, rows)
for every threshold.

- a shingle's hash: the first four bytes of its SHA-1, little-endian, pre-mixed with the
  MurmurHash3 32-bit finalizer;
- permutation k: ``h -> a_k * h + b_k`` modulo 2**32 (``a_k`` odd), the parameters drawn
  from ``numpy.random.RandomState(seed)``;
- the signature: each permutation's minimum over the shingles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

SIG_DTYPE = np.uint32
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35),
           np.uint32(16))
_MAX = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` parameters of the ``num_perm`` permutations for ``seed``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=SIG_DTYPE) * SIG_DTYPE(2) + SIG_DTYPE(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=SIG_DTYPE)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def hashes(values: Iterable[bytes]) -> np.ndarray:
    """The 32-bit SHA-1 hashes of ``values`` (before the finalizer)."""
    return np.fromiter((int.from_bytes(hashlib.sha1(v).digest()[:4], "little") for v in values),
                       dtype=SIG_DTYPE)


def minhash(values: Iterable[bytes], num_perm: int, seed: int = 1) -> np.ndarray:
    """The signature of a set of byte strings: ``num_perm`` minima (all 2**32-1 when the
    set is empty)."""
    a, b = permutations(num_perm, seed)
    hv = _fmix32(hashes(values)).reshape(-1, 1)
    if not hv.size:
        return np.full(num_perm, _MAX, dtype=SIG_DTYPE)
    return (hv * a + b).min(axis=0)  # uint32: the products wrap modulo 2**32


@lru_cache(maxsize=8)
def lsh_params(threshold: float, num_perm: int, fp_weight: float = 0.5,
               fn_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows) with ``bands * rows <= num_perm`` minimising the weighted areas of
    false positives (similarity under ``threshold`` that some band matches) and false
    negatives (over it that no band matches), as datasketch's ``MinHashLSH`` chooses them.
    The integrands are polynomials of degree ``bands * rows <= num_perm``, so Gauss-Legendre
    quadrature with ``num_perm // 2 + 1`` nodes integrates them exactly."""
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    lo = threshold / 2 * (x + 1)  # nodes on [0, threshold]
    hi = threshold + (1 - threshold) / 2 * (x + 1)  # and on [threshold, 1]
    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = threshold / 2 * float(np.dot(w, 1 - (1 - lo ** r) ** b))
            fn = (1 - threshold) / 2 * float(np.dot(w, (1 - hi ** r) ** b))
            error = fp * fp_weight + fn * fn_weight
            if error < best:
                best, opt = error, (b, r)
    return opt


__all__ = ["SIG_DTYPE", "hashes", "lsh_params", "minhash", "permutations"]
