"""The terminal summary of an audit run (Chinese)."""

from __future__ import annotations

from pathlib import Path, PurePath

from tabulate import tabulate

from scorer.audit.batch import Batch
from scorer.audit.summary import missing_required
from scorer.output.gap_text import WEIGHT_ZH
from scorer.support.display import shown

FULL_RANKING_MAX = 30


def print_summary(batch: Batch, out: Path, elapsed: float) -> None:
    recs = batch.rows
    n, ok = len(recs), len(batch.ok)
    rate = ok / elapsed if elapsed > 0 else 0.0
    print(f"审查完成：共 {n} 份文件，成功检查 {ok} 份，无法处理 {len(batch.failed)} 份"
          f"（用时 {elapsed:.1f} 秒，每秒 {rate:.1f} 份）")
    ranking = batch.ranking()

    def line(k: int) -> list[object]:
        r = recs[ranking[k]]
        return [k + 1, shown(PurePath(r.path).name), shown(r.issuer or "未识别"), r.score, r.grade, len(missing_required(r))]

    if ranking:
        print("\n【排名】")
        headers = ["名次", "报告", "报告主体", "得分", "等级", "缺失必备项"]
        if len(ranking) > FULL_RANKING_MAX:
            rows = [line(k) for k in range(10)] + [["…"] * 6] + \
                [line(k) for k in range(len(ranking) - 10, len(ranking))]
            print(tabulate(rows, headers=headers))
            print(f"（共 {len(ranking)} 份，仅列出前 10 名和后 10 名；完整排名见 summary.csv 或 index.html）")
        else:
            print(tabulate([line(k) for k in range(len(ranking))], headers=headers))
    missed = batch.most_missed()
    if missed:
        print("\n【多数报告的共同短板】")
        print(tabulate([[s.name, WEIGHT_ZH[s.weight], f"{100 * s.gap_share:.0f}%", s.counts["missing"],
                         s.counts["partial"]] for s in missed],
                       headers=["要素", "类别", "缺失或不完整", "缺失份数", "部分具备份数"]))
    if batch.pairs:
        print(f"\n【报告之间雷同】{len(batch.pairs) + batch.pairs_omitted} 对，雷同文字最多的：")
        print(tabulate([[shown(recs[p.a].path), shown(recs[p.b].path), p.shared_chars, f"{100 * p.share_a:.0f}%"]
                        for p in batch.pairs[:5]], headers=["报告甲", "报告乙", "雷同字数", "占甲"]))
    flagged = [c for c in batch.carry_over if c.flagged]
    if flagged:
        print(f"\n【与上年雷同】{len(flagged)} 份：" + "；".join(
            f"{shown(recs[c.current].path)}（沿用 {100 * c.share:.0f}%）" for c in flagged[:10]))
    late = [(i, recs[i].check) for i in batch.manifest_checks if recs[i].check.late_days]  # type: ignore[union-attr]
    if late:
        print(f"\n【逾期公开】{len(late)} 份：" + "；".join(
            f"{shown(recs[i].path)}（{c.status}）" for i, c in late[:10]))  # type: ignore[union-attr]
    if batch.manifest_unmatched:
        print(f"\n【报送清单】{len(batch.manifest_unmatched)} 行没有对应的文件")
    if batch.failed:
        print(f"\n【无法处理】{len(batch.failed)} 份，原因见上方错误信息和 index.html")
    print(f"\n结果已写入 {shown(str(out))}/：index.html（打开即可浏览）、summary.csv、summary.xlsx、audit.json、reports/")
