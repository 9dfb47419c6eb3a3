"""The gender a first name usually has, from gender_guesser's table, kept in the user cache.

gender_guesser parses its 48,000-line table (4 MB) into a dict of dicts each time a
detector is made: 0.2 s of every process that reads an article. Its answers for a name
without a country are the same every time, so they are worked out once per table and kept
as a JSON file (a name -> "male" / "female"; 40,000 names read back in a hundredth of
that). The answers equal the detector's: "mostly_male" counts as male, "mostly_female" as
female, an androgynous or unknown name has none.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from storyline.usercache import cached_json

CACHE_FORMAT = "storyline.genders/1"
_ANSWER = {"male": "male", "mostly_male": "male", "female": "female",
           "mostly_female": "female"}


def first_name_gender(name: str) -> str | None:
    """'male', 'female' or None (unknown / androgynous) for a first name, any case."""
    return _table().get(name.lower())


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    import gender_guesser.detector as gd

    source = Path(gd.__file__).parent / "data" / "nam_dict.txt"
    key = _key(source)

    def work_out() -> dict[str, str]:
        detector = gd.Detector(case_sensitive=False)
        return {name: _ANSWER[g] for name in detector.names
                if (g := detector.get_gender(name)) in _ANSWER}

    # another table's file goes
    return cached_json("genders", key, work_out, lambda doc: _from_json(doc, key),
                       lambda table: {"format": CACHE_FORMAT, "key": key, "names": table})


def _key(source: Path) -> str:
    h = hashlib.sha256(f"{CACHE_FORMAT}|{metadata.version('gender-guesser')}|".encode())
    h.update(source.read_bytes())
    return h.hexdigest()[:16]


def _from_json(doc: object, key: str) -> dict[str, str]:
    """The table of a cache file; ValueError unless it is one of this key, each name a
    string and each answer one of the two (nothing in it is ever run)."""
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
        raise ValueError("not a gender cache of this table")
    names = doc.get("names")
    if not isinstance(names, dict) or not set(names.values()) <= {"male", "female"}:
        raise ValueError("not a gender table")
    return names


__all__ = ["first_name_gender"]
