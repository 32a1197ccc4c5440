"""Normalise PDF-extracted Chinese text while keeping a map back to every original character.

Text extracted from a newsletter PDF is hard-wrapped every few dozen characters, often inside a
name or a date, and carries stray spaces ("2019 年 4 月 25 日", "丹尼尔 · 拉塞尔").  Entity
matching works on characters, so those breaks must go; provenance must still point at the source
bytes, so every normalised character remembers the index of the original character it came from.

The rules are layout rules, not seed rules:

* line endings are unified; form feeds and runs of two or more blank lines are *page breaks*
  and become ``"\\n\\n\\n"``; a single blank line is a paragraph break, ``"\\n\\n"``;
* inside a paragraph a line that fills the paragraph's width was wrapped by the PDF and is joined
  to the next one (a break between two Latin words becomes a space); a line that stops short of
  the width ends a heading, a caption, a list entry or a paragraph and keeps its ``"\\n"``; a line
  starting with ``——`` (a signature) always starts a new line;
* spaces next to a CJK character, CJK punctuation or a middle dot are deleted, other runs of
  spaces collapse to one (Latin words keep their space);
* full-width ASCII letters and digits become half-width, middle-dot look-alikes become ``·``,
  exotic spaces become ``" "``; CJK punctuation (，。（）《》“”) is left alone.

Every step works on ``(char, original_index)`` pairs, so the offset map is exact by
construction: a character is either kept, replaced by its folded form, or dropped.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["NormalisedText", "fold_char", "normalise"]

PARAGRAPH_BREAK = "\n\n"
PAGE_BREAK = "\n\n\n"

# Middle-dot look-alikes used between the parts of transliterated names.
_DOTS = frozenset("\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u2e31\u16eb\u00b7")
# Horizontal white space other than the ASCII space.
_SPACES = frozenset("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                    "\u2009\u200a\u202f\u205f\u3000")
# Characters that carry nothing: zero-width marks, BOM, the decoder's replacement character.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\ufffd")
_SIGNATURE_DASHES = ("——", "--", "—")

# A wrapped line may end up to this many display columns short of the paragraph's widest line
# (justified PDF lines differ by a few half-width characters and a trailing punctuation mark).
_WRAP_SLACK_MIN = 5
_WRAP_SLACK_RATIO = 0.12
# Below this width a "paragraph" is a column of labels, not running prose.
_MIN_WRAP_WIDTH = 9

Pair = tuple[str, int]


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """The normalised text of one source, with ``offsets[i]`` = original index of ``text[i]``.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)`` so that half-open
    spans ending at the end of the text map cleanly.

    >>> n = normalise("2019 年 4 月\\n25 日")
    >>> n.text
    '2019年4月25日'
    >>> n.original_span(0, len(n.text))
    (0, 15)
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised half-open span ``[start, end)`` to the original text.

        The result covers the first and last original characters of the span, so deleted
        characters inside it (a line break, a stray space) are included, as a reader expects.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def fold_char(ch: str) -> str:
    """The character-level folding: full-width alnum -> ASCII, dots -> ``·``, spaces -> ``" "``.

    Returns ``""`` for characters that are dropped (zero-width marks, control characters).
    Line breaks (``\\n``, ``\\r``, ``\\f``) are returned unchanged; lines are handled later.
    """
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    if ch in _DOTS:
        return "·"
    if ch in _SPACES:
        return " "
    if ch in _INVISIBLE:
        return ""
    if ch in "\n\r\f":
        return ch
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return ""
    return ch


def is_cjk(ch: str) -> bool:
    """True for Han characters, CJK punctuation, full-width forms and the middle dot.

    These are the characters next to which a space is never meaningful in Chinese text.
    """
    if ch == "·":
        return True
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK symbols and punctuation, kana, unified ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or 0x2014 <= code <= 0x201F  # dashes and curly quotes, which Chinese typesets full-width
        or ch in "…※"
    )


def display_width(chars: str) -> int:
    """Columns a line occupies on the page: wide and ambiguous characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in chars)


def normalise(original: str) -> NormalisedText:
    """Normalise ``original`` (see the module docstring) and keep the offset map.

    >>> normalise("捷克副总理理查德 · 布拉贝茨").text
    '捷克副总理理查德·布拉贝茨'
    >>> normalise("第二届高峰论坛在\\n北京召开。\\n\\n\\n\\n下一页").text
    '第二届高峰论坛在北京召开。\\n\\n\\n下一页'
    """
    pairs = _fold(original)
    blocks = _blocks(pairs)
    out: list[Pair] = []
    for block in blocks:
        if out:
            out.extend(_separator(block.gap))
        out.extend(_squeeze_spaces(_join_lines(block)))
    text = "".join(c for c, _ in out)
    offsets = (*(i for _, i in out), len(original))
    return NormalisedText(original=original, text=text, offsets=offsets)


def _fold(original: str) -> list[Pair]:
    """Character folding, with ``\\r\\n`` and lone ``\\r`` turned into one ``\\n``."""
    pairs: list[Pair] = []
    for i, ch in enumerate(original):
        if ch == "\r":
            if i + 1 < len(original) and original[i + 1] == "\n":
                continue
            ch = "\n"
        folded = fold_char(ch)
        if folded:
            pairs.append((folded, i))
    return pairs


@dataclass(slots=True)
class _Block:
    """Consecutive non-blank lines, the line breaks between them and the gap before them."""

    gap: list[Pair]
    lines: list[list[Pair]]
    breaks: list[Pair]
    padded: list[bool]  # the line had trailing spaces after a non-Latin character


def _blocks(pairs: list[Pair]) -> list[_Block]:
    """Split into blocks of non-blank lines, each remembering the line breaks before it."""
    raw: list[tuple[list[Pair], Pair | None]] = []
    content: list[Pair] = []
    for pair in pairs:
        if pair[0] in "\n\f":
            raw.append((content, pair))
            content = []
        else:
            content.append(pair)
    raw.append((content, None))
    blocks: list[_Block] = []
    gap: list[Pair] = []
    pending: Pair | None = None  # the break that ended the last non-blank line
    for content, brk in raw:
        line = _strip(content)
        if not line:
            if brk is not None:
                gap.append(brk)
            continue
        padded = bool(content) and content[-1][0] == " " and not _latin(line[-1][0])
        if blocks and pending is not None and pending[0] != "\f" and not gap:
            blocks[-1].lines.append(line)
            blocks[-1].breaks.append(pending)
            blocks[-1].padded.append(padded)
        else:
            before = ([pending] if pending is not None else []) + gap
            blocks.append(_Block(gap=before, lines=[line], breaks=[], padded=[padded]))
        gap = []
        pending = brk
    return blocks


def _separator(gap: list[Pair]) -> list[Pair]:
    """A paragraph break, or a page break for two or more blank lines or a form feed.

    The separator's characters map to the original line breaks of the gap; a page break made
    of fewer original characters (a bare form feed) repeats the last one's index.
    """
    page = len(gap) >= 3 or any(c == "\f" for c, _ in gap)
    want = len(PAGE_BREAK) if page else len(PARAGRAPH_BREAK)
    indices = [i for _, i in gap[:want]]
    while len(indices) < want:
        indices.append(indices[-1])
    return [("\n", i) for i in indices]


def _strip(line: list[Pair]) -> list[Pair]:
    start, end = 0, len(line)
    while start < end and line[start][0] == " ":
        start += 1
    while end > start and line[end - 1][0] == " ":
        end -= 1
    return line[start:end]


def _join_lines(block: _Block) -> list[Pair]:
    """Join the wrapped lines of one block; ``block.breaks[k]`` ends ``block.lines[k]``.

    The paragraph's width is the median width of its non-final lines: justified PDF lines vary
    by a few columns (compressed punctuation, half-width digits), and a median ignores the odd
    long or short line.  Width is measured twice, in display columns and in characters, and a
    line is full when either measure says so: a PDF line with half-width digits is narrow in
    columns, a text wrapped at a character count is narrow in columns too, but neither is short
    in characters.  The first line of a paragraph is indented, so it gets two more characters of
    slack.  A break between two Han characters cuts a word, which a heading or a list entry
    never does: there a line three quarters full is enough.  A line padded with trailing spaces
    was ended by its text box (a title above its subtitle, a list entry), unless it is part of a
    ``——`` signature, which wraps.
    """
    lines, breaks = block.lines, block.breaks
    texts = ["".join(c for c, _ in line) for line in lines]
    widths = [display_width(t) for t in texts]
    counts = [len(t) for t in texts]
    full = _median(widths)
    full_count = _median(counts)
    signature = False
    out: list[Pair] = list(lines[0])
    for k in range(1, len(lines)):
        prev, nxt, brk = lines[k - 1], lines[k], breaks[k - 1]
        signature = _starts_signature(prev) or (signature and not _starts_signature(nxt))
        wrapped = (
            full >= _MIN_WRAP_WIDTH
            and _fills(widths[k - 1], counts[k - 1], full, full_count,
                       first=k == 1, inside_word=_han(prev[-1][0]) and _han(nxt[0][0]))
            and not _starts_signature(nxt)
            and (signature or not block.padded[k - 1])
        )
        if not wrapped:
            out.append(("\n", brk[1]))
        elif _latin(prev[-1][0]) and _latin(nxt[0][0]):
            out.append((" ", brk[1]))
        out.extend(nxt)
    return out


def _median(values: list[int]) -> int:
    """The upper median of all values but the last (a paragraph's last line is short)."""
    body = sorted(values[:-1]) or values
    return body[len(body) // 2]


#: A break between two Han characters is joined when the line is this full (see _join_lines).
_IN_WORD_RATIO = 0.85
#: Characters of first-line indent (two full-width spaces, usually dropped by the extraction).
_INDENT = 2


def _fills(width: int, count: int, full: int, full_count: int, *, first: bool,
           inside_word: bool) -> bool:
    """Whether a line of ``width`` columns and ``count`` characters fills its paragraph."""
    if inside_word and (width >= full * _IN_WORD_RATIO or count >= full_count * _IN_WORD_RATIO):
        return True
    slack = max(_WRAP_SLACK_MIN, int(full * _WRAP_SLACK_RATIO)) + (2 * _INDENT if first else 0)
    count_slack = max(2, int(full_count * _WRAP_SLACK_RATIO / 2)) + (_INDENT if first else 0)
    return width >= full - slack or count >= full_count - count_slack


def _han(ch: str) -> bool:
    """A Han ideograph (not punctuation): a break between two of them is inside a word."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _starts_signature(line: list[Pair]) -> bool:
    head = "".join(c for c, _ in line[:2])
    return head.startswith(_SIGNATURE_DASHES)


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ",.;:!?%)")


def _squeeze_spaces(pairs: list[Pair]) -> list[Pair]:
    """Delete spaces next to CJK characters; collapse other runs of spaces to one."""
    out: list[Pair] = []
    k = 0
    while k < len(pairs):
        ch, idx = pairs[k]
        if ch != " ":
            out.append((ch, idx))
            k += 1
            continue
        end = k
        while end < len(pairs) and pairs[end][0] == " ":
            end += 1
        before = out[-1][0] if out else "\n"
        after = pairs[end][0] if end < len(pairs) else "\n"
        if not (is_cjk(before) or is_cjk(after) or before == "\n" or after == "\n"):
            out.append((" ", idx))
        k = end
    return out
