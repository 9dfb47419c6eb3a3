"""What a figure counts or measures, read from the parse around its amount.

:func:`what_of` returns a :class:`Measure`: ``what``, a short readable name ("people
killed", "children killed", "loss", "sales rise", "distance"), ``kind``, the same
thing in lemmas for matching figures across articles ("people|killed", "loss"), and
``holder``, the named body, person or country whose figure it is, when the sentence
says so ("BP's $20bn fund", "Time Warner posted a loss").

- A number before a noun counts the noun: "640 homes were destroyed" (homes
  destroyed), "a $850m loss" (loss), "51 percent of respondents" (respondents).
- Nouns of people (``counted_people.txt``) take what happened to them
  (``number_events.txt``: killed, injured, displaced, ...) from the verb, a relative
  clause, a participle or the noun itself ("1,119 civilian deaths" = civilians killed,
  "driven 10 million Ukrainians from their homes" = people displaced); a demonym or
  "people" with nothing happening to it says nothing and is not a claim.
- A number standing alone takes its name from its verb: "up to 200,000 have been
  killed" (people killed), "agreed to pay $850m" (amount paid, ``money_verbs.txt``),
  "the toll stands at 200,000" (the subject's level), "profits rose 76%" (profit
  rise, ``change_verbs.txt``), "the deal is worth $1bn" (deal value).
- A quantity with nothing else to name it is what its unit measures (distance, area).
- Anything else (a number whose noun is a bracket, a unit, a time, a label) is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from storyline.enrich.numbers.amounts import Amount, is_exchange_rate
from storyline.wordlists import word_map, words

HOLDER_TYPES = ("ORG", "PERSON", "GPE", "NORP")
_CONTAINERS = frozenset({"number", "total", "figure", "tally", "count", "estimate", "sum",
                         "amount", "level", "toll", "mark", "low", "high", "peak", "record", "end",
                         "close", "start", "opening"})
_UNCERTAIN = frozenset({"suspected", "probable", "possible", "presumed", "unconfirmed",
                        "estimated"})
_PLAIN_PARTICIPLES = frozenset({"age", "base", "call", "name", "locate", "know", "say", "see",
                                "expect", "forecast", "estimate", "report", "hold", "own"})
_MARKET_WORDS = frozenset({"share", "shares", "stock", "stocks", "trading", "index", "market",
                           "markets", "exchange", "traded"})
_INCREMENT_AFTER = frozenset({"more", "additional", "extra"})  # "three more deaths"
_INCREMENT_BEFORE = frozenset({"another", "further", "additional", "extra"})  # "another 150"
_INCREMENT_MODS = frozenset({"new", "additional", "further", "extra", "more"})  # "nine new cases"
_CHANGE_NOUNS = frozenset({"rise", "increase", "fall", "drop", "decline", "growth", "cut",
                           "hike", "gain", "jump", "reduction"})
_NOT_NOUNS = frozenset({"time", "times", "%", "percent", "cent", "point", "points",
                        "anniversary", "birthday"})


@dataclass(frozen=True, slots=True)
class Measure:
    what: str
    kind: str
    holder: str | None = None


@cache
def _events() -> dict[str, str]:
    """Lemma -> event ("_" in a data file's event stands for a space: "laid_off")."""
    return {k: v.replace("_", " ") for k, v in word_map("number_events").items()}


@cache
def _event_phrases() -> dict[tuple[str, str, str], str]:
    """(verb, preposition or "", object) -> event: "drive from home", "make homeless"."""
    out = {}
    for key, event in word_map("number_event_phrases").items():
        parts = key.split(" ")
        verb, prep, obj = (parts[0], "", parts[1]) if len(parts) == 2 else parts
        out[(verb, prep, obj)] = event.replace("_", " ")
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _is_person(tok: Token) -> bool:
    return _lemma(tok) in words("counted_people") or _is_demonym(tok)


def _is_demonym(tok: Token) -> bool:
    return tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS", "NNP")


def _word_ok(tok: Token) -> bool:
    """A real word that can name what is counted (not a bracket, a unit, a time)."""
    low = tok.lower_
    return (tok.is_alpha and len(low) > 1 and not tok.is_stop and low not in _NOT_NOUNS
            and _lemma(tok) not in words("time_nouns")
            and low not in word_map("quantity_units") and low not in word_map("number_scales")
            and low not in word_map("currencies")
            and tok.ent_type_ not in ("DATE", "TIME", "ORDINAL", "CARDINAL"))


def _mods(noun: Token, amount: Amount) -> list[Token]:
    """The noun's compound and adjective modifiers that say what kind of thing it is."""
    return [c for c in noun.lefts
            if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
            and not (amount.first <= c.i < amount.last) and _word_ok(c)
            and c.ent_type_ not in ("GPE", "ORG", "PERSON")]


def _verb_event(verb: Token) -> str | None:
    """The event a verb names: its lemma, a verb + preposition + object phrase ("driven
    from their homes"), a verb + complement ("made homeless"), or the verb it governs
    ("thought to have died")."""
    phrases = _event_phrases()
    for c in verb.children:
        if c.dep_ in ("prep", "agent"):
            for obj in (o for o in c.children if o.dep_ == "pobj"):
                event = phrases.get((_lemma(verb), c.lower_, _lemma(obj)))
                if event:
                    return event
        elif c.dep_ in ("acomp", "oprd", "dobj", "attr", "ccomp", "xcomp"):
            event = phrases.get((_lemma(verb), "", _lemma(c)))
            if event:
                return event
    if _lemma(verb) in _events() and verb.pos_ in ("VERB", "ADJ", "AUX"):
        return _events()[_lemma(verb)]
    for c in verb.children:
        if c.dep_ in ("xcomp", "acomp", "oprd") and c.pos_ in ("VERB", "ADJ"):
            event = _verb_event(c) if c.pos_ == "VERB" else _events().get(_lemma(c))
            if event:
                return event
    return None


def _noun_event(noun: Token) -> str | None:
    """What happened to the people a noun counts."""
    for c in noun.children:
        if c.dep_ in ("amod", "acl", "relcl") and c.pos_ in ("VERB", "ADJ"):
            event = _verb_event(c) if c.pos_ == "VERB" else _events().get(_lemma(c))
            if event:
                return event
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return _verb_event(head)
    if noun.dep_ == "conj" and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return _verb_event(head.head)
    return None


def _participle(noun: Token) -> str | None:
    """The passive participle said of a noun: "640 homes were destroyed", "homes destroyed"
    (not one that only describes it: "people aged 18 to 34", "a rise seen last year")."""
    part: Token | None
    if noun.dep_ == "nsubjpass" and noun.head.tag_ == "VBN":
        part = noun.head
    else:
        part = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    if part is None or part.lemma_.lower() in _PLAIN_PARTICIPLES:
        return None
    return part.lower_


def _entity_text(tok: Token) -> str | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in HOLDER_TYPES:
            text = ent.text
            return text[:-2] if text.endswith("'s") else text
    return None


def holder_of(tok: Token) -> str | None:
    """The named body, person or country whose figure it is: a possessor or a proper-noun
    compound of the noun, else the named subject of the nearest verb above it."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and c.ent_type_ in HOLDER_TYPES:
            return _entity_text(c)
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            named = obj if obj.ent_type_ in ("ORG", "PERSON") else next(
                (c for c in obj.children if c.dep_ in ("appos", "compound")
                 and c.ent_type_ in ("ORG", "PERSON")), None)
            if named is not None:
                return _entity_text(named)  # "profits at TimeWarner", "at media giant TimeWarner"
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                if subj.ent_type_ in HOLDER_TYPES:
                    return _entity_text(subj)
                inner = next((c for c in subj.children if c.dep_ in ("poss", "compound")
                              and c.ent_type_ in HOLDER_TYPES), None)
                if inner is not None:
                    return _entity_text(inner)
                return None
    return None


def _people(noun: Token, amount: Amount) -> Measure | None:
    """A count of people: the class ("people" for the generic nouns and demonyms) and
    what happened to them."""
    generic = _lemma(noun) in words("people_generic") or _is_demonym(noun)
    label = "people" if generic else " ".join(
        [m.lower_ for m in _mods(noun, amount) if not _is_demonym(m)] + [noun.lower_])
    key = "people" if generic else _lemma(noun)
    event = _noun_event(noun)
    if event is None:
        for c in _mods(noun, amount):
            if _lemma(c) in _events() and c.pos_ != "NOUN":  # not "50 rescue workers"
                event = _events()[_lemma(c)]
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "at 1,297 civilians and 340 security force members"
    if event is None and first.dep_ == "pobj" and first.head.lower_ in ("at", "to"):
        verb = first.head.head  # "put the death toll in Syria at 1,297 civilians"
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubj", "nsubjpass") and _lemma(c) in _CONTAINERS:
                inner = noun_measure(c, amount, depth=2)
                if inner is not None and "|" in inner.kind:
                    event = inner.kind.split("|", 1)[1]
    if event:
        return Measure(f"{label} {event}", f"{key}|{event}")
    part = _participle(noun)
    if generic:
        return Measure(f"people {part}", f"people|{part}") if part else None
    return Measure(f"{label} {part}" if part else label, f"{key}|{part}" if part else key)


def noun_measure(noun: Token, amount: Amount, money: bool = False, depth: int = 0,
                 counts: bool = True) -> Measure | None:
    """What a noun names as a counted or measured thing (see the module docstring);
    ``counts``: the figure counts the noun ("640 homes"), not a value of it ("an objective
    of 0.7%": nothing that happens to the objective is part of what is measured)."""
    if depth > 2 or noun.pos_ not in ("NOUN", "PROPN", "ADJ") or not _word_ok(noun):
        return None
    if noun.pos_ == "PROPN" and noun.ent_type_ not in ("", "NORP"):
        return None  # a name says whose figure it is, not what it counts
    doc = noun.doc
    if noun.i + 1 < len(doc) and doc[noun.i + 1].text in ("-", "\u2013") and not noun.whitespace_:
        return None  # the first half of "ex-managers"
    lemma = _lemma(noun)
    if lemma in words("model_nouns") and amount.value >= 100 and amount.value == int(amount.value) \
            and "," not in noun.doc[amount.number[0]].text and amount.qualifier is None:
        return None  # a model: "Boeing's 777 line", "the A380 jet"
    of = next((c for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
               for c in p.children if c.dep_ == "pobj"), None)
    if lemma in _events() and noun.pos_ == "NOUN" and not money:  # "deaths", "the death toll"
        people = next((m for m in noun.lefts if m.dep_ in ("amod", "compound") and
                       _lemma(m) in words("counted_people")), None)
        event = _events()[lemma]
        if any(m.dep_ == "amod" and m.lower_ in _UNCERTAIN for m in noun.lefts):
            event += " (suspected)"  # "101 suspected deaths" is not a count of deaths
        label = "people" if people is None else _plural(people)
        return Measure(f"{label} {event}", f"{'people' if people is None else _lemma(people)}|{event}")
    if lemma in _CONTAINERS:
        for m in noun.lefts:  # "the death toll", "the casualty figure"
            if m.dep_ == "compound" and _lemma(m) in _events():
                return Measure(f"people {_events()[_lemma(m)]}", f"people|{_events()[_lemma(m)]}")
        if of is not None:
            return noun_measure(of, amount, money, depth + 1)
        if lemma == "toll":
            return Measure("people killed", "people|killed")
        return None
    if _is_person(noun) and not money:
        return _people(noun, amount)
    if lemma in _CHANGE_NOUNS:  # "a 5% rise in sales"; a bare "6% rise" names nothing
        if of is not None and _word_ok(of) and not of.ent_type_:
            return Measure(f"{of.lower_} {noun.lower_}", f"{_lemma(of)}|{lemma}")
        return None
    mods = _mods(noun, amount)
    words_ = [m.lower_ for m in mods] + [noun.lower_]
    keys = [_lemma(m) for m in mods] + [lemma]
    of_only = next((c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                    for c in p.children if c.dep_ == "pobj"), None)
    if of is not None and of_only is not None and of_only.i == of.i and \
            (of.pos_ == "NOUN" or of.tag_ == "VBG") and _word_ok(of) and not of.like_num and \
            not amount.first <= of.i < amount.last and of.lower_ == of.text.lower():
        words_ += ["of", of.lower_]  # "the cost of borrowing", "the price of oil"
        keys += ["of", _lemma(of)]
    happened = None if money or not counts else _noun_event(noun) or _participle(noun)
    if happened:
        words_.append(happened)
        keys.append("|" + happened)
    return Measure(" ".join(words_), " ".join(keys).replace(" |", "|"))


_AGE_GROUP_NOUNS = frozenset({"olds", "year-olds"})
_AGE_WORDS = frozenset({"to", "-", "\u2013", "and", "year", "aged", "between"})


def _age_group(noun: Token) -> Measure:
    """People of an age group, named by its ages: "18 to 24 year olds"."""
    doc = noun.doc
    i = noun.i
    while i > 0 and (doc[i - 1].like_num or doc[i - 1].lower_ in _AGE_WORDS):
        i -= 1
    ages = [t.text for t in doc[i:noun.i] if t.lower_ not in ("year", "aged", "between")]
    label = " ".join(ages).replace(" - ", "-").strip()
    what = f"people aged {label}" if label else "people of an age group"
    return Measure(what, what.replace(" ", "_", 1).replace("_", "|", 1), None)


def _plural(tok: Token) -> str:
    low = tok.lower_
    if tok.tag_ in ("NNS", "NNPS") or low.endswith("s"):
        return low
    return {"civilian": "civilians", "child": "children", "person": "people"}.get(low, low + "s")


def _counts_people(m: Measure) -> bool:
    return m.kind.split("|")[0] in words("counted_people") | {"people"}


def _is_money(unit: str | None) -> bool:
    code = (unit or "").split("/")[0]
    return len(code) == 3 and code.isupper()


def _anchor(amount: Amount, tokens: list[Token]) -> Token:
    """The amount's token that the rest of the sentence attaches to."""
    inside = range(amount.first, amount.last)
    outer = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    figure = [t for t in outer if t.i >= amount.number[0]]
    pool = figure or outer or tokens
    return pool[-1]


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for a relative pronoun ("which has cost") or a participle ("a
    certificate, costing"), the noun it stands for."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return verb.head
        if subj is not None:
            return subj
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return verb.head
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _subject_measure(verb: Token, amount: Amount, money: bool) -> Measure | None:
    subj = _subject(verb)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    measure = noun_measure(subj, amount, money, counts=False)
    if measure is None:
        return None
    holder = holder_of(subj) or (_entity_text(subj) if subj.ent_type_ in HOLDER_TYPES else None)
    return Measure(measure.what, measure.kind, holder)


def _is_name(tok: Token) -> bool:
    """A capitalised name the recogniser left untyped or typed as a nationality: "Nordic
    Airways" (a company), not a common noun at the start of the sentence."""
    return tok.text[:1].isupper() and tok.i != tok.sent.start and \
        tok.ent_type_ in ("", "ORG", "NORP") and tok.pos_ in ("PROPN", "NOUN") and \
        not _is_person(tok)


def _name_text(tok: Token) -> str:
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
    return " ".join([c.text for c in parts] + [tok.text])


def _market_talk(verb: Token) -> bool:
    """The sentence, or one of the two before it, speaks of shares or markets ("In Asian
    markets ... Nordic Airways shed 4%")."""
    sent = verb.sent
    start = sent.start
    for _ in range(2):
        if start == 0:
            break
        start = verb.doc[start - 1].sent.start
    return any(t.lower_ in _MARKET_WORDS for t in verb.doc[start:sent.end])


def _changed(verb: Token, amount: Amount, money: bool, move: str) -> Measure | None:
    """ "profits rose 76%": the subject's rise; "AirAsia fell 2.9%": its share price's."""
    subj = _subject(verb)
    named = None if subj is None else subj if subj.ent_type_ == "ORG" or _is_name(subj) else next(
        (c for c in subj.children if c.dep_ == "appos" and c.ent_type_ == "ORG"), None)
    if named is not None and _market_talk(verb):  # "Allied Domecq fell 2.9% in London trading"
        name = _entity_text(named) or _name_text(named)
        return Measure(f"share price {move}", f"share price|{move}", name)
    m = _subject_measure(verb, amount, money)
    return Measure(f"{m.what} {move}", f"{m.kind}|{move}", m.holder) if m else None


def _standalone(r: Token, amount: Amount, money: bool, pct: bool) -> Measure | None:
    """A number that is a noun phrase of its own: named by its verb or preposition."""
    head = r.head
    change = word_map("change_verbs")
    if r.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ in ("VERB", "AUX", "ADJ"):
        lemma = _lemma(head)
        if money and lemma == "cost":  # "the war has cost $5bn"
            direct = any(c.dep_ == "nsubj" for c in head.children) or head.dep_ in ("relcl", "acl")
            m = _subject_measure(head, amount, money) if direct else None
            return Measure(f"{m.what} cost", f"{m.kind}|cost", m.holder) if m else \
                Measure("cost", "cost", holder_of(r))
        if money and lemma in word_map("money_verbs"):
            name = word_map("money_verbs")[lemma].replace("_", " ")
            state = next((c for c in head.children if c.dep_ in ("acomp", "oprd")
                          and c.pos_ == "ADJ"), None)
            if state is not None:
                name = f"{name} {state.lower_}"  # "made available"
            return Measure(f"amount {name}", f"amount|{name}", holder_of(r))
        if pct and r.dep_ == "dobj" and change.get(lemma) in ("rise", "fall"):
            return _changed(head, amount, money, change[lemma])
        if not money and not pct:
            event = _verb_event(head)
            if event:
                return Measure(f"people {event}", f"people|{event}")
        return None
    if r.dep_ == "npadvmod" and change.get(_lemma(head)) in ("rise", "fall"):
        return _changed(head, amount, money, change[_lemma(head)])
    if r.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative"):
        prep, gov = head.lower_, head.head
        while gov.pos_ == "ADP" and gov.head.i != gov.i:
            gov = gov.head  # "rose from 7 to 12": "to" hangs on "from"
        if prep == "of" and gov.pos_ == "NOUN":  # "a death toll of 200,000", "debts of $6bn"
            if _is_person(gov) and not money and not pct:
                return None  # an age: "a child of 14"
            m = noun_measure(gov, amount, money, counts=False)
            up = gov.head.head if gov.dep_ == "pobj" and gov.head.lower_ == "in" else None
            if m is not None and up is not None and _lemma(up) in _CHANGE_NOUNS:
                m = Measure(f"{m.what} {up.lower_}", f"{m.kind}|{_lemma(up)}")  # "a rise in spending of 15%"
            return Measure(m.what, m.kind, holder_of(gov)) if m else None
        move = change.get(_lemma(gov)) if gov.pos_ in ("VERB", "AUX") else None
        if move and prep in ("to", "at"):  # "rose to $1.13bn", "swelled its base to 5m"
            obj = next((c for c in gov.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")
                        and _word_ok(c)), None)
            if obj is not None:
                m = noun_measure(obj, amount, money)
                m = Measure(m.what, m.kind, holder_of(obj) or holder_of(gov)) if m else None
            else:
                m = _subject_measure(gov, amount, money)
            if m is not None and _lemma(gov) in ("value", "price"):
                m = Measure(f"{m.what} value", f"{m.kind}|value", m.holder)
            return m
        if move in ("rise", "fall") and prep == "by":
            return _changed(gov, amount, money, move)
        return None
    if r.dep_ in ("attr", "acomp") and _lemma(head) == "be":
        subj = _subject(head)
        if subj is not None and _is_person(subj) and not money and not pct:
            return None  # an age: "candidates must be 21"
        return _subject_measure(head, amount, money)
    if r.dep_ in ("npadvmod", "dobj", "pobj") and _lemma(head) == "worth":
        verb = head.head if head.dep_ != "ROOT" else head
        m = _subject_measure(verb, amount, money)
        return Measure(f"{m.what} value", f"{m.kind}|value", m.holder) if m else None
    return None


def _increment(amount: Amount, doc: Doc, measure: Measure) -> bool:
    """ "three more deaths", "another 150", "nine new cases": a figure added to an earlier
    one, not a total."""
    after = doc[amount.last] if amount.last < len(doc) else None
    before = doc[amount.first - 1] if amount.first > 0 else None
    if after is not None and after.lower_ in _INCREMENT_AFTER:
        return True
    if before is not None and before.lower_ in _INCREMENT_BEFORE:
        return True
    r = doc[amount.number[-1]]
    noun = r.head if r.head.i >= amount.last and r.head.pos_ == "NOUN" else None
    return noun is not None and any(c.dep_ == "amod" and c.lower_ in _INCREMENT_MODS
                                    for c in noun.children)


def what_of(amount: Amount, tokens: Doc) -> Measure | None:
    """What the amount counts or measures, or None; an increment ("three more deaths") is
    named "more ..." and kinded "+..." (it adds to a total, it is not one)."""
    m = _what_of(amount, tokens)
    if m is None or not _increment(amount, tokens, m):
        return m
    if m.what.startswith(("more ", "new ", "amount ")):
        return Measure(m.what, "+" + m.kind, m.holder)  # "a further 15m euros made available"
    return Measure(f"more {m.what}", "+" + m.kind, m.holder)


def _what_of(amount: Amount, tokens: Doc) -> Measure | None:
    money, pct = _is_money(amount.unit), amount.unit == "%"
    r = _anchor(amount, [tokens[i] for i in range(amount.first, amount.last)])
    if is_exchange_rate(amount.unit):  # "8.28 yuan to the dollar"
        return Measure("exchange rate", "exchange rate", None)
    after = tokens[amount.last] if amount.last < len(tokens) and not amount.closes else None
    counted: Token | None = None
    if r.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "dep") and \
            r.head.i >= amount.last and r.head.pos_ in ("NOUN", "PROPN") and not amount.closes:
        counted = r.head  # "640 homes", "a $850m loss"
    elif after is not None and after.lower_ == "of" and not (
            r.dep_ == "pobj" and r.head.lower_ == "of"):
        counted = next((c for c in after.children if c.dep_ == "pobj"), None)  # "51% of voters"
    elif after is not None and after.lower_ == "in" and money and \
            amount.first <= after.head.i < amount.last:
        counted = next((c for c in after.children if c.dep_ == "pobj"), None)  # "$20m in aid"
    if counted is not None and counted.lower_ in _AGE_GROUP_NOUNS:
        return _age_group(counted)  # "17% of 18 to 24 year olds"
    if counted is not None and pct and counted.pos_ == "PROPN" and counted.ent_type_ in HOLDER_TYPES:
        name = _entity_text(counted) or counted.text
        return Measure(f"share of {name}", f"share|{name.lower()}", holder_of(r))  # "8% of Google"
    if counted is not None:
        m = noun_measure(counted, amount, money)
        if m is None and pct and _is_person(counted):  # "40% of the people"
            m = Measure("people", "people")
        if m is None:
            return None
        if _is_person(counted) and "|" not in m.kind and after is not None and counted.head.i == after.i:
            event = _verb_event(r.head) if r.dep_ in ("nsubj", "nsubjpass", "dobj") else None
            if event:  # "seven of the soldiers were killed"
                m = Measure(f"{m.what} {event}", f"{m.kind}|{event}")
        elif "|" not in m.kind and after is not None and counted.head.i == after.i and \
                r.dep_ == "nsubjpass" and r.head.tag_ == "VBN" and \
                _lemma(r.head) not in _PLAIN_PARTICIPLES:
            event = _verb_event(r.head) or r.head.lower_  # "10% of the crop was destroyed"
            m = Measure(f"{m.what} {event}", f"{m.kind}|{event}")
        return Measure(m.what, m.kind, None if _counts_people(m) else holder_of(counted))
    found = _standalone(r, amount, money, pct)
    if found is not None:
        return found
    dims = word_map("unit_dimensions")
    unit = (amount.unit or "").split("/")[0] if amount.unit not in dims else amount.unit
    if unit and (unit in dims or amount.unit in dims):
        dim = dims.get(amount.unit or "", dims.get(unit, ""))
        return Measure(dim, dim, None)
    return None
