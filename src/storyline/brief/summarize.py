"""The cited extractive brief of one story: central, non-redundant sentences across outlets.

Input: the story's articles as plain records (:class:`BriefArticle`: id, outlet, date, title,
and the sentences the enrich stage stored, as ``(idx, text)``). Output: a list of
:class:`~storyline.records.BriefSentence`, each verbatim from one article and citing every
article that states the same thing.

Method:

1. Candidates: each article's first ``lead_sentences`` sentences that can stand alone
   (:mod:`storyline.brief.candidates`: no quote fragments, questions, bylines, furniture,
   very short or long sentences), a dateline or label taken off the front.
2. TF-IDF over Porter stems, fitted on the story (:mod:`storyline.brief.similarity`).
3. Score = LexRank centrality (the headlines are nodes of the graph too, pulling towards
   what the story is about) x a lead prior ``1 / (1 + idx) ** position_power`` x
   ``(1 + support_weight x share of the other outlets that state the sentence)``.
4. MMR selection (``mmr_lambda``) under a word budget (larger for a story told over
   several days: :func:`budget`); a sentence ``redundancy``-similar to
   one already chosen is left out.
5. Citations: every article with a sentence ``cite_threshold``-similar to the chosen one
   whose numbers agree (headlines only in a headline brief); a syndicated copy without
   sentences of its own goes with its original.
6. Order: by the quoted article's date, then sentence position.

A story whose articles have no usable sentence (headlines only, feed items) gets a brief of
its headlines, near-identical ones grouped and cited together. The output depends only on
the set of articles given, not on their order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from storyline.brief.candidates import reject_reason, usable_span, words
from storyline.brief.centrality import lexrank
from storyline.brief.similarity import SentenceSpace
from storyline.records import BriefSentence
from storyline.settings import BriefSettings

_CHUNK = 256
_TIE = 1e-9


@dataclass(frozen=True, slots=True)
class BriefArticle:
    """One article of a story as the brief reads it."""

    id: str
    source: str | None = None
    published: str | None = None
    title: str | None = None
    sentences: tuple[tuple[int, str], ...] = ()
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class _Unit:
    art: int  # index into the sorted articles
    idx: int  # sentence index; -1 for the headline
    text: str  # the usable span of the sentence (or headline)
    candidate: bool


def _order_key(a: BriefArticle) -> tuple[bool, str, str]:
    return (a.published is None, a.published or "", a.id)


def _units(arts: Sequence[BriefArticle], cfg: BriefSettings) -> tuple[list[_Unit], bool]:
    """All sentences and headlines; the second value says whether this is a headline brief."""
    units: list[_Unit] = []
    for ai, a in enumerate(arts):
        title = (a.title or "").strip()
        if title:
            units.append(_Unit(ai, -1, title, False))
        for idx, text in sorted(a.sentences):
            start, end = usable_span(text)
            span = text[start:end]
            if not span.strip():
                continue
            ok = idx < cfg.lead_sentences and reject_reason(
                span, cfg.min_sentence_words, cfg.max_sentence_words, cfg.max_quote_share
            ) is None
            units.append(_Unit(ai, idx, span, ok))
    if any(u.candidate for u in units):
        return units, False
    if any(u.idx < 0 for u in units):
        return [_Unit(u.art, u.idx, u.text, u.idx < 0) for u in units], True
    # no sentence stands alone and no article has a headline: each article's first sentence
    # that has words (long or quoted as it may be) stands for it
    firsts: set[int] = set()
    out = []
    for u in units:
        first = u.art not in firsts and bool(words(u.text))
        if first:
            firsts.add(u.art)
        out.append(_Unit(u.art, u.idx, u.text, first))
    return out, False


def _stating(space: SentenceSpace, rows: list[int], units: list[_Unit], threshold: float,
             headline_brief: bool) -> list[set[int]]:
    """For each unit in ``rows``: the articles with a unit stating the same thing.

    A headline is evidence only in a headline brief: it is short and names the story's main
    event, so it looks like any sentence about that event without stating the rest of it.
    """
    out: list[set[int]] = []
    for lo in range(0, len(rows), _CHUNK):
        chunk = rows[lo:lo + _CHUNK]
        sims = space.cosine(chunk)
        for r, i in enumerate(chunk):
            arts = {units[i].art}
            for j in np.flatnonzero(sims[r] >= threshold):
                u = units[int(j)]
                if (u.idx < 0) != headline_brief:
                    continue
                if space.same(i, int(j), float(sims[r, j]), threshold):
                    arts.add(u.art)
            out.append(arts)
    return out


def _outlet(a: BriefArticle) -> str:
    return a.source.strip().lower() if a.source and a.source.strip() else f"article:{a.id}"


def _fits(total: int, n: int, cfg: BriefSettings) -> bool:
    """Whether a sentence of ``n`` words may join a brief of ``total`` words (the first may
    always: a story with a usable sentence gets a brief)."""
    if total == 0:
        return True
    if total + n > cfg.max_words:
        return False
    return total + n - cfg.target_words < cfg.target_words - total


def _select(scores: np.ndarray, sim: np.ndarray, lengths: list[int],
            cfg: BriefSettings) -> list[int]:
    """MMR under the word budget; indices into the candidate arrays, in choice order."""
    top = float(scores.max()) if len(scores) else 0.0
    norm = scores / top if top > 0 else scores
    chosen: list[int] = []
    total = 0
    while len(chosen) < cfg.max_sentences and total < cfg.target_words:
        best, best_val = -1, -np.inf
        for i in range(len(norm)):
            if i in chosen or not _fits(total, lengths[i], cfg):
                continue
            red = float(sim[i, chosen].max()) if chosen else 0.0
            if red >= cfg.redundancy:
                continue
            val = cfg.mmr_lambda * float(norm[i]) - (1.0 - cfg.mmr_lambda) * red
            if val > best_val + _TIE:  # equal texts tie: the earlier article's is quoted
                best, best_val = i, val
        if best < 0:
            break
        chosen.append(best)
        total += lengths[best]
    return chosen


def _with_copies(cited: set[int], arts: Sequence[BriefArticle], has_text: set[int]) -> set[int]:
    """Add syndicated copies (no sentences of their own) of the cited articles."""
    ids = {arts[i].id for i in cited}
    roots = {arts[i].duplicate_of or arts[i].id for i in cited}
    out = set(cited)
    for i, a in enumerate(arts):
        if i in out or i in has_text:
            continue
        if (a.duplicate_of and (a.duplicate_of in ids or a.duplicate_of in roots)) or (
            a.id in roots
        ):
            out.add(i)
    return out


def budget(arts: Sequence[BriefArticle], cfg: BriefSettings) -> BriefSettings:
    """The settings with the word budget for these articles: ``target_words`` plus
    ``words_per_news_day`` for each publication day after the first (at most
    ``max_target_words``), ``max_words`` grown in the same ratio."""
    days = len({a.published[:10] for a in arts if a.published})
    target = min(cfg.target_words + cfg.words_per_news_day * max(days - 1, 0),
                 max(cfg.max_target_words, cfg.target_words))
    if target == cfg.target_words:
        return cfg
    return replace(cfg, target_words=target,
                   max_words=math.ceil(cfg.max_words * target / cfg.target_words))


def summarize(articles: Sequence[BriefArticle],
              settings: BriefSettings | None = None) -> list[BriefSentence]:
    """The story's brief: verbatim sentences, each citing every article that states it."""
    arts = sorted({a.id: a for a in articles}.values(), key=_order_key)
    cfg = budget(arts, settings or BriefSettings())
    units, headline_brief = _units(arts, cfg)
    if not units:
        return []
    cand = [i for i, u in enumerate(units) if u.candidate]
    cand.sort(key=lambda i: (units[i].idx, units[i].art))
    cand = sorted(cand[:cfg.max_candidates])
    titles = [i for i, u in enumerate(units) if u.idx < 0 and not u.candidate]
    space = SentenceSpace([u.text for u in units])

    nodes = cand + titles
    graph = space.cosine(nodes, nodes)
    central = lexrank(graph, cfg.damping)[: len(cand)]
    central = central / central.max() if central.max() > 0 else central

    stating = _stating(space, cand, units, cfg.cite_threshold, headline_brief)
    outlets = [_outlet(a) for a in arts]
    n_outlets = len(set(outlets))
    support = np.array([
        len({outlets[a] for a in s} - {outlets[units[i].art]}) / max(1, n_outlets - 1)
        for i, s in zip(cand, stating, strict=True)
    ])
    prior = np.array([1.0 / (1.0 + max(units[i].idx, 0)) ** cfg.position_power for i in cand])
    scores = central * prior * (1.0 + cfg.support_weight * support)

    sim = graph[: len(cand), : len(cand)]
    lengths = [words(units[i].text) for i in cand]
    chosen = _select(scores, sim, lengths, cfg)

    has_text = {u.art for u in units if u.idx >= 0}
    out: list[tuple[tuple[int, int], BriefSentence]] = []
    for k in chosen:
        u = units[cand[k]]
        cited = _with_copies(stating[k], arts, has_text)
        brief = BriefSentence(
            text=u.text,
            article_ids=tuple(arts[a].id for a in sorted(cited)),
            article_id=arts[u.art].id,
            sentence_idx=None if u.idx < 0 else u.idx,
        )
        out.append(((u.art, u.idx), brief))
    return [b for _, b in sorted(out, key=lambda kb: _reading_key(kb[0], arts))]


def _reading_key(key: tuple[int, int], arts: Sequence[BriefArticle]) -> tuple[bool, str, int, int]:
    """Dated sentences by date then position; undated ones by position then article."""
    art, idx = key
    a = arts[art]
    if a.published is None:
        return (True, "", idx, art)
    return (False, a.published, idx, art)
