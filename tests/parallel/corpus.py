"""A small corpus (written for these tests) that touches every path where the per-article
work could depend on what the writer has written before: two articles of one story where
the second's place is read through the first's places, an exact syndicated copy, a near
copy, a line many articles repeat, a page of HTML, an article in French."""

from __future__ import annotations

import json
from pathlib import Path

REPEATED = "Follow our live coverage of the region"

FLOOD = (
    "Floodwaters swept through Paris, Texas on Monday after the Red River burst its banks.\n"
    "Officials in Lamar County said 14 people were rescued from their homes near Sulphur "
    "Springs and Clarksville, Texas.\n"
    '"We have never seen water rise this fast," said county judge Brandon Bell.\n'
    "Shelters opened in Greenville and in Hugo, Oklahoma, across the river.\n"
    f"{REPEATED}"
)
FLOOD_FOLLOW = (
    "Residents of Paris began cleaning up on Tuesday as the floodwaters from the Red River "
    "fell back.\n"
    "Judge Brandon Bell said 14 people had been rescued and about 200 homes were damaged by "
    "the flood.\n"
    '"The water is going down but the damage is huge," Bell told reporters.\n'
    f"{REPEATED}"
)
WILDFIRE = (
    "A wildfire near Kelowna, British Columbia forced 3,000 people from their homes on "
    "Wednesday.\n"
    "Fire crews from Vernon and Penticton were sent to the blaze, officials said.\n"
    '"Conditions are extreme," said fire chief Anna Lindqvist.\n'
    f"{REPEATED}"
)
HARBOUR_HTML = (
    "<html><head><title>Harbour strike enters second week</title>"
    '<meta property="article:published_time" content="2024-05-03T09:00:00Z"></head><body>'
    "<article><h1>Harbour strike enters second week</h1>"
    "<p>Dock workers in Rotterdam extended their strike into a second week on Friday, "
    "union leaders said.</p>"
    "<p>About 40 ships are waiting outside the port, the harbour authority said, and "
    "talks with employers are due to resume in The Hague on Monday.</p>"
    f"<p>{REPEATED}</p></article></body></html>"
)
FRENCH = ("Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs touchés "
          "par la sécheresse dans le sud de la France. Les aides seront versées dès le mois "
          "prochain, a précisé le ministre.")


def records() -> list[dict[str, object]]:
    return [
        {"id": "flood-1", "source": "Lamar Ledger", "title": "Flood hits Paris, Texas",
         "published": "2024-05-01T08:00:00Z", "text": FLOOD},
        {"id": "flood-2", "source": "Red River Post", "title": "Paris cleans up after flood",
         "published": "2024-05-01T20:00:00Z", "text": FLOOD_FOLLOW},
        {"id": "flood-1-wire", "source": "Wire Service", "url": "https://wire.example/flood",
         "title": "Flood hits Paris, Texas", "published": "2024-05-01T09:00:00Z",
         "text": FLOOD},
        {"id": "flood-2-near", "source": "Valley Times", "title": "Paris mops up",
         "published": "2024-05-02T07:00:00Z",
         "text": FLOOD_FOLLOW + "\nVolunteers handed out water and food at the shelters."},
        {"id": "fire-1", "source": "Okanagan Daily", "title": "Wildfire forces evacuations",
         "published": "2024-05-02T10:00:00Z", "text": WILDFIRE},
        {"id": "harbour-1", "source": "Port News", "published": "2024-05-03T09:00:00Z",
         "html": HARBOUR_HTML, "url": "https://port.example/strike"},
        {"id": "secheresse", "source": "Le Quotidien", "title": "Aides contre la sécheresse",
         "published": "2024-05-03T11:00:00Z", "text": FRENCH},
    ]


def write_corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()),
                    encoding="utf-8")
    return path
