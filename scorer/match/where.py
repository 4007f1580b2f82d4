"""Where a term stands in its sentence: the contexts that change what a hit means.

A term found by a checklist pattern is not yet evidence. It may stand
- inside a cited title (《……》): the document is named, not necessarily the work done;
- inside a superior body's frame ("在市委、市政府的正确领导下", "根据省委依法治省办的部署"): the
  superior's work, not the issuer's;
- inside an organisation's name (信访局, 应急管理局, 政务服务中心): a body, not an act;
- inside the issuer's own name (an 应急管理局's report names 应急管理 everywhere);
- across a word boundary (调解 inside 协调解决).

:func:`contexts` finds the spans of the first two kinds and of the issuer's name in a sentence;
:func:`org_name_after` and :func:`on_token_boundaries` judge one hit. All are mechanisms over
the sentence's own text and tokens, no term lists of the checklist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(r"《[^《》]{1,80}》")
_FRAME = re.compile(
    r"(?:在|经)[^。;；,，]{2,40}?(?:的)?(?:正确|坚强|有力|具体|精心|大力|关心)?"
    r"(?:领导|指导|部署|监督|关心|支持|督导|统筹|指挥|带领)(?:和[^。;；,，]{1,10})?下"
    r"|(?:根据|按照|依据|遵照)[^。;；,，]{2,40}?(?:的)?(?:部署|要求|安排|统一部署|工作要求)"
)
ORG_SUFFIX = re.compile(
    r"(?:管理|工作|服务|执法)?(?:局|分局|委员会|委|办公室|办|中心|工作站|站|所|室|科|股|处|厅|庭|院"
    r"|大队|支队|中队|小组|领导小组)"
)
"""The end of an organisation's name: 信访|局, 调解|委员会, 复议|办公室, 应急管理|局."""


@dataclass(frozen=True)
class Contexts:
    titles: tuple[tuple[int, int], ...]
    frames: tuple[tuple[int, int], ...]
    issuer: tuple[tuple[int, int], ...]

    def kind_at(self, start: int, end: int) -> str | None:
        """The context a hit ``[start, end)`` lies inside: ``issuer``, ``title``, ``frame`` or None."""
        for name, spans in (("issuer", self.issuer), ("title", self.titles), ("frame", self.frames)):
            if any(a <= start and end <= b for a, b in spans):
                return name
        return None


def contexts(text: str, issuer_names: tuple[str, ...] = ()) -> Contexts:
    titles = tuple(m.span() for m in _TITLE.finditer(text))
    frames = tuple(m.span() for m in _FRAME.finditer(text))
    own: list[tuple[int, int]] = []
    for name in issuer_names:
        if len(name) < 3:
            continue
        i = text.find(name)
        while i >= 0:
            own.append((i, i + len(name)))
            i = text.find(name, i + 1)
    return Contexts(titles, frames, tuple(own))


def issuer_names(issuer: str | None) -> tuple[str, ...]:
    """The issuer's name and its short forms without the place (XX县应急管理局 → 应急管理局)."""
    if not issuer:
        return ()
    names = {issuer.strip()}
    for part in re.split(r"\s+", issuer.strip()):
        names.add(part)
        m = re.match(r"^.{1,12}?(?:省|市|县|区|旗|州|盟)(.{3,})$", part)
        if m:
            names.add(m.group(1))
    return tuple(sorted((n for n in names if len(n) >= 3), key=len, reverse=True))


def org_name_after(tokens: list[tuple[str, int, int]], end: int) -> bool:
    """Does the hit ending at ``end`` end inside an organisation's name: the rest of its token
    (信访|局) or, at a token boundary, the next token (人民调解|委员会) is an organisation suffix?
    (学习|中心组, 办理 and 处理 are no organisations.)"""
    for tok, a, b in tokens:
        if a < end < b:
            return ORG_SUFFIX.fullmatch(tok[end - a:]) is not None
        if a == end:
            return ORG_SUFFIX.fullmatch(tok) is not None
    return False


def on_token_boundaries(tokens: list[tuple[str, int, int]], start: int, end: int) -> bool:
    """Is the hit a word of the sentence, not a string across words? It starts or ends at a
    token boundary (复议 in 行政复议, 执法 in 执法人员), or it joins words of two characters or
    more cut from compounds on both sides (执法资格 in 行政执法|资格考试). Not: 调解 in 协调|解决,
    法治 in 依法治国."""
    if not tokens or any(a == start for _, a, _ in tokens) or any(b == end for _, _, b in tokens):
        return True
    first = next((t for t in tokens if t[1] < start < t[2]), None)
    last = next((t for t in tokens if t[1] < end < t[2]), None)
    if first is None or last is None or first is last:
        return False
    return first[2] - start >= 2 and end - last[1] >= 2
