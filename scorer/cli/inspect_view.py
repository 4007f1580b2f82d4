"""``scorer inspect``: how the tool sees a document (facts, title, headings, signature)."""

from __future__ import annotations

from scorer.document.model import Document
from scorer.support.vocabulary import KIND_ZH

_SOURCE_ZH = {"title": "标题", "opening": "正文开头", "signature": "落款", "header": "版头", "citation": "正文所引文件名",
              "top": "标题下日期", "issued": "印发日期", None: "—"}
_STYLE_ZH = {"part": "第一部分", "cn": "一、", "cn_paren": "（一）", "num": "1.", "num_paren": "（1）", "circled": "①",
             "plain": "无序号"}


def render_inspect(doc: Document) -> str:
    f = doc.facts
    out: list[str] = [f"文件：{doc.path}"]
    out.append(f"格式：{doc.source_format}" + (f"（编码 {doc.encoding}）" if doc.encoding else ""))
    out.append(f"行数：{len(doc.lines)}，非空行：{len(doc.body_lines())}")
    out.append("")
    out.append("【基本信息】")
    out.append(f"  报告主体：{f.issuer or '未识别'}（来自{_SOURCE_ZH.get(f.issuer_source, '—')}）")
    out.append(f"  主体类型：{KIND_ZH.get(f.issuer_kind or '', f.issuer_kind or '未识别')}")
    out.append(f"  报告年度：{f.report_year or '未识别'}（来自{_SOURCE_ZH.get(f.report_year_source, '—')}）")
    if f.report_date:
        line_no = doc.lines[f.report_date_line].no if f.report_date_line is not None else "?"
        out.append(f"  成文日期：{f.report_date.isoformat()}（第 {line_no} 行，{_SOURCE_ZH.get(f.report_date_source, '')}）")
    else:
        out.append("  成文日期：未找到")
    if f.not_annual_report:
        out.append(f"  ⚠ {f.not_annual_report}")
    out.append("")
    out.append("【标题】")
    if doc.title_lines:
        for i in doc.title_lines:
            out.append(f"  第 {doc.lines[i].no} 行：{doc.lines[i].quote()}")
    else:
        out.append("  （未找到标题）")
    front = [ln for ln in doc.lines if ln.kind in ("docno", "addressee", "date") and ln.index not in doc.signature_lines]
    for ln in front:
        label = {"docno": "文号/版头", "addressee": "主送机关", "date": "日期"}[ln.kind]
        out.append(f"  {label}（第 {ln.no} 行）：{ln.quote()}")
    out.append("")
    out.append("【标题层级】")
    if not doc.headings:
        out.append("  （没有识别到编号标题）")
    for h in doc.headings:
        ln = doc.lines[h.line_index]
        indent = "  " * min(h.level, 6)
        flags = []
        if h.inline:
            flags.append("段首标题")
        if h.malformed:
            flags.append("序号格式不规范")
        if h.style == "plain":
            flags.append("无序号标题")
        suffix = f"  [{'，'.join(flags)}]" if flags else ""
        shown = ln.quote(0, h.title_end)[:60]
        out.append(f"  第 {ln.no:>4} 行 {indent}{shown}{suffix}")
    out.append("")
    out.append("【落款】")
    if doc.signature_lines:
        for i in doc.signature_lines:
            out.append(f"  第 {doc.lines[i].no} 行：{doc.lines[i].quote()}")
    else:
        out.append("  （未找到落款和日期）")
    if doc.notes:
        out.append("")
        out.append("【读取说明】")
        out.extend(f"  {n}" for n in doc.notes)
    return "\n".join(out) + "\n"
