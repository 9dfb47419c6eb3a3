"""``storyline bench enrich`` runs on the bundled demo corpus (no shared data)."""

from __future__ import annotations

from click.testing import CliRunner

from storyline.evaluation.enrich.bench import bench_enrich_cmd, read_texts


def test_bundled_texts_exist():
    texts = read_texts(None, 5)
    assert len(texts) == 5 and all(t.strip() for t in texts)


def test_bench_enrich_prints_ratios_against_bare():
    res = CliRunner().invoke(bench_enrich_cmd, ["--limit", "3", "--procs", "1", "--rounds", "1"])
    assert res.exit_code == 0, res.output
    rows = [ln.split() for ln in res.output.splitlines()[2:] if ln[:1].isdigit()]
    kinds = {r[1] for r in rows}
    assert kinds == {"bare", "stock", "enrich"}
    enrich = next(r for r in rows if r[1] == "enrich")
    assert enrich[-1].endswith("x") and float(enrich[-1][:-1]) > 0
