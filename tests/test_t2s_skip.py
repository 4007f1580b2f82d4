"""A text that holds no changing key of OpenCC's tables is left as it is without running
OpenCC: that must be what OpenCC itself gives."""

from __future__ import annotations

import random
from pathlib import Path

import opencc

from scorer.document.normalize import _t2s, changing_keys, converts

ROOT = Path(__file__).resolve().parents[1]


def _keys_and_values() -> list[str]:
    folder = Path(opencc.__file__).parent / "dictionary"
    out: list[str] = []
    for name in ("TSPhrases.txt", "TSCharacters.txt", "STPhrases.txt", "STCharacters.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.strip().partition("\t")
            out.append(key)
            out.extend(values.split(" "))
    return out


def test_skipped_texts_convert_to_themselves() -> None:
    convert = _t2s().convert
    texts = [ln for p in sorted((ROOT / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    prose = "".join(texts)
    words = _keys_and_values()
    rng = random.Random(3)
    for w in words:  # every key and value of the tables, alone and inside prose
        i = rng.randrange(len(prose) - 40)
        texts += [w, prose[i:i + rng.randrange(20)] + w + prose[i + 20:i + 20 + rng.randrange(20)]]
    texts += ["".join(rng.choice(words) for _ in range(rng.randrange(1, 6))) for _ in range(5000)]
    skipped = [t for t in texts if not converts(t)]
    assert len(skipped) > len(texts) // 4
    assert [t for t in skipped if convert(t) != t] == []


def test_a_character_changed_only_in_phrases() -> None:
    chars, phrases = changing_keys()
    assert "覆" not in chars and "反覆" in phrases["反"]
    assert not converts("扩大覆盖面")  # 覆 alone stays 覆: OpenCC is not run
    assert converts("反覆研究") and _t2s().convert("反覆研究") == "反复研究"
    assert converts("法治國家")
