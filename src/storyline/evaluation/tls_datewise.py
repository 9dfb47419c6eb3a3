"""A date-wise timeline of a topic from what the store holds (news-tls's date-wise method:
rank dates by how much the coverage refers to them, then summarise each chosen date).

What is read (:func:`read_collection`): the articles' publish dates, their sentences, the
day-precision dates the enrich stage normalised in each sentence (``date_mentions``) and
the story events with an exact day (``story_events``, with how many independent reports
tell each).

- **Candidate dates**: the days within the gold timeline's span (news-tls's input span:
  only articles published in it are read) that a sentence names or an article is
  published on.
- **Date score**: a weighted sum of what refers to the day: the sentences that name it,
  the articles that name it (the earlier the article, the more an earlier article naming
  it says it was news then: sentences naming it in articles published after it count
  once more), the articles published on it and the day after, and the independent
  reports of events dated on it. The weights (:class:`Weights`) were chosen on the dev
  half of the topics (see the eval module).
- **Sentences of a date** (news-tls's "PM-mean" collector): the sentences whose first day
  is the date, and the first sentences (six) of articles published on it or the day after
  that name no day, each only if it can stand on its own (the brief's rules,
  :func:`storyline.brief.candidates.reject_reason`: 8 to 60 words, no fragments,
  questions, quotes, comment time stamps or other furniture; a dateline taken off the
  front); the summary takes ``k`` of them by how close the growing summary's TF-IDF
  vector stays to the date's centroid (news-tls ``CentroidOpt``), never two near copies.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import Connection, select

from storyline.brief.candidates import reject_reason, usable_span
from storyline.store import schema as S

LEAD_SENTENCES = 6  # news-tls: j <= clip_sents (5)
PUB_DAYS = 2  # an article's lead sentences count for its publish day and the day before
MIN_WORDS = 8  # a sentence a summary may take: 8 to 60 words, at most half of it quoted
MAX_WORDS = 60
MAX_QUOTE_SHARE = 0.5
MAX_SIM = 0.9  # near copies


@dataclass(frozen=True, slots=True)
class Sent:
    article_id: str
    idx: int
    text: str
    published: dt.date
    day: dt.date | None  # the first day-precision date the sentence names


@dataclass
class Collection:
    published: dict[str, dt.date] = field(default_factory=dict)
    sents: list[Sent] = field(default_factory=list)
    event_reports: Counter[dt.date] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Weights:
    sents: float = 1.0
    docs: float = 1.0
    docs_after: float = 1.0
    published: float = 0.5
    published_next: float = 0.5
    events: float = 0.5


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_collection(conn: Connection) -> Collection:
    """Every article of the store, with its sentences and the days they name."""
    a, s, d = S.articles, S.sentences, S.date_mentions
    coll = Collection()
    for aid, pub in conn.execute(select(a.c.id, a.c.published).where(a.c.duplicate_of.is_(None))):
        day = _day(pub)
        if day is not None:
            coll.published[aid] = day
    first: dict[tuple[str, int], dt.date] = {}
    q = (select(d.c.article_id, d.c.sentence_idx, d.c.value)
         .where(d.c.precision == "day").order_by(d.c.article_id, d.c.sentence_idx, d.c.start))
    for aid, idx, value in conn.execute(q):
        day = _day(value)
        if day is not None:
            first.setdefault((aid, idx), day)
    for aid, idx, text in conn.execute(select(s.c.article_id, s.c.idx, s.c.text)
                                       .order_by(s.c.article_id, s.c.idx)):
        if aid in coll.published:
            coll.sents.append(Sent(aid, idx, text, coll.published[aid], first.get((aid, idx))))
    ev, em = S.story_events, S.story_event_mentions
    reports: dict[str, set[str]] = defaultdict(set)
    for eid, aid in conn.execute(select(em.c.event_id, em.c.article_id)):
        reports[eid].add(aid)
    for eid, date, prec in conn.execute(select(ev.c.id, ev.c.date, ev.c.date_precision)):
        day = _day(date)
        if day is not None and prec == "day":
            coll.event_reports[day] += len(reports[eid])
    return coll


def date_scores(coll: Collection, start: dt.date, end: dt.date,
                w: Weights = Weights()) -> dict[dt.date, float]:
    """Each candidate day in [start, end] and its score (articles published in the span)."""
    sents: Counter[dt.date] = Counter()
    after: Counter[dt.date] = Counter()
    docs: dict[dt.date, set[str]] = defaultdict(set)
    for s in coll.sents:
        if not start <= s.published <= end or s.day is None or not start <= s.day <= end:
            continue
        sents[s.day] += 1
        docs[s.day].add(s.article_id)
        if s.published > s.day:
            after[s.day] += 1
    pubs = Counter(p for p in coll.published.values() if start <= p <= end)
    days = set(sents) | set(pubs)
    return {d: w.sents * sents[d] + w.docs * len(docs[d]) + w.docs_after * after[d]
            + w.published * pubs[d] + w.published_next * pubs[d + dt.timedelta(days=1)]
            + w.events * coll.event_reports[d] for d in days}


def summary_text(text: str) -> str | None:
    """The sentence as a timeline may quote it (a dateline or label taken off the front),
    or None when it cannot stand on its own (the brief's rules: a fragment, a question, a
    quote, first or second person, site furniture such as comment time stamps)."""
    start, end = usable_span(text)
    text = text[start:end]
    return None if reject_reason(text, MIN_WORDS, MAX_WORDS, MAX_QUOTE_SHARE) else text


def candidates(coll: Collection, start: dt.date, end: dt.date) -> dict[dt.date, list[Sent]]:
    """news-tls's PM collector: per day, the sentences naming it and the undated lead
    sentences of the articles published on it or the day after (those that can stand in
    a summary)."""
    out: dict[dt.date, list[Sent]] = defaultdict(list)
    for s in coll.sents:
        if not start <= s.published <= end:
            continue
        text = summary_text(s.text)
        if text is None:
            continue
        s = replace(s, text=text)
        if s.day is not None:
            out[s.day].append(s)
        elif s.idx < LEAD_SENTENCES:
            for k in range(PUB_DAYS):
                out[s.published - dt.timedelta(days=k)].append(s)
    return out


def summarise(texts: Sequence[str], k: int, vectorizer: TfidfVectorizer) -> list[str]:
    """``k`` sentences whose TF-IDF sum stays closest to the centroid (news-tls
    ``CentroidOpt``), never one too like a sentence already taken (rows are unit
    vectors: ``|t + x|^2 = |t|^2 + 2 t.x + 1``)."""
    if not texts:
        return []
    x = vectorizer.transform(list(texts)).tocsr()  # l2-normalised rows
    centroid = np.asarray(x.sum(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return []
    centroid /= norm
    to_centroid = x @ centroid  # x_i . c
    sq = np.asarray(x.multiply(x).sum(axis=1)).ravel()  # |x_i|^2 (1, or 0 for no words)
    chosen: list[int] = []
    total = np.zeros(x.shape[1])
    total_c, total_sq = 0.0, 0.0
    alive = np.ones(len(texts), dtype=bool)
    while alive.any() and len(chosen) < k:
        dots = x @ total  # x_i . t
        length = np.sqrt(np.maximum(total_sq + 2 * dots + sq, 1e-12))
        score = np.where(alive, (total_c + to_centroid) / length, -np.inf)
        best = int(np.argmax(score))
        alive[best] = False
        if chosen and float((x[chosen] @ x[best].T).max()) > MAX_SIM:
            continue
        chosen.append(best)
        row = x[best].toarray().ravel()
        total_sq += 2 * float(dots[best]) + float(sq[best])
        total += row
        total_c += float(to_centroid[best])
    return [texts[i] for i in chosen]


def predict(coll: Collection, start: dt.date, end: dt.date, n_dates: int, k: int,
            w: Weights = Weights()) -> dict[dt.date, list[str]]:
    """A timeline of ``n_dates`` days in [start, end], ``k`` sentences a day."""
    scores = date_scores(coll, start, end, w)
    pool = candidates(coll, start, end)
    texts = [s.text for s in coll.sents if start <= s.published <= end]
    vectorizer = TfidfVectorizer(stop_words="english", lowercase=True)
    if texts:
        vectorizer.fit(texts)
    out: dict[dt.date, list[str]] = {}
    for d in sorted(scores, key=lambda d: (-scores[d], d)):
        if len(out) >= n_dates:
            break
        sents = list(dict.fromkeys(s.text for s in pool.get(d, [])))
        summary = summarise(sents, k, vectorizer) if texts else []
        if summary:
            out[d] = summary
    return out
