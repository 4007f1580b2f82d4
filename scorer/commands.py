"""Sub-commands beyond ``inspect``; each registers its own parser."""

from __future__ import annotations

import argparse


def register_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Hook for the check/checklist/eval commands."""
