import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.main import cli as group
from tests.cli.contract import is_iso_date, validate_export

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


@pytest.mark.parametrize(
    "command, expect",
    [
        ("ingest", ["--stages", "--demo", "--no-fetch", "URL"]),
        ("articles", ["--story", "--json"]),
        ("show", ["ARTICLE_ID", "--raw"]),
        ("export", ["--format", "json|jsonl|csv", "--output"]),
        ("stats", ["each stage's units"]),
        ("process", ["--stages", "--retry-failed"]),
        ("reset", ["STAGE", "depends on it"]),
        ("failures", ["--stage", "--retry-failed"]),
    ],
)
def test_help(cli, command, expect):
    result = cli(command, "--help")
    assert result.exit_code == 0
    for word in expect:
        assert word in result.output


def test_main_help_names_db_and_env(cli):
    result = cli("--help")
    assert result.exit_code == 0 and "--db" in result.output and "STORYLINE_DB" in result.output


def test_ingest_articles_show_export_stats(cli):
    result = cli("ingest", "--no-fetch", "--stages", "none", str(FIXTURES))
    assert result.exit_code == 0, result.output
    assert "read 10 articles: 10 new, 0 updated, 0 already stored, 0 skipped inputs" in result.output

    listed = [json.loads(line) for line in cli("articles", "--json").output.splitlines()]
    assert len(listed) == 10
    dated = [a["published"] for a in listed if a["published"]]
    assert dated == sorted(dated)  # publish order
    ids = {a["id"] for a in listed}
    assert {"csv-1", "csv-2"} <= ids

    assert cli("process", "--stages", "clean").exit_code in (0, 1)  # clean is another stage's job
    shown = cli("show", "csv-1")
    assert shown.exit_code == 0
    assert "Lake Courier" in shown.output and "All 40 passengers were rescued" in shown.output
    assert "lake-export.csv:2" in shown.output
    assert cli("show", "no-such-id").exit_code != 0

    stats = cli("stats").output
    assert "articles: 10" in stats and "stage clean: " in stats

    jsonl = [json.loads(line) for line in cli("export", "--format", "jsonl").output.splitlines()]
    assert {a["id"] for a in jsonl} == ids
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").output)))
    assert {r["id"] for r in rows} == ids


def test_export_json_follows_the_contract(cli, tmp_path):
    assert cli("ingest", "--demo", "--stages", "clean").exit_code == 0
    out = tmp_path / "export.json"
    assert cli("export", "--format", "json", "--output", str(out)).exit_code == 0
    doc = json.loads(out.read_text())
    assert validate_export(doc) == []
    assert len(doc["articles"]) == 13
    assert doc == json.loads(cli("export", "--format", "json").output)  # stdout gives the same


def test_contract_validator_catches_violations():
    good = {"schema": "storyline.export/1", "stories": [], "articles": [
        {"id": "a", "source": None, "url": None, "title": None, "published": "2026-05-02",
         "text": "", "duplicate_of": None, "story_id": None, "input": "x.txt"}]}
    assert validate_export(good) == []
    bad = json.loads(json.dumps(good))
    bad["articles"][0].update(published="May 2", duplicate_of="zzz", story_id="s1")
    del bad["articles"][0]["input"]
    assert validate_export(bad) == ["articles[0] lacks input"]
    bad["articles"][0]["input"] = "x.txt"
    assert len(validate_export(bad)) == 3
    assert is_iso_date("2026-05-02T10:00:00+02:00") and not is_iso_date("2026-13-01")


def test_bad_input_exit_code_and_messages(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "fine", "text": "A fine record."}\n{oops\n')
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = cli("ingest", "--stages", "none", str(bad), str(empty), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert f"{bad}:2: invalid JSON" in result.output
    assert f"{empty}: empty file" in result.output
    assert "missing.txt: no such file or folder" in result.output
    assert "1 new" in result.output and "3 skipped inputs" in result.output
    again = cli("ingest", "--stages", "none", str(bad))
    assert again.exit_code == 1 and "0 new, 0 updated, 1 already stored" in again.output


def test_db_from_environment_variable(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("STORYLINE_DB", str(db))
    runner = CliRunner()
    result = runner.invoke(group, ["ingest", "--stages", "none", str(FIXTURES / "ferry.txt")])
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert "articles: 1" in runner.invoke(group, ["stats"]).output


def test_stages_then_process_completes(cli):
    assert cli("ingest", "--stages", "none", str(FIXTURES / "ferry.txt")).exit_code == 0
    [a] = [json.loads(line) for line in cli("articles", "--json").output.splitlines()]
    assert "stage clean: 0 done" in cli("stats").output
    result = cli("process", "--stages", "clean")
    assert result.exit_code == 0 and "clean: 1 articles processed, 0 failed" in result.output
    assert "Lindau" in cli("show", a["id"]).output
    assert "clean: 0 articles processed" in cli("process", "--stages", "clean").output


def test_unknown_stage_is_a_usage_error(cli):
    result = cli("ingest", "--stages", "clean,nonsense", str(FIXTURES / "ferry.txt"))
    assert result.exit_code == 2 and "nonsense" in result.output
