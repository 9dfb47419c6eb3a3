"""``storyline eval positions`` on tiny data written here: a labelled set, PLOVER-format gold
records, and articles to draw a sample from."""

import json

from click.testing import CliRunner

from storyline.evaluation.positions import (
    Gold,
    Got,
    Labelled,
    actor_ok,
    issue_ok,
    positions_command,
    score_labelled,
)

LABELLED = [
    {"id": "l1", "text": "Chile rejected the water treaty.",
     "positions": [{"actor": "Chile", "stance": "reject", "issue": "water treaty"}]},
    {"id": "l2", "text": "The government of Peru demanded new elections for the regional "
     "assembly on Monday.",
     "positions": [{"actor": "Peru", "stance": "demand", "issue": "elections"}]},
    {"id": "l3", "text": "Bolivia may accept the plan.", "positions": []},
]
PLOVER = [
    {"id": "T-DOCUMENT-0", "event": "DOCUMENT"},
    {"id": "T-1", "date": "2024-05-10", "event": "REJECT", "text":
     "Yemen has rejected a request to extend the mission.", "source": [{"actorText": "Yemen"}],
     "target": []},
    {"id": "T-2", "date": "2024-05-10", "event": "DEMAND", "text":
     "Kenya demanded the release of the fishermen.", "source": [{"actorText": "Kenya"}],
     "target": []},
    {"id": "T-3", "date": "2024-05-10", "event": "FIGHT", "text":
     "Troops attacked a market in the north.", "source": [{"actorText": "Troops"}],
     "target": []},
]


def _got(actor, stance, issue, actor_text=None):
    return Got("a", actor, actor_text or actor, stance, issue, "", "")


def test_matching_rules():
    assert actor_ok(_got("United Kingdom", "reject", "x", "Downing Street"), "United Kingdom")
    assert actor_ok(_got("Russia", "reject", "x", "Russia's negotiators"), "Russia")
    assert not actor_ok(_got("Norway", "reject", "x"), "Sweden")
    assert issue_ok(_got("Peru", "demand", "early elections"), "elections")
    assert issue_ok(_got("Peru", "demand", "security guarantees"), "security guarantee")
    assert not issue_ok(_got("Peru", "demand", "talks"), "elections")


def test_scores_count_each_prediction_once():
    item = Labelled("x", "", [Gold("Poland", "accept", "pipeline"),
                              Gold("Czech Republic", "accept", "pipeline")],
                    [_got("Poland", "accept", "joint pipeline", "Poland and the Czech Republic")])
    full, pairs, same, found = score_labelled([item])
    assert (full.tp, full.pred, full.gold) == (1, 1, 2)
    assert (same, found) == (1, 1)


def test_command_through_ingest(tmp_path):
    data = tmp_path / "labelled.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in LABELLED), encoding="utf-8")
    plover = tmp_path / "plover"
    plover.mkdir()
    (plover / "PLOVER_GSR_x.json").write_text(json.dumps(PLOVER), encoding="utf-8")
    seeds = tmp_path / "seeds.jsonl"
    seeds.write_text(json.dumps({"id": "s1", "source": "Desk", "published": "2024-05-10",
                                 "text": "Norway rejected the plan. Sweden backed the plan."})
                     + "\n", encoding="utf-8")
    result = CliRunner().invoke(positions_command, [
        "--data", str(data), "--plover", str(plover), "--sample", "5", "--seeds", str(seeds)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "actor + stance + issue              1.000  1.000  1.000" in out
    assert "REJECT         1     1.000" in out and "REQUEST        1     1.000" in out
    assert "other categories: 1 sentences, 0 positions" in out
    assert "| s1 | Norway (Norway) | reject | plan |" in out
    assert "| s1 | Sweden (Sweden) | support | plan |" in out


def test_command_needs_an_input():
    result = CliRunner().invoke(positions_command, [])
    assert result.exit_code != 0 and "give --data" in result.output
