"""Main text of an HTML page: trafilatura in precision mode, with a recall fallback.

trafilatura's precision mode drops more boilerplate than its default, and now and
then drops the story with it (a page whose article sits in an unusual container
comes back as a caption). So the page is parsed once; the precision extraction runs
on it; when that text is short beside the page's paragraph text, the default
(balanced) extraction runs on the same tree, and the precision text stands only if
it keeps a fair share of the balanced one. The ratios live in :class:`CleanSettings`
and were tuned with ``storyline eval clean``.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyline.settings import CleanSettings


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    method: str = "precision"  # precision | balanced | none


def paragraph_chars(tree: HtmlElement) -> int:
    """Characters of text inside the page's ``<p>`` elements (a cheap size of the prose)."""
    return sum(len(p.text_content()) for p in tree.iter("p"))


def _extract(tree: HtmlElement, url: str | None, precision: bool, metadata: bool):  # type: ignore[no-untyped-def]
    return trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=precision,
        include_comments=False,
        with_metadata=metadata,
    )


def extract_html(html: str | bytes, url: str | None = None,
                 settings: CleanSettings | None = None) -> HtmlText:
    """Main text, title, date and site name of a page (empty text when it has none)."""
    cfg = settings or CleanSettings()
    tree = load_html(html)
    if tree is None:
        return HtmlText("", method="none")
    doc = _extract(tree, url, precision=True, metadata=True)
    text = (doc.text or "") if doc is not None else ""
    method = "precision"
    if len(text) < cfg.fallback_gate * paragraph_chars(tree):
        alt = _extract(tree, url, precision=False, metadata=doc is None)
        alt_text = (alt.text or "") if alt is not None else ""
        if len(text) < cfg.fallback_ratio * len(alt_text):
            text, method = alt_text, "balanced"
            if doc is None:
                doc = alt
    if doc is None or not text.strip():
        return HtmlText("", method="none")
    return HtmlText(
        text=text,
        title=doc.title,
        published=doc.date,
        sitename=doc.sitename,
        url=doc.url,
        method=method,
    )
