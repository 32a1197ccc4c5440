"""What the relation rules share: one article's text, its entity spans, dates, and lexicons.

The relation stage reads a spaCy ``Doc`` once and works on this plain view, because the rules
(titles, quotes, events, publications) need the same handful of questions answered — which
entity starts here, which dates precede this offset, where does this sentence end — and adding
the persons a title chain discovers must be visible to the rules that run after it. Offsets are
article-relative (``doc.text`` offsets); :func:`mention_id` turns them into the pipeline's
Mention ids.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from silkgraph.extract.records import Article, DateMention

__all__ = [
    "ArticleView",
    "EntitySpan",
    "lexicon",
    "mention_id",
    "short_hash",
    "squash",
    "subject_group",
]

#: Sentence-final punctuation; a paragraph break ends a sentence too.
SENTENCE_END = frozenset("。！？；!?;")
#: Punctuation that ends a clause inside a sentence.
CLAUSE_END = SENTENCE_END | frozenset("，,：:")
_PARAGRAPH = re.compile(r"\n\s*\n")


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A YAML lexicon from the ontology package (``roles``, ``event_kinds``, ``name_chars``).

    Loaded once per process and never mutated, so sharing it is safe.
    """
    text = resources.files("silkgraph.ontology").joinpath(f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"ontology/{name}.yaml: expected a mapping at the top level")
    return data


def mention_id(article: Article, start: int, end: int) -> str:
    """The id the pipeline gives the Mention of article offsets ``[start, end)``."""
    return f"{article.key}-m{article.start + start}-{article.start + end}"


def short_hash(text: str, length: int = 10) -> str:
    """A stable short digest for ids built from content (same content, same id, any process)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


_SQUASHED = frozenset("“”‘’\"'「」『』《》〈〉<>·・•-‐‑–—－_()（）[]【】 \t\n\u3000、,，.。:：")


def squash(text: str) -> str:
    """A comparison key for names: NFKC, no spaces, quotes, brackets, dashes or dots; lower case.

    Two newsletters spell the same event or report with different quote marks and spacing;
    ids built from ``squash(name)`` do not see the difference.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if ch not in _SQUASHED and not ch.isspace()).casefold()


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """An entity mention: article-relative offsets, family label and entity id."""

    start: int
    end: int
    label: str  # "Person", "Organisation", "Place"
    entity_id: str
    text: str

    @property
    def is_partnership(self) -> bool:
        """Thematic partnerships are organisations whose ids start with ``partnership/``."""
        return self.entity_id.startswith("partnership/")


@dataclass(slots=True)
class ArticleView:
    """The article as the relation rules see it. Discovered persons are added with :meth:`add`."""

    text: str
    article: Article
    dates: tuple[DateMention, ...] = ()
    spans: list[EntitySpan] = field(default_factory=list)
    blocked: tuple[tuple[int, int], ...] = ()  # layout regions (tables of contents, headers …)

    def __post_init__(self) -> None:
        self.spans.sort(key=lambda s: (s.start, -s.end))
        self.dates = tuple(sorted(self.dates, key=lambda d: d.start))

    def is_blocked(self, offset: int) -> bool:
        """Whether ``offset`` lies in a layout region, where no relation is read."""
        return any(start <= offset < end for start, end in self.blocked)

    # --- entity spans -------------------------------------------------------------------
    def add(self, span: EntitySpan) -> None:
        """Record a span found by a rule, keeping the list sorted."""
        keys = [(s.start, -s.end) for s in self.spans]
        self.spans.insert(bisect.bisect(keys, (span.start, -span.end)), span)

    def within(self, start: int, end: int, label: str | None = None) -> list[EntitySpan]:
        """Spans lying entirely inside ``[start, end)``, optionally of one label."""
        return [
            s
            for s in self.spans
            if s.start >= start and s.end <= end and (label is None or s.label == label)
        ]

    def covering(self, offset: int) -> EntitySpan | None:
        """The longest span that contains ``offset`` (or None)."""
        found = [s for s in self.spans if s.start <= offset < s.end]
        return max(found, key=lambda s: s.end - s.start, default=None)

    def starting_at(self, offset: int, label: str | None = None) -> EntitySpan | None:
        """The longest span starting exactly at ``offset``."""
        found = [s for s in self.spans if s.start == offset and (label is None or s.label == label)]
        return max(found, key=lambda s: s.end, default=None)

    def ending_at(self, offset: int, label: str | None = None) -> EntitySpan | None:
        """The longest span ending exactly at ``offset``."""
        found = [s for s in self.spans if s.end == offset and (label is None or s.label == label)]
        return min(found, key=lambda s: s.start, default=None)

    # --- segmentation ------------------------------------------------------------------
    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        """The paragraph (text between blank lines) around ``offset``."""
        start = 0
        for match in _PARAGRAPH.finditer(self.text):
            if match.start() >= offset:
                return start, match.start()
            start = match.end()
        return start, len(self.text)

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """The line around ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """The sentence around ``offset``: between sentence punctuation or paragraph breaks.

        Punctuation inside quotation marks or 《》 does not end a sentence, so a quoted speech
        stays inside the sentence that reports it.
        """
        p_start, p_end = self.paragraph_bounds(offset)
        start = p_start
        depth = 0
        for i in range(p_start, p_end):
            ch = self.text[i]
            if ch in "“《（(":
                depth += 1
            elif ch in "”》）)":
                depth = max(0, depth - 1)
            elif ch in SENTENCE_END and depth == 0:
                if i >= offset:
                    return start, i + 1
                start = i + 1
        return start, p_end

    def sentences(self) -> list[tuple[int, int]]:
        """All sentences of the article, in order."""
        out: list[tuple[int, int]] = []
        at = 0
        while at < len(self.text):
            start, end = self.sentence_bounds(at)
            if end <= at:
                end = at + 1
            if self.text[start:end].strip():
                out.append((start, end))
            at = end
            while at < len(self.text) and self.text[at] in "\n \t":
                at += 1
        return out

    # --- dates --------------------------------------------------------------------------
    def dates_within(self, start: int, end: int) -> list[DateMention]:
        """Date mentions entirely inside ``[start, end)``."""
        return [d for d in self.dates if d.start >= start and d.end <= end]


_JOINERS = frozenset({"", "、", "和", "与", "及", "以及", "同", "/"})


def subject_group(view: ArticleView, start: int, verb_at: int) -> list[EntitySpan]:
    """The organisations right before a verb, joined by 、/和/与: "A和B联合发布" -> A, B.

    "联盟合作伙伴中央财经大学…发布" -> only the university: a group ends at any other word.
    """
    # an organisation after 在 is where something happens, not who does it
    orgs = [o for o in view.within(start, verb_at, "Organisation")
            if view.text[max(0, o.start - 1) : o.start] != "在"]
    group: list[EntitySpan] = []
    for org in reversed(orgs):
        limit = group[-1].start if group else verb_at
        gap = re.sub(r"[（(][^）)]*[）)]", "", view.text[org.end : limit]).strip()
        if group and gap not in _JOINERS:
            break
        named = sum(s.end - s.start for s in view.within(org.end, limit))
        if not group and len(gap) - named > 15:
            break  # entity names in between ("在…中心召开") do not count as distance
        group.append(org)
    return list(reversed(group))
