"""spaCy's tokenizer caches the first 10,000 distinct chunks it tokenises and never makes
room for more: the gazetteer ruler's ~19,000 patterns, tokenised while the pipeline is
built, would fill it, and no word of any article would be cached. The patterns are
tokenised with the cache off; the articles' tokens are the same either way."""

from __future__ import annotations

from storyline.enrich.nlp import pipeline as P

TEXT = "Officials in Tel Aviv and São Paulo said on Monday that talks would resume."


def test_the_gazetteer_patterns_do_not_fill_the_tokenizers_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))  # no cached tokens: split them here
    sizes: list[int] = []

    class Watched(P.LongRunGuard):
        def __call__(self, text):  # noqa: ANN001, ANN204
            sizes.append(self.tokenizer.max_cache_size)
            return super().__call__(text)

    monkeypatch.setattr(P, "LongRunGuard", Watched)
    nlp = P._load_nlp.__wrapped__(P.MODELS, True)
    assert len(sizes) > 10_000 and set(sizes) == {0}  # every name, with the cache off
    assert nlp.tokenizer.tokenizer.max_cache_size == 10_000  # on again for the articles
    plain = P._load(P.MODELS, ("tok2vec",)).tokenizer
    for _ in range(2):  # first tokenised, then from the cache
        assert [t.text for t in nlp.tokenizer(TEXT)] == [t.text for t in plain(TEXT)]
