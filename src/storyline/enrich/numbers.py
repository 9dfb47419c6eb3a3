"""Numeric claims: value, what is counted, qualifier, place, date. (Being written: see issue 4.)"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.records import Article, DateMention, EntityMention, NumberClaim, Sentence


def extract_numbers(
    doc: Doc,
    article: Article,
    sents: list[Sentence],
    mentions: list[EntityMention],
    dates: list[DateMention],
) -> list[NumberClaim]:
    return []
