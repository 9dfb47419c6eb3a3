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
    BigInteger,
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

SCHEMA_VERSION = 10


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
    # Arrival order in this store (1, 2, ...): breaks publish-time ties, so undated articles
    # (and those of one date) are taken in the order their inputs gave them, not by id
    Column("arrival", BigInteger),
)
Index("ix_articles_published", articles.c.published_utc, articles.c.id)
Index("ix_articles_order", articles.c.published_utc, articles.c.arrival, articles.c.id)
Index("ix_articles_arrival", articles.c.arrival)
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
    # what is counted in lemmas, for matching figures across articles ("people|killed")
    Column("kind", Text),
    Column("high", Float),  # a range's high end ("between 100,000 and 200,000")
    Column("holder", Text),  # whose figure it is, when the sentence names it
)
Index("ix_numbers_article", numbers.c.article_id)

# Attributions in the broad sense (PolNeAR's): source, cue and content spans of the clean
# text; ``speech``: the cue is a verb of saying (the quotes table is made from those).
attributions = Table(
    "attributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("inherited", Boolean, nullable=False, default=False, server_default=false()),
    Column("speech", Boolean, nullable=False, default=False, server_default=false()),
)
Index("ix_attributions_article", attributions.c.article_id)

# brief: each story's cited brief, one row per sentence in reading order (the brief stage
# rebuilds a story's rows whenever the story changes). No foreign key to ``stories``: a
# recluster forgets every story at once, and the next brief run clears what is left.
story_briefs = Table(
    "story_briefs",
    metadata,
    Column("story_id", String, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("article_id", String, nullable=False),  # the article the text is quoted from
    Column("sentence_idx", Integer),  # its sentence; None for a headline
    Column("article_ids", JSON, nullable=False, default=list),  # every article stating it
    Column("revision", Integer, nullable=False),  # the story's revision it was written at
)

# corroborate (a story-level stage): a story's figures grouped by the quantity they state,
# each group judged (storyline.corroborate.numbers); a group's figures are rows of
# ``numbers``. No foreign keys to stories or figures: enrich rewrites figures and a
# recluster rebuilds stories, and the stage runs again on every story they change
# (clearing the groups of stories that are gone).
number_groups = Table(
    "number_groups",
    metadata,
    Column("id", String, primary_key=True),
    Column("story_id", String, nullable=False),
    Column("idx", Integer, nullable=False),  # order in the story
    Column("what", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("unit", String(32)),
    Column("value", Float, nullable=False),
    Column("qualifier", String(32)),
    Column("place", Text),
    Column("date", String(32)),
    Column("holder", Text),
    Column("event_id", String),  # the event the figures are part of (the events stage)
    Column("status", String(16), nullable=False),  # corroborated | single-source | conflicting
    Column("trend", String(8)),  # rising | falling, for a conflict whose values moved one way
    Column("reports", Integer, nullable=False),  # independent reports
    Column("detail", JSON, nullable=False, default=dict),  # values, conservative
)
Index("ix_number_groups_story", number_groups.c.story_id, number_groups.c.idx)

number_group_members = Table(
    "number_group_members",
    metadata,
    Column("group_id", String, _fk("number_groups.id"), primary_key=True),
    Column("number_id", String, primary_key=True),
    Column("article_id", String, nullable=False),
)

quote_groups = Table(
    "quote_groups",
    metadata,
    Column("id", String, primary_key=True),
    Column("story_id", String, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("speaker", Text),
    Column("speaker_entity_id", String),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("article_id", String, nullable=False),  # the earliest article carrying it
    Column("date", String(32)),
    Column("speaker_disputed", Boolean, nullable=False, default=False),
    Column("reports", Integer, nullable=False),
    Column("detail", JSON, nullable=False, default=dict),  # article ids, sources, speakers
)
Index("ix_quote_groups_story", quote_groups.c.story_id, quote_groups.c.idx)

quote_group_members = Table(
    "quote_group_members",
    metadata,
    Column("group_id", String, _fk("quote_groups.id"), primary_key=True),
    Column("quote_id", String, primary_key=True),
    Column("article_id", String, nullable=False),
)

# Tables a stage rebuilds for an article when it re-runs on it (delete then insert).
PER_ARTICLE_TABLES: dict[str, tuple[Table, ...]] = {
    "enrich": (sentences, entity_mentions, entity_roles, date_mentions, quotes, numbers,
               attributions),
}

# events: PLOVER event mentions, one per trigger clause, written by the enrich stage (see
# storyline.records.EventMention). Rows with ``dropped`` NULL are coded events; the others
# keep what was read but not coded (negated, hypothetical, question, denied, content).
event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", String, primary_key=True),  # "{article_id}:v{n}"
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("category", String(16), nullable=False),
    Column("mode", String(24)),
    Column("content", String(16)),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("actor", Text),
    Column("actor_entity_id", String, _fk("entities.id")),
    Column("actor_entity_ids", JSON, nullable=False, default=list),
    Column("recipient", Text),
    Column("recipient_entity_id", String, _fk("entities.id")),
    Column("recipient_entity_ids", JSON, nullable=False, default=list),
    Column("place", Text),
    Column("place_entity_id", String, _fk("entities.id")),
    Column("date", String(32)),
    Column("date_precision", String(10)),
    # the date is the reporting clause's ("..., officials said on Tuesday"), not the event's
    Column("date_reported", Boolean, nullable=False, default=False, server_default=false()),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hypothetical", Boolean, nullable=False, default=False),
    Column("dropped", String(16)),
)
Index("ix_event_mentions_article", event_mentions.c.article_id)
Index("ix_event_mentions_category", event_mentions.c.category, event_mentions.c.dropped)
PER_ARTICLE_TABLES["enrich"] = (*PER_ARTICLE_TABLES["enrich"], event_mentions)

# events stage: a story's events, each the mentions of one real event across its articles
# (storyline.events.merge), rebuilt whenever the story changes. ``story_id`` is no foreign
# key: a recluster forgets every story before the stage runs again on the new ones.
story_events = Table(
    "story_events",
    metadata,
    Column("id", String, primary_key=True),  # "ev:" + the id of its first mention
    Column("story_id", String, nullable=False),
    Column("seq", Integer, nullable=False),  # the order each event was first told
    Column("date", String(32)),
    Column("date_precision", String(10)),  # day | month | year | published
    Column("category", String(16), nullable=False),
    Column("mode", String(24)),
    Column("actor", Text),
    Column("actor_entity_id", String, _fk("entities.id")),
    Column("target", Text),
    Column("target_entity_id", String, _fk("entities.id")),
    Column("place", Text),
    Column("place_entity_id", String, _fk("entities.id")),
    Column("description", Text, nullable=False),
    Column("trigger", Text, nullable=False),
)
Index("ix_story_events_story", story_events.c.story_id)

# The mentions of each story event (an ``event_mentions`` row, by id) and how each joined:
# coded | anaphor | unnamed.
story_event_mentions = Table(
    "story_event_mentions",
    metadata,
    Column("event_id", String, primary_key=True),
    Column("mention_id", String, primary_key=True),
    Column("story_id", String, nullable=False),
    Column("article_id", String, _fk("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("link", String(8), nullable=False),
)
Index("ix_story_event_mentions_story", story_event_mentions.c.story_id)
Index("ix_story_event_mentions_sentence", story_event_mentions.c.article_id,
      story_event_mentions.c.sentence_idx)

# positions: stated stances per article (written by the enrich stage, see
# storyline.records.PositionMention), and per story, grouped by actor x issue x stance
# (written by the story-level ``positions`` stage, storyline.positions.stage).
position_mentions = Table(
    "position_mentions",
    metadata,
    Column("id", String, primary_key=True),  # "{article_id}:p{n}"
    Column("article_id", String, ForeignKey("articles.id"), nullable=False),
    Column("sentence_idx", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("stance", String(12), nullable=False),
    Column("base_stance", String(12)),
    Column("condition", Text),
    Column("issue", Text, nullable=False),
    Column("issue_key", JSON, nullable=False, default=list),
    Column("issue_names", JSON, nullable=False, default=list),
    Column("cue", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("actor", Text, nullable=False),
    Column("actor_text", Text, nullable=False),
    Column("actor_via", String(12), nullable=False),
    Column("actor_entity_id", String, _fk("entities.id")),
    Column("negated", Boolean, nullable=False, default=False),
    Column("detail", Text, nullable=False),
    Column("date", String(32)),
    Column("date_precision", String(10)),
    Column("reported_by", Text),
)
Index("ix_position_mentions_article", position_mentions.c.article_id)
PER_ARTICLE_TABLES["enrich"] = (*PER_ARTICLE_TABLES["enrich"], position_mentions)

story_positions = Table(
    "story_positions",
    metadata,
    Column("id", String, primary_key=True),  # "{story_id}:p{n}"
    # no foreign key: a recluster forgets stories; the stage replaces or sweeps their rows
    Column("story_id", String, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("actor", Text, nullable=False),
    Column("actor_entity_id", String, _fk("entities.id")),
    Column("issue", Text, nullable=False),
    Column("issue_key", JSON, nullable=False, default=list),
    Column("stance", String(12), nullable=False),
    Column("base_stance", String(12)),
    Column("conditions", JSON, nullable=False, default=list),
    Column("detail", Text, nullable=False),
    Column("date", String(32)),
    Column("date_precision", String(10)),
    Column("first_reported", String(32)),
    Column("sources", JSON, nullable=False, default=list),
    Column("reports", Integer, nullable=False, default=0),
    Column("article_ids", JSON, nullable=False, default=list),
    Column("mentions", JSON, nullable=False, default=list),
    Column("history", JSON, nullable=False, default=list),
    Column("side", Text),  # the country the actor speaks for
    Column("side_entity_id", String),
)
Index("ix_story_positions_story", story_positions.c.story_id, story_positions.c.idx)
