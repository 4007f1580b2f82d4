"""A reviewer's manifest (CSV): what each received report claims to be, and when it was published.

Columns are recognised by English or Chinese names; only the file column is required:

| meaning | accepted headers |
|---|---|
| file | path, file, 文件, 文件名, 路径 |
| issuer | issuer, 报告主体, 单位, 单位名称 |
| issuer kind | issuer_kind, kind, 主体类型, 类型 (政府/部门/government/department) |
| publication date | published, publication_date, date, 发布日期, 公开日期, 发布时间 |
| URL | url, 网址, 链接 |
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scorer.support.errors import InputError

MAX_MANIFEST_BYTES = 20 * 1024 * 1024
PUBLICATION_DEADLINE = (4, 1)  # published no later than 1 April of the following year

_COLUMNS = {
    "path": ("path", "file", "文件", "文件名", "路径", "文件路径"),
    "issuer": ("issuer", "报告主体", "单位", "单位名称"),
    "issuer_kind": ("issuer_kind", "kind", "主体类型", "类型"),
    "published": ("published", "publication_date", "date", "发布日期", "公开日期", "发布时间"),
    "url": ("url", "网址", "链接"),
}
_KINDS = {"政府": "government", "government": "government", "部门": "department",
          "department": "department"}
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass
class Entry:
    row: int  # 1-based line in the CSV (header is line 1)
    path: str
    issuer: str = ""
    issuer_kind: str = ""
    published: str = ""
    url: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class ManifestCheck:
    published: date | None = None
    deadline: date | None = None
    status: str = ""  # Chinese: 按时公开 / 逾期公开（晚 N 天）/ 无法判断……
    late_days: int = 0
    notes: list[str] = field(default_factory=list)  # mismatches between manifest and report


def _decode(data: bytes, path: str) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "清单文件编码无法识别（请保存为 UTF-8 或 GBK 编码的 CSV）")


def load_manifest(path: str) -> list[Entry]:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_MANIFEST_BYTES:
            raise InputError(path, "清单文件过大（超过 20 MB）")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "清单文件不存在") from None
    except IsADirectoryError:
        raise InputError(path, "清单应为 CSV 文件，而不是文件夹") from None
    except OSError as exc:
        raise InputError(path, f"无法读取清单文件（{exc.strerror}）") from None
    text = _decode(data, path)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise InputError(path, f"清单不是有效的 CSV：{exc}") from None
    if not rows:
        raise InputError(path, "清单为空")
    header = [h.strip().lower() for h in rows[0]]
    index: dict[str, int] = {}
    for name, aliases in _COLUMNS.items():
        for i, h in enumerate(header):
            if h in aliases and name not in index:
                index[name] = i
    if "path" not in index:
        raise InputError(path, "清单第 1 行缺少文件列（列名可为 path、file、文件、文件名或路径）")
    known = set(index.values())
    base = p.parent
    out: list[Entry] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            i = index.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        file = cell("path")
        if not file:
            raise InputError(path, f"清单第 {n} 行没有填写文件")
        resolved = file if Path(file).is_absolute() else str(base / file)
        extra = {rows[0][i].strip(): v.strip() for i, v in enumerate(row)
                 if i not in known and i < len(rows[0]) and rows[0][i].strip()}
        out.append(Entry(row=n, path=resolved, issuer=cell("issuer"),
                         issuer_kind=_KINDS.get(cell("issuer_kind").lower(), cell("issuer_kind")),
                         published=cell("published"), url=cell("url"), extra=extra))
    return out


def parse_date(text: str) -> date | None:
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def match_entries(entries: list[Entry], paths: list[str]) -> tuple[dict[int, Entry], list[Entry]]:
    """Pair manifest rows with batch files: by resolved path, else by a unique file name.
    Returns {file index: entry} and the rows that match no file."""
    by_path = {str(Path(e.path).resolve()): e for e in entries}
    names: dict[str, list[Entry]] = {}
    for e in entries:
        names.setdefault(Path(e.path).name, []).append(e)
    found: dict[int, Entry] = {}
    used: set[int] = set()
    for i, p in enumerate(paths):
        e = by_path.get(str(Path(p).resolve()))
        if e is None:
            cands = names.get(Path(p).name, [])
            e = cands[0] if len(cands) == 1 else None
        if e is not None and id(e) not in used:
            found[i] = e
            used.add(id(e))
    return found, [e for e in entries if id(e) not in used]


def check_entry(e: Entry, report: dict[str, object]) -> ManifestCheck:
    out = ManifestCheck()
    year = report.get("report_year")
    if e.published:
        out.published = parse_date(e.published)
        if out.published is None:
            out.status = f"发布日期“{e.published}”无法识别"
        elif not isinstance(year, int):
            out.status = "报告年度未识别，无法判断是否按时公开"
        else:
            out.deadline = date(year + 1, *PUBLICATION_DEADLINE)
            out.late_days = max(0, (out.published - out.deadline).days)
            out.status = f"逾期公开（晚 {out.late_days} 天）" if out.late_days else "按时公开"
    issuer = str(report.get("issuer") or "")
    if e.issuer and issuer and e.issuer not in issuer and issuer not in e.issuer:
        out.notes.append(f"清单所列主体“{e.issuer}”与报告识别的主体“{issuer}”不一致")
    kind = report.get("issuer_kind")
    if e.issuer_kind in ("government", "department") and kind and kind != e.issuer_kind:
        zh = {"government": "政府", "department": "部门"}
        out.notes.append(f"清单所列主体类型为{zh[e.issuer_kind]}，报告识别为{zh.get(str(kind), str(kind))}")
    return out
