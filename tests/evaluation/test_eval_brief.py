"""``storyline eval brief`` on a tiny roundup set written here (two invented stories)."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.evaluation.allsides import load
from storyline.evaluation.rouge import rouge

BRIDGE = [
    ("Harbour Bridge to close for six weeks",
     "The Harbour Bridge in Brenmoor will close to all traffic for six weeks from Monday so that "
     "engineers can replace corroded suspension cables, the city transport office said on Friday. "
     "Ferries between the north and south quays will run every 15 minutes during the closure."),
    ("Brenmoor shuts its busiest crossing",
     "Brenmoor's Harbour Bridge will be closed for six weeks starting Monday while engineers "
     "replace corroded suspension cables, the city transport office announced. Shop owners on "
     "Quay Street fear they will lose a third of their summer trade."),
    ("Quay Street traders count the cost of bridge works",
     "Shop owners on Quay Street say the six-week closure of the Harbour Bridge could cost them "
     "a third of their summer trade. The council has offered a rates holiday to 120 businesses."),
]
ALGAE = [
    ("Algae bloom closes Lake Orvin beaches",
     "All eleven public beaches on Lake Orvin were closed on Saturday after tests found toxic "
     "blue-green algae in the water, the regional health board said. Swimmers and dog owners "
     "were told to keep away from the shore until further notice."),
    ("Toxic algae shuts Orvin shoreline",
     "The regional health board closed every public beach on Lake Orvin on Saturday because of a "
     "toxic blue-green algae bloom. Farmers upstream have been blamed for fertiliser run-off."),
    ("Lake Orvin beach closures hit holiday camps",
     "Holiday camps around Lake Orvin cancelled water sports on Sunday after the health board "
     "closed the beaches because of toxic algae. Camp owners said bookings were already falling."),
]
SUMMARIES = [
    ("Harbour Bridge Closure", "The Harbour Bridge in Brenmoor will close for six weeks from "
     "Monday for cable repairs. Ferries will run during the closure, and Quay Street shop owners "
     "fear losing summer trade."),
    ("Lake Orvin Algae", "The regional health board closed all public beaches on Lake Orvin on "
     "Saturday after toxic blue-green algae was found in the water."),
]


def r1(row: str) -> float:
    """The first score of a result row (after the 34-character system column)."""
    return float(row[34:].split()[0])


def write_set(root: Path) -> None:
    src = [" [SEP] ".join(f"TITLE=> {t}. ARTICLE=> {a}" for t, a in story)
           for story in (BRIDGE, ALGAE)]
    tgt = [f"TITLE=> {t}. ARTICLE=> {s}" for t, s in SUMMARIES]
    (root / "val.source").write_text("\n".join(src) + "\n", encoding="utf-8")
    (root / "val.target").write_text("\n".join(tgt) + "\n", encoding="utf-8")


def test_load_reads_titles_articles_and_summaries(tmp_path: Path) -> None:
    write_set(tmp_path)
    rs = load(tmp_path)
    assert len(rs) == 2 and all(len(r.articles) == 3 for r in rs)
    assert rs[0].articles[0].title == "Harbour Bridge to close for six weeks"
    assert rs[0].articles[1].text.startswith("Brenmoor's Harbour Bridge")
    assert rs[1].title == "Lake Orvin Algae" and rs[1].summary.startswith("The regional health")
    assert len({a.source for a in rs[0].articles}) == 3


def test_eval_brief_command(tmp_path: Path, cli) -> None:  # noqa: ANN001
    write_set(tmp_path)
    result = cli("eval", "brief", "--data", str(tmp_path), "--show", "2",
                 "--workdir", str(tmp_path / "work"))
    out = result.output
    assert result.exit_code == 0, out
    assert "(a) three articles in one story: 2/2 = 100.0%" in out
    m = re.search(r"verbatim: (\d+)/(\d+) brief sentences", out)
    assert m and m.group(1) == m.group(2) and int(m.group(1)) > 0
    brief_row = next(line for line in out.splitlines()
                     if line.startswith("brief (storyline, stored)"))
    lead_row = next(line for line in out.splitlines() if line.startswith("lead baseline"))
    r1_brief, r1_lead = r1(brief_row), r1(lead_row)
    assert 0 < r1_lead and 0 < r1_brief <= 100
    assert "--- roundup 1: Lake Orvin Algae" in out
    assert (tmp_path / "work" / "allsides.db").exists()
    # the briefs shown are the brief stage's stored output (the export's summary)
    from storyline.export import build_export
    from storyline.store import open_store

    store = open_store(str(tmp_path / "work" / "allsides.db"))
    try:
        summaries = {s["text"] for story in build_export(store)["stories"]
                     for s in story["summary"]}
    finally:
        store.close()
    shown = [line[4:].rsplit(" [", 1)[0] for line in out.splitlines() if line.startswith("  - ")]
    assert shown and set(shown) <= summaries


def test_eval_rouge_matches_a_direct_computation(tmp_path: Path, cli) -> None:  # noqa: ANN001
    # the lead row is the first article cut to the summary's length: recompute it here
    write_set(tmp_path)
    rs = load(tmp_path)
    expected = sum(
        rouge(r.summary, " ".join(r.articles[0].text.split()[:len(r.summary.split())]))[
            "rouge1"].fmeasure for r in rs) / len(rs)
    out = cli("eval", "brief", "--data", str(tmp_path)).output
    lead_row = next(line for line in out.splitlines() if line.startswith("lead baseline"))
    assert r1(lead_row) == round(100 * expected, 2)
