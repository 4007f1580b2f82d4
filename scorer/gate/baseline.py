"""A previous run's ``scorer check --format json`` output, to tell new gaps from known ones.

Reports are matched by path (normalised), else by issuer and report year when exactly one
baseline report has them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.support.errors import ScorerError

MAX_BASELINE_BYTES = 50 * 1024 * 1024
SUPPORTED_MAJOR = "1"


class BaselineError(ScorerError):
    """The baseline file cannot be read or is not a ``check --format json`` output (exit 2)."""


@dataclass(frozen=True)
class BaselineReport:
    path: str
    issuer: str | None
    report_year: int | None
    score: float | None
    elements: dict[str, tuple[str, str]]  # element id -> (status, weight)


@dataclass(frozen=True)
class Baseline:
    path: str
    reports: tuple[BaselineReport, ...]

    def match(self, path: str, issuer: str | None, report_year: int | None) -> BaselineReport | None:
        key = _norm(path)
        for r in self.reports:
            if _norm(r.path) == key:
                return r
        if issuer and report_year:
            same = [r for r in self.reports if r.issuer == issuer and r.report_year == report_year]
            if len(same) == 1:
                return same[0]
        return None


def _norm(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def _report(path: Path, i: int, rep: Any) -> BaselineReport | None:
    if not isinstance(rep, dict):
        raise BaselineError(f"{path}: reports[{i}] 不是对象，不是 scorer check --format json 的输出")
    if "error" in rep:  # a file that could not be read in that run: nothing to compare with
        return None
    elements = rep.get("elements")
    if not isinstance(rep.get("path"), str) or not isinstance(elements, list):
        raise BaselineError(f"{path}: reports[{i}] 缺少 path 或 elements，不是 scorer check --format json 的输出")
    out: dict[str, tuple[str, str]] = {}
    for el in elements:
        if not (isinstance(el, dict) and isinstance(el.get("id"), str) and isinstance(el.get("status"), str)):
            raise BaselineError(f"{path}: reports[{i}].elements 中有缺少 id 或 status 的条目")
        out[el["id"]] = (el["status"], str(el.get("weight") or "required"))
    year = rep.get("report_year")
    score = rep.get("score")
    return BaselineReport(path=rep["path"], issuer=rep.get("issuer"),
                          report_year=year if isinstance(year, int) else None,
                          score=float(score) if isinstance(score, int | float) else None, elements=out)


def load_baseline(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BASELINE_BYTES:
            raise BaselineError(f"{path}: 基线文件过大（上限 50 MB）")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: 基线文件不存在") from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: 这是一个文件夹，不是基线文件") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: 基线文件不是 UTF-8 编码") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: 基线文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except OSError as exc:
        raise BaselineError(f"{path}: 无法读取基线文件（{exc.strerror}）") from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise BaselineError(f"{path}: 不是 scorer check --format json 的输出（缺少 reports 列表）")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise BaselineError(f"{path}: 不支持的 schema_version“{version}”（支持 {SUPPORTED_MAJOR}.x）")
    reports = [r for i, rep in enumerate(data["reports"]) if (r := _report(path, i, rep)) is not None]
    return Baseline(path=str(path), reports=tuple(reports))
