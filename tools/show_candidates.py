"""Show a topic element's candidates in one document (development aid).

    python3 tools/show_candidates.py REPORT ELEMENT_ID [--profile auto]
"""

from __future__ import annotations

import argparse

from scorer.document.loader import load_document
from scorer.engine.run import choose_profile, load_checklist_cached
from scorer.match.context import MatchContext
from scorer.matchers import topic


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("element")
    ap.add_argument("--profile", default="auto")
    a = ap.parse_args()
    doc = load_document(a.report)
    cl = load_checklist_cached(choose_profile(doc, a.profile))
    el = cl.element(a.element)
    ctx = MatchContext(doc, model=cl.load_sentence_model(), element_id=el.id, scope=tuple(el.scope))
    for c in topic.candidates(el.params, ctx):
        label, conf = topic.decide(ctx, c, el.id, el.params)
        print(f"L{doc.lines[c.sentence.line].no} {ctx.part(c.sentence.line)} [{c.hit}] tier={c.tier} "
              f"where={c.where} ceiling={c.ceiling} deploy={c.deploy} → {label} {conf:.2f} | {c.sentence.text[:90]}")


if __name__ == "__main__":
    main()
