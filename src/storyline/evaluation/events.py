"""``storyline eval events``: PLOVER event coding on the PLOVER gold-standard sentences.

The data goes the way a user's file goes: each distinct gold sentence is written as one
JSONL article ``{"id", "text", "published": its date}`` to a temporary file, ingested with
:func:`storyline.ingest.ingest` into a temporary SQLite store (every stage runs), and the
coded ``event_mentions`` the enrich stage stored (``dropped`` NULL) are scored.

- **category**: micro P / R / F1 over (sentence, category) pairs. Gold pairs: the
  categories of the records of a sentence (a few sentences carry two records), mapped
  from PLOVER 0.5 as the dataset README says (DEMAND -> REQUEST, FIGHT -> ASSAULT,
  DISAPPROVE -> ACCUSE disapprove, INVESTIGATE -> ACCUSE investigate). Predicted pairs:
  the distinct categories of the sentence's coded mentions. The gold codes one event per
  record, so a true event the gold does not code (a second clause's) counts against
  precision.
- **actor / recipient**: on gold records whose category was predicted for their sentence
  and that name an actor (recipient), the predicted mentions of that category are
  compared with the gold ``actorText`` (all of them, for a compound actor) by their
  content words (lower-cased words without stop words): *strict* when the word sets are
  equal, *overlap* when they share a word; the best-matching mention counts.
- **halves**: records at even positions of the file ("dev half", which the rules were
  checked against while they were written) and at odd positions ("check half", scored
  only); the scores side by side show how far the rules fit the sentences they were
  checked on. The lexicon itself comes from the PLOVER manual and the CAMEO codebook's
  descriptions, not from these sentences.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import select

from storyline.evaluation.counts import Counts
from storyline.evaluation.plover_gold import GoldRecord, read_gold
from storyline.events.lexicon import CATEGORIES
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store import schema as S

NO_BASELINE = ("No published score exists on these sentences (dataset README); the file's own "
               "readme says no automated coder is expected to get them all.")


@dataclass(frozen=True, slots=True)
class Predicted:
    category: str
    mode: str | None
    actor: str | None
    recipient: str | None
    trigger: str


@dataclass
class Sentence:
    text: str
    records: list[GoldRecord]
    predicted: list[Predicted] = field(default_factory=list)

    @property
    def half(self) -> str:
        return self.records[0].half

    @property
    def gold(self) -> set[str]:
        return {r.category for r in self.records}

    @property
    def categories(self) -> set[str]:
        return {p.category for p in self.predicted}


@dataclass
class Agreement:
    strict: int = 0
    overlap: int = 0
    n: int = 0
    none: int = 0  # the category's mentions named no actor / recipient at all


@dataclass
class Report:
    sentences: list[Sentence]
    seconds: float
    categories: dict[str, Counts] = field(default_factory=dict)
    halves: dict[str, Counts] = field(default_factory=dict)
    per_category: dict[str, Counts] = field(default_factory=dict)
    roles: dict[str, Agreement] = field(default_factory=dict)


def words(text: str | None) -> set[str]:
    """Content words: lower-cased, without stop words and the possessive 's. An acronym
    written in capitals is a name, never a stop word ("US" is not "us", "IT" not "it")."""
    return {w.lower() for w in re.findall(r"[^\W_]+", text or "")
            if (w.isupper() and len(w) > 1) or (w.lower() not in STOP_WORDS and w.lower() != "s")}


def role_match(predicted: Iterable[str | None], gold: Sequence[str]) -> tuple[bool, bool]:
    """(strict, overlap) for the best of the predicted texts against the gold texts."""
    want = set().union(*(words(g) for g in gold)) if gold else set()
    strict = overlap = False
    for text in predicted:
        got = words(text)
        if got and got == want:
            strict = True
        if got & want:
            overlap = True
    return strict, overlap


def group_sentences(records: Sequence[GoldRecord]) -> list[Sentence]:
    by_text: dict[str, Sentence] = {}
    for r in records:
        by_text.setdefault(r.text, Sentence(r.text, [])).records.append(r)
    return list(by_text.values())


def run_pipeline(sentences: Sequence[Sentence], settings: Settings | None = None) -> float:
    """Ingest the sentences as JSONL articles into a temporary store; fill ``predicted``
    from its coded event mentions. Returns the seconds the ingest took."""
    from storyline.ingest.runner import ingest

    with tempfile.TemporaryDirectory(prefix="storyline-eval-events-") as tmp:
        path = Path(tmp) / "plover.jsonl"
        ids = {f"plover-{k:04d}": s for k, s in enumerate(sentences)}
        with path.open("w", encoding="utf-8") as f:
            for aid, s in ids.items():
                f.write(json.dumps({"id": aid, "text": s.text,
                                    "published": s.records[0].date}) + "\n")
        run = (settings or Settings()).with_db(str(Path(tmp) / "eval.db"))
        store = open_store(run.db_url)
        try:
            t0 = time.perf_counter()
            report = ingest(store, [str(path)], run)
            seconds = time.perf_counter() - t0
            if report.problems:
                raise click.ClickException(f"ingest problems: {report.problems[:3]}")
            m = S.event_mentions
            with store.connect() as conn:
                rows = conn.execute(
                    select(m.c.article_id, m.c.category, m.c.mode, m.c.actor, m.c.recipient,
                           m.c.trigger).where(m.c.dropped.is_(None))
                    .order_by(m.c.article_id, m.c.trigger_start)).all()
        finally:
            store.close()
    for row in rows:
        if row.article_id in ids:
            ids[row.article_id].predicted.append(
                Predicted(row.category, row.mode, row.actor, row.recipient, row.trigger))
    return seconds


def score(sentences: list[Sentence], seconds: float) -> Report:
    rep = Report(sentences, seconds)
    for name in ("all", "dev", "check"):
        rep.categories[name] = Counts()
    for cat in CATEGORIES:
        rep.per_category[cat] = Counts()
    for role in ("actor", "recipient"):
        for half in ("", " dev", " check"):
            rep.roles[role + half] = Agreement()
    for s in sentences:
        gold, pred = s.gold, s.categories
        for prf in (rep.categories["all"], rep.categories[s.half]):
            prf.tp += len(gold & pred)
            prf.pred += len(pred)
            prf.gold += len(gold)
        for cat in gold | pred:
            prf = rep.per_category.setdefault(cat, Counts())
            prf.tp += cat in gold and cat in pred
            prf.pred += cat in pred
            prf.gold += cat in gold
        for r in s.records:
            if r.category not in pred:
                continue
            same = [p for p in s.predicted if p.category == r.category]
            for role, gold_texts, texts in (
                    ("actor", r.actors, [p.actor for p in same]),
                    ("recipient", r.recipients, [p.recipient for p in same])):
                if not gold_texts:
                    continue
                strict, overlap = role_match(texts, gold_texts)
                for agr in (rep.roles[role], rep.roles[f"{role} {r.half}"]):
                    agr.n += 1
                    agr.strict += strict
                    agr.overlap += overlap
                    agr.none += not any(texts)
    return rep


def evaluate(data: Path, settings: Settings | None = None, limit: int | None = None) -> Report:
    records = read_gold(data)
    sentences = group_sentences(records)[:limit]
    seconds = run_pipeline(sentences, settings)
    return score(sentences, seconds)


def format_report(rep: Report, data: Path) -> str:
    n_rec = sum(len(s.records) for s in rep.sentences)
    lines = [f"PLOVER event coding on {data}: {n_rec} gold records, {len(rep.sentences)} "
             f"sentences, ingested as JSONL articles in {rep.seconds:.1f} s",
             NO_BASELINE, "",
             "category, micro over (sentence, category) pairs",
             f"{'':<28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    names = {"all": "all sentences", "dev": "dev half (even records)",
             "check": "check half (odd records)"}
    for key, label in names.items():
        prf = rep.categories[key]
        lines.append(f"{label:<28}{prf.p:7.3f}{prf.r:7.3f}{prf.f1:7.3f}{prf.gold:7d}{prf.pred:7d}")
    lines += ["", "per category", f"{'':<28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for cat, prf in rep.per_category.items():
        if prf.gold or prf.pred:
            lines.append(f"{cat:<28}{prf.p:7.3f}{prf.r:7.3f}{prf.f1:7.3f}{prf.gold:7d}"
                         f"{prf.pred:7d}")
    lines += ["", "actor / recipient against the gold actorText, on records whose category "
              "was found", f"{'':<28}{'strict':>8}{'overlap':>9}{'n':>6}{'none':>6}"]
    for role, agr in rep.roles.items():
        n = agr.n or 1
        label = role.replace(" dev", ", dev half").replace(" check", ", check half")
        lines.append(f"{label:<28}{agr.strict / n:8.3f}{agr.overlap / n:9.3f}{agr.n:6d}"
                     f"{agr.none:6d}")
    lines += ["strict: the same content words (lower case, no stop words; all gold actors of a "
              "compound); overlap: at least one shared; none: no mention of the category named "
              "one."]
    return "\n".join(lines)


def format_errors(rep: Report) -> str:
    out = []
    for s in rep.sentences:
        missed, extra = s.gold - s.categories, s.categories - s.gold
        if not missed and not extra:
            continue
        out.append(f"[{s.half}] gold {sorted(s.gold)} pred {sorted(s.categories)}: {s.text}")
        for p in s.predicted:
            out.append(f"    {p.category} {p.mode or ''} '{p.trigger}' actor={p.actor!r} "
                       f"recipient={p.recipient!r}")
    return "\n".join(out)


@click.command("events")
@click.option("--data", "data", type=click.Path(exists=True, path_type=Path), required=True,
              help="PLOVER folder (PLOVER_GSR*.json) or one gold file.")
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--errors", is_flag=True, help="Also list the sentences with a missed or extra "
                                             "category and what was extracted.")
def events_command(data: Path, limit: int | None, errors: bool) -> None:
    """PLOVER event-category P/R/F1 and actor / recipient agreement on the gold sentences."""
    rep = evaluate(data, limit=limit)
    click.echo(format_report(rep, data))
    if errors:
        click.echo()
        click.echo(format_errors(rep))
