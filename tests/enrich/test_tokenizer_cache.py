"""spaCy's tokenizer caches the first 10,000 distinct chunks it tokenises and never makes
room for more: the gazetteer ruler's ~19,000 patterns, tokenised while the pipeline is
built, would fill it, and no word of any article would be cached. The patterns are
tokenised with the cache off; the articles' tokens are the same either way."""

from __future__ import annotations

from storyline.enrich.nlp import pipeline as P

TEXT = "Officials in Tel Aviv and São Paulo said on Monday that talks would resume."


def test_the_gazetteer_patterns_do_not_fill_the_tokenizers_cache(monkeypatch):
    sizes: list[int] = []
    real = P.gazetteer_patterns

    def watched(nlp):  # noqa: ANN001, ANN202
        patterns = real(nlp)
        sizes.append(nlp.tokenizer.tokenizer.max_cache_size)  # while they are tokenised
        return patterns

    monkeypatch.setattr(P, "gazetteer_patterns", watched)
    nlp = P._load_nlp.__wrapped__(P.MODELS, True)
    assert sizes == [0]
    assert nlp.tokenizer.tokenizer.max_cache_size == 10_000  # on again for the articles
    plain = P._load(P.MODELS, ("tok2vec",)).tokenizer
    for _ in range(2):  # first tokenised, then from the cache
        assert [t.text for t in nlp.tokenizer(TEXT)] == [t.text for t in plain(TEXT)]
