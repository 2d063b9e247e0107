"""Composes the stages: ingest -> clean -> nlp -> places, dates, actors -> extract -> fuse -> store.

Two engines run the per-article stages: ``serial`` (spaCy's ``nlp.pipe`` in
this process, ``n_process`` workers) and ``dask`` (a ``dask.distributed``
cluster, see :mod:`eventline.distributed`). Fusion and the store always run
here, fed article by article in input order, one transaction per article, so a
run killed at any point resumes to the same database as a clean run.

Example::

    >>> import eventline
    >>> report = eventline.run(["articles/"], manifest="articles/manifest.csv", db="eventline.db")
    >>> report.events_total
    17
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .models import Article, Event, OutletHome, RunReport, Skip

if TYPE_CHECKING:
    from spacy.tokens import Doc

ProgressFn = Callable[[str, str], None]  # (kind: "article"|"skip"|"duplicate"|"scan", name)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The per-article stages' output: what fusion and the store need."""

    article: Article
    events: tuple[Event, ...]
    unresolved: tuple[str, ...] = ()  # place names the gazetteer could not resolve
    failure: Skip | None = None  # set when a stage raised on this article (nothing is stored)


def safe_analyse(article: Article, doc: "Doc", *, gazetteer: Any, dictionary: Any,
                 home: OutletHome | None = None) -> ArticleResult:
    """:func:`analyse_article`, turning a stage's exception into a recorded skip.

    One article that trips a bug must not stop the batch; its skip names the
    error so it can be reported, and a later run retries it (it is not stored).
    """
    from .errors import SKIP_NLP_FAILED

    try:
        return analyse_article(article, doc, gazetteer=gazetteer, dictionary=dictionary, home=home)
    except Exception as exc:  # noqa: BLE001 - any stage bug becomes a skip, never a crash
        reason = (f"an extraction stage failed on this article ({type(exc).__name__}: {exc}); "
                  "the rest of the batch went on. Please report it with the article.")
        return ArticleResult(article, (), (), Skip(article.path if article.path != "-" else article.name,
                                                   "extract", SKIP_NLP_FAILED, reason))


# --------------------------------------------------------------------------- components


_COMPONENTS: dict[tuple[str, ...], tuple[Any, Any, Any]] = {}


def components(settings: dict[str, Any]) -> tuple[Any, Any, Any]:
    """spaCy model, gazetteer and actor dictionary for these settings, loaded once per process."""
    from .actors import load_actor_dictionary
    from .gazetteer import load_gazetteer
    from .nlp import load_model

    key = tuple(str(settings.get(k) or "") for k in
                ("model", "user_actors", "data_dir", "geonames_dir", "user_places"))
    if key not in _COMPONENTS:
        _COMPONENTS[key] = (
            load_model(settings["model"]),
            load_gazetteer(settings),
            load_actor_dictionary(settings.get("user_actors") or ""),
        )
    return _COMPONENTS[key]


_GEO: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()


def _geo(gazetteer: Any) -> Any:
    """The place functions the event stage uses, built once per gazetteer (not per article)."""
    geo = _GEO.get(gazetteer)
    if geo is None:
        geo = _GEO[gazetteer] = _make_geo(gazetteer)
    return geo


def _make_geo(gazetteer: Any) -> Any:
    from functools import lru_cache

    from .extraction import Geo
    from .places import find_places
    from .models import PlaceMention

    @lru_cache(maxsize=512)
    def country_point(name: str) -> PlaceMention | None:
        """A country-level event is coded to the capital (ACLED's geo_precision 3 convention)."""
        country = gazetteer.country(name)
        if country is None:
            return None
        lat, lon = country.latitude, country.longitude
        if country.capital:
            from .gazetteer import variant_key

            key = variant_key(country.capital)
            hits = [p for p in gazetteer.lookup([key]).get(key, []) if p.country_code == country.code
                    and p.feature_class == "P"]
            if hits:
                best = max(hits, key=lambda p: (p.feature_code == "PPLC", p.population))
                lat, lon = best.latitude, best.longitude
        return PlaceMention(text=country.name, start=0, end=0, name=country.name, country=country.name,
                            country_code=country.code, latitude=lat, longitude=lon, geo_precision=3,
                            feature="country")

    def geocode(text: str) -> list[PlaceMention]:
        return find_places(text, gazetteer=gazetteer)

    return Geo(country_point=country_point, geocode=geocode)


def analyse(article: Article, doc: "Doc", *, gazetteer: Any, dictionary: Any) -> list[Event]:
    """Every stage after NLP for one article: places, dates, actors, events, in-article fusion."""
    return list(analyse_article(article, doc, gazetteer=gazetteer, dictionary=dictionary).events)


def analyse_article(article: Article, doc: "Doc", *, gazetteer: Any, dictionary: Any,
                    home: OutletHome | None = None) -> ArticleResult:
    """As :func:`analyse`, keeping what the run summary reports (unresolved places).

    ``home`` is the article's outlet's local lexicon (:func:`outlet_homes`), which
    settles place names the article alone leaves open.
    """
    from .actors import find_actors, resolve_generics
    from .dates import find_dates
    from .extraction import extract_events
    from .fuse import fuse_events
    from .places import find_places, focus_country

    places = find_places(article.text, doc=doc, gazetteer=gazetteer, home=home)
    places = _without_demonym_homonyms(places, doc, dictionary)
    unresolved = tuple(sorted({p.text for p in places if not p.resolved}))
    focus = focus_country(places)
    times = find_dates(article.text, article.published, doc=doc)
    actors = find_actors(article.text, doc=doc, dictionary=dictionary, focus_country=focus)
    actors = resolve_generics(actors, doc, dictionary)
    places = event_places(places, actors, doc, focus)
    events = extract_events(
        article, doc, places=places, times=times, actors=actors,
        geo=_geo(gazetteer), dictionary=dictionary, focus_country=focus,
    )
    fused, _ = fuse_events(events, same_article=True)
    return ArticleResult(article, tuple(fused), unresolved)


def _without_demonym_homonyms(places: Sequence[Any], doc: "Doc", dictionary: Any) -> list[Any]:
    """Drop a region or town that is really a nationality adjective ("a Somali officer" is
    not Ethiopia's Somali region) before it can sway the article's country."""
    out = []
    for p in places:
        d = dictionary.country_of_demonym(p.text) if p.feature not in {"country", "demonym"} else None
        if d is not None and d.country != p.country:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"amod", "compound", "nmod"}:
                continue
        out.append(p)
    return out


def event_places(places: Sequence[Any], actors: Sequence[Any], doc: "Doc",
                 focus: str | None = None) -> list[Any]:
    """Place mentions an event may be located at.

    Drops what the gazetteer matched inside an actor's name ("Ansar Dine" is
    not the village of Dhin), inside a multi-word person name (a surname that
    is also a village), ethnic or national adjectives (``feature="demonym"``),
    and single-word nationality/ethnic labels (spaCy NORP) that only match a
    hamlet of no recorded population.
    """
    from .places import _Taken

    named = _Taken((a.start, a.end) for a in actors if not a.generic)  # overlap test near each place
    people = _Taken((e.start_char, e.end_char) for e in doc.ents
                    if e.label_ == "PERSON" and len(e) > 1)
    per_country: dict[str, int] = {}
    for p in places:
        if p.resolved and p.country:
            per_country[p.country] = per_country.get(p.country, 0) + 1
    norp = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "NORP" and len(e) == 1}
    text = doc.text  # built from every token on each access: once, not once per place
    out = []
    for p in places:
        if p.feature == "demonym":
            continue
        if named.overlaps(p.start, p.end):
            continue
        if any(s <= p.start and p.end <= e and (s, e) != (p.start, p.end)
               for s, e in people.near(p.start, p.end)) and (
            p.feature not in {"country", "admin1", "region"}
        ):
            continue
        town = p.feature not in {"country", "admin1", "region"}
        minor = town and (p.population or 0) < 1000
        if (p.start, p.end) in norp and minor:
            continue
        if town and (minor or (focus and p.country != focus)) and _modifier_only(doc, p.start, p.end):
            continue  # "Tuareg rebellion", "Sharia law": a word modifying a noun, not a place
        if town and focus and p.country != focus and per_country.get(p.country, 0) <= 1 \
                and (p.population or 0) < 100_000:
            continue  # the only mention of its country, a small town abroad: a false hit
        if (minor or (focus and p.country != focus)) and _inside_longer_name(doc, p.start, p.end):
            continue  # "Amadou Toumani Toure": the end of a longer proper name
        if not town and (_possessive_owner(text, p.end) or _SPONSOR.match(text, p.end)):
            # "Russia's news agency reported", "Mali's friends", "US-backed militias":
            # the state as an actor or sponsor, not where anything happened
            continue
        if _in_parenthesis_after_name(text, p.start) and (p.geo_precision or 3) < 2:
            # "Boulkessi (Mopti)": the bracket names the region, not the town of Mopti
            p = replace(p, geo_precision=2)
        out.append(p)
    return out


# What follows "Mali's" when Mali is still a place: a part of it, or something in it
_GEO_HEADS = frozenset("""
north south east west northeast northwest southeast southwest north-east north-west south-east
south-west northern southern eastern western central far capital region regions province
provinces border borders frontier desert territory territories city cities town towns village
villages countryside coast coastline interior heartland soil streets outskirts mountains
highlands lowlands district districts parts part area areas hinterland
""".split())
_SPONSOR = re.compile(r"\s?[-–]\s?(?:backed|led|funded|supported|brokered|based|trained|armed|"
                      r"sponsored|allied|aligned|made|owned|flagged|registered|operated)\b")
_POSSESSIVE = re.compile(r"\s?['’]\s?s?\s+((?:[\w-]+\s+){0,3}[\w-]+)")


def _possessive_owner(text: str, end: int) -> bool:
    """A country or region name in the possessive that owns something other than land:
    "Russia's state-run news agency", "Mali's friends" (not "Mali's north")."""
    m = _POSSESSIVE.match(text, end)
    if m is None:
        return False
    return not any(w.lower() in _GEO_HEADS for w in m.group(1).split())


def _in_parenthesis_after_name(doc: "Doc | str", start: int) -> bool:
    text = doc if isinstance(doc, str) else doc.text
    opening = text.rfind("(", max(0, start - 40), start)
    if opening < 1 or ")" in text[opening:start]:
        return False
    before = text[:opening].rstrip()
    return bool(before) and (before[-1].isalpha() and before.split()[-1][:1].isupper())


PLACE_HEADS = {"town", "city", "village", "region", "area", "district", "province", "airport",
               "border", "road", "camp", "base", "market", "river", "valley", "state", "county"}


def _inside_longer_name(doc: "Doc", start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    first, last = span[0], span[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and t.dep_ in {"compound", "flat"} | {"nsubj"}
               and (t.head.i in range(first.i, last.i + 1) or first.head.i == t.i)
               for t in (before, after))


def _modifier_only(doc: "Doc", start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    return tok.dep_ in {"amod", "compound"} and tok.head.lemma_.lower() not in PLACE_HEADS


def process_articles(
    articles: Iterable[Article], settings: dict[str, Any],
    homes: dict[str, OutletHome] | None = None,
) -> Iterator[ArticleResult]:
    """The serial engine: nlp.pipe over a stream of articles, results in input order.

    ``homes`` maps an outlet key (:func:`outlet_key`) to its local lexicon.
    """
    from .clean import too_long

    nlp, gazetteer, dictionary = components(settings)
    homes = homes or {}
    # a text spaCy refuses (E088) would raise inside nlp.pipe, outside the per-article
    # guard: it goes through as an empty text and comes out as its skip
    pairs = (("" if too_long(a, nlp) else a.text, a) for a in articles)
    n_process = max(1, int(settings.get("workers") or 1))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=int(settings["batch_size"]),
                                 n_process=n_process):
        failure = too_long(article, nlp)
        if failure is not None:
            yield ArticleResult(article, (), (), failure)
            continue
        yield safe_analyse(article, doc, gazetteer=gazetteer, dictionary=dictionary,
                           home=homes.get(outlet_key(article.source)))


def outlet_key(source: str | None) -> str:
    """How articles are grouped into outlets: the manifest's outlet name, case-folded."""
    return " ".join((source or "").split()).casefold()


def outlet_homes(articles: Iterable[Article], store: Any, gazetteer: Any,
                 progress: ProgressFn | None = None) -> tuple[Iterator[Article], dict[str, OutletHome]]:
    """First reading pass: each outlet's local lexicon, and the articles to analyse.

    Local papers name their own towns without saying where they are ("Paris
    firefighters", "a Richmond man"): the outlet's other articles do. Every
    article is read once here, spooled to a temporary file (memory stays flat),
    and the places it names unambiguously are stored per outlet in the database
    (cheap: gazetteer only, no spaCy). Each outlet's home is then built from
    all its stored articles, from this run and earlier ones, so an interrupted
    run resumes to the same places a clean run gives.

    Returns the replayed articles (same order) and ``{outlet key: OutletHome}``.
    """
    import pickle
    import tempfile

    from .places import home_evidence, outlet_home

    spool = tempfile.TemporaryFile(prefix="eventline-")
    outlets: set[str] = set()
    rows: list[tuple[str, str, Any, Any]] = []
    count = 0
    try:
        for article in articles:
            pickle.dump(article, spool, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
            key = outlet_key(article.source)
            if key:
                regions, countries = home_evidence(article.text, gazetteer=gazetteer)
                rows.append((article.doc_id, key, regions, countries))
                outlets.add(key)
                if len(rows) >= 500:
                    store.add_outlet_evidence(rows)
                    rows = []
            if progress:
                progress("scan", article.name)
        store.add_outlet_evidence(rows)
    except BaseException:
        spool.close()
        raise
    homes = {o: h for o in sorted(outlets) if (h := outlet_home(o, store.outlet_evidence(o))).regions
             or h.countries}
    spool.seek(0)

    def replay() -> Iterator[Article]:
        # our own temporary file, written above: unpickling it is safe
        try:
            for _ in range(count):
                yield pickle.load(spool)
        finally:
            spool.close()

    return replay(), homes


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
) -> list[Event]:
    """Events of one text, nothing stored.

    Example::

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
    nlp, gazetteer, dictionary = components(settings)
    return analyse(article, nlp(cleaned), gazetteer=gazetteer, dictionary=dictionary)


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

        >>> report = eventline.run(["articles/"], manifest="articles/manifest.csv")
        >>> report.articles, report.events_total, len(report.skips)
        (4, 19, 0)
    """
    from .clean import Deduplicator, iter_articles
    from .errors import SKIP_DUPLICATE
    from .ingest import SkipSummary, iter_documents
    from .settings import check_settings, load_settings
    from .store import Store

    settings = check_settings(settings or load_settings())
    started = time.monotonic()
    # Validate inputs before touching the database: a typo must not create an empty db.
    documents = iter_documents([str(p) for p in paths], manifest=manifest, settings=settings)
    first = next(documents, None)
    store = Store(db)
    # One run at a time per database: a second run waits here, then sees the first's
    # articles as stored (two fusions interleaving would not give the clean result).
    store.lock_for_run()
    counts = {"files": 0, "articles": 0, "duplicates": 0, "extracted": 0, "new": 0}
    unresolved: dict[str, int] = {}
    skips: list[Skip] = []
    run_id = store.begin_run(args={"paths": [str(p) for p in paths], "manifest": str(manifest or ""),
                                   "engine": engine, "model": settings["model"],
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

        summary = SkipSummary()

        def article_stream() -> Iterator[Article]:
            for item in iter_articles(counted(stream()), settings=settings, dedupe=dedupe):
                if isinstance(item, Skip):
                    if item.code == SKIP_DUPLICATE:
                        counts["duplicates"] += 1
                        if progress:
                            progress("duplicate", item.path)
                        if "stored" in item.reason:
                            continue  # already in the database from an earlier run: not a problem
                    if summary.add(item) is None:
                        continue  # counted in one row per file and code, written at the end
                    skips.append(item)
                    store.add_skip(run_id, item)
                    if progress:
                        progress("skip", item.path)
                    continue
                yield item
            for item in summary.rows():
                skips.append(item)
                store.add_skip(run_id, item)

        articles: Iterator[Article] = article_stream()
        homes: dict[str, OutletHome] = {}
        if settings.get("outlet_lexicon", True):
            from .gazetteer import load_gazetteer

            articles, homes = outlet_homes(articles, store, load_gazetteer(settings), progress)
        if engine == "dask":
            from .distributed import process_articles_dask

            results = process_articles_dask(articles, settings, scheduler=scheduler, homes=homes)
        else:
            results = process_articles(articles, settings, homes)
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
    from . import __version__, actors, clean, dates, extraction, fuse, gazetteer, nlp, places

    stages = (clean, nlp, gazetteer, places, dates, actors, extraction, fuse)
    return {"eventline": __version__, **{m.__name__.split(".")[-1]: m.NAME for m in stages}}


def _store_result(store: Any, run_id: str, result: ArticleResult) -> None:
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
