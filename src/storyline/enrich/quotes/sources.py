"""The source (speaker) of an attribution: the subject of its cue verb, found through the
parse's usual errors, and the source's span.

The subject is inherited from the governing verb for "..., adding that" and coordinated
verbs; "was praised by X" gives the agent; "quoted X as saying" the one quoted; "X issued a
statement saying" the one who puts the message out. A broken parse is read the way the
sentence is written: of several subjects the one next to the cue (or all of them when an
"and" joins them), a speaker named after a mid-sentence cue ("A key priority, said the WEF,
is ..."), a subject the parser hung on the clause before, a name set off by commas before
the cue, the reporter of a participle hung on the reported clause ("X said that ...,
noting ..."). The span is the subject's subtree (relative clauses kept, as annotators
mostly do) less asides, a dateline, phrases saying when, quotes and line breaks.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.enrich.nlp.sentences import doc_text
from storyline.enrich.quotes.cues import cue_lemmas, particles
from storyline.wordlists import words as wordlist

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
WH_TAGS = ("WDT", "WP", "WP$")  # relative and question words
_EDGE_PUNCT = " \t\n,;:.-–—\"'“”‘’()[]`"


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = doc_text(doc)
    while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
        start += 1  # and no-break spaces
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1].isspace()):
        end -= 1
    if start > 0 and text[start - 1] == "“" and "”" in text[start:end + 1]:
        start -= 1  # keep the opening mark of a quoted fragment that closes inside the span
    if end < len(text) and text[end] in "”’\"" and text.count("“‘\""[("”’\"").index(text[end])],
                                                           start, end) > text.count(text[end], start, end):
        end += 1  # keep the closing mark of a quoted fragment that opens inside the span
    return (start, end) if end > start else None


QUOTING_VERBS = ("quote", "cite")  # "quoted X as saying": X is the source


def subject(tok: Token) -> Token | None:
    """The subject of a cue verb, inherited through conj / participial / xcomp heads; for
    "the agency quoted X as telling ..." / "cited him as saying ...", the one quoted."""
    cur: Token | None = tok
    for _ in range(4):
        if cur is None:
            return None
        if cur.dep_ == "pcomp" and cur.head.lower_ == "as" and \
                cur.head.head.lemma_.lower() in QUOTING_VERBS:
            quoted = next((c for c in cur.head.head.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted
        agent = next((c for c in cur.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if by is not None:
            return by  # "was praised by X": the agent is the source
        subjects = [c for c in cur.children if c.dep_ in SUBJECTS]
        # several subjects: a broken parse of '"Words," X said.' hangs the words' own
        # subject on the cue too; the speaker is the one next to it
        at = cur.i
        subj = min(subjects, key=lambda c: abs(c.i - at)) if subjects else None
        if subj is not None and len(subjects) > 1:
            subj = _first_joined(subj)  # "voters in A, B and C said": one subject
        if subj is not None and subj.pos_ in ("VERB", "AUX"):
            return None  # "Addressing claims that ...": a gerund is nobody
        if (subj is None or subj.tag_ in WH_TAGS) and cur is tok and \
                cur.dep_ in ("acl", "relcl"):
            issuer = _issuer(cur.head)
            if issuer is not None:
                return issuer  # "X issued a statement saying / that said": X
        if subj is not None and cur is tok and subj.i < tok.i and _break_between(subj, tok):
            subj = _nearest_name_before(tok) or subj
        if subj is not None:
            if cur is tok:
                inverted = _parenthetical_speaker(tok, subj)
                if inverted is not None:
                    return inverted
            return subj if subj.dep_ != "nsubjpass" else None
        if any(c.dep_ == "expl" for c in cur.children):
            return None
        if cur is tok:
            stray = _stray_subject(tok) if cur.dep_ == "conj" else (
                _by_agent(tok) or _name_before(tok))
            if stray is not None:
                return stray
        if cur.dep_ == "xcomp" and cur.head.pos_ != "VERB":
            return None  # "it is hard to see": no speaker
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in wordlist("cue_control_verbs") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            controller = next((c for c in cur.head.children
                               if c.dep_ == "dobj" and c.i < cur.i), None)
            if controller is not None:
                return controller  # "the timing led Republicans to say ...": Republicans
        reporter = _reporting_verb(cur)
        if reporter is not None:
            cur = reporter  # "X said the plan failed, noting that ...": X notes it
            continue
        if cur.dep_ in ("conj", "advcl", "xcomp", "ccomp", "acl") and cur.head is not cur:
            if cur.dep_ in ("ccomp",) and cur.head.lemma_.lower() not in ("continue",):
                return None
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        return None
    return None



def _reporting_verb(tok: Token) -> Token | None:
    """The cue whose reported clause a participle set off by a comma was hung on ("X said
    that the plan failed, noting that ...", "X argued that a database would help, saying
    ...": the parser attaches the participle to the reported verb, but X says it): the verb
    of saying or thinking before it in the sentence, with no quote mark between."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.left_edge.i == 0 or \
            tok.doc[tok.left_edge.i - 1].text != ",":
        return None
    clause = tok.head
    cue = clause.head
    if clause.dep_ != "ccomp" or cue.i >= clause.i or cue.lemma_.lower() not in cue_lemmas(True) \
            or cue.sent.start != tok.sent.start:
        return None
    if any(t.is_quote for t in tok.doc[cue.i:tok.i]):  # spaCy's quotes include `` and ''
        return None
    return cue


def _joined(a: Token, b: Token) -> bool:
    """Two subjects of one verb joined by a comma or "and" / "or" and nothing else (a
    relative or question word opens a clause of its own: "whom reports identify")."""
    if a.right_edge.i >= b.left_edge.i or any(
            t.left_edge.tag_ in WH_TAGS or t.tag_ in WH_TAGS for t in (a, b)):
        return False
    between = a.doc[a.right_edge.i:b.left_edge.i]  # a's last word and the gap
    return all(t.text == "," or t.dep_ == "cc" for t in between[1:]) and any(
        t.text == "," or t.dep_ == "cc" for t in between)


def joined_subjects(tok: Token) -> list[Token]:
    """The subjects of ``tok``'s verb that the parser split from one coordinated subject
    ("89% of Democrats and 83% of Republicans endorse", "voters in Alabama, Georgia and
    Virginia said", read as two subjects of the verb): ``tok`` and the subjects joined to
    it by commas and conjunctions only, in text order."""
    if tok.dep_ not in SUBJECTS or tok.head.i == tok.i:
        return [tok]
    sibs = sorted((c for c in tok.head.children if c.dep_ in SUBJECTS), key=lambda c: c.i)
    if len(sibs) < 2:
        return [tok]
    n = [s.i for s in sibs].index(tok.i)
    lo = hi = n
    while lo > 0 and _joined(sibs[lo - 1], sibs[lo]):
        lo -= 1
    while hi + 1 < len(sibs) and _joined(sibs[hi], sibs[hi + 1]):
        hi += 1
    doc = tok.doc
    if not any(t.dep_ == "cc" for t in doc[sibs[lo].right_edge.i:sibs[hi].right_edge.i + 1]):
        return [tok]  # commas only: an opening phrase the parser took for a subject
    return sibs[lo:hi + 1]


def _issuer(noun: Token) -> Token | None:
    """Who puts out the message ``noun`` names, when it is the object of a verb of issuing
    it ("X issued a statement", "the campaign sent an email"): that verb's subject."""
    if noun.lemma_.lower() not in wordlist("cue_message_nouns") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    if verb.lemma_.lower() not in wordlist("cue_issuing_verbs"):
        return None
    found = subject(verb)
    return found if found is not None and found.tag_ not in WH_TAGS else None


def _first_joined(tok: Token) -> Token:
    return joined_subjects(tok)[0]


_EXPLETIVES = ("it", "there", "this")


def broad_subject(tok: Token) -> Token | None:
    """The source of an attribution verb in the broad sense when :func:`subject` finds
    none: the subject of the verb a gerund hangs on through a preposition ("X was
    criticised for dismissing ...", "X made a point of saying ... and adding ..."), and of
    the clause an
    adjective takes an infinitive in ("her strategists have been reluctant to reveal ...";
    not "it is hard to see"); the subject of "he's said", which the parser reads as a
    passive. (The noun a participle modifies, "polls showing ...", was
    right for a quarter of such cues on PolNeAR train 500-700 and is left out.)"""
    found = subject(tok)
    if found is not None:
        return found
    cur = tok
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head  # "by mentioning X and adding": the first gerund's
    passive = next((c for c in cur.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "\u2019s")
                                   for c in cur.children):
        return passive  # "he's said": has, not is, read as a passive
    for _ in range(4):
        head = cur.head
        if head is cur:
            return None
        if cur.dep_ == "pcomp" and head.dep_ == "prep":
            verb = head.head
            if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "attr"):
                verb = verb.head  # "made a point of saying"
        elif cur.dep_ in ("xcomp", "advcl") and head.pos_ == "ADJ":
            verb = head.head  # "reluctant to reveal", "quick to point out"
        else:
            return None
        if verb is head or verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        # "X was criticised for saying": the one criticised said it
        found = subject(verb) or (next((c for c in verb.children if c.dep_ == "nsubjpass"),
                                       None) if cur.dep_ == "pcomp" else None)
        if found is not None:
            return None if found.lower_ in _EXPLETIVES else found
        cur = verb
    return None


def _parenthetical_speaker(tok: Token, subj: Token) -> Token | None:
    """The speaker named right after a cue set in the middle of its sentence ("A key
    priority, in both settings, said the WEF, is ..." / "The main risk, said the bank, is
    ..."), which the parser reads as the cue's object or its clause's subject while it
    makes the sentence's topic the cue's subject. Only when that subject cannot speak (a
    common noun naming no person or body: ``person_nouns``, ``events_agent_nouns``) and
    the one after the cue can (a name, or a noun naming a person or body)."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != "," or subj.i > tok.i or not _mute(subj):
        return None
    heads = [c for c in tok.children if c.dep_ == "dobj"]
    heads += [g for c in tok.children if c.dep_ == "ccomp" for g in c.children
              if g.dep_ in ("nsubj", "nsubjpass")]
    for h in heads:
        if h.left_edge.i == tok.i + 1 and (h.pos_ == "PROPN" or h.ent_type_ in _SPEAKING or (
                h.pos_ == "NOUN" and not _mute(h))):
            return h
    return None


_SPEAKING = ("PERSON", "ORG", "NORP", "GPE")


def _mute(tok: Token) -> bool:
    """A common noun that names no one able to speak ("priority", "risk"), with no name
    or number in its phrase ("a third of voters, 33%," / "his pollster, X,")."""
    if tok.pos_ != "NOUN" or any(t.ent_type_ or t.pos_ in ("PROPN", "NUM") for t in tok.subtree):
        return False
    lemma = tok.lemma_.lower()
    return lemma not in wordlist("person_nouns") and lemma not in wordlist("events_agent_nouns")


def _break_between(a: Token, b: Token) -> bool:
    """A sentence end the parser ran over between two tokens ("... at $640m. Allianz")."""
    doc = a.doc
    return any((doc[i].text in (".", "!", "?") or (  # "$640m." ends in the token "m."
        doc[i].text.endswith(".") and i > 0 and doc[i - 1].like_num))
        and doc[i + 1].is_title for i in range(a.i, b.i - 1))


def _nearest_name_before(tok: Token) -> Token | None:
    """The noun phrase right before a cue ("Allianz, a leading German insurer, said"):
    the head of the apposition ending just before it."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    head = tok.doc[i]
    while head.dep_ in ("appos", "compound", "amod") and head.head is not head and \
            head.head.i < tok.i:
        head = head.head
    return head if head.pos_ in ("PROPN", "NOUN") else None


def _by_agent(tok: Token) -> Token | None:
    """The agent of a cue with no subject that the parser hung as "by" on the cue's object
    ("a move branded a 'humiliating retreat' by the Tories")."""
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "oprd", "attr")):
        for p in obj.children:
            if p.dep_ == "prep" and p.lower_ == "by":
                agent = next((o for o in p.children if o.dep_ == "pobj"), None)
                if agent is not None and not _mute(agent) and (
                        agent.pos_ in ("PROPN", "NOUN") or agent.ent_type_ in _SPEAKING):
                    return agent
    return None


def _name_before(tok: Token) -> Token | None:
    """A name set off by commas right before a cue that the parser gave no subject
    ("Responding to the speech, shadow minister X, said: ..." with X hung elsewhere)."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "," or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle ("..., saying") shares its head's subject
    name = tok.doc[tok.i - 2]
    if name.like_num and name.dep_ == "appos" and name.head.i == tok.i - 4 and \
            tok.doc[tok.i - 3].text == ",":
        name = name.head  # "As part of his plea, X, 44, said": the name before the age
    if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG") or name.head is tok or \
            name.dep_ in ("dobj", "pobj", "dative", "attr", "oprd", "conj"):
        return None
    return name


def _stray_subject(tok: Token) -> Token | None:
    """The subject of a coordinated cue that the parser hung on the clause before as an
    object: "the market has its problems and analysts warn that ..." (analysts: conj of
    problems), so the cue would wrongly inherit the first clause's subject."""
    if tok.i < 2:
        return None
    prev = tok.doc[tok.i - 1]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ not in ("conj", "dobj", "pobj", "appos"):
        return None
    before = tok.doc[prev.left_edge.i - 1] if prev.left_edge.i > 0 else None
    if before is None or before.lower_ not in ("and", "but", "while", "as"):
        return None
    return prev


def inverted_subject(cue: Token) -> Token | None:
    """The speaker written after the cue of a quote before it ('"...," said X' parses with
    X as subject; '"...," chimed in her friend X' leaves X the object of the particle)."""
    particle = particles().get(cue.lemma_.lower())
    for c in cue.rights:
        if c.dep_ in ("dobj", "attr", "oprd", "npadvmod", "appos") and \
                c.pos_ in ("NOUN", "PROPN"):
            return c
        if c.dep_ in ("prep", "prt") and particle is not None and c.lower_ == particle:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    # a name right after the cue that the parser made the subject of what follows it
    # ('"...," said Dana Whitfield, half joking': Whitfield hung on "joking")
    doc, end = cue.doc, cue.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    if end > cue.i + 1 and (end == len(doc) or doc[end].is_punct):
        return doc[end - 1]
    return None


_ASIDE_DEPS = ("acl", "advcl")
_ASIDE_MARKS = (",", "--", "—", "–")


def _aside_cut(doc: Doc, tok: Token, right: int) -> int:
    """The last token before an aside set off by a comma or dash inside a source's subtree:
    a non-restrictive relative clause ("Reid, who endorsed Clinton"), a participle ("Trump,
    speaking at a rally"), an age ("Zimmerman, 32"). Annotators leave these out of the
    source; a restrictive clause ("officials who ...") stays."""
    cut = right
    for t in tok.subtree:
        if t.i <= tok.i or t.i > right:
            continue
        aside = t.dep_ in _ASIDE_DEPS and t.tag_ == "VBG"
        if not aside:
            continue
        before = t.left_edge.i - 1
        if before > tok.i and doc[before].text in _ASIDE_MARKS:
            cut = min(cut, before - 1)
    return cut


_DASHES = ("-", "--", "\u2014", "\u2013")


def _dateline_end(doc: Doc, i: int) -> int | None:
    """The first token after the dateline that opens token ``i``'s paragraph ("RANGOON,
    Burma - ...", "MIAMI -- ...": a place in capitals, maybe a region, a dash), when
    ``i`` is within the paragraph's first few tokens; else None."""
    start = i
    while start > 0 and i - start < 12 and not _breaks_line(doc[start - 1]) and \
            not doc[start - 1].is_space:
        start -= 1
    if start > 0 and not (_breaks_line(doc[start - 1]) or doc[start - 1].is_space):
        return None
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    for j in range(start + 1, min(len(doc) - 1, start + 8)):
        t = doc[j]
        if t.text in _DASHES and t.whitespace_:
            return j + 1
        if _breaks_line(t) or t.pos_ in ("VERB", "AUX") or not (
                t.pos_ == "PROPN" or t.is_punct or t.is_upper):
            return None
    return None


def _breaks_line(tok: Token) -> bool:
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


_TIME_PREPOSITIONS = ("on", "during", "at", "in")
_TIMES = ("DATE", "TIME")


def _time_phrase(tok: Token) -> bool:
    """A phrase that says when ("on Tuesday", "during a Sunday interview", "Tuesday"), not
    one that names a thing with a date in it ("a copy of the 2013 memo", "a study from
    2011", "the nominee for the Nov. 8 election": annotators keep those in the source)."""
    if tok.dep_ != "npadvmod" and (tok.dep_ != "prep" or tok.lower_ not in _TIME_PREPOSITIONS):
        return False
    return any(t.ent_type_ in _TIMES for t in tok.subtree)


def _with_last_abbreviation(doc: Doc, tok: Token, right: int) -> int:
    """``right`` past the abbreviation that ends the sentence after a speaker named last
    ('..., said Sen. X, R-S.C.' / '..., says X, a student from Fresno, Calif.'), which the
    parser reads as the sentence's full stop; else ``right``."""
    end = right
    while end > tok.i and doc[end].is_punct:
        end -= 1
    nxt = end + 2
    if tok.i < tok.head.i or nxt >= len(doc) or doc[end + 1].text != ",":
        return right
    last = doc[nxt]
    while last.dep_ in ("compound", "punct") and last.head.i > last.i and \
            last.head.i < tok.sent.end:
        last = last.head  # "R - S.C."
    if last.dep_ == "punct" and last.pos_ == "PROPN" and last.text.endswith(".") and \
            last.i + 1 >= tok.sent.end - (1 if doc[tok.sent.end - 1].is_space else 0):
        return last.i
    return right


def span_of(doc: Doc, tok: Token, stop: Span | None = None) -> tuple[int, int] | None:
    """The subtree of ``tok`` as character offsets (relative clauses kept, as annotators
    mostly do), cut before a date the parser hung on it, a quote, and a line break."""
    dateline = _dateline_end(doc, tok.i)
    if dateline is not None and tok.i < dateline:
        # "RANGOON, Burma - X's allies said": the parser made the dateline the subject,
        # the source its apposition
        named = next((c for c in tok.rights if c.dep_ == "appos" and c.i >= dateline), None)
        if named is None:
            return None
        tok = named
    left, right = tok.left_edge.i, tok.right_edge.i
    joined = joined_subjects(tok)
    if joined[0].i == tok.i and len(joined) > 1:
        right = joined[-1].right_edge.i  # one subject split in two by the parser
    for child in tok.rights:
        # "Trump on Tuesday": a date attached to the subject by the parser is not the source
        if _time_phrase(child):
            right = min(right, child.left_edge.i - 1)
    if stop is not None and left < stop.start <= right:
        right = stop.start - 1
    right = min(right, _aside_cut(doc, tok, right))
    for child in tok.rights if tok.head.i < tok.i else ():
        # a speaker after its cue: "say analysts, the failure of talks ... has not led" is
        # no apposition but the clause's own subject (a verb follows it)
        after = child.right_edge.i + 1
        if child.dep_ == "appos" and after < len(doc) and doc[after].pos_ in ("VERB", "AUX") \
                and child.left_edge.i > left and doc[child.left_edge.i - 1].text == ",":
            right = min(right, child.left_edge.i - 2)
    opened = _dateline_end(doc, left)
    if opened is not None and left < opened <= right:
        left = opened  # "MIAMI -- X said": the place the story is filed from is no one
    # never across a line break: of the lines the subtree spans, the one next to the verb
    # ("11:30 a.m.\n\nMore candidates said", "Headline words\n\nX says": the last)
    breaks = [i for i in range(left, right) if _breaks_line(doc[i])]
    if breaks and tok.head.i > right:
        left = breaks[-1] + 1
    elif breaks:
        right = breaks[0] - 1 if doc[breaks[0]].is_space else breaks[0]
    while right > left and (doc[right].dep_ in ("cc", "punct", "preconj") or
                            doc[right].lower_ in ("all", "both", "each", "alike")):
        right -= 1
    right = _with_last_abbreviation(doc, tok, right)
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    return trim(doc, start, end)
