"""Language of a clean text (py3langid, offline), so non-English input is flagged, not mangled."""

from __future__ import annotations

import lzma
import re
import shutil
import zipfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from storyline.usercache import cache_dir, replacing

MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 800  # enough for a stable guess; the cost grows with the sample


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (``en``, ``de``...), or None when it is too short to tell.

    The model loads on first use (a quarter of a second), never at import.
    """
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 4 * MIN_LETTERS)) < MIN_LETTERS and len(
            _LETTER.findall(sample)) < MIN_LETTERS:
        return None
    lang, _score = _identifier().classify(sample)
    return str(lang)


@cache
def _identifier() -> Any:
    """py3langid's identifier, its model read from an uncompressed copy in the user cache
    (py3langid unpacks its LZMA-packed model on every start, 0.35 CPU s of each process);
    py3langid's own loading whenever the copy cannot be made or read."""
    from py3langid import langid

    try:
        return _from_copy(langid)
    except (OSError, ValueError, KeyError, AttributeError, TypeError, EOFError,
            zipfile.BadZipFile):
        pass  # a damaged copy was removed (made again next time), or another py3langid
    return langid._get_identifier()


def _from_copy(langid: Any) -> Any:
    from py3langid import modelio

    packed = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    stat = packed.stat()
    key = f"{metadata.version('py3langid')}-{stat.st_size}-{int(stat.st_mtime)}"
    path = cache_dir() / f"langid-{key}.npz"
    if not path.exists():  # another py3langid's model goes
        with replacing(path, "langid-*.npz") as tmp, lzma.open(packed) as src, \
                tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
    try:
        with np.load(path, allow_pickle=False) as data:  # arrays only: nothing in it is run
            return langid.LanguageIdentifier(
                np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                modelio._to_array(data["nextmove"]), data["out_feat"].tolist(),
                tk_row=modelio._to_array(data["nextmove_row"]))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        path.unlink(missing_ok=True)
        raise
