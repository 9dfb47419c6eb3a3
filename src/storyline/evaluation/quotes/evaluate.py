"""``storyline eval quotes``: attribution (speaker / cue / content) F1 on PolNeAR.

Matching, per document, one-to-one and greedy in text order:

- *exact*: a predicted span matches a gold span of the same role when both, with
  whitespace and edge punctuation (quote marks, commas, full stops) trimmed, have
  identical character offsets;
- *overlap*: a predicted span matches a gold span of the same role that shares at
  least one character with it;
- *linked source*: a predicted source counts only when it matches (exactly) the
  source of a gold attribution whose cue or content also overlaps the predicted one.

Gold spans: every ``E`` attribution line of the first annotator's ``.ann`` file of each
article; discontinuous gold spans are taken from their first to last character.
Predicted spans: what the pipeline stores, through the path a user's file takes: the
articles are written as JSONL and ingested (all stages) into a fresh store, whose
``attributions`` rows (all attribution verbs; ``--speech-only``: the rows whose cue is a
verb of saying, which make the quotes) are mapped back to the original text (the clean
stage takes the headline line off as the title). Continuation quotes, whose source is
inherited, carry no source span of their own. P = matched / predicted, R = matched /
gold, F1 their harmonic mean, micro-averaged over the split.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from storyline.enrich.quotes.attributions import Attribution
from storyline.enrich.quotes.cues import load_lexicon, unreliable_cues
from storyline.evaluation.quotes.polnear import GoldDoc, read_split
from storyline.evaluation.quotes.scoring import Report, hull, match, score_doc
from storyline.evaluation.through_ingest import Item, ingested, line_offsets, map_span
from storyline.evaluation.through_ingest import workdir as workdir_for
from storyline.settings import Settings

BASELINES = {  # published (dataset README): BBC Citron on PARC 3.0, not PolNeAR
    ("source", "exact"): 82.0, ("source", "overlap"): 85.3,
    ("cue", "exact"): 82.3, ("cue", "overlap"): 76.8,
    ("content", "exact"): 59.3, ("content", "overlap"): 83.3,
}


def stored_attributions(docs: Sequence[GoldDoc], folder: Path,
                        settings: Settings | None = None) -> dict[str, list[tuple[Any, bool]]]:
    """Each document's attributions as the pipeline stores them after ``storyline ingest``,
    mapped to the original text: {document name: [(Attribution, speech)]}."""
    from sqlalchemy import select

    from storyline.store import schema as S

    items = [Item(d.name, text=d.text) for d in docs]
    with ingested(items, folder, "polnear", None, settings) as (store, _report):
        stored = {a.id: a.text for a in store.articles()}
        t = S.attributions
        with store.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.article_id, t.c.id)).all()
    by_name = {d.name: d for d in docs}
    offsets = {aid: line_offsets(by_name[aid].text, text) for aid, text in stored.items()}
    out: dict[str, list[tuple[Any, bool]]] = {d.name: [] for d in docs}
    for r in rows:
        off = offsets[r.article_id]
        content = map_span(off, r.content_start, r.content_end)
        if content is None:
            continue
        source = map_span(off, r.source_start, r.source_end) if r.source_start is not None \
            else None
        cue = map_span(off, r.cue_start, r.cue_end) if r.cue_start is not None else None
        out[r.article_id].append(
            (Attribution(cue, source, content, r.kind, inherited=bool(r.inherited)),
             bool(r.speech)))
    return out


def evaluate(data: Path, split: str = "dev", limit: int | None = None, broad: bool = True,
             offset: int = 0, settings: Settings | None = None,
             folder: Path | None = None) -> Report:
    docs = list(read_split(data, split))[offset:][:limit]
    report = Report()
    with workdir_for(folder) as where:
        stored = stored_attributions(docs, where, settings)
    for gdoc in docs:
        score_doc(report, gdoc, [a for a, speech in stored[gdoc.name] if broad or speech])
    return report


def agreement(data: Path, splits: Sequence[str] = ("train", "dev")) -> tuple[Report, int]:
    """Human agreement: every further annotator of an article scored against its first
    annotator (the eval's gold), with the same matching. Returns the report and the number
    of annotator pairs; ``report.docs`` counts the articles annotated more than once."""
    report = Report()
    pairs = 0
    for split in splits:
        by_name: dict[str, list[GoldDoc]] = {}
        for d in read_split(data, split, one_per_article=False):
            by_name.setdefault(d.name, []).append(d)
        for docs in by_name.values():
            if len(docs) < 2:
                continue
            report.docs += 1
            first = docs[0]
            for other in docs[1:]:
                pairs += 1
                for role in ("source", "cue", "content"):
                    gold = [s for g in first.attributions
                            if (s := hull(first.text, getattr(g, role)))]
                    pred = [s for g in other.attributions
                            if (s := hull(other.text, getattr(g, role)))]
                    for mode in ("exact", "overlap"):
                        report.score(role, mode).add(match(pred, gold, mode == "exact"),
                                                     len(pred), len(gold))
    return report, pairs


def format_agreement(report: Report, pairs: int) -> str:
    lines = [f"PolNeAR human agreement: {report.docs} articles annotated more than once "
             f"(train + dev), {pairs} annotator pairs; each further annotator scored "
             f"against the first",
             f"{'role':<9}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'other':>7}"]
    for role in ("source", "cue", "content"):
        for mode in ("exact", "overlap"):
            s = report.scores[(role, mode)]
            lines.append(f"{role:<9}{mode:<9}{100 * s.p:7.1f}{100 * s.r:7.1f}{100 * s.f1:7.1f}"
                         f"{s.gold:7d}{s.pred:7d}")
    return "\n".join(lines)


def format_report(report: Report, split: str, broad: bool) -> str:
    lines = [f"PolNeAR {split}: {report.docs} articles (first annotator each), "
             f"cues: {'all attribution verbs' if broad else 'speech verbs only'}",
             f"{'role':<9}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"
             f"   published F1 (Citron, PARC3)"]
    for role in ("source", "cue", "content"):
        for mode in ("exact", "overlap", "linked"):
            if (role, mode) not in report.scores:
                continue
            s = report.scores[(role, mode)]
            base = BASELINES.get((role, mode))
            lines.append(f"{role:<9}{mode:<9}{100 * s.p:7.1f}{100 * s.r:7.1f}{100 * s.f1:7.1f}"
                         f"{s.gold:7d}{s.pred:7d}   {'' if base is None else f'{base:.1f}'}")
    lines.append("exact: identical offsets after trimming edge whitespace/punctuation; overlap: "
                 "shares a character; linked: exact source of a gold attribution whose cue or "
                 "content overlaps; one-to-one greedy matching per document, micro-averaged.")
    return "\n".join(lines)


@click.command("quotes")
@click.option("--data", "data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              required=True, help="PolNeAR folder (with train/ dev/ subfolders).")
@click.option("--split", default="dev", show_default=True)
@click.option("--offset", type=int, default=0, show_default=True,
              help="Skip the first N articles of the split (e.g. --split train --offset 500 "
                   "--limit 200: the train slice the thresholds are chosen on).")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--speech-only", is_flag=True,
              help="Only verbs of saying as cues (what the enrich stage uses for quotes).")
@click.option("--learn-lexicon", is_flag=True,
              help="Rebuild the shipped attribution-verb table from the first 500 train articles.")
@click.option("--learn-weights", is_flag=True,
              help="Rebuild the shipped confidence weights of broad attributions (train "
                   "articles 0-500 and 700-end; threshold chosen on train 500-700; needs "
                   "scikit-learn).")
@click.option("--agreement", "show_agreement", is_flag=True,
              help="Also print the annotators' own agreement (articles annotated twice or more).")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the JSONL file and store here (default: a temporary folder).")
def quotes_command(data: Path, split: str, offset: int, limit: int | None, speech_only: bool,
                   learn_lexicon: bool, learn_weights: bool, show_agreement: bool,
                   workdir: Path | None) -> None:
    """Speaker (source), cue and content F1 on PolNeAR, beside published baselines."""
    if show_agreement:
        click.echo(format_agreement(*agreement(data)))
        click.echo()
    if learn_lexicon:
        from storyline.enrich.quotes.cues import _table, lexicon_path
        from storyline.evaluation.quotes.lexicon import learn_lexicon as learn
        from storyline.evaluation.quotes.lexicon import write_lexicon

        write_lexicon(learn(data, "train", limit=500), lexicon_path())
        load_lexicon.cache_clear()
        unreliable_cues.cache_clear()
        _table.cache_clear()
        click.echo(f"wrote {lexicon_path()}")
    if learn_weights:
        from storyline.enrich.quotes.confidence import load_weights, weights_path
        from storyline.evaluation.quotes.weights import learn_weights as learn_w
        from storyline.evaluation.quotes.weights import write_weights

        write_weights(learn_w(data), weights_path())
        load_weights.cache_clear()
        click.echo(f"wrote {weights_path()}")
    report = evaluate(data, split, limit, broad=not speech_only, offset=offset, folder=workdir)
    click.echo(format_report(report, split, not speech_only))
