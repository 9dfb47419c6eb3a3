"""Language detection reads py3langid's model from an uncompressed copy in the user cache;
a damaged copy is never trusted: detection still answers, and the copy is made again."""

from __future__ import annotations

import pytest

from storyline.clean import language

GERMAN = "Die Reparatur der Stützmauer hat zwölf Millionen Euro gekostet, sagte der Bürgermeister."
ENGLISH = "The repair of the retaining wall cost twelve million euros, the mayor said on Monday."


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def test_the_copy_is_made_once_and_answers_as_py3langid_does(fresh):
    from py3langid import langid

    assert language.detect_language(GERMAN) == "de"
    [copy] = fresh.glob("langid-*.npz")
    stamp = copy.stat().st_mtime_ns
    language._identifier.cache_clear()
    reference = langid._get_identifier()
    for text in (GERMAN, ENGLISH, "Le maire a dit lundi que la réparation du mur a coûté cher."):
        assert language._identifier().classify(text) == reference.classify(text)
    assert copy.stat().st_mtime_ns == stamp  # read, not made again


@pytest.mark.parametrize("damage", [b"not a model at all", b"PK\x03\x04 truncated zip"])
def test_a_damaged_copy_falls_back_and_is_made_again(fresh, damage):
    assert language.detect_language(ENGLISH) == "en"
    [copy] = fresh.glob("langid-*.npz")
    copy.write_bytes(damage)
    language._identifier.cache_clear()
    assert language.detect_language(GERMAN) == "de"  # py3langid's own loading
    assert not copy.exists()
    language._identifier.cache_clear()
    assert language.detect_language(GERMAN) == "de"
    assert copy.exists() and copy.stat().st_size > 1_000_000
