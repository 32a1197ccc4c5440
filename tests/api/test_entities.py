"""Entity pages (``/id/…``) against a live server on the hand-written graph ``pages.trig``.

The RDF forms are checked against the fixture itself: the Turtle, N-Triples and JSON-LD of an
entity hold exactly the triples the fixture states about it. The HTML is checked for what a
reader must see (labels, positions, events, snippets), read as text.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, Triple, parse

from silkgraph.api import jsonld
from silkgraph.api.pages import Cell
from silkgraph.api.snippets import locate, segments

if TYPE_CHECKING:
    from conftest import Hostile, LiveServer

PAGES = Path(__file__).parent / "fixtures" / "pages.trig"
ID = "https://silkgraph.org/id/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
WANG_PATH = "/id/person/n-%E7%8E%8B%E5%B0%8F%E6%98%8E"


@pytest.fixture
def http(pages_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=pages_server.url, timeout=30) as client:
        yield client


class _Text(HTMLParser):
    """Text with a space wherever a block or a table cell begins."""

    BLOCKS = frozenset({"p", "div", "li", "td", "th", "tr", "h1", "h2", "br", "section", "q"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(page: str) -> str:
    """The text a reader sees (entities decoded, tags dropped, spaces collapsed)."""
    parser = _Text()
    parser.feed(page)
    return " ".join("".join(parser.parts).split())


def fixture_triples(iri: str) -> set[Triple]:
    """What pages.trig states about ``iri``, in any graph (as a store holds it: 1.0 is 1)."""
    store = Store()
    store.extend(parse(path=PAGES))
    return {
        Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(NamedNode(iri), None, None, None)
    }


def triples(body: bytes, fmt: RdfFormat) -> set[Triple]:
    return {Triple(q.subject, q.predicate, q.object) for q in parse(body, format=fmt)}


#: path -> texts the HTML page must show (read as text, in this order where it matters).
PAGES_SHOW = [
    (
        "/id/org/mee",
        [
            "生态环境部",
            "Ministry of Ecology and Environment",
            "政府机构",  # its type, by the class's label
            "中华人民共和国生态环境部",  # alternative label
            "Positions at this organisation",
            "李干杰 部长 生态环境部",
            "王小明 主任 生态环境部对外合作与交流中心",  # at a sub-organisation
            "2019-04-25 绿色之路分论坛 organised",
            "生态环境部对外合作与交流中心 org:subOrganizationOf",  # related
            "Mentions",
            "绿色之路分论坛在京举行",  # the article a mention is in
        ],
    ),
    (
        "/id/person/li-ganjie",
        [
            "李干杰",
            "Li Ganjie",
            "Positions held",
            "部长 生态环境部",
            "2019-04-25 绿色之路分论坛 attended",
            "生态环境部部长李干杰出席并致辞",  # the snippet around the mention
        ],
    ),
    (WANG_PATH, ["王小明", "主任 生态环境部对外合作与交流中心", "绿色金融研讨会 attended"]),
    ("/id/place/cn", ["中国", "China", "2019-04-25 绿色之路分论坛 held here", "CN"]),
    ("/id/place/ke-nairobi", ["内罗毕", "Nairobi", "2019-11-05 绿色金融研讨会 held here"]),
    (
        "/id/partnership/green-finance-and-investment",
        [
            "绿色金融与投资专题伙伴关系",
            "绿色金融伙伴关系",
            "联合国环境规划署",
            "绿色金融研讨会 organised",
        ],
    ),
    (
        "/id/event/2019-04-25-green-road-forum",
        ["绿色之路分论坛", "Green Silk Road Thematic Forum", "论坛", "北京国家会议中心", "北京"],
    ),
    (
        "/id/article/001_137bdf9c89c960ef-i1-a2",
        [
            "绿色之路分论坛在京举行",
            "联盟动态",
            "2019年4月25日，第二届“一带一路”国际合作高峰论坛绿色之路分论坛在北京举行。",
            # a mention, with the fact derived from it
            "1079–1082 李干杰 李干杰 gazetteer id:membership/li-ganjie-mee",
        ],
    ),
]


@pytest.mark.parametrize(("path", "texts"), PAGES_SHOW, ids=[p for p, _ in PAGES_SHOW])
def test_html_pages_show_what_the_graph_says(
    http: httpx.Client, path: str, texts: list[str]
) -> None:
    answer = http.get(path, headers={"Accept": BROWSER})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert "Accept" in answer.headers["vary"]
    shown = text_of(answer.text)
    for text in texts:
        assert text in shown, f"{path} does not show {text!r}"


def test_a_snippet_marks_the_occurrence_the_mention_points_at(http: httpx.Client) -> None:
    """生态环境部 occurs twice in the article; each mention's snippet marks its own."""
    page = http.get("/id/org/mee", headers={"Accept": BROWSER}).text
    assert "国际联盟和<mark>生态环境部</mark>共同主办" in page
    assert "共同主办。<mark>生态环境部</mark>部长李干杰" in page


def test_an_article_page_links_each_mention_in_its_text(http: httpx.Client) -> None:
    page = http.get("/id/article/001_137bdf9c89c960ef-i1-a2", headers={"Accept": BROWSER}).text
    text = page.split('class="article-text"', 1)[1].split("</div>", 1)[0]
    assert text.count('class="mention"') == 6
    assert '<a class="mention" href="/id/person/li-ganjie" title="李干杰">李干杰</a>' in text
    assert text.count('href="/id/org/mee"') == 2
    assert 'href="/queries/article-facts?article=https%3A%2F%2Fsilkgraph.org%2Fid%2Farticle' in page


ENTITIES = [
    "org/mee",
    "person/li-ganjie",
    "person/n-%E7%8E%8B%E5%B0%8F%E6%98%8E",
    "event/2019-11-05-green-finance-seminar",
    "article/001_137bdf9c89c960ef-i2-a1",
    "mention/001_137bdf9c89c960ef-i1-a2-m1079-position",
    "membership/wang-fecc",
]


@pytest.mark.parametrize("local_id", ENTITIES)
@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES)],
    ids=["turtle", "ntriples"],
)
def test_rdf_holds_exactly_the_entitys_triples(
    http: httpx.Client, local_id: str, accept: str, fmt: RdfFormat
) -> None:
    answer = http.get(f"/id/{local_id}", headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == fmt.media_type
    assert triples(answer.content, fmt) == fixture_triples(ID + local_id)


@pytest.mark.parametrize("local_id", ENTITIES)
def test_jsonld_uses_the_local_context_and_round_trips(http: httpx.Client, local_id: str) -> None:
    answer = http.get(f"/id/{local_id}", headers={"Accept": "application/ld+json"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/ld+json"
    document = answer.json()
    assert document["@context"] == jsonld.context()
    assert document["@id"] == "id:" + local_id  # compacted with the context's prefix
    nquads = jsonld.to_nquads(document)  # the loader refuses any remote document
    assert triples(nquads.encode(), RdfFormat.N_QUADS) == fixture_triples(ID + local_id)


def test_jsonld_reads_like_the_context_says(http: httpx.Client) -> None:
    document = http.get("/id/event/2019-04-25-green-road-forum?format=jsonld").json()
    assert document["@type"] == "sg:Forum"
    assert document["label"] == {"zh": "绿色之路分论坛", "en": "Green Silk Road Thematic Forum"}
    assert sorted(document["organizer"]) == ["id:org/brigc", "id:org/mee"]
    assert document["location"] == ["id:place/cn-110000"]
    assert document["venue"] == "北京国家会议中心"


@pytest.mark.parametrize(
    ("accept", "format_", "media_type"),
    [
        (BROWSER, None, "text/html"),
        (None, None, "text/html"),
        ("text/turtle;q=0.9, application/ld+json", None, "application/ld+json"),
        ("application/json", None, "application/ld+json"),
        (BROWSER, "turtle", "text/turtle"),
        ("text/turtle", "html", "text/html"),
        (BROWSER, "ntriples", "application/n-triples"),
    ],
)
def test_formats_are_negotiated_or_named(
    http: httpx.Client, accept: str | None, format_: str | None, media_type: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    params = {"format": format_} if format_ else {}
    answer = http.get("/id/org/unep", headers=headers, params=params)
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media_type


@pytest.mark.parametrize("accept", [BROWSER, "text/turtle", "application/ld+json"])
@pytest.mark.parametrize(
    "path",
    [
        "/id/org/no-such-org",
        "/id/org/mee/more",
        "/id/org/mee%3E%20%3Fp%20%3Fo%20%7D%20UNION%20%7B%20%3Fs",  # no way out of the term
        "/id/org/%2E%2E/org/mee",  # dot segments the client left alone
        "/id/",
    ],
)
def test_iris_not_in_the_graph_are_404(http: httpx.Client, path: str, accept: str) -> None:
    answer = http.get(path, headers={"Accept": accept})
    assert answer.status_code == 404


def test_a_format_nobody_offers_is_406(http: httpx.Client) -> None:
    answer = http.get("/id/org/mee", headers={"Accept": "image/png"})
    assert answer.status_code == 406
    assert "text/turtle" in answer.text


def test_events_are_framed_with_places_and_organisers(http: httpx.Client) -> None:
    answer = http.get("/events.jsonld")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/ld+json"
    document = answer.json()
    assert document["@context"] == jsonld.context()
    events = {event["@id"]: event for event in document["@graph"]}
    assert set(events) == {
        "id:event/2019-04-25-green-road-forum",
        "id:event/2019-11-05-green-finance-seminar",
        "id:event/2020-06-biodiversity-dialogue",
    }
    seminar = events["id:event/2019-11-05-green-finance-seminar"]
    assert seminar["location"][0]["@id"] == "id:place/ke-nairobi"
    assert seminar["location"][0]["label"] == {"zh": "内罗毕", "en": "Nairobi"}
    organisers = {o["@id"]: o for o in seminar["organizer"]}
    assert organisers["id:org/unep"]["label"]["zh"] == "联合国环境规划署"
    assert organisers["id:partnership/green-finance-and-investment"]["@type"] == (
        "sg:ThematicPartnership"
    )
    dialogue = events["id:event/2020-06-biodiversity-dialogue"]
    assert dialogue["startDate"] == {"@type": "xsd:gYearMonth", "@value": "2020-06"}
    assert "location" not in dialogue  # no place known: nothing, not null
    # the framed document is the same graph: every event triple is in it
    graph = triples(jsonld.to_nquads(document).encode(), RdfFormat.N_QUADS)
    wanted = fixture_triples(ID + "event/2019-11-05-green-finance-seminar")
    derived = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert {t for t in wanted if t.predicate != derived} <= graph


def test_context_document_is_served(http: httpx.Client) -> None:
    answer = http.get("/context.jsonld")
    assert answer.headers["content-type"] == "application/ld+json"
    assert answer.json()["@context"] == jsonld.context()


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/id/org/mee", BROWSER),
        ("/id/article/001_137bdf9c89c960ef-i1-a2", BROWSER),
        ("/id/org/mee", "text/turtle"),
        ("/id/org/mee", "application/ld+json"),
    ],
)
def test_pages_answer_quickly(http: httpx.Client, path: str, accept: str) -> None:
    """Median of ten requests on the small graph: the page's queries and rendering, no slack."""
    http.get(path, headers={"Accept": accept})  # warm
    times = []
    for _ in range(10):
        started = time.perf_counter()
        assert http.get(path, headers={"Accept": accept}).status_code == 200
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 1.0, json.dumps(times)


LOCATE = [
    # text, anchor, estimate, taken, found
    ("生态环境部和生态环境部", "生态环境部", 0, (), 0),
    ("生态环境部和生态环境部", "生态环境部", 7, (), 6),
    ("生态环境部和生态环境部", "生态环境部", None, (), 0),
    ("生态环境部和生态环境部", "生态环境部", 0, (range(0, 5),), 6),
    ("生态环境部对外合作中心", "生态环境部", 3, (), 0),
    ("联合国环境规划署", "环境署", 0, (), None),  # not in the text as written: no guess
    ("abc", "", 0, (), None),
]


@pytest.mark.parametrize(("text", "anchor", "estimate", "taken", "found"), LOCATE)
def test_locate_takes_the_occurrence_nearest_the_offset(
    text: str, anchor: str, estimate: int | None, taken: tuple[range, ...], found: int | None
) -> None:
    assert locate(text, anchor, estimate, taken) == found


def test_segments_never_mark_a_character_twice() -> None:
    """Marks are placed in offset order; one whose text is already covered is left out."""
    a, b = Cell("a", href="/id/a"), Cell("b", href="/id/b")
    pieces = segments("甲乙甲乙", [(0, "甲", a), (2, "甲", a), (1, "甲乙", b)])
    assert [(p.text, p.mention) for p in pieces] == [("甲", a), ("乙", None), ("甲乙", b)]
    assert "".join(p.text for p in pieces) == "甲乙甲乙"


def test_an_entity_page_shows_markup_in_labels_as_text(
    http: httpx.Client, hostile: Hostile
) -> None:
    """Labels holding <script> and attribute breakers are text; a javascript: IRI is no link."""
    page = http.get(hostile.iri.replace(ID, "/id/"), headers={"Accept": BROWSER}).text
    for label in hostile.labels:
        assert label not in page
        assert label in text_of(page)  # shown, escaped
    assert "<script>alert" not in page and "<img" not in page
    assert 'href="javascript:' not in page.lower()
    assert hostile.link in text_of(page)
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "&lt;script&gt;" in title
