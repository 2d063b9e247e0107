"""Records of the extract stage: a candidate event, the injected place functions, ids."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..models import ActorMention, PlaceMention, TimeMention
from ..taxonomy import EventType, SubEventType

if TYPE_CHECKING:
    from spacy.tokens import Token



@dataclass(slots=True)
class _Candidate:
    """An event under construction inside one sentence (mutable while refined)."""

    trigger: Token
    cls: str
    event_type: EventType
    sub_event_type: SubEventType
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    place: PlaceMention | None = None
    place_scope: str = "sentence"
    time: TimeMention | None = None
    date_scope: str = "sentence"
    fatalities: tuple[int | None, int | None, int | None] = (None, None, None)
    confidence: float = 0.5
    typed_by: str = ""  # what typed it, for the notes: "rule <id>", "<typer> p=<probability>", ...
    rule: str = ""  # the id of the typing rule that typed the trigger ("" for the learned typer)


@dataclass(frozen=True, slots=True)
class Geo:
    """What the event stage needs from the place stage (injected: no import cycle, easy fakes)."""

    country_point: Callable[[str], PlaceMention | None]  # country name -> capital/centroid
    geocode: Callable[[str], list[PlaceMention]]  # text -> resolved places (for infobox values)

def _event_id(doc_id: str, start: int, sub: str, date: str | None, place: str | None) -> str:
    key = f"{doc_id}|{start}|{sub}|{date}|{place}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

def _place_fields(place: PlaceMention | None) -> dict[str, Any]:
    """The Event fields that come straight from the resolved place (None when unplaced)."""
    return {
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
    }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
