"""Every lemma of spaCy's rule lemmatizer kept for the process, and written from arrays.

spaCy's ``Lemmatizer.rule_lemmatize`` caches its answer per (word, part of speech,
morphology) only when it reaches its rule tables: the early answers (a base form, such as a
singular noun or a present-tense verb, most tokens of news text; a part of speech without
tables) are worked out again for every token. The answer is a function of that key alone
(the token's text, ``pos_`` and ``morph``, which is what ``is_base_form`` reads), so
:func:`cache_every_lemma` keeps all of them: the same lemmas, each worked out once.

A word seen for the first time costs a scan of a long word list in ``rule_lemmatize``
(``form in index``, the index being a list): the lemmatizer's word index is made of sets,
the same words, so the same answers.

Even with every lemma kept, the lemmatizer's own loop makes a ``Token``, a
``MorphAnalysis`` and a string look-up for every token of every doc (about 12 µs a token,
7% of the product pipeline's parse of long news articles). In ``nlp.pipe`` the lemmatizer
instead reads each doc's ORTH, POS, MORPH and LEMMA columns as one array, looks each
(word, POS, morphology) key up in the kept lemmas (as string hashes), makes a ``Token``
only for a key seen for the first time, and writes the LEMMA column back in one call: the
same lemmas for the same tokens (a token that already has a lemma, set by the attribute
ruler, keeps it unless the lemmatizer overwrites).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.tokens import Doc

_COLUMNS = [ORTH, POS, MORPH, LEMMA]


def cache_every_lemma(lemmatizer: Any) -> bool:
    """Give a rule-mode ``lemmatizer`` (spaCy's ``Lemmatizer``) a look-up in front of its
    ``rule_lemmatize``, and a ``pipe`` that reads and writes lemmas as arrays; True when
    they were given (other modes are left alone)."""
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    index = lemmatizer.lookups.get_table("lemma_index", None)
    if index is not None:
        # rule_lemmatize asks `form in index` of the POS's word list (57,528 verbs: a scan
        # per candidate form, ~200 µs a first-seen word); a set answers the same
        for pos, words in list(index.items()):
            if isinstance(words, list):
                index[pos] = frozenset(words)
    rule = lemmatizer.rule_lemmatize
    known: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = known.get(key)
        if forms is None:
            forms = known[key] = rule(token)
        return forms

    lemmatizer.lemmatize = lemmatize
    hashes: dict[tuple[int, int, int], int] = {}  # key -> hash of its first lemma

    def write(doc: Doc) -> Doc:
        strings = doc.vocab.strings
        overwrite = lemmatizer.overwrite
        rows = doc.to_array(_COLUMNS).tolist()
        out = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = hashes.get(key)
                if lemma is None:
                    lemma = hashes[key] = strings.add(lemmatize(doc[i])[0])
            out.append(lemma)
        if out:
            column: Any = numpy.array(out, dtype=numpy.uint64).reshape(-1, 1)
            doc.from_array([LEMMA], column)
        return doc

    def pipe(stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            # its first doc through spaCy's own call, which checks the tables once
            yield write(doc) if lemmatizer._validated else lemmatizer(doc)

    lemmatizer.pipe = pipe
    return True
