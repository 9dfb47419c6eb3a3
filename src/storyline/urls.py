"""URL normalisation shared by ingest (ids) and the store (an article's origin)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit


def normalise_url(url: str) -> str:
    """Lower-case scheme/host, drop fragment and trailing slash, keep path and query.

    Raises ValueError for a URL that cannot be split (``http://[zz]/a``)."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


# scheme://user:password@ anywhere in a text (the userinfo ends at the last @ of the authority)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#]*@")


def redact_url(text: str) -> str:
    """``text`` with the user name and password taken out of every URL in it
    (``https://me:secret@host/a`` -> ``https://host/a``)."""
    if "@" not in text:
        return text
    return _USERINFO.sub(r"\1", text)
