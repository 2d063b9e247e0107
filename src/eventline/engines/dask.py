"""The Dask engine: the per-article stages on a ``dask.distributed`` cluster.

Ingest and cleaning run in the calling process, which streams cleaned
:class:`~eventline.models.Article` records to the workers in batches; each
worker runs spaCy (``nlp.pipe``), places, dates, actors, extraction and
in-article fusion, and sends back :class:`~eventline.engines.analysis.ArticleResult`
records. Results are yielded in input order, so fusion and the store (which
stay in the calling process) see exactly what the serial engine gives them and
both engines build the same database.

Memory stays bounded: at most ``4 x workers`` batches are in flight, and a
small reorder buffer (the in-flight futures themselves) holds results that
finished before an earlier batch.

Example::

    from eventline.engines.dask import process_articles
    for result in process_articles(articles, settings):          # local cluster
        print(result.article.name, len(result.events))
    results = process_articles(articles, settings, scheduler="tcp://host:8786")
"""

from __future__ import annotations

import os
from collections import deque
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..components import components
from ..errors import ClusterError
from ..places import outlet_key
from .analysis import ArticleResult, safe_analyse
from .selective import parse_flagged, parse_mode

if TYPE_CHECKING:
    from ..models import Article, OutletHome
    from ..places.context import RunContext

NAME = "engine.dask.v1"

# A batch closes at this many articles or this many characters, whichever
# comes first: enough for nlp.pipe to amortise per-call overhead, small enough
# that a long article does not leave the other workers idle.
BATCH_ARTICLES = 16
BATCH_CHARS = 120_000
# Batches submitted ahead of the one being consumed, per worker.
AHEAD_PER_WORKER = 4
# How long to keep trying an unreachable scheduler before giving up.
CONNECT_TIMEOUT = "30s"


# --------------------------------------------------------------------------- worker side


def analyse_batch(articles: list["Article"], settings: dict[str, Any],
                  homes: dict[str, "OutletHome"] | None = None,
                  context: "RunContext | None" = None) -> list["ArticleResult"]:
    """The per-article analysis over a batch, with ``nlp.pipe`` (runs on a worker).

    Example::

        [r.article.name for r in analyse_batch([a, b], settings)]   # ['a.txt', 'b.txt']
    """
    homes = homes or {}
    # Components are cached per process: the model, gazetteer and dictionary load
    # once per worker, on its first batch.
    from ..clean import too_long

    model, gazetteer, dictionary, typer = components(settings)
    # texts spaCy refuses (E088) are checked before model.pipe, which would raise on them
    failures = [too_long(a, model) for a in articles]
    texts = ["" if f else a.text for a, f in zip(articles, failures)]
    if parse_mode(settings) == "all":
        docs = list(model.pipe(texts, batch_size=max(1, len(articles))))
    else:
        docs, typer = parse_flagged(model, typer, texts, batch_size=max(1, len(articles)))
    return [ArticleResult(article, (), (), failure) if failure is not None else
            safe_analyse(article, doc, model=model, gazetteer=gazetteer, dictionary=dictionary,
                         home=homes.get(outlet_key(article.source)), typer=typer,
                         context=context)
            for article, doc, failure in zip(articles, docs, failures)]


# --------------------------------------------------------------------------- client side


def batches(articles: Iterable["Article"], *, size: int = BATCH_ARTICLES,
            max_chars: int = BATCH_CHARS) -> Iterator[list["Article"]]:
    """Group a stream of articles into lists, lazily (ten articles, size 4: ``[4, 4, 2]``)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        batch.append(article)
        chars += len(article.text)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _connect(stack: ExitStack, settings: dict[str, Any], scheduler: str | None) -> Any:
    """A Client on the given scheduler, or on a local cluster this call starts."""
    import logging

    from distributed import Client, LocalCluster

    try:
        if scheduler:
            return stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
        n_workers = int(settings.get("workers") or 0) or (os.cpu_count() or 1)
        cluster = stack.enter_context(LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        ))
        return stack.enter_context(Client(cluster))
    except (OSError, TimeoutError) as exc:
        where = scheduler or "a local cluster"
        raise ClusterError(
            f"Could not connect to the Dask scheduler at {where}: {exc}.",
            "Check that `dask scheduler` is running and reachable from this machine "
            "(address like tcp://host:8786), or leave out --scheduler to use local workers.",
        ) from exc


def _worker_count(client: Any) -> int:
    try:
        n = sum(int(w.get("nthreads", 1)) for w in client.scheduler_info()["workers"].values())
    except Exception:  # noqa: BLE001 - informational only; never fail a run over it
        n = 0
    return max(1, n)


def process_articles(
    articles: Iterable["Article"],
    settings: dict[str, Any],
    *,
    homes: dict[str, "OutletHome"] | None = None,
    scheduler: str | None = None,
    context: "RunContext | None" = None,
) -> Iterator[ArticleResult]:
    """The Dask engine: per-article stages on a cluster, results in input order.

    Without ``scheduler`` a local cluster of ``settings["workers"]`` processes
    (or one per core) is started and closed when the iterator is exhausted or
    closed; with ``scheduler`` (``tcp://host:8786``) the existing cluster is
    used. The input iterator is read lazily: at most ``4 x workers`` batches
    are submitted ahead of the one being yielded.

    Example::

        results = process_articles(iter(articles), load_settings(workers=2))
        [r.article.name for r in results] == [a.name for a in articles]   # True
    """
    homes = homes or {}
    # Build the gazetteer database (and load the model) here, once, before any
    # worker starts: N workers importing GeoNames into one SQLite file at the
    # same time would race.
    settings = dict(settings)
    from ..settings import data_dir

    settings["data_dir"] = str(data_dir(settings))  # resolved, so workers use the same db
    components(settings)

    with ExitStack() as stack:
        client = _connect(stack, settings, scheduler)
        ahead = AHEAD_PER_WORKER * _worker_count(client)
        pending: deque[Any] = deque()  # futures in submission (= input) order
        size = max(1, min(BATCH_ARTICLES, int(settings.get("batch_size") or BATCH_ARTICLES)))
        groups = batches(iter(articles), size=size)
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < ahead:
                    group = next(groups, None)
                    if group is None:
                        exhausted = True
                        break
                    # pure=False: identical batches (same texts) are still distinct work items.
                    # each batch carries only its own outlets' lexicons (a few tuples each)
                    group_homes = {k: homes[k] for a in group
                                   if (k := outlet_key(a.source)) in homes}
                    # the run's context is a few hundred cells: it travels with each batch
                    pending.append(client.submit(analyse_batch, group, settings, group_homes,
                                                 context, pure=False))
                if not pending:
                    break
                future = pending.popleft()
                results = future.result()
                future.release()  # let the worker forget it: memory stays bounded
                yield from results
        finally:
            for future in pending:
                future.cancel()
