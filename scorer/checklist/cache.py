"""The shipped checklists, parsed and validated once and then loaded from a pickle cache.

Parsing the YAML chain and validating it with pydantic takes 30–60 ms per profile; the cached
object loads in 2–3 ms. The cache key covers the content of every shipped checklist file and
the source of the package (see :func:`scorer.support.diskcache.code_fingerprint`), so an edited checklist or a
changed model is never served stale. Checklists outside the shipped folder (``--checklist``)
are always parsed. The cache lives in the private cache folder (see :mod:`scorer.support.diskcache`),
and a file there that the user does not own, or that others may write, is not loaded.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import pydantic

from scorer.checklist.load import CHECKLIST_DIR, load_checklist, resolve_path
from scorer.checklist.model import Checklist
from scorer.support import diskcache

FORMAT = 1


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The code and data a cached checklist depends on."""
    h = hashlib.sha256(f"{FORMAT} {diskcache.code_fingerprint()} {pydantic.VERSION}\n".encode())
    for p in sorted(CHECKLIST_DIR.glob("*.yaml")):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def load(name: str) -> Checklist:
    """``load_checklist(name)``, from the cache when ``name`` is a shipped checklist."""
    path = resolve_path(name)
    if path.resolve().parent != CHECKLIST_DIR.resolve():
        return load_checklist(name)
    key = hashlib.sha256(f"{_fingerprint()} {path.name}".encode()).hexdigest()
    return diskcache.pickled("checklist", key, lambda: load_checklist(name), Checklist)
