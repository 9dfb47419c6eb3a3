"""The position extractor on invented sentences, through the real parser and the enrich
stage's entity, date and quote extractors: each stance, conditions, negation, stances a
cue takes from its content, reported stances, actors, and what states no stance."""

import pytest

from tests.positions.helpers import one, positions, triples


@pytest.mark.parametrize(("text", "stance", "actor", "issue"), [
    ("Norway offered to share its fishing data with Sweden.", "offer", "Norway",
     "share its fishing data"),
    ("Sweden demanded an immediate halt to the drilling.", "demand", "Sweden",
     "immediate halt to the drilling"),
    ("Finland rejected the plan.", "reject", "Finland", "plan"),
    ("Germany backed the new tariff.", "support", "Germany", "new tariff"),
    ("France opposes the merger.", "oppose", "France", "merger"),
    ("Denmark accepted the proposal on Tuesday.", "accept", "Denmark", "proposal"),
    ("Norway would consider a joint patrol.", "consider", "Norway", "joint patrol"),
    ("Finland condemned the attack on the embassy.", "oppose", "Finland",
     "attack on the embassy"),
    ("Sweden called for talks on the quota.", "demand", "Sweden", "talks on the quota"),
    ("Norway ruled out new sanctions.", "reject", "Norway", "new sanctions"),
    ("Denmark said it was open to a compromise.", "consider", "Denmark", "compromise"),
])
def test_each_stance(text, stance, actor, issue):
    p = one(text)
    assert (p.stance, p.actor, p.issue) == (stance, actor, issue)
    assert p.sentence == text and p.cue in text


def test_condition_keeps_the_stance_it_conditions():
    p = one("Poland would accept the treaty only if the border clause was removed.")
    assert (p.stance, p.base_stance, p.issue) == ("condition", "accept", "treaty")
    assert p.condition == "only if the border clause was removed"
    p = one("Austria accepted the draft, with the exception of its clause on transit.")
    assert (p.stance, p.base_stance) == ("condition", "accept")
    assert p.condition == "with the exception of its clause on transit"
    p = one("Spain offered to lift the tariffs as long as Portugal cut its subsidies.")
    assert (p.stance, p.base_stance, p.issue) == ("condition", "offer", "lift the tariffs")
    assert p.condition.startswith("as long as Portugal")


def test_a_condition_set_on_any_deal():
    p = one("Sweden said any agreement must be approved by parliament.")
    assert (p.actor, p.stance) == ("Sweden", "condition")
    assert "parliament" in p.issue_key


@pytest.mark.parametrize(("text", "stance"), [
    ("Norway did not rule out a referendum.", "consider"),  # PLOVER: not rejected
    ("Sweden refused to accept the quota.", "reject"),
    ("Denmark is not ready to sign the accord.", "reject"),
    ("Germany would not oppose the merger.", "accept"),
    ("Finland would not consider the offer.", "reject"),
    ("Norway does not support the tariff.", "oppose"),
    ("Sweden refused to rule out a strike.", "consider"),
    ("Norway is ready to consider the proposal.", "consider"),
])
def test_negation_and_stances_taken_from_the_content(text, stance):
    assert one(text).stance == stance


def test_a_negated_demand_states_nothing():
    assert positions("Sweden did not demand compensation.") == []


def test_a_reported_stance_is_its_subjects():
    p = one("Finance Minister Ada Lindqvist said Norway was ready to declare a moratorium.")
    assert (p.actor, p.stance, p.issue) == ("Norway", "offer", "moratorium")
    assert p.reported_by == "Ada Lindqvist"
    assert p.detail == "Norway was ready to declare a moratorium"


@pytest.mark.parametrize(("text", "actor", "via"), [
    ("Oslo said it would consider a joint patrol.", "Norway", "reporter"),  # capital, pronoun
    ("The Kremlin called for a ceasefire.", "Russia", "seat"),
    ("The Norwegians say they are willing to resume talks.", "Norway", "reporter"),
    ("Stockholm rejected the plan.", "Sweden", "capital"),
    ("The Swedish delegation rejected the plan.", "Sweden", "demonym"),
    ("Norway's negotiators rejected the plan.", "Norway", "owner"),
])
def test_governments_read_from_capitals_seats_and_peoples(text, actor, via):
    p = one(text)
    assert (p.actor, p.actor_via) == (actor, via)
    assert p.actor_key is not None and p.actor_key.label == "GPE"


def test_a_first_person_stance_in_a_quote_is_its_speakers():
    p = one('"We are ready for compromise," said Ada Lindqvist, Norway\'s finance minister.')
    assert (p.actor, p.actor_via, p.stance, p.issue) == ("Ada Lindqvist", "speaker", "offer",
                                                         "compromise")


def test_a_demonstrative_for_the_fragment_before():
    text = '"Guarantees and a referendum. We are ready for that," said Ada Lindqvist.'
    got = {(p.actor, p.stance, p.issue) for p in positions(text)}
    assert got == {("Ada Lindqvist", "offer", "Guarantees"),
                   ("Ada Lindqvist", "offer", "referendum")}


@pytest.mark.parametrize("text", [
    "Sweden may accept the plan.",  # the writer's guess
    "Sweden is expected to accept the plan.",
    "If Finland rejects the deal, talks will collapse.",
    "Will Norway accept the offer?",
    "Officials rejected the plan.",  # no one named
    "Norway declined to comment.",
    "The minister asked a question about the plan.",
    "Norway insisted that the strike was legal.",  # a claim, not a demand
])
def test_what_states_no_stance(text):
    assert positions(text) == [], [(p.actor, p.stance, p.issue) for p in positions(text)]


def test_a_hedge_the_actor_states_is_a_consideration():
    p = one("Sweden said it could accept the plan.")
    assert (p.actor, p.stance) == ("Sweden", "consider")


def test_wishes_demands_and_aims():
    assert triples("Sweden wants a share of the revenue.") == {
        ("Sweden", "demand", "share of the revenue")}
    assert triples("Sweden wants Norway to lift the ban.") == {
        ("Sweden", "demand", "Norway to lift the ban")}
    # an aim stated in the first person is an offer; told by someone else, nothing
    assert triples('"Our goal is to end the blockade," said Ada Lindqvist.') == {
        ("Ada Lindqvist", "offer", "end the blockade")}
    assert positions("Sweden wants to end the blockade.") == []


def test_a_demand_on_another_party():
    p = one("Norway's foreign minister said Denmark must withdraw its ships.")
    assert (p.actor, p.stance) == ("Norway", "demand")
    assert p.issue.startswith("Denmark withdraw")


def test_a_disclaimer_rejects_what_it_denies():
    p = one('"This is not a ceasefire," Ada Lindqvist said.')
    assert (p.actor, p.stance, p.issue) == ("Ada Lindqvist", "reject", "ceasefire")
    p = one("Ada Lindqvist warned that the pause does not mean a ceasefire.")
    assert (p.actor, p.stance, p.issue) == ("Ada Lindqvist", "reject", "ceasefire")


def test_a_stance_on_a_stance():
    got = triples("Norway rejected Sweden's demand for compensation.")
    assert got == {("Norway", "reject", "compensation"), ("Sweden", "demand", "compensation")}


def test_conjoined_issues_are_positions_of_their_own():
    got = triples("Sweden demanded a full withdrawal and the return of the ships.")
    assert got == {("Sweden", "demand", "full withdrawal"),
                   ("Sweden", "demand", "return of the ships")}


def test_dates_of_the_clause_else_the_publish_date():
    p = one("Norway rejected the plan on Tuesday.")
    assert (p.date, p.date_precision) == ("2024-05-07", "day")
    p = one("Norway rejected the plan.")
    assert (p.date, p.date_precision) == ("2024-05-10", "published")


def test_issue_keys_fold_synonyms_and_drop_hedges():
    a, b = one("Norway proposed a truce."), one("Sweden rejected any possible ceasefire.")
    assert a.issue_key == b.issue_key == ("ceasefire",)
    c = one("Finland offered to become a neutral state.")
    assert "neutrality" in c.issue_key
    d = one("Norway demanded the right to join the alliance.")
    assert "membership" in d.issue_key


@pytest.mark.parametrize(("text", "actor", "stance"), [
    # the writer, not the addressee, demands
    ("Senator Ada Holm has written to Prime Minister Ole Dahl demanding an inquiry.",
     "Ada Holm", "demand"),
    # a relative clause's subject is the noun it modifies
    ("Norway accused the Swedish government, which rejected the plan on Monday.",
     "Sweden", "reject"),
    # a commitment the events extractor codes, stated by the actor
    ("Norway said it would release the detained fishermen.", "Norway", "offer"),
])
def test_actors_of_participles_relatives_and_commitments(text, actor, stance):
    got = [(p.actor, p.stance) for p in positions(text)]
    assert (actor, stance) in got, got


@pytest.mark.parametrize("text", [
    "Analysts were calling it for the incumbent by midnight on Tuesday.",  # not "call for"
    "Ada Holm's colleagues refused to support the budget.",  # not Ada Holm's stance
    "The ministry said it had not meant to discriminate against anyone.",
    "Perhaps Norway will be ready to compromise next year.",
    "Norway will release the detained fishermen.",  # a plan told by the writer
    '"Would Sweden not be ready for talks?" the reporter asked the minister.',
])
def test_more_that_states_no_stance(text):
    assert positions(text) == [], [(p.actor, p.stance, p.issue) for p in positions(text)]


def test_conjoined_complements_stay_the_demand():
    got = triples("Norway urged Sweden to give in and accept the proposed fishing quota.")
    assert ("Norway", "demand", "proposed fishing quota") in got
    assert not any(a == "Sweden" for a, _, _ in got)


def test_a_vow_of_a_hostile_act_is_no_offer():
    assert positions("Norway vowed to destroy the smuggling networks in the fjords.") == []
    assert one("Norway vowed to reopen the border crossing.").stance == "offer"


def test_the_thing_given_not_who_it_is_given_to():
    p = one("Sweden opposes giving the coast guard the power to board trawlers.")
    assert p.issue.startswith("power to board trawlers")


def test_a_negated_issue_keeps_its_no():
    p = one("Norway pledged that no troops would be sent to the border.")
    assert p.stance == "offer" and p.issue.startswith("no troops")


def test_a_news_agency_quoting_someone_reports_for_that_person():
    p = one("The agency quoted Ada Lindqvist as telling reporters that Norway rejected the plan.")
    assert (p.actor, p.stance) == ("Norway", "reject")
    assert p.reported_by == "Ada Lindqvist"


def test_the_detail_ends_at_its_sentence_not_the_line_break_after_it():
    text = "Norway has demanded a full withdrawal.\nThe talks resume on Monday."
    p = positions(text)[0]
    assert p.detail == "Norway has demanded a full withdrawal."


@pytest.mark.parametrize("text", [
    "Another traditional German ally, Austria, criticised the plan.",
    "Another traditional German ally Austria criticised the plan.",
])
def test_the_party_named_beside_a_noun_not_the_modifiers_country(text):
    assert (one(text).actor, one(text).stance) == ("Austria", "oppose")
