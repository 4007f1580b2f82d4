"""Turn adjudicated annotation output into ``tools/data/sentence_labels.jsonl``.

Input: the sheets folder written by ``tools/export_sentences.py`` and a JSON list of labelled
sentences ``[{"sheet": "...md", "id": "doc#n", "topics": {...}, "leader": "..."}]`` (the
adjudicated merge of two independent annotators). Each label is stored with its document path
(relative to the corpus root), its line number and its text, so it survives changes of the
tool's sentence splitting.

    python3 tools/import_sentence_labels.py SHEETS_DIR FINAL.json OUT.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_ROW = re.compile(r"^\[([^\]]+)\] L(\d+) \S+ \| (.*)$", re.M)


def main() -> None:
    sheets, final, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    rows: dict[str, dict[str, tuple[int, str]]] = {}
    lines = []
    for item in json.loads(final.read_text(encoding="utf-8")):
        sheet = item["sheet"]
        if sheet not in rows:
            rows[sheet] = {m[0]: (int(m[1]), m[2]) for m in _ROW.findall((sheets / sheet).read_text(encoding="utf-8"))}
        corpus, doc = sheet[:-3].split("__", 1)
        line, text = rows[sheet][item["id"]]
        rec: dict[str, object] = {"doc": f"{corpus}/docs/{doc}", "line": line, "text": text,
                                  "topics": dict(sorted(item.get("topics", {}).items()))}
        if item.get("leader"):
            rec["leader"] = item["leader"]
        lines.append(rec)
    lines.sort(key=lambda r: (str(r["doc"]), int(r["line"])))  # type: ignore[call-overload]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    print(f"{len(lines)} labelled sentences → {out}")


if __name__ == "__main__":
    main()
