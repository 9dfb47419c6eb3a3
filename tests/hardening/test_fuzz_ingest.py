"""Property tests (issue 14): files of every input format, mixing good records with bad
ones that hypothesis makes up, never raise or log a traceback; every bad record is named
by its line (JSON lines, CSV, JSON arrays), item (feeds) or record (WARC), or by its file;
every good record in the same file is stored exactly once.

About 10,000 records per run (``FUZZ_EXAMPLES`` = 200 files per format, 4 to 30 records
each, and 200 folders of text and HTML files); ``STORYLINE_FUZZ_EXAMPLES`` scales it, and
``STORYLINE_FUZZ_REPORT=path`` writes the tallies (as in BENCHMARKS.md).
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import logging
import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store

FUZZ_EXAMPLES = int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
LIMIT = 2000  # max_article_bytes; HTML gets twice that
LINE_LIMIT = 16_000  # max_line_bytes: a good record's line (escapes, a long URL) fits
TALLY: Counter[str] = Counter()
_serial = itertools.count()


class _Tracebacks(logging.Handler):
    """Counts log records that carry a traceback (none may)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.seen.append(f"{record.name}: {record.getMessage()}")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """One store for the module (every record gets an id of its own), small limits, no
    fetching, small batches (so files span several transactions)."""
    root = tmp_path_factory.mktemp("fuzz")
    s = Settings(db_url=str(root / "fuzz.db"), batch_size=7, max_article_bytes=LIMIT,
                 max_html_bytes=2 * LIMIT, max_line_bytes=LINE_LIMIT, fetch_feed_items=False)
    store = open_store(s.db_url)
    handler = _Tracebacks()
    logging.getLogger().addHandler(handler)
    old_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    yield root, s, store, handler
    logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(old_level)
    store.close()
    out = os.environ.get("STORYLINE_FUZZ_REPORT")
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps(dict(TALLY)) + "\n")


# -- what goes into the files ---------------------------------------------------------
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                min_size=1, max_size=60)
ODD = st.sampled_from(["\ud800", "\x00", "\u202e", "[/x]", "=1+1", "\x1b[2J", "🙂" * 300,
                       "\ufeff", "\u2028", "\\", "\"", "<script>alert(1)</script>"])
ODD_DATES = st.sampled_from(["2026-01-01T00:00:00+24:00", "10000-01-01", "-0001-01-01",
                             "Wed, 04 Mar 2026 10:00:00 +9900", "0000-00-00", "9" * 50,
                             "2026-03-04", "yesterday", ""])
ODD_URLS = st.sampled_from(["http://[zz]/a", "javascript:alert(1)", "https://u:p@x.example/a",
                            "http://" + "a" * 3000 + ".example/", "not a url", "https://ok.example/a"])


@st.composite
def good_record(draw) -> dict:
    """A record that must be stored: text with a unique token, odd metadata welcome."""
    token = f"zq{next(_serial)}x"
    rec = {"id": f"fz-{token}", "text": f"{token} " + draw(WORDS) + draw(st.sampled_from(["", " " + draw(ODD)]))}
    if draw(st.booleans()):
        rec["title"] = draw(WORDS) + draw(st.sampled_from(["", draw(ODD)]))
    if draw(st.booleans()):
        rec["published"] = draw(ODD_DATES)
    if draw(st.booleans()):
        rec["url"] = draw(ODD_URLS)
    if draw(st.booleans()):
        rec["extra"] = draw(st.sampled_from([float("nan"), float("inf"), 10 ** 40, None,
                                             {"deep": [[[[{"x": "\x00"}]]]]}, "\ud83d", True]))
    return rec


JSON_BAD = st.one_of(
    st.text(alphabet=st.characters(exclude_characters="\n\r", codec="utf-8", exclude_categories=("Cs",)),
            min_size=1, max_size=80).filter(lambda s: s.strip() and not s.strip().startswith(("{", "["))),
    st.just('{"id": "cut'),
    st.just('{"text": "x", "n": ' + "9" * 5000 + "}"),
    st.just('{"text": "x", "n": ' + "[" * 3000 + "]" * 3000 + "}"),
    st.sampled_from(["[1, 2]", "42", '"a string"', "null", "{}", '{"title": "   "}',
                     '{"text": ""}', "{not json}", "{\"text\": \"a\"} trailing"]),
    st.just(json.dumps({"text": "y" * (LIMIT + 10)})),  # over the article limit
    st.just(json.dumps({"text": "z " * LINE_LIMIT})),  # over the line limit
)


def _ingest(env, *paths: Path):
    _root, s, store, handler = env
    before = len(handler.seen)
    report = ingest(store, [str(p) for p in paths], s, [])
    assert handler.seen[before:] == []  # no traceback logged
    for p in report.problems:
        assert not p.reason.startswith("internal error"), p
    return report, store


def _stored_once(store, ids: list[str]) -> None:
    got = store.articles(ids)
    assert sorted(a.id for a in got) == sorted(ids)


# -- JSON lines -------------------------------------------------------------------------
@FUZZ
@given(st.lists(st.one_of(good_record().map(lambda r: ("good", r)), JSON_BAD.map(lambda b: ("bad", b)),
                          good_record().map(lambda r: ("good", r))),
                min_size=4, max_size=30),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_json_lines(env, rows, encoding):
    root = env[0]
    path = root / f"f{next(_serial)}.jsonl"
    lines, good, bad = [], [], {}
    for kind, value in rows:
        if kind == "good":
            lines.append(json.dumps(value, ensure_ascii=bool(len(lines) % 2)))
            good.append(value["id"])
        else:
            lines.append(value)
            bad[len(lines)] = value
    data = "\n".join(lines) + "\n"
    path.write_bytes(data.encode(encoding, "surrogatepass"))
    report, store = _ingest(env, path)
    _stored_once(store, good)
    named = {p.line for p in report.problems}
    assert set(bad) <= named, (bad, report.problems)
    assert all(p.line is not None for p in report.problems)
    TALLY.update(jsonl_files=1, jsonl_records=len(rows), jsonl_bad=len(bad), jsonl_good=len(good))


# -- CSV --------------------------------------------------------------------------------
def _one_unclosed(rows: list) -> list:
    """At most one quote never closed per file: two of them pair up into one field that runs
    over the rows between, which is what CSV's grammar says they are (no reader can tell)."""
    seen = False
    out = []
    for kind, value in rows:
        if value == "unclosed":
            if seen:
                value = "too_many"
            seen = True
        out.append((kind, value))
    return out


@FUZZ
@given(st.lists(st.one_of(good_record().map(lambda r: ("good", r)),
                          st.sampled_from(["too_many", "empty", "too_long", "unclosed"]).map(lambda b: ("bad", b))),
                min_size=4, max_size=30).map(_one_unclosed),
       st.booleans())
def test_csv(env, rows, multiline):
    root = env[0]
    path = root / f"f{next(_serial)}.csv"
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "title", "text", "published"])
    line = 2
    good, bad = [], {}
    unclosed_seen = False
    for kind, value in rows:
        if kind == "good":
            text = value["text"].replace("\r", " ").replace("\x00", "")
            if multiline and not unclosed_seen:
                text += "\nsecond paragraph, with \"quotes\", and commas"
            else:
                text = text.replace("\n", " ")
            title = value.get("title", "").replace("\n", " ").replace("\r", " ").replace("\x00", "")
            start = out.tell()
            w.writerow([value["id"], title, text, value.get("published", "")])
            good.append(value["id"])
            line += out.getvalue()[start:].count("\n")
            continue
        if value == "too_many":
            out.write("b1,b2,b3,b4,b5,b6\n")
        elif value == "empty":
            out.write(",,,\n")
        elif value == "too_long":
            out.write(f"bad-long,t,{'w' * (LINE_LIMIT + 10)},\n")
        else:
            out.write('bad-q,"never closed,text,\n')
            unclosed_seen = True
        bad[line] = value
        line += 1
    path.write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
    report, store = _ingest(env, path)
    _stored_once(store, good)
    named = {p.line for p in report.problems}
    assert set(bad) <= named, (bad, report.problems, out.getvalue()[:500])
    TALLY.update(csv_files=1, csv_records=len(rows), csv_bad=len(bad), csv_good=len(good))


# -- JSON arrays ------------------------------------------------------------------------
@FUZZ
@given(st.lists(st.one_of(good_record().map(lambda r: ("good", r)),
                          st.sampled_from(["not_object", "no_text", "too_long", "syntax"]).map(lambda b: ("bad", b))),
                min_size=4, max_size=26))
def test_json_arrays(env, items):
    root = env[0]
    path = root / f"f{next(_serial)}.json"
    parts, good, bad = [], [], {}
    line = 2  # "[" is line 1
    for n, (kind, value) in enumerate(items, 1):
        if kind == "good":
            text = json.dumps(value, indent=2)
            good.append(value["id"])
        elif value == "not_object":
            text = json.dumps(["a", n])
        elif value == "no_text":
            text = json.dumps({"id": f"bad-{n}", "source": "x"}, indent=2)
        elif value == "too_long":
            text = json.dumps({"id": f"bad-long-{n}", "text": "v" * (LIMIT + 5)}, indent=2)
        else:
            text = '{\n  "id": "bad-syntax",\n  oops\n  "text": "x"\n}'
        text = "\n".join("  " + ln for ln in text.split("\n"))
        if kind == "bad":
            bad[line] = value
        parts.append(text)
        line += text.count("\n") + 1
    path.write_text("[\n" + ",\n".join(parts) + "\n]\n", encoding="utf-8", errors="surrogatepass")
    report, store = _ingest(env, path)
    _stored_once(store, good)
    named = {p.line for p in report.problems}
    assert set(bad) <= named, (bad, report.problems)
    TALLY.update(array_files=1, array_records=len(items), array_bad=len(bad), array_good=len(good))


# -- RSS feeds --------------------------------------------------------------------------
def _xml(text: str) -> str:
    import html

    return html.escape(text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8"))


@FUZZ
@given(st.lists(st.one_of(good_record().map(lambda r: ("good", r)),
                          st.just(("bad", "empty"))), min_size=4, max_size=26))
def test_feeds(env, items):
    root = env[0]
    path = root / f"f{next(_serial)}.rss"
    xml_items, good_tokens, bad = [], [], []
    for n, (kind, value) in enumerate(items, 1):
        if kind == "good":  # (a link of its own: two items with one URL are one article)
            token = value["text"].split()[0]
            good_tokens.append(token)
            xml_items.append(f"<item><title>{_xml(token + ' ' + value.get('title', ''))}</title>"
                             f"<description>{_xml(value['text'])}</description>"
                             f"<link>{_xml(value['url'] + '?' + token if 'url' in value else '')}</link>"
                             f"<pubDate>{_xml(value.get('published', ''))}</pubDate></item>")
        else:
            xml_items.append("<item><guid>nothing here</guid></item>")
            bad.append(n)
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    f"<title>Fuzz feed</title>{''.join(xml_items)}</channel></rss>", encoding="utf-8")
    report, store = _ingest(env, path)
    stored = [a for a in store.articles() if a.input == str(path)]
    for token in good_tokens:
        assert sum(token in (a.title or "") for a in stored) == 1, token
    for n in bad:
        assert any(f"feed item {n} " in p.reason for p in report.problems), (n, report.problems)
    TALLY.update(feed_files=1, feed_records=len(items), feed_bad=len(bad), feed_good=len(good_tokens))


# -- WARC -------------------------------------------------------------------------------
def _response(uri: str, body: bytes) -> bytes:
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


@FUZZ
@given(st.lists(st.one_of(good_record().map(lambda r: ("good", r)),
                          st.sampled_from(["junk", "no_length", "no_text"]).map(lambda b: ("bad", b))),
                min_size=4, max_size=24),
       st.booleans())
def test_warc(env, records, gz):
    root = env[0]
    path = root / f"f{next(_serial)}.warc{'.gz' if gz else ''}"
    blobs, good, bad = [], [], {}
    n = 0  # the record number the reader gives: unreadable bytes right after an unreadable
    unreadable = False  # record are part of it (there is no record boundary between them)
    for kind, value in records:
        uri = f"https://fuzz.example/{next(_serial)}"
        if not (kind == "bad" and value == "junk" and unreadable):
            n += 1
        unreadable = kind == "bad" and value in ("junk", "no_length")
        if kind == "good":
            import html

            body = f"<html><body><p>{html.escape(value['text'])}</p></body></html>"
            blobs.append(_response(uri, body.encode("utf-8", "replace")))
            good.append(uri)
            continue
        bad.setdefault(n, value)
        if value == "junk":
            blobs.append(b"GARBAGE " + bytes(range(256)) + b"\r\n\r\n")
        elif value == "no_length":
            raw = _response(uri, b"<html><body><p>lost length</p></body></html>")
            head, _, rest = raw.partition(b"\r\n\r\n")
            head = b"\r\n".join(h for h in head.split(b"\r\n") if not h.startswith(b"Content-Length"))
            blobs.append(head + b"\r\n\r\n" + rest)
        else:
            blobs.append(_response(uri, b"<html><body><script>x()</script></body></html>"))
    data = b"".join(gzip.compress(b) for b in blobs) if gz else b"".join(blobs)
    path.write_bytes(data)
    report, store = _ingest(env, path)
    stored = [a.url for a in store.articles() if a.input == str(path)]
    assert sorted(stored) == sorted(good), report.problems
    for n, kind in bad.items():
        assert any(p.reason.startswith(f"record {n} ") for p in report.problems), (n, kind, report.problems)
    TALLY.update(warc_files=1, warc_records=len(records), warc_bad=len(bad), warc_good=len(good))


# -- text and HTML files --------------------------------------------------------------------
@FUZZ
@given(st.lists(st.one_of(good_record().map(lambda r: ("good", r)),
                          st.sampled_from(["empty", "blank", "binary", "high_bytes", "no_text_html",
                                           "too_big"]).map(lambda b: ("bad", b))),
                min_size=4, max_size=16))
def test_text_and_html_files(env, files):
    root = env[0] / f"d{next(_serial)}"
    root.mkdir()
    good, bad = [], []
    for n, (kind, value) in enumerate(files, 1):
        if kind == "good":
            token = value["text"].split()[0]
            if n % 2:
                (root / f"{n}.txt").write_text(value["text"] + "\n", encoding="utf-8", errors="surrogatepass")
            else:
                (root / f"{n}.html").write_text(f"<html><body><p>{_xml(value['text'])}</p></body></html>",
                                                encoding="utf-8")
            good.append(token)
            continue
        p = root / f"{n}.{'html' if value == 'no_text_html' else 'txt'}"
        p.write_bytes({"empty": b"", "blank": b"  \n\t\n", "binary": bytes(range(256)) * 4,
                       "high_bytes": bytes((37 * i) % 128 + 128 for i in range(3000)),
                       "no_text_html": b"<html><head><script>x()</script></head><body> </body></html>",
                       "too_big": b"word " * (LIMIT + 10)}[value])
        bad.append(str(p))
    report, store = _ingest(env, root)
    stored = [a for a in store.articles() if a.input.startswith(str(root) + os.sep)]
    for token in good:
        assert sum(token in a.body for a in stored) == 1, token
    assert set(bad) <= {p.where for p in report.problems}, report.problems
    TALLY.update(file_files=len(files), file_records=len(files), file_bad=len(bad), file_good=len(good))

