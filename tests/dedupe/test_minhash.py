"""Dedupe's own MinHash and LSH banding give what datasketch gives: the same signature for the
same shingles (so signatures stored before and after agree) and the same (bands, rows)."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.dedupe import minhash as M
from storyline.dedupe.text import shingles, signature


def _datasketch(values: list[bytes], num_perm: int, seed: int) -> np.ndarray:
    mh = MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
    mh.update_batch(values)
    return np.asarray(mh.hashvalues, dtype=np.uint32)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=40), min_size=1, max_size=60),
       st.sampled_from([16, 64, 128]), st.integers(0, 2**31 - 1))
def test_signature_is_datasketchs(values, num_perm, seed):
    assert np.array_equal(M.minhash(values, num_perm, seed), _datasketch(values, num_perm, seed))


def test_shingle_signature_is_datasketchs():
    text = ("The council voted on Tuesday to close the old bridge after engineers found "
            "cracks in two of its supports, the mayor said in a statement.")
    grams = shingles(text, 3)
    sig = signature(grams, 128, 1)
    assert sig.dtype == np.uint32 and sig.shape == (128,)
    assert np.array_equal(sig, _datasketch(sorted(g.encode() for g in grams), 128, 1))
    # order of the shingles does not matter; another seed gives another signature
    assert np.array_equal(sig, M.minhash([g.encode() for g in reversed(sorted(grams))], 128, 1))
    assert not np.array_equal(sig, signature(grams, 128, 2))


def test_empty_set_is_all_maxima():
    assert M.minhash([], 8).tolist() == [2**32 - 1] * 8


@pytest.mark.parametrize("num_perm", [32, 64, 128, 256])
def test_lsh_params_are_datasketchs(num_perm):
    for threshold in np.round(np.arange(0.05, 0.96, 0.05), 2):
        expected = tuple(_optimal_param(float(threshold), num_perm, 0.5, 0.5))
        assert M.lsh_params(float(threshold), num_perm) == expected, threshold
