"""The records that the extraction stage hands to the graph stage.

Every stage boundary in silkgraph passes these frozen dataclasses, never spaCy objects, so that
`graph` can be tested (and later run in another process or on another machine) without spaCy.
Identifiers are plain strings: `Entity.id` values such as ``"org/mee"`` are the stable local ids
the graph stage turns into IRIs; nothing here knows about RDF.

Offsets: ``start``/``end`` are half-open character offsets into the *normalised* text of the
source file; ``orig_start``/``orig_end`` point into the original file text (as decoded UTF-8), so
provenance survives normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """The four top-level entity families of the data contract."""

    PERSON = "Person"
    ORGANISATION = "Organisation"
    PLACE = "Place"
    EVENT = "Event"


#: The ontology's kinds of place and of event (class local names); every other entity kind but
#: ``Person`` is an organisation kind. Kept here because extraction, graph and evaluation all type
#: entities by these names.
PLACE_KINDS = frozenset(
    {"Place", "Country", "Region", "Province", "City", "District", "Venue", "NaturalFeature"}
)
EVENT_KINDS = frozenset(
    {
        "Event",
        "Meeting",
        "Forum",
        "Summit",
        "Conference",
        "Seminar",
        "RoundTable",
        "SideEvent",
        "Dialogue",
        "Training",
        "Workshop",
        "Launch",
        "Signing",
        "ReportRelease",
        "PressConference",
        "Exhibition",
        "Visit",
    }
)
ORGANISATION_KINDS = frozenset(
    {
        "Organisation",
        "GovernmentBody",
        "IntergovernmentalOrganisation",
        "NGO",
        "ThinkTank",
        "University",
        "Company",
        "FinancialInstitution",
        "MediaOrganisation",
        "CoalitionBody",
        "ThematicPartnership",
    }
)


def family_of(kind: str) -> EntityType:
    """The top-level family of an ontology kind: ``family_of("City") is EntityType.PLACE``."""
    if kind == "Person":
        return EntityType.PERSON
    if kind in PLACE_KINDS:
        return EntityType.PLACE
    if kind in EVENT_KINDS:
        return EntityType.EVENT
    if kind in ORGANISATION_KINDS:
        return EntityType.ORGANISATION
    raise ValueError(f"unknown entity kind {kind!r}")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar date at the precision the text gives: year, year-month or full date."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"`` — decides the xsd datatype in the graph."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """Lexical form for xsd:date / xsd:gYearMonth / xsd:gYear."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or date range found in text, already resolved against the article's reference date."""

    start: int
    end: int
    text: str
    begin: DateValue
    finish: DateValue | None = None  # the end of a range ("7月1-3日"), None for a single date
    local_time: bool = False  # "当地时间" was stated


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of normalised text recognised as layout, not running prose.

    ``kind`` is one of ``running_header``, ``toc``, ``caption``, ``quote_box``, ``contact``,
    ``page_furniture``. Extraction does not draw facts from these regions.
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One input file, decoded. ``key`` is the file stem, e.g. ``000_ebff42e7a4c8d0a7``."""

    key: str
    path: str
    sha256: str
    text: str


@dataclass(frozen=True, slots=True)
class Issue:
    """One newsletter issue; a source file may hold several."""

    key: str  # f"{source_key}-i{index}"
    source_key: str
    index: int  # 1-based within the source file
    start: int
    end: int
    date: DateValue | None  # best estimate of the issue's date (drives partial dates)
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article of an issue: a section heading, a title and a body."""

    key: str  # f"{issue_key}-a{index}"
    issue_key: str
    index: int  # 1-based within the issue
    section: str | None  # 绿色丝路新闻, 联盟动态, 专题工作进展, 观点 …
    title: str
    start: int  # whole article, normalised offsets into the source text
    end: int
    body_start: int
    body_end: int
    source_line: str | None = None  # "来源：…" / "（… 供稿）"
    date: DateValue | None = None  # the article's own date if it states one, else the issue's


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place — from the gazetteer (``known``) or discovered by rule.

    ``kind`` is the local name of the ontology class (``GovernmentBody``, ``City``, ``Person`` …).
    """

    id: str
    kind: str
    label_zh: str
    label_en: str | None = None
    alt_labels: tuple[str, ...] = ()
    parent_id: str | None = None  # organisational parent or containing place
    country_id: str | None = None
    known: bool = True
    confidence: float = 1.0
    #: (scheme, value) pairs: ("iso3166", "CN"), ("adcode", "110000")
    identifiers: tuple[tuple[str, str], ...] = ()
    convenors: tuple[str, ...] = ()  # thematic partnerships: their convening institutions


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an entity (or a date), with provenance to both texts."""

    id: str  # f"{article_key}-m{start}-{end}" (document offsets): unique per span
    article_key: str
    start: int
    end: int
    orig_start: int
    orig_end: int
    text: str
    entity_id: str
    method: str  # "gazetteer", "abbreviation", "rule:title-chain", "rule:suffix", "place-data" …
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Membership:
    """A position: a person holds a title at an organisation (org may be unknown)."""

    id: str
    person_id: str
    organisation_id: str | None
    role: str  # the title as written: "副部长"
    evidence: tuple[str, ...]  # mention ids
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is announced) at a date, place, with organisers."""

    id: str
    kind: str  # ontology class local name: Meeting, Forum, Seminar …
    name: str
    begin: DateValue | None
    finish: DateValue | None = None
    place_ids: tuple[str, ...] = ()
    venue: str | None = None
    online: bool | None = None
    organiser_ids: tuple[str, ...] = ()  # organisations and thematic partnerships
    participant_ids: tuple[str, ...] = ()
    partnership_ids: tuple[str, ...] = ()  # the thematic partnerships responsible
    scheduled: bool = False  # announced for the future rather than reported as held
    aliases: tuple[str, ...] = ()  # other names reports give it (filled when records are merged)
    evidence: tuple[str, ...] = ()  # mention ids (event trigger, dates, places …)
    article_keys: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Publication:
    """A report, book or document named in 《》."""

    id: str
    title: str
    publisher_ids: tuple[str, ...] = ()
    date: DateValue | None = None
    evidence: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker."""

    id: str
    article_key: str
    speaker_id: str
    text: str
    start: int
    end: int
    orig_start: int
    orig_end: int
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one source file: the single input of the graph stage."""

    source: SourceDocument
    normalised_text: str
    issues: tuple[Issue, ...] = ()
    articles: tuple[Article, ...] = ()
    regions: tuple[Region, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    memberships: tuple[Membership, ...] = ()
    events: tuple[Event, ...] = ()
    publications: tuple[Publication, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = field(default=())
    #: offsets[i] = index in source.text of normalised character i (len(normalised_text)+1 entries),
    #: so the graph stage can point any normalised span (an article, a quote) at the original file.
    original_offsets: tuple[int, ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span to the original file text."""
        if not self.original_offsets:
            raise ValueError("this Extraction carries no offset map")
        if end <= start:
            point = self.original_offsets[start]
            return point, point
        return self.original_offsets[start], self.original_offsets[end - 1] + 1
