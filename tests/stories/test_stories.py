"""Story clustering through the store: grouping, duplicates, recluster, re-ingest, edits."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from storyline.export import build_export
from storyline.ingest.runner import ingest
from storyline.pipeline import run_stages
from storyline.records import ArticleDraft
from storyline.store import schema as S
from storyline.stories.ops import StoryEditError, merge_stories, recluster, split_story

CORPUS = Path(__file__).parents[1] / "fixtures" / "stories" / "corpus.jsonl"
STAGES = ["clean", "dedupe", "stories"]


def records() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def partition(pairs) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for aid, key in pairs:
        groups[key].add(aid)
    return {frozenset(g) for g in groups.values()}


def gold() -> set[frozenset[str]]:
    return partition((r["id"], r["gold"]) for r in records())


def predicted(store) -> set[frozenset[str]]:
    arts = store.articles()
    assert all(a.story_id for a in arts)
    return partition((a.id, a.story_id) for a in arts)


def snapshot(store):
    with store.connect() as c:
        rows = c.execute(select(S.stories.c.id, S.stories.c.title, S.stories.c.first_published,
                                S.stories.c.last_published, S.stories.c.merged_into)
                         .order_by(S.stories.c.id)).all()
    return {a.id: a.story_id for a in store.articles()}, [tuple(r) for r in rows]


def add(store, recs):
    with store.begin() as c:
        store.add_articles(c, [
            (r["id"], ArticleDraft(body=r["text"], body_kind="text", input="t", id=r["id"],
                                   source=r["source"], url=r["url"], title=r["title"],
                                   published=r["published"]))
            for r in recs
        ])


def test_fixture_corpus_groups_into_its_stories(store, settings):
    ingest(store, [str(CORPUS)], settings, STAGES)
    assert predicted(store) == gold()
    bridge = store.get_article("bridge-1")
    # the syndicated copy joined its canonical's story
    assert store.get_article("bridge-1-copy").story_id == bridge.story_id
    # a week of coverage (5-12 May, several outlets) is one story; the same places and people
    # seven weeks later, with nothing else reported in between, are still that story (a story
    # goes dormant when the news goes on without it: tests/stories/test_newsdays_stage.py)
    assert store.get_article("bridge-4").story_id == bridge.story_id
    assert store.get_article("bridge-late").story_id == bridge.story_id


def test_export_story_fields(store, settings):
    ingest(store, [str(CORPUS)], settings, STAGES)
    doc = build_export(store)
    sid = store.get_article("bridge-1").story_id
    [story] = [s for s in doc["stories"] if s["id"] == sid]
    assert story["article_ids"] == ["bridge-1", "bridge-1-copy", "bridge-2", "bridge-3", "bridge-4",
                                    "bridge-late"]
    assert story["first_published"] == "2031-05-05" and story["last_published"] == "2031-06-30"
    assert story["sources"] == ["coastwire.example", "northgate-post.example",
                                "tolven-herald.example"]
    titles = {r["title"] for r in records() if r["gold"] == "bridge"}
    assert story["title"] in titles
    by_id = {a["id"]: a for a in doc["articles"]}
    assert by_id["bridge-1-copy"]["duplicate_of"] == "bridge-1"
    assert {a["story_id"] for a in doc["articles"]} == {s["id"] for s in doc["stories"]}


def test_recluster_equals_online(store, settings):
    recs = sorted(records(), key=lambda r: (r["published"], r["id"]))
    half = len(recs) // 2
    add(store, recs[:half])  # two runs, the second continuing from the stored engine
    run_stages(store, settings, STAGES)
    add(store, recs[half:])
    run_stages(store, settings, STAGES)
    online = snapshot(store)
    assert predicted(store) == gold()
    recluster(store, settings)
    assert snapshot(store) == online
    recluster(store, settings)
    assert snapshot(store) == online


def test_reingest_is_idempotent(store, settings):
    ingest(store, [str(CORPUS)], settings, STAGES)
    before = snapshot(store)
    with store.connect() as c:
        logged = len(c.execute(select(S.story_log)).all())
    report = ingest(store, [str(CORPUS)], settings, STAGES)
    assert not report.added
    assert snapshot(store) == before
    with store.connect() as c:
        assert len(c.execute(select(S.story_log)).all()) == logged


def test_merge_and_split_are_recorded(store, settings):
    add(store, [r for r in records() if r["id"] != "bridge-late"])  # keep the clock in May
    run_stages(store, settings, STAGES)
    vote = store.get_article("vote-1").story_id
    recall = store.get_article("recall-1").story_id
    merge_stories(store, settings, vote, recall, reason="test")
    assert {a.story_id for a in store.articles() if a.id.startswith(("vote", "recall"))} == {vote}
    doc = build_export(store)
    assert recall not in {s["id"] for s in doc["stories"]}
    [merged] = [s for s in doc["stories"] if s["id"] == vote]
    assert merged["first_published"] == "2031-05-06" and merged["last_published"] == "2031-05-10"
    with pytest.raises(StoryEditError):
        merge_stories(store, settings, vote, recall)  # already merged
    new = split_story(store, settings, vote, ["recall-1", "recall-2"], reason="test")
    assert {store.get_article(i).story_id for i in ("recall-1", "recall-2")} == {new}
    assert store.get_article("vote-2").story_id == vote
    with pytest.raises(StoryEditError):
        split_story(store, settings, vote, ["vote-1", "vote-2", "vote-3"])
    with store.connect() as c:
        actions = [r.action for r in c.execute(select(S.story_log).where(
            S.story_log.c.action.in_(["merge", "split"])).order_by(S.story_log.c.id))]
    assert actions == ["merge", "split"]
    # the next article on the recall story joins the split-off story, not the vote story
    add(store, [{"id": "recall-3", "source": "x.example", "url": "u", "published": "2031-05-11",
                 "title": "Velora says Cardivex recall is complete",
                 "text": "Velora Pharma said on Sunday that the recall of Cardivex heart tablets "
                         "from the Lund plant press was complete and that pharmacists had swapped "
                         "the double-dose batches. The medicines agency thanked patients."}])
    run_stages(store, settings, STAGES)
    assert store.get_article("recall-3").story_id == new


def test_cli_lists_and_shows_stories(cli):
    assert cli("ingest", "--stages", ",".join(STAGES), str(CORPUS)).exit_code == 0
    out = cli("stories", "--json").output
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["articles"] for r in rows] == [6, 3, 2]
    shown = cli("story", rows[0]["id"]).output
    assert "bridge-1-copy" in shown and "2031-05-05" in shown
    assert cli("story", "nope").exit_code == 1
    again = cli("recluster")
    assert again.exit_code == 0 and again.output.strip() == "3 stories"


def test_late_article_finds_the_stories_of_its_own_time(store, settings):
    ingest(store, [str(CORPUS)], settings, STAGES)  # the clock is now at 30 June
    vote = store.get_article("vote-2").story_id
    add(store, [{"id": "vote-late", "source": "x.example", "url": "u2", "published": "2031-05-08",
                 "title": "Brask council: Green Coast names tram line as first vote",
                 "text": "Maren Tollefsen of the Green Coast party said the new Brask regional "
                         "council would first vote on the tram line, after her party won the "
                         "election against the Harbour Alliance. Ferry fares come next."}])
    run_stages(store, settings, STAGES)
    assert store.get_article("vote-late").story_id == vote


def test_undated_copy_joins_its_canonical_story_retired_in_the_same_batch(store, settings):
    """The canonical's story went dormant earlier in the batch (a later article moved the
    clock past the gap) and is not in the store yet: the undated copy still joins it."""
    recs = {r["id"]: r for r in records()}
    copy = dict(recs["vote-1"], id="vote-1-undated", published=None, url=None,
                source="other.example", title="Brask goes to the polls")
    news = [dict(recs["recall-1"], id=f"news-{d}", published=f"2031-06-{d:02d}",
                 url=f"https://medline-today.example/news-{d}",
                 text=f"Daily bulletin {d}. " + recs["recall-1"]["text"]) for d in range(1, 29)]
    add(store, [recs["vote-1"], recs["vote-2"], *news, recs["bridge-late"], copy])
    run_stages(store, settings, STAGES)
    by_id = {a.id: a for a in store.articles()}
    assert by_id["vote-1-undated"].duplicate_of == "vote-1"
    assert by_id["vote-1-undated"].story_id == by_id["vote-1"].story_id
    assert by_id["bridge-late"].story_id != by_id["vote-1"].story_id


def test_engine_reads_the_vocabulary_per_batch_not_whole(store, settings):
    from storyline.stories.persist import fetch_vocabulary, load_engine

    add(store, records())
    run_stages(store, settings, STAGES)
    with store.connect() as c:
        stored = dict(c.execute(select(S.story_terms.c.term, S.story_terms.c.df)).all())
        engine = load_engine(c, settings.cluster)
        assert engine.vocab.df == {} and engine.vocab.n == len(records())
        some = sorted(stored)[:3]
        fetch_vocabulary(c, engine.vocab, [*some, "zzz-never-seen"], chunk=2)
    assert engine.vocab.df == {**{k: stored[k] for k in some}, "zzz-never-seen": 0}
    assert all(stored[k] >= 1 for k in some)
