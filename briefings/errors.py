"""The project's own exceptions.

    NashraError
    ├── InputError          an article or manifest that cannot be read as news
    │   ├── EmptyInput      nothing but whitespace or furniture
    │   ├── BinaryInput     bytes that are not text
    │   ├── TooLarge        over the size cap
    │   └── NotArabic       text with too little Arabic to brief
    ├── ConfigError         a bad setting or data file, reported at start
    └── FetchError          a source that could not be fetched (storage/ and bot/ raise it)

Every message is one line meant for a person: what was wrong and with what.
"""

from __future__ import annotations


class NashraError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(NashraError):
    """An input that cannot be briefed."""


class EmptyInput(InputError):
    """The input holds no story text."""


class BinaryInput(InputError):
    """The input is not text."""


class TooLarge(InputError):
    """The input is over the size cap."""


class NotArabic(InputError):
    """The input has too little Arabic to brief."""


class ConfigError(NashraError):
    """A setting or data file is wrong."""


class FetchError(NashraError):
    """A source could not be fetched; `kind` names how, in one word, for the metrics."""

    kind = "network"  # network | http | deadline | refused | malformed | missing

    def __init__(self, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind
