"""The query layer: every read the interfaces (CLI, export, REST API, web UI) make.

Functions take an open connection (``store.connect()``) and return typed records
(:mod:`storyline.store.queries.records`) or documents in the export contract's shape.
Commands that change the store live beside the stages that own the data (story edits in
:mod:`storyline.stories.ops`); :mod:`storyline.service` puts reads and commands together
for the interfaces.
"""

from storyline.store.queries.article_marks import ArticleMarks, Mark, article_marks
from storyline.store.queries.articles import (
    article_document,
    export_counts,
    get_article,
    iter_articles,
    list_articles,
)
from storyline.store.queries.entities import find_entities
from storyline.store.queries.records import (
    ArticleView,
    EntitySummary,
    Page,
    StoryFilter,
    StorySummary,
)
from storyline.store.queries.stories import (
    StoryMerged,
    iter_story_documents,
    list_stories,
    story_articles,
    story_document,
    story_title,
)

__all__ = [
    "ArticleMarks", "ArticleView", "EntitySummary", "Mark", "Page", "StoryFilter", "StoryMerged",
    "StorySummary", "article_marks",
    "article_document", "export_counts", "find_entities", "get_article", "iter_articles", "iter_story_documents",
    "list_articles", "list_stories", "story_articles", "story_document", "story_title",
]
