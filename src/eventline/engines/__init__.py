"""Engines: who runs the per-article stages, chosen by name (``--engine serial|dask``).

An engine turns a stream of cleaned :class:`~eventline.models.Article` records
into :class:`~eventline.engines.analysis.ArticleResult` records **in input
order**; fusion across articles and the store stay in the caller
(:func:`eventline.pipeline.run`), so every engine builds the same database.

- ``serial`` (:mod:`.serial`): spaCy's ``nlp.pipe`` in this process.
- ``dask`` (:mod:`.dask`): batches on a ``dask.distributed`` cluster.

Both call :func:`.analysis.analyse_article`, the one per-article analysis. To
add an engine, write a module with a ``process_articles(articles, settings, *,
homes=None, scheduler=None, context=None)`` generator and name it in :data:`ENGINES`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Iterator, Protocol

from ..errors import EventlineError
from .analysis import ArticleResult

if TYPE_CHECKING:
    from ..models import Article, OutletHome
    from ..places.context import RunContext


class Engine(Protocol):
    def __call__(self, articles: Iterator["Article"], settings: dict[str, Any], *,
                 homes: dict[str, "OutletHome"] | None = None,
                 scheduler: str | None = None,
                 context: "RunContext | None" = None) -> Iterator[ArticleResult]: ...


# name -> module holding its ``process_articles`` (imported on use: dask is heavy)
ENGINES: dict[str, str] = {"serial": "eventline.engines.serial", "dask": "eventline.engines.dask"}


def get_engine(name: str) -> Engine:
    """The engine called ``name``; an unknown name is a user error naming the choices."""
    module = ENGINES.get(name)
    if module is None:
        raise EventlineError(f"Unknown engine {name!r}.",
                             f"Use --engine {' or --engine '.join(ENGINES)}.")
    engine: Engine = importlib.import_module(module).process_articles
    return engine


__all__ = ["ENGINES", "ArticleResult", "Engine", "get_engine"]
