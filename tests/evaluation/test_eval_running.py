"""``storyline eval running``: Timeline17-style folders through ingest, pairs held together."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from storyline.evaluation.stories.running import Item, load, pair_scores

FLOOD = [
    ("2021-03-01", "Floodwater from the Tamsin river swept through Harlow Bay on Monday , and "
     "rescue crews in boats moved families from flooded streets . `` We lost everything , '' "
     "said one resident ."),
    ("2021-03-02", "Rescue crews in Harlow Bay moved more families from streets flooded by the "
     "Tamsin river , as the water rose again on Tuesday ."),
    ("2021-03-03", "The Tamsin river began to fall in Harlow Bay on Wednesday and rescue crews "
     "went back into the flooded streets to count the damage ."),
]
STRIKE = [
    ("2021-03-01", "Dock workers at Porth Ellis began a three-day strike over pay on Monday , "
     "stopping every ferry and cargo ship in the harbour ."),
    ("2021-03-02", "The dock strike at Porth Ellis stopped ferries and cargo ships for a second "
     "day as talks over dock workers ' pay broke down ."),
]


def write(root: Path) -> None:
    for folder, rows in (("flood_bbc", FLOOD), ("strike_cnn", STRIKE)):
        (root / "timeline17" / folder).mkdir(parents=True)
        data = [{"uid": str(n), "dct": day, "dates": [], "text": text}
                for n, (day, text) in enumerate(rows)]
        data.append({"uid": "99", "dct": "2021-03-01", "dates": [], "text": ""})  # no text
        (root / "timeline17" / folder / "articles.json").write_text(json.dumps(data))


def test_pair_scores_count_pairs_in_the_window_and_same_story_pairs():
    d = dt.date(2021, 3, 1)
    items = [Item("a", "f", d, ""), Item("b", "f", d + dt.timedelta(days=1), ""),
             Item("c", "f", d + dt.timedelta(days=5), ""), Item("x", "g", d, "")]
    s = pair_scores(items, {"a": "s1", "b": "s1", "c": "s2", "x": "s1"}, days=2)
    assert (s.near_pairs, s.near_together) == (1, 1)  # a-b only: c is 4-5 days away
    assert (s.story_pairs, s.story_pure) == (3, 1)  # s1 holds a, b, x: one pair of one folder
    assert abs(s.purity - 1 / 3) < 1e-9


def test_running_eval_ingests_the_folders_and_reports(tmp_path: Path, cli) -> None:
    write(tmp_path)
    items = load(tmp_path, ("flood_bbc", "strike_cnn"))
    assert len(items) == 5  # the article with no text is left out
    res = cli("eval", "running", "--data", str(tmp_path), "--folders", "flood_bbc,strike_cnn",
              "--workdir", str(tmp_path / "work"))
    assert res.exit_code == 0, res.output
    assert "5 articles ingested" in res.output
    assert "pairs within 2 days in one story: 3/3 = 100.0%" in res.output  # the flood folder
    assert "pairs sharing a story that come from one folder" in res.output
    assert (tmp_path / "work" / "timeline17.db").exists()
