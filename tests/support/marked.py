"""Docs from marked-up text, for writing rule tests: ``"[生态环境部|org/mee]副部长赵英民"``.

Relation rules read entity spans that the recognition stage put on the Doc. Marking the spans in
the sentence keeps a rule's test independent of recognition, while still running the real spaCy
objects. Used by silkgraph's own tests; handy for anyone adding a rule.
"""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

from silkgraph.extract.entities.nlp import register_extensions
from silkgraph.extract.entities.registry import EntityRegistry

_MARK = re.compile(r"\[([^|\]]+)\|([^\]]+)\]")
_LABEL = {
    "org": "Organisation", "partnership": "Organisation", "place": "Place", "person": "Person",
}


def marked_doc(marked: str) -> Doc:
    """A Doc of the unmarked text with one ``sg_entities`` span per ``[name|id]`` and a registry.

    >>> doc = marked_doc("[生态环境部|org/mee]副部长赵英民")
    >>> doc.text, [(s.text, s.label_, s.kb_id_) for s in doc.spans["sg_entities"]]
    ('生态环境部副部长赵英民', [('生态环境部', 'Organisation', 'org/mee')])
    """
    register_extensions()
    text, spans, shift = "", [], 0
    for match in _MARK.finditer(marked):
        text += marked[shift : match.start()]
        spans.append((len(text), len(text) + len(match.group(1)), match.group(2)))
        text += match.group(1)
        shift = match.end()
    text += marked[shift:]
    doc = spacy.blank("zh")(text)
    doc.spans["sg_entities"] = [
        doc.char_span(a, b, _LABEL[i.split("/")[0]], kb_id=i, alignment_mode="expand")
        for a, b, i in spans
    ]
    doc._.sg_registry = EntityRegistry()
    return doc
