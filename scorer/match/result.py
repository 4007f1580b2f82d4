"""What a matcher returns for one element."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.document import Document

STATUSES = ("covered", "partial", "missing", "not_applicable", "needs_review")


@dataclass(frozen=True)
class Span:
    line: int  # Line.index
    start: int  # in the normalised line text
    end: int


@dataclass
class Evidence:
    text: str
    line: int  # 1-based line number
    section: str

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "line": self.line, "section": self.section}


@dataclass
class Outcome:
    """A matcher's verdict before the engine stamps the element's metadata on it."""

    status: str
    spans: list[Span] = field(default_factory=list)
    reason: str = ""  # Chinese: why this status (shown in the gap analysis)
    findings: list[Span] = field(default_factory=list)  # offending spans for consistency checks


def evidence_for(doc: Document, spans: list[Span], limit: int = 3) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for sp in spans:
        key = (sp.line, sp.start)
        if key in seen:
            continue
        seen.add(key)
        ln = doc.lines[sp.line]
        text = ln.quote(sp.start, sp.end)
        if len(text) > 120:
            text = text[:118] + "……"
        out.append(Evidence(text=text, line=ln.no, section=doc.section_path(ln)))
        if len(out) >= limit:
            break
    return out
