import json
import tracemalloc

from storyline.ingest.jsonfiles import read_json
from storyline.records import IngestProblem
from tests.ingest.helpers import FIXTURES, run, stored_problems


def _jsonl(path, records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    return path


def test_jsonl_ids_metadata_and_lines(store, settings, tmp_path):
    f = _jsonl(tmp_path / "in.jsonl", [
        {"id": "ferry-1", "source": "Lake Courier", "url": "https://lakecourier.example/1",
         "title": "Ferry aground", "published": "2026-05-02", "text": "A ferry ran aground.", "section": "News"},
        "",
        {"url": "https://www.alpinegazette.example/2", "html": "<p>Crossings were suspended on Monday.</p>",
         "published": "Mon, 04 May 2026 07:00:00 GMT"},
    ])
    report = run(store, settings, f)
    assert report.ok and len(report.added) == 2
    a = store.get_article("ferry-1")
    assert (a.source, a.url, a.title, a.published, a.line) == (
        "Lake Courier", "https://lakecourier.example/1", "Ferry aground", "2026-05-02", 1)
    assert a.metadata == {"section": "News"}
    [b] = [x for x in store.articles() if x.id != "ferry-1"]
    assert b.line == 3 and b.body_kind == "html"
    assert b.source == "alpinegazette.example" and b.published == "2026-05-04T07:00:00+00:00"


def test_jsonl_with_long_first_line(store, settings, tmp_path):
    long_text = "The dam held for forty years before it failed. " * 1000  # ~48 kB line
    f = _jsonl(tmp_path / "long.jsonl", [{"id": "long", "text": long_text}, {"id": "short", "text": "Short."}])
    report = run(store, settings, f)
    assert report.ok and sorted(report.added) == ["long", "short"]
    assert store.get_article("long").body == long_text


def test_jsonl_bad_lines_are_reported_and_skipped(store, settings, tmp_path):
    f = _jsonl(tmp_path / "bad.jsonl", [
        {"id": "ok-1", "text": "First good record."},
        '{"id": "broken", "text": "no closing brace"',
        "[1, 2, 3]",
        {"id": "no-body", "source": "Kestrel News"},
        {"id": "ok-2", "text": "Second good record."},
        {"id": "headline", "title": "Just a title"},
    ])
    report = run(store, settings, f)
    assert sorted(report.added) == ["headline", "ok-1", "ok-2"]
    assert store.get_article("headline").headline_only
    assert [(p.line, p.reason.split(":")[0]) for p in report.problems] == [
        (2, "invalid JSON"), (3, "line is not a JSON object"),
        (4, "record has no 'text', 'html' or 'title' field with content")]
    assert all(str(p).startswith(f"{f}:") for p in report.problems)
    assert [p[:2] for p in stored_problems(store)] == [(str(f), 2), (str(f), 3), (str(f), 4)]
    assert not report.ok


def test_jsonl_is_streamed_not_loaded_whole(settings, tmp_path):
    f = _jsonl(tmp_path / "many.jsonl", [{"id": f"r{n}", "text": f"Record {n} " + "word " * 500} for n in range(2000)])
    assert f.stat().st_size > 5_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in read_json(str(f), settings) if not isinstance(item, IngestProblem))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < 1_000_000  # one line at a time, never the whole 5 MB file


def test_json_array_file(store, settings, tmp_path):
    f = tmp_path / "arr.json"
    f.write_text(json.dumps([{"id": "a1", "text": "Alpha text."}, {"id": "a2", "html": "<p>Beta text.</p>"}, 7],
                            indent=2))
    report = run(store, settings, f)
    assert sorted(report.added) == ["a1", "a2"]
    assert [p.reason for p in report.problems] == ["item 3 is not a JSON object"]


def test_single_pretty_printed_record_and_non_record(store, settings, tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "solo", "title": "Solo", "text": "A single record."}, indent=2))
    scalar = tmp_path / "scalar.json"
    scalar.write_text("42")
    report = run(store, settings, one, scalar)
    assert report.added == ["solo"]
    [p] = report.problems
    assert (p.where, p.line, p.reason) == (str(scalar), 1, "line is not a JSON object")


def test_json_feed(store, settings):
    report = run(store, settings, FIXTURES / "lake-jsonfeed.json")
    assert report.ok and len(report.added) == 2
    arts = {a.title: a for a in store.articles()}
    tugs = arts["Tugs free stranded ferry"]
    assert tugs.source == "Harbour Notes" and tugs.url == "https://harbournotes.example/p/1"
    assert tugs.published == "2026-05-05T05:10:00+02:00" and tugs.body_kind == "html"
    assert tugs.metadata["guid"] == "hn-1" and tugs.metadata["tags"] == ["boats"]
    assert arts["Inspectors board ferry"].body_kind == "text"


def test_invalid_json_document(store, settings, tmp_path):
    f = tmp_path / "broken.json"
    f.write_text('[\n  {"id": "x", "text": "y"},\n  oops\n]')
    report = run(store, settings, f)
    [p] = report.problems
    assert p.where == str(f) and "invalid JSON" in p.reason and p.line == 3
    assert report.added == ["x"]  # the good item before the bad one is kept


def test_csv_export_with_metadata_columns(store, settings):
    report = run(store, settings, FIXTURES / "lake-export.csv")
    assert report.ok and sorted(report.added) == ["csv-1", "csv-2"]
    a, b = store.get_article("csv-1"), store.get_article("csv-2")
    assert (a.source, a.title, a.published, a.line) == ("Lake Courier", "Ferry aground", "2026-05-02", 2)
    assert a.body.startswith("A ferry ran aground") and "\n" in a.body  # multi-line field kept
    assert a.metadata == {"section": "News"}
    assert b.line == 4  # the quoted two-line field of row 1 makes row 2 start on line 4
    assert b.source == "alpinegazette.example" and b.published == "2026-05-04"


def test_tsv_with_html_column(store, settings):
    report = run(store, settings, FIXTURES / "lake-export.tsv")
    [a] = store.articles()
    assert report.ok and a.body_kind == "html" and a.source == "Bodensee Bulletin"


def test_csv_large_field_and_bad_rows(store, settings, tmp_path):
    big = "The harbour master spoke at length. " * 10_000  # ~360 kB, over csv's default 128 kB field limit
    f = tmp_path / "big.csv"
    f.write_text(f'id,title,text\nbig,Long one,"{big}"\nshort,Too many,a,b,c\nempty,,\n'
                 'headline,Only a title,\n')
    report = run(store, settings, f)
    assert report.added == ["big", "headline"] and len(store.get_article("big").body) == len(big)
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "row has 5 fields, the header 3"),
        (4, "record has no 'text', 'html' or 'title' field with content")]


def test_csv_without_text_or_title_column(store, settings, tmp_path):
    f = tmp_path / "nope.csv"
    f.write_text("id,source\n1,Hello\n")
    [p] = run(store, settings, f).problems
    assert p.line == 1 and "no 'text', 'html' or 'title' column" in p.reason


def test_csv_of_headlines(store, settings, tmp_path):
    f = tmp_path / "heads.csv"
    f.write_text("id,title,source\n1,Ferry aground off Lake Point,Lake Courier\n")
    report = run(store, settings, f)
    assert report.added == ["1"] and store.get_article("1").headline_only
