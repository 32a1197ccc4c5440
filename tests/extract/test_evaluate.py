"""The dev set is well formed, and the scorer counts what its README says it counts.

The scorer is tested on hand-made Extraction records (no pipeline), so a change in extraction
can never make these tests pass or fail; the dev set is tested against the seeds and texts it
annotates, so an annotation that drifts from its text fails here, not silently in the scores.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from silkgraph.evaluation.devset import (
    GoldArticle,
    GoldEntity,
    GoldFormatError,
    KeyedText,
    article_span,
    load_devset,
    load_gold,
    name_key,
)
from silkgraph.evaluation.evaluate import (
    EvalReport,
    Score,
    coarse_kind,
    dates_compatible,
    evaluate,
    family,
    main,
    names_similar,
    score_article,
)
from silkgraph.extract.records import (
    Article,
    DateValue,
    Entity,
    Event,
    Extraction,
    Membership,
    Mention,
    SourceDocument,
)

DEVSET = Path(__file__).resolve().parents[1] / "devset"
GOLD_FILES = sorted((DEVSET / "gold").glob("*.json"))


# ------------------------------------------------------------------------------ the dev set


def _gold(path: Path) -> GoldArticle:
    return load_gold(path, DEVSET)


def _keyed_source(gold: GoldArticle) -> tuple[str, KeyedText]:
    text = gold.source.read_text(encoding="utf-8")
    return text, KeyedText.of(text)


def test_devset_has_the_promised_mix() -> None:
    """At least 8 seed articles and 5 written ones, with every entity family represented."""
    golds = load_devset(DEVSET)
    from_seeds = [g for g in golds if g.source.parent.name == "seeds"]
    written = [g for g in golds if g.source.parent.name == "texts"]
    assert len(from_seeds) >= 8
    assert len(written) >= 5
    types = {e.type for g in golds for e in g.entities}
    assert types == {"Person", "Organisation", "Place"}
    assert sum(len(g.events) for g in golds) >= 15
    assert sum(len(g.positions) for g in golds) >= 30


def test_readme_table_matches_the_gold_files() -> None:
    """The contents table of tests/devset/README.md lists every gold file with its counts."""
    rows = {}
    for line in (DEVSET / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 8 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = [int(c) for c in cells[3:]]
    golds = {g.key: g for g in load_devset(DEVSET)}
    assert set(rows) == set(golds)
    for key, gold in golds.items():
        counts = [sum(e.type == t for e in gold.entities) for t in ("Person", "Organisation")]
        counts += [sum(e.type == "Place" for e in gold.entities)]
        assert rows[key] == [*counts, len(gold.positions), len(gold.events)], key


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_consistent(path: Path) -> None:
    """Positions and events refer to gold entities of the right family; names are not repeated."""
    gold = _gold(path)
    keys = [name_key(n) for e in gold.entities for n in e.names]
    assert len(keys) == len(set(keys)), "a name is listed twice"
    for position in gold.positions:
        person = gold.entity(position.person)
        assert person is not None and person.type == "Person", position
        if position.organisation is not None:
            org = gold.entity(position.organisation)
            assert org is not None and org.type == "Organisation", position
    _, keyed = _keyed_source(gold)
    for event in gold.events:
        for place in event.places:
            found = gold.entity(place)
            assert found is not None and found.type == "Place", (event.name, place)
        for partnership in event.partnerships:
            assert keyed.find_all(partnership), f"{partnership} is not in {gold.source.name}"
        if event.end is not None:
            assert event.end.iso() >= event.start.iso()


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_anchors_delimit_one_article(path: Path) -> None:
    """``locate`` occurs once in the source (ignoring layout) and ``until`` follows it."""
    gold = _gold(path)
    _, keyed = _keyed_source(gold)
    assert len(keyed.find_all(gold.locate)) == 1, "locate must be unique in its source"
    span = article_span(keyed, gold)
    assert span is not None, "until does not follow locate"
    assert span[1] - span[0] < 6000, "the span runs far past the article"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_gold_name_occurs_in_its_article(path: Path) -> None:
    gold = _gold(path)
    text, keyed = _keyed_source(gold)
    span = article_span(keyed, gold)
    assert span is not None
    article = KeyedText.of(text[span[0] : span[1]])
    missing = [n for e in gold.entities for n in e.names if not article.find_all(n)]
    assert not missing, f"names not in the article: {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_locate_occurs_once_in_the_normalised_source(path: Path) -> None:
    """Annotators write ``locate`` as the normaliser outputs it: no line breaks, no stray spaces."""
    if importlib.util.find_spec("silkgraph.extract.text.normalise") is None:
        pytest.skip("silkgraph.extract.text.normalise is not written yet")
    from silkgraph.extract.text.normalise import normalise

    gold = _gold(path)
    normalised = normalise(gold.source.read_text(encoding="utf-8")).text
    assert normalised.count(gold.locate) == 1


# ------------------------------------------------------------------------- gold parsing


def _write_gold(folder: Path, name: str, data: dict) -> Path:
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    path = folder / "gold" / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"entities": [{"type": "Thing", "name": "x"}]}, "type must be one of"),
        ({"surprise": 1}, "unknown fields"),
        ({"locate": ""}, "'locate' must be a non-empty string"),
        ({"source": "texts/missing.txt"}, "not found"),
        ({"events": [{"name": "会", "kind": "Forum", "start": "2019-02-30"}]}, "calendar"),
        ({"events": [{"name": "会", "kind": "Forum", "start": "19-02"}]}, "ISO date"),
        ({"events": [{"name": "会", "kind": "Party", "start": "2019"}]}, "kind must be"),
        ({"positions": [{"person": "甲", "role": [], "organisation": None}]}, "must not be empty"),
    ],
)
def test_malformed_gold_is_rejected_with_its_reason(
    tmp_path: Path, change: dict, message: str
) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("正文。", encoding="utf-8")
    base = {"source": "texts/a.txt", "locate": "正文", "until": "正文"}
    path = _write_gold(tmp_path, "bad", base | change)
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path, tmp_path)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("丹尼尔 · 拉塞尔", "丹尼尔・拉塞尔"),
        ("“一带一路”绿色发展国际联盟", '"一带一路"绿色发展国际联盟'),
        ("中国－东盟", "中国-东盟"),
        ("Radisson Blu Plaza", "radisson\nblu plaza"),
        ("２０１９年", "2019年"),
    ],
)
def test_name_keys_ignore_layout_and_typography(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_keyed_search_maps_back_to_the_original_text() -> None:
    text = "会议由生态环境\n部 主办。"
    (span,) = KeyedText.of(text).find_all("生态环境部")
    assert text[span[0] : span[1]] == "生态环境\n部"


# ------------------------------------------------------------------------------ the scores


@pytest.mark.parametrize(
    ("score", "precision", "recall", "f1"),
    [
        (Score(3, 1, 2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (Score(0, 0, 0), 1.0, 1.0, 1.0),  # nothing to find, nothing found
        (Score(0, 0, 4), 0.0, 0.0, 0.0),  # found nothing
        (Score(0, 2, 0), 0.0, 0.0, 0.0),  # found only noise
        (Score(5, 0, 0), 1.0, 1.0, 1.0),
    ],
)
def test_score_ratios(score: Score, precision: float, recall: float, f1: float) -> None:
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)
    assert score.f1 == pytest.approx(f1)


def test_scores_add_up() -> None:
    assert Score(1, 2, 3) + Score(4, 5, 6) == Score(5, 7, 9)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("Person", "Person"),
        ("City", "Place"),
        ("Venue", "Place"),
        ("NaturalFeature", "Place"),
        ("GovernmentBody", "Organisation"),
        ("ThematicPartnership", "Organisation"),
    ],
)
def test_entity_kinds_map_onto_families(kind: str, expected: str) -> None:
    assert family(kind) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("Forum", "Forum"),
        ("RoundTable", "Forum"),
        ("Summit", "Conference"),
        ("Workshop", "Training"),
    ],
)
def test_fine_event_classes_compare_as_dev_set_kinds(kind: str, expected: str) -> None:
    """The pipeline's ontology classes map onto gold kinds via ontology/event_kinds.yaml."""
    assert coarse_kind(kind) == expected


@pytest.mark.parametrize(
    ("gold", "found", "expected"),
    [
        (DateValue(2019, 4, 25), DateValue(2019, 4, 25), True),
        (DateValue(2019, 4, 25), DateValue(2019, 4), True),  # the text may give only a month
        (DateValue(2019, 4), DateValue(2019, 4, 2), True),
        (DateValue(2019, 4, 25), DateValue(2019, 4, 26), False),
        (DateValue(2019, 4, 25), DateValue(2019), False),  # a year is too vague to pair events
        (DateValue(2019), DateValue(2019), True),
        (DateValue(2019, 4, 25), DateValue(2020, 4, 25), False),
        (DateValue(2019, 4, 25), None, False),
    ],
)
def test_event_dates_pair_at_the_coarser_precision(
    gold: DateValue, found: DateValue | None, expected: bool
) -> None:
    assert dates_compatible(gold, found) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("圆桌会议", "气候协同治理与联合国2030年可持续发展议程圆桌会", True),
        ("研讨会", "区域海洋与生态系统管理合作专题研讨会", True),
        ("绿色之路分论坛", "第二届“一带一路”国际合作高峰论坛绿色之路分论坛", True),
        ("工作会议", "协调会议", False),
        ("非洲对话会", "青年工作坊", False),
    ],
)
def test_event_names_overlap(a: str, b: str, expected: bool) -> None:
    assert names_similar(a, b) is expected


# ------------------------------------------------------- hand-made extractions and a dev set

TEXT = (
    "绿色丝路新闻\n\n"
    "2023年9月5日，非洲对话会在内罗毕召开。肯尼亚环境部部长基贝特出席并致辞，"
    "绿色非洲基金会主席万吉鲁主持会议。\n\n"
    "（来源：测试）\n\n"
    "2023年10月1日，另一场会议在北京召开。\n"
)
GOLD = {
    "source": "texts/article.txt",
    "locate": "2023年9月5日，非洲对话会",
    "until": "主持会议",
    "entities": [
        {"type": "Place", "name": "内罗毕"},
        {"type": "Place", "name": "肯尼亚"},
        {"type": "Organisation", "name": "环境部", "aliases": ["肯尼亚环境部"]},
        {"type": "Person", "name": "基贝特"},
        {"type": "Organisation", "name": "绿色非洲基金会"},
        {"type": "Person", "name": "万吉鲁"},
    ],
    "positions": [
        {"person": "基贝特", "role": "部长", "organisation": "环境部"},
        {"person": "万吉鲁", "role": ["主席"], "organisation": "绿色非洲基金会"},
    ],
    "events": [
        {"name": "非洲对话会", "kind": "Forum", "start": "2023-09-05", "place": "内罗毕"},
    ],
}
# id: (kind, label_zh, surfaces in TEXT — a mention is made at every occurrence)
ENTITIES = {
    "place/nairobi": ("City", "内罗毕市", ("内罗毕",)),
    "place/kenya": ("Country", "肯尼亚", ("肯尼亚",)),
    "org/kenya-env": ("GovernmentBody", "肯尼亚环境部", ("环境部",)),
    "person/kibet": ("Person", "基贝特", ("基贝特",)),
    "org/gaf": ("NGO", "绿色非洲基金会", ("绿色非洲基金会",)),
    "person/wanjiru": ("Person", "万吉鲁", ("万吉鲁",)),
    "place/beijing": ("City", "北京市", ("北京",)),  # in the next article: out of scope
}


def _at(surface: str) -> int:
    return TEXT.index(surface)


def _mid(surface: str) -> str:
    """The evidence id of a mention at ``surface``, in the pipeline's id convention."""
    return f"s-i1-a1-m{_at(surface)}-{_at(surface) + len(surface)}"


def _extraction(
    entities: dict[str, tuple[str, str, tuple[str, ...]]] = ENTITIES,
    *,
    memberships: tuple[Membership, ...] = (),
    events: tuple[Event, ...] = (),
    known: bool = True,
) -> Extraction:
    """Records as a pipeline would hand them over, with a mention at every surface occurrence."""
    split = TEXT.index("2023年10月1日")
    articles = (
        Article("s-i1-a1", "s-i1", 1, "绿色丝路新闻", "非洲对话会", 8, split, 8, split),
        Article("s-i1-a2", "s-i1", 2, None, "另一场会议", split, len(TEXT), split, len(TEXT)),
    )
    records, mentions = [], []
    for entity_id, (kind, label, surfaces) in entities.items():
        records.append(Entity(entity_id, kind, label, known=known))
        for surface in surfaces:
            start = TEXT.find(surface)
            while start >= 0:
                end = start + len(surface)
                article = "s-i1-a1" if start < split else "s-i1-a2"
                mentions.append(
                    Mention(
                        f"{article}-m{start}-{end}",
                        article,
                        start,
                        end,
                        start,
                        end,
                        surface,
                        entity_id,
                        "t",
                    )
                )
                start = TEXT.find(surface, end)
    source = SourceDocument("article", "texts/article.txt", "0" * 64, TEXT)
    return Extraction(
        source=source,
        normalised_text=TEXT,
        articles=articles,
        entities=tuple(records),
        mentions=tuple(mentions),
        memberships=memberships,
        events=events,
    )


PERFECT_MEMBERSHIPS = (
    Membership("p1", "person/kibet", "org/kenya-env", "部长", (_mid("基贝特"),)),
    Membership("p2", "person/wanjiru", "org/gaf", "主席", (_mid("万吉鲁"),)),
)
PERFECT_EVENT = Event(
    "event/1",
    "Forum",
    "非洲对话会",
    DateValue(2023, 9, 5),
    place_ids=("place/nairobi",),
    evidence=(_mid("非洲对话会"),),
)
OTHER_EVENT = Event(  # the next article's event: must not count against this gold article
    "event/2", "Meeting", "另一场会议", DateValue(2023, 10, 1), article_keys=("s-i1-a2",)
)


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "article.txt").write_text(TEXT, encoding="utf-8")
    _write_gold(tmp_path, "article", GOLD)
    return tmp_path


def _scores(devset: Path, extraction: Extraction, **kwargs) -> dict[str, Score]:
    (gold,) = load_devset(devset)
    return score_article(gold, extraction, **kwargs)


def test_perfect_extraction_scores_one_everywhere(devset: Path) -> None:
    extraction = _extraction(memberships=PERFECT_MEMBERSHIPS, events=(PERFECT_EVENT, OTHER_EVENT))
    scores = _scores(devset, extraction)
    expected = {
        "articles": Score(1, 0, 0),
        "Person": Score(2, 0, 0),
        "Organisation": Score(2, 0, 0),
        "Place": Score(2, 0, 0),  # 北京 is in the next article
        "entities": Score(6, 0, 0),
        "positions": Score(2, 0, 0),
        "positions.loose": Score(2, 0, 0),
        "events": Score(1, 0, 0),
        "events.date": Score(1, 0, 0),
        "events.place": Score(1, 0, 0),
        "events.kind": Score(1, 0, 0),
        "events.partnerships": Score(0, 0, 0),
    }
    assert scores == expected


def test_empty_extraction_misses_everything(devset: Path) -> None:
    source = SourceDocument("article", "texts/article.txt", "0" * 64, TEXT)
    scores = _scores(devset, Extraction(source=source, normalised_text=TEXT))
    assert scores["articles"] == Score(0, 0, 1)
    assert scores["entities"] == Score(0, 0, 6)
    assert scores["positions"] == Score(0, 0, 2)
    assert scores["events"] == Score(0, 0, 1)
    assert scores["events.date"] == Score()  # attributes are scored on matched events only
    assert scores["entities"].precision == 0.0 and scores["entities"].f1 == 0.0


def test_partial_extraction_is_counted_item_by_item(devset: Path) -> None:
    entities = dict(ENTITIES)
    del entities["person/wanjiru"]  # missed person
    entities["person/noise"] = ("Person", "主持会议", ("主持会议",))  # spurious person
    entities["org/kibet"] = ("Organisation", "基贝特出席", ("基贝特",))  # wrong family, too
    memberships = (
        Membership("p1", "person/kibet", None, "部长", (_mid("基贝特"),)),  # organisation lost
        Membership("p3", "person/kibet", "org/kenya-env", "代表", (_mid("基贝特"),)),  # wrong role
    )
    event = Event(
        "event/1",
        "Meeting",  # wrong kind, but the name still pairs it with the gold event
        "非洲对话会",
        DateValue(2023, 9),  # right month, day missing: paired, but the date is wrong
        place_ids=("place/nairobi", "place/kenya"),  # the country holds the city: neutral
        evidence=(_mid("非洲对话会"),),
    )
    nairobi = ENTITIES["place/nairobi"]
    entities["place/nairobi"] = nairobi
    extraction = _extraction(entities, memberships=memberships, events=(event,))
    # make 肯尼亚 the country of 内罗毕, as a gazetteer entry would
    extraction = Extraction(
        source=extraction.source,
        normalised_text=TEXT,
        articles=extraction.articles,
        entities=tuple(
            Entity(e.id, e.kind, e.label_zh, country_id="place/kenya")
            if e.id == "place/nairobi"
            else e
            for e in extraction.entities
        ),
        mentions=extraction.mentions,
        memberships=memberships,
        events=(event,),
    )
    scores = _scores(devset, extraction)
    assert scores["Person"] == Score(tp=1, fp=1, fn=1)
    assert scores["Organisation"] == Score(tp=2, fp=1, fn=0)
    assert scores["Place"] == Score(tp=2, fp=0, fn=0)
    assert scores["positions"] == Score(tp=0, fp=2, fn=2)
    assert scores["positions.loose"] == Score(tp=1, fp=1, fn=1)
    assert scores["events"] == Score(tp=1, fp=0, fn=0)
    assert scores["events.date"] == Score(tp=0, fp=1, fn=1)
    assert scores["events.kind"] == Score(tp=0, fp=1, fn=1)
    assert scores["events.place"] == Score(tp=1, fp=0, fn=0)


def test_a_duplicate_node_for_one_entity_is_a_false_positive(devset: Path) -> None:
    entities = dict(ENTITIES)
    entities["person/kibet-2"] = ("Person", "基贝特", ("基贝特",))
    scores = _scores(devset, _extraction(entities))
    assert scores["Person"] == Score(tp=2, fp=1, fn=0)


def test_names_match_on_labels_aliases_and_surfaces(devset: Path) -> None:
    """肯尼亚环境部 (label) answers to gold 环境部 through its surface; 内罗毕市 through 内罗毕."""
    scores = _scores(devset, _extraction())
    assert scores["Organisation"].tp == 2
    assert scores["Place"].tp == 2


def test_unlisted_entities_are_scored_with_a_given_gazetteer(devset: Path) -> None:
    def listed(entity: GoldEntity) -> bool:
        return entity.name in {"内罗毕", "肯尼亚", "环境部"}

    entities = dict(ENTITIES)
    entities["person/noise"] = ("Person", "主持会议", ("主持会议",))
    scores = _scores(devset, _extraction(entities, known=False), listed=listed)
    assert scores["unlisted.Person"] == Score(tp=2, fp=1, fn=0)
    assert scores["unlisted.Organisation"] == Score(tp=1, fp=0, fn=0)
    assert scores["unlisted.Place"] == Score(tp=0, fp=0, fn=0)


def test_evaluate_extracts_each_source_once_and_sums(devset: Path) -> None:
    _write_gold(devset, "same_article_again", GOLD)
    calls: list[Path] = []

    def extract(path: Path) -> Extraction:
        calls.append(path)
        return _extraction(memberships=PERFECT_MEMBERSHIPS, events=(PERFECT_EVENT,))

    report = evaluate(devset, extract, listed=lambda entity: True)
    assert len(calls) == 1
    assert report.scores["entities"] == Score(12, 0, 0)
    assert set(report.by_article) == {"article", "same_article_again"}
    table = report.format_table()
    assert table.splitlines()[0].split() == ["metric", "tp", "fp", "fn", "prec", "recall", "f1"]
    assert any(line.split()[:4] == ["positions", "4", "0", "0"] for line in table.splitlines())
    assert "(2 articles)" in table


def test_missing_anchors_are_reported_not_fatal(devset: Path) -> None:
    gold = GOLD | {"locate": "这段话不在文中"}
    _write_gold(devset, "article", gold)
    report = evaluate(devset, lambda path: _extraction(), listed=lambda entity: True)
    assert report.scores["entities"] == Score(0, 0, 6)
    assert any("anchors not found" in note for note in report.notes)


def test_report_table_lists_notes() -> None:
    report = EvalReport({"Person": Score(1, 0, 0)}, {}, ("gazetteer unavailable",))
    assert report.format_table().endswith("note: gazetteer unavailable")


def test_main_without_a_devset_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(tmp_path) == 2
    assert "no dev set" in capsys.readouterr().err


def _oracle(source: Path) -> Extraction:
    """An Extraction built from the gold files themselves: what a perfect pipeline would hand over.

    One article per gold span, an entity per gold entity with a mention at every occurrence of
    its names inside the span, and the gold positions and events with evidence in the span.
    """
    text = source.read_text(encoding="utf-8")
    keyed = KeyedText.of(text)
    articles, entities, mentions, memberships, events = [], [], [], [], []
    kinds = {"Person": "Person", "Organisation": "Organisation", "Place": "City"}
    for n, gold in enumerate(g for g in load_devset(DEVSET) if g.source == source):
        span = article_span(keyed, gold)
        assert span is not None
        key = f"{source.stem}-a{n}"
        articles.append(Article(key, "i", n, None, gold.locate, *span, *span))
        ids = {}
        for e, entity in enumerate(gold.entities):
            entity_id = f"{key}-e{e}"
            ids.update({name_key(name): entity_id for name in entity.names})
            entities.append(Entity(entity_id, kinds[entity.type], entity.name))
            for name in entity.names:
                for start, end in keyed.find_all(name):
                    if span[0] <= start and end <= span[1]:
                        mention = Mention(
                            f"{key}-m{start}-{end}",
                            key,
                            start,
                            end,
                            start,
                            end,
                            text[start:end],
                            entity_id,
                            "oracle",
                        )
                        mentions.append(mention)
        evidence = (f"{key}-m{span[0]}-{span[0] + 1}",)
        for p, position in enumerate(gold.positions):
            org = ids[name_key(position.organisation)] if position.organisation else None
            memberships.append(
                Membership(
                    f"{key}-p{p}", ids[name_key(position.person)], org, position.roles[0], evidence
                )
            )
        for v, event in enumerate(gold.events):
            partnership_ids = []
            for name in event.partnerships:
                if name_key(name) not in ids:  # credited outside the span (供稿)
                    ids[name_key(name)] = f"{key}-x{len(ids)}"
                    entities.append(Entity(ids[name_key(name)], "ThematicPartnership", name))
                partnership_ids.append(ids[name_key(name)])
            events.append(
                Event(
                    f"{key}-v{v}",
                    event.kind,
                    event.name,
                    event.start,
                    event.end,
                    place_ids=tuple(ids[name_key(p)] for p in event.places),
                    partnership_ids=tuple(partnership_ids),
                    evidence=evidence,
                )
            )
    return Extraction(
        source=SourceDocument(source.stem, str(source), "0" * 64, text),
        normalised_text=text,
        articles=tuple(articles),
        entities=tuple(entities),
        mentions=tuple(mentions),
        memberships=tuple(memberships),
        events=tuple(events),
    )


def test_an_oracle_extraction_scores_perfectly_on_the_devset() -> None:
    """The gold files and the scorer agree: the gold itself, as records, gets every point.

    Catches annotations the scorer cannot match (a role spelt differently from its text, an
    event place that is not a gold place, two gold entities sharing a name).
    """
    report = evaluate(DEVSET, _oracle, listed=lambda entity: False)
    imperfect = {k: s for k, s in report.scores.items() if s.fp or s.fn}
    assert not imperfect, report.format_table()
    assert report.scores["entities"].tp == 232
