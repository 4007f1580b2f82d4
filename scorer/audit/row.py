"""The compact row the parent keeps per report of a batch: the figures the summary, the ranking
and the dashboard index need, the report's passage fingerprints, and where its full result was
spooled. About a kilobyte a report, so 10⁵ reports fit in ~100 MB."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scorer.audit.manifest import Entry, ManifestCheck
from scorer.audit.passages import KeySet
from scorer.audit.spool import Ref

STATUSES = ("covered", "partial", "missing", "needs_review", "not_applicable")
_CODE = {s: i for i, s in enumerate(STATUSES)}

ElementInfo = tuple[str, str, str]  # id, name, weight


@dataclass(slots=True)
class Row:
    path: str
    stem: str
    error: str | None = None
    issuer: str | None = None
    issuer_kind: str | None = None
    report_year: int | None = None
    report_date: str | None = None
    not_annual_report: Any = None
    profile: str | None = None
    region: str | None = None  # the issuer's province and prefecture ("河南省 平顶山市"), when known
    score: float = 0.0
    grade: str = ""
    elements: tuple[ElementInfo, ...] = ()  # the checklist's elements, shared by its rows
    codes: bytes = b""  # each element's status, as an index into STATUSES
    keys: KeySet | None = None
    ref: Ref | None = None
    entry: Entry | None = None  # the manifest row matched to this file
    check: ManifestCheck | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def issuer_key(self) -> str | None:
        return "".join(self.issuer.split()) if self.issuer else None

    @property
    def year(self) -> int | None:
        return self.report_year

    def statuses(self) -> list[tuple[ElementInfo, str]]:
        return [(el, STATUSES[c]) for el, c in zip(self.elements, self.codes, strict=True)]

    def missing_required(self) -> list[ElementInfo]:
        missing = _CODE["missing"]
        return [el for el, c in zip(self.elements, self.codes, strict=True)
                if c == missing and el[2] == "required"]


def region_of(issuer: str | None) -> str | None:
    """The province and prefecture of an issuer's name, for the dashboard's region filter
    ("湛河区" → "河南省 平顶山市"); None when the name does not settle it."""
    if not issuer:
        return None
    from scorer.document.gazetteer import resolve_issuer  # lazy: as load_document in record.py

    lineage = resolve_issuer(issuer)
    if not lineage:
        return None
    upper = [d.name for d in reversed(lineage) if d.level in ("province", "prefecture")]
    return " ".join(upper[:2]) or None


def row_of(path: str, stem: str, report: dict[str, Any] | None, error: str | None = None) -> Row:
    if report is None:
        return Row(path=path, stem=stem, error=error)
    els = report["elements"]
    return Row(path=path, stem=stem, issuer=report.get("issuer"), issuer_kind=report.get("issuer_kind"),
               report_year=report.get("report_year"), report_date=report.get("report_date"),
               not_annual_report=report.get("not_annual_report"),
               profile=report.get("profile"), region=region_of(report.get("issuer")),
               score=report["score"], grade=report["grade"],
               elements=tuple((el["id"], el["name"], el["weight"]) for el in els),
               codes=bytes(_CODE[el["status"]] for el in els))


def interning() -> Callable[[Row], Row]:
    """A function giving rows of one checklist one shared ``elements`` tuple (not one each)."""
    shared: dict[tuple[ElementInfo, ...], tuple[ElementInfo, ...]] = {}

    def keep(row: Row) -> Row:
        row.elements = shared.setdefault(row.elements, row.elements)
        for name in ("issuer_kind", "profile", "grade", "region"):  # a few values, repeated in every row
            value = getattr(row, name)
            if isinstance(value, str):
                setattr(row, name, sys.intern(value))
        if row.ref is not None:
            row.ref = (sys.intern(row.ref[0]), *row.ref[1:])
        return row

    return keep
