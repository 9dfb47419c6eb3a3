import pytest

from storyline.errors import UnknownStageError
from storyline.pipeline import parse_stages, run_stages, stage_names
from storyline.records import ArticleDraft


def test_parse_stages_orders_and_validates():
    assert parse_stages(None) == stage_names()
    assert parse_stages("clean") == ["clean"]
    with pytest.raises(UnknownStageError):
        parse_stages("clean,nonsense")


def test_run_stages_marks_done_and_failed(store, settings):
    with store.begin() as c:
        store.add_articles(c, [
            ("good", ArticleDraft(body="A line of text.\n", body_kind="text", input="m")),
            ("empty", ArticleDraft(body="<html><body></body></html>", body_kind="html", input="m")),
        ])
    [report] = run_stages(store, settings, ["clean"])
    assert report.processed == 1
    assert "empty" in report.failed
    assert store.get_article("good").text == "A line of text."
    assert store.pending("clean") == []
    # running again does nothing
    [again] = run_stages(store, settings, ["clean"])
    assert again.processed == 0
