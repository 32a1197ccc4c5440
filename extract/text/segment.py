"""Split a normalised source file into issues and articles.

The layout regions (:mod:`silkgraph.extract.text.layout`) do most of the work: a contact block
closes an issue and the next masthead opens one; tables of contents, contact blocks and mastheads
are never part of an article.  Inside an issue an article starts

* after a section banner that opens its page's content,
* after the previous article's source line ("（来源：新华社）", "（…供稿）"; a source line whose
  bracket stays open goes on over the next line: "（来源：RCR期刊，" / "原文链接…）"),
* at the top of a page when the first paragraph opens with a date ("2019年7月15-19日，…") or
  with the words of a table-of-contents entry the running article does not match,
* at an event notice — a paragraph announcing what "将于" happen, followed by "会议时间：" /
  "会议地点：" lines.

A fragment left without a heading, a date or a source line of its own after an article that has
one (a column the PDF cut in two) is joined back to the article before it.

Titles are chosen by :mod:`silkgraph.extract.text.headlines`.  Banners that stand after the
articles of their page (common in these PDFs) still give those articles their section; on a page
that carries both "活动预告" and another banner, the notices and tables take "活动预告".  An
article on a page without a banner inherits the section before it, unless that banner stood pages
away and the table of contents lists the article's title right before a banner.

Dates: an article's own date is the first full date of its first paragraph; the issue's date is
estimated from those (see :func:`estimate_issue_date`).  Dates without a year ("当地时间9月24日")
are read against the neighbouring issue's date, or the year the issue states most often.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from silkgraph.extract.records import Article, DateValue, Issue, Region
from silkgraph.extract.text.headlines import (
    Candidate,
    choose_titles,
    fallback_title,
    names_a_person,
    toc_pieces,
)
from silkgraph.extract.text.layout import Line, canonical_section, split_lines

__all__ = ["article_date", "estimate_issue_date", "segment"]

_CLOSING_KINDS = frozenset({"toc", "contact", "running_header"})
_SKIPPED_KINDS = _CLOSING_KINDS | {"page_furniture", "caption"}
_NOTICE_SECTION = "活动预告"

_SOURCE_LINE = re.compile(
    r"^[（(]\s*(来源|资料来源|供稿|稿件来源|文章来源|转载自|编译)\s*[:：].*$"
    r"|^[（(][^（）()]{2,60}供\s*稿\s*[)）]$"
    r"|^[（(][^（）()]{2,30}(网|社|报|杂志|期刊|中心|委员会)[)）]$"
)
_DATE_LEAD = re.compile(
    r"^(当地时间)?\s*(\d{4}\s*年\s*)?\d{1,2}\s*月(\s*\d{1,2}\s*日)?"
    r"|^(当地时间)?\s*\d{4}\s*年\s*(初|底|上半年|下半年)?\s*[，,]"
)
_LABEL = re.compile(r"^(会议|活动|论坛|培训|边会)?(时间|地点|日期|议程)\s*[:：]")
_FUTURE = re.compile(r"将于|将在|拟于|拟在|即将")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月")
_TITLE_MAX = 70
_TITLE_MIN = 6
_HEADING_MIN = 10  # shorter headings off the page top are subheadings ("共享政策标准")
_OPENING_CHARS = 400
_LEADING_BONUS = 0.3
_PAGE_TOP_BONUS = 0.6
_TRAILING_BONUS = 0.2
_SOURCE_MAX_LINES = 2
_TOC_MATCH = 0.75  # share of a table-of-contents entry a page-top paragraph must open with
_TOC_MATCH_LEAD = 0.2  # ... more than the running article's opening does
_TOC_MATCH_CHARS = 120
_TABLE_SHORT = 25
_TABLE_MIN_LINES = 6
_TABLE_SHARE = 0.6
_STALE_PAGES = 2
# Dates stated in an issue's articles further than this from their median are announcements
# of coming events or history, not the news of the issue.
_ISSUE_WINDOW_BEFORE = 180
_ISSUE_WINDOW_AFTER = 45


@dataclass(slots=True)
class _Draft:
    """An article being collected: its lines, in text order."""

    page: int
    first: int  # index (within the issue) of its first line
    leading: list[Line] = field(default_factory=list)  # headings before the first body line
    body: list[Line] = field(default_factory=list)
    trailing: list[Line] = field(default_factory=list)  # headings standing after the body
    source: list[Line] = field(default_factory=list)  # the source line, and its continuation
    tail: list[Line] = field(default_factory=list)  # captions right after it (kept in the span)
    notice: bool = False
    banner: bool = False  # a section banner opened it

    @property
    def source_text(self) -> str | None:
        return "".join(line.text.strip() for line in self.source) or None

    @property
    def last_page(self) -> int:
        return (self.source or self.body)[-1].page


@dataclass(slots=True)
class _IssueDraft:
    first: int
    last: int
    drafts: list[_Draft]
    titles: list[str]
    sections: list[str | None]
    date: DateValue | None


def segment(
    source_key: str, text: str, regions: tuple[Region, ...]
) -> tuple[tuple[Issue, ...], tuple[Article, ...]]:
    """Issues and articles of one normalised source text, given its layout regions.

    >>> from silkgraph.extract.text.layout import find_layout_regions
    >>> text = "联盟秘书处\\n\\n联盟动态\\n\\n2019年7月30日，会议在北京召开。\\n\\n（来源：新华社）"
    >>> issues, articles = segment("x", text, find_layout_regions(text))
    >>> [(a.key, a.section, a.title, a.source_line) for a in articles]
    [('x-i1-a1', '联盟动态', '会议在北京召开', '（来源：新华社）')]
    """
    lines = split_lines(text)
    kinds = _line_kinds(lines, regions)
    quoted = _quote_lines(lines, regions)
    drafted = [
        _draft_issue(
            text, lines[first : last + 1], kinds[first : last + 1], quoted[first : last + 1],
            first, last,
        )
        for first, last in _issue_ranges(lines, kinds)
    ]
    _date_undated_issues(text, lines, drafted)
    issues: list[Issue] = []
    articles: list[Article] = []
    for n, issue_draft in enumerate(drafted, start=1):
        key = f"{source_key}-i{n}"
        issues.append(
            Issue(
                key=key,
                source_key=source_key,
                index=n,
                start=lines[issue_draft.first].start,
                end=lines[issue_draft.last].end,
                date=issue_draft.date,
            )
        )
        for m, (draft, section, title) in enumerate(
            zip(issue_draft.drafts, issue_draft.sections, issue_draft.titles, strict=True),
            start=1,
        ):
            own = article_date(_first_paragraph(text, draft), reference=issue_draft.date)
            head = draft.leading[0] if draft.leading else draft.body[0]
            tail = max((*draft.body, *draft.source, *draft.tail), key=lambda line: line.end)
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
                    source_line=draft.source_text,
                    date=own or issue_draft.date,
                )
            )
    return tuple(issues), tuple(articles)


def _draft_issue(
    text: str, lines: tuple[Line, ...], kinds: list[str | None], quoted: list[bool],
    first: int, last: int,
) -> _IssueDraft:
    """Articles, titles, sections and the date of one issue (lines and kinds of the issue only)."""
    toc = [
        i for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))
        if kind == "toc" and len(line.text.strip()) >= _TITLE_MIN
        and not canonical_section(line.text.strip()) and not line.text.strip().startswith("——")
    ]
    drafts, banners = _drafts(text, lines, kinds, quoted, [lines[i].text.strip() for i in toc])
    openings = [_opening(text, d) for d in drafts]
    candidates = _candidates(lines, toc, drafts, openings)
    chosen = choose_titles(openings, candidates)
    drafts, chosen = _join_fragments(text, drafts, chosen)
    titles = [
        c.text if c is not None else fallback_title(_first_paragraph(text, d))
        for c, d in zip(chosen, drafts, strict=True)
    ]
    sections = _sections(lines, kinds, drafts, banners, titles, toc)
    # a notice's date is the event it announces, not the news of the issue
    own_dates = [
        article_date(_first_paragraph(text, d), reference=None) for d in drafts if not d.notice
    ]
    issue_date = estimate_issue_date([d for d in own_dates if d is not None])
    if issue_date is None:  # no article opens with a dated sentence: use any full date
        issue_date = estimate_issue_date(_full_dates(text[lines[0].start : lines[-1].end]))
    return _IssueDraft(first, last, drafts, titles, sections, issue_date)


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


def _quote_lines(lines: tuple[Line, ...], regions: tuple[Region, ...]) -> list[bool]:
    """Which lines lie in a quote box (a pull-quote and its "——name" signature)."""
    boxes = [r for r in regions if r.kind == "quote_box"]
    return [any(r.start <= line.start and line.end <= r.end for r in boxes) for line in lines]


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
    text: str, lines: tuple[Line, ...], kinds: list[str | None], quoted: list[bool],
    toc: list[str],
) -> tuple[list[_Draft], dict[int, list[tuple[int, str]]]]:
    """Collect the articles of one issue, and the section banners of each page."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    boundary = True  # the next prose line opens a new article
    banner = False  # ... and a section banner said so
    open_source = 0  # lines a still-open source bracket may take
    last_open: _Draft | None = None  # the article a banner interrupted, before its source line
    banners: dict[int, list[tuple[int, str]]] = {}  # page -> [(line index, section)]
    for i, line in enumerate(lines):
        kind = kinds[i]
        stripped = line.text.strip()
        if kind in _CLOSING_KINDS:
            current, boundary, open_source = None, True, 0
            continue
        if kind == "section_header":
            banners.setdefault(line.page, []).append((i, canonical_section(stripped) or stripped))
            boundary, banner, open_source = True, True, 0
            if current is not None and current.body:
                last_open = current
            current = None
            continue
        if kind in _SKIPPED_KINDS:
            if kind == "caption" and drafts and (current is None or current.body):
                (current or drafts[-1]).tail.append(line)
            continue
        if open_source and drafts:
            drafts[-1].source.append(line)
            closed = _balanced("".join(x.text for x in drafts[-1].source))
            open_source = 0 if closed else open_source - 1
            continue
        if _SOURCE_LINE.match(stripped) and current is not None and current.body:
            current.source.append(line)
            open_source = 0 if _balanced(stripped) else _SOURCE_MAX_LINES - 1
            current, boundary, last_open = None, True, None
            continue
        if quoted[i] and banner and last_open is not None:
            # a pull-quote never opens an article: it goes on the one the banner interrupted
            current, boundary, banner = last_open, False, False
        is_label = _LABEL.match(stripped) is not None
        notice = (
            line.paragraph_start and _FUTURE.search(stripped) is not None and not is_label
            and _label_follows(lines, kinds, i)
        )
        opens = (
            current is None or boundary
            or (notice and bool(current.body))
            or (line.page_start and _DATE_LEAD.match(stripped) is not None)
            or (line.page_start and line.paragraph_start and current is not None and current.body
                and _opens_toc_entry(text, line, current, toc))
        )
        trailing = _heading_like(stripped) and not stripped.startswith("——")
        if trailing and not _has_body_after(lines, kinds, i):
            # a title standing after its article (or a caption): a title candidate, not body
            if current is not None:
                current.trailing.append(line)
            elif drafts:
                drafts[-1].trailing.append(line)
            continue
        if opens or current is None:
            current = _Draft(page=line.page, first=i, banner=banner)
            drafts.append(current)
            boundary = banner = False
            last_open = None
        current.notice = current.notice or notice
        if not current.body and _heading_like(stripped) and _has_body_after(lines, kinds, i):
            current.leading.append(line)
        else:
            current.body.append(line)
    # drafts made only of headings (trailing titles, table rows) belong to no article
    return [d for d in drafts if d.body], banners


def _balanced(source: str) -> bool:
    return source.count("（") + source.count("(") <= source.count("）") + source.count(")")


def _label_follows(lines: tuple[Line, ...], kinds: list[str | None], i: int) -> bool:
    """True if the next prose line after ``i`` (on its page) is a "会议时间：" label."""
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].page != lines[i].page or kinds[j] is not None:
            return False
        if _LABEL.match(lines[j].text.strip()):
            return True
    return False


def _opens_toc_entry(text: str, line: Line, current: _Draft, toc: list[str]) -> bool:
    """True if ``line`` opens with a table-of-contents entry the running article does not."""
    here = _grams(text[line.start : line.start + _TOC_MATCH_CHARS])
    running = _grams(_opening(text, current))
    for entry in toc:
        for piece in toc_pieces(entry, 0, []):
            grams = _grams(piece.text)
            if len(grams) < 2 * _TITLE_MIN:
                continue
            share = len(grams & here) / len(grams)
            if share >= _TOC_MATCH and share - len(grams & running) / len(grams) >= _TOC_MATCH_LEAD:
                return True
    return False


def _grams(s: str) -> set[str]:
    s = re.sub(r"[\s“”‘’\"'《》（）()，、：:·]", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)}


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


def _candidates(
    lines: tuple[Line, ...], toc: list[int], drafts: list[_Draft], openings: list[str]
) -> list[Candidate]:
    """Title candidates: pieces of table-of-contents lines, and the headings next to articles."""
    out: list[Candidate] = []
    for i in toc:
        out += toc_pieces(lines[i].text.strip(), i, openings)
    for k, draft in enumerate(drafts):
        if draft.leading:
            top = draft.leading[0].page_start
            out += _heading_candidates(
                draft.leading, k, _PAGE_TOP_BONUS if top else _LEADING_BONUS,
                _TITLE_MIN if top else _HEADING_MIN,
            )
        out += _heading_candidates(draft.trailing, k, _TRAILING_BONUS, _HEADING_MIN)
    return out


def _heading_candidates(
    heads: list[Line], owner: int, bonus: float, shortest: int
) -> list[Candidate]:
    """Each heading line, and each run of lines of one paragraph (a wrapped title) joined."""
    out: list[Candidate] = []
    runs: list[list[Line]] = []
    for line in heads:
        if names_a_person(line.text):
            runs.append([])  # a name/title signature line breaks the run and is no title
            continue
        if runs and runs[-1] and not line.paragraph_start:
            runs[-1].append(line)
        else:
            runs.append([line])
    for run in runs:
        for a in range(len(run)):
            for b in range(a + 1, len(run) + 1):
                joined = "".join(x.text.strip() for x in run[a:b])
                if len(joined) >= shortest and not names_a_person(joined):
                    span = (run[a].start, run[b - 1].end)
                    out.append(Candidate(joined, run[0].start, span, owner=owner, bonus=bonus))
    return out


def _join_fragments(
    text: str, drafts: list[_Draft], chosen: list[Candidate | None]
) -> tuple[list[_Draft], list[Candidate | None]]:
    """Join an untitled, undated fragment to the sourced article before it.

    A column the PDF cut in two continues after the previous article's source line: it has no
    heading, does not open with a date, and either has no source line or repeats the one before.
    """
    kept: list[_Draft] = []
    titles: list[Candidate | None] = []
    for draft, title in zip(drafts, chosen, strict=True):
        prev = kept[-1] if kept else None
        fragment = (
            prev is not None and title is None and not draft.leading and not draft.notice
            and not draft.banner and prev.source and draft.page - prev.last_page <= 1
            and _DATE_LEAD.match(draft.body[0].text.strip()) is None
            and draft.source_text in (None, prev.source_text)
        )
        if prev is not None and fragment:
            prev.body += draft.body + draft.trailing  # its subheadings are no titles of prev
            prev.body.sort(key=lambda line: line.start)
            prev.tail += draft.tail
            prev.source = draft.source or prev.source
            continue
        kept.append(draft)
        titles.append(title)
    return kept, titles


def _sections(
    lines: tuple[Line, ...], kinds: list[str | None], drafts: list[_Draft],
    banners: dict[int, list[tuple[int, str]]], titles: list[str], toc: list[int],
) -> list[str | None]:
    """The section of each article (see the module docstring)."""
    sections: list[str | None] = []
    previous: str | None = None
    previous_page = -1  # the page of the banner ``previous`` came from
    for draft, title in zip(drafts, titles, strict=True):
        on_page = banners.get(draft.page, [])
        names = {name for _, name in on_page}
        if on_page and _NOTICE_SECTION in names and len(names) > 1:
            if draft.notice or _table_like(draft):
                on_page = [(i, n) for i, n in on_page if n == _NOTICE_SECTION]
            else:
                on_page = [(i, n) for i, n in on_page if n != _NOTICE_SECTION]
        if on_page:
            before = [name for idx, name in on_page if idx < draft.first]
            section = before[-1] if before else on_page[0][1]
            previous_page = draft.page
        else:
            section = previous
            if draft.page - previous_page >= _STALE_PAGES:
                section = _toc_section(lines, kinds, toc, title) or section
        sections.append(section)
        previous = section
    return sections


def _table_like(draft: _Draft) -> bool:
    body = draft.body
    short = sum(1 for line in body if len(line.text.strip()) <= _TABLE_SHORT)
    return len(body) >= _TABLE_MIN_LINES and short >= _TABLE_SHARE * len(body)


def _toc_section(
    lines: tuple[Line, ...], kinds: list[str | None], toc: list[int], title: str
) -> str | None:
    """The banner the table of contents lists right after the entry that best matches ``title``."""
    grams = _grams(title)
    if not grams or not toc:
        return None
    best = max(toc, key=lambda i: len(grams & _grams(lines[i].text)))
    if len(grams & _grams(lines[best].text)) < 0.7 * len(grams):
        return None
    nxt = best + 1
    if nxt < len(lines) and kinds[nxt] == "toc":
        return canonical_section(lines[nxt].text.strip())
    return None


def _opening(text: str, draft: _Draft) -> str:
    """The first characters of the article's own body (never the next article's)."""
    parts: list[str] = []
    for line in draft.body:
        parts.append(text[line.start : line.end])
        if sum(map(len, parts)) >= _OPENING_CHARS:
            break
    return "\n".join(parts)[:_OPENING_CHARS]


def _first_paragraph(text: str, draft: _Draft) -> str:
    first = draft.body[0]
    return text[first.start : first.end]


def _date_undated_issues(text: str, lines: tuple[Line, ...], drafted: list[_IssueDraft]) -> None:
    """Date an issue whose articles give no year, from its neighbours or the year it names."""
    for n, issue in enumerate(drafted):
        if issue.date is not None:
            continue
        before = [d.date for d in reversed(drafted[:n]) if d.date is not None]
        after = [d.date for d in drafted[n + 1 :] if d.date is not None]
        reference = (before or after or [None])[0]
        if reference is None:
            stated = text[lines[issue.first].start : lines[issue.last].end]
            years = Counter(_YEAR_MONTH.findall(stated))
            reference = DateValue(int(years.most_common(1)[0][0])) if years else None
        if reference is None:
            continue
        found = [article_date(_first_paragraph(text, d), reference=reference) for d in issue.drafts]
        issue.date = estimate_issue_date([d for d in found if d is not None])


def article_date(paragraph: str, *, reference: DateValue | None) -> DateValue | None:
    """The first full (day-precision) date stated in an article's first paragraph.

    >>> article_date("2019年7月30日，会议在北京召开。", reference=None)
    DateValue(year=2019, month=7, day=30)
    """
    from silkgraph.extract.text.dates import find_dates  # jionlp is heavy: load on first use

    for mention in find_dates(paragraph, reference=reference):
        if mention.begin.precision == "day":
            return mention.begin
    return None


def _full_dates(text: str) -> list[DateValue]:
    from silkgraph.extract.text.dates import find_dates

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
