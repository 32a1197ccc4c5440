"""Dates in normalised Chinese newsletter text, at the precision the text gives.

Two layers, because each is good at one thing:

* **Detection** is jionlp's time extractor (``jionlp.ner.extract_time``): a maintained grammar of
  Chinese time expressions that finds candidates with offsets, Chinese numerals included.
* **Interpretation** is a small grammar of our own over the surface form. jionlp resolves every
  expression to a full interval (``2019年`` -> 2019-01-01..2019-12-31), which loses the precision
  the graph needs (``xsd:gYear`` vs ``xsd:date``), and it happily returns durations (``两年``),
  times of day (``三点``), vague periods (``近年来``) and targets (``2030年前``). So each
  candidate is re-read here: only calendar dates and ranges are kept, with ``DateValue`` parts
  present exactly when the text states them.

Decisions (documented because a reader will want to know which way they went):

* ``当地时间`` ("local time") directly before a date sets ``local_time=True`` and *is included* in
  the mention's span, so the provenance shows the words that justify the flag.
* Times of day (``上午``, ``晚``, ``09:00``) after a date are left out of the span; the date keeps
  day precision.
* A vague sub-period coarsens to its container and stays in the span: ``2019年下半年`` and
  ``2019年底`` -> year 2019, ``9月底`` -> month 9. The value is true, just less precise.
* Open or approximate bounds are not event dates and are dropped: ``2030年前``, ``2020年后``,
  ``2055年左右``. ``以来``/``起`` ("since") keep their anchor date, without the tail.
* Year-only mentions are the risky ones. Dropped: editions (``2019年版``, ``2017年度版``), names of
  agendas, plans and targets (a following ``议程``/``目标``/``远景``/``愿景``/``展望``/``规划``
  within the same phrase), ``到2030年`` ("by 2030"), and — given a reference date — years more than
  ``TARGET_HORIZON`` years after it, which in a newsletter are horizons, not events. Bare numbers
  without ``年`` (``2019欧亚经济论坛``) are not read as years.
* Anything inside a ``《…》`` title is part of a title (``《绿色债券支持项目目录(2021年版)》``), not
  an event date, and is dropped.
* Dates without a stated year (``9月24日``, ``今年3月``) need a reference date and take its year;
  without one they are dropped, since a ``DateValue`` always has a year.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from silkgraph.extract.records import DateMention, DateValue

__all__ = ["TARGET_HORIZON", "find_dates", "parse_date"]

_LOG = logging.getLogger(__name__)

#: A year-only mention further than this many years after the reference year is a target.
TARGET_HORIZON = 2

_FULLWIDTH = str.maketrans("０１２３４５６７８９：", "0123456789:")
_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_RELATIVE_YEAR = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "明年": 1}
#: Months counted from the reference date ("将于下月在喀什举办"). ``当月`` is left out: it
#: usually means the month of the event just named, not of the issue.
_RELATIVE_MONTH = {"下个月": 1, "下月": 1, "本月": 0, "上个月": -1, "上月": -1}

_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_SMALL = r"(?:\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_SEP = r"[ \t]*(?:——|[-‐‑–—－~～至到])[ \t]*"

_YEAR_RANGE = re.compile(rf"(\d{{4}}){_SEP}(\d{{4}})年")
_YEAR_ONLY = re.compile(rf"({_YEAR})年")
_REL_YEAR = re.compile("|".join(_RELATIVE_YEAR))
_REL_MONTH = re.compile("(" + "|".join(_RELATIVE_MONTH) + ")(?![球光亮饼])")
_MONTH = re.compile(rf"({_SMALL})月份?")
_DAY = re.compile(rf"({_SMALL})[日号]")
_DAY_RANGE = re.compile(rf"({_SMALL}){_SEP}({_SMALL})[日号]")
_SEP_RE = re.compile(_SEP)
# A vague part of a year or month: the value coarsens to the container (see module docstring).
_YEAR_VAGUE = re.compile(r"(?:年[初底末中]|[底末]|初(?![步次期始])|[上下]半年|[春夏秋冬][季天])")
_MONTH_VAGUE = re.compile(r"(?:[上中下]旬|[底末]|初(?![步次期始]))")
# Bounds that make the date a deadline, a horizon or an approximation, not an event date.
_OPEN_TAIL = re.compile(r"(?:之前|之后|以前|以后|前后|左右|前(?![往来进行夕])|后(?![续来期]))")
_EDITION_TAIL = re.compile(r"度?[版级]")
# Words that make a preceding bare year part of the name of an agenda, plan or target.
_NAME_WORDS = re.compile(r"议程|目标|远景|愿景|展望|规划")
_PHRASE = re.compile(r"[^\s，。；：、,.;:！？!?（）()“”\"《》【】]{0,16}")
_LOCAL_TIME = re.compile(r"当地时间[ \t]*$")
_BY_YEAR = re.compile(r"(?:到|力争|争取)[ \t]*$")
_TITLE = re.compile(r"《[^《》]{1,120}》")
# jionlp skips a bare month ("在 9月联合国峰会期间"); these are found by this pattern as well.
_BARE_MONTH = re.compile(r"(?<![\d年月.])(?:1[0-2]|0?[1-9])月(?![\d日号])")
# "2019年8月、9月、11月": later members of a list take the year of the first one.
_LIST_JOINER = re.compile(r"[ \t]*[、和及与][ \t]*")


class _QuietJionlpLog:
    """Stands in for the stdlib ``logging`` module inside jionlp's time parser.

    jionlp reports every expression it cannot parse with module-level ``logging.error(traceback)``,
    which writes tracebacks to stderr and calls ``logging.basicConfig()`` on the root logger as a
    side effect. Those are jionlp's internal misses, so they go to our logger at DEBUG instead.
    """

    @staticmethod
    def error(msg: object, *args: object, **kwargs: object) -> None:
        _LOG.debug("jionlp: %s", msg)


@lru_cache(maxsize=1)
def _extract_time() -> Callable[..., list[dict[str, Any]]]:
    """Import jionlp once, quietly: its import prints a banner and may warn."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", SyntaxWarning)
            import jionlp
            from jionlp.gadget import time_parser
    except ImportError as exc:  # pragma: no cover - jionlp is a declared dependency
        raise ImportError(
            "silkgraph.extract.text.dates needs jionlp: pip install 'jionlp>=1.5'"
        ) from exc
    time_parser.logging = _QuietJionlpLog()
    return jionlp.ner.extract_time


def _small_number(token: str) -> int:
    """``"17"`` / ``"十七"`` / ``"二十"`` / ``"三十一"`` / ``"九"`` -> int."""
    if token.isdigit():
        return int(token)
    if "十" in token:
        tens, _, units = token.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)
    return _CN_DIGIT[token]


def _year_number(token: str) -> int:
    """``"2019"`` / ``"二〇一九"`` -> 2019 (Chinese years are read digit by digit)."""
    if token.isdigit():
        return int(token)
    return int("".join(str(_CN_DIGIT[ch]) for ch in token))


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A date expression read at one position: its extent and its (partial) values."""

    end: int
    begin: DateValue
    finish: DateValue | None
    has_year: bool  # the year was written (absolute), rather than taken from the reference
    relative: bool  # 今年/去年/明年


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1900 <= year <= 2100:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _read_year(
    text: str, pos: int, reference: DateValue | None
) -> tuple[int, int, int | None, bool] | None:
    """Year part at ``pos``: (end, year, range-end year, relative) or None."""
    if m := _YEAR_RANGE.match(text, pos):
        return m.end(), int(m[1]), int(m[2]), False
    if m := _YEAR_ONLY.match(text, pos):
        return m.end(), _year_number(m[1]), None, False
    if (m := _REL_YEAR.match(text, pos)) and reference is not None:
        return m.end(), reference.year + _RELATIVE_YEAR[m[0]], None, True
    return None


def _read_second(
    text: str, pos: int, first: DateValue, *, level: str
) -> tuple[int, DateValue] | None:
    """The end of a range after its separator; missing higher parts come from ``first``."""
    year = first.year
    end = pos
    explicit: list[str] = []
    if m := _YEAR_ONLY.match(text, end):
        year, end = _year_number(m[1]), m.end()
        explicit.append("year")
    month = first.month
    if level != "year" and (m := _MONTH.match(text, end)):
        month, end = _small_number(m[1]), m.end()
        explicit.append("month")
    day = None
    if level == "day" and (m := _DAY.match(text, end)):
        day, end = _small_number(m[1]), m.end()
        explicit.append("day")
    if not explicit or explicit[-1] != level:  # the second part must end at the first's precision
        return None
    if not _valid(year, month, day):
        return None
    finish = DateValue(year, month if level != "year" else None, day)
    if "year" not in explicit and _key(finish) < _key(first):  # 12月28日至1月2日: into next year
        finish = DateValue(year + 1, finish.month, finish.day)
    return end, finish


def _key(value: DateValue) -> tuple[int, int, int]:
    return value.year, value.month or 0, value.day or 0


def _parse_at(text: str, pos: int, reference: DateValue | None) -> _Parsed | None:
    """Read the longest date or date range starting exactly at ``pos`` (no context checks)."""
    if (rel_month := _relative_month(text, pos, reference)) is not None:
        return rel_month
    year_part = _read_year(text, pos, reference)
    end = pos
    year: int | None = None
    year_to: int | None = None
    relative = False
    if year_part is not None:
        end, year, year_to, relative = year_part
        if year_to is not None:  # 2019-2020年
            if not (_valid(year, None, None) and _valid(year_to, None, None)) or year_to < year:
                return None
            return _Parsed(end, DateValue(year), DateValue(year_to), True, False)
    has_year = year is not None and not relative
    month_match = _MONTH.match(text, end)
    if month_match is None:
        if year is None or not _valid(year, None, None):
            return None
        sep = _SEP_RE.match(text, end)
        second = sep and _read_second(text, sep.end(), DateValue(year), level="year")
        if second:
            return _Parsed(second[0], DateValue(year), second[1], has_year, relative)
        if m := _YEAR_VAGUE.match(text, end):
            end = m.end()
        return _Parsed(end, DateValue(year), None, has_year, relative)
    if year is None:
        if reference is None:
            return None
        year = reference.year
    month = _small_number(month_match[1])
    end = month_match.end()
    return _month_on(text, end, year, month, has_year=has_year, relative=relative)


def _relative_month(text: str, pos: int, reference: DateValue | None) -> _Parsed | None:
    """``下月``/``下个月``/``本月``/``上月`` (+ a day) counted from the reference month."""
    m = _REL_MONTH.match(text, pos)
    if m is None or reference is None or reference.month is None:
        return None
    index = reference.year * 12 + reference.month - 1 + _RELATIVE_MONTH[m[1]]
    return _month_on(text, m.end(), index // 12, index % 12 + 1, has_year=False, relative=True)


def _month_on(
    text: str, end: int, year: int, month: int, *, has_year: bool, relative: bool
) -> _Parsed | None:
    """The rest of a date after its month (``end``): a day, a day range, a range, a vague part."""
    if m := _DAY_RANGE.match(text, end):  # 7月1-3日
        day, day_to = _small_number(m[1]), _small_number(m[2])
        if not (_valid(year, month, day) and _valid(year, month, day_to)) or day_to < day:
            return None
        return _Parsed(
            m.end(), DateValue(year, month, day), DateValue(year, month, day_to), has_year, relative
        )
    if m := _DAY.match(text, end):
        begin = DateValue(year, month, _small_number(m[1]))
        end = m.end()
        level = "day"
    else:
        begin = DateValue(year, month)
        level = "month"
    if not _valid(begin.year, begin.month, begin.day):
        return None
    if (sep := _SEP_RE.match(text, end)) and (
        second := _read_second(text, sep.end(), begin, level=level)
    ) is not None:
        return _Parsed(second[0], begin, second[1], has_year, relative)
    if level == "month" and (m := _MONTH_VAGUE.match(text, end)):
        end = m.end()
    return _Parsed(end, begin, None, has_year, relative)


def _title_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TITLE.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < start and end < e for s, e in spans)


def _is_event_date(text: str, start: int, parsed: _Parsed, reference: DateValue | None) -> bool:
    """Context checks: drop deadlines, approximations, editions, named agendas and targets."""
    after = text[parsed.end :]
    if _OPEN_TAIL.match(after):
        return False
    if parsed.begin.month is not None:
        return True
    # Year precision from here on.
    if _EDITION_TAIL.match(after):
        return False
    phrase = _PHRASE.match(after)
    if phrase and _NAME_WORDS.search(phrase[0]):
        return False
    if parsed.finish is None and _BY_YEAR.search(text[max(0, start - 4) : start]):
        return False
    last = parsed.finish or parsed.begin
    return not (reference is not None and last.year > reference.year + TARGET_HORIZON)


def _in_list_with(text: str, previous: DateMention, pos: int, parsed: _Parsed) -> _Parsed:
    """A yearless date listed right after a dated one ("8月、9月") takes that one's year."""
    if _LIST_JOINER.fullmatch(text, previous.end, pos) is None:
        return parsed
    year = (previous.finish or previous.begin).year
    begin = DateValue(year, parsed.begin.month, parsed.begin.day)
    finish = parsed.finish and DateValue(year, parsed.finish.month, parsed.finish.day)
    if not _valid(year, begin.month, begin.day) or (
        finish is not None and not _valid(year, finish.month, finish.day)
    ):
        return parsed
    return _Parsed(parsed.end, begin, finish, True, False)


def _time_base(reference: DateValue | None) -> dict[str, int]:
    """jionlp's detection needs a base; our values never come from it, so any fixed one will do."""
    if reference is None:
        return {"year": 2000, "month": 1, "day": 1}
    return {"year": reference.year, "month": reference.month or 1, "day": reference.day or 1}


def find_dates(text: str, *, reference: DateValue | None) -> tuple[DateMention, ...]:
    """Calendar dates and date ranges in ``text``, sorted and non-overlapping.

    ``reference`` (the issue's or article's date) supplies the year of ``9月24日`` and resolves
    ``今年``/``去年``/``明年``; without it such dates are skipped. Offsets are relative to ``text``.

    >>> [m.text for m in find_dates("2019年4月25日至27日在北京举行", reference=None)]
    ['2019年4月25日至27日']
    >>> find_dates("当地时间9月24日", reference=DateValue(2019))[0].begin
    DateValue(year=2019, month=9, day=24)
    """
    plain = text.translate(_FULLWIDTH)  # same length: offsets stay valid
    found = _extract_time()(plain, time_base=_time_base(reference), with_parsing=False)
    candidates = sorted(
        [tuple(c["offset"]) for c in found]
        + [m.span() for m in _BARE_MONTH.finditer(plain)]
        + [m.span() for m in _REL_MONTH.finditer(plain)]
    )
    titles = _title_spans(plain)
    mentions: list[DateMention] = []
    last_end = 0
    for cand_start, cand_end in candidates:
        for pos in range(max(cand_start, last_end), cand_end):
            parsed = _parse_at(plain, pos, reference)
            if parsed is not None:
                break
        else:
            continue
        if mentions and not parsed.has_year and not parsed.relative:
            parsed = _in_list_with(plain, mentions[-1], pos, parsed)
        if _inside(titles, pos, parsed.end) or not _is_event_date(plain, pos, parsed, reference):
            continue
        start = pos
        local = _LOCAL_TIME.search(plain[max(0, pos - 8) : pos])
        if local is not None:
            start = pos - len(local[0])
        mentions.append(
            DateMention(
                start=start,
                end=parsed.end,
                text=text[start : parsed.end],
                begin=parsed.begin,
                finish=parsed.finish,
                local_time=local is not None,
            )
        )
        last_end = parsed.end
    return tuple(mentions)


_TIME_OF_DAY = re.compile(
    r"(?:[上下中]午|晚上?|早上?|凌晨|夜间?|\d{1,2}[点时](?:半|\d{1,2}分)?"
    r"|\d{1,2}:\d{2}(?:" + _SEP + r"\d{1,2}:\d{2})?)*"
)


def parse_date(
    text: str, *, reference: DateValue | None
) -> tuple[DateValue, DateValue | None] | None:
    """Read one whole date expression: ``(begin, finish)``, ``finish`` None unless a range.

    The whole string must be a date (``"2019年版"`` is not); a leading ``当地时间`` and a trailing
    time of day are allowed. Partial dates take the reference's year.

    >>> parse_date("2019年11月28日至12月1日", reference=None)
    (DateValue(year=2019, month=11, day=28), DateValue(year=2019, month=12, day=1))
    >>> parse_date("2019年", reference=None)
    (DateValue(year=2019, month=None, day=None), None)
    """
    plain = text.strip().translate(_FULLWIDTH)
    plain = plain.removeprefix("当地时间").lstrip()
    parsed = _parse_at(plain, 0, reference)
    if parsed is None:
        return None
    rest = _TIME_OF_DAY.match(plain, parsed.end)
    if rest is None or rest.end() != len(plain):
        return None
    return parsed.begin, parsed.finish
