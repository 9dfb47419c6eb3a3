"""Language detection maps py3langid's model from uncompressed copies of its arrays in the
user cache; a damaged copy is never trusted: detection still answers, and the copies are
made again."""

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
    copies = sorted(fresh.glob("langid-*.npy"))
    assert len(copies) == len(language._ARRAYS)
    stamps = [c.stat().st_mtime_ns for c in copies]
    language._identifier.cache_clear()
    reference = langid._get_identifier()
    for text in (GERMAN, ENGLISH, "Le maire a dit lundi que la réparation du mur a coûté cher."):
        assert language._identifier().classify(text) == reference.classify(text)
    assert [c.stat().st_mtime_ns for c in copies] == stamps  # read, not made again
    assert isinstance(language._identifier().nb_ptc, __import__("numpy").memmap)


def test_an_older_single_file_copy_goes(fresh):
    (fresh / "langid-0.3.0-123-456.npz").write_bytes(b"an older copy")
    assert language.detect_language(ENGLISH) == "en"
    assert not list(fresh.glob("langid-*.npz"))


@pytest.mark.parametrize(("array", "damage"), [
    ("ptc", b"not a model at all"),
    ("nextmove", b"\x93NUMPY truncated"),
    ("pc", None),  # an array of another shape
])
def test_a_damaged_copy_falls_back_and_is_made_again(fresh, array, damage):
    import numpy as np

    assert language.detect_language(ENGLISH) == "en"
    [copy] = fresh.glob(f"langid-*-{array}.npy")
    size = copy.stat().st_size
    if damage is None:
        np.save(copy, np.zeros(3, dtype=np.float32))
    else:
        copy.write_bytes(damage)
    language._identifier.cache_clear()
    assert language.detect_language(GERMAN) == "de"  # py3langid's own loading
    assert not copy.exists()
    language._identifier.cache_clear()
    assert language.detect_language(GERMAN) == "de"
    assert copy.exists() and copy.stat().st_size == size
