"""The head of a scraped text: date header, outlet and section banners, breadcrumbs, title.

Scraped text often starts with what the page showed above the story: the outlet's
name, a section label, a breadcrumb trail glued to the headline ("HomePolitics..."),
the headline (sometimes twice), a ``date 2022-03-30`` header line. :func:`read_head`
takes those lines off the top and returns what they say (title, date, outlet) and the
body lines that remain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.clean.furniture import (
    LineLabel,
    is_heading_like,
    is_sentence,
    is_trail,
    is_ui_line,
    words,
)
from storyline.metadata import iso_date
from storyline.wordlists import words as wordlist

DATE_HEADER = re.compile(
    r"^\s*(?:date|dated|published|posted|updated|last updated)(?:\s+on)?\s*[:\-–]?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:\s*[|,–-])?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:by|written by|words by|reporting by)\s+[A-Z]", re.IGNORECASE)
# a dateline on a line of its own: "WEST PALM BEACH, Fla. -", "KYIV, Ukraine (Reuters) -"
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]*[A-Z](?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
                      r"\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s*$")

DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|co\.uk|co|in|info|news|io|tv|uk|au|ca)\b", re.I)
MAX_HEAD_LINES = 8
TITLE_OVERLAP = 0.8  # share of the shorter one's words that a title line must share


@dataclass(frozen=True, slots=True)
class Head:
    """What the head of a text says, and the lines left once it is taken off."""

    lines: list[str]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    removed: list[LineLabel] = field(default_factory=list)


def looks_like_outlet(line: str) -> bool:
    s = line.strip()
    ws = words(s)
    if not 1 <= len(ws) <= 5 or is_ui_line(s) or is_trail(s) or BYLINE.match(s):
        return False
    if DOMAIN.search(s):
        return True
    if not all(w[:1].isupper() or w[:1].isdigit() for w in ws):
        return False
    return any(w.lower() in wordlist("outlet_words") for w in ws)  # "Herald", "Times"


def _date_header(lines: list[str], removed: list[LineLabel]) -> str | None:
    for i, ln in enumerate(lines[:MAX_HEAD_LINES]):
        m = DATE_HEADER.match(ln)
        if not m:
            continue
        published = iso_date(m.group("date").rstrip(".,"))
        if published is None:
            continue
        rest = m.group("rest").strip()
        removed.append(LineLabel(i, ln[: len(ln) - len(rest)].strip() if rest else ln, "date-header"))
        if rest:
            lines[i] = rest
        else:
            del lines[i]
        return published
    return None


def _head_end(lines: Sequence[str]) -> int:
    """Index of the first body line: the first sentence, or a long line."""
    for i, ln in enumerate(lines[:MAX_HEAD_LINES]):
        if is_sentence(ln) or len(words(ln)) > 30:
            return i
    return 0


def _breadcrumb_of(line: str, others: Sequence[str]) -> bool:
    """``HomePoliticsHeadline text`` when ``Headline text`` is another head line."""
    for t in others:
        if t is line or len(words(t)) < 3 or not line.endswith(t) or len(line) == len(t):
            continue
        prefix = line[: len(line) - len(t)].strip(" >»/|›-–")
        if prefix and len(words(prefix)) <= 4:
            return True
    return False


def same_title(line: str, title: str) -> bool:
    """The line is the title: equal, or a heading whose words and the title's mostly agree
    (a page's ``<title>`` and its headline often differ by a word or a site suffix)."""
    if line.casefold() == title.casefold():
        return True
    if not is_heading_like(line, 40):
        return False
    a = {w.casefold() for w in words(line)}
    b = {w.casefold() for w in words(title)}
    if len(a) < 3 or len(b) < 3:
        return False
    return len(a & b) >= TITLE_OVERLAP * min(len(a), len(b)) and len(a) <= 2 * len(b)


def read_head(lines: Sequence[str], known_title: str | None = None) -> Head:
    """Take banners, breadcrumbs, the title and a date header off the top of ``lines``.

    ``known_title`` (from metadata) is removed wherever it is repeated as a line; the
    text's own title is found only when there is no metadata title.
    """
    work = [ln.strip() for ln in lines if ln.strip()]
    removed: list[LineLabel] = []
    published = _date_header(work, removed)
    end = _head_end(work)
    head, body = work[:end], work[end:]
    title = known_title.strip() if known_title else None
    outlet = None
    kept_head: list[str] = []
    seen: set[str] = set()
    headings = [h for h in head if is_heading_like(h) and len(words(h)) >= 3
                and not is_trail(h) and not is_ui_line(h) and not BYLINE.match(h)
                and not DATELINE.match(h)
                and not (h is head[0] and looks_like_outlet(h))]
    found_title = None
    if title is None and headings:
        found_title = next((h for h in headings if not _breadcrumb_of(h, headings)), None)
    for i, h in enumerate(head):
        key = h.casefold()
        if key in seen:
            removed.append(LineLabel(i, h, "duplicate"))
            continue
        seen.add(key)
        if title and same_title(h, title) or found_title and h == found_title:
            removed.append(LineLabel(i, h, "title"))
        elif DATELINE.match(h):
            removed.append(LineLabel(i, h, "dateline"))
        elif is_ui_line(h) or BYLINE.match(h):
            removed.append(LineLabel(i, h, "byline" if BYLINE.match(h) else "ui"))
        elif _breadcrumb_of(h, headings) or is_trail(h):
            removed.append(LineLabel(i, h, "breadcrumb"))
        elif i == 0 and looks_like_outlet(h):
            outlet = h
            removed.append(LineLabel(i, h, "outlet"))
        elif len(words(h)) <= 4 and not is_sentence(h):
            if outlet is None and not kept_head and looks_like_outlet(h):
                outlet = h
                removed.append(LineLabel(i, h, "outlet"))
            else:
                removed.append(LineLabel(i, h, "byline" if BYLINE.match(h) else "banner"))
        else:
            kept_head.append(h)
    title = title or found_title
    rest = []
    for j, ln in enumerate(body):
        if title and j == 0 and not kept_head and same_title(ln, title) or (
                title and ln.casefold() == title.casefold()):
            removed.append(LineLabel(end + j, ln, "title"))
        else:
            rest.append(ln)
    return Head(kept_head + rest, title, published, outlet, removed)
