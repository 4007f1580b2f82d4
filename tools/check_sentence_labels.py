"""Check the sentence labels against the documents' gold statuses.

Every labelled document's statuses of the elements that sentence labels feed (those of the
``topic`` and ``cooccur`` types in the base checklist) are derived from its
sentence labels alone (an act → covered, only mentions → partial, nothing → missing; the
principal leader acting → covered, a group or the principle → partial) and compared with the
document's line in the corpus's ``labels.jsonl``. Also checks that every labelled sentence is
found on its line. Prints each disagreement; exit status 1 when there is one.

    python3 tools/check_sentence_labels.py [--labels tools/data/sentence_labels.jsonl]
        [--corpus-root ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scorer.checklist.load import load_checklist, without_sentence_model
from scorer.eval.folds import DEFAULT_CORPUS, DEFAULT_LABELS
from scorer.eval.train import leader_element
from scorer.learn.labels import by_doc, disagreements, read_labels


def check(labels_path: Path, corpus_root: Path) -> list[str]:
    problems: list[str] = []
    with without_sentence_model():
        base = load_checklist("base-2021")
    fed = {e.id for e in base.elements if e.params.type in ("topic", "cooccur")}
    leader = leader_element(base)
    groups = by_doc(read_labels(labels_path))
    corpora = sorted({doc.split("/", 1)[0] for doc in groups})
    for corpus in corpora:
        gold_path = corpus_root / corpus / "labels.jsonl"
        for raw in gold_path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            key = f"{corpus}/docs/{row['doc']}"
            labs = groups.get(key, [])
            elements = [k for k in row["labels"] if k in fed]
            for el, gold, derived in disagreements(labs, row["labels"], elements, leader):
                problems.append(f"{key}: {el} 标注 {gold}，由句子标注得出 {derived}")
            lines = (corpus_root / key).read_text(encoding="utf-8").splitlines()
            for lab in labs:
                if not (0 < lab.line <= len(lines) and lab.text in lines[lab.line - 1]):
                    problems.append(f"{key}:{lab.line}: 句子不在该行：{lab.text[:30]}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", default=str(DEFAULT_LABELS))
    ap.add_argument("--corpus-root", default=str(DEFAULT_CORPUS))
    a = ap.parse_args()
    problems = check(Path(a.labels), Path(a.corpus_root))
    for p in problems:
        print(p)
    n = len(by_doc(read_labels(Path(a.labels))))
    print(f"{n} 份文件的句子标注已核对：{'全部与文件标注一致' if not problems else f'{len(problems)} 处不一致'}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
