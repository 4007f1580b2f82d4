"""``scorer check``: settings (flags over project config), scoring, the gate, and the output.

Exit statuses: 0 passed (or no gate configured), 1 the gate failed, 2 a usage or input error
(an unreadable report, a bad flag, an invalid checklist, config, waivers or baseline file),
which wins over 1, and 3 an internal error on some file (the others are still scored).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scorer.checklist.load import load_checklist
from scorer.cli.config import Config, default_waivers, discover, load_config, shown_path
from scorer.document.loader import load_document
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.gate.baseline import Baseline, load_baseline
from scorer.gate.decide import Policy, evaluate
from scorer.gate.waivers import WaiverSet, load_waivers
from scorer.output import Run
from scorer.output.files import write_outputs, write_report_docx
from scorer.output.gate_text import waiver_notes
from scorer.support.budget import BudgetExceeded, time_budget
from scorer.support.display import json_safe, shown, warn, xml_safe_refs
from scorer.support.errors import (
    EXIT_GATE_FAILED,
    EXIT_INPUT_ERROR,
    EXIT_INTERNAL_ERROR,
    EXIT_OK,
    ScorerError,
    UsageError,
)


@dataclass(frozen=True)
class Settings:
    format: str
    profile: str
    checklist: str | None
    policy: Policy
    waivers: WaiverSet | None
    baseline: Baseline | None


def settings(args: argparse.Namespace) -> Settings:
    """Command-line flags over the project configuration over the defaults."""
    cfg: Config | None = None
    if args.config:
        cfg = load_config(args.config)
    elif not args.no_config:
        cfg = discover()
    if args.checklist or args.profile:  # a checklist chosen on the command line wins as a whole
        checklist, profile = args.checklist, args.profile or "auto"
    else:
        checklist, profile = (cfg.checklist, cfg.profile or "auto") if cfg else (None, "auto")
    fail_under = args.fail_under if args.fail_under is not None else (cfg.fail_under if cfg else None)
    fail_on = args.fail_on or (cfg.fail_on if cfg else None) or "never"
    waivers_path: str | Path | None = args.waivers or (
        shown_path(cfg.waivers) if cfg and cfg.waivers else None)
    if waivers_path is None and not args.no_config:
        found = default_waivers(cfg)
        waivers_path = shown_path(found) if found else None
    return Settings(
        format=args.format or (cfg.format if cfg else None) or "table",
        profile=profile,
        checklist=checklist,
        policy=Policy(fail_under=fail_under, fail_on=fail_on),
        waivers=load_waivers(waivers_path) if waivers_path else None,
        baseline=load_baseline(args.baseline) if args.baseline else None,
    )


def _score_all(files: list[str], s: Settings, debug: bool = False,
               timeout: float | None = None) -> tuple[list[Result | tuple[str, str]], bool]:
    """Each input's result, or (path, message) when it cannot be read or scored, in input order,
    and whether an internal error happened. An internal error on one file is reported (naming
    the file) and the other files go on."""
    forced = load_checklist(s.checklist) if s.checklist else None
    out: list[Result | tuple[str, str]] = []
    internal = False
    for path in files:
        try:
            with time_budget(timeout):
                doc = load_document(path)
                out.append(run_checklist(doc, forced or load_checklist_cached(choose_profile(doc, s.profile))))
        except BudgetExceeded:
            msg = shown(f"{path}: 处理超时（超过 {timeout:g} 秒），已跳过")
            warn(msg)
            out.append((path, msg))
        except ScorerError as exc:
            warn(str(exc))
            out.append((path, str(exc)))
        except Exception as exc:
            if debug:
                raise
            msg = shown(f"{path}: 内部错误：{exc.__class__.__name__}: {exc}（加 --debug 查看详情）")
            warn(msg)
            out.append((path, msg))
            internal = True
    return out, internal


FORMATTERS: dict[str, str] = {
    "table": "scorer.output.table",
    "markdown": "scorer.output.markdown",
    "json": "scorer.output.gate_json",
    "sarif": "scorer.output.sarif",
    "junit": "scorer.output.junit",
    "github": "scorer.output.github",
    "docx": "scorer.output.report_docx",
}
"""The formats of ``scorer check --format`` (their names: ``scorer.output.FORMATS``), one
contract: the module named here has ``render(run) -> str``, the format's standard output. Named,
not imported: a check imports only its own format's module (all seven at once would add
xml.etree and seven modules of ours to every cold check, 3–5% of its import time)."""
SAFE_AS: dict[str, Callable[[str], str]] = {"json": json_safe, "sarif": json_safe, "junit": xml_safe_refs}
"""How a format keeps control sequences out of the terminal (text formats: :func:`shown`)."""


def render(fmt: str, run: Run) -> str:
    """The run's standard output in ``fmt``; whatever the reports and file names hold, nothing in
    it is a control sequence for the terminal (text formats show them replaced, JSON and XML
    escape them)."""
    return SAFE_AS.get(fmt, lambda text: shown(text, lines=True))(formatter(fmt)(run))


def formatter(fmt: str) -> Callable[[Run], str]:
    """The ``render`` of ``fmt``'s module (see :data:`FORMATTERS`)."""
    module = FORMATTERS.get(fmt)
    if module is None:
        raise UsageError(f"未知的输出格式：{fmt}")
    render_run: Callable[[Run], str] = importlib.import_module(module).render
    return render_run


def run(args: argparse.Namespace) -> int:
    if args.files.count("-") > 1:
        raise UsageError("标准输入（-）只能使用一次")
    if args.annotate and (len(args.files) != 1 or args.files[0] == "-"):
        raise UsageError("--annotate 只能用于单个 Word 文件（不能是标准输入）")
    s = settings(args)
    if args.timeout is not None and args.timeout < 0:
        raise UsageError("--timeout 不能为负数")
    items, internal = _score_all(args.files, s, debug=bool(getattr(args, "debug", False)),
                                 timeout=args.timeout or None)
    results = [it for it in items if not isinstance(it, tuple)]
    outcome = evaluate(results, s.policy.fail_under, s.policy.fail_on, s.waivers, s.baseline)
    if internal:
        status = EXIT_INTERNAL_ERROR
    elif any(isinstance(it, tuple) for it in items):
        status = EXIT_INPUT_ERROR
    else:
        status = EXIT_GATE_FAILED if outcome.policy.active and not outcome.passed else EXIT_OK
    text = render(s.format, Run(items, outcome, status, sarif_waived=getattr(args, "sarif_waived", "suppress")))
    if s.format == "docx":
        folder = Path(args.output or "reports_out")
        text = "".join(shown(f"已写入检查报告（Word）：{write_report_docx(folder, res)}") + "\n"
                       for res in results)
    if s.format == "table":
        from scorer.output import colour  # lazy: only the table is painted

        if colour.enabled(sys.stdout):
            text = colour.paint(text)
    sys.stdout.write(text)
    if s.format == "github":
        from scorer.output import github  # lazy: only this format writes a job summary

        problem = github.append_summary(github.summary(outcome, [it for it in items if isinstance(it, tuple)]))
        if problem:
            warn(problem)
    else:
        for note in waiver_notes(outcome):
            warn(f"提示：{note}")
    if args.output:
        for res in results:
            write_outputs(Path(args.output), res)
    if args.annotate and results:
        from scorer.output.annotate_docx import annotate_docx  # lazy: lxml and python-docx

        n = annotate_docx(args.files[0], results[0], args.annotate)
        warn(f"已写入带批注的文件 {args.annotate}（{n} 条批注）")
    return status
