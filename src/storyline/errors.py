"""Errors raised by storyline. Every error names where it happened (file, line, URL)."""

from __future__ import annotations


class StorylineError(Exception):
    """Base class for errors that the CLI turns into a clean message."""


class InputError(StorylineError):
    """A piece of input (file, line, URL) could not be read or understood.

    ``where`` is the path or URL, ``line`` the 1-based line number when there is one.
    """

    def __init__(self, where: str, reason: str, line: int | None = None) -> None:
        self.where = where
        self.line = line
        self.reason = reason
        super().__init__(self.location + ": " + reason)

    @property
    def location(self) -> str:
        return f"{self.where}:{self.line}" if self.line is not None else self.where


class StoreError(StorylineError):
    """The store could not be opened or written."""


class StageError(StorylineError):
    """A pipeline stage failed on an article."""

    def __init__(self, stage: str, article_id: str, reason: str) -> None:
        self.stage = stage
        self.article_id = article_id
        self.reason = reason
        super().__init__(f"stage {stage} failed on article {article_id}: {reason}")


class UnknownStageError(StorylineError):
    """A stage name that no registered stage has."""
