"""Place recognition: places the filters dropped or the recogniser missed, and person
names read as places (issue 13, round 5: end-to-end geo F1)."""

from __future__ import annotations

from storyline.enrich.entities.mentions import extract_mentions
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.sentences import sentences_of
from storyline.enrich.places.mentions import PLACE_LABELS, place_of
from storyline.records import Article


def mentions(text: str) -> list[tuple[str, str, tuple[str, str | None, str | None] | None]]:
    """(text, label, (place, region, country) or None) of every mention."""
    doc = load_nlp()(text)
    a = Article(id="r1", input="test", body=text, body_kind="text", text=text)
    out = []
    for m in extract_mentions(doc, a, sentences_of(doc, a.id)):
        p = place_of(m.key)
        out.append((m.text, m.key.label, (p.name, p.admin1, p.cc) if p else None))
    return out


def places(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {t: p for t, label, p in mentions(text) if label in PLACE_LABELS and p}


def test_a_state_abbreviation_with_its_full_stop_is_a_place():
    """"Ky." was dropped as a two-letter word ("Al"), and "Louisville" then went to
    Colorado for want of it."""
    got = places("The school moved from Fort Knox, Ky., to Louisville, Ky., last spring.")
    assert got["Ky."][0] == "Kentucky"
    assert got["Louisville"][1] == "Kentucky"


def test_a_name_after_a_capitalised_word_and_a_hyphen_is_a_name():
    """Only a lower-case prefix ("inter-", "anti-") makes an adjective of a name."""
    got = places("Egyptian-US relations improved after the talks in Cairo.")
    assert got["US"][2] == "US"
    norp = {t for t, label, _ in mentions("The Arab-Israeli conflict and a Russian-American "
                                          "crew were discussed.") if label == "NORP"}
    assert {"Israeli", "American"} <= norp
    # a prefix still makes an adjective: no "Korean" people, no "American" place
    got_m = mentions("The inter-Korean talks resumed as anti-American protests grew.")
    assert not [t for t, _, _ in got_m if t in ("Korean", "American")]


def test_a_dateline_in_capitals_is_a_place():
    got = places("COLUMBUS (AP) -- A city court will not accept new cases because of cuts, "
                 "officials said.")
    assert got["COLUMBUS"][:2] == ("Columbus", "Ohio")
    got = places("Farm news. MOUNT GILEAD, Ohio - The county fair opens on Friday.")
    assert got["MOUNT GILEAD"][2] == "US" and got["Ohio"][0] == "Ohio"
    assert places("BEIRUT: Talks went on late into the night.")["BEIRUT"][2] == "LB"
    # a word in capitals that is no place, or is a common word, is not a dateline
    assert not places("UPDATE: The council met. POLICE - A man was held.")


def test_a_persons_surname_alone_is_the_person_not_a_town():
    got = mentions("Wrestling coach Tom Ripley praised the team. \"He was dominant,\" said "
                   "Ripley. The next meet will be held in Ripley on Saturday.")
    labels = [label for t, label, _ in got if t == "Ripley"]
    assert labels == ["PERSON", "GPE"]  # "said Ripley": the coach; "in Ripley": the town
    # a country or region stays a place beside a person who bears its name
    got = mentions("The team's coach, Tom Jordan, visited Amman. Jordan has taken in many "
                   "refugees, he said.")
    assert [label for t, label, _ in got if t == "Jordan"] == ["GPE"]


def test_a_one_word_person_that_is_a_place_listed_with_places_is_that_place():
    """ner tagged "Almelo" PERSON in a list of towns; one sense per article for a name the
    article also writes as a place."""
    got = places("The line to Berlin includes stops in Hilversum and Almelo, the paper said.")
    assert got["Almelo"][2] == "NL"
    # a surname of a person the article names in full stays that person
    got_m = mentions("Council leader Anne Almelo spoke. Berlin and Almelo met on Monday.")
    assert "Almelo" not in {t for t, label, _ in got_m if label in PLACE_LABELS}


def test_a_city_the_ruler_knows_is_found_where_ner_misses_it():
    """Cities from 100,000 people are pre-labelled (ner alone missed "Fargo raised ...")."""
    got = places("Fargo raised its goal for sandbags as police near Chattanooga closed a lab.")
    assert got["Fargo"][1] == "North Dakota" and got["Chattanooga"][1] == "Tennessee"


def test_a_demonym_naming_a_language_is_no_entity():
    """"in English and Spanish", "learned English": languages, not the country's people."""
    got = mentions("The ad ran in English and Spanish. She soon learned English. The "
                   "learning of English will go on.")
    assert not [t for t, label, _ in got if label == "NORP"]
    got = mentions("French officials met a Spanish delegation. The French said no.")
    assert [t for t, label, _ in got if label == "NORP"] == ["French", "Spanish", "French"]


def test_a_region_alone_is_the_most_populous_of_its_namesakes():
    """"Florida" had gone to the region of Puerto Rico listed first among equal priors."""
    from storyline.enrich.places.geocode import Geocoder

    assert Geocoder().resolve(["Florida"])["Florida"].cc == "US"
    assert places("Storms hit Florida on Monday.")["Florida"][2] == "US"


def test_a_legislators_home_town_after_the_party_letter_is_a_place():
    got = places("Rep. Torrey Westrom, R-Elbow Lake, went before a Senate committee.")
    assert got["Elbow Lake"][1] == "Minnesota"
    # a dateline followed by a long dash
    assert places("COLUMBIA --- The governor said Friday he would refuse the money, as "
                  "South Carolina lawmakers had asked.")["COLUMBIA"][1] == "South Carolina"
