"""The spaCy pipeline (with its gazetteer ruler, seconds to build) is loaded once per
process for the same models, however the caller names them: the enrich stage passes
``settings.spacy_models``, the word lists built from the lemmatizer call ``load_nlp()``."""

from __future__ import annotations

from storyline.enrich.nlp.pipeline import MODELS, common_words, load_nlp
from storyline.settings import Settings


def test_the_default_and_the_settings_models_give_the_same_loaded_pipeline():
    nlp = load_nlp(Settings().spacy_models)
    assert load_nlp() is nlp
    assert load_nlp(list(MODELS)) is nlp
    assert load_nlp(MODELS, gazetteer=True) is nlp
    assert load_nlp(gazetteer=False) is not nlp  # a different pipeline: no ruler


def test_the_lemmatizer_word_list_reads_the_pipeline_already_loaded():
    nlp = load_nlp(Settings().spacy_models)
    words = common_words()
    assert "mobile" in words  # an adjective of the lemmatizer's index
    assert load_nlp() is nlp


def test_the_loaded_pipeline_is_left_out_of_later_collections():
    import gc

    load_nlp()
    # the model, the gazetteer and the ruler's names: frozen, never walked again
    assert gc.get_freeze_count() > 100_000
