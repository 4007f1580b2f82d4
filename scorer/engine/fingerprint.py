"""Where a gap is shown in the report, and an identity for it that survives edits.

A gap with findings (a wrong year, a foreign place name, a skipped heading number) is shown at
each quoted span; any other gap at its anchor line (``Verdict.anchor``: the heading of the
element's own part, else the title). The fingerprint hashes the element id, the part and the
quoted text (plus an occurrence number for repeated quotes), never a line number, so moving
text around keeps a gap's identity.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from scorer.engine.run import Result, Verdict

FINGERPRINT_KEY = "scorerGap/v1"


@dataclass(frozen=True)
class Place:
    line: int  # 1-based line number in the text as read
    text: str  # the quoted span (a finding) or the anchor line's text
    fingerprint: str
    column: int | None = None  # 1-based code-point columns of a finding's span
    end_column: int | None = None
    found: bool = True  # False when a gap fell back to the title (its part has no heading)


def fingerprint(element_id: str, part: str, text: str = "", occurrence: int = 1) -> str:
    norm = re.sub(r"\s+", "", text)
    key = "\x1f".join((element_id, part, norm, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def gap_places(v: Verdict) -> list[Place]:
    anchor = v.anchor
    assert anchor is not None, "the engine anchors every verdict"
    if v.findings:
        seen: dict[str, int] = {}
        out = []
        for e in v.findings:
            seen[e.text] = seen.get(e.text, 0) + 1
            out.append(Place(line=e.line, text=e.text, column=e.column, end_column=e.end_column,
                             fingerprint=fingerprint(v.element.id, anchor.part, e.text, seen[e.text])))
        return out
    return [Place(line=anchor.line.no, text=anchor.line.raw.strip(), found=anchor.found,
                  fingerprint=fingerprint(v.element.id, anchor.part))]


def places(res: Result) -> dict[str, list[Place]]:
    """Places of every element of a result (computed for all, used for gaps)."""
    return {v.element.id: gap_places(v) for v in res.verdicts}
