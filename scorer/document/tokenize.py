"""The tokenizer: jieba's segmentation (accurate mode, no HMM) with the checklist's domain
dictionary, initialised once per process.

The segmentation is jieba 0.42.1's ``cut(text, HMM=False)`` step for step: the text is split
into runs of ``re_han_default`` characters and the rest; a run gets the maximum-probability
path through the DAG of its dictionary words (ties to the longer word, as jieba's ``max`` over
``(weight, end)``), with consecutive single ASCII letters or digits glued; the rest is cut into
whitespace and single characters. Only the dictionary lookup differs: a trie from
:mod:`scorer.document.segdict`, which loads in a millisecond where jieba's dict takes half a second.
``tests/test_tokenize.py`` checks the tokens against jieba itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from scorer.document.segdict import SegDict, cache_dir, load
from scorer.support.resources import checklist_dir

__all__ = ["DICTIONARY", "cache_dir", "content_words", "initialize", "tokens"]

DICTIONARY = checklist_dir() / "dictionary.txt"

# jieba's re_han_default, re_skip_default and re_eng
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]")

_STOP = set(
    "进一步 加强 提升 持续 深入 推进 推动 全面 不断 切实 积极 有效 工作 方面 存在 问题 不足 仍 需要 "
    "有待 不够 一些 部分 开展 进行 落实 相关 能力 水平 建设 法治 政府 我们 我局 全局 坚持 强化 深化 "
    "完善 健全 常态 机制 意识 形式 程度 质量 效果 实效 一定 还 较 多 少 不 没有 以及 进行 做好".split()
)


@lru_cache(maxsize=1)
def _dictionary() -> SegDict:
    return load(DICTIONARY if DICTIONARY.exists() else None)


def initialize() -> None:
    """Load the dictionary now (it is otherwise loaded on first use)."""
    _dictionary()


def _cut_run(run: str, d: SegDict) -> Iterator[str]:
    """jieba's ``__cut_DAG_NO_HMM`` on one run of ``_HAN`` characters."""
    n = len(run)
    score = [0.0] * (n + 1)
    end = [0] * (n + 1)
    prefixes, weights, miss, maxlen = d.trie.iter_prefixes_with_ids, d.weights, d.miss, d.maxlen
    for k in range(n - 1, -1, -1):
        best, last = 0.0, -1
        for word, key in prefixes(run[k:k + maxlen]):
            x = k + len(word) - 1
            s = weights[key] + score[x + 1]
            if last < 0 or s >= best:  # words come shortest first: ties go to the longer one
                best, last = s, x
        if last < 0:  # no word starts here: the character alone
            best, last = miss + score[k + 1], k
        score[k], end[k] = best, last
    x, buf = 0, ""
    while x < n:
        y = end[x] + 1
        word = run[x:y]
        if y - x == 1 and _ENG.match(word):
            buf += word
        else:
            if buf:
                yield buf
                buf = ""
            yield word
        x = y
    if buf:
        yield buf


@lru_cache(maxsize=1 << 14)
def _run_tokens(run: str) -> tuple[str, ...]:
    """The tokens of one run, remembered: the same runs come back from the sentences, the
    lines and the gazetteer's blocks of one report, and from the stock phrases of every report."""
    return tuple(_cut_run(run, _dictionary()))


def clear_cache() -> None:
    """Forget the remembered runs (benchmarks measure a text met for the first time)."""
    _run_tokens.cache_clear()
    _other_tokens.cache_clear()


def tokens(text: str) -> list[str]:
    """jieba's tokens of ``text``. ``_HAN.split`` alternates the text between runs and the runs
    themselves (a capturing group), so every odd piece is a run."""
    out: list[str] = []
    for k, block in enumerate(_HAN.split(text)):
        if k % 2:
            out.extend(_run_tokens(block))
        elif block:
            out.extend(_other_tokens(block))
    return out


@lru_cache(maxsize=1 << 12)
def _other_tokens(block: str) -> tuple[str, ...]:
    """The tokens of the text between two runs (mostly punctuation, the same few pieces again
    and again): whitespace as it is, every other character alone."""
    out: list[str] = []
    for part in _SKIP.split(block):
        if _SKIP.match(part):
            out.append(part)
        else:
            out.extend(part)
    return tuple(out)


def content_words(text: str) -> set[str]:
    """Words of two or more Han characters, minus generic officialese."""
    return {
        w for w in tokens(text)
        if len(w) >= 2 and w not in _STOP and all("\u4e00" <= c <= "\u9fff" for c in w)
    }
