"""Which sentences may stand in a brief (and which part of each)."""

from __future__ import annotations

import pytest

from storyline.brief.candidates import quoted_share, reject_reason, unbalanced_quotes, usable_span


def reason(text: str) -> str | None:
    start, end = usable_span(text)
    return reject_reason(text[start:end], 6, 50, 0.5)


@pytest.mark.parametrize(("text", "kept"), [
    ("LONDON (Reuters) - The harbour authority closed the port on Monday.",
     "The harbour authority closed the port on Monday."),
    ("KYIV, Ukraine (AP) — Shelling resumed near the river crossing overnight.",
     "Shelling resumed near the river crossing overnight."),
    ("(CNN) - The storm reached the coast on Sunday evening.",
     "The storm reached the coast on Sunday evening."),
    ("New Delhi: The ministry announced new rules for ferry operators.",
     "The ministry announced new rules for ferry operators."),
    ("Why it matters: The bridge carries most of the city's freight.",
     "The bridge carries most of the city's freight."),
    ("The mayor resigned on Friday, officials said. .", "The mayor resigned on Friday, officials said."),
    ("The U.S. Senate passed the bill on Friday.", "The U.S. Senate passed the bill on Friday."),
])
def test_usable_span_takes_off_datelines_and_labels(text: str, kept: str) -> None:
    start, end = usable_span(text)
    assert text[start:end] == kept


@pytest.mark.parametrize(("text", "why"), [
    ("The harbour authority closed the port on Monday after the storm.", None),
    ("Malyar said on Saturday ‘the whole region is liberated’ after days of heavy fighting.", None),
    ("The ferry carried 300 passengers.", "short"),
    ("Will the council reopen the bridge before the summer season begins?", "question"),
    ("‘In the next street it was even worse, the shelling went on all night.", "quote-fragment"),
    ("They would shoot without asking any question at all.’", "quote-fragment"),
    ("\"We had no choice, the cables could not wait another winter.", "quote-fragment"),
    ("\"We had no choice, the cables could not wait,\" the director said.", "quote"),
    ("The director said we had to act before the cables failed completely.", "first-person"),
    ("Here is why you should vote early in the council election this year.", "second-person"),
    ("The House Democrats, led by lead manager Jamie B. Raskin (D-Md.", "fragment"),
    ("But local businesses say they were not consulted about the timing.", "dangling"),
    ("He said the council would review the plan in June.", "dangling"),
    ("The offer: a rates holiday for every shop on the quay.", "label"),
    ("Sign up for the morning newsletter to get the latest harbour news.", "furniture"),
    ("Read the full report at https://example.org/report today.", "furniture"),
    ("By Tomas Reyes and Ana Duarte, Coastline Daily.", "byline"),
    ("the closure will divert traffic onto the ring road for weeks.", "fragment"),
    ("The closure will divert traffic onto the ring road for weeks", "unfinished"),
    ("The council said the closure would last for weeks and weeks...", "unfinished"),
])
def test_reject_reasons(text: str, why: str | None) -> None:
    assert reason(text) == why


def test_quote_measures() -> None:
    assert quoted_share('"All of it is a quote."') == 1.0
    assert quoted_share("No quotes here at all.") == 0.0
    assert not unbalanced_quotes("The countries’ leaders met in the capital.")
    assert unbalanced_quotes("“It opens here and never closes.")
