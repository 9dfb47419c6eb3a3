"""Timeline scores as news-tls / tilse compute them, on examples worked by hand; the
Timeline17 conversion; the eval command end to end on a tiny data set of its own."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline.evaluation.timeline17 import detokenise, read_topics
from storyline.evaluation.tls_datewise import (
    Collection,
    Sent,
    Weights,
    candidates,
    date_scores,
    predict,
    summary_text,
)
from storyline.evaluation.tls_metrics import (
    PRF,
    align_rouge,
    alignment,
    average,
    date_prf,
    rouge_approximation,
    rouge_counts,
    rouge_tokens,
)


def d(n: int) -> dt.date:
    return dt.date(2010, 1, n)


PRED = {d(1): ["storm hits coast"], d(5): ["rescue teams arrive"]}
GOLD = {d(1): ["storm hits the coast"], d(3): ["rescue teams arrive quickly"]}


def test_rouge_tokens_as_rouge155_with_stop_words_and_stems():
    # lower case, "-" split off and dropped, stop words out, stems only past 3 letters
    assert rouge_tokens(["The storm-hit coasts", "Its teams"]) == ["storm", "hit", "coast",
                                                                   "team"]
    assert rouge_tokens(["bus buses"]) == ["bus", "buse"]


def test_rouge_counts_are_clipped_hits_and_totals():
    c = rouge_counts(["storm storm coast"], ["storm coast coast roads"], 1)
    assert (c.hits, c.peer, c.model) == (2, 3, 4)
    c2 = rouge_counts(["storm coast roads"], ["storm coast roads"], 2)
    assert (c2.hits, c2.peer, c2.model) == (2, 2, 2)


def test_content_cost_uses_whitespace_tokens():
    # 3 shared tokens: P = 3/3, R = 3/4
    assert rouge_approximation(["storm hits coast"], ["storm hits the coast"]) == \
        pytest.approx(2 * 1 * 0.75 / 1.75)
    assert rouge_approximation(["Storm"], ["storm"]) == 0.0  # case kept, as tilse's


def test_many_to_one_alignment_by_date_and_content():
    # d1 -> d1 (same day, cost 0); d5 -> d3: cost (1 - 1/3) * (1 - 6/7) beats
    # d5 -> d1: (1 - 1/5) * 1
    to_gold, to_pred = alignment(PRED, GOLD)
    assert to_gold == [0, 1] and to_pred == [0, 1]


def test_alignment_based_rouge_by_hand():
    scores = align_rouge(PRED, GOLD)
    # ROUGE-1: hits 3 (weight 1) + 3 (weight 1/3); peer 3 + 3, model 3 + 4
    assert scores[1].precision == pytest.approx(4 / 6)
    assert scores[1].recall == pytest.approx(4 / 7)
    # ROUGE-2: hits 2 + 2/3; peer 2 + 2, model 2 + 3
    assert scores[2].precision == pytest.approx((8 / 3) / 4)
    assert scores[2].recall == pytest.approx((8 / 3) / 5)
    assert align_rouge({}, GOLD)[1] == PRF(0.0, 0.0)


def test_a_far_date_earns_little():
    far = {d(20): ["rescue teams arrive quickly"]}
    s = align_rouge(far, {d(3): ["rescue teams arrive quickly"]})[1]
    assert s.precision == pytest.approx(1 / 18) and s.recall == pytest.approx(1 / 18)


def test_many_to_one_two_predicted_dates_share_a_gold_date():
    # both predicted days align to the one gold day; tokens: [flood, water, rise] and
    # [water, rise] ("again" is a stop word)
    gold = {d(10): ["flood waters rise"]}
    pred = {d(10): ["flood waters rise"], d(11): ["waters rise again"]}
    assert alignment(pred, gold) == ([0, 0], [0])
    s = align_rouge(pred, gold)
    # ROUGE-1 P: (3 * 1 + 2 * 1/2) / (3 + 2); R: 3 * 1 / 3
    assert s[1].precision == pytest.approx(0.8) and s[1].recall == pytest.approx(1.0)
    assert s[1].f1 == pytest.approx(2 * 0.8 / 1.8)
    # ROUGE-2 P: (2 * 1 + 1 * 1/2) / (2 + 1); R: 2 / 2
    assert s[2].precision == pytest.approx(2.5 / 3) and s[2].recall == pytest.approx(1.0)
    df = date_prf(pred, gold)
    assert (df.precision, df.recall) == (0.5, 1.0) and df.f1 == pytest.approx(2 / 3)


def test_content_outweighs_a_nearer_date():
    # d2 is one day from d1 (cost (1 - 1/2) * (1 - 0) = 0.5) and two from d4, whose
    # summary it repeats (cost (1 - 1/3) * (1 - 1) = 0): it aligns with d4
    gold = {d(1): ["storm hits coast"], d(4): ["rescue teams arrive"]}
    pred = {d(2): ["rescue teams arrive"]}
    assert alignment(pred, gold) == ([1], [0, 0])
    s = align_rouge(pred, gold)[1]
    # P: 3 hits * 1/3 over 3 tokens; R: (0 + 3 * 1/3) over 3 + 3 gold tokens
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 6)
    assert date_prf(pred, gold) == PRF(0.0, 0.0)


def test_date_f1_counts_each_date_once():
    pred = [d(1), d(1), d(2), d(3), d(4)]
    gold = [d(2), d(4), d(6), d(8), d(9), d(10)]
    s = date_prf(pred, gold)  # 2 shared of 4 predicted, of 6 gold
    assert (s.precision, s.recall) == (0.5, 2 / 6) and s.f1 == pytest.approx(0.4)


def test_date_f1_and_news_tls_average():
    assert date_prf(PRED, GOLD) == PRF(0.5, 0.5)
    avg = average([PRF(1.0, 0.0), PRF(0.5, 0.5)])
    assert (avg.precision, avg.recall) == (0.75, 0.25)
    assert avg.f1 == pytest.approx(0.375)


def test_detokenise_ptb():
    text = ("-LRB- CNN -RRB- -- Libya 's leader , who `` vowed '' to stay , did n't go ; "
            "it cost $ 57m -LRB- 35 % -RRB- .")
    assert detokenise(text) == ('(CNN) -- Libya\'s leader, who "vowed" to stay, didn\'t go; '
                                "it cost $57m (35%).")


def test_read_topics(tmp_path):
    folder = tmp_path / "quake_bbc"
    folder.mkdir()
    (folder / "articles.json").write_text(json.dumps([
        {"uid": "2", "dct": "2010-01-13", "dates": [], "text": "Aid arrives ."},
        {"uid": "1", "dct": "2010-01-12", "dates": [], "text": "A quake hit Haiti 's capital ."},
        {"uid": "3", "dct": "2010-01-14", "dates": [], "text": ""},
    ]))
    (folder / "bbc.txt.timeline.json").write_text(json.dumps([
        {"date": "2010-01-12", "text": " A quake hits .  Buildings fall . "},
        {"date": "2010-01-13", "text": " Aid arrives . "},
        {"date": "2010-01-12", "text": " Thousands die . "},
    ]))
    [topic] = read_topics(tmp_path)
    assert [(i.id, i.published, i.source) for i in topic.items] == [
        ("quake_bbc-1", "2010-01-12", "bbc"), ("quake_bbc-2", "2010-01-13", "bbc")]
    assert topic.items[0].text == "A quake hit Haiti's capital." and topic.empty == 1
    gold = topic.timelines[0]
    assert gold.dates[d(12)] == ["A quake hits.", "Buildings fall.", "Thousands die."]
    assert gold.span == (d(12), d(13)) and gold.sentences_per_date() == 2


def _coll() -> Collection:
    c = Collection(published={"a": d(2), "b": d(3), "c": d(3)})
    c.sents = [
        Sent("a", 0, "The storm made landfall on the coast late on Friday night.", d(2), d(1)),
        Sent("b", 0, "The storm that hit the coast on Friday killed nine people.", d(3), d(1)),
        Sent("c", 0, "Rescue teams arrived in the coastal towns on Saturday morning.", d(3), d(2)),
        Sent("c", 1, "Officials said the storm on Friday had destroyed hundreds of homes.", d(3),
             d(1)),
        Sent("c", 2, "Short.", d(3), None),
    ]
    return c


def test_dates_ranked_by_what_refers_to_them():
    scores = date_scores(_coll(), d(1), d(3), Weights(1, 1, 1, 0, 0, 0))
    # d1: 3 sentences, 3 articles, 3 told after it; d2: one of each
    assert scores[d(1)] == 9 and scores[d(2)] == 3 and scores[d(3)] == 0
    tl = predict(_coll(), d(1), d(3), 2, 1, Weights(1, 1, 1, 0, 0, 0))
    assert list(tl) == [d(1), d(2)] and all(len(s) == 1 for s in tl.values())
    assert tl[d(2)] == ["Rescue teams arrived in the coastal towns on Saturday morning."]


def test_summary_sentences_stand_on_their_own():
    assert summary_text("WASHINGTON (Reuters) - The Senate passed the spill bill on Tuesday "
                        "after a long debate.") == \
        "The Senate passed the spill bill on Tuesday after a long debate."
    assert summary_text("Will the engineers ever stop the leak at the bottom of the sea?") is None
    assert summary_text("The well was capped.") is None  # under 8 words
    assert summary_text("\u201cWe will not give up on this coast, not now and not ever,\u201d "
                        "he said.") is None  # mostly quoted
    c = _coll()
    pool = candidates(c, d(1), d(3))
    # "Short." (a lead sentence naming no day) stands nowhere; the others under their day
    assert sorted(len(v) for v in pool.values()) == [1, 3]
    assert all(s.text != "Short." for v in pool.values() for s in v)


def _tiny_t17(root):
    folder = root / "timeline17" / "quake_bbc"
    folder.mkdir(parents=True)
    (folder / "articles.json").write_text(json.dumps([
        {"uid": "1", "dct": "2010-01-12", "dates": [], "text":
         "A powerful earthquake struck Haiti on January 12 , 2010 , destroying much of the "
         "capital . Thousands of buildings collapsed in the city on January 12 , 2010 , "
         "officials said ."},
        {"uid": "2", "dct": "2010-01-14", "dates": [], "text":
         "Rescue teams from many countries arrived in the capital on January 14 , 2010 , to "
         "search the rubble . The earthquake on January 12 , 2010 , killed thousands of "
         "people in the capital ."},
        {"uid": "3", "dct": "2010-01-14", "dates": [], "text":
         "Aid flights landed at the crowded airport of the capital on January 14 , 2010 , "
         "carrying food and water for the survivors ."},
    ]))
    (folder / "bbc.txt.timeline.json").write_text(json.dumps([
        {"date": "2010-01-12", "text": " A powerful earthquake strikes Haiti . "},
        {"date": "2010-01-14", "text": " Rescue teams arrive in the capital . "},
    ]))
    return root / "timeline17"


def test_eval_command_ingests_predicts_and_scores(tmp_path, cli):
    # Jan 12 is named by three sentences in two articles, Jan 14 by two in two: both
    # chosen, so date F1 is 1; the summaries share words with the gold ones
    result = cli("eval", "timeline", "--data", str(_tiny_t17(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "1 gold timelines, 3 articles" in result.output
    [row] = [x for x in result.output.splitlines() if x.startswith("quake_bbc / ")]
    half, dates, k, pred, dp, dr, df, ar1, ar2 = row.split()[3:]
    assert (half, dates, k, pred) == ("dev", "2", "1", "2")
    assert (dp, dr, df) == ("1.000", "1.000", "1.000")
    assert 0.1 < float(ar1) <= 1.0
    assert "date-wise (news-tls, best)" in result.output
