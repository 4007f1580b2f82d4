"""Compare ``scorer check --format json`` outputs of two versions, byte for byte, except for the
keys a newer schema adds.

    python3 tools/compare_json.py BEFORE AFTER [--added group,groups]

BEFORE and AFTER are two files, or two folders whose ``*.json`` files are compared by name.
From AFTER the keys named by ``--added`` are removed wherever they stand (by default those of
schema 1.1: ``group`` of each element, ``groups`` of each report) and ``schema_version`` is
set to BEFORE's; the result is serialised as ``scorer check`` does and must equal BEFORE's
bytes. Prints one line per file and exits 1 if any differ (with the first differing line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ADDED = ("group", "groups")


def strip(value: Any, keys: set[str]) -> Any:
    if isinstance(value, dict):
        return {k: strip(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [strip(v, keys) for v in value]
    return value


def normalised(before: str, after: str, keys: set[str]) -> str:
    old, new = json.loads(before), strip(json.loads(after), keys)
    if isinstance(old, dict) and isinstance(new, dict) and "schema_version" in old:
        new["schema_version"] = old["schema_version"]
    return json.dumps(new, ensure_ascii=False, indent=2) + "\n"


def compare(before: Path, after: Path, keys: set[str]) -> str | None:
    """None when equal, else the first differing line."""
    old = before.read_text(encoding="utf-8")
    new = normalised(old, after.read_text(encoding="utf-8"), keys)
    if old == new:
        return None
    for n, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), 1):
        if a != b:
            return f"line {n}: {a.strip()!r} != {b.strip()!r}"
    return "lengths differ"


def pairs(before: Path, after: Path) -> list[tuple[Path, Path]]:
    if before.is_file():
        return [(before, after)]
    return [(p, after / p.name) for p in sorted(before.glob("*.json"))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--added", default=",".join(ADDED), help="keys added by the newer schema")
    args = ap.parse_args(argv)
    keys = {k for k in args.added.split(",") if k}
    failed = 0
    for old, new in pairs(args.before, args.after):
        problem = compare(old, new, keys) if new.exists() else "missing"
        print(f"{old.name}: {'identical' if problem is None else problem}")
        failed += problem is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
