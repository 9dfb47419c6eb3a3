"""Property tests: the text-facing functions take any untrusted text without raising, and
what they return stays inside what they were given."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean.article import clean_text
from storyline.enrich.dates.normalise import normalise_date
from storyline.enrich.numbers.words import parse_number
from storyline.enrich.quotes.marks import find_quote_spans
from storyline.stories.features import entities, terms

# text with the characters that matter to these parsers: quote marks, digits, dashes,
# line breaks, punctuation, letters of several scripts
NEWSY = st.text(alphabet=st.sampled_from(list(
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 \n\n\t.,;:!?-–—()[]'\"“”‘’«»%$€£/"
    "éüøñЖжд文字")), max_size=400)
ANY = st.text(max_size=300)
PROPS = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(st.one_of(NEWSY, ANY), st.sampled_from(["2022-03-29", None, "2023-01-01T08:00:00Z"]),
       st.booleans())
def test_normalise_date_never_raises_and_returns_iso_or_nothing(text, published, future):
    value, precision = normalise_date(text, published, future=future)
    assert precision in (None, "day", "week", "month", "year")
    if value is not None:
        dt.date.fromisoformat(value)


@PROPS
@given(st.one_of(NEWSY, ANY, st.from_regex(r"(at least |about )?[0-9][0-9,.]{0,12}( million| bn)?",
                                             fullmatch=True)))
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or value >= 0


@PROPS
@given(st.one_of(NEWSY, ANY))
def test_quote_spans_lie_inside_the_text_in_order(text):
    spans = find_quote_spans(text)
    prev_end = 0
    for q in spans:
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
        assert q.start >= prev_end
        prev_end = q.end


@PROPS
@given(st.lists(st.one_of(NEWSY, ANY), max_size=12))
def test_clean_text_keeps_only_lines_it_was_given(lines):
    body = "\n".join(lines)
    result = clean_text(body)
    given_lines = {ln.strip() for ln in body.splitlines()}
    for ln in result.text.splitlines():
        assert ln.strip() in given_lines or any(ln.strip() in g for g in given_lines)


@PROPS
@given(st.one_of(NEWSY, ANY))
def test_clustering_features_never_raise(text):
    for t in terms(text):
        assert t and not re.search(r"\s", t)
    for key, count in entities(text).items():
        assert key and count >= 1
