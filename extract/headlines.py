"""Choose each article's title from the headings and table-of-contents entries of its issue.

Flattened PDFs put an article's title anywhere: on the line before the body, after the body, or
only in the issue's table of contents — and the table of contents itself is two columns
interleaved, so one of its lines can hold the end of one title and the whole of the next
("…工作协调会在京召开联盟重要活动安排").  So a title is chosen, not found:

* every heading line next to an article (before or after its body) is a candidate, alone and
  joined with the lines of its paragraph (a title wrapped over two lines);
* every table-of-contents line is a candidate, and so is every *piece* of it between two split
  points: where the words of another article's opening begin (``韩正出席…`` inside a line that
  starts with another title) or after a headline's closing verb (``…在京召开|联盟…``);
* a candidate's score for an article is the share of its character bigrams found in the article's
  opening, each bigram weighted by how rare it is among the issue's openings (``一带一路`` is in
  every opening and proves nothing; ``韩正`` proves a lot); headings next to the article get a
  bonus;
* the best pairs are taken first, each candidate (each stretch of a table-of-contents line) once;
* an article left without a title whose neighbour took a table-of-contents entry gets the unused
  entry next to that one (tables of contents list articles in order);
* an article left without any gets its first clause, without the leading date ("2019年6月2日，").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

__all__ = ["Candidate", "choose_titles", "fallback_title", "split_points"]

_TITLE_MIN = 6
_MIN_SCORE = 0.5
_NEIGHBOUR_MIN = 8
_NET_PENALTY = 0.6  # how much an unmatched bigram costs when choosing a piece of a line
_FALLBACK_MAX = 40
_CLAIM_GRAM = 3
_CLAIM_MIN = 2  # distinctive trigrams an opening needs inside a line to claim a piece of it

# Verbs and nouns that close a Chinese news headline; a table-of-contents line may be split after
# them when a further title follows (never before punctuation, which continues the headline).
_HEADLINE_END = re.compile(
    r"(召开|举行|举办|开幕|闭幕|发布|启动|成立|签署|会见|会谈|致辞|演讲|贺信|讲话|对接|"
    r"进展|启示|称赞|分析|安排)(?=[^，,、：:；;。！？）)”》\s式会仪典礼暨及和与的等])"
)
_DATE_CLAUSE = re.compile(
    r"^(当地时间)?\s*(\d{4}\s*年)?\s*(\d{1,2}\s*月)?\s*(\d{1,2}\s*(日|号)"
    r"([\-－—~至到]\s*\d{1,2}\s*日)?)?\s*(上午|下午|晚上|晚间|晚|早上|中午)?\s*[，,]"
)
_NOISE = re.compile(r"[\s“”‘’\"'《》（）()，、：:·—\-]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible title.

    ``line`` identifies the text the candidate was cut from (pieces of one table-of-contents line
    share it) and ``span`` is the stretch of that line it covers, so two overlapping pieces are
    never both used.  ``owner`` is the index of the article the heading stands next to, if any,
    and ``bonus`` what standing there is worth.
    """

    text: str
    line: int
    span: tuple[int, int]
    owner: int | None = None
    bonus: float = 0.0
    toc: bool = False


def _clean(text: str) -> str:
    return _NOISE.sub("", text)


def _bigrams(text: str) -> set[str]:
    s = _clean(text)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def split_points(line: str, openings: list[str]) -> list[int]:
    """Where a table-of-contents line may hold the start of another title.

    >>> split_points("联盟工作协调会在京召开联盟重要活动安排", [])
    [11]
    >>> split_points("王毅出席峰会，表示将共建绿色之路韩正出席博览会开幕式",
    ...              ["王毅在纽约出席峰会并发言。", "韩正出席博览会开幕式并演讲。"])
    [16]
    """
    points: set[int] = set()
    for m in _HEADLINE_END.finditer(line):
        if _TITLE_MIN <= m.end() <= len(line) - _TITLE_MIN:
            points.add(m.end())
    grams = Counter(g for o in openings for g in _trigrams(o))
    for opening in openings:
        mine = _trigrams(opening)
        hits = [
            i for i in range(len(line) - _CLAIM_GRAM + 1)
            if line[i : i + _CLAIM_GRAM] in mine and grams[line[i : i + _CLAIM_GRAM]] == 1
        ]
        if len(hits) >= _CLAIM_MIN and _TITLE_MIN <= hits[0] <= len(line) - _TITLE_MIN:
            points.add(hits[0])
    return sorted(points)


def _trigrams(text: str) -> set[str]:
    return {text[i : i + _CLAIM_GRAM] for i in range(len(text) - _CLAIM_GRAM + 1)}


def toc_pieces(line: str, index: int, openings: list[str]) -> list[Candidate]:
    """The line and every run of its pieces between split points, as candidates."""
    cuts = [0, *split_points(line, openings), len(line)]
    out = []
    for a in range(len(cuts) - 1):
        for b in range(a + 1, len(cuts)):
            text = line[cuts[a] : cuts[b]].strip()
            if len(text) >= _TITLE_MIN:
                out.append(Candidate(text, index, (cuts[a], cuts[b]), toc=True))
    return out


@dataclass(slots=True)
class _Weights:
    """Bigram weights: ``1 / number of openings holding the bigram`` (1 for none)."""

    df: Counter[str]

    def __call__(self, gram: str) -> float:
        return 1.0 / self.df[gram] if self.df[gram] else 1.0


def _score(grams: set[str], opening: set[str], weight: _Weights) -> tuple[float, float]:
    """(weighted share of the candidate's bigrams found in the opening, net matched weight)."""
    total = sum(weight(g) for g in grams)
    matched = sum(weight(g) for g in grams if g in opening)
    return (matched / total if total else 0.0), matched - _NET_PENALTY * (total - matched)


def choose_titles(openings: list[str], candidates: list[Candidate]) -> list[Candidate | None]:
    """The best candidate for each opening (``None`` when nothing fits).

    >>> openings = ["2020年3月5日，示例联盟工作会议在北京召开。", "2020年3月9日，示例报告在上海发布。"]
    >>> picked = choose_titles(openings, toc_pieces("示例报告发布示例联盟工作会议召开", 0, openings))
    >>> [c.text if c else None for c in picked]
    ['示例联盟工作会议召开', '示例报告发布']
    """
    grams = [_bigrams(o) for o in openings]
    weight = _Weights(Counter(g for gs in grams for g in gs))
    scored: list[tuple[float, float, int, Candidate]] = []
    for k, opening in enumerate(grams):
        best_piece: dict[int, tuple[float, float, Candidate]] = {}
        for cand in candidates:
            cgrams = _bigrams(cand.text)
            if len(cgrams) < _TITLE_MIN - 1:
                continue
            share, net = _score(cgrams, opening, weight)
            share += cand.bonus if cand.owner == k else 0.0
            if cand.toc:  # of a line's pieces, keep the one that explains the opening best
                held = best_piece.get(cand.line)
                if held is None or net > held[1]:
                    best_piece[cand.line] = (share, net, cand)
            elif share >= _MIN_SCORE:
                scored.append((share, net, k, cand))
        scored += [(s, n, k, c) for s, n, c in best_piece.values() if s >= _MIN_SCORE]
    chosen: list[Candidate | None] = [None] * len(openings)
    taken: dict[int, list[tuple[int, int]]] = {}
    for _, _, k, cand in sorted(scored, key=lambda t: (-t[0], -t[1])):
        if chosen[k] is None and not _overlaps(taken.get(cand.line, []), cand.span):
            chosen[k] = cand
            taken.setdefault(cand.line, []).append(cand.span)
    _fill_from_neighbours(chosen, candidates, taken)
    return chosen


def _overlaps(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _fill_from_neighbours(
    chosen: list[Candidate | None], candidates: list[Candidate],
    taken: dict[int, list[tuple[int, int]]],
) -> None:
    """An untitled article next to one titled from the table of contents takes the next entry.

    Only whole, unused table-of-contents lines qualify, and only lines right before (after) the
    line the following (preceding) article's title came from.
    """
    whole = {c.line: c for c in candidates if c.toc and c.span[0] == 0 and len(c.text) >= _NEIGHBOUR_MIN
             and c.span[1] >= len(c.text)}
    lines = sorted(whole)
    position = {line: n for n, line in enumerate(lines)}

    def entry(line: int, step: int) -> Candidate | None:
        n = position.get(line)
        if n is None or not 0 <= n + step < len(lines):
            return None
        cand = whole[lines[n + step]]
        return None if cand.line in taken else cand

    for k in range(len(chosen)):
        prev = chosen[k - 1] if k else None
        if chosen[k] is None and prev is not None and prev.toc:
            cand = entry(prev.line, +1)
            if cand is not None:
                chosen[k] = cand
                taken[cand.line] = [cand.span]
    for k in reversed(range(len(chosen))):
        nxt = chosen[k + 1] if k + 1 < len(chosen) else None
        if chosen[k] is None and nxt is not None and nxt.toc:
            cand = entry(nxt.line, -1)
            if cand is not None:
                chosen[k] = cand
                taken[cand.line] = [cand.span]


def fallback_title(paragraph: str) -> str:
    """The first clause of an article that has no heading, without its leading date.

    >>> fallback_title("2019年6月2日，国合会年会主题论坛在杭州召开。刘世锦主持论坛。")
    '国合会年会主题论坛在杭州召开'
    """
    first = paragraph.strip()
    rest = _DATE_CLAUSE.sub("", first, count=1) or first
    sentence = re.split(r"[。！？；]", rest, maxsplit=1)[0]
    if len(sentence) > _FALLBACK_MAX:
        clause = re.split(r"[，,]", sentence, maxsplit=1)[0]
        sentence = clause if _TITLE_MIN <= len(clause) <= _FALLBACK_MAX else sentence
    return sentence[:_FALLBACK_MAX] + ("…" if len(sentence) > _FALLBACK_MAX else "")


@cache
def _roles() -> tuple[str, ...]:
    from silkgraph.extract.relation_text import lexicon

    return tuple(sorted(lexicon("roles")["roles"], key=len, reverse=True))


def names_a_person(line: str) -> bool:
    """True for a name/title line ("…常务秘书波卡", "…执行秘书"): a signature, not a title.

    >>> names_a_person("芬兰环境、能源与住房部常务秘书波卡"), names_a_person("示例报告在京发布")
    (True, False)
    """
    text = line.strip()
    if "·" in text and len(text) <= 15 and not re.search(r"[，。：:、]", text):
        return True  # a transliterated name on its own line
    for role in _roles():
        at = text.rfind(role)
        tail = text[at + len(role) :] if at > 0 else "-" * 99
        if len(tail) <= 4 or ("·" in tail and len(tail) <= 12):
            return True
    return False
