"""A user-cache file is written whole or not at all, and a new version removes the old."""

from __future__ import annotations

import pytest

from storyline.usercache import cache_dir, cached_json, replacing


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("STORYLINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "storyline"


def test_a_new_version_replaces_the_old_one(tmp_path):
    old = tmp_path / "thing-old.json"
    old.write_text("old", encoding="utf-8")
    new = tmp_path / "sub" / "thing-new.json"
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "thing-old.json").write_text("old", encoding="utf-8")
    (tmp_path / "sub" / "other.json").write_text("kept", encoding="utf-8")
    with replacing(new, "thing-*.json") as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["other.json", "thing-new.json"]
    assert new.read_text(encoding="utf-8") == "new" and old.exists()  # another folder


def _read(doc: object) -> list[int]:
    if not (isinstance(doc, dict) and doc.get("key") == "k2" and isinstance(doc.get("v"), list)):
        raise ValueError("not one of this key")
    return doc["v"]


def test_a_json_cache_is_made_once_read_back_and_made_again_when_it_does_not_read(
        tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))
    (tmp_path / "thing-k1.json").write_text("{}", encoding="utf-8")  # another key's file
    made = []

    def make() -> list[int]:
        made.append(1)
        return [1, 2]

    def cached() -> list[int]:
        return cached_json("thing", "k2", make, _read, lambda v: {"key": "k2", "v": v})

    assert cached() == [1, 2] and cached() == [1, 2] and len(made) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["thing-k2.json"]
    (tmp_path / "thing-k2.json").write_text('{"key": "k2", "v": "damaged"}', encoding="utf-8")
    assert cached() == [1, 2] and len(made) == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_CACHE", str(blocker / "cache"))  # cannot be written
    assert cached() == [1, 2] and cached() == [1, 2] and len(made) == 4


def test_a_write_cut_short_leaves_nothing_behind(tmp_path):
    kept = tmp_path / "thing-old.json"
    kept.write_text("old", encoding="utf-8")
    new = tmp_path / "thing-new.json"
    with pytest.raises(OSError), replacing(new, "thing-*.json") as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise OSError("no space left on device")
    assert [p.name for p in tmp_path.iterdir()] == ["thing-old.json"]


def test_no_collection_holds_when_the_block_turns_collection_back_on():
    import gc

    from storyline.usercache import no_collection

    started: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    before = gc.get_threshold()
    gc.callbacks.append(seen)
    try:
        with no_collection():
            gc.enable()  # what srsly's msgpack reader does as spaCy loads a model
            junk = []
            for _ in range(50_000):  # far past the first generation's threshold
                cycle: list[object] = []
                cycle.append(cycle)
                junk.append(cycle)
            assert not started
    finally:
        gc.callbacks.remove(seen)
    assert gc.get_threshold() == before

