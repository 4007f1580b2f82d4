"""The cross-report checks as they were before the passage index (all pairs of every shared
key, quadratic): the reference that tests compare the indexed implementation with."""

# ruff: noqa
from __future__ import annotations

import math
from collections import defaultdict

from scorer.audit.crossref import CarryOver, DupPair, Shared
from scorer.audit.passages import Passage
from scorer.audit.record import Record

NGRAM = 8
NEAR_CONTAINMENT = 0.8


def _issuer_key(rec: Record) -> str | None:
    issuer = rec.report.get("issuer")
    return "".join(issuer.split()) if issuer else None


def _total(ps: list[Passage]) -> int:
    return sum(len(p.key) for p in ps) or 1


def _grams(key: str) -> set[str]:
    return {key[i:i + NGRAM] for i in range(max(1, len(key) - NGRAM + 1))}


def _carried(a: Record, b: Record) -> bool:
    ya, yb = a.report.get("report_year"), b.report.get("report_year")
    ka, kb = _issuer_key(a), _issuer_key(b)
    return ka is not None and ka == kb and ya is not None and yb is not None and ya != yb


def find_duplicates(recs: list[Record], min_chars: int = 100, max_pairs: int = 200,
                    common_threshold: int | None = None) -> tuple[list[DupPair], int, int]:
    n = len(recs)
    threshold = common_threshold or max(5, math.ceil(0.1 * n))
    where: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        if r.ok:
            for key in dict.fromkeys(p.key for p in r.passages):
                where[key].append(i)
    pair_keys: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, docs in where.items():
        if 2 <= len(docs) <= threshold:
            for x in range(len(docs)):
                for y in range(x + 1, len(docs)):
                    pair_keys[(docs[x], docs[y])].append(key)
    scored = []
    for (i, j), keys in pair_keys.items():
        if _carried(recs[i], recs[j]):
            continue
        chars = sum(len(k) for k in keys)
        if chars >= min_chars:
            scored.append((-chars, recs[i].path, recs[j].path, i, j, set(keys)))
    scored.sort()
    common = {k for k, docs in where.items() if len(docs) > threshold}
    out = [_pair(recs, i, j, keys, common) for _c, _pa, _pb, i, j, keys in scored[:max_pairs]]
    return out, max(0, len(scored) - max_pairs), threshold


def _pair(recs: list[Record], i: int, j: int, keys: set[str], common: set[str]) -> DupPair:
    pa, pb = recs[i].passages, recs[j].passages
    first_b: dict[str, Passage] = {}
    for p in pb:
        first_b.setdefault(p.key, p)
    pb_grams = [_grams(q.key) for q in pb]
    b_grams: set[str] = set().union(*pb_grams) if pb else set()
    shared: list[Shared] = []
    seen: set[str] = set()
    for p in pa:
        if p.key in seen or p.key in common:
            continue
        seen.add(p.key)
        if p.key in keys:
            shared.append(Shared(p, first_b[p.key], True))
            continue
        g = _grams(p.key)
        if len(g & b_grams) >= NEAR_CONTAINMENT * len(g):
            best = max(range(len(pb)), key=lambda k: (len(g & pb_grams[k]), -k))
            shared.append(Shared(p, pb[best], False))
    chars = sum(len(s.a.key) for s in shared)
    chars_b = sum(len(k) for k in {s.b.key for s in shared})
    return DupPair(a=i, b=j, shared_chars=chars, share_a=round(chars / _total(pa), 3),
                   share_b=round(chars_b / _total(pb), 3), passages=shared)


def find_carry_over(recs: list[Record]) -> list[CarryOver]:
    by_issuer: dict[tuple[str, int], int] = {}
    for i, r in enumerate(recs):
        key, year = _issuer_key(r), r.report.get("report_year")
        if r.ok and key and isinstance(year, int):
            by_issuer.setdefault((key, year), i)
    out: list[CarryOver] = []
    for (key, year), i in sorted(by_issuer.items()):
        prev = by_issuer.get((key, year - 1))
        if prev is None:
            continue
        old = {p.key for p in recs[prev].passages}
        kept = [p for p in recs[i].passages if p.key in old]
        chars = sum(len(p.key) for p in kept)
        out.append(CarryOver(current=i, previous=prev, shared_chars=chars,
                             share=round(chars / _total(recs[i].passages), 3), passages=kept))
    return out


