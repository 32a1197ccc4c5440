"""Recognise the layout of a normalised newsletter: what is page furniture, not running prose.

A PDF newsletter flattened to text interleaves its columns: the masthead repeats at the start of
every issue, each issue opens with a table of contents, each ends with a contact block and a
boilerplate description of the coalition, section banners ("联盟动态") sit before *or after* the
articles of their page, and pull-quotes with "——name" signatures cut into the body.  The
segmenter must not read those as articles, and the extractors must not draw facts from a table
of contents, so this module marks them as :class:`Region` s of the normalised text.

Everything works on lines of the normalised text (see :mod:`silkgraph.extract.text.normalise`):
``"\\n\\n\\n"`` separates pages, ``"\\n\\n"`` paragraphs, ``"\\n"`` standalone lines.  The cues are
layout cues (short lines, repetition, position on the page, a closed vocabulary of section and
contact labels), not the seeds' exact strings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from silkgraph.extract.records import Region

__all__ = [
    "SECTION_NAMES",
    "Line",
    "canonical_section",
    "find_layout_regions",
    "split_lines",
]

#: Section banners of the coalition's newsletters, canonical spelling first.
SECTION_NAMES = (
    "绿色丝路新闻",
    "联盟动态",
    "专题工作进展",
    "观点与动态",
    "观点",
    "伙伴动态",
    "活动预告",
    "研究进展",
    "合作伙伴动态",
    "政策动态",
)
# Banners whose decoration swallowed their first characters when the PDF was flattened.
_SECTION_ALIASES = {"动态": "联盟动态"}

_MAX_HEADER_LEN = 30  # a running header / masthead is one short line
_MAX_TOC_ENTRY_LEN = 90
_MAX_SIGNATURE_LEN = 80
_MIN_REPEATS = 3

_CONTACT_STRONG = re.compile(r"^(更多信息|欢迎点击|联系秘书处|联系方式|联系我们|联系人[:：])")
_CONTACT_WEAK = re.compile(
    r"^(秘书处|咨询委员会联络人|电话[:：]?|传真[:：]?|邮箱[:：]?|网址[:：]?|地址[:：]?|"
    r"E-?mail[:：]?|Tel[:：.]?|Fax[:：.]?|\+?[\d\-() ]{7,}$)",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"^(图\d*[:：为]|图片[:：]|摄影[:：]|\(图|（图)|(（摄）|摄）|供图）|摄)$")
_PAGE_NUMBER = re.compile(r"^(\d{1,3}|-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页|目录|CONTENTS?)$", re.I)
_SENTENCE_END = re.compile(r"[。！？!?；;]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of normalised text with its half-open offsets and position on the page."""

    start: int
    end: int
    text: str
    page: int  # 0-based page index (pages are separated by "\n\n\n")
    paragraph_start: bool  # preceded by a blank line, a page break or the start of text
    page_start: bool  # first line of its page


def split_lines(text: str) -> tuple[Line, ...]:
    """The non-empty lines of ``text`` with their offsets, pages and paragraph starts.

    >>> [(l.text, l.page) for l in split_lines("a\\nb\\n\\n\\nc")]
    [('a', 0), ('b', 0), ('c', 1)]
    """
    lines: list[Line] = []
    page = 0
    newlines = 2  # as if preceded by a paragraph break
    first_on_page = True
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            newlines += 1
            continue
        if newlines >= 3 and lines:
            page += 1
            first_on_page = True
        lines.append(
            Line(start, end, raw, page, paragraph_start=newlines >= 2, page_start=first_on_page)
        )
        first_on_page = False
        newlines = 1
    return tuple(lines)


def canonical_section(line: str) -> str | None:
    """The canonical section name if ``line`` is a section banner, garbled or not.

    >>> canonical_section("联盟动态联盟动态联盟动态"), canonical_section("观点与动 态")
    ('联盟动态', '观点与动态')
    >>> canonical_section("联盟动态是联盟的工作") is None
    True
    """
    compact = re.sub(r"\s+", "", line)
    for name in (*SECTION_NAMES, *_SECTION_ALIASES):
        if compact and re.fullmatch(f"(?:{re.escape(name)}){{1,4}}", compact):
            return _SECTION_ALIASES.get(name, name)
    return None


def find_layout_regions(text: str) -> tuple[Region, ...]:
    """Regions of ``text`` (normalised) that are layout rather than prose, sorted by start.

    Kinds: ``running_header``, ``toc``, ``contact``, ``caption``, ``quote_box``,
    ``page_furniture`` and ``section_header``.  Quote boxes stay inside articles (they say who
    said what); the other kinds are never part of an article's body.

    >>> [r.kind for r in find_layout_regions("联盟秘书处\\n\\n联盟动态\\n\\n正文。")]
    ['running_header', 'section_header']
    """
    lines = split_lines(text)
    headers = _running_headers(lines)
    contact = _contact_lines(lines, headers)
    toc = _toc_lines(lines, headers)
    regions: list[Region] = []
    regions += [Region("running_header", lines[i].start, lines[i].end) for i in sorted(headers)]
    regions += _merge(lines, contact, "contact")
    regions += _merge(lines, toc, "toc")
    taken = headers | contact | toc
    for i, line in enumerate(lines):
        if i in taken:
            continue
        stripped = line.text.strip()
        if canonical_section(stripped):
            regions.append(Region("section_header", line.start, line.end))
        elif _PAGE_NUMBER.match(stripped):
            regions.append(Region("page_furniture", line.start, line.end))
        elif _CAPTION.search(stripped) and len(stripped) <= _MAX_TOC_ENTRY_LEN:
            regions.append(Region("caption", line.start, line.end))
    regions += _quote_boxes(lines, taken)
    return tuple(sorted(regions, key=lambda r: (r.start, r.end)))


def _short_label(text: str) -> bool:
    return len(text) <= _MAX_HEADER_LEN and not re.search(r"[，。；！？,;]", text)


def _running_headers(lines: tuple[Line, ...]) -> set[int]:
    """The masthead (the first line, when it is a short label) and short lines that repeat.

    Section banners and contact labels repeat too, but belong to their own kinds.
    """
    def eligible(t: str) -> bool:
        bracketed = t[:1] in "（(" or t[-1:] in "）)"  # source lines and contact names
        return (
            _short_label(t) and not bracketed and not canonical_section(t) and not _is_contact(t)
        )

    counts = Counter(line.text.strip() for line in lines)
    labels = {t for t, n in counts.items() if n >= _MIN_REPEATS and eligible(t)}
    if lines and eligible(lines[0].text.strip()):
        labels.add(lines[0].text.strip())
    # a repeated line is furniture only where it stands alone, not inside a paragraph
    return {
        i for i, line in enumerate(lines)
        if line.text.strip() in labels and line.paragraph_start and _ends_paragraph(lines, i)
    }


def _ends_paragraph(lines: tuple[Line, ...], i: int) -> bool:
    return i + 1 == len(lines) or lines[i + 1].paragraph_start


def _is_contact(text: str) -> bool:
    return bool(_CONTACT_STRONG.match(text) or _CONTACT_WEAK.match(text))


def _contact_lines(lines: tuple[Line, ...], headers: set[int]) -> set[int]:
    """From the first contact label of a page to the page's end (or the next masthead).

    The boilerplate description of the coalition that follows the labels is part of the block.
    A page qualifies only if it holds a strong label ("更多信息，欢迎点击", "联系秘书处" …).
    """
    result: set[int] = set()
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        pages.setdefault(line.page, []).append(i)
    in_block = False
    for page in sorted(pages):
        members = pages[page]
        texts = [lines[i].text.strip() for i in members]
        if any(_CONTACT_STRONG.match(t) for t in texts):
            first = next(i for i, t in zip(members, texts, strict=True) if _is_contact(t))
        elif in_block and all(_short_label(t) for t in texts):
            first = members[0]  # the labels of a contact block spilled onto the next page
        else:
            in_block = False
            continue
        in_block = True
        for i in members:
            if i in headers and i > first:
                in_block = False
                break
            if i >= first:
                result.add(i)
    return result


def _toc_lines(lines: tuple[Line, ...], headers: set[int]) -> set[int]:
    """The rest of an issue's first page, after its masthead, when it reads as a list.

    A table of contents is a run of short lines (titles and section banners) with hardly any
    sentence; a masthead followed directly by prose opens an issue without one.
    """
    result: set[int] = set()
    for h in sorted(headers):
        page = lines[h].page
        members = [i for i in range(h + 1, len(lines)) if lines[i].page == page]
        members = [i for i in members if i not in headers]
        if not members:
            continue
        texts = [lines[i].text.strip() for i in members]
        long_or_prose = sum(
            1 for t in texts if len(t) > _MAX_TOC_ENTRY_LEN or _SENTENCE_END.search(t)
        )
        if len(texts) >= 2 and long_or_prose <= len(texts) // 5:
            result.update(members)
    return result


def _quote_boxes(lines: tuple[Line, ...], taken: set[int]) -> list[Region]:
    """A "——title name" signature and the paragraph it signs.

    Paragraphs that merely start with a dash ("——坚持绿色发展。…") are prose, not signatures:
    a signature is short and has no sentence punctuation.
    """
    regions: list[Region] = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if i in taken or not text.startswith("——") or len(text) > _MAX_SIGNATURE_LEN:
            continue
        if _SENTENCE_END.search(text) or not line.paragraph_start:
            continue
        j = i - 1
        while j > 0 and not lines[j].paragraph_start:
            j -= 1
        signed = j >= 0 and lines[j].page == line.page and j not in taken
        start = lines[j].start if signed else line.start
        regions.append(Region("quote_box", start, line.end))
    return regions


def _merge(lines: tuple[Line, ...], members: set[int], kind: str) -> list[Region]:
    """Turn a set of line indices into regions, one per run of consecutive lines."""
    regions: list[Region] = []
    run: list[int] = []
    for i in sorted(members):
        if run and i != run[-1] + 1:
            regions.append(Region(kind, lines[run[0]].start, lines[run[-1]].end))
            run = []
        run.append(i)
    if run:
        regions.append(Region(kind, lines[run[0]].start, lines[run[-1]].end))
    return regions
