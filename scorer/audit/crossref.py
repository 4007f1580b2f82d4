"""Cross-report checks: passages copied between reports, and text carried over from last year.

Candidates come from passages whose key (see :mod:`scorer.audit.passages`) occurs in two or more
reports but in no more than a few: a passage that many reports share is common phrasing (a quoted
policy, a provincial template), not one unit copying another. "A few" is max(5, 10% of the
batch), capped at :data:`COMMON_CAP` reports, so that the work grows linearly with the batch:
every report is compared only with the reports that share one of its rare keys, and a key links
at most ``COMMON_CAP`` reports.

The index holds a 64-bit fingerprint and the length of each distinct key per report
(:class:`~scorer.audit.passages.KeySet`), not the passages. The pairs are then verified on the
passages themselves (fetched from wherever the batch keeps them): for the pairs listed, passages
that differ only a little (a place name changed) are matched by character 8-gram containment.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from scorer.audit.passages import KeySet, Passage, key_hash

NGRAM = 8
NEAR_CONTAINMENT = 0.8
CARRY_OVER_FLAG = 0.3  # share of last year's text kept unchanged that is called 与上年雷同
COMMON_CAP = 100  # a key in more reports than this is common phrasing, whatever the batch size

Fetch = Callable[[int], list[Passage]]


class Item(Protocol):
    """What the cross-report checks need to know of one report of the batch."""

    @property
    def path(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def issuer_key(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def keys(self) -> KeySet | None: ...


@dataclass(frozen=True)
class Shared:
    a: Passage
    b: Passage
    exact: bool  # same key; else a near match


@dataclass
class DupPair:
    a: int  # record index
    b: int
    shared_chars: int
    share_a: float
    share_b: float
    passages: list[Shared] = field(default_factory=list)


@dataclass
class CarryOver:
    current: int  # record index
    previous: int
    share: float
    shared_chars: int
    passages: list[Passage] = field(default_factory=list)
    total: int = 0  # passages carried over (kept when the passages are let go)

    @property
    def flagged(self) -> bool:
        return self.share >= CARRY_OVER_FLAG


@dataclass
class CrossResult:
    pairs: list[DupPair]
    pairs_omitted: int
    carry_over: list[CarryOver]
    common_threshold: int


def issuer_key(issuer: str | None) -> str | None:
    return "".join(issuer.split()) if issuer else None


def _total(ps: list[Passage]) -> int:
    return sum(len(p.key) for p in ps) or 1


def _grams(key: str) -> set[str]:
    return {key[i:i + NGRAM] for i in range(max(1, len(key) - NGRAM + 1))}


def _carried(a: Item, b: Item) -> bool:
    """Same issuer, different years: last year's text belongs to the carry-over check."""
    ya, yb = a.year, b.year
    ka, kb = a.issuer_key, b.issuer_key
    return ka is not None and ka == kb and ya is not None and yb is not None and ya != yb


def common_threshold(n: int) -> int:
    return min(max(5, math.ceil(0.1 * n)), COMMON_CAP)


class PassageIndex:
    """Document frequency of every key fingerprint, and the groups of reports that share a rare
    one: keys with exactly the same reports are one group (a copied paragraph is one group of
    several sentences), which is what makes the pair count cheap."""

    def __init__(self, items: Sequence[Item], threshold: int) -> None:
        self.threshold = threshold
        df: dict[int, int] = defaultdict(int)
        for it in items:
            if it.ok and it.keys is not None:
                for h in it.keys.hashes:
                    df[h] += 1
        self.df = df
        docs: dict[int, list[int]] = {}
        lens: dict[int, int] = {}
        for i, it in enumerate(items):
            if not (it.ok and it.keys is not None):
                continue
            for h, n in zip(it.keys.hashes, it.keys.lens, strict=True):
                if 2 <= df[h] <= threshold:
                    docs.setdefault(h, []).append(i)
                    lens[h] = n
        groups: dict[tuple[int, ...], int] = defaultdict(int)
        for h, ds in docs.items():
            groups[tuple(ds)] += lens[h]
        # per report: (the group's reports, this report's place in it, the group's characters)
        self.member: dict[int, list[tuple[tuple[int, ...], int, int]]] = defaultdict(list)
        for ds, chars in groups.items():
            for pos, i in enumerate(ds[:-1]):
                self.member[i].append((ds, pos, chars))

    def rare(self, key: str) -> bool:
        return 2 <= self.df.get(key_hash(key), 0) <= self.threshold

    def common(self, key: str) -> bool:
        return self.df.get(key_hash(key), 0) > self.threshold

    def pairs(self, items: Sequence[Item], min_chars: int) -> Iterator[tuple[int, int, int]]:
        """(characters, i, j) of every pair i < j sharing at least ``min_chars`` characters of
        rare keys (not a report and its issuer's other year)."""
        for i in sorted(self.member):
            acc: dict[int, int] = defaultdict(int)
            for ds, pos, chars in self.member[i]:
                for j in ds[pos + 1:]:
                    acc[j] += chars
            for j, chars in acc.items():
                if chars >= min_chars and not _carried(items[i], items[j]):
                    yield chars, i, j


def find_duplicates(items: Sequence[Item], fetch: Fetch, min_chars: int = 100, max_pairs: int = 200,
                    threshold: int | None = None) -> tuple[list[DupPair], int, int]:
    threshold = threshold or common_threshold(len(items))
    index = PassageIndex(items, threshold)
    scored = sorted(((-c, i, j) for c, i, j in index.pairs(items, min_chars)))
    if len(scored) > max_pairs:  # ties at the cut are ordered by path like the rest
        last = scored[max_pairs - 1][0]
        head = [s for s in scored if s[0] <= last]
    else:
        head = scored
    head.sort(key=lambda s: (s[0], items[s[1]].path, items[s[2]].path, s[1], s[2]))
    out = [_pair(i, j, fetch(i), fetch(j), index) for _c, i, j in head[:max_pairs]]
    return out, max(0, len(scored) - max_pairs), threshold


def _pair(i: int, j: int, pa: list[Passage], pb: list[Passage], index: PassageIndex) -> DupPair:
    keys = {p.key for p in pa if index.rare(p.key)} & {q.key for q in pb}
    first_b: dict[str, Passage] = {}
    for p in pb:
        first_b.setdefault(p.key, p)
    pb_grams = [_grams(q.key) for q in pb]
    b_grams: set[str] = set().union(*pb_grams) if pb else set()
    shared: list[Shared] = []
    seen: set[str] = set()
    for p in pa:
        if p.key in seen or index.common(p.key):
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


def carry_over_pairs(items: Sequence[Item]) -> list[tuple[int, int]]:
    """(current, previous) for each report whose issuer's previous-year report is in the batch,
    ordered by issuer and year."""
    by_issuer: dict[tuple[str, int], int] = {}
    for i, it in enumerate(items):
        key, year = it.issuer_key, it.year
        if it.ok and key and isinstance(year, int):
            by_issuer.setdefault((key, year), i)
    out = []
    for (key, year), i in sorted(by_issuer.items()):
        prev = by_issuer.get((key, year - 1))
        if prev is not None:
            out.append((i, prev))
    return out


def carry_over(current: int, previous: int, fetch: Fetch) -> CarryOver:
    now = fetch(current)
    old = {p.key for p in fetch(previous)}
    kept = [p for p in now if p.key in old]
    chars = sum(len(p.key) for p in kept)
    return CarryOver(current=current, previous=previous, shared_chars=chars,
                     share=round(chars / _total(now), 3), passages=kept, total=len(kept))


def find_carry_over(items: Sequence[Item], fetch: Fetch) -> Iterator[CarryOver]:
    for current, previous in carry_over_pairs(items):
        yield carry_over(current, previous, fetch)


def cross_check(recs: Sequence[Item], min_chars: int = 100, max_pairs: int = 200,
                fetch: Fetch | None = None) -> CrossResult:
    """Both checks over a batch held in memory (``fetch`` defaults to ``recs[i].passages``)."""
    get: Fetch = fetch or (lambda i: recs[i].passages)  # type: ignore[attr-defined]
    pairs, omitted, threshold = find_duplicates(recs, get, min_chars, max_pairs)
    return CrossResult(pairs=pairs, pairs_omitted=omitted, carry_over=list(find_carry_over(recs, get)),
                       common_threshold=threshold)
