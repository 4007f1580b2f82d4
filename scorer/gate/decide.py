"""The CI gate: which gaps fail a run, which are waived, which are new since a baseline.

Pure: no printing, no files. ``scorer check`` and batch commands call :func:`evaluate` and
render the :class:`GateOutcome` in their own formats.

A *gap* is an element whose status is missing, partial or needs_review, except a missing
element of optional weight (optional items are not expected in every report). Each gap has a
level: ``error`` (a required element is missing), ``warning`` (any other gap of a required or
recommended element) or ``note`` (an optional element only partly there). ``--fail-on
missing-required`` fails on error-level gaps, ``--fail-on partial`` on error- and
warning-level gaps, ``never`` on none; ``--fail-under`` fails a report whose score, with waived
elements left out of the denominator, is below the threshold. A waived gap never fails the
gate; with a baseline only gaps that are new (or worse) fail it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from scorer.support.errors import UsageError
from scorer.support.vocabulary import Level, gap_level, is_gap

if TYPE_CHECKING:  # kept light: the CLI imports FAIL_ON from here at start-up
    from scorer.engine.run import Result, Verdict
    from scorer.gate.baseline import Baseline, BaselineReport
    from scorer.gate.waivers import Waiver, WaiverSet

FAIL_ON = ("missing-required", "partial", "never")
_FAIL_LEVELS = {"missing-required": ("error",), "partial": ("error", "warning"), "never": ()}
_RANK = {"missing": 2, "partial": 1, "needs_review": 1}


@dataclass(frozen=True)
class Policy:
    fail_under: float | None = None
    fail_on: str = "never"

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise UsageError(f"--fail-on 的取值无效：{self.fail_on}（可选：{'、'.join(FAIL_ON)}）")
        if self.fail_under is not None and not 0 <= self.fail_under <= 100:
            raise UsageError(f"--fail-under 必须在 0 到 100 之间：{self.fail_under:g}")

    @property
    def active(self) -> bool:
        return self.fail_under is not None or self.fail_on != "never"

    @property
    def fail_levels(self) -> tuple[str, ...]:
        """The gap levels that fail the gate under ``fail_on``."""
        return _FAIL_LEVELS[self.fail_on]


@dataclass(frozen=True)
class Gap:
    verdict: Verdict
    level: Level
    fails: bool  # this gap fails the gate
    waiver: Waiver | None = None  # the waiver that accepts it
    expired_waiver: Waiver | None = None  # a waiver that would have, had it not expired
    baseline_state: str | None = None  # None without a baseline; new | unchanged | updated
    baseline_status: str | None = None  # the element's status in the baseline

    @property
    def element_id(self) -> str:
        return self.verdict.element.id

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def is_new(self) -> bool:
        return self.baseline_state in (None, "new")


@dataclass
class ReportOutcome:
    result: Result
    gaps: list[Gap]
    gate_score: float  # the score with waived elements out of the denominator
    passed: bool
    reasons: list[str]  # Chinese: why the report failed the gate
    baseline: BaselineReport | None = None  # the matched baseline report
    fixed: list[str] = field(default_factory=list)  # baseline gaps no longer present

    @property
    def path(self) -> str:
        return self.result.doc.path

    @property
    def failing(self) -> list[Gap]:
        return [g for g in self.gaps if g.fails]

    @property
    def waived(self) -> list[Gap]:
        return [g for g in self.gaps if g.waiver is not None]

    @property
    def new(self) -> list[Gap]:
        return [g for g in self.gaps if g.baseline_state == "new"]

    def gap(self, element_id: str) -> Gap | None:
        return next((g for g in self.gaps if g.element_id == element_id), None)


@dataclass
class GateOutcome:
    policy: Policy
    reports: list[ReportOutcome]
    expired: list[Waiver] = field(default_factory=list)  # expired waivers (not applied)
    unused: list[Waiver] = field(default_factory=list)  # valid waivers that matched no gap
    waivers: WaiverSet | None = None
    baseline: Baseline | None = None

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.reports)

    @property
    def active(self) -> bool:
        """Anything gate-related is in effect (a threshold, waivers or a baseline)."""
        return self.policy.active or self.waivers is not None or self.baseline is not None


def _baseline_state(status: str, before: tuple[str, str] | None) -> str:
    if before is None or not is_gap(*before):
        return "new"
    if before[0] == status:
        return "unchanged"
    return "new" if _RANK[status] > _RANK[before[0]] else "updated"


def _report(res: Result, policy: Policy, waivers: WaiverSet | None, baseline: Baseline | None,
            today: date, used: set[Waiver]) -> ReportOutcome:
    f = res.doc.facts
    base = baseline.match(res.doc.path, f.issuer, f.report_year) if baseline else None
    gaps: list[Gap] = []
    for v in res.verdicts:
        if not is_gap(v.status, v.element.weight):
            continue
        found = waivers.find(v.element.id, res.doc.path) if waivers else []
        valid = [w for w in found if not w.expired(today)]
        used.update(valid)
        waiver = valid[0] if valid else None
        expired = next((w for w in found if w.expired(today)), None) if not valid else None
        state = None
        before = None
        if baseline is not None:
            before = base.elements.get(v.element.id) if base else None
            state = _baseline_state(v.status, before)
        level = gap_level(v.status, v.element.weight)
        fails = level in policy.fail_levels and waiver is None and state in (None, "new")
        gaps.append(Gap(verdict=v, level=level, fails=fails, waiver=waiver, expired_waiver=expired,
                        baseline_state=state, baseline_status=before[0] if before else None))
    waived_ids = {g.element_id for g in gaps if g.waiver is not None}
    verdicts = [replace(v, status="not_applicable") if v.element.id in waived_ids else v
                for v in res.verdicts]
    from scorer.engine.run import compute_score  # lazy: every start imports FAIL_ON from here

    gate_score = compute_score(res.checklist, verdicts) if waived_ids else res.score
    reasons = []
    if policy.fail_under is not None and gate_score < policy.fail_under:
        reasons.append(f"得分 {gate_score:g} 低于门槛 {policy.fail_under:g}")
    failing = [g for g in gaps if g.fails]
    if failing:
        what = "必备项缺失" if policy.fail_on == "missing-required" else "差距"
        reasons.append(f"{len(failing)} 项{what}：" + "、".join(g.verdict.element.name for g in failing))
    fixed = []
    if base is not None:
        current = {v.element.id: v for v in res.verdicts}
        fixed = [eid for eid, before in base.elements.items()
                 if is_gap(*before) and eid in current
                 and not is_gap(current[eid].status, current[eid].element.weight)]
    return ReportOutcome(result=res, gaps=gaps, gate_score=gate_score, passed=not reasons,
                         reasons=reasons, baseline=base, fixed=fixed)


def evaluate(results: Sequence[Result], fail_under: float | None = None, fail_on: str = "never",
             waivers: WaiverSet | None = None, baseline: Baseline | None = None, *,
             today: date | None = None) -> GateOutcome:
    """Apply the gate to checked reports. ``today`` decides waiver expiry (default: today)."""
    policy = Policy(fail_under=fail_under, fail_on=fail_on)
    today = today or date.today()
    used: set[Waiver] = set()
    reports = [_report(r, policy, waivers, baseline, today, used) for r in results]
    all_waivers = waivers.waivers if waivers else ()
    expired = [w for w in all_waivers if w.expired(today)]
    unused = [w for w in all_waivers if not w.expired(today) and w not in used]
    return GateOutcome(policy=policy, reports=reports, expired=expired, unused=unused,
                       waivers=waivers, baseline=baseline)
