"""Split a normalised source file into issues and articles.

The layout regions (:mod:`silkgraph.extract.layout`) do most of the work: a contact block closes
an issue and the next masthead opens one; tables of contents, contact blocks and mastheads are
never part of an article.  Inside an issue an article starts

* after a section banner that opens its page's content,
* after the previous article's source line ("（来源：新华社）", "（…供稿）"), or
* at the top of a page when the first paragraph opens with a date ("2019年7月15-19日，…").

Flattened PDFs put an article's title anywhere: before the body, after it, or only in the
issue's table of contents.  So the title is chosen, not found: every short standalone line of the
issue and every table-of-contents entry is a candidate, and the one whose characters best cover
the article's opening wins (the line right before the body gets a bonus).  Banners that stand
after the articles of their page (common in these PDFs) still give those articles their section.

Dates: an article's own date is the first full date of its first paragraph; the issue's date is
estimated from those (see :func:`estimate_issue_date`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from silkgraph.extract.layout import Line, canonical_section, split_lines
from silkgraph.extract.records import Article, DateValue, Issue, Region

__all__ = ["article_date", "estimate_issue_date", "segment"]

_CLOSING_KINDS = frozenset({"toc", "contact", "running_header"})
_SKIPPED_KINDS = _CLOSING_KINDS | {"page_furniture", "caption"}

_SOURCE_LINE = re.compile(
    r"^[（(]\s*(来源|资料来源|供稿|稿件来源|文章来源|转载自|编译)\s*[:：].*$"
    r"|^[（(][^（）()]{2,60}供\s*稿\s*[)）]$"
    r"|^[（(][^（）()]{2,30}(网|社|报|杂志|期刊|中心|委员会)[)）]$"
)
_DATE_LEAD = re.compile(
    r"^(当地时间)?\s*(\d{4}\s*年\s*)?\d{1,2}\s*月(\s*\d{1,2}\s*日)?"
    r"|^(当地时间)?\s*\d{4}\s*年\s*(初|底|上半年|下半年)?\s*[，,]"
)
_TITLE_MAX = 70
_TITLE_MIN = 6
_TITLE_MIN_SCORE = 0.5
_LEADING_BONUS = 0.2
_PAGE_TOP_BONUS = 0.6
_OPENING_CHARS = 400
_FALLBACK_TITLE = 40
# Dates stated in an issue's articles further than this from their median are announcements
# of coming events or history, not the news of the issue.
_ISSUE_WINDOW_BEFORE = 180
_ISSUE_WINDOW_AFTER = 45


@dataclass(slots=True)
class _Draft:
    """An article being collected: its lines, in text order."""

    page: int
    leading: list[Line] = field(default_factory=list)  # headings before the first body line
    body: list[Line] = field(default_factory=list)
    trailing: list[Line] = field(default_factory=list)  # headings standing after the body
    source: Line | None = None


def segment(
    source_key: str, text: str, regions: tuple[Region, ...]
) -> tuple[tuple[Issue, ...], tuple[Article, ...]]:
    """Issues and articles of one normalised source text, given its layout regions.

    >>> from silkgraph.extract.layout import find_layout_regions
    >>> text = "联盟秘书处\\n\\n联盟动态\\n\\n2019年7月30日，会议在北京召开。\\n\\n（来源：新华社）"
    >>> issues, articles = segment("x", text, find_layout_regions(text))
    >>> [(a.key, a.section, a.source_line) for a in articles]
    [('x-i1-a1', '联盟动态', '（来源：新华社）')]
    """
    lines = split_lines(text)
    kinds = _line_kinds(lines, regions)
    issues: list[Issue] = []
    articles: list[Article] = []
    for n, (first, last) in enumerate(_issue_ranges(lines, kinds), start=1):
        key = f"{source_key}-i{n}"
        drafts, sections = _drafts(lines[first : last + 1], kinds[first : last + 1])
        candidates = _title_candidates(lines[first : last + 1], kinds[first : last + 1], drafts)
        titles = _choose_titles(text, drafts, candidates)
        own_dates = [article_date(_first_paragraph(text, d), reference=None) for d in drafts]
        issue_date = estimate_issue_date([d for d in own_dates if d is not None])
        if issue_date is None:  # no article opens with a dated sentence: use any full date
            body = text[lines[first].start : lines[last].end]
            issue_date = estimate_issue_date(_full_dates(body))
        issue = Issue(
            key=key,
            source_key=source_key,
            index=n,
            start=lines[first].start,
            end=lines[last].end,
            date=issue_date,
        )
        issues.append(issue)
        for m, (draft, section, title) in enumerate(
            zip(drafts, sections, titles, strict=True), start=1
        ):
            first_par = _first_paragraph(text, draft)
            own = article_date(first_par, reference=issue_date)
            head = draft.leading[0] if draft.leading else draft.body[0]
            tail = draft.source or draft.body[-1]
            articles.append(
                Article(
                    key=f"{key}-a{m}",
                    issue_key=key,
                    index=m,
                    section=section,
                    title=title,
                    start=head.start,
                    end=tail.end,
                    body_start=draft.body[0].start,
                    body_end=draft.body[-1].end,
                    source_line=draft.source.text.strip() if draft.source else None,
                    date=own or issue_date,
                )
            )
    return tuple(issues), tuple(articles)


def _line_kinds(lines: tuple[Line, ...], regions: tuple[Region, ...]) -> list[str | None]:
    """The layout kind covering each line (``None`` for prose); quote boxes count as prose."""
    kinds: list[str | None] = [None] * len(lines)
    ordered = sorted((r for r in regions if r.kind != "quote_box"), key=lambda r: r.start)
    k = 0
    for i, line in enumerate(lines):
        while k < len(ordered) and ordered[k].end <= line.start:
            k += 1
        for region in ordered[k : k + 4]:
            if region.start <= line.start and line.end <= region.end:
                kinds[i] = region.kind
                break
    return kinds


def _issue_ranges(lines: tuple[Line, ...], kinds: list[str | None]) -> list[tuple[int, int]]:
    """Index ranges (inclusive) of the issues: a contact block closes an issue.

    A new issue opens at the first line after a contact block that is not itself contact; the
    closing contact block belongs to the issue it closes.
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    for i in range(len(lines)):
        closing = kinds[i] == "contact" and (i + 1 == len(lines) or kinds[i + 1] != "contact")
        if closing and any(k is None for k in kinds[start:i]):
            ranges.append((start, i))
            start = i + 1
    if start < len(lines) and any(k is None for k in kinds[start:]):
        ranges.append((start, len(lines) - 1))
    elif ranges and start < len(lines):
        ranges[-1] = (ranges[-1][0], len(lines) - 1)
    return ranges


def _drafts(
    lines: tuple[Line, ...], kinds: list[str | None]
) -> tuple[list[_Draft], list[str | None]]:
    """Collect the articles of one issue and the section each belongs to."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    boundary = True  # the next prose line opens a new article
    banners: dict[int, list[tuple[int, str]]] = {}  # page -> [(line index, section)]
    starts: list[int] = []  # line index of each draft's first line
    for i, line in enumerate(lines):
        kind = kinds[i]
        stripped = line.text.strip()
        if kind in _CLOSING_KINDS:
            current, boundary = None, True
            continue
        if kind == "section_header":
            banners.setdefault(line.page, []).append((i, canonical_section(stripped) or stripped))
            boundary = True
            continue
        if kind in _SKIPPED_KINDS:
            continue
        if _SOURCE_LINE.match(stripped) and current is not None and current.body:
            current.source = line
            current, boundary = None, True
            continue
        dated_page_top = line.page_start and _DATE_LEAD.match(stripped) is not None
        opens = current is None or boundary or dated_page_top
        trailing = _heading_like(stripped) and not stripped.startswith("——")
        if trailing and not _has_body_after(lines, kinds, i):
            # a title standing after its article (or a caption): a title candidate, not body
            if current is not None:
                current.trailing.append(line)
            elif drafts:
                drafts[-1].trailing.append(line)
            continue
        if opens:
            current = _Draft(page=line.page)
            drafts.append(current)
            starts.append(i)
            boundary = False
        if not current.body and _heading_like(stripped) and _has_body_after(lines, kinds, i):
            current.leading.append(line)
        else:
            current.body.append(line)
    # drafts made only of headings (trailing titles, table rows) belong to no article
    kept = [(d, s) for d, s in zip(drafts, starts, strict=True) if d.body]
    sections: list[str | None] = []
    previous: str | None = None
    for draft, start in kept:
        on_page = banners.get(draft.page, [])
        before = [name for idx, name in on_page if idx < start]
        section = before[-1] if before else (on_page[0][1] if on_page else previous)
        sections.append(section)
        previous = section
    return [d for d, _ in kept], sections


def _heading_like(text: str) -> bool:
    """A standalone line that could be a title: short, not a sentence, not a label or a date."""
    return (
        _TITLE_MIN <= len(text) <= _TITLE_MAX
        and not re.search(r"[。；！？]|[，、：:,]$", text)
        and not re.match(r"^[^，。]{2,6}[:：]", text)  # "会议时间：…", "联系人：…"
        and len(re.sub(r"[\d年月日\s\-—至:.]", "", text)) >= _TITLE_MIN // 2
    )


def _has_body_after(lines: tuple[Line, ...], kinds: list[str | None], i: int) -> bool:
    """True if prose follows line ``i`` on the same page (so ``i`` is not a trailing title)."""
    for j in range(i + 1, len(lines)):
        if lines[j].page != lines[i].page or kinds[j] is not None:
            return False
        if not _heading_like(lines[j].text.strip()):
            return True
    return False


def _title_candidates(
    lines: tuple[Line, ...], kinds: list[str | None], drafts: list[_Draft]
) -> list[str]:
    """Table-of-contents entries and the titles that stand after their articles."""
    out = [
        line.text.strip()
        for line, kind in zip(lines, kinds, strict=True)
        if kind == "toc" and _heading_like(line.text.strip())
        and not canonical_section(line.text.strip()) and not line.text.strip().startswith("——")
    ]
    out += [line.text.strip() for d in drafts for line in d.trailing]
    return list(dict.fromkeys(out))


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s“”‘’\"'《》（）()，、：:·]", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def _choose_titles(text: str, drafts: list[_Draft], candidates: list[str]) -> list[str]:
    """Pair articles with title candidates, best-covered pairs first, each candidate once.

    A candidate's score is the share of its character bigrams found in the article's opening;
    the article's own heading line (before its body) gets a bonus, a large one at a page top.
    Articles left without a title get their first sentence.
    """
    scored: list[tuple[float, int, str]] = []
    for k, draft in enumerate(drafts):
        opening = _bigrams(text[draft.body[0].start : draft.body[0].start + _OPENING_CHARS])
        leading = "".join(line.text.strip() for line in draft.leading)
        bonus = _PAGE_TOP_BONUS if draft.leading and draft.leading[0].page_start else _LEADING_BONUS
        for candidate in [leading, *candidates] if leading else candidates:
            grams = _bigrams(candidate)
            if len(grams) < _TITLE_MIN:
                continue
            score = len(grams & opening) / len(grams) + (bonus if candidate == leading else 0.0)
            if score >= _TITLE_MIN_SCORE:
                scored.append((score, k, candidate))
    titles: list[str | None] = [None] * len(drafts)
    used: set[str] = set()
    for _, k, candidate in sorted(scored, key=lambda t: -t[0]):
        if titles[k] is None and candidate not in used:
            titles[k] = candidate
            used.add(candidate)
    return [
        t if t is not None else _first_sentence(text, d)
        for t, d in zip(titles, drafts, strict=True)
    ]


def _first_sentence(text: str, draft: _Draft) -> str:
    first = text[draft.body[0].start : draft.body[0].end].strip()
    sentence = re.split(r"[。！？]", first, maxsplit=1)[0]
    return sentence[:_FALLBACK_TITLE] + ("…" if len(sentence) > _FALLBACK_TITLE else "")


def _first_paragraph(text: str, draft: _Draft) -> str:
    first = draft.body[0]
    return text[first.start : first.end]


def article_date(paragraph: str, *, reference: DateValue | None) -> DateValue | None:
    """The first full (day-precision) date stated in an article's first paragraph.

    >>> article_date("2019年7月30日，会议在北京召开。", reference=None)
    DateValue(year=2019, month=7, day=30)
    """
    from silkgraph.extract.dates import find_dates  # jionlp is heavy: load on first use

    for mention in find_dates(paragraph, reference=reference):
        if mention.begin.precision == "day":
            return mention.begin
    return None


def _full_dates(text: str) -> list[DateValue]:
    from silkgraph.extract.dates import find_dates

    return [m.begin for m in find_dates(text, reference=None) if m.begin.precision == "day"]


def estimate_issue_date(dates: list[DateValue]) -> DateValue | None:
    """The latest article date that is not an outlier: the issue reports recent news.

    Announcements ("将于12月召开") and history (a timeline going back years) are dates too, so
    the latest date outright would be an announcement; instead take the latest date within a
    window around the median of the articles' dates.

    >>> estimate_issue_date([DateValue(2019, 7, 30), DateValue(2019, 7, 1), DateValue(2021, 4)])
    DateValue(year=2019, month=7, day=30)
    """
    full = sorted(
        (date(d.year, d.month, d.day), d)
        for d in dates
        if d.month is not None and d.day is not None
    )
    if not full:
        return None
    median = full[len(full) // 2][0]
    window = [
        d for day, d in full
        if -_ISSUE_WINDOW_BEFORE <= (day - median).days <= _ISSUE_WINDOW_AFTER
    ]
    return window[-1]
