"""The words every layer shares: statuses, weight classes, issuer kinds, gap levels and report
parts, with their Chinese labels, and the one rule of what counts as a gap.

Nothing here knows a checklist: element ids, group names and wording are the checklist's data.
"""

from __future__ import annotations

from typing import Literal, get_args

Status = Literal["covered", "partial", "missing", "not_applicable", "needs_review"]
STATUSES: tuple[Status, ...] = get_args(Status)
STATUS_ZH: dict[Status, str] = {"covered": "已具备", "partial": "部分具备", "missing": "缺失",
                                "not_applicable": "不适用", "needs_review": "需人工复核"}
GAP_STATUSES: tuple[Status, ...] = ("missing", "partial", "needs_review")

Weight = Literal["required", "recommended", "optional"]
WEIGHTS: tuple[Weight, ...] = get_args(Weight)
WEIGHT_ZH: dict[Weight, str] = {"required": "必备", "recommended": "建议", "optional": "可选"}

Kind = Literal["government", "department"]
"""The issuer kinds: a people's government, or a working department of one."""
KINDS: tuple[Kind, ...] = get_args(Kind)
KIND_ZH: dict[str, str] = {"government": "政府", "department": "部门"}

Level = Literal["error", "warning", "note"]
"""How serious a gap is (SARIF levels)."""
LEVEL_ZH: dict[Level, str] = {"error": "错误", "warning": "警告", "note": "提示"}

Part = Literal["front", "measures", "leader", "shortcomings", "causes", "plan", "other", "end"]
"""What a stretch of a report is about: the title block and opening (``front``), the year's
measures and results, the principal leader's duty, shortcomings, their causes, next year's plan,
other matters, and the signature block (``end``)."""
PARTS: tuple[Part, ...] = get_args(Part)
PART_ZH: dict[Part, str] = {"measures": "工作举措和成效", "shortcomings": "存在的不足",
                            "causes": "存在的不足及原因", "plan": "下一年度工作安排",
                            "leader": "主要负责人履职情况", "other": "其他需要报告的事项",
                            "front": "标题", "end": "落款"}


def is_gap(status: str, weight: str) -> bool:
    """A gap: missing, partial or needing review, except a missing optional element (optional
    items are not expected in every report)."""
    return status in GAP_STATUSES and not (weight == "optional" and status == "missing")


def gap_level(status: str, weight: str) -> Level:
    """``error`` for a missing required element, ``note`` for an optional one, else ``warning``."""
    if weight == "optional":
        return "note"
    return "error" if weight == "required" and status == "missing" else "warning"


_DIGITS_ZH = "零一二三四五六七八九"


def ordinal_zh(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (the numbers of 一、二、… headings, up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS_ZH[tens] + "十")
    return head + (_DIGITS_ZH[ones] if ones else "")
