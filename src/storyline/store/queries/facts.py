"""A story's facts for reading: events, figures with conflicts first, quotes by speaker,
positions: the story document's sections in the order a reader checks them."""

from __future__ import annotations

from collections import Counter
from typing import Any

STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "single-source": 2}


def _by_speaker(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes under their speakers, the most quoted speaker first; unattributed last. A
    speaker is its entity (the outlets' spellings of one person are one speaker, shown by
    the spelling most of the quotes use), or its name where no entity was resolved."""
    speakers: dict[tuple[str | None, str | None], list[dict[str, Any]]] = {}
    for q in quotes:
        eid = q.get("speaker_entity_id")
        speakers.setdefault((eid, None if eid else q.get("speaker")), []).append(q)
    groups = []
    for (eid, name), qs in speakers.items():
        if eid:
            names = Counter(q.get("speaker") for q in qs if q.get("speaker"))
            name = min(names, key=lambda n: (-names[n], n)) if names else None
        groups.append({"speaker": name, "speaker_entity_id": eid, "quotes": qs})
    return sorted(groups, key=lambda g: (g["speaker"] is None, -len(g["quotes"]),
                                         (g["speaker"] or "").casefold()))


def story_facts(doc: dict[str, Any]) -> dict[str, Any]:
    """The facts of a story document (the export contract's shape): ``numbers`` with
    conflicts first, then corroborated, then single-source figures (each in the story's
    order); ``quotes_by_speaker``; ``events`` and ``positions`` as the document has them."""
    numbers = sorted(doc.get("numbers", []),
                     key=lambda n: STATUS_ORDER.get(n.get("status", ""), len(STATUS_ORDER)))
    return {
        "id": doc["id"], "title": doc.get("title"), "sources": doc.get("sources", []),
        "events": doc.get("events", []),
        "numbers": numbers,
        "quotes_by_speaker": _by_speaker(doc.get("quotes", [])),
        "positions": doc.get("positions", []),
    }
