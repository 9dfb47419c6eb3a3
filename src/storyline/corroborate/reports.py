"""A story's articles as reports: outlet, publish date, and which independent report each
one is (a syndicated copy shares its original's: :func:`storyline.outlets.provenance`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.outlets import provenance
from storyline.records import Article


@dataclass(frozen=True, slots=True)
class Report:
    """An article as a report: its outlet (None when unknown), publish date (ISO), and the
    independent report it is (``provenance``: a copy shares its original's)."""

    article_id: str
    source: str | None
    published: str | None
    provenance: str


def reports_of(articles: Sequence[Article]) -> list[Report]:
    """The articles (in publish order) as reports."""
    prov = provenance(articles)
    return [Report(a.id, a.source, a.published, prov[a.id]) for a in articles]
