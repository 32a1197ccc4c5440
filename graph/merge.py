"""Merging records that share an id: one description per entity, event, position, publication.

Extraction mints ids from content, so the same entity named in two articles, or the same event
reported by a timeline and by a report, arrive as several records with one id. Merging is a
union, and where values conflict the record seen first in (id, evidence) order wins, so the
result does not depend on the order files were read in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from silkgraph.extract.records import Entity, Event, Membership, Publication

R = TypeVar("R", Entity, Event, Membership, Publication)


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({item for group in groups for item in group}))


def _group(records: Iterable[R], order: Callable[[R], tuple]) -> list[list[R]]:
    by_id: dict[str, list[R]] = {}
    for record in records:
        by_id.setdefault(record.id, []).append(record)
    return [sorted(by_id[key], key=order) for key in sorted(by_id)]


def merge_entities(entities: Iterable[Entity]) -> list[Entity]:
    """One Entity per id; the most confident record gives label and kind, aliases are pooled."""
    merged = []
    for group in _group(entities, lambda e: (-e.confidence, e.label_zh, e.kind)):
        first = group[0]
        labels = {e.label_zh for e in group} - {first.label_zh}
        merged.append(
            replace(
                first,
                label_en=next((e.label_en for e in group if e.label_en), None),
                alt_labels=_union(labels, *(e.alt_labels for e in group)),
                parent_id=next((e.parent_id for e in group if e.parent_id), None),
                country_id=next((e.country_id for e in group if e.country_id), None),
                identifiers=tuple(sorted({i for e in group for i in e.identifiers})),
                convenors=_union(*(e.convenors for e in group)),
            )
        )
    return merged


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One Event per id. An event any report describes as held is held, not scheduled."""
    merged = []
    for group in _group(events, lambda e: (-e.confidence, e.evidence, e.name)):
        first = group[0]
        names = {e.name for e in group} - {first.name}
        merged.append(
            replace(
                first,
                aliases=_union(names, *(e.aliases for e in group)),
                begin=next((e.begin for e in group if e.begin), None),
                finish=next((e.finish for e in group if e.finish), None),
                place_ids=_union(*(e.place_ids for e in group)),
                venue=next((e.venue for e in group if e.venue), None),
                online=next((e.online for e in group if e.online is not None), None),
                organiser_ids=_union(*(e.organiser_ids for e in group)),
                participant_ids=_union(*(e.participant_ids for e in group)),
                partnership_ids=_union(*(e.partnership_ids for e in group)),
                scheduled=all(e.scheduled for e in group),
                evidence=_union(*(e.evidence for e in group)),
                article_keys=_union(*(e.article_keys for e in group)),
                confidence=max(e.confidence for e in group),
            )
        )
    return merged


def merge_memberships(memberships: Iterable[Membership]) -> list[Membership]:
    merged = []
    for group in _group(memberships, lambda m: (-m.confidence, m.evidence)):
        merged.append(
            replace(
                group[0],
                evidence=_union(*(m.evidence for m in group)),
                confidence=max(m.confidence for m in group),
            )
        )
    return merged


def merge_publications(publications: Iterable[Publication]) -> list[Publication]:
    merged = []
    for group in _group(publications, lambda p: (-p.confidence, p.evidence)):
        merged.append(
            replace(
                group[0],
                publisher_ids=_union(*(p.publisher_ids for p in group)),
                date=next((p.date for p in group if p.date), None),
                evidence=_union(*(p.evidence for p in group)),
                confidence=max(p.confidence for p in group),
            )
        )
    return merged
