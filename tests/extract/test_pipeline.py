"""One source file through the whole extraction: mentions with provenance, determinism, ids
shared across files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from silkgraph.extract.pipeline import Pipeline, extract_documents
from silkgraph.extract.records import Extraction, SourceDocument
from silkgraph.extract.text.sources import read_source

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline_tiny.txt"
SEED = Path(__file__).parents[2] / "seeds" / "000_ebff42e7a4c8d0a7.txt"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def tiny(pipeline: Pipeline) -> Extraction:
    return pipeline.extract(read_source(FIXTURE))


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("text", "entity_id", "method"),
    [
        ("温州市生态环境保护协会", "org/n-wen-zhou-shi-sheng-tai-huan-jing-bao-hu-xie-hui",
         "rule:suffix"),
        ("温州环协", "org/n-wen-zhou-shi-sheng-tai-huan-jing-bao-hu-xie-hui", "abbreviation"),
        ("生态环境部", "org/mee", "gazetteer"),
        ("李干杰", "person/li-ganjie", "gazetteer"),
        ("马库斯·霍夫曼", "person/n-ma-ku-si-huo-fu-man", "rule:transliteration"),
        ("湖南师范大学生态研究所", "org/n-hu-nan-shi-fan-da-xue-sheng-tai-yan-jiu-suo",
         "rule:suffix"),
        ("北京", "place/cn-110000", "gazetteer"),
    ],
)
def test_expected_mentions(tiny: Extraction, text: str, entity_id: str, method: str) -> None:
    assert any((m.text, m.entity_id, m.method) == (text, entity_id, method)
               for m in tiny.mentions), [(m.text, m.entity_id, m.method) for m in tiny.mentions]


def test_mentions_point_at_the_original_text(tiny: Extraction) -> None:
    """Names broken over lines (温州环\\n协, 马\\n库斯 · 霍夫曼) map back to the source."""
    original = tiny.source.text
    assert tiny.mentions
    for mention in tiny.mentions:
        assert tiny.normalised_text[mention.start:mention.end] == mention.text
        assert squeeze(original[mention.orig_start:mention.orig_end]) == squeeze(mention.text)
        assert mention.id == f"{mention.article_key}-m{mention.start}-{mention.end}"
    broken = [m for m in tiny.mentions if "\n" in original[m.orig_start:m.orig_end]]
    assert {m.text for m in broken} >= {"温州环协", "马库斯·霍夫曼"}


def test_every_referenced_entity_is_in_the_extraction(tiny: Extraction) -> None:
    ids = {e.id for e in tiny.entities}
    facts = {e.id for e in tiny.events} | {p.id for p in tiny.publications}
    assert {m.entity_id for m in tiny.mentions} <= ids | facts
    assert {i for e in tiny.entities for i in (e.parent_id, e.country_id) if i} <= ids
    new = {e.id: e for e in tiny.entities if not e.known}
    association = new["org/n-wen-zhou-shi-sheng-tai-huan-jing-bao-hu-xie-hui"]
    assert (association.kind, association.country_id, association.alt_labels) == (
        "NGO", "place/cn", ("温州环协",))
    institute = new["org/n-hu-nan-shi-fan-da-xue-sheng-tai-yan-jiu-suo"]
    assert new[institute.parent_id].label_zh == "湖南师范大学"


def test_records_are_sorted(tiny: Extraction) -> None:
    assert list(tiny.entities) == sorted(tiny.entities, key=lambda e: e.id)
    assert list(tiny.mentions) == sorted(tiny.mentions, key=lambda m: (m.start, m.end, m.id))
    assert [d.start for d in tiny.dates] == sorted(d.start for d in tiny.dates)


def test_same_input_same_extraction(pipeline: Pipeline) -> None:
    source = read_source(SEED)
    first = pipeline.extract(source)
    assert first.mentions and first.entities
    assert pipeline.extract(source) == first
    assert Pipeline(pipeline.gazetteer).extract(source) == first


def test_files_extracted_together_share_ids(pipeline: Pipeline) -> None:
    one = read_source(FIXTURE)
    two = replace(one, key="other", path="other.txt",
                  text=one.text.replace("湖南师范大学生态研究所", "湖南师范大学生态研\n究所  "))
    first, second = extract_documents([one, two], pipeline=pipeline)
    ids = [{m.entity_id for m in x.mentions if m.text == "温州市生态环境保护协会"}
           for x in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) == 1
    assert isinstance(second.source, SourceDocument) and second.source.key == "other"


def test_layout_regions_make_no_mentions(tiny: Extraction) -> None:
    blocked = [r for r in tiny.regions
               if r.kind in {"toc", "running_header", "contact", "page_furniture"}]
    assert blocked  # the masthead line is a running header
    for region in blocked:
        assert not [m for m in tiny.mentions if m.start < region.end and region.start < m.end]
