"""Fetching over HTTP(S) with httpx, guarded: what a URL from the outside can make us fetch.

:class:`Fetcher` (from :func:`http_client`) gets one URL at a time:

- only ``http``/``https``; the host is resolved and every address checked
  (:mod:`storyline.ingest.netguard`): private, loopback, link-local (cloud metadata),
  multicast and other non-public addresses are refused unless
  ``Settings.fetch_allow_private`` (or the URL's host is one of ``fetch_private_hosts``);
  the request goes to the checked address itself (the
  Host header and TLS name are the URL's), so DNS cannot answer differently afterwards;
- redirects are followed by hand, each hop checked the same way, at most
  ``max_redirects``;
- one deadline per URL (``fetch_deadline``: resolution, waits, redirects and the body
  together), on top of ``http_timeout`` for each network operation, so a server sending
  a byte a second cannot hold a URL for long;
- the body is counted as it streams and dropped past the cap (``max_fetch_bytes``);
- requests to one host are spaced ``fetch_host_interval`` seconds apart, across every URL
  the process fetches; robots.txt is honoured for our User-Agent
  (:mod:`storyline.ingest.robots`, each site's answer kept an hour); no proxy or netrc
  from the environment is used.

:func:`fetch` never raises for network trouble: it returns an :class:`IngestProblem`
naming the URL and the reason (refused address, robots.txt, timeout, HTTP status, size).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from storyline.ingest.files import html_draft, text_draft
from storyline.ingest.netguard import AddressRefused, pick_address, resolve
from storyline.ingest.robots import MAX_ROBOTS_BYTES, Robots, product_token
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem

FEED_TYPES = ("rss", "atom", "application/xml", "text/xml", "application/rdf")
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL, after redirects
    data: bytes
    content_type: str
    charset: str | None


class _Refused(Exception):
    """This URL is not fetched; the message says why."""


ROBOTS_TTL = 3600.0  # seconds a site's robots.txt answer is kept (RFC 9309: at most a day)


@dataclass
class HostState:
    """What the process remembers about the hosts it fetched from: robots.txt answers (with
    the time they expire) and the time of the last request to each host, shared by every
    fetcher so that the interval holds across URLs, feeds and runs of one process."""

    robots: dict[str, tuple[float, Robots]] = field(default_factory=dict)
    last_request: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


HOSTS = HostState()


@dataclass
class Fetcher:
    """Guarded GETs (one connection pool); host state shared through :data:`HOSTS`."""

    settings: Settings
    client: httpx.Client
    hosts: HostState = field(default_factory=lambda: HOSTS)

    @property
    def timeout(self) -> httpx.Timeout:  # what feeds.py reports on a timeout
        return self.client.timeout

    def get(self, url: str, limit: int) -> Fetched | IngestProblem:
        deadline = time.monotonic() + self.settings.fetch_deadline
        try:
            return self._get(url, limit, deadline, check_robots=self.settings.respect_robots)
        except _Refused as e:
            return IngestProblem(url, str(e))
        except AddressRefused as e:
            return IngestProblem(url, str(e))
        except httpx.TimeoutException:
            return IngestProblem(url, _timed_out(self.settings, deadline))
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError, UnicodeError) as e:
            return IngestProblem(url, f"invalid URL: {e}")
        except httpx.ConnectError as e:
            return IngestProblem(url, f"cannot connect: {e or 'connection refused'}")
        except OSError as e:  # resolution failed, or took too long
            return IngestProblem(url, f"cannot resolve or reach the host: {e}")
        except httpx.HTTPError as e:
            return IngestProblem(url, f"{type(e).__name__}: {e}")

    def _get(self, url: str, limit: int, deadline: float, check_robots: bool) -> Fetched:
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            target = httpx.URL(current)
            if target.scheme not in ("http", "https"):
                raise _Refused(f"refused: only http and https URLs are fetched, not "
                               f"{target.scheme or 'a URL without a scheme'}")
            if not target.host:
                raise _Refused("invalid URL: no host")
            if check_robots:
                robots = self._robots(target, deadline)
                if not robots.allows(product_token(self.settings.user_agent), current):
                    raise _Refused(robots.why_not
                                   or "disallowed by the site's robots.txt for our User-Agent")
            with self._request(target, deadline) as resp:
                if resp.status_code in REDIRECTS and resp.headers.get("location"):
                    current = urljoin(current, resp.headers["location"])
                    continue
                if resp.status_code >= 400:
                    phrase = resp.reason_phrase or ""
                    raise _Refused(f"HTTP {resp.status_code} {phrase}".strip())
                return self._body(resp, current, limit, deadline)
        raise _Refused(f"too many redirects (more than {self.settings.max_redirects})")

    @contextmanager
    def _request(self, target: httpx.URL, deadline: float) -> Iterator[httpx.Response]:
        """A streamed GET of ``target``, sent to the address its host was checked to have."""
        port = target.port or (443 if target.scheme == "https" else 80)
        host = target.host
        ip = pick_address(host, resolve(host, port, self._left(deadline)),
                          self.settings.fetch_allow_private, self.settings.fetch_private_hosts)
        self._wait_turn(host, deadline)
        headers = {"Host": target.netloc.decode("ascii").rsplit("@", 1)[-1]}
        extensions = {"sni_hostname": host} if target.scheme == "https" else {}
        left = self._left(deadline)
        timeout = httpx.Timeout(min(self.settings.http_timeout, left))
        with self.client.stream("GET", target.copy_with(host=str(ip)), headers=headers,
                                extensions=extensions, timeout=timeout) as resp:
            yield resp

    def _body(self, resp: httpx.Response, url: str, limit: int, deadline: float) -> Fetched:
        length = resp.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            raise _Refused(f"response is {length} bytes, over the {limit}-byte limit")
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _Refused(f"response is over the {limit}-byte limit")
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("deadline")
            chunks.append(chunk)
        ctype = resp.headers.get("content-type", "")
        return Fetched(url, b"".join(chunks), ctype.split(";")[0].strip().lower(),
                       resp.charset_encoding)

    def _left(self, deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.ConnectTimeout("deadline")
        return left

    def _wait_turn(self, host: str, deadline: float) -> None:
        """Space requests to one host ``fetch_host_interval`` seconds apart."""
        key = host.lower()
        while True:
            with self.hosts.lock:
                last = self.hosts.last_request.get(key)
                wait = 0.0 if last is None else \
                    last + self.settings.fetch_host_interval - time.monotonic()
                if wait <= 0:
                    self.hosts.last_request[key] = time.monotonic()
                    return
            if wait >= self._left(deadline):
                raise httpx.ConnectTimeout("deadline")
            time.sleep(wait)

    def _robots(self, target: httpx.URL, deadline: float) -> Robots:
        origin = f"{target.scheme}://{target.netloc.decode('ascii').rsplit('@', 1)[-1]}".lower()
        with self.hosts.lock:
            kept = self.hosts.robots.get(origin)
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
        robots_url = origin + "/robots.txt"
        # a site that cannot be reached at all: that is the page's error too (not kept)
        try:
            got = self._get(robots_url, MAX_ROBOTS_BYTES, deadline, check_robots=False)
        except _Refused as e:
            text = str(e)
            if text.startswith("HTTP 4"):
                found = Robots(allow_all=True)
            else:
                found = Robots(why_not=f"robots.txt could not be read ({text}): not fetching "
                                       "from this site (RFC 9309)")
        else:
            found = Robots.from_text(got.data.decode("utf-8", errors="replace"))
        with self.hosts.lock:
            self.hosts.robots[origin] = (time.monotonic() + ROBOTS_TTL, found)
        return found


def _timed_out(settings: Settings, deadline: float) -> str:
    if time.monotonic() >= deadline - 0.05:
        return f"timed out: over the {settings.fetch_deadline:g} s limit for one URL"
    return f"timed out after {settings.http_timeout:g}s"


@contextmanager
def http_client(settings: Settings) -> Iterator[Fetcher]:
    """A :class:`Fetcher` for one run (one connection pool, robots.txt answers kept)."""
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
    with httpx.Client(follow_redirects=False, timeout=settings.http_timeout, headers=headers,
                      trust_env=False) as client:
        yield Fetcher(settings, client)


def fetch(fetcher: Fetcher, url: str, limit: int) -> Fetched | IngestProblem:
    """GET ``url`` through the guards; the body, or the reason it could not be had."""
    return fetcher.get(url, limit)


def is_feed(fetched: Fetched) -> bool:
    if any(t in fetched.content_type for t in FEED_TYPES):
        return True
    head = fetched.data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def page_draft(fetched: Fetched, where: str) -> Item:
    """An article draft from a fetched page (HTML, or plain text served as text/plain)."""
    if fetched.content_type.startswith("text/plain"):
        item = text_draft(fetched.data, where, fetched.charset)
        if isinstance(item, ArticleDraft):
            item = dataclasses.replace(item, url=fetched.url)
        return item
    if fetched.content_type and "html" not in fetched.content_type and "xml" not in fetched.content_type:
        return IngestProblem(where, f"content type {fetched.content_type!r} is not a web page")
    return html_draft(fetched.data, where, fetched.charset, url=fetched.url)
