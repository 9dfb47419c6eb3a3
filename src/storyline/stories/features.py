"""Article features for story clustering: weighted terms and named-entity keys.

Terms are lower-cased words without stop words, lightly de-pluralised, counted with
extra weight in the title and the lead. The title and lead (what the story is) and the
rest of the body (its details) are counted apart, so that the engine can weigh a long
article's body as a whole against its lead (see :meth:`storyline.stories.engine.Engine.vectors`).
Entities come from a cheap proxy that needs no model: runs of capitalised words inside
sentences (not title-cased headlines), so the stage does not depend on the enrich stage
and runs at ingest speed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from storyline.wordlists import words as wordlist

_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_SENT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
@cache
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (``data/words/english_stop_words.txt``) and
    ``data/words/stop_words_extra.txt``."""
    return wordlist("english_stop_words") | wordlist("stop_words_extra")


def stem(word: str) -> str:
    """Very light de-pluralisation: talks -> talk, parties -> party, leaves 'ss'/'us'/'is'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _clean_token(tok: str) -> str:
    tok = tok.strip("'’-").lower()
    for suffix in ("'s", "’s"):
        if tok.endswith(suffix):
            tok = tok[: -len(suffix)]
    return tok


MAX_TERM_CHARS = 60


def terms(text: str) -> list[str]:
    """Content words of ``text`` (lower-cased, stop words and bare numbers dropped)."""
    return [t for t, _ in _terms_at(text)]


def _term(word: str) -> str | None:
    """The term a word of the text counts as; None for none."""
    tok = _clean_token(word)
    if len(tok) < 2 or len(tok) > MAX_TERM_CHARS or tok in stop_words() or tok[0].isdigit():
        return None  # a "word" of hundreds of letters is no word (and no index key)
    return stem(tok)


_KNOWN_TERMS: dict[str, str | None] = {}  # word -> _term(word), for words seen before
MAX_KNOWN_TERMS = 200_000


def _terms_at(text: str) -> list[tuple[str, int]]:
    """Content words of ``text`` with the offset where each ends."""
    known = _KNOWN_TERMS
    if len(known) > MAX_KNOWN_TERMS:
        known.clear()
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word in known:
            term = known[word]
        else:
            term = known[word] = _term(word)
        if term is not None:
            out.append((term, m.end()))
    return out


def _is_title_case(tokens: list[str]) -> bool:
    long = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    if len(long) < 3:
        return False
    return sum(t[0].isupper() for t in long) / len(long) > 0.6


def entities(text: str) -> Counter[str]:
    """Entity keys from capitalised-word runs (full phrase and its words), counted.

    A single capitalised word opening a sentence counts only if it is also capitalised
    mid-sentence somewhere in the text (else it is just a sentence start). Title-cased
    lines carry no such signal and are skipped.
    """
    sentences = [toks for sent in _SENT.split(text) if (toks := _WORD.findall(sent))]
    # capitalised mid-sentence somewhere: a name, even when it also opens a sentence
    mid_caps = {t for toks in sentences for t in toks[1:] if t[:1].isupper()}
    # capitalised but not names: weekdays, months and time zones (datelines: "TRIPOLI, Thu May 5")
    datewords, connect = wordlist("date_words"), wordlist("name_connectors")
    out: Counter[str] = Counter()
    for toks in sentences:
        if _is_title_case(toks):
            continue
        run: list[str] = []
        start = 0
        for i, tok in enumerate([*toks, "."]):
            if (tok[:1].isupper() and tok.lower() not in datewords) or (
                    run and tok in connect and i + 1 < len(toks)
                                     and toks[i + 1][:1].isupper()):
                if not run:
                    start = i
                run.append(tok)
                continue
            while run and run[-1] in connect:
                run.pop()
            if run and not (start == 0 and len(run) == 1 and run[0] not in mid_caps):
                _add_run(out, run)
            run = []
    return out


def _add_run(out: Counter[str], run: list[str]) -> None:
    words = [_clean_token(t) for t in run]
    connect, honorifics, stop = wordlist("name_connectors"), wordlist("honorifics"), stop_words()
    words = [w for w in words if w and w not in connect]
    while words and words[0] in honorifics:
        words = words[1:]
    content = [w for w in words if w not in stop and not w[0].isdigit()]
    if not content:
        return
    out[" ".join(words)] += 1
    if len(content) > 1:
        for w in content:
            if len(w) > 2:
                out[w] += 1


@dataclass(frozen=True)
class Features:
    """What the clustering engine sees of one article."""

    id: str
    time: float | None  # days since the Unix epoch; None when undated
    terms: dict[str, float]  # title and lead
    entities: dict[str, float] = field(default_factory=dict)  # title and lead
    title: str = ""
    headline: bool = False  # ``title`` is the article's headline (else its first sentence)
    published: str | None = None  # as stored (ISO date or timestamp)
    # unit sentence embedding (numpy array) when story embeddings are on, else None
    embedding: Any = field(default=None, compare=False, repr=False)
    body: dict[str, float] = field(default_factory=dict)  # terms after the lead
    body_entities: dict[str, float] = field(default_factory=dict)  # entities after the lead


def featurise(
    article_id: str,
    title: str | None,
    text: str,
    time: float | None,
    title_weight: float,
    lead_weight: float,
    lead_words: int,
    use_entities: bool = True,
    published: str | None = None,
) -> Features:
    """Weighted term counts over title + lead and over the rest of the body; entity keys
    likewise (the lead: the title and the text's first ``lead_words`` words)."""
    counts: dict[str, float] = {}
    rest: dict[str, float] = {}
    title = (title or "").strip()
    for t in terms(title):
        counts[t] = counts.get(t, 0.0) + title_weight
    found = _terms_at(text)
    for n, (t, _) in enumerate(found):
        if n < lead_words:
            counts[t] = counts.get(t, 0.0) + lead_weight
        else:
            rest[t] = rest.get(t, 0.0) + 1.0
    ents: Counter[str] = Counter()
    body_ents: Counter[str] = Counter()
    if use_entities:
        cut = lead_cut(text, found[lead_words - 1][1]) if len(found) > lead_words else len(text)
        ents = entities(f"{title}\n{text[:cut]}" if title else text[:cut])
        if cut < len(text):
            body_ents = entities(text[cut:])
    headline = bool(title)
    if not title:
        first = _SENT.split(text.strip(), maxsplit=1)[0] if text.strip() else ""
        title = first[:200]
    return Features(article_id, time, counts, {k: float(v) for k, v in ents.items()}, title,
                    headline, published, body=rest,
                    body_entities={k: float(v) for k, v in body_ents.items()})


def lead_cut(text: str, at: int) -> int:
    """Where the lead's entities end: the end of the sentence that holds offset ``at`` (the
    lead's last word), so that no capitalised name is cut in two."""
    end = _SENT.search(text, at)
    return end.start() if end else len(text)
