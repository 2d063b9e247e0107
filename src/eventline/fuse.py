"""Events across sentences and articles -> one event per incident, every source kept.

Two events describe the same incident when all of these hold (``fuse.rules.v4``):

- **type**: the same ACLED event type (an armed clash and a take-over of the
  same town on the same day are one battle); within one article a protest and
  a riot are one incident told two ways, and so are a crackdown on protesters
  and the killing of civilians in the same town that day or the next, and a
  battle and the dead "in the fighting" at its place and day;
- **date**: their date spans, widened by their precision (a day for
  time_precision 1, a week for 2, the month for 3), overlap;
- **place**: within 25 km, or the same named place; events known only to the
  country level merge with each other only;
- **actors**: compatible: no two different named actors on the same side.

Towns listed in one sentence ("rebels took Zintan and Nalut") are an event
each, however near they lie.

Within one article, a sentence that continues the previous one ("They killed
23 soldiers.", "The blast wounded six.") adds to that sentence's event,
whatever type its own wording suggests, as long as it names no other place
and the dates and actors fit.

The fused event keeps every source and, per field, the value each source gave
(``field_values``). Conflicting values are kept, not averaged away: fatalities
become a low..high range over the sources, and dates or places that differ
beyond their precision are listed in ``disagreements``.

Example::

    merged, _ = fuse_events(events_from_article_a + events_from_article_b)
    len(merged[0].sources)   # 2
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from .folding import fold
from .geo import haversine_km
from .models import Event, FieldValue, Source

NAME = "fuse.rules.v4"  # v2: follow-up sentences within an article; v3: listed towns, crowds;
# v4: a crackdown on a protest and the killing it caused, a battle and the dead "in the
# fighting", told apart in one article
MAX_KM = 25.0

SUB_RANK = {
    "Non-state actor overtakes territory": 3,
    "Government regains territory": 3,
    "Armed clash": 1,
    "Abduction/forced disappearance": 3,
    "Sexual violence": 3,
    "Attack": 1,
    "Excessive force against protesters": 3,
    "Protest with intervention": 2,
    "Peaceful protest": 1,
    "Mob violence": 2,
    "Violent demonstration": 1,
    "Other": 0,
    # the weapon is the more specific account of one incident: "a blast injured six" and
    # "the bomb targeted a bakery" are an IED attack, not a generic attack
    "Remote explosive/landmine/IED": 2,
    "Suicide bomb": 2,
    "Grenade": 2,
    "Air/drone strike": 2,
    "Shelling/artillery/missile attack": 2,
}
GENERIC_PREFIXES = ("Unidentified Armed Group", "Civilians", "Protesters", "Rioters")


def _span(e: Event) -> tuple[dt.date, dt.date] | None:
    if not e.event_date:
        return None
    start = dt.date.fromisoformat(e.event_date)
    end = dt.date.fromisoformat(e.date_end) if e.date_end else start
    if e.time_precision >= 3:
        first = start.replace(day=1)
        nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, max(end, nxt - dt.timedelta(days=1))
    if e.time_precision == 2:
        return start - dt.timedelta(days=6), end + dt.timedelta(days=6)
    return start, end


def dates_compatible(a: Event, b: Event) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return False
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _told_as_division(e: Event) -> bool:
    """The event's text named its province or district ("a village in the province of Idlib"), not
    only its country (placed at the capital, whose name its sources never gave)."""
    return bool(e.location and e.admin1) and any(
        v.field == "location" and v.value and fold(str(v.value)) == fold(e.location or "")
        for v in e.field_values)


def places_compatible(a: Event, b: Event, *, same_article: bool = False) -> bool:
    a_town = a.location is not None and (a.geo_precision or 3) <= 2
    b_town = b.location is not None and (b.geo_precision or 3) <= 2
    if a_town != b_town:
        # Within one article a lead's "an attack on a village in northern Burkina Faso"
        # and the body's "stormed Solhan" are one incident; across articles a
        # country-level report is too vague to tie to a town. "A town in the province of
        # Hama" is no town of another province.
        region, town = (b, a) if a_town else (a, b)
        if _told_as_division(region) and town.admin1 and fold(region.admin1 or "") != fold(
                town.admin1):
            return False
        return same_article and bool(a.country) and a.country == b.country
    if not a_town:
        return bool(a.country) and a.country == b.country
    if fold(a.location or "") == fold(b.location or "") and a.country == b.country:
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MAX_KM  # type: ignore[arg-type]


def _generic(name: str | None) -> bool:
    return name is None or name.startswith(GENERIC_PREFIXES)


def actors_compatible(a: Event, b: Event) -> bool:
    """No two different named actors in the same role (direction is not meaningful)."""
    a_all = {x for x in (a.actor1, a.actor2, *a.assoc_actor_1, *a.assoc_actor_2) if x}
    b_all = {x for x in (b.actor1, b.actor2, *b.assoc_actor_1, *b.assoc_actor_2) if x}
    if a_all & b_all:
        return True
    if _generic(a.actor1) or _generic(b.actor1):
        return True
    # named on both sides, none shared: a different incident
    return False


# How a sentence that only continues the previous one begins: a pronoun or "the attack".
_FOLLOW_UP = re.compile(
    r"(?:They|It|He|She|The\s+(?:attackers?|assailants?|gunmen|militants|attack|assault|"
    r"blast|explosion|bombing|raid|ambush|fighting|clashes))\b")


def follow_up(a: Event, b: Event) -> bool:
    """``b`` comes from the sentence right after one of ``a``'s, in the same article, and
    that sentence opens with a pronoun or "the attack": it tells more of the same incident.
    """
    if not b.sources:
        return False
    nb = b.sources[0]
    # the sentence right after one of a's: checked first, as it rules out almost every pair
    # cheaply (a long article compares each event with every earlier one)
    if not any(s.doc == nb.doc and 0 <= nb.start - s.end <= 3 for s in a.sources):
        return False
    # "Three other soldiers were wounded.": a toll with no one doing it and no place of its
    # own reads as more of the sentence before
    casualties_only = b.actor1 is None and (
        b.location is None or (b.geo_precision or 3) >= 3
        or places_compatible(a, b, same_article=True)) \
        and b.event_type in {"Battles", "Violence against civilians"}
    # "Dozens were detained.": arrests right after a protest are the police's answer to it
    arrests_at_protest = b.sub_event_type == "Arrests" and a.event_type == "Protests"
    if not (_FOLLOW_UP.match(nb.quote) or casualties_only or arrests_at_protest):
        return False
    # a place of its own that does not fit: a new incident ("It then struck Konna")
    if b.location is not None and (b.geo_precision or 3) <= 2 and not places_compatible(
            a, b, same_article=True):
        return False
    # "The clashes subsided by Tuesday morning": a continuation may run into the next day
    dates_ok = dates_compatible(a, b) or (_FOLLOW_UP.match(nb.quote) is not None and _within_days(
        a, b, 1))
    return dates_ok and actors_compatible(a, b) and (
        not a.country or not b.country or a.country == b.country)


def _within_days(a: Event, b: Event, days: int) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return False
    return sa[0] - dt.timedelta(days=days) <= sb[1] and sb[0] <= sa[1] + dt.timedelta(days=days)


def _listed_apart(a: Event, b: Event) -> bool:
    """One sentence that lists towns ("rebels took Zintan and Nalut") tells an event in each:
    they stay apart however near the towns are."""
    if not (a.sources and b.sources) or a.location is None or b.location is None:
        return False
    if (a.geo_precision or 3) > 2 or (b.geo_precision or 3) > 2 or fold(a.location) == fold(b.location):
        return False
    said = {(s.doc, s.start, s.quote) for s in a.sources}
    return any((s.doc, s.start, s.quote) in said for s in b.sources)


def _towns_match(a: Event, b: Event) -> bool:
    """Both placed at a town, the same one or within :data:`MAX_KM`."""
    return (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2 and places_compatible(a, b)


_CROWD = frozenset({"Protests", "Riots"})


def _crowd_incident(a: Event, b: Event) -> bool:
    """A protest and a riot told by one article of one place and day are one incident seen
    two ways: "students marched on the ministry" and "some of them threw stones at police"."""
    return a.event_type != b.event_type and {a.event_type, b.event_type} <= _CROWD


_PROTEST_WORD = re.compile(r"\b(?:protest|demonstrat|march|rall(?:y|ies))", re.IGNORECASE)


def _crackdown(a: Event, b: Event) -> bool:
    """Protesters killed by the police, told once as a crackdown on the protest and once as
    the killing: "troops fired on protesters in Homs" and "five civilians were killed in
    Homs" in one article are one incident (ACLED: excessive force)."""
    subs = {a.sub_event_type, b.sub_event_type}
    return subs == {"Excessive force against protesters", "Attack"} and \
        "Violence against civilians" in {a.event_type, b.event_type}


# "killed ... in the fighting": the dead of a battle told already, by the noun that refers to it
_IN_THE_FIGHTING = re.compile(
    r"\b(?:in|during)\s+the\s+(?:fighting|clashes|battle|assault|offensive|shelling)\b",
    re.IGNORECASE)


def _toll_of_the_fighting(a: Event, b: Event) -> bool:
    """"A doctor said 11 people had been killed in the fighting": an attack with no one named
    doing it, told as the dead "in the fighting", is the toll of the battle the article told
    at that place and day (not "gunmen killed three traders in Gao": another incident)."""
    battle, toll = (a, b) if a.event_type == "Battles" else (b, a)
    return battle.event_type == "Battles" and toll.event_type == "Violence against civilians" \
        and _generic(toll.actor1) and any(_IN_THE_FIGHTING.search(s.quote) for s in toll.sources)


# "seized a town north of Sanaa", "an area 30 km north of Homs": a place the text leaves
# unnamed, located only by a bearing from a town the reader knows
_DISTANCE = r"(?:\d[\d,.]*\s*(?:km|kms|kilomet\w*|miles?)\s+(?:(?:-LRB-|\()[^()]{0,30}?(?:-RRB-|\))\s+)?)?"
_BEARING = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+(?:capital|city)\s+)?"
_UNNAMED_PLACE = r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|hamlet|area|district|suburb)\s+" \
    r"(?:(?:about|some|around)\s+)?" + _DISTANCE


def _names_written(e: Event) -> list[str]:
    names = [e.location] if e.location else []
    names += [str(v.value) for v in e.field_values if v.field == "location_as_written" and v.value]
    return list(dict.fromkeys(names))


def _bearing_only(e: Event) -> str | None:
    """The reference town's name as written when ``e`` sits at it only because its text locates
    an unnamed town by it ("seized a town north of Sanaa"), else None."""
    for name in _names_written(e):
        if any(_bearing_in(name, s.quote) for s in e.sources):
            return name
    return None


# fusion compares every pair of a window's events: each name's patterns compiled once, and
# each (name, quote) read once
@lru_cache(maxsize=4096)
def _bearing_pattern(name: str) -> re.Pattern[str]:
    return re.compile(_UNNAMED_PLACE + _BEARING + re.escape(name) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _bearing_in(name: str, quote: str) -> bool:
    return _bearing_pattern(name).search(quote) is not None


def _named_by_bearing(a: Event, b: Event) -> bool | None:
    """One article tells an act at "a town southwest of X" and then names the town the same
    bearing locates ("The fighters overran Y, a town 30 km north of X"): one incident, at Y.
    A second town located from X some other way ("Z, east of X") is not the same one (False);
    None when neither is told so."""
    for unnamed, named in ((a, b), (b, a)):
        ref = _bearing_only(unnamed)
        if ref is None or _bearing_only(named) is not None or not named.location \
                or fold(named.location) == fold(ref):
            continue
        told = re.compile(r"\b" + _BEARING + re.escape(ref) + r"\b", re.IGNORECASE)
        bearing = re.search(_BEARING + re.escape(ref), " ".join(s.quote for s in unnamed.sources),
                            re.IGNORECASE)
        if bearing is None:
            continue
        same_way = bearing.group(0).split()[0].lower()
        ways = {m.group(0).split()[0].lower() for s in named.sources for m in told.finditer(s.quote)}
        if ways:
            return same_way in ways
    return None


# the ruler's own crowd: "pro-government demonstrators", "pro-Assad marchers", "supporters of the
# president" (not "pro-democracy" or "pro-reform" crowds, which march against it)
_RULERS_CROWD = re.compile(
    r"\b[Pp]ro-(?:government|regime|army|junta|president\w*|[A-Z]\w+)"
    r"|\b(?:government|regime|presidential)\s+(?:supporters|loyalists)\b"
    r"|\bsupporters\s+of\s+(?:the\s+)?(?:government|regime|president|ruling)\b"
    r"|\bloyalist\s+(?:crowds?|demonstrators|protesters|marchers|supporters)\b")


def _camps_apart(a: Event, b: Event) -> bool:
    """A rally of the ruler's supporters and the opposition's march, in one city on one day,
    are two events: "students marched in Sanaa ... Later, thousands of pro-Saleh demonstrators
    rallied in Sanaa". Only when every source of one names the ruler's crowd and none of the other's."""
    if not ({a.event_type, b.event_type} <= _CROWD):
        return False
    def side(e: Event) -> bool | None:
        said = [bool(_RULERS_CROWD.search(s.quote)) for s in e.sources]
        return True if said and all(said) else False if not any(said) else None
    sa, sb = side(a), side(b)
    return sa is not None and sb is not None and sa != sb


_PART = r"(?:district|suburb|quarter|neighbou?rhood|neighborhood)"
_PART_NAME = r"([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)"


def _parts_named(e: Event) -> set[str]:
    """The parts of its town an event's sources name: "the Qaboun district of Damascus", "the
    Damascus suburb of Jdeidet Sharqiya" -> {"qaboun"}, {"jdeidet sharqiya"} for an event at Damascus."""
    found: set[str] = set()
    for name in _names_written(e):
        for s in e.sources:
            found |= _parts_in(name, s.quote)
    return found


_ANY_PART = re.compile(r"\s" + _PART + r"\s+of\s")


@lru_cache(maxsize=4096)
def _part_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    town = re.escape(name)
    return (re.compile(r"\bthe\s+" + _PART_NAME + r"\s+" + _PART + r"\s+of\s+(?:the\s+)?" + town + r"\b"),
            re.compile(r"\bthe\s+" + town + r"\s+" + _PART + r"\s+of\s+" + _PART_NAME))


@lru_cache(maxsize=65536)
def _parts_in(name: str, quote: str) -> frozenset[str]:
    if _ANY_PART.search(quote) is None:  # most quotes name no part of a town
        return frozenset()
    return frozenset(fold(m.group(1)) for pattern in _part_patterns(name)
                     for m in pattern.finditer(quote))


def _parts_apart(a: Event, b: Event) -> bool:
    """Two parts of one city told apart are two events: protests "in the Qaboun district of
    Damascus" and the shooting "in the Damascus suburb of Jdeidet Sharqiya" (both placed at Damascus)."""
    pa, pb = _parts_named(a), _parts_named(b)
    return bool(pa and pb) and not pa & pb


def same_incident(a: Event, b: Event, *, same_article: bool = False) -> bool:
    if _listed_apart(a, b) or _parts_apart(a, b):
        return False
    by_bearing = _named_by_bearing(a, b) if same_article else None
    if by_bearing is False:
        return False  # "a town north of X" is not "Y, 30 km east of X"
    if by_bearing and a.event_type == b.event_type:
        return dates_compatible(a, b) and actors_compatible(a, b) and a.country == b.country
    if same_article and follow_up(a, b):
        return True
    if _camps_apart(a, b):
        return False
    if same_article and _crowd_incident(a, b):
        return dates_compatible(a, b) and places_compatible(a, b, same_article=True) \
            and actors_compatible(a, b)
    if same_article and _toll_of_the_fighting(a, b):
        return dates_compatible(a, b) and _towns_match(a, b)
    if same_article and _crackdown(a, b):
        # "killed overnight ... to halt protests": a killing told with the protest it ended
        # may be dated the day after it
        killing, crackdown = (a, b) if a.sub_event_type == "Attack" else (b, a)
        told_with = any(_PROTEST_WORD.search(s.quote) for s in killing.sources)
        # a crackdown with a toll of its own is told in full: a killing apart is another one
        return crackdown.fatalities_best is None \
            and (dates_compatible(a, b) or told_with and _within_days(a, b, 1)) \
            and _towns_match(a, b) and actors_compatible(a, b)
    # Explosions/Remote violence sub-types are weapons: a missile strike and a drone
    # attack on the same city are two events
    if a.event_type == "Explosions/Remote violence" and a.sub_event_type != b.sub_event_type:
        return False
    return (
        a.event_type == b.event_type
        and dates_compatible(a, b)
        and places_compatible(a, b, same_article=same_article)
        and actors_compatible(a, b)
    )


def merge(a: Event, b: Event) -> Event:
    """One event from two descriptions of it; ``a``'s id is kept (first seen wins)."""
    members = [a, b]
    lead = max(members, key=lambda e: (SUB_RANK.get(e.sub_event_type, 0), e.actor1 is not None, e.confidence))
    other = b if lead is a else a
    dated = min(members, key=lambda e: (e.time_precision, e.event_date is None, e.event_date or ""))
    # (a town named gives its place to one located only by a bearing from another town)
    placed = min(
        members,
        key=lambda e: (_bearing_only(e) is not None, e.geo_precision or 9, e.latitude is None,
                       -e.confidence),
    )
    sources = _merge_sources(a.sources, b.sources)
    values = _merge_values(a.field_values, b.field_values)
    low, best, high = _fatality_range(values, a, b)
    disagreements = set(a.disagreements) | set(b.disagreements)
    if len({repr(v.value) for v in values if v.field == "fatalities"} ) > 1 and \
            len({v.doc for v in values if v.field == "fatalities"}) > 1:
        disagreements.add("fatalities")
    if (a.time_precision == 1 and b.time_precision == 1 and a.event_date and b.event_date
            and a.event_date != b.event_date and not _within_range(a, b)):
        disagreements.add("event_date")
    if a.location and b.location and fold(a.location or "") != fold(b.location or "") and (a.geo_precision or 3) <= 1 and (b.geo_precision or 3) <= 1:
        disagreements.add("location")
    sub_event_type = lead.sub_event_type
    if lead.event_type == "Protests" and other.sub_event_type == "Arrests":
        # a protest the police answered with arrests
        if sub_event_type == "Peaceful protest":
            sub_event_type = "Protest with intervention"
        if not lead.actor2 and other.actor1:
            lead = replace(lead, actor2=other.actor1, inter2=other.inter1)
        other = replace(other, actor1=None, inter1=None, actor2=None, inter2=None)
    actor1 = lead.actor1 or other.actor1
    inter1 = lead.inter1 if lead.actor1 else other.inter1
    actor2 = lead.actor2 if lead.actor2 and lead.actor2 != actor1 else (other.actor2 if other.actor2 != actor1 else None)
    inter2 = lead.inter2 if actor2 == lead.actor2 else other.inter2
    # a generic actor gives way to a named one on the same side
    if _generic(actor1) and other.actor1 and not _generic(other.actor1) and other.actor1 != actor2:
        actor1, inter1 = other.actor1, other.inter1
    assoc1 = tuple(dict.fromkeys(x for x in (*lead.assoc_actor_1, *other.assoc_actor_1,
                                              *( [other.actor1] if other.actor1 and other.actor1 not in (actor1, actor2) and not _generic(other.actor1) and other.actor1 not in (other.actor2,) and _same_side(other, lead) else []))
                                 if x and x not in (actor1, actor2)))
    assoc2 = tuple(dict.fromkeys(x for x in (*lead.assoc_actor_2, *other.assoc_actor_2) if x and x not in (actor1, actor2)))
    return replace(
        a,
        event_date=dated.event_date,
        date_end=dated.date_end,
        time_precision=dated.time_precision,
        event_type=lead.event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        assoc_actor_1=assoc1,
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2=assoc2,
        inter2=inter2,
        country=placed.country or a.country or b.country,
        admin1=placed.admin1,
        admin2=placed.admin2,
        location=placed.location,
        latitude=placed.latitude,
        longitude=placed.longitude,
        geo_precision=placed.geo_precision,
        fatalities=low or 0,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        confidence=round(min(0.99, max(a.confidence, b.confidence) + 0.05), 2),
        notes=lead.notes,
        sources=sources,
        field_values=values,
        disagreements=tuple(sorted(disagreements)),
        reviewed=a.reviewed or b.reviewed,
    )


def _merge_values(a: Sequence[FieldValue], b: Sequence[FieldValue]) -> tuple[FieldValue, ...]:
    seen: dict[str, FieldValue] = {}
    for v in (*a, *b):
        seen.setdefault(repr((v.field, v.value, v.doc)), v)
    return tuple(seen.values())


def _same_side(other: Event, lead: Event) -> bool:
    return other.actor1 != lead.actor2


def _within_range(a: Event, b: Event) -> bool:
    sa, sb = _span(a), _span(b)
    return bool(sa and sb and sa[0] <= sb[1] and sb[0] <= sa[1])


def _merge_sources(a: Sequence[Source], b: Sequence[Source]) -> tuple[Source, ...]:
    seen: dict[tuple[str, int, int], Source] = {}
    for s in (*a, *b):
        seen.setdefault((s.doc, s.start, s.end), s)
    return tuple(seen.values())


def _fatality_range(values: Sequence[FieldValue], a: Event, b: Event) -> tuple[int | None, int | None, int | None]:
    """low..high over sources; within one article, figures add up to that article's own toll.

    Sentences of one article report parts of the toll ("a colonel was killed" in a
    battle of 35 dead): the article's figure is its largest. Different articles
    report the same toll differently: their figures bound the range.
    """
    per_doc: dict[str, list[int | None]] = {}
    for v in values:
        if v.field != "fatalities" or not isinstance(v.value, list):
            continue
        lo, be, hi = v.value
        cur = per_doc.get(v.doc)
        if cur is None:
            per_doc[v.doc] = [lo, be, hi]
        else:
            cur[0] = max(x for x in (cur[0], lo) if x is not None) if (cur[0], lo) != (None, None) else None
            cur[1] = max(x for x in (cur[1], be) if x is not None) if (cur[1], be) != (None, None) else None
            cur[2] = None if cur[2] is None or hi is None else max(cur[2], hi)
    figs = list(per_doc.values())
    if not figs:
        return (None, None, None)
    lows = [f[0] for f in figs if f[0] is not None]
    bests = [f[1] for f in figs if f[1] is not None]
    unbounded = any(f[2] is None for f in figs)
    low = min(lows) if lows else None
    best = max(bests) if bests else None
    high = None if unbounded else max(f[2] for f in figs)  # type: ignore[type-var]
    return (low, best, high)


def fuse_events(
    events: Sequence[Event], existing: Sequence[Event] = (), *, same_article: bool = False
) -> tuple[list[Event], dict[str, str]]:
    """Fuse new events with each other and with ``existing`` ones.

    Returns the events to write (new or changed) and ``merged_into``: ids of
    existing events absorbed by another, mapped to the id that absorbed them.
    Deterministic: the same inputs in the same order give the same output.
    """
    pool: list[Event] = list(existing)
    existing_ids = {e.event_id for e in existing}
    changed: set[str] = set()
    merged_into: dict[str, str] = {}
    for ev in events:
        matches = [i for i, p in enumerate(pool) if same_incident(p, ev, same_article=same_article)]
        if not matches:
            pool.append(ev)
            changed.add(ev.event_id)
            continue
        target = matches[0]
        fused = merge(pool[target], ev)
        # an event that bridges two existing ones absorbs the later into the first
        for i in matches[1:]:
            if same_incident(fused, pool[i], same_article=same_article):
                merged_into[pool[i].event_id] = fused.event_id
                fused = merge(fused, pool[i])
        drop = {pool[i].event_id for i in matches[1:] if pool[i].event_id in merged_into}
        pool[target] = fused
        pool = [p for p in pool if p.event_id not in drop]
        changed.add(fused.event_id)
    out = [p for p in pool if p.event_id in changed]
    merged_into = {k: v for k, v in merged_into.items() if k in existing_ids or k in changed}
    return out, merged_into
