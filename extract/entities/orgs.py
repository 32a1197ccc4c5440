"""Organisations the gazetteer lacks, found by their suffix: ``…研究院``, ``…协会``, ``…部``.

The right end of such a name is certain (the suffix); the left end is the hard part. It is found
by walking left over jieba tokens while they can be part of a name — nouns, name-forming verbal
nouns (``发展``, ``合作``, ``保护``), place and organisation spans already recognised — and stopping
at verbs, function words, numbers and punctuation. A conjunction (``与``/``和``/``及``) is crossed
only between plain words (``新加坡环境与水源部``), never after a recognised entity
(``生态环境部和发展改革委``). A name made only of generic words (``国际组织``,
``相关部门``) is not a name. A bare ministry (``环境部``) is qualified by the country its
clause names (``捷克副总理兼环境部部长`` -> 捷克环境部), or dropped: every country has one.

>>> from silkgraph.extract.entities.discover import Token
>>> tokens = [Token("全球", "n", 0, 2), Token("能源", "n", 2, 4), Token("研究所", "n", 4, 7)]
>>> [c.name for c in find_org_candidates("全球能源研究所", tokens, [])]
['全球能源研究所']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from silkgraph.extract.entities.discover import (
    Candidate,
    Token,
    looks_like_chinese_name,
    looks_like_transliteration,
)
from silkgraph.extract.entities.registry import mint_id

__all__ = ["ORG_SUFFIXES", "find_org_candidates"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


#: Name suffix -> ontology kind. A forum (论坛) is an event, not an
#: organisation; 智库 (think tank) describes an organisation rather than ending its name.
ORG_SUFFIXES: dict[str, str] = {
    "专题伙伴关系": "ThematicPartnership",
    "研究中心": "ThinkTank",
    "研究院": "ThinkTank",
    "研究所": "ThinkTank",
    "研究会": "NGO",
    "委员会": "Organisation",
    "理事会": "Organisation",
    "秘书处": "Organisation",
    "办公室": "GovernmentBody",
    "代表处": "Organisation",
    "办事处": "Organisation",
    "管理处": "GovernmentBody",  # a reserve's or a wetland's administration: 湿地管理处
    "基金会": "NGO",
    "联盟": "Organisation",  # only as a word jieba knows: 阿拉伯国家联盟/nt (see below)
    "基金": "FinancialInstitution",
    "银行": "FinancialInstitution",
    "分行": "FinancialInstitution",  # a bank's branch: 中国银行伦敦分行 (parent: the bank)
    "分公司": "Company",
    "联合会": "NGO",
    "促进会": "NGO",
    "协会": "NGO",
    "学会": "NGO",
    "商会": "NGO",
    "大学": "University",
    "学院": "University",
    "科学院": "ThinkTank",
    "集团": "Company",
    "公司": "Company",
    "组织": "Organisation",
    "中心": "Organisation",
    "部": "GovernmentBody",
    "署": "GovernmentBody",
    "局": "GovernmentBody",
    "厅": "GovernmentBody",
    "司": "GovernmentBody",  # a ministry's department: 国际合作司, 替代能源发展与能效司
    "政府": "GovernmentBody",  # only a city's or province's: 内罗毕市政府 (see _grow)
    # A state's missions abroad: 中国驻塞内加尔大使馆, 老挝驻华大使馆 (the sending country first).
    "大使馆": "GovernmentBody",
    "总领事馆": "GovernmentBody",
    "领事馆": "GovernmentBody",
    "使馆": "GovernmentBody",
    # Venues: places, not organisations, though their names end like one (会议中心 ⊃ 中心).
    "国际会议中心": "Venue",
    "会议中心": "Venue",
    "会展中心": "Venue",
    "展览中心": "Venue",
    "博览中心": "Venue",
    "体育场": "Venue",
    "体育馆": "Venue",
    "大酒店": "Venue",
    "酒店": "Venue",
    "宾馆": "Venue",
    "饭店": "Venue",
    "大厦": "Venue",
    "会堂": "Venue",
    "礼堂": "Venue",
}
_BY_LENGTH = sorted(ORG_SUFFIXES, key=len, reverse=True)
_SINGLE = frozenset(s for s in ORG_SUFFIXES if len(s) == 1)
#: Suffixes of government bodies a country may precede as a place of its own: in
#: ``泰国能源部`` the country is a Place mention and the ministry's name is ``能源部``.
_GOVERNMENT_SINGLE = frozenset({"部", "署", "局", "厅", "司"})
# What a city or province government's name has right before 政府 (内罗毕市政府, 省人民政府).
_GOVERNED = ("市", "省", "州", "县", "区", "人民")
# Words that follow a name glued into one jieba token with its last word (大学教授, 部副):
# titles and the people of an organisation.
_AFTER_NAME = (
    "副", "常务", "执行", "首席", "教授", "院长", "校长", "主任", "主席", "部长", "局长", "司长",
    "署长", "处长", "厅长", "秘书长", "理事长", "会长", "行长", "总裁", "总经理", "董事长",
    "官员", "代表", "专家", "学者", "研究员", "博士", "学生", "学员", "负责人", "成员", "委员",
    "顾问", "特使", "大使", "总干事", "所长",
)
# Proper-noun flags; a venue needs one in its name (奥林匹克/nz 体育场, not 五星级酒店).
_PROPER_FLAGS = ("ns", "nr", "nz", "nt", "eng", "l")

# Words ending like an organisation that are not one.
_NOT_ORG = _words(
    "内部 外部 全部 局部 总部 东部 西部 南部 北部 中部 干部 本部 大部 下部 上部 "
    "底部 顶部 头部 面部 结局 格局 布局 大局 全局 当局 时局 开局 僵局 部署 签署 "
    "公署 客厅 大厅 餐厅 展厅 门厅 发布厅 会议厅 宴会厅 政府部门 各部 重心 核心 上司 官司 "
    "总司 各司 政府 地方政府 各级政府 中央政府 联邦政府 该酒店 "
    "信心 决心 爱心 初心 关心 放心 担心 用心 雄心 同心 民心 人心 主办方 国际组织 "
    "民间组织 非政府组织 社会组织 金融组织 基层组织 党组织 股份有限公司 有限公司 "
    "有限责任公司"
)
# Tokens that never belong to a name: grammar words and the verbs that surround names.
_STOP = _words(
    "的 地 得 在 由 于 对 向 从 以 被 把 将 为 是 有 了 着 过 也 还 已 均 都 即 又 "
    "再 并 或 其 该 本 各 这 那 此 每 等 之 所 据 经 同 跟 给 让 使 及其 以及 包括 "
    "其中 如 比如 例如 和 与 及 兼 暨 相关 有关 多家 一些 部分 其他 其它 来自 代表 "
    "出席 主办 承办 协办 支持 发起 成立 召开 举办 举行 参加 参与 加入 携手 通过 "
    "联合 共同 分别 作为 位于 设立 组建 牵头 依托 委托 邀请 会同 我们 他们 我国 "
    "各国 我 你 他 她 它 方 双方 各方 中方 外方 前 原 现任 时任 机构 单位 部门 "
    "智库 合作伙伴 伙伴 伙伴关系 成员 成员单位 会员 会员单位 旗下 下属 供应商 运营商 "
    "开发商 服务商 承包商 官员 专家 学者 人员 嘉宾 学员 学生 代表团 负责人 领导 "
    "教授 院长 校长 主任 主席 部长 局长 司长 署长 行长 总裁 秘书长 顾问 大使"
)
# Verbs and adverbs jieba tags v/vn/d that do occur inside organisation names.
_NAME_VERBS = _words(
    "发展 合作 改革 研究 开发 规划 投资 促进 管理 监督 建设 交流 治理 设计 咨询 "
    "服务 保护 应对 节约 创新 教育 培训 评估 认证 检测 监测 协调 互联 对外 自然 "
    "生态 经济 贸易 能源 环境 信息化 工业 开放 援助 减灾 防治 恢复 修复 增长 转型 "
    "规范 标准化 统计 审计 发改 环保 清洁 可持续 绿色 低碳 循环 气候 金融 科技 "
    "倡议 领导 振兴 保障 协作 联络 推广 开拓 进出口 出口 进口 转移 转让 孵化 示范 "
    "检验 传播 处置 利用 回收 储备 监管 执法 保育 救助 防灾 预警 救援 条约 联合 常设 "
    "污染 控制 青年 妇女 少年 儿童 交通运输"
)
# 第一海洋研究所, 第三研究室: an ordinal numbers a unit inside a name (jieba tags it m).
_ORDINAL = re.compile(r"第[一二三四五六七八九十百0-9]{1,3}")
# 驻华 / 驻 + a place: where a mission or an office is (世界银行驻华代表处, 中国驻塞内加尔大使馆).
_STATIONED = re.compile(r"驻[华京沪港澳]?")
# A company's legal form belongs to its name (宁波舟山港集团有限公司); jieba cuts it off.
_LEGAL_FORMS = frozenset({"有限公司", "有限责任公司", "股份有限公司", "股份公司"})
_STOP_FLAGS = ("v", "p", "c", "u", "r", "m", "q", "t", "d", "y", "e", "o", "x", "w", "nr", "eng")
_CONJUNCTIONS = frozenset({"与", "和", "及", "暨"})
# Two-character heads of government units (自然保护区总局), unlike 结局 or 内部.
_HEAD_UNITS = frozenset({"总局", "分局", "总署"})
# Words that make a body's name national: the same name after another country is another body.
_NATIONAL = ("国家", "国立", "全国", "中央")
_HYPHENS = frozenset({"-", "－", "—", "–"})
_DOT = "·"
# Words that do not make a name on their own: ``国际组织``, ``相关研究中心``.
_GENERIC = _words(
    "国际 国家 相关 有关 政府 地方 民间 非政府 多边 双边 区域 国内 国外 海外 中外 "
    "其他 主要 重要 知名 专业 行业 社会 公益 环保 科研 学术 高校 企业 合作 伙伴 "
    "成员 会员 研究 金融 投资 发展 管理 服务 信息 技术 工作 项目 部门 机构 单位 "
    "基层 上级 下属 直属 全国 各级 中央 联合 该 本 金融机构 研究机构 政府部门 新 "
    "老 大 小 商业 股份 有限 有限责任 控股 绿色 低碳 气候 开发 新闻 数据 媒体"
)
_GENERIC_HEADS = _words(
    "部门 机构 企业 单位 国家 政府 组织 社会 领域 人员 地区 城市 伙伴 伙伴关系 方面"
)
_GOVERNMENT_MARKS = ("国家", "国务院", "中央", "人民政府", "省", "市", "自治区", "县")
_INTERNATIONAL_MARKS = ("联合国", "世界", "国际", "全球", "亚洲", "欧洲", "非洲", "东盟")
_CLAUSE_STOPS = frozenset("。！？；;!?，,：:\n（）()“”")
_QUOTE_PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『"}

#: Longest organisation name taken from running text, in characters.
MAX_NAME = 28
#: How far left (characters) a bare ministry looks for the country of its clause.
COUNTRY_REACH = 24
#: Bare government bodies up to this length are qualified by their clause's country.
QUALIFY_MAX = 8

Span = tuple[int, int, str, str]  # start, end, family, entity id


def _suffix(word: str) -> str | None:
    for suffix in _BY_LENGTH:
        if word.endswith(suffix):
            return suffix
    return None


def find_org_candidates(
    text: str, tokens: Sequence[Token], spans: Sequence[Span]
) -> list[Candidate]:
    """Organisation candidates in ``text``, in order of their end; a candidate that took an
    earlier one in as its prefix follows it (keep the outermost for mentions, register both).

    ``spans`` are the entities recognised so far (gazetteer and places); a candidate that ends
    where a recognised organisation ends is that organisation and is not proposed, one that takes
    a recognised organisation in as its prefix gets it as ``parent_id``
    (``生态环境部对外合作与交流中心``), one that starts with a country gets its ``country_id``.
    """
    covering: dict[int, Span] = {}
    for span in spans:
        for at in range(span[0], span[1]):
            covering[at] = span
    tokens = split_glued(tokens)
    found: list[Candidate] = []
    for i, token in enumerate(tokens):
        suffix = _suffix(token.text)
        if suffix is None or token.text in _NOT_ORG:
            continue
        if suffix in _SINGLE and token.text != suffix and token.text not in _HEAD_UNITS and (
            len(token.text) < 3 or any(token.text.endswith(w) for w in _NOT_ORG if len(w) > 1)
        ):
            continue  # 内部, 新格局, 联合国总部: words ending in 部/局, not ministries
        if suffix == "联盟" and (token.text == suffix or token.flag != "nt"):
            continue  # only a league jieba knows (阿拉伯国家联盟/nt); 联盟 alone is the coalition
        here = covering.get(token.end - 1)
        if here is not None and here[2] == "Organisation" and here[1] == token.end:
            glued = (_glued_coordination(text, tokens, i, suffix, here, covering, found)
                     or _foreign_national(text, tokens, i, suffix, here, covering, found))
            if glued is not None:
                found.append(glued)
            continue  # a known organisation ends here (unless 生态和 + 自然资源部)
        if here is not None and here[2] != "Organisation":
            continue  # part of a person or a place
        if (suffix == "组织" and (token.text == suffix or token.flag.startswith("v"))
                and i + 1 < len(tokens) and _verbal_next(tokens[i + 1])):
            continue  # 组织召开: the verb, not the noun
        left = covering.get(token.start - 1)
        if token.text == "组织" and left is not None and left[2] == "Organisation" and (
            left[1] == token.start
        ):
            continue  # 联盟组织泰国…官员: a known organisation organises; no name ends here
        candidate = _grow(text, tokens, i, suffix, covering, found)
        if candidate is not None:
            found.append(candidate)
    return found


def split_glued(tokens: Sequence[Token]) -> list[Token]:
    """Cut tokens that jieba glued from a name's last word and what follows the name
    (``大学教授`` -> ``大学`` ``教授``, ``部副`` -> ``部`` ``副``), so the suffix is a token's end;
    join ``专题`` ``伙伴关系`` into the one suffix of a thematic partnership.

    >>> [t.text for t in split_glued([Token("大学教授", "n", 0, 4)])]
    ['大学', '教授']
    """
    out: list[Token] = []
    for token in tokens:
        if (out and out[-1].text == "专题" and token.text == "伙伴关系"
                and out[-1].end == token.start):
            out[-1] = Token("专题伙伴关系", "n", out[-1].start, token.end)  # one suffix
            continue
        if (out and token.text in _LEGAL_FORMS and out[-1].end == token.start
                and out[-1].text not in _STOP and _is_han(out[-1].text[-1])):
            last = out[-1]  # 集团|有限公司 -> one suffix token ending in 公司
            out[-1] = Token(last.text + token.text, "n", last.start, token.end)
            continue
        cut = next((k for k in range(1, len(token.text))
                    if _suffix(token.text[:k]) is not None
                    and token.text[k:].startswith(_AFTER_NAME)), None)
        if cut is None:
            out.append(token)
            continue
        out.append(Token(token.text[:cut], "n", token.start, token.start + cut))
        out.append(Token(token.text[cut:], "n", token.start + cut, token.end))
    return out


def _glued_coordination(
    text: str,
    tokens: Sequence[Token],
    i: int,
    suffix: str,
    known: Span,
    covering: dict[int, Span],
    found: list[Candidate],
) -> Candidate | None:
    """``生态和自然资源部``: a bare word and a conjunction before a known ministry's name make
    another ministry's name (``X和Y部`` shares the head), unlike ``生态环境部和自然资源部``, where
    the word before the conjunction is a name of its own.
    """
    if suffix not in _GOVERNMENT_SINGLE or known[0] < 2 or text[known[0] - 1] not in "和与及":
        return None
    j = next((k for k, t in enumerate(tokens) if t.start == known[0] - 1 and t.end == known[0]),
             None)
    if j is None or not _crossable(tokens, j, covering):
        return None
    local = {at: span for at, span in covering.items() if span != known}
    candidate = _grow(text, tokens, i, suffix, local, found)
    if candidate is None or candidate.start >= known[0] - 1:
        return None
    return candidate


def _foreign_national(
    text: str,
    tokens: Sequence[Token],
    i: int,
    suffix: str,
    known: Span,
    covering: dict[int, Span],
    found: list[Candidate],
) -> Candidate | None:
    """``巴西国家开发银行``: a known *national* body's name (国家开发银行, China's) right after a
    foreign country is that country's body of the same name, a different organisation.
    """
    name = text[known[0]:known[1]]
    place = covering.get(known[0] - 1)
    if (not name.startswith(_NATIONAL) or place is None or place[2] != "Place"
            or place[1] != known[0] or not _is_country(place[3]) or place[3] == "place/cn"):
        return None
    local = {at: span for at, span in covering.items() if span != known}
    candidate = _grow(text, tokens, i, suffix, local, found)
    if candidate is None or candidate.start > place[0]:
        return None
    return candidate


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _verbal_next(token: Token) -> bool:
    return token.flag.startswith("v") or token.text in {"了", "开展", "实施", "编写", "起草"}


def _grow(
    text: str,
    tokens: Sequence[Token],
    i: int,
    suffix: str,
    covering: dict[int, Span],
    found: list[Candidate],
) -> Candidate | None:
    """Walk left from the suffix token to the start of the name; None if it is no name."""
    end = tokens[i].end
    start = tokens[i].start
    parent_id: str | None = None
    country_id: str | None = None
    before: Span | None = None  # a country right before a government body's name (泰国|能源部)
    crossed = False  # a 和/与/及 inside the name: a ministry's list of portfolios may use 、
    distinctive = _distinctive(tokens[i].text[: len(tokens[i].text) - len(suffix)])
    by_end = {c.end: c for c in found}  # later (outer) candidates overwrite inner ones
    j = i - 1
    while j >= 0 and end - start < MAX_NAME:
        token = tokens[j]
        if token.end != start:
            break
        span = covering.get(token.end - 1)
        inner_start = covering.get(token.start)
        if span is None and inner_start is not None and inner_start[0] < token.start and (
            inner_start[2] == "Organisation"
        ):
            # 中国银行|业协会: jieba's word runs across a known name's end, so the known name is
            # only the start of this one (the banking association is no unit of the bank).
            start = inner_start[0]
            distinctive = True
            j = _token_before(tokens, j, start)
            continue
        if span is not None:
            if span[2] == "Person" or span[1] != token.end:
                break
            if span[2] == "Place" and suffix in _GOVERNMENT_SINGLE and _is_country(span[3]):
                before = span
                break
            if span[2] == "Organisation" and suffix == "专题伙伴关系":
                parent_id = span[3]  # the coalition that convenes it, a mention of its own
                break
            start = span[0]
            if span[2] == "Place":
                country_id = span[3]
            elif parent_id is None:
                parent_id = span[3]
            distinctive = True
            j = _token_before(tokens, j, start)
            continue
        if token.end in by_end:  # an organisation found just before: this one belongs to it
            inner = by_end[token.end]
            start = inner.start
            parent_id = parent_id or mint_id("Organisation", inner.name)
            country_id = inner.country_id
            distinctive = True
            j = _token_before(tokens, j, start)
            continue
        if token.text in _QUOTE_PAIRS:
            opening = text.rfind(_QUOTE_PAIRS[token.text], max(0, start - 10), start)
            if opening == -1:
                break
            start = opening
            distinctive = True
            j = _token_before(tokens, j, start)
            continue
        if token.text in _HYPHENS and j > 0 and tokens[j - 1].end == token.start and (
            covering.get(token.start - 1, ("", "", ""))[2] == "Place"
        ):
            start = token.start  # 中国-阿拉伯国家技术转移中心: a pair of places names it
            distinctive = True
            j -= 1
            continue
        if token.text in _CONJUNCTIONS or (token.text == "、" and crossed
                                           and suffix in _GOVERNMENT_SINGLE):
            if not _crossable(tokens, j, covering):
                break
            crossed = True
            start = token.start
            j -= 1
            continue
        if _ORDINAL.fullmatch(token.text) or _STATIONED.fullmatch(token.text):
            start = token.start  # 自然资源部|第一|海洋研究所, 世界银行|驻华|代表处
            if token.text.startswith("驻"):
                country_id = None  # 驻中国代表处: where the office is, not whose it is
            j -= 1
            continue
        if token.text == _DOT and j > 0 and tokens[j - 1].end == token.start and (
            covering.get(token.start - 1) is None and covering.get(token.end) is None
            and looks_like_transliteration(tokens[j - 1].text)
            and looks_like_transliteration(text[token.end:token.end + 2])
        ):
            start = token.start  # 谢赫·安塔·迪奥普大学: a person's name names the university
            country_id = None  # 乔治·华盛顿大学: a place inside the person's name is none
            j -= 1
            continue
        if not _name_part(token):
            break
        start = token.start
        distinctive = distinctive or _distinctive(token.text)
        j -= 1
    if tokens[i].start == start and len(tokens[i].text) == len(suffix):
        return None  # the suffix alone
    if text[start] in "驻·" or _ORDINAL.match(text, start):
        return None  # 驻华代表处, 第一研究所: whose? the owner's name is not in the text here
    while start < end and text[start] in "与和及暨、":
        start += 1
    first = covering.get(start)
    if country_id is None and first is not None and first[0] == start and first[2] == "Place" and (
        _is_country(first[3])
    ):
        country_id = first[3]  # 美国驻华大使馆/nt: one token that starts with its country
    name = text[start:end]
    if len(name) - len(suffix) < 2 or not distinctive:
        return None
    suffix = _suffix(name) or suffix  # 研究中心 ends in 中心 but is a think tank's suffix
    kind = _kind(suffix, name, country_id)
    if kind == "Venue":
        return _venue(tokens, start, end, name, covering, country_id)
    if suffix == "专题伙伴关系" and not any(
        start <= t.start and t.end <= end and t.text in _NAME_VERBS for t in tokens
    ):
        return None  # named by its topics (绿色, 生态, 治理…): not 建议专题伙伴关系
    if suffix == "政府" and not name.removesuffix("政府").endswith(_GOVERNED):
        return None  # 各国政府, 肯尼亚政府: the country, not a body the text names
    confidence = 0.6 + (0.1 if parent_id or country_id else 0.0)
    if suffix in _SINGLE and not (parent_id or country_id):
        country = None
        if before is not None:
            country = before[3], text[before[0]:before[1]]
        elif len(name) <= QUALIFY_MAX and not name.startswith(_INTERNATIONAL_MARKS):
            country = _clause_country(text, start, covering)
        if country is None and len(name) < 5:
            return None  # 环境部, 外交部: whose? every country has one
        if country is not None:
            country_id, country_label = country
            return Candidate(start, end, "Organisation", kind, country_label + name, "rule:suffix",
                             0.55, country_id=country_id)
        confidence = 0.5
    return Candidate(start, end, "Organisation", kind, name, "rule:suffix", confidence,
                     parent_id=parent_id, country_id=country_id)


def _venue(
    tokens: Sequence[Token], start: int, end: int, name: str, covering: dict[int, Span],
    place_id: str | None,
) -> Candidate | None:
    """A venue needs a proper name in it (``奥林匹克体育场``, ``丝绸之路国际会议中心``), not only
    describing words (``五星级酒店``, ``新建体育馆``).
    """
    if not _has_proper(tokens, start, end, covering, place_id):
        return None
    return Candidate(start, end, "Place", "Venue", name, "rule:suffix", 0.6, country_id=place_id)


def _has_proper(
    tokens: Sequence[Token], start: int, end: int, covering: dict[int, Span],
    place_id: str | None,
) -> bool:
    """Whether ``[start, end)`` holds a proper name: a place, a recognised entity, a token jieba
    tags as a proper noun (``阿拉伯国家联盟/nt``, ``奥林匹克/nz``) — not only describing words.
    """
    return place_id is not None or any(
        start <= t.start and t.end <= end
        and (t.flag.startswith(_PROPER_FLAGS) or covering.get(t.start) is not None)
        and (_suffix(t.text) is None or t.flag == "nt")
        for t in tokens
    )


def _is_country(entity_id: str) -> bool:
    """Countries' place ids are ``place/<ISO 3166 alpha-2>`` (the gazetteer's and place data's)."""
    code = entity_id.removeprefix("place/")
    return len(code) == 2 and code.isalpha()


def _token_before(tokens: Sequence[Token], j: int, start: int) -> int:
    while j >= 0 and tokens[j].start >= start:
        j -= 1
    return j


def _name_part(token: Token) -> bool:
    if token.text in _STOP or not token.text.strip():
        return False
    if token.text in _NAME_VERBS:
        return True
    if token.flag.startswith("nr") and (
        looks_like_transliteration(token.text)
        or (len(token.text) >= 3 and not looks_like_chinese_name(token.text))
    ):
        return True  # 洛克菲勒兄弟基金会, 圣保罗大学: a foreign name inside an organisation's name
    return not token.flag.startswith(_STOP_FLAGS)


def _distinctive(word: str) -> bool:
    return len(word) >= 2 and word not in _GENERIC and word not in _GENERIC_HEADS


def _crossable(tokens: Sequence[Token], j: int, covering: dict[int, Span]) -> bool:
    """Whether the conjunction at ``j`` lies inside a name (``工业和信息化部``)."""
    if j == 0:
        return False
    left = tokens[j - 1]
    # 北京大学|城市|与|环境学院: a generic word right after a known organisation is a unit's topic
    unit_topic = j >= 2 and _ends_organisation(tokens[j - 2], covering)
    return (
        left.end == tokens[j].start
        and covering.get(left.end - 1) is None
        and _suffix(left.text) is None
        and (left.text not in _GENERIC_HEADS or unit_topic)
        and _name_part(left)
    )


def _ends_organisation(token: Token, covering: dict[int, Span]) -> bool:
    span = covering.get(token.end - 1)
    return span is not None and span[2] == "Organisation" and span[1] == token.end


def _kind(suffix: str, name: str, country_id: str | None) -> str:
    if name.startswith("联合国") and suffix not in {"大学", "学院"}:
        return "IntergovernmentalOrganisation"
    kind = ORG_SUFFIXES[suffix]
    if suffix in {"委员会", "理事会", "办公室"}:
        if any(mark in name for mark in _GOVERNMENT_MARKS):
            return "GovernmentBody"
        return "Organisation"
    if suffix == "组织" and name.startswith(_INTERNATIONAL_MARKS[:2]):
        return "IntergovernmentalOrganisation"
    return kind


def _clause_country(text: str, start: int, covering: dict[int, Span]) -> tuple[str, str] | None:
    """The country named earlier in the same clause: ``捷克副总理兼环境部`` -> place/cz."""
    at = start - 1
    while at >= 0 and start - at <= COUNTRY_REACH and text[at] not in _CLAUSE_STOPS:
        span = covering.get(at)
        if span is not None and span[2] == "Place":
            return span[3], text[span[0]:span[1]]
        at -= 1
    return None
