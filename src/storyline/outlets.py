"""Outlet identity: one outlet under its spellings, and which reports are independent.

The same outlet reaches the store as ``Millennium Post`` (a banner line), ``millenniumpost.in``
(a crawler's field, a URL's domain) or ``The Millennium Post``. :func:`outlet_key` folds
those to one key; :func:`story_sources` lists each outlet once under its best name; and
:func:`provenance` says which articles are independent reports, for corroboration: a
syndicated copy (``duplicate_of``) carries its canonical's provenance, so a wire story
printed by three outlets is one report, not three.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from storyline.records import Article

_DOMAIN = re.compile(r"^(?:https?://)?(?:www\d*\.|m\.|amp\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/?$", re.I)
# Second-level labels that stand before a country code ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "news"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_IP = re.compile(r"^[\d.]+$")


@lru_cache(maxsize=8192)  # pure; story documents ask for the same few names many times
def outlet_key(name: str | None) -> str | None:
    """A key that two spellings of one outlet share: a domain's registered name
    (``millenniumpost.in`` -> ``millenniumpost``), a name's letters and digits without a
    leading "The" (``The Millennium Post`` -> ``millenniumpost``)."""
    if not name or not name.strip():
        return None
    s = name.strip().lower()
    m = _DOMAIN.match(s)
    if m and " " not in s and not _IP.match(m.group(1)):
        labels = m.group(1).split(".")
        labels.pop()  # the top-level domain
        if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels.pop()  # "co" of "co.uk"
        s = labels[-1]
    s = re.sub(r"^the\s+", "", s)
    return _NOT_ALNUM.sub("", s) or None


def _is_domain(name: str) -> bool:
    return " " not in name.strip() and bool(_DOMAIN.match(name.strip()))


def story_sources(names: Iterable[str | None]) -> list[str]:
    """Each outlet once, under its name rather than its domain (then the most used), sorted."""
    spellings: dict[str, dict[str, int]] = {}
    for n in names:
        key = outlet_key(n)
        if key and n:
            counts = spellings.setdefault(key, {})
            counts[n.strip()] = counts.get(n.strip(), 0) + 1
    best = [
        min(counts, key=lambda s: (_is_domain(s), -counts[s], s)) for counts in spellings.values()
    ]
    return sorted(best, key=str.casefold)


def provenance(articles: Sequence[Article]) -> dict[str, str]:
    """{article id: the independent report it is}: the outlet key of the article (or of its
    canonical, for a copy), else the id of its duplicate group."""
    by_id = {a.id: a for a in articles}
    out = {}
    for a in articles:
        head = by_id.get(a.duplicate_of) if a.duplicate_of else None
        if a.duplicate_of:
            key = outlet_key(head.source) if head is not None else None
            out[a.id] = f"outlet:{key}" if key else f"group:{a.duplicate_of}"
        else:
            key = outlet_key(a.source)
            out[a.id] = f"outlet:{key}" if key else f"group:{a.id}"
    return out
