"""A generated news corpus for robustness runs: stories told by several outlets over
several days, wire copies among them, quotes and numbers, as JSON lines, scraped text
and HTML files. Deterministic for a seed; every word made up here (no real article).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
from dataclasses import dataclass
from pathlib import Path

OUTLETS = ("Harbour Courier", "Valley Post", "Lakeside Times", "Northern Ledger", "Coast Herald",
           "Plains Gazette", "River Daily", "Summit News")
PEOPLE = ("Anna Berg", "Tomas Lind", "Maria Okafor", "Kenji Sato", "Leila Haddad", "Pavel Novak",
          "Sofia Marin", "David Mensah", "Ines Duarte", "Omar Farouk")
ROLES = ("the mayor", "the harbour master", "a police spokesperson", "the regional governor",
         "the union leader", "the health minister", "a fire service official", "the port director")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# (topic title, place, sentence templates); {n}, {m}: numbers, {who}/{role}: a person and
# role, {day}: a weekday
TOPICS = (
    ("Flooding", "Lindau", (
        "Floodwater rose across {place} on {day}, forcing {n} families from their homes.",
        "Rescue boats reached the old town of {place} as the river crested overnight.",
        "\"We have never seen the water this high,\" said {who}, {role}.",
        "Officials said {m} people were taken to shelters in schools and sports halls.",
        "The regional weather service warned of more rain in the hills above {place}.")),
    ("Port strike", "Rotterdam", (
        "Dock workers in {place} walked out on {day}, halting {n} container ships.",
        "The strike at the port of {place} entered its third day without talks.",
        "\"Our members will not return until pay is settled,\" said {who}, {role}.",
        "Shipping companies said {m} vessels were waiting at anchor off {place}.",
        "Retailers warned that shelves could empty if the dispute in {place} drags on.")),
    ("Wildfire", "Evora", (
        "A wildfire near {place} spread across {n} hectares of cork forest on {day}.",
        "Firefighters from three districts fought the blaze outside {place} through the night.",
        "\"The wind changed direction twice in an hour,\" said {who}, {role}.",
        "Authorities evacuated {m} residents from villages east of {place}.",
        "Water bombers were sent to {place} as temperatures passed forty degrees.")),
    ("Bridge closure", "Gdansk", (
        "The main bridge in {place} was closed on {day} after inspectors found cracks.",
        "Engineers said repairs to the bridge in {place} could take {n} weeks.",
        "\"Safety comes before convenience,\" said {who}, {role}.",
        "About {m} vehicles a day will be diverted through the centre of {place}.",
        "Traders near the bridge in {place} said customers had already stayed away.")),
    ("Hospital outbreak", "Tampere", (
        "A stomach virus outbreak at the hospital in {place} sickened {n} patients by {day}.",
        "The hospital in {place} closed two wards to new admissions.",
        "\"The situation is under control,\" said {who}, {role}.",
        "Health officials in {place} said {m} staff members were also unwell.",
        "Visitors to the hospital in {place} were asked to wear masks.")),
    ("Election count", "Valletta", (
        "Counting in the local election in {place} continued on {day} after a recount request.",
        "Turnout in {place} reached {n} percent, the highest in a decade.",
        "\"Every ballot will be counted twice,\" said {who}, {role}.",
        "Observers in {place} reported {m} spoiled ballots at one station.",
        "The result in {place} is expected before the end of the week.")),
)


@dataclass(frozen=True)
class CorpusInfo:
    folder: Path
    articles: int
    copies: int
    stories: int


def _article(rng: random.Random, topic: tuple[str, str, tuple[str, ...]], day: dt.date) -> tuple[str, str]:
    name, place, templates = topic
    who = rng.choice(PEOPLE)
    role = rng.choice(ROLES)
    sentences = rng.sample(templates, k=rng.randint(3, len(templates)))
    text = " ".join(t.format(place=place, day=rng.choice(WEEKDAYS), n=rng.randint(2, 400),
                             m=rng.randint(2, 900), who=who, role=role) for t in sentences)
    title = f"{name} in {place}: {rng.choice(('update', 'latest', 'what we know', 'day two'))}"
    return title, text


def make_corpus(folder: Path, articles: int = 300, seed: int = 1, copy_share: float = 0.2) -> CorpusInfo:
    """Write ``articles`` articles into ``folder`` (JSON lines, text and HTML files)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2026, 3, 1)
    records: list[dict[str, str]] = []
    copies = 0
    for i in range(articles):
        topic = TOPICS[i % len(TOPICS)]
        day = start + dt.timedelta(days=rng.randint(0, 12), )
        outlet = rng.choice(OUTLETS)
        if records and rng.random() < copy_share:  # a wire copy of an earlier article
            original = rng.choice(records)
            title, text = original["title"], original["text"] + " This story was first reported by a wire service."
            copies += 1
        else:
            title, text = _article(rng, topic, day)
        records.append({"id": f"gen-{i:05d}", "source": outlet, "title": title,
                        "published": f"{day.isoformat()}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00Z",
                        "text": text})
    lines = [r for n, r in enumerate(records) if n % 3 != 2]
    for part in range(0, len(lines), 100):
        with open(folder / f"batch-{part // 100:03d}.jsonl", "w", encoding="utf-8") as f:
            for r in lines[part : part + 100]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for n, r in enumerate(records):
        if n % 3 != 2:
            continue
        if n % 2:
            (folder / f"{r['id']}.txt").write_text(
                f"{r['source']}\n{r['title']}\ndate {r['published'][:10]}\n\n{r['text']}\n", encoding="utf-8")
        else:
            (folder / f"{r['id']}.html").write_text(
                f"<!DOCTYPE html><html><head><title>{html.escape(r['title'])} | {html.escape(r['source'])}"
                f"</title><meta property=\"og:site_name\" content=\"{html.escape(r['source'])}\">"
                f"<meta property=\"article:published_time\" content=\"{r['published']}\"></head>"
                f"<body><nav>Home | News | Sport</nav><article><h1>{html.escape(r['title'])}</h1>"
                + "".join(f"<p>{html.escape(s)}</p>" for s in r["text"].split(". "))
                + "</article><footer>Share this story</footer></body></html>", encoding="utf-8")
    return CorpusInfo(folder, articles, copies, len(TOPICS))
