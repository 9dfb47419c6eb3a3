"""Penn Treebank escapes are unescaped for the parser in place: offsets stay the text's."""

from __future__ import annotations

from storyline.enrich.nlp.ptb import is_ptb, ptb_normalise
from storyline.enrich.nlp.sentences import doc_text, keep_text, parsed_text, sentences_of
from tests.enrich.enrich_helpers import nlp


def test_escapes_become_the_characters_they_stand_for_at_the_same_length():
    text = ("The UK released # 200,000 -LRB- $ 325,000 -RRB- . `` We will help , '' "
            "he said -LSB- sic -RSB- .")
    out = ptb_normalise(text)
    assert len(out) == len(text)
    assert "\u00a3 200,000" in out and "(" in out and ")" in out and "-LRB-" not in out
    assert '"' in out and "``" not in out and "''" not in out and "[" in out


def test_prose_is_left_alone():
    text = "Ticket #1 costs $5 (or \u00a34). He said: \"fine\" - isn't it?"
    assert not is_ptb(text) and ptb_normalise(text) == text


def test_sentences_keep_the_stored_text():
    text = "Aid of # 50,000 -LRB- $ 80,000 -RRB- arrived . `` Thanks , '' she said ."
    doc = keep_text(nlp()(ptb_normalise(text)), text)
    sents = sentences_of(doc, "a")
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert "-LRB-" in sents[0].text


def test_the_parsed_text_is_built_once_and_stays_the_parsers():
    """spaCy joins every token again on each ``doc.text``; the positions extractor read it
    per issue. The parsed (normalised) text is built once per doc and kept apart from the
    stored text that :func:`keep_text` puts in front of every other slice."""
    text = "Aid of # 50,000 -LRB- $ 80,000 -RRB- arrived . `` Thanks , '' she said ."
    parsed = ptb_normalise(text)
    doc = keep_text(nlp()(parsed), text)
    assert parsed_text(doc) == parsed and doc_text(doc) == text
    assert parsed_text(doc) is parsed_text(doc)  # kept, not joined again


def test_two_apostrophes_as_quote_marks_are_read_as_quotes():
    # The New York Times' style: two apostrophes open and close a quote, untokenised
    text = "''We will not close,'' she said. It is Jones' car, not the ''big'' one."
    out = ptb_normalise(text)
    assert len(out) == len(text)
    assert out == ' "We will not close,"  she said. It is Jones\' car, not the  "big"  one.'
    assert ptb_normalise("Jones' car and the cats' toys.") == "Jones' car and the cats' toys."


def test_a_quote_in_two_apostrophes_keeps_its_speaker_after_the_cue():
    from storyline.enrich.article import parse_text
    from storyline.enrich.nlp.pipeline import load_nlp
    from storyline.enrich.quotes.attributions import find_attributions

    text = ("The mill closed in May.\n''I am better with my hands than I am with my head,'' "
            "said Dana Whitfield, half joking.")
    doc = keep_text(load_nlp()(parse_text(text)), text)
    found = [(text[a.source[0]:a.source[1]] if a.source else None,
              text[a.content[0]:a.content[1]]) for a in find_attributions(doc)]
    assert ("Dana Whitfield", "I am better with my hands than I am with my head") in found
