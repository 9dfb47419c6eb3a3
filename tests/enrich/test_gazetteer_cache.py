"""The gazetteer cache is an SQLite file read as it is used, never a pickle (issue 14): a
file planted in the user-writable cache folder can at worst be refused, never run; and a
place or name read from it equals the one built (issue 15: no whole read at each start)."""

from __future__ import annotations

import pickle
import sqlite3

import pytest

from storyline.enrich.places import gazetteer as G
from storyline.enrich.places import gazetteer_cache as C
from storyline.errors import StorylineError


class _Planted:
    """What a planted pickle would do when loaded: leave a mark (here, a harmless file)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.fixture(scope="module")
def real():
    return G.load_gazetteer()


@pytest.fixture(scope="module")
def built():
    return G.build()


def _small() -> G.Gazetteer:
    return G.Gazetteer(
        places=[G.Place("Lindau", 47.55, 9.68, "city", "DE", "Bavaria", 25000, 2877088),
                G.Place("Germany", 51, 10.0, "country", "DE", None, 83000000, None)],
        index={"lindau": (0,), "germany": (2,), "deutschland": (3,)}, countries={"DE": 1},
        admin1={("DE", "bavaria"): 0}, demonyms={"German": "DE"},
        surface={"Lindau": ("city", 25000)}, squashed={"newlindau": (0,)})


def _open(path, key="k"):
    return G.Gazetteer(**C.open_cache(path, key, G.Place))


def test_the_cache_reads_back_every_table_as_built(real, built):
    assert isinstance(real.places, C.LazyPlaces)  # read from the cache, not built again
    assert len(real.places) == len(built.places)
    assert real.places[::997] == built.places[::997] and real.places[-1] == built.places[-1]
    names = sorted(built.index)[::997]
    assert [real.index[n] for n in names] == [built.index[n] for n in names]
    squashed = sorted(built.squashed)[::97]
    assert [real.squashed.get(n) for n in squashed] == [built.squashed[n] for n in squashed]
    assert real.countries == built.countries and real.admin1 == built.admin1
    assert real.demonyms == built.demonyms and real.surface == built.surface
    for name in ("Paris", "Kharkiv", "New York City", "DeKalb", "Gaza Strip"):
        assert real.lookup(name) == built.lookup(name)


def test_a_place_read_twice_is_the_same_object_and_knows_its_index(real, built):
    paris = real.lookup("Paris")
    assert all(p is q for (p, _), (q, _) in zip(paris, real.lookup("Paris"), strict=True))
    for p, _ in paris:
        i = real.place_index(p)
        assert real.places[i] is p and built.places[i] == p
        assert built.place_index(built.places[i]) == i
        assert real.place_index(pickle.loads(pickle.dumps(p))) == i  # a copy from a worker
    with pytest.raises(KeyError):
        real.place_index(G.Place("Nowhere At All", 0.0, 0.0, "city"))


def test_the_small_tables_and_int_coordinates_keep_their_values(tmp_path):
    small = _small()
    C.write_cache(small, "k", tmp_path / "g.sqlite")
    back = _open(tmp_path / "g.sqlite")
    assert list(back.places) == small.places and type(back.places[1].lat) is int
    assert dict(back.index) == small.index and dict(back.squashed) == small.squashed
    assert (back.countries, back.admin1, back.demonyms, back.surface) == (
        small.countries, small.admin1, small.demonyms, small.surface)
    assert back.lookup("New Lindau") == [(small.places[0], False)]
    assert back.lookup("Deutschland") == [(small.places[1], True)]
    assert back.places[-2] is back.places[0]
    with pytest.raises(IndexError):
        back.places[2]
    assert "nowhere" not in back.index and back.index.get("nowhere") is None
    assert 42 not in back.index
    with pytest.raises(KeyError):
        back.index["nowhere"]


def test_a_planted_pickle_is_never_loaded(real, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))
    key = G._source_key()
    mark = tmp_path / "code-ran"
    payload = pickle.dumps(_Planted(str(mark)))
    (tmp_path / f"gazetteer-{key}.pickle").write_bytes(payload)  # an old cache's name
    (tmp_path / f"gazetteer-{key}.sqlite").write_bytes(payload)  # not SQLite: refused
    # the loader itself, past its cache: clearing the cache would leave the rest of the
    # run with a second gazetteer beside the one the loaded pipeline holds
    loaded = G.load_gazetteer.__wrapped__()
    assert loaded.lookup("Paris") == real.lookup("Paris") and not mark.exists()
    assert isinstance(loaded.places, C.LazyPlaces)  # built again, written, read back
    assert (tmp_path / f"gazetteer-{key}.sqlite").read_bytes()[:15] == b"SQLite format 3"


@pytest.mark.parametrize("damage", [
    "UPDATE meta SET value = 'another-build' WHERE name = 'key'",
    "UPDATE meta SET value = 'storyline.gazetteer/3' WHERE name = 'format'",
    "DELETE FROM places WHERE idx = 1",
    "UPDATE meta SET value = '{\"DE\": 7}' WHERE name = 'countries'",
    "UPDATE meta SET value = '[[\"DE\", \"bavaria\", -1]]' WHERE name = 'admin1'",
    "DELETE FROM meta WHERE name = 'surface'",
    "UPDATE meta SET value = 'not json' WHERE name = 'demonyms'",
    "DROP TABLE names",
])
def test_a_cache_damaged_in_its_header_is_refused_at_open(tmp_path, damage):
    path = tmp_path / "g.sqlite"
    C.write_cache(_small(), "k", path)
    with sqlite3.connect(path) as db:
        db.execute(damage)
    with pytest.raises(ValueError):
        _open(path)


@pytest.mark.parametrize(("damage", "read"), [
    ("UPDATE places SET lat = 'not a number' WHERE idx = 0", lambda g: g.places[0]),
    ("UPDATE places SET population = 2.5 WHERE idx = 0", lambda g: g.lookup("Lindau")),
    ("UPDATE names SET codes = '999' WHERE name = 'lindau'", lambda g: g.lookup("Lindau")),
    ("UPDATE names SET codes = 'x' WHERE name = 'germany'", lambda g: g.index.get("germany")),
    ("UPDATE squashed SET codes = '' WHERE name = 'newlindau'", lambda g: g.lookup("Newlindau")),
])
def test_a_value_damaged_past_the_header_is_named_when_read(tmp_path, damage, read):
    path = tmp_path / "g.sqlite"
    C.write_cache(_small(), "k", path)
    with sqlite3.connect(path) as db:
        db.execute(damage)
    g = _open(path)
    with pytest.raises(StorylineError, match=r"gazetteer cache .*g\.sqlite is damaged"):
        read(g)
    assert g.lookup("Deutschland") == [(_small().places[1], True)]  # the rest still reads


def test_an_unwritable_cache_folder_keeps_the_build_in_memory(built, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STORYLINE_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(G, "build", lambda: built)
    g = G.load_gazetteer.__wrapped__()
    assert g is built and g.lookup("Paris") == built.lookup("Paris")
    paris = g.lookup("Paris")[0][0]
    assert g.places[g.place_index(paris)] is paris
