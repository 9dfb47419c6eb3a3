"""What a stance is about: the issue read from the cue's object or complement.

- a noun phrase (the cue's object, the object of its own preposition, a passive subject,
  the noun a participle modifies): its core without determiners, possessive pronouns,
  counts, relative clauses or anything after a comma; each conjunct is an issue of its
  own ("a withdrawal and a restoration of ...");
- a clause (an infinitive or a "that" clause): a light verb's object ("declare
  *neutrality*", "hold *talks*", "make itself *neutral*"), else the verb with its object
  ("*drop any hope of joining the alliance*"), after the clause's subject when it names
  another party ("*Ukraine* drop ...");
- a stance word as the issue ("ruled out X's *calls for* a no-fly zone") is read through
  to what it is about (the nested stance is a position of its own).

The issue's ``key`` is the set of its content lemmas (nouns, names, adjectives and
non-light verbs), synonyms folded, hedges dropped ("full", "any", "possible"), with light
heads ("a *number of* commitments", "any *hope of* joining") read through: positions on
one issue told in other words share most of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from storyline.enrich.nlp.sentences import parsed_text
from storyline.events.syntax import children, lemma
from storyline.positions.lexicon import PositionLexicon
from storyline.wordlists import words

ISSUE_PREPS = ("of", "on", "over", "for", "to", "between", "with", "about", "regarding",
               "concerning", "from", "against", "in")
NOUN_RIGHT_PREPS = {"of", "on", "over", "for", "between", "to", "from", "against"}
MAX_TOKENS = 12
NAMED = ("PERSON", "ORG", "GPE", "NORP")
PRONOUNS = {"it", "this", "that", "these", "those", "them", "they", "which", "what"}
KEY_POS = ("NOUN", "PROPN", "ADJ", "VERB", "NUM")


@dataclass(frozen=True, slots=True)
class Issue:
    text: str
    key: tuple[str, ...]
    names: tuple[str, ...]
    start: int
    end: int
    head: int  # token index of the issue's head word


class IssueReader:
    def __init__(self, lexicon: PositionLexicon) -> None:
        self.lex = lexicon
        self.honorifics = {w.lower().rstrip(".") for w in words("honorifics")}

    # -- noun phrases ---------------------------------------------------------------------

    def np_issues(self, head: Token, conjuncts: bool = True) -> list[Issue]:
        """The issue(s) a noun phrase names, one per conjunct (at most three)."""
        heads = [head, *[c for c in head.conjuncts if c.i > head.i and conjuncts
                         and c.pos_ in ("NOUN", "PROPN", "ADJ")]][:3]
        out = []
        for h in heads:
            issue = self.np_issue(h)
            if issue is not None:
                out.append(issue)
            out.extend(self._included(h))
        return out[:4]

    def _included(self, head: Token) -> list[Issue]:
        """"commitments, *including abandoning X*": what a general issue is said to include."""
        out: list[Issue] = []
        for c in head.children:
            if c.lower_ != "including" or c.dep_ not in ("prep", "acl"):
                continue
            for o in children(c, "pobj", "pcomp", "dobj"):
                if o.pos_ == "VERB":
                    out.extend(self.clause_issues(o, set(), 1))
                else:
                    got = self.np_issue(o)
                    if got is not None:
                        out.append(got)
        return out

    def np_issue(self, head: Token, lead: list[Token] | None = None) -> Issue | None:
        if head.lower_ in PRONOUNS or head.pos_ == "PRON":
            return None
        toks = self._np_tokens(head)
        if not toks:
            return None
        return self._issue((lead or []) + toks, self._key_tokens(head), head,
                           self.key_head(head))

    def _np_tokens(self, head: Token, depth: int = 0) -> list[Token]:
        keep = {head.i}
        for c in head.lefts:
            if c.dep_ == "det" and c.lower_ == "no":
                keep.add(c.i)  # "pledged that *no* troops would ...": the issue says no
                continue
            if c.dep_ in ("det", "predet", "punct", "cc", "nummod", "quantmod") \
                    or (c.dep_ == "poss" and c.pos_ == "PRON"):
                continue
            if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod", "advmod"):
                keep.update(x.i for x in c.subtree if not (x.dep_ in ("det", "case")
                                                           and x.pos_ == "DET"))
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in NOUN_RIGHT_PREPS and depth < 2:
                objs = children(c, "pobj", "pcomp")
                if not objs or (c.lower_ == "to" and objs[0].ent_type_ in NAMED):
                    break  # "commitments *to Moscow*": who they are made to
                sub = [c.i]
                for o in objs:
                    sub += [i for i in self._inner(o, depth + 1)]
                keep.update(sub)
            elif c.dep_ in ("compound",) or (c.dep_ == "punct" and c.text == "-"):
                keep.update(x.i for x in c.subtree)
            elif c.dep_ == "acl" and depth == 0 and any(
                    a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
                keep.update(x.i for x in c.subtree)  # "the decision to extend the truce"
                break
            else:
                break
        doc = head.doc
        lo, hi = min(keep), max(keep)
        toks = [doc[i] for i in range(lo, hi + 1) if i in keep or doc[i].text == "-"]
        if any(t.is_punct and t.text in ",;:()\"“”" for t in toks):
            toks = [t for t in toks if t.i <= head.i] or [head]
        while toks and (toks[0].dep_ in ("det", "predet", "cc") or toks[0].is_punct) \
                and toks[0].lower_ != "no":
            toks.pop(0)
        while toks and toks[-1].is_punct:
            toks.pop()
        return toks[:MAX_TOKENS]

    def _inner(self, o: Token, depth: int) -> list[int]:
        """A preposition's object inside an issue: a noun phrase's core, or a gerund with
        its object ("of *joining the alliance*")."""
        if o.pos_ == "VERB":
            out = [o.i]
            for d in children(o, "dobj", "attr", "prt"):
                out += [t.i for t in self._np_tokens(d, depth)]
            return out
        return [t.i for t in self._np_tokens(o, depth)]

    def _key_tokens(self, head: Token) -> list[Token]:
        """The noun phrase's tokens for its key, read through light
        heads ("a number *of* X", "hope *of* joining Y")."""
        cur = self._through_light(head)
        if cur.pos_ == "VERB":
            objs = children(cur, "dobj", "attr")
            return [*(self._np_tokens(objs[0]) if objs else []), cur]
        return self._np_tokens(cur)

    def key_head(self, head: Token) -> Token:
        """The word an issue is about: the noun, through light heads; a gerund's object."""
        cur = self._through_light(head)
        if cur.pos_ == "VERB":
            objs = children(cur, "dobj", "attr")
            if objs:
                return objs[0]
        return cur

    def _through_light(self, head: Token) -> Token:
        cur = head
        for _ in range(3):
            if lemma(cur) not in self.lex.light_nouns:
                break
            of = [p for p in children(cur, "prep") if p.lower_ == "of"]
            objs = children(of[0], "pobj", "pcomp") if of else []
            objs += [a for a in children(cur, "acl") if any(x.lower_ == "to" for x in a.children)]
            if not objs:
                break
            cur = objs[0]
        return cur

    # -- clauses --------------------------------------------------------------------------

    def clause_issues(self, verb: Token, actor_tokens: set[int], depth: int = 0) -> list[Issue]:
        """The issue(s) of a complement clause headed by ``verb``."""
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        lead: list[Token] = []
        if subj and subj[0].i not in actor_tokens and subj[0].pos_ in ("PROPN", "NOUN") \
                and verb.dep_ in ("ccomp", "relcl", "advcl", "conj"):
            lead = self._np_tokens(subj[0])[:4]  # "that *Ukraine* drop ..."
        neg = [c for c in verb.children if c.dep_ == "neg"]
        if lemma(verb) in self.lex.light_verbs or verb.lemma_ == "be":
            objs = self._light_objects(verb)
            issues = []
            for o in objs:
                if o.pos_ == "ADJ":
                    # "keep the border open": the small clause's subject with it
                    subj = [c for c in children(o, "nsubj") if c.pos_ in ("NOUN", "PROPN")]
                    owned = self._np_tokens(subj[0]) if subj else []
                    issues.append(self._issue(lead + neg + owned + [o], [*owned, o],
                                              o, subj[0] if subj else o))
                else:
                    issues.extend(i for h in [o, *[c for c in o.conjuncts if c.i > o.i]][:3]
                                  if (i := self.np_issue(h, lead + neg)) is not None)
            if issues:
                return issues
            if depth < 2:  # "agreed to have his envoys meet with ...": the clause it governs
                for c in children(verb, "ccomp", "xcomp"):
                    got = self.clause_issues(c, actor_tokens, depth + 1)
                    if got:
                        return got
        obj = next((o for o in _objects(verb) if o.pos_ != "PRON" and o.lower_ not in PRONOUNS),
                   None)
        if obj is None and any(o.lower_ in ("that", "which") for o in _objects(verb)):
            obj = _relative_head(verb)  # "the accountability that we want to see"
        prt = children(verb, "prt")
        words = lead + neg + [verb, *prt]
        key = [verb, *prt]
        if obj is None:
            for p in children(verb, "prep", "agent"):
                if p.lower_ in ISSUE_PREPS or p.dep_ == "agent":
                    objs = children(p, "pobj")
                    if objs and objs[0].pos_ != "PRON":
                        words.append(p)
                        obj = objs[0]
                        break
        if obj is not None:
            toks = self._np_tokens(obj)
            return [self._issue(words + toks, key + self._key_tokens(obj), verb,
                                self.key_head(obj))]
        xcomps = children(verb, "xcomp")
        if xcomps and depth < 2:  # "refuse to recognize X", "avoid coming here"
            inner = self.clause_issues(xcomps[0], actor_tokens, depth + 1)[0]
            own = self._issue(words, key, verb, verb)
            return [Issue(f"{own.text} to {inner.text}", _merge(inner.key, own.key),
                          inner.names, own.start, inner.end, verb.i)]
        issue = self._issue(words, key, verb, verb)
        if not issue.key and lead:  # "talks should start": the subject says what
            issue = self._issue(words, lead + key, verb, lead[-1])
        return [issue]

    def _light_objects(self, verb: Token) -> list[Token]:
        """What a light verb is used with: its object, its predicate (a noun or an adjective:
        "become a neutral state", "make itself neutral"), else its preposition's object."""
        out = [c for c in _objects(verb, ("dobj", "attr", "oprd", "acomp"))
               if c.pos_ != "PRON" and c.lower_ not in PRONOUNS]
        dobjs = [c for c in out if c.dep_ == "dobj"]
        if len(dobjs) > 1:  # "giving officers the power": the second object is the thing
            out = [c for c in out if c.dep_ != "dobj" or c is dobjs[-1]]
        for c in verb.children:
            if c.dep_ == "ccomp" and c.pos_ == "ADJ":
                out.append(c)  # "make itself neutral" (a small clause)
            if c.dep_ == "ccomp" and c.pos_ in ("AUX", "VERB") and lemma(c) == "be":
                out += children(c, "acomp", "attr")
        if not out:
            for p in children(verb, "prep", "agent"):
                if p.lower_ in ("to", "for", "on", "with", "into"):
                    out += [o for o in children(p, "pobj") if o.pos_ != "PRON"][:1]
                    if out:
                        break  # "enter into talks with his party": the talks
        return out

    # -- records --------------------------------------------------------------------------

    def _issue(self, toks: list[Token], key_toks: list[Token], head: Token,
               key_head: Token) -> Issue:
        toks = sorted({t.i: t for t in _whole_words(toks)}.values(), key=lambda t: t.i)
        doc = head.doc
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        text = " ".join(_join(toks))
        have = {t.i for t in toks}
        gaps = [doc[i] for i in range(toks[0].i, toks[-1].i + 1) if i not in have]
        if all(g.dep_ in ("det", "poss", "case", "predet") or g.text == "-"
               or (g.dep_ == "aux" and g.lower_ == "to") for g in gaps):
            text = parsed_text(doc)[start:end]  # as written, with the articles inside it
        key, names = self.key(key_toks, key_head)
        return Issue(text, key, names, start, end, head.i)

    def key(self, toks: list[Token], key_head: Token | None = None
            ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the key words, its head word first and the others sorted; those that are
        names). The head word: ``key_head``'s word, else the first noun's."""
        out: dict[str, Token] = {}
        names: set[str] = set()
        for word in _hyphenated(_whole_words(toks)):
            t = word[-1]
            low = "-".join(lemma(x) for x in word if x.text != "-") if len(word) > 1 else lemma(t)
            if t.pos_ not in KEY_POS or (len(word) == 1 and (
                    (t.pos_ not in ("NOUN", "PROPN") and low in STOP_WORDS)
                    or low.rstrip(".") in self.honorifics)):
                continue
            if t.pos_ == "ADJ" and low in self.lex.dropped_adjs:
                continue
            if t.pos_ == "VERB" and (low in self.lex.light_verbs or low == "be"):
                continue
            if t.pos_ == "NOUN" and low in self.lex.light_nouns:
                continue
            word_key = self.lex.fold(low)
            out.setdefault(word_key, t)
            if t.pos_ == "PROPN" or t.ent_type_ in NAMED + ("LOC", "FAC", "EVENT", "LAW"):
                names.add(word_key)
        if not out:
            return (), ()
        heads = [w for w, t in out.items() if key_head is not None and t.i == key_head.i]
        heads += [w for w, t in out.items() if t.pos_ in ("NOUN", "PROPN")] + list(out)
        head = heads[0]
        return (head, *sorted(w for w in out if w != head)), tuple(sorted(names))


def _relative_head(verb: Token) -> Token | None:
    """The noun a relative clause around ``verb`` modifies."""
    cur = verb
    for _ in range(4):
        if cur.dep_ == "relcl":
            return cur.head
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _merge(first: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """Two keys as one: the first key's head first."""
    if not first:
        return more
    return (first[0], *sorted((set(first[1:]) | set(more)) - {first[0]}))


def _objects(verb: Token, deps: tuple[str, ...] = ("dobj", "attr")) -> list[Token]:
    """A verb's objects, one per word: of a hyphenated word split into tokens ("de - escalation"
    all read as objects) only its last part."""
    out = []
    for c in verb.children:
        if c.dep_ not in deps or c.is_punct or c.text == "-":
            continue
        doc = c.doc
        if c.i + 2 < len(doc) and not c.whitespace_ and doc[c.i + 1].text == "-" \
                and doc[c.i + 2].dep_ == c.dep_ and doc[c.i + 2].head.i == verb.i:
            continue
        out.append(c)
    return out


def _whole_words(toks: list[Token]) -> list[Token]:
    """``toks`` with the rest of any hyphenated word they hold part of ("de - escalation"
    tokenised apart, "no - fly")."""
    if not toks:
        return toks
    doc = toks[0].doc
    have = {t.i for t in toks}
    for t in list(toks):
        i = t.i
        while i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text == "-" \
                and not doc[i + 1].whitespace_:
            have.update((i + 1, i + 2))
            i += 2
        i = t.i
        while i - 2 >= 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ \
                and not doc[i - 2].whitespace_:
            have.update((i - 1, i - 2))
            i -= 2
    return [doc[i] for i in sorted(have)]


def _hyphenated(toks: list[Token]) -> list[list[Token]]:
    """Tokens grouped into words: a hyphen written without spaces joins its neighbours."""
    out: list[list[Token]] = []
    for t in toks:
        prev = out[-1][-1] if out else None
        if prev is not None and prev.i == t.i - 1 and not prev.whitespace_ and (
                t.text == "-" or prev.text == "-"):
            out[-1].append(t)
        else:
            out.append([t])
    return out


def _join(toks: list[Token]) -> list[str]:
    """Words of a non-contiguous token list, possessive markers glued to their owner."""
    out: list[str] = []
    for t in toks:
        if out and (t.dep_ == "case" or t.text == "-" or (out[-1].endswith("-"))):
            out[-1] += t.text
        else:
            out.append(t.text)
    return out
