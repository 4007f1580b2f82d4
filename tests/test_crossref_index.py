"""The indexed cross-report checks give exactly what the all-pairs method gives, on a generated
batch of 1,000 reports with planted copies, near copies and previous-year reports."""

from __future__ import annotations

import random

import crossref_reference as reference
import pytest
from conftest import ROOT

from scorer.audit import crossref
from scorer.audit.passages import KeySet, Passage, passages
from scorer.audit.record import Record
from scorer.document.loader import load_bytes

SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "dev" / "docs",
           ROOT.parent / "shared" / "corpus" / "dev-synthetic" / "docs"]


def _sources() -> list[list[list[tuple[int, int, str]]]]:
    """Each source text as its lines' passages: (column, end column, key) per passage."""
    out = []
    for folder in SOURCES:
        for p in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            doc = load_bytes(p.read_bytes(), p.name)
            lines: dict[int, list[tuple[int, int, str]]] = {}
            for q in passages(doc):
                lines.setdefault(q.line, []).append((q.column, q.end_column, q.key))
            if len(lines) >= 5:
                out.append(list(lines.values()))
    return out


def generate(n: int, seed: int = 13) -> list[Record]:
    """``n`` reports built from the passages of the seeds and dev texts, line by line: a text's
    lines reshuffled with 30% swapped for a donor's; one unique line each (sentences of three
    texts); planted copies of unique lines (some with a changed ending, a near copy); and for
    some reports the same unit's previous-year report, most of it kept."""
    rng = random.Random(seed)
    texts = _sources()
    sentences = sorted({key for t in texts for ln in t for _a, _b, key in ln})
    bases = sorted(texts, key=len, reverse=True)[: max(1, len(texts) // 2)]  # full reports
    lines: list[list[list[tuple[int, int, str]]]] = []
    for k in range(n):
        base, donor = bases[k % len(bases)], texts[rng.randrange(len(texts))]
        body = [rng.choice(donor) if rng.random() < 0.3 else ln for ln in base]
        rng.shuffle(body)
        body.insert(0, [(1, 200, "".join(rng.sample(sentences, 3)))])
        lines.append(body)
    for _ in range(n // 20):  # copies between reports
        a, b = rng.sample(range(n), 2)
        _c, _e, key = lines[a][0][0]
        para = key if rng.random() < 0.7 else key[:-8] + "进一步规范执法行为"
        lines[b].insert(rng.randrange(1, len(lines[b])), [(1, 200, para)])
    issuer = [f"第{k % (n // 2)}县司法局" for k in range(n)]  # two reports per unit
    year = [2025] * n
    for k in rng.sample(range(n // 2), n // 25):  # unit k's other report is last year's
        year[k] = 2024
        lines[k] = [ln for ln in lines[k + n // 2] if rng.random() < 0.8] + lines[k][:3]
    return [Record(path=f"r{k:04d}.txt", report={"issuer": issuer[k], "report_year": year[k]},
                   passages=[Passage(no, a, b, key) for no, ln in enumerate(lines[k], 1) for a, b, key in ln])
            for k in range(n)]


@pytest.fixture(scope="module")
def batch() -> list[Record]:
    recs = generate(1000)
    recs[7] = Record(path=recs[7].path, error="unreadable")  # a failed file takes no part
    return recs


def _as_data(pairs: list[crossref.DupPair]) -> list[tuple[object, ...]]:
    return [(p.a, p.b, p.shared_chars, p.share_a, p.share_b,
             [(s.a, s.b, s.exact) for s in p.passages]) for p in pairs]


@pytest.mark.parametrize(("min_chars", "max_pairs"), [(100, 200), (40, 500)])
def test_duplicate_pairs_equal_the_all_pairs_method(batch: list[Record], min_chars: int, max_pairs: int) -> None:
    got, omitted, threshold = crossref.find_duplicates(batch, lambda i: batch[i].passages, min_chars, max_pairs)
    want, want_omitted, want_threshold = reference.find_duplicates(batch, min_chars, max_pairs)
    assert threshold == want_threshold == 100
    assert len(want) > 50 and want_omitted > 0  # the planted copies and reshuffled texts make many
    assert any(not s.exact for p in want for s in p.passages)  # near copies among them
    assert _as_data(got) == _as_data(want)
    assert omitted == want_omitted


def test_carry_over_equals_the_direct_method(batch: list[Record]) -> None:
    got = list(crossref.find_carry_over(batch, lambda i: batch[i].passages))
    want = reference.find_carry_over(batch)
    assert len(want) >= 5
    assert [(c.current, c.previous, c.share, c.shared_chars, c.passages) for c in got] == \
        [(c.current, c.previous, c.share, c.shared_chars, c.passages) for c in want]


def test_the_common_threshold_stops_growing() -> None:
    assert [crossref.common_threshold(n) for n in (10, 100, 1000, 10_000, 100_000)] == [5, 10, 100, 100, 100]


def test_a_keyset_holds_each_distinct_key_once(batch: list[Record]) -> None:
    rec = batch[0]
    ks = KeySet.of(rec.passages)
    distinct = list(dict.fromkeys(p.key for p in rec.passages))
    assert len(ks.hashes) == len(distinct) == len(set(ks.hashes))
    assert list(ks.lens) == [len(k) for k in distinct]
