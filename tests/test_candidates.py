"""The mechanisms that decide what a term found in a report can mean (scorer.matchers.topic,
scorer.matchers.cooccur, scorer.match.where), on invented texts.

A candidate's ceiling is fixed by mechanism, whatever the sentence model says: a hit inside a
cited title, a superior body's frame, the opening, the plan, a weak term or a deployment can at
most be a mention, so such a topic is never ``covered``.
"""

from __future__ import annotations

import pytest

from scorer.document import tokenize
from scorer.document.loader import load_bytes
from scorer.engine.run import Result, choose_profile, load_checklist_cached, run_checklist
from scorer.match.context import MatchContext
from scorer.match.where import issuer_names, on_token_boundaries, org_name_after
from scorer.matchers import cooccur, topic

DEPT = "某县司法局关于2025年度法治政府建设情况的报告\n\n"
OPENING = "2025年，县司法局扎实推进法治政府建设各项工作，现将有关情况报告如下：\n"


def _doc(text: str):  # type: ignore[no-untyped-def]
    return load_bytes(text.encode("utf-8"), "report.txt")


def _run(text: str) -> Result:
    doc = _doc(text)
    return run_checklist(doc, load_checklist_cached(choose_profile(doc)))


def cands(text: str, element_id: str) -> list[topic.Candidate]:
    doc = _doc(text)
    cl = load_checklist_cached(choose_profile(doc))
    el = cl.element(element_id)
    return list(topic.candidates(el.params, MatchContext(doc, element_id=el.id, scope=tuple(el.scope))))


def _toks(s: str) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    for t in tokenize.tokens(s):
        out.append((t, pos, pos + len(t)))
        pos += len(t)
    return out


# --------------------------------------------------------------------------- words, not strings


@pytest.mark.parametrize(("sentence", "term", "word"), [
    ("协调解决群众反映的问题", "调解", False),  # 协调|解决
    ("坚持依法治国基本方略", "法治", False),  # inside one token
    ("组织开展行政复议工作", "复议", True),  # ends where 行政复议 ends
    ("执法人员全部持证上岗", "执法", True),  # starts a compound
    ("25名同志通过了行政执法资格考试", "执法资格", True),  # joins two compounds' parts
])  # fmt: skip
def test_a_term_must_be_a_word_of_the_sentence(sentence: str, term: str, word: bool) -> None:
    a = sentence.index(term)
    assert on_token_boundaries(_toks(sentence), a, a + len(term)) is word


def test_no_candidate_from_a_string_across_words() -> None:
    text = DEPT + OPENING + "一、主要举措和成效\n协调解决企业用地问题7个。\n"
    assert not [c for c in cands(text, "topic.disputes") if c.hit == "调解"]


@pytest.mark.parametrize(("sentence", "term", "org"), [
    ("县信访局撰写的调研报告获奖", "信访", True),
    ("人民调解委员会调处纠纷12件", "调解", True),
    ("普法办公室印发工作要点", "普法", True),
    ("办理信访事项36件", "信访", False),
    ("及时调解处理矛盾", "调解", False),
    ("依托理论学习中心组开展学习", "学习", False),
])  # fmt: skip
def test_an_organisation_name_is_recognised(sentence: str, term: str, org: bool) -> None:
    end = sentence.index(term) + len(term)
    assert org_name_after(_toks(sentence), end) is org


def test_the_issuers_own_name_is_no_evidence() -> None:
    text = ("某县应急管理局关于2025年度法治政府建设情况的报告\n\n"
            "2025年，某县应急管理局扎实推进法治政府建设，现将有关情况报告如下：\n"
            "一、主要举措和成效\n某县应急管理局全年办理行政处罚案件12件。\n")
    assert "应急管理局" in issuer_names("某县应急管理局")
    assert not [c for c in cands(text, "topic.emergency") if "应急管理" in c.hit]


# --------------------------------------------------------------------------- ceilings


def test_a_cited_title_can_only_be_a_mention() -> None:
    text = DEPT + OPENING + "一、主要举措和成效\n组织干部职工学习《中华人民共和国行政复议法》。\n"
    found = [c for c in cands(text, "topic.disputes") if c.hit == "行政复议"]
    assert found and all(c.where == "title" and c.ceiling == "mention" for c in found)
    assert _run(text).verdict("topic.disputes").status != "covered"


def test_a_superior_bodys_frame_can_only_be_a_mention() -> None:
    text = DEPT + OPENING + "一、主要举措和成效\n在县委全面依法治县委员会的坚强领导下，各项工作有序推进。\n"
    found = cands(text, "topic.leadership")
    assert found and all(c.where == "frame" and c.ceiling == "mention" for c in found)
    assert _run(text).verdict("topic.leadership").status != "covered"


@pytest.mark.parametrize("where", ["opening", "plan", "shortcomings"])
def test_outside_the_measures_a_topic_is_at_most_partial(where: str) -> None:
    sentence = "开展行政复议案件评查12件。"
    parts = {
        "opening": DEPT + f"2025年，县司法局{sentence[:-1]}，扎实推进法治政府建设，现将有关情况报告如下：\n"
                   "一、主要举措和成效\n全年办理行政处罚案件120件。\n",
        "plan": DEPT + OPENING + "一、主要举措和成效\n全年办理行政处罚案件120件。\n二、2026年工作安排\n" + sentence + "\n",
        "shortcomings": DEPT + OPENING + "一、主要举措和成效\n全年办理行政处罚案件120件。\n二、存在的问题\n"
                        "行政复议案件评查不够深入。\n",
    }
    found = [c for c in cands(parts[where], "topic.disputes")]
    assert found and all(c.ceiling == "mention" for c in found)
    assert _run(parts[where]).verdict("topic.disputes").status in ("partial", "missing")


def test_only_heard_or_deployed_is_at_most_a_mention() -> None:
    text = DEPT + OPENING + "一、主要举措和成效\n局党组会议听取突发事件应急预案修订情况汇报1次。\n"
    found = cands(text, "topic.emergency")
    assert found and all(c.ceiling == "mention" for c in found)
    assert _run(text).verdict("topic.emergency").status == "partial"
    own = DEPT + OPENING + "一、主要举措和成效\n听取汇报后，修订突发事件应急预案3部，开展应急演练16次。\n"
    assert any(c.ceiling == "act" for c in cands(own, "topic.emergency"))


def test_a_weak_term_can_only_be_a_mention() -> None:
    text = DEPT + OPENING + "一、主要举措和成效\n不断加强监督，推动各项工作落实。\n"
    found = cands(text, "topic.oversight")
    assert found and all(c.tier == "weak" and c.ceiling == "mention" for c in found)


def test_a_reports_title_can_be_its_own_act_for_shu_fa() -> None:
    text = "某县司法局局长2025年度述法报告\n\n" + OPENING + "一、主要举措和成效\n全年办理行政处罚案件120件。\n"
    found = cands(text, "topic.shu-fa")
    assert any(c.ceiling == "act" and _doc(text).lines[c.sentence.line].kind == "title" for c in found)


# --------------------------------------------------------------------------- the leader's duty


def leader_cands(text: str) -> list[cooccur.Candidate]:
    doc = _doc(text)
    el = load_checklist_cached(choose_profile(doc)).element("content.leader-duty")
    return cooccur.candidates(el.params, MatchContext(doc, element_id=el.id, scope=tuple(el.scope)))


def test_a_meeting_named_after_the_leader_is_no_act_of_the_leader() -> None:
    text = ("某省人民政府关于2025年度法治政府建设情况的报告\n\n" + OPENING
            + "一、主要举措和成效\n省长办公会议定期听取法治政府建设情况汇报。\n")
    assert all(c.cue != "actor-act" for c in leader_cands(text))
    acting = text.replace("省长办公会议定期听取", "省长主持召开会议听取")
    assert any(c.cue == "actor-act" for c in leader_cands(acting))


def test_the_leader_as_head_of_a_group_is_no_act() -> None:
    text = DEPT + OPENING + "一、主要举措和成效\n局主要负责人任领导小组组长，统筹推进法治建设。\n"
    assert all(c.cue != "actor-act" for c in leader_cands(text))
    assert _run(text).verdict("content.leader-duty").status in ("partial", "missing")
