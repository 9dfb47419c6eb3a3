"""Metadata values shared by ingest and clean: outlets from URLs, ISO dates."""

import time

from storyline.metadata import iso_date, source_from_url


def test_source_from_url_drops_www_and_mobile_prefix():
    assert source_from_url("https://www.bbc.co.uk/news/world-1") == "bbc.co.uk"
    assert source_from_url("http://m.lakecourier.example/a") == "lakecourier.example"
    assert source_from_url("https://news.example.org/x") == "news.example.org"
    assert source_from_url(None) is None
    assert source_from_url("not a url") is None


def test_iso_date_shapes():
    assert iso_date("2026-05-02") == "2026-05-02"
    assert iso_date("2026-05-02T10:00:00Z") == "2026-05-02T10:00:00+00:00"
    assert iso_date("Mon, 04 May 2026 07:00:00 GMT") == "2026-05-04T07:00:00+00:00"
    assert iso_date("May 4, 2026") == "2026-05-04"
    assert iso_date("4 May 2026") == "2026-05-04"
    assert iso_date(time.struct_time((2026, 5, 4, 7, 0, 0, 0, 124, 0))) == "2026-05-04T07:00:00+00:00"
    assert iso_date("last spring") is None
    assert iso_date("") is None

