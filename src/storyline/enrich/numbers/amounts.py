"""The amount a number mention states: value, range, qualifier and unit, read from tokens.

The entity recogniser's CARDINAL / MONEY / PERCENT / QUANTITY spans say where a number
is, not where its expression starts and ends: the tokeniser splits "$850m" into "$",
"850", "m" and the span may hold "850" alone, or run on into a conversion in brackets.
:func:`read_amount` rebuilds the expression from the tokens around the span:

- the number itself: digits ("1,119", "2.5"), words ("Twenty-six", "a dozen"), a
  multiplier written apart or glued ("850 m", "1.35bn", "10 million", "3m");
- a currency before or after it ("$", "£", "A$", "US $", "euros", "Australian
  dollars") as its ISO code; "%", "per cent"; a unit of measure ("km", "square miles",
  "tonnes"), and a rate after it ("a day", "a year");
- a qualifier before it ("at least", "more than", "up to": ``qualifiers.txt``), and
  a range ("between 100,000 and 200,000", "from 50,000 to 200,000", "10-12");
- "m" is a million after a currency or before a noun, a metre in a QUANTITY span.

A number in brackets right after another amount ("$1.13bn (£600m)", "a mile (1.6 km)")
is a conversion of it, not an amount of its own: None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.enrich.numbers.words import parse_number
from storyline.wordlists import word_map, words

_GLUED = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:k|m|mn|mln|bn|b|tn)$", re.I)
_DIGITS = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
_RANGE_WORDS = ("and", "to", "-", "\u2013", "or")
_RATE_UNITS = ("day", "year", "week", "month", "hour")
_PERCENT = ("%", "percent", "per cent", "pc", "percentage points")
_BRACKETS = {"(": ")", "[": "]"}
_CENTS = ("cents", "cent", "pence", "p")
_APPROX = ("about", "around", "some", "roughly", "approximately")


@dataclass(frozen=True, slots=True)
class Amount:
    """A number expression: ``value`` (the low end of a range), ``high`` (its high end),
    the qualifier, the unit (ISO currency code, "%", a unit of measure, with "/day" for
    a rate) and the tokens it spans: ``first``..``last`` (end exclusive) with the
    qualifier, ``number`` the tokens of the figure itself."""

    value: float
    high: float | None
    qualifier: str | None
    unit: str | None
    first: int
    last: int
    number: tuple[int, ...]
    closes: bool = False  # its last token carries the sentence's full stop ("$901m.")


@cache
def _number_words() -> frozenset[str]:
    return frozenset(word_map("number_ones")) | frozenset(word_map("number_tens")) | \
        frozenset(word_map("number_scales")) | {"dozen", "half", "quarter"}


def _norm(tok: Token) -> str:
    t = tok.lower_
    return t[:-1] if len(t) > 1 and t.endswith(".") and not t[:-1].replace(",", "").isdigit() else t


def _is_number(tok: Token, label: str) -> bool:
    t = _norm(tok)
    if label == "QUANTITY" and t == "m":
        return False  # metres
    return bool(_DIGITS.match(t) or _GLUED.match(t) or t in _number_words())


def _skip_space(doc: Doc, i: int, step: int) -> int:
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return i


def _run(doc: Doc, i: int, label: str) -> int:
    """The end of the number run starting at token ``i`` ("three hundred and forty-two",
    "10 million", "850 m")."""
    j = i
    while j < len(doc):
        t = doc[j]
        if _is_number(t, label):
            if j > i and in_digits(t.text) and in_digits(doc[j - 1].text):
                break  # digits after digits: two numbers ("10 737-800 planes", "a 2 1 vote")
            j += 1
        elif t.lower_ in ("and", "-") and j > i and j + 1 < len(doc) and \
                not in_digits(doc[j - 1].text) and doc[j + 1].lower_ in _number_words():
            j += 1  # "hundred and forty", "forty-two"
        elif t.text == "-" and j > i and j + 1 < len(doc) and not t.whitespace_ and \
                doc[j + 1].lower_ in ("million", "billion", "trillion", "thousand"):
            j += 1  # "a 21-million population"
        else:
            break
    return j


def _phrase_at(doc: Doc, i: int, table: dict[str, str] | frozenset[str], longest: int = 3
               ) -> tuple[str, int] | None:
    """The longest phrase of ``table`` starting at token ``i``: (phrase, end)."""
    for n in range(longest, 0, -1):
        if i + n > len(doc):
            continue
        phrase = " ".join(_norm(t) for t in doc[i:i + n])
        if phrase in table:
            return phrase, i + n
    return None


def _phrase_before(doc: Doc, i: int, table: dict[str, str] | frozenset[str], longest: int = 4
                   ) -> tuple[str, int] | None:
    """The longest phrase of ``table`` ending right before token ``i``: (phrase, start)."""
    for n in range(longest, 0, -1):
        if i - n < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[i - n:i])
        if phrase in table:
            return phrase, i - n
    return None


@cache
def _currencies() -> dict[str, str]:
    return dict(word_map("currencies"))


@cache
def _units() -> dict[str, str]:
    return dict(word_map("quantity_units"))


@cache
def _qualifiers() -> frozenset[str]:
    return words("qualifiers") | {"between", "from"}


def _amount_like(tok: Token) -> bool:
    t = _norm(tok)
    return bool(_DIGITS.match(t) or _GLUED.match(t) or t in _number_words()
                or t in _currencies() or t in _units() or t in _PERCENT)


def in_digits(text: str) -> bool:
    """A number written in digits ("12", "1,200", "3.5")."""
    return _DIGITS.match(text) is not None


def is_conversion(doc: Doc, i: int) -> bool:
    """Token ``i`` stands in brackets opened right after another amount: "$1.13bn (£600m)",
    "$186m (£98m; 143m euros)"."""
    sent_start = doc[i].sent.start
    j = i - 1
    while j >= sent_start:
        t = doc[j].text
        if t in _BRACKETS.values():
            return False
        if t in _BRACKETS:  # "$1.13bn (", "19,000 barrels of oil ("
            k = _skip_space(doc, j - 1, -1)
            return any(_amount_like(x) for x in doc[max(sent_start, k - 3):k + 1])
        j -= 1
    return False


def _currency_before(doc: Doc, i: int) -> tuple[str, int] | None:
    """A currency sign right before token ``i`` ("$", "A$", "US $"): (code, start)."""
    k = _skip_space(doc, i - 1, -1)
    if k < 0:
        return None
    cur = _currencies()
    t = doc[k].lower_
    if t in cur and not t.isalpha():
        if k > 0 and not doc[k - 1].whitespace_ and (doc[k - 1].lower_ + t) in cur:  # "US$"
            return cur[doc[k - 1].lower_ + t], k - 1
        return cur[t], k
    return None


def _unit_after(doc: Doc, end: int, label: str, money: bool) -> tuple[str | None, int]:
    """The unit written after the number ending at ``end``: (unit, end of the unit)."""
    j = _skip_space(doc, end, 1)
    if j >= len(doc):
        return None, end
    pct = _phrase_at(doc, j, frozenset(_PERCENT))
    if pct:
        return "%", pct[1]
    cur = _phrase_at(doc, j, _currencies())
    if cur and cur[0].replace(" ", "").isalpha():
        return _currencies()[cur[0]], cur[1]
    if not money:
        unit = _phrase_at(doc, j, _units(), longest=2)
        if unit and (label == "QUANTITY" or unit[0] not in ("m", "t", "l", "g")):
            return _units()[unit[0]], unit[1]
    return None, end


def _rate(doc: Doc, end: int, money: bool = False) -> tuple[str | None, int]:
    """ "a day", "per year" after an amount ending at ``end`` (and for money "a barrel",
    "per share"): ("/day", end of it)."""
    j = _skip_space(doc, end, 1)
    if j + 1 < len(doc) and doc[j].lower_ in ("a", "an", "per"):
        per = doc[j + 1]
        if per.lemma_.lower() in _RATE_UNITS or money and per.tag_ == "NN" and per.is_alpha:
            return "/" + per.lemma_.lower(), j + 2
    return None, end


_RATE_PREPOSITIONS = ("to", "per", "against", "for")
_RATE_DETERMINERS = ("the", "a", "an", "one", "each", "every", "1")


def _currency_word_at(doc: Doc, i: int) -> tuple[str, int] | None:
    """A currency written as a word at token ``i`` ("dollar", "euros", "US dollar"):
    (code, end)."""
    cur = _phrase_at(doc, i, _currencies())
    if cur and cur[0].replace(" ", "").isalpha():
        return _currencies()[cur[0]], cur[1]
    return None


def _exchange_rate(doc: Doc, start: int, last: int, unit: str | None) -> tuple[str, int] | None:
    """An exchange rate: the amount is followed by "to / per / against (the) <currency>"
    ("8.28 yuan to the dollar", "a rate of 8.28 to the US dollar"): (unit "CNY/USD", end).
    The currency priced is the amount's own, else the one its sentence (or the one
    before) names; "XXX" when none is named."""
    if unit is not None and not (len(unit) == 3 and unit.isupper()):
        return None
    j = _skip_space(doc, last, 1)
    if j >= len(doc) or doc[j].lower_ not in _RATE_PREPOSITIONS:
        return None
    j = _skip_space(doc, j + 1, 1)
    if j < len(doc) and doc[j].lower_ in _RATE_DETERMINERS:
        j += 1
    per = _currency_word_at(doc, j) if j < len(doc) else None
    if per is None:
        return None
    base = unit
    if base is None:
        sent = doc[start].sent
        before = doc[sent.start - 1].sent if sent.start > 0 else None
        for span in (sent, before):
            if span is None:
                continue
            named = [c for t in span if t.i < start or t.i >= per[1]
                     if (c := _currencies().get(t.lower_)) and t.is_alpha and c != per[0]]
            if named:
                base = named[-1] if span is before else named[0]
                break
    return f"{base or 'XXX'}/{per[0]}", per[1]


def is_currency(unit: str | None) -> bool:
    """An ISO currency code ("USD"), not a unit of measure."""
    return unit is not None and len(unit) == 3 and unit.isupper()


def is_exchange_rate(unit: str | None) -> bool:
    """A price of one currency in another ("CNY/USD")."""
    return unit is not None and len(unit) == 7 and unit[3] == "/" and \
        is_currency(unit[:3]) and is_currency(unit[4:])


def _scale_of(tokens: list[Token]) -> float | None:
    scales = word_map("number_scales")
    for t in tokens:
        if _norm(t) in scales and _norm(t) != "hundred":
            return float(scales[_norm(t)])
        m = re.match(r"^\d[\d,]*(?:\.\d+)?([a-z]+)$", _norm(t))
        if m and m.group(1) in scales:
            return float(scales[m.group(1)])
    return None


_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}


def _fraction_before(doc: Doc, start: int) -> tuple[float | None, int]:
    """ "half a million", "a quarter of a million", "three quarters of a million" before a
    scale word at ``start``: (the fraction, where it starts)."""
    if doc[start].lower_ not in ("million", "billion", "thousand", "trillion") or start < 2:
        return None, start
    words_ = [t.lower_ for t in doc[max(0, start - 4):start]]
    if words_[-2:] == ["half", "a"]:
        return 0.5, start - 2
    if len(words_) >= 3 and words_[-2:] == ["of", "a"] and words_[-3].rstrip("s") in _FRACTIONS:
        base = _FRACTIONS[words_[-3].rstrip("s")]
        many = parse_number(words_[-4]) if len(words_) == 4 else None
        if many and words_[-3].endswith("s"):
            return base * many, start - 4  # "three quarters of a million"
        return base, start - 3 - int(len(words_) == 4 and words_[-4] in ("a", "one"))
    return None, start


def _value(tokens: list[Token]) -> float | None:
    return parse_number(" ".join(_norm(t) for t in tokens))


def read_amount(doc: Doc, ent: Span) -> Amount | None:
    """The amount the number entity ``ent`` states, or None (a conversion in brackets, a
    span with no number in it, a vague "hundreds")."""
    label = ent.label_
    start = next((t.i for t in ent if _is_number(t, label)), None)
    if start is None:  # "As much as" tagged, "19,000" after it not
        nxt = _skip_space(doc, ent.end, 1)
        start = nxt if nxt < len(doc) and not doc[nxt].ent_type_ and _is_number(doc[nxt], label) \
            else None
    if start is None or any(t.text in _BRACKETS for t in doc[ent.start:start]):
        return None
    if doc[start].lower_.rstrip("s") in _FRACTIONS:  # "half a million": read from "million"
        scale = next((i for i in range(start + 1, min(start + 4, len(doc)))
                      if doc[i].lower_ in ("million", "billion", "thousand", "trillion")), None)
        start = scale if scale is not None else start
    if is_conversion(doc, start):
        return None
    end = _run(doc, start, label)
    fraction, start_at = _fraction_before(doc, start)  # "a quarter of a million"
    currency = _currency_before(doc, start)
    unit: str | None = currency[0] if currency else None
    first = currency[1] if currency else start
    after_unit, last = _unit_after(doc, end, label, unit is not None)
    value = _value(list(doc[start:end]))
    if value is None:
        return None
    if fraction is not None and not currency:
        value *= fraction
        first = start_at
    cents = _skip_space(doc, last, 1)
    if cents < len(doc) and doc[cents].lower_ in _CENTS and (label == "MONEY" or unit or after_unit):
        value /= 100  # "22 euro cents", "50 pence"
        last = cents + 1
        after_unit = after_unit or ("GBP" if doc[cents].lower_ in ("pence", "p") else "USD")
    unit = unit or after_unit
    numbers = list(range(start, end))
    high: float | None = None
    # a range: "between 100,000 and 200,000", "from 50,000 to at least 200,000", "10-12"
    k = _skip_space(doc, last, 1)
    qual = _phrase_before(doc, first, _qualifiers())
    ahead: str | None = None  # the rate of a range's first end: "between 12 barrels a day and"
    if qual and qual[0] in ("between", "from") and unit and unit in _units().values():
        ahead, after_rate = _rate(doc, last)
        k = _skip_space(doc, after_rate, 1) if ahead else k
    if qual and qual[0] == "from" and doc[qual[1]].head.lemma_.lower() in word_map("change_verbs"):
        qual = None  # "rose from 7 to 12": a change, not a range
    loose = not qual or qual[0] in _APPROX  # "about 70% to 80% of bondholders"
    bare_to = k < len(doc) and doc[k].lower_ == "to" and loose and unit in (None, "%") \
        and label != "MONEY"  # "25 to 30 seats", "three to four"
    if k < len(doc) and doc[k].lower_ in _RANGE_WORDS and (bare_to or doc[k].lower_ in (
            "-", "\u2013", "or") or (qual and qual[0] in ("between", "from"))):
        k2 = _skip_space(doc, k + 1, 1)
        inner = _phrase_at(doc, k2, _qualifiers(), longest=3)
        k2 = inner[1] if inner and inner[0] not in ("between", "from") else k2
        cur2 = _currency_before(doc, k2 + 1) if k2 < len(doc) and not _is_number(doc[k2], label) else None
        k2 = k2 + 1 if cur2 else k2
        if k2 < len(doc) and _is_number(doc[k2], label):
            end2 = _run(doc, k2, label)
            value2 = _value(list(doc[k2:end2]))
            unit2, last2 = _unit_after(doc, end2, label, is_currency(unit))
            after2 = doc[_skip_space(doc, last2, 1)] if last2 < len(doc) else None
            shared = unit is None and unit2 is not None and unit2 in _units().values()
            if bare_to and not shared and (
                    cur2 or unit2 != unit or after2 is None or after2.pos_ != "NOUN"
                    and not (unit == "%" and after2.lower_ == "of")):
                value2 = None  # "rose 2% to $11.1bn": "to" a figure of its own, not a range
            scale2, scale1 = _scale_of(list(doc[k2:end2])), _scale_of(list(doc[start:end]))
            if value2 is None and bare_to and scale1 and scale1 == scale2 and not cur2:
                value2 = _value(list(doc[k2:end2]))  # "three million to four million"
            if value2 is not None:
                if scale2 and not scale1 and value * scale2 <= value2:
                    value *= scale2  # "between 1 and 2 million"
                elif doc[k].text in ("-", "\u2013") and value < 1000 <= value2:
                    while value * 1000 <= value2:
                        value *= 1000  # "$50-100,000"
                if value2 > value:
                    high, last = value2, last2
                    unit = unit or unit2
                    if ahead and unit and "/" not in unit:
                        unit += ahead  # "between 12,000 barrels per day and 19,000 bpd"
                    numbers += list(range(k2, end2))
    exchange = _exchange_rate(doc, start, last, unit) if high is None else None
    if exchange is not None:
        unit, last = exchange  # "8.28 yuan to the dollar": CNY/USD
    elif unit and (len(unit) == 3 and unit.isupper() or unit in _units().values()) \
            and "/" not in unit:
        rate, last = _rate(doc, last, unit not in _units().values())  # "£1.25bn a year"
        unit = unit + rate if rate else unit
    qualifier = None
    if qual and high is not None and qual[0] in _APPROX:
        qualifier, first = "between", qual[1]  # "about 70% to 80%": the range says it
    elif qual:
        qualifier, first = qual
        if qualifier == "from" and high is None:
            qualifier, first = None, first + 1  # "rose from 7": not a range
        elif qualifier in ("between", "from"):
            qualifier = "between"
    elif high is not None:
        qualifier = "between"
    closes = doc[last - 1].text.endswith(".") and len(doc[last - 1].text) > 1 and \
        not doc[last - 1].text[:-1].replace(",", "").replace(".", "").isdigit()
    return Amount(value, high, qualifier, unit, first, last, tuple(numbers), closes)
