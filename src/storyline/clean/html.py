"""Main text of an HTML page: trafilatura's fast balanced extraction, with a fallback.

The page is parsed once. trafilatura's balanced extraction runs on it in fast mode
(its own readability/jusText comparisons off), which on the Zyte benchmark scores a
little above its default mode at two thirds of the cost. When that text is short
beside the page's paragraph text (the story sat in a container the fast heuristics
missed), the full extraction with trafilatura's fallback algorithms runs on the same
tree, and wins when the fast text keeps under a fair share of it. The ratios live in
:class:`~storyline.settings.CleanSettings` and were tuned with ``storyline eval clean``.

Title and outlet come from ingest (``<meta>`` tags, ``<title>``); the date, when the
input gave none, from htmldate over this same tree; only when ingest found no title
is trafilatura's metadata read.

trafilatura is imported when a page is first extracted, not with this module: a run of
plain-text records never needs it (0.06 CPU s of every process's start).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.metadata import page_date
from storyline.settings import CleanSettings

if TYPE_CHECKING:
    from lxml.html import HtmlElement


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None = None
    published: str | None = None
    method: str = "fast"  # fast | full | none


def paragraph_chars(tree: HtmlElement) -> int:
    """Characters of text inside the page's ``<p>`` elements (a cheap size of the prose)."""
    return sum(len(p.text_content()) for p in tree.iter("p"))


def _text(tree: HtmlElement, url: str | None, fast: bool) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(tree, url=url, fast=fast, include_comments=False)
    if doc is None:
        return ""
    text = doc.get("text") if isinstance(doc, dict) else doc.text  # dict with as_dict=True
    return text or ""


def extract_html(html: str | bytes, url: str | None = None, want_title: bool = False,
                 want_date: bool = False, settings: CleanSettings | None = None) -> HtmlText:
    """Main text of a page (empty when it has none), its title when ``want_title`` and
    its publication date (htmldate) when ``want_date``."""
    import trafilatura
    from trafilatura.utils import load_html

    cfg = settings or CleanSettings()
    tree = load_html(html)
    if tree is None:
        return HtmlText("", method="none")
    text = _text(tree, url, fast=True)
    method = "fast"
    if len(text) < cfg.fallback_gate * paragraph_chars(tree):
        full = _text(tree, url, fast=False)
        if len(text) < cfg.fallback_ratio * len(full):
            text, method = full, "full"
    if not text.strip():
        return HtmlText("", method="none")
    title = trafilatura.extract_metadata(tree, default_url=url).title if want_title else None
    published = page_date(tree) if want_date else None
    return HtmlText(text=text, title=title, published=published, method=method)
