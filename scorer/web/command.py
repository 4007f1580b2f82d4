"""``scorer serve``: run the local web page with uvicorn (FastAPI is imported only here, lazily)."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import TYPE_CHECKING

from scorer.support.errors import EXIT_OK, UsageError

if TYPE_CHECKING:  # socket and ipaddress are imported when serving, not on every start
    import socket

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"端口须为 1–65535 之间的整数：{text}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"端口须为 1–65535 之间的整数：{text}")
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="启动本机网页：上传或粘贴报告，查看差距并下载结果")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"监听地址（默认 {DEFAULT_HOST}，只有本机能访问）")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")
    p.add_argument("--max-upload-mb", type=float, default=20.0, metavar="MB",
                   help="上传文件大小上限（MB，默认 20）")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="每份报告的处理时限（秒，默认 60；0 表示不限），与 check、audit 相同")
    p.set_defaults(func=run_serve)


def is_loopback(host: str) -> bool:
    import ipaddress  # lazy, like socket: only serve uses it, and this module loads on every start

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a :class:`UsageError` in Chinese (port in use, bad address)."""
    import socket  # lazy: see is_loopback

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UsageError(f"无法识别监听地址“{host}”") from None
    family, kind, proto, _, addr = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        reason = "端口已被占用，请换一个端口（--port）" if exc.errno in (98, 48, 10048) else (
            exc.strerror or exc.__class__.__name__)
        raise UsageError(f"无法在 {host}:{port} 上启动网页：{reason}") from None
    return sock


def web_install_hint() -> str:
    """The command that adds the ``web`` extra to the environment scorer runs in. The
    distribution is fzzf-scorer (``scorer`` on the public index is an unrelated package); pip
    keeps the installed fzzf-scorer, however it was installed, and adds only the extra's
    dependencies."""
    return f"{shlex.quote(sys.executable)} -m pip install 'fzzf-scorer[web]'"


def run_serve(args: argparse.Namespace) -> int:
    try:  # lazy: the web stack is an optional dependency, and heavy
        import uvicorn

        from scorer.web.app import LOOPBACK_HOSTS, create_app
    except ImportError as exc:
        raise UsageError(f"网页功能需要额外的依赖（缺少 {exc.name}）：请运行 {web_install_hint()}") from None
    if args.max_upload_mb <= 0:
        raise UsageError("--max-upload-mb 须大于 0")
    if args.timeout < 0:
        raise UsageError("--timeout 不能为负数")
    loopback = is_loopback(args.host)
    if not loopback:
        print(f"scorer: 警告：网页监听在 {args.host}，局域网内的其他电脑也能访问并上传报告；"
              "只在本机使用时请去掉 --host。", file=sys.stderr)
    sock = bind(args.host, args.port)
    app = create_app(int(args.max_upload_mb * 1024 * 1024),
                     allowed_hosts=[*LOOPBACK_HOSTS] if loopback else None, budget=args.timeout or None)
    shown = f"[{args.host}]" if ":" in args.host and not args.host.startswith("[") else args.host
    if args.host in ("0.0.0.0", "::", "[::]"):
        shown = "127.0.0.1"
    print(f"scorer: 网页已启动：请在浏览器中打开 http://{shown}:{args.port}/ （按 Ctrl+C 停止）",
          file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return EXIT_OK
