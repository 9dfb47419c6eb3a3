"""Quicker pickling for the frozen, slotted dataclasses that travel between processes.

A work unit's results (sentences, mentions, quotes, places: tens of thousands of small records
for a batch of long articles) go from a worker to the writer pickled. For a frozen dataclass
with ``slots=True`` Python pickles the fields' values and sets them back one by one, but its
``__getstate__`` and ``__setstate__`` look the fields up again (``dataclasses.fields``) for
every object: in a run with workers that look-up was most of the writer's time spent
unpickling. :func:`quick_pickle` gives a class the same kind of state (the fields' values,
in order) read and written through attributes found once, when the class is made.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def quick_pickle(cls: type[T]) -> type[T]:
    """Class decorator (below ``@dataclass(frozen=True, slots=True)``): pickle the fields'
    values as a tuple, and set them back through the slots' own descriptors."""
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    if not names:
        return cls
    setters = tuple(getattr(cls, n).__set__ for n in names)  # the slot descriptors
    read = attrgetter(*names)
    single = len(names) == 1

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return (read(self),) if single else read(self)  # type: ignore[no-any-return]

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for put, value in zip(setters, state, strict=True):
            put(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined,method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined,method-assign]
    return cls


__all__ = ["quick_pickle"]
