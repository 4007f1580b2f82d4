"""Export the labelled corpora as annotation sheets, one sentence per numbered row.

Each sheet shows a document's text sentence by sentence (as the tool splits it), with its
line number, the part of the report the tool assigns it to, and the document's gold statuses
for the elements that sentence labels feed (``topic.*``, ``content.leader-duty``). Annotators
label sentences against ``../shared/spec/elements.md``; ``tools/check_sentence_labels.py`` then
checks that the sentence labels give back every document's gold statuses.

    python3 tools/export_sentences.py OUT_DIR [--corpus dev dev-synthetic]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scorer.document.loader import load_document
from scorer.match.context import MatchContext

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SENTENCE_ELEMENTS = ("content.leader-duty",)


def sheet(corpus: str, row: dict) -> tuple[str, list[dict]]:
    path = SHARED / corpus / "docs" / row["doc"]
    doc = load_document(path)
    ctx = MatchContext(doc)
    units: list[dict] = []
    for i, s in enumerate(ctx.sentences):
        ln = doc.lines[s.line]
        quote = ln.quote(s.start, s.end)
        if not quote:
            continue
        units.append({"id": f"{row['doc']}#{i}", "line": ln.no, "part": ctx.part(s.line),
                      "kind": ln.kind, "text": quote})
    gold = {k: v for k, v in row["labels"].items()
            if k.startswith("topic.") or k in SENTENCE_ELEMENTS}
    ev = row.get("evidence", {})
    out = [f"# {corpus}/{row['doc']}", "", "## Gold statuses (document level)"]
    for k, v in gold.items():
        e = ev.get(k, "")
        out.append(f"- {k}: {v}" + (f"  — evidence: {e}" if e else ""))
    out += ["", "## Sentences (id | line | tool part | line kind | text)"]
    for u in units:
        out.append(f"[{u['id']}] L{u['line']} {u['part']}/{u['kind']} | {u['text']}")
    return "\n".join(out) + "\n", units


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--corpus", nargs="+", default=["dev", "dev-synthetic"])
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    index = []
    for corpus in args.corpus:
        for raw in (SHARED / corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            text, units = sheet(corpus, row)
            name = f"{corpus}__{row['doc']}.md"
            (out / name).write_text(text, encoding="utf-8")
            index.append({"corpus": corpus, "doc": row["doc"], "sheet": name, "sentences": len(units)})
    (out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(index)} sheets, {sum(i['sentences'] for i in index)} sentences → {out}")


if __name__ == "__main__":
    main()
