"""Every lemma of spaCy's rule lemmatizer kept for the process.

spaCy's ``Lemmatizer.rule_lemmatize`` caches its answer per (word, part of speech,
morphology) only when it reaches its rule tables: the early answers (a base form, such as a
singular noun or a present-tense verb, most tokens of news text; a part of speech without
tables) are worked out again for every token. The answer is a function of that key alone
(the token's text, ``pos_`` and ``morph``, which is what ``is_base_form`` reads), so
:func:`cache_every_lemma` keeps all of them: the same lemmas, each worked out once.
"""

from __future__ import annotations

from typing import Any


def cache_every_lemma(lemmatizer: Any) -> bool:
    """Give a rule-mode ``lemmatizer`` (spaCy's ``Lemmatizer``) a look-up in front of its
    ``rule_lemmatize``; True when it was given (other modes are left alone)."""
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    rule = lemmatizer.rule_lemmatize
    known: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = known.get(key)
        if forms is None:
            forms = known[key] = rule(token)
        return forms

    lemmatizer.lemmatize = lemmatize
    return True
