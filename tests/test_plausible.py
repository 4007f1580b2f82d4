"""The plausibility check counts with regular expressions: the same verdicts as counting
character by character with ``str`` methods (the definitions its docstring gives)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.document.readers import plausible

ROOT = Path(__file__).resolve().parents[1]


def _reference(text: str) -> str | None:
    """garbage_reason spelled out one character at a time (its first version)."""
    from scorer.document.normalize import to_simplified

    def gb(s: str) -> bool:
        try:
            s.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True

    sample = text[:200_000]
    if not sample.strip():
        return "没有可读的文字内容"
    if len(plausible._CID.findall(sample)) >= 5:
        return "文字无法提取（字体缺少文字映射，提取出的是 (cid:…) 代码）"
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return "没有可读的文字内容"
    bad = sum(1 for c in visible
              if c == "\ufffd" or ord(c) < 32 or "\ue000" <= c <= "\uf8ff" or "\x7f" <= c <= "\x9f")
    if bad / len(visible) > 0.05:
        return "内容含大量乱码或控制字符，可能不是文本文件或编码无法识别"
    han = [c for c in visible if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"]
    if len(han) < 10:
        return "几乎不含中文文字，不像一份报告"
    rare = {c for c in set(han) if not gb(c)}
    common_rare = {c for c in rare if gb(to_simplified(c))}
    if sum(1 for c in han if c not in rare or c in common_rare) / len(han) < 0.9:
        return "文字多为生僻字或乱码，可能是编码错误或字体无法提取的文件"
    return None


def test_classes_hold_exactly_the_defined_characters() -> None:
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert bool(plausible._space().match(c)) == c.isspace(), hex(code)
        bad = not c.isspace() and (c == "\ufffd" or code < 32 or 0xE000 <= code <= 0xF8FF or 0x7F <= code <= 0x9F)
        assert bool(plausible._bad().match(c)) == bad, hex(code)
        assert bool(plausible._not_han().match(c)) != (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF), hex(code)


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_reports_and_their_wrong_decodings(path: Path) -> None:
    data = path.read_bytes()
    for enc in ("utf-8", "gb18030", "big5", "utf-16-le", "latin-1", "cp1252"):
        text = data.decode(enc, errors="replace")
        assert plausible.garbage_reason(text) == _reference(text), enc


_ALPHABET = st.sampled_from(
    list("法治政府建设年度报告覆蓋權國際黨乾") + ["\ufffd", "\x00", "\x1c", "\x85", "\xa0", "\u3000", "\ue123",
                                                 "\u3400", "\u9fa6", "\u4e00", " ", "\n", "a", "(cid:12)"]
    + [chr(c) for c in range(0x4E00, 0x9FFF, 997)])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_any_text(text: str) -> None:
    assert plausible.garbage_reason(text) == _reference(text)


def _counts_by_character(sample: str) -> tuple[int, int, str]:
    visible = bad = 0
    han: list[str] = []
    for c in sample:
        if c.isspace():
            continue
        visible += 1
        if c == "\ufffd" or c < " " or "\ue000" <= c <= "\uf8ff" or "\x7f" <= c <= "\x9f":
            bad += 1
        elif "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
            han.append(c)
    return visible, bad, "".join(han)


def test_the_counts_are_those_of_a_pass_by_character() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["", " \n", "\x00\x1c\x85\ue000\ufffd法\u3400 a", "乱码" * 3 + "\x01" * 9]
    for t in texts:
        assert plausible._counts(t) == _counts_by_character(t)


def test_mixtures_near_the_thresholds() -> None:
    rng = random.Random(5)
    common = "法治政府建设年度报告依法行政"
    rare = [chr(c) for c in range(0x3400, 0x3500)]
    for _ in range(300):
        n = rng.randrange(10, 60)
        text = "".join(rng.choice(rare) if rng.random() < rng.random() * 0.3 else rng.choice(common)
                       for _ in range(n))
        text += "\ufffd" * rng.randrange(0, 4) + " " * rng.randrange(0, 5)
        assert plausible.garbage_reason(text) == _reference(text)
