"""What an analyst's edit means for the rest of the event, checked before it is saved.

The review UI sends one field at a time; the event must stay consistent. This
module turns an edit into the full set of field changes (a location picked from
the gazetteer brings its coordinates, admin names and precision; a fatality
figure sets the low/best/high range; a sub-event type brings its event type and
the notes' lead), refuses values a person would not mean (an unknown country, a
word for a number) with a message written for that person, and asks before
saving what may be a mistake (an actor in no dictionary). It also ranks events
by how much they need a person (the review queue) and says why two events
should not be merged. The store only writes what this module decided.

Example::

    plan = plan_edit(event, "fatalities", "4-6", gazetteer=gaz, actors=dictionary)
    plan.changes  # {'fatalities': 4, 'fatalities_low': 4, 'fatalities_best': None, ...}
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .actors import ROLE_NAMES, ActorDictionary
from .folding import fold
from .gazetteer import Gazetteer, Place
from .models import EVENT_TYPES, SUB_EVENT_TYPE_TO_TYPE, Event

__all__ = [
    "Edit",
    "ReviewProblem",
    "actor_names",
    "fatality_changes",
    "geo_precision_of",
    "location_changes",
    "merge_conflicts",
    "place_record",
    "plan_edit",
    "review_need",
    "search_places",
    "sub_event_changes",
]

# Days two dated events may be apart and still be one incident reported twice.
MERGE_DAYS = 2


class ReviewProblem(Exception):
    """An edit refused (``ask=False``) or needing the analyst's say-so (``ask=True``)."""

    def __init__(self, message: str, hint: str = "", *, ask: bool = False,
                 suggestions: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.ask = ask
        self.suggestions = list(suggestions)


@dataclass
class Edit:
    """The fields to write for one analyst edit, and what the analyst should know."""

    changes: dict[str, Any]
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- places


def geo_precision_of(place: Place) -> int:
    """ACLED geo_precision for a gazetteer entry: 1 a town or village, 2 a district
    (second-level division), 3 a province, region or country.

    >>> geo_precision_of(Place(1, "Gao", 16.3, -0.04, "P", "PPL", "ML", "", "", 0, 1, "dump"))
    1
    """
    if place.feature_class == "P":
        return 1
    if place.feature_code == "ADM2" or place.feature_class in {"S", "H", "T"}:
        return 2
    return 3


def place_record(gazetteer: Gazetteer, place: Place) -> dict[str, Any]:
    """A gazetteer entry as the location picker shows it and the edit stores it."""
    country = gazetteer.countries.get(place.country_code)
    country_name = country.name if country else None
    if place.feature == "country":
        admin1 = admin2 = None
        name = country_name or place.name
    else:
        admin1 = gazetteer.admin1_name(place)
        admin2 = gazetteer.admin2_name(place)
        name = place.name
    label = ", ".join(dict.fromkeys(p for p in (name, admin1, country_name) if p))
    return {
        "geonameid": place.geonameid, "name": name, "label": label,
        "feature": place.feature, "country": country_name,
        "country_code": place.country_code, "admin1": admin1, "admin2": admin2,
        "latitude": round(place.latitude, 5), "longitude": round(place.longitude, 5),
        "geo_precision": geo_precision_of(place), "population": place.population,
    }


def search_places(gazetteer: Gazetteer, text: str, *, limit: int = 15) -> list[dict[str, Any]]:
    """Gazetteer entries whose name starts with ``text``, as picker records."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    return [place_record(gazetteer, p) for p in gazetteer.search(text, limit=limit)]


def location_changes(gazetteer: Gazetteer, geonameid: int) -> dict[str, Any]:
    """Every field a picked gazetteer entry sets: the place and what follows from it."""
    place = gazetteer.place(geonameid)
    if place is None:
        raise ReviewProblem(
            "That place is not in the local gazetteer any more.",
            "Search for the place again and pick it from the list.")
    r = place_record(gazetteer, place)
    return {"location": r["name"], "latitude": r["latitude"], "longitude": r["longitude"],
            "admin1": r["admin1"], "admin2": r["admin2"], "country": r["country"],
            "geo_precision": r["geo_precision"]}


# --------------------------------------------------------------------------- numbers

_RANGE = re.compile(r"^\s*(\d{1,6})\s*(?:-|–|to)\s*(\d{1,6})\s*$")


def fatality_changes(value: Any) -> dict[str, Any]:
    """A fatality figure (``"12"``) or range (``"4-6"``, ``"4 to 6"``) -> the four fields.

    ``fatalities`` is ACLED's conservative figure: the low end of a range.

    >>> fatality_changes("4 to 6")["fatalities"], fatality_changes(3)["fatalities_high"]
    (4, 3)
    """
    text = str(value).strip() if value is not None else ""
    if isinstance(value, bool):
        text = ""
    if text.isascii() and text.isdigit() and len(text) > 9:
        # absurd figures go on as typed: the store's check says what is plausible
        return dict.fromkeys(("fatalities", "fatalities_low", "fatalities_best",
                              "fatalities_high"), text)
    if text.isascii() and text.isdigit():
        n = int(text)
        return {"fatalities": n, "fatalities_low": n, "fatalities_best": n,
                "fatalities_high": n}
    m = _RANGE.match(text)
    if m:
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        best = low if low == high else None
        return {"fatalities": low, "fatalities_low": low, "fatalities_best": best,
                "fatalities_high": high}
    shown = text or "nothing"
    raise ReviewProblem(
        f"Fatalities must be a number of people killed, such as 12, or a range such as 4-6; "
        f"{shown!r} is neither.",
        "Type 0 when no one was reported killed.")


# --------------------------------------------------------------------------- types


def sub_event_changes(event: Event, value: Any) -> dict[str, Any]:
    """A new sub-event type, with the event type it implies and the notes' lead."""
    text = " ".join(str(value or "").split())
    match = {fold(s): s for s in SUB_EVENT_TYPE_TO_TYPE}.get(fold(text))
    if match is None:
        close = difflib.get_close_matches(text, list(SUB_EVENT_TYPE_TO_TYPE), n=3, cutoff=0.5)
        raise ReviewProblem(
            f"{text!r} is not an ACLED sub-event type.",
            "Pick one from the list" + (f", e.g. {', '.join(close)}." if close else "."),
            suggestions=close)
    notes = event.notes
    # The extractor's notes lead with the sub-event type ("Armed clash. ..."): keep it true.
    lead = f"{event.sub_event_type}. "
    if notes.startswith(lead):
        notes = f"{match}. " + notes[len(lead):]
    elif notes.startswith(event.sub_event_type):
        notes = match + notes[len(event.sub_event_type):]
    return {"sub_event_type": match, "event_type": SUB_EVENT_TYPE_TO_TYPE[match], "notes": notes}


def event_type_changes(event: Event, value: Any) -> dict[str, Any]:
    """A new event type: only with a sub-event type of that type."""
    text = str(value or "").strip()
    match = {fold(t): t for t in EVENT_TYPES}.get(fold(text))
    if match is None:
        raise ReviewProblem(f"{text!r} is not an ACLED event type.",
                            f"Use one of: {', '.join(EVENT_TYPES)}.")
    if event.sub_event_type not in EVENT_TYPES[match]:
        raise ReviewProblem(
            f"The sub-event type {event.sub_event_type!r} is not a kind of {match}.",
            "Change the sub-event type instead: it sets the event type with it.")
    return {"event_type": match}


# --------------------------------------------------------------------------- actors


def actor_names(dictionary: ActorDictionary, countries: Iterable[str]) -> list[str]:
    """The names the actor fields offer: the dictionary's named actors, then the
    generic ones (``Military Forces of Mali``, ``Civilians (Mali)``) of ``countries``."""
    named = sorted(e.name for e in dictionary.entries)
    generic = sorted({pattern.format(c=c) for c in countries if c
                      for pattern, _inter in ROLE_NAMES.values()})
    return list(dict.fromkeys([*named, *generic]))


def _actor_entry(name: str, dictionary: ActorDictionary) -> tuple[str, int] | None:
    """(ACLED name, inter code) of a known actor name, or None."""
    entry = dictionary.lookup(name)
    if entry is not None:
        return entry.name, entry.inter
    for pattern, inter in ROLE_NAMES.values():
        head, _, tail = pattern.partition("{c}")
        if name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail):
            country = name[len(head):len(name) - len(tail)].removeprefix("the ")
            known = dictionary.country_name(country)
            if known:
                return pattern.format(c=known), inter
    return None


def actor_changes(field_name: str, value: Any, dictionary: ActorDictionary,
                  countries: Iterable[str], *, confirm: bool) -> Edit:
    """actor1/actor2: a dictionary name sets its inter code; an unknown one is asked about."""
    inter_field = "inter1" if field_name == "actor1" else "inter2"
    text = " ".join(str(value or "").split())
    if not text:
        return Edit({field_name: None, inter_field: None})
    known = _actor_entry(text, dictionary)
    if known is not None:
        return Edit({field_name: known[0], inter_field: known[1]})
    close = difflib.get_close_matches(text, actor_names(dictionary, countries), n=3, cutoff=0.6)
    if not confirm:
        hint = (f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else "") + \
            "Pick a name from the list, or save anyway to keep your spelling."
        raise ReviewProblem(f"{text!r} is in no actor dictionary.", hint, ask=True,
                            suggestions=close)
    # Kept as typed; the old inter code belonged to the old actor, so it goes.
    return Edit({field_name: text, inter_field: None},
                [f"{text!r} is in no actor dictionary: set {inter_field} by hand."])


# --------------------------------------------------------------------------- edits


def country_changes(gazetteer: Gazetteer, value: Any) -> dict[str, Any]:
    text = " ".join(str(value or "").split())
    country = gazetteer.country(text) if text else None
    if country is None:
        raise ReviewProblem(
            f"There is no country called {text!r}." if text else "An event needs a country.",
            "Type a country's name, such as Mali, Niger or Burkina Faso.")
    return {"country": country.name}


def plan_edit(event: Event, field_name: str, value: Any, *, gazetteer: Gazetteer | None,
              actors: ActorDictionary, geonameid: int | None = None,
              confirm: bool = False, countries: Iterable[str] = ()) -> Edit:
    """The changes one analyst edit makes, or :class:`ReviewProblem` with why not.

    Fields without a rule here are passed through unchanged (the store checks them).
    ``gazetteer`` is needed for ``location`` and ``country`` only.
    """
    if field_name in {"location", "country"} and gazetteer is None:
        raise ValueError(f"editing {field_name} needs the gazetteer")
    if field_name == "location":
        assert gazetteer is not None
        if geonameid is not None:
            return Edit(location_changes(gazetteer, geonameid))
        if value in (None, ""):
            return Edit({"location": None, "latitude": None, "longitude": None,
                         "admin2": None, "geo_precision": None})
        raise ReviewProblem(
            "Pick the place from the search list, so its coordinates and region come with it.",
            "Type at least two letters of the place's name and choose one of the matches.")
    if field_name == "fatalities":
        return Edit(fatality_changes(value))
    if field_name == "sub_event_type":
        return Edit(sub_event_changes(event, value))
    if field_name == "event_type":
        return Edit(event_type_changes(event, value))
    if field_name in {"actor1", "actor2"}:
        return actor_changes(field_name, value, actors, [*countries, event.country or ""],
                             confirm=confirm)
    if field_name == "country":
        assert gazetteer is not None
        return Edit(country_changes(gazetteer, value))
    if field_name in {"event_date", "date_end"} and value not in (None, ""):
        try:
            dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ReviewProblem(f"{str(value)!r} is not a date.",
                                "Write the date as YYYY-MM-DD (year-month-day), e.g. 2012-03-30.") from None
        return Edit({field_name: str(value).strip()})
    return Edit({field_name: value})


# --------------------------------------------------------------------------- merge


def _days_apart(a: Event, b: Event) -> int | None:
    if not a.event_date or not b.event_date:
        return None
    try:
        a0, a1 = dt.date.fromisoformat(a.event_date), dt.date.fromisoformat(a.date_end or a.event_date)
        b0, b1 = dt.date.fromisoformat(b.event_date), dt.date.fromisoformat(b.date_end or b.event_date)
    except ValueError:
        return None
    if a0 <= b1 and b0 <= a1:
        return 0
    return min(abs((a0 - b1).days), abs((b0 - a1).days))


def merge_conflicts(keep: Event, drop: Event) -> list[str]:
    """Why two events may not be one incident (empty: nothing against the merge)."""
    out = []
    if keep.event_type != drop.event_type:
        out.append(f"one is {keep.event_type} ({keep.sub_event_type}), the other "
                   f"{drop.event_type} ({drop.sub_event_type})")
    days = _days_apart(keep, drop)
    if days is not None and days > MERGE_DAYS:
        out.append(f"their dates are {days} days apart ({keep.event_date} and {drop.event_date})")
    if keep.country and drop.country and keep.country != drop.country:
        out.append(f"one is in {keep.country}, the other in {drop.country}")
    return out


# --------------------------------------------------------------------------- queue


def review_need(event: Event, status: str) -> tuple[int, list[str]]:
    """How much an event needs a person (higher first) and why, in plain words.

    Confirmed and rejected events need nothing.
    """
    if status in {"confirmed", "rejected"}:
        return 0, []
    score, why = 0, list[str]()
    if event.confidence < 0.5:
        score, why = score + 3, [*why, f"low confidence ({event.confidence:.2f})"]
    elif event.confidence < 0.7:
        score, why = score + 1, [*why, f"middling confidence ({event.confidence:.2f})"]
    if event.disagreements:
        score, why = score + 3, [*why, "sources disagree on " + ", ".join(event.disagreements)]
    if not event.actor1:
        score, why = score + 2, [*why, "no actor"]
    if not event.location or (event.geo_precision or 3) >= 3:
        score, why = score + 2, [*why, "place known only to the region or country"]
    if not event.event_date:
        score, why = score + 2, [*why, "no date"]
    return score, why
