"""The Porter stemmer (Porter 1980) with the NLTK extensions that ``rouge-score`` uses.

ROUGE with stemming (google-research ``rouge_score``) stems every token longer than three
characters with NLTK's ``PorterStemmer()`` in its default mode: the published algorithm plus
a few irregular forms, ``ies``/``ied`` on four-letter words, ``bli -> ble``, ``fulli``,
``logi`` and a two-letter ``vc`` counted as ``cvc``. This is that algorithm, written from the
paper and those rules, so scores match without NLTK; the brief's sentence similarity stems
with it too. Input is a lowercase word.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_IRREGULAR = {
    "skies": "sky", "sky": "sky", "dying": "die", "lying": "lie", "tying": "tie",
    "news": "news", "innings": "inning", "inning": "inning", "outings": "outing",
    "outing": "outing", "cannings": "canning", "canning": "canning", "howe": "howe",
    "proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}

Cond = Callable[[str], bool] | None
Rule = tuple[str, str, Cond]


def _cons(w: str, i: int) -> bool:
    """Whether ``w[i]`` is a consonant (``y`` is one at the start or after a vowel)."""
    c = w[i]
    if c in "aeiou":
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def measure(stem: str) -> int:
    """m in ``[C](VC)^m[V]``: the number of vowel-consonant sequences."""
    m = 0
    prev_vowel = False
    for i in range(len(stem)):
        vowel = not _cons(stem, i)
        if prev_vowel and not vowel:
            m += 1
        prev_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    n = len(w)
    if n >= 3 and _cons(w, n - 3) and not _cons(w, n - 2) and _cons(w, n - 1):
        return w[-1] not in "wxy"
    return n == 2 and not _cons(w, 0) and _cons(w, 1)


def _m_pos(stem: str) -> bool:
    return measure(stem) > 0


def _m_gt1(stem: str) -> bool:
    return measure(stem) > 1


def _apply(word: str, rules: list[Rule]) -> str:
    """The first rule whose suffix matches decides: applied if its condition holds, else none."""
    for suffix, repl, cond in rules:
        if suffix == "*d":
            if _double_cons(word):
                stem = word[:-2]
                return stem + repl if cond is None or cond(stem) else word
            continue
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + repl if cond is None or cond(stem) else word
    return word


def _step1a(w: str) -> str:
    if w.endswith("ies") and len(w) == 4:
        return w[:-3] + "ie"
    return _apply(w, [("sses", "ss", None), ("ies", "i", None), ("ss", "ss", None), ("s", "", None)])


def _step1b(w: str) -> str:
    if w.endswith("ied"):
        return w[:-3] + ("ie" if len(w) == 4 else "i")
    if w.endswith("eed"):
        stem = w[:-3]
        return stem + "ee" if measure(stem) > 0 else w
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and _has_vowel(w[: -len(suffix)]):
            stem = w[: -len(suffix)]
            break
    else:
        return w
    last = stem[-1]
    return _apply(stem, [
        ("at", "ate", None),
        ("bl", "ble", None),
        ("iz", "ize", None),
        ("*d", last, lambda _s: last not in "lsz"),
        ("", "e", lambda s: measure(s) == 1 and _cvc(s)),
    ])


def _step1c(w: str) -> str:
    return _apply(w, [("y", "i", lambda s: len(s) > 1 and _cons(s, len(s) - 1))])


_STEP2: list[Rule] = [
    ("ational", "ate", _m_pos), ("tional", "tion", _m_pos), ("enci", "ence", _m_pos),
    ("anci", "ance", _m_pos), ("izer", "ize", _m_pos), ("bli", "ble", _m_pos),
    ("alli", "al", _m_pos), ("entli", "ent", _m_pos), ("eli", "e", _m_pos),
    ("ousli", "ous", _m_pos), ("ization", "ize", _m_pos), ("ation", "ate", _m_pos),
    ("ator", "ate", _m_pos), ("alism", "al", _m_pos), ("iveness", "ive", _m_pos),
    ("fulness", "ful", _m_pos), ("ousness", "ous", _m_pos), ("aliti", "al", _m_pos),
    ("iviti", "ive", _m_pos), ("biliti", "ble", _m_pos), ("fulli", "ful", _m_pos),
]


def _step2(w: str) -> str:
    if w.endswith("alli") and _m_pos(w[:-4]):
        return _step2(w[:-4] + "al")
    # "logi" -> "log" with the "l" counted in the stem (geo-logi, theo-logi)
    return _apply(w, [*_STEP2, ("logi", "log", lambda _s: _m_pos(w[:-3]))])


_STEP3: list[Rule] = [
    ("icate", "ic", _m_pos), ("ative", "", _m_pos), ("alize", "al", _m_pos),
    ("iciti", "ic", _m_pos), ("ical", "ic", _m_pos), ("ful", "", _m_pos), ("ness", "", _m_pos),
]

_STEP4: list[Rule] = [
    ("al", "", _m_gt1), ("ance", "", _m_gt1), ("ence", "", _m_gt1), ("er", "", _m_gt1),
    ("ic", "", _m_gt1), ("able", "", _m_gt1), ("ible", "", _m_gt1), ("ant", "", _m_gt1),
    ("ement", "", _m_gt1), ("ment", "", _m_gt1), ("ent", "", _m_gt1),
    ("ion", "", lambda s: measure(s) > 1 and s[-1:] in ("s", "t")),
    ("ou", "", _m_gt1), ("ism", "", _m_gt1), ("ate", "", _m_gt1), ("iti", "", _m_gt1),
    ("ous", "", _m_gt1), ("ive", "", _m_gt1), ("ize", "", _m_gt1),
]


def _step5a(w: str) -> str:
    if w.endswith("e"):
        stem = w[:-1]
        m = measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            return stem
    return w


def _step5b(w: str) -> str:
    if w.endswith("ll") and measure(w[:-1]) > 1:
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of a lowercase word (NLTK's default mode)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 2:
        return word
    w = _step1a(word)
    w = _step1b(w)
    w = _step1c(w)
    w = _step2(w)
    w = _apply(w, _STEP3)
    w = _apply(w, _STEP4)
    w = _step5a(w)
    return _step5b(w)
