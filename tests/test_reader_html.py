"""HTML reader: government pages are built here from the seed reports (no binary fixtures)."""

from __future__ import annotations

import html
import os
import re

import pytest
from conftest import SEEDS_DIR as SEEDS

from scorer.document.readers import read_bytes
from scorer.document.readers.html import ERR_NO_BODY, NOTE_DENSITY, read_html
from scorer.support.errors import ReaderError

GBK_ONLY = "联系人：王喆、朱镕，电话：0374-1234567。"  # 喆 and 镕 are in GBK but not in GB2312
TABLE = [["项目", "数量"], ["政务服务事项", "1638项"]]
CHROME_WORDS = (
    "首页",
    "政务公开",
    "当前位置",
    "漯河",
    "平顶山",
    "湛江市法治政府建设专栏",
    "纠错",
    "打印",
    "关闭",
    "分享",
    "微信",
    "字体",
    "来源",
    "发布时间",
    "浏览次数",
    "上一篇",
    "下一篇",
    "友情链接",
    "版权所有",
    "Copyright",
    "脚本",
    "ICP",
)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _seed(name: str) -> tuple[list[str], list[str]]:
    """(title lines, body paragraphs) of a seed report."""
    path = next(SEEDS.glob(f"{name}_*.txt"))
    paras = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    n_title = 2 if "报告" in paras[1] and "报告" not in paras[0] else 1
    return paras[:n_title], paras[n_title:]


def _expected(title: list[str], body: list[str]) -> list[str]:
    return title + body[:3] + [GBK_ONLY] + body[3:] + ["\t".join(row) for row in TABLE]


def _article(body: list[str]) -> str:
    """The body with the mark-up variety of real CMS output: <p>, <br>, <div><span>, nbsp."""
    e = html.escape
    parts = []
    for i, text in enumerate(body):
        if i % 5 == 1:
            parts.append(f"&nbsp;&nbsp;&nbsp;&nbsp;{e(text)}<br/>")
        elif i % 5 == 2:
            parts.append(f"<div><span style='font-family:仿宋'>\u3000\u3000{e(text)}</span></div>")
        elif i % 5 == 3:
            parts.append(
                f"<p align='justify'><font>{e(text[:10])}</font>\n{e(text[10:])}&nbsp;</p>"
            )
        else:
            parts.append(f"<p>\u3000\u3000{e(text)}</p>")
    parts.insert(3, f"<p>{e(GBK_ONLY)}</p>")
    rows = "".join(
        "<tr>" + "".join(f"<td><p>{e(c)}</p></td>" for c in row) + "</tr>" for row in TABLE
    )
    parts.append(f"<table border=1><tbody>{rows}</tbody></table>")
    return "".join(parts)


def _gov_page(
    title: list[str],
    body: list[str],
    *,
    content_class: str = "TRS_Editor",
    charset: str | None = "gb2312",
    h1: bool = True,
) -> str:
    e = html.escape
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    heading = ("<h1 class='title'>" + "<br>".join(e(t) for t in title) + "</h1>") if h1 else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>{meta}
<title>{e("".join(title))}_许昌市人民政府</title>
<style>.TRS_Editor P{{line-height:2}}</style><script>var s="脚本里的中文不应出现";</script></head>
<body><div class="header"><img src="logo.png"><span>许昌市人民政府门户网站</span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 法治政府建设</div>
<div class="main"><div class="sidebar"><h3>相关专栏</h3>
<ul><li><a>漯河市人民政府</a></li><li><a>湛江市法治政府建设专栏</a></li></ul></div>
<div class="detail">{heading}
<div class="info">发布时间：2026-02-05 15:38 来源：许昌市司法局 浏览次数：1234
【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div>
<div class="{content_class}"><style>p {{margin:0}}</style>{_article(body)}</div>
<div class="btns"><a>[纠错]</a> <a href="javascript:window.print()">打印本页</a> <a>关闭窗口</a></div>
<div class="pre-next"><p>上一篇：漯河市2024年法治政府建设报告</p><p>下一篇：无</p></div>
</div></div>
<div class="footer"><div>友情链接：<a>漯河市人民政府</a> <a>平顶山市人民政府</a></div>
<p>版权所有：许昌市人民政府办公室 Copyright &copy; 2026 豫ICP备00000000号</p></div>
</body></html>"""


def _assert_clean(lines: list[str], seed_text: list[str]) -> None:
    """No page-chrome word leaks, except words the report itself uses (e.g. 微信, 新漯河)."""
    text, own = "\n".join(lines), "\n".join(seed_text)
    for word in CHROME_WORDS:
        assert word not in text or text.count(word) == own.count(word), word


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_gbk_page_declared_gb2312(seed: str) -> None:
    title, body = _seed(seed)
    data = _gov_page(title, body).encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # the declared charset alone cannot decode this page
    raw = read_html(data)
    assert raw.source_format == "html"
    assert raw.encoding == "gb18030"
    assert raw.notes == []
    expected = _expected(title, body)
    assert [_compact(x) for x in raw.lines] == [_compact(x) for x in expected]
    assert GBK_ONLY in raw.lines
    assert "项目\t数量" in raw.lines
    _assert_clean(raw.lines, title + body)


def test_title_from_h1_with_br_is_first_lines() -> None:
    title, body = _seed("000")
    raw = read_html(_gov_page(title, body).encode("gbk"))
    assert raw.lines[:2] == title
    assert raw.lines[2] == body[0]


def test_no_space_from_source_newline_between_han() -> None:
    title, body = _seed("003")
    raw = read_html(_gov_page(title, body).encode("gbk"))
    assert body[3] in raw.lines  # it was split by a newline in the <p> source


def test_density_heuristic_without_known_selector() -> None:
    title, body = _seed("001")
    data = _gov_page(title, body, content_class="wzcon").encode("gbk")
    raw = read_html(data)
    assert raw.notes == [NOTE_DENSITY]
    assert [_compact(x) for x in raw.lines] == [_compact(x) for x in _expected(title, body)]
    _assert_clean(raw.lines, title + body)


def test_title_taken_from_title_element_when_no_heading() -> None:
    title, body = _seed("000")
    data = _gov_page(title, body, content_class="wzcon", h1=False).encode("gbk")
    raw = read_html(data)
    assert raw.lines[0] == "".join(title)  # <title> minus "_许昌市人民政府"
    assert [_compact(x) for x in raw.lines[1:]] == [_compact(x) for x in _expected([], body)]


def test_utf8_page_without_charset() -> None:
    title, body = _seed("004")
    raw = read_html(_gov_page(title, body, charset=None).encode("utf-8"))
    assert raw.encoding == "utf-8"
    assert [_compact(x) for x in raw.lines] == [_compact(x) for x in _expected(title, body)]


def test_wrong_declared_charset_falls_back_to_detection() -> None:
    title, body = _seed("003")
    raw = read_html(_gov_page(title, body, charset="utf-8").encode("gbk"))
    assert raw.encoding == "gb18030"
    assert GBK_ONLY in raw.lines


def test_meta_charset_and_bom() -> None:
    text = "<html><head><meta charset='GBK'></head><body><div id='zoom'><p>王喆同志作法治政府建设工作报告，全文如下。</p></div></body></html>"
    assert read_html(text.encode("gbk")).lines == ["王喆同志作法治政府建设工作报告，全文如下。"]
    assert (
        read_html(b"\xef\xbb\xbf" + text.replace("GBK", "utf-8").encode()).encoding == "utf-8-sig"
    )


def test_dispatch_through_read_bytes() -> None:
    title, body = _seed("000")
    raw = read_bytes(_gov_page(title, body).encode("gbk"), "x.html")
    assert raw.source_format == "html"
    assert raw.lines[0] == title[0]


def test_malformed_html_does_not_crash() -> None:
    title, body = _seed("003")
    broken = "<html><body><div class='zoom'><p>" + "<p><b>".join(body[:5]) + "</i></table><td>"
    raw = read_html(broken.encode("utf-8"))
    assert [_compact(x) for x in raw.lines] == [_compact(x) for x in body[:5]]


def test_content_wrapper_with_print_class_is_kept() -> None:
    page = (
        "<html><body><div class='nav'><a>首页</a><a>漯河市人民政府</a></div>"
        "<div id='printContent'><p>法治政府建设年度报告正文，共计十个以上的汉字。</p>"
        "<div class='share'>分享到：<a>微信</a></div></div></body></html>"
    )
    assert read_html(page.encode()).lines == ["法治政府建设年度报告正文，共计十个以上的汉字。"]


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body></body></html>",
        b"<html><body><p>hello world, nothing Chinese here</p></body></html>",
        b"<html><frameset><frame src='a.html'></frameset></html>",
        b"<html>" + os.urandom(4000),
        b"<html><body>\x00\x01\x02<p>\xe4\xb8\xad</p></body></html>",
        "<html><body><div class='nav'><a>首页</a><a>政务公开</a><a>漯河市人民政府</a>"
        "<a>平顶山市人民政府</a></div><div class='footer'>版权所有：许昌市人民政府办公室</div>"
        "</body></html>".encode(),
    ],
    ids=["empty", "english", "frameset", "random", "control-chars", "chrome-only"],
)
def test_no_report_text(data: bytes) -> None:
    with pytest.raises(ReaderError) as info:
        read_html(data)
    assert info.value.reason == ERR_NO_BODY
