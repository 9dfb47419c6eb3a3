"""Direct-quote spans found from quote marks in the text.

Straight ("…"), curly (“…”), doubled ('' … '' and `` … ''), and single (‘…’, '…')
quotes. Text tokenised in the Penn Treebank style (corpora such as Timeline17) writes
`` and '' with spaces inside (`` We will , '' he said): the doubled marks are never
apostrophes, so they open and close whatever space stands beside them. A single mark is an apostrophe, not a quote, when it has a letter on both
sides ("Ukraine’s", "don't"), and a closing single mark must follow a non-space and
precede a non-letter. A quote still open at the end of a paragraph continues into the
next paragraph when that paragraph opens with a quote mark (the newspaper convention
for a quote of several paragraphs); otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = {"“": "”", '"': '"', "``": "''", "''": "''", "„": "”", "«": "»"}
SINGLE_OPEN = {"‘": "’", "'": "'"}
_MARK = re.compile(r"``|''|[\"“”„«»‘’']")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """``start``/``end`` include the marks; ``inner`` offsets exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _opens(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark == "``":
        return True  # only ever an opening mark
    if mark in SINGLE_OPEN:
        return not _is_letter(before) and (after.isalnum() or after in "[(….")
    if mark in ("”", "»"):
        return False
    return not after.isspace() and not (mark == '"' and _is_letter(before))


def _closes(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ("'", "’"):
        return not before.isspace() and not _is_letter(after)
    if mark == "''":
        return not _is_letter(after)  # "'' said" closes; a doubled apostrophe in a word does not
    # a straight mark with space on both sides cannot open (no word follows it), so while
    # a quote is open it closes it ('... of the community. " A spokesman said')
    return not before.isspace() or mark in ("”", "»") or (mark == '"' and after.isspace())


def _scan_paragraph(text: str, a: int, b: int) -> tuple[list[QuoteSpan], tuple[int, str] | None]:
    """Closed quotes of one paragraph, and the quote left open at its end (start, closer)."""
    spans: list[QuoteSpan] = []
    open_at: tuple[int, str, str] | None = None  # (index, opener, closer)
    marks = list(_MARK.finditer(text, a, b))
    closes_later: dict[str, list[bool]] = {}  # single closer -> [a closing one after mark j]
    for j, m in enumerate(marks):
        i, mark = m.start(), m.group(0)
        if open_at is not None:
            start, opener, closer = open_at
            same_family = mark == closer or (closer == "”" and mark == '"') or \
                (closer == '"' and mark == "”") or (closer == "''" and mark == '"')
            if same_family and _closes(text, i, mark) and i > start + len(opener):
                spans.append(QuoteSpan(start, i + len(mark), start + len(opener), i, True))
                open_at = None
            continue
        if mark in DOUBLE_OPEN and _opens(text, i, mark):
            open_at = (i, mark, DOUBLE_OPEN[mark])
        elif mark in SINGLE_OPEN and _opens(text, i, mark):
            # a single quote opens only if it closes later in the paragraph
            closer = SINGLE_OPEN[mark]
            if closer not in closes_later:
                closes_later[closer] = _closers_after(text, marks, closer)
            if closes_later[closer][j] or _continues(text, b):
                open_at = (i, mark, closer)
    return spans, ((open_at[0], open_at[2]) if open_at else None)


def _closers_after(text: str, marks: list[re.Match[str]], closer: str) -> list[bool]:
    """For each mark of a paragraph: whether a ``closer`` that closes follows it there (one
    pass from the end, not a scan of the rest of the paragraph for every opener)."""
    out = [False] * len(marks)
    seen = False
    for j in range(len(marks) - 1, -1, -1):
        out[j] = seen
        m = marks[j]
        if m.group(0) == closer and _closes(text, m.start(), closer):
            seen = True
    return out


def _continues(text: str, para_end: int) -> bool:
    rest = text[para_end:].lstrip()
    return bool(rest) and rest[0] in "\"“‘'`"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All direct-quote spans of ``text`` in order."""
    paras = _paragraphs(text)
    out: list[QuoteSpan] = []
    carry: int | None = None  # start of a quote continuing from an earlier paragraph
    for n, (a, b) in enumerate(paras):
        spans, still_open = _scan_paragraph(text, a, b)
        if carry is not None:
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            opener = text[a + lead: a + lead + 2]
            is_cont = opener[:1] in "\"“‘'`"
            if is_cont and spans and spans[0].start == a + lead:
                first = spans.pop(0)
                out.append(QuoteSpan(carry, first.end, carry + 1, first.inner_end, True))
                carry = None
            elif is_cont and not spans and still_open is not None and still_open[0] == a + lead:
                continue  # the quote goes on through this paragraph too
            else:
                prev_end = paras[n - 1][1]
                out.append(QuoteSpan(carry, prev_end, carry + 1, prev_end, False))
                carry = None
        out.extend(spans)
        if still_open is not None:
            start = still_open[0]
            if n + 1 < len(paras) and _continues(text, b):
                carry = start
            else:
                out.append(QuoteSpan(start, b, start + 1, b, False))
    if carry is not None:
        out.append(QuoteSpan(carry, paras[-1][1], carry + 1, paras[-1][1], False))
    return sorted(out, key=lambda q: q.start)
