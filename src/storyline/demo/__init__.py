"""The bundled demo corpus (invented outlets and stories, mixed formats)."""

from __future__ import annotations

from pathlib import Path


def demo_path() -> Path:
    """The folder holding the demo corpus files."""
    return Path(__file__).parent / "corpus"
