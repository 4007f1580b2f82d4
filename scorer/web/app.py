"""The FastAPI application: form page, check, result page, downloads, Chinese error pages."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from scorer.checklist.load import list_profiles
from scorer.engine.run import load_checklist_cached
from scorer.output import icon
from scorer.support.errors import InputError, ScorerError
from scorer.web.guards import BodyLimit, HostGuard
from scorer.web.service import DEFAULT_BUDGET, Checked, check_bytes, check_text, upload_name
from scorer.web.store import ResultStore
from scorer.web.view import build_page

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
"""Largest upload accepted by default (20 MiB)."""
FORM_SLACK = 64 * 1024
"""Room in a request body for the form's other fields and multipart headers."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_DOWNLOADS = {
    "report.md": "text/markdown; charset=utf-8",
    "report.json": "application/json; charset=utf-8",
    "annotated.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "report.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_ERROR_TITLES = {400: "无法检查这份报告", 404: "找不到页面", 405: "请求方式不正确",
                 413: "文件过大", 500: "内部错误"}
_log = logging.getLogger("scorer.web")


@dataclass(frozen=True)
class Profile:
    name: str
    description: str


class _Pages:
    """Renders the Jinja templates (autoescaped) with a fresh CSP nonce per response."""

    def __init__(self) -> None:
        self.env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True)
        self.env.globals["favicon"] = icon.DATA_URI

    def render(self, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        body = self.env.get_template(template).render(nonce=nonce, **ctx)
        return HTMLResponse(body, status_code=status, headers=_headers(nonce))

    def error(self, status: int, message: str) -> HTMLResponse:
        return self.render("error.html", status, heading=_ERROR_TITLES.get(status, "出错了"),
                           message=message)


def _headers(nonce: str | None = None) -> dict[str, str]:
    src = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Content-Security-Policy": (f"default-src 'none'; style-src {src}; script-src {src}; "
                                    "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
                                    "frame-ancestors 'none'"),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def _disposition(filename: str) -> str:
    fallback = "".join(c if c.isascii() and c.isalnum() or c in "._-" else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _size(n: int) -> str:
    return f"{n / 1048576:.3g} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def profiles() -> list[Profile]:
    """The checklist profiles offered on the form (besides 自动识别): those made for a kind of
    issuer; a base checklist that the profiles extend is not one to choose."""
    out = []
    for name in list_profiles():
        cl = load_checklist_cached(name)
        if cl.applies_to is not None:
            out.append(Profile(name, cl.description))
    return out


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise _Oversize
        chunks.append(chunk)
    return b"".join(chunks)


class _Oversize(Exception):
    pass


def create_app(
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    *,
    store: ResultStore | None = None,
    upload_dir: Path | None = None,
    allowed_hosts: list[str] | tuple[str, ...] | None = None,
    budget: float | None = DEFAULT_BUDGET,
) -> FastAPI:
    """The web app. ``upload_dir`` is where the per-check temporary folders are made (system
    temp by default); ``allowed_hosts`` limits the Host header (DNS-rebinding guard);
    ``budget`` is each check's time budget in seconds (None: none)."""
    pages = _Pages()
    results = store if store is not None else ResultStore()
    known = {p.name for p in profiles()}
    too_large = f"文件过大：上限 {_size(max_upload_bytes)}。请压缩图片或另存为文字版后再上传。"
    app = FastAPI(title="法治政府建设年度报告自查", docs_url=None, redoc_url=None, openapi_url=None)

    def raw(status: int, message: str) -> tuple[bytes, list[tuple[bytes, bytes]]]:
        resp = pages.error(status, message)
        return bytes(resp.body), [(k.encode(), v.encode()) for k, v in resp.headers.items()
                                  if k.lower() != "content-length"]

    app.add_middleware(BodyLimit, limit=max_upload_bytes + FORM_SLACK,
                       page=lambda: raw(413, too_large))
    if allowed_hosts is not None:
        app.add_middleware(HostGuard, allowed=list(allowed_hosts), page=lambda: raw(
            400, "请用本机地址打开本页面，例如 http://127.0.0.1:8000/（其他网址不能访问本机的检查服务）。"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "没有这个页面。请回到首页重新上传报告。",
                    405: "请从首页的表单上传报告。"}
        message = messages.get(exc.status_code) or (
            f"表单无法解析：{exc.detail}" if exc.status_code == 400 else str(exc.detail))
        return pages.error(exc.status_code, message)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        _log.exception("internal error")
        return pages.error(500, f"检查时发生内部错误（{exc.__class__.__name__}）。请把报告文件和这条信息告诉维护人员。")

    @app.get("/favicon.ico")
    async def favicon() -> Response:
        return Response(icon.SVG, media_type="image/svg+xml",
                        headers={**_headers(), "Cache-Control": "max-age=86400"})

    @app.get("/", response_class=HTMLResponse)
    async def index() -> Response:
        return pages.render("index.html", profiles=profiles(), limit=_size(max_upload_bytes),
                            ttl_min=f"{results.ttl / 60:g}")

    @app.post("/check", response_class=HTMLResponse)
    async def check(request: Request) -> Response:
        async with request.form(max_files=1, max_fields=10, max_part_size=max_upload_bytes + 1) as form:
            profile = str(form.get("profile") or "auto")
            if profile != "auto" and profile not in known:
                return pages.error(400, f"未知的检查配置档“{profile}”（可选：自动识别、{'、'.join(sorted(known))}）")
            upload = form.get("file")
            text = form.get("text")
            text = text if isinstance(text, str) else ""
            try:
                if isinstance(upload, UploadFile) and upload.filename:
                    data = await _read_limited(upload, max_upload_bytes)
                    checked: Checked = await run_in_threadpool(
                        check_bytes, data, upload_name(upload.filename), profile, upload_dir, budget)
                elif text.strip():
                    if len(text.encode("utf-8")) > max_upload_bytes:
                        raise _Oversize
                    checked = await run_in_threadpool(check_text, text, profile, upload_dir, budget)
                else:
                    return pages.error(400, "请选择报告文件，或在文本框中粘贴报告全文。")
            except _Oversize:
                return pages.error(413, too_large)
            except InputError as exc:
                return pages.error(400, f"{exc.path}：{exc.reason}")
            except ScorerError as exc:
                return pages.error(400, str(exc))
        token = results.put(checked.stored)
        page = await run_in_threadpool(build_page, checked.result, checked.name)
        return pages.render("result.html", page=page, token=token, note=checked.note,
                            has_docx=checked.stored.docx is not None)

    @app.get("/download/{token}/{kind}")
    async def download(token: str, kind: str) -> Response:
        if kind not in _DOWNLOADS:
            return pages.error(404, "没有这种下载文件。")
        item = results.get(token)
        if item is None:
            return pages.error(404, f"检查结果已过期或不存在（结果只保留 {results.ttl / 60:g} 分钟）。请重新上传报告。")
        if kind == "report.md":
            body, name = item.markdown.encode("utf-8"), item.md_name
        elif kind == "report.docx":
            body, name = item.report_docx, item.report_docx_name
        elif kind == "report.json":
            body, name = item.json.encode("utf-8"), item.json_name
        elif item.docx is None:
            return pages.error(404, "只有上传 Word（.docx）文件时才能下载带批注的 Word 文件。")
        else:
            body, name = item.docx, item.docx_name
        headers = {**_headers(), "Content-Disposition": _disposition(name)}
        return Response(body, media_type=_DOWNLOADS[kind], headers=headers)

    return app
