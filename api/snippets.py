"""Finding a mention in its article's text, for snippets and for marking up the text.

A mention's offsets point into the original newsletter file, whose line breaks and spaces the
normalisation changed, so they only *estimate* where the mentioned text is in the article's
(normalised) text; the mentioned text itself is searched for, nearest the estimate first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from silkgraph.api.pages import Cell

#: Characters of article text shown on each side of a mention.
SNIPPET_CHARS = 40


@dataclass
class Snippet:
    """The article text around a mention: before, the mentioned text, after."""

    before: str
    anchor: str
    after: str


def locate(text: str, anchor: str, estimate: int | None, taken: Sequence[range] = ()) -> int | None:
    """Where ``anchor`` occurs in ``text``: the occurrence nearest ``estimate`` (the mention's
    offset, shifted to the article), skipping occurrences overlapping ``taken``.

    Offsets in the graph point into the original file, whose line breaks normalisation removed,
    so the estimate is near but not exact.

    >>> locate("生态环境部和生态环境部", "生态环境部", 7)
    6
    """
    if not anchor:
        return None
    found: list[int] = []
    at = text.find(anchor)
    while at >= 0:
        span = range(at, at + len(anchor))
        if not any(span.start < t.stop and t.start < span.stop for t in taken):
            found.append(at)
        at = text.find(anchor, at + 1)
    if not found:
        return None
    return min(found, key=lambda at: abs(at - estimate)) if estimate is not None else found[0]


def snippet(text: str, anchor: str, estimate: int | None) -> Snippet | None:
    """The text around the occurrence of ``anchor`` nearest ``estimate``; None if absent.

    >>> snippet("甲乙丙", "乙", 1)
    Snippet(before='甲', anchor='乙', after='丙')
    """
    at = locate(text, anchor, estimate)
    if at is None:
        return None
    start, end = max(0, at - SNIPPET_CHARS), at + len(anchor)
    before = ("…" if start > 0 else "") + text[start:at]
    after = text[end : end + SNIPPET_CHARS] + ("…" if end + SNIPPET_CHARS < len(text) else "")
    return Snippet(before, anchor, after)


@dataclass
class Segment:
    """A piece of article text; a mention's piece links to what it mentions."""

    text: str
    mention: Cell | None = None


def segments(text: str, marks: Sequence[tuple[int, str, Cell]]) -> list[Segment]:
    """``text`` cut into plain pieces and mentions; ``marks`` are (estimated offset, anchor,
    link), located in order so that repeated names are matched left to right.

    >>> [s.text for s in segments("甲乙丙乙", [(3, "乙", Cell("x"))])]
    ['甲乙丙', '乙']
    """
    taken: list[tuple[range, Cell]] = []
    for estimate, anchor, link in sorted(marks, key=lambda m: m[0]):
        at = locate(text, anchor, estimate, [span for span, _ in taken])
        if at is not None:
            taken.append((range(at, at + len(anchor)), link))
    pieces: list[Segment] = []
    cursor = 0
    for span, link in sorted(taken, key=lambda item: item[0].start):
        if span.start > cursor:
            pieces.append(Segment(text[cursor : span.start]))
        pieces.append(Segment(text[span.start : span.stop], link))
        cursor = span.stop
    if cursor < len(text):
        pieces.append(Segment(text[cursor:]))
    return pieces
