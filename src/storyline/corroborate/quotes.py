"""A story's quotes grouped across articles: one quote, the outlets that carry it, and
whether they agree on who said it.

Two quotes are one when their words match after normalising (case, curly and straight
quotes, dashes, punctuation): word for word, or, for quotes of ``quote_min_words`` words
or more, when the longer one holds ``quote_match`` of the shorter one's words in order,
within a stretch at most twice the shorter one's length (one outlet quotes a sentence,
another the passage around it, or a word differs).

A group's speaker is the one most of its articles name (a named speaker before a
description: "Vitaliy Kim" before "the governor"); ``speaker_disputed`` is true when its
articles name different people (or different bodies) as the speaker. A description
("a resident", "officials") disputes nobody. ``date`` is the earliest quote date;
``article_id`` and ``text`` are those of the earliest article carrying it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from storyline.corroborate.reports import Report
from storyline.settings import CorroborateSettings

_PUNCT = re.compile(r"[^\w\s]+")


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quote; ``speaker_type`` is its speaker entity's type (PERSON, ORG, ...)."""

    id: str
    article_id: str
    sentence_idx: int
    start: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_entity_id: str | None = None
    speaker_type: str | None = None
    date: str | None = None


@dataclass
class QuoteGroup:
    id: str
    text: str
    kind: str
    speaker: str | None
    speaker_entity_id: str | None
    article_id: str
    date: str | None
    speaker_disputed: bool
    quotes: list[QuoteRow] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    reports: int = 0


def words_of(text: str) -> list[str]:
    """A quote's words, normalised for matching."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return _PUNCT.sub(" ", t.replace("'", "")).split()


def same_quote(a: list[str], b: list[str], settings: CorroborateSettings) -> bool:
    if a == b:
        return bool(a)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < settings.quote_min_words:
        return False
    if len(set(short) & set(long_)) < settings.quote_match * len(set(short)):
        return False  # cheap check before the alignment
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = sum(block.size for block in blocks)
    if matched < settings.quote_match * len(short):
        return False
    # the shorter one's words stand together in the longer one: a seven-word sentence is
    # not "in" a long passage that merely uses its words here and there
    reach = blocks[-1].b + blocks[-1].size - blocks[0].b
    return reach <= 2 * len(short)


def _named(q: QuoteRow) -> bool:
    """A speaker who is a named entity (a person, a body), not a description."""
    return q.speaker_entity_id is not None and q.speaker_type is not None


def _who(q: QuoteRow) -> str:
    """A key for the speaker: the entity, else the surname-like last word of the name."""
    if q.speaker_entity_id:
        return f"e:{q.speaker_entity_id}"
    return "n:" + (q.speaker or "").split()[-1].lower() if q.speaker else ""


def _disputed(quotes: list[QuoteRow], provenance: dict[str, str]) -> bool:
    """Two independent reports name different speakers of the same type (two people, two
    bodies) and no speaker in common. One article's quote within a quote (a pledge
    reported inside what another speaker said) disputes nothing."""
    names: dict[tuple[str, str], set[str]] = {}  # (type, report) -> speaker keys
    for q in quotes:
        if not _named(q):
            continue
        kind = "PERSON" if q.speaker_type == "PERSON" else "BODY"
        key = _surname(q) if kind == "PERSON" else _who(q)
        names.setdefault((kind, provenance.get(q.article_id, q.article_id)), set()).add(key)
    items = list(names.items())
    return any(k1 == k2 and r1 != r2 and not (s1 & s2)
               for n, ((k1, r1), s1) in enumerate(items) for (k2, r2), s2 in items[n + 1:])


def _surname(q: QuoteRow) -> str:
    """A person speaker's key: the last word of the name (two spellings of one entity, or
    "Kim" and "Vitaliy Kim" resolved apart, are one speaker)."""
    name = (q.speaker or "").split()
    return name[-1].lower() if name else _who(q)


def _nested(q: QuoteRow, quotes: list[QuoteRow]) -> bool:
    """``q`` lies inside a longer quote of its own article: words reported within what
    another speaker said ("X pledged that ..., Y said"), which that speaker is quoting.
    ``quotes`` are those of ``q``'s article (see :func:`_outer`)."""
    end = q.start + len(q.text)
    return any(o is not q and len(o.text) > len(q.text)
               and o.start <= q.start and end <= o.start + len(o.text) for o in quotes)


def _outer(quotes: list[QuoteRow]) -> list[QuoteRow]:
    """The quotes not :func:`_nested` in another of their article (compared within each
    article only: a group can hold many articles' copies of one quote)."""
    by_article: dict[str, list[QuoteRow]] = {}
    for q in quotes:
        by_article.setdefault(q.article_id, []).append(q)
    return [q for q in quotes if not _nested(q, by_article[q.article_id])]


def _speaker(quotes: list[QuoteRow]) -> tuple[str | None, str | None]:
    """The speaker most of the group's articles name, a named one first; a quote within a
    quote of the same article counts for the one who reports it, not the one it names."""
    outer = _outer(quotes) or list(quotes)
    counts = Counter((_named(q), q.speaker, q.speaker_entity_id) for q in outer if q.speaker)
    if not counts:
        return None, None
    (_, name, eid), _ = max(counts.items(), key=lambda kv: (kv[0][0], kv[1], len(kv[0][1] or "")))
    return name, eid


def group_quotes(quotes: Sequence[QuoteRow], reports: Sequence[Report],
                 settings: CorroborateSettings | None = None) -> list[QuoteGroup]:
    """The story's quotes grouped (see the module docstring); ``reports`` are the story's
    articles in publish order."""
    s = settings or CorroborateSettings()
    by_id = {r.article_id: r for r in reports}
    prov = {r.article_id: r.provenance for r in reports}
    order = {r.article_id: n for n, r in enumerate(reports)}
    ordered = sorted(quotes, key=lambda q: (order.get(q.article_id, len(order)),
                                            q.sentence_idx, q.start))
    groups: list[tuple[list[list[str]], list[QuoteRow]]] = []
    smallest: list[int] = []  # the fewest distinct words of a group's quotes
    postings: dict[str, set[int]] = {}  # word -> the groups whose quotes hold it
    for q in ordered:
        w = words_of(q.text)
        distinct = set(w)
        shared: Counter[int] = Counter()
        for word in distinct:
            shared.update(postings.get(word, ()))
        home = None
        for n in sorted(shared):  # earliest group first; too few shared words cannot match
            if shared[n] >= s.quote_match * min(len(distinct), smallest[n]) and \
                    any(same_quote(w, other, s) for other in groups[n][0]):
                home = n
                break
        if home is None:
            home = len(groups)
            groups.append(([], []))
            smallest.append(len(distinct))
        groups[home][0].append(w)
        groups[home][1].append(q)
        smallest[home] = min(smallest[home], len(distinct))
        for word in distinct:
            postings.setdefault(word, set()).add(home)
    out = []
    for _, members in groups:
        first = members[0]
        arts = list(dict.fromkeys(m.article_id for m in members))
        reps = [by_id[a] for a in arts if a in by_id]
        speaker, eid = _speaker(members)
        dates = sorted(m.date for m in members if m.date)
        out.append(QuoteGroup(
            id=f"q:{first.id}", text=first.text, kind=first.kind, speaker=speaker,
            speaker_entity_id=eid, article_id=first.article_id,
            date=dates[0] if dates else None, speaker_disputed=_disputed(members, prov),
            quotes=members, article_ids=arts,
            sources=list(dict.fromkeys(r.source for r in reps if r.source)),
            reports=len({r.provenance for r in reps})))
    return out
