"""Expand the command line's folders and files into a deterministic list of report files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scorer.document.readers import SUPPORTED_SUFFIXES

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


OUTSIDE = "是指向所审查文件夹之外的符号链接，未读取"
LOOP = "是无法解析的符号链接（循环或目标不存在），未读取"


def _link_problem(link: Path, root: Path) -> str | None:
    """Why a symbolic link found in the folder is not followed (None: it stays inside)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a cycle (RuntimeError before Python 3.13) or a dangling link
        return LOOP
    return None if target == root or root in target.parents else OUTSIDE


def _walk(folder: Path) -> list[tuple[Path, str | None]]:
    """Report files under ``folder``, each with the reason it is not read (a symbolic link
    leading out of the folder, or nowhere). Links are never followed into folders, so a cycle
    cannot loop; a link to a folder outside is listed too."""
    found: list[tuple[Path, str | None]] = []
    root = folder.resolve()
    for base, dirs, files in os.walk(folder, followlinks=False):
        here = Path(base)
        links = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for d in sorted(links):
            problem = _link_problem(here / d, root)
            if problem is not None and not d.startswith("."):
                found.append((here / d, problem))
        if "audit.json" in files and "index.html" in files:  # an earlier audit run's folder
            dirs[:] = []
            continue
        for name in sorted(files):
            if name.startswith(_SKIP_PREFIXES) or name in _SKIP_NAMES:
                continue
            path = here / name
            if path.is_symlink():
                problem = _link_problem(path, root)
                if problem is not None:
                    found.append((path, problem))
                    continue
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append((path, None))
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
            for f, problem in _walk(p):
                if problem is not None:
                    add(Item(_shown(f), problem), str(f.absolute()))
                    continue
                rf = f.resolve()
                if skip is not None and (rf == skip or skip in rf.parents):
                    continue
                add(Item(_shown(f)), str(rf))
        elif p.exists():
            add(Item(arg), str(p.resolve()))
        else:
            add(Item(arg, "文件或文件夹不存在"), arg)
    return items
