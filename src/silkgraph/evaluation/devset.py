"""The annotated dev set: gold files, how they anchor in a text, and the name keys both sides share.

A gold file describes one article of one source file (see ``tests/devset/README.md``). It does
not store offsets: offsets depend on how the normaliser treats line breaks and stray spaces, and
the normaliser changes more often than the annotations. Instead an article is anchored by two
strings, ``locate`` (its start, usually the title or first words) and ``until`` (its last words),
and names are compared through :func:`name_key`, which ignores what normalisation may or may not
have done: whitespace, full/half width, quote marks, the several middle dots of transliterated
names and Latin letter case.
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from silkgraph.extract.records import DateValue

#: The entity families the dev set annotates; an ``Entity.kind`` maps onto one of them.
GOLD_TYPES = ("Person", "Organisation", "Place")

#: ``Entity.kind`` values that belong to the Place family; every other non-Person kind is an
#: Organisation (government bodies, companies, thematic partnerships, …).
PLACE_KINDS = frozenset(
    {"Place", "Country", "Region", "Province", "City", "District", "Venue", "NaturalFeature"}
)

#: Event kinds an annotator may use (local names of ontology classes). Kind only breaks ties when
#: event names differ, so a coarse choice costs little.
EVENT_KINDS = (
    "Meeting",  # 会议, 协调会, 座谈会, 全体会议, 工作会议
    "Forum",  # 论坛, 分论坛, 对话会, 圆桌会, 边会
    "Seminar",  # 研讨会, 沙龙
    "Conference",  # 大会, 峰会, 年会, 博览会
    "Training",  # 培训班, 能力建设活动
    "Launch",  # 启动会, 启动活动, 发布会, 签署仪式
    "Event",  # anything else
)

# Characters a name key drops: whitespace is handled separately; these are quote marks, whose
# style (“” vs "" vs 「」) differs between newsletters and normalisers.
_DROPPED = frozenset("“”‘’\"'「」『』\u200b\u200c\u200d\ufeff")
# Transliterated names join their parts with any of these; the key uses one of them.
_DOTS = frozenset("·・•‧∙⋅\u00b7\u30fb\uff65")
# Dash-like characters inside names (中国-东盟, 中国—东盟, 中国－东盟) compare equal.
_DASHES = frozenset("-‐‑‒–—―－")


class GoldFormatError(ValueError):
    """A gold file is malformed; the message names the file and the offending field."""


def _key_chars(ch: str) -> str:
    """The key form of one character (possibly empty, possibly several characters after NFKC)."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c.isspace() or c in _DROPPED:
            continue
        if c in _DOTS:
            c = "·"
        elif c in _DASHES:
            c = "-"
        out.append(c.casefold())
    return "".join(out)


def name_key(text: str) -> str:
    """Compare names and anchors on this: width, spacing, quotes, dots and case do not matter.

    >>> name_key("丹尼尔 · 拉塞尔") == name_key("丹尼尔・拉塞尔")
    True
    >>> name_key("“一带一路”绿色发展国际联盟")
    '一带一路绿色发展国际联盟'
    """
    return "".join(_key_chars(ch) for ch in text)


@dataclass(frozen=True, slots=True)
class KeyedText:
    """A text in key form with a map back: ``offsets[i]`` is the text offset of key char ``i``."""

    key: str = field(repr=False)
    offsets: tuple[int, ...] = field(repr=False)
    length: int = 0  # of the original text

    @classmethod
    def of(cls, text: str) -> KeyedText:
        """Key a whole text once; searching it is then plain ``str.find``."""
        chars: list[str] = []
        offsets: list[int] = []
        for i, ch in enumerate(text):
            for c in _key_chars(ch):
                chars.append(c)
                offsets.append(i)
        return cls("".join(chars), tuple(offsets), len(text))

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every (start, end) span of the original text whose key equals ``name_key(needle)``."""
        key = name_key(needle)
        if not key:
            return []
        spans = []
        at = self.key.find(key)
        while at >= 0:
            spans.append((self.offsets[at], self.offsets[at + len(key) - 1] + 1))
            at = self.key.find(key, at + 1)
        return spans


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A person, organisation or place the article names; ``aliases`` are its other surfaces."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldPosition:
    """A person holding a title; ``roles`` are the acceptable spellings, the first preferred."""

    person: str
    roles: tuple[str, ...]
    organisation: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An event the article reports or announces, with the dates and places the text states."""

    name: str
    kind: str
    start: DateValue
    end: DateValue | None = None
    places: tuple[str, ...] = ()
    partnerships: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: where it is, and what a perfect extraction finds in it."""

    key: str  # the gold file's stem
    gold_path: Path
    source: Path
    locate: str
    until: str
    entities: tuple[GoldEntity, ...]
    positions: tuple[GoldPosition, ...]
    events: tuple[GoldEvent, ...]

    def entity(self, name: str) -> GoldEntity | None:
        """The gold entity one of whose names is ``name`` (positions and events refer by name)."""
        key = name_key(name)
        for entity in self.entities:
            if any(name_key(n) == key for n in entity.names):
                return entity
        return None


def parse_date(value: object, where: str) -> DateValue:
    """An ISO date of year, month or day precision to a :class:`DateValue`, calendar-checked."""
    if not isinstance(value, str):
        raise GoldFormatError(f"{where}: a date must be a string like 2019-04-25, got {value!r}")
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise GoldFormatError(f"{where}: {value!r} is not an ISO date") from None
    if len(numbers) > 3 or len(parts[0]) != 4:
        raise GoldFormatError(f"{where}: {value!r} is not an ISO date")
    year, month, day = (*numbers, None, None)[:3]
    if month is not None and not 1 <= month <= 12:
        raise GoldFormatError(f"{where}: month out of range in {value!r}")
    if day is not None:
        try:
            datetime.date(year, month or 1, day)
        except ValueError:
            raise GoldFormatError(f"{where}: {value!r} is not a calendar date") from None
    return DateValue(year, month, day)


def _strings(value: object, where: str, *, allow_empty: bool = True) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise GoldFormatError(f"{where}: expected a string or a list of non-empty strings")
    if not value and not allow_empty:
        raise GoldFormatError(f"{where}: must not be empty")
    return tuple(value)


def _required_str(data: dict, field: str, where: str) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        raise GoldFormatError(f"{where}: {field!r} must be a non-empty string")
    return value


def resolve_source(source: str, devset_dir: Path) -> Path:
    """A gold ``source`` is relative to the dev-set folder or to one of its ancestors.

    So both ``texts/x.txt`` and the project-relative ``seeds/000_….txt`` work, wherever the
    project is checked out.
    """
    for base in (devset_dir, *devset_dir.resolve().parents):
        candidate = base / source
        if candidate.is_file():
            return candidate
    raise GoldFormatError(f"source {source!r} not found from {devset_dir}")


def load_gold(path: Path, devset_dir: Path) -> GoldArticle:
    """Parse and check one gold file; every problem is a :class:`GoldFormatError`."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{where}: invalid JSON ({error})") from None
    if not isinstance(data, dict):
        raise GoldFormatError(f"{where}: the top level must be an object")
    unknown = set(data) - {"source", "locate", "until", "entities", "positions", "events", "notes"}
    if unknown:
        raise GoldFormatError(f"{where}: unknown fields {sorted(unknown)}")

    entities = []
    for i, item in enumerate(data.get("entities", [])):
        at = f"{where}: entities[{i}]"
        if item.get("type") not in GOLD_TYPES:
            raise GoldFormatError(f"{at}: type must be one of {GOLD_TYPES}")
        entities.append(
            GoldEntity(
                item["type"],
                _required_str(item, "name", at),
                _strings(item.get("aliases", []), f"{at}.aliases"),
            )
        )

    positions = []
    for i, item in enumerate(data.get("positions", [])):
        at = f"{where}: positions[{i}]"
        organisation = item.get("organisation")
        if organisation is not None and not isinstance(organisation, str):
            raise GoldFormatError(f"{at}: organisation must be a string or null")
        positions.append(
            GoldPosition(
                _required_str(item, "person", at),
                _strings(item.get("role"), f"{at}.role", allow_empty=False),
                organisation,
            )
        )

    events = []
    for i, item in enumerate(data.get("events", [])):
        at = f"{where}: events[{i}]"
        if item.get("kind") not in EVENT_KINDS:
            raise GoldFormatError(f"{at}: kind must be one of {EVENT_KINDS}")
        place = item.get("place")
        events.append(
            GoldEvent(
                _required_str(item, "name", at),
                item["kind"],
                parse_date(item.get("start"), f"{at}.start"),
                parse_date(item["end"], f"{at}.end") if item.get("end") else None,
                _strings(place, f"{at}.place") if place else (),
                _strings(item.get("partnerships", []), f"{at}.partnerships"),
            )
        )

    return GoldArticle(
        key=path.stem,
        gold_path=path,
        source=resolve_source(_required_str(data, "source", where), devset_dir),
        locate=_required_str(data, "locate", where),
        until=_required_str(data, "until", where),
        entities=tuple(entities),
        positions=tuple(positions),
        events=tuple(events),
    )


def load_devset(devset_dir: Path) -> list[GoldArticle]:
    """Every ``gold/*.json`` of a dev-set folder, sorted by name so reports are stable."""
    files = sorted((devset_dir / "gold").glob("*.json"))
    if not files:
        raise GoldFormatError(f"{devset_dir}: no gold/*.json files")
    return [load_gold(f, devset_dir) for f in files]


def article_span(keyed: KeyedText, gold: GoldArticle) -> tuple[int, int] | None:
    """The article's [start, end) in the keyed text: first ``locate`` to the next ``until``.

    ``None`` when ``locate`` is missing, or ``until`` does not follow it.
    """
    starts = keyed.find_all(gold.locate)
    if not starts:
        return None
    start = starts[0][0]
    ends = [end for (s, end) in keyed.find_all(gold.until) if s >= start]
    return (start, ends[0]) if ends else None
