"""HTTP-level tests of the local web page: upload, paste, downloads, limits and error pages."""

from __future__ import annotations

import html
import io
import json
import re
import shlex
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import docx
import pytest
from conftest import SEEDS_DIR as SEEDS
from docx_builders import plain_docx as seed_docx

from scorer.cli.main import main
from scorer.document.loader import load_bytes
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.output import gap_text, json_report
from scorer.output.annotate_docx import plan_notes
from scorer.output.wording import reason
from scorer.web import app as app_mod
from scorer.web.app import LOOPBACK_HOSTS, create_app
from scorer.web.guards import host_name
from scorer.web.service import upload_name
from scorer.web.store import ResultStore, Stored

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx`")
    from fastapi.testclient import TestClient

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seed_bytes(prefix: str) -> bytes:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_bytes()


def expected(data: bytes, name: str, profile: str = "auto") -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc, profile)))


def links(page: str) -> dict[str, str]:
    return dict(re.findall(r'<a class="btn[^"]*" id="dl-(\w+)" href="([^"]+)"', page))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


@pytest.fixture
def client(uploads: Path) -> TestClient:
    return TestClient(create_app(upload_dir=uploads))


# --------------------------------------------------------------------------- form page


def test_form_page_is_chinese_offline_and_posts_a_plain_form(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<html lang="zh-CN">' in page
    assert re.search(r'<form [^>]*method="post" action="/check" enctype="multipart/form-data"', page)
    assert 'name="file"' in page and 'name="text"' in page and 'name="profile"' in page
    assert '<option value="auto" selected>自动识别' in page
    for name in ("government", "department", "department-approval"):
        assert f'<option value="{name}">' in page
    assert 'value="base-2021"' not in page and "基础版" not in page  # the internal base checklist
    assert re.search(r'<link rel="icon" type="image/svg\+xml" href="data:image/svg\+xml,', page)
    # no external assets: every src/href is local, scripts and styles are inline with a nonce
    assert not re.search(r'(src|href)="(https?:)?//', page)
    nonce = re.search(r'<script nonce="([^"]+)">', page).group(1)
    assert f"<style nonce=\"{nonce}\">" in page
    csp = r.headers["content-security-policy"]
    assert f"script-src 'nonce-{nonce}'" in csp and "default-src 'none'" in csp


# --------------------------------------------------------------------------- upload and paste


def test_docx_upload_shows_score_items_gaps_and_marked_text(client: TestClient, uploads: Path) -> None:
    data = seed_docx("002")
    r = client.post("/check", files={"file": ("草稿.docx", data, "application/octet-stream")},
                    data={"profile": "auto"})
    assert r.status_code == 200, r.text
    res = expected(data, "草稿.docx")
    page = r.text
    assert f'<span class="num" id="score">{res.score:.1f}</span>' in page
    assert f'id="grade">{res.grade}</span>' in page
    assert "草稿.docx" in page
    # the content items come first, in checklist order, each with its status
    content = re.search(r'<ul class="content" id="content-items">(.*?)</ul>', page, re.S).group(1)
    shown = re.findall(r'data-el="(content\.[\w-]+)"><span class="badge s-(\w+)">', content)
    assert shown == [(v.element.id, v.status) for v in res.verdicts
                     if v.element.id.startswith("content.") and v.element.weight != "optional"]
    assert len(shown) == 5  # the five statutory items; the optional 其他 item is shown apart
    other = res.verdict("content.other")
    assert re.search(rf'<p class="other" id="other-item">另：<a [^>]*>{other.element.name}</a>', page)
    assert page.index('id="content-items"') < page.index('id="gaps"') < page.index('id="doc"')
    # every gap with why, what to add and basis
    gaps = [v for v in res.verdicts if v.is_gap]
    assert f"需要补充的内容（{len(gaps)} 项）" in page
    for v in gaps:
        block = re.search(rf'<article class="gap" id="gap-{re.escape(v.element.id)}">(.*?)</article>',
                          page, re.S)
        assert block, v.element.id
        body = text_of(block.group(1))
        assert reason(res, v) in body
        assert v.element.id not in body  # names, never ids, where a person reads
        assert v.element.suggestion in body and v.element.basis in body
    # each piece of evidence is marked in the report text, on its own line
    for v in res.verdicts:
        for e in v.evidence:
            line = re.search(rf'<li id="L{e.line}" [^>]*>(.*?)</li>', page, re.S).group(1)
            marked = "".join(text_of(m) for m in re.findall(
                rf'<mark data-els="[^"]*\b{re.escape(v.element.id)}\b[^"]*"[^>]*>(.*?)</mark>', line))
            assert e.text.rstrip("…") [:20] in marked, (v.element.id, e.line)
    # a missing gap links to the heading of its part
    causes = re.search(r'id="gap-content\.causes">\s*<a class="gap-head" href="#L(\d+)"', page)
    line = re.search(rf'<li id="L{causes.group(1)}" [^>]*>(.*?)</li>', page, re.S).group(1)
    assert text_of(line).endswith("二、存在的问题和不足")
    assert list(uploads.iterdir()) == []  # the upload's temporary folder is gone


def test_overlapping_evidence_is_split_into_segments() -> None:
    from scorer.web.view import Segment, _segments

    spans = [(0, 4, "a.x", False), (2, 6, "b.y", True), (3, 99, "c.z", False)]  # last: out of range
    assert _segments("依法行政工作", spans) == [
        Segment("依法", "a.x"), Segment("行政", "a.x b.y", True), Segment("工作", "b.y", True)]
    assert _segments("", []) == [] and _segments("正文", []) == [Segment("正文")]


def test_every_download_of_a_docx_upload(client: TestClient) -> None:
    data = seed_docx("003")
    r = client.post("/check", files={"file": ("湛河区.docx", data)})
    res = expected(data, "湛河区.docx")
    dl = links(r.text)
    assert set(dl) == {"docx", "md", "json", "report"}

    md = client.get(dl["md"])
    assert md.status_code == 200 and md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert md.text == gap_text.render(res, md=True)
    assert "filename*=UTF-8''%E6%B9%9B%E6%B2%B3%E5%8C%BA.docx.md" in md.headers["content-disposition"]

    js = client.get(dl["json"])
    assert js.headers["content-type"] == "application/json; charset=utf-8"
    assert js.json() == json.loads(json.dumps(json_report.document([json_report.report_dict(res)])))

    word = client.get(dl["docx"])
    assert word.headers["content-type"].endswith("wordprocessingml.document")
    assert "%E6%89%B9%E6%B3%A8.docx" in word.headers["content-disposition"]  # 湛河区-批注.docx
    comments = docx.Document(io.BytesIO(word.content)).comments
    assert len(comments) == len(plan_notes(res))
    assert next(iter(comments)).text.startswith(f"法治报告检查：得分 {res.score:.1f} / 100")


def test_printable_word_report_download(client: TestClient) -> None:
    data = seed_docx("003")
    r = client.post("/check", files={"file": ("湛河区.docx", data)})
    res = expected(data, "湛河区.docx")
    word = client.get(links(r.text)["report"])
    assert word.status_code == 200 and word.headers["content-type"].endswith("wordprocessingml.document")
    assert "%E6%A3%80%E6%9F%A5%E7%BB%93%E6%9E%9C.docx" in word.headers["content-disposition"]  # 检查结果
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert f"得分 {res.score:.1f} / 100" in text
    for v in res.verdicts:
        if v.is_gap:
            assert v.element.name in text, v.element.id


def test_favicon(client: TestClient) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg")


def test_pasted_text_and_chosen_profile(client: TestClient) -> None:
    text = seed_bytes("002").decode("utf-8").replace("\n", "\r\n")  # as a browser sends it
    r = client.post("/check", data={"text": text, "profile": "government"})
    assert r.status_code == 200
    res = expected(seed_bytes("002"), "粘贴的文本.txt", "government")
    assert res.checklist.profile == "government"
    assert f'id="score">{res.score:.1f}</span>' in r.text
    assert f"检查清单</dt><dd>{res.checklist.description}，{res.checklist.version} 版" in r.text
    dl = links(r.text)
    assert set(dl) == {"md", "json", "report"}  # no annotated Word copy for pasted text
    assert client.get(dl["md"]).text == gap_text.render(res, md=True)
    missing = client.get(dl["md"].replace("report.md", "annotated.docx"))
    assert missing.status_code == 404 and "只有上传 Word（.docx）文件时" in missing.text


def test_urlencoded_post_from_a_script(client: TestClient) -> None:
    r = client.post("/check", data={"text": seed_bytes("004").decode("utf-8")})
    res = expected(seed_bytes("004"), "粘贴的文本.txt")
    assert f'id="score">{res.score:.1f}</span>' in r.text


def test_type_is_decided_by_content_not_by_name(client: TestClient) -> None:
    data = seed_docx("001")
    r = client.post("/check", files={"file": ("报告", data)})  # no extension: read as Word
    assert r.status_code == 200 and "dl-docx" in r.text
    r = client.post("/check", files={"file": ("报告.docx", seed_bytes("001"))})
    assert r.status_code == 400
    assert "报告.docx：不是有效的 Word（.docx）文件（文件不是 zip 格式，可能已损坏或被改了扩展名）" in r.text
    r = client.post("/check", files={"file": ("报告.txt", data)})
    assert r.status_code == 400 and "报告.txt：是 zip 压缩文件，不是 Word（.docx）报告" in r.text


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("files", "data", "status", "message"),
    [
        (None, {"text": "  "}, 400, "请选择报告文件，或在文本框中粘贴报告全文。"),
        ({"file": ("", b"")}, {"text": ""}, 400, "请选择报告文件，或在文本框中粘贴报告全文。"),
        ({"file": ("空.docx", b"")}, {}, 400, "空.docx：文件为空"),
        ({"file": ("a.exe", b"MZ\x90\x00")}, {}, 400, "a.exe：不支持的文件类型“.exe”"),
        ({"file": ("坏.docx", b"PK\x03\x04broken")}, {}, 400, "坏.docx：Word 文件已损坏或不完整，无法打开"),
        ({"file": ("乱码.txt", bytes(range(256)) * 40)}, {}, 400, "乱码.txt：内容是二进制数据，不是文本报告"),
        ({"file": ("假.pdf", "一份文字".encode())}, {}, 400, "假.pdf：不是有效的 PDF 文件（缺少 %PDF 文件头）"),
        (None, {"text": "正文", "profile": "nope"}, 400, "未知的检查配置档“nope”"),
    ],
)
def test_bad_input_gets_the_readers_chinese_message(
    client: TestClient, uploads: Path, files: dict | None, data: dict, status: int, message: str
) -> None:
    r = client.post("/check", files=files, data=data)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert message in html.unescape(re.search(r'id="error-message">(.*?)</p>', r.text, re.S).group(1))
    assert "Traceback" not in r.text
    assert list(uploads.iterdir()) == []


def test_size_limit_gives_413_for_files_text_and_declared_bodies(uploads: Path) -> None:
    client = TestClient(create_app(max_upload_bytes=40_000, upload_dir=uploads))
    big = seed_bytes("002") * 10
    assert len(big) > 40_000
    r = client.post("/check", files={"file": ("big.txt", big)})
    assert r.status_code == 413 and "文件过大：上限 39 KB。请压缩图片或另存为文字版后再上传。" in r.text
    r = client.post("/check", data={"text": big.decode("utf-8")})
    assert r.status_code == 413 and "文件过大" in r.text
    r = client.post("/check", content=b"x" * 200_000,
                    headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413 and "文件过大" in r.text  # refused before the form is parsed
    r = client.post("/check", files={"file": ("ok.txt", seed_bytes("000"))})
    assert r.status_code == 200
    assert list(uploads.iterdir()) == []


def test_streamed_body_without_length_is_cut_off(uploads: Path) -> None:
    client = TestClient(create_app(max_upload_bytes=10_000, upload_dir=uploads))

    def chunks():  # type: ignore[no-untyped-def]
        yield b"--zz\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
        for _ in range(40):
            yield "法治".encode() * 1000

    r = client.post("/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413 and "文件过大" in r.text


def test_report_text_is_escaped(client: TestClient) -> None:
    text = seed_bytes("000").decode("utf-8").replace(
        "\n\n", "\n\n<script>alert('x')</script><img src=x onerror=alert(1)>\n\n", 1)
    r = client.post("/check", files={"file": ("<i onclick='go()'>.txt", text.encode("utf-8"))})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text and "<i onclick" not in r.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert '<h1 class="fname">&lt;i onclick=&#39;go()&#39;&gt;.txt</h1>' in r.text


def test_downloads_expire_and_unknown_tokens_are_404(uploads: Path) -> None:
    now = [0.0]
    store = ResultStore(capacity=2, ttl_seconds=60, clock=lambda: now[0])
    client = TestClient(create_app(store=store, upload_dir=uploads))
    first = links(client.post("/check", data={"text": seed_bytes("000").decode()}).text)["md"]
    assert client.get(first).status_code == 200
    now[0] = 61
    r = client.get(first)
    assert r.status_code == 404 and "检查结果已过期或不存在（结果只保留 1 分钟）" in r.text
    assert client.get("/download/nope/report.md").status_code == 404
    r = client.get(first.replace("report.md", "secret.txt"))
    assert r.status_code == 404 and "没有这种下载文件" in r.text


def test_store_keeps_only_the_newest() -> None:
    store = ResultStore(capacity=2)
    item = Stored("a.md", "a.json", "a-批注.docx", "md", "{}", None)
    tokens = [store.put(item) for _ in range(3)]
    assert store.get(tokens[0]) is None and store.get(tokens[2]) is item and len(store) == 2
    assert len(set(tokens)) == 3 and all(len(t) >= 24 for t in tokens)


def test_chinese_pages_for_unknown_routes_and_methods(client: TestClient) -> None:
    r = client.get("/nothing-here")
    assert r.status_code == 404 and "找不到页面" in r.text
    r = client.get("/check")
    assert r.status_code == 405 and "请从首页的表单上传报告" in r.text


def test_internal_error_page_has_no_traceback(uploads: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app_mod, "build_page", boom)
    client = TestClient(create_app(upload_dir=uploads), raise_server_exceptions=False)
    r = client.post("/check", data={"text": seed_bytes("000").decode()})
    assert r.status_code == 500
    assert "检查时发生内部错误（RuntimeError）" in r.text and "Traceback" not in r.text


def test_host_guard_for_loopback_serving(uploads: Path) -> None:
    client = TestClient(create_app(upload_dir=uploads, allowed_hosts=LOOPBACK_HOSTS))
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200
    r = client.get("/", headers={"host": "attacker.example:8000"})
    assert r.status_code == 400 and "请用本机地址打开本页面" in r.text
    assert [host_name(h) for h in ("a.b:80", "[::1]:8", "X.org")] == ["a.b", "[::1]", "x.org"]


def test_upload_name_keeps_only_the_file_name() -> None:
    assert upload_name("C:\\Users\\张三\\报告.docx") == "报告.docx"
    assert upload_name("../../etc/passwd") == "passwd"
    assert upload_name("a\x00b.txt") == "ab.txt"
    assert upload_name(None) == "上传的文件"


# --------------------------------------------------------------------------- scorer serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_uvicorn_on_loopback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    seen: dict[str, object] = {}

    def fake_run(self: uvicorn.Server, sockets: list[socket.socket]) -> None:
        seen["addr"] = sockets[0].getsockname()[:2]
        seen["client"] = TestClient(self.config.app)

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    port = _free_port()
    assert main(["serve", "--port", str(port)]) == 0
    assert seen["addr"] == ("127.0.0.1", port)
    client = seen["client"]
    assert isinstance(client, TestClient)
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    err = capsys.readouterr().err
    assert f"网页已启动：请在浏览器中打开 http://127.0.0.1:{port}/" in err and "警告" not in err

    assert main(["serve", "--host", "0.0.0.0", "--port", str(_free_port())]) == 0
    err = capsys.readouterr().err
    assert "警告：网页监听在 0.0.0.0，局域网内的其他电脑也能访问" in err


def test_serve_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--port", "70000"])
    assert exc.value.code == 2
    assert "端口须为 1–65535 之间的整数：70000" in capsys.readouterr().err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"无法在 127.0.0.1:{port} 上启动网页：端口已被占用" in capsys.readouterr().err


def test_serve_without_the_web_extra_names_our_distribution(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # "scorer" on the public index is somebody else's package: the hint must name fzzf-scorer,
    # for the Python that runs scorer
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn → ImportError
    assert main(["serve", "--port", str(_free_port())]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"scorer: 网页功能需要额外的依赖（缺少 uvicorn）：请运行 "
                   f"{shlex.quote(sys.executable)} -m pip install 'fzzf-scorer[web]'")


def test_check_start_up_does_not_import_the_web_stack() -> None:
    code = ("import sys, scorer.cli.main; scorer.cli.main.build_parser(); "
            "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
