"""Shared helpers for the dates / quotes / numbers tests: one plain spaCy pipeline per
process, and entity mentions in the EntityMention interface taken from its NER."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.enrich.nlp.sentences import sentence_index, sentences_of
from storyline.records import Article, EntityMention, MentionKey, Sentence
from storyline.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "enrich"


@lru_cache(maxsize=1)
def nlp() -> Language:
    for name in Settings().spacy_models:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError("no spaCy English model installed")


def article(text: str, published: str | None = "2022-03-29", aid: str = "a1") -> Article:
    return Article(id=aid, input="test", body=text, body_kind="text", text=text,
                   published=published)


def parse(text: str, published: str | None = "2022-03-29") -> tuple[Doc, Article, list[Sentence]]:
    a = article(text, published)
    doc = nlp()(text)
    return doc, a, sentences_of(doc, a.id)


def mentions(doc: Doc, a: Article, sents: list[Sentence]) -> list[EntityMention]:
    """NER mentions keyed by label and longest name (a surname joins the full name before it)."""
    out: list[EntityMention] = []
    names: list[str] = []
    for e in doc.ents:
        if e.label_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"):
            continue
        text = e.text
        key_name = text
        if e.label_ == "PERSON":
            key_name = next((n for n in names if n.split()[-1] == text.split()[-1]), text)
            if key_name == text:
                names.append(text)
        out.append(EntityMention(a.id, sentence_index(sents, e.start_char), e.start_char,
                                 e.end_char, text, e.label_, MentionKey(e.label_, key_name)))
    return out


def fixture_articles() -> dict[str, dict[str, str]]:
    path = FIXTURES / "quotes_articles.jsonl"
    return {d["id"]: d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
