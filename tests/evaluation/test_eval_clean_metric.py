"""The main-text metric of ``storyline eval clean``."""

from storyline.evaluation.clean.extraction import prf, shingle_match


def test_shingle_metric_matches_its_definition():
    gold = "one two three four five six"
    assert shingle_match(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_match(gold, "one two three four nine ten")
    assert tp > 0 and fp > 0 and fn > 0 and abs(tp + fp + fn - 1) < 1e-9
    p, r, f1 = prf([shingle_match(gold, gold), shingle_match(gold, "")])
    assert p == 1.0 and r == 0.5 and abs(f1 - 2 / 3) < 1e-9

