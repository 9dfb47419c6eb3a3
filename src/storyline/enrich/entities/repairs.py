"""Entity labels the recogniser got wrong, repaired from the mention, its neighbours and
the shipped tables: people tagged as bodies, bodies and states tagged as people, the
organisations table's bodies under their main names, places tagged as bodies."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from storyline.enrich.entities.names import (
    ChainIndex,
    clean_surface,
    folded_words,
    name_gender,
    role_of,
    shorter_forms,
    strip_titles,
)
from storyline.enrich.nlp.pipeline import common_words, organization_table
from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.places.gazetteer import load_gazetteer
from storyline.enrich.places.mentions import PLACE_LABELS
from storyline.wordlists import words

Raw = tuple[Span, str, str, str | None]  # (entity span, label, surface name, role)


def repair_labels(raw: list[Raw]) -> list[Raw]:
    """The mentions with people, bodies and places relabelled (see the module docstring),
    less the place mentions that are ordinary words (:func:`_bare_words`)."""
    raw = _split_glued_people(_lowercase_lead(raw))
    raw = _titled_people(_not_names(_split_people(_complete_bodies(raw))))
    raw = _named_people_not_places(_repair_places(_repair_types(_repair_people(raw))))
    return _languages(_bare_words(_leaders_terms(_people_as_places(raw))))


_CONNECTORS = ("of", "for", "on", "and", "the", "to")


def _complete_bodies(raw: list[Raw]) -> list[Raw]:
    """An organisation's name cut after a connector ("International Committee of") runs on
    over "the" and the capitalised words that follow it ("... of the Red Cross"); with none
    to run on to, the dangling connector goes."""
    out = []
    for e, label, surface, role in raw:
        if label == "ORG" and e[-1].lower_ in _CONNECTORS:
            doc, end = e.doc, e.end
            if end < len(doc) and doc[end].lower_ == "the":
                end += 1
            while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
                end += 1
            if end > e.end and doc[end - 1].is_title:
                e = doc[e.start:end]
            else:
                end = e.end
                while end > e.start + 1 and doc[end - 1].lower_ in _CONNECTORS:
                    end -= 1
                e = doc[e.start:end]
            surface = clean_surface(e.text)
        out.append((e, label, surface, role))
    return out


def _split_people(raw: list[Raw]) -> list[Raw]:
    """One PERSON span holding two names joined by a title ("Gordon Brown Mrs Brown": a
    headline run into a caption) is two people."""
    titles = words("titles")
    out: list[Raw] = []
    for e, label, surface, role in raw:
        cut = next((t.i for t in e[1:] if label == "PERSON" and t.text.rstrip(".").lower()
                    in titles and t.is_title and t.i + 1 < e.end), None)
        if cut is None:
            out.append((e, label, surface, role))
            continue
        out.extend(_two_people(e, cut, label))
    return out


def _two_people(e: Span, cut: int, label: str) -> list[Raw]:
    """The mention cut in two at token ``cut``: each part that holds a proper noun and a
    name once titles are off, with its own role."""
    out: list[Raw] = []
    for part in (e.doc[e.start:cut], e.doc[cut:e.end]):
        name, title = strip_titles(clean_surface(part.text))
        if any(t.pos_ == "PROPN" for t in part) and name:
            out.append((part, label, name, role_of(part) or title))
    return out


def _lowercase_lead(raw: list[Raw]) -> list[Raw]:
    """A name never starts with an ordinary lower-case word: the recogniser's "kick X"
    (from "to kick X out") is X. Name particles ("al", "bin", "de", "van") stay."""
    particles = words("name_particles")
    out: list[Raw] = []
    for e, label, surface, role in raw:
        k = e.start
        while k < e.end - 1 and e.doc[k].is_lower and e.doc[k].is_alpha \
                and e.doc[k].whitespace_ and e.doc[k].lower_ not in particles:  # not "inter-"
            k += 1
        if k > e.start:
            e = e.doc[k:e.end]
            surface = clean_surface(e.text)
            if label == "PERSON":
                surface = strip_titles(surface)[0]
            if not surface or not any(ch.isupper() for ch in surface):
                continue
        out.append((e, label, surface, role))
    return out


def _split_glued_people(raw: list[Raw]) -> list[Raw]:
    """One PERSON span of two full names run together ("From our reporter Ann Lee John
    Smith is ...": a credit line run into the next item) is two people, when the second
    name is written on its own elsewhere in the article."""
    alone = {s for e, label, s, _ in raw if label == "PERSON" and len(e) >= 2}
    out: list[Raw] = []
    for e, label, surface, role in raw:
        cut = None
        if label == "PERSON" and len(e) >= 4:
            cut = next((k for k in range(e.start + 2, e.end - 1)
                        if clean_surface(e.doc[k:e.end].text) in alone
                        and all(t.is_title or not t.is_alpha for t in e.doc[e.start:k])), None)
        if cut is None:
            out.append((e, label, surface, role))
            continue
        out.extend(_two_people(e, cut, label))
    return out


# nouns a leader's name qualifies: "the Bush administration", "the Blair years"
LEADER_TERMS = {"administration", "presidency", "era", "years", "camp", "aides", "family",
                "doctrine", "premiership"}
LEADER_PLACE_POPULATION = 1_000_000  # "the Moscow administration" is the city's


def _leaders_terms(raw: list[Raw]) -> list[Raw]:
    """A one-word place or body name qualifying "administration", "presidency", "era" ... is
    the leader's name, not a town ("the Bush administration" is not Būsh, Egypt), unless it is
    a country, a region or a city big enough to have a government of its own ("the Kiev
    government" is not in the list either way)."""
    g = load_gazetteer()
    out: list[Raw] = []
    for e, label, surface, role in raw:
        nxt = e.doc[e.end] if e.end < len(e.doc) else None
        if label in (*PLACE_LABELS, "ORG") and len(e) == 1 and nxt is not None \
                and nxt.lower_ in LEADER_TERMS:
            places = [p for p, _ in g.lookup(surface)]
            if places and not any(p.feature != "city" or p.population >= LEADER_PLACE_POPULATION
                                  for p in places):
                label, role = "PERSON", None
        out.append((e, label, surface, role))
    return out


_HYPHEN_PREFIX = re.compile(r"^[a-z]+-")


def _not_names(raw: list[Raw]) -> list[Raw]:
    """Mentions that name nothing, or something else than the recogniser said: an adjective
    made with a prefix ("inter-Korean", "anti-American": not the people or the country), a
    date tagged PERSON ("Tue Mar 22"), an acronym tagged PERSON ("ODPM": a body), a place
    whose name starts with a place word tagged PERSON ("Bab al-Aziziya")."""
    weekdays = {w.lower() for w in words("weekdays")}
    weekdays |= {w[:3] for w in weekdays}  # "Tue"; months alone are first names too (June)
    heads = words("place_name_heads")
    out = []
    for e, label, surface, role in raw:
        if _HYPHEN_PREFIX.match(e.text) or _after_prefix(e):
            continue  # "inter-Korean"
        if label == "PERSON":
            toks = surface.replace(".", " ").split()
            if any(t.lower() in weekdays or t[:1].isdigit() for t in toks):
                continue  # "Tue Mar 22"
            if len(toks) == 1 and surface.isupper() and len(surface) >= 2:
                label, role = "ORG", None  # "ODPM"
            elif toks and toks[0] in heads and len(toks) > 1:
                label, role = "FAC", None  # "Bab al-Aziziya"
        out.append((e, label, surface, role))
    return out


def _after_prefix(e: Span) -> bool:
    """The mention follows a lower-case word and a hyphen ("inter-Korean", "anti-American"):
    an adjective made with a prefix. After a capitalised word ("Egyptian-US relations",
    "the Arab-Israeli conflict", "a Russian-American crew") both names are themselves."""
    text = doc_text(e.doc)
    at = e.start_char
    if at < 2 or text[at - 1] != "-" or not text[at - 2].isalpha():
        return False
    start = at - 1
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:at - 1].islower()


def _locative(e: Span) -> bool:
    """The mention follows a locative preposition ("in Mobile", "in the Donbas"). After
    "the" it must head what the preposition governs: in "in the Liberal Democrat campaign"
    and "in the Lloyd's market" the name only qualifies another noun."""
    doc = e.doc
    the = e.start > 0 and doc[e.start - 1].lower_ == "the"
    before = e.start - 2 if the else e.start - 1
    if the and (e[-1].text in ("'s", "’s") or e.text.endswith(("'s", "’s")) or (
            e.end < len(doc) and (doc[e.end].text in ("'s", "’s") or
                                  (doc[e.end].is_title and not doc[e.end].is_sent_start)))):
        return False
    return before >= 0 and doc[before].lower_ in words("place_prepositions")


# prepositions after which a one-word "person" that is a place by name is that place ("in
# Blackburn"); "to", "of", "at" also take people ("the murder of Kennedy")
_PERSON_PLACE_PREPOSITIONS = frozenset({"in", "from", "near", "outside", "around", "across",
                                        "into", "through", "towards", "toward"})


def _titled_people(raw: list[Raw]) -> list[Raw]:
    """Names whose kind the words around them settle: any name right after an honorific
    ("Mr Kennedy", "Mrs Lincoln") is a person, whatever ner said; a one-word "person" after
    "the" is none ("the Conservative's record": a party); a one-word "person" after a
    locative preposition whose name is a gazetteer place, and the surname of no person
    named in the article, is that place ("activists in Blackburn"); a place name of more
    than one word after an office title is a person ("President Thabo Mbeki"), as is a body-
    or place-tagged name opening with a given name in apposition to a role noun ("the
    party's leader, Nicola X,"); a one-word
    place after a first name that is a person's surname in the article is that person."""
    honorifics, titles = words("honorifics"), words("titles")
    g = load_gazetteer()
    people = [s for _, label, s, _ in raw if label == "PERSON" and " " in s]
    surnames = {s.split()[-1] for s in people}
    out = []
    for e, label, surface, role in raw:
        doc = e.doc
        prev = doc[e.start - 1] if e.start > 0 else None
        one = len(e) == 1 or (len(e) == 2 and e[1].text in ("'s", "’s"))
        if prev is not None and prev.text.rstrip(".").lower() in honorifics and \
                label in ("GPE", "LOC", "ORG", "NORP", "FAC"):
            label, role = "PERSON", role_of(e)
        elif prev is not None and label in PLACE_LABELS and prev.is_title and \
                prev.lower_ in titles and len(e) > 1:
            label, role = "PERSON", role_of(e)  # "President Thabo Mbeki": no municipality
        elif prev is not None and label in ("ORG", *PLACE_LABELS) and \
                prev.lower_ in titles and 1 < len(e) <= 3 and e[0].is_title and \
                name_gender(e[0].text) is not None:
            label, role = "PERSON", role_of(e)  # "shadow chancellor Vince Cable": no firm
        elif label in ("ORG", *PLACE_LABELS) and 1 < len(e) <= 3 and e[0].is_title and \
                name_gender(e[0].text) is not None and _beside_person_noun(e):
            label, role = "PERSON", role_of(e)  # "the party's leader, Nicola Sturgeon,"
        elif label == "PERSON" and one and prev is not None and prev.lower_ == "the":
            label, role = "ORG", None
        elif label == "PERSON" and len(e) == 1 and prev is not None and \
                prev.lower_ in _PERSON_PLACE_PREPOSITIONS and surface not in surnames and \
                any(not alt for _, alt in g.lookup(surface)):
            label, role = "GPE", None
        out.append((e, label, surface, role))
    # one sense per article: a one-word "place" after a first name that is the surname of
    # a person of the article ("Charles Kennedy" beside "Mr Kennedy") is that person
    surnames = {s.split()[-1] for _, label, s, _ in out if label == "PERSON"}
    fixed = []
    for e, label, surface, role in out:
        prev = e.doc[e.start - 1] if e.start > 0 else None
        if label in PLACE_LABELS and len(e) == 1 and surface in surnames and \
                prev is not None and prev.is_title and prev.pos_ == "PROPN":
            label, role = "PERSON", role_of(e)
        fixed.append((e, label, surface, role))
    return fixed


def _beside_person_noun(e: Span) -> bool:
    """The name stands in apposition to a noun naming a person by role or office ("the
    party's leader, Nicola Sturgeon," / "Nicola Sturgeon, the party's leader,")."""
    people = words("person_nouns") | words("titles")
    root = e.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in people:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in people for c in root.children)


def _one_word(e: Span) -> bool:
    """One word, with or without a possessive ("Flores'", "Joliet's")."""
    return len(e) == 1 or (len(e) == 2 and e[1].text in ("'s", "’s", "'", "’"))


def _named_people_not_places(raw: list[Raw]) -> list[Raw]:
    """One sense per article: a one-word "place" that is the first or last name of a person
    named in full in the article ("Sheriff Tom Ripley ... said Ripley") is that person,
    unless it is a country or a region, or the text shows a place ("in Ripley", "Ripley,
    Tenn."). Runs after the other repairs, which may make a person of an "ORG"."""
    named = {w for _, label, s, _ in raw if label == "PERSON" and " " in s
             for w in (s.split()[0], s.split()[-1])}
    out = []
    for e, label, surface, role in raw:
        if label in PLACE_LABELS and _one_word(e) and surface in named and \
                not _wide_place(surface) and not (_locative(e) or _contained(e)):
            label, role = "PERSON", role_of(e)
        out.append((e, label, surface, role))
    return out


def _wide_place(name: str) -> bool:
    """The name is a country, a first-level region or a region-table place ("Georgia",
    "Jordan"): such names stay places even beside a person who bears them."""
    return any(p.feature not in ("city", "admin2") for p, alt in load_gazetteer().lookup(name)
               if not alt)


def _contained(e: Span) -> bool:
    """The mention is written with its container: "Mobile, Alabama"."""
    doc = e.doc
    return e.end + 1 < len(doc) and doc[e.end].text == "," and doc[e.end + 1].is_title


def _bare_words(raw: list[Raw]) -> list[Raw]:
    """Place mentions that are words, not places: a grade of a commodity ("Brent crude",
    ``data/words/grade_nouns.txt``), a direction on its own ("the South",
    "North of the river"), a two-letter word that is no abbreviation ("Al"; "Ky." and "NY"
    are), and a common English word capitalised only because it opens a sentence, where it
    qualifies the noun after it ("Mobile phone sales rose"), unless the article writes it
    capitalised elsewhere, after a locative preposition or with its container ("Mobile,
    Alabama")."""
    directions = {w.lower() for w in words("direction_words")}
    out = []
    for e, label, surface, role in raw:
        if label in PLACE_LABELS and " " not in surface:
            low = surface.lower()
            text = doc_text(e.doc)
            # "Ky." ("Louisville, Ky."): the span may hold its full stop or stop before it
            abbreviation = surface.isupper() or e.text.endswith(".") or \
                text[e.end_char:e.end_char + 1] == "."
            if low in directions or (len(surface) <= 2 and not abbreviation):
                continue
            if e.end < len(e.doc) and e.doc[e.end].lower_ in words("grade_nouns"):
                continue  # "Brent crude": a grade named after a field, not the place
            if low in common_words() and _modifies_a_noun(e) and e[0].is_sent_start and \
                    not _capitalised_elsewhere(e) and not (_locative(e) or _contained(e)):
                continue
        out.append((e, label, surface, role))
    return out


def _capitalised_elsewhere(e: Span) -> bool:
    word = e[0].text
    return any(t.text == word and not t.is_sent_start for t in e.doc if t.i != e.start)


def _modifies_a_noun(e: Span) -> bool:
    """The one-word mention qualifies the lower-case noun after it ("Mobile phone")."""
    doc = e.doc
    if e.end >= len(doc):
        return False
    nxt = doc[e.end]
    return nxt.pos_ == "NOUN" and nxt.is_lower and e[-1].head.i == nxt.i


def _repair_people(
    raw: list[Raw],
) -> list[Raw]:
    """A multi-word ORG/FAC/PRODUCT mention that a person of the article chains to
    ("Volodymyr Zelenskyy" tagged ORG beside PERSON "Zelensky") is that person."""
    people = {s for _, label, s, _ in raw if label == "PERSON"}
    # folded people, and the shorter forms that chain to one of them, each a set look-up
    folded = {f for f in map(folded_words, people) if f}
    shorter = ChainIndex(people).first
    out = []
    for e, label, surface, role in raw:
        if label in ("ORG", "FAC"):
            words = folded_words(surface)
            # a person's name is a shorter form of this mention, or (one word) this
            # mention is a shorter form of a person's name
            if any(f in folded for f in shorter_forms(words)) or (
                    " " not in surface and words and words in shorter):
                label, role = "PERSON", role_of(e)
        out.append((e, label, surface, role))
    return out


def _in_office_title(e: Span) -> bool:
    """A portfolio word ("State", "Defense": ``data/words/portfolios.txt``) tagged ORG inside
    an office title ("Secretary of State", "Defense Minister") is part of the person's role,
    not a body."""
    if len(e) != 1 or e[0].lower_ not in words("portfolios"):
        return False
    titles = words("titles")
    doc = e.doc
    nxt = doc[e.end].lower_ if e.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, e.start - 2):e.start]]
    return nxt in titles or (len(before) == 2 and before[1] == "of" and before[0] in titles)


_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old,?\s*$", re.I)


def _after_age(e: Span) -> bool:
    """The mention follows an age ("30-year-old Taras ..."): a person."""
    before = doc_text(e.doc)[max(0, e.start_char - 16):e.start_char]
    return bool(_AGE.search(before))


_DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$")  # "U.N.", "U.N", "E.U."


def _repair_types(
    raw: list[Raw],
) -> list[Raw]:
    """Bodies of the shipped organisations table are ORG under their main name whatever
    ner said ("Nato" GPE -> "North Atlantic Treaty Organization" ORG, "UN" and "United
    Nations" one body); a PERSON whose name holds a state or body word is a GPE or an ORG."""
    table = organization_table()
    out = []
    for e, label, surface, role in raw:
        if label == "ORG" and _in_office_title(e):
            continue  # "Secretary of State Antony Blinken": a role, kept with the person
        bare = surface[4:] if surface.lower().startswith("the ") else surface
        if bare not in table and _DOTTED.match(bare):
            bare = bare.replace(".", "")  # "U.N" (its full stop ended the sentence) -> "UN"
        if label in ("ORG", "NORP", "FAC") and _after_age(e) and " " in surface:
            label, role = "PERSON", role_of(e)  # "30-year-old Taras Oleksandovych"
        elif bare in table and label in ("ORG", "GPE", "LOC", "PERSON", "NORP", "FAC"):
            label, surface, role = "ORG", table[bare], None
        elif label == "PERSON":
            # a state or body word ("Republic", "Ministry") never heads a person's name
            parts = set(re.split(r"[\s’']+", surface))
            if parts & words("state_words"):
                label, role = "GPE", None
            elif parts & words("body_words"):
                label, role = "ORG", None
        out.append((e, label, surface, role))
    return out


TERRITORY = {"region", "continent"}  # region-table kinds a body can also be
ORG_PLACE_POPULATION = 100_000  # a one-word "ORG" naming a city this big is the city


@cache
def _bodies_not_places() -> frozenset[str]:
    """Main names of the organisations table that are never read as a place: a body is not
    its namesake town ("members of Nato"); one that is also a territory of the region
    table ("in the EU") may still be read as that territory."""
    g = load_gazetteer()
    return frozenset(b for b in organization_table().values()
                     if not any(p.feature in TERRITORY for p, alt in g.lookup(b) if not alt))


def _repair_places(
    raw: list[Raw],
) -> list[Raw]:
    """An ORG mention whose name is a gazetteer place by its main name is a place (GPE)
    when it follows a locative preposition ("in Bucha", "from Irpin") or is one word
    naming a country, a first-level region or a big city ("Mariupol", "Moscow denied")."""
    g = load_gazetteer()
    bodies = _bodies_not_places()
    out = []
    for e, label, surface, role in raw:
        if label == "ORG" and surface not in bodies:
            main = [p for p, alt in g.lookup(surface) if not alt]
            after_locative = _locative(e)  # "in Bucha", "in the Donbas"
            big = len(e) == 1 and any(p.feature in ("country", "admin1") or
                                      p.population >= ORG_PLACE_POPULATION for p in main)
            if main and (after_locative or big):  # "in Bucha"; "places like Mariupol"
                label = "GPE"
        out.append((e, label, surface, role))
    # one sense per article: the same name elsewhere tagged ORG is that place too
    places = {s for _, label, s, _ in out if label in PLACE_LABELS}
    return [(e, "GPE" if label == "ORG" and s in places and s not in bodies else label, s, r)
            for e, label, s, r in out]


def _people_as_places(raw: list[Raw]) -> list[Raw]:
    """A one-word "person" that is a gazetteer place by its main name, and nobody's name in
    the article (no person named in full has it as a first or last name, no title before
    it), is that place when the article labels the same name a place elsewhere (one sense
    per article: "Joliet's building inspector" beside "in Joliet") or when it stands in a
    list with a place ("stops in Hilversum and Almelo", "Clarke, Madison, Oconee and
    Oglethorpe counties")."""
    g = load_gazetteer()
    titles = words("honorifics") | words("titles")
    named = {w for _, label, s, _ in raw if label == "PERSON" and " " in s for w in s.split()}
    places = {s for _, label, s, _ in raw if label in PLACE_LABELS}
    place_tokens = {t.i for e, label, _, _ in raw if label in PLACE_LABELS for t in e}
    out = []
    for e, label, surface, role in raw:
        if label == "PERSON" and _one_word(e) and surface not in named and " " not in surface and \
                any(not alt for _, alt in g.lookup(surface)):
            prev = e.doc[e.start - 1] if e.start > 0 else None
            titled = prev is not None and prev.text.rstrip(".").lower() in titles
            tok = e[0]
            listed = (tok.dep_ == "conj" and tok.head.i in place_tokens) or any(
                c.dep_ == "conj" and c.i in place_tokens for c in tok.children)
            if not titled and (surface in places or listed):
                label, role = "GPE", None
        out.append((e, label, surface, role))
    return out


# where a demonym heading its own noun phrase names a language: "speaks in English", "the
# learning of English", "she learned English", "English is spoken"
_LANGUAGE_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "conj"})


def _languages(raw: list[Raw]) -> list[Raw]:
    """A singular demonym ("English", "Spanish") that heads its own noun phrase with no
    determiner or number before it ("in English and Spanish", "learned English") is a
    language, not a people or a country's adjective: it is no entity. "The French", "many
    Chinese", "French officials", "a French national" stay NORP."""
    out = []
    for e, label, surface, role in raw:
        if label == "NORP" and len(e) == 1 and not surface.endswith("s"):
            tok = e[0]
            bare = not any(c.dep_ in ("det", "nummod", "amod", "poss") for c in tok.children)
            if tok.dep_ in _LANGUAGE_DEPS and tok.pos_ in ("PROPN", "NOUN") and bare and \
                    not (tok.dep_ == "conj" and tok.head.dep_ not in _LANGUAGE_DEPS):
                continue
        out.append((e, label, surface, role))
    return out
