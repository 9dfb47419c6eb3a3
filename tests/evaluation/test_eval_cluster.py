"""``storyline eval cluster`` on a small UCI-format file written here."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.main import cli
from storyline.evaluation.stories import datasets as D
from storyline.evaluation.stories.evaluate import shared_headlines

ROWS = [  # (title, story, minutes after the first row)
    ("Harbour bridge closed after cargo ship strikes pillar", "bridge", 0),
    ("Cargo ship strikes harbour bridge pillar, bridge closed", "bridge", 1),
    ("Harbour bridge to stay closed for weeks after ship strike", "bridge", 3),
    ("Glassworks union votes to strike over pay offer", "union", 5),
    ("Glassworks workers vote to strike after pay offer rejected", "union", 6),
    ("Harbour bridge closed after cargo ship strikes pillar", "bridge-2", 9),
]


def _write_uci(root: Path) -> None:
    folder = root / "uci-news-aggregator-subset"
    folder.mkdir(parents=True)
    with (folder / "uci-news-aggregator.first6366.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "HOSTNAME",
                    "TIMESTAMP"])
        for n, (title, story, minutes) in enumerate(ROWS, 1):
            w.writerow([n, title, f"http://example{n}.test/a", f"Outlet {n}", "b", story,
                        f"example{n}.test", 1394470370698 + minutes * 60_000])


def test_shared_headlines_counts_gold_stories_holding_one_headline(tmp_path: Path):
    _write_uci(tmp_path)
    recs = D.uci(tmp_path)
    assert [r.gold for r in recs][:2] == ["bridge", "bridge"]  # streamed by timestamp
    assert shared_headlines(recs) == (1, 2)


def test_eval_cluster_prints_scores_and_the_shared_headline_check(tmp_path: Path):
    _write_uci(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "cluster", "--data", str(tmp_path),
                                      "--sets", "uci", "--no-embeddings"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("uci "))
    cols = row.split()
    assert cols[1] == "6"  # docs
    b3_f1 = float(cols[4])
    assert 0.5 < b3_f1 <= 1.0  # two clear stories; the split 'bridge-2' costs a little
    assert "1 pairs of gold stories share a word-for-word identical headline (2 rows)" in row
