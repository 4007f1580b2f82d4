"""Small PDFs that ask for unbounded work are refused by structure, not by the clock.

A Flate (or RunLength) bomb, form XObjects that multiply, a flood of glyphs: each is refused
with a Chinese reason within a fraction of a second and a bounded amount of memory. The limits
are lowered here so that the inputs stay small; ``benchmarks/bench_memory.py`` measures the
real ones on a 1 GB bomb.
"""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

import pytest
from conftest import SEEDS_DIR
from pdf_builders import flate_bomb, nested_forms, one_page, stream

from scorer.cli.main import main
from scorer.document.readers import pdf_limits, read_bytes
from scorer.support.errors import ReaderError

SEED = SEEDS_DIR / "003_ab0984e6d1f2b0a2.txt"


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_limits, "MAX_STREAM_BYTES", 1 << 20)
    monkeypatch.setattr(pdf_limits, "MAX_PAGE_GLYPHS", 500)


def _refused(data: bytes) -> str:
    start = time.perf_counter()
    with pytest.raises(ReaderError) as err:
        read_bytes(data, "hostile.pdf")
    assert time.perf_counter() - start < 15  # unbounded: 10**20 drawings
    return err.value.reason


def test_flate_bomb_is_refused(small_limits: None) -> None:
    assert _refused(flate_bomb(8 << 20)) == pdf_limits.ERR_BOMB


def test_truncated_flate_bomb_is_refused_on_the_recovery_path(small_limits: None) -> None:
    data = flate_bomb(8 << 20)
    cut = data.index(b"\nendstream") - 20  # a stream that never ends: pdfminer's byte-wise recovery
    assert _refused(data[:cut] + data[cut + 20:]) == pdf_limits.ERR_BOMB


def test_runlength_bomb_is_refused(small_limits: None) -> None:
    body = b"\x81 " * 20_000 + b"\x80"  # each pair: 128 spaces
    page = one_page(b"<< /Length %d /Filter /RunLengthDecode >>\nstream\n" % len(body) + body + b"\nendstream")
    assert _refused(page) == pdf_limits.ERR_BOMB


def test_chained_filters_are_bounded_at_each_stage(small_limits: None) -> None:
    inner = b"\x81 " * 20_000 + b"\x80"
    data = zlib.compress(inner, 9)
    page = one_page(b"<< /Length %d /Filter [/FlateDecode /RunLengthDecode] >>\nstream\n" % len(data)
                    + data + b"\nendstream")
    assert _refused(page) == pdf_limits.ERR_BOMB


@pytest.mark.parametrize(("depth", "fanout"), [(20, 10), (40, 1), (3, 75)])
def test_multiplying_form_xobjects_are_refused(depth: int, fanout: int) -> None:
    assert _refused(nested_forms(depth, fanout)) == pdf_limits.ERR_NESTING


def test_a_flood_of_glyphs_is_refused(small_limits: None) -> None:
    content = b"BT /F1 1 Tf " + b"(abcdefghij) Tj " * 100 + b"ET"
    assert _refused(one_page(stream(content))) == pdf_limits.ERR_GLYPHS


def test_bounded_decoders_decode_as_pdfminer_does() -> None:
    from pdfminer.runlength import rldecode

    pdf_limits.install()
    rng = bytes((i * 7919) % 251 for i in range(50_000))
    with pdf_limits.bounded():
        assert pdf_limits._BoundedZlib.decompress(zlib.compress(rng)) == rng
        with pytest.raises(zlib.error):
            pdf_limits._BoundedZlib.decompress(zlib.compress(rng)[:-10])
        encoded = b"\x02abc\xfdz\x00q\x80"
        assert pdf_limits._rldecode(encoded) == rldecode(encoded)
    assert pdf_limits._BoundedZlib.decompress(zlib.compress(rng)) == rng  # outside: plain zlib


def test_nested_forms_within_bounds_still_read() -> None:
    from scorer.document.readers.pdf import _page_lines

    (page,) = _page_lines(nested_forms(4, 3))  # 27 drawings of the word, 4 forms deep
    assert [line.text for line in page] == ["word"]


def test_batch_goes_on_after_a_hostile_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           small_limits: None) -> None:
    bomb = tmp_path / "炸弹.pdf"
    bomb.write_bytes(flate_bomb(8 << 20))
    forms = tmp_path / "表单.pdf"
    forms.write_bytes(nested_forms(20))
    good = tmp_path / "好.txt"
    good.write_bytes(SEED.read_bytes())
    code = main(["check", str(bomb), str(forms), str(good), "--no-config", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().split("\n")
    assert len(lines) == 2 and "Traceback" not in err
    assert f"{bomb}: {pdf_limits.ERR_BOMB}" in lines[0] and f"{forms}: {pdf_limits.ERR_NESTING}" in lines[1]
    assert '"score"' in out
    assert os.path.exists(good)
