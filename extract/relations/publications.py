"""Publications: reports and documents named in 《》, with publisher and date.

Not every 《》 is a publication. Decisions:

* laws and treaties (``《巴黎协定》``, ``《生物多样性公约》``, ``…法``, ``…条例``, ``…议定书``) are
  left out — they are instruments with parties, not documents with publishers, and deserve their
  own class if the graph ever needs them;
* speech titles (``发表题为《…》的讲话``) are left out;
* periodicals used as sources (``《当代金融家》刊文``, ``来源：《…》杂志``, ``…报``) are left out;
* everything else — reports, guides, declarations, principles, plans, catalogues, books — is kept.

The publisher is the organisation that ``发布/编写/撰写`` it (subject of the verb in the title's
clause, or after ``由``), or an organisation written directly before the title (``国合会《…》``).
The date is the nearest date before the verb in the sentence. Ids come from the squashed title, so
the same report named in two issues is one publication.
"""

from __future__ import annotations

import re

from silkgraph.extract.records import DateValue, Publication
from silkgraph.extract.relations.article import (
    ArticleView,
    EntitySpan,
    mention_id,
    short_hash,
    squash,
    subject_group,
)

__all__ = ["find_publications", "publication_id"]

_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_LEGAL = ("法", "法律", "条例", "公约", "协定", "议定书", "宪法", "修正案", "规定", "办法")
_PERIODICAL = ("报", "日报", "晚报", "杂志", "期刊", "周刊", "月刊", "学报", "时报")
_PERIODICAL_AFTER = re.compile(
    r"^(?:[（(][^）)]{0,80}[）)])?\s*(?:杂志|期刊|刊文|刊登|撰文|上发表|发表|上撰文|第\d)"
)
_PUBLISH = (
    "联合发布", "共同发布", "正式发布", "发布", "印发", "出版", "编写", "撰写", "编制", "推出",
    "翻译", "完成",
)


def publication_id(title: str) -> str:
    """``publication/<hash>`` of the squashed title: spacing and quote style do not matter."""
    return f"publication/{short_hash(squash(title), 12)}"


def _excluded(view: ArticleView, start: int, end: int, title: str) -> bool:
    core = re.sub(r"[（(][^）)]*[）)]$", "", title).strip()
    if core.endswith(_LEGAL) or core.endswith(_PERIODICAL):
        return True
    if view.text[max(0, start - 3) : start].endswith(("题为", "题目为")):
        return True
    if _PERIODICAL_AFTER.match(view.text[end : end + 90]):
        return True
    line_start, line_end = view.line_bounds(start)
    line = view.text[line_start:line_end].lstrip("（( ")
    return line.startswith(("来源", "原文", "资料来源"))


def _publishers(
    view: ArticleView, start: int, end: int, sentence: tuple[int, int]
) -> list[EntitySpan]:
    s_start, s_end = sentence
    before = view.ending_at(start, "Organisation")
    found: list[EntitySpan] = [before] if before is not None else []
    clause_start = max([s_start, *(view.text.rfind(c, s_start, start) + 1 for c in "，；")])
    head = view.text[clause_start:start]
    for verb in _PUBLISH:
        at = head.rfind(verb)
        if at >= 0:
            found += subject_group(view, clause_start, clause_start + at)
            break
    tail_end = min(s_end, end + 80)
    tail = view.text[end:tail_end]
    by = tail.find("由")
    if by >= 0:
        for verb in _PUBLISH:
            at = tail.find(verb, by)
            if at >= 0:
                found += view.within(end + by, end + at, "Organisation")
                break
    return list(dict.fromkeys(found))


def _date(view: ArticleView, start: int, sentence: tuple[int, int]) -> DateValue | None:
    s_start, s_end = sentence
    text = view.text[s_start:s_end]
    if not any(v in text for v in _PUBLISH):
        return None
    dates = [
        d
        for d in view.dates_within(s_start, s_end)
        if d.end <= start and not _inside_brackets(view, d.start, s_start)
    ]
    return dates[-1].begin if dates else None


def _inside_brackets(view: ArticleView, at: int, floor: int) -> bool:
    opened = view.text.rfind("《", floor, at)
    return opened >= 0 and view.text.find("》", opened, at) < 0


def find_publications(view: ArticleView) -> tuple[list[Publication], list[tuple[int, int, str]]]:
    """Publications of the article, merged by id, and the (start, end, id) of their titles."""
    found: dict[str, Publication] = {}
    spans: list[tuple[int, int, str]] = []
    for match in _TITLE.finditer(view.text):
        start, end = match.start(), match.end()
        if view.is_blocked(start):
            continue
        title = re.sub(r"\s+", "", match.group(1))
        if len(title) < 2 or _excluded(view, start, end, title):
            continue
        sentence = view.sentence_bounds(start)
        publishers = _publishers(view, start, end, sentence)
        pid = publication_id(title)
        evidence = [mention_id(view.article, match.start(1), match.end(1))]
        evidence += [mention_id(view.article, s.start, s.end) for s in publishers]
        publication = Publication(
            id=pid,
            title=title,
            publisher_ids=tuple(dict.fromkeys(s.entity_id for s in publishers)),
            date=_date(view, start, sentence),
            evidence=tuple(dict.fromkeys(evidence)),
            confidence=0.8 if publishers else 0.6,
        )
        spans.append((match.start(1), match.end(1), pid))
        previous = found.get(pid)
        if previous is not None:
            publication = Publication(
                id=pid,
                title=previous.title,
                publisher_ids=tuple(
                    dict.fromkeys((*previous.publisher_ids, *publication.publisher_ids))
                ),
                date=previous.date or publication.date,
                evidence=tuple(dict.fromkeys((*previous.evidence, *publication.evidence))),
                confidence=max(previous.confidence, publication.confidence),
            )
        found[pid] = publication
    return list(found.values()), spans
