"""Which side a person speaks for: the country their roles in the story name ("Ukraine's
President", "head of the Russian team", "a Ukrainian negotiator"), so a reader sees each
side's positions together (Zelensky's and Kyiv's offers; Medinsky's and Moscow's). Pure:
role texts in, a country code out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyline.enrich.places.gazetteer import load_gazetteer

_WORD = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?")


def role_country(role: str) -> str | None:
    """The ISO2 code of the one country a role names (a demonym or a country's name)."""
    g = load_gazetteer()
    found: set[str] = set()
    for m in _WORD.finditer(role):
        for words in (m.group(0), m.group(0).split()[0]):
            w = re.sub(r"['’]s$", "", words)
            cc = g.demonyms.get(w)
            if not cc:
                cc = next((p.cc for p, alt in g.lookup(w) if p.feature == "country" and not alt
                           and p.cc), None)
            if cc:
                found.add(cc)
                break
    return found.pop() if len(found) == 1 else None


def side_of(roles: Iterable[str]) -> str | None:
    """The country most of a person's roles name, when one does."""
    counts = Counter(cc for r in roles if (cc := role_country(r)))
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    return best if not rest or rest[0][1] < n else None
