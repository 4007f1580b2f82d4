"""A scored batch: the records, the cross-report checks and the manifest checks, plus the views
every output shares (ranking, per-element coverage)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scorer.audit.crossref import CrossResult
from scorer.audit.manifest import Entry, ManifestCheck
from scorer.audit.record import Record

GAP_STATUSES = ("missing", "partial", "needs_review")


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
    records: list[Record]
    cross: CrossResult
    manifest_entries: dict[int, Entry] = field(default_factory=dict)
    manifest_checks: dict[int, ManifestCheck] = field(default_factory=dict)
    manifest_unmatched: list[Entry] = field(default_factory=list)

    @property
    def ok(self) -> list[int]:
        return [i for i, r in enumerate(self.records) if r.ok]

    @property
    def failed(self) -> list[int]:
        return [i for i, r in enumerate(self.records) if not r.ok]

    def ranking(self) -> list[int]:
        """Scored reports, best first (ties by path, so the order is stable)."""
        return sorted(self.ok, key=lambda i: (-float(self.records[i].report["score"]), self.records[i].path))

    def carry_share(self, i: int) -> float | None:
        for c in self.cross.carry_over:
            if c.current == i:
                return c.share
        return None

    def duplicates_of(self, i: int) -> list[int]:
        return sorted({p.b if p.a == i else p.a for p in self.cross.pairs if i in (p.a, p.b)})

    def element_stats(self) -> list[ElementStat]:
        stats: dict[str, ElementStat] = {}
        for i in self.ok:
            for el in self.records[i].report["elements"]:
                st = stats.setdefault(el["id"], ElementStat(el["id"], el["name"], el["weight"], Counter(), 0))
                st.counts[el["status"]] += 1
                if el["status"] != "not_applicable":
                    st.applicable += 1
        return list(stats.values())

    def most_missed(self, limit: int = 10) -> list[ElementStat]:
        """Elements most reports lack (optional ones only when missing counts)."""
        rank = [s for s in self.element_stats() if s.applicable and s.gap_share > 0 and s.weight != "optional"]
        return sorted(rank, key=lambda s: (-s.gap_share, -s.missing_share, s.id))[:limit]
