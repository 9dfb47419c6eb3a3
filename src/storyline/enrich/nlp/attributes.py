"""The model's attribute ruler (fine tag -> POS and morphology, lemma exceptions), its rules
matched by table look-ups instead of spaCy's general token ``Matcher``.

The English model's ruler holds about 180 rules, nearly all one token long and keyed on
the fine tag or the lower-case word ("TAG": "NN" -> POS NOUN; "LOWER": "got", "TAG":
"VBD" -> lemma "get"). spaCy runs them through its ``Matcher``, which tests every rule's
predicates on every token: about 15% of the bare parse's time on long news articles.
:func:`fast_attribute_ruler` reads each token's lower-case form, tag, dependency label and
whether it is a space from the doc's arrays once, finds the rules that can match it by
the rule's own tag or word, tests only those, and hands the matches, sorted as spaCy sorts
them (by rule, so that later rules win), written with spaCy's own ``set_token_attrs`` to
the token each rule names: same rules, same order, same writes. Rules written with anything else (other attributes,
quantifiers, extension attributes) are left to spaCy's matcher: the ruler is then not
changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [LOWER, TAG, DEP, IS_SPACE]
Token = tuple[int, int, int, int]  # hashes of lower, tag, dep; is_space 0/1
Test = Callable[[Token], bool]
MAX_KNOWN = 200_000  # tokens whose first-test hits are kept (then forgotten, and again)


class _Unsupported(Exception):
    """A rule this module does not read: the ruler keeps spaCy's matcher."""


def _value_test(field: int, value: Any, strings: Any, doc_strings: list[Any]) -> Test:
    """A test of one attribute of a token, as spaCy's matcher reads the value: a string
    (equal), ``{"IN": [...]}``, ``{"NOT_IN": [...]}``, ``{"REGEX": ...}`` (searched in the
    attribute's string), or a bool for IS_SPACE."""
    if field == 3:
        if not isinstance(value, bool):
            raise _Unsupported(value)
        want = int(value)
        return lambda t: t[3] == want
    if isinstance(value, str):
        h = strings.add(value)
        return lambda t: t[field] == h
    if isinstance(value, dict) and len(value) == 1:
        [(op, arg)] = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and \
                all(isinstance(a, str) for a in arg):
            hs = frozenset(strings.add(a) for a in arg)
            if op == "IN":
                return lambda t: t[field] in hs
            return lambda t: t[field] not in hs
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            # the string of the doc being matched (its vocab's store)
            return lambda t: bool(rx.search(doc_strings[0][t[field]]))
    raise _Unsupported(value)


def _token_test(spec: dict[str, Any], strings: Any, doc_strings: list[Any]) -> Test:
    if not spec or any(k not in _FIELDS for k in spec):
        raise _Unsupported(spec)
    tests = [_value_test(_FIELDS[k], v, strings, doc_strings) for k, v in spec.items()]
    if len(tests) == 1:
        return tests[0]
    return lambda t: all(f(t) for f in tests)


def _keys(spec: dict[str, Any], strings: Any) -> list[tuple[int, int]] | None:
    """(field, hash) look-up keys under which a token must appear to match ``spec``: its
    word, else its tag, else its dependency label, as an exact value or an IN list; None
    when the spec has no such value (tested on every token)."""
    for name in ("LOWER", "TAG", "DEP"):
        v = spec.get(name)
        if isinstance(v, str):
            return [(_FIELDS[name], strings.add(v))]
        if isinstance(v, dict) and list(v) == ["IN"]:
            return [(_FIELDS[name], strings.add(a)) for a in v["IN"]]
    return None


class AttributeMatcher:
    """The ruler's rules as look-up tables; ``match(doc)`` gives spaCy's match list."""

    def __init__(self, rules: Sequence[dict[str, Any]], strings: Any) -> None:
        self.doc_strings: list[Any] = [strings]
        # (rule, match id, first-token test, tests of the following tokens)
        self.keyed: dict[tuple[int, int], list[tuple[int, int, Test, list[Test]]]] = {}
        self.every: list[tuple[int, int, Test, list[Test]]] = []
        # token (lower, tag, dep, is_space) -> the rules its first test passes, in order
        self.first_hits: dict[Token, list[tuple[int, int, list[Test]]]] = {}
        for i, rule in enumerate(rules):
            match_id = strings.add(str(i))
            for pattern in rule["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    raise _Unsupported(pattern)
                tests = [_token_test(spec, strings, self.doc_strings) for spec in pattern]
                entry = (i, match_id, tests[0], tests[1:])
                keys = _keys(pattern[0], strings)
                if keys is None:
                    self.every.append(entry)
                else:
                    for k in dict.fromkeys(keys):
                        self.keyed.setdefault(k, []).append(entry)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted: what the ruler's ``match``
        returns."""
        self.doc_strings[0] = doc.vocab.strings
        toks: list[Token] = [tuple(row) for row in doc.to_array(_ARRAY).tolist()]
        n = len(toks)
        keyed, every = self.keyed, self.every
        known = self.first_hits
        if len(known) > MAX_KNOWN:
            known.clear()
        out = []
        for i, t in enumerate(toks):
            hits = known.get(t)
            if hits is None:  # the rules whose first token is this one: it alone decides
                cands = every + keyed.get((0, t[0]), []) + keyed.get((1, t[1]), []) \
                    + keyed.get((2, t[2]), [])
                hits = known[t] = [(rule, match_id, rest) for rule, match_id, first, rest
                                   in cands if first(t)]
            for rule, match_id, rest in hits:
                if rest:
                    if i + len(rest) >= n or not all(f(toks[i + 1 + j])
                                                     for j, f in enumerate(rest)):
                        continue
                out.append((rule, match_id, i, i + 1 + len(rest)))
        out = list(dict.fromkeys(out))  # a token found under two keys of one rule
        out.sort()
        return out


def _setter(ruler: Any) -> Callable[[Doc, list[tuple[int, int, int, int]]], None]:
    """The ruler's ``set_annotations`` without a Span made per match: the same attributes
    written to the same token (the match's start plus the rule's index, from the end when
    negative), in the same order."""
    attrs, indices = ruler.attrs, ruler.indices

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        for rule, _, start, end in matches:
            index = indices[rule]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:
                raise ValueError(f"attribute ruler: rule {rule} has index {index}, outside "
                                 f"its match of {end - start} tokens")
            set_token_attrs(doc[i], attrs[rule])

    return set_annotations


def fast_attribute_ruler(ruler: Any) -> bool:
    """Give ``ruler`` (spaCy's AttributeRuler) the look-up matcher when every one of its
    rules can be read by it; True when it was given."""
    try:
        fast = AttributeMatcher(ruler.patterns, ruler.vocab.strings)
    except _Unsupported:
        return False
    ruler.match = fast.match
    ruler.set_annotations = _setter(ruler)
    return True
