"""Time the position extractor against the rest of the enrich stage's per-article work.

    PYTHONPATH=src python tools/time_positions.py ../shared/benchdata/bbc-news-2225/politics 150

Parses the texts once (the enrich stage's spaCy pipeline), then times, per article, the
extractors the positions step needs (mentions, dates, quotes, events) and the position
extractor itself; prints the seconds of each and the positions found.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.entities.mentions import extract_mentions
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.sentences import sentences_of
from storyline.enrich.quotes.extract import extract_quotes
from storyline.events.extract import extract_events
from storyline.positions.extract import extract_positions
from storyline.records import Article


def main(folder: str, limit: int) -> None:
    texts = [f.read_text(errors="replace") for f in sorted(Path(folder).glob("*.txt"))[:limit]]
    nlp = load_nlp()
    nlp("Warm up in Kyiv.")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - t0
    rest = events = positions = 0.0
    found = 0
    for i, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        a = Article(id=f"t{i}", input="x", body=text, body_kind="text", text=text,
                    published="2005-01-01")
        t = time.perf_counter()
        sents = sentences_of(doc, a.id)
        mentions = extract_mentions(doc, a, sents)
        dates = extract_dates(doc, a, sents)
        quotes = extract_quotes(doc, a, sents, mentions, dates)
        rest += time.perf_counter() - t
        t = time.perf_counter()
        evs = extract_events(doc, a, sents, mentions, dates)
        events += time.perf_counter() - t
        t = time.perf_counter()
        found += len(extract_positions(doc, a, sents, mentions, dates, quotes, evs))
        positions += time.perf_counter() - t
    total = parse + rest + events + positions
    print(f"{len(texts)} texts, {sum(len(x) for x in texts)} characters, {found} positions")
    print(f"parse {parse:.2f} s, mentions+dates+quotes {rest:.2f} s, events {events:.2f} s, "
          f"positions {positions:.2f} s ({1000 * positions / len(texts):.1f} ms an article, "
          f"{100 * positions / total:.1f}% of the total)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 150)
