"""Every story's brief as one Markdown or HTML document (``storyline export --format md|html``),
written story by story from the query layer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from storyline.brief.document import brief_document
from storyline.brief.render import briefs_html, to_markdown
from storyline.store import Store
from storyline.store.queries import article_document, iter_story_documents, story_articles


def iter_briefs(store: Store) -> Iterator[dict[str, Any]]:
    """Each live story's brief document, earliest story first."""
    with store.connect() as conn:
        for story in iter_story_documents(conn):
            arts = [article_document(a) for a in story_articles(conn, story["id"])]
            yield brief_document(story, arts)


def write_markdown(store: Store, out: TextIO) -> None:
    first = True
    for doc in iter_briefs(store):
        if not first:
            out.write("\n---\n\n")
        out.write(to_markdown(doc))
        first = False


def write_html(store: Store, out: TextIO) -> None:
    out.write(briefs_html(iter_briefs(store)))
