"""Entity mentions with article-local canonical keys, and store-wide entity resolution.
(Being written: see issue 4.)"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc
from sqlalchemy import Connection, insert, select

from storyline.enrich.sentences import sentence_index
from storyline.records import Article, EntityMention, Sentence
from storyline.store import Store
from storyline.store import schema as S

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}


def extract_mentions(doc: Doc, article: Article, sents: list[Sentence]) -> list[EntityMention]:
    return [
        EntityMention(article.id, sentence_index(sents, e.start_char), e.start_char, e.end_char,
                      e.text, LABELS[e.label_], f"{LABELS[e.label_]}:{e.text}")
        for e in doc.ents if e.label_ in LABELS
    ]


def resolve_entities(
    store: Store, conn: Connection, article: Article, mentions: list[EntityMention]
) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in mentions:
        if m.key in out:
            continue
        norm = m.text.lower()
        eid = conn.execute(
            select(S.entities.c.id).where(S.entities.c.norm == norm, S.entities.c.type == m.label)
        ).scalar()
        if eid is None:
            eid = "e" + hashlib.sha1(m.key.encode()).hexdigest()[:12]
            conn.execute(insert(S.entities).values(id=eid, name=m.text, type=m.label, norm=norm,
                                                    aliases=[], attributes={}))
        out[m.key] = eid
    return out
