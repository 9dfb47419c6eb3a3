"""The online story clustering engine: one article at a time, in publish order.

Each article is turned into a unit TF-IDF vector (IDF learned incrementally from the
articles seen so far) and an entity vector. Candidate stories come from an inverted
index over salient terms and entities of the active stories (most recently updated
first, a bounded number per key), never from all stories, so the cost per article
stays flat as the store grows. Each candidate is scored by text and entity cosine
against the story centroid, decayed by the time since the story was last updated;
a story dormant longer than ``max_gap_days`` leaves the index and absorbs nothing. That
time is counted in days with news (storyline.stories.newsdays): whole days on which the
store has no article at all do not count, so a story in a sparse corpus does not go
dormant while nothing else was reported either.
The article joins the best story at or above ``threshold``, or opens a new one.

With ``ClusterSettings.embeddings`` on, each story also keeps the sum of its members'
unit sentence embeddings (storyline.stories.embeddings; the features carry the vectors,
this module never loads a model) and the score blends in the cosine of the article's
embedding with the story's mean; candidates still come from the inverted index.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.settings import ClusterSettings
from storyline.stories.embeddings import from_state as emb_from_state
from storyline.stories.embeddings import to_state as emb_to_state
from storyline.stories.features import Features
from storyline.stories.newsdays import NewsDays

Vector = dict[str, float]
ENT = "@"  # prefix of entity keys in the shared vocabulary and index


def story_id_for(article_id: str) -> str:
    """Stories are named after the article that opened them: the same corpus, the same ids."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


class Vocabulary:
    """Document frequencies of terms and entity keys, learned one article at a time."""

    def __init__(self, df: dict[str, int] | None = None, n: int = 0) -> None:
        self.df: dict[str, int] = dict(df or {})
        self.n = n
        self.dirty: set[str] = set()

    def add(self, keys: Iterable[str]) -> None:
        self.n += 1
        for k in keys:
            self.df[k] = self.df.get(k, 0) + 1
            self.dirty.add(k)

    def idf(self, key: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(key, 0))) + 1.0


def vocabulary_keys(f: Features) -> list[str]:
    """The keys an article counts in the vocabulary: its terms and its entity keys."""
    keys = [*f.terms, *(t for t in f.body if t not in f.terms)]
    keys += [ENT + e for e in f.entities]
    keys += [ENT + e for e in f.body_entities if e not in f.entities]
    return keys


def unit(weights: Vector, limit: int) -> Vector:
    """The ``limit`` heaviest entries, scaled to unit length (ties broken by key)."""
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    norm = math.sqrt(sum(w * w for _, w in top))
    return {k: w / norm for k, w in top} if norm > 0 else {}


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def norm(v: Vector) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


@dataclass
class Story:
    """A story's running state: centroids (sums of member unit vectors), times, title."""

    id: str
    centroid: Vector = field(default_factory=dict)
    ents: Vector = field(default_factory=dict)
    size: int = 0
    first: float | None = None
    last: float | None = None
    title: str = ""
    title_article: str | None = None
    title_vec: Vector = field(default_factory=dict)
    title_headline: bool = False  # the title is a real headline, not a first sentence
    first_published: str | None = None  # earliest / latest member ``published`` strings
    last_published: str | None = None
    cnorm: float = 0.0
    enorm: float = 0.0
    keys: tuple[str, ...] = ()  # what the story is indexed under
    emb: np.ndarray | None = None  # sum of member unit embeddings (embeddings on only)
    emb_n: int = 0
    emb_norm: float = 0.0
    vectors: int = 0  # members whose vectors the centroid sums (copies add none)
    recent: list[Vector] = field(default_factory=list)  # latest members' top terms (unit)

    def cohesion(self) -> float | None:
        """The mean cosine between two members' term vectors, from the centroid alone
        (|sum of n unit vectors|^2 = n + the sum over ordered pairs of their cosines);
        None under two members."""
        n = self.vectors
        if n < 2:
            return None
        return (self.cnorm ** 2 - n) / (n * (n - 1))

    def gap(self, t: float | None) -> float:
        """Days between ``t`` and the story's span (0 inside it or when undated)."""
        if t is None or self.last is None or self.first is None:
            return 0.0
        if t > self.last:
            return t - self.last
        return max(0.0, self.first - t)

    def to_state(self) -> dict[str, Any]:
        return {
            "centroid": self.centroid, "ents": self.ents, "size": self.size, "first": self.first,
            "last": self.last, "title": self.title, "title_article": self.title_article,
            "title_vec": self.title_vec, "title_headline": self.title_headline,
            "first_published": self.first_published, "last_published": self.last_published,
            "vectors": self.vectors, "recent": self.recent,
        } | emb_to_state(self.emb, self.emb_n)

    @classmethod
    def from_state(cls, story_id: str, state: dict[str, Any]) -> Story:
        s = cls(
            story_id, dict(state.get("centroid", {})), dict(state.get("ents", {})),
            int(state.get("size", 0)), state.get("first"), state.get("last"),
            state.get("title", ""), state.get("title_article"), dict(state.get("title_vec", {})),
            bool(state.get("title_headline", False)), state.get("first_published"),
            state.get("last_published"),
        )
        s.cnorm, s.enorm = norm(s.centroid), norm(s.ents)
        s.vectors = int(state.get("vectors", s.size))
        s.recent = [dict(v) for v in state.get("recent", [])]
        s.emb, s.emb_n = emb_from_state(state)
        s.emb_norm = float(np.linalg.norm(s.emb)) if s.emb is not None else 0.0
        return s

    def add_embedding(self, v: np.ndarray | None, n: int = 1) -> None:
        """Add ``n`` members' embedding sum ``v`` to the story's."""
        if v is None or n <= 0:
            return
        self.emb = v.astype(np.float64) if self.emb is None else self.emb + v
        self.emb_n += n
        self.emb_norm = float(np.linalg.norm(self.emb))


def _span(s: Story, first: str | None, last: str | None) -> None:
    if first and (s.first_published is None or first < s.first_published):
        s.first_published = first
    if last and (s.last_published is None or last > s.last_published):
        s.last_published = last


@dataclass(frozen=True)
class Assignment:
    article_id: str
    story_id: str
    opened: bool
    score: float | None  # similarity to the joined story; None for a new or forced one
    candidates: int = 0


class Engine:
    """Online clustering state: vocabulary, active stories and their inverted index."""

    def __init__(self, cfg: ClusterSettings, vocab: Vocabulary | None = None,
                 now: float | None = None, days: NewsDays | None = None) -> None:
        self.cfg = cfg
        self.vocab = vocab or Vocabulary()
        self.now = now
        self.days = days if days is not None else NewsDays()
        self.active: dict[str, Story] = {}
        self.postings: dict[str, dict[str, None]] = {}
        self._expiry: list[tuple[float, str, float]] = []  # (check at + max gap, id, last)
        self.changed: dict[str, Story] = {}  # stories to write back (active or expired)
        self.merges: list[tuple[str, str, float]] = []  # (kept, retired, similarity)
        self.threshold = cfg.embedding_threshold if cfg.embeddings else cfg.threshold

    # -- vectors ---------------------------------------------------------------
    def vectors(self, f: Features, learn: bool = True) -> tuple[Vector, Vector]:
        """Unit TF-IDF term and entity vectors; ``learn`` first counts the article in the IDF.

        The lead (title and first words) and the rest of the body are weighted apart and
        added as unit vectors, the body's scaled by ``body_weight``: however long an
        article, its body weighs at most that much against its lead. (One vector over the
        whole text spreads a long article's weight over hundreds of details, so that two
        long reports of one story score lower with each other than two short ones.)
        """
        if learn:
            self.vocab.add(vocabulary_keys(f))
        c = self.cfg
        tv = self._weights(f.terms, f.body, "")
        ev = self._weights(f.entities, f.body_entities, ENT)
        return unit(tv, c.max_article_terms), unit(ev, c.max_article_entities)

    def _weights(self, lead: dict[str, float], body: dict[str, float], prefix: str) -> Vector:
        idf, power = self.vocab.idf, self.cfg.idf_power
        lv = {k: (1.0 + math.log(n)) * idf(prefix + k) ** power for k, n in lead.items() if n > 0}
        if not body:
            return lv
        bv = {k: (1.0 + math.log(n)) * idf(prefix + k) ** power for k, n in body.items() if n > 0}
        if not lv:
            return bv
        out = unit(lv, len(lv))
        for k, w in unit(bv, len(bv)).items():
            out[k] = out.get(k, 0.0) + self.cfg.body_weight * w
        return out

    # -- the index -------------------------------------------------------------
    def activate(self, s: Story) -> None:
        self.active[s.id] = s
        self._reindex(s)
        if s.last is not None:
            heapq.heappush(self._expiry, (s.last, s.id, s.last))

    def deactivate(self, story_id: str) -> Story | None:
        s = self.active.pop(story_id, None)
        if s is not None:
            for k in s.keys:
                post = self.postings.get(k)
                if post is not None:
                    post.pop(s.id, None)
                    if not post:
                        del self.postings[k]
            s.keys = ()
        return s

    def _reindex(self, s: Story) -> None:
        c = self.cfg
        top_t = sorted(s.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[: c.story_index_terms]
        top_e = sorted(s.ents.items(), key=lambda kv: (-kv[1], kv[0]))[: c.story_index_entities]
        keys = [k for k, _ in top_t] + [ENT + k for k, _ in top_e]
        if c.member_index_terms > 0:  # a grown story is also found by its latest members
            for v in s.recent:
                keys += [k for k, _ in sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))
                         [: c.member_index_terms]]
        keys = list(dict.fromkeys(keys))
        for k in set(s.keys) - set(keys):
            post = self.postings.get(k)
            if post is not None:
                post.pop(s.id, None)
                if not post:
                    del self.postings[k]
        for k in keys:  # move to the most-recent end of every posting list
            post = self.postings.setdefault(k, {})
            post.pop(s.id, None)
            post[s.id] = None
        s.keys = tuple(keys)

    def expire(self, t: float | None) -> list[str]:
        """Advance the clock to ``t``; stories dormant for more than max_gap leave the index."""
        if t is None:
            return []
        self.now = t if self.now is None else max(self.now, t)
        gone = []
        max_gap = self.cfg.max_gap_days
        while self._expiry and self._expiry[0][0] + max_gap < self.now:
            _key, sid, last = heapq.heappop(self._expiry)
            s = self.active.get(sid)
            if s is None or s.last != last:
                continue  # retired, or updated since (a later entry stands for it)
            g = self.gap(s, self.now)
            if g > max_gap:
                self.deactivate(sid)
                gone.append(sid)
            else:  # days without news: look again when the news days could make it dormant
                heapq.heappush(self._expiry, (self.now - g, sid, last))
        return gone

    def gap(self, s: Story, t: float | None) -> float:
        """Days between ``t`` and the story's span, less the whole days with no article."""
        g = s.gap(t)
        if t is None or g <= 1.0 or s.last is None or s.first is None:
            return g
        lo, hi = (s.last, t) if t > s.last else (t, s.first)
        return self.days.gap(g, lo, hi)

    def candidates(self, tv: Vector, ev: Vector) -> list[str]:
        c = self.cfg
        keys = sorted(tv.items(), key=lambda kv: (-kv[1], kv[0]))[: c.index_terms]
        keys += [(ENT + k, w) for k, w in sorted(ev.items(), key=lambda kv: (-kv[1], kv[0]))
                 [: c.index_entities]]
        acc: dict[str, float] = {}
        for k, w in keys:
            post = self.postings.get(k)
            if not post:
                continue
            for n, sid in enumerate(reversed(post)):
                if n >= c.posting_cap:
                    break
                acc[sid] = acc.get(sid, 0.0) + w
        best = heapq.nlargest(c.candidates, acc.items(), key=lambda kv: (kv[1], kv[0]))
        return [sid for sid, _ in best]

    # -- scoring ---------------------------------------------------------------
    def similarity(self, s: Story, tv: Vector, ev: Vector, t: float | None,
                   emb: np.ndarray | None = None) -> float:
        """Decayed similarity; ``emb`` (embeddings on) blends in the embedding cosine with
        the story's mean when the story has one (a story stored before embeddings were
        turned on is scored lexically until it gains members)."""
        c = self.cfg
        gap = self.gap(s, t)
        if gap > c.max_gap_days:
            return 0.0
        link = self.member_link(s, tv)
        if t is None and s.vectors >= c.cohesion_min_members and \
                (s.cohesion() or 0.0) < c.min_cohesion and not link:
            # an undated article and a story that has lost its thread (see add), unless the
            # article is close to one of the story's latest members
            return 0.0
        text = dot(tv, s.centroid) / s.cnorm if s.cnorm else 0.0
        text = max(text, link)
        if ev and s.ents and s.enorm:
            sim = (1 - c.entity_weight) * text + c.entity_weight * dot(ev, s.ents) / s.enorm
        else:
            sim = text
        if emb is not None and s.emb is not None and s.emb_norm > 0:
            cos = float(np.dot(emb, s.emb)) / s.emb_norm
            sim = (1 - c.embedding_weight) * sim + c.embedding_weight * cos
        return sim * 0.5 ** (gap / c.half_life_days)

    def member_link(self, s: Story, tv: Vector) -> float:
        """The article's best cosine with one of the story's latest members when it reaches
        ``member_threshold`` (both vectors of ``member_min_terms`` terms or more), else 0."""
        c = self.cfg
        if len(tv) < c.member_min_terms:
            return 0.0
        best = max((dot(tv, v) for v in s.recent if len(v) >= c.member_min_terms), default=0.0)
        return best if best >= c.member_threshold else 0.0

    def _embedding(self, f: Features) -> np.ndarray | None:
        return f.embedding if self.cfg.embeddings else None

    # -- assignment ------------------------------------------------------------
    def assign(self, f: Features, tick: bool = True) -> Assignment:
        """Put one article in the best active story, or open a new one. ``tick=False``: the
        caller has already advanced the clock (and may have re-activated old stories)."""
        if tick:
            self.expire(f.time)
        tv, ev = self.vectors(f)
        emb = self._embedding(f)
        cands = self.candidates(tv, ev)
        scored = sorted(((self.similarity(self.active[sid], tv, ev, f.time, emb), sid)
                         for sid in cands), key=lambda x: (-x[0], x[1]))
        if scored and scored[0][0] >= self.threshold:
            best_score, best_id = scored[0]
            best = self.active[best_id]
            self.add(best, f, tv, ev, emb)
            for sc, other in scored[1 : 1 + self.cfg.merge_candidates]:
                if sc < self.threshold * self.cfg.merge_floor:
                    break
                self._maybe_merge(best, self.active.get(other))
            return Assignment(f.id, best.id, False, best_score, len(cands))
        s = Story(story_id_for(f.id))
        self.add(s, f, tv, ev, emb)
        return Assignment(f.id, s.id, True, None, len(cands))

    def join(self, story: Story, f: Features, update_centroid: bool = False) -> Assignment:
        """Put an article in a given story (a duplicate joins its canonical's story)."""
        self.expire(f.time)
        tv, ev = self.vectors(f)
        emb = self._embedding(f)
        if not update_centroid:
            tv, ev, emb = {}, {}, None
        self.add(story, f, tv, ev, emb)
        return Assignment(f.id, story.id, False, None, 0)

    def add(self, s: Story, f: Features, tv: Vector, ev: Vector,
            emb: np.ndarray | None = None) -> None:
        """Add an article to a story.

        The centroid is the sum of the members' unit vectors, so the story drifts as it
        grows; when it has drifted into a catch-all (members that share only generic words:
        "president", "house", "said") its members' mean cosine, :meth:`Story.cohesion`,
        falls. Time keeps dated stories apart (decay, dormancy); an undated article has no
        time, so a story whose cohesion has fallen under ``min_cohesion`` takes no undated
        article, and no merge may leave a story under it.
        """
        s.add_embedding(emb)
        c = self.cfg
        if tv:
            s.vectors += 1
            if c.member_links > 0:
                member = {k: round(w, 5) for k, w in unit(tv, c.member_terms).items()}
                s.recent = [*s.recent, member][-c.member_links:]
        for k, w in tv.items():
            s.centroid[k] = s.centroid.get(k, 0.0) + w
        for k, w in ev.items():
            s.ents[k] = s.ents.get(k, 0.0) + w
        if len(s.centroid) > c.max_story_terms:
            s.centroid = dict(sorted(s.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
                              [: c.max_story_terms])
        if len(s.ents) > c.max_story_entities:
            s.ents = dict(sorted(s.ents.items(), key=lambda kv: (-kv[1], kv[0]))
                          [: c.max_story_entities])
        s.cnorm, s.enorm = norm(s.centroid), norm(s.ents)
        s.size += 1
        if f.time is not None:
            self.days.add(f.time)
            s.first = f.time if s.first is None else min(s.first, f.time)
            s.last = f.time if s.last is None else max(s.last, f.time)
        _span(s, f.published, f.published)
        self._update_title(s, f, tv)
        self.activate(s)
        self.changed[s.id] = s

    def _update_title(self, s: Story, f: Features, tv: Vector) -> None:
        """The title is the headline of the member most similar to the centroid; a member
        without a headline (its first sentence stands in) only until one has one."""
        if not f.title or not tv:
            if not s.title:
                s.title, s.title_article = f.title, f.id
            return
        if s.title and s.title_headline and not f.headline:
            return
        new = dot(tv, s.centroid)
        old = dot(s.title_vec, s.centroid) if s.title_vec else -1.0
        if new > old or (f.headline and not s.title_headline):
            s.title_headline = f.headline
            s.title, s.title_article = f.title, f.id
            s.title_vec = unit(tv, self.cfg.title_terms)

    def _maybe_merge(self, s: Story, other: Story | None) -> None:
        """An article that matches two stories may show they are one: merge them when their
        centroids are close enough (``merge_threshold``)."""
        if other is None or other.id == s.id or self.cfg.merge_threshold > 1.0:
            return
        sim = dot(s.centroid, other.centroid) / (s.cnorm * other.cnorm) if s.cnorm and other.cnorm else 0.0
        if sim >= self.cfg.merge_threshold and self._cohesive_union(s, other):
            keep, gone = (s, other) if (s.size, other.id) >= (other.size, s.id) else (other, s)
            self.merge(keep, gone)
            self.merges.append((keep.id, gone.id, sim))

    def _cohesive_union(self, a: Story, b: Story) -> bool:
        """The two stories merged keep a mean member cosine of ``min_cohesion`` or more."""
        n = a.vectors + b.vectors
        if n < max(2, self.cfg.cohesion_min_members):
            return True
        joint = a.cnorm ** 2 + b.cnorm ** 2 + 2 * dot(a.centroid, b.centroid)
        return (joint - n) / (n * (n - 1)) >= self.cfg.min_cohesion

    def merge(self, keep: Story, gone: Story) -> None:
        """Fold ``gone`` into ``keep`` (centroids add up, spans join)."""
        self.deactivate(gone.id)
        for k, w in gone.centroid.items():
            keep.centroid[k] = keep.centroid.get(k, 0.0) + w
        for k, w in gone.ents.items():
            keep.ents[k] = keep.ents.get(k, 0.0) + w
        keep.cnorm, keep.enorm = norm(keep.centroid), norm(keep.ents)
        keep.add_embedding(gone.emb, gone.emb_n)
        keep.size += gone.size
        keep.vectors += gone.vectors
        keep.recent = [*keep.recent, *gone.recent][-self.cfg.member_links:] \
            if self.cfg.member_links > 0 else []
        times = [t for t in (keep.first, keep.last, gone.first, gone.last) if t is not None]
        if times:
            keep.first, keep.last = min(times), max(times)
        _span(keep, gone.first_published, gone.last_published)
        if gone.title_vec and dot(gone.title_vec, keep.centroid) > dot(keep.title_vec, keep.centroid):
            keep.title, keep.title_article, keep.title_vec = (
                gone.title, gone.title_article, gone.title_vec)
        self.activate(keep)
        self.changed[keep.id] = keep
        self.changed.pop(gone.id, None)
