"""Where each check comes from: the policy it enforces and the inspection practice that checks it.

A rule's `source` names both, so that a clerk who disagrees with a finding can look the rule up (the
finding's detail and the exported findings workbook show it). `cite` joins a rule's policies with the
codes of the county rule engine that inspectors run over the national export (`Gzuwkj/fuping`,
`../shared/reference/peer-checks.md`), where it has one.
"""

from __future__ import annotations

MECHANISM = "中农组发〔2021〕7号《关于健全防止返贫动态监测和帮扶机制的指导意见》"
GUIDE = "《健全防止返贫动态监测和帮扶机制工作指南（试行）》（2022）"
SYSTEM = "全国防返贫监测信息系统指标说明"
ID_STANDARD = "GB 11643—1999《公民身份号码》"
DIBAO = "民发〔2021〕57号《最低生活保障审核确认办法》"
TEKUN = "民发〔2021〕43号《特困人员认定办法》"
DISABILITY_SUBSIDY = "国发〔2015〕52号《关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"
DISABILITY_CARD_RULE = "残疾人证号码规则（身份证号码后加残疾类别、等级两位）"
SCHOOLING = "《中华人民共和国义务教育法》第十一条（适龄儿童入学）、控辍保学工作要求"
SCHOOL_STAGES = "学制：6周岁入小学，小学六年、初中三年、高中或中职三年"
YULU = "雨露计划职业教育补助政策（补助中职、高职在校生）"
MEDICAL_AID = "城乡居民基本医疗保险参保资助政策（按识别时间与当年缴费期）"
INSURANCE = "城乡居民基本医疗保险参保政策（居民医保与职工医保不重复参保）"
LABOUR = "劳动年龄与劳动能力的认定口径（16周岁以上；在校生、老年人、病残人员按实际认定）"
ACCOUNTING = "收支核算口径：家庭纯收入＝工资性＋生产经营性＋财产性＋转移性收入－生产经营性支出"
INSPECTION = "国家成效考核、第三方评估和审计常见问题"
PRACTICE = "数据核查实践（本程序）"


def cite(*policies: str, peer: str = "", practice: str = "") -> str:
    """A rule's source: its policies, then `peer` (the county rule engine's codes, space-separated) or
    another inspection practice."""
    parts = list(policies)
    if peer:
        parts.append(f"县级数据核查规则 {peer.replace(' ', '、')}")
    if practice:
        parts.append(practice)
    return "；".join(parts)
