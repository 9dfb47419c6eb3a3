"""DATE mentions of a parsed article, each normalised against its publication date
(:func:`storyline.enrich.dates.normalise.normalise_date`), with the tense of the verb
that governs it (a future meeting, a past event) and the narrative anchor that "two
weeks later" counts from."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from storyline.enrich.dates.normalise import normalise_date, parse_published, time_units
from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.records import Article, DateMention, Sentence
from storyline.wordlists import words


def is_future(ent: Span) -> bool:
    """Whether the verb governing a DATE mention is future ("will meet on Tuesday")."""
    if ent.text.lower().startswith(("next ", "coming ")):
        return True
    aux, heads = words("future_auxiliaries"), words("future_heads")
    tok = ent.root
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            if any(c.dep_ == "aux" and c.lower_ in aux for c in tok.children):
                return True
            if tok.lemma_ in heads or tok.lower_ == "due":
                return True
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
                    tok.head.lemma_ in heads:
                return True
            if tok.dep_ not in ("xcomp", "prep", "pobj", "npadvmod"):
                break
    return False


def is_past(ent: Span) -> bool:
    """Whether the verb governing a DATE mention is in the past tense ("troops withdrew",
    "had reopened", "was closed")."""
    tok = ent.root
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                            for c in tok.children)
    return False


def _deadline(ent: Span) -> bool:
    """The date ends a period that runs on from now ("contracts may run *until 15
    November*", "a ceasefire *till Friday*"): unless the verb is past, it lies ahead."""
    first = ent[0] if ent[0].lower_ in ("until", "till") else (
        ent.doc[ent.start - 1] if ent.start > 0 else None)
    return first is not None and first.lower_ in ("until", "till")


def extract_dates(doc: Doc, article: Article, sents: list[Sentence]) -> list[DateMention]:
    base = parse_published(article.published)
    out: list[DateMention] = []
    anchor: date | None = None
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        text, end = ent.text, ent.end_char
        paren = doc[ent.end:ent.end + 3]
        if len(paren) == 3 and paren[0].text == "(" and paren[1].like_num and paren[2].text == ")":
            text, end = doc_text(doc)[ent.start_char:paren.end_char], paren.end_char  # "Monday (28)"
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lower_ in words("time_relation_words") and nxt.lower_ not in text.lower() \
                and any(t.lower_ in time_units() for t in ent):  # "five weeks after", not "Tuesday after"
            text = f"{text} {nxt.lower_}"
            follow = doc[nxt.i + 1:nxt.i + 2]
            if nxt.lower_ in ("after", "before") and follow and follow[0].ent_type_ == "DATE":
                # "two weeks after February 24": anchored on the date that follows
                span = next(e for e in doc.ents if e.start <= follow[0].i < e.end)
                v, p = normalise_date(span.text, base, future=is_future(span))
                anchor = date.fromisoformat(v) if v and p == "day" else None
        future = is_future(ent) or (_deadline(ent) and not is_past(ent))
        value, precision = normalise_date(text, base, future=future, anchor=anchor,
                                          past=not future and is_past(ent))
        if value and base and not future and date.fromisoformat(value) > base and is_past(ent):
            value = None  # a past event after the publish date: the anchor was not its own
        if value and precision == "day":
            anchor = date.fromisoformat(value)
        out.append(DateMention(article.id, sentence_index(sents, ent.start_char),
                               ent.start_char, end, text if end != ent.end_char else ent.text,
                               value, precision))
    return out
