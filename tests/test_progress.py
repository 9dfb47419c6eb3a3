"""Progress of long commands: plain periodic lines when standard error is not a terminal
(logs, pipes), a rich bar with rate and time left on a terminal."""

from __future__ import annotations

import io

from storyline.progress import PlainProgress, progress_line, progress_reporter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_come_every_interval_and_when_a_task_ends():
    out, clock = io.StringIO(), Clock()
    p = PlainProgress(out, interval=10.0, clock=clock)
    p("enrich", 0, 300)
    clock.now += 4
    p("enrich", 20, 300)
    assert out.getvalue() == ""  # nothing for the first 10 seconds
    clock.now += 6
    p("enrich", 30, 300)
    clock.now += 5
    p("enrich", 45, 300)
    clock.now += 10
    p("enrich", 75, 300)
    clock.now += 70
    p("enrich", 300, 300)
    p("enrich", 300, 300)  # said once
    lines = out.getvalue().splitlines()
    assert lines == [
        "storyline: enrich 30/300 (10%), 3.0/s, about 90 s left",
        "storyline: enrich 75/300 (25%), 3.0/s, about 75 s left",
        "storyline: enrich 300/300 (100%), 3.2/s, done in 95 s",
    ]


def test_a_short_task_prints_nothing_and_an_unknown_total_shows_the_count():
    out, clock = io.StringIO(), Clock()
    p = PlainProgress(out, interval=10.0, clock=clock)
    p("clean", 0, 5)
    clock.now += 2
    p("clean", 5, 5)
    assert out.getvalue() == ""
    clock.now += 1
    p("stored", 200, 0)
    clock.now += 20
    p("stored", 4200, 0)
    assert out.getvalue() == "storyline: stored 4200, 210/s\n"


def test_progress_line_formats():
    assert progress_line("stories", 50, 200, 25.0) == \
        "storyline: stories 50/200 (25%), 2.0/s, about 75 s left"
    assert progress_line("enrich", 10, 4000, 10.0) == \
        "storyline: enrich 10/4000 (0%), 1.0/s, about 66 min left"
    assert progress_line("enrich", 10, 100000, 10.0).endswith("about 27 h 46 min left")


def test_ingest_prints_plain_progress_when_not_on_a_terminal(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_PROGRESS_SECONDS", "0")  # every update, for the test
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Harbour talks, day {n}\nUnions met the port "
                                           f"authority again on day {n} of the strike.\n")
    result = cli("ingest", "--stages", "clean,dedupe", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("storyline: ")]
    assert "storyline: clean 3/3 (100%)" in "\n".join(lines)
    assert any(ln.startswith("storyline: dedupe 3/3 (100%)") for ln in lines)
    assert all(ln.count("/s") == 1 for ln in lines)
    assert "storyline:" not in result.stdout  # the report's own lines stay on stdout


def test_export_progress_goes_to_stderr_not_into_the_document(cli, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Harbour talks\nUnions met the port authority again.\n")
    assert cli("ingest", "--stages", "clean", str(tmp_path)).exit_code == 0
    monkeypatch.setenv("STORYLINE_PROGRESS_SECONDS", "0")
    result = cli("export", "--format", "jsonl")
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("{")
    assert "storyline: articles 1/1 (100%)" in result.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_rate_and_time_left():
    out = Terminal()
    with progress_reporter(out) as progress:
        progress("enrich", 0, 40)
        progress("enrich", 10, 40)
        progress("enrich", 20, 40)
    shown = out.getvalue()
    assert "enrich" in shown and "20/40" in shown
    assert "/s" in shown and "left" in shown
