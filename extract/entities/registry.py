"""Entities discovered by rule, and the ids they get.

A name the gazetteer lacks still needs one id wherever it appears: in two articles of a file, or
in two files of a build. Ids are therefore derived from the normalised name alone (a pinyin slug,
``person/n-qiao-yi-si-mu-su-ya``), never from a counter or from where the name was first seen, and
the registry merges what different mentions learn about the same entity (an English label here,
an abbreviation there) deterministically.

>>> registry = EntityRegistry()
>>> first = registry.add(new_entity("Organisation", "ThinkTank", "世界资源研究所"))
>>> first.id
'org/n-shi-jie-zi-yuan-yan-jiu-suo'
>>> registry.add(new_entity("Organisation", "ThinkTank", "世界资源研究所", label_en="WRI")).label_en
'WRI'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from functools import cache

from silkgraph.extract.records import Entity

#: id prefix per entity family; matches the gazetteer's ids (``org/mee``, ``person/li-ganjie``).
FAMILY_PREFIX = {"Person": "person", "Organisation": "org", "Place": "place"}

#: Slugs longer than this are cut and suffixed with a hash of the full name, so ids stay readable.
MAX_SLUG = 48

# Kinds that say less than another kind; a merge replaces them by the more specific one.
_GENERIC_KINDS = {"Organisation", "Place", "Agent"}


def family_of(entity: Entity) -> str:
    """``Person``, ``Organisation`` or ``Place`` — the span label for an entity of any kind."""
    prefix = entity.id.split("/", 1)[0]
    for family, known in FAMILY_PREFIX.items():
        if prefix == known:
            return family
    if entity.kind == "Person":
        return "Person"
    if entity.kind in {"Country", "City", "Province", "Region", "County", "District", "Place"}:
        return "Place"
    return "Organisation"  # partnerships, programmes and other collective agents


@cache
def _pinyin():  # imported lazily: pypinyin loads large phrase tables
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError as error:  # pragma: no cover - a declared dependency
        raise ImportError(
            "silkgraph needs pypinyin to mint ids for new entities: pip install pypinyin"
        ) from error
    return lambda text: lazy_pinyin(text, style=Style.NORMAL, errors="default")


def slugify(name: str) -> str:
    """An ASCII slug of a Chinese or Latin name: pinyin syllables and words joined by ``-``.

    >>> slugify("乔伊斯·姆苏亚")
    'qiao-yi-si-mu-su-ya'
    >>> slugify("Erik Solheim")
    'erik-solheim'
    """
    parts: list[str] = []
    for piece in _pinyin()(unicodedata.normalize("NFKC", name)):
        ascii_piece = unicodedata.normalize("NFKD", piece).encode("ascii", "ignore").decode()
        parts.extend(w for w in re.split(r"[^0-9a-zA-Z]+", ascii_piece.lower()) if w)
    slug = "-".join(parts)
    if not slug:
        return "x" + _digest(name)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rstrip("-") + "-" + _digest(name)
    return slug


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def mint_id(family: str, name: str) -> str:
    """The id of a discovered entity: family prefix, ``n-`` (new) and the slug of its name."""
    return f"{FAMILY_PREFIX[family]}/n-{slugify(name)}"


def new_entity(
    family: str,
    kind: str,
    name: str,
    *,
    label_en: str | None = None,
    confidence: float = 0.5,
    parent_id: str | None = None,
    country_id: str | None = None,
    alt_labels: tuple[str, ...] = (),
) -> Entity:
    """An ``Entity`` for a name found by rule (``known=False``) with its minted id."""
    return Entity(
        id=mint_id(family, name),
        kind=kind,
        label_zh=name,
        label_en=label_en,
        alt_labels=tuple(sorted(set(alt_labels) - {name})),
        parent_id=parent_id,
        country_id=country_id,
        known=False,
        confidence=confidence,
    )


def merge(old: Entity, new: Entity) -> Entity:
    """Combine two records of the same id; the result does not depend on which came first
    for every field except ``label_zh`` (the first-seen name stays the label, the other becomes an
    alternative label).
    """
    kind = old.kind
    if kind != new.kind and (kind in _GENERIC_KINDS or (new.kind not in _GENERIC_KINDS
                                                        and new.kind < kind)):
        kind = new.kind
    alt = set(old.alt_labels) | set(new.alt_labels) | {new.label_zh}
    label_en = old.label_en
    if new.label_en and (label_en is None or new.label_en < label_en):
        label_en = new.label_en
    return replace(
        old,
        kind=kind,
        label_en=label_en,
        alt_labels=tuple(sorted(alt - {old.label_zh})),
        parent_id=old.parent_id or new.parent_id,
        country_id=old.country_id or new.country_id,
        confidence=max(old.confidence, new.confidence),
        known=old.known or new.known,
    )


def _same_name(old: Entity, new: Entity) -> bool:
    """Whether two records that share a slug name the same thing (spacing and the ``·`` of
    transliterations do not count), rather than two homophones.
    """
    key = _name_key(new.label_zh)
    return any(_name_key(label) == key for label in (old.label_zh, *old.alt_labels))


def _name_key(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name) if ch.isalnum()).lower()


class EntityRegistry:
    """id -> Entity for entities found outside the gazetteer, shared by the articles of a file
    (and by the files of a build), so that one name always resolves to one entity.

    Not thread-safe; one registry belongs to one build.
    """

    def __init__(self) -> None:
        self._entities: dict[str, Entity] = {}
        self._by_label: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def add(self, entity: Entity) -> Entity:
        """Register ``entity`` (merging with an earlier record of the same id); return the record
        now held. A name already registered under another id keeps that id: the new record is
        merged into it, so a name is never split over two entities.
        """
        existing_id = self._by_label.get(_name_key(entity.label_zh))
        if existing_id is not None and existing_id != entity.id:
            entity = replace(entity, id=existing_id)
        elif entity.id in self._entities and not _same_name(self._entities[entity.id], entity):
            # a homophone (李勇 / 李永 share a slug): a different entity, a distinct id
            entity = replace(entity, id=f"{entity.id}-{_digest(_name_key(entity.label_zh))}")
        if entity.id in self._entities:
            entity = merge(self._entities[entity.id], entity)
        self._entities[entity.id] = entity
        for label in (entity.label_zh, *entity.alt_labels):
            self._by_label.setdefault(_name_key(label), entity.id)
        return entity

    def get(self, entity_id: str) -> Entity | None:
        """The registered entity with this id, or ``None``."""
        return self._entities.get(entity_id)

    def find(self, name: str) -> Entity | None:
        """The registered entity whose label or alternative label is ``name``, or ``None``."""
        entity_id = self._by_label.get(_name_key(name))
        return None if entity_id is None else self._entities[entity_id]

    def entities(self) -> tuple[Entity, ...]:
        """Every registered entity, sorted by id."""
        return tuple(self._entities[k] for k in sorted(self._entities))
