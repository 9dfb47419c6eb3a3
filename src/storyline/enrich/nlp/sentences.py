"""Sentences of a doc with character offsets into the article's clean text."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.records import Sentence


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token again on each access, and
    the extractors slice the text for every match."""
    text = doc.user_data.get("storyline.text")
    if text is None:
        text = doc.user_data["storyline.text"] = doc.text
    return text


def parsed_text(doc: Doc) -> str:
    """``doc.text`` as the parser was given it (the normalised copy, where
    :func:`keep_text` kept the article's own text for :func:`doc_text`), built once per doc."""
    text = doc.user_data.get("storyline.parsed_text")
    if text is None:
        text = doc.user_data["storyline.parsed_text"] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Make ``text`` the doc's text for every offset and slice (:func:`doc_text`): the
    article's own text when the parser was given an equal-length normalised copy of it
    (:mod:`storyline.enrich.nlp.ptb`)."""
    if len(text) != len(parsed_text(doc)):
        raise ValueError("the kept text must have the parsed text's length")
    doc.user_data["storyline.text"] = text
    return doc


def sentences_of(doc: Doc, article_id: str) -> list[Sentence]:
    out: list[Sentence] = []
    full = doc_text(doc)
    for s in doc.sents:
        start, end = s.start_char, s.end_char
        raw = full[start:end]
        text = raw.strip()
        if not text:
            continue
        lead = len(raw) - len(raw.lstrip())
        out.append(Sentence(article_id, len(out), start + lead, start + lead + len(text), text))
    return out


def sentence_index(sents: list[Sentence], char: int) -> int:
    """The index of the sentence containing character offset ``char`` (or the last before it)."""
    lo, hi = 0, len(sents) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sents[mid].start <= char:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return sents[best].idx if sents else 0
