"""``storyline eval events`` on a tiny gold file written here, in the PLOVER GSR format."""

import json

from storyline.evaluation.events import evaluate, role_match, words
from storyline.evaluation.plover_gold import read_gold


def _record(n, event, text, source, target, mode=None):
    rec = {"id": f"T-{event}-{n}", "date": "2024-05-10", "event": event, "text": text,
           "source": [{"actorText": s} for s in source],
           "target": [{"actorText": t} for t in target]}
    if mode:
        rec["mode"] = mode
    return rec


GOLD = [
    {"id": "T-DOCUMENT-0", "event": "DOCUMENT", "eventText": "documentation record"},
    _record(1, "FIGHT", "Sudanese troops attacked a market in El Fasher on Tuesday.",
            ["Sudanese troops"], ["market"]),
    _record(2, "DEMAND", "The opposition party demanded the resignation of the Bolivian "
            "interior minister.", ["opposition party"], ["Bolivian interior minister"]),
    _record(3, "DISAPPROVE", "Canada criticized Chile's new electoral law.", ["Canada"],
            ["Chile"]),
    _record(4, "AGREE", "Portugal and Morocco agreed on Tuesday to build a joint research "
            "station.", ["Portugal", "Morocco"], []),
    _record(5, "SANCTION", "Italy held talks with Serbia on Wednesday.", ["Italy"], ["Serbia"]),
]


def _gold_dir(tmp_path):
    d = tmp_path / "plover"
    d.mkdir()
    (d / "PLOVER_GSR_test.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return d


def test_gold_reader_maps_plover_05_categories(tmp_path):
    recs = read_gold(_gold_dir(tmp_path))
    assert [(r.category, r.mode) for r in recs] == [
        ("ASSAULT", None), ("REQUEST", None), ("ACCUSE", "disapprove"), ("AGREE", None),
        ("SANCTION", None)]
    assert [r.half for r in recs] == ["dev", "check", "dev", "check", "dev"]
    assert recs[3].actors == ("Portugal", "Morocco") and recs[3].recipients == ()


def test_role_matching():
    assert words("the Bolivian interior minister's") == {"bolivian", "interior", "minister"}
    assert role_match(["Portugal and Morocco"], ["Portugal", "Morocco"]) == (True, True)
    assert role_match(["Senior Hungarian officials"], ["Hungarian"]) == (False, True)
    assert role_match([None, "Chile"], ["Chile"]) == (True, True)
    assert role_match(["Peru"], ["Chile"]) == (False, False)
    # an acronym in capitals is a name, not the stop word it spells
    assert words("the US") == {"us"} and words("told us") == {"told"}
    assert role_match(["US"], ["US"]) == (True, True)


def test_eval_goes_through_ingest_and_scores(tmp_path, settings):
    rep = evaluate(_gold_dir(tmp_path), settings)
    by_text = {s.text[:12]: s for s in rep.sentences}
    assert by_text["Sudanese tro"].categories == {"ASSAULT"}
    assert by_text["Italy held t"].categories == {"CONSULT"}  # the gold's SANCTION is missed
    allp = rep.categories["all"]
    assert (allp.tp, allp.gold, allp.pred) == (4, 5, 5)
    assert rep.per_category["SANCTION"].r == 0.0 and rep.per_category["CONSULT"].p == 0.0
    actor = rep.roles["actor"]
    assert actor.n == 4 and actor.overlap == 4
    assert rep.roles["recipient"].n == 3


def test_eval_command_prints_scores_and_the_no_baseline_note(tmp_path, cli):
    result = cli("eval", "events", "--data", str(_gold_dir(tmp_path)), "--errors")
    out = result.output
    assert result.exit_code == 0, out
    assert "No published score exists" in out
    assert "all sentences" in out and "check half (odd records)" in out
    assert "0.800  0.800  0.800" in out  # 4 of 5 pairs right, 5 predicted
    assert "gold ['SANCTION'] pred ['CONSULT']: Italy held talks" in out
