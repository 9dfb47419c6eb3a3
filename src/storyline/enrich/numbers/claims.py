"""Numeric claims: value, unit, qualifier, what is counted, whose, place, date, sentence.

Numbers come from the entity recogniser's CARDINAL / MONEY / PERCENT / QUANTITY
mentions. For each:

- the amount (:mod:`storyline.enrich.numbers.amounts`): the value with its
  multiplier ("$850m" = 8.5e8 USD, "£1.35bn" = 1.35e9 GBP), a range's high end, the
  qualifier, the unit; a conversion in brackets is not a claim of its own;
- what it counts (:mod:`storyline.enrich.numbers.what`): "people killed", "loss",
  "sales rise", "distance"; a number with nothing nameable to count is not a claim;
- years, times, ordinals, durations ("two weeks"), ages ("Gavin, 23,", "aged 23",
  "a 23-year-old"), labels ("Article 5"), scores ("3-1"), multipliers ("four times as
  many") and small numbers in words ("the two sides") are not claims;
- place: a place of the number's own clause (or a clause above it), one after a
  locative preposition first, none inside a comparison the number is not part of
  ("compared with 12.1% in Germany"); with none there and a "there" in the sentence, the
  last place of the two sentences before; date: the nearest resolved DATE mention in the
  sentence that does not date the compared figure or the old value of a change ("from
  117.7bn kronor in 2003"), else the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy
from spacy.attrs import ENT_TYPE, LIKE_NUM
from spacy.tokens import Doc, Span, Token

from storyline.enrich.dates.normalise import parse_published
from storyline.enrich.entities.names import mention_name
from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.enrich.numbers.amounts import Amount, in_digits, read_amount
from storyline.enrich.numbers.mood import (
    clause_verb,
    heads_clause,
    negated,
    projected,
    subject_negated,
    suspected,
)
from storyline.enrich.numbers.what import Measure, what_of
from storyline.records import Article, DateMention, EntityMention, NumberClaim, Sentence
from storyline.wordlists import words

NUMBER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
PLACE_LABELS = ("GPE", "LOC")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)s?")
_MINUTES = re.compile(r"[.:]\d\d")  # "10 .00 pm": a clock time's minutes split off
WORLD = "world"  # the place of a worldwide figure
_APPROX = ("about", "around", "some", "roughly", "approximately")


def _bare_digits(text: str) -> bool:
    """A number in digits with no sign: "-2" after "1 %" is the other end of a range."""
    return text[:1].isdigit() and in_digits(text)


def _hyphen_joined(text: str, end: int) -> bool:
    """A hyphen or dash right at ``end`` with a letter or digit after it: a word ("a
    nine-storey building"), a score ("3-1"), a model number ("737-800")."""
    after = text[end + 1:end + 2]
    return text[end:end + 1] in ("-", "\u2013") and (after.isalpha() or after.isdigit())


def _is_excluded(doc: Doc, ent: Span, amount: Amount) -> bool:
    text = doc_text(doc)
    figure = [doc[i] for i in amount.number]
    if len(figure) == 1 and _YEAR.fullmatch(figure[0].text) and amount.unit is None:
        return True  # a year
    if _hyphen_joined(text, doc[amount.last - 1].idx + len(doc[amount.last - 1].text)):
        return True  # "a nine-storey building", "a 23-year-old", a score "3-1"
    in_words = not any(c.isdigit() for t in figure for c in t.text)
    if in_words and (amount.value < 1 or amount.value < 3 and (
            amount.qualifier is None or amount.qualifier in _APPROX)):
        return True  # "two sides", "one supermarket", "half", "how about one": not a figure
    after = [t.lower_ for t in doc[amount.last:amount.last + 2]]
    if after[:1] in (["year-olds"], ["year-old"]) or after[:1] == ["year"] and \
            after[1:] in (["olds"], ["old"]):
        return True  # an age group: "18 to 24 year olds"
    nxt = doc[amount.last] if amount.last < len(doc) else None
    before = doc[amount.first - 1] if amount.first > 0 else None
    clock = doc[amount.last + 1] if nxt is not None and _MINUTES.fullmatch(nxt.text) and \
        amount.last + 1 < len(doc) else nxt
    if clock is not None and clock.lower_ in words("clock_words"):
        return True  # "17.42 BST", "3pm", "10 a.m.", "7.00-10 .00 pm": a time
    if nxt is not None and len(figure) == 1 and _bare_digits(figure[0].text) and \
            _bare_digits(nxt.text) and not _hyphen_joined(text, nxt.idx + len(nxt.text)):
        return True  # another number right after it: "a 2 1 decision" (a dash lost)
    if before is not None and _bare_digits(before.text) and before.ent_type_ != "DATE" \
            and _bare_digits(doc[amount.first].text):
        return True  # the second of two numbers side by side
    if nxt is not None and nxt.lower_ == "times":
        return True  # a multiplier: "almost four times as many vehicles", "3 times the rate"
    if before is not None and (before.lower_ == "the" or before.tag_ == "PRP$") and \
            nxt is not None and nxt.tag_ == "JJS":
        return True  # a ranking: "the 10 biggest shareholders", "its 10 largest"
    if before is not None and before.lower_ in ("aged", "age", "no", "no.", "number", "top"):
        return True  # "aged 23", "No 10", "the top 50 companies"
    if before is not None and before.pos_ == "PROPN" and before.ent_type_ not in PLACE_LABELS \
            and not before.is_sent_start and before.text[:1].isupper() and not before.is_punct:
        return True  # a name with a number: "FTSE 100", "Votes at 16" ("Article 5" below)
    if before is not None and before.lower_ in ("in", "of", "per") and amount.first > 1 and \
            doc[amount.first - 2].lower_ in ("out", "one", "1", "per") or \
            before is not None and before.lower_ == "per":
        return True  # a denominator: "three out of 1,000", "one in 100", "per 100,000"
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
            nxt.ent_type_ not in ("ORG", "NORP", "GPE", "LOC") and amount.unit is None:
        return True  # a model or a label: "the 787 Dreamliner"
    if before is not None and before.lower_ == "of" and before.head.i < before.i and \
            before.head.lemma_.lower() in words("counted_people"):
        return True  # an age: "a child of 14"
    for tok in figure:
        if tok.dep_ == "nummod" and tok.head.i < tok.i and tok.head.pos_ == "PROPN":
            return True  # a label: "Article 5"
        if tok.dep_ in ("appos", "npadvmod") and tok.head.ent_type_ == "PERSON":
            return True  # an age: "Gavin, 23,"
    return False


def _moods(doc: Doc, amount: Amount, measure: Measure) -> Measure:
    """A projected figure ("could kill 5,000"), a suspected count of people and a count of
    what did not happen ("300 homes were not insured") are kinds of their own, never values
    of a count of what happened."""
    what, kind = measure.what, measure.kind
    if "|" in kind and subject_negated(doc, amount):  # "300 homes were not insured"
        head, _, event = kind.partition("|")
        named = what[:len(what) - len(event)].rstrip() if what.endswith(event) else what
        what, kind = f"{named} not {event}", f"{head}|not {event}"
    if "|" in kind and "(suspected)" not in kind and suspected(doc, amount):
        what, kind = f"{what} (suspected)", f"{kind} (suspected)"
    if projected(doc, amount):
        what, kind = f"{what} (projected)", f"{kind} (projected)"
    return Measure(what, kind, measure.holder)


def _number_spans(doc: Doc) -> list[Span]:
    """The recogniser's number mentions, and numbers in digits it left out of any mention
    ("19,000 barrels"), in text order."""
    spans = [e for e in doc.ents if e.label_ in NUMBER_LABELS]
    if not len(doc):
        return spans
    # tokens like a number outside every mention, from the doc's arrays (a Token for those only)
    outside = doc.to_array([ENT_TYPE, LIKE_NUM])
    for i in numpy.flatnonzero((outside[:, 0] == 0) & (outside[:, 1] != 0)).tolist():
        tok = doc[i]
        if not tok.ent_type_ and tok.like_num and any(c.isdigit() for c in tok.text):
            spans.append(Span(doc, tok.i, tok.i + 1, label="CARDINAL"))
    return sorted(spans, key=lambda s: s.start)


_RATE_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
                 "annually": "year", "nightly": "day"}
_PERIODS = ("day", "week", "month", "year")


def _rate(doc: Doc, amount: Amount) -> str | None:
    """The period a figure is a rate over, said in its clause: "2 people die daily",
    "36,000 people die every year", "kills 35,000 people in an average year"."""
    verb = clause_verb(doc[amount.number[-1]])
    for tok in verb.subtree:
        if amount.first <= tok.i < amount.last or clause_verb(tok).i != verb.i:
            continue
        on = tok.head.head if tok.dep_ == "pobj" else tok.head  # "in an average year"
        if on.dep_ == "pobj" and on.head.head.i in range(amount.first, amount.last + 1):
            on = on.head.head  # "barrels of oil per day"
        if on.i != verb.i and on.i not in range(amount.first, amount.last + 1):
            continue  # "worth 200bn euros a year, or 5% of trade": the euros' rate
        if tok.lower_ in _RATE_ADVERBS and tok.dep_ in ("advmod", "npadvmod"):
            return _RATE_ADVERBS[tok.lower_]
        if tok.lemma_.lower() in _PERIODS and tok.tag_ == "NN" and (any(
                c.dep_ == "det" and c.lower_ in ("every", "each", "a", "an", "per")
                for c in tok.children) and tok.dep_ in ("npadvmod", "pobj", "dobj")
                or tok.dep_ == "pobj" and tok.head.lower_ == "per"):  # "barrels of oil per day"
            return tok.lemma_.lower()
    return None


def _rest(doc: Doc, ent: Span, amount: Amount | None) -> Span | None:
    """The part of a number mention after the amount read from it, when another number
    stands there ("from 7 to 12" read as 7)."""
    done = amount.last if amount is not None else ent.start + 1
    nxt = next((t.i for t in doc[max(done, ent.start + 1):ent.end]
                if t.like_num and any(c.isdigit() for c in t.text) or t.lower_ in
                ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")),
               None)
    if nxt is None or doc[nxt - 1].like_num:
        return None  # none, or two numbers side by side ("a 2 1 decision"): neither a figure
    return Span(doc, nxt, ent.end, label=ent.label_)


def _clauses_above(tok: Token) -> set[int]:
    """The clause of ``tok``, every clause above it and the clauses joined to those by a
    conjunction ("12 were killed and 3,400 evacuated from Dunmere"): their verbs' indices."""
    out = set()
    node = clause_verb(tok)
    for _ in range(12):
        out.add(node.i)
        out.update(c.i for c in node.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
        if node.dep_ == "conj":
            out.add(node.head.i)
        if node.head.i == node.i:
            break
        node = clause_verb(node.head)
    return out


def _refers_back(tok: Token) -> bool:
    """The claim's sentence points at a place or event named before: "... were trapped
    there", "seven were killed in that attack"."""
    return any(t.lower_ in ("there", "here") and t.dep_ != "expl" or
               t.lower_ in ("that", "this", "the same") and t.dep_ == "det" and t.head.pos_ == "NOUN"
               and t.head.i > tok.i for t in tok.sent)


def _worldwide(anchor: Token, clauses: set[int]) -> bool:
    """The figure's clauses say it is the world's: "worldwide", "around the world",
    "across five continents"."""
    for tok in anchor.sent:
        if clause_verb(tok).i not in clauses:
            continue
        if tok.lower_ in ("worldwide", "globally", "world-wide"):
            return True
        if tok.lemma_.lower() in ("world", "globe", "continent") and tok.dep_ == "pobj" and \
                tok.head.lower_ in ("around", "across", "throughout", "over", "in", "on"):
            return True
    return False


def _place(doc: Doc, sent_idx: int, anchor: Token, places: Sequence[EntityMention]) -> str | None:
    text = doc_text(doc)
    same = [m for m in places if m.sentence_idx == sent_idx]
    if not same and _worldwide(anchor, _clauses_above(anchor)):
        return WORLD
    if not same:
        if not _refers_back(anchor):
            return None
        before = [m for m in places if sent_idx - 2 <= m.sentence_idx < sent_idx]
        if not before:
            return None
        last = max(before, key=lambda m: m.start)
        return mention_name(last.key, [m for m in before if m.key == last.key])
    above = _clauses_above(anchor)
    mine = []
    for m in same:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        # a place in a comparison the figure is not part of is the compared figure's
        # ("the UK's rate rose to 4.7%, compared with 12.1% in Germany")
        if span is not None and clause_verb(span.root).i in above and \
                not _apart(_comparison(span.root), anchor):
            mine.append(m)
    if not mine:
        return WORLD if _worldwide(anchor, above) else None
    located = [m for m in mine if text[max(0, m.start - 12):m.start].lower().split()[-1:]
               in ([w] for w in words("claim_place_prepositions"))]
    near = min(located or mine, key=lambda m: abs(m.start - anchor.idx))
    return mention_name(near.key, [m for m in same if m.key == near.key])


def _nearest_head(tok: Token, test: Callable[[Token], bool]) -> Token | None:
    """``tok`` or the nearest of its heads that passes ``test``, if any."""
    node = tok
    for _ in range(12):
        if test(node):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _apart(head: Token | None, anchor: Token) -> bool:
    """``head`` heads a phrase that does not hold the figure at ``anchor``."""
    return head is not None and not head.left_edge.i <= anchor.i <= head.right_edge.i


def _comparison(tok: Token) -> Token | None:
    """The word heading the comparison ``tok`` stands in ("compared with 12.1% in Germany",
    "higher than in France", "Arsenal versus Birmingham"), if any."""
    heads = words("comparison_heads")
    return _nearest_head(tok, lambda t: t.lower_ in heads and
                         t.dep_ in ("prep", "advcl", "acl", "mark", "cc"))


def _old_value(tok: Token) -> Token | None:
    """The "from" heading the old value of a change that ``tok`` stands in ("climbed to
    131.9bn kronor from 117.7bn kronor in 2003", "rose to 4.7% from 4.6% in the previous
    quarter"): a "from" whose object is a figure, not a date ("from January"), if any."""
    return _nearest_head(tok, lambda t: t.lower_ == "from" and t.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ != "DATE" and _holds_number(c) for c in t.children))


def _holds_number(tok: Token) -> bool:
    """A number in the phrase ``tok`` heads, not counting the clauses inside it ("117.7bn
    kronor", "its 2003 performance", "a Thursday high of $103.41"; not "the country where
    the first case was reported, which emerged in 1889")."""
    todo = [tok]
    while todo:
        t = todo.pop()
        if t.pos_ == "NUM":
            return True
        todo.extend(c for c in t.children if not heads_clause(c))
    return False


def _date_apart(doc: Doc, date: DateMention, anchor: Token) -> bool:
    """Whether ``date`` dates another figure than the one at ``anchor``: it stands in a
    comparison or in the old value of a change that does not hold the figure, or follows
    that old value at once ("climbed to 131.9bn kronor from 117.7bn kronor in 2003", the
    parser hanging "in 2003" on the verb)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    if _apart(_comparison(span.root), anchor) or _apart(_old_value(span.root), anchor):
        return True
    prep = span.root.head
    if prep.dep_ == "prep" and prep.i > 0:
        old = _old_value(doc[prep.i - 1])
        return old is not None and old.right_edge.i == prep.i - 1 and anchor.i < old.i
    return False


def _date(doc: Doc, sent_idx: int, start: int, anchor: Token, dates: Sequence[DateMention],
          published: str | None) -> str | None:
    same = [d for d in dates if d.sentence_idx == sent_idx and d.value
            and not _date_apart(doc, d, anchor)]
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
    places = [m for m in mentions if m.label in PLACE_LABELS]
    text = doc_text(doc)
    used: set[int] = set()
    out: list[NumberClaim] = []
    spans = _number_spans(doc)
    while spans:
        ent = spans.pop(0)
        if any(t.i in used for t in ent):
            continue
        amount = read_amount(doc, ent)
        rest = _rest(doc, ent, amount)
        if rest is not None:
            spans.insert(0, rest)  # "from 7 to 12": the 12 after the 7
        if amount is None or used.intersection(amount.number) or _is_excluded(doc, ent, amount):
            continue
        measure = what_of(amount, doc)
        if measure is None or negated(doc, amount):
            continue  # "I am not predicting three million deaths": no claim
        measure = _moods(doc, amount, measure)
        used.update(range(amount.first, amount.last))
        first, last = doc[amount.first], doc[amount.last - 1]
        start, end = first.idx, last.idx + len(last.text) - int(amount.closes)
        anchor = doc[amount.number[0]]
        idx = sentence_index(sents, start)
        unit = amount.unit
        if unit is None or "/" not in unit:
            rate = _rate(doc, amount)
            unit = f"{unit or ''}/{rate}" if rate else unit
        out.append(NumberClaim(
            article_id=article.id,
            sentence_idx=idx,
            text=text[start:end],
            value=amount.value,
            what=measure.what,
            qualifier=amount.qualifier,
            unit=unit,
            place=_place(doc, idx, anchor, places),
            date=_date(doc, idx, start, anchor, dates, article.published),
            sentence=sents[idx].text if sents else "",
            start=start,
            end=end,
            kind=measure.kind,
            high=amount.high,
            holder=measure.holder,
        ))
    return out
