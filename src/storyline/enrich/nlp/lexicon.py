"""Word classes read from the loaded pipeline's own tables."""

from __future__ import annotations

from spacy.language import Language


def common_words_of(nlp: Language) -> set[str]:
    """Lower-case English adjectives, verbs and adverbs (the lemmatizer's word index)."""
    if "lemmatizer" not in nlp.pipe_names:
        return set()
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if "lemma_index" not in lookups.tables:
        return set()
    wanted = {nlp.vocab.strings.add(p) for p in ("adj", "verb", "adv")}
    out: set[str] = set()
    for pos, words in lookups.get_table("lemma_index").items():
        if pos in wanted:
            out.update(words)
    return out
