"""Inline abbreviation definitions: ``X（以下简称“Y”）``, ``X（简称Y）``, ``X（UNEP）``.

Newsletters name an organisation in full once and then use a short form (``联盟``, ``分论坛``,
``UNEP``) for the rest of the article. The short forms are often ordinary words, so they are bound
only where the text defines them, and only after the definition; they never become global names.

>>> [(d.short, d.anchor) for d in find_definitions("世界资源研究所（以下简称“WRI”）发布")]
[('WRI', 7)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTES = "“”\"'‘’「」『』《》"

# 以下简称 / 下称 / 简称 / 以下称 / 英文简称 / 英文缩写 …, optionally followed by 为 or a colon
_INTRODUCER = re.compile(
    r"[（(]\s*(?:以下|下文|下)?(?:简称|称|缩写|英文简称|英文缩写|英文名称缩写)(?:为|是)?[:：]?\s*"
    r"(?P<shorts>[^（()）\n]{1,40}?)\s*[）)]"
)
# X(ACRONYM): an all-capitals Latin short form, e.g. （UNEP） （BRIGC） （UN-Habitat）
_ACRONYM = re.compile(r"[（(]\s*(?P<short>[A-Z][A-Za-z0-9&\-]{1,14})\s*[）)]")
_SPLIT = re.compile(r"\s*(?:或|或者|、|，|,|及|和|/)\s*")


@dataclass(frozen=True, slots=True)
class Definition:
    """One short form defined inline.

    ``anchor`` is the offset right before the opening parenthesis: the long form ends there.
    ``start``/``end`` cover the short form itself inside the parentheses.
    """

    short: str
    start: int
    end: int
    anchor: int
    acronym: bool


def find_definitions(text: str) -> list[Definition]:
    """Every inline definition in ``text``, in text order."""
    found: list[Definition] = []
    for match in _INTRODUCER.finditer(text):
        anchor = _anchor(text, match.start())
        offset = match.start("shorts")
        for piece in _split_keep_offsets(match.group("shorts"), offset):
            short, start = piece
            if 1 < len(short) <= 20:
                found.append(Definition(short, start, start + len(short), anchor, acronym=False))
    for match in _ACRONYM.finditer(text):
        short = match.group("short")
        if sum(ch.isupper() for ch in short) < 2 or not _chinese_before(text, match.start()):
            continue
        found.append(
            Definition(short, match.start("short"), match.end("short"), match.start(), True)
        )
    return sorted(found, key=lambda d: (d.start, d.short))


def _anchor(text: str, paren: int) -> int:
    """Where the long form ends: the parenthesis, skipping whitespace before it."""
    while paren > 0 and text[paren - 1].isspace():
        paren -= 1
    return paren


def _chinese_before(text: str, paren: int) -> bool:
    """A Latin acronym defines a short form only after a Chinese long form."""
    at = _anchor(text, paren)
    return at > 0 and ("\u4e00" <= text[at - 1] <= "\u9fff" or text[at - 1] in "”」』")


def _split_keep_offsets(shorts: str, offset: int) -> list[tuple[str, int]]:
    """Split ``“联盟”或“绿色联盟”`` into its short forms with their offsets, quotes stripped."""
    pieces: list[tuple[str, int]] = []
    position = 0
    for part in [*_SPLIT.split(shorts)]:
        at = shorts.find(part, position)
        position = at + len(part)
        lead = len(part) - len(part.lstrip(_QUOTES + " "))
        short = part.strip(_QUOTES + " ")
        if short and not any(q in short for q in _QUOTES):
            pieces.append((short, offset + at + lead))
    return pieces


def occurrences(text: str, short: str, after: int) -> list[tuple[int, int]]:
    """Offsets of ``short`` in ``text`` from ``after`` on; Latin short forms must stand alone
    (``UNEP`` is not found inside ``UNEPFI``).
    """
    found: list[tuple[int, int]] = []
    latin = short.isascii()
    start = text.find(short, after)
    while start != -1:
        end = start + len(short)
        if not latin or (
            (start == 0 or not text[start - 1].isalnum() or not text[start - 1].isascii())
            and (end == len(text) or not text[end].isalnum() or not text[end].isascii())
        ):
            found.append((start, end))
        start = text.find(short, end)
    return found
