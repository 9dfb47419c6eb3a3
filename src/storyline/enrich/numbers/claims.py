"""Numeric claims: value, what is counted, qualifier, unit, place, date, sentence.

Numbers come from the entity recogniser's CARDINAL / MONEY / PERCENT / QUANTITY
mentions. For each:

- the qualifier ("at least", "over", "more than", "around", "almost", "nearly",
  "up to", ...) is read from the start of the mention or the words just before it;
- the value is the rest, in digits or words ("Twenty-six", "1,119", "10 million",
  "1.5bn"), to a float; vague amounts ("thousands") are skipped;
- what is counted is the noun the number modifies, with its compound and adjective
  modifiers, lemmatised and lower-cased ("civilian death"), plus the participle of a
  passive verb it is the subject of ("people killed"); "51 percent of respondents"
  counts the object of "of";
- money keeps its currency as the unit (USD, GBP, EUR, ...), percentages "%";
- years, dates, times, ordinals, durations ("two weeks"), ages and labels that
  follow their noun ("Article 5") are not claims;
- place: the nearest GPE/LOC mention in the sentence; date: the nearest resolved
  DATE mention in the sentence, else the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.enrich.dates.normalise import parse_published
from storyline.enrich.entities.names import mention_name
from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.enrich.numbers.words import parse_number
from storyline.records import Article, DateMention, EntityMention, NumberClaim, Sentence
from storyline.wordlists import word_map, words

NUMBER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
PLACE_LABELS = ("GPE", "LOC")


@cache
def _qualifier_pattern() -> re.Pattern[str]:
    """The qualifiers of ``data/words/qualifiers.txt`` at the start of a text, longest first."""
    quals = sorted({re.escape(q) for q in words("qualifiers")}, key=len, reverse=True)
    return re.compile(r"^(" + "|".join(quals) + r")\s+", re.I)


def _qualifier(doc: Doc, ent: Span) -> tuple[str | None, str, int]:
    """(qualifier, the number text without it, start char of the whole expression)."""
    text = ent.text
    m = _qualifier_pattern().match(text)
    if m:
        return m.group(1).lower(), text[m.end():], ent.start_char
    quals = words("qualifiers")
    before = doc[max(0, ent.start - 3):ent.start]
    for n in range(len(before)):
        phrase = before[n:].text.lower()
        if phrase in quals:
            return phrase, text, before[n].idx
    return None, text, ent.start_char


def _value(text: str, label: str) -> tuple[float | None, str | None]:
    t = text.strip().replace("\u00a0", " ")
    unit = None
    low = t.lower()
    if label == "MONEY":
        for sym, code in word_map("currencies").items():
            if low.startswith(sym) or low.endswith(" " + sym) or low.endswith(sym):
                unit = code
                low = low.replace(sym, " ", 1) if low.startswith(sym) else low[: -len(sym)]
                break
        unit = unit or "money"
    elif label == "PERCENT" or low.endswith("%") or low.endswith("percent"):
        unit = "%"
        low = re.sub(r"\s*(%|per ?cent)$", "", low)
    elif label == "QUANTITY":
        m = re.match(r"^(.*?)\s*([a-z]+)$", low)
        units = word_map("quantity_units")
        if m and m.group(2) in units:
            unit, low = units[m.group(2)], m.group(1)
    low = low.replace("us", "").strip() if unit == "USD" else low.strip()
    return parse_number(low), unit


def _head(ent: Span) -> Token | None:
    """The noun a number counts: the head of its nummod / quantmod chain."""
    tok = ent.root
    for _ in range(3):
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.i >= ent.end:
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN"):
                return tok
        else:
            break
    if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of":  # "seven of the soldiers"
        return None
    nxt = ent.end < len(ent.doc) and ent.doc[ent.end]
    if nxt and nxt.lower_ == "of":  # "51 percent of respondents"
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj
    return None


def _what(head: Token) -> str:
    mods = [c for c in head.lefts if c.dep_ in ("compound", "amod") and c.pos_ in
            ("NOUN", "PROPN", "ADJ") and not c.like_num]
    noun = head.lemma_.lower()
    if head.tag_ == "NNPS" and noun.endswith("s"):
        noun = noun[:-1]  # "Ukrainians" -> "ukrainian"
    words = [m.lemma_.lower() for m in mods] + [noun]
    verb = head.head
    if head.dep_ == "nsubjpass" and verb.pos_ == "VERB":
        words.append(verb.text.lower())  # "people killed", "civilians trapped"
    return " ".join(words)


def _is_excluded(ent: Span, head: Token | None) -> bool:
    text = ent.text.strip()
    if re.fullmatch(r"(1[89]\d\d|20\d\d)s?", text):  # a year
        return True
    if head is not None and head.lemma_.lower() in words("time_nouns"):
        return True  # a duration: "two weeks"
    root = ent.root
    if root.dep_ == "nummod" and root.head.i < root.i and root.head.pos_ == "PROPN":
        return True  # a label: "Article 5"
    if root.dep_ in ("appos", "npadvmod") and root.head.ent_type_ == "PERSON":
        return True  # an age: "Gavin, 23,"
    return False


def _refers_back(ent: Span) -> bool:
    """The claim's sentence points at a place named before: "... were trapped there"."""
    return any(t.lower_ in ("there", "here") and t.dep_ != "expl" for t in ent.sent)


def _place(text: str, sent_idx: int, start: int, places: Sequence[EntityMention],
           refers_back: bool = False) -> str | None:
    """The place of a claim: a place after a locative preposition ("in Dunmere") nearest
    the number, else the nearest place of the sentence; with none there and a "there" in
    the sentence, the last place of the two sentences before."""
    same = [m for m in places if m.sentence_idx == sent_idx]
    if not same and refers_back:
        before = [m for m in places if sent_idx - 2 <= m.sentence_idx < sent_idx]
        if before:
            last = max(before, key=lambda m: m.start)
            return mention_name(last.key, [m for m in before if m.key == last.key])
    if not same:
        return None
    located = [m for m in same if text[max(0, m.start - 12):m.start].lower().split()[-1:]
               in ([w] for w in words("claim_place_prepositions"))]
    near = min(located or same, key=lambda m: abs(m.start - start))
    return mention_name(near.key, [m for m in same if m.key == near.key])


def _date(sent_idx: int, start: int, dates: Sequence[DateMention], published: str | None) -> str | None:
    same = [d for d in dates if d.sentence_idx == sent_idx and d.value]
    if same:
        return min(same, key=lambda d: abs(d.start - start)).value
    base = parse_published(published)
    return base.isoformat() if base else None


def extract_numbers(
    doc: Doc,
    article: Article,
    sents: list[Sentence],
    mentions: list[EntityMention],
    dates: list[DateMention],
) -> list[NumberClaim]:
    currencies = word_map("currencies")
    places = [m for m in mentions if m.label in PLACE_LABELS]
    out: list[NumberClaim] = []
    for ent in doc.ents:
        if ent.label_ not in NUMBER_LABELS:
            continue
        qualifier, number_text, start = _qualifier(doc, ent)
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if ent.label_ == "MONEY" and prev is not None and prev.text.lower() in currencies:
            number_text = prev.text + number_text  # "$" left outside the mention
            start = min(start, prev.idx)
        value, unit = _value(number_text, ent.label_)
        if value is None:
            continue
        if doc_text(doc)[ent.end_char:ent.end_char + 1] in ("-", "\u2013"):
            continue  # part of a compound adjective: "a nine-storey building"
        if qualifier is None and value < 3 and not any(c.isdigit() for c in number_text):
            continue  # "two sides", "one supermarket": not a reported figure
        head = _head(ent)
        if _is_excluded(ent, head):
            continue
        if head is not None and head.lower_ in currencies and unit is None:
            unit, head = currencies[head.lower_], None  # "20 million euros"
        if head is not None:
            what = _what(head)
        elif unit in ("USD", "GBP", "EUR", "JPY", "RUB", "UAH", "INR", "CNY", "money"):
            what = "money"
        elif unit is not None and unit != "%":
            what = unit
        else:
            continue  # a bare number counts nothing we can name
        idx = sentence_index(sents, ent.start_char)
        out.append(NumberClaim(
            article_id=article.id,
            sentence_idx=idx,
            text=doc_text(doc)[start:ent.end_char],
            value=value,
            what=what,
            qualifier=qualifier,
            unit=unit,
            place=_place(doc_text(doc), idx, ent.start_char, places, _refers_back(ent)),
            date=_date(idx, ent.start_char, dates, article.published),
            sentence=sents[idx].text if sents else "",
            start=start,
            end=ent.end_char,
        ))
    return out
