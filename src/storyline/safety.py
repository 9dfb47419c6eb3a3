"""Untrusted text on its way out: links only to web addresses, Markdown and CSV cells that
cannot turn into markup or formulas. Article text, titles, URLs and quotes pass through
these (and HTML through autoescaping templates) wherever they are shown or exported."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address with a host, else None: a
    ``javascript:``, ``data:`` or relative URL from an article is never made a link."""
    if not url:
        return None
    text = url.strip()
    if any(ord(c) < 33 or c in "\"'<>`\\" for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def md_escape(text: str | None) -> str:
    """Text shown as itself in Markdown: inline markup characters escaped (CommonMark
    backslash escapes), a leading block marker escaped, line breaks made spaces."""
    if not text:
        return ""
    flat = " ".join(text.split())
    out = _MD_INLINE.sub(r"\\\1", flat)
    m = re.match(r"(\d+)([.)])", out)
    if m:  # "1. " would start a numbered list
        out = m.group(1) + "\\" + out[len(m.group(1)):]
    elif out[:1] in ("#", "+", "-", "=", ">"):
        out = "\\" + out
    return out


def md_escape_all(text: str | None) -> str:
    """Every punctuation character Markdown could read escaped (for link texts)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting with ``=``, ``+``, ``-``, ``@``
    (or a tab or carriage return) gets a leading apostrophe. Numbers pass as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
