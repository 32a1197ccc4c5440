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

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

__all__ = [
    "Candidate",
    "choose_titles",
    "fallback_title",
    "names_a_person",
    "split_points",
    "toc_pieces",
]

_TITLE_MIN = 6
_MIN_SCORE = 0.5
_NEIGHBOUR_MIN = 8
_MIN_MATCHED = 1.0  # weighted bigrams a candidate must share with the opening
_LENGTH_BONUS = 0.005  # per character, so a full title beats the fully matched fragment of it
_LENGTH_CAP = 40
_DUPLICATE = 0.7
_FALLBACK_MAX = 40
_CLAIM_GRAM = 3
_CLAIM_GAP = 4
_CLAIM_MIN = 4  # distinctive trigrams an opening needs inside a line to claim a stretch of it

# Verbs and nouns that close a Chinese news headline; a table-of-contents line may be split after
# them when a further title follows (never before punctuation, which continues the headline).
_HEADLINE_END = re.compile(
    r"(召开|举行|举办|开幕|闭幕|发布|启动|成立|签署|致辞|演讲|贺信|讲话|对接|"
    r"进展|启示|称赞|分析|安排)(?=[^，,、：:；;。！？）)”》《“\s式会仪典礼暨及和与的等])"
)
_DATE_CLAUSE = re.compile(
    r"^(当地时间)?\s*(\d{4}\s*年)?\s*(\d{1,2}\s*月)?\s*(\d{1,2}\s*([\-－—~至到]\s*\d{1,2}\s*)?[日号]"
    r"([\-－—~至到]\s*\d{1,2}\s*日)?)?\s*(上午|下午|晚上|晚间|晚|早上|中午)?\s*[，,]"
)
_PREPOSITION = re.compile(r"^(作为|在|为|随着|根据|按照|应|受|时值|值此)")
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
    """Where a table-of-contents line holding several titles is cut between them.

    Each opening *claims* the stretch of the line between the first and last of its distinctive
    trigrams there (trigrams found in no other opening).  Between two claims the cut goes after a
    headline's closing verb if the gap has one, else where the second claim's words begin.  A
    closing verb outside every claim cuts too ("…协调会在京召开|联盟重要活动安排"), one inside a
    claim never does.

    >>> split_points("联盟工作协调会在京召开联盟重要活动安排", ["联盟工作协调会在北京召开。"])
    [11]
    >>> split_points("王毅出席气候峰会，表示将共建绿色之路韩正出席博览会开幕式",
    ...              ["王毅在纽约出席气候峰会。", "韩正出席博览会开幕式并演讲。"])
    [18]
    """
    claims = sorted(
        (c[0], c[1], o) for o in openings if (c := _claim(line, o, openings)) is not None
    )
    kept: list[tuple[int, int, str]] = []
    for claim in claims:
        if not kept or claim[0] >= kept[-1][1]:
            kept.append(claim)
    verbs = [m.end() for m in _HEADLINE_END.finditer(line)]
    points: set[int] = set()
    for left, right in itertools.pairwise(kept):
        in_gap = [v for v in verbs if left[1] <= v <= right[0]]
        # words of either opening stretch a claim over the gap: the title's common words
        end, start = left[1], right[0]
        grams_left, grams_right = _raw_bigrams(left[2]), _raw_bigrams(right[2])
        while end < start and line[end - 1 : end + 1] in grams_left:
            end += 1
        while start > end and line[start - 1 : start + 1] in grams_right:
            start -= 1
        points.add(in_gap[0] if in_gap else max(start, end))
    points.update(v for v in verbs if not any(a < v < b - _CLAIM_GRAM * 2 for a, b, _ in kept))
    return sorted(p for p in points if _TITLE_MIN <= p <= len(line) - _TITLE_MIN)


def _claim(line: str, opening: str, openings: list[str]) -> tuple[int, int] | None:
    """The stretch of ``line`` an opening's distinctive trigrams cover, if they cover enough."""
    mine = _trigrams(opening)
    others = Counter(g for o in openings if o is not opening for g in _trigrams(o))
    hits = [
        i for i in range(len(line) - _CLAIM_GRAM + 1)
        if line[i : i + _CLAIM_GRAM] in mine and not others[line[i : i + _CLAIM_GRAM]]
    ]
    runs: list[list[int]] = []
    for i in hits:  # the densest run of hits: scattered common words prove nothing
        if runs and i - runs[-1][-1] <= _CLAIM_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    best = max(runs, key=len, default=[])
    if len(best) < _CLAIM_MIN:
        return None
    return best[0], best[-1] + _CLAIM_GRAM


def _raw_bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _trigrams(text: str) -> set[str]:
    return {text[i : i + _CLAIM_GRAM] for i in range(len(text) - _CLAIM_GRAM + 1)}


def toc_pieces(line: str, index: int, openings: list[str]) -> list[Candidate]:
    """The line, and the pieces it is cut into (see :func:`split_points`), as candidates."""
    cuts = [0, *split_points(line, openings), len(line)]
    spans = [(0, len(line))] if len(cuts) > 2 else []
    spans += list(itertools.pairwise(cuts))
    return [
        Candidate(line[a:b].strip(), index, (a, b), toc=True)
        for a, b in spans if len(line[a:b].strip()) >= _TITLE_MIN
    ]


@dataclass(slots=True)
class _Weights:
    """Bigram weights: ``1 / number of openings holding the bigram`` (1 for none)."""

    df: Counter[str]

    def __call__(self, gram: str) -> float:
        return 1.0 / self.df[gram] if self.df[gram] else 1.0


def _share(grams: set[str], opening: set[str], weight: _Weights) -> tuple[float, float]:
    """(weighted share of the candidate's bigrams found in the opening, matched weight)."""
    total = sum(weight(g) for g in grams)
    matched = sum(weight(g) for g in grams if g in opening)
    return (matched / total if total else 0.0), matched


def choose_titles(openings: list[str], candidates: list[Candidate]) -> list[Candidate | None]:
    """The best candidate for each opening (``None`` when nothing fits).

    >>> openings = ["2020年3月5日，示例联盟工作会议在北京召开。",
    ...             "2020年3月9日，示例报告在上海发布。"]
    >>> toc = toc_pieces("示例报告在沪发布示例联盟工作会议召开", 0, openings)
    >>> picked = choose_titles(openings, toc)
    >>> [c.text if c else None for c in picked]
    ['示例联盟工作会议召开', '示例报告在沪发布']
    """
    grams = [_bigrams(o) for o in openings]
    weight = _Weights(Counter(g for gs in grams for g in gs))
    scored: list[tuple[float, int, Candidate]] = []
    for k, opening in enumerate(grams):
        for cand in candidates:
            cgrams = _bigrams(cand.text)
            if len(cgrams) < _TITLE_MIN - 1:
                continue
            share, matched = _share(cgrams, opening, weight)
            if matched < _MIN_MATCHED:
                continue
            share += (cand.bonus if cand.owner == k else 0.0) + _LENGTH_BONUS * min(
                len(cand.text), _LENGTH_CAP
            )
            if share >= _MIN_SCORE:
                scored.append((share, k, cand))
    chosen: list[Candidate | None] = [None] * len(openings)
    taken: dict[int, list[tuple[int, int]]] = {}
    for _, k, cand in sorted(scored, key=lambda t: -t[0]):
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

    Only when the table of contents lists the titled articles in their order (a two-column
    table of contents flattened line by line does not), only whole unused lines that repeat no
    chosen title, and only next to an article that found its entry by itself.
    """
    toc_lines = [c.line for c in chosen if c is not None and c.toc]
    if len(toc_lines) < 2 or any(b < a for a, b in itertools.pairwise(toc_lines)):
        return
    titles = [_bigrams(c.text) for c in chosen if c is not None]
    whole = {
        c.line: c for c in candidates
        if c.toc and c.span[0] == 0 and len(c.text) >= _NEIGHBOUR_MIN and c.line not in taken
        and not any(len(g & _bigrams(c.text)) >= _DUPLICATE * len(g) for g in titles if g)
    }
    lines = sorted({c.line for c in candidates if c.toc})
    found = list(chosen)

    def entry(line: int, step: int) -> Candidate | None:
        n = lines.index(line) + step
        return whole.pop(lines[n], None) if 0 <= n < len(lines) else None

    for k, mine in enumerate(found):
        if mine is not None or chosen[k] is not None:
            continue
        prev = found[k - 1] if k else None
        nxt = found[k + 1] if k + 1 < len(found) else None
        cand = None
        if nxt is not None and nxt.toc:
            cand = entry(nxt.line, -1)
        if cand is None and prev is not None and prev.toc:
            cand = entry(prev.line, +1)
        chosen[k] = cand


def fallback_title(paragraph: str) -> str:
    """The first clause of an article that has no heading, without its leading date.

    >>> fallback_title("2019年6月2日，国合会年会主题论坛在杭州召开。刘世锦主持论坛。")
    '国合会年会主题论坛在杭州召开'
    """
    first = paragraph.strip()
    rest = _DATE_CLAUSE.sub("", first, count=1) or first
    clauses = re.split(r"[，,]", re.split(r"[。！？；]", rest, maxsplit=1)[0])
    while len(clauses) > 1 and _PREPOSITION.match(clauses[0]):
        clauses.pop(0)  # "作为…的活动，" frames the news, the next clause tells it
    sentence = "，".join(clauses)
    if len(sentence) > _FALLBACK_MAX and len(clauses[0]) >= _TITLE_MIN:
        sentence = clauses[0]
    return sentence[:_FALLBACK_MAX] + ("…" if len(sentence) > _FALLBACK_MAX else "")


@cache
def _roles() -> tuple[str, ...]:
    from silkgraph.extract.relations.article import lexicon

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
