"""The bad-input pack: hostile and broken inputs through the CLI.

Every case ends with the documented exit status and one Chinese line on stderr that names the
file and the problem; no traceback ever reaches the user (``--debug`` shows one on purpose).
Big inputs (100 MB, a docx expanding to 1 GiB) are generated here, in a fraction of a second.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEEDS_DIR
from conftest import run_cli as _run

import scorer.document.readers as readers
from scorer.cli.main import main

SEED = SEEDS_DIR / "002_a35be3758fcb709b.txt"




def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- builders: each writes the bad input into tmp and returns its path ------------------------

def _zeros_deflate(mib: int) -> bytes:
    """A raw deflate stream of ``mib`` MiB of zeros: one compressed MiB, fully flushed (so that
    it decodes on its own), repeated, then an empty final block."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return block * mib + b"\x03\x00"


def _zip_one(name: str, stream: bytes, declared_size: int) -> bytes:
    """A zip archive of one deflated member whose headers declare ``declared_size`` bytes."""
    n = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(stream), declared_size,
                        len(n), 0) + n
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(stream),
                          declared_size, len(n), 0, 0, 0, 0, 0, 0) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(stream), 0)
    return local + stream + central + end


def _seed_docx() -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf(draw: Callable[[object], None], **kwargs: object) -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, **kwargs)
    draw(c)
    c.save()
    return buf.getvalue()


def _cjk(c: object) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c.setFont("STSong-Light", 12)  # type: ignore[attr-defined]
    c.drawString(60, 700, "某市人民政府2023年法治政府建设年度报告")  # type: ignore[attr-defined]


def _write(tmp: Path, name: str, data: bytes) -> str:
    p = tmp / name
    p.write_bytes(data)
    return str(p)


def _empty(tmp: Path) -> str:
    return _write(tmp, "空.txt", b"")


def _blank(tmp: Path) -> str:
    return _write(tmp, "blank.txt", b" \n\t\r\n\xe3\x80\x80\n")


def _binary(tmp: Path) -> str:
    return _write(tmp, "junk.txt", bytes(range(256)) * 40)


def _undecodable(tmp: Path) -> str:
    data = bytes((i * 97 + 13) % 94 + 0xA1 for i in range(3000))  # GB-range bytes, rare characters
    return _write(tmp, "乱码.txt", bytes(b for x in data for b in (x, 0x81)))


def _docx_named_txt(tmp: Path) -> str:
    return _write(tmp, "report.txt", _seed_docx())


def _text_named_docx(tmp: Path) -> str:
    return _write(tmp, "report.docx", SEED.read_bytes())


def _text_named_pdf(tmp: Path) -> str:
    return _write(tmp, "report.pdf", SEED.read_bytes())


def _truncated_docx(tmp: Path) -> str:
    data = _seed_docx()
    return _write(tmp, "cut.docx", data[: len(data) * 2 // 3])


def _zip_not_docx(tmp: Path) -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not a Word document")
    return _write(tmp, "archive.docx", buf.getvalue())


def _bomb_declared(tmp: Path) -> str:
    return _write(tmp, "bomb.docx", _zip_one("word/document.xml", _zeros_deflate(1024), 1 << 30))


def _bomb_lying(tmp: Path) -> str:
    """The headers say 5,000 bytes; the stream expands to 1 GiB."""
    return _write(tmp, "liar.docx", _zip_one("word/document.xml", _zeros_deflate(1024), 5000))


def _many_entries(tmp: Path) -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(5001):
            zf.writestr(f"word/media/{i}.bin", b"")
    return _write(tmp, "entries.docx", buf.getvalue())


def _encrypted_pdf(tmp: Path) -> str:
    from reportlab.lib import pdfencrypt

    data = _pdf(_cjk, encrypt=pdfencrypt.StandardEncryption("secret", "owner", canPrint=0))
    return _write(tmp, "locked.pdf", data)


def _textless_pdf(tmp: Path) -> str:
    return _write(tmp, "scan.pdf", _pdf(lambda c: c.rect(100, 100, 200, 200)))  # type: ignore[attr-defined]


def _many_pages_pdf(tmp: Path) -> str:
    def pages(c: object) -> None:
        for _ in range(501):
            c.showPage()  # type: ignore[attr-defined]

    return _write(tmp, "thick.pdf", _pdf(pages))


def _huge(tmp: Path) -> str:
    p = tmp / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB in no time and no disk
    return str(p)


def _missing(tmp: Path) -> str:
    return str(tmp / "nope" / "missing.txt")


def _directory(tmp: Path) -> str:
    (tmp / "folder.txt").mkdir()
    return str(tmp / "folder.txt")


def _unsupported(tmp: Path) -> str:
    return _write(tmp, "tool.exe", b"MZ\x90\x00" + bytes(100))


def _html_without_body(tmp: Path) -> str:
    return _write(tmp, "page.html", "<html><body><div class='nav'><a>首页</a></div></body></html>".encode())


def _device(tmp: Path) -> str:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    return "/dev/zero"


CASES: list[tuple[str, Callable[[Path], str], int, str]] = [
    ("empty file", _empty, 2, "文件为空"),
    ("only blanks", _blank, 2, "文件为空"),
    ("binary junk", _binary, 2, "内容是二进制数据，不是文本报告"),
    ("undecodable text", _undecodable, 2, "无法识别文件编码，或内容是乱码/二进制数据"),
    ("docx named .txt", _docx_named_txt, 2, "是 zip 压缩文件，不是 Word（.docx）报告"),
    ("text named .docx", _text_named_docx, 2, "不是有效的 Word（.docx）文件（文件不是 zip 格式"),
    ("text named .pdf", _text_named_pdf, 2, "不是有效的 PDF 文件（缺少 %PDF 文件头）"),
    ("truncated docx", _truncated_docx, 2, "Word 文件已损坏或不完整，无法打开"),
    ("zip that is no docx", _zip_not_docx, 2, "压缩包中没有 word/document.xml"),
    ("zip bomb, declared 1 GiB", _bomb_declared, 2, "Word 文件解压后过大，疑似压缩炸弹，已拒绝"),
    ("zip bomb, lying header", _bomb_lying, 2, "Word 文件已损坏或不完整，无法打开"),
    ("5001 zip entries", _many_entries, 2, "Word 文件解压后过大，疑似压缩炸弹，已拒绝"),
    ("encrypted PDF", _encrypted_pdf, 2, "PDF 受密码保护，请解除密码后再检查"),
    ("text-less PDF", _textless_pdf, 2, "PDF 没有文字层（可能是扫描件）"),
    ("501-page PDF", _many_pages_pdf, 2, "PDF 页数过多（超过 500 页）"),
    ("100 MB file", _huge, 2, "文件过大（100.0 MB，上限 50 MB）"),
    ("device without end", _device, 2, "输入过大（上限 50 MB）"),
    ("nonexistent path", _missing, 2, "文件不存在"),
    ("directory as file", _directory, 2, "这是一个文件夹，不是文件"),
    ("unsupported type", _unsupported, 2, "不支持的文件类型“.exe”"),
    ("web page without a report", _html_without_body, 2, "网页中没有找到报告正文"),
]


@pytest.mark.parametrize(("builder", "status", "message"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   builder: Callable[[Path], str], status: int, message: str) -> None:
    path = builder(tmp_path)
    start = time.perf_counter()
    code, out, err = _run(capsys, "check", path)
    assert time.perf_counter() - start < 10
    assert code == status
    line = _one_line(err)
    assert line.startswith(f"scorer: {path}: ") and message in line


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = _bomb_declared(tmp_path)
    code, out, err = _run(capsys, "check", bomb, str(SEED), "--format", "json")
    assert code == 2 and bomb in _one_line(err)
    reports = json.loads(out)["reports"]
    assert [r["path"] for r in reports] == [bomb, str(SEED)] and "score" in reports[1]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "secret.txt"
    p.write_bytes(SEED.read_bytes())
    p.chmod(0)
    code, _, err = _run(capsys, "check", str(p))
    assert code == 2 and _one_line(err) == f"scorer: {p}: 没有读取权限"


def test_standard_input_is_read_with_a_bound(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    class Endless(io.RawIOBase):
        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            b[:] = b"x" * len(b)
            return len(b)

        def readable(self) -> bool:
            return True

    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 64 * 1024)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    code, _, err = _run(capsys, "check", "-")
    assert code == 2 and _one_line(err) == "scorer: -: 输入过大（上限 0 MB）"


def test_too_much_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 1000)
    code, _, err = _run(capsys, "check", str(SEED))
    assert code == 2
    line = _one_line(err)
    assert line.startswith(f"scorer: {SEED}: 文字过多（约 0 万字，上限 0 万字）")


# --- checklists ---------------------------------------------------------------------------------

def _checklist(tmp: Path, body: str, name: str = "custom.yaml") -> Path:
    p = tmp / name
    p.write_text(f"extends: government.yaml\nid: custom\n{body}", encoding="utf-8")
    return p


def test_catastrophic_patterns_in_a_checklist_return_promptly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cl = _checklist(tmp_path, (
        "elements:\n"
        "  - id: topic.disputes\n"
        "    match: {type: topic, terms: ['(a+)+$', '行政复议']}\n"
        "  - id: topic.transparency\n"
        "    match: {type: topic, terms: ['(?<!x)(a|aa)+$']}\n"
    ))
    report = tmp_path / "report.txt"
    report.write_text(SEED.read_text(encoding="utf-8") + "\n" + "a" * 3000 + "!\n", encoding="utf-8")
    start = time.perf_counter()
    code, out, err = _run(capsys, "check", str(report), "--checklist", str(cl), "--format", "json")
    assert time.perf_counter() - start < 10
    assert code == 0 and err == ""
    verdicts = {v["id"]: v for v in json.loads(out)["reports"][0]["elements"]}
    assert verdicts["topic.disputes"]["status"] != "needs_review"  # RE2: linear, no time limit hit
    assert verdicts["topic.transparency"]["status"] == "needs_review"
    assert "正则表达式执行超时" in verdicts["topic.transparency"]["reason"]


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("elements:\n  - id: topic.disputes\n    match:\n      type: topic\n      terms: ['复议', '调解(']\n",
         "7:21 elements.0.match.terms.1", "正则表达式无法编译：missing ), unterminated subpattern at position 2"),
        ("elements:\n  - id: topic.disputes\n    match:\n      type: topic\n      terms: ['复议|']\n",
         "7:15 elements.0.match.terms.0", "正则表达式可以匹配空字符串"),
        ("auto_issuer: '(审批'\n", "3:1 auto_issuer", "正则表达式无法编译"),
        ("elements:\n  - id: meta.deadline\n    match: {type: meta, check: deadline, deadline: {government: '02-30'}}\n",
         "5:42 elements.0.match.deadline", "government 的报送期限“02-30”格式不对"),
    ],
    ids=["unbalanced", "matches empty", "auto_issuer", "deadline"],
)
def test_a_bad_pattern_is_named_at_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             body: str, where: str, message: str) -> None:
    cl = _checklist(tmp_path, body)
    code, _, err = _run(capsys, "check", str(SEED), "--checklist", str(cl))
    assert code == 2
    line = _one_line(err)
    assert line.startswith(f"scorer: {cl.resolve()}:{where}: ") and message in line
    code, _, err = _run(capsys, "checklist", "validate", str(cl))
    assert code == 2 and _one_line(err) == line[len("scorer: "):]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)),
         "锚点和别名展开后内容过多"),
        ("a: &a [1, *a]\n", "循环引用"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "嵌套层数过多"),
        ("a: !!python/object/apply:os.system ['echo hacked']\n", "could not determine a constructor"),
        ("a: [1, 2\nb: 3\n", "YAML 语法错误"),
    ],
    ids=["billion laughs", "recursive anchor", "deep nesting", "python tag", "syntax"],
)
def test_hostile_yaml_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 text: str, message: str) -> None:
    p = tmp_path / "evil.yaml"
    p.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    code, _, err = _run(capsys, "checklist", "validate", str(p))
    assert time.perf_counter() - start < 5
    assert code == 2
    line = _one_line(err)
    assert line.startswith(f"{p.resolve()}:") and message in line


# --- outputs ------------------------------------------------------------------------------------

def test_outputs_stay_inside_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "x.txt").write_bytes(SEED.read_bytes())
    work = tmp_path / "w1" / "w2"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    code, _, err = _run(capsys, "check", "../../etc/x.txt", "-o", "out", "--format", "json")
    assert code == 0 and err == ""
    assert sorted(p.name for p in (work / "out").iterdir()) == ["x.txt.json", "x.txt.md"]
    assert sorted(p.name for p in (tmp_path / "etc").iterdir()) == ["x.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["etc", "w1"]


def test_odd_names_give_distinct_safe_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["报告?.txt", "报告*.txt", "CON.txt", "con.TXT", "\x01ctl\x7f.txt", "\u202egnp.exe.txt",
             "e\u0301.txt", "é.txt", "..txt", "-rf.txt", "法" * 80 + ".txt"]
    src = tmp_path / "in"
    src.mkdir()
    paths = []
    for i, name in enumerate(names):
        folder = src / str(i)  # both é spellings and CON/con can live side by side
        folder.mkdir()
        (folder / name).write_bytes(SEED.read_bytes())
        paths.append(str(folder / name))
    out = tmp_path / "out"
    code, _, err = _run(capsys, "check", *paths, "-o", str(out), "--format", "json")
    assert code == 0 and err == ""
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 * len(names) == len({f.casefold() for f in files})
    for f in files:
        assert f.endswith((".md", ".json")) and not f.startswith((".", "-"))
        assert len(f.encode("utf-8")) <= 200 and f.split(".")[0].upper() not in ("CON", "PRN", "NUL")
        assert all(c.isalnum() or c in "_.-" for c in f)
    assert {p.parent for p in out.rglob("*")} == {out}


def test_an_output_folder_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("I am a file", encoding="utf-8")
    code, _, err = _run(capsys, "check", str(SEED), "-o", str(blocker), "--format", "json")
    assert code == 2 and _one_line(err) == f"scorer: {blocker}: 输出位置已存在，但不是文件夹"
    assert blocker.read_text(encoding="utf-8") == "I am a file"


def test_a_symlink_in_the_output_folder_is_replaced_not_followed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{SEED.name}.md").symlink_to(victim)
    code, _, _ = _run(capsys, "check", str(SEED), "-o", str(out), "--format", "json")
    assert code == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / f"{SEED.name}.md").is_symlink()
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]


# --- flags and internal errors ------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["check", "--format", "nope", str(SEED)], ["check", "--frobnicate", str(SEED)],
                                  ["check"], ["nonsense"]])
def test_bad_flags(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    _, err = capsys.readouterr()
    assert info.value.code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("scorer: 参数错误：")


def test_an_internal_error_is_one_line_without_traceback(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import scorer.cli.check_run as check_run  # patched where check imports it

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("模拟的内部错误")

    monkeypatch.setattr(check_run, "run_checklist", boom)
    code, _, err = _run(capsys, "check", str(SEED))
    assert code == 3
    assert _one_line(err) == f"scorer: {SEED}: 内部错误：RuntimeError: 模拟的内部错误（加 --debug 查看详情）"


def test_an_internal_error_on_one_file_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    import scorer.cli.check_run as check_run  # patched where check imports it

    real = check_run.run_checklist
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    def boom(doc: object, checklist: object) -> object:
        if str(getattr(doc, "path", "")) == str(SEED):
            raise RuntimeError("模拟的内部错误")
        return real(doc, checklist)  # type: ignore[arg-type]

    monkeypatch.setattr(check_run, "run_checklist", boom)
    code, out, err = _run(capsys, "check", str(SEED), str(other), "--format", "json")
    assert code == 3
    assert _one_line(err).startswith(f"scorer: {SEED}: 内部错误：RuntimeError")
    reports = json.loads(out)["reports"]
    assert "error" in reports[0] and reports[1]["path"] == str(other) and "score" in reports[1]


def test_debug_shows_the_traceback_of_an_internal_error() -> None:
    program = (
        "import sys, scorer.engine.run\n"
        "def boom(*a, **k): raise RuntimeError('模拟的内部错误')\n"
        "scorer.engine.run.run_checklist = boom\n"
        "from scorer.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    plain = subprocess.run([sys.executable, "-c", program, "check", str(SEED)],
                           capture_output=True, text=True, timeout=60)
    debug = subprocess.run([sys.executable, "-c", program, "--debug", "check", str(SEED)],
                           capture_output=True, text=True, timeout=60)
    assert plain.returncode == 3 and "Traceback" not in plain.stderr
    assert debug.returncode == 3
    assert "Traceback" in debug.stderr and "RuntimeError: 模拟的内部错误" in debug.stderr


def test_the_installed_entry_point_never_shows_a_traceback(tmp_path: Path) -> None:
    bomb = _bomb_lying(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "scorer", "check", bomb, str(tmp_path / "none.txt")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"scorer: {bomb}: Word 文件已损坏或不完整，无法打开",
                                        f"scorer: {tmp_path / 'none.txt'}: 文件不存在"]


def test_the_tokenizer_cache_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shared /tmp/jieba.cache is loaded unchecked, and another user's makes jieba print a
    traceback on every start; the cache lives in the user's own cache folder instead."""
    import stat
    import tempfile

    from scorer.document.tokenize import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = Path(cache_dir())
    assert folder == tmp_path / "cache" / "scorer" and stat.S_IMODE(folder.stat().st_mode) == 0o700
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert cache_dir() == tempfile.gettempdir()


def test_a_document_over_its_time_budget_is_skipped(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    import scorer.cli.check_run as check_run  # patched where check imports it

    real = check_run.load_document
    slow = tmp_path / "slow.txt"
    slow.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    def hang(path: object) -> object:
        if str(path) == str(slow):
            while True:
                pass
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(check_run, "load_document", hang)
    code, out, err = _run(capsys, "check", str(slow), str(SEED), "--timeout", "0.2", "--format", "json")
    assert code == 2
    assert _one_line(err) == f"scorer: {slow}: 处理超时（超过 0.2 秒），已跳过"
    reports = json.loads(out)["reports"]
    assert "error" in reports[0] and "score" in reports[1]
