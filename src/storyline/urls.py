"""URL normalisation shared by ingest (ids) and the store (an article's origin)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def normalise_url(url: str) -> str:
    """Lower-case scheme/host, drop fragment and trailing slash, keep path and query.

    Raises ValueError for a URL that cannot be split (``http://[zz]/a``)."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
