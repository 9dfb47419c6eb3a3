"""Lines the corpus repeats: a short, unpunctuated line seen in many articles is furniture.

A site's section label, its "Follow our live coverage" line or its sign-off shows up,
word for word, in article after article. Each cleaned article adds its short
non-sentence lines (hashed) to ``line_counts`` once; a line that at least
``repeated_line_articles`` articles carry is removed from every article cleaned after
that. Sentences are never counted: syndicated copies share their prose, and prose is
what we keep.
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import Connection, select, update

from storyline.clean.furniture import TERMINAL, words
from storyline.settings import CleanSettings
from storyline.store import schema as S

_SPACE = re.compile(r"\s+")


def line_key(line: str) -> str:
    return hashlib.sha1(_SPACE.sub(" ", line.strip().casefold()).encode()).hexdigest()[:20]


def candidates(lines: list[str], max_words: int) -> dict[str, str]:
    """{key: line} for the short, unpunctuated lines of one article."""
    out = {}
    for ln in lines:
        s = ln.strip()
        if 1 <= len(words(s)) <= max_words and not TERMINAL.search(s):
            out[line_key(s)] = s
    return out


class RepeatedLines:
    """Counts short lines across the store and answers which ones are furniture."""

    def __init__(self, conn: Connection, settings: CleanSettings) -> None:
        self.conn = conn
        self.min_articles = settings.repeated_line_articles
        self.max_words = settings.repeated_line_max_words

    def __call__(self, lines: list[str]) -> set[str]:
        """Count this article's candidate lines; return the ones now seen often enough."""
        cand = candidates(lines, self.max_words)
        if not cand:
            return set()
        t = S.line_counts
        known = dict(self.conn.execute(select(t.c.key, t.c.articles).where(t.c.key.in_(list(cand)))).all())
        new = [{"key": k, "articles": 1} for k in cand if k not in known]
        if new:
            self.conn.execute(t.insert(), new)
        for k in cand:
            if k in known:
                self.conn.execute(update(t).where(t.c.key == k).values(articles=t.c.articles + 1))
        return {cand[k] for k in cand if known.get(k, 0) + 1 >= self.min_articles}
