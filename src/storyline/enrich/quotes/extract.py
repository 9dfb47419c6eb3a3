"""Direct and reported quotes with their speakers, for the enrich stage.

Attributions come from :func:`storyline.enrich.quotes.attributions.find_attributions` with
verbs of saying as cues; each source is resolved by
:class:`storyline.enrich.quotes.speakers.SpeakerResolver` to an article-local entity
key (the stage maps keys to entity ids), a pronoun's antecedent, or a description.
A continuation quote (a paragraph of quoted speech with no cue of its own) keeps the
previous quote's speaker. The quote's date is the day-precision DATE mention of the
cue's sentence outside the quoted words ("said on Tuesday"), else the publication day
(None for an undated article).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from storyline.enrich.dates.normalise import parse_published
from storyline.enrich.nlp.sentences import doc_text, sentence_index
from storyline.enrich.quotes.attributions import Attribution, find_attributions
from storyline.enrich.quotes.confidence import keep_confident
from storyline.enrich.quotes.cues import cue_lemmas, load_lexicon, unreliable_cues
from storyline.enrich.quotes.speakers import Speaker, SpeakerResolver
from storyline.records import (
    Article,
    AttributionSpan,
    DateMention,
    EntityMention,
    Quote,
    Sentence,
)
from storyline.settings import QuoteSettings
from storyline.wordlists import words as wordlist


def _date_for(doc: Doc, att: Attribution, dates: Sequence[DateMention]) -> str | None:
    """The day the words were said: a DATE attached to the cue verb ("said on Tuesday")."""
    if att.cue_token is None:
        return None
    for d in dates:
        if not d.value or d.precision != "day" or att.content[0] <= d.start < att.content[1]:
            continue
        span = doc.char_span(d.start, d.start + 1, alignment_mode="expand")
        if span is None:
            continue
        tok = span[0]
        for _ in range(3):
            if tok.head is tok:
                break
            tok = tok.head
            if tok.i == att.cue_token:
                return d.value
    return None


def _unsaid(doc: Doc, att: Attribution) -> bool:
    """Words nobody said: a cue denied, refused or still to come before an embedded
    question ("have yet to say where", "did not say when", "declined to say how"), or a
    cue whose object is a free relative ("agree with what X has said if we ..."), whose
    clause after it is the writer's own."""
    if att.cue_token is None or att.kind == "direct":
        return False
    cue = doc[att.cue_token]
    if any(c.dep_ == "dobj" and c.lower_ == "what" and c.i < cue.i for c in cue.children):
        return True
    first = doc_text(doc)[att.content[0]:att.content[1]].split()[:1]
    if not first or first[0].lower() not in wordlist("question_words"):
        return False
    head = cue.head if cue.dep_ == "xcomp" else None
    return any(c.dep_ == "neg" for c in cue.children) or (head is not None and (
        head.lemma_.lower() in wordlist("cue_unsaid_heads")
        or any(c.dep_ == "neg" or c.lower_ == "yet" for c in head.children)))


def extract_quotes(
    doc: Doc,
    article: Article,
    sents: list[Sentence],
    mentions: list[EntityMention],
    dates: Sequence[DateMention] = (),
    settings: QuoteSettings | None = None,
) -> list[Quote]:
    qs = settings or QuoteSettings()
    published = parse_published(article.published)
    day = published.isoformat() if published else None
    resolver = SpeakerResolver(doc, list(mentions))
    out: list[Quote] = []
    previous: Speaker | None = None
    for att in find_attributions(doc, broad=False, continue_sentences=qs.continue_sentences):
        text = doc_text(doc)[att.content[0]:att.content[1]].strip()
        if not text or _unsaid(doc, att):
            continue
        if att.inherited and previous is not None:
            speaker = previous
        else:
            tok = doc[att.source_token] if att.source_token is not None else None
            cue = doc[att.cue_token] if att.cue_token is not None else None
            speaker = resolver.resolve(tok, att.source, cue, att.content)
            resolver.remember(att.source[0] if att.source else att.content[0], speaker)
        if not speaker.name:
            continue  # words with nobody saying them (a sign, a slogan) are not a quote
        previous = speaker
        idx = sentence_index(sents, att.content[0])
        out.append(Quote(
            article_id=article.id,
            sentence_idx=idx,
            text=text,
            kind="direct" if att.kind == "direct" else "reported",
            speaker=speaker.name,
            speaker_key=speaker.key,
            start=att.content[0],
            end=att.content[1],
            cue=doc_text(doc)[att.cue[0]:att.cue[1]] if att.cue else None,
            date=_date_for(doc, att, dates) or day,
            sentence=sents[idx].text if sents else "",
        ))
    return out


def _one_relation_per_cue(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` with the repeats of one attribution relation marked as continuations (their
    source is the one already given): the second part of a split quote ('"A," said X, "B."'
    gives two contents of one cue and one source), and an infinitive cue under a cue of the
    same source ("declined to comment", "sought to assure": the head verb is the cue), and a
    message's words under the cue that puts it out ("X issued a statement saying ...": one
    relation, cue "issued", source X)."""
    seen: set[tuple[tuple[int, int] | None, tuple[int, int] | None]] = set()
    cues = {a.cue_token: a.source for a in atts if a.cue_token is not None and not a.inherited}
    out = []
    for a in atts:
        if not a.inherited and a.cue is not None and a.source is not None:
            tok = doc[a.cue_token] if a.cue_token is not None else None
            if (a.cue, a.source) in seen or (
                    tok is not None and tok.dep_ == "xcomp" and tok.head.i != tok.i
                    and cues.get(tok.head.i) == a.source) or (
                    tok is not None and tok.dep_ in ("acl", "relcl") and
                    tok.head.dep_ == "dobj" and cues.get(tok.head.head.i) == a.source):
                a = replace(a, inherited=True)
            seen.add((a.cue, a.source))
        out.append(a)
    return out


def extract_attributions(doc: Doc, article: Article, sents: list[Sentence],
                         settings: QuoteSettings | None = None) -> list[AttributionSpan]:
    """Every attribution of the article in the broad sense (all attribution verbs, the
    learned lexicon less its unreliable cues) that the learned confidence model keeps
    (:mod:`storyline.enrich.quotes.confidence`), as spans of the clean text."""
    qs = settings or QuoteSettings()
    lexicon = load_lexicon(qs.lexicon_min_share, qs.lexicon_min_count, qs.lexicon_min_precision)
    exclude = unreliable_cues(qs.lexicon_min_precision, qs.lexicon_min_count)
    speech = cue_lemmas(False)
    out = []
    found = find_attributions(doc, broad=True, lexicon=lexicon, exclude=exclude,
                              continue_sentences=qs.continue_sentences)
    for att in _one_relation_per_cue(doc, keep_confident(doc, found)):
        cue = doc[att.cue_token] if att.cue_token is not None else None
        out.append(AttributionSpan(
            article_id=article.id,
            sentence_idx=sentence_index(sents, att.content[0]),
            kind=att.kind,
            content=att.content,
            source=att.source,
            cue=att.cue,
            inherited=att.inherited,
            speech=cue is not None and cue.lemma_.lower() in speech,
        ))
    return out
