"""One short sentence per PLOVER category family: the category, its mode where the
manual gives one, the actor and the recipient."""

import pytest

from tests.events.helpers import categories, one

CASES = [
    # (sentence, category, mode, actor word, recipient word)
    ("Portugal and Morocco agreed on Tuesday to build a joint research station.",
     "AGREE", None, "Portugal", None),
    ("The Kenyan foreign minister met the Ugandan president in Kampala on Monday.",
     "CONSULT", None, "Kenyan", "Ugandan"),
    ("Canada praised Chile's new electoral law.", "SUPPORT", None, "Canada", "Chile"),
    ("The Peruvian government lifted the curfew in Cusco on Wednesday.",
     "CONCEDE", None, "Peruvian", "Cusco"),
    ("Norway shared intelligence with Finland about the smuggling network.",
     "COOPERATE", None, "Norway", "Finland"),
    ("Japan sent food aid to flood victims in Bangladesh.", "AID", None, "Japan", "victims"),
    ("Ecuadorian rebels released four hostages on Thursday.",
     "RETREAT", "release", "rebels", "hostages"),
    ("The opposition party demanded the resignation of the Bolivian interior minister.",
     "REQUEST", "yield", "party", "minister"),
    ("Human Rights Watch accused the Nigerian army of torturing detainees.",
     "ACCUSE", "allege", "Human Rights Watch", "army"),
    ("Hungary rejected the European Commission's proposal on migrant quotas.",
     "REJECT", None, "Hungary", "European Commission"),
    ("Serbia threatened to cut diplomatic ties with Montenegro.",
     "THREATEN", "relations", "Serbia", "Montenegro"),
    ("Thousands of teachers marched through Bogota on Saturday against pay cuts.",
     "PROTEST", "demo", "teachers", None),
    ("The United States imposed sanctions on Venezuela's state oil company.",
     "SANCTION", "discontinue", "United States", "oil company"),
    ("Turkey deployed troops along its border with Syria.", "MOBILIZE", "troops", "Turkey", None),
    ("Police in Dhaka arrested 40 opposition activists on Sunday.",
     "COERCE", "arrest", "Police", "activists"),
    ("Rebel fighters attacked an army base near Goma.", "ASSAULT", None, "fighters", "army"),
]


@pytest.mark.parametrize(("text", "category", "mode", "actor", "recipient"), CASES,
                         ids=[c[1] for c in CASES])
def test_category_family(text, category, mode, actor, recipient):
    e = one(text, category)
    assert e.mode == mode
    assert e.actor is not None and actor in e.actor
    if recipient is None:
        assert e.recipient is None or actor not in e.recipient
    else:
        assert e.recipient is not None and recipient in e.recipient


def test_every_family_is_covered():
    assert {c[1] for c in CASES} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_support_verb_with_event_noun():
    e = one("Ethiopian troops launched an offensive against rebel positions in Tigray.",
            "ASSAULT")
    assert e.trigger.startswith("launched")
    assert e.place == "Tigray"


def test_assault_mode_from_the_weapon_named():
    assert one("Gunmen killed five villagers with machetes near Bunia.", "ASSAULT").mode \
        == "primitive"


def test_joint_exercise_is_cooperation_not_mobilization():
    assert "COOPERATE" in categories("India and France held joint military exercises in May.")
    assert "MOBILIZE" not in categories("India and France held joint military exercises in May.")


def test_protest_by_a_state_is_a_diplomatic_protest():
    assert one("Beijing protested to Washington over the arms sale.", "ACCUSE").mode \
        == "disapprove"
    assert "PROTEST" in categories("Farmers protested outside the parliament in Warsaw.")


def test_saying_is_not_an_event():
    assert categories("The spokesman said the weather in Oslo was cold on Monday.") == set()
