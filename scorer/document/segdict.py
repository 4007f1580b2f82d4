"""The segmentation dictionary: jieba's ``dict.txt`` plus the checklist's domain dictionary,
compiled once into a cache file that loads in about a millisecond.

jieba keeps its dictionary as a Python dict of about 500,000 words and prefixes, loaded from a
marshal cache in 0.3–0.7 s on every start. Here the same words, with the frequencies jieba
itself computes (the domain words get jieba's ``suggest_freq``), go into a marisa-trie (a
compact static trie, C++) and an array of their log weights. One trie lookup per character
gives all dictionary words starting there, which is what jieba's DAG needs.

The cache is built with jieba itself the first time (a few seconds) and whenever jieba's
dictionary or ``checklists/dictionary.txt`` changes: its name carries a hash of both. It lives
in the user's private cache folder; a file there that is not owned by the user, or is writable
by others, is not loaded.
"""

from __future__ import annotations

import hashlib
import json
import struct
from array import array
from dataclasses import dataclass
from importlib.util import find_spec
from math import log
from pathlib import Path
from typing import Any

from scorer.support import diskcache
from scorer.support.diskcache import cache_dir

FORMAT = 1
_MAGIC = b"scorer-segdict\n"


@dataclass(frozen=True)
class SegDict:
    trie: Any  # marisa_trie.Trie of the words with a non-zero frequency
    weights: array  # type: ignore[type-arg]  # by trie key id: log(freq) - log(total)
    miss: float  # the weight of a character that is no word: log(1) - log(total)
    maxlen: int  # the longest word, in characters


def jieba_dictionary() -> Path:
    """jieba's own ``dict.txt``, found without importing jieba (its import alone costs 25 ms)."""
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def cache_key(user_dict: Path | None) -> str:
    """Changes with jieba's dictionary (path, size, modification time), the content of the
    domain dictionary and this file format."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    base = jieba_dictionary()
    st = base.stat()
    h.update(f"{base}\n{st.st_size}\n{st.st_mtime_ns}\n".encode())
    if user_dict is not None and user_dict.is_file():
        h.update(user_dict.read_bytes())
    return h.hexdigest()


def build(user_dict: Path | None) -> SegDict:
    """Compile the dictionary with jieba's own loader, so that frequencies and the total are
    exactly jieba's (``load_userdict`` after ``initialize``)."""
    # lazy: logging and jieba are needed only to build the cache (jieba's import alone costs
    # 25 ms), and marisa-trie only where a dictionary is built or read
    import logging

    import jieba
    import marisa_trie

    jieba.setLogLevel(logging.CRITICAL)  # a failed cache write is logged with a traceback
    tk = jieba.Tokenizer()
    tk.tmp_dir = cache_dir()
    tk.initialize()
    if user_dict is not None and user_dict.is_file():
        tk.load_userdict(str(user_dict))
    words = [w for w, f in tk.FREQ.items() if f]
    trie = marisa_trie.Trie(words)
    logtotal = log(tk.total)
    weights = array("d", bytes(8 * len(trie)))
    for w in words:
        weights[trie[w]] = log(tk.FREQ[w]) - logtotal  # jieba's calc: log(freq) - logtotal + …
    return SegDict(trie, weights, log(1) - logtotal, max(map(len, words)))


def dumps(d: SegDict, key: str) -> bytes:
    trie = d.trie.tobytes()
    head = json.dumps({"key": key, "words": len(d.weights), "maxlen": d.maxlen,
                       "miss": d.miss.hex(), "trie_bytes": len(trie)}).encode()
    return _MAGIC + struct.pack("<I", len(head)) + head + d.weights.tobytes() + trie


def loads(data: bytes, key: str) -> SegDict | None:
    """The dictionary in ``data``, or None when it is not a complete cache for ``key``."""
    import marisa_trie  # lazy: see build (jieba_dictionary and cache_key need no trie)

    if not data.startswith(_MAGIC):
        return None
    try:
        at = len(_MAGIC)
        (size,) = struct.unpack_from("<I", data, at)
        head = json.loads(data[at + 4:at + 4 + size])
        at += 4 + size
        n, tn = int(head["words"]), int(head["trie_bytes"])
        if head["key"] != key or len(data) != at + 8 * n + tn:
            return None
        weights = array("d")
        weights.frombytes(data[at:at + 8 * n])
        trie = marisa_trie.Trie().frombytes(data[at + 8 * n:])
        if len(trie) != n:
            return None
        return SegDict(trie, weights, float.fromhex(head["miss"]), int(head["maxlen"]))
    except (ValueError, KeyError, TypeError, struct.error, RuntimeError):
        return None


def load(user_dict: Path | None) -> SegDict:
    """The compiled dictionary from the cache, built (and cached) first when needed."""
    key = cache_key(user_dict)
    name = f"segdict-{key[:20]}.bin"
    data = diskcache.read(name)
    found = loads(data, key) if data is not None else None
    if found is not None:
        return found
    d = build(user_dict)
    diskcache.write(name, dumps(d, key))
    return d
