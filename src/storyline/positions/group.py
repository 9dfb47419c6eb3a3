"""A story's positions: its articles' position mentions grouped by actor x issue x stance,
with their sources, dates and mentions in time order (pure: records in, records out).

- **actor**: the same entity (a mention's actor with no entity id takes the id another
  mention of the story gives the same name);
- **issue**: mentions of one actor whose issue keys match are one issue: the same head
  word, or the shorter key's head among the longer key's words with half its words
  shared, and no different things named ("NATO membership" ~ "drop hopes of joining
  NATO", not ~ "EU membership"). Candidates are found through an index of key words, so
  a story is read in one pass, not pair by pair;
- **stance**: one group per stance the actor took on the issue; ``history`` lists the
  actor's stances on the issue in time order (consecutive mentions of one stance folded),
  so a move (an offer, then a rejection) reads as one;
- **sources**: each outlet once; a syndicated copy (``duplicate_of``) counts as its
  original's report, never as a source of its own; ``reports`` counts independent reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.outlets import provenance, story_sources
from storyline.records import Article

MIN_SHARE = 0.5  # shared key words / words of the shorter key
MAX_COMPARE = 20  # members of an issue compared with a new mention


@dataclass(frozen=True, slots=True)
class StoredPosition:
    """A position mention as the store holds it (``position_mentions``)."""

    id: str
    article_id: str
    sentence_idx: int
    sentence: str
    stance: str
    issue: str
    issue_key: tuple[str, ...]
    issue_names: tuple[str, ...]
    actor: str
    actor_entity_id: str | None
    cue: str = ""
    detail: str = ""
    date: str | None = None
    date_precision: str | None = None
    base_stance: str | None = None
    condition: str | None = None
    reported_by: str | None = None


@dataclass
class Position:
    actor: str
    actor_entity_id: str | None
    issue: str
    issue_key: tuple[str, ...]
    stance: str
    base_stance: str | None
    detail: str
    date: str | None
    date_precision: str | None
    first_reported: str | None
    sources: list[str]
    reports: int
    article_ids: list[str]
    mentions: list[dict[str, Any]]
    conditions: list[str] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    side: str | None = None  # the country the actor speaks for (itself, for a country)
    side_entity_id: str | None = None


def issues_match(a_key: Sequence[str], a_names: Sequence[str], b_key: Sequence[str],
                 b_names: Sequence[str]) -> bool:
    """Two issue keys (head word first) name one issue: the same head word, or the head
    of the shorter key is a word of the longer and they share at least half the shorter;
    never when they name different things."""
    if not a_key or not b_key:
        return False
    na, nb = set(a_names), set(b_names)
    if na and nb and not na & nb:
        return False  # "NATO membership" is not "EU membership"
    if a_key[0] == b_key[0]:
        return True
    short, long_ = (a_key, b_key) if len(a_key) <= len(b_key) else (b_key, a_key)
    shared = set(short) & set(long_)
    return short[0] in long_ and len(shared) / len(short) >= MIN_SHARE


class _Issues:
    """The issues of one actor, found through an index of their key words."""

    def __init__(self) -> None:
        self.members: list[list[StoredPosition]] = []
        self.index: dict[str, list[int]] = {}

    def add(self, m: StoredPosition) -> int:
        seen: set[int] = set()
        for word in m.issue_key:
            for n in self.index.get(word, ()):
                if n in seen:
                    continue
                seen.add(n)
                if any(issues_match(m.issue_key, m.issue_names, o.issue_key, o.issue_names)
                       for o in self.members[n][:MAX_COMPARE]):
                    self._put(n, m)
                    return n
        self.members.append([])
        n = len(self.members) - 1
        self._put(n, m)
        return n

    def _put(self, n: int, m: StoredPosition) -> None:
        self.members[n].append(m)
        for word in m.issue_key:
            ids = self.index.setdefault(word, [])
            if not ids or ids[-1] != n:
                ids.append(n)


def group_positions(mentions: Sequence[StoredPosition], articles: Sequence[Article],
                    names: dict[str, str] | None = None,
                    sides: dict[str, tuple[str, str | None]] | None = None) -> list[Position]:
    """The story's positions in time order (see the module's docstring). ``articles``: the
    story's articles in publish order; ``names``: stored entity names by id; ``sides``:
    {actor entity id: (side name, side entity id)}."""
    order = {a.id: n for n, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    mentions = [m for m in mentions if m.article_id in order]
    published = {a.id: a.published for a in articles}

    def when(m: StoredPosition) -> tuple[str, int, int]:
        return ((m.date or published.get(m.article_id) or "")[:10], order[m.article_id],
                m.sentence_idx)

    mentions = sorted(mentions, key=when)
    ids_by_name: dict[str, str] = {}
    for m in mentions:
        if m.actor_entity_id:
            ids_by_name.setdefault(_fold(m.actor), m.actor_entity_id)
    actors: dict[str, _Issues] = {}
    clusters: list[tuple[str, int]] = []  # per mention: (actor key, issue number)
    actor_ids: dict[str, str | None] = {}
    for m in mentions:
        eid = m.actor_entity_id or ids_by_name.get(_fold(m.actor))
        akey = eid or f"name:{_fold(m.actor)}"
        actor_ids[akey] = eid
        clusters.append((akey, actors.setdefault(akey, _Issues()).add(m)))
    groups: dict[tuple[str, int, str], list[StoredPosition]] = {}
    for m, (akey, n) in zip(mentions, clusters, strict=True):
        groups.setdefault((akey, n, m.stance), []).append(m)
    reports = provenance(articles)
    out = []
    for (akey, n, stance), members in groups.items():
        issue_members = actors[akey].members[n]
        pos = _position(actor_ids[akey], stance, members, issue_members, by_id, reports,
                        names or {})
        side = (sides or {}).get(actor_ids[akey] or "")
        if side is not None:
            pos.side, pos.side_entity_id = side
        out.append(pos)
    out.sort(key=lambda p: (p.date or "", p.first_reported or "", p.actor, p.stance))
    return out


def _position(eid: str | None, stance: str, members: list[StoredPosition],
              issue_members: list[StoredPosition], by_id: dict[str, Article],
              reports: dict[str, str], names: dict[str, str]) -> Position:
    article_ids = sorted({m.article_id for m in members},
                         key=lambda a: (by_id[a].published_utc or "", a))
    canon = [by_id.get(by_id[a].duplicate_of or "") or by_id[a] for a in article_ids]
    first = members[0]
    issue = _most_common([m.issue for m in members], prefer_short=True)
    actor = names.get(eid or "") or _most_common([m.actor for m in members])
    seen: set[tuple[str, int]] = set()
    mentions = []
    for m in members:
        if (m.article_id, m.sentence_idx) in seen:
            continue
        seen.add((m.article_id, m.sentence_idx))
        mentions.append({"article_id": m.article_id, "sentence": m.sentence, "cue": m.cue,
                         "issue": m.issue, "detail": m.detail, "date": m.date,
                         "condition": m.condition, "reported_by": m.reported_by})
    firsts = [by_id[a].published for a in article_ids if by_id[a].published_utc]
    bases = [m.base_stance for m in members if m.base_stance]
    return Position(
        actor=actor, actor_entity_id=eid, issue=issue,
        issue_key=tuple(sorted({w for m in members for w in m.issue_key})),
        stance=stance, base_stance=_most_common(bases) if bases else None,
        detail=first.detail or first.sentence, date=first.date,
        date_precision=first.date_precision,
        first_reported=firsts[0] if firsts else None,
        sources=story_sources(a.source for a in canon),
        reports=len({reports[a] for a in article_ids}),
        article_ids=article_ids, mentions=mentions,
        conditions=list(dict.fromkeys(m.condition for m in members if m.condition)),
        history=_history(issue_members),
    )


def _history(members: list[StoredPosition]) -> list[dict[str, Any]]:
    """The actor's stances on one issue in time order, consecutive repeats folded."""
    out: list[dict[str, Any]] = []
    for m in members:  # already in time order
        if out and out[-1]["stance"] == m.stance:
            if m.article_id not in out[-1]["article_ids"]:
                out[-1]["article_ids"].append(m.article_id)
            continue
        out.append({"date": m.date, "stance": m.stance, "issue": m.issue,
                    "article_ids": [m.article_id]})
    return out


def _most_common(values: list[str], prefer_short: bool = False) -> str:
    counts = Counter(values)
    best = max(counts.values())
    tied = [v for v in dict.fromkeys(values) if counts[v] == best]
    return min(tied, key=len) if prefer_short else tied[0]


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())
