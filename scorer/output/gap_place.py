"""Where each gap belongs, in words, for the faces that point at a place (Word comments, the
web page, the printable report). The engine places every verdict (``Verdict.place``,
:mod:`scorer.engine.locate`); this module only reads and describes it."""

from __future__ import annotations

from scorer.document.model import Document
from scorer.engine.run import GapPlace, Result
from scorer.output.place import line_place, paragraph_lead
from scorer.support.vocabulary import PART_ZH


def gap_places(res: Result) -> dict[str, GapPlace]:
    """Every element's place (gaps or not), as the engine placed it."""
    out: dict[str, GapPlace] = {}
    for v in res.verdicts:
        assert v.place is not None, "the engine places every verdict"
        out[v.element.id] = v.place
    return out


def describe(doc: Document, place: GapPlace) -> str:
    """Where to write the missing content, in words (the document's own places for Word)."""
    here = line_place(doc, place.line.no)
    part = PART_ZH[place.part]
    if place.kind == "evidence":
        return f"{here}（已有相关内容，在此补充完善）"
    if place.kind == "heading":
        return f"{here}之下" if here.startswith("标题") else f"{here}（标题“{paragraph_lead(place.line.raw, 24)}”）之下"
    if place.kind == "none":
        return f"“{part}”部分（{here}），新增一段写这项工作"
    if place.kind == "part":
        return f"“{part}”部分（{here}）"
    if place.kind == "near":
        return f"报告没有单列“{part}”部分，相关内容在{here}，在那里补写"
    if place.part == "end":
        return f"报告中没有“{part}”，应在文末补写"
    return f"报告中没有“{part}”部分，需要新增这一部分"
