"""Line-level furniture removal for scraped plain text.

Scraped article text keeps the site around the story: share buttons, "Next Story",
comment counts, "MORE : ..." teasers, newsletter and contact plugs, bulleted lists of
other headlines, an evergreen explainer box appended to every story, a feed's
attribution line. The rules here are general, judged by a line's *shape* (length,
terminal punctuation, bullets, links, e-mail addresses), its *position* (the head
before the first body paragraph, the tail after the last) and a small vocabulary of
web-interface words that every site uses; none of them names a site.

:func:`classify_lines` labels each line ``body`` or a furniture kind;
:func:`strip_furniture` returns the kept body lines and the removed ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.wordlists import words as wordlist

# "MORE : headline", "READ MORE: headline", "Related: headline" teasers.
TEASER_LABEL = re.compile(
    r"^(?:more|read more|read|also read|read also|related|related stories|see also|watch|"
    r"listen|recommended|trending|don'?t miss|must read|top stories|latest|opinion)\s*[:：|»>–-]\s*\S",
    re.IGNORECASE,
)
CAPS_LABEL = re.compile(r"^([A-Z][A-Z &']{1,24})\s*[:：|»]\s+(\S.*)$")

BULLET = re.compile(r"^\s*(?:[-–—•*·▪►▸»›◦●○■□✓✔➤→]|\d{1,2}[.)])\s+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
COUNT_LINE = re.compile(
    r"^(?:\d[\d,.]*k?\s*(?:comments?|shares?|replies|responses|views|likes|reactions)|"
    r"(?:comments?|shares?|replies)\s*[(:]?\s*\d[\d,.]*k?\)?)$",
    re.IGNORECASE,
)
CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|pic|file photo|credit|illustration|video|graphic)s?"
    r"(?:\s+credit)?\s*[:|/]|©|copyright\b|all rights reserved)",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:us|our|we|you|your)\b", re.IGNORECASE)
PLUG_CUE = re.compile(
    r"\b(?:get in touch|contact (?:us|our)|e-?mail us|send us|tip(?:s)? (?:off|line)|"
    r"got a story|have a story|sign up|signup|subscribe|newsletter|inbox|follow us|"
    r"download (?:our|the) app|for more (?:stories|news|updates|coverage|information)|"
    r"check (?:out )?our|visit our|click here|join (?:us|our)|support our journalism|"
    r"become a (?:member|subscriber)|listen to our|watch our)\b",
    re.IGNORECASE,
)
# "Subscribe to X alerts", "Follow X on social media", "Download the X app".
PROMO_IMPERATIVE = re.compile(
    r"^(?:subscribe|follow|sign up|download|join|like|get|register|listen|watch|share|support|"
    r"donate|click|tap|read|install|bookmark)\b",
    re.IGNORECASE,
)
PROMO_OBJECT = re.compile(
    r"\b(?:alerts?|newsletters?|social media|app|podcasts?|updates|facebook|twitter|instagram|"
    r"youtube|tiktok|whatsapp|telegram|channel|feed|notifications|inbox|our|us|here|"
    r"subscription|membership|journalism)\b",
    re.IGNORECASE,
)
EXPLAINER = re.compile(
    r"\b(?:everything you need to know|what you need to know|all you need to know|"
    r"what we know(?: so far)?|key facts|at a glance|the story so far|explained|"
    r"in numbers|fact ?box|quick facts|background(?:er)?)\b",
    re.IGNORECASE,
)
TERMINAL = re.compile(r"[.!?…:;\"”’')\]]$")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class LineLabel:
    index: int
    text: str
    kind: str  # "body" or a furniture kind (share, teaser, plug, link-list, explainer, ...)


def words(line: str) -> list[str]:
    return WORD.findall(line)


_CLOSING_QUOTE = re.compile(r"[\"”’']+$")
_BEFORE_QUOTE = re.compile(r"[.!?…,]$")


def is_sentence(line: str) -> bool:
    """Prose: ends with sentence punctuation and has a few words. A line that ends with a
    closing quote mark is prose only when the quoted words end with punctuation ('..., he
    said "we will."'): a headline ends with its quoted words (Economy 'stronger than
    forecast')."""
    s = line.rstrip()
    if not TERMINAL.search(s) or len(words(line)) < 4:
        return False
    quoted = _CLOSING_QUOTE.search(s)
    return quoted is None or bool(_BEFORE_QUOTE.search(s[:quoted.start()].rstrip()))


def is_heading_like(line: str, max_words: int = 25) -> bool:
    """A headline or label: a few words, no sentence-final period."""
    s = line.strip()
    n = len(words(s))
    return 1 <= n <= max_words and not s.endswith((".", ",", ";", ":")) and not BULLET.match(s)


SEPARATORS = re.compile(r"\s*[|•·›»>/]\s*")


def is_ui_line(line: str) -> bool:
    """A button/label line: each of its parts (split at ``|``, ``•``, ``>``...) is at most
    six words, all interface vocabulary or counts ("Share on Facebook | Email")."""
    parts = [p for p in SEPARATORS.split(line) if p.strip()]
    if not parts or len(parts) > 8:
        return False
    # web-interface vocabulary, and the words of it that count only beside a stronger one
    ui, weak = wordlist("ui_words"), wordlist("ui_words_weak")
    strong = False
    for part in parts:
        ws = [w.lower().strip("'’") for w in words(part)]
        if not ws or len(ws) > 6:
            return False
        if not all(w in ui or w.replace(",", "").replace(".", "").isdigit() for w in ws):
            return False
        strong = strong or any(w in ui and w not in weak for w in ws)
    return strong


def is_trail(line: str) -> bool:
    """A breadcrumb or section trail: "Home > World > Europe", "NEWS | World"."""
    parts = [p for p in SEPARATORS.split(line.strip()) if p.strip()]
    return len(parts) >= 2 and all(1 <= len(words(p)) <= 3 for p in parts)


def is_teaser(line: str) -> bool:
    """A cross-link teaser: a furniture label, a colon, another story's headline."""
    s = line.strip()
    if TEASER_LABEL.match(s):
        rest = re.split(r"[:：|»>–-]", s, maxsplit=1)[-1]
        return len(words(rest)) <= 25
    m = CAPS_LABEL.match(s)
    if m and len(m.group(1).split()) <= 3:
        rest = m.group(2)
        # A dateline ("KYIV: Russia said ...") is prose; a teaser is a bare headline.
        return not rest.rstrip().endswith(".") and len(words(rest)) <= 20
    return False


def is_plug(line: str) -> bool:
    """A newsletter, contact or promotion plug addressed to the reader."""
    s = line.strip()
    n = len(words(s))
    if n > 40:
        return False
    if EMAIL.search(s) and SECOND_PERSON.search(s):
        return True
    if PROMO_IMPERATIVE.match(s) and PROMO_OBJECT.search(s):
        return True
    return bool(PLUG_CUE.search(s) and SECOND_PERSON.search(s))


def is_link_line(line: str) -> bool:
    """Mostly a URL: a feed attribution ("from News - Site https://..."), a bare link."""
    s = line.strip()
    urls = URL.findall(s)
    if not urls:
        return False
    rest = URL.sub(" ", s)
    return len(words(rest)) <= 8


def is_bulleted_headline(line: str) -> bool:
    s = line.strip()
    if not BULLET.match(s):
        return False
    rest = BULLET.sub("", s, count=1)
    return len(words(rest)) <= 20 and not (rest.endswith(".") and len(words(rest)) > 12)


# Longer lines than this are prose for every per-line rule (the longest, a plug, stops
# at 40 words); skipping them keeps the pass cheap on long articles.
MAX_FURNITURE_CHARS = 320

LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("comments", lambda s: bool(COUNT_LINE.match(s))),
    ("ui", is_ui_line),
    ("teaser", is_teaser),
    ("plug", is_plug),
    ("link", is_link_line),
    ("credit", lambda s: bool(CREDIT.match(s)) and len(words(s)) <= 15),
)


def classify_lines(lines: Sequence[str], only: frozenset[str] | None = None) -> list[LineLabel]:
    """Label every (stripped, non-empty) line as body or a kind of furniture.

    ``only`` runs just the rules for those kinds (the others' lines stay body).
    """
    n = len(lines)
    kinds = ["body"] * n
    rules = [(k, rule) for k, rule in LINE_RULES if only is None or k in only]
    for i, ln in enumerate(lines):
        s = ln.strip()
        if len(s) > MAX_FURNITURE_CHARS:
            continue
        for kind, rule in rules:
            if rule(s):
                # a plug at the top of a story must say so from its first word
                if kind == "plug" and not (i >= n / 2 or PLUG_CUE.match(s)):
                    continue
                kinds[i] = kind
                break
    if only is None or "link-list" in only:
        _mark_link_lists(lines, kinds)
    if only is None or "explainer" in only:
        _mark_explainer_box(lines, kinds)
    if only is None or "tail" in only:
        _mark_tail(lines, kinds)
    return [LineLabel(i, lines[i], kinds[i]) for i in range(n)]


LIST_LABEL = re.compile(
    r"^(?:you (?:may|might) also like|related(?: stories| articles| coverage)?|more on this(?: story)?|"
    r"see also|read more|recommended(?: for you)?|most (?:read|popular|viewed)|popular|top stories|"
    r"more (?:from|stories|news)\b.*|also in\b.*|elsewhere\b.*|latest(?: news| stories)?|"
    r"trending(?: now)?|don'?t miss|explore more|in other news)\s*:?$",
    re.IGNORECASE,
)


def _mark_link_lists(lines: Sequence[str], kinds: list[str]) -> None:
    """Runs of two or more bulleted headline lines that link to other stories.

    The run's items must be headline-shaped (no final period, or questions), and the
    run must show that it links away: mostly questions ("How can I help?"), a label
    before it ("Read more:", "You may also like"), or nothing but furniture after it.
    A bulleted list inside the story (points of a plan, figures of a budget) is kept.
    """
    i, n = 0, len(lines)
    while i < n:
        if not is_bulleted_headline(lines[i]):
            i += 1
            continue
        j = i
        while j < n and is_bulleted_headline(lines[j]):
            j += 1
        run = [r.rstrip() for r in lines[i:j]]
        headline_items = sum(1 for r in run if not r.endswith(".") or r.endswith("?"))
        questions = sum(1 for r in run if r.endswith("?"))
        prev = lines[i - 1].strip() if i > 0 else ""
        labelled = bool(prev) and (kinds[i - 1] != "body" or is_ui_line(prev) or bool(LIST_LABEL.match(prev)))
        trailing = all(kinds[k] != "body" or _tail_like(lines[k]) for k in range(j, n))
        if len(run) >= 2 and headline_items >= 0.7 * len(run) and (
                questions >= len(run) / 2 or labelled or trailing):
            for k in range(i, j):
                kinds[k] = "link-list"
            if prev and LIST_LABEL.match(prev) and kinds[i - 1] == "body":
                kinds[i - 1] = "label"
        i = j


def _mark_explainer_box(lines: Sequence[str], kinds: list[str]) -> None:
    """An evergreen explainer box appended after the story.

    Its heading ("X: everything you need to know", "What we know so far") is a
    heading-shaped line after the first third of the article; the box runs from there
    to the furniture that closes it (a link list, plugs, buttons), and nothing but
    furniture may follow. A section heading inside a story, with the story going on
    to its end, is not a box.
    """
    n = len(lines)
    for i in range(n // 3, n):
        s = lines[i].strip()
        if kinds[i] != "body" or not is_heading_like(s, 14) or not EXPLAINER.search(s):
            continue
        end = next((j for j in range(i + 1, n) if kinds[j] != "body"), n)
        after = range(end, n)
        if end == n or end - i - 1 > 15:
            continue
        if any(kinds[k] == "body" and not _tail_like(lines[k]) for k in after):
            continue
        for k in range(i, end):
            kinds[k] = "explainer"
        return


def _tail_like(line: str) -> bool:
    """Short and unpunctuated ("Source link", "Must Read"), a plug, or a link."""
    s = line.strip()
    return (len(words(s)) <= 5 and not TERMINAL.search(s)) or is_plug(s) or is_link_line(s)


def _mark_tail(lines: Sequence[str], kinds: list[str]) -> None:
    """Short unpunctuated lines that sit against the furniture after the story ("You may
    also like" above a link list, a byline fragment before "Share it"): at most two of
    them, each followed by a furniture line. Short lines at the very end with no
    furniture after them (a team line-up, a list of titles) stay body."""
    run = 0
    for i in range(len(lines) - 2, -1, -1):
        if kinds[i] != "body":
            run = 0
            continue
        if run < 2 and kinds[i + 1] != "body" and _tail_like(lines[i]):
            kinds[i] = "tail"
            run += 1
            continue
        break


# The kinds worth removing from an HTML extractor's output: it has already dropped the
# page's menus and lists, and what it keeps of those is more often prose than not
# (measured with ``storyline eval clean``: these four raise F1 on both sets, the
# others lower it).
EXTRACTED_TEXT_KINDS = frozenset({"plug", "credit", "teaser", "comments"})


def strip_furniture(lines: Sequence[str], kinds: frozenset[str] | None = None
                    ) -> tuple[list[str], list[LineLabel]]:
    """Kept body lines and the removed furniture lines (with their kind).

    ``kinds`` limits what is removed (default: every kind of furniture).
    """
    labels = classify_lines(lines, kinds)
    removed = [lab for lab in labels if lab.kind != "body"]
    gone = {lab.index for lab in removed}
    kept = [lab.text for lab in labels if lab.index not in gone]
    return kept, removed
