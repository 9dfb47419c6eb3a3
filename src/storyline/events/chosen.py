"""A trigger candidate chosen for a clause, with what the extractor learns about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from storyline.events.candidates import Candidate
from storyline.events.factuality import Factuality
from storyline.events.lexicon import TriggerEntry
from storyline.events.participants import Participant


@dataclass
class Chosen:
    cand: Candidate
    entry: TriggerEntry
    actor: Participant | None
    fact: Factuality = field(default_factory=Factuality)
    category: str = ""
    content: str | None = None  # the category of what a verbal act is about
    content_mode: str | None = None
    content_token: Token | None = None
    transformed: bool = False  # the category comes from a future / intended action
