"""Command-line entry point: ``scorer inspect|check|checklist|eval``."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from scorer import __version__
from scorer.audit.command import register as register_audit
from scorer.cli.commands import register_commands
from scorer.cli.zh import ArgumentParser
from scorer.support.display import shown, warn
from scorer.support.errors import EXIT_INPUT_ERROR, EXIT_INTERNAL_ERROR, EXIT_OK, ScorerError
from scorer.web.command import register as register_serve


class _Parser(ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        warn(f"参数错误：{message}")
        raise SystemExit(EXIT_INPUT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="scorer", description="法治政府建设年度报告检查与评分工具")
    parser.add_argument("--version", action="version", version=f"scorer {__version__}",
                        help="显示版本号并退出")
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的调用栈")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="命令")

    p = sub.add_parser("inspect", help="显示工具如何理解一份报告：基本信息、标题、层级、落款")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件（- 表示标准输入）")

    register_commands(sub)
    register_serve(sub)
    register_audit(sub)
    return parser


def _run_inspect(args: argparse.Namespace) -> int:
    # lazy: only inspect shows a document's structure (and --version reads no document)
    from scorer.cli.inspect_view import render_inspect
    from scorer.document.loader import load_document

    status = EXIT_OK
    for i, path in enumerate(args.files):
        try:
            doc = load_document(path)
        except ScorerError as exc:
            warn(str(exc))
            status = EXIT_INPUT_ERROR
            continue
        if i:
            print()
        sys.stdout.write(shown(render_inspect(doc), lines=True))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    # scorer uses no pydantic plugins; looking for them reads every installed package's
    # metadata (20 ms of each start)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT_ERROR
    try:
        if args.command == "inspect":
            return _run_inspect(args)
        return int(args.func(args))
    except ScorerError as exc:
        warn(str(exc))
        return exc.exit_status
    except KeyboardInterrupt:
        print("scorer: 已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # last line of defence: no traceback for users
        if args.debug:
            traceback.print_exc()
            warn(f"内部错误：{exc.__class__.__name__}: {exc}")
        else:
            warn(f"内部错误：{exc.__class__.__name__}: {exc}（加 --debug 查看详情）")
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
