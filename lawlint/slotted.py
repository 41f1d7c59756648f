"""Value comparison for lawlint's plain slotted classes.

The data classes a run creates are plain classes with ``__slots__`` and a written-out
``__init__``: a dataclass or a NamedTuple costs 0.1–0.4 ms to create at import, and a cold
start creates dozens. Those compared by value (a --jobs run's findings and results against a
serial run's) compare their slots here.
"""

from __future__ import annotations

from typing import Any


def field_values(record: Any) -> tuple[Any, ...]:
    """The values of ``record``'s slots, in order."""
    return tuple(getattr(record, name) for name in record.__slots__)


def same_fields(one: object, other: object) -> bool:
    """Whether two objects of one slotted class hold equal values."""
    return type(one) is type(other) and field_values(one) == field_values(other)


class SentByValues:
    """A base for a slotted class that crosses processes (--jobs): pickled as its values
    alone, half the bytes and time of pickling each slot by name. Its ``__init__`` takes the
    slots in order."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), field_values(self)
