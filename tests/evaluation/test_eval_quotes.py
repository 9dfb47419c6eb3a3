"""``storyline eval quotes``: the PolNeAR reader, span matching, annotator agreement, the command."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from storyline.enrich.quotes.attributions import find_attributions
from storyline.evaluation.quotes.evaluate import Report, agreement, match, score_doc
from storyline.evaluation.quotes.polnear import parse_ann, read_split
from tests.enrich.enrich_helpers import FIXTURES, parse

MINI = FIXTURES / "polnear_mini"


def test_polnear_reader_and_scoring():
    (doc,) = list(read_split(MINI, "dev"))
    assert len(doc.attributions) == 3
    sources = [doc.text[a.source[0][0]:a.source[0][1]] for a in doc.attributions]
    assert sources == ["Senator Ruth Alvarez", "she", "the clerk"]
    parsed = parse(doc.text, None)[0]
    report = Report()
    score_doc(report, doc, find_attributions(parsed, broad=True))
    exact = report.score("source", "exact")
    assert (exact.tp, exact.gold) == (3, 3) and exact.pred == 3


def test_match_is_one_to_one():
    assert match([(0, 3), (0, 3)], [(0, 3)], exact=True) == 1
    assert match([(0, 5)], [(2, 8)], exact=False) == 1
    assert match([(0, 5)], [(2, 8)], exact=True) == 0
    assert parse_ann("T1\tSource 0 3;5 7\tab cd\n")[:1] == ()  # spans without links: none


def test_annotator_agreement_scores_further_annotators_against_the_first():
    report, pairs = agreement(MINI, ("dev",))
    assert (report.docs, pairs) == (1, 1)
    exact, overlap = report.score("source", "exact"), report.score("source", "overlap")
    # the second annotator took "Ruth Alvarez" without the title and left the clerk out
    assert (exact.tp, exact.pred, exact.gold) == (1, 2, 3)
    assert (overlap.tp, overlap.pred, overlap.gold) == (2, 2, 3)
    assert report.score("cue", "exact").tp == 2


def test_eval_quotes_command(tmp_path: Path):
    from storyline.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "source   exact" in result.output and "82.0" in result.output
    assert "one-to-one" in result.output
    assert "human agreement" not in result.output
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(MINI), "--agreement"])
    assert result.exit_code == 0, result.output
    assert "1 articles annotated more than once" in result.output



def test_confidence_weights_are_learned_from_labelled_attributions():
    from storyline.enrich.quotes.confidence import BIAS, THRESHOLD
    from storyline.evaluation.quotes.weights import choose_threshold, examples, fit

    (doc,) = list(read_split(MINI, "dev"))
    parsed = parse(doc.text, None)[0]
    rows = examples([doc], [parsed])
    assert len(rows) == 3 and all(label for _, label in rows)
    assert "lem=say" in rows[0][0]
    # a feature seen only on wrong sources gets a negative weight, one on right ones positive
    synthetic = [(["lem=say", "src_pos=PROPN"], True)] * 20 + [(["lem=see", "src_pos=PRON"],
                                                                False)] * 20
    weights = fit(synthetic, min_count=3)
    assert weights["lem=see"] < 0 < weights["lem=say"] and BIAS in weights
    # on the mini article every source is right: the lowest cut keeps them all
    assert choose_threshold([doc], [parsed], weights, cuts=(-9.0, 9.0)) == -9.0
    assert THRESHOLD not in weights


def test_eval_quotes_command_scores_a_slice_of_a_split():
    from storyline.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(MINI), "--offset", "1"])
    assert result.exit_code == 0, result.output
    assert "PolNeAR dev: 0 articles" in result.output


def test_learned_weights_are_refit_on_the_held_slice_too():
    """The threshold is chosen on the held slice; the weights shipped with it are learned
    again on train and held together, so a cue seen only in the held slice has a weight."""
    from storyline.evaluation.quotes.polnear import GoldAttribution, GoldDoc
    from storyline.evaluation.quotes.weights import learn_from

    (doc,) = list(read_split(MINI, "dev"))
    unlabelled = GoldDoc("none", "x", doc.text, ())  # the same sources, all marked wrong
    text = "The mayor insisted that the bridge would open in May."
    held = GoldDoc("held", "x", text, (GoldAttribution(((0, 9),), ((10, 18),), None),))
    golds = [doc, unlabelled, held]
    docs = [parse(g.text, None)[0] for g in golds]
    weights = learn_from(golds, docs, train=((0, 2),), held=(2, 3), min_count=1)
    assert any(f.startswith("lem=insist") for f in weights)
    assert "__threshold__" in weights
