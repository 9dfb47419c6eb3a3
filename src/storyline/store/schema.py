"""Tables of the store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Each stage owns the tables it writes; ``stage_runs`` records which per-article stage
has processed which article and ``story_runs`` which story-level stage has processed
which revision of a story, so ``storyline process`` can complete pending work.
Migrations (:mod:`storyline.store.migrations`) bring older stores to these definitions;
``SCHEMA_VERSION`` is the version they describe.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
    text,
)

metadata = MetaData()

SCHEMA_VERSION = 3


def _fk(target: str) -> ForeignKey:
    """A foreign key checked at commit, so rows that point at each other can be written in
    any order inside one transaction (an article's story is written after the article)."""
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("input", Text, nullable=False),  # path or URL it came from
    Column("line", Integer),  # 1-based line for JSONL/CSV inputs
    Column("body", Text, nullable=False),  # raw text or HTML, as it came in
    Column("body_kind", String(8), nullable=False),  # text | html
    Column("encoding", String(32)),
    Column("text", Text, nullable=False, default=""),  # clean main text
    Column("source", String),
    Column("outlet", String),  # the outlet's key across spellings (storyline.outlets)
    Column("url", Text),
    Column("title", Text),
    Column("published", String(32)),  # as the input gave it (ISO 8601, any offset)
    Column("language", String(8)),
    Column("content_hash", String(64)),  # normalised clean-text hash (dedupe)
    Column("duplicate_of", String, _fk("articles.id")),
    Column("story_id", String, _fk("stories.id")),
    Column("ingested_at", String(32), nullable=False),
    Column("metadata", JSON, nullable=False, default=dict),
    # ``published`` in UTC (``YYYY-MM-DDTHH:MM:SSZ``, or ``YYYY-MM-DD`` for a date): sorts
    # in true time order as text (storyline.timeorder)
    Column("published_utc", String(32)),
    Column("headline_only", Boolean, nullable=False, default=False, server_default=false()),
)
Index("ix_articles_published", articles.c.published_utc, articles.c.id)
Index("ix_articles_story", articles.c.story_id)
Index("ix_articles_hash", articles.c.content_hash)
Index("ix_articles_url", articles.c.url)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_duplicate_of", articles.c.duplicate_of)

stage_runs = Table(
    "stage_runs",
    metadata,
    Column("article_id", String, ForeignKey("articles.id"), primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("status", String(8), nullable=False),  # done | failed
    Column("detail", Text),
    Column("at", String(32), nullable=False),
)
Index("ix_stage_runs_stage", stage_runs.c.stage, stage_runs.c.status)

# Story-level stages: which revision of a story each stage last ran on. A story's
# ``revision`` grows whenever its membership or its articles change, so a stage is
# pending for a story when it has not run on the current revision.
story_runs = Table(
    "story_runs",
    metadata,
    Column("story_id", String, _fk("stories.id"), primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("status", String(8), nullable=False),  # done | failed
    Column("revision", Integer, nullable=False),
    Column("detail", Text),
    Column("at", String(32), nullable=False),
)
Index("ix_story_runs_stage", story_runs.c.stage, story_runs.c.status)

# Earlier versions of an article that an update replaced (same id, same outlet or URL).
article_revisions = Table(
    "article_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, _fk("articles.id"), nullable=False),
    Column("input", Text, nullable=False),
    Column("line", Integer),
    Column("body", Text, nullable=False),
    Column("body_kind", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(32)),
    Column("metadata", JSON, nullable=False, default=dict),
    Column("ingested_at", String(32), nullable=False),  # when this version had come in
    Column("replaced_at", String(32), nullable=False),
)
Index("ix_article_revisions_article", article_revisions.c.article_id)

# Store-wide settings of the store itself (schema version).
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)

# Named leases: one process at a time runs the order-dependent stages of a store.
locks = Table(
    "locks",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("owner", String(64), nullable=False),  # host:pid:random
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("acquired_at", String(32), nullable=False),
    Column("heartbeat", Float, nullable=False),  # Unix time of the holder's last sign of life
)

ingest_problems = Table(
    "ingest_problems",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("where", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)
# recording a batch's problems reads only its (where, line) pairs: linear however many
Index("ix_ingest_problems_where_line", ingest_problems.c.where, ingest_problems.c.line)

# Short non-sentence lines (hashed) and how many cleaned articles carried each (clean stage).
line_counts = Table(
    "line_counts",
    metadata,
    Column("key", String(20), primary_key=True),
    Column("articles", Integer, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("merged_into", String),  # set when a merge retired this story
    Column("state", JSON, nullable=False, default=dict),
    Column("revision", Integer, nullable=False, default=0, server_default=text("0")),
)

story_log = Table(
    "story_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # open | join | merge | split | recluster
    Column("story_id", String, nullable=False),
    Column("other_id", String),
    Column("article_id", String),
    Column("score", Float),
    Column("detail", Text),
    Column("at", String(32), nullable=False),
)

# dedupe: one MinHash signature per article and its LSH band buckets (persistent LSH).
dedupe_signatures = Table(
    "dedupe_signatures",
    metadata,
    Column("article_id", String, ForeignKey("articles.id"), primary_key=True),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

dedupe_bands = Table(
    "dedupe_bands",
    metadata,
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("band", Integer, nullable=False),
    Column("bucket", String(16), nullable=False),
)
Index("ix_dedupe_bands_bucket", dedupe_bands.c.band, dedupe_bands.c.bucket)
Index("ix_dedupe_bands_article", dedupe_bands.c.article_id)

# stories: store-wide document frequencies (incremental IDF) and engine bookkeeping.
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("df", Integer, nullable=False),
)

story_meta = Table(
    "story_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("norm", Text, nullable=False),  # normalised key for cross-article matching
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(8)),
    Column("feature", String(16)),
    Column("geonameid", Integer),
    Column("attributes", JSON, nullable=False, default=dict),
)
Index("ix_entities_norm", entities.c.norm, entities.c.type)

# Every spelling an entity was seen under (its name included).
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", String, _fk("entities.id"), primary_key=True),
    Column("alias", Text, primary_key=True),
)

# People's roles ("deputy defence minister") with the sentence they were read from.
entity_roles = Table(
    "entity_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String, _fk("entities.id"), nullable=False),
    Column("article_id", String, _fk("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("role", Text, nullable=False),
    Column("sentence", Text, nullable=False),
)
Index("ix_entity_roles_entity", entity_roles.c.entity_id)
Index("ix_entity_roles_article", entity_roles.c.article_id)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("entity_id", String, ForeignKey("entities.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("role", Text),
)
Index("ix_entity_mentions_article", entity_mentions.c.article_id)
Index("ix_entity_mentions_entity", entity_mentions.c.entity_id)

date_mentions = Table(
    "date_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(32)),
    Column("precision", String(8)),
)
Index("ix_date_mentions_article", date_mentions.c.article_id)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("speaker", Text),
    Column("speaker_entity_id", String, _fk("entities.id")),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("cue", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", String(32)),
    Column("sentence", Text, nullable=False),
)
Index("ix_quotes_article", quotes.c.article_id)

numbers = Table(
    "numbers",
    metadata,
    Column("id", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("what", Text, nullable=False),
    Column("qualifier", String(32)),
    Column("unit", String(32)),
    Column("place", Text),
    Column("date", String(32)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
)
Index("ix_numbers_article", numbers.c.article_id)

# Tables a stage rebuilds for an article when it re-runs on it (delete then insert).
PER_ARTICLE_TABLES = {
    "enrich": (sentences, entity_mentions, entity_roles, date_mentions, quotes, numbers),
}
