"""Infoboxes of encyclopedia articles become an event of their own."""

from __future__ import annotations

import re

from ..actors import (
    ActorEntry,
    acled_actor_name,
    acled_country,
)
from ..models import Article, Event, FieldValue, Source
from ..protocols import ActorLexicon
from ..taxonomy import EventType, Inter, SubEventType
from .records import Geo, _event_id, _iso, _place_fields

BATTLES = EventType.BATTLES
ERV = EventType.ERV
VAC = EventType.VAC


_TAKEOVER_RE = re.compile(r"\b(take over|took over|takes over|capture[sd]?|seize[sd]?|control)\b", re.IGNORECASE)
_CASUALTY_RE = re.compile(r"(\d[\d,]*)\s+(?:killed|dead|deaths)", re.IGNORECASE)
_S = SubEventType
# a word of the infobox's title -> the event it names
_BATTLE_WORDS: dict[str, SubEventType] = {
    "battle": _S.ARMED_CLASH, "siege": _S.ARMED_CLASH, "offensive": _S.ARMED_CLASH,
    "clashes": _S.ARMED_CLASH, "capture": _S.NON_STATE_OVERTAKES, "fall": _S.NON_STATE_OVERTAKES,
    "massacre": _S.ATTACK, "bombing": _S.REMOTE_EXPLOSIVE, "attack": _S.ARMED_CLASH,
    "raid": _S.ARMED_CLASH, "airstrike": _S.AIR_DRONE_STRIKE, "kidnapping": _S.ABDUCTION,
}


def infobox_event(article: Article, *, geo: Geo, dictionary: ActorLexicon,
                  focus_country: str | None = None) -> Event | None:
    """The event an encyclopedia infobox describes (battle, massacre, bombing), if any."""
    box = article.infobox
    if box is None:
        return None
    title = box.get("Conflict") or article.title or ""
    typed = None
    for word, t in _BATTLE_WORDS.items():
        if re.search(rf"\b{word}\b", title, re.IGNORECASE):
            typed = (t.event_type, t)
            break
    if typed is None:
        return None
    from ..dates import find_dates

    date_field = box.get("Date") or ""
    times = [t for t in find_dates(date_field, None) if t.value is not None]
    if not times:
        return None
    t0 = times[0]
    place_field = box.get("Place") or box.get("Location") or ""
    # a bare "Place: Gao" has no context of its own: read it within the article's country
    query = f"{place_field}, {focus_country}" if focus_country and focus_country not in place_field else place_field
    places = [p for p in geo.geocode(query) if p.resolved and p.end <= len(place_field)]
    places.sort(key=lambda p: (p.geo_precision or 3))
    place = places[0] if places else None
    side1 = _combatants(box.get("Combatant1") or "", dictionary)
    side2 = _combatants(box.get("Combatant2") or "", dictionary)
    etype, sub = typed
    a1, a2, assoc1, assoc2 = side1[:1], side2[:1], side1[1:], side2[1:]
    result = box.get("Result") or ""
    m = _TAKEOVER_RE.search(result)
    if m and etype == BATTLES:
        before = result[: m.start()]
        winners2 = [e for e in side2 if _names_in(e, before, dictionary)]
        winners1 = [e for e in side1 if _names_in(e, before, dictionary)]
        if winners2 and not winners1:
            a1, a2 = [winners2[0]], side1[:1]
            assoc1, assoc2 = [e for e in side2 if e is not winners2[0]], side1[1:]
            sub = _S.GOVERNMENT_REGAINS if winners2[0].inter == Inter.STATE_FORCES else _S.NON_STATE_OVERTAKES
        elif winners1 and not winners2:
            sub = _S.GOVERNMENT_REGAINS if winners1[0].inter == Inter.STATE_FORCES else _S.NON_STATE_OVERTAKES
    # casualties: per-side figures and any overall figure; keep both (a disagreement)
    side_total = 0
    overall: int | None = None
    per_field: list[FieldValue] = []
    for key, value in box.fields:
        if not key.lower().startswith("casualties"):
            continue
        mm = _CASUALTY_RE.search(value)
        if not mm:
            continue
        n = int(mm.group(1).replace(",", ""))
        if re.search(r"\b(overall|total|in total|combined)\b", value, re.IGNORECASE):
            overall = n
        else:
            side_total += n
        per_field.append(FieldValue(f"fatalities:{key}", n, article.name))
    figures = [x for x in (overall, side_total or None) if x is not None]
    low = min(figures) if figures else None
    high = max(figures) if figures else None
    best = overall if overall is not None else (side_total or None)
    quote = article.text[box.start : box.end].strip()
    start = box.start + (len(article.text[box.start : box.end]) - len(article.text[box.start : box.end].lstrip()))
    location = place.name if place else None
    event_date = t0.value.isoformat() if t0.value else None
    disagreements = ("fatalities",) if len(set(figures)) > 1 else ()
    fv = [FieldValue("event_date", event_date, article.name), FieldValue("location", location, article.name)]
    if best is not None:
        fv.append(FieldValue("fatalities", [low, best, high], article.name))
    return Event(
        event_id=_event_id(article.doc_id, box.start, sub, event_date, location),
        event_date=event_date,
        date_end=t0.value_end.isoformat() if t0.value_end else None,
        time_precision=t0.precision,
        event_type=str(etype),
        sub_event_type=str(sub),
        actor1=acled_actor_name(a1[0].name) if a1 else None,
        assoc_actor_1=tuple(acled_actor_name(e.name) or e.name for e in assoc1),
        inter1=a1[0].inter if a1 else None,
        actor2=acled_actor_name(a2[0].name) if a2 else None,
        assoc_actor_2=tuple(acled_actor_name(e.name) or e.name for e in assoc2),
        inter2=a2[0].inter if a2 else None,
        country=acled_country(place.country) if place else None,
        location=location,
        **_place_fields(place),
        fatalities=low or 0,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        confidence=0.8,
        notes=f"{sub}. From the infobox of {title}." + (
            f" Casualty figures differ: overall {overall}, sides summed {side_total}." if disagreements else ""),
        sources=(Source(article.name, article.source, article.url, _iso(article.published), quote,
                        start, start + len(quote)),),
        field_values=tuple(fv + per_field),
        disagreements=disagreements,
    )


def _combatants(value: str, dictionary: ActorLexicon) -> list[ActorEntry]:
    out: list[ActorEntry] = []
    for part in re.split(r",|;|\band\b", value):
        part = part.strip()
        if not part:
            continue
        entry = dictionary.lookup(part)
        if entry is None:
            for _s, _e, ent in dictionary.iter_named(part):
                entry = ent
                break
        if entry is not None and entry not in out:
            out.append(entry)
    return out


def _names_in(entry: ActorEntry, text: str, dictionary: ActorLexicon) -> bool:
    return any(e is entry for _s, _e, e in dictionary.iter_named(text))
