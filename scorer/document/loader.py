"""Read a file into a :class:`Document`: reader → normalisation → structure → facts."""

from __future__ import annotations

from pathlib import Path

from scorer.document.facts import extract_facts
from scorer.document.model import Document
from scorer.document.readers import read_bytes, read_input
from scorer.document.structure import build_document
from scorer.support.errors import InputError, ReaderError


def load_document(path: str | Path) -> Document:
    """Load one report. Raises :class:`scorer.support.errors.InputError` for unreadable input."""
    raw = read_input(path)
    doc = build_document(raw, str(path))
    doc.facts = extract_facts(doc)
    return doc


def load_bytes(data: bytes, name: str) -> Document:
    """Load a report from bytes (uploads, tests); ``name`` gives the extension."""
    try:
        raw = read_bytes(data, name)
    except ReaderError as exc:
        raise InputError(name, exc.reason) from None
    doc = build_document(raw, name)
    doc.facts = extract_facts(doc)
    return doc


def load_named_bytes(data: bytes, name: str) -> Document:
    """``load_document(name)`` on bytes already read (a batch or remote worker): the same
    reading errors, as :class:`scorer.support.errors.InputError` naming ``name``."""
    try:
        raw = read_bytes(data, name)
    except ReaderError as exc:
        raise InputError(name, exc.reason) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise InputError(name, f"无法读取文件（{reason}）") from None
    doc = build_document(raw, name)
    doc.facts = extract_facts(doc)
    return doc
