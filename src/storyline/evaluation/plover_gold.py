"""The PLOVER gold-standard sentences (``PLOVER_GSR_*.json``): records, categories mapped
from PLOVER 0.5 to the current 16, and the actor / recipient texts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# PLOVER 0.5 categories the current manual renamed or merged (dataset README, manual's
# conversion table): (category, mode)
MAP_05 = {"DEMAND": ("REQUEST", None), "FIGHT": ("ASSAULT", None),
          "DISAPPROVE": ("ACCUSE", "disapprove"), "INVESTIGATE": ("ACCUSE", "investigate")}


@dataclass(frozen=True, slots=True)
class GoldRecord:
    n: int  # position in the file (0 = first event record)
    id: str
    text: str
    date: str | None
    category: str  # current PLOVER
    mode: str | None
    original: str  # as written in the file (PLOVER 0.5)
    actors: tuple[str, ...]
    recipients: tuple[str, ...]

    @property
    def half(self) -> str:
        """"dev" for even positions, "check" for odd ones (see the eval's docstring)."""
        return "dev" if self.n % 2 == 0 else "check"


def _texts(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    out = []
    for it in items:
        text = it.get("actorText") if isinstance(it, dict) else it if isinstance(it, str) else None
        if text and text.strip():
            out.append(text.strip())
    return tuple(out)


def read_gold(data: Path) -> list[GoldRecord]:
    """Every event record of the folder's ``PLOVER_GSR*.json`` files (the documentation
    record skipped), in file order."""
    files = sorted(data.glob("PLOVER_GSR*.json")) if data.is_dir() else [data]
    if not files:
        raise FileNotFoundError(f"no PLOVER_GSR*.json file in {data}")
    out: list[GoldRecord] = []
    for path in files:
        for rec in json.loads(path.read_text(encoding="utf-8")):
            event = rec.get("event")
            if not event or event == "DOCUMENT" or not rec.get("text"):
                continue
            category, mode = MAP_05.get(event, (event, None))
            mode = mode or (rec.get("mode") or None)
            out.append(GoldRecord(len(out), str(rec.get("id", len(out))), rec["text"].strip(),
                                  rec.get("date"), category, mode, event,
                                  _texts(rec.get("source")), _texts(rec.get("target"))))
    return out
