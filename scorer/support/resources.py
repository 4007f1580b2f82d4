"""Where the shipped checklists live: the repository's top-level ``checklists/`` in a checkout or
editable install, ``scorer/checklists/`` inside an installed wheel (see pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def checklist_dir() -> Path:
    for candidate in (_PACKAGE / "checklists", _PACKAGE.parent / "checklists"):
        if (candidate / "base-2021.yaml").is_file():
            return candidate
    return _PACKAGE.parent / "checklists"
