"""The serial engine: spaCy's ``nlp.pipe`` in this process (``settings["workers"]`` processes)."""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterable, Iterator

from ..components import components
from ..models import Article, OutletHome
from ..places import outlet_key
from ..places.context import RunContext
from .analysis import ArticleResult, safe_analyse
from .selective import parse_flagged, parse_mode

NAME = "engine.serial.v1"
GROUP_BATCHES = 4  # parse = "flagged": articles per selective call, in batch_size units


def process_articles(articles: Iterable[Article], settings: dict[str, Any], *,
                     homes: dict[str, OutletHome] | None = None,
                     scheduler: str | None = None, context: RunContext | None = None
                     ) -> Iterator[ArticleResult]:
    """Per-article stages over a stream of articles, results in input order.

    ``homes`` maps an outlet key (:func:`eventline.places.outlet_key`) to its
    local lexicon, ``context`` is the run's (:mod:`eventline.places.context`). ``scheduler`` is for the Dask engine and ignored here.
    With ``parse = "flagged"`` only the sentences that may hold an event are
    parsed (:mod:`.selective`), in groups of articles, in this process.
    """
    from ..clean import too_long

    model, gazetteer, dictionary, typer = components(settings)
    homes = homes or {}
    batch_size = int(settings["batch_size"])
    if parse_mode(settings) == "all":
        # a text spaCy refuses (E088) would raise inside model.pipe, outside the per-article
        # guard: it goes through as an empty text and comes out as its skip
        pairs = (("" if too_long(a, model) else a.text, a) for a in articles)
        n_process = max(1, int(settings.get("workers") or 1))
        for doc, article in model.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                       n_process=n_process):
            failure = too_long(article, model)
            if failure is not None:
                yield ArticleResult(article, (), (), failure)
                continue
            yield safe_analyse(article, doc, model=model, gazetteer=gazetteer, dictionary=dictionary,
                               home=homes.get(outlet_key(article.source)), typer=typer,
                               context=context)
        return
    it = iter(articles)
    # flagged sentences are short Docs: more articles per call fill nlp.pipe's batches and
    # the typer's matrix products (measured ~15% faster than one batch_size of articles)
    while batch := list(islice(it, batch_size * GROUP_BATCHES)):
        failures = [too_long(a, model) for a in batch]
        docs, batch_typer = parse_flagged(model, typer, ["" if f else a.text
                                                         for a, f in zip(batch, failures)],
                                          batch_size=batch_size * GROUP_BATCHES)
        for article, doc, failure in zip(batch, docs, failures):
            if failure is not None:
                yield ArticleResult(article, (), (), failure)
                continue
            yield safe_analyse(article, doc, model=model, gazetteer=gazetteer, dictionary=dictionary,
                               home=homes.get(outlet_key(article.source)), typer=batch_typer,
                               context=context)
