"""Errors that reach the user as one Chinese line, with the project-wide exit statuses."""

from __future__ import annotations

from pathlib import Path

from scorer.support.display import shown

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 3


class ScorerError(Exception):
    """Base class: an error whose message is fit to show the user as it is."""

    exit_status = EXIT_INPUT_ERROR


class InputError(ScorerError):
    """A report file cannot be read or is not a report we can score."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(shown(f"{self.path}: {reason}"))  # the name may hold a newline or ESC


class ReaderError(Exception):
    """Raised inside a reader with a Chinese reason; the entry point adds the file name."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class UsageError(ScorerError):
    """A bad flag or argument combination."""


class OutputError(ScorerError):
    """An output file or folder cannot be written (exit status 2: the chosen place is unusable)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(shown(f"{self.path}: {reason}"))
