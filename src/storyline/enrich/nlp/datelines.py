"""Datelines: the place a report was filed from, written in capitals at the start of the
text or of a paragraph ("COLUMBUS (AP) --", "BEIRUT:", "MOUNT GILEAD, Ohio -"). The
gazetteer ruler matches names as written ("Columbus"), and ner rarely labels a word in
capitals, so such a run, followed by a dateline's punctuation and naming a gazetteer
place, is labelled GPE after ner."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

# what follows a dateline's place: its region after a comma, the agency in brackets, a dash
_DATELINE_END = frozenset({",", "(", "-", "--", "—", "–", ":", "―"})
# what comes before one: the start of the text, a sentence or a paragraph
_BEFORE = frozenset({".", "!", "?", ":", ";", "\"", "“", "”", "|"})
MAX_WORDS = 4  # "SALT LAKE CITY"


def _starts_a_text_part(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.is_space or prev.text in _BEFORE


def _capital_run(doc: Doc, i: int) -> int:
    """The end of the run of capitalised words from token ``i`` (``i`` when none)."""
    j = i
    while j < len(doc) and j - i < MAX_WORDS and doc[j].is_alpha and doc[j].is_upper and \
            len(doc[j].text) > 1:
        j += 1
    return j


@Language.component("storyline_datelines")
def datelines(doc: Doc) -> Doc:
    """Label the place of a dateline GPE (see the module docstring); a span ner gave the
    same words (an "ORG") gives way to it."""
    from storyline.enrich.nlp.pipeline import common_words
    from storyline.enrich.places.gazetteer import load_gazetteer

    found: list[Span] = []
    for i in range(len(doc)):
        if not doc[i].is_upper or not _starts_a_text_part(doc, i):
            continue
        j = _capital_run(doc, i)
        if j == i or j >= len(doc) or doc[j].text not in _DATELINE_END:
            continue
        name = " ".join(t.text for t in doc[i:j]).title()
        if len(name) < 3 or (j - i == 1 and (name.lower() in common_words()
                                            or name.lower() in STOP_WORDS)):
            continue  # "UPDATE:", "NOTE -"
        if any(not alt for _, alt in load_gazetteer().lookup(name)):
            found.append(Span(doc, i, j, label="GPE"))
    if not found:
        return doc
    taken = {t for s in found for t in range(s.start, s.end)}
    keep = [e for e in doc.ents if not any(t in taken for t in range(e.start, e.end))]
    doc.ents = sorted([*keep, *found], key=lambda s: s.start)
    return doc
