"""The shipped checklists, parsed and validated once and then loaded from a pickle cache.

Parsing the YAML chain and validating it with pydantic takes 30–60 ms per profile; the cached
object loads in 2–3 ms. The cache key covers the content of every shipped checklist file and
the source of the package (file sizes and modification times), so an edited checklist or a
changed model is never served stale. Checklists outside the shipped folder (``--checklist``)
are always parsed. The cache lives in the private cache folder (see :mod:`scorer.diskcache`),
and a file there that the user does not own, or that others may write, is not loaded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

from scorer import __version__, diskcache
from scorer.checklist import CHECKLIST_DIR, Checklist, load_checklist, resolve_path

FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The code and data a cached checklist depends on."""
    import pydantic

    h = hashlib.sha256(f"{FORMAT} {__version__} {sys.version} {pydantic.VERSION}\n".encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".py"):
                st = os.stat(os.path.join(root, f))
                h.update(f"{os.path.relpath(os.path.join(root, f), _PACKAGE)} {st.st_size} {st.st_mtime_ns}\n".encode())
    for p in sorted(CHECKLIST_DIR.glob("*.yaml")):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def load(name: str) -> Checklist:
    """``load_checklist(name)``, from the cache when ``name`` is a shipped checklist."""
    path = resolve_path(name)
    if path.resolve().parent != CHECKLIST_DIR.resolve():
        return load_checklist(name)
    key = hashlib.sha256(f"{_fingerprint()} {path.name}".encode()).hexdigest()[:24]
    file = f"checklist-{key}.pickle"
    data = diskcache.read(file)
    if data is not None:
        try:
            cl = pickle.loads(data)  # our own file, in the private folder (see diskcache.trusted)
            if isinstance(cl, Checklist):
                return cl
        except Exception:  # damaged or from an incompatible build: parse again
            pass
    cl = load_checklist(name)
    diskcache.write(file, pickle.dumps(cl, protocol=pickle.HIGHEST_PROTOCOL))
    return cl
