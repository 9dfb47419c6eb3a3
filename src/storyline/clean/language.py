"""Language of a clean text (py3langid, offline), so non-English input is flagged, not mangled."""

from __future__ import annotations

import re

MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 800  # enough for a stable guess; the cost grows with the sample


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (``en``, ``de``...), or None when it is too short to tell.

    The model loads on first use (about half a second), never at import.
    """
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 4 * MIN_LETTERS)) < MIN_LETTERS and len(
            _LETTER.findall(sample)) < MIN_LETTERS:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
