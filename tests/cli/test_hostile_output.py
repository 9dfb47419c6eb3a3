"""Hostile content on the command line (issue 14): stored text is shown as text, never as
rich markup or terminal control sequences; CSV exports neutralise formulas; exit codes
tell a skipped input (1) from a failed run (3)."""

from __future__ import annotations

import csv
import io
import json

from storyline.cli.common import EXIT_FAILED, EXIT_SKIPPED, visible
from storyline.export import csv_cell

HOSTILE_TITLE = "Markup [/x] [bold red]loud[/] and \x1b]52;c;aGVsbG8=\x07\x1b[2J escapes"


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_brackets_in_paths_titles_and_errors_are_printed_as_they_are(cli, tmp_path):
    d = tmp_path / "in[" / "x]"  # a path with "[/x]" in it
    d.mkdir(parents=True)
    f = _write_jsonl(d / "a[red].jsonl", [
        {"id": "h1", "title": HOSTILE_TITLE, "text": "A body about the [/x] harbour."},
        {"id": "h2", "text": "Second [link](x) body.", "source": "[/] Outlet"}])
    (d / "bad[x].jsonl").write_text("{not json [/x]}\n")
    result = cli("ingest", "--stages", "clean", str(f), str(d / "bad[x].jsonl"))
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert "read 2 articles: 2 new" in result.output
    assert "in[/x]/bad[x].jsonl:1" in result.stderr
    for args in (("articles",), ("stories",), ("show", "h1"), ("failures",)):
        out = cli(*args)
        assert out.exit_code == 0, (args, out.output)
        assert "\x1b" not in out.output and "\x07" not in out.output
    shown = cli("show", "h1").output
    assert "[/x]" in shown and "[bold red]loud[/]" in shown and "\\x1b]52;c;" in shown
    assert "[/x]" in cli("articles").output


def test_visible_escapes_terminal_controls_only():
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\x1b[31mred\x9b") == "\\x1b[31mred\\x9b"
    assert visible("ünïcødé — “quotes”") == "ünïcødé — “quotes”"


def test_csv_export_neutralises_formulas(cli, tmp_path):
    f = _write_jsonl(tmp_path / "f.jsonl", [
        {"id": "=1+1", "title": "=HYPERLINK(\"http://evil.example\",\"click\")", "text": "+SUM(A1)"},
        {"id": "plain", "title": "@cmd", "text": "-2 degrees in the harbour overnight."}])
    assert cli("ingest", "--stages", "clean", str(f)).exit_code == 0
    out = cli("export", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"'=1+1", "plain"}
    assert by_id["'=1+1"]["title"].startswith("'=HYPERLINK")
    assert by_id["plain"]["title"] == "'@cmd" and by_id["plain"]["text"].startswith("'-2 degrees")
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r"


def test_csv_cell_leaves_other_values_alone():
    assert csv_cell("Harbour reopens") == "Harbour reopens" and csv_cell(None) is None
    assert csv_cell(-3) == -3 and csv_cell("a=b") == "a=b"
    assert csv_cell("\tcmd") == "'\tcmd" and csv_cell("\r=1") == "'\r=1"


def test_a_store_that_cannot_be_opened_is_a_failed_run_not_a_skipped_input(tmp_path):
    from click.testing import CliRunner

    from storyline.cli.main import cli as group

    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(group, ["--db", str(blocker / "sub" / "s.db"), "stats"])
    assert result.exit_code == EXIT_FAILED and "cannot open store" in result.output
