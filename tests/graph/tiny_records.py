"""Hand-made records of one tiny article: the mapping tests' input (no extraction involved)."""

from __future__ import annotations

from pathlib import Path

from silkgraph.extract.entities.gazetteer import Gazetteer
from silkgraph.extract.records import (
    Article,
    DateValue,
    Entity,
    Event,
    Extraction,
    Issue,
    Membership,
    Mention,
    Quote,
    SourceDocument,
)

HERE = Path(__file__).resolve().parent
GAZETTEER = HERE / "fixtures" / "tiny-gazetteer.yaml"
GOLDEN = HERE / "golden" / "tiny.nq"

TEXT = (
    "联盟动态\n\n研讨会在京召开\n\n2019年9月10日，绿色金融与投资专题伙伴关系在北京召开研讨会。"
    "生态环境部部长李干杰出席，新任副司长王小明致辞。李干杰表示，“绿色金融大有可为”。"
)
ARTICLE = "tiny-i1-a1"


def at(surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


def mention(surface: str, entity_id: str, method: str = "gazetteer", nth: int = 0) -> Mention:
    start, end = at(surface, nth)
    return Mention(
        id=f"{ARTICLE}-m{start}-{end}",
        article_key=ARTICLE,
        start=start,
        end=end,
        orig_start=start,
        orig_end=end,
        text=surface,
        entity_id=entity_id,
        method=method,
        confidence=1.0 if method == "gazetteer" else 0.7,
    )


EVENT_ID = "event/2019-09-10-tiny"
WANG = "person/n-wang-xiao-ming"
MENTIONS = (
    mention("绿色金融与投资专题伙伴关系", "partnership/green-finance"),
    mention("北京", "place/cn-110000"),
    mention("研讨会", EVENT_ID, "rule:event", nth=1),
    mention("生态环境部", "org/mee"),
    mention("李干杰", "person/li-ganjie"),
    mention("王小明", WANG, "rule:title-chain"),
)
M = {m.text: m.id for m in MENTIONS}


def tiny_extraction() -> Extraction:
    """One source, one issue, one article, and a record of every kind."""
    quote_start, quote_end = at("“绿色金融大有可为”")
    body_start = TEXT.index("2019")
    return Extraction(
        source=SourceDocument("tiny", "tests/tiny.txt", "0" * 64, TEXT),
        normalised_text=TEXT,
        issues=(Issue("tiny-i1", "tiny", 1, 0, len(TEXT), DateValue(2019, 9)),),
        articles=(
            Article(
                ARTICLE, "tiny-i1", 1, "联盟动态", "研讨会在京召开", 6, len(TEXT), body_start,
                len(TEXT), date=DateValue(2019, 9, 10),
            ),
        ),
        entities=(Entity(WANG, "Person", "王小明", known=False, confidence=0.7),),
        mentions=MENTIONS,
        memberships=(
            Membership("membership/li-mee", "person/li-ganjie", "org/mee", "部长", (M["李干杰"],)),
            Membership("membership/wang", WANG, None, "副司长", (M["王小明"],), 0.7),
        ),
        events=(
            # the same event reported twice: once announced, once as held, each adding facts
            Event(
                EVENT_ID, "Seminar", "研讨会", DateValue(2019, 9, 10), scheduled=True,
                place_ids=("place/cn",),  # the other report says where in China: 北京
                partnership_ids=("partnership/green-finance",), evidence=(M["研讨会"],),
                article_keys=(ARTICLE,), confidence=0.8,
            ),
            Event(
                EVENT_ID, "Seminar", "绿色金融研讨会", DateValue(2019, 9, 10),
                place_ids=("place/cn-110000",), participant_ids=("person/li-ganjie",),
                evidence=(M["北京"],), article_keys=(ARTICLE,), confidence=0.9,
            ),
        ),
        quotes=(
            Quote(
                f"{ARTICLE}-q{quote_start}", ARTICLE, "person/li-ganjie", "绿色金融大有可为",
                quote_start, quote_end, quote_start, quote_end, 0.8,
            ),
        ),
        original_offsets=tuple(range(len(TEXT) + 1)),
    )


def tiny_gazetteer() -> Gazetteer:
    return Gazetteer.load(GAZETTEER)
