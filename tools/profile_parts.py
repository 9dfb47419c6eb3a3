"""Where a `storyline ingest` spends its time, from a py-spy sampling profile.

    pip install py-spy
    py-spy record -r 200 -f raw -o prof.txt -- python -m storyline --db p.db ingest t17.jsonl
    python tools/profile_parts.py prof.txt

A sampling profiler charges no per-call cost to Python code (cProfile does: it inflated
small Python functions several times over in round 6-7 of the throughput work), so each
share below is the share of the process's samples. Samples are assigned to the first part
(in the order of :data:`PARTS`) whose function appears in the stack; spaCy's Cython code
(the networks' own loops, the tokenizer) has no Python frame, so it is charged to the
Python function that called it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

# (part, pattern matched against each frame "function (file:line)"), first match wins
PARTS: tuple[tuple[str, str], ...] = (
    ("model and gazetteer loading", r"^load_nlp \("),
    ("spaCy: tokenizer (with the long-run guard)", r"^LongRunGuard\.__call__ \("),
    ("spaCy: tok2vec", r"^Tok2Vec\.predict \("),
    ("spaCy: parser and ner networks", r"\(spacy/ml/tb_framework\.py"),
    ("spaCy: attribute look-up", r"^AttributeMatcher\.|^AttributeRuler\."),
    ("spaCy: lemmas", r"^cache_every_lemma\.<locals>\.write|^Lemmatizer\."),
    ("spaCy: datelines component", r"\(storyline/enrich/nlp/datelines\.py"),
    ("spaCy: the rest (Cython loops of parser, ner, tagger; rulers)", r"^Language\.pipe \("),
    ("extract: events", r"^extract_events \("),
    ("extract: entities and places", r"^extract_mentions \("),
    ("extract: positions", r"^extract_positions \("),
    ("extract: quotes", r"^extract_quotes \("),
    ("extract: attributions", r"^extract_attributions \("),
    ("extract: dates", r"^extract_dates \("),
    ("extract: numbers", r"^extract_numbers \("),
    ("extract: the rest of enrich_doc", r"^enrich_doc \("),
    ("enrich: entity resolution", r"^resolve_entities \("),
    ("enrich: writes and reads of the store", r"^EnrichStage\._write \(|^story_places \("),
    ("stage: clean", r"^clean_chunk \(|^CleanStage\."),
    ("stage: dedupe", r"^DedupeStage\.run \("),
    ("stage: stories", r"^StoriesStage\.run \("),
    ("stage: events", r"^EventsStage\.run \("),
    ("stage: corroborate", r"^CorroborateStage\.run \("),
    ("stage: positions", r"^PositionsStage\.run \("),
    ("stage: brief", r"^BriefStage\.run \("),
    ("imports", r"^_find_and_load \("),
)


def parts(lines: list[str]) -> tuple[Counter[str], int]:
    """Samples per part of the raw py-spy ``lines`` ("frame;frame;... count"), and the
    total."""
    compiled = [(name, re.compile(p)) for name, p in PARTS]
    out: Counter[str] = Counter()
    total = 0
    for line in lines:
        stack, _, n = line.rstrip().rpartition(" ")
        if not n.isdigit():
            continue
        total += int(n)
        frames = stack.split(";")
        out[_part(frames, compiled)] += int(n)
    return out, total


def _part(frames: list[str], compiled: list[tuple[str, re.Pattern[str]]]) -> str:
    for name, pat in compiled:
        if any(pat.search(f) for f in frames):
            return name
    return "other (CLI, reading input, pipeline bookkeeping)"


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        counts, total = parts(f.readlines())
    print(f"{total} samples")
    for name, n in counts.most_common():
        print(f"{100 * n / total:6.1f}%  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
