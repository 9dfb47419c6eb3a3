"""Attributions (source, cue, content) found from quote marks and the dependency parse.

Two passes over a parsed doc:

1. direct quotes: every quote span (see :mod:`.marks`) is linked to the nearest
   cue verb outside it in the sentence where the quote ends ("...," said X), else
   where it starts (X said: "..."), else a cue in the sentence just before that ends
   with a colon; a quote with no cue nearby continues the previous quote's
   attribution when that one is within ``CONTINUE_SENTENCES`` sentences;
2. reported speech: a cue verb (``cues``) with a clausal complement ("X said (that)
   ..."), "according to X", and cue verbs taking a quote or a "that" clause.

The source is the subject of the cue verb (its whole subtree, "regional governor X",
"a Western official", "who"), found by :mod:`.sources`; for "according to X" the object of
"to".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import DEP, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.quotes.cues import (
    ACCORDING,
    cue_lemmas,
    particles,
    speech_verbs,
    xcomp_speech_verbs,
)
from storyline.enrich.quotes.marks import QuoteSpan, find_quote_spans
from storyline.enrich.quotes.sources import (
    SUBJECTS,
    WH_TAGS,
    broad_subject,
    inverted_subject,
    span_of,
    subject,
    trim,
)

CONTINUE_SENTENCES = 2
_RELATIVES = ("that", "which", "whom")


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    content: tuple[int, int]
    kind: str  # direct | reported
    source_token: int | None = None  # index of the source's head token in the doc
    cue_token: int | None = None
    inherited: bool = False  # a continuation quote: source taken from the previous one


def _is_cue(tok: Token, lemmas: frozenset[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lemmas and \
        tok.dep_ != "amod" and not _passive_participle(tok) and not _set_phrase(tok)


_BARE = frozenset(("nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass"))


def _set_phrase(tok: Token) -> bool:
    """A cue verb in a set phrase that reports nobody's words: "That said, ...", "All told,
    ..." opening a sentence."""
    doc = tok.doc
    return tok.lower_ in ("said", "told") and 0 < tok.i < len(doc) - 1 and \
        doc[tok.i - 1].lower_ in ("that", "all") and doc[tok.i + 1].text == "," and \
        (tok.i - 1 == tok.sent.start or doc[tok.i - 2].is_punct)


def _passive_participle(tok: Token) -> bool:
    """A past participle heading a clause of its own with no subject or auxiliary ("*Asked*
    whether she would back it, X said ...", "*Pressed* on the plan, X ..."): the person the
    clause is about is the one asked, not one who says anything."""
    return tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and \
        not any(c.dep_ in _BARE for c in tok.children)


def _agent_named(tok: Token) -> bool:
    """A participle clause that names who acts ("*Asked by a caller* why ..., X said",
    "*Challenged by the moderator* on her fees, ..."): in the broad sense the agent's
    question or challenge is an attribution of its own (annotators mark 21 of 38 such
    clauses with the agent as source on PolNeAR train)."""
    return tok.dep_ == "advcl" and any(
        c.dep_ == "agent" and any(o.dep_ == "pobj" for o in c.children) for c in tok.children)


_AMOD = get_string_id("amod")
_ACCORDING_ARRAY = np.array(sorted(get_string_id(w) for w in ACCORDING), dtype=np.uint64)


def verb_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that pass :func:`_is_cue` but for the lemma (a verb or
    auxiliary, not an adjectival modifier), read from the doc's arrays: the scans for cues
    then make a Token only for these instead of for every token of the article."""
    if not len(doc):
        return []
    arr = doc.to_array([POS, DEP])
    pos, dep = arr[:, 0], arr[:, 1]
    return [int(i) for i in np.flatnonzero(((pos == VERB) | (pos == AUX)) & (dep != _AMOD))]


def according_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens whose lower-case form is in ``ACCORDING``."""
    if not len(doc):
        return []
    lows = doc.to_array(LOWER)
    return [int(i) for i in np.flatnonzero(np.isin(lows, _ACCORDING_ARRAY))]


def _mark_tokens(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of a quote mark's characters, whitespace left out (the parser's copy of
    the text pads some marks with a space: two apostrophes are read as ' "')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    marks = [t.i for t in span if not t.is_space]
    return doc[marks[0]:marks[-1] + 1] if marks else span


def _opening(doc: Doc, q: QuoteSpan) -> Span | None:
    return _mark_tokens(doc, q.start, max(q.inner_start, q.start + 1))


def _closing(doc: Doc, q: QuoteSpan) -> Span | None:
    return _mark_tokens(doc, min(q.inner_end, q.end - 1), q.end)


def _governing_verb(doc: Doc, q: QuoteSpan) -> Token | None:
    """A verb outside a quote that takes the quote as its complement and has a subject of
    its own ('"...," they chanted'): whatever the verb, its subject says the words. Never
    across a paragraph break (a quote closing one paragraph is no object of the next's
    first verb, however the parser joined them)."""
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if span is None:
        return None
    text = doc_text(doc)
    for t in span:
        h = t.head
        if t.dep_ in ("ccomp", "parataxis") and h.pos_ == "VERB" and \
                not (q.start <= h.idx < q.end) and \
                "\n" not in text[min(h.idx, q.end):max(h.idx, q.start)] and \
                any(c.dep_ in SUBJECTS and not (q.start <= c.idx < q.end) for c in h.children):
            return h
    return None


def _coordinated_report(tok: Token) -> Token | None:
    """The cue a verb of saying is coordinated with when the parser hung it on that cue's
    complement instead ("X said the base went into ... and *said* the rescue ...", "X said he
    makes $41,000 a year and *questioned* how ..."): a verb of saying with no subject of its
    own, in the cue's own tense, joined by "and" / "but" to the cue's complement."""
    if tok.dep_ != "conj" or tok.lemma_.lower() not in speech_verbs():
        return None
    head = tok.head
    cue = head.head
    if head.dep_ != "ccomp" or cue is head or cue.tag_ != tok.tag_ or \
            cue.lemma_.lower() not in cue_lemmas(True):
        return None
    if any(c.dep_ in SUBJECTS for c in tok.children) or \
            not any(c.dep_ == "cc" and head.i < c.i < tok.i for c in head.children):
        return None
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children):
        return None  # "said it had adopted ... and responded to ...": "had" serves both
    return cue


def _cue_span(doc: Doc, tok: Token) -> tuple[int, int]:
    end_tok = tok
    particle = particles().get(tok.lemma_.lower())
    prt = next((c for c in tok.rights if c.dep_ in ("prt", "prep") and c.lower_ == particle
                and c.i == tok.i + 1), None)
    if prt is not None:
        end_tok = prt
    return tok.idx, end_tok.idx + len(end_tok)


def _content_of(doc: Doc, tok: Token, objects: bool = False) -> tuple[int, int] | None:
    deps = ("ccomp", "xcomp") if objects or tok.lemma_.lower() in xcomp_speech_verbs() else ("ccomp",)
    text = doc_text(doc)
    # a complement in the cue's own paragraph before one the parser found across a line
    # break (the paragraph before: '..." \n X warned the picture was ...')
    # and, of two, the one after the cue ("The cards would be issued in 2008 and, ..., X
    # suggested Parliament could decide ...": the parser made both its complements)
    comps = sorted((c for c in tok.children if c.dep_ in deps), key=lambda c: ("\n" in text[
        min(c.left_edge.idx, tok.idx):max(c.left_edge.idx, tok.idx)], c.i < tok.i))
    comp = comps[0] if comps else None
    if comp is None and objects and tok.dep_ == "advcl" and tok.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        # "As the paper noted, trust is collapsing": the clause the "as" clause hangs on
        head = tok.head
        rest = [t for t in head.subtree if not tok.left_edge.i <= t.i <= tok.right_edge.i]
        rest = [t for t in rest if (t.i > tok.right_edge.i) == (head.i > tok.i)]
        if rest:
            return trim(doc, rest[0].idx, rest[-1].idx + len(rest[-1]))
    if comp is None and objects and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ == "dobj" and (c.tag_ in WH_TAGS or c.lower_ in _RELATIVES)
                    and c.i < tok.i for c in tok.children):
        # "a charge that the leaders denied": the verb's object is the noun the clause
        # hangs on
        noun = tok.head
        end_i = tok.left_edge.i - 1
        while end_i > noun.left_edge.i and doc[end_i].is_punct:
            end_i -= 1
        return trim(doc, noun.left_edge.idx, doc[end_i].idx + len(doc[end_i]))
    if comp is None and objects:
        # attribution in the broad sense: what the verb takes ("criticized the plan")
        rights = [c for c in tok.rights if c.dep_ in ("dobj", "prep", "attr", "oprd", "dative")]
        if rights:
            first, last = rights[0], rights[-1]
            return trim(doc, first.left_edge.idx,
                         doc[last.right_edge.i].idx + len(doc[last.right_edge.i]))
    if comp is None and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        # "The plan, he said, would fail": the clause the cue interrupts, less the cue
        head = tok.head
        left = [t for t in head.subtree if t.i < tok.left_edge.i]
        right = [t for t in head.subtree if t.i > tok.right_edge.i]
        if not left or not right:
            return None
        return trim(doc, left[0].idx, right[-1].idx + len(right[-1]))
    if comp is None:
        return None
    start = doc[comp.left_edge.i].idx
    end = doc[comp.right_edge.i].idx + len(doc[comp.right_edge.i])
    second = next((c for c in comp.children
                   if (cue := _coordinated_report(c)) is not None and cue.i == tok.i), None)
    if second is not None:  # "said the base ... and said ...": up to the "and"
        cc = max(c.i for c in comp.children if c.dep_ == "cc" and c.i < second.i)
        end = doc[cc].idx
    if start < tok.idx < end and tok.dep_ == "relcl" and all(
            t.tag_ in WH_TAGS or t.is_punct for t in comp.subtree if t.i < tok.i):
        # "policies, which he said had harmed ...": the relative word opens the clause the
        # cue reports (it stands for the noun the clause is about); the words after the cue
        start = doc[min(t.i for t in comp.subtree if t.i > tok.i)].idx
    if start < tok.idx < end:
        return None  # the complement wraps round the cue: a parse we do not trust
    if "\n" in text[start:tok.idx]:
        # the complement begins in the paragraph before the cue's (a closing quote mark the
        # parser hung on this sentence): what the cue reports is in its own paragraph
        own = trim(doc, text.rfind("\n", start, tok.idx) + 1, end)
        if own is not None and own[0] < tok.idx:
            start = own[0]
    cut = text.find("\n", start, end)
    return trim(doc, start, cut if cut > 0 else end)


def _fronted_content(doc: Doc, tok: Token) -> tuple[tuple[int, int], Token | None] | None:
    """The words before a cue that closes its sentence after a comma, with nothing of its
    own after it but adverbials: "The plan will fail, she said." / "Sorry, X said." /
    "..., said X." (the parser hangs such a cue anywhere: ROOT, advcl, parataxis)."""
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in tok.children):
        return None
    sent = tok.sent
    after = [t for t in doc[tok.i + 1:sent.end] if not (t.is_punct or t.is_space)]
    if len(after) > 6:
        return None  # words of its own after the cue ("..., X was accused of ... by ...")
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    # the subject right before the cue ("she said"), else the cue first ("said X")
    subj = next((c for c in subjects if tok.i - 3 <= c.right_edge.i < tok.i), None)
    if subj is None and not any(c.i > tok.i for c in subjects):
        return None
    first = subj.left_edge.i if subj is not None else tok.i
    if first <= sent.start or doc[first - 1].text != ",":
        return None
    if tok.head is not tok and tok.head.i > tok.i:
        return None  # the cue heads on to a clause after it
    before = doc[sent.start:first - 1]
    if not any(t.pos_ in ("VERB", "AUX") for t in before) and len(before) > 2:
        return None  # a clause, or a word or two ("Sorry, X said.")
    content = trim(doc, before.start_char, before.end_char)
    if content is None:
        return None
    return content, subj or next((c for c in subjects if c.i > tok.i), None)


def _according(doc: Doc, lemmas: frozenset[str]) -> list[Attribution]:
    out = []
    for i in according_candidates(doc):
        tok = doc[i]
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        sent = tok.sent
        src = span_of(doc, obj)
        lo, hi = tok.idx, doc[obj.right_edge.i].idx + len(doc[obj.right_edge.i])
        root = sent.root
        # "Although X grows, according to Y, Z revealed W": the clause after names its own
        # source with a cue of its own, so the phrase belongs to the clause before it
        own_source = root.idx >= hi and root.lemma_.lower() in lemmas and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
        if lo - sent.start_char > sent.end_char - hi or (
                own_source and trim(doc, sent.start_char, lo) is not None):
            content = trim(doc, sent.start_char, lo)
        else:
            content = trim(doc, hi, sent.end_char)
        if content is None or src is None:
            continue
        out.append(Attribution((tok.idx, to.idx + len(to)), src, content, "reported",
                               obj.i, tok.i))
    return out


_OWN_OBJECTS = ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd")


def _governing_cue(doc: Doc, q: QuoteSpan, cands: list[Token]) -> Token | None:
    """The nearest cue among ``cands`` whose phrase holds a short quoted fragment (the words
    are its object: "called for a 'pause year'", "claims he used her as a 'human shield'")."""
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    ids = {t.i for t in cands}
    tok: Token = span.root
    for _ in range(8):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.i in ids:
            return tok
    return None


def _speech_just_before(doc: Doc, q: QuoteSpan, lemmas: frozenset[str]) -> bool:
    """The sentence right before the quote, in its paragraph, reports someone's speech
    with a cue of its own outside quote marks ("X said the plan would stand.")."""
    first = _opening(doc, q)
    if first is None or not len(first) or first[0].sent.start == 0:
        return False
    prev = doc[first[0].sent.start - 1].sent
    if "\n" in doc_text(doc)[prev.end_char:q.start]:
        return False
    return any(_is_cue(t, lemmas) and _content_of(doc, t) is not None and
               subject(t) is not None for t in prev)


def _opens_passage(doc: Doc, q: QuoteSpan) -> bool:
    """The quote opens its sentence (or follows a colon): a passage of quoted speech that
    may continue the last speaker's words. A fragment inside the narrator's sentence
    ('Labour claims he used her as a "human shield"') continues nobody's."""
    first = _opening(doc, q)
    if first is None or not len(first):
        return True
    before = doc_text(doc)[first[0].sent.start_char:q.start].strip()
    return not before or before.endswith((":", "\u2014", "-", ".", "?", "!"))


def _names_the_quote(subj: Token, cue: Token, q: QuoteSpan) -> bool:
    """The quoted words stand inside the subject's own phrase ('the "friendly" first meeting
    indicated', 'the so-called "rotten apples" theory, which argued'): a label for the
    subject, not words the subject says."""
    head = cue.head if cue.dep_ == "relcl" and subj.lower_ in ("which", "that", "who") \
        else subj
    first = head.left_edge
    last = head if head is not subj else subj.right_edge
    return first.idx < q.start and q.end <= last.idx + len(last)


def _quote_cues(doc: Doc, q: QuoteSpan, lemmas: frozenset[str]) -> Token | None:
    """The cue verb a direct quote hangs on, looked for outside the quote."""
    end_tok = _closing(doc, q)
    start_tok = _opening(doc, q)
    sents: list[Span] = []
    if end_tok is not None and len(end_tok):  # a span of whitespace only is empty
        sents.append(end_tok[0].sent)
        nxt = end_tok[-1].i + 1
        if nxt < len(doc) and doc[nxt].sent != end_tok[0].sent and doc[nxt].is_sent_start:
            sents.append(doc[nxt].sent)  # '"...." said X.' split into two sentences
    if start_tok is not None and len(start_tok) and start_tok[0].sent not in sents:
        sents.append(start_tok[0].sent)
        first = start_tok[0].sent
        if first.start > 0:
            prev = doc[first.start - 1].sent
            if doc_text(doc)[prev.start_char:prev.end_char].rstrip().endswith(":"):
                sents.append(prev)
    text = doc_text(doc)
    # paragraphs: the clean text ends each with one newline ("\n\n" in raw input)
    para_start = text.rfind("\n", 0, q.start) + 1
    if text[:q.start].rstrip().endswith(":"):  # 'X said:' closing the paragraph before
        para_start = text.rfind("\n", 0, max(0, para_start - 2)) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    for n, sent in enumerate(sents):
        cands = [t for t in sent if _is_cue(t, lemmas) and not (q.start <= t.idx < q.end)
                 and para_start <= t.idx < para_end]  # never across a paragraph break
        if not cands:
            continue
        if n == 1 and end_tok is not None and sent.start == end_tok[-1].i + 1:
            # the next sentence only if it starts right at the cue ("said X.")
            if cands[0].i > sent.start + 3 or _content_of(doc, cands[0]) is not None or any(
                    c.dep_ in _OWN_OBJECTS for c in cands[0].children):
                continue  # a cue with words of its own ("X added that ...", "X announced
                # plans to ...") is not this one's
        if n >= 1 and sent.end_char <= q.start:
            return cands[-1]
        holding = [t for t in cands if (c := _content_of(doc, t)) and c[0] <= q.inner_start
                   and q.inner_end <= c[1]]
        if holding:
            return holding[0]  # 'said Russia had "failed ..." but cautioned': the clause's cue
        governing = _governing_cue(doc, q, cands)
        if governing is not None:
            return governing  # 'called for a "pause year" to assess ...': called
        return min(cands, key=lambda t: min(abs(t.idx - q.end), abs(t.idx - q.start)))
    return None


_ASIDE_OPENERS = (",", "-", "--", "\u2014", "\u2013")


def _source_span(doc: Doc, subj: Token, cue: Token,
                 lemmas: frozenset[str] | None = None) -> tuple[int, int] | None:
    """The source's span, cut before the cue's own phrase when the source's phrase holds it
    ("officials who said ..."). With ``lemmas`` (broad attributions), also cut before a
    non-restrictive relative clause that is an attribution of its own ("X, who said in an
    interview that ..., recalled"; "Y, which has endorsed Z, urged"): PolNeAR's annotators
    mostly leave such a clause out of the source (57 of 82 on train 0-500), while they keep
    other relative clauses (168 of 284)."""
    inside = subj.left_edge.i <= cue.i <= subj.right_edge.i and subj.i < cue.left_edge.i
    stop = doc[cue.left_edge.i:cue.right_edge.i + 1] if inside else None
    if lemmas is not None:
        for rel in subj.subtree:
            first = rel.left_edge.i
            if rel.dep_ == "relcl" and rel.head.i >= subj.i and first > subj.i + 1 and \
                    doc[first - 1].text in _ASIDE_OPENERS and rel.lemma_.lower() in lemmas and \
                    (stop is None or first - 1 < stop.start):
                stop = doc[first - 1:rel.right_edge.i + 1]
                break
    span = span_of(doc, subj, stop=stop)
    if lemmas is not None and span is not None and subj.left_edge.lower_ == "even" and \
            subj.left_edge.i < subj.i and span[0] == subj.left_edge.idx:
        # "even Obama said": the focusing adverb is no part of who speaks (14 of 17 on train)
        span = trim(doc, doc[subj.left_edge.i + 1].idx, span[1])
    return span


def find_attributions(
    doc: Doc, broad: bool = False, lexicon: frozenset[str] = frozenset(),
    continue_sentences: int = CONTINUE_SENTENCES, exclude: frozenset[str] = frozenset(),
) -> list[Attribution]:
    """Every attribution of ``doc`` in text order (see the module docstring).

    ``broad`` widens the cues from verbs of saying to every attribution verb (beliefs,
    evidence, the learned ``lexicon``, less the learned unreliable ones in ``exclude``)
    and lets a cue's object stand as its content.
    """
    lemmas = (cue_lemmas(broad) | lexicon) - exclude if broad else cue_lemmas(False)
    out: list[Attribution] = []
    used_cues: set[int] = set()
    last: Attribution | None = None
    last_sent = -10
    sent_idx = {s.start: n for n, s in enumerate(doc.sents)}
    for q in find_quote_spans(doc_text(doc)):
        inner = trim(doc, q.inner_start, q.inner_end)
        if inner is None or len(doc_text(doc)[inner[0]:inner[1]].split()) < 2 and q.closed:
            continue  # a one-word scare quote is part of the text around it
        first = _opening(doc, q)
        here = sent_idx.get(first[0].sent.start, 0) if first is not None else 0
        cue = _quote_cues(doc, q, lemmas) or _governing_verb(doc, q)
        if cue is not None:
            head = _coordinated_report(cue) or cue  # 'said it was ... but added, "..."'
            subj = broad_subject(head) if broad else subject(head)
            if subj is not None and q.start <= subj.idx < q.end and cue.idx >= q.end:
                subj = None  # the parser made a word of the quote its subject ('"Thanks,
                # X," said Y' read with "Thanks" as subject and Y as attribute)
            if subj is None and cue.idx >= q.end:
                subj = inverted_subject(cue)
            if subj is not None and _names_the_quote(subj, cue, q):
                subj = None  # 'the "friendly and easy" meeting indicated': nobody says it
            src = None if subj is None else _source_span(doc, subj, cue, lemmas) if broad \
                else span_of(doc, subj, stop=None)
            if src is not None and src[0] < q.end and src[1] > q.start:
                src = None
            kind, content = "direct", inner
            clause = _content_of(doc, cue)
            if clause is not None and clause[0] <= q.inner_start and q.inner_end <= clause[1] \
                    and clause[1] - clause[0] > q.inner_end - q.inner_start + 3:
                kind, content = "reported", clause  # a quoted fragment of reported speech
            att = Attribution(_cue_span(doc, cue), src, content, kind,
                              subj.i if subj is not None else None, cue.i)
            used_cues.add(cue.i)
        elif last is not None and here - last_sent <= continue_sentences and \
                _opens_passage(doc, q):
            att = replace(last, content=inner, cue=None, cue_token=None, inherited=True)
        elif _opens_passage(doc, q) and _speech_just_before(doc, q, lemmas):
            # 'The minister said the plan would stand. "We have ..."': the words go on
            # from the reported speech before them (the speaker is that attribution's)
            att = Attribution(None, None, inner, "direct", inherited=True)
        else:
            att = Attribution(None, None, inner, "direct")
        out.append(att)
        last, last_sent = att, here
    direct = [a for a in out if a.kind == "direct"]
    for i in verb_candidates(doc):
        if i in used_cues:
            continue
        tok = doc[i]
        if tok.lemma_.lower() not in lemmas or _set_phrase(tok) or (
                _passive_participle(tok) and not (broad and _agent_named(tok))):
            continue
        said = _content_of(doc, tok, objects=broad)
        fronted = _fronted_content(doc, tok) if said is None else None
        if fronted is not None:
            said = fronted[0]
        if said is None:
            continue
        if any(a.content[0] <= tok.idx < a.content[1] for a in direct):
            continue  # a cue inside a quote belongs to the quoted speaker's words
        coordinated = _coordinated_report(tok)
        if coordinated is None and (broad and tok.lemma_.lower() not in speech_verbs() or
                                    not broad) and any(
                a.kind == "reported" and a.content[0] <= tok.idx < a.content[1] for a in out):
            continue  # "said he expects ...": a belief inside reported speech is its content
        subj = fronted[1] if fronted is not None else (
            broad_subject(tok) if broad else subject(tok))
        if coordinated is not None:
            subj = broad_subject(coordinated) if broad else subject(coordinated)
        src = None if subj is None else _source_span(doc, subj, tok, lemmas) if broad \
            else span_of(doc, subj)
        out.append(Attribution(_cue_span(doc, tok), src, said, "reported",
                               subj.i if subj is not None else None, tok.i))
    out.extend(_according(doc, lemmas))
    # a direct quote inside a reported clause is part of it ("X claimed it was “a lie”")
    reported = [a for a in out if a.kind == "reported"]
    out = [a for a in out if not (a.kind == "direct" and a.cue is None and any(
        r.content[0] <= a.content[0] and a.content[1] <= r.content[1] for r in reported))]
    seen: set[tuple[tuple[int, int] | None, tuple[int, int]]] = set()
    unique = []
    for a in sorted(out, key=lambda a: a.content[0]):
        if (a.cue, a.content) not in seen:  # two fragments of one reported clause
            seen.add((a.cue, a.content))
            unique.append(a)
    return unique
