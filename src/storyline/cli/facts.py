"""``storyline facts STORY``: a story's events, figures with their status (conflicts
first, each value with its outlets and first-reported date), quotes by speaker, and
positions."""

from __future__ import annotations

import json
from typing import Any

import click

from storyline import service
from storyline.cli.common import store_from, visible


def _amount(value: float, high: float | None, unit: str | None) -> str:
    def num(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")

    text = num(value) + (f"-{num(high)}" if high is not None else "")
    if unit == "%":
        return text + "%"
    if unit and len(unit) == 3 and unit.isupper():  # a currency code: USD 5
        return f"{unit} {text}"
    return f"{text} {unit}" if unit else text  # 300 km


def _who(value: dict[str, Any]) -> str:
    """The outlets that state a value; articles of unknown outlets by id."""
    named = list(value.get("sources") or [])
    return ", ".join(named) or "outlet unknown (" + ", ".join(value.get("article_ids", [])) + ")"


def _number_lines(n: dict[str, Any]) -> list[str]:
    where = ", ".join(x for x in (n.get("place"), n.get("holder"), n.get("date")) if x)
    head = f"  {n['status'].upper() if n['status'] == 'conflicting' else n['status']}: " \
           f"{n['what']}" + (f" ({where})" if where else "")
    if n.get("trend"):
        head += f" [{n['trend']}]"
    lines = [head]
    for v in n.get("values", []):
        qual = f" ({v['qualifier']})" if v.get("qualifier") else ""
        reported = v.get("first_reported") or "undated"
        lines.append(f"      {_amount(v['value'], v.get('high'), n.get('unit'))}{qual}: "
                     f"{_who(v)}; first reported {reported}")
    if n.get("conservative"):
        c = n["conservative"]
        lines.append(f"      most conservative well-sourced: "
                     f"{_amount(c['value'], c.get('high'), n.get('unit'))}")
    return lines


def _quote_lines(group: dict[str, Any]) -> list[str]:
    lines = [f"  {group['speaker'] or '(unattributed)'} ({len(group['quotes'])})"]
    for q in group["quotes"]:
        outlets = ", ".join(q.get("sources") or []) or ", ".join(q.get("article_ids", []))
        note = ""
        if q.get("speaker_disputed"):
            names = sorted({s["speaker"] for s in q.get("speakers", []) if s.get("speaker")})
            note = " [speaker disputed: " + " / ".join(names) + "]"
        lines.append(f"    \u201c{q['text']}\u201d ({q['kind']}) {outlets}; "
                     f"{q.get('date') or 'undated'}{note}")
    return lines


@click.command("facts")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The facts as one JSON document.")
@click.pass_context
def facts_cmd(ctx: click.Context, story_id: str, as_json: bool) -> None:
    """Show a story's events, figures (conflicts first), quotes by speaker and positions."""
    with store_from(ctx) as store:
        facts = service.story_facts(store, story_id)
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    click.echo(f"{facts['id']}: {facts['title']}")
    events = facts["events"]
    click.echo(f"Events: {len(events)}" if events else "Events: none yet")
    for e in events:
        click.echo(visible(f"  {e.get('date') or '?'} {e.get('category')}: "
                           f"{e.get('description')} ({_who(e)})"))
    numbers = facts["numbers"]
    counts = {s: sum(1 for n in numbers if n["status"] == s)
              for s in ("conflicting", "corroborated", "single-source")}
    click.echo(f"Numbers: {len(numbers)} (" + ", ".join(f"{v} {k}" for k, v in counts.items())
               + ")" if numbers else "Numbers: none")
    for n in numbers:
        for line in _number_lines(n):
            click.echo(visible(line))
    speakers = facts["quotes_by_speaker"]
    click.echo("Quotes by speaker:" if speakers else "Quotes: none")
    for group in speakers:
        for line in _quote_lines(group):
            click.echo(visible(line))
    positions = facts["positions"]
    click.echo(f"Positions: {len(positions)}" if positions else "Positions: none yet")
    for p in positions:
        click.echo(visible(f"  {p.get('actor')} {p.get('stance')} {p.get('issue')}: "
                           f"{' '.join(str(p.get('detail') or '').split())} ({_who(p)})"))
