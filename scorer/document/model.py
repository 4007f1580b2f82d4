"""The one model of a report that every later stage works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scorer.document.normalize import NormText, original_span


@dataclass(slots=True)
class Heading:
    """A numbered (or standalone unnumbered) heading.

    ``level`` is the logical level by numbering style (0 第一部分, 1 一、, 2 （一）, 3 1., 4 （1）); unnumbered
    standalone headings get the level of the part they open. ``inline`` marks a heading that
    starts a paragraph ("（一）强化组织领导。……"); ``title_end`` is where its title ends in the
    normalised line.
    """

    line_index: int
    level: int
    style: str  # "part" 第一部分 | "cn" 一、 | "cn_paren" （一） | "num" 1. | "num_paren" （1） | "circled" ① | "plain"
    number: int | None
    label: str  # the number as written: "一、", "（一）", "" for plain headings
    title: str  # heading text without its number (normalised)
    inline: bool = False
    malformed: bool = False
    title_end: int = 0


@dataclass(slots=True)
class Line:
    """One line (paragraph) of the report.

    A run-together line of the text as read (several paragraphs or headings on one line) is
    split into pieces: each is a ``Line`` of its own with the same ``no`` and ``raw`` (the whole
    line as read), ``seg`` counting the pieces, and ``norm`` the piece's normalised text with
    its map into ``raw``.
    """

    index: int  # 0-based position in Document.lines
    no: int  # 1-based line number in the text as read (the user's line number)
    raw: str  # original text of the whole line as read, for quoting
    norm: NormText  # normalised text for matching, with the map back to ``raw``
    kind: str = "body"  # blank|chrome|title|docno|addressee|opening|heading|body|closing|signature|date
    heading: Heading | None = None
    section: tuple[int, ...] = ()  # indexes of the enclosing headings' lines, outermost first
    seg: int = 0  # piece of a run-together line (0: the line's start)

    @property
    def text(self) -> str:
        return self.norm.text

    def quote(self, start: int = 0, end: int | None = None) -> str:
        """The report's own words for a span of the normalised text."""
        if end is None:
            end = len(self.norm.text)
        if not self.norm.orig:
            return ""
        a, b = original_span(self.norm, start, end)
        return self.raw[a:b].strip()


@dataclass
class Facts:
    issuer: str | None = None
    issuer_source: str | None = None  # title|opening|signature|docno-header
    issuer_kind: str | None = None  # government|department
    title_issuer: str | None = None  # the issuer as the title names it (may be "市公安局")
    report_year: int | None = None
    report_year_source: str | None = None  # title|opening|citation (only a cited plan names it)
    report_date: date | None = None
    report_date_line: int | None = None  # Line.index
    report_date_source: str | None = None  # signature|top|issued
    not_annual_report: str | None = None  # reason when the input is another kind of document


@dataclass
class Document:
    path: str
    source_format: str
    lines: list[Line]
    encoding: str | None = None
    title_lines: list[int] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    signature_lines: list[int] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "".join(self.lines[i].text.strip() for i in self.title_lines)

    def section_titles(self, line: Line) -> list[str]:
        return [self.lines[i].quote(0, self.lines[i].heading.title_end or None) for i in line.section
                if self.lines[i].heading is not None]

    def section_path(self, line: Line) -> str:
        """Human-readable section path ("二、存在的问题 > （一）…"), or "标题"/"正文开头"."""
        if line.kind == "title":
            return "标题"
        if line.kind in ("signature", "date", "closing"):
            return "落款"
        parts = self.section_titles(line)
        if not parts:
            return "正文开头" if line.kind in ("opening", "addressee", "docno", "body") else ""
        return " > ".join(p[:40] for p in parts)

    def source_lines(self) -> list[Line]:
        """One ``Line`` per line of the text as read (the first piece of a run-together line)."""
        return [ln for ln in self.lines if ln.seg == 0]

    def body_lines(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kind not in ("blank", "chrome")]
