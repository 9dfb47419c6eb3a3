"""``storyline eval brief --data .../benchdata/allsides``: the cited brief against AllSides.

For each roundup (three outlets' articles on one story, ingested through the library's
ingest path, see :mod:`storyline.evaluation.allsides`):

(a) whether its three articles landed in one story;
(b) its brief as the ``brief`` stage stored it when its three articles are ingested as a file
    of their own (the export's ``summary``: the path a user's file takes), scored against the
    neutral human summary with ROUGE-1/2/L F (:mod:`storyline.evaluation.rouge`, with and
    without the Porter stemmer); beside it, the stored brief of the story each roundup landed in
    when all roundups share one store (clustering decides what that brief is about);
(c) a lead baseline computed in the same run: an article's first words cut to the summary's
    length. The dataset shuffles the left/centre/right articles of a line, so the centre one
    cannot be picked: the baseline is the line's first article (a random leaning), shown
    beside the mean over the three positions and the best of the three (an oracle).

The stage runs with one budget for the whole run, as a user's store has: ``target_words`` the
mean summary length of the split (``max_words`` 1.5x). The lead is shown cut to each summary's
length and cut to the stored brief's own length, so that neither side wins by length.
``--tune`` grid-searches the tuned brief settings (GRID) on val and prints a 2-fold check (tune
on even lines, score odd, and back); tuning calls the summarizer on the stored inputs with each
roundup's own budget.
"""

from __future__ import annotations

import itertools
import math
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from storyline.brief.summarize import BriefArticle, summarize
from storyline.evaluation.allsides import Ingested, Roundup, ingest_each, ingest_roundups, load
from storyline.evaluation.rouge import rouge
from storyline.records import BriefSentence
from storyline.settings import BriefSettings, Settings

METRICS = ("rouge1", "rouge2", "rougeL")
# The tuned settings. position_power is not tuned here: AllSides gives only each article's
# first two to four sentences, so it cannot tell a lead from the body of a long article.
# redundancy is not tuned either: it equals cite_threshold by construction (a sentence that
# would be cited as stating a brief sentence repeats it); ROUGE alone favours looser values
# only because they let more words into the budget.
GRID: dict[str, tuple[float, ...]] = {
    "support_weight": (0.0, 0.5, 1.0, 2.0, 3.0),
    "mmr_lambda": (0.5, 0.7, 1.0),
}


def words(text: str) -> int:
    return len(text.split())


def budget(cfg: BriefSettings, summary: str) -> BriefSettings:
    n = words(summary)
    return replace(cfg, target_words=n, max_words=math.ceil(1.5 * n))


def lead(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


@dataclass
class Scores:
    """Mean ROUGE F per metric, unstemmed and stemmed."""

    plain: dict[str, float]
    stemmed: dict[str, float]
    words: float

    @property
    def objective(self) -> float:
        return (self.plain["rouge1"] + self.plain["rouge2"]) / 2


def score_texts(pairs: Sequence[tuple[str, str]]) -> Scores:
    """Mean F over (summary, prediction) pairs."""
    plain: dict[str, float] = defaultdict(float)
    stemmed: dict[str, float] = defaultdict(float)
    for target, pred in pairs:
        for stem, acc in ((False, plain), (True, stemmed)):
            for m, s in rouge(target, pred, stem).items():
                acc[m] += s.fmeasure
    n = max(1, len(pairs))
    return Scores({m: plain[m] / n for m in METRICS}, {m: stemmed[m] / n for m in METRICS},
                  sum(words(p) for _, p in pairs) / n)


def briefs(rs: Sequence[Roundup], inputs: dict[int, list[BriefArticle]],
           cfg: BriefSettings) -> dict[int, list[BriefSentence]]:
    return {r.line: summarize(inputs[r.line], budget(cfg, r.summary)) for r in rs}


def brief_scores(rs: Sequence[Roundup], out: dict[int, list[BriefSentence]]) -> Scores:
    return score_texts([(r.summary, " ".join(b.text for b in out[r.line])) for r in rs])


def tune(rs: Sequence[Roundup], inputs: dict[int, list[BriefArticle]], cfg: BriefSettings,
         log: Callable[[str], None]) -> tuple[BriefSettings, float]:
    """The grid point with the best mean(ROUGE-1 F, ROUGE-2 F) on ``rs`` (first best wins)."""
    best, best_obj = cfg, -1.0
    for values in itertools.product(*GRID.values()):
        params: dict[str, Any] = dict(zip(GRID, values, strict=True))
        c = replace(cfg, **params)
        obj = brief_scores(rs, briefs(rs, inputs, c)).objective
        log(f"  {dict(zip(GRID, values, strict=True))}: {obj:.4f}")
        if obj > best_obj:
            best, best_obj = c, obj
    return best, best_obj


def verbatim(rs: Sequence[Roundup], out: dict[int, list[BriefSentence]],
             texts: dict[str, str], titles: dict[str, str]) -> tuple[int, int, int, int]:
    """(sentences, found verbatim in their source article, citations, verbatim citations)."""
    n = ok = cites = cites_ok = 0
    for r in rs:
        for b in out[r.line]:
            n += 1
            src = texts.get(b.article_id, "") if b.sentence_idx is not None else titles[b.article_id]
            ok += b.text in src and b.article_id in b.article_ids
            for a in b.article_ids:
                cites += 1
                cites_ok += b.text in texts.get(a, "") or b.text in titles.get(a, "")
    return n, ok, cites, cites_ok


def _best_lead(r: Roundup) -> str:
    leads = [lead(a.text, words(r.summary)) for a in r.articles]
    return max(leads, key=lambda p: rouge(r.summary, p)["rouge1"].fmeasure)


def _row(name: str, s: Scores) -> str:
    cells = "  ".join(f"{100 * s.plain[m]:6.2f}" for m in METRICS)
    stem = "  ".join(f"{100 * s.stemmed[m]:6.2f}" for m in METRICS)
    return f"{name:<34} {cells}   | {stem}   {s.words:5.1f}"


def _header() -> str:
    return (f"{'system':<34} {'R1 F':>6}  {'R2 F':>6}  {'RL F':>6}   | "
            f"{'R1 F':>6}  {'R2 F':>6}  {'RL F':>6}   words\n"
            f"{'':<34} {'(no stemmer)':^22}   | {'(Porter stemmer)':^22}")


@click.command("brief")
@click.option("--data", "data", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The benchdata/allsides folder (val.source, val.target).")
@click.option("--split", default="val", show_default=True, help="Which split's files to read.")
@click.option("--limit", type=int, default=None, help="Only the first N roundups.")
@click.option("--tune", "do_tune", is_flag=True,
              help="Grid-search support_weight and mmr_lambda on the split; 2-fold check.")
@click.option("--show", type=int, default=0, help="Print the first N briefs beside their summary.")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the JSONL and the SQLite store here (default: a temporary folder).")
def brief_eval(data: Path, split: str, limit: int | None, do_tune: bool, show: int,
               workdir: Path | None) -> None:
    """Score story briefs on AllSides roundups (ROUGE beside a lead baseline)."""
    rs = load(data, split, limit)
    t0 = time.perf_counter()
    mean_words = sum(words(r.summary) for r in rs) / max(1, len(rs))
    cfg = replace(BriefSettings(), target_words=round(mean_words),
                  max_words=math.ceil(1.5 * mean_words))
    settings = Settings(brief=cfg)
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
        ing = ingest_roundups(rs, workdir, settings)
        t1 = time.perf_counter()
        each = ingest_each(rs, workdir, settings)
    else:
        with tempfile.TemporaryDirectory(prefix="storyline-eval-brief-") as tmp:
            ing = ingest_roundups(rs, Path(tmp), settings)
            t1 = time.perf_counter()
            each = ingest_each(rs, Path(tmp), settings)
    click.echo(f"{len(rs)} roundups, {3 * len(rs)} articles ingested into one store (every "
               f"stage, the brief's budget {cfg.target_words} words, at most {cfg.max_words}) "
               f"in {t1 - t0:.1f} s ({ing.failed} stage failures); each roundup on its own in "
               f"{time.perf_counter() - t1:.1f} s")
    report(rs, ing, BriefSettings(), do_tune, show, each)


def _brief_words(brief: Sequence[BriefSentence]) -> int:
    return max(1, sum(words(b.text) for b in brief))


def _alone(r: Roundup, ing: Ingested) -> bool:
    """The roundup's three articles form a story of their own."""
    sids = {ing.story_of.get(a.id) for a in r.articles}
    if len(sids) != 1 or None in sids:
        return False
    (sid,) = sids
    return ing.story_size.get(str(sid), 0) == len(r.articles)


def _story_check(rs: Sequence[Roundup], ing: Ingested) -> None:
    together = alone = in_largest = 0
    members: Counter[str] = Counter(s for s in ing.story_of.values() if s)
    largest = members.most_common(1)[0][0] if members else None
    for r in rs:
        sids = [ing.story_of.get(a.id) for a in r.articles]
        first = sids[0]
        if first is not None and all(s == first for s in sids):
            together += 1
            alone += members[first] == len(r.articles)
        elif largest in sids:
            in_largest += 1
    n = max(1, len(rs))
    click.echo(f"(a) three articles in one story: {together}/{len(rs)} = {100 * together / n:.1f}% "
               f"(target >= 90%); of those, the story holds nothing else: {alone}; "
               f"{len(members)} stories, largest {members[largest] if largest else 0} articles; "
               f"split roundups with an article in the largest story: {in_largest}")


def report(rs: Sequence[Roundup], ing: Ingested, cfg: BriefSettings, do_tune: bool,
           show: int, each: dict[int, list[BriefSentence]] | None = None) -> None:
    _story_check(rs, ing)
    if do_tune:
        even = [r for r in rs if r.line % 2 == 0]
        odd = [r for r in rs if r.line % 2 == 1]
        for name, fit, held in (("even", even, odd), ("odd", odd, even)):
            c, obj = tune(fit, ing.inputs, cfg, lambda _s: None)
            held_obj = brief_scores(held, briefs(held, ing.inputs, c)).objective
            default_obj = brief_scores(held, briefs(held, ing.inputs, cfg)).objective
            click.echo(f"2-fold: tuned on {name} lines ({obj:.4f}): "
                       f"{ {k: getattr(c, k) for k in GRID} } -> held-out {held_obj:.4f} "
                       f"(current settings {default_obj:.4f}), objective mean(R1 F, R2 F)")
        cfg, obj = tune(rs, ing.inputs, cfg, lambda _s: None)
        click.echo(f"tuned on all val: { {k: getattr(cfg, k) for k in GRID} } ({obj:.4f})")
    out = each if each is not None else ing.stored
    click.echo("(b, c) ROUGE F x 100, mean over roundups; the brief as the brief stage stored it")
    click.echo(_header())
    click.echo(_row("brief (storyline, stored)", brief_scores(rs, out)))
    click.echo(_row("  as clustered in one store", brief_scores(rs, ing.stored)))
    together = [r for r in rs if _alone(r, ing)]
    if together:
        click.echo(_row(f"  same, roundups alone in a story ({len(together)})",
                        brief_scores(together, ing.stored)))
    click.echo(_row("lead (first article), brief's length",
                    score_texts([(r.summary, lead(r.articles[0].text, _brief_words(out[r.line])))
                                 for r in rs])))
    leads = [score_texts([(r.summary, lead(r.articles[p].text, words(r.summary))) for r in rs])
             for p in range(3)]
    click.echo(_row("lead baseline (first article)", leads[0]))
    mean = Scores({m: sum(s.plain[m] for s in leads) / 3 for m in METRICS},
                  {m: sum(s.stemmed[m] for s in leads) / 3 for m in METRICS},
                  sum(s.words for s in leads) / 3)
    click.echo(_row("lead, mean of the 3 positions", mean))
    click.echo(_row("lead, best of 3 by R1 (oracle)",
                    score_texts([(r.summary, _best_lead(r)) for r in rs])))
    click.echo(_row("lead of the 3 articles in turn",
                    score_texts([(r.summary, lead(" ".join(a.text for a in r.articles),
                                                  words(r.summary))) for r in rs])))
    titles = {a.id: a.title or "" for arts in ing.inputs.values() for a in arts}
    n, ok, cites, cites_ok = verbatim(rs, out, ing.texts, titles)
    multi = sum(1 for r in rs for b in out[r.line] if len(b.article_ids) > 1)
    click.echo(f"verbatim: {ok}/{n} brief sentences found verbatim in the article they quote "
               f"({100 * ok / max(1, n):.1f}%); {multi} cite more than one article; "
               f"{cites_ok}/{cites} citations verbatim (the rest paraphrase)")
    for r in rs[:show]:
        click.echo(f"\n--- roundup {r.line}: {r.title}\nsummary: {r.summary}\nbrief:")
        for b in out[r.line]:
            click.echo(f"  - {b.text} [{', '.join(b.article_ids)}]")
