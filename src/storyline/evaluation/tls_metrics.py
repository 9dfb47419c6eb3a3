"""Timeline summarisation scores as news-tls reports them (Gholipour Ghalandari & Ifrim
2020), through tilse's metrics (Martschat & Markert 2017):

- **date selection**: precision, recall and F1 of the predicted dates against the gold
  dates (news-tls ``evaluate_dates``);
- **alignment-based ROUGE-N** (tilse ``align_date_content_costs_many_to_one``, "align+
  m:1"): every predicted date is aligned to the gold date of least cost, and every gold
  date to the predicted date of least cost, the cost of a pair being
  ``(1 - 1/(|days apart| + 1)) * (1 - approx. ROUGE-1 F of their summaries)`` (the
  approximation: whitespace tokens, clipped counts, as tilse's
  ``compute_rouge_approximation``; the first least cost wins, as numpy's argmin).
  Precision sums, over predicted dates, the n-gram hits with the aligned gold summary
  weighted by ``1/(|days apart| + 1)``, over their n-gram counts; recall the same over
  gold dates;
- the n-gram counts are ROUGE-1.5.5's with the options tilse runs it with (``-n 2 -m -s
  -t 2``): each daily summary's sentences joined, lower-cased, "-" split off, everything
  but letters and digits a space; stop words (ROUGE's own SMART list) removed; tokens
  longer than three characters Porter-stemmed (:mod:`storyline.evaluation.rouge`'s
  stemmer; ROUGE-1.5.5 first looks irregular forms up in WordNet's exception lists,
  which are not shipped: "said" stays "said" instead of becoming "say", in prediction
  and gold alike);
- **average over timelines** as news-tls ``get_average_results``: the mean precision
  and the mean recall, and F1 of those two means.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from storyline.brief.porter import stem as porter_stem
from storyline.wordlists import word_list

Summary = Sequence[str]  # a daily summary: its sentences
Timeline = Mapping[dt.date, Summary]

_NON_WORD = re.compile(r"[^A-Za-z0-9\-]")
_KEEP = re.compile(r"^[a-z0-9$]")


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0


@cache
def stop_words() -> frozenset[str]:
    return frozenset(word_list("rouge_stop_words"))


def rouge_tokens(sentences: Summary) -> list[str]:
    """A summary's tokens as ROUGE-1.5.5 counts them with ``-m -s``."""
    text = " ".join(s.lower() for s in sentences).replace("-", " - ")
    stops = stop_words()
    out = []
    for t in _NON_WORD.sub(" ", text).split():
        if t in stops or not _KEEP.match(t):
            continue
        out.append(porter_stem(t) if len(t) > 3 else t)
    return out


def ngram_counts(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class Counts:
    """ROUGE-N raw counts of a peer summary against one model: hits (clipped matches),
    the peer's n-grams and the model's."""

    hits: int
    peer: int
    model: int


def rouge_counts(peer: Summary, model: Summary, n: int) -> Counts:
    p = ngram_counts(rouge_tokens(peer), n)
    m = ngram_counts(rouge_tokens(model), n)
    hits = sum(min(c, p[g]) for g, c in m.items() if g in p)
    return Counts(hits, sum(p.values()), sum(m.values()))


def rouge_approximation(pred: Summary, ref: Summary) -> float:
    """tilse's ``compute_rouge_approximation`` with one reference: ROUGE-1 F over
    whitespace tokens (case and punctuation kept), counts clipped."""
    pc: Counter[str] = Counter()
    for s in pred:
        pc.update(s.split())
    rc: Counter[str] = Counter()
    for s in ref:
        rc.update(s.split())
    match = sum(min(c, rc[t]) for t, c in pc.items())
    p = match / sum(pc.values()) if pc else 0.0
    r = match / sum(rc.values()) if rc else 0.0
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def date_prf(pred: Iterable[dt.date], ref: Iterable[dt.date]) -> PRF:
    """news-tls ``evaluate_dates``."""
    p, r = set(pred), set(ref)
    shared = len(p & r)
    return PRF(shared / len(p) if p else 0.0, shared / len(r) if r else 0.0)


def _weight(a: dt.date, b: dt.date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def _argmin(row: list[float]) -> int:
    best = 0
    for i, v in enumerate(row):
        if v < row[best]:
            best = i
    return best


def alignment(pred: Timeline, ref: Timeline) -> tuple[list[int], list[int]]:
    """The many-to-one alignment: for each predicted date (sorted) the index of its gold
    date, and for each gold date (sorted) the index of its predicted date."""
    pd, rd = sorted(pred), sorted(ref)
    cost = [[(1 - _weight(p, r)) * (1 - rouge_approximation(pred[p], ref[r])) for r in rd]
            for p in pd]
    to_ref = [_argmin(row) for row in cost]
    to_pred = [_argmin([cost[i][j] for i in range(len(pd))]) for j in range(len(rd))]
    return to_ref, to_pred


def align_rouge(pred: Timeline, ref: Timeline, ns: Sequence[int] = (1, 2)) -> dict[int, PRF]:
    """Alignment-based ROUGE-N precision and recall (tilse ``align_date_content_costs_
    many_to_one``) for each n of ``ns``."""
    pd, rd = sorted(pred), sorted(ref)
    out: dict[int, PRF] = {}
    if not pd or not rd:
        return {n: PRF(0.0, 0.0) for n in ns}
    to_ref, to_pred = alignment(pred, ref)
    for n in ns:
        num = den = 0.0
        for i, j in enumerate(to_ref):
            c = rouge_counts(pred[pd[i]], ref[rd[j]], n)
            num += _weight(pd[i], rd[j]) * c.hits
            den += c.peer
        rnum = rden = 0.0
        for j, i in enumerate(to_pred):
            c = rouge_counts(pred[pd[i]], ref[rd[j]], n)
            rnum += _weight(pd[i], rd[j]) * c.hits
            rden += c.model
        out[n] = PRF(num / den if den else 0.0, rnum / rden if rden else 0.0)
    return out


def average(results: Sequence[PRF]) -> PRF:
    """news-tls ``get_average_results``: mean precision, mean recall (F1 from the two)."""
    if not results:
        return PRF(0.0, 0.0)
    return PRF(sum(r.precision for r in results) / len(results),
               sum(r.recall for r in results) / len(results))
