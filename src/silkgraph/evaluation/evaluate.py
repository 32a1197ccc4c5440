"""How well extraction does on the annotated dev set: precision, recall and F1 per type.

The scorer compares, per gold article, sets of things: entities by (family, name), positions by
(person, role, organisation), events by start date plus name or kind. It only reads
:class:`~silkgraph.extract.records.Extraction` records, so it runs on hand-made records in tests
and on the real pipeline from ``silkgraph eval`` (:func:`main`). The rules are written down in
``tests/devset/README.md``; in short:

* **Scope.** What belongs to a gold article is what lies between its ``locate`` and ``until``
  anchors in the normalised text, independent of how the pipeline segmented articles (that is
  scored on its own, as ``articles``). A mention is in scope when it lies inside the span; a
  membership or an event when one of its evidence mentions does (when it has no evidence at
  all: when its person is mentioned in the span, or one of its articles covers the span).
* **Names.** An extracted entity answers to its ``label_zh``, its ``alt_labels`` and the texts of
  its mentions; a gold entity to its name and aliases. Names compare by
  :func:`~silkgraph.evaluation.devset.name_key`; place names also without an administrative suffix
  (北京市 = 北京).
* **Counting.** One-to-one maximum matching, so a duplicate node for one gold entity is a false
  positive. Event attributes (date, place, kind, partnerships) are scored only on matched event
  pairs: a wrong value is both a false positive and a false negative.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from silkgraph.evaluation.devset import (
    EVENT_KINDS,
    GOLD_TYPES,
    PLACE_KINDS,
    GoldArticle,
    GoldEntity,
    GoldEvent,
    KeyedText,
    article_span,
    load_devset,
    name_key,
)
from silkgraph.extract.records import DateValue, Entity, Event, Extraction, Membership, Mention

#: Is this gold entity in the gazetteer? Drives the ``unlisted.*`` scores.
ListedPredicate = Callable[[GoldEntity], bool]

#: The rows of the table, in order; ``unlisted.*`` rows follow when a gazetteer is available.
ROW_ORDER = (
    "articles",
    "Person",
    "Organisation",
    "Place",
    "entities",
    "positions",
    "positions.loose",
    "events",
    "events.date",
    "events.place",
    "events.kind",
    "events.partnerships",
)

# Administrative suffixes a place name may carry or drop (北京市/北京, 广东省/广东).
_PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "省", "市", "县", "区")
# The Mention id convention of records.py: f"{article_key}-m{start}-{end}".
_MENTION_ID = re.compile(r"-m(\d+)-\d+$")
# Event names are "similar" when this share of the shorter name's bigrams occurs in the other.
_EVENT_NAME_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of one comparison; the ratios are derived so scores can be summed.

    An empty side is not an error: with nothing to find and nothing found, all ratios are 1.

    >>> Score(tp=3, fp=1, fn=2).precision
    0.75
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        found = self.tp + self.fp
        return self.tp / found if found else float(self.fn == 0)

    @property
    def recall(self) -> float:
        expected = self.tp + self.fn
        return self.tp / expected if expected else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class EvalReport:
    """Scores summed over the dev set, per article, and notes on what could not be scored."""

    scores: dict[str, Score]
    by_article: dict[str, dict[str, Score]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def format_table(self) -> str:
        """A fixed-width table, one row per score, for the terminal and for commit messages."""
        rows = [k for k in ROW_ORDER if k in self.scores]
        rows += sorted(k for k in self.scores if k not in ROW_ORDER)
        width = max([len("metric"), *map(len, rows)])
        lines = [
            f"{'metric':<{width}}  {'tp':>5} {'fp':>5} {'fn':>5}  {'prec':>6} {'recall':>6} "
            f"{'f1':>6}"
        ]
        for key in rows:
            s = self.scores[key]
            lines.append(
                f"{key:<{width}}  {s.tp:>5} {s.fp:>5} {s.fn:>5}  {s.precision:>6.3f} "
                f"{s.recall:>6.3f} {s.f1:>6.3f}"
            )
        lines.append(f"({len(self.by_article)} articles)")
        lines.extend(f"note: {note}" for note in self.notes)
        return "\n".join(lines)


def family(kind: str) -> str:
    """The gold family of an ``Entity.kind``: Person, Place, or (everything else) Organisation."""
    if kind == "Person":
        return "Person"
    return "Place" if kind in PLACE_KINDS else "Organisation"


def _keys(names: Iterable[str], entity_family: str) -> set[str]:
    """Name keys, plus suffix-less variants for places."""
    keys = {name_key(n) for n in names} - {""}
    if entity_family == "Place":
        for key in list(keys):
            for suffix in _PLACE_SUFFIXES:
                if key.endswith(suffix) and len(key) - len(suffix) >= 2:
                    keys.add(key[: -len(suffix)])
                    break
    return keys


def _max_matching(
    n_left: int, edges: Mapping[int, Iterable[int]], taken: set[int]
) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths); right nodes in ``taken`` are used.

    Returns {left: right}. The sets here are small (tens per article), so this is plenty fast.
    """
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, ()):
            if right in taken or right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(n_left):
        augment(left, set())
    return {left: right for right, left in owner.items()}


class _Scope:
    """What an extraction says inside one gold article's span, with entity names to match on."""

    def __init__(self, extraction: Extraction, span: tuple[int, int] | None) -> None:
        self.extraction = extraction
        self.span = span
        self.entities = {e.id: e for e in extraction.entities}
        self.surfaces: dict[str, set[str]] = defaultdict(set)  # entity id -> every surface
        self.local: dict[str, set[str]] = defaultdict(set)  # entity id -> surfaces in span
        self.mention_starts = {m.id: m.start for m in extraction.mentions}
        for mention in extraction.mentions:
            self.surfaces[mention.entity_id].add(mention.text)
            if self.inside(mention):
                self.local[mention.entity_id].add(mention.text)
        self.article_keys = self._covering_articles()

    def inside(self, mention: Mention) -> bool:
        return self.span is not None and self.span[0] <= mention.start < mention.end <= self.span[1]

    def _covering_articles(self) -> set[str]:
        """Articles holding the span's start, or whose middle lies in the span."""
        if self.span is None:
            return set()
        start, end = self.span
        return {
            a.key
            for a in self.extraction.articles
            if a.start <= start < a.end or start <= (a.start + a.end) // 2 < end
        }

    def names(self, entity_id: str, *, local: bool = False) -> set[str]:
        """Keys an entity answers to; ``local`` restricts surfaces to the span (entity scoring)."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return set()
        surfaces = self.local[entity_id] if local else self.surfaces[entity_id]
        return _keys((entity.label_zh, *entity.alt_labels, *surfaces), family(entity.kind))

    def in_scope_entities(self) -> list[Entity]:
        return [self.entities[i] for i in sorted(self.local) if i in self.entities]

    def evidence_offset(self, mention_id: str) -> int | None:
        """Where an evidence mention starts: its Mention record, else the id's documented form
        (``f"{article_key}-m{start}-{end}"``), else unknown."""
        if mention_id in self.mention_starts:
            return self.mention_starts[mention_id]
        match = _MENTION_ID.search(mention_id)
        return int(match.group(1)) if match else None

    def holds(self, evidence: tuple[str, ...], fallback: bool) -> bool:
        """In scope by evidence; ``fallback`` decides for records whose evidence is unknown."""
        offsets = [o for o in map(self.evidence_offset, evidence) if o is not None]
        if offsets:
            return self.span is not None and any(self.span[0] <= o < self.span[1] for o in offsets)
        return fallback


def _score_entities(gold: GoldArticle, scope: _Scope, listed: ListedPredicate | None) -> dict:
    """Entity scores per family (and for unlisted gold entities); returns scores and matches."""
    scores: dict[str, Score] = {}
    matched: dict[str, str] = {}  # gold name -> extracted entity id
    extracted = scope.in_scope_entities()
    for fam in GOLD_TYPES:
        golds = [g for g in gold.entities if g.type == fam]
        found = [e for e in extracted if family(e.kind) == fam]
        found_keys = [scope.names(e.id, local=True) for e in found]
        edges = {
            i: [j for j, keys in enumerate(found_keys) if keys & _keys(g.names, fam)]
            for i, g in enumerate(golds)
        }
        pairs = _max_matching(len(golds), edges, set())
        scores[fam] = Score(len(pairs), len(found) - len(pairs), len(golds) - len(pairs))
        matched.update({golds[i].name: found[j].id for i, j in pairs.items()})
        if listed is not None:
            hits = set(pairs.values())
            unlisted = [i for i, g in enumerate(golds) if not listed(g)]
            tp = sum(1 for i in unlisted if i in pairs)
            fp = sum(1 for j, e in enumerate(found) if j not in hits and not e.known)
            scores[f"unlisted.{fam}"] = Score(tp, fp, len(unlisted) - tp)
    return {"scores": scores, "matched": matched}


def _refers(gold: GoldArticle, name: str | None, entity_id: str | None, scope: _Scope) -> bool:
    """Does an extracted entity id denote the gold entity called ``name`` (None = None)?"""
    if name is None or entity_id is None:
        return name is None and entity_id is None
    target = gold.entity(name)
    fam = target.type if target else "Organisation"
    names = target.names if target else (name,)
    return bool(_keys(names, fam) & scope.names(entity_id))


def _role_matches(gold: GoldArticle, roles: tuple[str, ...], role: str) -> bool:
    """Equal titles, allowing the extracted one a leading place name (捷克副总理 ~ 副总理)."""
    accepted = {name_key(r) for r in roles}
    key = name_key(role)
    if key in accepted:
        return True
    places = {k for g in gold.entities if g.type == "Place" for k in _keys(g.names, "Place")}
    return any(key.startswith(p) and key[len(p) :] in accepted for p in places)


def _score_positions(gold: GoldArticle, scope: _Scope) -> dict[str, Score]:
    persons_here = {e.id for e in scope.in_scope_entities()}
    found: list[Membership] = [
        m
        for m in scope.extraction.memberships
        if scope.holds(m.evidence, fallback=m.person_id in persons_here)
    ]
    scores = {}
    for label, check_org in (("positions", True), ("positions.loose", False)):
        edges = {
            i: [
                j
                for j, m in enumerate(found)
                if _refers(gold, g.person, m.person_id, scope)
                and _role_matches(gold, g.roles, m.role)
                and (not check_org or _refers(gold, g.organisation, m.organisation_id, scope))
            ]
            for i, g in enumerate(gold.positions)
        }
        pairs = _max_matching(len(gold.positions), edges, set())
        scores[label] = Score(len(pairs), len(found) - len(pairs), len(gold.positions) - len(pairs))
    return scores


def dates_compatible(gold: DateValue, found: DateValue | None) -> bool:
    """Same day; or the same month when either side stops at the month (or both at the year)."""
    if found is None or gold.year != found.year:
        return False
    if gold.month is None or found.month is None:
        return gold.month is None and found.month is None
    if gold.month != found.month:
        return False
    return gold.day is None or found.day is None or gold.day == found.day


@cache
def _broader_kinds() -> dict[str, str]:
    """Ontology event class -> dev-set kind, from ``broader`` in ``ontology/event_kinds.yaml``.

    The pipeline assigns fine classes (RoundTable, SideEvent, Summit); gold uses the coarse
    :data:`~silkgraph.evaluation.devset.EVENT_KINDS`. Without the file, kinds compare as they are.
    """
    try:
        text = resources.files("silkgraph.ontology").joinpath("event_kinds.yaml").read_text("utf-8")
        broader = (yaml.safe_load(text) or {}).get("broader") or {}
    except (FileNotFoundError, ModuleNotFoundError, yaml.YAMLError):
        return {}
    return {str(k): str(v) for k, v in broader.items()}


def coarse_kind(kind: str) -> str:
    """The dev-set kind of an extracted ``Event.kind``."""
    if kind in EVENT_KINDS:
        return kind
    return _broader_kinds().get(kind, kind)


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


def names_similar(a: str, b: str) -> bool:
    """Event names overlap: half of the shorter name's character bigrams occur in the other.

    Generous on purpose: the date must agree as well, and newsletters name one event in several
    ways (圆桌会议 / 气候协同治理…圆桌会; 研讨会 / 区域海洋…专题研讨会).

    >>> names_similar("圆桌会议", "气候协同治理与联合国2030年可持续发展议程圆桌会")
    True
    >>> names_similar("工作会议", "协调会议")
    False
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    ba, bb = _bigrams(ka), _bigrams(kb)
    return len(ba & bb) / min(len(ba), len(bb)) >= _EVENT_NAME_OVERLAP


def _match_names(gold: GoldArticle, names: tuple[str, ...], ids: list[str], scope) -> dict:
    """One-to-one pairs {gold name index: extracted id index} of names and entity ids."""
    edges = {
        i: [j for j, entity_id in enumerate(ids) if _refers(gold, n, entity_id, scope)]
        for i, n in enumerate(names)
    }
    return _max_matching(len(names), edges, set())


def _set_score(gold: GoldArticle, names: tuple[str, ...], ids: Iterable[str], scope) -> Score:
    """Compare a gold list of entity names with extracted entity ids, one to one."""
    ids = list(dict.fromkeys(ids))
    pairs = _match_names(gold, names, ids, scope)
    return Score(len(pairs), len(ids) - len(pairs), len(names) - len(pairs))


def _place_score(gold: GoldArticle, names: tuple[str, ...], ids: Iterable[str], scope) -> Score:
    """Like :func:`_set_score`, but extra venues and places containing a right place are neutral.

    Gold names the most specific place (奥斯陆 for 挪威奥斯陆); a pipeline that also records the
    country or the venue is not wrong, so those extras are neither false nor true positives.
    """
    ids = list(dict.fromkeys(ids))
    pairs = _match_names(gold, names, ids, scope)
    hits = set(pairs.values())
    right = [scope.entities[ids[j]] for j in hits if ids[j] in scope.entities]
    containers = {e.parent_id for e in right} | {e.country_id for e in right}
    neutral = [
        entity_id
        for j, entity_id in enumerate(ids)
        if j not in hits
        and (
            entity_id in containers
            or (entity_id in scope.entities and scope.entities[entity_id].kind == "Venue")
        )
    ]
    return Score(len(pairs), len(ids) - len(pairs) - len(neutral), len(names) - len(pairs))


def _slot(correct: bool, given: bool, expected: bool) -> Score:
    """One single-valued attribute: right, wrong (fp and fn), spurious (fp) or missing (fn)."""
    if correct:
        return Score(tp=1)
    return Score(fp=int(given), fn=int(expected))


def _score_events(gold: GoldArticle, scope: _Scope) -> dict[str, Score]:
    found: list[Event] = [
        e
        for e in scope.extraction.events
        if scope.holds(e.evidence, fallback=bool(set(e.article_keys) & scope.article_keys))
    ]
    golds = gold.events

    def compatible(g: GoldEvent, e: Event) -> bool:
        return dates_compatible(g.start, e.begin)

    by_name = {
        i: [j for j, e in enumerate(found) if compatible(g, e) and names_similar(g.name, e.name)]
        for i, g in enumerate(golds)
    }
    pairs = _max_matching(len(golds), by_name, set())
    by_kind = {
        i: [j for j, e in enumerate(found) if compatible(g, e) and g.kind == coarse_kind(e.kind)]
        for i, g in enumerate(golds)
        if i not in pairs
    }
    pairs.update(_max_matching(len(golds), by_kind, taken=set(pairs.values())))

    scores = {
        "events": Score(len(pairs), len(found) - len(pairs), len(golds) - len(pairs)),
        "events.date": Score(),
        "events.place": Score(),
        "events.kind": Score(),
        "events.partnerships": Score(),
    }
    for i, j in pairs.items():
        g, e = golds[i], found[j]
        same_end = (g.end.iso() if g.end else None) == (e.finish.iso() if e.finish else None)
        scores["events.date"] += _slot(g.start.iso() == e.begin.iso() and same_end, True, True)
        scores["events.kind"] += _slot(g.kind == coarse_kind(e.kind), bool(e.kind), True)
        scores["events.place"] += _place_score(gold, g.places, e.place_ids, scope)
        scores["events.partnerships"] += _set_score(gold, g.partnerships, e.partnership_ids, scope)
    return scores


def score_article(
    gold: GoldArticle,
    extraction: Extraction,
    *,
    listed: ListedPredicate | None = None,
) -> dict[str, Score]:
    """Every score of one gold article against the extraction of its source file."""
    keyed = KeyedText.of(extraction.normalised_text)
    span = article_span(keyed, gold)
    scope = _Scope(extraction, span)
    scores: dict[str, Score] = {}
    anchors = keyed.find_all(gold.locate)
    located = span is not None and any(
        a.start <= anchors[0][0] and anchors[0][1] <= a.end for a in extraction.articles
    )
    scores["articles"] = Score(tp=int(located), fn=int(not located))
    entity_result = _score_entities(gold, scope, listed)
    scores.update(entity_result["scores"])
    scores["entities"] = sum((scores[f] for f in GOLD_TYPES), Score())
    scores.update(_score_positions(gold, scope))
    scores.update(_score_events(gold, scope))
    return scores


def gazetteer_predicate() -> tuple[ListedPredicate | None, str | None]:
    """A predicate backed by ``Gazetteer.load()``, or None and the reason it is unavailable.

    A gold entity is listed when the gazetteer matches one of its names over the whole name.
    """
    try:
        from silkgraph.extract.entities.gazetteer import Gazetteer

        gazetteer = Gazetteer.load()
    except (ImportError, AttributeError, OSError, ValueError) as error:
        # the unlisted.* scores are optional: a missing or broken gazetteer only drops them
        return None, f"unlisted.* not scored: gazetteer unavailable ({type(error).__name__})"

    def bounds(match: object) -> tuple[int, int]:
        if isinstance(match, tuple):
            return int(match[0]), int(match[1])
        return int(match.start), int(match.end)  # type: ignore[attr-defined]

    def listed(entity: GoldEntity) -> bool:
        for name in entity.names:
            if any(bounds(m) == (0, len(name)) for m in gazetteer.match(name)):
                return True
        return False

    try:
        listed(GoldEntity("Place", "北京"))
    except (AttributeError, TypeError, ValueError, IndexError) as error:
        return None, f"unlisted.* not scored: Gazetteer.match has an unexpected shape ({error})"
    return listed, None


def evaluate(
    devset_dir: Path,
    extract: Callable[[Path], Extraction],
    *,
    listed: ListedPredicate | None = None,
) -> EvalReport:
    """Score ``extract`` on every gold article of ``devset_dir``; each source is extracted once.

    ``listed`` tells gazetteer entities from the rest; by default the project's gazetteer is used
    when it loads, and the ``unlisted.*`` rows are left out (with a note) when it does not.
    """
    notes: list[str] = []
    if listed is None:
        listed, why_not = gazetteer_predicate()
        if why_not:
            notes.append(why_not)
    extractions: dict[Path, Extraction] = {}
    totals: dict[str, Score] = defaultdict(Score)
    by_article: dict[str, dict[str, Score]] = {}
    for gold in load_devset(devset_dir):
        if gold.source not in extractions:
            extractions[gold.source] = extract(gold.source)
        extraction = extractions[gold.source]
        if article_span(KeyedText.of(extraction.normalised_text), gold) is None:
            notes.append(f"{gold.key}: anchors not found in the normalised text")
        scores = score_article(gold, extraction, listed=listed)
        by_article[gold.key] = scores
        for key, score in scores.items():
            totals[key] += score
    return EvalReport(dict(totals), by_article, tuple(notes))


def default_devset_dir() -> Path:
    """``tests/devset`` of the checkout this module runs from (editable installs)."""
    return Path(__file__).resolve().parents[3] / "tests" / "devset"


def main(devset_dir: Path | None = None) -> int:
    """Run the real pipeline over the dev set and print the table; ``silkgraph eval`` calls this.

    Returns 0, or 2 when the dev set or the pipeline is missing.
    """
    devset_dir = devset_dir or default_devset_dir()
    if not (devset_dir / "gold").is_dir():
        print(f"no dev set at {devset_dir} (expected a gold/ folder)", file=sys.stderr)
        return 2
    try:
        from silkgraph.extract.pipeline import extract_document
        from silkgraph.extract.text.sources import read_source
    except ImportError as error:
        print(f"the extraction pipeline cannot be imported: {error}", file=sys.stderr)
        return 2
    report = evaluate(devset_dir, lambda path: extract_document(read_source(path)))
    print(report.format_table())
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
