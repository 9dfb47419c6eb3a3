"""Which sentences may stand in a brief, and which part of each.

A brief sentence is quoted verbatim, so it must read on its own: a statement of fact in the
outlet's voice, not a fragment of a quote, a question, a byline or site furniture. A
dateline ("LONDON (Reuters) - ") or a house-style label ("Why it matters: ") is taken off the
front; what is left is an exact substring of the sentence.
"""

from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"  # an upper-case place: LONDON, NEW YORK
    r"(?:,[ ]?[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})?"  # , Ukraine / , Calif.
    r"[ ]?(?:\([^()]{1,30}\))?"  # (Reuters) / (AP)
    r"|\([A-Za-z .]{1,30}\))"  # or only an agency: (CNN)
    r"[ ]?[—–-]{1,2}[ ]?"
)
_SIGNPOST = re.compile(r"^([^:]{2,30}):[ ]+")
# "Kyiv: ...", "New Delhi: ..." (a place-name dateline before a colon)
_COLON_DATELINE = re.compile(r"^[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,2}:[ ]+(?=[A-Z])")
_TRAILING_PUNCT = re.compile(r"(?<=[.!?\"”’)])(?:\s+[.!?]+)+\s*$")
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘']")
_CLOSE_SINGLE = re.compile(r"[’'](?=[\s.,;:!?)\]—–-]|$)")
_PUNCT_CLOSE_SINGLE = re.compile(r"[.,!?][’']")
_DOUBLE_QUOTED = re.compile(r"[“\"«„]([^“”\"«»„]*)[”\"»]")
_SINGLE_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘([^‘’]*?(?:’\w[^‘’]*?)*)’(?=[\s.,;:!?)\]—–-]|$)")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|we|We|our|Our|us|ourselves)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|You|your|Your|you're|you’re|You're|You’re)\b")
_BYLINE = re.compile(r"^By[ ]+[A-Z][\w.'’-]+(?:[ ]+[A-Z][\w.'’-]+){0,3}(?:[ ]*[,|/—–-]|[ ]+and[ ]|$)")
_URL = re.compile(r"https?://|www\.|\S+@\S+\.\w{2,}")
_CLOSERS = "\"'”’»)]"


def _phrases(name: str) -> tuple[str, ...]:
    res = importlib.resources.files("storyline.data").joinpath(name)
    lines = res.read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=1)
def furniture_phrases() -> tuple[str, ...]:
    return _phrases("brief_furniture.txt")


@lru_cache(maxsize=1)
def signposts() -> frozenset[str]:
    return frozenset(_phrases("brief_signposts.txt"))


@lru_cache(maxsize=1)
def _dangling() -> re.Pattern[str]:
    alts = sorted(_phrases("brief_dangling.txt"), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in alts) + r")(?=[ ,])", re.I)


def dangling(text: str) -> bool:
    """Whether ``text`` opens by leaning on the sentence before it ("But ...", "He ...")."""
    return bool(_dangling().match(text.lstrip("“\"‘'")))


def usable_span(text: str) -> tuple[int, int]:
    """The offsets of ``text`` without a leading dateline or signpost label."""
    start = 0
    m = _DATELINE.match(text)
    if m and m.end() < len(text) and (text[m.end()].isupper() or text[m.end()].isdigit()):
        start = m.end()
    rest = text[start:]
    s = _SIGNPOST.match(rest)
    if s and s.group(1).strip().lower() in signposts():
        start += s.end()
    else:
        c = _COLON_DATELINE.match(rest)
        if c:
            start += c.end()
    body = text.rstrip()
    t = _TRAILING_PUNCT.search(body)
    end = t.start() if t else len(body)
    return start, max(start, end)


def quoted_share(text: str) -> float:
    """The share of ``text``'s characters inside quotation marks."""
    if not text:
        return 0.0
    inside = sum(len(m.group(1)) + 2 for m in _DOUBLE_QUOTED.finditer(text))
    inside += sum(len(m.group(1)) + 2 for m in _SINGLE_QUOTED.finditer(text))
    return min(1.0, inside / len(text))


def unquoted(text: str) -> str:
    """``text`` with quoted passages blanked out."""
    text = _DOUBLE_QUOTED.sub(" ", text)
    return _SINGLE_QUOTED.sub(" ", text)


def _unbalanced_single(text: str) -> bool:
    """A single-quoted passage (‘...’) that opens or closes in another sentence.

    ``’`` is also the apostrophe, so only a closing mark before a space or punctuation
    counts, and one that follows sentence punctuation (``.’``) with no opening mark before
    it shows a quote that began earlier."""
    opens = [m.start() for m in _OPEN_SINGLE.finditer(text)]
    for o in opens:
        if not _CLOSE_SINGLE.search(text, o + 1):
            return True
    first_open = opens[0] if opens else len(text)
    p = _PUNCT_CLOSE_SINGLE.search(text)
    return bool(p and p.start() < first_open)


def unbalanced_quotes(text: str) -> bool:
    """A quote that opens or closes in another sentence."""
    return (
        text.count('"') % 2 == 1
        or text.count("“") != text.count("”")
        or text.count("«") != text.count("»")
        or _unbalanced_single(text)
    )


def words(text: str) -> int:
    return len(text.split())


def reject_reason(
    text: str, min_words: int, max_words: int, max_quote_share: float
) -> str | None:
    """Why a (trimmed) sentence cannot stand in a brief, or None when it can."""
    n = words(text)
    if n < min_words:
        return "short"
    if n > max_words:
        return "long"
    body = text.rstrip(_CLOSERS)
    if not body or not (text[0].isupper() or text[0].isdigit() or text[0] in "“\"‘'"):
        return "fragment"
    if body.endswith(("?", "!")):
        return "question"
    if not body.endswith(".") or body.endswith(("...", "…")):
        return "unfinished"
    if unbalanced_quotes(text):
        return "quote-fragment"
    if quoted_share(text) > max_quote_share:
        return "quote"
    own_voice = unquoted(text)
    if _FIRST_PERSON.search(own_voice):
        return "first-person"
    if _SECOND_PERSON.search(own_voice):
        return "second-person"
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return "fragment"
    if dangling(text):
        return "dangling"
    if ":" in " ".join(text.split()[:4]):
        return "label"
    if _BYLINE.match(text) and n <= 12:
        return "byline"
    low = text.lower()
    if _URL.search(text) or any(p in low for p in furniture_phrases()):
        return "furniture"
    return None
