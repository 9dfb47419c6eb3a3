"""Names of entity mentions: office titles and roles written with a person's name,
possessives and edge punctuation, transliteration-insensitive folding, and a person's
shorter names chained to the longest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span

from storyline.enrich.entities.genders import first_name_gender
from storyline.enrich.places.gazetteer import strip_accents
from storyline.enrich.places.mentions import PLACE_LABELS
from storyline.records import EntityMention, MentionKey
from storyline.wordlists import words as wordlist

ROLE_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}


def name_gender(first_name: str) -> str | None:
    """'male', 'female' or None (unknown / androgynous) for a first name."""
    return first_name_gender(first_name)


def title_gender(title: str | None) -> str | None:
    """'male' / 'female' for a gendered title ("Mrs", "Mr"), else None."""
    t = (title or "").split()[-1:] or [""]
    w = t[0].rstrip(".").lower()
    if w in wordlist("male_titles"):
        return "male"
    if w in wordlist("female_titles"):
        return "female"
    return None


def strip_titles(name: str) -> tuple[str, str | None]:
    """("President Volodymyr Zelensky") -> ("Volodymyr Zelensky", "President")."""
    words = name.split()
    title = []
    titles = wordlist("titles")  # honorifics and office titles, data/words/titles.txt
    while len(words) > 1 and words[0].rstrip(".").lower() in titles:
        title.append(words.pop(0))
    return " ".join(words), (" ".join(title) or None)


def role_of(ent: Span) -> str | None:
    """The role written with a person's name: "Pentagon spokesman John Kirby",
    "deputy defence minister Hanna Malyar", "Hanna Malyar, the deputy defence minister"."""
    doc = ent.doc
    root = ent.root
    # modifiers before the name: left children of the name's head word, outside the name
    left = [t for t in root.lefts if t.i < ent.start and t.dep_ in ROLE_DEPS]
    if left:
        start = min(min(t.left_edge.i for t in left), ent.start)
        words = [t for t in doc[start:ent.start] if not (t.is_punct or t.dep_ == "det")]
        if words and any(t.pos_ == "NOUN" for t in words):
            return doc[words[0].i:words[-1].i + 1].text
    for t in root.rights:
        if t.dep_ == "appos" and t.i >= ent.end:
            words = [w for w in t.subtree if not (w.is_punct or w.dep_ == "det")]
            if words and any(w.pos_ == "NOUN" for w in words) and len(words) <= 8:
                return doc[words[0].i:words[-1].i + 1].text
    return None


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def clean_surface(text: str) -> str:
    """Entity text without a leading 'the', trailing possessive or edge punctuation."""
    t = _POSSESSIVE.sub("", text.strip())
    t = _EDGE.sub("", t)
    if t.lower().startswith("the "):
        t = t[4:]
    return t.strip()


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A transliteration-insensitive key for one word.

    Folds the common romanisation variants of the same name: accents, y/i
    (Volodymyr/Volodimir), -iy/-yy/-yi/-ij endings (Zelenskiy/Zelenskyy/Zelensky),
    doubled letters, ie/ye/e after a consonant (Kiev/Kyev), j/y (Kijev), ph/f, kh/h.
    """
    w = strip_accents(word).casefold()
    w = re.sub(r"[^a-z0-9]", "", w)
    w = re.sub(r"(iy|yy|yi|ij|ii|ji)$", "y", w)
    w = w.replace("ph", "f").replace("kh", "h").replace("j", "y")
    w = w.replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


def fold_name(name: str) -> str:
    return " ".join(f for f in (fold(w) for w in name.split()) if f)


def surname(name: str) -> str:
    parts = name.split()
    return parts[-1] if parts else name


def folded_words(name: str) -> tuple[str, ...]:
    """The folded words of a name (:func:`fold_name`, split)."""
    return tuple(fold_name(name).split())


def chains_to(short: str, long: str) -> bool:
    """True when the name ``short`` is a shorter form of ``long`` ("Zelensky" of
    "Volodymyr Zelenskyy"): its folded words are the last words, or the first words, of
    ``long``'s folded words."""
    s, lw = folded_words(short), folded_words(long)
    if not s or len(s) >= len(lw):
        return False
    return lw[-len(s):] == s or lw[: len(s)] == s


def shorter_forms(words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    """Every proper first-words and last-words part of a folded name: the folded forms
    of the names that chain to it (:func:`chains_to`)."""
    for k in range(1, len(words)):
        yield words[:k]
        yield words[-k:]


class ChainIndex:
    """Names indexed by their shorter forms, so that finding the names a name chains to
    is one look-up, not a comparison with every other name of the article."""

    def __init__(self, names: Iterable[str]) -> None:
        self.first: dict[tuple[str, ...], int] = {}  # shorter form -> first name's position
        for pos, name in enumerate(names):
            for form in shorter_forms(folded_words(name)):
                self.first.setdefault(form, pos)

    def first_longer(self, name: str) -> int | None:
        """Position of the first indexed name that ``name`` chains to (None: none)."""
        words = folded_words(name)
        return self.first.get(words) if words else None


def canonical_people(names: list[str]) -> dict[str, str]:
    """Each person name -> the longest name of the article it chains to. A lone given name
    ("Mohammed", "a 20-year-old student") is not chained to a full name that starts with
    it: news names people by surname, and a first name alone is most often someone else.
    A name that chains to two people ("Gaddafi": Muammar Gaddafi, and Saif al-Islam Gaddafi
    named later as his son) is the one the article names first. ``names`` in the article's
    order. Names indexed by their folded last word, so the cost is the names sharing one."""
    first: dict[str, int] = {}
    for i, n in enumerate(names):
        first.setdefault(n, i)
    uniq = sorted(first, key=lambda n: (-len(n.split()), -len(n), n))  # no set order
    by_word: dict[str, list[str]] = {}
    for m in uniq:
        fw = folded_words(m)
        for w in {fw[-1], fw[0]} if fw else ():
            by_word.setdefault(w, []).append(m)
    pos = {m: i for i, m in enumerate(uniq)}
    out: dict[str, str] = {}
    for n in uniq:
        words = folded_words(n) or ("",)
        pool = sorted(set(by_word.get(words[-1], []) + by_word.get(words[0], [])),
                      key=pos.__getitem__)  # the first in this order, as comparing every pair
        targets = dict.fromkeys(out.get(m, m) for m in pool
                                if chains_to(n, m) and not _given_only(n, m))
        # of several people, the one named first (ties: the first in this order)
        out[n] = min(targets, key=lambda t: first.get(t, len(names)), default=n)
    return out


def _given_only(short: str, long: str) -> bool:
    """``short`` is one word that ``long`` starts with (not ends with) and a known given
    name: "Mohammed" of "Mohammed ElBaradei"."""
    s, lw = fold_name(short).split(), fold_name(long).split()
    return len(s) == 1 and lw[:1] == s and lw[-1:] != s and \
        name_gender(short.split()[0]) is not None


def mention_name(key: MentionKey, mentions: list[EntityMention]) -> str:
    """The name to show for a mention key: its canonical name, or, for a place or a name
    that does not start with a letter, the longest text ``mentions`` (of that key) write."""
    if key.label not in PLACE_LABELS and key.name[:1].isalpha():
        return key.name
    return max((m.text for m in mentions), key=len, default=key.name)
