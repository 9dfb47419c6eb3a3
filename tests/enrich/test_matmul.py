"""The product's pipeline multiplies its matrices through numpy's BLAS on one thread; the
bench's bare baseline through BLIS as spaCy does by default; the two give the same parses
and entities (enrich/nlp/matmul.py)."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from storyline.enrich.nlp.matmul import matmul_ops
from storyline.enrich.nlp.pipeline import load_bare, load_nlp
from storyline.errors import StorylineError

TEXT = (
    "The harbour authority in Valletta said on Tuesday that two container ships had "
    "collided near the breakwater. \"Nobody was hurt,\" its spokeswoman, Maria Zammit, told "
    "reporters. Repairs to the pier will cost about 3 million euros, the ministry said, and "
    "the port of Marsaxlokk will take the ships' cargo until the end of March."
)


def _uses_blis(nlp) -> set[bool]:
    return {bool(getattr(layer.ops, "use_blis", False))
            for name in ("tok2vec", "ner") for layer in nlp.get_pipe(name).model.walk()
            if layer.name not in ("linear",)}  # the transition loop's own: see matmul.py


def test_the_product_pipeline_multiplies_through_numpy_and_the_bare_default_through_blis():
    assert _uses_blis(load_nlp()) == {False}
    assert _uses_blis(load_bare()) == {True}
    assert _uses_blis(load_bare(matmul="numpy")) == {False}


def test_numpy_blas_runs_one_thread_once_the_pipeline_is_loaded():
    load_nlp()
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and {lib["num_threads"] for lib in blas} == {1}


def test_both_libraries_give_the_same_parse_and_entities():
    def read(nlp):
        doc = nlp(TEXT)
        return ([(t.text, t.dep_, t.head.i) for t in doc],
                [(e.text, e.label_) for e in doc.ents])

    assert read(load_bare(matmul="numpy")) == read(load_bare(matmul="blis"))


def test_an_unknown_library_is_a_clean_error():
    with pytest.raises(StorylineError, match="unknown matrix library 'mkl'"):
        with matmul_ops("mkl"):
            pass
