"""How documents are split into folds (by ``scorer eval --folds`` and the trainer's inner
folds): by a stable hash of their names, a mirror copy always with its original."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath


def group_of(doc_name: str, label_docs: list[str]) -> str:
    """The labelled document an evaluated one is (a copy of), else its own name."""
    base = PurePosixPath(doc_name).name
    for key in sorted(label_docs, key=len, reverse=True):
        name = PurePosixPath(key).name
        if base == name or base.endswith("_" + name):
            return key
    return doc_name


def fold_of(group: str, k: int) -> int:
    """The fold of a document (or group of copies): a stable hash of its name."""
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % k
