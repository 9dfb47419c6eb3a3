"""Source spans and cues of attributions in the broad sense (what `storyline eval quotes`
scores): asides cut from the source, the speaker next to the cue when the parse gives it
several subjects, and a cue that closes its sentence after a comma."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.quotes.attributions import find_attributions


def sources(text: str) -> list[tuple[str | None, str]]:
    doc = load_nlp()(text)
    return [(text[a.source[0]:a.source[1]] if a.source else None,
             text[a.content[0]:a.content[1]]) for a in find_attributions(doc, broad=True)]


def test_a_participle_aside_is_not_part_of_the_source():
    found = sources("Governor Dana Whitfield, speaking at a rally in Harlow, said the bridge "
                    "would reopen in May.")
    assert ("Governor Dana Whitfield", "the bridge would reopen in May") in found


def test_the_speaker_is_the_subject_next_to_the_cue():
    found = sources('The rejection of the treaty signals "the beginning of the end" for the '
                    'union, said Dana Whitfield, founder of the Harlow Party.')
    assert [s for s, _ in found] == ["Dana Whitfield, founder of the Harlow Party"]


def test_a_cue_closing_its_sentence_after_a_comma_reports_the_words_before():
    text = ("The bridge has also made it possible for traders with small boats to reach "
            "the market and sell their fish, she said.")
    assert ("she", "The bridge has also made it possible for traders with small boats to "
            "reach the market and sell their fish") in sources(text)
    assert ("Whitfield", "Sorry") in sources("Sorry, Whitfield said.")



def test_a_gerund_after_a_preposition_reports_the_subject_of_its_verb():
    found = sources("The mayor was criticised for saying that the harbour would close.")
    assert ("The mayor", "that the harbour would close") in found
    found = sources("Dana Whitfield made a point of saying the harbour would stay open.")
    assert ("Dana Whitfield", "the harbour would stay open") in found


def test_an_adjective_s_infinitive_reports_its_clause_s_subject():
    found = sources("Her advisers have been reluctant to admit that the plan failed.")
    assert ("Her advisers", "that the plan failed") in found
    assert all(s != "It" for s, _ in sources("It is hard to deny that the plan failed."))


def test_a_relative_clause_that_attributes_on_its_own_is_cut_from_the_source():
    found = sources("Dana Whitfield, who said last year that the harbour was safe, warned "
                    "that the harbour would close.")
    assert ("Dana Whitfield", "that the harbour would close") in found
    # a relative clause that reports nothing stays in the source
    found = sources("Dana Whitfield, who runs the harbour, warned that it would close.")
    assert ("Dana Whitfield, who runs the harbour", "that it would close") in found


def test_a_coordinated_gerund_and_a_contracted_has_keep_their_speaker():
    found = sources("Dana Whitfield only hinted at the mayor by mentioning the harbour and "
                    "adding, \"I know who should pay for it.\"")
    assert ("Dana Whitfield", "I know who should pay for it") in found
    found = sources("Ever since Ruth Alvarez announced her candidacy last year, she's said "
                    "that the harbour must stay open.")
    assert ("she", "that the harbour must stay open") in found


def test_a_source_never_runs_across_a_line_break_nor_keeps_a_no_break_space():
    found = sources("Updated at 11:30 a.m.\n\nMore council members said that the harbour "
                    "would close.")
    assert ("More council members", "that the harbour would close") in found
    found = sources("The\u00a0Harlow Gazette\u00a0 reported that the harbour would close.")
    assert ("The\u00a0Harlow Gazette", "that the harbour would close") in found


def test_an_as_clause_attributes_the_clause_it_hangs_on():
    for text in ("As the Harlow Gazette noted, trust in the council is collapsing.",
                 "Trust in the council is collapsing, as the Harlow Gazette recently noted."):
        found = [(s, c.lower()) for s, c in sources(text)]
        assert ("the Harlow Gazette", "trust in the council is collapsing") in found


def test_a_focusing_even_is_not_part_of_the_source():
    found = sources("Even the mayor's allies warned that the harbour would close.")
    assert ("the mayor's allies", "that the harbour would close") in found


def test_a_headline_line_before_the_speaker_is_not_part_of_the_source():
    for text, speaker in (
            ("Council speaker\n\nRuth Alvarez said the council needs its own speaker.",
             "Ruth Alvarez"),
            ("Bank chief warning on harbour debt\n\nHarlow Bank governor Dana Whitfield has "
             "warned that the harbour debt could grow.", "Harlow Bank governor Dana Whitfield")):
        doc = load_nlp()(text)
        for broad in (False, True):
            found = [text[a.source[0]:a.source[1]]
                     for a in find_attributions(doc, broad=broad) if a.source]
            assert found == [speaker], (broad, found)


def _parsed(rows: list[tuple[str, str, int, str, str, bool]]) -> Doc:
    """A doc carrying a given parse: (word, dep, head index, POS, lemma, space after). The
    parser reads these sentences this way in some contexts (an article's paragraph before
    them), not in isolation; the rules must hold whatever the context."""
    vocab = load_nlp().vocab
    return Doc(vocab, words=[r[0] for r in rows], deps=[r[1] for r in rows],
               heads=[r[2] for r in rows], pos=[r[3] for r in rows],
               lemmas=[r[4] for r in rows], spaces=[r[5] for r in rows],
               sent_starts=[n == 0 for n in range(len(rows))])


def test_a_word_of_the_quote_read_as_subject_leaves_the_speaker_after_the_cue():
    # '"Thanks, Harlow, for coming," said host Dana Whitfield.' parsed with "Thanks" as
    # the subject and the speaker as the verb's attribute
    doc = _parsed([
        ('"', "punct", 9, "PUNCT", '"', False), ("Thanks", "nsubj", 9, "NOUN", "thank", False),
        (",", "punct", 1, "PUNCT", ",", True), ("Harlow", "npadvmod", 1, "PROPN", "Harlow", False),
        (",", "punct", 1, "PUNCT", ",", True), ("for", "prep", 1, "ADP", "for", True),
        ("coming", "pcomp", 5, "VERB", "come", False), (",", "punct", 9, "PUNCT", ",", False),
        ('"', "punct", 9, "PUNCT", '"', True), ("said", "ROOT", 9, "VERB", "say", True),
        ("host", "attr", 9, "NOUN", "host", True), ("Dana", "compound", 12, "PROPN", "Dana", True),
        ("Whitfield", "appos", 10, "PROPN", "Whitfield", False),
        (".", "punct", 9, "PUNCT", ".", False)])
    for broad in (True, False):
        found = [(doc.text[a.source[0]:a.source[1]] if a.source else None,
                  doc.text[a.content[0]:a.content[1]])
                 for a in find_attributions(doc, broad=broad)]
        assert found == [("host Dana Whitfield", "Thanks, Harlow, for coming")]


def test_a_closing_quote_mark_hung_on_the_next_paragraph_leaves_its_report_whole():
    # 'with my mom."\nMany factors raise the cost, said Dana Whitfield.': the parser put the
    # previous paragraph's closing mark (and the line break) at the head of the complement
    doc = _parsed([
        ('"', "punct", 4, "PUNCT", '"', False), ("\n", "dep", 0, "SPACE", "\n", False),
        ("Many", "amod", 3, "ADJ", "many", True), ("factors", "nsubj", 4, "NOUN", "factor", True),
        ("raise", "ccomp", 8, "VERB", "raise", True), ("the", "det", 6, "DET", "the", True),
        ("cost", "dobj", 4, "NOUN", "cost", False), (",", "punct", 8, "PUNCT", ",", True),
        ("said", "ROOT", 8, "VERB", "say", True), ("Dana", "compound", 10, "PROPN", "Dana", True),
        ("Whitfield", "nsubj", 8, "PROPN", "Whitfield", False),
        (".", "punct", 8, "PUNCT", ".", False)])
    found = [(doc.text[a.source[0]:a.source[1]] if a.source else None,
              doc.text[a.content[0]:a.content[1]]) for a in find_attributions(doc, broad=True)]
    assert ("Dana Whitfield", "Many factors raise the cost") in found


def _stored(text: str) -> list[tuple[str | None, str | None, bool]]:
    from storyline.enrich.quotes.extract import extract_attributions
    from tests.enrich.enrich_helpers import parse

    doc, art, sents = parse(text)
    return [(text[a.source[0]:a.source[1]] if a.source else None,
             text[a.cue[0]:a.cue[1]] if a.cue else None, a.inherited)
            for a in extract_attributions(doc, art, sents)]


def test_one_relation_gives_its_source_once():
    # a split quote: two contents of one cue and one speaker
    found = _stored('"We will not close the harbour," said Dana Whitfield, "not this year '
                    'and not next year."')
    assert [(s, c) for s, c, inherited in found if not inherited] == [("Dana Whitfield", "said")]
    assert len(found) == 2  # both parts are kept, the second as the first one's continuation
    # an infinitive cue under a cue of the same speaker: the head verb is the cue
    found = _stored("Dana Whitfield declined to comment on the harbour plan.")
    assert [(s, c) for s, c, inherited in found if not inherited] == [("Dana Whitfield",
                                                                      "declined")]


def test_a_bare_past_participle_clause_is_no_one_s_saying():
    found = sources("Asked whether she would back the harbour plan, Dana Whitfield said she "
                    "would not.")
    assert found == [("Dana Whitfield", "she would not")]
    found = sources('Pressed about the strike, Dana Whitfield said: "We will talk to them."')
    assert found == [("Dana Whitfield", "We will talk to them")]


def test_a_verb_of_saying_coordinated_with_the_cue_reports_the_same_speaker():
    found = sources("Dana Whitfield, a harbour pilot, said she earns $41,000 a year and "
                    "questioned how she would be helped by the plan.")
    assert found == [("Dana Whitfield, a harbour pilot", "she earns $41,000 a year"),
                     ("Dana Whitfield, a harbour pilot", "how she would be helped by the plan")]
    found = sources("He said the crew went into rescue mode and said the rescue was always a "
                    "priority.")
    assert ("He", "the rescue was always a priority") in found
    # two clauses of one report stay one report
    assert sources("The mayor said the company makes cars and sells trucks.") == [
        ("The mayor", "the company makes cars and sells trucks")]


def test_a_quote_after_a_coordinated_verb_of_saying_is_the_cue_s_speaker():
    found = sources('Dana Whitfield said it was too early to count the votes but added, "I '
                    'think you all have an idea of the results."')
    assert ("Dana Whitfield", "I think you all have an idea of the results") in found


def test_that_said_and_all_told_report_nobody():
    found = sources("The mayor praised the plan. That said, she also noted that the bridge "
                    "was unsafe.")
    assert found == [("she", "that the bridge was unsafe")]
    found = sources("All told, up to 5,000 people could be eligible, the mayor said.")
    assert [s for s, _ in found] == ["the mayor"]


def test_the_object_of_a_control_verb_says_what_its_infinitive_reports():
    found = sources("The timing of the debate led Republicans to say that the mayor was hiding.")
    assert found == [("Republicans", "that the mayor was hiding")]
    # a participle, not an infinitive: the subject says it ("left the party saying ...")
    assert ("Mr Whitfield", "Ms Reyes would do better as leader") in sources(
        "Mr Whitfield also left the Harlow Party saying Ms Reyes would do better as leader.")
    # no object: the subject says it
    assert ("The mayor", "that the bridge was safe") in sources(
        "The mayor wanted to say that the bridge was safe.")


def test_a_name_and_age_before_the_cue_is_the_speaker_after_an_opening_phrase():
    # "As part of his plea, Dana Whitfield, 44, said that he lied.": the parser hangs the
    # name on "plea" as an apposition and leaves the cue without a subject
    rows = [("As", "prep", 11, "ADP", "as", True), ("part", "pobj", 0, "NOUN", "part", True),
            ("of", "prep", 1, "ADP", "of", True), ("his", "poss", 4, "PRON", "his", True),
            ("plea", "pobj", 2, "NOUN", "plea", False), (",", "punct", 4, "PUNCT", ",", True),
            ("Dana", "compound", 7, "PROPN", "Dana", True),
            ("Whitfield", "appos", 4, "PROPN", "Whitfield", False),
            (",", "punct", 7, "PUNCT", ",", True), ("44", "appos", 7, "NUM", "44", False),
            (",", "punct", 7, "PUNCT", ",", True), ("said", "ROOT", 11, "VERB", "say", True),
            ("that", "mark", 14, "SCONJ", "that", True), ("he", "nsubj", 14, "PRON", "he", True),
            ("lied", "ccomp", 11, "VERB", "lie", False), (".", "punct", 11, "PUNCT", ".", False)]
    doc = _parsed(rows)
    doc.ents = [Span(doc, 6, 8, label="PERSON")]
    for t, tag in zip(doc, ["IN", "NN", "IN", "PRP$", "NN", ",", "NNP", "NNP", ",", "CD", ",",
                            "VBD", "IN", "PRP", "VBD", "."], strict=True):
        t.tag_ = tag
    found = [(doc.text[a.source[0]:a.source[1]] if a.source else None,
              doc.text[a.content[0]:a.content[1]]) for a in find_attributions(doc, broad=True)]
    assert found == [("Dana Whitfield, 44", "that he lied")]


def test_a_verb_sharing_the_complement_s_perfect_stays_in_the_report():
    found = sources("Richard Caborn said the council had adopted a cautious approach to the "
                    "issue, and responded to the concerns raised.")
    assert found[0] == ("Richard Caborn", "the council had adopted a cautious approach to "
                                          "the issue, and responded to the concerns raised")
    assert [s for s, _ in found].count("Richard Caborn") == 1


def test_one_subject_the_parser_split_in_two_is_the_source():
    # "Voters in Kent, Essex and Suffolk said the ferry was late." parsed with "Essex" as a
    # second subject of "said": the speakers are all of them, not the last few
    rows = [("Voters", "nsubj", 7, "NOUN", "voter", True), ("in", "prep", 0, "ADP", "in", True),
            ("Kent", "pobj", 1, "PROPN", "Kent", False), (",", "punct", 7, "PUNCT", ",", True),
            ("Essex", "nsubj", 7, "PROPN", "Essex", True), ("and", "cc", 4, "CCONJ", "and", True),
            ("Suffolk", "conj", 4, "PROPN", "Suffolk", True),
            ("said", "ROOT", 7, "VERB", "say", True), ("the", "det", 9, "DET", "the", True),
            ("ferry", "nsubj", 10, "NOUN", "ferry", True), ("was", "ccomp", 7, "AUX", "be", True),
            ("late", "acomp", 10, "ADJ", "late", False), (".", "punct", 7, "PUNCT", ".", False)]
    for broad in (True, False):
        doc = _parsed(rows)
        found = [doc.text[a.source[0]:a.source[1]] for a in find_attributions(doc, broad=broad)
                 if a.source]
        assert found == ["Voters in Kent, Essex and Suffolk"], (broad, found)
    # commas only: an opening phrase the parser took for a subject stays out ("As the
    # mayor shifts her focus, many in Harlow reaffirm ...")
    rows = [("Her", "poss", 1, "PRON", "her", True), ("focus", "nsubj", 6, "NOUN", "focus", False),
            (",", "punct", 6, "PUNCT", ",", True), ("many", "nsubj", 6, "ADJ", "many", True),
            ("in", "prep", 3, "ADP", "in", True), ("Harlow", "pobj", 4, "PROPN", "Harlow", True),
            ("said", "ROOT", 6, "VERB", "say", True), ("the", "det", 8, "DET", "the", True),
            ("ferry", "nsubj", 9, "NOUN", "ferry", True), ("was", "ccomp", 6, "AUX", "be", True),
            ("late", "acomp", 9, "ADJ", "late", False), (".", "punct", 6, "PUNCT", ".", False)]
    doc = _parsed(rows)
    assert [doc.text[a.source[0]:a.source[1]] for a in find_attributions(doc, broad=True)
            if a.source] == ["many in Harlow"]


def test_a_dateline_is_not_part_of_the_source():
    found = sources("HARLOW, Essex - Dana Whitfield's fishing crews on Monday predicted a "
                    "long strike at the harbour.")
    assert [s for s, _ in found] == ["Dana Whitfield's fishing crews"]
    found = sources("HARLOW, Essex - Harbour master Dana Whitfield said on Monday that the "
                    "strike would be long.")
    assert [s for s, _ in found] == ["Harbour master Dana Whitfield"]


def test_who_puts_out_a_message_says_what_it_says():
    for broad in (True, False):
        for text in ("The harbour trust issued a statement saying the ferry would run all "
                     "winter.",
                     "The harbour trust released a video that said the ferry would run all "
                     "winter."):
            doc = load_nlp()(text)
            found = [(text[a.source[0]:a.source[1]] if a.source else None,
                      text[a.content[0]:a.content[1]])
                     for a in find_attributions(doc, broad=broad)]
            assert ("The harbour trust", "the ferry would run all winter") in found, found
    # one who receives a message does not say what it says
    assert ("The mayor", "the ferry would stop") not in sources(
        "The mayor received a letter saying the ferry would stop.")
    # the message's words are one relation with the verb that puts it out (when that verb
    # is a cue of its own): its source is given once
    found = _stored("Dana Whitfield issued a statement saying that the ferry would run all "
                    "winter.")
    assert [(s, c) for s, c, inherited in found if not inherited] == [("Dana Whitfield",
                                                                      "issued")]
    assert len(found) == 2  # the words are kept, as the relation's continuation


def test_a_cue_in_a_relative_clause_reports_what_the_relative_word_stands_for():
    # "which she said had saved ...": the relative word opens the reported clause
    found = sources("The mayor praised the new ferries, which she said had saved the harbour.")
    assert ("she", "had saved the harbour") in found
    # "which the trust denied": the relative word is the cue's object
    found = sources("The mayor closed the old pier, which the harbour trust strongly denied.")
    assert ("the harbour trust", "the old pier") in found


def test_a_date_inside_a_phrase_naming_the_source_stays_in_it():
    # a thing with a date in its name: annotators keep the date ("a study from 2011")
    found = sources("A survey of Harlow farmers from 2019 found that most wanted a new road.")
    assert ("A survey of Harlow farmers from 2019", "that most wanted a new road") in found
    found = sources("A copy of the 2013 harbour report said the pier was unsafe.")
    assert ("A copy of the 2013 harbour report", "the pier was unsafe") in found
    # a phrase saying when the words were said is no part of the source
    assert sources("The mayor on Tuesday said the pier was unsafe.") == [
        ("The mayor", "the pier was unsafe")]


def test_a_place_abbreviation_ending_the_sentence_stays_with_the_speaker_named_last():
    # '"The pier is safe," said Dana Whitfield, a fisher from Fresno, Calif.' parsed with
    # "Calif." as the sentence's full stop
    doc = _parsed([
        ('"', "punct", 7, "PUNCT", '"', False), ("The", "det", 2, "DET", "the", True),
        ("pier", "nsubj", 3, "NOUN", "pier", True), ("is", "ccomp", 7, "AUX", "be", True),
        ("safe", "acomp", 3, "ADJ", "safe", False), (",", "punct", 7, "PUNCT", ",", False),
        ('"', "punct", 7, "PUNCT", '"', True), ("said", "ROOT", 7, "VERB", "say", True),
        ("Dana", "compound", 9, "PROPN", "Dana", True),
        ("Whitfield", "nsubj", 7, "PROPN", "Whitfield", False),
        (",", "punct", 9, "PUNCT", ",", True), ("a", "det", 12, "DET", "a", True),
        ("fisher", "appos", 9, "NOUN", "fisher", True), ("from", "prep", 12, "ADP", "from", True),
        ("Fresno", "pobj", 13, "PROPN", "Fresno", False), (",", "punct", 14, "PUNCT", ",", True),
        ("Calif.", "punct", 7, "PROPN", "Calif.", False)])
    for broad in (True, False):
        found = [doc.text[a.source[0]:a.source[1]] for a in find_attributions(doc, broad=broad)
                 if a.source]
        assert found == ["Dana Whitfield, a fisher from Fresno, Calif"], (broad, found)


def test_a_participle_hung_on_the_reported_clause_is_the_reporter_s():
    # the parser hangs "saying" on "cut", the reported verb: Whitfield says it, not the ferry
    found = sources("Dana Whitfield argued that a new ferry would cut the queues, saying the "
                    "old one was too slow.")
    assert ("Dana Whitfield", "the old one was too slow") in found
    # a participle of a clause with its own subject (not a reported one) stays its subject's
    found = sources("Dana Whitfield said the ferry was late again, and the council "
                    "apologised, saying the crew was ill.")
    assert ("the council", "the crew was ill") in found


def test_a_participle_clause_naming_its_agent_is_the_agent_s_attribution():
    text = "Asked by a reporter whether the pier would reopen, the mayor said it would."
    assert sources(text) == [("a reporter", "whether the pier would reopen"),
                             ("the mayor", "it would")]
    # the quotes (verbs of saying) keep to the one who answers
    doc = load_nlp()(text)
    assert [text[a.source[0]:a.source[1]] for a in find_attributions(doc) if a.source] == [
        "the mayor"]
