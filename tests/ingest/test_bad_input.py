import dataclasses
import os

import pytest

from tests.ingest.helpers import FIXTURES, run, stored_problems


@pytest.fixture
def bad(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\n\t\n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01" + bytes(range(256)) * 4)
    (d / "nothing.html").write_text("<html><head><title>t</title><script>var a = 1;</script></head><body>  </body></html>")
    (d / "lines.jsonl").write_text('{"id": "good-line", "text": "A good line about the dam."}\n{not json}\n')
    (d / "good.txt").write_text("A good article about the dam collapse near Pescia.\n")
    return d


def test_each_bad_file_is_reported_and_skipped(store, settings, bad):
    report = run(store, settings, bad)
    reasons = {(os.path.basename(p.where), p.line): p.reason for p in report.problems}
    assert reasons == {
        ("blank.txt", None): "file has no text",
        ("empty.txt", None): "empty file",
        ("image.txt", None): "binary file, not text",
        ("lines.jsonl", 2): "invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        ("nothing.html", None): "HTML page has no text",
    }
    assert {a.id for a in store.articles()} >= {"good-line"} and store.count_articles() == 2
    assert len(stored_problems(store)) == 5 and not report.ok


def test_fifty_megabyte_file_is_refused_without_reading_it(store, settings, tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs, cheap to make
    good = tmp_path / "ok.txt"
    good.write_text("The ferry was towed off the sandbank.\n")
    report = run(store, settings, big, good)
    [p] = report.problems
    assert p.where == str(big) and p.reason == "file is 50.0 MB, over the 10.0 MB limit for one article"
    assert store.count_articles() == 1


def test_fifty_megabyte_jsonl_line_is_refused_the_rest_stored(store, settings, tmp_path):
    f = tmp_path / "big.jsonl"
    with open(f, "w") as out:
        out.write('{"id": "first", "text": "Small record."}\n')
        out.write('{"id": "huge", "text": "' + "x" * (50 * 1024 * 1024) + '"}\n')
        out.write('{"id": "last", "text": "Another small record."}\n')
    report = run(store, settings, f)
    assert sorted(report.added) == ["first", "last"]
    [p] = report.problems
    assert p.line == 2 and "over the" in p.reason


def test_unreadable_and_missing_paths(store, settings, tmp_path):
    missing = tmp_path / "nope.txt"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = run(store, settings, missing, fifo, FIXTURES / "ferry.txt")
    reasons = {p.where: p.reason for p in report.problems}
    assert reasons == {str(missing): "no such file or folder", str(fifo): "not a regular file"}
    assert store.count_articles() == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission(store, settings, tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("Hidden story.\n")
    f.chmod(0)
    [p] = run(store, settings, f).problems
    assert p.where == str(f) and "Permission denied" in p.reason


def test_reingest_stores_nothing_new_and_loses_nothing(store, settings, bad):
    settings = dataclasses.replace(settings, fetch_feed_items=False)  # the fixture feeds stay offline
    inputs = [bad, FIXTURES]
    first = run(store, settings, *inputs)
    before = {a.id: (a.body, a.input, a.line) for a in store.articles()}
    problems = stored_problems(store)
    second = run(store, settings, *inputs)
    assert len(second.problems) == len(first.problems) == 5  # reported again on every run
    assert stored_problems(store) == problems  # but recorded once
    assert second.added == [] and second.already_stored == first.read
    assert {a.id: (a.body, a.input, a.line) for a in store.articles()} == before
    assert len(before) == first.read


def test_files_read_record_by_record_have_no_size_limit_of_their_own(store, settings, tmp_path):
    """JSON lines, CSV and WARC stream (each record has its own limit), so a file over
    ``max_input_bytes`` is read; a JSON document is read whole and is held to it."""
    small = dataclasses.replace(settings, max_input_bytes=2000)
    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(f'{{"id": "l{i}", "text": "Record {i} about the harbour."}}\n'
                             for i in range(100)))
    rows = tmp_path / "many.csv"
    rows.write_text("id,text\n" + "".join(f"c{i},Row {i} about the harbour.\n" for i in range(100)))
    array = tmp_path / "doc.json"
    array.write_text("[" + ",".join(f'{{"id": "j{i}", "text": "Item {i} about the harbour."}}'
                                    for i in range(100)) + "]")
    assert lines.stat().st_size > 2000 and rows.stat().st_size > 2000
    report = run(store, small, lines, rows, array)
    assert len(report.added) == 200
    [p] = report.problems
    assert p.where == str(array) and "limit for one input file read whole" in p.reason
