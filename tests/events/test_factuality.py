"""What is not told as a fact is not coded (PLOVER): negation, modality, conditions,
questions, denials, the content of another act; future and intended actions become
commitments (AGREE) or threats (THREATEN), stated refusals REJECT."""

from tests.events.helpers import categories, coded, events, one


def dropped(text: str, category: str) -> list[str | None]:
    return [e.dropped for e in events(text) if e.category == category]


def test_negated_attack_is_not_coded():
    assert "ASSAULT" not in categories("Israel did not attack Lebanon on Monday.")
    e = [e for e in events("Israel did not attack Lebanon on Monday.")
         if e.category == "ASSAULT"][0]
    assert e.negated and e.dropped == "negated"
    assert "ASSAULT" not in categories("Troops never shelled the village.")


def test_same_attack_without_negation_is_coded():
    e = one("Israel attacked Lebanon on Monday.", "ASSAULT")
    assert (e.actor, e.recipient, e.negated, e.hypothetical) == ("Israel", "Lebanon", False, False)


def test_denial_is_not_coded():
    assert dropped("The army denied attacking the village.", "ASSAULT") == ["denied"]
    assert dropped("The ministry denied that its troops had shelled Kherson.", "ASSAULT") \
        == ["denied"]


def test_modal_and_conditional_are_hypothetical():
    assert dropped("Pakistan may impose sanctions on Afghanistan.", "SANCTION") \
        == ["hypothetical"]
    assert dropped("If Russia attacks Finland, NATO will respond.", "ASSAULT") \
        == ["hypothetical"]
    e = [e for e in events("Analysts said Venezuela could invade Guyana.")
         if e.category == "ASSAULT"][0]
    assert e.hypothetical and not e.coded


def test_purpose_and_plans_are_not_facts():
    assert "ASSAULT" not in categories("The rebels plan to attack the airport in Juba.")
    assert "ASSAULT" not in categories("Analysts fear the militia will try to storm Tripoli "
                                       "if talks fail.")


def test_question_is_not_coded():
    assert dropped("Did Iran attack the tanker?", "ASSAULT") == ["question"]


def test_failed_and_refused_actions_did_not_happen():
    assert "AGREE" not in categories("Serbia and Kosovo failed to agree on a new deal.")
    e = one("Kenya refused to release the detained journalists.", "REJECT")
    assert e.content == "RETREAT" and e.mode == "yield"
    assert "RETREAT" not in categories("Kenya refused to release the detained journalists.")


def test_threatened_attack_is_a_threat_not_an_attack():
    cats = categories("Hamas threatened to attack Israeli towns.")
    assert "THREATEN" in cats and "ASSAULT" not in cats
    e = one("Hamas threatened to attack Israeli towns.", "THREATEN")
    assert e.mode == "violence" and e.content == "ASSAULT"
    assert [d for d in dropped("Hamas threatened to attack Israeli towns.", "ASSAULT")] \
        == ["content"]


def test_future_cooperation_is_a_commitment():
    e = one("Egypt will host talks between Sudan and South Sudan next week.", "AGREE")
    assert e.content == "CONSULT"
    assert e.recipient == "Sudan and South Sudan"
    assert "CONSULT" not in categories("Egypt will host talks between Sudan and South Sudan "
                                       "next week.")


def test_future_conflict_is_a_threat():
    e = one("Colombia said it would expel the Venezuelan ambassador.", "THREATEN")
    assert e.actor == "Colombia" and e.content == "SANCTION"


def test_stated_intention_not_to_cooperate_is_a_refusal():
    e = one("The minister said Greece would never sign the treaty.", "REJECT")
    assert e.actor == "Greece"


def test_demand_in_reported_speech():
    e = one("China said Taiwan must abandon its independence drive.", "REQUEST")
    assert (e.actor, e.recipient) == ("China", "Taiwan")


def test_reported_fact_is_coded_with_the_doer_as_actor():
    e = one("Officials said rebels attacked a convoy near Gao on Monday.", "ASSAULT")
    assert e.actor == "rebels" and e.date == "2024-05-06"


def test_every_mention_says_why_it_was_dropped():
    for e in events("Hamas threatened to attack Israeli towns, but did not fire rockets."):
        assert e.coded or e.dropped in {"negated", "hypothetical", "question", "denied",
                                        "content"}
    assert all(e.coded for e in coded("Hamas fired rockets at Israeli towns."))


def test_what_is_done_without_something_did_not_happen_to_it():
    assert "ASSAULT" not in categories("The monk set himself on fire without killing others.")
    assert "ASSAULT" not in categories("Troops entered the town without firing a shot.")
    assert "ASSAULT" in categories("Troops entered the town, firing at the crowd.")


def test_a_negated_belief_or_report_does_not_tell_its_content_as_fact():
    assert not coded("I don't think our policy is about asking people to step down, he said.")
    assert "ASSAULT" in categories("Officials said troops attacked the town.")


def test_what_is_hoped_required_or_asked_about_has_not_happened():
    # "hopes" lemmatised "hop" by the model: the word's own forms are tried too
    assert not coded("Washington hopes the general will take control of the capital.")
    assert not coded("The deal requires that rebels withdraw from the city.")
    assert not coded("Officials asked whether troops had attacked the town.")


def test_a_mandative_subjunctive_is_demanded_not_done():
    assert not [e for e in coded("The council insists the president step down and leave.")
                if e.category == "RETREAT"]
    assert "ASSAULT" in categories("They say rebels attack convoys every night.")
