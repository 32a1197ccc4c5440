"""Quotes: words attributed to a person.

Three shapes cover the newsletters' reported speech:

* a pull quote followed by a signature line ``——title name``: the quote is the text between the
  previous paragraph break (or the previous signature) and the signature;
* ``name(在…中)表示/指出/强调…，…``: the quote is what follows the verb — the quoted words when a
  “…” follows directly, otherwise the rest of the paragraph (reported speech runs on);
* ``“…”name说``: the quoted words before the speaker.

Speakers are Person spans, including the persons found by title chains, which is why quotes run
after :mod:`silkgraph.extract.relations.titles`.
"""

from __future__ import annotations

import re
from functools import cache

from silkgraph.extract.records import Quote
from silkgraph.extract.relations.article import ArticleView, EntitySpan, lexicon
from silkgraph.extract.relations.titles import Position

__all__ = ["find_quotes"]

#: A pull quote longer than this is a misread layout block, not one person's words.
MAX_QUOTE = 1500
MIN_QUOTE = 6

# What may stand between a speaker and the speech verb: "在致辞中", "在开场发言中", "在会上", "也".
_BRIDGE = re.compile(
    r"(?:部长|主席|先生|女士)?(?:在[^，。；：“”\n]{1,12}?[中上时])?(?:也|还|则|进一步|特别|再次|同时)?"
)


@cache
def _verb_pattern() -> re.Pattern[str]:
    verbs = sorted(lexicon("roles")["speech_verbs"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, verbs)) + r")(?:说|道)?\s*[，,：:]?\s*")


def _quote(
    view: ArticleView, speaker: EntitySpan, start: int, end: int, conf: float
) -> Quote | None:
    while start < end and view.text[start] in " \n\t":
        start += 1
    while end > start and view.text[end - 1] in " \n\t":
        end -= 1
    if view.text[start : start + 1] == "“" and _closing_quote(view.text, start) == end:
        start, end = start + 1, end - 1  # a whole quotation: the words without the marks
    if not MIN_QUOTE <= end - start <= MAX_QUOTE:
        return None
    doc_start = view.article.start + start
    return Quote(
        id=f"{view.article.key}-q{doc_start}",
        article_key=view.article.key,
        speaker_id=speaker.entity_id,
        text=view.text[start:end],
        start=doc_start,
        end=view.article.start + end,
        orig_start=-1,
        orig_end=-1,
        confidence=conf,
    )


def _closing_quote(text: str, start: int) -> int:
    """Index just past the ” matching the “ at ``start`` (nested quotes allowed), or -1."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "“":
            depth += 1
        elif text[i] == "”":
            depth -= 1
            if depth == 0:
                return i + 1
        elif text[i : i + 2] == "\n\n":
            return -1
    return -1


def _signature_quote(view: ArticleView, position: Position) -> Quote | None:
    """The pull quote above a ``——title name`` signature."""
    line_start, _ = view.line_bounds(position.items[0].start)
    end = line_start
    while end > 0 and view.text[end - 1] in " \t\n":
        end -= 1  # the pull quote may stand a blank line above its signature
    para_start, _ = view.paragraph_bounds(max(0, end - 1))
    # a block may hold several quote + signature pairs: start after the previous signature
    previous = view.text.rfind("\n——", para_start, max(para_start, end - 1))
    start = para_start
    if previous >= 0:
        start = view.line_bounds(previous + 1)[1]
    return _quote(view, position.person, start, end, 0.85)


def _verb_quotes(view: ArticleView, speaker: EntitySpan) -> list[Quote]:
    quotes: list[Quote] = []
    bridge = _BRIDGE.match(view.text, speaker.end)
    at = bridge.end() if bridge else speaker.end
    verb = _verb_pattern().match(view.text, at)
    if verb:
        after = verb.end()
        if after < len(view.text) and view.text[after] == "“":
            close = _closing_quote(view.text, after)
            # a whole utterance in quotation marks, not a quoted phrase opening a sentence
            ends = view.text[close - 2] in "。！？!?…"
            whole = close > 0 and (ends or view.text[close : close + 1] in {"。", "\n", ""})
            if whole:
                quote = _quote(view, speaker, after, close, 0.9)
                if quote:
                    quotes.append(quote)
                return quotes
        _, para_end = view.paragraph_bounds(after)
        punctuated = view.text[verb.start() : after].rstrip().endswith(("，", ",", "：", ":"))
        quote = _quote(view, speaker, after, para_end, 0.75) if punctuated else None
        if quote:
            quotes.append(quote)
            return quotes
    # “…”name说 : the quoted words just before the speaker
    before = view.text[max(0, speaker.start - 2) : speaker.start]
    says = re.match(r"(?:介绍)?(?:说|表示|指出)", view.text[speaker.end :])
    if before.rstrip("，,").endswith("”") and says:
        close = view.text.rfind("”", 0, speaker.start) + 1
        depth, open_at = 0, -1
        for i in range(close - 1, max(-1, close - MAX_QUOTE), -1):
            if view.text[i] == "”":
                depth += 1
            elif view.text[i] == "“":
                depth -= 1
                if depth == 0:
                    open_at = i
                    break
        if open_at >= 0:
            quote = _quote(view, speaker, open_at, close, 0.85)
            if quote:
                quotes.append(quote)
    return quotes


def find_quotes(view: ArticleView, positions: list[Position]) -> list[Quote]:
    """Every quote of the article, one per (speaker, start)."""
    found: dict[str, Quote] = {}
    for position in positions:
        if position.signature:
            quote = _signature_quote(view, position)
            if quote:
                found.setdefault(quote.id, quote)
    for span in view.spans:
        if span.label != "Person":
            continue
        for quote in _verb_quotes(view, span):
            found.setdefault(quote.id, quote)
    return sorted(found.values(), key=lambda q: q.start)
