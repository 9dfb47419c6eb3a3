"""Places written by a press convention that ner rarely labels:

- datelines: the place a report was filed from, written in capitals at the start of the
  text or of a paragraph ("COLUMBUS (AP) --", "BEIRUT:", "MOUNT GILEAD, Ohio -"); the
  gazetteer ruler matches names as written ("Columbus"), and ner rarely labels a word in
  capitals;
- a US legislator's party and home town after the name ("Rep. Jane Roe, D-Braxton,";
  "R-Elbow Lake").

Such a run naming a gazetteer place (by its main name) is labelled GPE after ner."""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import IS_UPPER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.enrich.nlp.lexicon import common_words_of

# what follows a dateline's place: its region after a comma, the agency in brackets, a dash
_DATELINE_END = frozenset({",", "(", "-", "--", "—", "–", ":", "―"})
DASHES = frozenset("-—–―")
# a party before a home town: "D-Braxton", "R-Elbow Lake", "I-Ely"
_PARTIES = frozenset({"D", "R", "I"})
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


@Language.factory("storyline_datelines")
def make_datelines(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component (see :func:`datelines`), with the pipeline's common words."""
    common = frozenset(common_words_of(nlp))
    return lambda doc: datelines(doc, common)


def datelines(doc: Doc, common: frozenset[str] = frozenset()) -> Doc:
    """Label the place of a dateline GPE (see the module docstring); a span ner gave the
    same words (an "ORG") gives way to it. ``common``: common English words, never a
    one-word dateline ("UPDATE:")."""
    from storyline.enrich.places.gazetteer import load_gazetteer

    found: list[Span] = []
    # only tokens in capitals can open a dateline: found in the doc's array, not one Token each
    for i in numpy.flatnonzero(doc.to_array(IS_UPPER)).tolist() if len(doc) else ():
        if not _starts_a_text_part(doc, i):
            continue
        j = _capital_run(doc, i)
        if j == i or j >= len(doc) or not (doc[j].text in _DATELINE_END
                                             or set(doc[j].text) <= DASHES):
            continue  # "COLUMBIA ---" too
        name = " ".join(t.text for t in doc[i:j]).title()
        if len(name) < 3 or (j - i == 1 and (name.lower() in common
                                            or name.lower() in STOP_WORDS)):
            continue  # "UPDATE:", "NOTE -"
        if any(not alt for _, alt in load_gazetteer().lookup(name)):
            found.append(Span(doc, i, j, label="GPE"))
    found.extend(_party_towns(doc))
    if not found:
        return doc
    taken = {t for s in found for t in range(s.start, s.end)}
    keep = [e for e in doc.ents if not any(t in taken for t in range(e.start, e.end))]
    doc.ents = sorted([*keep, *found], key=lambda s: s.start)
    return doc


def _party_towns(doc: Doc) -> list[Span]:
    """The home towns in "<name>, D-Braxton," (the longest run of capitalised words after
    the party letter and its hyphen that names a gazetteer place)."""
    from storyline.enrich.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    out: list[Span] = []
    if not len(doc):
        return out
    parties = numpy.isin(doc.to_array(ORTH), [doc.vocab.strings.add(p) for p in _PARTIES])
    for i in numpy.flatnonzero(parties).tolist():
        t = doc[i]
        if t.text not in _PARTIES or i < 1 or doc[i - 1].text != "," or i + 2 >= len(doc) \
                or doc[i + 1].text != "-" or doc[i + 1].whitespace_ or t.whitespace_:
            continue
        start = i + 2
        end = start
        while end < len(doc) and end - start < MAX_WORDS and doc[end].is_title:
            end += 1
        for stop in range(end, start, -1):
            name = doc[start:stop].text
            if any(not alt for _, alt in g.lookup(name)):
                out.append(Span(doc, start, stop, label="GPE"))
                break
    return out
