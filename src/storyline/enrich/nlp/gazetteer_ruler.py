"""The gazetteer entity ruler: names from the gazetteer marked as entities before ``ner``.

What spaCy's ``EntityRuler`` with phrase patterns matched on ``ORTH`` does, with the same
spans, built in a fraction of the time. Building the ``EntityRuler`` tokenised ~19,000
names into docs for its ``PhraseMatcher`` on every start of a process (0.9 CPU s, more
than the model itself takes to load). Here the names' tokens are kept in the user cache
(JSON, keyed by the names and the tokenizer that split them), and a doc's token ids are
matched against the patterns by their first token in one vectorised look-up.

Component ``storyline_gazetteer`` reads the doc's tokens and sets ``doc.ents``; it
stands first in the pipeline, so the ents it sets are the only ones and ``ner`` keeps them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from storyline.usercache import cached_json

CACHE_FORMAT = "storyline.ruler/1"
LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})  # what gazetteer_patterns gives

Pattern = tuple[str, tuple[str, ...]]  # (label, tokens)


class GazetteerRuler:
    """Mark every occurrence of a pattern's tokens as an entity with its label; where
    matches overlap the longest wins, then the earliest (as ``EntityRuler`` chooses)."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self._by_first: dict[int, list[tuple[tuple[int, ...], str]]] = {}
        for label, tokens in patterns:
            ids = tuple(get_string_id(t) for t in tokens)
            if ids:
                self._by_first.setdefault(ids[0], []).append((ids, label))
        self._firsts = np.array(sorted(self._by_first), dtype=np.uint64)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every pattern found in ``doc``, longest first, then by
        start (the order in which ``EntityRuler`` keeps them)."""
        if not len(doc) or not len(self._firsts):
            return []
        orths = doc.to_array(ORTH)
        at = np.searchsorted(self._firsts, orths)  # each token's place among the first ids
        at[at == len(self._firsts)] = 0
        starts = np.flatnonzero(self._firsts[at] == orths)
        if not len(starts):
            return []
        seq = orths.tolist()
        found = set()
        for i in starts.tolist():
            for ids, label in self._by_first[seq[i]]:
                end = i + len(ids)
                if tuple(seq[i:end]) == ids:
                    found.add((label, i, end))
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        new: list[Span] = []
        seen: set[int] = set()
        for label, start, end in self.matches(doc):
            if any(t.ent_type for t in doc[start:end]):
                continue  # ents set before this component stay
            if start not in seen and end - 1 not in seen:
                new.append(Span(doc, start, end, label=label))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen.update(range(start, end))
        if new:
            doc.ents = entities + new
        return doc


def ruler_patterns(nlp: Language, names: Sequence[dict[str, Any]],
                   tokenize: Callable[[Language, list[str]], list[list[str]]]) -> list[Pattern]:
    """``names`` (``{"label", "pattern"}`` dicts) with their tokens as ``nlp``'s tokenizer
    splits them: read from the user cache when these names were split by this tokenizer
    before, else split by ``tokenize`` and cached. A cache file that does not read as one
    is ignored (and replaced)."""
    key = _key(nlp, names)

    def split() -> list[Pattern]:
        texts = [str(n["pattern"]) for n in names]
        return [(str(n["label"]), tuple(toks))
                for n, toks in zip(names, tokenize(nlp, texts), strict=True)]

    # the files of other names or another tokenizer go
    return cached_json("ruler", key, split, lambda doc: _from_json(doc, key, names),
                       lambda out: {"format": CACHE_FORMAT, "key": key,
                                    "patterns": [[label, *toks] for label, toks in out]})


def _key(nlp: Language, names: Sequence[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    h.update(f"{CACHE_FORMAT}|{spacy.__version__}|{nlp.meta.get('name')}|"
             f"{nlp.meta.get('version')}".encode())
    tokenizer: Any = nlp.tokenizer  # spaCy's, or a wrapper that passes to_bytes on
    h.update(hashlib.sha256(tokenizer.to_bytes(exclude=["vocab"])).digest())
    h.update(json.dumps([[n["label"], n["pattern"]] for n in names],
                        ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def _from_json(doc: object, key: str, names: Sequence[dict[str, Any]]) -> list[Pattern]:
    """The patterns of a cache file; ValueError unless it is one of this key, one entry a
    name, each a label and a list of strings (nothing in it is ever run)."""
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
        raise ValueError("not a ruler cache of these names")
    rows = doc.get("patterns")
    if not isinstance(rows, list) or len(rows) != len(names):
        raise ValueError("not a ruler cache of these names")
    out = []
    for row, name in zip(rows, names, strict=True):
        if not (isinstance(row, list) and len(row) >= 2 and row[0] == name["label"]
                and row[0] in LABELS and all(isinstance(t, str) and t for t in row[1:])):
            raise ValueError("not a ruler pattern")
        out.append((row[0], tuple(row[1:])))
    return out
