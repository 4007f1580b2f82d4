"""Files the tool builds once and reuses across runs (the compiled dictionary, the parsed
checklists), in the user's private cache folder.

A cache file is only read when the user owns it and nobody else may write to it, and it is
written atomically (temporary file, then rename), so concurrent runs never see half a file.
When no cache folder is usable, the tool works without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from scorer import __version__

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> str:
    """A private folder for the caches: ``$XDG_CACHE_HOME/scorer`` or ``~/.cache/scorer``
    (mode 0700), else the temporary folder.

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


def trusted(path: Path) -> bool:
    """Owned by this user and not writable by group or others."""
    try:
        st = path.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: the user's own profile folder
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def read(name: str) -> bytes | None:
    path = Path(cache_dir()) / name
    if not trusted(path):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    folder = Path(cache_dir())
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
    except OSError:  # a read-only or foreign cache: work without it
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes with the package's source (every module's size and modification time), its
    version and Python's: what a pickled object of ours depends on."""
    h = hashlib.sha256(f"{__version__} {sys.version}\n".encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".py"):
                st = os.stat(os.path.join(root, f))
                rel = os.path.relpath(os.path.join(root, f), _PACKAGE)
                h.update(f"{rel} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def pickled(name: str, key: str, build: Callable[[], T], kind: type) -> T:
    """``build()``, cached as ``<name>-<key>.pickle``; a file that does not unpickle to a
    ``kind`` is ignored and rewritten."""
    file = f"{name}-{key[:24]}.pickle"
    data = read(file)
    if data is not None:
        try:
            obj = pickle.loads(data)  # our own file in the private folder (see trusted)
            if isinstance(obj, kind):
                return obj  # type: ignore[return-value]
        except Exception:  # damaged, or from an incompatible build: build again
            pass
    obj = build()
    write(file, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    return obj
