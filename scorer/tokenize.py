"""The tokenizer (jieba), initialised once per process with the checklist's domain dictionary."""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from scorer.resources import checklist_dir

DICTIONARY = checklist_dir() / "dictionary.txt"

_STOP = set(
    "进一步 加强 提升 持续 深入 推进 推动 全面 不断 切实 积极 有效 工作 方面 存在 问题 不足 仍 需要 "
    "有待 不够 一些 部分 开展 进行 落实 相关 能力 水平 建设 法治 政府 我们 我局 全局 坚持 强化 深化 "
    "完善 健全 常态 机制 意识 形式 程度 质量 效果 实效 一定 还 较 多 少 不 没有 以及 进行 做好".split()
)


def cache_dir() -> str:
    """A private folder for jieba's dictionary cache: ``$XDG_CACHE_HOME/scorer`` or
    ``~/.cache/scorer`` (mode 0700), else the temporary folder.

    jieba's default, a shared ``/tmp/jieba.cache``, is loaded without checking where it came
    from, and when another user owns it jieba prints a traceback on every start."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "scorer"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return str(folder)
    except (OSError, RuntimeError):  # RuntimeError: no home directory
        pass
    return tempfile.gettempdir()


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.CRITICAL)  # a failed cache write is logged with a traceback
    tk = jieba.dt  # the one process-wide tokenizer, shared with the gazetteer
    tk.tmp_dir = cache_dir()
    tk.initialize()
    if DICTIONARY.exists():
        tk.load_userdict(str(DICTIONARY))
    return tk


def initialize() -> None:
    """Initialise the tokenizer now (it is otherwise initialised on first use)."""
    _tokenizer()


def tokens(text: str) -> list[str]:
    return _tokenizer().lcut(text, HMM=False)


def content_words(text: str) -> set[str]:
    """Words of two or more Han characters, minus generic officialese."""
    return {
        w for w in tokens(text)
        if len(w) >= 2 and w not in _STOP and all("\u4e00" <= c <= "\u9fff" for c in w)
    }
