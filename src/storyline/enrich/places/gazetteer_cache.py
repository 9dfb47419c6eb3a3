"""The gazetteer's cache in the user cache directory: one SQLite file, read as it is used.

Reading the whole gazetteer at every start (a quarter million places, half a million names:
0.8 s from JSON, each worker process again) cost more than the parse of a hundred short
articles. The cache is an SQLite file instead, opened read-only; a place is read the first
time it is asked for, a name's places the first time the name is looked up, and each is
then kept, so that asking again gives the same object. The small tables (countries, admin
regions, demonyms, the ruler's spellings) are read whole when the file is opened.

Nothing in the file is ever run (SQLite holds values, not objects); each value read is
checked, and a file that does not read as a gazetteer of this build is refused at open
(ValueError: the caller builds it again) or, damaged past its header, named in a
:class:`~storyline.errors.StorylineError` when it is read.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, overload

from storyline.errors import StorylineError

P = TypeVar("P")

CACHE_FORMAT = "storyline.gazetteer/4"  # 4: SQLite, read lazily (3: JSON, read whole)
_PLACE_TYPES: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("name", (str,)), ("lat", (float, int)), ("lon", (float, int)), ("feature", (str,)),
    ("cc", (str, type(None))), ("admin1", (str, type(None))), ("population", (int,)),
    ("geonameid", (int, type(None))))
_SMALL = ("countries", "admin1", "demonyms", "surface")


class Tables(Protocol):
    """What the cache holds: the gazetteer's tables (see gazetteer.Gazetteer)."""

    @property
    def places(self) -> Sequence[Any]: ...
    @property
    def index(self) -> Mapping[str, tuple[int, ...]]: ...
    @property
    def squashed(self) -> Mapping[str, tuple[int, ...]]: ...
    @property
    def countries(self) -> Mapping[str, int]: ...
    @property
    def admin1(self) -> Mapping[tuple[str, str], int]: ...
    @property
    def demonyms(self) -> Mapping[str, str]: ...
    @property
    def surface(self) -> Mapping[str, tuple[str, int]]: ...


def write_cache(g: Tables, key: str, path: Path) -> None:
    """``g`` as an SQLite cache file at ``path`` (a new file; the caller renames it)."""
    db = sqlite3.connect(path)
    try:
        with db:
            # columns without a type keep each value's own (an int latitude stays an int)
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE places (idx INTEGER PRIMARY KEY, name, lat, lon, "
                       "feature, cc, admin1, population, geonameid)")
            for table in ("names", "squashed"):
                db.execute(f"CREATE TABLE {table} (name TEXT PRIMARY KEY, codes TEXT NOT NULL)"
                           " WITHOUT ROWID")
            db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           ((i, p.name, p.lat, p.lon, p.feature, p.cc, p.admin1, p.population,
                             p.geonameid) for i, p in enumerate(g.places)))
            for table, codes in (("names", g.index), ("squashed", g.squashed)):
                db.executemany(f"INSERT INTO {table} VALUES (?, ?)",
                               ((k, " ".join(map(str, v))) for k, v in sorted(codes.items())))
            small = {"countries": dict(g.countries), "demonyms": dict(g.demonyms),
                     "surface": dict(g.surface),
                     "admin1": [[cc, name, i] for (cc, name), i in g.admin1.items()]}
            meta = {"format": CACHE_FORMAT, "key": key, "places": str(len(g.places)),
                    **{k: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
                       for k, v in small.items()}}
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    finally:
        db.close()


def open_cache(path: Path, key: str, make_place: Callable[..., P]) -> dict[str, Any]:
    """The tables of the cache file at ``path`` (the gazetteer's fields, its places made
    by ``make_place`` from a row's values); ValueError when it is not a cache of this
    build (another key or format, a damaged header, not an SQLite file); OSError when it
    cannot be opened."""
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                             check_same_thread=False)
    except sqlite3.Error as e:
        raise OSError(f"cannot open {path}: {e}") from e
    try:
        tables = {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"meta", "places", "names", "squashed"} <= tables:
            raise ValueError("the gazetteer cache lacks a table")
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("format") != CACHE_FORMAT or meta.get("key") != key:
            raise ValueError("not a gazetteer cache of this build")
        n = int(meta["places"])
        (count,) = db.execute("SELECT count(*) FROM places").fetchone()
        (top,) = db.execute("SELECT max(idx) FROM places").fetchone()
        if count != n or (n and top != n - 1):
            raise ValueError("the gazetteer cache's places are not all there")
        source = _Source(db, path, n)
        small = {k: json.loads(meta[k]) for k in _SMALL}
        return dict(
            places=LazyPlaces(source, make_place), index=LazyCodes(source, "names"),
            squashed=LazyCodes(source, "squashed"),
            countries={_text(k): _index(v, n) for k, v in _items(small["countries"])},
            admin1={(_text(cc), _text(name)): _index(i, n) for cc, name, i in small["admin1"]},
            demonyms={_text(k): _text(v) for k, v in _items(small["demonyms"])},
            surface={_text(k): _surface(v) for k, v in _items(small["surface"])})
    except (sqlite3.Error, KeyError, TypeError, AttributeError, json.JSONDecodeError) as e:
        db.close()
        raise ValueError(f"not a gazetteer cache: {e}") from e
    except ValueError:
        db.close()
        raise


def _items(v: object) -> Any:
    if not isinstance(v, dict):
        raise ValueError("not a gazetteer table")
    return v.items()


def _text(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError("not a string")
    return v


def _index(v: object, n: int) -> int:
    if not isinstance(v, int) or not 0 <= v < n:
        raise ValueError("place index out of range")
    return v


def _surface(v: object) -> tuple[str, int]:
    if not (isinstance(v, list) and len(v) == 2 and isinstance(v[1], int)):
        raise ValueError("not a surface entry")
    return _text(v[0]), v[1]


class _Source:
    """The open cache file, shared by its tables; one query at a time (the pipeline's
    threads, a Dask worker's, may look names up together)."""

    def __init__(self, db: sqlite3.Connection, path: Path, n: int) -> None:
        self.db, self.path, self.n = db, path, n
        self.lock = threading.Lock()

    def one(self, sql: str, arg: object) -> tuple[Any, ...] | None:
        with self.lock:
            try:
                row: tuple[Any, ...] | None = self.db.execute(sql, (arg,)).fetchone()
            except sqlite3.Error as e:
                raise self.damaged(str(e)) from e
        return row

    def damaged(self, why: str) -> StorylineError:
        return StorylineError(f"the gazetteer cache {self.path} is damaged ({why}); "
                              "remove it and run again: it is built anew")


class LazyPlaces(Sequence[P], Generic[P]):
    """The cache's places by index, each read once and then kept (the same object)."""

    def __init__(self, source: _Source, make: Callable[..., P]) -> None:
        self._src, self._make = source, make
        self._made: dict[int, P] = {}
        self._ids: dict[int, int] = {}  # id(place) -> index, for the places made

    def __len__(self) -> int:
        return self._src.n

    @overload
    def __getitem__(self, i: int) -> P: ...
    @overload
    def __getitem__(self, i: slice) -> list[P]: ...

    def __getitem__(self, i: int | slice) -> P | list[P]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._src.n))]
        place = self._made.get(i)
        if place is not None:
            return place
        if not isinstance(i, int) or isinstance(i, bool):
            raise TypeError("place indices are integers")
        j = i + self._src.n if i < 0 else i
        if not 0 <= j < self._src.n:
            raise IndexError(i)
        place = self._made.get(j)
        if place is None:  # two threads reading one place keep the first one made
            place = self._made.setdefault(j, self._read(j))
            self._ids[id(place)] = j
        return place

    def _read(self, i: int) -> P:
        row = self._src.one("SELECT name, lat, lon, feature, cc, admin1, population, geonameid"
                            " FROM places WHERE idx = ?", i)
        if row is None:
            raise self._src.damaged(f"place {i} is missing")
        for value, (field, types) in zip(row, _PLACE_TYPES, strict=True):
            if type(value) not in types:
                raise self._src.damaged(f"place {i} has a {type(value).__name__} {field}")
        return self._make(*row)

    def index_of(self, place: P) -> int | None:
        """The index of a place this sequence made (None: not one of them)."""
        return self._ids.get(id(place))

    def __iter__(self) -> Iterator[P]:
        return (self[i] for i in range(self._src.n))


class LazyCodes(Mapping[str, tuple[int, ...]]):
    """name -> place codes, read from one of the cache's name tables when a name is first
    looked up (a name it lacks too) and then kept."""

    def __init__(self, source: _Source, table: str) -> None:
        self._src = source
        self._sql = f"SELECT codes FROM {table} WHERE name = ?"
        self._table = table
        self._seen: dict[str, tuple[int, ...] | None] = {}

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        codes = self._seen.get(key, ())
        if codes == ():
            codes = self._seen[key] = self._read(key) if isinstance(key, str) else None
        return default if codes is None else codes

    def __getitem__(self, key: str) -> tuple[int, ...]:
        codes = self.get(key)
        if codes is None:
            raise KeyError(key)
        return codes  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def _read(self, key: str) -> tuple[int, ...] | None:
        row = self._src.one(self._sql, key)
        if row is None:
            return None
        try:
            codes = tuple(map(int, row[0].split()))
        except (AttributeError, ValueError) as e:
            raise self._src.damaged(f"the codes of {key!r}") from e
        if not codes or not all(0 <= c and c >> 1 < self._src.n for c in codes):
            raise self._src.damaged(f"the codes of {key!r} are out of range")
        return codes

    def __iter__(self) -> Iterator[str]:
        with self._src.lock:
            names = [k for (k,) in self._src.db.execute(
                f"SELECT name FROM {self._table} ORDER BY name")]
        return iter(names)

    def __len__(self) -> int:
        with self._src.lock:
            (n,) = self._src.db.execute(f"SELECT count(*) FROM {self._table}").fetchone()
        return int(n)


__all__ = ["CACHE_FORMAT", "LazyCodes", "LazyPlaces", "Tables", "open_cache", "write_cache"]
