"""What a matcher returns for one element."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.document.model import Document
from scorer.document.normalize import original_span
from scorer.support.vocabulary import Status


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


@dataclass(frozen=True)
class Words:
    """A message argument made of other messages: the element's messages for ``codes``, joined
    by 、 (标题缺少报告主体、年度)."""

    codes: tuple[str, ...]


Arg = str | int | Words


@dataclass
class Outcome:
    """A matcher's verdict before the engine stamps the element's metadata on it: a status,
    the spans that are its evidence, and why, as a reason code with the values its message
    needs. The words are the checklist's (``messages:``), never the matcher's."""

    status: Status
    spans: list[Span] = field(default_factory=list)
    code: str = ""  # the reason: a key of the element's messages ("" for covered)
    args: dict[str, Arg] = field(default_factory=dict)  # values for the message's {placeholders}
    findings: list[Span] = field(default_factory=list)  # offending spans for consistency checks

    def __post_init__(self) -> None:
        if self.status != "covered" and not self.code:
            raise ValueError(f"an outcome {self.status} needs a reason code")


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
