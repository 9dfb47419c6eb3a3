"""A token's lemma and guessed verb forms (events.syntax.lemmas) are worked out once per
(lemma, word) and kept: the same forms as reading them afresh, for every token."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import storyline.events.syntax as syntax
from storyline.enrich.nlp.pipeline import load_nlp


def _fresh(lemma_: str, low: str) -> tuple[str, ...]:
    """The forms as read before they were kept (one token at a time)."""
    out = [lemma_.lower(), low]
    if low.endswith("ied") or low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("ed") or low.endswith("es"):
        out += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            out.append(low[:-3])
    elif low.endswith("s") or low.endswith("d"):
        out.append(low[:-1])
    if low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
        if len(low) > 5 and low[-4] == low[-5]:
            out.append(low[:-4])
    seen: list[str] = []
    for w in out:
        if w and w not in seen:
            seen.append(w)
    return tuple(seen)


_WORD = st.text(alphabet="abdegilnpsty", max_size=9)


@settings(max_examples=500, deadline=None)
@given(_WORD, _WORD)
def test_word_forms_read_as_before(lemma_, low):
    assert syntax.word_forms(lemma_, low) == _fresh(lemma_, low)


def test_kept_forms_equal_fresh_ones_token_for_token(monkeypatch):
    doc = load_nlp(gazetteer=False)(
        "Troops stopped and staged raids; they studied the studies, stopping nothing. "
        "The troops staged raids again and stopped.")
    syntax._KNOWN_LEMMAS.clear()
    for _ in range(2):  # the second pass reads every token's forms from what the first kept
        assert [syntax.lemmas(t) for t in doc] == [_fresh(t.lemma_, t.lower_) for t in doc]
    assert syntax._KNOWN_LEMMAS
    monkeypatch.setattr(syntax, "MAX_KNOWN_LEMMAS", 1)
    assert [syntax.lemmas(t) for t in doc] == [_fresh(t.lemma_, t.lower_) for t in doc]
