"""Fetching over HTTP(S) with httpx: redirects followed, a timeout, our User-Agent, a size cap.

:func:`fetch` never raises for network trouble: it returns an :class:`IngestProblem`
naming the URL and the reason (timeout, refused, HTTP status, too large).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from storyline.ingest.files import html_draft, text_draft
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem

FEED_TYPES = ("rss", "atom", "application/xml", "text/xml", "application/rdf")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL, after redirects
    data: bytes
    content_type: str
    charset: str | None


@contextmanager
def http_client(settings: Settings) -> Iterator[httpx.Client]:
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
    with httpx.Client(
        follow_redirects=True, timeout=settings.http_timeout, headers=headers, max_redirects=10
    ) as client:
        yield client


def fetch(client: httpx.Client, url: str, limit: int) -> Fetched | IngestProblem:
    """GET ``url``; the body, or the reason it could not be had."""
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                phrase = resp.reason_phrase or ""
                return IngestProblem(url, f"HTTP {resp.status_code} {phrase}".strip())
            length = resp.headers.get("content-length")
            if length and length.isdigit() and int(length) > limit:
                return IngestProblem(url, f"response is {length} bytes, over the {limit}-byte limit")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > limit:
                    return IngestProblem(url, f"response is over the {limit}-byte limit")
                chunks.append(chunk)
            ctype = resp.headers.get("content-type", "")
            return Fetched(str(resp.url), b"".join(chunks), ctype.split(";")[0].strip().lower(),
                           resp.charset_encoding)
    except httpx.TimeoutException:
        return IngestProblem(url, f"timed out after {client.timeout.read or client.timeout.connect}s")
    except httpx.ConnectError as e:
        return IngestProblem(url, f"cannot connect: {e or 'connection refused'}")
    except httpx.TooManyRedirects:
        return IngestProblem(url, "too many redirects")
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        return IngestProblem(url, f"invalid URL: {e}")
    except httpx.HTTPError as e:
        return IngestProblem(url, f"{type(e).__name__}: {e}")


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
            import dataclasses

            item = dataclasses.replace(item, url=fetched.url)
        return item
    if fetched.content_type and "html" not in fetched.content_type and "xml" not in fetched.content_type:
        return IngestProblem(where, f"content type {fetched.content_type!r} is not a web page")
    return html_draft(fetched.data, where, fetched.charset, url=fetched.url)
