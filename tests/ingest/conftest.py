"""A local HTTP server for URL and feed tests (127.0.0.1 only; tests never touch the network)."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Site:
    """Routes: path -> (status, content type, body bytes). ``/slow`` sleeps, ``/go/X`` redirects to X."""

    base: str = ""
    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8", status: int = 200):
        self.routes[path] = (status, ctype, body.encode("utf-8") if isinstance(body, str) else body)
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path.startswith("/slow"):
                time.sleep(2)
            if self.path.startswith("/go/"):
                self.send_response(302)
                self.send_header("Location", "/" + self.path[len("/go/"):])
                self.end_headers()
                return
            status, ctype, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                pass

    return Handler


@pytest.fixture
def settings(settings):
    """Ingest tests fetch from their own server on 127.0.0.1: private addresses allowed (the
    SSRF tests turn the guard back on), no pause between requests to one host."""
    return dataclasses.replace(settings, fetch_allow_private=True, fetch_host_interval=0.0)


@pytest.fixture(autouse=True)
def fresh_hosts(monkeypatch):
    """Each test starts with no robots.txt answers or request times kept (ports are reused)."""
    from storyline.ingest import web

    monkeypatch.setattr(web, "HOSTS", web.HostState())


@pytest.fixture
def site():
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.block_on_close = False  # do not wait for a /slow request the client gave up on
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def refused_url() -> str:
    """A local URL nothing listens on (connection refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/story.html"
