"""silkgraph's spaCy pipeline: a Chinese tokenizer with its own jieba dictionary, and the
entity components, added by name like any user's component.

jieba keeps one dictionary per process; ``jieba.add_word`` on it changes tokenization for every
other user of jieba in the process, and spaCy does not save it with a pipeline. So the tokenizer
here gets its own ``jieba.Tokenizer()`` (spaCy's ChineseTokenizer only calls
``jieba_seg.cut(text, cut_all=False)``), and the gazetteer's names go into that instance only —
the process-global dictionary is never touched. This module is the one place that does it.

The Doc contract (shared with :mod:`silkgraph.extract.relations.reader`, whose
``read_relations(doc, ArticleContext(...))`` the pipeline calls once per article after these
components):

* one Doc per article; ``doc.text`` is the normalised text of the article and every offset is
  article-relative (add ``article.start`` for document offsets);
* ``doc.spans["sg_entities"]``: entity mentions, sorted, never overlapping; ``span.label_`` is
  ``"Person"``, ``"Organisation"`` (thematic partnerships included) or ``"Place"``;
  ``span.kb_id_`` is the entity id (``"org/mee"``, ``"person/li-ganjie"``, or one minted for a
  new entity, ``"person/n-qiao-yi-si-mu-su-ya"``);
* ``doc.spans["sg_dates"]`` and ``doc.user_data["sg_dates"]``: the article's dates, the latter a
  tuple of :class:`~silkgraph.extract.records.DateMention` (article-relative);
* ``Span._.sg_method`` (``"gazetteer"``, ``"abbreviation"``, ``"rule:suffix"``,
  ``"rule:transliteration"``, ``"rule:latin"``, ``"place-data"``) and ``Span._.sg_confidence``;
* ``doc._.sg_registry``: the :class:`~silkgraph.extract.entities.registry.EntityRegistry` of
  entities discovered in this document (shared by its articles, so a name is one entity throughout).

What the components read before they run (set by the pipeline on ``nlp.make_doc`` output, all
optional): ``doc.user_data["sg_blocked"]`` (article-relative ranges of layout regions — tables of
contents, running headers, contact blocks — where no mention is made),
``doc.user_data["sg_context_ids"]`` (ids of entities named in full earlier in the issue, which
bind ambiguous short forms) and ``doc.user_data["sg_reference_date"]`` (resolves partial dates).

>>> from silkgraph.extract.entities.gazetteer import Gazetteer  # doctest: +SKIP
>>> nlp = build_nlp(Gazetteer.load())  # doctest: +SKIP
>>> [(s.text, s.kb_id_) for s in nlp("生态环境部部长李干杰").spans["sg_entities"]]  # doctest: +SKIP
[('生态环境部', 'org/mee'), ('李干杰', 'person/li-ganjie')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import spacy
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

if TYPE_CHECKING:
    from silkgraph.extract.entities.gazetteer import Gazetteer

__all__ = ["COMPONENTS", "TOKENIZER", "add_user_words", "build_nlp", "register_extensions"]

#: The registered name of the isolated jieba tokenizer.
TOKENIZER = "silkgraph.jieba_tokenizer.v1"
#: Components in pipeline order: known names first, then new ones, short forms, dates.
COMPONENTS = (
    "silkgraph_gazetteer",
    "silkgraph_discovery",
    "silkgraph_abbreviations",
    "silkgraph_dates",
)
#: jieba part-of-speech tag for gazetteer names (``nz``: other proper noun).
NAME_TAG = "nz"
#: Words of the domain jieba's dictionary splits, which would otherwise cut names in two
#: (``世界可持续发展工商理事会`` -> 可/v 持续/vd …).
DOMAIN_WORDS = {"可持续": "b", "碳中和": "n", "碳达峰": "n", "低碳": "b"}


def register_extensions() -> None:
    """Declare the custom attributes of the Doc contract (idempotent)."""
    if not Span.has_extension("sg_method"):
        Span.set_extension("sg_method", default=None)
    if not Span.has_extension("sg_confidence"):
        Span.set_extension("sg_confidence", default=1.0)
    if not Doc.has_extension("sg_registry"):
        Doc.set_extension("sg_registry", default=None)


@registry.tokenizers(TOKENIZER)
def create_tokenizer(segmenter: str = "jieba"):
    """A ChineseTokenizer that segments with a private ``jieba.Tokenizer`` instance."""
    if segmenter != Segmenter.jieba.value:
        raise ValueError(f"{TOKENIZER} segments with jieba only, not {segmenter!r}")

    def tokenizer_factory(nlp: Language) -> ChineseTokenizer:
        return isolated_tokenizer(nlp.vocab)

    return tokenizer_factory


def isolated_tokenizer(vocab: Vocab) -> ChineseTokenizer:
    """Build the tokenizer without ``try_jieba_import``, which warms jieba's global dictionary."""
    import logging

    import jieba

    # jieba announces every dictionary load at DEBUG on its own logger, which it sets to DEBUG;
    # that noise would end up on `silkgraph build`'s stderr. Quieten only jieba's logger.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = ChineseTokenizer(vocab, segmenter=Segmenter.char)
    tokenizer.segmenter = Segmenter.jieba.value
    tokenizer.jieba_seg = jieba.Tokenizer()
    return tokenizer


def add_user_words(nlp: Language, words: Iterable[str], *, tag: str = NAME_TAG) -> int:
    """Add ``words`` to the pipeline's own jieba dictionary (never the global one).

    Returns how many words were added. Whitespace-only and one-character words are skipped:
    a one-character "name" (``京``) would glue itself to its neighbours everywhere.
    """
    seg = nlp.tokenizer.jieba_seg  # type: ignore[attr-defined]
    if seg is None or seg.__class__.__name__ != "Tokenizer":
        raise TypeError("the pipeline's tokenizer has no private jieba.Tokenizer; use build_nlp")
    added = 0
    for word in sorted(set(words)):
        word = word.strip()
        if len(word) > 1 and not any(ch.isspace() for ch in word):
            seg.add_word(word, tag=tag)
            added += 1
    return added


def build_nlp(gazetteer: Gazetteer) -> Language:
    """The extraction pipeline: isolated jieba tokenizer holding the gazetteer's names, then the
    silkgraph components, each initialised with the (already loaded) gazetteer.
    """
    import silkgraph.extract.entities.components  # noqa: F401  (registers the factories)

    register_extensions()
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER, "segmenter": "jieba"}}}
    )
    for word, tag in DOMAIN_WORDS.items():
        add_user_words(nlp, [word], tag=tag)
    add_user_words(nlp, gazetteer.names())
    for name in COMPONENTS:
        nlp.add_pipe(name)
    for name in COMPONENTS:
        nlp.get_pipe(name).initialize(nlp=nlp, gazetteer=gazetteer)
    return nlp
