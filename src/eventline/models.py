"""Records passed between pipeline stages.

Every record is a frozen, slotted dataclass. Field order is output order: the
JSONL export writes an :class:`Event`'s fields in the order declared here.

Stage flow::

    ingest  -> RawDocument | Skip
    clean   -> Article | Skip
    nlp     -> spaCy Doc (not a record of ours)
    places  -> PlaceMention
    dates   -> TimeMention
    actors  -> ActorMention
    extract -> Event (one source each)
    fuse    -> Event (many sources)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .dateline import Dateline, parse_dateline

# ACLED's taxonomy has its one home in taxonomy.py; re-exported for the modules that read it here
from .taxonomy import EVENT_TYPES as EVENT_TYPES
from .taxonomy import SUB_EVENT_TYPE_TO_TYPE as SUB_EVENT_TYPE_TO_TYPE
from .taxonomy import Inter as Inter

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not be processed, and why (stored in the `skips` table)."""

    path: str
    stage: str  # "ingest", "clean", "language", "nlp", ...
    code: str  # stable code, e.g. "E101"
    reason: str  # a sentence a user can act on


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from disk, before cleaning.

    ``name`` is the document name used in provenance (``sources[].doc``): the
    file name relative to the folder given on the command line, or
    ``file.jsonl#3`` / ``crawl.warc.gz#<record-id>`` for records inside a
    container. Metadata fields are whatever the input itself said, before the
    manifest is applied (the manifest wins, see ``ingest.apply_manifest``).
    """

    name: str
    path: str  # where it was read from (a file path, or "-" for stdin)
    content: str | bytes  # bytes when the encoding is not yet known
    kind: str  # "text" or "html"
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Infobox:
    """Structured record from an encyclopedia-style infobox."""

    fields: tuple[tuple[str, str], ...]  # (key, value) in the order given
    start: int  # character offsets of the infobox block in Article.text
    end: int

    def get(self, key: str) -> str | None:
        key = key.lower()
        for k, v in self.fields:
            if k.lower() == key:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article, ready for NLP. ``text`` is the text offsets refer to."""

    doc_id: str  # sha1 of the cleaned text (content-derived id)
    name: str  # as RawDocument.name
    path: str
    text: str
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    title: str | None = None
    infobox: Infobox | None = None
    # spans of text (start, end) that near-duplicate a paragraph of another
    # article, with that article's doc name: events found in them are credited to both.
    shared_spans: tuple[tuple[int, int, str], ...] = ()
    # "GAO, Mali (Reuters) -": read once from ``text`` when the article is made
    dateline: Dateline | None = field(init=False, default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dateline", parse_dateline(self.text))


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text, resolved to a gazetteer entry where possible."""

    text: str
    start: int
    end: int
    name: str | None = None  # gazetteer name of the resolved place
    country: str | None = None  # country name, e.g. "Mali"
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None  # ACLED: 1 town, 2 near town / part of region, 3 region
    feature: str | None = None  # "city", "admin1", "country", "region", ...
    population: int = 0
    # why this reading among the name's namesakes: "unique" (none), "article" (the
    # article's context), "run" (the run's context), "default" (the prior alone)
    basis: str | None = None

    @property
    def resolved(self) -> bool:
        return self.latitude is not None


@dataclass(frozen=True, slots=True)
class OutletHome:
    """Where one outlet's articles usually are: its "local lexicon".

    ``regions`` pairs (country code, first-level region name) with the share of
    the outlet's articles that name a place there; ``countries`` does the same
    per country. Built by :func:`eventline.places.outlet_home` from a first,
    context-free pass over the outlet's articles, it tips names the article
    alone leaves open ("Richmond" in a Kentucky paper) toward the outlet's home.
    """

    outlet: str
    articles: int
    regions: tuple[tuple[str, str, float], ...] = ()
    countries: tuple[tuple[str, float], ...] = ()

    def region_share(self, country_code: str, admin1: str | None) -> float:
        for cc, a1, share in self.regions:
            if cc == country_code and a1 == admin1:
                return share
        return 0.0

    def country_share(self, country_code: str) -> float:
        for cc, share in self.countries:
            if cc == country_code:
                return share
        return 0.0


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression resolved against the publication date."""

    text: str
    start: int
    end: int
    value: dt.date | None  # first day (None when it could not be resolved)
    value_end: dt.date | None = None  # last day of a range, else None
    precision: int = 1  # ACLED time_precision: 1 day, 2 week/range, 3 month or coarser
    relative: bool = False  # resolved against the publication date or another expression


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named or described in the text, normalised to an ACLED-style name."""

    text: str
    start: int
    end: int
    name: str  # canonical ACLED-style name, e.g. "Military Forces of Mali"
    inter: int  # ACLED inter code 1..8 (:class:`Inter`)
    country: str | None = None
    generic: bool = False  # "the rebels", "gunmen": resolved by context


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Source:
    """Where an event was read: the sentence and its offsets in the cleaned article."""

    doc: str
    source: str | None
    url: str | None
    published: str | None  # ISO date or None
    quote: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class FieldValue:
    """The value one source gave for one field of a fused event."""

    field: str
    value: Any
    doc: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "doc": self.doc}


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, ACLED-style, with its evidence.

    Field order is the JSONL export order (the data contract).
    """

    event_id: str
    event_date: str | None  # ISO date
    date_end: str | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: tuple[str, ...]
    inter1: int | None
    actor2: str | None
    assoc_actor_2: tuple[str, ...]
    inter2: int | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int  # ACLED column: the conservative figure (0 when none reported)
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    confidence: float
    notes: str
    sources: tuple[Source, ...]
    # beyond the ACLED contract: per-source values and flagged conflicts
    field_values: tuple[FieldValue, ...] = ()
    disagreements: tuple[str, ...] = ()  # names of fields whose sources disagree
    reviewed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSONL export record: contract keys in order, then provenance extras."""
        return {
            "event_id": self.event_id,
            "event_date": self.event_date,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": list(self.assoc_actor_1),
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": list(self.assoc_actor_2),
            "inter2": self.inter2,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_best": self.fatalities_best,
            "fatalities_high": self.fatalities_high,
            "confidence": self.confidence,
            "notes": self.notes,
            "sources": [s.to_dict() for s in self.sources],
            "field_values": [v.to_dict() for v in self.field_values],
            "disagreements": list(self.disagreements),
            "reviewed": self.reviewed,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(
            event_id=d["event_id"],
            event_date=d.get("event_date"),
            date_end=d.get("date_end"),
            time_precision=int(d.get("time_precision") or 3),
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            actor1=d.get("actor1"),
            assoc_actor_1=tuple(d.get("assoc_actor_1") or ()),
            inter1=d.get("inter1"),
            actor2=d.get("actor2"),
            assoc_actor_2=tuple(d.get("assoc_actor_2") or ()),
            inter2=d.get("inter2"),
            country=d.get("country"),
            admin1=d.get("admin1"),
            admin2=d.get("admin2"),
            location=d.get("location"),
            latitude=d.get("latitude"),
            longitude=d.get("longitude"),
            geo_precision=d.get("geo_precision"),
            fatalities=int(d.get("fatalities") or 0),
            fatalities_low=d.get("fatalities_low"),
            fatalities_best=d.get("fatalities_best"),
            fatalities_high=d.get("fatalities_high"),
            confidence=float(d.get("confidence") or 0.0),
            notes=d.get("notes") or "",
            sources=tuple(Source(**s) for s in d.get("sources") or ()),
            field_values=tuple(FieldValue(**v) for v in d.get("field_values") or ()),
            disagreements=tuple(d.get("disagreements") or ()),
            reviewed=bool(d.get("reviewed", False)),
        )


# columns of the JSONL data contract, in order (tests and docs check against this)
EVENT_CONTRACT_KEYS: tuple[str, ...] = (
    "event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "confidence",
    "notes", "sources",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a run did: counts for the summary, skips with reasons, the events stored."""

    run_id: str
    files_seen: int
    articles: int  # articles processed (new)
    duplicates: int  # articles already seen (same content), not processed again
    skips: tuple[Skip, ...]
    events_extracted: int  # article-level events before fusion
    events_total: int  # events in the store after the run
    events_new: int
    seconds: float
    db: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when anything could be read (exit code 0)."""
        return self.articles + self.duplicates > 0
