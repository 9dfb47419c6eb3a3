"""``storyline eval clean`` and ``storyline bench ingest`` on small datasets made here,
in the layouts of the public sets (users have no copy of ../shared)."""

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.main import cli

FIX = Path(__file__).parent.parent / "fixtures" / "clean"
GOLD = ("The harbour tram line, closed since a landslide in March, will reopen in April next year, "
        "the city transport board said on Thursday.")


def _datasets(root: Path) -> Path:
    page = (FIX / "page.html").read_text(encoding="utf-8")
    zyte = root / "article-extraction-benchmark"
    (zyte / "html").mkdir(parents=True)
    with gzip.open(zyte / "html" / "p1.html.gz", "wt", encoding="utf-8") as f:
        f.write(page)
    (zyte / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": GOLD, "url": "https://h.example/t"}}))
    traf = root / "trafilatura-eval"
    (traf / "html").mkdir(parents=True)
    (traf / "html" / "p1.html").write_text(page, encoding="utf-8")
    (traf / "evaldata_en.json").write_text(json.dumps({"https://h.example/t": {
        "file": "p1.html", "with": ["will reopen in April next year", "cut their takings by a third"],
        "without": ["Harbour festival dates announced", "All rights reserved"]}}))
    return root


def test_eval_clean_prints_ours_bare_and_published(tmp_path):
    root = _datasets(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "clean", "--data", str(root)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "article-extraction-benchmark" in out and "trafilatura-eval" in out
    assert "storyline" in out and "trafilatura (bare)" in out and "published" in out
    # every 'with' segment found and no 'without' one: P = R = F1 = 1 on the trafilatura set
    assert "1.0000 │ 1.0000 │ 1.0000" in out


def test_eval_clean_says_when_no_dataset_is_there(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "clean", "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "no article-extraction-benchmark" in result.output


def test_bench_ingest_reports_both_sides_and_the_ratio(tmp_path):
    root = _datasets(tmp_path)
    result = CliRunner().invoke(cli, ["bench", "ingest", "--data", str(root), "--rounds", "1"])
    assert result.exit_code == 0, result.output
    assert "trafilatura.extract (bare)" in result.output and "storyline ingest+clean" in result.output
    assert "throughput ratio storyline / bare" in result.output


def test_eval_clean_counts_false_removals_on_clean_prose(tmp_path):
    folder = tmp_path / "bbc-news-2225" / "business"
    folder.mkdir(parents=True)
    (folder / "001.txt").write_text(
        "Port profits rise\n\nProfits at the port rose by a fifth last year, its owners said.\n\n"
        "Share\n", encoding="latin-1")
    result = CliRunner().invoke(cli, ["eval", "clean", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 of 3 lines removed" in result.output and "ui 1" in result.output
