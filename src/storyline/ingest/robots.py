"""robots.txt, as RFC 9309 reads it, for our User-Agent.

Each site's ``/robots.txt`` is fetched once per run (through the same guarded fetcher,
so it too is refused on a private address, capped in size and time) and kept:

- 2xx: its rules decide (``urllib.robotparser``, our product token ``storyline``);
- 4xx (none there): everything may be fetched;
- 5xx or a redirect loop: nothing is fetched from it ("unreachable": assume complete
  disallow);
- no connection at all: the page's own fetch fails the same way, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: at least 500 KiB must be read


@dataclass(frozen=True)
class Robots:
    """One site's answer: its parsed rules, or allow/deny all with the reason."""

    rules: RobotFileParser | None = None
    allow_all: bool = False
    why_not: str = ""

    @classmethod
    def from_text(cls, text: str) -> Robots:
        rp = RobotFileParser()
        rp.parse(text.splitlines())
        return cls(rules=rp)

    def allows(self, agent: str, url: str) -> bool:
        if self.rules is not None:
            return self.rules.can_fetch(agent, url)
        return self.allow_all


def product_token(user_agent: str) -> str:
    """``storyline`` of ``storyline/0.1 (...)``: the name robots.txt groups match."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
