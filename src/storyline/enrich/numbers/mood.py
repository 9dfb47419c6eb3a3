"""Is a figure stated as a fact? Read from the clause the figure stands in.

- negated: the figure's clause (or the noun it counts) is negated, the figure not being
  its subject: "I am not predicting three million deaths", "the flood did not destroy
  300 homes" (not "14% never voted", "no more than 500": a bound the amount reads as a
  qualifier). Such a figure is not a claim at all.
- projected: the clause is a possibility or a condition: "could kill 5,000 people",
  "might cost $2bn", "if 30% of people were infected, 100,000 would die". The figure is
  kept, as a projection: a kind of its own, never a value of a count of what happened.
- suspected: a count of people that the sentence calls suspected, unconfirmed or probable
  ("reports that 176 people had died ... were only suspected cases"): a kind of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.enrich.numbers.amounts import Amount

_POSSIBLE = frozenset({"could", "might", "may"})
_CONDITIONS = frozenset({"if", "unless"})
_NEGATORS = frozenset({"not", "n't", "never", "neither", "nor"})
UNCERTAIN = frozenset({"suspected", "probable", "presumed", "unconfirmed", "possible"})
_UNCERTAIN_HEADS = frozenset({"case", "death", "infection", "fatality", "casualty", "victim",
                              "toll", "figure", "report"})
_CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "xcomp",
                "csubj", "pcomp")


def heads_clause(tok: Token) -> bool:
    """``tok`` is the verb of a clause of its own (the sentence's, or one inside it)."""
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ in _CLAUSE_DEPS


def clause_verb(tok: Token) -> Token:
    """The verb heading the clause a token stands in."""
    node = tok
    for _ in range(12):
        if heads_clause(node) or node.head.i == node.i:
            return node
        node = node.head
    return node


def _attached(doc: Doc, amount: Amount) -> Token:
    """The token the figure hangs from outside itself (the counted noun or the verb)."""
    tok = doc[amount.number[-1]]
    for _ in range(4):
        if not amount.first <= tok.head.i < amount.last or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.head if tok.head.i != tok.i else tok


def _verbs(doc: Doc, amount: Amount) -> list[Token]:
    """The figure's clause verb, and for a conjoined or infinitive clause the verb it
    shares its auxiliaries with ("could rise and kill 5,000")."""
    verb = clause_verb(_attached(doc, amount))
    out = [verb]
    node = verb
    for _ in range(3):
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def _in_subject(tok: Token, verb: Token) -> bool:
    """``tok`` stands in the verb's subject ("14% of them never voted": the figure is
    who did not; the figure itself is stated)."""
    node = tok
    for _ in range(12):
        if node.head.i == verb.i:
            return node.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def negated(doc: Doc, amount: Amount) -> bool:
    noun = _attached(doc, amount)
    if noun.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True  # "not 300 homes", "no 500 jobs"
    figure = doc[amount.number[-1]]
    return any(not _in_subject(figure, v) and any(
        c.dep_ == "neg" or c.dep_ in ("advmod", "preconj") and c.lower_ in _NEGATORS
        for c in v.children if c.i not in amount.number) for v in _verbs(doc, amount))


def subject_negated(doc: Doc, amount: Amount) -> bool:
    """The figure counts the subject of a negated verb: "300 homes were not insured"."""
    figure = doc[amount.number[-1]]
    return any(_in_subject(figure, v) and any(
        c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in _NEGATORS for c in v.children)
        for v in _verbs(doc, amount))


def _described_subject(tok: Token, verb: Token) -> bool:
    """``tok`` stands in a phrase inside the verb's subject ("a rise in prices of 7.1% could
    stoke inflation": the rise is a fact, what it could do is not)."""
    node, through = tok, False
    for _ in range(12):
        if node.head.i == verb.i:
            return through and node.dep_ in ("nsubj", "nsubjpass", "csubj")
        if node.head.i == node.i:
            return False
        through = through or node.dep_ == "pobj"
        node = node.head
    return False


def projected(doc: Doc, amount: Amount) -> bool:
    figure = doc[amount.number[-1]]
    for verb in _verbs(doc, amount):
        if _described_subject(figure, verb):
            return False
        auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if set(auxes) & _POSSIBLE and "have" not in auxes:
            return True  # "could kill 5,000" (not "may have died": an estimate of the past)
        node = verb
        for _ in range(6):  # the clause or one above it is an if/unless clause
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in node.children):
                return True
            if node.dep_ != "advcl" and any(
                    c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS
                                              for m in c.children) and
                    any(a.lower_ in ("would", "could", "might") for a in node.children)
                    for c in node.children):
                return True  # "if 30% were infected, 100 would die"
            if node.head.i == node.i or node.dep_ in ("relcl", "acl"):
                break  # a relative clause states a fact of its noun: "if the sector - which
                # saw production fall 0.5% - had been excluded"
            node = clause_verb(node.head)
    return False


def suspected(doc: Doc, amount: Amount) -> bool:
    """The sentence calls the figure's people suspected or unconfirmed."""
    sent = doc[amount.number[0]].sent
    for tok in sent:
        if amount.first <= tok.i < amount.last or tok.lower_ not in UNCERTAIN:
            continue
        if tok.dep_ == "amod" and tok.head.lemma_.lower() in _UNCERTAIN_HEADS:
            return True  # "were only suspected cases", "unconfirmed reports"
        if tok.pos_ == "VERB" and tok.lemma_.lower() == "suspect":
            return True
    return False
