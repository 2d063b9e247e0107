"""The per-article analysis every engine runs: places, dates, actors, events, in-article fusion.

Everything it needs arrives as arguments (a parsed Doc, the gazetteer, the actor
lexicon, the outlet's home); nothing is loaded here.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import SKIP_NLP_FAILED
from ..models import ActorMention, Article, Event, OutletHome, PlaceMention, Skip, TimeMention
from ..protocols import ActorLexicon, Gazetteer, Model, SentenceTyper

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..extract import Geo
    from ..places.context import RunContext


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The per-article stages' output: what fusion and the store need."""

    article: Article
    events: tuple[Event, ...]
    unresolved: tuple[str, ...] = ()  # place names the gazetteer could not resolve
    failure: Skip | None = None  # set when a stage raised on this article (nothing is stored)


def safe_analyse(article: Article, doc: "Doc", *, model: Model, gazetteer: Gazetteer,
                 dictionary: ActorLexicon, home: OutletHome | None = None,
                 typer: SentenceTyper | None = None, context: "RunContext | None" = None
                 ) -> ArticleResult:
    """:func:`analyse_article`, turning a stage's exception into a recorded skip.

    One article that trips a bug must not stop the batch; its skip names the
    error so it can be reported, and a later run retries it (it is not stored).
    """
    try:
        return analyse_article(article, doc, model=model, gazetteer=gazetteer,
                               dictionary=dictionary, home=home, typer=typer, context=context)
    except Exception as exc:  # noqa: BLE001 - any stage bug becomes a skip, never a crash
        reason = (f"an extraction stage failed on this article ({type(exc).__name__}: {exc}); "
                  "the rest of the batch went on. Please report it with the article.")
        return ArticleResult(article, (), (), Skip(article.path if article.path != "-" else article.name,
                                                   "extract", SKIP_NLP_FAILED, reason))


class Arguments(NamedTuple):
    """What the argument stages read in one article, before extraction."""

    places: list[PlaceMention]  # the mentions an event may be located at
    unresolved: tuple[str, ...]  # place names the gazetteer left open (the run summary's)
    focus: str | None  # the article's focus country
    times: list[TimeMention]
    actors: list[ActorMention]


def read_arguments(article: Article, doc: "Doc", *, gazetteer: Gazetteer,
                   dictionary: ActorLexicon, home: OutletHome | None = None,
                   context: "RunContext | None" = None) -> Arguments:
    """Places, dates and actors of one article, in the order the stages depend on each other
    (actors' countries vote before places settle; generic actors take the focus country)."""
    from ..actors import find_actors, resolve_generics
    from ..dates import find_dates
    from ..nlp import index_sentences
    from ..places import event_places, find_places, focus_country, without_demonym_homonyms

    index_sentences(doc)
    places = find_places(article.text, doc=doc, gazetteer=gazetteer, home=home, actors=dictionary,
                         context=context)
    places = without_demonym_homonyms(places, doc, dictionary)
    unresolved = tuple(sorted({p.text for p in places if not p.resolved}))
    focus = focus_country(places)
    times = find_dates(article.text, article.published, doc=doc)
    actors = find_actors(article.text, doc=doc, dictionary=dictionary, focus_country=focus)
    actors = resolve_generics(actors, doc, dictionary)
    places = event_places(places, actors, doc, focus, gazetteer=gazetteer)
    return Arguments(places, unresolved, focus, times, actors)


def analyse_article(article: Article, doc: "Doc", *, model: Model, gazetteer: Gazetteer,
                    dictionary: ActorLexicon, home: OutletHome | None = None,
                    typer: SentenceTyper | None = None, context: "RunContext | None" = None
                    ) -> ArticleResult:
    """Every stage after NLP for one article, with what the run summary reports (unresolved places).

    ``doc`` is ``model(article.text)``; the model itself parses the short place
    values of an infobox.

    ``home`` is the article's outlet's local lexicon (:func:`eventline.pipeline.outlet_homes`),
    which settles place names the article alone leaves open; ``context`` is the run's
    (:mod:`eventline.places.context`), which settles namesakes nothing in the article decides.
    """
    from ..extract import extract_events
    from ..fuse import fuse_events

    args = read_arguments(article, doc, gazetteer=gazetteer, dictionary=dictionary, home=home,
                          context=context)
    events = extract_events(
        article, doc, places=args.places, times=args.times, actors=args.actors,
        geo=_geo(gazetteer, model), dictionary=dictionary, focus_country=args.focus, typer=typer,
    )
    events = [acled_place(e, args.places, _geo(gazetteer, model), gazetteer) for e in events]
    fused, _ = fuse_events(events, same_article=True)
    return ArticleResult(article, tuple(fused), args.unresolved)


def acled_place(event: Event, places: list[PlaceMention], geo: "Geo",
                gazetteer: Gazetteer) -> Event:
    """One rule for where an event sits, and the place name as the article wrote it.

    A country-level event (no town: ``geo_precision`` 3 with no location, or the
    country itself as the location) sits at the capital, named as its location
    (README, "Places"); the country's centroid is never used. The article's
    spelling of the event's place ("Konna" for GeoNames' "Kona") is kept as a
    ``location_as_written`` field value, exported beside ``location``, and what chose
    the place among its namesakes as ``location_basis`` (:mod:`eventline.places.context`).
    """
    from dataclasses import replace

    from ..folding import fold
    from ..models import FieldValue

    country_level = event.country and (event.geo_precision or 3) >= 3 and (
        not event.location or fold(event.location) == fold(event.country))
    if country_level and event.country:
        cap = geo.country_point(event.country)
        known = gazetteer.country(event.country)
        capital = known.capital if known is not None else None
        if cap is not None and capital:
            event = replace(event, location=capital, latitude=cap.latitude,
                            longitude=cap.longitude, geo_precision=3, admin2=None,
                            admin1=_capital_admin1(gazetteer, cap.country_code, capital))
        return event
    if not event.location or event.latitude is None:
        return event
    doc = event.sources[0].doc if event.sources else ""
    same = [p for p in places if p.name == event.location and p.latitude == event.latitude]
    extra = [FieldValue("location_as_written", p.text, doc) for p in same
             if p.text and fold(p.text) != fold(p.name)][:1]
    # why this namesake: a reviewer who sees "default" knows nothing decided it
    extra += [FieldValue("location_basis", p.basis, doc) for p in same if p.basis][:1]
    return replace(event, field_values=(*event.field_values, *extra)) if extra else event


def _capital_admin1(gazetteer: Gazetteer, country_code: str | None, capital: str) -> str | None:
    from ..gazetteer import variant_key

    key = variant_key(capital)
    hits = [p for p in gazetteer.lookup([key]).get(key, [])
            if p.country_code == country_code and p.feature_class == "P"]
    if not hits:
        return None
    best = max(hits, key=lambda p: (p.feature_code == "PPLC", p.population))
    return gazetteer.admin1_name(best)


_GEO: "weakref.WeakKeyDictionary[Any, dict[int, Geo]]" = weakref.WeakKeyDictionary()


def _geo(gazetteer: Gazetteer, model: Model) -> "Geo":
    """The place functions the event stage uses, built once per gazetteer and model."""
    per_model = _GEO.setdefault(gazetteer, {})
    geo = per_model.get(id(model))
    if geo is None:
        geo = per_model[id(model)] = _make_geo(gazetteer, model)
    return geo


def _make_geo(gazetteer: Gazetteer, model: Model) -> "Geo":
    from ..extract import Geo
    from ..gazetteer import variant_key
    from ..places import find_places

    @lru_cache(maxsize=512)
    def capital_point(name: str, generation: object) -> PlaceMention | None:
        country = gazetteer.country(name)
        if country is None:
            return None
        lat, lon = country.latitude, country.longitude
        if country.capital:
            key = variant_key(country.capital)
            hits = [p for p in gazetteer.lookup([key]).get(key, []) if p.country_code == country.code
                    and p.feature_class == "P"]
            if hits:
                best = max(hits, key=lambda p: (p.feature_code == "PPLC", p.population))
                lat, lon = best.latitude, best.longitude
        return PlaceMention(text=country.name, start=0, end=0, name=country.name, country=country.name,
                            country_code=country.code, latitude=lat, longitude=lon, geo_precision=3,
                            feature="country")

    def country_point(name: str) -> PlaceMention | None:
        """A country-level event is coded to the capital (ACLED's geo_precision 3 convention);
        remembered while the gazetteer's places stay the same (a dump imported since may move
        the capital's point)."""
        generation = getattr(gazetteer, "generation", None)
        return capital_point(name, generation() if callable(generation) else None)

    def geocode(text: str) -> list[PlaceMention]:
        return find_places(text, gazetteer=gazetteer, doc=model(text))

    return Geo(country_point=country_point, geocode=geocode)
