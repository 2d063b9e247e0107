"""Composes the stages: ingest -> clean -> nlp -> places, dates, actors -> extract -> fuse -> store.

This is the composition layer and the public API (:func:`run`, :func:`extract`):
it loads the components (:mod:`eventline.components`), opens the store and
hands articles to an engine chosen by name (:mod:`eventline.engines`: ``serial``
or ``dask``), which runs the per-article analysis. Fusion and the store always
run here, fed article by article in input order, one transaction per article,
so a run killed at any point resumes to the same database as a clean run.

Example::

    import eventline
    report = eventline.run(["articles/"], manifest="articles/manifest.csv", db="eventline.db")
    report.events_total   # 19 on the sample articles
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .components import components
from .engines import ArticleResult, get_engine
from .engines.analysis import analyse_article
from .engines.selective import parse_flagged, parse_mode
from .models import Article, Event, OutletHome, RunReport, Skip
from .places import outlet_key
from .places.context import RunContext
from .protocols import ActorLexicon, Gazetteer, Store

ProgressFn = Callable[[str, str], None]  # (kind: "article"|"skip"|"duplicate"|"scan", name)


def outlet_homes(articles: Iterable[Article], store: Store, gazetteer: Gazetteer,
                 progress: ProgressFn | None = None) -> tuple[Iterator[Article], dict[str, OutletHome]]:
    """First reading pass for the outlet lexicons only (:func:`first_pass`)."""
    replayed, homes, _context = first_pass(articles, store, gazetteer, progress=progress)
    return replayed, homes


def first_pass(articles: Iterable[Article], store: Store, gazetteer: Gazetteer, *,
               dictionary: ActorLexicon | None = None, outlets: bool = True,
               context: bool = False, progress: ProgressFn | None = None
               ) -> tuple[Iterator[Article], dict[str, OutletHome], RunContext | None]:
    """First reading pass: each outlet's local lexicon, the run's context, and the
    articles to analyse.

    Local papers name their own towns without saying where they are ("Paris
    firefighters", "a Richmond man"): the outlet's other articles do. Every
    article is read once here, spooled to a temporary file (memory stays flat),
    and the places it names unambiguously are stored per outlet in the database
    (cheap: gazetteer only, no spaCy). Each outlet's home is then built from
    all its stored articles, from this run and earlier ones, so an interrupted
    run resumes to the same places a clean run gives.

    With ``context`` the same pass keeps each article's confidently placed towns
    (:func:`eventline.places.context_evidence`, with ``dictionary`` for the armed
    groups' countries; both evidences come from one reading of the text,
    :func:`eventline.places.first_evidence`), stored per article too; the run's context is built from
    every stored article's, so it does not depend on the order of the input nor
    on how often a run was interrupted.

    Returns the replayed articles (same order), ``{outlet key: OutletHome}`` and
    the run's context (None without ``context``).
    """
    import pickle
    import tempfile

    from .places import first_evidence, outlet_home
    from .places.context import build_context

    spool = tempfile.TemporaryFile(prefix="eventline-")
    keys: set[str] = set()
    rows: list[tuple[str, str, Any, Any]] = []
    points: list[tuple[str, Any]] = []
    count = 0
    try:
        for article in articles:
            pickle.dump(article, spool, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
            key = outlet_key(article.source) if outlets else ""
            # one reading of the text for both evidences (places.first_evidence)
            home, found = first_evidence(article.text, gazetteer=gazetteer, actors=dictionary,
                                         outlet=bool(key), context=context)
            if found is not None:
                points.append((article.doc_id, found))
                if len(points) >= 500:
                    store.add_context_evidence(points)
                    points = []
            if home is not None:
                regions, countries = home
                rows.append((article.doc_id, key, regions, countries))
                keys.add(key)
                if len(rows) >= 500:
                    store.add_outlet_evidence(rows)
                    rows = []
            if progress:
                progress("scan", article.name)
        store.add_outlet_evidence(rows)
        store.add_context_evidence(points)
    except BaseException:
        spool.close()
        raise
    homes = {o: h for o in sorted(keys) if (h := outlet_home(o, store.outlet_evidence(o))).regions
             or h.countries}
    run_ctx = build_context(store.context_evidence()) if context else None
    spool.seek(0)

    def replay() -> Iterator[Article]:
        # our own temporary file, written above: unpickling it is safe
        try:
            for _ in range(count):
                yield pickle.load(spool)
        finally:
            spool.close()

    return replay(), homes, run_ctx


def run_context(texts: Iterable[str], gazetteer: Gazetteer, dictionary: ActorLexicon | None = None
                ) -> RunContext:
    """The run's context of a batch of texts (:mod:`eventline.places.context`): where the
    places they settle without guessing lie. Gazetteer only, no spaCy.

    Example::

        ctx = run_context(row.notes for row in rows), gazetteer)
        eventline.extract(notes, context=ctx)
    """
    from .places import context_evidence
    from .places.context import build_context

    return build_context(context_evidence(t, gazetteer=gazetteer, actors=dictionary) for t in texts)


# --------------------------------------------------------------------------- public API


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .dates import parse_date

    return parse_date(value)


def extract(
    text: str,
    published: dt.date | str | None = None,
    source: str | None = None,
    *,
    name: str = "-",
    settings: dict[str, Any] | None = None,
    context: RunContext | None = None,
) -> list[Event]:
    """Events of one text, nothing stored.

    ``context`` is a batch's run context (:func:`run_context`): namesakes the text
    leaves open are read where the batch's other places lie.

    Example::

        >>> import eventline
        >>> events = eventline.extract(
        ...     "On Saturday, rebels captured the town of Kidal in northern Mali.",
        ...     published="2012-03-31", source="Wire")
        >>> events[0].sub_event_type, events[0].event_date, events[0].location
        ('Non-state actor overtakes territory', '2012-03-31', 'Kidal')
    """
    from .clean import clean_text
    from .settings import load_settings

    settings = settings or load_settings()
    cleaned = clean_text(text)
    article = Article(
        doc_id=hashlib.sha1(cleaned.encode("utf-8")).hexdigest(),
        name=name,
        path=name,
        text=cleaned,
        source=source,
        published=_as_date(published),
    )
    model, gazetteer, dictionary, typer = components(settings)
    if parse_mode(settings) == "all":
        doc = model(cleaned)
    else:
        (doc,), typer = parse_flagged(model, typer, [cleaned])
    return list(analyse_article(article, doc, model=model, gazetteer=gazetteer,
                                dictionary=dictionary, typer=typer, context=context).events)


def run(
    paths: Sequence[str | Path],
    manifest: str | Path | None = None,
    db: str | Path = "eventline.db",
    *,
    settings: dict[str, Any] | None = None,
    engine: str = "serial",
    scheduler: str | None = None,
    progress: ProgressFn | None = None,
) -> RunReport:
    """Read files or folders, extract events, merge them across articles, store them.

    Re-running on the same input changes nothing; adding articles later merges
    their events into the stored ones; a run interrupted at any point resumes
    where it stopped (one transaction per article).

    Example::

        report = eventline.run(["articles/"], manifest="articles/manifest.csv")
        report.articles, report.events_total, len(report.skips)   # (4, 19, 0)
    """
    from .clean import Deduplicator, iter_articles
    from .errors import SKIP_DUPLICATE
    from .ingest import SkipSummary, iter_documents
    from .settings import check_settings, load_settings
    from .store import Store as SqliteStore

    settings = check_settings(settings or load_settings())
    process = get_engine(engine)  # an unknown engine fails before the database is touched
    parse_mode(settings)  # so does an unknown parse mode
    started = time.monotonic()
    # Validate inputs before touching the database: a typo must not create an empty db.
    documents = iter_documents([str(p) for p in paths], manifest=manifest, settings=settings)
    first = next(documents, None)
    store: Store = SqliteStore(db)
    # One run at a time per database: a second run waits here, then sees the first's
    # articles as stored (two fusions interleaving would not give the clean result).
    store.lock_for_run()
    counts = {"files": 0, "articles": 0, "duplicates": 0, "extracted": 0, "new": 0}
    unresolved: dict[str, int] = {}
    skips: list[Skip] = []
    run_id = store.begin_run(args={"paths": [str(p) for p in paths], "manifest": str(manifest or ""),
                                   "engine": engine, "model": settings["model"],
                                   "parse": parse_mode(settings),
                                   "components": component_versions()})
    status = "interrupted"
    before = store.count_events()
    try:
        dedupe = Deduplicator(known_doc_ids=store.known_doc_ids())

        def stream() -> Iterator[Any]:
            if first is not None:
                yield first
            yield from documents

        def counted(items: Iterable[Any]) -> Iterator[Any]:
            for item in items:
                counts["files"] += 1
                yield item

        skip_summary = SkipSummary()

        def article_stream() -> Iterator[Article]:
            for item in iter_articles(counted(stream()), settings=settings, dedupe=dedupe):
                if isinstance(item, Skip):
                    if item.code == SKIP_DUPLICATE:
                        counts["duplicates"] += 1
                        if progress:
                            progress("duplicate", item.path)
                        if "stored" in item.reason:
                            continue  # already in the database from an earlier run: not a problem
                    if skip_summary.add(item) is None:
                        if progress:
                            progress("skip", item.path)  # the bar counts every record read
                        continue  # counted in one row per file and code, written at the end
                    skips.append(item)
                    store.add_skip(run_id, item)
                    if progress:
                        progress("skip", item.path)
                    continue
                yield item
            for item in skip_summary.rows():
                skips.append(item)
                store.add_skip(run_id, item)

        articles: Iterator[Article] = article_stream()
        homes: dict[str, OutletHome] = {}
        context: RunContext | None = None
        outlets, in_context = settings.get("outlet_lexicon", True), settings.get("run_context", True)
        if outlets or in_context:
            _model, gazetteer, dictionary, _typer = components(settings)
            articles, homes, context = first_pass(
                articles, store, gazetteer, dictionary=dictionary, outlets=bool(outlets),
                context=bool(in_context), progress=progress)
        results = process(articles, settings, homes=homes, scheduler=scheduler, context=context)
        for result in results:
            if result.failure is not None:
                skips.append(result.failure)
                store.add_skip(run_id, result.failure)
                if progress:
                    progress("skip", result.article.name)
                continue
            _store_result(store, run_id, result)
            counts["articles"] += 1
            counts["extracted"] += len(result.events)
            for name in result.unresolved:
                unresolved[name] = unresolved.get(name, 0) + 1
            if progress:
                progress("article", result.article.name)
        status = "complete"
    finally:
        total = store.count_events()
        counts["new"] = max(0, total - before)
        summary = {
            "status": status,
            "files": counts["files"],
            "articles": counts["articles"],
            "duplicates": counts["duplicates"],
            "skips": len(skips),
            "events_extracted": counts["extracted"],
            "events_total": total,
        }
        store.finish_run(run_id, summary)
        store.close()
    return RunReport(
        run_id=run_id,
        files_seen=counts["files"],
        articles=counts["articles"],
        duplicates=counts["duplicates"],
        skips=tuple(skips),
        events_extracted=counts["extracted"],
        events_total=total,
        events_new=counts["new"],
        seconds=round(time.monotonic() - started, 2),
        db=str(db),
        extra={"unresolved_places": dict(sorted(unresolved.items(), key=lambda kv: (-kv[1], kv[0])))},
    )


def component_versions() -> dict[str, str]:
    """Which component and version made a run's output (stored with the run)."""
    from . import __version__, actors, clean, dates, extract, fuse, gazetteer, nlp, places

    stages = (clean, nlp, gazetteer, places, dates, actors, extract, fuse)
    return {"eventline": __version__, **{m.__name__.split(".")[-1]: m.NAME for m in stages}}


def _store_result(store: Store, run_id: str, result: ArticleResult) -> None:
    """Fuse one article's events with stored ones and commit them in one transaction."""
    from .fuse import fuse_events

    events = list(result.events)
    if events:
        dates = [e.event_date for e in events if e.event_date]
        lo = min(dates) if dates else None
        hi = max(e.date_end or e.event_date for e in events if e.event_date) if dates else None
        window_lo = (dt.date.fromisoformat(lo) - dt.timedelta(days=40)).isoformat() if lo else None
        window_hi = (dt.date.fromisoformat(hi) + dt.timedelta(days=40)).isoformat() if hi else None
        existing = store.candidate_events(window_lo, window_hi)
    else:
        existing = []
    upsert, merged_into = fuse_events(events, existing)
    store.save_article(run_id, result.article, upsert=upsert, delete=list(merged_into),
                       merged_into=merged_into)
