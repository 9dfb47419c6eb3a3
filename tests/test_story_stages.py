"""Story-level stages: a story's unit runs again after a new article, a merge, a split, a
recluster or a change to one of its articles, and not otherwise; failures wait for
``--retry-failed``; ``reset`` makes a stage and its dependents pending; stage
declarations are checked; two processes never run the ordered stages at once."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest

from storyline import pipeline, service
from storyline.ingest.runner import ingest
from storyline.pipeline import StageDefinitionError, check_stage, dependents

DAM_1 = ("The Orvelle dam gave way on Tuesday night after three days of rain, flooding the "
         "lower town of Orvelle. Mayor Ines Varga said 40 homes were evacuated.")
DAM_2 = ("Rescue crews searched the flooded lower town of Orvelle on Wednesday after the dam "
         "collapse. Mayor Ines Varga said the evacuated families would stay in the school.")
DAM_3 = ("Engineers began inspecting what was left of the Orvelle dam on Thursday, and mayor "
         "Ines Varga asked for an inquiry into why the flooded dam gave way.")
FERRY = ("A ferry ran aground off Lake Point on Monday. The Lake Courier said all 112 passengers "
         "were taken ashore by lifeboats and the ferry company apologised.")


class RecorderStage:
    """A story-level stage that records what it is given (and fails when asked to)."""

    name: ClassVar[str] = "recorder"
    unit: ClassVar[str] = "story"
    requires: ClassVar[tuple[str, ...]] = ("stories", "enrich")
    reads: ClassVar[tuple[str, ...]] = ("stories", "sentences")
    writes: ClassVar[tuple[str, ...]] = ()
    ordered: ClassVar[bool] = True
    calls: ClassVar[list[tuple[str, int, tuple[str, ...]]]] = []
    fail_on: ClassVar[set[str]] = set()

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def run(self, store: Any, conn: Any, units: Any) -> dict[str, str]:
        failed = {}
        log = os.environ.get("RECORDER_LOG")
        for u in units:
            ids = tuple(a.id for a in u.articles)
            RecorderStage.calls.append((u.id, u.revision, ids))
            if log:
                with open(log, "a") as f:
                    f.write(json.dumps([os.getpid(), u.id, u.revision]) + "\n")
                time.sleep(float(os.environ.get("RECORDER_SLEEP", "0")))
            if set(ids) & self.fail_on:
                failed[u.id] = "asked to fail"
        return failed


@pytest.fixture
def recorder(monkeypatch):
    monkeypatch.setitem(pipeline.STAGES, "recorder", "tests.test_story_stages:RecorderStage")
    RecorderStage.calls.clear()
    RecorderStage.fail_on = set()
    return RecorderStage


def _jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _ran(recorder) -> set[str]:
    out = {sid for sid, _, _ in recorder.calls}
    recorder.calls.clear()
    return out


def _start(store, settings, tmp_path, recorder) -> dict[str, str]:
    f = _jsonl(tmp_path / "start.jsonl", [
        {"id": "dam-1", "source": "Valley Post", "text": DAM_1, "published": "2031-03-04"},
        {"id": "dam-2", "source": "Lake Courier", "text": DAM_2, "published": "2031-03-05"},
        {"id": "ferry", "source": "Kestrel News", "text": FERRY, "published": "2031-03-05"},
    ])
    report = ingest(store, [f], settings)
    assert not report.problems and all(
        not r.failed for r in report.stages if r.stage != "recorder")
    stories = {a.id: a.story_id for a in store.articles()}
    assert stories["dam-1"] == stories["dam-2"] != stories["ferry"]
    assert _ran(recorder) == {stories["dam-1"], stories["ferry"]}
    return stories


def test_runs_once_per_change(store, settings, tmp_path, recorder):
    stories = _start(store, settings, tmp_path, recorder)
    dam, ferry = stories["dam-1"], stories["ferry"]
    service.process(store, settings)
    assert _ran(recorder) == set()  # nothing changed
    # a new article joins the dam story: only that story runs again
    more = _jsonl(tmp_path / "more.jsonl", [
        {"id": "dam-3", "source": "Kestrel News", "text": DAM_3, "published": "2031-03-06"}])
    ingest(store, [more], settings)
    assert store.get_article("dam-3").story_id == dam
    assert _ran(recorder) == {dam}
    # a copy linked to one of its articles: that story again
    copy = _jsonl(tmp_path / "copy.jsonl", [
        {"id": "ferry-copy", "source": "Wire", "text": FERRY, "published": "2031-03-06"}])
    ingest(store, [copy], settings)
    assert store.get_article("ferry-copy").duplicate_of == "ferry"
    assert _ran(recorder) == {ferry}
    # merge: the kept story runs; the merged one is gone
    service.merge_stories(store, settings, dam, ferry)
    service.process(store, settings)
    calls = list(recorder.calls)
    assert _ran(recorder) == {dam}
    assert set(calls[0][2]) == {"dam-1", "dam-2", "dam-3", "ferry", "ferry-copy"}
    # split: both stories run
    new = service.split_story(store, settings, dam, ["ferry", "ferry-copy"])
    service.process(store, settings)
    assert _ran(recorder) == {dam, new}
    # an article re-enriched (reset of enrich): every story with articles runs again
    reset = service.reset(store, settings, "enrich")  # enrich, the stages after it, recorder
    assert reset[0] == "enrich" and reset[-1] == "recorder"
    service.process(store, settings)
    assert _ran(recorder) == {dam, new}
    # recluster: every story is new
    service.recluster(store, settings)
    service.process(store, settings)
    assert _ran(recorder) == {a.story_id for a in store.articles()}
    service.process(store, settings)
    assert _ran(recorder) == set()


def test_a_story_waits_for_its_articles_to_be_enriched(store, settings, tmp_path, recorder):
    f = _jsonl(tmp_path / "a.jsonl", [
        {"id": "dam-1", "source": "Valley Post", "text": DAM_1, "published": "2031-03-04"}])
    ingest(store, [f], settings, ["clean", "dedupe", "stories", "recorder"])
    assert _ran(recorder) == set()  # its article is not enriched yet
    service.process(store, settings)
    assert _ran(recorder) == {store.get_article("dam-1").story_id}


def test_failures_wait_for_retry_failed(store, settings, tmp_path, recorder):
    recorder.fail_on = {"ferry"}
    stories = _start(store, settings, tmp_path, recorder)
    with store.connect() as c:
        from storyline.store.runs import failures

        assert [(k, u, s) for k, u, s, _ in failures(c)] == [
            ("story", stories["ferry"], "recorder")]
    service.process(store, settings)
    assert _ran(recorder) == set()  # a failure is not retried by a plain run
    recorder.fail_on = set()
    reports = service.process(store, settings, retry_failed=True)
    assert _ran(recorder) == {stories["ferry"]}
    assert [r.failed for r in reports if r.stage == "recorder"] == [{}]


def test_reset_makes_a_stage_and_its_dependents_pending(store, settings, tmp_path, recorder):
    stories = _start(store, settings, tmp_path, recorder)
    assert dependents("stories") == ["stories", "enrich", "events", "corroborate", "positions", "brief", "recorder"]
    assert service.reset(store, settings, "recorder") == ["recorder"]
    service.process(store, settings)
    assert _ran(recorder) == set(stories.values())
    service.reset(store, settings, "stories")
    assert all(a.story_id is None for a in store.articles())
    assert store.pending("enrich", ["clean", "stories"]) == []  # waits for stories
    reports = service.process(store, settings)
    done = {r.stage: r.processed for r in reports}
    assert done["stories"] == 3 and done["enrich"] == 3
    assert len(_ran(recorder)) == 2


def test_stage_declarations_are_checked():
    class ReadsStoryIdOnly:
        name, unit, requires, ordered = "clean", "article", (), False
        reads, writes = ("articles.story_id",), ()

    class StoryStageWithoutStories:
        name, unit, requires, ordered = "enrich", "story", ("clean",), True
        reads, writes = ("sentences",), ()

    class RequiresLater:
        name, unit, requires, ordered = "dedupe", "article", ("enrich",), True
        reads, writes = (), ()

    for bad in (ReadsStoryIdOnly, StoryStageWithoutStories, RequiresLater):
        with pytest.raises(StageDefinitionError):
            check_stage(bad)
    for name in pipeline.stage_names():
        pipeline.stage_class(name)  # every registered stage passes


def _process_in_child(db: str, log: str, q: Any, barrier: Any) -> None:
    os.environ["RECORDER_LOG"] = log
    os.environ["RECORDER_SLEEP"] = "1.5"
    from storyline import pipeline as p
    from storyline.settings import Settings
    from storyline.store import open_store

    p.STAGES["recorder"] = "tests.test_story_stages:RecorderStage"
    store = open_store(db)
    p.requires_closure(p.stage_class("recorder"))  # imports done before the race starts
    barrier.wait(60)  # both start together
    try:
        p.run_stages(store, Settings(db_url=db), ["recorder"],
                     on_wait=lambda msg: q.put(("waited", os.getpid())))
        q.put(("done", os.getpid()))
    finally:
        store.close()


def test_two_processes_do_not_run_the_ordered_stages_twice(store, settings, tmp_path, recorder):
    stories = _start(store, settings, tmp_path, recorder)
    service.reset(store, settings, "recorder")
    log = str(tmp_path / "runs.log")
    ctx = mp.get_context("spawn")
    q, barrier = ctx.Queue(), ctx.Barrier(2)
    procs = [ctx.Process(target=_process_in_child, args=(settings.db_url, log, q, barrier))
             for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    events = [q.get(timeout=5) for _ in range(3)]
    assert sorted(e[0] for e in events) == ["done", "done", "waited"]
    runs = [json.loads(line) for line in Path(log).read_text().splitlines()]
    assert sorted(r[1] for r in runs) == sorted(set(stories.values()))  # each story once
    assert len({r[0] for r in runs}) == 1  # all by the process that held the lease
