"""``scorer audit PATH...``: the reviewer's batch run."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.gate.decide import Policy
from scorer.support.display import warn
from scorer.support.errors import EXIT_GATE_FAILED, EXIT_INPUT_ERROR, EXIT_OK, UsageError
from scorer.support.vocabulary import gap_level, is_gap

if TYPE_CHECKING:  # kept light: the CLI imports this module (register) at every start
    from scorer.audit.progress import Bar
    from scorer.audit.row import Row


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    a = sub.add_parser("audit", help="批量审查收到的报告：排名、要素覆盖、雷同检测、汇总表和离线网页")
    a.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找所有支持的格式）")
    a.add_argument("-o", "--output", metavar="DIR",
                   help="本次审查的输出文件夹（默认 reports_out/audit-日期-时间）")
    a.add_argument("--overwrite", action="store_true", help="输出文件夹已是上次审查的结果时，用本次结果替换它")
    a.add_argument("--profile", default="auto", help="检查配置档（默认 auto：按报告主体自动选择）")
    a.add_argument("--checklist", help="使用指定的清单 YAML 文件（覆盖 --profile）")
    a.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="并行进程数（默认：CPU 核数）")
    a.add_argument("--manifest", metavar="CSV", help="报送清单（文件、报告主体、主体类型、发布日期、网址等）")
    a.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="每份报告的处理时限（秒，默认 60；0 表示不限）")
    a.add_argument("--dup-min-chars", type=int, default=100, metavar="N",
                   help="两份报告雷同文字达到多少字才列出（默认 100）")
    a.add_argument("--fail-under", type=float, metavar="SCORE",
                   help="有报告得分低于该分数时，退出状态为 1")
    a.add_argument("--fail-on", choices=("missing-required", "partial", "never"), default="never",
                   help="有报告缺失必备项（missing-required）或有不完整项（partial）时，退出状态为 1")
    a.add_argument("--dask", metavar="ADDRESS",
                   help="在 Dask 集群上评分：调度器地址（如 tcp://10.0.0.5:8786），或 local / local:N（本机 N 个进程）；需安装 fzzf-scorer[dask]")
    a.add_argument("--quiet", "-q", action="store_true", help="不显示进度条和终端汇总")
    a.set_defaults(func=run_audit)


def _progress(quiet: bool, total: int) -> Bar | None:
    """The progress bar, drawn at once; only on a terminal and without ``--quiet``."""
    if quiet or not sys.stderr.isatty():
        return None
    from scorer.audit.progress import Bar  # lazy: only a terminal shows the bar

    return Bar(total)


def run_audit(args: argparse.Namespace) -> int:
    # lazy: every start of the CLI imports this module; only an audit loads the batch machinery
    from scorer.audit.batch import Batch
    from scorer.audit.collect import collect
    from scorer.audit.manifest import load_manifest, match_entries
    from scorer.audit.row import row_of
    from scorer.audit.runfolder import default_run_folder, prepare, publish
    from scorer.audit.runner import Job
    from scorer.audit.terminal import print_summary
    from scorer.audit.writer import finish_run
    from scorer.output.files import claim_stem

    if args.jobs < 0:
        raise UsageError("--jobs 不能为负数")
    if args.timeout < 0:
        raise UsageError("--timeout 不能为负数")
    policy = Policy(fail_under=args.fail_under, fail_on=args.fail_on)  # validates the values
    if args.checklist:
        from scorer.checklist.load import load_checklist  # lazy: see above (matchers, pydantic)

        load_checklist(args.checklist)  # an invalid checklist stops the run before any work
    entries = load_manifest(args.manifest) if args.manifest else []
    out = Path(args.output) if args.output else default_run_folder()
    staging = prepare(out, args.overwrite)
    try:
        items = collect(args.paths, exclude=out)
        if not items:
            raise UsageError("没有找到可检查的报告文件（支持 .docx .doc .wps .pdf .html .txt .md）")
        t0 = time.perf_counter()
        job = Job(profile=args.profile, checklist_path=args.checklist,
                  budget=args.timeout or None, debug=bool(getattr(args, "debug", False)))
        # one stem per input for its reports/*.md|json and pages/*.html, unique within the run
        stems = [claim_stem(staging, it.path) for it in items]
        found, unmatched = match_entries(entries, [it.path for it in items]) if entries else ({}, [])
        good = [(it.path, stems[k], found.get(k)) for k, it in enumerate(items) if it.problem is None]
        scored = iter(score_rows(args, good, job, staging))
        rows = []
        for k, it in enumerate(items):
            if it.problem is None:
                rows.append(next(scored))
            else:
                row = row_of(it.path, stems[k], None, f"{it.path}: {it.problem}")
                row.entry = found.get(k)
                rows.append(row)
        batch = Batch(rows=rows, manifest_unmatched=unmatched)
        finish_run(batch, staging, min_chars=args.dup_min_chars)
        publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    elapsed = time.perf_counter() - t0
    for i in batch.failed:
        warn(rows[i].error or "")
    if not args.quiet:
        print_summary(batch, out, elapsed)
    if batch.failed:
        return EXIT_INPUT_ERROR
    failing = [i for i in batch.ok if gate_fails(rows[i], policy)]
    if failing:
        print(f"scorer: {len(failing)} 份报告未达到门槛（{policy_text(policy)}）", file=sys.stderr)
        return EXIT_GATE_FAILED
    return EXIT_OK


def score_rows(args: argparse.Namespace, good: list[tuple[str, str, Any]], job: Any, staging: Path) -> list[Any]:
    """Local worker processes, or (``--dask``) a Dask cluster."""
    from scorer.audit.runner import default_jobs, stream_batch  # lazy: see run_audit

    bar = _progress(args.quiet, len(good))
    try:
        if getattr(args, "dask", None):
            from scorer.audit.distributed import dask_rows  # lazy: Dask, an optional extra

            return dask_rows(args.dask, good, job, staging, bar)
        return stream_batch(good, job, args.jobs or default_jobs(), staging, bar)
    finally:
        if bar is not None:
            bar.close()


def gate_fails(row: Row, policy: Policy) -> bool:
    """The same gate as ``scorer check`` (without waivers or baselines), on a report's row."""
    if policy.fail_under is not None and float(row.score) < policy.fail_under:
        return True
    levels = policy.fail_levels
    return any(is_gap(status, weight) and gap_level(status, weight) in levels
               for (_id, _name, weight), status in row.statuses())


def policy_text(policy: Policy) -> str:
    parts = []
    if policy.fail_under is not None:
        parts.append(f"得分不低于 {policy.fail_under:g}")
    if policy.fail_on == "missing-required":
        parts.append("不缺必备项")
    elif policy.fail_on == "partial":
        parts.append("各项不缺失、不残缺")
    return "，".join(parts)
