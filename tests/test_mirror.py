"""Mirror-site copies: traditional characters and bracketed pinyin give the original's verdicts.

A verdict must not depend on the script of the copy. The generated tests convert a seed with
OpenCC (s2t) and put tone-marked pinyin after characters the way mirror pages do; the corpus test
compares each ``../shared/corpus/dev-mirror`` copy with its original in ``dev/docs``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS_DIR
from opencc import OpenCC

from scorer.document.loader import load_bytes, load_document
from scorer.document.normalize import normalize_line, pinyin_spans
from scorer.document.readers.plausible import garbage_reason
from scorer.document.readers.text import decode_bytes
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.support.errors import ReaderError

SEED = SEEDS_DIR / "003_ab0984e6d1f2b0a2.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
# A few characters with their readings, as mirror pages annotate them (traditional forms).
READINGS = {"設": "shè", "實": "shí", "國": "guó", "貫": "guàn", "規": "guī", "執": "zhí",
            "發": "fā", "總": "zǒng", "綱": "gāng", "區": "qū", "監": "jiān", "與": "yǔ"}


def _check(doc_result: Result) -> list[str]:
    return [v.status for v in doc_result.verdicts]


def _run(data: bytes, name: str) -> Result:
    doc = load_bytes(data, name)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def _big5_has(c: str) -> bool:
    try:
        c.encode("big5")
    except UnicodeEncodeError:
        return False
    return True


def traditional(text: str) -> str:
    return OpenCC("s2t").convert(text)


def with_pinyin(text: str, wide: bool = False) -> str:
    """Pinyin after each annotated character; ``wide`` uses full-width brackets and also
    annotates two-character words with two syllables (``法治（fǎ zhì）``, ``政府（zhèngfǔ）``)."""
    if wide:
        text = text.replace("法治", "法治（fǎ zhì）").replace("政府", "政府（zhèngfǔ）")
    left, right = ("（", "）") if wide else ("(", ")")
    return "".join(f"{c}{left}{READINGS[c]}{right}" if c in READINGS else c for c in text)


def _same_reading(mirror: Result, original: Result) -> None:
    assert _check(mirror) == _check(original)
    fm, fo = mirror.doc.facts, original.doc.facts
    assert (fm.issuer, fm.issuer_kind, fm.report_year) == (fo.issuer, fo.issuer_kind, fo.report_year)
    assert mirror.doc.title == original.doc.title
    assert [h.line_index for h in mirror.doc.headings] == [h.line_index for h in original.doc.headings]


def _quotes_are_the_copy(res: Result) -> None:
    """Every quote is the copy's own text, at the columns given."""
    lines = {ln.no: ln.raw for ln in res.doc.lines}
    quoted = 0
    for v in res.verdicts:
        for e in v.evidence + v.findings:
            if e.text.endswith("……"):
                continue
            assert lines[e.line][e.column - 1:e.end_column - 1] == e.text
            quoted += 1
    assert quoted


@pytest.fixture(scope="module")
def original() -> Result:
    return _run(SEED.read_bytes(), SEED.name)


@pytest.mark.parametrize("variant", ["traditional", "pinyin", "pinyin-wide"])
def test_generated_mirror_copy_gets_the_original_verdicts(original: Result, variant: str) -> None:
    text = traditional(SEED.read_text(encoding="utf-8"))
    if variant != "traditional":
        text = with_pinyin(text, wide=variant == "pinyin-wide")
        assert text.count("(") > 100 or text.count("（") > 100
    mirror = _run(text.encode("utf-8"), "mirror.txt")
    _same_reading(mirror, original)
    _quotes_are_the_copy(mirror)
    # the quotes are the copy's words: traditional, with the pinyin inside a quote kept
    if variant != "traditional":
        assert any(re.search(r"[(（](?:shè|shí|guó)[)）]", e.text) for v in mirror.verdicts for e in v.evidence)


def test_big5_encoded_copy_is_read(original: Result) -> None:
    # Characters Big5 lacks become a box (as mirror sites show them), not "?", which ends a sentence.
    text = "".join(c if _big5_has(c) else "□" for c in traditional(SEED.read_text(encoding="utf-8")))
    data = text.encode("big5")
    mirror = _run(data, "mirror.txt")
    assert mirror.doc.encoding == "big5"
    _same_reading(mirror, original)


@pytest.mark.parametrize(("text", "kept"), [
    ("建設(shè)工作", "建设工作"),
    ("實施（shí shī）方案", "实施方案"),
    ("建設(jiànshè)", "建设"),
    ("城(chéng)鄉(xiāng)區(qū)域", "城乡区域"),
    ("西安(Xī'ān)市", "西安市"),
    ("國【guó】家", "国家"),
])
def test_pinyin_annotations_are_debris(text: str, kept: str) -> None:
    norm = normalize_line(text)
    assert norm.text == kept
    # the map back still points at the characters themselves
    removed = {k for a, b in pinyin_spans(text) for k in range(a, b)}
    assert list(norm.orig) == [k for k in range(len(text)) if k not in removed]


@pytest.mark.parametrize("text", [
    "黨委(黨組)書記", "推行PPP模式(PPP)", "(2021—2025年)", "中国(China)", "是(an)", "标准(ISO 9001)",
    "下(xià]", "a(shè)", "建设(shè是)", "办法(试行)", "模式(shi)",
    "名称(shè shè shè shè shè shè shè shè shè)",
])
def test_real_parenthesised_content_is_kept(text: str) -> None:
    assert pinyin_spans(text) == []
    assert normalize_line(text).text.replace("(", "").replace(")", "") == \
        normalize_line(text.replace("（", "(").replace("）", ")")).text.replace("(", "").replace(")", "")


def test_readability_is_judged_in_either_script() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert garbage_reason(traditional(text)) is None
    # a wrong decoding still gives rare characters in either script and is refused
    data = traditional(text).encode("big5", errors="replace")
    assert garbage_reason(data.decode("gb18030", errors="replace")) is not None
    assert garbage_reason(text.encode("gb18030").decode("big5", errors="replace")) is not None
    with pytest.raises(ReaderError):
        decode_bytes(bytes(range(0x81, 0xFF)) * 300)


def _mirror_pairs() -> list[tuple[Path, Path]]:
    docs = CORPUS / "dev" / "docs"
    pairs = []
    for mirror in sorted((CORPUS / "dev-mirror" / "docs").glob("*.txt")):
        originals = [o for o in docs.glob("*.txt") if o.name in mirror.name]
        pairs.append((mirror, max(originals, key=lambda o: len(o.name))))
    return pairs


@pytest.mark.skipif(not (CORPUS / "dev-mirror" / "docs").is_dir(), reason="needs ../shared/corpus")
def test_every_dev_mirror_copy_gets_its_originals_statuses() -> None:
    pairs = _mirror_pairs()
    assert len(pairs) >= 8
    for mirror, orig in pairs:
        a, b = load_document(mirror), load_document(orig)
        ra = run_checklist(a, load_checklist_cached(choose_profile(a)))
        rb = run_checklist(b, load_checklist_cached(choose_profile(b)))
        assert [(v.element.id, v.status) for v in ra.verdicts] == \
            [(v.element.id, v.status) for v in rb.verdicts], mirror.name
        _same_reading(ra, rb)
        _quotes_are_the_copy(ra)
