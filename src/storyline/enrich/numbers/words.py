"""Numbers written in digits or words, to floats.

``parse_number("Twenty-six") == 26``, ``"1,119" -> 1119``, ``"10 million" -> 1e7``,
``"1.5bn" -> 1.5e9``, ``"a dozen" -> 12``, ``"three hundred and forty-two" -> 342``.
Returns None for text that is not a number.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.wordlists import word_map

_DIGITS = re.compile(r"^[-+]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_GLUED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|mln|bn|b|tn)$", re.I)


def _value(text: str) -> int | float:
    return int(text) if text.lstrip("-").isdigit() else float(text)


@cache
def _numbers(name: str) -> dict[str, int | float]:
    """Number-word map ``data/words/<name>.txt``: word -> value."""
    return {k: _value(v) for k, v in word_map(name).items()}


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
    ones, tens = _numbers("number_ones"), _numbers("number_tens")
    scales, counts = _numbers("number_scales"), _numbers("number_counts")
    total = 0.0
    current: float | None = None
    seen = False
    for tok in tokens:
        glued = _GLUED.match(tok)
        val = _digits(tok)
        if (glued or val is not None) and current is not None:
            return None  # two numbers side by side ("2-1", "30-40", "a 100"): not one cardinal
        if glued:
            num = _digits(glued.group(1))
            if num is None:
                return None
            current = (current or 0) + num * scales[glued.group(2).lower()]
            total += current
            current = None
        elif val is not None:
            current = (current or 0) + val
        elif tok in ones:
            current = (current or 0) + ones[tok]
        elif tok in tens:
            current = (current or 0) + tens[tok]
        elif tok in counts and tok not in ("a", "an"):
            current = (current or 1) * counts[tok]
        elif tok in ("a", "an") and not seen:
            current = 1
        elif tok in scales and (tok in ("hundred", "thousand", "million", "billion", "trillion")
                                or seen):
            scale = scales[tok]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = None
        else:
            return None
        seen = True
    return total + (current or 0)
