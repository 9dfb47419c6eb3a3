"""Which library multiplies the networks' matrices when the model is loaded.

spaCy's networks do most of their arithmetic in matrix products: tok2vec's maxout windows,
the parser's and ner's precomputed features, their hidden layers. thinc's ``NumpyOps``
sends those products to BLIS (the ``blis`` package) unless it is made with
``use_blis=False``, when they go to ``numpy.dot`` and numpy's own BLAS (OpenBLAS in numpy's
wheels, with kernels for every x86-64 and ARM CPU chosen when it starts).

BLIS chooses its kernels from the CPU it finds, and falls back to portable C kernels
('generic') on a CPU its configuration does not know. The BLIS that ``blis`` 1.3 ships does
not know AMD's Zen 5 (CPU family 0x1A, this project's machines): there, a tok2vec-sized
product (500 x 288 by 288 x 288, float32) takes three times as long through BLIS as through
numpy's OpenBLAS on one thread, and bare ``nlp.pipe`` (tok2vec, parser, ner) took a fifth
to a third less CPU time with numpy's, with the same parses and entities (BENCHMARKS.md,
throughput round 12).

:func:`matmul_ops` is the choice, for the time a model is loaded (thinc layers keep the ops
they were made with):

- ``"numpy"`` (the product's pipeline): numpy's BLAS, held to one thread per process. The
  product runs one process per core (``--workers``, Dask workers), so more threads per
  process would only contend for the same cores.
- ``"blis"``: spaCy's default, what a user's own ``spacy.load`` gets (the bench's bare
  baseline).

The transition loop of the parser and ner (spaCy's Cython ``predict_states``) calls BLIS
directly whatever the choice (small products: a batch's states by the hidden width); that
loop is now the largest part of the parse, and only a compiled extension could change it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from storyline.errors import StorylineError

MATMUL = ("numpy", "blis")


@contextmanager
def matmul_ops(matmul: str) -> Iterator[None]:
    """Models made inside the block multiply through ``matmul`` ("numpy" or "blis")."""
    if matmul not in MATMUL:
        raise StorylineError(f"unknown matrix library {matmul!r}: one of {', '.join(MATMUL)}")
    if matmul == "blis":
        yield
        return
    from thinc.api import NumpyOps, use_ops

    one_blas_thread()
    with use_ops(NumpyOps.name, use_blis=False):
        yield


@cache
def one_blas_thread() -> None:
    """numpy's BLAS uses one thread in this process (see the module's note)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
