"""A scored batch: one compact row per input, the cross-report checks and the manifest checks,
plus the views every output shares (ranking, per-element coverage)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from scorer.audit.crossref import CarryOver, DupPair
from scorer.audit.manifest import Entry
from scorer.audit.row import Row
from scorer.support.vocabulary import GAP_STATUSES


@dataclass
class ElementStat:
    id: str
    name: str
    weight: str
    counts: Counter[str]
    applicable: int

    @property
    def gap_share(self) -> float:
        """Share of the reports it applies to that miss it or cover it only partly."""
        gaps = sum(self.counts[s] for s in GAP_STATUSES)
        return round(gaps / self.applicable, 3) if self.applicable else 0.0

    @property
    def missing_share(self) -> float:
        return round(self.counts["missing"] / self.applicable, 3) if self.applicable else 0.0


@dataclass
class Batch:
    rows: list[Row]
    pairs: list[DupPair] = field(default_factory=list)  # the listed duplicate pairs
    pairs_omitted: int = 0
    common_threshold: int = 0
    carry_over: list[CarryOver] = field(default_factory=list)  # without their passages
    manifest_unmatched: list[Entry] = field(default_factory=list)

    @cached_property
    def ok(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.ok]

    @cached_property
    def failed(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if not r.ok]

    @cached_property
    def manifest_checks(self) -> list[int]:
        """Scored rows that a manifest row was matched to."""
        return [i for i in self.ok if self.rows[i].check is not None]

    def ranking(self) -> list[int]:
        """Scored reports, best first (ties by path, so the order is stable)."""
        return self._ranking

    @cached_property
    def _ranking(self) -> list[int]:
        return sorted(self.ok, key=lambda i: (-float(self.rows[i].score), self.rows[i].path))

    @cached_property
    def carry_by_current(self) -> dict[int, CarryOver]:
        return {c.current: c for c in self.carry_over}

    def carry_share(self, i: int) -> float | None:
        c = self.carry_by_current.get(i)
        return c.share if c is not None else None

    @cached_property
    def flagged(self) -> set[int]:
        return {c.current for c in self.carry_over if c.flagged}

    @cached_property
    def _dups(self) -> dict[int, list[int]]:
        out: dict[int, set[int]] = {}
        for p in self.pairs:
            out.setdefault(p.a, set()).add(p.b)
            out.setdefault(p.b, set()).add(p.a)
        return {i: sorted(js) for i, js in out.items()}

    def duplicates_of(self, i: int) -> list[int]:
        return self._dups.get(i, [])

    def element_stats(self) -> list[ElementStat]:
        return self._stats

    @cached_property
    def _stats(self) -> list[ElementStat]:
        stats: dict[str, ElementStat] = {}
        for i in self.ok:
            for (eid, name, weight), status in self.rows[i].statuses():
                st = stats.get(eid)
                if st is None:
                    st = stats[eid] = ElementStat(eid, name, weight, Counter(), 0)
                st.counts[status] += 1
                if status != "not_applicable":
                    st.applicable += 1
        return list(stats.values())

    def most_missed(self, limit: int = 10) -> list[ElementStat]:
        """Elements most reports lack (optional ones only when missing counts)."""
        rank = [s for s in self.element_stats() if s.applicable and s.gap_share > 0 and s.weight != "optional"]
        return sorted(rank, key=lambda s: (-s.gap_share, -s.missing_share, s.id))[:limit]
