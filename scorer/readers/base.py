"""What every reader returns: the report as a list of text lines, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawText:
    """Plain text extracted from one input file.

    ``lines`` are the paragraphs (and table rows) of the report in order, with automatic
    numbering already rendered into the text. Blank strings are allowed and kept, so that for
    plain-text input the line numbers equal the user's editor line numbers.
    """

    lines: list[str]
    source_format: str
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    paragraphs: list[int] | None = None
    """For .docx only: per line, the position of its source ``w:p`` among all ``w:p`` elements
    of ``w:body`` in document order (``body.iter(w:p)``); for a table row, its first paragraph
    with text. Lets outputs such as Word comments find the paragraph a line came from."""
