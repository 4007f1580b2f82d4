"""Waivers: a known gap accepted on purpose (``.scorer-waivers.yaml``).

A waiver names one checklist element, the report files it covers (globs), a required
justification, an optional approver and an optional expiry date (the last day it applies).
Errors point at ``file:line:col`` like checklist errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from scorer.checklist.load import validation_message
from scorer.support.errors import ScorerError
from scorer.support.yaml_source import YamlRules, read_yaml

WAIVERS_FILE = ".scorer-waivers.yaml"


class WaiverError(ScorerError):
    """The waivers file cannot be read or is invalid (exit status 2)."""


class _WaiverModel(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    element: str = Field(pattern=r"^[a-z]+\.[a-z0-9-]+$")
    files: list[str] = ["**"]
    justification: str = Field(min_length=1)
    approver: str | None = None
    expires: date | None = None

    @field_validator("files", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("justification")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("豁免理由不能为空")
        return v.strip()


@dataclass(frozen=True)
class Waiver:
    element: str
    files: tuple[str, ...]
    justification: str
    approver: str | None
    expires: date | None
    file: str  # the waivers file
    line: int  # where the waiver's entry starts (1-based)
    root: Path  # globs are relative to this folder (where the waivers file lives)

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def covers(self, report_path: str) -> bool:
        """Whether the waiver's globs match a report path (relative to the waivers' folder)."""
        rel = _relative(report_path, self.root)
        return any(_matches(g, rel) for g in self.files)

    def describe(self) -> str:
        """Chinese one-line description: justification, approver, expiry."""
        parts = [self.justification.rstrip("。；;. ")]
        if self.approver:
            parts.append(f"审批人：{self.approver}")
        if self.expires:
            parts.append(f"有效期至 {self.expires.isoformat()}")
        return "；".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"element": self.element, "files": list(self.files), "justification": self.justification,
                "approver": self.approver,
                "expires": self.expires.isoformat() if self.expires else None,
                "source": self.source}


@dataclass(frozen=True)
class WaiverSet:
    path: str
    waivers: tuple[Waiver, ...] = field(default_factory=tuple)

    def find(self, element_id: str, report_path: str) -> list[Waiver]:
        return [w for w in self.waivers if w.element == element_id and w.covers(report_path)]


def _relative(report_path: str, root: Path) -> str:
    p = Path(report_path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return p.as_posix().removeprefix("./")


def _matches(pattern: str, rel: str) -> bool:
    """A pattern without a folder part matches the file name at any depth (like .gitignore)."""
    if "/" not in pattern.strip("/") and not pattern.startswith("**"):
        rel = rel.rsplit("/", 1)[-1]
    return _glob(pattern).fullmatch(rel) is not None


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """gitignore-style glob: ``*`` and ``?`` stay within a folder, ``**`` crosses folders."""
    pat = pattern.strip().removeprefix("./").lstrip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pat.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in pat[i + 1:]:
            j = pat.index("]", i + 1)
            body = pat[i + 1:j]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out))


def load_waivers(path: str | Path) -> WaiverSet:
    """Read and validate a waivers file; raises :class:`WaiverError` with ``file:line:col``."""
    path = Path(path)
    src = read_yaml(path, WaiverError, YamlRules(what="豁免文件"))
    data = src.data
    prefix: tuple[Any, ...] = ()
    if data is None:
        data = []
    if isinstance(data, dict):
        extra = [k for k in data if k != "waivers"]
        if extra:
            raise WaiverError(f"{src.where((extra[0],))} {extra[0]}: 未知的键（只能有 waivers）")
        data, prefix = data.get("waivers") or [], ("waivers",)
    if not isinstance(data, list):
        raise WaiverError(f"{src.where(prefix)} 豁免文件必须是豁免条目的列表")
    root = path.resolve().parent
    out = []
    for i, item in enumerate(data):
        where = (*prefix, i)
        if not isinstance(item, dict):
            raise WaiverError(f"{src.where(where)} 第 {i + 1} 条豁免必须是映射（element、files、justification……）")
        try:
            m = _WaiverModel.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = (*where, *err["loc"])
            key = ".".join(str(x) for x in loc)
            if loc[-1] == "justification" and err["type"] == "missing":
                msg = "缺少必填项（豁免必须写明理由）"
            elif err["type"].startswith("date"):
                msg = "日期格式应为 YYYY-MM-DD"
            else:
                msg = validation_message(dict(err))
            raise WaiverError(f"{src.where(loc)} {key}: {msg}") from None
        line, _ = src.find(where)
        out.append(Waiver(element=m.element, files=tuple(m.files), justification=m.justification,
                          approver=m.approver, expires=m.expires, file=str(path), line=line, root=root))
    return WaiverSet(path=str(path), waivers=tuple(out))
