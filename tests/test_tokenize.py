"""The tokenizer gives jieba's own segmentation (accurate mode, no HMM, with the domain
dictionary), from a dictionary cache that is built once, checked and rebuilt when stale."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from conftest import CORPUS as SHARED
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.document import segdict, tokenize
from scorer.support import diskcache

TEXTS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def jieba_ref():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.CRITICAL)
    ref = jieba.Tokenizer()
    ref.tmp_dir = segdict.cache_dir()
    ref.initialize()
    ref.load_userdict(str(tokenize.DICTIONARY))
    return lambda text: ref.lcut(text, HMM=False)


def test_seeds_segment_exactly_as_jieba(jieba_ref) -> None:  # type: ignore[no-untyped-def]
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        assert tokenize.tokens(text) == jieba_ref(text), path.name


@pytest.mark.skipif(not SHARED.is_dir(), reason="dev corpus (../shared) not available")
def test_the_dev_corpus_segments_exactly_as_jieba(jieba_ref) -> None:  # type: ignore[no-untyped-def]
    paths = sorted(SHARED.glob("*/docs/*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert tokenize.tokens(text) == jieba_ref(text), path.name


_SEED_CHARS = "".join(sorted(set("".join(p.read_text(encoding="utf-8") for p in TEXTS))))
_ALPHABET = _SEED_CHARS + "abcXYZ0123456789+#&._%-  \t\r\n，。、；：“”（）"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_any_text_segments_exactly_as_jieba(jieba_ref, text: str) -> None:  # type: ignore[no-untyped-def]
    assert tokenize.tokens(text) == jieba_ref(text)


def test_domain_words_stay_whole() -> None:
    words = tokenize.tokens("深入学习贯彻习近平法治思想，落实推进法治建设第一责任人职责")
    assert "习近平法治思想" in words and "第一责任人" in words
    assert tokenize.content_words("健全行政复议体制机制") >= {"行政复议", "体制"}


def test_the_cache_is_built_once_then_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    user = tmp_path / "dict.txt"
    user.write_text("法治督察 100000\n", encoding="utf-8")
    built = segdict.load(user)
    [cache] = (tmp_path / "scorer").glob("segdict-*.bin")
    assert os.stat(cache).st_mode & 0o077 == 0
    loaded = segdict.loads(cache.read_bytes(), segdict.cache_key(user))
    assert loaded is not None and len(loaded.trie) == len(built.trie) and loaded.weights == built.weights
    assert loaded.miss == built.miss and loaded.maxlen == built.maxlen
    assert "法治督察" in loaded.trie
    # another domain dictionary: another cache (a stale one is never used)
    user.write_text("法治督察 100000\n督察整改 5000\n", encoding="utf-8")
    assert segdict.loads(cache.read_bytes(), segdict.cache_key(user)) is None
    assert "督察整改" in segdict.load(user).trie
    assert len(list((tmp_path / "scorer").glob("segdict-*.bin"))) == 2


def test_a_damaged_or_foreign_cache_is_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    user = tmp_path / "dict.txt"
    user.write_text("法治督察 100000\n", encoding="utf-8")
    good = segdict.load(user)
    [cache] = (tmp_path / "scorer").glob("segdict-*.bin")
    data = cache.read_bytes()
    key = segdict.cache_key(user)
    assert segdict.loads(data[:-100], key) is None  # truncated
    assert segdict.loads(b"junk" + data, key) is None
    cache.write_bytes(data[: len(data) // 2])
    assert len(segdict.load(user).trie) == len(good.trie)  # rebuilt and rewritten
    assert segdict.loads(cache.read_bytes(), key) is not None
    cache.chmod(0o666)  # writable by others: never trusted
    assert not diskcache.trusted(cache)
