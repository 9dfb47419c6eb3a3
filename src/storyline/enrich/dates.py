"""DATE mentions normalised against the publication date. (Being written: see issue 4.)"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.records import Article, DateMention, Sentence


def extract_dates(doc: Doc, article: Article, sents: list[Sentence]) -> list[DateMention]:
    return []
