"""The confidence model of broad attributions: features read from the cue's context, a
linear score against the shipped threshold, and what it drops."""

from __future__ import annotations

from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.quotes.attributions import Attribution, find_attributions
from storyline.enrich.quotes.confidence import (
    BIAS,
    THRESHOLD,
    features,
    keep_confident,
    load_weights,
)


def _broad(text: str) -> tuple[object, list[Attribution]]:
    doc = load_nlp()(text)
    return doc, [a for a in find_attributions(doc, broad=True) if a.cue_token is not None]


def _features(doc, att: Attribution) -> list[str]:  # noqa: ANN001
    src = doc[att.source_token] if att.source_token is not None else None
    return features(doc, doc[att.cue_token], src, att.source, att.kind)


def test_features_read_the_cue_s_context():
    doc, (att,) = _broad("Dana Whitfield said that the harbour would not close.")
    feats = _features(doc, att)
    assert {"lem=say", "list=speech", "that_clause", "src_ent=PERSON", "src_before",
            "src_len=2-3", "first_sentence"} <= set(feats)
    assert "neg" not in feats  # the negation is the complement's, not the cue's
    doc, atts = _broad("The council, which pledged to keep the harbour open, met today.")
    assert "src_relative" in _features(doc, atts[0])
    # the cue's auxiliaries, the verb it hangs on and the word before it
    doc, atts = _broad("The mayor has used the vote to argue that the harbour must close.")
    argue = next(a for a in atts if doc[a.cue_token].lemma_ == "argue")
    assert {"aux=to", "head_lem=use|xcomp", "prev=to"} <= set(_features(doc, argue))


def test_a_low_score_drops_the_attribution_and_no_weights_keep_all():
    doc, atts = _broad("Dana Whitfield said that the harbour would close. Ruth Alvarez "
                       "believes that the plan will fail.")
    assert len(atts) == 2
    assert keep_confident(doc, atts, {}) == atts
    weights = {BIAS: 1.0, THRESHOLD: 0.0, "lem=believe": -5.0}
    kept = keep_confident(doc, atts, weights)
    assert [doc[a.cue_token].lemma_ for a in kept] == ["say"]
    # a continuation quote and an attribution without a source are never scored
    inherited = [Attribution(None, (0, 4), (10, 20), "direct", inherited=True)]
    assert keep_confident(doc, inherited, {BIAS: -9.0, THRESHOLD: 0.0}) == inherited


def test_the_shipped_model_keeps_a_report_and_drops_a_relative_clause_pledge():
    assert BIAS in load_weights() and THRESHOLD in load_weights()
    doc, atts = _broad("Dana Whitfield said that the harbour would close.")
    assert keep_confident(doc, atts) == atts
    doc, atts = _broad("The council, which pledged to keep the harbour open, met today.")
    assert atts and keep_confident(doc, atts) == []


def test_no_feature_holds_whitespace():
    # the weights file is one tab-separated feature a line: a line break or a tab in a
    # feature's name would break it (a cue after a paragraph break, an auxiliary "\n")
    doc, atts = _broad("The harbour was quiet.\n\nSaid the mayor: the bridge will close.\n"
                       "Dana Whitfield\thas argued that the plan failed.")
    atts = [a for a in atts if a.source is not None]  # the ones the model scores
    assert atts
    for att in atts:
        assert not any(ch.isspace() for f in _features(doc, att) for ch in f)


def test_a_direct_quote_on_a_verb_of_saying_is_never_dropped():
    """The model filters attributions in the broad sense; words in quote marks given to a
    speaker by a verb of saying are a quote whatever their score (a low score had dropped
    '"...," said Councillor X' after a quote running over two paragraphs)."""
    doc, atts = _broad('"The harbour will close in May," said Dana Whitfield. Ruth Alvarez '
                       'believes that the plan will fail.')
    kinds = sorted((a.kind, doc[a.cue_token].lemma_) for a in atts)
    assert kinds == [("direct", "say"), ("reported", "believe")]
    kept = keep_confident(doc, atts, {BIAS: -9.0, THRESHOLD: 0.0})
    assert [(a.kind, doc[a.cue_token].lemma_) for a in kept] == [("direct", "say")]
