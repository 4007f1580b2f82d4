"""HTML whose shape multiplies the work: long white-space runs, deep chrome, floods of tags.

Each is read in time linear in its size, or refused before parsing with a Chinese reason.
"""

from __future__ import annotations

import time

import pytest

from scorer.document.readers import html as html_reader
from scorer.document.readers import read_bytes
from scorer.support.errors import ReaderError

TEXT = "区政府坚持依法行政，推进法治政府建设，落实主要负责人履行推进法治建设第一责任人职责。"


def _read(page: str) -> tuple[list[str], float]:
    start = time.perf_counter()
    lines = read_bytes(page.encode("utf-8"), "page.html").lines
    return lines, time.perf_counter() - start


@pytest.mark.parametrize("run", [" " * 400_000, "\t" * 400_000, " \n" * 200_000, "\n" * 400_000,
                                 "<span> </span>" * 20_000])
def test_long_white_space_runs_take_linear_time(run: str) -> None:
    lines, seconds = _read(f"<html><body><div id='zoom'><p>{TEXT}{run}{TEXT}</p><p>{TEXT}</p></div></body></html>")
    assert seconds < 15  # quadratic before: hours
    joint = "" if "\n" in run else " "  # a source line break between Chinese text is no space
    assert lines == [f"{TEXT}{joint}{TEXT}", TEXT]


def test_deeply_nested_chrome_is_counted_once() -> None:
    nav = "<div class='nav'>" * 200 + "<a href='#'>首页</a>" + "治" * 200_000 + "</div>" * 200
    lines, seconds = _read(f"<html><body><div id='zoom'><p>{TEXT}</p>{nav}</div></body></html>")
    assert seconds < 15
    assert lines[-1].endswith("治" * 100)  # the nav holds most of the text: it is kept, as before


def test_flood_of_tags_is_refused_before_parsing() -> None:
    page = f"<html><body><div id='zoom'><p>{TEXT}</p>" + "<span>法</span>" * (html_reader.MAX_HTML_ELEMENTS + 1)
    start = time.perf_counter()
    with pytest.raises(ReaderError) as err:
        read_bytes((page + "</div></body></html>").encode(), "page.html")
    assert err.value.reason == html_reader.ERR_TOO_MANY_ELEMENTS
    assert time.perf_counter() - start < 15


def test_many_spans_under_the_bound_are_read() -> None:
    lines, seconds = _read(f"<html><body><div id='zoom'><p>{TEXT}</p><p>" + "<span>法治</span>" * 20_000
                           + "</p></div></body></html>")
    assert lines == [TEXT, "法治" * 20_000]
    assert seconds < 15
