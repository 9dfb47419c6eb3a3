"""How likely a broad attribution's source is right: a linear model over the cue's context.

A verb in the attribution lexicon is a cue in some uses only ("Clinton *called* the plan a
mistake" is, "*called* her mother" is not), and the lemma alone cannot tell them apart. Each
broad attribution with a source is described by a few dozen indicator features: the cue's
lemma and the word list it comes from, its dependency label and tag, what it takes (a "that"
clause, an infinitive, an object), negation, modal and other auxiliaries, the verb it hangs
on and the word before it, the kind of source (pronoun, name, entity type, person noun,
relative pronoun, its length and where it stands), whether the cue stands in a quote, a
relative clause or the headline. The score is the dot product of the features' weights plus
a bias; attributions under the threshold are dropped from the broad set.

The weights are learned by logistic regression on PolNeAR train (``storyline eval quotes
--data DIR --learn-weights``, :mod:`storyline.evaluation.quotes.weights`) and shipped as
``storyline/data/attribution_weights.tsv``: ``feature<TAB>weight`` lines, with the
``__bias__`` and the ``__threshold__`` (chosen on a held-apart train slice). No learning
library is needed to score.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.quotes.attributions import Attribution
from storyline.enrich.quotes.cues import RELATIVE_PRONOUNS, speech_verbs
from storyline.wordlists import tab_rows
from storyline.wordlists import words as wordlist

WEIGHTS_FILE = "attribution_weights.tsv"
BIAS = "__bias__"
THRESHOLD = "__threshold__"
_PRONOUNS = ("he", "she", "they", "i", "we", "it", "you", "this", "that", "who", "which")
_MODALS = ("will", "would", "could", "can", "may", "might", "should", "must")


def weights_path() -> Path:
    return Path(str(resources.files("storyline") / "data" / WEIGHTS_FILE))


@lru_cache(maxsize=1)
def load_weights() -> dict[str, float]:
    """The shipped weights ({} when the file is missing: every attribution is kept)."""
    return {"\t".join(row[:-1]): float(row[-1]) for row in tab_rows(weights_path())}


def _length(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-6" if n <= 6 else "7+"


def _list_of(lemma: str) -> str:
    if lemma in speech_verbs():
        return "speech"
    if lemma in wordlist("cue_verbs_cognition"):
        return "cognition"
    if lemma in wordlist("cue_verbs_evidence"):
        return "evidence"
    return "lexicon"


def _in_quotes(doc: Doc, tok: Token) -> bool:
    """An odd number of double quote marks before the cue in its paragraph."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    before = text[start:tok.idx]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def features(doc: Doc, cue: Token, source: Token | None, source_span: tuple[int, int],
             kind: str) -> list[str]:
    """The indicator features of one attribution (see the module docstring)."""
    lemma = cue.lemma_.lower()
    deps = {c.dep_ for c in cue.children}
    out = [f"lem={lemma}", f"list={_list_of(lemma)}", f"kind={kind}", f"dep={cue.dep_}",
           f"tag={cue.tag_}", f"head_pos={cue.head.pos_ if cue.head is not cue else 'ROOT'}"]
    out += [f"child={d}" for d in sorted(deps & {"ccomp", "xcomp", "dobj", "prep", "agent",
                                                 "dative", "advcl", "attr", "oprd"})]
    if "ccomp" in deps:
        comp = next(c for c in cue.children if c.dep_ == "ccomp")
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in comp.children):
            out.append("that_clause")
        out.append(f"lem_ccomp={lemma}")
    elif "xcomp" in deps:
        out.append(f"lem_xcomp={lemma}")
    elif "dobj" in deps:
        out.append(f"lem_dobj={lemma}")
    if "neg" in deps:
        out.append("neg")
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in cue.children):
        out.append("modal")
    out += [f"aux={c.lower_}" for c in cue.children
            if c.dep_ in ("aux", "auxpass") and _word(c)]
    if cue.head is not cue and _word(cue.head):
        out.append(f"head_lem={cue.head.lemma_.lower()}|{cue.dep_}")  # "used it to advocate"
    if cue.i > 0 and _word(prev := doc[cue.i - 1]):
        # the word before: a function word or punctuation as itself ("who", "to", ","),
        # any other word by its part of speech (no names: they would not generalise)
        out.append(f"prev={prev.lower_}" if prev.is_stop or prev.is_punct
                   else f"prev_pos={prev.pos_}")
    if _in_quotes(doc, cue):
        out.append("in_quotes")
    if cue.sent.start == 0:
        out.append("first_sentence")
    if any(c.dep_ == "dobj" and c.lower_ == "what" for c in cue.children):
        out.append("what_object")  # "what X said about it": no content of its own
    n = len(doc_text(doc)[source_span[0]:source_span[1]].split())
    out.append(f"src_len={_length(n)}")
    if "," in doc_text(doc)[source_span[0]:source_span[1]]:
        out.append("src_comma")
    if source is None:
        return out
    low = source.lower_
    out.append(f"src_pos={source.pos_}")
    out.append(f"src_dep={source.dep_}")
    out.append(f"src_{'after' if source.i > cue.i else 'before'}")
    if source.ent_type_:
        out.append(f"src_ent={source.ent_type_}")
    if low in _PRONOUNS:
        out.append(f"src_pron={low}")
    if low in RELATIVE_PRONOUNS:
        out.append("src_relative")
    if source.lemma_.lower() in wordlist("person_nouns"):
        out.append("src_person_noun")
    if source.head is not cue:
        out.append("src_not_child")
    out.append(f"lem_src={lemma}|{source.ent_type_ or source.pos_}")
    out.append(f"lem_dep={lemma}|{cue.dep_}")
    out.append(f"lem_tag={lemma}|{cue.tag_}")
    if any(t.like_num or t.lower_ in ("percent", "%") for t in source.subtree):
        out.append("src_number")  # "37 percent of voters say": a poll's share
    first = doc[source.left_edge.i].lower_
    if first in ("the", "a", "an"):
        out.append(f"src_det={first}")
    return out


def _word(tok: Token) -> bool:
    """A token that can name a feature: no whitespace in it (the weights file is
    tab-separated, one feature a line)."""
    return bool(tok.text) and not any(ch.isspace() for ch in tok.text)


def score(feats: list[str], weights: dict[str, float]) -> float:
    return weights.get(BIAS, 0.0) + sum(weights.get(f, 0.0) for f in feats)


def confident(doc: Doc, cue: Token, source: Token | None, source_span: tuple[int, int],
              kind: str, weights: dict[str, float] | None = None) -> bool:
    """The attribution's score reaches the shipped threshold (always, with no weights)."""
    w = load_weights() if weights is None else weights
    if not w:
        return True
    return score(features(doc, cue, source, source_span, kind), w) >= w.get(THRESHOLD, 0.0)


def keep_confident(doc: Doc, atts: list[Attribution],
                   weights: dict[str, float] | None = None) -> list[Attribution]:
    """``atts`` less the attributions with a cue and a source whose score is under the
    threshold (continuations, attributions without a source and direct quotes on a verb of
    saying are kept: the model filters attributions in the broad sense, not quotes)."""
    w = load_weights() if weights is None else weights
    if not w:
        return atts
    speech = speech_verbs()
    return [a for a in atts if a.inherited or a.cue_token is None or a.source is None
            or (a.kind == "direct" and doc[a.cue_token].lemma_.lower() in speech)
            or confident(doc, doc[a.cue_token], _source_token(doc, a), a.source, a.kind, w)]


def _source_token(doc: Doc, att: Attribution) -> Token | None:
    return doc[att.source_token] if att.source_token is not None else None
