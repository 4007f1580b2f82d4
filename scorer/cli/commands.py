"""Sub-commands ``check``, ``checklist`` and ``eval``."""

from __future__ import annotations

import argparse
import json
import sys

from scorer.gate.decide import FAIL_ON
from scorer.output import FORMATS
from scorer.support.display import shown
from scorer.support.errors import EXIT_INPUT_ERROR, EXIT_OK
from scorer.support.vocabulary import WEIGHT_ZH


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"必须是 0 到 100 之间的数字：{text}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"必须是 0 到 100 之间的数字：{text}")
    return value


def register_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="检查报告，输出差距分析和完整度得分")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件（.docx .doc .wps .pdf .html .txt .md；- 表示标准输入）")
    p.add_argument("--profile", help="检查配置档：auto（按报告主体自动选择，默认）、government、department 或其他清单名")
    p.add_argument("--checklist", help="使用指定的清单 YAML 文件（覆盖 --profile）")
    p.add_argument("--format", choices=FORMATS,
                   help="输出格式（默认 table）；docx：每份报告写一份可打印、可编辑的 Word 检查报告"
                        "（写入 -o 指定的文件夹，默认 reports_out/）")
    p.add_argument("-o", "--output", metavar="DIR", nargs="?", const="reports_out",
                   help="把每份报告的 Markdown 和 JSON 结果写入该文件夹（默认 reports_out/）")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="每份报告的处理时限（秒，默认 60；0 表示不限）；超时的报告记为无法处理，其余照常检查")
    p.add_argument("--annotate", metavar="OUT.docx",
                   help="另存一份带批注的 Word 文件：每个差距一条批注，标题处一条得分总评（只用于单个 .docx，原文件不变）")
    g = p.add_argument_group("门禁（CI）")
    g.add_argument("--fail-under", type=_score, metavar="SCORE",
                   help="得分（已豁免的要素不计入）低于该值时门禁不通过，退出状态 1")
    g.add_argument("--fail-on", choices=FAIL_ON,
                   help="missing-required：必备项缺失即不通过；partial：必备和建议项缺失或部分具备即不通过；never：不因差距失败")
    g.add_argument("--waivers", metavar="FILE", help="豁免文件（默认：配置文件旁或上级目录中的 .scorer-waivers.yaml）")
    g.add_argument("--baseline", metavar="JSON", help="上次 scorer check --format json 的输出：只报告和拦截新增的差距")
    g.add_argument("--config", metavar="FILE", help="项目配置文件（默认从当前目录向上查找 .scorer.yaml 或 pyproject.toml 的 [tool.scorer]）")
    g.add_argument("--no-config", action="store_true", help="不读取项目配置和默认豁免文件")
    g.add_argument("--sarif-waived", choices=("suppress", "omit"), default="suppress",
                   help="SARIF 中已豁免的差距：suppress 标为已抑制（默认），omit 不写入"
                        "（GitHub 代码扫描不识别 SARIF 的抑制标记，会把它们显示为未解决的告警）")
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
    e.add_argument("--folds", type=int, metavar="K",
                   help="K 折交叉验证：每份报告由不含其所在折句子标注训练的模型判定（需要 .[train]）")
    e.add_argument("--sentence-labels", metavar="FILE", help="句子标注文件（默认 tools/data/sentence_labels.jsonl）")
    e.add_argument("--corpus-root", metavar="DIR", help="句子标注所指语料的根目录（默认 ../shared/corpus）")
    e.set_defaults(func=run_eval)


def run_check(args: argparse.Namespace) -> int:
    from scorer.cli.check_run import run  # lazy, as below: each command loads only what it runs

    return run(args)


def run_validate(args: argparse.Namespace) -> int:
    from scorer.checklist.load import ChecklistError, load_checklist  # lazy: matchers, pydantic

    status = EXIT_OK
    for path in args.paths:
        try:
            cl = load_checklist(path)
        except ChecklistError as exc:
            print(shown(str(exc)), file=sys.stderr)
            status = EXIT_INPUT_ERROR
            continue
        print(f"{shown(path)}: 有效（{cl.id} {cl.version}，配置档 {cl.profile}，{len(cl.elements)} 个要素）")
    return status


def run_show(args: argparse.Namespace) -> int:
    # lazy: the table library, and the checklist loader with the matchers and pydantic
    from tabulate import tabulate

    from scorer.checklist.load import load_checklist

    cl = load_checklist(args.profile)
    rows = [[e.id, e.name, WEIGHT_ZH[e.weight], cl.points(e), e.params.type, e.basis] for e in cl.elements]
    print(f"清单 {cl.id} {cl.version}（{cl.edition}），配置档 {cl.profile}：{cl.description}")
    print(tabulate(rows, headers=["要素", "名称", "类别", "权重", "匹配类型", "依据"], tablefmt="simple"))
    print("等级：" + "，".join(f"{g.name} ≥ {g.min:g}" for g in cl.grades))
    print(f"评分方法：{cl.scoring.model}——{cl.scoring.description}")
    return EXIT_OK


def run_eval(args: argparse.Namespace) -> int:
    from scorer.eval.evaluate import evaluate, render_table  # lazy: the engine and the corpus tools

    res = evaluate(args.labels, args.docs, args.profile, folds=args.folds,
                   sentence_labels=args.sentence_labels, corpus_root=args.corpus_root)
    if args.format == "json":
        json.dump(res.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_table(res))
    if args.mismatches:
        for m in res.mismatches:
            print(shown(f"{m['doc']}\t{m['element']}\t标注 {m['gold']}\t判定 {m['pred']}\t{m['evidence'][:60]}",
                        lines=True).replace("\n", " "), file=sys.stderr)
    return EXIT_INPUT_ERROR if res.errors else EXIT_OK
