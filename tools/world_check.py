"""The issue 13 hand checks (BENCHMARKS.md, "Accuracy on world news": hand checks).

    python tools/world_check.py corpus BENCHDATA N SEED OUT.jsonl
        writes N BBC articles drawn at random (seed SEED) from bbc-news-2225 business + politics
        as JSONL with ids bbc-<folder>-<number>, for `storyline ingest`
    python tools/world_check.py places EXPORT.json N SEED [PREFIX]
        prints N geocoded place entities drawn at random from a `storyline export --format json`
        (only those named in an article whose id starts with PREFIX, e.g. bbc-), each with its
        coordinates and the sentences of its articles that name it, for reading
    python tools/world_check.py quotes EXPORT.json N SEED
        prints N quotes drawn at random, each with its speaker, kind and the paragraph it came from
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path


def corpus(bench: Path, n: int, seed: int, out: Path) -> None:
    files = sorted(p for sec in ("business", "politics")
                   for p in (bench / "bbc-news-2225" / sec).glob("*.txt"))
    with open(out, "w", encoding="utf-8") as f:
        for p in sorted(random.Random(seed).sample(files, n)):
            title, _, body = p.read_text(encoding="utf-8", errors="replace").partition("\n")
            f.write(json.dumps({"id": f"bbc-{p.parent.name}-{p.stem}", "source": "BBC News",
                                "title": title.strip(), "text": body.strip()}) + "\n")


def _sentences_naming(text: str, names: list[str], limit: int = 2) -> list[str]:
    sents = re.split(r"(?<=[.!?\"'])\s+|\n+", text)
    hits = [s.strip() for s in sents if any(nm and nm in s for nm in names)]
    return hits[:limit]


def places(export: Path, n: int, seed: int, prefix: str = "") -> None:
    doc = json.loads(export.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] or "" for a in doc["articles"]}
    ents = [e for s in doc["stories"] for e in s["entities"] if e.get("geo")
            and any(a.startswith(prefix) for a in e["article_ids"])]
    print(len(ents), "geocoded entities")
    for k, e in enumerate(random.Random(seed).sample(ents, min(n, len(ents))), 1):
        g = e["geo"]
        names = [e["name"], *e.get("aliases", [])]
        print(f"#{k} {e['name']!r} ({e['type']}) aliases={e.get('aliases', [])} -> "
              f"{g['lat']:.3f},{g['lon']:.3f} {g.get('country')} | {', '.join(e['article_ids'])}")
        for aid in [a for a in e["article_ids"] if a.startswith(prefix)][:2]:
            for s in _sentences_naming(texts.get(aid, ""), names):
                print(f"    [{aid}] {s[:300]}")


def quotes(export: Path, n: int, seed: int) -> None:
    doc = json.loads(export.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] or "" for a in doc["articles"]}
    qs = [q for s in doc["stories"] for q in s["quotes"]]
    print(len(qs), "quotes")
    for k, q in enumerate(random.Random(seed).sample(qs, min(n, len(qs))), 1):
        text = texts.get(q["article_id"], "")
        probe = q["text"][:40]
        i = text.find(probe)
        ctx = text[max(0, i - 250): i + len(q["text"]) + 200] if i >= 0 else "(span not found)"
        print(f"#{k} [{q['article_id']}] {q['kind']} speaker={q['speaker']!r}\n"
              f"    QUOTE: {q['text'][:300]}\n    CONTEXT: {' '.join(ctx.split())}\n")


def main(argv: list[str]) -> None:
    cmd = argv[1]
    if cmd == "corpus":
        corpus(Path(argv[2]), int(argv[3]), int(argv[4]), Path(argv[5]))
    elif cmd == "places":
        places(Path(argv[2]), int(argv[3]), int(argv[4]), argv[5] if len(argv) > 5 else "")
    elif cmd == "quotes":
        quotes(Path(argv[2]), int(argv[3]), int(argv[4]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
