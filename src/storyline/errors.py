"""Errors raised by storyline, which the CLI turns into clean messages. (Bad input is not
an error: readers report it as an :class:`storyline.records.IngestProblem` and go on.)"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class for errors that the CLI turns into a clean message."""


class StoreError(StorylineError):
    """The store could not be opened or written."""


class UnknownStageError(StorylineError):
    """A stage name that no registered stage has."""


class NotFoundError(StorylineError):
    """No story, article or entity with the id asked for."""
