"""The hand-built gazetteer: known organisations, partnerships, people and places.

``ontology/gazetteer.yaml`` is the reviewable source; :meth:`Gazetteer.load` validates it (a bad
file fails loudly with every problem listed, never half-loads) and turns each entry into an
:class:`~silkgraph.extract.records.Entity`. :meth:`Gazetteer.match` finds every name in a text on
*characters* with one Aho-Corasick automaton, because jieba splits a name differently depending on
its neighbours (``南京市长江大桥``) and token matching would then miss it.

Matching tolerates what PDF extraction and Chinese typography do to names, without an alias per
variant: quote marks (“”‘’「」"), dashes (－—–), middle dots (·•・) and full-width Latin letters,
digits and brackets are folded to one form, ASCII letters to lower case, and whitespace is
ignored (``理查德 · 布拉贝茨``, a name broken across lines). An all-capital acronym (``WRI``) must
keep its case and every Latin name must stand alone (``EDF`` is not found in ``EDFX``). A name in
quotes is also found without them (``一带一路绿色发展国际联盟``), and a thematic partnership's name
with any of the connectors 和/与/及 (``绿色能源与能源效率``).

>>> gazetteer = Gazetteer.load()
>>> [(m.surface, m.entity_id) for m in gazetteer.match("生态环境部部长李干杰在京出席")]
[('生态环境部', 'org/mee'), ('李干杰', 'person/li-ganjie'), ('京', 'place/cn-110000')]
>>> gazetteer.get("org/mee").entity.label_en
'Ministry of Ecology and Environment'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from silkgraph.extract.records import Entity

__all__ = [
    "SECTION_KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerError",
    "GazetteerMatch",
    "fold",
]

#: The ontology classes each top-level section may use.
SECTION_KINDS: Mapping[str, frozenset[str]] = {
    "organisations": frozenset({
        "GovernmentBody", "IntergovernmentalOrganisation", "NGO", "ThinkTank", "University",
        "Company", "FinancialInstitution", "MediaOrganisation", "CoalitionBody",
    }),
    "partnerships": frozenset({"ThematicPartnership"}),
    "people": frozenset({"Person"}),
    "places": frozenset({
        "Country", "Region", "Province", "City", "District", "Venue", "NaturalFeature",
    }),
}
#: The id prefix of each section: ``org/mee`` lives under ``organisations``.
SECTION_PREFIX: Mapping[str, str] = {
    "organisations": "org", "partnerships": "partnership", "people": "person", "places": "place",
}
_COMMON_KEYS = frozenset({
    "id", "kind", "zh", "en", "aliases", "ambiguous", "parent", "country", "identifiers",
})
_SECTION_KEYS: Mapping[str, frozenset[str]] = {
    "organisations": _COMMON_KEYS,
    "partnerships": _COMMON_KEYS | {"convenors"},
    "people": _COMMON_KEYS | {"positions"},
    "places": _COMMON_KEYS,
}
#: What a ``parent`` may point at, per section (people have none).
_PARENT_SECTIONS: Mapping[str, tuple[str, ...]] = {
    "organisations": ("organisations",),
    "partnerships": ("organisations",),
    "people": (),
    "places": ("places",),
}
_ID = re.compile(r"[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*")
_ADCODE = re.compile(r"[1-9]\d{5}")
_ISO3166 = re.compile(r"[A-Z]{2}")
_QUOTES = re.compile(r"[“”‘’「」『』\"']")
#: Partnership names use these connectors interchangeably (绿色金融与投资 / 绿色金融和投资).
_CONNECTORS = "和与及"


class GazetteerError(ValueError):
    """The gazetteer file is unreadable or breaks a rule; the message lists every problem."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known entity, with what only matching and membership rules need."""

    entity: Entity
    ambiguous: tuple[str, ...]  # short forms valid only where the context binds them
    positions: tuple[tuple[str, str], ...]  # (role as written, organisation id)


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A name found in a text; ``start``/``end`` are offsets into the text given to ``match``.

    A surface that stands for several entities (a shared short form such as ``规划院``) yields one
    match per entity, all with the same ``start``/``end``; the caller decides from the context.
    """

    start: int
    end: int
    entity_id: str
    surface: str
    ambiguous: bool


# --- character folding ---------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    """One character in, one character out, so folded offsets equal original offsets."""
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = " "  # ideographic space
    for quote in "“”„‟«»‘’‚‛「」『』〝〞＂＇'":
        table[ord(quote)] = '"'
    for dash in "‐‑‒–—―−﹣－":
        table[ord(dash)] = "-"
    for dot in "·•‧∙・･⋅":
        table[ord(dot)] = "·"
    return table


_FOLD = _fold_table()
_FOLD_LOWER = dict(_FOLD)
for _code in range(ord("A"), ord("Z") + 1):
    _FOLD_LOWER[_code] = chr(_code).lower()
    _FOLD_LOWER[_code + 0xFEE0] = chr(_code).lower()  # full-width capitals
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def fold(text: str) -> str:
    """The matching form of a name: variants folded, ASCII lower-cased, whitespace dropped.

    >>> fold("中国－东盟 “Climate works”")
    '中国-东盟"climateworks"'
    """
    return _compact(text.translate(_FOLD_LOWER))[0]


def _fold_keep_case(text: str) -> str:
    """Like :func:`fold` but keeping ASCII case: how an acronym is compared."""
    return _compact(text.translate(_FOLD))[0]


def _compact(folded: str) -> tuple[str, list[int]]:
    """Drop whitespace and invisible characters; keep each kept character's original offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(folded):
        if char.isspace() or char in _INVISIBLE:
            continue
        chars.append(char)
        offsets.append(offset)
    return "".join(chars), offsets


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isascii() and c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _variants(surface: str, *, partnership: bool) -> set[str]:
    """Generated spellings of a name: without its quote marks; with swapped connectors."""
    variants: set[str] = set()
    unquoted = _QUOTES.sub("", surface)
    if unquoted != surface and fold(unquoted):
        variants.add(unquoted)
    if partnership:
        for form in (surface, *variants):
            slots = [i for i, c in enumerate(form) if c in _CONNECTORS]
            for choice in itertools.product(_CONNECTORS, repeat=len(slots)):
                chars = list(form)
                for i, c in zip(slots, choice, strict=True):
                    chars[i] = c
                variants.add("".join(chars))
    variants.discard(surface)
    return variants


@dataclass(frozen=True, slots=True)
class _Target:
    """What one automaton key stands for."""

    entity_id: str
    ambiguous: bool
    acronym: str | None  # the case-sensitive form an all-capital name must keep


# --- the gazetteer -------------------------------------------------------------------------------


class Gazetteer:
    """The validated gazetteer: entries sorted by id, a name index, a lazily built automaton.

    Build one with :meth:`load`; it does not change afterwards, so pipelines can share it.
    """

    __slots__ = ("_automaton", "_by_id", "_index", "_names", "entries")

    def __init__(
        self,
        entries: Sequence[GazetteerEntry],
        index: Mapping[str, tuple[_Target, ...]],
        names: Iterable[str],
    ) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(sorted(entries, key=_entry_id))
        self._by_id = {entry.entity.id: entry for entry in self.entries}
        self._index = dict(index)
        self._names = tuple(sorted(set(names)))
        self._automaton: Any = None

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Read and validate the gazetteer (default: the packaged ``gazetteer.yaml``).

        Raises :class:`GazetteerError` naming every problem: duplicate or malformed ids, unknown
        kinds or keys, references to missing ids, a name claimed by two entries.
        """
        if path is None:
            text_source: Any = resources.files("silkgraph.ontology").joinpath("gazetteer.yaml")
            where = "gazetteer.yaml"
        else:
            text_source, where = Path(path), str(path)
        try:
            data = yaml.safe_load(text_source.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise GazetteerError(f"{where}: cannot read the gazetteer: {error}") from error
        entries, index, names = _Loader(where).build(data)
        return cls(entries, index, names)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entity_id: str) -> GazetteerEntry | None:
        """The entry with this id, or ``None``."""
        return self._by_id.get(entity_id)

    def names(self) -> tuple[str, ...]:
        """Every unambiguous surface form, sorted: what jieba's dictionary should hold."""
        return self._names

    def match(self, text: str) -> list[GazetteerMatch]:
        """Every known name in ``text``: leftmost-longest, non-overlapping, sorted by start.

        >>> [m.entity_id for m in Gazetteer.load().match("中国生态环境部国际合作司")]
        ['org/mee-dic']
        """
        compact, offsets = _compact(text.translate(_FOLD_LOWER))
        found: list[tuple[int, int, str]] = []  # (compact start, -length, key)
        for last, key in self._get_automaton().iter(compact):
            first = last - len(key) + 1
            if self._targets(text, offsets[first], offsets[last] + 1, key):
                found.append((first, -len(key), key))
        found.sort()
        matches: list[GazetteerMatch] = []
        free_from = 0
        for first, negative_length, key in found:
            if first < free_from:
                continue
            free_from = first - negative_length
            start, end = offsets[first], offsets[free_from - 1] + 1
            surface = text[start:end]
            matches.extend(
                GazetteerMatch(start, end, target.entity_id, surface, target.ambiguous)
                for target in self._targets(text, start, end, key)
            )
        return matches

    def _targets(self, text: str, start: int, end: int, key: str) -> list[_Target]:
        """The entities ``text[start:end]`` stands for: a Latin name must stand alone, and an
        all-capital one must keep its case."""
        if _is_latin(key[0]) and start > 0 and _is_latin(text[start - 1]):
            return []
        if _is_latin(key[-1]) and end < len(text) and _is_latin(text[end]):
            return []
        kept = None
        targets = []
        for target in self._index[key]:
            if target.acronym is not None:
                kept = kept if kept is not None else _fold_keep_case(text[start:end])
                if kept != target.acronym:
                    continue
            targets.append(target)
        return targets

    def _get_automaton(self) -> Any:
        """Built on first use and kept: loading stays cheap for callers that never match."""
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for key in self._index:
                automaton.add_word(key, key)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton


def _entry_id(entry: GazetteerEntry) -> str:
    return entry.entity.id


# --- loading and validation ----------------------------------------------------------------------

#: folded key -> entity id -> the surfaces (as written) that fold to the key
_Claims = dict[str, dict[str, list[str]]]


@dataclass(slots=True)
class _Raw:
    """One entry as read, with where it came from for error messages."""

    section: str
    where: str
    data: dict[str, Any]


class _Loader:
    """Turns the parsed YAML into entries, collecting every problem before failing."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def build(
        self, data: Any
    ) -> tuple[list[GazetteerEntry], dict[str, tuple[_Target, ...]], list[str]]:
        raws = self._read_sections(data)
        by_id = self._unique_ids(raws)
        entries = [self._entry(raw, by_id) for raw in by_id.values()]
        self._check_parent_cycles(by_id)
        index, names = self._index(by_id)
        if self.problems:
            listed = "\n".join(f"  - {p}" for p in self.problems)
            raise GazetteerError(
                f"{self.source}: {len(self.problems)} problem(s) in the gazetteer:\n{listed}"
            )
        return entries, index, names

    # -- structure -------------------------------------------------------------------------------

    def _read_sections(self, data: Any) -> list[_Raw]:
        if not isinstance(data, dict):
            self.fail(f"the top level must be a mapping with keys {sorted(SECTION_KINDS)}")
            return []
        for key in sorted(set(data) - set(SECTION_KINDS), key=str):
            self.fail(f"unknown top-level key {key!r} (expected {sorted(SECTION_KINDS)})")
        raws: list[_Raw] = []
        for section in SECTION_KINDS:
            items = data.get(section)
            if not isinstance(items, list):
                self.fail(f"top-level key {section!r} must hold a list of entries")
                continue
            for position, item in enumerate(items):
                where = f"{section}[{position}]"
                if not isinstance(item, dict):
                    self.fail(f"{where}: an entry must be a mapping")
                    continue
                if isinstance(item.get("id"), str):
                    where += f" {item['id']}"
                raws.append(_Raw(section, where, item))
        return raws

    def _unique_ids(self, raws: list[_Raw]) -> dict[str, _Raw]:
        by_id: dict[str, _Raw] = {}
        for raw in raws:
            entity_id = raw.data.get("id")
            if not isinstance(entity_id, str) or not _ID.fullmatch(entity_id):
                self.fail(f"{raw.where}: id {entity_id!r} is not a lowercase slug like 'org/mee'")
                continue
            prefix = SECTION_PREFIX[raw.section]
            if entity_id.split("/", 1)[0] != prefix:
                self.fail(f"{raw.where}: ids in {raw.section} must start with '{prefix}/'")
            if entity_id in by_id:
                self.fail(f"duplicate id {entity_id!r} ({by_id[entity_id].where} and {raw.where})")
                continue
            by_id[entity_id] = raw
        return by_id

    # -- one entry -------------------------------------------------------------------------------

    def _entry(self, raw: _Raw, by_id: Mapping[str, _Raw]) -> GazetteerEntry:
        data, where, section = raw.data, raw.where, raw.section
        for key in sorted(set(data) - _SECTION_KEYS[section], key=str):
            self.fail(f"{where}: unknown key {key!r} for an entry of {section}")
        kind = data.get("kind")
        if kind not in SECTION_KINDS[section]:
            self.fail(f"{where}: unknown kind {kind!r} for {section} "
                      f"(one of {sorted(SECTION_KINDS[section])})")
        zh = self._text(data.get("zh"), where, "zh")
        en = None if data.get("en") is None else self._text(data["en"], where, "en")
        aliases = self._texts(data.get("aliases"), where, "aliases")
        ambiguous = self._texts(data.get("ambiguous"), where, "ambiguous")
        parent = self._reference(data.get("parent"), where, "parent", by_id,
                                 _PARENT_SECTIONS[section])
        if parent == data["id"]:
            self.fail(f"{where}: parent is the entry itself")
        country = self._reference(data.get("country"), where, "country", by_id, ("places",))
        if country and by_id[country].data.get("kind") != "Country":
            self.fail(f"{where}: country {country!r} is not a Country")
        entity = Entity(
            id=data["id"],
            kind=str(kind),
            label_zh=zh,
            label_en=en,
            alt_labels=tuple(sorted(set(aliases) - {zh})),
            parent_id=parent,
            country_id=country,
            known=True,
            identifiers=self._identifiers(data, where),
            convenors=self._convenors(data, where, by_id, section),
        )
        positions = self._positions(data.get("positions"), where, by_id)
        return GazetteerEntry(entity, tuple(sorted(set(ambiguous))), positions)

    def _text(self, value: Any, where: str, key: str) -> str:
        if not isinstance(value, str) or not fold(value):
            self.fail(f"{where}: {key} must be a non-empty string, got {value!r}")
            return value if isinstance(value, str) else ""
        return value

    def _texts(self, value: Any, where: str, key: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{where}: {key} must be a list of strings")
            return []
        return [self._text(item, where, key) for item in value]

    def _reference(
        self,
        value: Any,
        where: str,
        key: str,
        by_id: Mapping[str, _Raw],
        sections: tuple[str, ...],
    ) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in by_id:
            self.fail(f"{where}: {key} {value!r} refers to no entry (dangling reference)")
            return None
        if by_id[value].section not in sections:
            allowed = " or ".join(sections) or "nothing"
            self.fail(f"{where}: {key} {value!r} must be in {allowed}")
            return None
        return value

    def _identifiers(self, data: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
        value = data.get("identifiers")
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(f"{where}: identifiers must be a mapping scheme -> value")
            return ()
        pairs: list[tuple[str, str]] = []
        for scheme, code in value.items():
            if not isinstance(scheme, str) or not isinstance(code, str):
                self.fail(f"{where}: identifier {scheme!r}: {code!r} must be strings "
                          "(quote values such as \"NO\" that YAML reads as booleans)")
                continue
            pairs.append((scheme, code))
            expected = None
            if scheme == "adcode":
                if not _ADCODE.fullmatch(code):
                    self.fail(f"{where}: adcode {code!r} is not six digits")
                expected = f"place/cn-{code}"
            elif scheme == "iso3166":
                if not _ISO3166.fullmatch(code):
                    self.fail(f"{where}: iso3166 {code!r} is not an upper-case alpha-2 code")
                expected = f"place/{code.lower()}"
            if expected and data["id"] != expected:
                self.fail(f"{where}: an entry with {scheme} {code} must have id {expected}")
        return tuple(sorted(pairs))

    def _positions(
        self, value: Any, where: str, by_id: Mapping[str, _Raw]
    ) -> tuple[tuple[str, str], ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(f"{where}: positions must be a list of {{role, organisation}}")
            return ()
        positions: list[tuple[str, str]] = []
        for item in value:
            if not isinstance(item, dict) or set(item) != {"role", "organisation"}:
                self.fail(f"{where}: a position needs exactly role and organisation: {item!r}")
                continue
            role = self._text(item["role"], where, "role")
            organisation = self._reference(item["organisation"], where, "position organisation",
                                           by_id, ("organisations", "partnerships"))
            if role and organisation:
                positions.append((role, organisation))
        return tuple(positions)

    def _convenors(
        self, data: dict[str, Any], where: str, by_id: Mapping[str, _Raw], section: str
    ) -> tuple[str, ...]:
        if section != "partnerships":
            return ()
        value = data.get("convenors")
        if not isinstance(value, list) or not value:
            self.fail(f"{where}: a partnership needs a non-empty list of convenors")
            return ()
        if len(set(map(str, value))) != len(value):
            self.fail(f"{where}: convenors repeat an id")
        found = (self._reference(c, where, "convenor", by_id, ("organisations",)) for c in value)
        return tuple(c for c in found if c)

    def _check_parent_cycles(self, by_id: Mapping[str, _Raw]) -> None:
        for entity_id, raw in by_id.items():
            seen = {entity_id}
            current = raw.data.get("parent")
            while isinstance(current, str) and current in by_id:
                if current in seen:
                    self.fail(f"{raw.where}: the parent chain loops back through {current!r}")
                    break
                seen.add(current)
                current = by_id[current].data.get("parent")

    # -- the name index --------------------------------------------------------------------------

    def _index(
        self, by_id: Mapping[str, _Raw]
    ) -> tuple[dict[str, tuple[_Target, ...]], list[str]]:
        """Fold every name into an automaton key and decide what each key stands for.

        A key that is a *name* (zh, en, alias) of one entry finds that entry unambiguously, plus,
        flagged ambiguous, the entries that list it as a short form. A key that is only a short
        form finds all its entries, ambiguously. Generated spellings (quotes dropped, connectors
        swapped) never override either and are ambiguous where two entries meet. Two entries
        claiming the same name is an error.
        """
        named: _Claims = {}
        shared: _Claims = {}
        generated: _Claims = {}
        for entity_id, raw in by_id.items():
            short = set(_strings(raw.data.get("ambiguous")))
            written = [raw.data.get("zh"), raw.data.get("en"), *_strings(raw.data.get("aliases"))]
            partnership = raw.section == "partnerships"
            for surface in (s for s in written if isinstance(s, str) and s not in short):
                _claim(named, surface, entity_id)
                for variant in _variants(surface, partnership=partnership):
                    _claim(generated, variant, entity_id)
            for surface in short:
                _claim(shared, surface, entity_id)
                for variant in _variants(surface, partnership=partnership):
                    _claim(shared, variant, entity_id)
        for key, claims in sorted(named.items()):
            if len(claims) > 1:
                owners = ", ".join(f"{i} ({s[0]!r})" for i, s in sorted(claims.items()))
                self.fail(f"alias collision: the name {key!r} is claimed by {owners}; "
                          "list it under 'ambiguous' where it is only a short form")
        index: dict[str, tuple[_Target, ...]] = {}
        names: list[str] = []
        for key in sorted(set(named) | set(shared) | set(generated)):
            if key in named:
                plain = dict(sorted(named[key].items())[:1])
                others = shared.get(key, {})
            elif key in shared:
                plain, others = {}, {**generated.get(key, {}), **shared[key]}
            elif len(generated[key]) == 1:
                plain, others = generated[key], {}
            else:
                plain, others = {}, generated[key]
            targets = [_target(i, s[0], ambiguous=False) for i, s in plain.items()]
            targets += [_target(i, s[0], ambiguous=True)
                        for i, s in sorted(others.items()) if i not in plain]
            index[key] = tuple(targets)
            for surfaces in plain.values():
                names.extend(surfaces)
        return index, names


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, str))


def _claim(table: _Claims, surface: str, entity_id: str) -> None:
    key = fold(surface)
    if key:
        table.setdefault(key, {}).setdefault(entity_id, []).append(surface)


def _target(entity_id: str, surface: str, *, ambiguous: bool) -> _Target:
    acronym = _fold_keep_case(surface) if _is_acronym(surface) else None
    return _Target(entity_id, ambiguous, acronym)
