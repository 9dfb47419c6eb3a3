"""`storyline bench pipeline` times each run as a fresh process, start to exit, with the
peak RSS of its largest process and its CPU seconds, times each stage from the ingest's
progress lines, stops on a run that fails, compares each run with the bare run of its own
round, and draws the issue's named corpora from the data sets' folders."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
import pytest

from storyline.evaluation.bench_corpora import bbc, corpus_records, timeline17, write_jsonl
from storyline.evaluation.pipeline_bench import Run, _timed_process, corpus_texts, report_lines


def test_a_run_is_timed_to_its_exit_with_its_peak_memory():
    hold = "import time; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(0.3)"
    t = _timed_process([sys.executable, "-c", hold], dict(os.environ))
    assert t.seconds >= 0.3
    assert t.peak_rss_mb >= 150  # the 150 MB it touched


def test_cpu_seconds_count_the_work_not_the_waiting():
    spin = ("import time\nt = time.process_time()\n"
            "while time.process_time() - t < 0.4: pass\ntime.sleep(0.4)")
    t = _timed_process([sys.executable, "-c", spin], dict(os.environ))
    assert t.cpu_seconds >= 0.4
    assert t.seconds >= 0.8
    assert t.cpu_seconds < t.seconds - 0.3  # the sleep is wall time only


def test_each_progress_task_is_timed_from_its_first_line_to_its_last():
    code = ("import sys, time\n"
            "def say(s): sys.stderr.write(s + '\\n'); sys.stderr.flush()\n"
            "say('storyline: clean 0/2 (0%), 0.0/s')\n"
            "say('storyline: clean 2/2 (100%), 9.0/s, done in 0 s')\n"
            "say('storyline: enrich 0/2 (0%), 0.0/s')\ntime.sleep(1.0)\n"
            "say('storyline: enrich 2/2 (100%), 4.0/s, done in 1 s')\n"
            "say('a warning that is not progress')\n")
    t = _timed_process([sys.executable, "-c", code], dict(os.environ))
    assert set(t.tasks) == {"clean", "enrich"}
    assert t.tasks["enrich"] >= 0.5  # slept 1 s: a margin for a loaded machine's clocks
    assert t.tasks["clean"] < t.tasks["enrich"]


def test_a_failed_run_stops_the_bench_with_its_error():
    with pytest.raises(click.ClickException, match="no such stage"):
        _timed_process([sys.executable, "-c", "import sys; sys.exit('no such stage')"],
                       dict(os.environ))


def _t17(root: Path) -> Path:
    t17 = root / "timeline17"
    arts = {"Alpha_cnn": 4, "Beta_bbc": 3, "Gamma_reuters": 4}
    for name, n in arts.items():
        (t17 / name).mkdir(parents=True)
        (t17 / name / "articles.json").write_text(json.dumps(
            [{"uid": str(i), "dct": f"2011-01-0{i + 1}T00:00:00", "dates": [],
              "text": "" if (name, i) == ("Beta_bbc", 1) else f"{name} text {i} ."}
             for i in range(n)]))
    (t17 / "Empty_post").mkdir()  # a gold timeline with no articles: skipped
    return t17


def test_t17_takes_the_first_articles_of_each_folder_in_folder_order(tmp_path):
    _t17(tmp_path)
    recs = timeline17(tmp_path, per_folder=2, limit=5)
    # 2 per folder in folder order, cut at 5, the one without text left out
    assert [r["id"] for r in recs] == ["Alpha_cnn/0", "Alpha_cnn/1", "Beta_bbc/0",
                                       "Gamma_reuters/0"]
    assert recs[0] == {"id": "Alpha_cnn/0", "text": "Alpha_cnn text 0 .",
                       "published": "2011-01-01", "source": "cnn"}
    assert timeline17(tmp_path / "timeline17", per_folder=2, limit=5) == recs


def test_bbc_takes_the_first_files_in_path_order_title_then_body(tmp_path):
    root = tmp_path / "bbc-news-2225"
    for topic, n in (("sport", 2), ("business", 2)):
        (root / topic).mkdir(parents=True)
        for i in range(n):
            (root / topic / f"{i:03d}.txt").write_text(f"{topic} title {i}\n\nBody {i}.\n")
    (root / "README.TXT").write_text("not an article")
    recs = bbc(tmp_path, limit=3)
    assert [r["id"] for r in recs] == ["bbc/business/000", "bbc/business/001", "bbc/sport/000"]
    assert recs[0]["title"] == "business title 0" and recs[0]["text"] == "Body 0."


def test_the_bare_run_reads_the_texts_the_ingest_reads(tmp_path):
    _t17(tmp_path)
    recs = corpus_records("t17-300", tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(recs, folder / "corpus.jsonl")
    assert corpus_texts(folder) == [r["text"] for r in recs]
    assert len(recs) == 10  # 11 articles, one without text


def test_ratios_compare_each_run_with_the_bare_run_of_its_round():
    runs = [(1, Run("bare nlp.pipe", 1, 10.0, 300, 9.0)),
            (1, Run("ingest --workers 1", 1, 20.0, 900, 12.0, "abc", {"enrich": 15.0})),
            (2, Run("bare nlp.pipe", 1, 30.0, 300, 9.0)),
            (2, Run("ingest --workers 1", 1, 40.0, 900, 18.0, "abc", {"enrich": 30.0}))]
    lines = report_lines(runs, 10, 1000)
    row1 = next(x for x in lines if x.startswith("1") and "ingest" in x)
    row2 = next(x for x in lines if x.startswith("2") and "ingest" in x)
    assert "0.50x" in row1 and "0.75x" in row1  # wall 10/20, CPU 9/12
    assert "0.75x" in row2 and "0.50x" in row2  # wall 30/40, CPU 9/18
    assert "round 2 ingest --workers 1, stage wall s: enrich 30.0" in lines
    assert lines[-1] == "exports identical across runs: yes"


def test_the_same_blas_column_compares_one_process_runs_with_the_numpy_bare_run():
    runs = [(1, Run("bare nlp.pipe", 1, 10.0, 300, 10.0)),
            (1, Run("bare, numpy BLAS", 1, 8.0, 300, 8.0)),
            (1, Run("ingest --workers 1", 1, 16.0, 900, 16.0, "abc")),
            (1, Run("bare nlp.pipe", 2, 6.0, 300, 11.0)),
            (1, Run("ingest --workers 2", 2, 10.0, 900, 20.0, "abc"))]
    lines = report_lines(runs, 10, 1000)
    assert "CPU vs same BLAS" in lines[0]
    one = next(x for x in lines if "ingest --workers 1" in x)
    assert one.split()[-5:-1] == ["0.62x", "0.62x", "0.50x", "1.00x"]  # 10/16, 10/16, 8/16
    two = next(x for x in lines if "ingest --workers 2" in x)
    assert two.split()[-4:-1] == ["0.60x", "0.55x", "1.60x"]  # no same-BLAS ratio: 2 procs


def test_an_ingest_that_reported_failures_is_timed_one_that_stopped_is_not():
    from storyline.evaluation.pipeline_bench import _ingest_summary

    went_on = ("import sys; print('read 3 articles: 3 new, 0 updated, 0 already stored, "
               "0 skipped inputs, 1 stage failures'); sys.exit(1)")
    t = _timed_process([sys.executable, "-c", went_on], dict(os.environ), ok=(0, 1))
    assert _ingest_summary(t).endswith("1 stage failures")
    stopped = "import sys; print('Error: no such file'); sys.exit(1)"
    t = _timed_process([sys.executable, "-c", stopped], dict(os.environ), ok=(0, 1))
    with pytest.raises(click.ClickException, match="without its summary"):
        _ingest_summary(t)
    with pytest.raises(click.ClickException):  # status 1 is not ok unless asked for
        _timed_process([sys.executable, "-c", went_on], dict(os.environ))


def test_the_breakdown_table_says_what_each_line_holds_and_what_it_adds():
    from storyline.evaluation.pipeline_breakdown import breakdown_lines

    parts = {"bare": {"startup": 0.5, "work": 9.0, "components": {"ner": 5.0}},
             "spacy": {"startup": 2.0, "work": 10.0, "components": {"ner": 5.0,
                                                                    "lemmatizer": 1.0}},
             "extract": {"startup": 2.0, "work": 12.0, "components": {"ner": 5.0},
                         "extractors": {"extract_events": 1.5}}}
    lines = breakdown_lines(parts, {"bare": 10.0, "spacy": 12.5, "extract": 15.0,
                                    "ingest": 20.0}, 3, 300)
    row = {line[:3]: line for line in lines if line.startswith("(")}
    assert "1.00x" in row["(a)"] and "0.80x" in row["(b)"] and "+2.5" in row["(b)"]
    assert "0.50x" in row["(d)"] and "+5.0" in row["(d)"] and "storyline ingest" in row["(d)"]
    assert "spacy components CPU s: ner 5.0, lemmatizer 1.0" in lines
    assert "extract extractors CPU s: extract_events 1.5" in lines


def test_a_breakdown_run_times_each_component_and_extractor(tmp_path):
    (tmp_path / "a.txt").write_text("Rep. Jane Roe said on Monday that 300 homes in Ohio "
                                    "were hit. \"We will rebuild,\" she said.")
    code = ("import sys; from storyline.evaluation.pipeline_breakdown import breakdown_main; "
            "breakdown_main(sys.argv[1], sys.argv[2])")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    t = _timed_process([sys.executable, "-c", code, str(tmp_path), "extract"], env)
    report = json.loads(t.output.strip().splitlines()[-1])
    assert {"tokenizer", "tok2vec", "parser", "ner", "lemmatizer"} <= set(report["components"])
    assert set(report["extractors"]) >= {"extract_mentions", "extract_quotes", "extract_events"}
    assert report["work"] > 0 and report["startup"] > 0
