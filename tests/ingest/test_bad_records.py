"""Regression tests for issue 14: one bad record never stops a run or takes good records
with it, and it is named by its file and line (or record)."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import random

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.ingest.helpers import run


def _good(i: int) -> str:
    return json.dumps({"id": f"good-{i}", "text": f"The ferry crossed the lake for the {i}th time."})


def _lines(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _ids(store) -> set[str]:
    return {a.id for a in store.articles()}


def test_malformed_urls_are_kept_as_written(store, settings, tmp_path):
    """``http://[zz]/a`` made normalise_url raise outside any try; now it is metadata."""
    f = tmp_path / "urls.jsonl"
    f.write_text(_lines(_good(1), json.dumps({"url": "http://[zz]/a", "text": "Body of the bad URL."}),
                        _good(2)))
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>T</title><meta property="og:url" content="http://[zz]/b">'
                    '<link rel="canonical" href="http://[zz]/c"></head><body><p>Words of the page '
                    'here.</p></body></html>')
    report = run(store, settings, f, page)
    assert report.ok and len(report.added) == 4
    assert {a.url for a in store.articles()} >= {"http://[zz]/a", "http://[zz]/b"}


def test_lone_surrogate_nul_and_nan_are_stored_as_text_every_store_holds(store, settings, tmp_path):
    f = tmp_path / "odd.jsonl"
    f.write_text(_lines(_good(1), '{"id": "sur", "text": "lone \\ud800 surrogate", "note": "\\udfff"}',
                        '{"id": "nul", "text": "nul \\u0000 inside", "meta": "a\\u0000b"}',
                        '{"id": "nan", "text": "not a number", "score": NaN, "big": -Infinity}',
                        _good(2)))
    report = run(store, settings, f)
    assert report.ok and _ids(store) == {"good-1", "good-2", "sur", "nul", "nan"}
    assert store.get_article("sur").body == "lone \ufffd surrogate"
    assert store.get_article("sur").metadata["note"] == "\ufffd"
    assert store.get_article("nul").body == "nul  inside" and store.get_article("nul").metadata["meta"] == "ab"
    assert store.get_article("nan").metadata["score"] is None


def test_json_lines_that_break_the_parser_are_named_by_line(store, settings, tmp_path):
    f = tmp_path / "parser.jsonl"
    f.write_text(_lines(_good(1), '{"text": "x", "n": ' + "9" * 5000 + "}",
                        '{"text": "x", "n": ' + "[" * 5000 + "]" * 5000 + "}", _good(2),
                        "[1, 2]", "{not json}", _good(3)))
    report = run(store, settings, f)
    assert _ids(store) == {"good-1", "good-2", "good-3"}
    assert [(p.line, p.reason) for p in report.problems] == [
        (2, "invalid JSON: a number with more than 4,300 digits"),
        (3, "invalid JSON: nested too deeply"),
        (5, "line is not a JSON object"),
        (6, "invalid JSON: Expecting property name enclosed in double quotes (column 2)")]


def test_absurd_dates_are_kept_raw_not_fatal(store, settings, tmp_path):
    f = tmp_path / "dates.jsonl"
    f.write_text(_lines(*(json.dumps({"id": f"d{i}", "text": f"Dated article {i}.", "published": d})
                          for i, d in enumerate(["2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+99:99",
                                                 "Wed, 04 Mar 2026 10:00:00 +9900", "10000-01-01",
                                                 "0000-01-01", "1" * 5000]))))
    report = run(store, settings, f)
    assert report.ok and len(report.added) == 6
    for a in store.articles():
        assert a.published is None and "published_raw" in a.metadata


def test_feed_dates_outside_the_calendar(store, settings, tmp_path):
    f = tmp_path / "years.rss"
    f.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                 "<item><title>Year 10000</title><description>Far future.</description>"
                 "<pubDate>Sat, 01 Jan 10000 00:00:00 GMT</pubDate></item>"
                 "<item><title>Good</title><description>Good body.</description>"
                 "<pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>")
    report = run(store, dataclasses.replace(settings, fetch_feed_items=False), f)
    assert report.ok and {a.title for a in store.articles()} == {"Year 10000", "Good"}


def test_json_lines_whose_first_line_is_bad(store, settings, tmp_path):
    """Read as one document before; every good line was lost with no line number."""
    f = tmp_path / "first.jsonl"
    f.write_text(_lines("{not json at all}", _good(1), _good(2)))
    report = run(store, settings, f)
    assert _ids(store) == {"good-1", "good-2"} and [p.line for p in report.problems] == [1]
    g = tmp_path / "two-bad.jsonl"
    g.write_text(_lines('{"id": "cut', "garbage", _good(3)))
    report = run(store, settings, g)
    assert "good-3" in _ids(store) and [p.line for p in report.problems] == [1, 2]


def test_utf16_json_lines(store, settings, tmp_path):
    for name, enc in (("bom.jsonl", "utf-16"), ("le.jsonl", "utf-16-le"), ("be.jsonl", "utf-16-be")):
        (tmp_path / name).write_bytes(_lines(_good(1), _good(2)).encode(enc))
        store_report = run(store, settings, tmp_path / name)
        assert not store_report.problems, name
    assert _ids(store) == {"good-1", "good-2"}


def test_bad_items_of_a_json_array_are_named_by_line_and_the_rest_read(store, settings, tmp_path):
    items = [{"id": "a1", "text": "First item."}, {"id": "a2", "text": "Second item."},
             {"id": "a3", "text": "Third item."}]
    text = json.dumps(items, indent=2)
    broken = text.replace('"Second item."', '"Second item." oops', 1)
    f = tmp_path / "array.json"
    f.write_text(broken)
    report = run(store, settings, f)
    assert _ids(store) == {"a1", "a3"}
    [p] = report.problems
    assert p.line == text.splitlines().index("  {", 5) + 1 and "item 2" in p.reason


def test_bad_item_of_a_json_feed(store, settings, tmp_path):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Notes",
            "items": [{"id": "1", "content_text": "One."}, {"id": "2"},
                      {"id": "3", "content_text": "Three."}]}
    f = tmp_path / "feed.json"
    f.write_text(json.dumps(feed, indent=2))
    report = run(store, settings, f)
    assert len(report.added) == 2 and all(a.source == "Harbour Notes" for a in store.articles())
    [p] = report.problems
    assert "item 2" in p.reason and p.line is not None


def test_csv_rows_after_an_unclosed_quote_are_read(store, settings, tmp_path):
    f = tmp_path / "quote.csv"
    f.write_text('id,title,text\n"c1","T1","good one"\n"c2","T2","unclosed\n'
                 '"c3","T3","good three"\n"c4","T4","good four"\n')
    report = run(store, settings, f)
    assert _ids(store) == {"c1", "c3", "c4"}
    assert [p.line for p in report.problems] == [3]


def test_csv_quote_open_to_the_end_of_the_file(store, settings, tmp_path):
    f = tmp_path / "open.csv"
    f.write_text('id,text\nc1,good one\nc2,"never closed\nc3,good three\nc4,good four\n')
    report = run(store, settings, f)
    assert _ids(store) == {"c1", "c3", "c4"}
    [p] = report.problems
    assert p.line == 3 and "never closed" in p.reason


def test_limits_apply_to_csv_fields_json_records_and_first_lines(store, settings, tmp_path):
    small = dataclasses.replace(settings, max_article_bytes=1000, max_html_bytes=2000)
    big = "word " * 400  # 2,000 bytes
    csv_file = tmp_path / "big.csv"
    csv_file.write_text(f'id,text\nc-big,"{big}"\nc-ok,fine\n')
    array = tmp_path / "big.json"
    array.write_text(json.dumps([{"id": "j-big", "text": big}, {"id": "j-ok", "text": "fine"}], indent=1))
    lines = tmp_path / "big.jsonl"
    lines.write_text(_lines(json.dumps({"id": "l-big", "text": big}), json.dumps({"id": "l-ok", "text": "fine"})))
    html = tmp_path / "html.jsonl"
    html.write_text(_lines(json.dumps({"id": "h-ok", "html": f"<p>{big}</p>"[:1900]}),
                           json.dumps({"id": "h-big", "html": f"<p>{big}{big}</p>"})))
    report = run(store, small, csv_file, array, lines, html)
    assert _ids(store) == {"c-ok", "j-ok", "l-ok", "h-ok"}
    assert sorted((p.where.rsplit("/", 1)[1], p.line) for p in report.problems) == [
        ("big.csv", 2), ("big.json", 2), ("big.jsonl", 1), ("html.jsonl", 2)]
    assert all("over the" in p.reason for p in report.problems)


def test_over_long_line_is_skipped_without_reading_it_whole(store, settings, tmp_path):
    small = dataclasses.replace(settings, max_line_bytes=1000)
    f = tmp_path / "long.jsonl"
    f.write_text(_lines(_good(1), json.dumps({"id": "long", "text": "x" * 5000}), _good(2)))
    report = run(store, small, f)
    assert _ids(store) == {"good-1", "good-2"}
    [p] = report.problems
    assert p.line == 2 and "limit for one line" in p.reason


def test_binary_garbage_with_high_bytes_is_refused(store, settings, tmp_path):
    rng = random.Random(7)
    f = tmp_path / "garbage.txt"
    f.write_bytes(bytes(rng.randrange(128, 256) for _ in range(5000)))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Правительство объявило о новых мерах поддержки граждан.\n".encode("cp1251"))
    report = run(store, settings, f, legacy)
    [p] = report.problems
    assert p.where == str(f) and p.reason == "binary file, not text"
    [a] = store.articles()
    assert a.body.startswith("Правительство")


def test_file_names_with_glob_characters(store, settings, tmp_path):
    f = tmp_path / "a[1].txt"
    f.write_text("An article in a file with a bracket in its name.\n")
    g = tmp_path / "b*.txt"
    g.write_text("A star in a file name.\n")
    report = run(store, settings, f, g)
    assert report.ok and len(report.added) == 2


def _record(writer, uri, body):
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                  http_headers=headers))


def _page(title: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><p>Body of {title}.</p></body></html>".encode()


def _warc_bytes(uris, gz):
    out = io.BytesIO()
    w = WARCWriter(out, gzip=gz)
    for uri in uris:
        _record(w, uri, _page(uri.rsplit("/", 1)[1]))
    return out.getvalue()


def test_warc_records_after_a_corrupt_one_are_read(store, settings, tmp_path):
    for gz in (True, False):
        name = "crawl.warc.gz" if gz else "crawl.warc"
        one = _warc_bytes([f"http://a.example/{name}/one"], gz)
        two = _warc_bytes([f"http://a.example/{name}/two", f"http://a.example/{name}/three"], gz)
        junk = gzip.compress(b"GARBAGE\r\n\r\n") if gz else b"GARBAGE\r\nnot a record\r\n\r\n"
        (tmp_path / name).write_bytes(one + junk + two)
        report = run(store, settings, tmp_path / name)
        [p] = report.problems
        assert "not a readable WARC record" in p.reason and "record 2" in p.reason
        assert len(report.added) == 3, name


def test_warc_record_without_content_length(store, settings, tmp_path):
    def raw(uri, body, length=True):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                "WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                "Content-Type: application/http; msgtype=response\r\n")
        if length:
            head += f"Content-Length: {len(http)}\r\n"
        return head.encode() + b"\r\n" + http + b"\r\n\r\n"

    f = tmp_path / "nocl.warc"
    f.write_bytes(raw("http://a.example/1", _page("one")) + raw("http://a.example/2", _page("two"), False)
                  + raw("http://a.example/3", _page("three")))
    report = run(store, settings, f)
    assert sorted(a.url for a in store.articles()) == ["http://a.example/1", "http://a.example/3"]
    [p] = report.problems
    assert "record 2" in p.reason and "no Content-Length" in p.reason


def test_an_error_reading_one_record_is_that_records_problem(store, settings, tmp_path,
                                                             monkeypatch):
    from storyline.ingest import fields

    real = fields._draft

    def fails_on_line_2(rec, where, line, defaults):  # a fault injected into one record
        if line == 2:
            raise KeyError("injected")
        return real(rec, where, line, defaults)

    monkeypatch.setattr(fields, "_draft", fails_on_line_2)
    f = tmp_path / "three.jsonl"
    f.write_text(_lines(_good(1), _good(2), _good(3)))
    c = tmp_path / "three.csv"
    c.write_text("id,text\nc1,one\nc2,two\nc3,three\n")
    report = run(store, settings, f, c)
    assert _ids(store) == {"good-1", "good-3", "c2", "c3"}  # (the CSV header is line 1)
    assert sorted((p.where.rsplit("/", 1)[1], p.line) for p in report.problems) == [
        ("three.csv", 2), ("three.jsonl", 2)]
    assert all("cannot read this record: KeyError" in p.reason for p in report.problems)


def test_a_reader_that_fails_half_way_names_its_file_and_the_run_goes_on(store, settings,
                                                                         tmp_path, monkeypatch):
    from storyline.ingest import runner

    real_reader_for = runner.reader_for

    def reader_for(kind):
        real = real_reader_for(kind)
        if kind != "jsonl":
            return real

        def breaks_after_two(where, settings):  # a reader bug, after two good records
            for n, item in enumerate(real(where, settings), 1):
                if n > 2:
                    raise RuntimeError("reader bug")
                yield item

        return breaks_after_two

    monkeypatch.setattr(runner, "reader_for", reader_for)
    f = tmp_path / "four.jsonl"
    f.write_text(_lines(_good(1), _good(2), _good(3), _good(4)))
    other = tmp_path / "other.txt"
    other.write_text("The ferry crossed the lake again.\n")
    report = run(store, settings, f, other)
    assert {"good-1", "good-2"} <= _ids(store) and store.count_articles() == 3
    [p] = report.problems
    assert p.where == str(f)
    assert p.reason.startswith("internal error reading this jsonl input after line 2")
