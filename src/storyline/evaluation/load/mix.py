"""What the load run's clients ask for: story reads (the listing, a story, its brief, an
article, the web UI's pages) and ingests of new generated articles. Pure: picks requests,
sends nothing."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass

from storyline.evaluation.hardening.corpus import OUTLETS, PEOPLE, ROLES, TOPICS, WEEKDAYS

# kind -> weight among a reader's requests
READ_WEIGHTS: dict[str, int] = {"list": 2, "story": 3, "brief": 2, "article": 1, "page": 2}
READS: tuple[str, ...] = tuple(READ_WEIGHTS)
GROUPS: dict[str, tuple[str, ...]] = {"all reads": READS}


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    params: dict[str, str] | None = None
    body: bytes | None = None


@dataclass(frozen=True)
class Targets:
    """Ids the readers pick from (read from the server before the run)."""
    stories: tuple[str, ...]
    articles: tuple[str, ...]
    words: tuple[str, ...]  # words of story titles, for searches


def read_request(rng: random.Random, t: Targets) -> Request:
    kind = rng.choices(READS, weights=[READ_WEIGHTS[k] for k in READS])[0]
    story = rng.choice(t.stories)
    if kind == "list":
        params = rng.choice(({}, {"q": rng.choice(t.words)}, {"order": "size"},
                             {"limit": "10", "offset": "10"}, {"since": "2026-03-05"}))
        return Request(kind, "GET", "/api/stories", params)
    if kind == "story":
        return Request(kind, "GET", f"/api/stories/{story}")
    if kind == "brief":
        return Request(kind, "GET", f"/api/stories/{story}/brief",
                       {"format": rng.choice(("json", "md", "html"))})
    if kind == "article":
        return Request(kind, "GET", f"/api/articles/{rng.choice(t.articles)}")
    path = rng.choice(("/", f"/stories/{story}", f"/articles/{rng.choice(t.articles)}"))
    return Request(kind, "GET", path)


def new_article(rng: random.Random, article_id: str, start: dt.date = dt.date(2026, 3, 1),
                days: int = 12) -> dict[str, str]:
    """A new article on one of the generated corpus's topics (so it joins or starts a
    story), with its own numbers and people; every word made up."""
    name, place, templates = rng.choice(TOPICS)
    day = start + dt.timedelta(days=rng.randint(0, days))
    sentences = rng.sample(templates, k=rng.randint(3, len(templates)))
    text = " ".join(s.format(place=place, day=rng.choice(WEEKDAYS), n=rng.randint(2, 400),
                             m=rng.randint(2, 900), who=rng.choice(PEOPLE), role=rng.choice(ROLES))
                    for s in sentences)
    return {"id": article_id, "source": rng.choice(OUTLETS), "text": text,
            "title": f"{name} in {place}: {rng.choice(('new figures', 'evening update', 'reaction'))}",
            "published": f"{day.isoformat()}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00Z"}


def ingest_request(rng: random.Random, article_id: str) -> Request:
    body = json.dumps(new_article(rng, article_id)).encode("utf-8")
    return Request("ingest", "POST", "/api/ingest", body=body)
