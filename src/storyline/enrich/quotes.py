"""Direct and reported quotes with their speakers. (Being written: see issue 4.)"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.records import Article, EntityMention, Quote, Sentence


def extract_quotes(
    doc: Doc, article: Article, sents: list[Sentence], mentions: list[EntityMention]
) -> list[Quote]:
    return []
