import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.ingest.helpers import run

PAGE = ("<html><head><title>Lindau ferry</title></head><body><article><p>The ferry was towed "
        "off the sandbank overnight, the harbour master said.</p></article></body></html>")


def _response(writer, uri, body, ctype="text/html; charset=utf-8", status="200 OK", date=None):
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                    warc_headers_dict=warc_headers)
    writer.write_record(rec)


def _warc(path, gz=True):
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warc_record("https://lake.example/", "warcinfo", payload=io.BytesIO(b"x: y\r\n")))
        _response(w, "https://www.lake.example/news/ferry", PAGE.encode(), date="2026-05-05T06:00:00Z")
        _response(w, "https://www.lake.example/logo.png", b"\x89PNG\r\n", ctype="image/png")
        _response(w, "https://www.lake.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
        _response(w, "https://www.lake.example/empty", b"<html><body><script>x()</script></body></html>")
        req = w.create_warc_record("https://www.lake.example/news/ferry", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        w.write_record(req)
    return path


def test_warc_gz_html_responses(store, settings, tmp_path):
    path = _warc(tmp_path / "crawl.warc.gz")
    report = run(store, settings, path)
    [a] = store.articles()
    assert a.url == "https://www.lake.example/news/ferry" and a.source == "lake.example"
    assert a.metadata["warc_date"] == "2026-05-05T06:00:00Z" and a.body == PAGE
    assert a.input == str(path)
    # the page with no text is reported by record; images, 404s and requests pass silently
    [p] = report.problems
    assert "https://www.lake.example/empty" in p.reason and "no text" in p.reason
    assert run(store, settings, path).added == []


def test_uncompressed_warc(store, settings, tmp_path):
    report = run(store, settings, _warc(tmp_path / "crawl.warc", gz=False))
    assert len(report.added) == 1


def test_corrupt_warc(store, settings, tmp_path):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a warc record at all\r\n\r\n"))
    [p] = run(store, settings, path).problems
    assert p.where == str(path) and "WARC" in p.reason
