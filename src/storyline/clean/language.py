"""Language of a clean text (py3langid, offline), so non-English input is flagged, not mangled."""

from __future__ import annotations

import hashlib
import io
import lzma
import re
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
    """py3langid's identifier, its model's arrays mapped from uncompressed copies in the
    user cache (py3langid unpacks its LZMA-packed model on every start, 0.35 CPU s of each
    process; reading an unpacked copy whole still took 0.1 s); py3langid's own loading
    whenever the copies cannot be made or read."""
    from py3langid import langid

    try:
        return _from_copy(langid)
    except (OSError, ValueError, KeyError, AttributeError, TypeError, EOFError,
            zipfile.BadZipFile):
        pass  # a damaged copy was removed (made again next time), or another py3langid
    return langid._get_identifier()


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "out_feat", "nextmove_row")


def _from_copy(langid: Any) -> Any:
    from py3langid import modelio

    packed = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    digest = hashlib.sha256(packed.read_bytes()).hexdigest()[:16]
    key = f"{metadata.version('py3langid')}-{digest}"  # the same model in any environment
    paths = {name: cache_dir() / f"langid-{key}-{name}.npy" for name in _ARRAYS}
    if not all(p.exists() for p in paths.values()):
        _unpack(packed, paths)
    try:  # arrays only (no pickles: nothing in them is run), mapped, not read whole
        a = {name: np.load(p, mmap_mode="r", allow_pickle=False) for name, p in paths.items()}
        _, n_classes = a["ptc"].shape
        if a["pc"].shape != (n_classes,) or a["classes"].shape != (n_classes,) \
                or a["out_feat"].shape != a["nextmove_row"].shape:
            raise ValueError("the model's arrays do not fit together")
        return langid.LanguageIdentifier(
            a["ptc"], np.asarray(a["pc"]), a["classes"].tolist(),
            modelio._to_array(a["nextmove"]), a["out_feat"].tolist(),
            tk_row=modelio._to_array(a["nextmove_row"]))
    except (OSError, ValueError, KeyError, EOFError):
        for p in paths.values():
            p.unlink(missing_ok=True)
        raise


def _unpack(packed: Path, paths: dict[str, Path]) -> None:
    """The packed model's arrays, each as its own .npy file (older models' files go)."""
    with lzma.open(packed) as src:
        data = io.BytesIO(src.read())
    with np.load(data, allow_pickle=False) as model:
        for name, path in paths.items():
            with replacing(path, f"langid-*-{name}.npy") as tmp, tmp.open("wb") as f:
                np.save(f, model[name], allow_pickle=False)
    for old in paths["ptc"].parent.glob("langid-*.npz"):  # the single-file copies before
        old.unlink(missing_ok=True)
