"""The batch table as an Excel workbook (openpyxl, write-only: rows are streamed to the file,
so memory stays flat at 10⁵ reports): 汇总, 要素覆盖 (the most common gaps first), 雷同段落,
处理错误; each with an autofilter, readable Chinese headers and a landscape page setup that fits
the columns to the paper's width.

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
from scorer.audit.batch import Batch, ElementStat
from scorer.audit.dashboard import file_name
from scorer.audit.summary import Share, Table
from scorer.support.vocabulary import STATUS_ZH, WEIGHT_ZH

_FILLS = {STATUS_ZH["covered"]: "C6EFCE", STATUS_ZH["partial"]: "FFEB9C",
          STATUS_ZH["missing"]: "FFC7CE", STATUS_ZH["needs_review"]: "DDEBF7"}
_FIXED_DATE = datetime(2000, 1, 1)

Quote = Callable[[int, int, int, int], str]  # (record, line, column, end column) -> text


def _width(text: str) -> float:
    """Column width in Excel's units (a Chinese character takes two)."""
    from wcwidth import wcswidth  # lazy: its tables cost 30 ms; only the workbook measures

    return max(wcswidth(text), len(text))


class _Styled:
    """A value written with the style of a template cell (a status fill, a percentage), or as
    text whatever it looks like (``template`` None: "=…", "#N/A")."""

    __slots__ = ("value", "template")

    def __init__(self, value: str | float, template: Any) -> None:
        self.value, self.template = value, template


def _sheet(wb: Any, title: str, header: list[str], rows: Iterable[list[Any]], widths: dict[int, float],
           wide_header: bool = False, fast: bool = True) -> None:
    """One sheet: a bold, wrapped, tinted header row that stays in view and on every printed
    page, an autofilter over all rows, shares as percentages, statuses in their colours, and a
    landscape page setup that fits the columns to the paper's width.

    ``widths``: column (1-based) → width; other columns fit their header (at most 16, wrapped
    on up to three lines when ``wide_header``, as the element columns are). ``fast``: the rows
    after the header are written by :class:`_RowWriter` (the same XML as openpyxl's cells)."""
    # lazy: openpyxl (and lxml below) only when the workbook is written, at the end of a run
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb.create_sheet(title)
    lines = 1
    for c, h in enumerate(header, start=1):
        need = _width(h) + 2
        width = widths.get(c) or (min(max(need / 3 if wide_header else need, 8), 16))
        lines = max(lines, min(3, -(-int(need) // int(width))))
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[1].height = 15 * lines + 3
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = True
    styled = {}  # status text -> a cell carrying its fill, whose style the status cells copy
    for text, colour in _FILLS.items():
        styled[text] = WriteOnlyCell(ws)
        styled[text].fill = PatternFill("solid", start_color=colour, end_color=colour)
    percent = WriteOnlyCell(ws)
    percent.number_format = "0.0%"

    def cell(value: Any, colour: bool = True) -> Any:
        """A plain value where openpyxl stores it as it is; a styled one for a fill or a
        percentage, or to keep "=…" and "#N/A" text from being a formula or an error value."""
        if isinstance(value, Share):
            return _Styled(float(value), percent)
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        template = styled.get(value) if colour else None
        if template is None and not value.startswith("=") and value not in ERROR_CODES:
            return value
        return _Styled(value, template)

    def native(value: Any) -> Any:
        """What openpyxl is given for a value of :func:`cell` (a cell of its own when styled)."""
        if not isinstance(value, _Styled):
            return value
        c = WriteOnlyCell(ws, value=value.value)
        if isinstance(value.value, str):
            c.data_type = "s"  # "=cmd|…" stays text, never a formula
        if value.template is not None:
            c._style = copy(value.template._style)
        return c

    head = []
    bold = Font(bold=True)
    fill = PatternFill("solid", start_color="F0F2F4", end_color="F0F2F4")
    wrap = Alignment(wrap_text=True, vertical="center")
    for h in header:
        c = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", h))
        c.data_type, c.font, c.fill, c.alignment = "s", bold, fill, wrap
        head.append(c)
    ws.append(head)
    if fast:
        _RowWriter(ws, native).install()
    n = 1
    for row in rows:
        values = [cell(v) for v in row]
        ws.append(values if fast else [native(v) for v in values])
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{n}"


class _RowWriter:
    """Writes a write-only sheet's rows of plain values (str, int, float) and :class:`_Styled`
    ones as openpyxl does, without a cell object per value (openpyxl's cells cost about 20 µs
    each, most of the summary's time): the same elements, attributes and text, each cell
    serialised by lxml as one element. Anything else is handed to openpyxl's own cell writer."""

    _XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

    def __init__(self, ws: Any, native: Callable[[Any], Any]) -> None:
        self.ws, self.native = ws, native
        self.letters: list[str] = [""]
        self.ids: dict[int, str] = {}  # id(template) → its style id, registered at first use

    def install(self) -> None:
        """Take over the rows after the one written: openpyxl's write-only sheet converts each
        appended row with ``_values_to_row`` and writes it with its writer's ``write_row``."""
        self.ws._values_to_row = lambda values, row_idx: values
        self.ws._writer.write_row = self.write_row

    def _letter(self, col: int) -> str:
        from openpyxl.utils import get_column_letter  # lazy: see _sheet

        while len(self.letters) <= col:
            self.letters.append(get_column_letter(len(self.letters)))
        return self.letters[col]

    def write_row(self, xf: Any, values: list[Any], row_idx: int) -> None:
        from lxml.etree import Element, SubElement  # lazy: see _sheet

        attrs = {"r": f"{row_idx}"}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        r = f"{row_idx}"
        with xf.element("row", attrs):
            for col, v in enumerate(values, 1):
                if v is None:
                    continue
                style = None
                if type(v) is _Styled:
                    if not _plain(v.value):
                        self._native(xf, self.native(v), col, row_idx)
                        continue
                    if v.template is not None:
                        style = self.ids.get(id(v.template))
                        if style is None:
                            style = self.ids[id(v.template)] = f"{v.template.style_id}"
                    v = v.value
                elif not _plain(v):
                    self._native(xf, v, col, row_idx)
                    continue
                ref = (self.letters[col] if col < len(self.letters) else self._letter(col)) + r
                kind = "inlineStr" if type(v) is str else "n"
                el = Element("c", {"r": ref, "s": style, "t": kind} if style else {"r": ref, "t": kind})
                if kind == "n":
                    SubElement(el, "v").text = f"{v:.16g}"  # openpyxl: "%.16g" % v
                elif text := v[:32767]:  # openpyxl cuts a string at Excel's limit
                    inner = SubElement(SubElement(el, "is"), "t",
                                       {self._XML_SPACE: "preserve"} if text != text.strip() else {})
                    inner.text = text
                else:
                    el.text = ""  # <c …></c>, as openpyxl's writer leaves an empty cell
                xf.write(el)

    def _native(self, xf: Any, value: Any, col: int, row_idx: int) -> None:
        """openpyxl's own writing of one value (or cell), as its write-only sheet does it."""
        from openpyxl.cell import WriteOnlyCell  # lazy: see _sheet
        from openpyxl.cell._writer import write_cell
        from openpyxl.cell.cell import Cell

        if isinstance(value, Cell):
            c = value
        else:
            c = WriteOnlyCell(self.ws)
            c.value = value
        c.column, c.row = col, row_idx
        if c._value is None and not c.has_style:
            return
        write_cell(xf, self.ws, c, c.has_style)


def _plain(v: Any) -> bool:
    """A str, or an int or float that is finite: what :class:`_RowWriter` writes itself."""
    t = type(v)
    return t is str or ((t is int or t is float) and v - v == 0)


def coverage_order(stats: list[ElementStat]) -> list[ElementStat]:
    """The dashboard's order: the most common gaps first, optional elements last."""
    return sorted(stats, key=lambda s: (s.weight == "optional", -s.gap_share, s.id))


def write_xlsx(batch: Batch, table: Table, target: Path, quote: Quote, fast: bool = True) -> None:
    """``fast``: the rows are written by :class:`_RowWriter` (False: by openpyxl's cells, the
    same file; tests compare them)."""
    from openpyxl import Workbook  # lazy: see _sheet

    wb = Workbook(write_only=True)
    wb.properties.creator = "scorer"
    wb.properties.created = wb.properties.modified = _FIXED_DATE
    fixed = {1: 28, 2: 30, 3: 9, 4: 9, 5: 12, 6: 30, 7: 8, 8: 8, 9: 40, 10: 10, 11: 14, 12: 30, 13: 50}
    _sheet(wb, "汇总", table.header, table.rows, fixed, wide_header=True, fast=fast)
    _sheet(wb, "要素覆盖", ["要素", "类别", "缺失或不完整比例", "缺失", "部分具备", "需人工复核", "已具备", "不适用"],
           ([s.name, WEIGHT_ZH.get(s.weight, s.weight), Share(s.gap_share), s.counts["missing"],
             s.counts["partial"], s.counts["needs_review"], s.counts["covered"], s.counts["not_applicable"]]
            for s in coverage_order(batch.element_stats())),
           {1: 40, 2: 8, 3: 12}, fast=fast)
    rows = []
    for p in batch.pairs:
        a, b = batch.rows[p.a], batch.rows[p.b]
        for s in p.passages[:MAX_LISTED]:
            rows.append([file_name(a.path), s.a.line, file_name(b.path), s.b.line, "相同" if s.exact else "相近",
                         quote(p.a, s.a.line, s.a.column, s.a.end_column), a.path, b.path])
    _sheet(wb, "雷同段落", ["报告甲", "甲行号", "报告乙", "乙行号", "相同/相近", "段落", "报告甲路径", "报告乙路径"], rows,
           {1: 28, 2: 8, 3: 28, 4: 8, 5: 10, 6: 80, 7: 40, 8: 40}, fast=fast)
    _sheet(wb, "处理错误", ["文件", "错误", "文件路径"],
           ([file_name(batch.rows[i].path), batch.rows[i].error, batch.rows[i].path] for i in batch.failed),
           {1: 28, 2: 80, 3: 50}, fast=fast)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
