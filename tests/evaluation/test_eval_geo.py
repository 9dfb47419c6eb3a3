"""``storyline eval geo`` on fixture gold files: resolution given gold names, end to end."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from storyline.evaluation.geo.evaluate import geo_cmd

FIX = Path(__file__).parent.parent / "fixtures" / "enrich"


def test_eval_geo_on_fixture_gold(tmp_path):
    for name, target in (("lgl_mini.xml", "lgl.xml"), ("gwn_mini.xml", "GWN.xml"),
                         ("geovirus_mini.xml", "GeoVirus.xml")):
        (tmp_path / target).write_text((FIX / name).read_text())
    res = CliRunner().invoke(geo_cmd, ["--data", str(tmp_path), "--gold-names"])
    assert res.exit_code == 0, res.output
    lines = {ln.split()[0]: ln for ln in res.output.splitlines() if ln.strip()}
    assert "100.0%" in lines["LGL"]  # Paris resolved to Paris, Texas by its neighbours
    assert "100.0%" in lines["GeoWebNews"] and "94.1%" in lines["GeoWebNews"]


def test_eval_geo_end_to_end_on_fixture_gold(tmp_path):
    (tmp_path / "lgl.xml").write_text((FIX / "lgl_mini.xml").read_text())
    res = CliRunner().invoke(geo_cmd, ["--data", str(tmp_path)])
    assert res.exit_code == 0, res.output
    tail = res.output.split("End to end", 1)[1]
    row = next(ln.split() for ln in tail.splitlines() if ln.startswith("LGL"))
    gold, pred = int(row[1]), int(row[2])
    assert gold == 3 and pred >= 2
    assert float(row[-1]) > 0.5  # geo F1: Tyler and Texas at least are found and placed

