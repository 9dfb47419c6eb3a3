"""``storyline eval positions``: stated positions (actor x issue x stance) scored three ways,
every input going the way a user's file goes (written as JSONL, ingested with every stage
into a temporary store, the stored ``position_mentions`` read back).

- ``--data FILE``: a hand-labelled JSONL set (``{"id", "text", "positions": [{"actor",
  "stance", "issue"}]}``; ``evalsets/positions/invented.jsonl`` is one, written by the
  extractor's author: an upper bound, see its README). A predicted position matches a gold
  one when the stance is equal, the actor's content words hold the gold actor's (or the
  other way round) and every content word of the gold issue is in the predicted issue
  (plural -s folded). Micro P / R / F1 over positions, and the same for (actor, issue)
  pairs with the stance accuracy on the pairs found.
- ``--plover DIR``: a partial stance check on the PLOVER gold sentences: the categories
  that state a stance (REQUEST, REJECT, AGREE, CONCEDE, SUPPORT, ACCUSE's disapprove mode)
  against the stances they allow (REQUEST: demand; REJECT: reject / oppose; AGREE: offer /
  accept / consider / condition / support; ...). *Coverage*: the share of those sentences
  with a position of an allowed stance; *agreement*: the share of the positions read on
  them whose stance is allowed; *actor*: the gold actorText's words among the position's
  actor words. PLOVER codes events, not positions, so neither is a precision or recall of
  positions; sentences of the other categories show how many positions are read where the
  gold codes an action.
- ``--sample N`` with ``--seeds`` / ``--bbc`` / ``--allsides``: N positions drawn at random
  (``--seed``) from real articles, printed as a table to judge by hand.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import select

from storyline.evaluation.allsides import load as load_allsides
from storyline.evaluation.plover_gold import read_gold
from storyline.evaluation.through_ingest import Item, ingested, workdir
from storyline.store import schema as S

STANCE_FAMILY = {
    "REQUEST": {"demand"},
    "REJECT": {"reject", "oppose"},
    "AGREE": {"offer", "accept", "consider", "condition", "support"},
    "CONCEDE": {"accept", "offer", "condition"},
    "SUPPORT": {"support", "accept"},
    "ACCUSE": {"oppose"},
}
PUBLISHED = "2024-05-10"


@dataclass(frozen=True, slots=True)
class Gold:
    actor: str
    stance: str
    issue: str


@dataclass(frozen=True, slots=True)
class Got:
    article_id: str
    actor: str
    actor_text: str
    stance: str
    issue: str
    cue: str
    sentence: str
    base: str | None = None  # the stance a condition conditions

    @property
    def family_stance(self) -> str:
        """The stance PLOVER would see: a conditional demand is a demand."""
        return self.base if self.stance == "condition" and self.base else self.stance


@dataclass
class Labelled:
    id: str
    text: str
    gold: list[Gold]
    got: list[Got] = field(default_factory=list)


def words(text: str | None) -> set[str]:
    """Content words, lower case, a plural -s folded ("guarantees" -> "guarantee")."""
    out = set()
    for w in re.findall(r"[^\W_]+", (text or "").lower()):
        if w in STOP_WORDS or w == "s":
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def actor_ok(got: Got, gold: str) -> bool:
    want = words(gold)
    have = words(got.actor) | words(got.actor_text)
    return bool(want) and (want <= have or (bool(words(got.actor)) and words(got.actor) <= want))


def issue_ok(got: Got, gold: str) -> bool:
    want = words(gold)
    return bool(want) and want <= words(got.issue)


def extract(items: Sequence[Item], folder: Path, name: str) -> dict[str, list[Got]]:
    """The stored position mentions of ``items`` ingested into a new store."""
    out: dict[str, list[Got]] = {}
    with ingested(items, folder, name, None) as (store, report):
        if report.problems:
            raise click.ClickException(f"ingest problems: {report.problems[:3]}")
        m = S.position_mentions
        with store.connect() as conn:
            rows = conn.execute(select(m).order_by(m.c.article_id, m.c.sentence_idx,
                                                   m.c.cue_start)).all()
    for r in rows:
        out.setdefault(r.article_id, []).append(
            Got(r.article_id, r.actor, r.actor_text, r.stance, r.issue, r.cue, r.sentence,
                r.base_stance))
    return out


# -- the labelled set ---------------------------------------------------------------------

def read_labelled(path: Path) -> list[Labelled]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        gold = [Gold(p["actor"], p["stance"], p["issue"]) for p in rec.get("positions", [])]
        out.append(Labelled(str(rec.get("id", f"line-{n}")), rec["text"], gold))
    return out


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_labelled(items: Sequence[Labelled]) -> tuple[Counts, Counts, int, int]:
    """(full positions, (actor, issue) pairs, pairs found with the gold stance, pairs found)."""
    full, pairs = Counts(), Counts()
    same_stance = found = 0
    for it in items:
        full.pred += len(it.got)
        full.gold += len(it.gold)
        pairs.pred += len(it.got)
        pairs.gold += len(it.gold)
        used: set[int] = set()
        used_pairs: set[int] = set()
        for g in it.gold:
            hit = next((n for n, p in enumerate(it.got) if n not in used and p.stance == g.stance
                        and actor_ok(p, g.actor) and issue_ok(p, g.issue)), None)
            if hit is not None:
                used.add(hit)
                full.tp += 1
            pair = next((n for n, p in enumerate(it.got) if n not in used_pairs
                         and actor_ok(p, g.actor) and issue_ok(p, g.issue)), None)
            if pair is not None:
                used_pairs.add(pair)
                pairs.tp += 1
                found += 1
                same_stance += it.got[pair].stance == g.stance
    return full, pairs, same_stance, found


def labelled_report(path: Path, folder: Path, errors: bool) -> str:
    items = read_labelled(path)
    got = extract([Item(it.id, it.text, published=PUBLISHED) for it in items], folder,
                  "labelled")
    for it in items:
        it.got = got.get(it.id, [])
    full, pairs, same, found = score_labelled(items)
    p, r, f = full.prf()
    pp, pr, pf = pairs.prf()
    lines = [f"Hand-labelled positions in {path}: {len(items)} sentences, {full.gold} gold "
             f"positions, {full.pred} extracted (no published baseline: the set is ours)",
             f"{'':<34}{'P':>7}{'R':>7}{'F1':>7}",
             f"{'actor + stance + issue':<34}{p:7.3f}{r:7.3f}{f:7.3f}",
             f"{'actor + issue (any stance)':<34}{pp:7.3f}{pr:7.3f}{pf:7.3f}",
             f"stance right on the (actor, issue) pairs found: {same}/{found}"]
    if errors:
        lines.append("")
        for it in items:
            hits = {(g.actor, g.stance, g.issue) for g in it.gold if any(
                p.stance == g.stance and actor_ok(p, g.actor) and issue_ok(p, g.issue)
                for p in it.got)}
            if len(hits) == len(it.gold) == len(it.got):
                continue
            lines.append(f"{it.id}: {it.text}")
            for g in it.gold:
                mark = "ok " if (g.actor, g.stance, g.issue) in hits else "MISS"
                lines.append(f"    gold {mark} {g.actor} | {g.stance} | {g.issue}")
            for x in it.got:
                lines.append(f"    got      {x.actor} ({x.actor_text}) | {x.stance} | {x.issue}")
    return "\n".join(lines)


# -- PLOVER ---------------------------------------------------------------------------------

def plover_report(data: Path, folder: Path) -> str:
    records = read_gold(data)
    by_text: dict[str, list] = {}
    for r in records:
        by_text.setdefault(r.text, []).append(r)
    texts = list(by_text)
    ids = {f"plover-{n:04d}": t for n, t in enumerate(texts)}
    got = extract([Item(aid, t, published=(by_text[t][0].date or PUBLISHED)[:10])
                   for aid, t in ids.items()], folder, "plover")
    stats: dict[str, Counter[str]] = {}
    other: Counter[str] = Counter()
    for aid, text in ids.items():
        recs = by_text[text]
        positions = got.get(aid, [])
        stance_recs = [r for r in recs if r.category in STANCE_FAMILY
                       and (r.category != "ACCUSE" or r.mode == "disapprove")]
        if not stance_recs:
            other["sentences"] += 1
            other["positions"] += len(positions)
            other["with a position"] += bool(positions)
            continue
        for r in stance_recs:
            allowed = STANCE_FAMILY[r.category]
            c = stats.setdefault(r.category, Counter())
            c["sentences"] += 1
            c["covered"] += any(p.family_stance in allowed or p.stance in allowed
                                for p in positions)
            c["positions"] += len(positions)
            want = set().union(*(words(a) for a in r.actors)) if r.actors else set()
            theirs = [p for p in positions
                      if want & (words(p.actor) | words(p.actor_text))]
            c["actor's"] += len(theirs)
            c["agree"] += sum(p.family_stance in allowed or p.stance in allowed for p in theirs)
            if want and positions:
                c["actor n"] += 1
                c["actor"] += bool(theirs)
    lines = [f"PLOVER stance check on {data}: {len(records)} gold records, {len(texts)} "
             "sentences (the categories that state a stance against the stances they allow; "
             "no published baseline)",
             f"{'':<10}{'sent':>6}{'coverage':>10}{'positions':>11}{'of actor':>10}"
             f"{'agreement':>11}{'actor':>8}"]
    total: Counter[str] = Counter()
    for cat in STANCE_FAMILY:
        if cat in stats:
            total.update(stats[cat])
            lines.append(_plover_line(cat, stats[cat]))
    lines.append(_plover_line("all", total))
    lines.append(f"other categories: {other['sentences']} sentences, {other['positions']} "
                 f"positions on {other['with a position']} of them")
    lines.append("coverage: sentences with a position of an allowed stance (a condition counts "
                 "as the stance it conditions); of actor: positions whose actor shares a word "
                 "with the gold actorText; agreement: the share of those with an allowed "
                 "stance; actor: sentences with positions where one is the gold actor's")
    return "\n".join(lines)


def _plover_line(name: str, c: Counter[str]) -> str:
    n = c["sentences"] or 1
    theirs = c["actor's"]
    agree = c["agree"] / theirs if theirs else 0.0
    actor = c["actor"] / c["actor n"] if c["actor n"] else 0.0
    return (f"{name:<10}{c['sentences']:6d}{c['covered'] / n:10.3f}{c['positions']:11d}"
            f"{theirs:10d}{agree:11.3f}{actor:8.3f}")


# -- a random sample from real articles -----------------------------------------------------

def real_items(seeds: Path | None, bbc: Path | None, bbc_n: int, allsides: Path | None,
               allsides_n: int, rng: random.Random) -> list[Item]:
    items: list[Item] = []
    if seeds is not None:
        for line in seeds.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            items.append(Item(str(rec["id"]), rec.get("text", ""), rec.get("title", ""),
                              rec.get("source"), rec.get("published")))
    if bbc is not None:
        files = sorted(bbc.glob("*.txt"))
        for f in sorted(rng.sample(files, min(bbc_n, len(files)))):
            head, _, body = f.read_text(encoding="utf-8", errors="replace").partition("\n")
            items.append(Item(f"bbc-{bbc.name}-{f.stem}", body.strip(), head.strip(), "BBC"))
    if allsides is not None:
        roundups = load_allsides(allsides)
        for r in sorted(rng.sample(roundups, min(allsides_n, len(roundups))),
                        key=lambda r: r.line):
            items += [Item(a.id, a.text, a.title, a.source) for a in r.articles]
    return items


def sample_report(items: list[Item], n: int, rng: random.Random, folder: Path) -> str:
    got = extract(items, folder, "sample")
    pool = [p for aid in sorted(got) for p in got[aid]]
    picked = sorted(rng.sample(pool, min(n, len(pool))), key=lambda p: (p.article_id, p.cue))
    by_kind = Counter(_kind(p.article_id) for p in pool)
    lines = [f"{len(pool)} positions in {len(items)} articles ({dict(by_kind)}); "
             f"{len(picked)} drawn at random", "",
             "| # | article | actor | stance | issue | cue | sentence |",
             "|---|---|---|---|---|---|---|"]
    for k, p in enumerate(picked, 1):
        sentence = p.sentence.replace("|", "/").replace("\n", " ")
        lines.append(f"| {k} | {p.article_id} | {p.actor} ({p.actor_text}) | {p.stance} | "
                     f"{p.issue} | {p.cue} | {sentence} |")
    return "\n".join(lines)


def _kind(aid: str) -> str:
    return "bbc" if aid.startswith("bbc-") else "allsides" if aid.startswith("allsides-") \
        else "seeds"


@click.command("positions")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A hand-labelled JSONL set (evalsets/positions/invented.jsonl).")
@click.option("--plover", type=click.Path(exists=True, path_type=Path), default=None,
              help="PLOVER folder (PLOVER_GSR*.json) or one gold file: the stance check.")
@click.option("--sample", type=int, default=0, help="Draw N positions from real articles.")
@click.option("--seeds", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A JSONL file of articles for --sample.")
@click.option("--bbc", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="A BBC News folder (e.g. bbc-news-2225/politics) for --sample.")
@click.option("--bbc-n", type=int, default=60, show_default=True)
@click.option("--allsides", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="The AllSides folder (val.source) for --sample.")
@click.option("--allsides-n", type=int, default=40, show_default=True,
              help="AllSides lines (three articles each).")
@click.option("--seed", type=int, default=11, show_default=True)
@click.option("--errors", is_flag=True, help="List the labelled sentences with a miss or extra.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the inputs and stores in this folder.")
def positions_command(data: Path | None, plover: Path | None, sample: int, seeds: Path | None,
                      bbc: Path | None, bbc_n: int, allsides: Path | None, allsides_n: int,
                      seed: int, errors: bool, keep: Path | None) -> None:
    """Positions: P/R/F1 on a hand-labelled set, a stance check on the PLOVER gold
    sentences, and a random sample of positions from real articles to judge by hand."""
    if data is None and plover is None and not sample:
        raise click.UsageError("give --data, --plover or --sample")
    with workdir(keep) as folder:
        if data is not None:
            click.echo(labelled_report(data, folder, errors))
        if plover is not None:
            click.echo()
            click.echo(plover_report(plover, folder))
        if sample:
            rng = random.Random(seed)
            items = real_items(seeds, bbc, bbc_n, allsides, allsides_n, rng)
            if not items:
                raise click.UsageError("--sample needs --seeds, --bbc or --allsides")
            click.echo()
            click.echo(sample_report(items, sample, rng, folder))
