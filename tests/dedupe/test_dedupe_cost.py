"""Dedupe's per-article work without waste: ASCII text is not decomposed character by
character (it has nothing to decompose), with the same words as before; the band look-up
is built once, not once per article."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import storyline.dedupe.index as I
import storyline.dedupe.text as T
from storyline.settings import DedupeSettings

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _reference(text: str) -> list[str]:  # the decomposing reading, for every text
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))


@given(st.text(alphabet=st.sampled_from(list("abcXYZ 09_-.,'\n") +
                                         ["é", "ß", "K", "ﬁ", "İ", "ä", "\u0301", "Ω", "’", "—",
                                          "“"])))
def test_words_are_those_of_the_decomposed_text(text):
    assert T.words(text) == _reference(text)


def test_ascii_text_is_not_decomposed(monkeypatch):
    calls: list[str] = []
    real = unicodedata.normalize
    monkeypatch.setattr(T.unicodedata, "normalize", lambda f, s: calls.append(s) or real(f, s))
    assert T.words("The Minister's 2,000 plans_B.") == ["the", "minister", "s", "2", "000",
                                                         "plans", "b"]
    assert calls == []
    assert T.words("Café Ökonomie") == ["cafe", "okonomie"] and len(calls) == 1


def test_the_band_look_up_is_built_once(monkeypatch):
    index = I.DuplicateIndex(DedupeSettings())
    built: list[int] = []
    real = I.or_
    monkeypatch.setattr(I, "or_", lambda *a: built.append(len(a)) or real(*a))
    sig = np.arange(DedupeSettings().num_perm, dtype=np.uint32)
    n = len(I.band_keys(sig, index.bands, index.rows))
    assert index._bands_query(n) is index._bands_query(n)
    assert built == [n]
