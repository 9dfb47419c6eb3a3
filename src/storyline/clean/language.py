"""Language of a clean text (py3langid, offline), so non-English input is flagged, not mangled."""

from __future__ import annotations

MIN_LETTERS = 20
SAMPLE_CHARS = 1500  # enough for a stable guess; the cost grows with the sample


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (``en``, ``de``...), or None when it is too short to tell.

    The model loads on first use (about half a second), never at import.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
