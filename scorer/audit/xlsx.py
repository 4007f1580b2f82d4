"""The batch table as an Excel workbook (openpyxl, write-only: rows are streamed to the file,
so memory stays flat at 10⁵ reports): 汇总, 要素覆盖, 雷同段落, 处理错误.

Every string is stored as a plain string (never a formula) with the control characters that
Excel refuses removed; document properties carry a fixed date so equal inputs give equal files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import copy
from datetime import datetime
from pathlib import Path
from typing import Any

from scorer.audit.audit_json import MAX_LISTED
from scorer.audit.batch import Batch
from scorer.audit.summary import Table
from scorer.vocabulary import STATUS_ZH

_FILLS = {STATUS_ZH["covered"]: "C6EFCE", STATUS_ZH["partial"]: "FFEB9C",
          STATUS_ZH["missing"]: "FFC7CE", STATUS_ZH["needs_review"]: "DDEBF7"}
_FIXED_DATE = datetime(2000, 1, 1)

Quote = Callable[[int, int, int, int], str]  # (record, line, column, end column) -> text


def _sheet(wb: Any, title: str, header: list[str], rows: Iterable[list[Any]], widths: dict[int, int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for c in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, 12)
    ws.freeze_panes = "B2"
    styled = {}  # status text -> a cell carrying its fill, whose style the status cells copy
    for text, colour in _FILLS.items():
        styled[text] = WriteOnlyCell(ws)
        styled[text].fill = PatternFill("solid", start_color=colour, end_color=colour)
    bold = Font(bold=True)

    def cell(value: Any, colour: bool = True) -> Any:
        """A plain value where openpyxl stores it as it is (it reuses one cell for those);
        a cell of our own for a fill, or to keep "=…" and "#N/A" text from being a formula or
        an error value."""
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        template = styled.get(value) if colour else None
        if template is None and not value.startswith("=") and value not in ERROR_CODES:
            return value
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"  # "=cmd|…" stays text, never a formula
        if template is not None:
            c._style = copy(template._style)
        return c

    head = []
    for h in header:
        c = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", h))
        c.data_type, c.font = "s", bold
        head.append(c)
    ws.append(head)
    for row in rows:
        ws.append([cell(v) for v in row])


def write_xlsx(batch: Batch, table: Table, target: Path, quote: Quote) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.creator = "scorer"
    wb.properties.created = wb.properties.modified = _FIXED_DATE
    _sheet(wb, "汇总", table.header, table.rows, {1: 40, 2: 30, 9: 30, 11: 18, 12: 40})
    stats = batch.element_stats()
    _sheet(wb, "要素覆盖", ["要素", "名称", "类别", "已具备", "部分具备", "缺失", "需人工复核", "不适用", "缺失或不完整比例"],
           ([s.id, s.name, s.weight, s.counts["covered"], s.counts["partial"], s.counts["missing"],
             s.counts["needs_review"], s.counts["not_applicable"], s.gap_share] for s in stats),
           {1: 32, 2: 36})
    rows = []
    for p in batch.pairs:
        a, b = batch.rows[p.a], batch.rows[p.b]
        for s in p.passages[:MAX_LISTED]:
            rows.append([a.path, s.a.line, b.path, s.b.line, "相同" if s.exact else "相近",
                         quote(p.a, s.a.line, s.a.column, s.a.end_column)])
    _sheet(wb, "雷同段落", ["报告甲", "甲行号", "报告乙", "乙行号", "相同/相近", "段落"], rows, {1: 40, 3: 40, 6: 80})
    _sheet(wb, "处理错误", ["文件", "错误"], ([batch.rows[i].path, batch.rows[i].error] for i in batch.failed),
           {1: 40, 2: 80})
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
