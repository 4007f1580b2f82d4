"""Train the sentence model from the labelled sentences and write it next to the checklists.

    python3 -m pip install -e '.[train]'
    python3 tools/train_sentence_model.py [--labels tools/data/sentence_labels.jsonl]
        [--corpus-root ../shared/corpus] [--out checklists/sentence-model.json] [--misses FILE]

Reproducible: the same labels, corpus texts and code give the same file byte for byte. The
pattern recall misses (labelled sentences that no candidate reaches) can be written to a file
for the checklist author.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

from scorer.eval.folds import DEFAULT_CORPUS, DEFAULT_LABELS
from scorer.eval.train import collect, fit, to_json
from scorer.learn.labels import read_labels
from scorer.support.resources import checklist_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", default=str(DEFAULT_LABELS))
    ap.add_argument("--corpus-root", default=str(DEFAULT_CORPUS))
    ap.add_argument("--out", default=str(checklist_dir() / "sentence-model.json"))
    ap.add_argument("--misses", help="write the patterns' recall misses to this file")
    a = ap.parse_args()
    labels_path = Path(a.labels)
    labels = read_labels(labels_path)
    data = collect(labels, Path(a.corpus_root))
    examples, misses = data.examples, data.misses
    digest = hashlib.sha256(labels_path.read_bytes()).hexdigest()[:16]
    docs = len({lab.doc for lab in labels})
    model = fit(data, {"labels_sha256": digest, "documents": docs, "sentences": len(labels),
                           "examples": len(examples)})
    Path(a.out).write_text(to_json(model), encoding="utf-8")
    counts = Counter((e.task, e.label) for e in examples)
    print(f"{docs} documents, {len(labels)} labelled sentences, {len(examples)} candidates "
          f"({', '.join(f'{t}/{k} {n}' for (t, k), n in sorted(counts.items()))})")
    print(f"weights: {', '.join(f'{n} {len(t.weights)} (threshold {t.threshold})' for n, t in model.tasks.items())}"
          f" → {a.out}")
    print(f"recall misses (labelled, no candidate): {len(misses)}")
    if a.misses:
        Path(a.misses).write_text("\n".join(misses) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
