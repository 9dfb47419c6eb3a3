"""Titles a reader would see (issue 13): a headline ending in a quoted phrase is a title,
not prose; a dateline on its own line is never a title."""

from __future__ import annotations

from storyline.clean.furniture import is_sentence
from storyline.clean.header import read_head

BODY = "The harbour authority said on Monday that ferry fares would rise by a tenth in May."


def test_a_headline_that_ends_with_quoted_words_is_the_title():
    for headline in ("Ferry fares 'to rise by a tenth'", "Harbour chief hails 'record year'",
                     "'Standoff' over harbour fares", 'Fares rise "unfair", say riders'):
        head = read_head([headline, "", BODY])
        assert head.title == headline, headline
        assert head.lines == [BODY]


def test_prose_that_ends_with_a_quote_is_still_a_sentence():
    assert is_sentence('The mayor called the rise "a fair deal for everyone."')
    assert is_sentence("He said the fares were fine, adding: 'We will not back down.'")
    assert not is_sentence("Harbour chief hails 'record year'")


def test_a_dateline_on_its_own_line_is_not_a_title():
    head = read_head(["WEST HARBOUR, Fla. -", BODY])
    assert head.title is None and head.lines == [BODY]
    assert any(r.kind == "dateline" for r in head.removed)
    head = read_head(["Ferry fares to rise", "PORT ELLIS (Reuters) -", BODY])
    assert head.title == "Ferry fares to rise" and head.lines == [BODY]
