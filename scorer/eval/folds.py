"""k-fold models for ``scorer eval --folds K``: no document is judged by weights fitted to it.

The evaluated documents are put into K folds by a stable hash of their names; for each fold a
sentence model is trained on the sentence labels of every other document (a labelled document
whose file name ends the evaluated one's name — a mirror copy ``mirror_trad_gov_014.txt`` of
``gov_014.txt`` — is held out with it). Documents of other corpora that are not evaluated stay
in every fold's training data.
"""

from __future__ import annotations

from pathlib import Path

from scorer.eval.train import collect, fit, subset
from scorer.learn.labels import read_labels
from scorer.learn.model import SentenceModel
from scorer.learn.split import fold_of, group_of
from scorer.support.errors import ScorerError
from scorer.support.resources import checklist_dir

DEFAULT_LABELS = checklist_dir().parent / "tools" / "data" / "sentence_labels.jsonl"
DEFAULT_CORPUS = checklist_dir().parent.parent / "shared" / "corpus"


def fold_models(doc_names: list[str], k: int, sentence_labels: str | Path | None = None,
                corpus_root: str | Path | None = None) -> dict[str, SentenceModel]:
    """One model per evaluated document: trained without its fold's documents."""
    if k < 2:
        raise ScorerError("--folds 至少为 2")
    labels_path = Path(sentence_labels or DEFAULT_LABELS)
    root = Path(corpus_root or DEFAULT_CORPUS)
    if not labels_path.is_file():
        raise ScorerError(f"{labels_path}: 找不到句子标注文件（--sentence-labels）")
    if not root.is_dir():
        raise ScorerError(f"{root}: 找不到语料文件夹（--corpus-root）")
    labels = read_labels(labels_path)
    data = collect(labels, root)
    label_docs = sorted({lab.doc for lab in labels})
    groups = {d: group_of(d, label_docs) for d in doc_names}
    out: dict[str, SentenceModel] = {}
    for f in range(k):
        held = {g for d, g in groups.items() if fold_of(g, k) == f}
        if not held:
            continue
        model = fit(subset(data, held), {"fold": f, "folds": k})
        for d, g in groups.items():
            if g in held:
                out[d] = model
    return out
