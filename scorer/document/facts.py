"""Basic facts of a report: issuer, issuer kind, reporting year, date, and whether it is a
rule-of-law annual report at all."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from scorer.document.headings import cn_to_int
from scorer.document.model import Document, Facts, Line

_YEAR = re.compile(r"(?<![\d—\-－~～至])((?:19|20)\d{2})\s*(?:年度?|\))(?![\d—\-－~～至])")
_YEAR_PAREN = re.compile(r"\(((?:19|20)\d{2})(?:年度?)?\)")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九○O]{4})年")
_DATE = re.compile(
    r"((?:19|20)\d{2}|[〇零一二三四五六七八九○O]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_GOV_END = re.compile(r"(人民政府|政府|办事处|管委会|管理委员会|街道)$")
_PLACE_END = re.compile(r"(省|市|县|区|旗|镇|乡|州|盟)$")
_DEPT_END = re.compile(
    r"(局|委员会|委|办公室|办|厅|中心|院|署|所|站|队|部|会|处|司|馆|集团|公司|单位|支队|大队|科)$"
)
_JOINT = re.compile(r"(中共|中国共产党).{1,20}(委员会|委)\s*.{0,20}(人民政府|政府)")
_ORG_LINE = re.compile(r"(人民政府|政府|办事处|管委会|委员会|局|厅|办公室|中心)$")
_ORG_PUNCT = re.compile(r"[,，。:：;；、]")
_SELF = re.compile(r"^(我|本)(局|委|办|厅|中心|院|镇|乡|街道|区|县|市|省|单位|部门|所|站|队)$")
_NOT_ANNUAL = re.compile(r"政府信息公开(工作)?年度报告|信息公开工作报告")


def extract_facts(doc: Document) -> Facts:
    facts = Facts()
    facts.issuer, facts.issuer_source = _issuer(doc)
    facts.title_issuer = title_issuer(doc)
    # The kind follows the issuer the title names, even when a fuller name comes from elsewhere.
    facts.issuer_kind = (classify_issuer(facts.title_issuer) if facts.title_issuer else None) or \
        _issuer_kind(doc, facts.issuer)
    facts.report_year, facts.report_year_source = _report_year(doc)
    _report_date(doc, facts)
    facts.not_annual_report = _not_annual(doc)
    return facts


def clean_issuer(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" 　:,")


_WEB_TAG = re.compile(r"^\s*[【\[][^】\]]{1,20}[】\]]\s*")
_DOCNO_IN_TITLE = re.compile(r"[(（]?\s*[\u4e00-\u9fff]{0,10}[〔\[(]\s*(?:19|20)\d{2}\s*[〕\])]\s*\d+\s*号\s*[)）]?")
_FULL_TEXT = re.compile(r"[(（]\s*(全文|摘要|节选|附全文)\s*[)）]")
_TITLE_KEY = re.compile(r"法治政府|法治建设|依法行政|法制|推进法治|法治")
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}\s*年度?|[(（]\s*(?:19|20)\d{2}\s*[)）]")
_NOT_A_NAME = re.compile(r"^(全|我|本|各|该)")
_ORG_LINE_END = re.compile(r"(人民政府|政府|办事处|管委会|委员会|局|厅|办公室|中心|委|办|院|署|街道|镇|乡)$")


def clean_title(title: str) -> str:
    """A title without page debris: a web tag (【…】), a document number (X政发〔2025〕3号),
    "(全文)", and the 《》 some pages wrap it in."""
    t = _WEB_TAG.sub("", title)
    t = _DOCNO_IN_TITLE.sub(" ", t)
    t = _FULL_TEXT.sub("", t).strip()
    if t.startswith("《") and "》" in t and t.count("《") == 1:
        t = t.replace("《", "", 1).replace("》", "", 1)
    return t.strip()


def title_issuer(doc: Document) -> str | None:
    """The issuer a title names: before 关于 or the year ("XX局关于2025年度……"), after them
    ("关于XX市2025年度……", "2020年XX区法治政府……"), or on a line of its own in the title block."""
    lines = [clean_title(doc.lines[i].text.strip()) for i in doc.title_lines]
    joined = " ".join(lines)
    key = _TITLE_KEY.search(joined)
    if key is not None:
        before, sep, after = joined[: key.start()].partition("关于")
        for part in (before, after) if sep else (before,):
            name = clean_issuer(_YEAR_WORD.sub(" ", part))
            name = re.sub(r"(的|年度|年)$", "", name).strip()
            if len(re.sub(r"[^\u4e00-\u9fff]", "", name)) >= 2 and not _NOT_A_NAME.match(name):
                return name
    for t in lines:  # the issuer on a line of its own (above or between repeats of the title)
        name = clean_issuer(t)
        if not _TITLE_KEY.search(t) and 2 <= len(name) <= 40 and _ORG_LINE_END.search(name) \
                and not _NOT_A_NAME.match(name):
            return name
    return None


# Frames before the subject of an opening sentence: a time phrase, a superior body's clause
# ("在市委、市政府的正确领导下"), the basis ("根据……要求", "按照……部署") or a purpose ("为……").
_TIME_FRAME = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年(?:度|以来|来|上半年|全年)?|今年(?:以来|来)?|过去的?一年(?:来|里)?|一年来|近年来|"
    r"去年(?:以来)?|本年度)\s*[,，]?\s*")
_CLAUSE_FRAME = re.compile(
    r"^(?:在[^。;；]{2,80}?(?:领导|指导|监督|支持|关心|帮助|部署|推动|带领|引领|指引|关怀|督导|统筹)(?:之)?下|"
    r"(?:按照|根据|依据|依照|对照|遵照|为了?|围绕|紧扣)[^,，。;；]{2,80})\s*[,，]\s*")
_SUBJECT = re.compile(
    r"^([^\s,，。:;()（）《》“”□]{2,32}?)"
    r"(?:党组|党委|始终|坚持|深入|全面|认真|紧紧|紧扣|紧密|围绕|聚焦|持续|以|在|严格|着力|积极|切实|扎实|高度|牢固|"
    r"按照|立足|结合|把|将|强化|不断|进一步|对|各级|主动|统筹|大力|锚定|\(|（)"
)
_CITED = re.compile(r"《[^》]{0,80}》")
_SUPERIOR = re.compile(r"在[^。;；]{2,80}?(?:领导|指导|监督|支持|部署|带领|指引)(?:之)?下")
# The reporting sentence: "现将XX（20XX年度）法治政府建设情况报告如下".
_REPORT_AS = re.compile(
    r"现将\s*(?:(?:19|20)\d{2}\s*年(?:度|以来)?|今年(?:以来)?|一年来|全年)?\s*([^,，。:：;；\s《》□]{2,30}?)\s*(?:(?:19|20)\d{2}\s*年|关于|法治政府|推进法治|法治建设|依法行政|"
    r"工作|有关|相关|年度)")


_SELF_MENTIONS = (
    re.compile(r"(我|本)(局|委|办|厅|中心|院|镇|乡|街道|区|县|市|省)"),
    re.compile(r"(省|市|县|区|镇|乡)(人民)?政府"),
    re.compile(r"(省|市|县|区|镇|乡)(党委|委)"),
)
_NAME_END = re.compile(r"(省|市|县|区|州|盟|旗|镇|乡|街道|局|委|办|厅|中心|院|署|政府|部|处|所|站|队|党委)$")
_PUNCT_END = re.compile(r"[。；;！!]\s*$")
_NO_SUBJECT = re.compile(r"^(有关|相关|上述|具体|主要|全年|本年|今年|一年|近年|年度|工作|情况|法治|依法|推进|我们|这)")


def opening_subject(text: str) -> str | None:
    """The subject of an opening sentence, past its time phrase and frame clauses."""
    t = _CITED.sub("□", text.strip())
    for _ in range(6):
        m = _TIME_FRAME.match(t) or _CLAUSE_FRAME.match(t)
        if m is None or not m.group():
            break
        t = t[m.end():]
    m = _SUBJECT.match(t)
    return m.group(1) if m and not _NO_SUBJECT.match(m.group(1)) else None


def _first_paragraph(doc: Document) -> Line | None:
    """The first body paragraph, when it comes before any heading (a short opening)."""
    for ln in doc.lines:
        if ln.kind == "heading":
            return None
        if ln.kind == "body" and _PUNCT_END.search(ln.text):
            return ln
    return None


def _issuer(doc: Document) -> tuple[str | None, str | None]:
    """The issuing body: the first name found in the title, the header, the reporting sentence
    or the opening's subject, or the signature; a name given in full wins over "我局"/"市公安局"."""
    found: list[tuple[str, str]] = []
    named = title_issuer(doc)
    if named:
        found.append((named, "title"))
    header = next((ln for ln in doc.lines if ln.kind == "docno" and ln.text.strip().endswith("文件")), None)
    if header is not None:
        found.append((clean_issuer(header.text.strip()[:-2]), "header"))
    for ln in doc.lines[:15]:
        if ln.kind == "opening" or (ln.heading is not None and ln.heading.style != "plain"):
            break
        t = ln.text.strip()
        if ln.kind in ("body", "heading") and 4 <= len(t) <= 30 and _ORG_LINE.search(t) and not _ORG_PUNCT.search(t):
            found.append((clean_issuer(t), "header"))
            break
    for ln in doc.lines[:15]:
        if ln.kind in ("opening", "body", "addressee"):
            m = _REPORT_AS.search(_CITED.sub("□", ln.text))
            if m and not _NO_SUBJECT.match(m.group(1)):
                found.append((clean_issuer(m.group(1)), "opening"))
                break
    opening = next((ln for ln in doc.lines if ln.kind == "opening"), None) or _first_paragraph(doc)
    if opening is not None:
        # The first sentence's subject; a later one's when the first has none ("2025年是……之年。").
        for k, sentence in enumerate(re.findall(r"[^。！？!?]+", opening.text)[:3]):
            subj = opening_subject(sentence)
            if subj and (k == 0 or _NAME_END.search(subj) or len(subj) <= 4):
                found.append((subj, "opening"))
                break
    sig = [doc.lines[i] for i in doc.signature_lines if doc.lines[i].kind == "signature"]
    if sig:
        found.append((clean_issuer(sig[0].text), "signature"))
    full = [(n, src) for n, src in found if n and not is_self_reference(n)]
    if full:
        return full[0]
    if found:  # a body named without its place ("县林业局") says more than "我局"
        return min(found, key=lambda f: f[0].startswith(("我", "本")))
    for ln in doc.lines[:20]:
        if ln.kind in ("opening", "body", "heading"):
            text = _SUPERIOR.sub("□", _CITED.sub("□", ln.text))
            for pat in _SELF_MENTIONS:  # the body itself before a Party committee
                if m := pat.search(text):
                    return m.group(0), "self"
    return None, None


def is_self_reference(name: str) -> bool:
    """"我局", "省政府", "区委区政府" and the like: a body named without its proper name."""
    if _SELF.match(name) or name.startswith(("我", "本")) or re.match(r"^全(省|市|县|区|州|镇|乡|街道)", name):
        return True
    # "市公安局", "县林业局", "省文化和旅游厅": a level word with no proper place name before it.
    return bool(re.match(r"^(省|市|县|区|州|盟|旗|镇|乡|街道)(?!.{0,4}(省|市|县|区))", name)) and not re.search(
        r"[省市县区旗州盟](?=.{2,})", name[1:6]
    )


_SECTOR = re.compile(
    r"教育|卫生|健康|司法|公安|财政|税务|市场监|人社|人力资源|交通|水利|水务|农业|农村|住建|住房|城管|"
    r"生态|环境|自然资源|文旅|文化|旅游|体育|民政|应急|审计|统计|商务|发改|发展和改革|科技|工信|经信|"
    r"医保|医疗保障|退役军人|林业|气象|消防|信访|审批|政务服务|数据|粮食|供销|规划|国资|侨务|民族|宗教|"
    r"档案|机关事务|海洋|渔业|畜牧|药品|知识产权|金融|能源|港口|口岸|城市管理|综合执法|行政执法"
)


def classify_issuer(name: str) -> str | None:
    name = re.sub(r"(法治政府建设|法治建设|法治工作|依法行政|工作)+$", "", name.strip())
    if not name:
        return None
    if _JOINT.search(name):
        return "government"
    if re.fullmatch(r"(省|市|县|区|镇|乡|街道|旗)(党)?(委|党委|政府|人民政府)", name):
        return "government"
    parts = re.split(r"[\s、]+", name)
    last = parts[-1]
    if _GOV_END.search(last) or (len(parts) > 1 and any(_GOV_END.search(p) for p in parts)):
        return "government"
    if re.search(r"(区|县|市)委$", last) and len(parts) > 1:
        return "government"
    if _DEPT_END.search(last):
        return "department"
    if _PLACE_END.search(last):
        return "government"
    if re.match(r"^(我|本)(镇|乡|街道|区|县|市|省)$", last):
        return "government"
    if _SECTOR.search(last):
        return "department"
    if len(last) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", last):
        return "government"  # a bare place name ("广东", "上海")
    return None


def _issuer_kind(doc: Document, issuer: str | None) -> str | None:
    if issuer:
        kind = classify_issuer(issuer)
        if kind:
            return kind
    # Fall back on how the opening refers to itself.
    text = "".join(ln.text for ln in doc.lines[:40] if ln.kind in ("opening", "body", "title"))[:1500]
    gov = len(re.findall(r"(区|县|市|省|镇|乡|街道|全区|全县|全市|全省)(人民)?政府|我(区|县|市|省|镇|乡)|全(区|县|市|省|镇|乡)", text))
    dept = len(re.findall(r"我(局|委|办|厅|中心|院)|本(局|委|部门)|局党组|委党组|全局|全委|全系统", text))
    if gov or dept:
        return "government" if gov > dept else "department"
    return None


def _years_in(text: str) -> list[int]:
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    years += [int(m.group(1)) for m in _YEAR_PAREN.finditer(text)]
    for m in _CN_YEAR.finditer(text):
        y = cn_year(m.group(1))
        if y:
            years.append(y)
    return [y for y in years if 1990 <= y <= 2100]


def cn_year(s: str) -> int | None:
    digits = {"〇": "0", "零": "0", "○": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
    try:
        return int("".join(digits[c] for c in s))
    except KeyError:
        return None


def _strip_citations(text: str) -> str:
    return re.sub(r"《[^》]{0,80}》|〔[^〕]*〕|\[[^\]]*\]", "", text)


def _report_year(doc: Document) -> tuple[int | None, str | None]:
    title = _strip_citations(" ".join(clean_title(doc.lines[i].text) for i in doc.title_lines))
    ys = _years_in(title)
    if ys:
        return ys[0], "title"
    # Opening paragraph and first headings: the most frequent year, ties to the earliest mention.
    counts: Counter[int] = Counter()
    first_pos: dict[int, int] = {}
    n = 0
    for ln in doc.lines:
        if ln.kind in ("opening", "body", "heading", "addressee"):
            n += 1
            text = _strip_citations(ln.text)
            text = re.sub(r"(下一?步|下一年度?|明年)", "", text)
            for y in _years_in(text[:400]):
                counts[y] += 1
                first_pos.setdefault(y, n)
            if n >= 10 and counts:
                break
    source = "opening"
    if not counts:
        # Last resort: a year named in a cited plan of the reporting year ("《2022年度…计划》"):
        # read from the body, not from the title or the opening.
        source = "citation"
        for ln in doc.lines[:60]:
            if ln.kind in ("opening", "body", "heading"):
                for y in _years_in(ln.text[:400]):
                    counts[y] += 1
                    first_pos.setdefault(y, ln.index)
    if not counts:
        return None, None
    best = max(counts, key=lambda y: (counts[y], -first_pos[y]))
    return best, source


def parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if not m:
        return None
    y = int(m.group(1)) if m.group(1).isdigit() else cn_year(m.group(1))
    mo = int(m.group(2)) if m.group(2).isdigit() else cn_to_int(m.group(2))
    d = int(m.group(3)) if m.group(3).isdigit() else cn_to_int(m.group(3))
    if not (y and mo and d):
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _report_date(doc: Document, facts: Facts) -> None:
    candidates: list[tuple[Line, str]] = []
    for ln in doc.lines:
        if ln.kind == "date":
            top = not doc.signature_lines or ln.index not in doc.signature_lines
            source = "top" if top else ("issued" if re.search(r"印发?\s*\)?\s*$", ln.text) else "signature")
            candidates.append((ln, source))
    order = {"signature": 0, "top": 1, "issued": 2}
    candidates.sort(key=lambda c: order[c[1]])
    for ln, source in candidates:
        d = parse_date(ln.text)
        if d:
            facts.report_date, facts.report_date_line, facts.report_date_source = d, ln.index, source
            return


def _not_annual(doc: Document) -> str | None:
    head = " ".join(doc.lines[i].text for i in doc.title_lines)
    first = " ".join(ln.text for ln in doc.lines[:30])
    if _NOT_ANNUAL.search(head) or (not head and _NOT_ANNUAL.search(first)):
        return "这是政府信息公开工作年度报告，不是法治政府建设年度报告"
    full = "".join(ln.text for ln in doc.lines[:400])
    if not re.search(r"法治|依法行政|法制", full):
        return "全文没有出现“法治”“依法行政”等字样，不像法治政府建设年度报告"
    return None
