"""Name chaining through the index gives what comparing every pair of names gives (the
pairwise versions are kept here as the reference)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.enrich.entities.names import _given_only, canonical_people, chains_to
from storyline.enrich.entities.repairs import _repair_people

# words with transliteration variants, accents, punctuation and words that fold to nothing
WORDS = ["Anna", "Ana", "Lindqvist", "Lindkvist", "Volodymyr", "Volodimir", "Zelenskyy",
         "Zelensky", "Zelenskiy", "Kyiv", "Kiev", "José", "Jose", "de", "la", "Costa",
         "O'Brien", "-", ".", "Marta", "Marta-Lena", "Björk", "Bjork"]
NAME = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def pairwise_canonical(names: list[str]) -> dict[str, str]:
    """Every name against every other: of the people a name chains to, the one named first."""
    first = {n: names.index(n) for n in set(names)}
    uniq = sorted(set(names), key=lambda n: (-len(n.split()), -len(n), n))
    out: dict[str, str] = {}
    for n in uniq:
        targets = [out.get(m, m) for m in uniq if chains_to(n, m) and not _given_only(n, m)]
        people = sorted(set(targets), key=lambda t: (first.get(t, len(names)), targets.index(t)))
        out[n] = people[0] if people else n
    return out


@PROPS
@given(st.lists(NAME, max_size=25))
def test_canonical_people_equals_pairwise(names):
    assert canonical_people(names) == pairwise_canonical(names)


def test_a_surname_of_two_people_is_the_one_named_first():
    names = ["Gaddafi", "Muammar Gaddafi", "Gaddafi", "Saif al-Islam Gaddafi", "Gaddafi"]
    out = canonical_people(names)
    assert out["Gaddafi"] == "Muammar Gaddafi"
    assert out["Saif al-Islam Gaddafi"] == "Saif al-Islam Gaddafi"
    out = canonical_people(["Saif al-Islam Gaddafi", "Gaddafi", "Muammar Gaddafi"])
    assert out["Gaddafi"] == "Saif al-Islam Gaddafi"


def test_canonical_people_chains_to_the_longest_name():
    out = canonical_people(["Zelensky", "Volodymyr Zelenskyy", "Volodymyr", "Anna Lindqvist"])
    assert out["Zelensky"] == "Volodymyr Zelenskyy"
    assert out["Volodymyr"] == "Volodymyr"  # a lone given name is most often someone else
    assert out["Anna Lindqvist"] == "Anna Lindqvist"


@PROPS
@given(st.lists(st.tuples(st.sampled_from(["PERSON", "ORG", "FAC", "GPE"]), NAME), max_size=20))
def test_repair_people_equals_pairwise(labelled):
    raw = [(None, label, surface, None) for label, surface in labelled]
    people = {s for label, s in labelled if label == "PERSON"}
    expected = [
        "PERSON" if label in ("ORG", "FAC") and any(
            chains_to(p, s) or (" " not in s and chains_to(s, p)) for p in people) else label
        for label, s in labelled
    ]
    # the role of a relabelled mention is read from its span, which these names have not:
    # only the labels are compared here
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("storyline.enrich.entities.repairs.role_of", lambda _e: None)
        got = [label for _, label, _, _ in _repair_people(raw)]
    assert got == expected
