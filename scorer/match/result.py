"""What a matcher returns for one element."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.document import Document
from scorer.normalize import original_span

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
    column: int = 1  # 1-based start of the quoted span in the line as read (code points)
    end_column: int = 1  # 1-based column just past the quoted span

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "line": self.line, "section": self.section,
                "column": self.column, "end_column": self.end_column}


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
        a, b = original_span(ln.norm, sp.start, sp.end)
        raw = ln.raw[a:b]
        a += len(raw) - len(raw.lstrip())  # the quote is stripped; so are its columns
        b = a + len(text)
        if len(text) > 120:
            text = text[:118] + "……"
        out.append(Evidence(text=text, line=ln.no, section=doc.section_path(ln),
                            column=a + 1, end_column=b + 1))
        if len(out) >= limit:
            break
    return out
