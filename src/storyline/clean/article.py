"""Clean one article: HTML through the extractor, text through the furniture remover."""

from __future__ import annotations

import trafilatura

from storyline.records import Article, CleanResult


def clean_article(article: Article) -> CleanResult:
    if article.body_kind == "html":
        doc = trafilatura.bare_extraction(article.body, with_metadata=True, favor_recall=True)
        if doc is None:
            return CleanResult(text="")
        return CleanResult(
            text=doc.text or "",
            title=doc.title,
            published=doc.date,
            source=doc.sitename,
        )
    lines = [ln.strip() for ln in article.body.splitlines()]
    return CleanResult(text="\n".join(ln for ln in lines if ln))
