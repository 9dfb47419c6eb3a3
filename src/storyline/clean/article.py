"""Clean one article: HTML through the extractor, scraped text through the furniture remover.

Both paths end the same way: the text's head (banners, breadcrumbs, a repeated title,
a date header) is read off, furniture lines are removed, lines that the corpus
repeats across articles are removed, and the language is detected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storyline.clean.furniture import EXTRACTED_TEXT_KINDS, LineLabel, strip_furniture
from storyline.clean.header import read_head
from storyline.clean.html import extract_html
from storyline.clean.language import detect_language
from storyline.records import Article, CleanResult
from storyline.settings import CleanSettings

# Given the candidate lines of an article, the ones the corpus repeats (see repeated.py).
RepeatedFn = Callable[[list[str]], set[str]]


@dataclass(frozen=True)
class TextParts:
    """Scraped text with its head and furniture read off, before the lines the corpus
    repeats are taken out (that needs the store's line counts)."""

    kept: list[str]
    removed: list[LineLabel]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


def text_parts(body: str, title: str | None = None) -> TextParts:
    """The head and furniture of scraped plain text (no store needed)."""
    head = read_head(body.splitlines(), known_title=title)
    kept, removed = strip_furniture(head.lines)
    return TextParts(kept, [*head.removed, *removed], head.title, head.published, head.outlet)


def removes_repeated(parts: TextParts, again: set[str]) -> bool:
    """Whether lines the corpus repeats come out: they do unless they are all the article
    has (a short item that several outlets printed word for word)."""
    return bool(again) and any(ln not in again for ln in parts.kept)


def text_result(parts: TextParts, again: set[str] | frozenset[str] = frozenset()) -> CleanResult:
    """The clean text of ``parts`` less the repeated lines ``again``, with its language."""
    kept, removed_all = parts.kept, parts.removed
    if removes_repeated(parts, set(again)):
        removed_all = [*removed_all, *(LineLabel(-1, ln, "repeated") for ln in kept if ln in again)]
        kept = [ln for ln in kept if ln not in again]
    text = "\n".join(kept)
    return CleanResult(
        text=text,
        title=parts.title,
        published=parts.published,
        source=parts.outlet,
        language=detect_language(text),
        removed_lines=tuple(f"{lab.kind}: {lab.text}" for lab in removed_all),
    )


def clean_text(body: str, title: str | None = None,
               repeated: RepeatedFn | None = None) -> CleanResult:
    """Scraped plain text -> body lines without furniture, plus what the head says."""
    parts = text_parts(body, title)
    return text_result(parts, repeated(parts.kept) if repeated is not None else frozenset())


def clean_html(body: str, url: str | None = None, title: str | None = None,
               published: str | None = None, settings: CleanSettings | None = None) -> CleanResult:
    """An HTML page -> its main text (see html.py); the title line is taken off the text."""
    page = extract_html(body, url=url, want_title=not title, want_date=not published,
                        settings=settings)
    if not page.text.strip():
        return CleanResult(text="")
    head = read_head(page.text.splitlines(), known_title=title or page.title)
    kept, removed = strip_furniture(head.lines, EXTRACTED_TEXT_KINDS)
    text = "\n".join(kept)
    return CleanResult(
        text=text,
        title=title or page.title,
        published=page.published or head.published,
        language=detect_language(text),
        removed_lines=tuple(f"{lab.kind}: {lab.text}" for lab in [*head.removed, *removed]),
    )


def clean_article(article: Article, settings: CleanSettings | None = None,
                  repeated: RepeatedFn | None = None) -> CleanResult:
    if article.body_kind == "html":
        return clean_html(article.body, url=article.url, title=article.title,
                          published=article.published, settings=settings)
    return clean_text(article.body, title=article.title, repeated=repeated)
