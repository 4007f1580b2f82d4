"""Invisible characters and line-break styles never change a verdict.

Format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens, BOMs, bidi
controls) are left out of the matching copy, quotes stay the report's own text; every Unicode
line break ends a line in every reader.
"""

from __future__ import annotations

import io
import sys
import unicodedata

import docx
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.document.loader import load_bytes
from scorer.document.normalize import FORMAT_CHARS, normalize_line
from scorer.document.readers import read_bytes
from scorer.document.readers.base import LINE_BREAKS, MAX_LINES, split_lines
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.output.annotate_docx import annotate_docx_bytes
from scorer.support.errors import InputError

SEED_TEXT = (ROOT / "seeds" / "004_d67b96c625ba5c8e.txt").read_text(encoding="utf-8")
FORMAT = sorted(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
COMMON_FORMAT = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u200e", "\u200f",
                 "\u202a", "\u202e", "\u2066", "\u2069", "\u061c"]
BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]
PROPERTY = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _result(data: bytes, name: str) -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def _statuses(res: Result) -> list[tuple[str, str]]:
    return [(v.element.id, v.status) for v in res.verdicts]


@pytest.fixture(scope="module")
def original() -> Result:
    return _result(SEED_TEXT.encode("utf-8"), "seed.txt")


def test_format_class_is_every_cf_character() -> None:
    import re

    pattern = re.compile(f"[{FORMAT_CHARS}]")
    assert [c for c in FORMAT if not pattern.match(c)] == []
    # the rest are format characters of a later Unicode version, unassigned in this Python's
    extra = set(pattern.findall("".join(chr(c) for c in range(sys.maxunicode + 1)))) - set(FORMAT)
    assert {unicodedata.category(c) for c in extra} <= {"Cn"}


def test_line_breaks_are_the_unicode_set() -> None:
    text = "甲" + "乙".join(BREAKS) + "丙"
    assert split_lines(text) == "甲\n乙\n乙\n乙\n乙\n乙\n乙\n乙\n丙".split("\n")
    assert set(LINE_BREAKS) == {c for b in BREAKS for c in b}


def test_format_characters_leave_the_matching_copy_and_map_back() -> None:
    raw = "法\u200b治\u00ad政\ufeff府\u202e建\u200d设"
    norm = normalize_line(raw)
    assert norm.text == "法治政府建设"
    assert [raw[i] for i in norm.orig] == list("法治政府建设")


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.sampled_from(COMMON_FORMAT + FORMAT[:40])),
                min_size=1, max_size=400))
def test_inserted_format_characters_never_change_a_status(original: Result,
                                                            inserts: list[tuple[int, str]]) -> None:
    chars = list(SEED_TEXT)
    for pos, ch in sorted(inserts, reverse=True):
        chars.insert(pos, ch)
    res = _result("".join(chars).encode("utf-8"), "seed.txt")
    assert _statuses(res) == _statuses(original)
    assert res.doc.facts.issuer == original.doc.facts.issuer
    assert res.doc.title == original.doc.title
    lines = {ln.no: ln.raw for ln in res.doc.lines}
    for v in res.verdicts:  # quotes are the copy's own text at the columns given
        for e in v.evidence:
            if not e.text.endswith("……"):
                assert lines[e.line][e.column - 1:e.end_column - 1] == e.text


def test_format_character_between_every_character(original: Result) -> None:
    for cf in ("\u200b", "\u00ad", "\u200d"):
        res = _result(cf.join(SEED_TEXT).encode("utf-8"), "seed.txt")
        assert _statuses(res) == _statuses(original), repr(cf)
        assert res.score == original.score


@PROPERTY
@given(st.lists(st.sampled_from(BREAKS), min_size=1))
def test_any_line_break_style_never_changes_a_status(original: Result, styles: list[str]) -> None:
    parts = SEED_TEXT.split("\n")
    text = parts[0] + "".join(styles[i % len(styles)] + p for i, p in enumerate(parts[1:]))
    res = _result(text.encode("utf-8"), "seed.txt")
    assert _statuses(res) == _statuses(original)
    assert [ln.no for ln in res.doc.lines if ln.heading] == [ln.no for ln in original.doc.lines if ln.heading]


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
@pytest.mark.parametrize("brk", ["\r", "\u2028", "\x0c"])
def test_line_breaks_in_other_encodings(original: Result, encoding: str, brk: str) -> None:
    text = SEED_TEXT.replace("\n", brk)
    if encoding == "gb18030" and brk == "\u2028":
        text = text.replace(brk, "\r")
    assert _statuses(_result(text.encode(encoding), "seed.txt")) == _statuses(original)


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_word_and_web_copies_ignore_format_characters_and_break_at_every_line_break(
        original: Result) -> None:
    paragraphs = [p for p in SEED_TEXT.split("\n") if p.strip()]
    plain_docx = _result(_docx(paragraphs), "r.docx")
    zw = _result(_docx(["\u200b".join(p) for p in paragraphs]), "r.docx")
    assert _statuses(zw) == _statuses(plain_docx)
    # two paragraphs typed into one, separated by a line separator, read as two lines
    joined = [paragraphs[i] + "\u2028" + paragraphs[i + 1] if i % 2 == 0 else None
              for i in range(0, len(paragraphs) - 1)]
    merged = [p for p in joined if p] + ([paragraphs[-1]] if len(paragraphs) % 2 else [])
    merged_docx = _docx(merged)
    merged_result = _result(merged_docx, "r.docx")
    assert _statuses(merged_result) == _statuses(plain_docx)
    _, comments = annotate_docx_bytes(merged_docx, merged_result, "r.docx")  # lines map to paragraphs
    assert comments > 1

    def page(sep: str, zwsp: str = "") -> bytes:
        body = "".join(f"<p>{zwsp.join(p)}</p>{sep}" for p in paragraphs)
        return f"<html><body><div id='zoom'>{body}</div></body></html>".encode()

    html = _statuses(_result(page("\n"), "r.html"))
    for sep in ("\r\n", "\r", "\x0c", "\u2028"):
        assert _statuses(_result(page(sep), "r.html")) == html, repr(sep)
    assert _statuses(_result(page("\n", "\u200b"), "r.html")) == html
    forced = "<html><body><div id='zoom'><p>" + "\u2028".join(paragraphs) + "</p></div></body></html>"
    assert len(read_bytes(forced.encode(), "r.html").lines) == len(paragraphs)


def test_too_many_lines_is_refused_before_splitting() -> None:
    with pytest.raises(InputError) as err:
        load_bytes("法治政府建设\n".encode() * (MAX_LINES + 1), "many.txt")
    assert "行数过多" in err.value.reason
    with pytest.raises(InputError):
        load_bytes(SEED_TEXT.encode() + b"\r" * (MAX_LINES + 1), "many.txt")
