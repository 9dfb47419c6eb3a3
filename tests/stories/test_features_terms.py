"""The stories stage's terms: each distinct word is read once and kept, with the same
terms and offsets as reading every word afresh."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import storyline.stories.features as features
from storyline.stories.features import MAX_TERM_CHARS, _clean_token, _terms_at, stem, stop_words


def _fresh(text: str) -> list[tuple[str, int]]:
    """Every word read afresh (the reading before words were kept)."""
    out = []
    for m in features._WORD.finditer(text):
        tok = _clean_token(m.group(0))
        if len(tok) < 2 or len(tok) > MAX_TERM_CHARS or tok in stop_words() or tok[0].isdigit():
            continue
        out.append((stem(tok), m.end()))
    return out


_PIECES = st.sampled_from(["The", "talks", "parties", "Minister's", "minister’s", "-led",
                           "x", "2024", "1,000.5", "the", "and", "bus", "leaves", "a" * 70,
                           "Kyiv", "ÉLAN", "re-run", "'quoted'", " ", "\n", ". ", ", "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60).map(" ".join))
def test_kept_words_give_the_fresh_terms(text):
    assert _terms_at(text) == _fresh(text)
    assert _terms_at(text) == _fresh(text)  # second time: every word known


def test_words_are_kept_and_forgotten_past_the_bound(monkeypatch):
    monkeypatch.setattr(features, "MAX_KNOWN_TERMS", 3)
    features._KNOWN_TERMS.clear()
    text = "Talks between the parties resumed; the parties' talks stalled again today."
    assert _terms_at(text) == _fresh(text)
    assert "parties" in features._KNOWN_TERMS
    assert _terms_at(text) == _fresh(text)  # cleared first (over the bound), then refilled
    assert len(features._KNOWN_TERMS) <= 3 + len(text.split()) + 2
