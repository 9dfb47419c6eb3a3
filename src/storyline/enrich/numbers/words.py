"""Numbers written in digits or words, to floats.

``parse_number("Twenty-six") == 26``, ``"1,119" -> 1119``, ``"10 million" -> 1e7``,
``"1.5bn" -> 1.5e9``, ``"a dozen" -> 12``, ``"three hundred and forty-two" -> 342``.
Returns None for text that is not a number.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
COUNTS = {"dozen": 12, "a": 1, "an": 1, "half": 0.5, "couple": 2, "score": 20}
_DIGITS = re.compile(r"^[-+]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_GLUED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|mln|bn|b|tn)$", re.I)


def _digits(tok: str) -> float | None:
    m = _DIGITS.match(tok)
    if not m:
        return None
    return float(tok.replace(",", ""))


def parse_number(text: str) -> float | None:
    """The value of a cardinal written in digits and/or words, or None."""
    t = text.lower().replace("-", " ").replace("\u2013", " ").strip()
    t = re.sub(r"\s+", " ", t)
    if not t:
        return None
    tokens = [w for w in t.split(" ") if w not in ("and", "of")]
    if not tokens:
        return None
    total = 0.0
    current: float | None = None
    seen = False
    for tok in tokens:
        glued = _GLUED.match(tok)
        val = _digits(tok)
        if glued:
            num = _digits(glued.group(1))
            if num is None:
                return None
            current = (current or 0) + num * SCALES[glued.group(2).lower()]
            total += current
            current = None
        elif val is not None:
            current = (current or 0) + val
        elif tok in UNITS:
            current = (current or 0) + UNITS[tok]
        elif tok in TENS:
            current = (current or 0) + TENS[tok]
        elif tok in COUNTS and tok not in ("a", "an"):
            current = (current or 1) * COUNTS[tok]
        elif tok in ("a", "an") and not seen:
            current = 1
        elif tok in SCALES and (tok in ("hundred", "thousand", "million", "billion", "trillion")
                                or seen):
            scale = SCALES[tok]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = None
        else:
            return None
        seen = True
    return total + (current or 0)
