"""The gazetteer ruler marks the same spans as spaCy's EntityRuler with the same phrase
patterns on ORTH (what the pipeline used before), and its token cache is used, checked and
rebuilt."""

from __future__ import annotations

import json

import pytest
import spacy

from storyline.enrich.nlp import pipeline as P
from storyline.enrich.nlp.gazetteer_ruler import GazetteerRuler, ruler_patterns

# overlapping and nested names, a name inside a longer one, repeats, a name at the end
PATTERNS = [
    {"label": "GPE", "pattern": "New York"},
    {"label": "GPE", "pattern": "New York City"},
    {"label": "GPE", "pattern": "York"},
    {"label": "LOC", "pattern": "City of London"},
    {"label": "GPE", "pattern": "London"},
    {"label": "NORP", "pattern": "Ukrainian"},
    {"label": "ORG", "pattern": "Nato"},
    {"label": "LOC", "pattern": "Gaza Strip"},
    {"label": "GPE", "pattern": "Gaza"},
    {"label": "GPE", "pattern": "Strip Mall"},
    {"label": "GPE", "pattern": "St. Louis"},
]
TEXTS = [
    "Officials in New York City and York met Nato envoys from the City of London.",
    "The Gaza Strip Mall opened; Ukrainian and Ukrainian-born traders came from St. Louis.",
    "New York New York City London",
    "",
    "Nothing here matches at all.",
    "Gaza Strip",
]


def _spans(doc: spacy.tokens.Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def _entity_ruler(patterns: list[dict[str, str]]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH",
                                                 "validate": False})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def test_same_spans_as_spacys_entity_ruler_on_tricky_overlaps():
    reference = _entity_ruler(PATTERNS)
    blank = spacy.blank("en")
    ours = GazetteerRuler([(p["label"], tuple(t.text for t in blank.make_doc(p["pattern"])))
                           for p in PATTERNS])
    for text in TEXTS:
        assert _spans(ours(blank.make_doc(text))) == _spans(reference(text)), text
    doc = ours(blank.make_doc(TEXTS[0]))
    assert [e.text for e in doc.ents] == ["New York City", "York", "Nato", "City of London"]


@pytest.mark.parametrize("text", [
    "Ukrainian troops pushed into the Donbas while Kurdish groups met in Erbil and Kyiv.",
    "Talks in Geneva between the United States, Russia and the European Union stalled; "
    "Nato said the Black Sea and the Gaza Strip were next on the agenda in Brussels.",
])
def test_same_spans_as_spacys_entity_ruler_with_the_whole_gazetteer(text):
    nlp = P.load_nlp()
    patterns = P.gazetteer_patterns(nlp)
    reference = _entity_ruler(patterns)
    ruler = nlp.get_pipe("storyline_gazetteer")
    ours = ruler(nlp.make_doc(text))
    assert _spans(ours) == _spans(reference(text))
    assert len(ours.ents) >= 4


def test_the_tokens_are_cached_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))
    nlp = spacy.blank("en")
    calls: list[int] = []

    def split(nlp, names):  # noqa: ANN001, ANN202
        calls.append(len(names))
        return P.split_names(nlp, names)

    first = ruler_patterns(nlp, PATTERNS, split)
    assert calls == [len(PATTERNS)]
    [path] = tmp_path.glob("ruler-*.json")
    assert ruler_patterns(nlp, PATTERNS, split) == first and calls == [len(PATTERNS)]
    assert ("GPE", ("New", "York", "City")) in first
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["patterns"][0] = ["GPE", 42]  # not a list of strings: never trusted
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert ruler_patterns(nlp, PATTERNS, split) == first and len(calls) == 2
    other = [*PATTERNS, {"label": "GPE", "pattern": "Kyiv"}]  # other names: another key
    assert ruler_patterns(nlp, other, split)[-1] == ("GPE", ("Kyiv",))
    assert len(calls) == 3 and len(list(tmp_path.glob("ruler-*.json"))) == 1
