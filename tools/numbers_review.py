"""The hand review of exported number groups (BENCHMARKS.md, "Numbers / corroboration").

    python tools/numbers_review.py corpus BENCHDATA OUTDIR
        writes OUTDIR/bbc150.jsonl (150 BBC business/politics articles) and OUTDIR/t17_100.jsonl
        (100 Timeline17 articles from 8 topic/outlet folders, a random window of days each), seed 11
    python tools/numbers_review.py sample EXPORT.json N SEED [conflicts]
        prints N number groups drawn at random from a `storyline export` (or every conflicting one)
        with their values, outlets and the sentences they come from, for reading
"""

from __future__ import annotations

import collections
import json
import random
import sys
from pathlib import Path

T17 = {  # folder: (outlet, articles drawn)
    "haiti_bbc": ("BBC", 20), "bpoil_guardian": ("The Guardian", 12),
    "bpoil_reuters": ("Reuters", 12), "LibyaWar_cnn": ("CNN", 14),
    "LibyaWar_reuters": ("Reuters", 14), "H1N1_bbc": ("BBC", 10),
    "H1N1_guardian": ("The Guardian", 8), "SyrianCrisis_bbc": ("BBC", 10),
}


def corpus(bench: Path, out: Path) -> None:
    rng = random.Random(11)
    bbc = sorted(p for sec in ("business", "politics")
                 for p in (bench / "bbc-news-2225" / sec).glob("*.txt"))
    with open(out / "bbc150.jsonl", "w", encoding="utf-8") as f:
        for p in sorted(rng.sample(bbc, 150)):
            title, _, body = p.read_text(encoding="utf-8", errors="replace").partition("\n")
            f.write(json.dumps({"id": f"bbc-{p.parent.name}-{p.stem}", "source": "BBC News",
                                "title": title.strip(), "text": body.strip()}) + "\n")
    with open(out / "t17_100.jsonl", "w", encoding="utf-8") as f:
        for folder, (outlet, n) in T17.items():
            arts = json.loads((bench / "timeline17" / folder / "articles.json").read_text())
            arts.sort(key=lambda d: (d["dct"], d["uid"]))  # a window of days keeps stories formable
            start = rng.randrange(0, max(1, len(arts) - n * 3))
            chosen = sorted(rng.sample(arts[start:start + n * 3], n),
                            key=lambda d: (d["dct"], d["uid"]))
            for d in chosen:
                f.write(json.dumps({"id": f"t17-{folder}-{d['uid']}", "source": outlet,
                                    "published": d["dct"][:10], "text": d["text"]}) + "\n")


def sample(export: Path, n: int, seed: int, conflicts: bool) -> None:
    doc = json.loads(export.read_text(encoding="utf-8"))
    groups = [(s["id"], g) for s in doc["stories"] for g in s["numbers"]]
    print(len(doc["stories"]), "stories,", len(groups), "groups:",
          dict(collections.Counter(g["status"] for _, g in groups)))
    pick = ([sg for sg in groups if sg[1]["status"] == "conflicting"] if conflicts
            else random.Random(seed).sample(groups, min(n, len(groups))))
    for k, (_, g) in enumerate(pick, 1):
        vals = "; ".join(
            f"{v['value']:g}{'-' + format(v['high'], 'g') if v.get('high') else ''}"
            f"{' (' + v['qualifier'] + ')' if v.get('qualifier') else ''} "
            f"[{', '.join(v['sources']) or '?'} {v['first_reported']}]" for v in g["values"])
        print(f"#{k} {g['status']}{' ' + g['trend'] if g.get('trend') else ''} | "
              f"what={g['what']!r} unit={g['unit']} place={g['place']} "
              f"holder={g.get('holder')} | {vals}")
        for m in g["mentions"][:4]:
            print(f"     [{m['article_id']}] {m['text']!r}: {m['sentence'][:300]}")


if __name__ == "__main__":
    if sys.argv[1] == "corpus":
        corpus(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        sample(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
               len(sys.argv) > 5 and sys.argv[5] == "conflicts")
