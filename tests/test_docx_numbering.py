"""Word numbering labels stay short whatever start value a document declares."""

from __future__ import annotations

import pytest

from scorer.document.readers.docx_numbering import MAX_NUMBER, format_number


@pytest.mark.parametrize(("n", "label"), [
    (1, "a"), (26, "z"), (27, "aa"), (52, "zz"), (53, "aaa"), (780, "z" * 30),
    (781, "781"), (MAX_NUMBER, str(MAX_NUMBER)),
])  # fmt: skip
def test_letter_labels(n: int, label: str) -> None:
    assert format_number(n, "lowerLetter") == label
    assert format_number(n, "upperLetter") == label.upper()


def test_no_format_builds_a_long_label() -> None:
    formats = ["decimal", "decimalZero", "upperLetter", "lowerLetter", "upperRoman", "lowerRoman",
               "chineseCounting", "chineseLegalSimplified", "decimalEnclosedCircle",
               "ideographTraditional", "decimalFullWidth"]
    for fmt in formats:
        assert max(len(format_number(n, fmt)) for n in range(0, MAX_NUMBER + 1, 7)) <= 30, fmt
