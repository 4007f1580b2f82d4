"""Sub-commands ``check``, ``checklist`` and ``eval``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scorer.errors import EXIT_INPUT_ERROR, EXIT_OK, ScorerError, UsageError

FORMATS = ("table", "markdown", "json")


def register_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="检查报告，输出差距分析和完整度得分")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件（.docx .doc .wps .pdf .html .txt .md；- 表示标准输入）")
    p.add_argument("--profile", default="auto",
                   help="检查配置档：auto（按报告主体自动选择）、government、department 或其他清单名")
    p.add_argument("--checklist", help="使用指定的清单 YAML 文件（覆盖 --profile）")
    p.add_argument("--format", choices=FORMATS, default="table", help="输出格式（默认 table）")
    p.add_argument("-o", "--output", metavar="DIR", nargs="?", const="reports_out",
                   help="把每份报告的 Markdown 和 JSON 结果写入该文件夹（默认 reports_out/）")
    p.set_defaults(func=run_check)

    c = sub.add_parser("checklist", help="校验或查看检查清单")
    csub = c.add_subparsers(dest="checklist_command")
    v = csub.add_parser("validate", help="校验清单 YAML 文件")
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.set_defaults(func=run_validate)
    s = csub.add_parser("show", help="以表格列出清单的要素、权重和依据")
    s.add_argument("profile", nargs="?", default="government")
    s.set_defaults(func=run_show)
    c.set_defaults(func=lambda a: (c.print_help(), EXIT_INPUT_ERROR)[1])

    e = sub.add_parser("eval", help="用人工标注评估检查结果（精确率、召回率、F1）")
    e.add_argument("--labels", required=True, help="标注文件（labels.jsonl）")
    e.add_argument("--docs", required=True, help="报告所在文件夹")
    e.add_argument("--profile", default="auto")
    e.add_argument("--format", choices=("table", "json"), default="table")
    e.add_argument("--mismatches", action="store_true", help="列出每个与标注不一致的判定")
    e.set_defaults(func=run_eval)


def run_check(args: argparse.Namespace) -> int:
    from scorer.checklist import load_checklist
    from scorer.engine import choose_profile, load_checklist_cached, run_checklist
    from scorer.loader import load_document
    from scorer.output import gap_text, json_report
    from scorer.output.files import write_outputs

    if args.files.count("-") > 1:
        raise UsageError("标准输入（-）只能使用一次")
    forced = load_checklist(args.checklist) if args.checklist else None
    status = EXIT_OK
    reports = []
    chunks = []
    for path in args.files:
        try:
            doc = load_document(path)
        except ScorerError as exc:
            print(f"scorer: {exc}", file=sys.stderr)
            reports.append(json_report.error_dict(path, str(exc)))
            status = EXIT_INPUT_ERROR
            continue
        checklist = forced or load_checklist_cached(choose_profile(doc, args.profile))
        result = run_checklist(doc, checklist)
        reports.append(json_report.report_dict(result))
        if args.format != "json":
            chunks.append(gap_text.render(result, md=args.format == "markdown"))
        if args.output:
            write_outputs(Path(args.output), result)
    if args.format == "json":
        json.dump(json_report.document(reports), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(chunks))
    return status


def run_validate(args: argparse.Namespace) -> int:
    from scorer.checklist import ChecklistError, load_checklist

    status = EXIT_OK
    for path in args.paths:
        try:
            cl = load_checklist(path)
        except ChecklistError as exc:
            print(str(exc), file=sys.stderr)
            status = EXIT_INPUT_ERROR
            continue
        print(f"{path}: 有效（{cl.id} {cl.version}，配置档 {cl.profile}，{len(cl.elements)} 个要素）")
    return status


def run_show(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from scorer.checklist import load_checklist
    from scorer.engine import element_weight
    from scorer.output.gap_text import WEIGHT_ZH

    cl = load_checklist(args.profile)
    rows = [[e.id, e.name, WEIGHT_ZH[e.weight], element_weight(cl, e), e.params.type, e.basis] for e in cl.elements]
    print(f"清单 {cl.id} {cl.version}（{cl.edition}），配置档 {cl.profile}：{cl.description}")
    print(tabulate(rows, headers=["要素", "名称", "类别", "权重", "匹配类型", "依据"], tablefmt="simple"))
    print("等级：" + "，".join(f"{g.name} ≥ {g.min:g}" for g in cl.grades))
    print(f"评分方法：{cl.scoring.model}——{cl.scoring.description}")
    return EXIT_OK


def run_eval(args: argparse.Namespace) -> int:
    from scorer.evaluate import evaluate, render_table

    res = evaluate(args.labels, args.docs, args.profile)
    if args.format == "json":
        json.dump(res.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_table(res))
    if args.mismatches:
        for m in res.mismatches:
            print(f"{m['doc']}\t{m['element']}\t标注 {m['gold']}\t判定 {m['pred']}\t{m['evidence'][:60]}", file=sys.stderr)
    return EXIT_INPUT_ERROR if res.errors else EXIT_OK
