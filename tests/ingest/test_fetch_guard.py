"""Fetching guarded (issue 14): against our own server on 127.0.0.1, with the guard on
(refused, and the server never asked) and off (fetched); redirects re-checked; a deadline
per URL; the size cap enforced while streaming; a few redirects at most; credentials out
of stored URLs; a per-host interval; our User-Agent; robots.txt."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.ingest.helpers import run

PAGE = ("<html><head><title>{title}</title></head><body><article><p>{title}: the harbour "
        "reopened on Tuesday after the storm, officials said.</p></article></body></html>")


class Server:
    """Our own HTTP server on 127.0.0.1. It records what it was asked (path, Host header,
    User-Agent, time) and how many body bytes it managed to send on streamed routes."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.robots: tuple[int, str] = (404, "")
        self.sent: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                server.requests.append({"path": parts.path, "host": self.headers.get("Host"),
                                        "ua": self.headers.get("User-Agent"),
                                        "at": time.monotonic()})
                try:
                    server.route(self, parts.path, parse_qs(parts.query))
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r["path"] for r in self.requests]

    @staticmethod
    def send(h, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def route(self, h, path: str, query: dict) -> None:
        if path == "/robots.txt":
            status, text = self.robots
            self.send(h, status, text.encode(), "text/plain")
        elif path.startswith("/page") or path.startswith("/private"):
            self.send(h, 200, PAGE.format(title=path.strip("/")).encode())
        elif path == "/redirect":
            self.send(h, 302, b"", headers={"Location": query["to"][0]})
        elif path == "/loop":
            self.send(h, 302, b"", headers={"Location": "/loop"})
        elif path == "/host":
            self.send(h, 200, PAGE.format(title=f"host {h.headers.get('Host')}").encode())
        elif path in ("/drip", "/big"):
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Connection", "close")
            h.end_headers()
            h.wfile.write(b"<html><body><p>")
            piece, pause, total = (b"x", 0.2, 100) if path == "/drip" else (b"y" * 65536, 0, 800)
            for _ in range(total):  # /big: 50 MB, no Content-Length
                h.wfile.write(piece)
                h.wfile.flush()
                self.sent[path] = self.sent.get(path, 0) + len(piece)
                if pause:
                    time.sleep(pause)
        elif path == "/feed.xml":
            items = "".join(f"<item><title>Item {n}</title><link>{link}</link><description>Feed "
                            f"text of item {n}, kept when its page is refused.</description></item>"
                            for n, link in enumerate(query["link"], 1))
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{items}'
                    "</channel></rss>").encode()
            self.send(h, 200, body, "application/rss+xml")
        else:
            self.send(h, 404, b"not found", "text/plain")

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def guarded(settings):
    """The guard on, as it is by default (the ingest tests' settings turn it off)."""
    return dataclasses.replace(settings, fetch_allow_private=False, fetch_private_hosts=())


def test_guard_on_refuses_private_addresses_without_asking_them(store, guarded, server):
    port = server.port
    urls = [server.url("/page1"), server.url("/page2", "localhost"), f"http://[::1]:{port}/page3",
            f"http://0.0.0.0:{port}/page4", f"http://2130706433:{port}/page5",
            f"http://[::ffff:127.0.0.1]:{port}/page6", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/page7", "http://224.0.0.1/page8", "http://100.100.100.200/page9"]
    report = run(store, guarded, *urls)
    assert store.count_articles() == 0
    assert [p.where for p in report.problems] == urls
    for p in report.problems:
        assert p.reason.startswith("refused:") and "STORYLINE_FETCH_ALLOW_PRIVATE" in p.reason, p
    assert server.requests == []  # not even robots.txt was asked for


def test_guard_off_fetches_and_sends_the_name_to_the_checked_address(store, settings, server):
    report = run(store, settings, server.url("/page1"), server.url("/host", "localhost"))
    assert report.ok and store.count_articles() == 2
    titles = {a.title for a in store.articles()}
    assert f"host localhost:{server.port}" in titles  # Host: the URL's name, not the address


def test_every_redirect_hop_is_checked(store, guarded, server):
    allowed = dataclasses.replace(guarded, fetch_private_hosts=("127.0.0.1",))
    to_localhost = server.url("/redirect") + "?to=" + server.url("/page-behind", "localhost")
    to_allowed = server.url("/redirect") + "?to=" + server.url("/page-fine")
    report = run(store, allowed, to_localhost, to_allowed)
    [p] = report.problems
    assert p.where == to_localhost and p.reason.startswith("refused: localhost resolves only")
    assert "/page-behind" not in server.paths() and "/page-fine" in server.paths()
    [a] = store.articles()
    assert a.url == server.url("/page-fine") and a.input == to_allowed


def test_feed_items_pointing_at_private_addresses_are_refused(store, guarded, server):
    allowed = dataclasses.replace(guarded, fetch_private_hosts=("127.0.0.1",))
    links = [server.url("/page-a", "localhost"), "http://169.254.169.254/latest/",
             "file:///etc/passwd", server.url("/page-b")]
    feed = server.url("/feed.xml") + "?" + "&".join(f"link={x}" for x in links)
    report = run(store, allowed, feed)
    reasons = {p.where: p.reason for p in report.problems}
    assert reasons[links[0]].startswith("feed item 1 of") and "refused" in reasons[links[0]]
    assert "link-local" in reasons[links[1]]
    assert "only http and https" in reasons["file://etc/passwd"]  # (feedparser's spelling)
    assert links[3] not in reasons
    assert "/page-a" not in server.paths() and "/page-b" in server.paths()
    bodies = {a.title: a.body for a in store.articles()}
    assert "Feed text of item 1" in bodies["Item 1"]  # the feed's own content, stored instead
    assert {a.title: a.url for a in store.articles()}["Item 3"] is None  # file: is no link
    assert "page-b: the harbour reopened" in bodies["Item 4"]


def test_a_slow_server_cannot_hold_a_url_past_its_deadline(store, settings, server):
    hurried = dataclasses.replace(settings, fetch_deadline=1.0, http_timeout=5.0)
    report = run(store, hurried, server.url("/drip"))
    [p] = report.problems
    assert p.reason == "timed out: over the 1 s limit for one URL"
    assert server.sent.get("/drip", 0) < 100  # it gave up long before the server was done


def test_the_size_cap_holds_while_streaming(store, settings, server):
    capped = dataclasses.replace(settings, max_fetch_bytes=200_000)
    report = run(store, capped, server.url("/big"))
    [p] = report.problems
    assert p.reason == "response is over the 200000-byte limit"
    time.sleep(0.3)
    assert server.sent.get("/big", 0) < 20 * 1024 * 1024  # not read to the end (50 MB)


def test_redirects_are_limited(store, settings, server):
    [p] = run(store, settings, server.url("/loop")).problems
    assert p.reason == "too many redirects (more than 5)"
    assert server.paths().count("/loop") == 6


def test_credentials_never_reach_the_store(store, settings, server, tmp_path):
    url = f"http://reader:s3cret@127.0.0.1:{server.port}/page-login"
    records = tmp_path / "creds.jsonl"
    records.write_text(json.dumps({"url": "https://me:hunter2@news.example/a", "text": "Body."})
                       + "\n")
    missing = f"http://reader:s3cret@127.0.0.1:{server.port}/missing"
    report = run(store, settings, url, records, missing)
    stored = json.dumps([(a.url, a.input, a.metadata) for a in store.articles()])
    assert store.count_articles() == 2 and "s3cret" not in stored and "hunter2" not in stored
    assert {a.url for a in store.articles()} == {server.url("/page-login"), "https://news.example/a"}
    [p] = report.problems
    assert "s3cret" not in str(p) and p.where == server.url("/missing")
    from tests.ingest.helpers import stored_problems

    assert "s3cret" not in json.dumps(stored_problems(store))


def test_requests_to_one_host_are_spaced_and_say_who_we_are(store, settings, server):
    spaced = dataclasses.replace(settings, fetch_host_interval=0.6)
    links = [server.url(f"/page-{n}") for n in range(3)]
    feed = server.url("/feed.xml") + "?" + "&".join(f"link={x}" for x in links)
    report = run(store, spaced, feed)
    assert report.ok and store.count_articles() == 3
    times = [r["at"] for r in server.requests]
    assert len(times) == 5  # the feed, robots.txt, three pages
    # the server notes when a request arrives, and a busy machine may hand it one late: the
    # gaps it sees can shrink by that delay, but never to nothing, and never all at once
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(g >= 0.3 for g in gaps) and times[-1] - times[0] >= 4 * 0.6 - 0.2, gaps
    assert {r["ua"] for r in server.requests} == {spaced.user_agent}
    assert spaced.user_agent.startswith("storyline/") and "robots.txt" in spaced.user_agent


def test_robots_txt_is_honoured(store, settings, server):
    server.robots = (200, "User-agent: storyline\nDisallow: /private\n\nUser-agent: *\nAllow: /\n")
    report = run(store, settings, server.url("/private/one"), server.url("/page-open"))
    [p] = report.problems
    assert p.where == server.url("/private/one") and "robots.txt" in p.reason
    assert "/private/one" not in server.paths() and server.paths().count("/robots.txt") == 1
    assert store.count_articles() == 1


def test_robots_txt_server_error_means_nothing_is_fetched(store, settings, server):
    server.robots = (503, "busy")
    [p] = run(store, settings, server.url("/page-x")).problems
    assert "robots.txt could not be read (HTTP 503" in p.reason and "/page-x" not in server.paths()
    ignoring = dataclasses.replace(settings, respect_robots=False)
    assert run(store, ignoring, server.url("/page-x")).ok
