"""The annotator on hostile drafts: existing comments of any id form, declared XML entities.

Either the annotated copy is a valid Word file (python-docx and our reader open it, the
existing comments are all still there) or the draft is refused with one clear message.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx_builders import plain_docx

from scorer.document.loader import load_bytes
from scorer.document.readers.docx import read_docx
from scorer.engine.run import choose_profile, load_checklist_cached, run_checklist
from scorer.output.annotate_docx import AUTHOR, annotate_docx_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rewrite(data: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, edit(info.filename, src.read(info.filename)))
    return out.getvalue()


def _with_comments(ids: list[str]) -> bytes:
    """Seed 003 with one existing comment per id (on the first paragraphs), ids rewritten."""
    document = docx.Document(io.BytesIO(plain_docx("003")))
    for i in range(len(ids)):
        document.add_comment(document.paragraphs[i + 1].runs[0], text=f"旧批注{i}", author="审核人")
    buf = io.BytesIO()
    document.save(buf)

    def edit(name: str, body: bytes) -> bytes:
        if name in ("word/comments.xml", "word/document.xml"):
            text = body.decode("utf-8")
            for i, new in enumerate(ids):
                text = text.replace(f'w:id="{i}"', f'w:id="{new}"')
            return text.encode("utf-8")
        return body

    return _rewrite(buf.getvalue(), edit)


def _annotate(data: bytes) -> tuple[bytes, int]:
    doc = load_bytes(data, "draft.docx")
    result = run_checklist(doc, load_checklist_cached(choose_profile(doc)))
    return annotate_docx_bytes(data, result, "draft.docx")


def _comments(data: bytes) -> list[tuple[str, str, str]]:
    document = docx.Document(io.BytesIO(data))
    part = document.part._comments_part.element
    return [(c.get(f"{{{W}}}id"), c.get(f"{{{W}}}author"), "".join(c.itertext()))
            for c in part.iter(f"{{{W}}}comment")]


@pytest.mark.parametrize("ids", [["abc", "x-1"], ["-3", "007", "批注"], ["2147483647", "5"], ["1.5", " 9 "]])
def test_existing_comments_of_any_id_form_are_kept(ids: list[str]) -> None:
    data = _with_comments(ids)
    before = _comments(data)
    assert [c[0] for c in before] == ids
    out, count = _annotate(data)
    after = _comments(out)
    assert after[:len(before)] == before  # the reviewer's comments, untouched
    new = [c for c in after[len(before):]]
    assert len(new) == count and all(c[1] == AUTHOR for c in new)
    new_ids = [c[0] for c in new]
    assert len(set(new_ids)) == len(new_ids) and not set(new_ids) & set(ids)
    assert all(re.fullmatch(r"\d+", i) and int(i) < 2**31 for i in new_ids)
    # every new comment has its range and reference in the document
    body = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode("utf-8")
    for i in new_ids:
        assert f'<w:commentReference w:id="{i}"/>' in body
    assert read_docx(out).lines == read_docx(data).lines


def _entity_docx(edit_text: Callable[[str], str]) -> bytes:
    def edit(name: str, body: bytes) -> bytes:
        if name != "word/document.xml":
            return body
        text = body.decode("utf-8")
        text = re.sub(r"(<\?xml[^>]*\?>\s*)", r'\1<!DOCTYPE w:document [<!ENTITY xxe "外部实体">]>', text, count=1)
        return edit_text(text).encode("utf-8")
    return _rewrite(plain_docx("003"), edit)


def test_declared_entities_give_a_valid_annotated_copy() -> None:
    data = _entity_docx(lambda t: t.replace("</w:t>", "&xxe;尾</w:t>", 5))
    lines = read_docx(data).lines
    assert sum("尾" in ln for ln in lines) >= 5 and not any("外部实体" in ln for ln in lines)
    out, count = _annotate(data)
    reopened = docx.Document(io.BytesIO(out))  # python-docx opens it: no undefined entity
    assert len(list(reopened.comments)) == count
    assert b"&xxe;" not in zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
    assert read_docx(out).lines == lines  # the text that was checked, nothing resolved


def test_entity_in_an_attribute_still_gives_a_valid_copy() -> None:
    data = _entity_docx(lambda t: t.replace("<w:body>", '<w:body><w:p w:rsidR="&xxe;"/>', 1))
    out, count = _annotate(data)
    assert len(list(docx.Document(io.BytesIO(out)).comments)) == count


def test_cli_annotates_a_draft_with_odd_comment_ids(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from scorer.cli.main import main

    folder = Path(str(tmp_path))
    draft = folder / "草稿.docx"
    draft.write_bytes(_with_comments(["审核意见-1", "abc"]))
    code = main(["check", str(draft), "--annotate", str(folder / "草稿-批注.docx"), "--no-config"])
    err = capsys.readouterr().err
    assert code == 0 and "内部错误" not in err
    assert [c[0] for c in _comments((folder / "草稿-批注.docx").read_bytes())][:2] == ["审核意见-1", "abc"]
