"""Expand the command line's folders and files into a deterministic list of report files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scorer.readers import SUPPORTED_SUFFIXES

# Office lock files and our own outputs are never reports.
_SKIP_PREFIXES = ("~$", ".~lock", ".")
_SKIP_NAMES = {"summary.csv", "audit.json", "index.html"}


@dataclass(frozen=True)
class Item:
    path: str  # as it will be shown and recorded (relative to the working folder when possible)
    problem: str | None = None  # set when the path itself is unusable (does not exist …)


def _shown(p: Path) -> str:
    try:
        return os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(p)


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if "audit.json" in files and "index.html" in files:  # an earlier audit run's folder
            dirs[:] = []
            continue
        for name in sorted(files):
            if name.startswith(_SKIP_PREFIXES) or name in _SKIP_NAMES:
                continue
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Path(root) / name)
    return found


def collect(paths: list[str], exclude: Path | None = None) -> list[Item]:
    """Files named on the command line are taken as they are (so a wrong extension is reported);
    folders are searched recursively for supported extensions. ``exclude`` (the output folder)
    is never searched. Order: as given, folders sorted; duplicates dropped."""
    items: list[Item] = []
    seen: set[str] = set()
    skip = exclude.resolve() if exclude else None

    def add(item: Item, key: str) -> None:
        if key not in seen:
            seen.add(key)
            items.append(item)

    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            for f in _walk(p):
                rf = f.resolve()
                if skip is not None and (rf == skip or skip in rf.parents):
                    continue
                add(Item(_shown(f)), str(rf))
        elif p.exists():
            add(Item(arg), str(p.resolve()))
        else:
            add(Item(arg, "文件或文件夹不存在"), arg)
    return items
