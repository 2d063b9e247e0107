"""Assembly: sentences -> candidates -> events, with context carried between sentences."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..actors import (
    acled_actor_name,
    acled_country,
)
from ..fuse import SUB_RANK
from ..models import ActorMention, Article, Event, FieldValue, PlaceMention, Source, TimeMention
from ..protocols import ActorLexicon
from ..taxonomy import CROWD_INTERS, EventType, Inter, SubEventType
from .arbitration import arbitrate
from .arguments import _country_place, _pick_actors, _pick_place, _pick_time
from .factuality import _reads_as_sentence, _reported_incident
from .fatalities import _civilians_harmed, _followed_by_death, count_fatalities
from .features import Context
from .idioms import idiom_matches
from .infobox import infobox_event
from .learned import LEARNED, keeps, learned_candidate, learned_types
from .parse import (
    _by_position,
    _head_chain,
    _inside,
    _subtree_span,
)
from .records import Geo, _Candidate, _event_id, _iso, _place_fields
from .triggers import RuleHit, _candidates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..dateline import Dateline
    from ..protocols import SentenceTyper

BATTLES = EventType.BATTLES
ERV = EventType.ERV
VAC = EventType.VAC
PROTESTS = EventType.PROTESTS
RIOTS = EventType.RIOTS
SD = EventType.SD

# Which event wins when one clause holds several triggers for the same incident.
TYPE_RANK = {ERV: 6, BATTLES: 5, VAC: 4, RIOTS: 3, PROTESTS: 2, SD: 1}


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def extract_events(
    article: Article,
    doc: Doc,
    *,
    places: Sequence[PlaceMention],
    times: Sequence[TimeMention],
    actors: Sequence[ActorMention],
    geo: Geo | None = None,
    dictionary: ActorLexicon,
    focus_country: str | None = None,
    typer: SentenceTyper | None = None,
    trace: list[RuleHit] | None = None,
) -> list[Event]:
    """Events stated in one article, each with one source (its sentence).

    ``typer`` (a learned sentence typer, :mod:`eventline.eventmodel`) sits beside
    the rule table (:mod:`.learned`): it finds the events the trigger lexicon has
    no word for; a sentence without a rule candidate that the typer gives an event
    type with enough probability becomes a candidate of that type, and its
    arguments are found as for any other. None: the rule table alone. ``trace``
    (optional) collects which typing rule each trigger met.

    Example (the stages before it give the places, times and actors)::

        events = extract_events(article, nlp(article.text), places=places, times=times,
                                actors=actors, geo=geo, dictionary=dictionary)
        events[0].event_type, events[0].sources[0].quote
        # ('Battles', 'Rebels have captured the key town of Kidal in northern Mali.')
    """
    text = article.text
    published = article.published
    idioms = idiom_matches(doc)
    learned = learned_types(doc, typer)
    typing_ctx = Context(actors, dictionary, frozenset(p.start for p in places if p.resolved))
    # "SEVARE, Mali - ...": the dateline's country outweighs how often other countries are named
    focus_country = _dateline_country(article.dateline, places) or focus_country
    town_places = [p for p in places if p.resolved and (p.geo_precision or 3) <= 2]
    focus = _dateline_place(article.dateline, town_places, focus_country) or \
        _focus_place(town_places, focus_country)
    para_starts = _paragraph_starts(text)
    out: list[Event] = []
    prev_sent_time: TimeMention | None = None
    prev_sent_para = -1
    prev_actor: ActorMention | None = None
    recent_places: list[tuple[int, PlaceMention, int]] = []
    last_abs_time: TimeMention | None = None
    infobox_span = (article.infobox.start, article.infobox.end) if article.infobox else None
    recent_event_places: list[tuple[int, PlaceMention]] = []
    sent_index = 0
    prev_event_sent = -9

    # each sentence looks up its own places and times by position: filtering the
    # whole lists once per sentence was quadratic in a long, place-dense text
    places_in, times_in = _by_position(places), _by_position(times)
    for sent in doc.sents:
        if infobox_span and _inside(sent.start_char, sent.end_char, infobox_span):
            continue
        para = _para_index(para_starts, sent.start_char)
        s_places = places_in(sent.start_char, sent.end_char)
        s_times = times_in(sent.start_char, sent.end_char)
        sent_times = [t for t in s_times if t.value is not None
                      and sent.start_char <= t.start < sent.end_char]
        sent_places = [p for p in s_places if p.resolved and sent.start_char <= p.start < sent.end_char
                       and (p.geo_precision or 3) <= 2]
        if not _reads_as_sentence(sent):
            continue  # headlines, bullets, captions without a verb-final stop
        vetoed: list[Token] = []
        cands = arbitrate(_candidates(sent, typing_ctx, idioms=idioms, vetoed=vetoed, trace=trace),
                          sent.text, typer)  # the rule's type, or the typer's where the rule defers
        if not cands and not vetoed and sent.start in learned and any(
                sent.start_char <= a.start < sent.end_char for a in actors):
            # the typer speaks only where the rules found no event: a trigger they rejected as
            # not factual (negated, a plan) stays rejected, and an event needs someone who acts
            # or suffers in it (an actor mention: "gunmen", "protesters", "the army", ...)
            cands = learned_candidate(sent, *learned[sent.start])
        spans = [_subtree_span(c.trigger) for c in cands]
        # carrying a place over from earlier sentences never jumps to another country
        context = [p for i, p, pa in recent_places if sent_index - i <= 2 and pa == para
                   and (not focus_country or p.country == focus_country)]
        last_event_place = (recent_event_places[-1][1] if recent_event_places
                            and sent_index - recent_event_places[-1][0] <= 3 else None)
        if last_event_place is not None and not context:
            context = [last_event_place]
        for idx, c in enumerate(cands):
            others = [s for j, s in enumerate(spans) if j != idx and not _inside(*spans[idx], s)]
            _pick_actors(c, actors, dictionary, prev_actor)
            # "Saturday's attack", "the attack": a noun referring back to the last event's place
            ctx = [last_event_place] if c.trigger.pos_ == "NOUN" and last_event_place is not None else context
            _pick_place(c, sent, s_places, others, ctx, focus)
            _pick_time(c, sent, s_times, others)
            if c.cls == "coup":
                _country_place(c, sent, s_places, focus_country, geo)
            c.fatalities = count_fatalities(sent, c.trigger)
            if c.fatalities == (None, None, None) and c.cls in {"harm"} and _followed_by_death(sent, doc):
                c.fatalities = (1, 1, 1)  # "X was shot ... This murder provoked ..."
        kept: list[_Candidate] = []
        for c in cands:
            has_own_time = c.time is not None
            has_own_place = c.place_scope in {"clause", "sentence"}
            carried = prev_sent_time is not None and prev_sent_para == para
            if c.time is None and carried:
                c.time = prev_sent_time
                c.date_scope = "context"
            if not (has_own_time or has_own_place or carried or _reported_incident(c)):
                continue  # a generality with no time or place of its own
            if c.cls == LEARNED and not keeps(c, sent, learned[sent.start][1], has_own_time,
                                              has_own_place):
                continue  # the typer reads words, not arguments: its events need their own anchors
            if c.time is None and published is None and last_abs_time is not None:
                c.time = last_abs_time
                c.date_scope = "article"
            # with no date at all the event is kept undated: no date is invented, no event dropped
            if c.place_scope in {"context", "article"} and c.time is not None and c.time.precision >= 3:
                c.place = None  # "attacks on towns in January": a month-long campaign has no one town
            kept.append(c)
        merged = _merge_same_clause(kept)
        for c in merged:
            out.append(_to_event(article, sent, c, published, geo, focus_country))
        if not merged and all(c.cls == LEARNED for c in cands) and out \
                and prev_event_sent == sent_index - 1 and para == prev_sent_para:
            # "5 fatalities reported." / "Two people died.": a toll for the event just told
            toll = count_fatalities(sent)
            if toll[1] is not None and out[-1].fatalities_best is None:
                out[-1] = _with_toll(out[-1], toll, article.name)
        if merged:
            prev_event_sent = sent_index
        # context for following sentences
        if sent_times:
            prev_sent_time = max(sent_times, key=lambda t: t.start)
            prev_sent_para = para
            for t in sent_times:
                if not t.relative:
                    last_abs_time = t
        elif kept and kept[-1].time is not None:
            prev_sent_time = kept[-1].time
            prev_sent_para = para
        elif para != prev_sent_para:
            prev_sent_time = None
        if sent_places:
            recent_places = (recent_places + [(sent_index, p, para) for p in sent_places])[-3:]
        for c in kept:
            if c.actor1 is not None:
                prev_actor = c.actor1
            if c.place is not None and (c.place.geo_precision or 3) <= 2 and c.place_scope in {"clause", "sentence"}:
                recent_event_places.append((sent_index, c.place))
        sent_index += 1
    if article.infobox is not None and geo is not None:
        ev = infobox_event(article, geo=geo, dictionary=dictionary, focus_country=focus_country)
        if ev is not None:
            out.append(ev)
    return out

def _para_index(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _dateline_country(dateline: Dateline | None, places: Sequence[PlaceMention]) -> str | None:
    if dateline is None:
        return None
    for p in places:
        if dateline.start <= p.start < dateline.end and p.feature == "country" and p.country:
            return p.country
    return None


def _dateline_place(dateline: Dateline | None, towns: Sequence[PlaceMention],
                    focus_country: str | None = None) -> PlaceMention | None:
    """"GAO, Mali - ...": the dateline names where the reporting is from.

    The dateline word itself may not have been resolved (capitals are read as an
    acronym); the same town named in the body then stands for it.
    """
    if dateline is None:
        return None
    name = dateline.place.casefold()
    for p in towns:
        if p.text.casefold() == name or (p.name or "").casefold() == name:
            # a correspondent in Bangkok reporting on Myanmar: not where events are
            return p if not focus_country or p.country == focus_country else None
    return None


def _focus_place(towns: Sequence[PlaceMention], country: str | None) -> PlaceMention | None:
    counts: dict[str, list[PlaceMention]] = {}
    for p in towns:
        if country and p.country and p.country != country:
            continue
        counts.setdefault(p.name or p.text, []).append(p)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    return best[0] if len(best) >= 2 else None


_SCOPE_RANK = {"clause": 0, "sentence": 1, "context": 2, "article": 3, "published": 4}
VIOLENT = {BATTLES, ERV, VAC, RIOTS}


def _governs(a: _Candidate, b: _Candidate) -> bool:
    """b's trigger sits in a clause governed by a's ("wounded when gunmen attacked")."""
    return any(h.i == a.trigger.i for h in _head_chain(b.trigger))


def _absorb(into: _Candidate, other: _Candidate) -> None:
    if other.time is not None and (into.time is None or
                                   _SCOPE_RANK[other.date_scope] < _SCOPE_RANK[into.date_scope]):
        into.time, into.date_scope = other.time, other.date_scope
    if other.place is not None and (into.place is None or
                                    _SCOPE_RANK[other.place_scope] < _SCOPE_RANK[into.place_scope]):
        into.place, into.place_scope = other.place, other.place_scope


def _merge_same_clause(cands: list[_Candidate]) -> list[_Candidate]:
    """Triggers of one sentence that describe one incident become one candidate.

    Violent triggers in governing and governed clauses ("were wounded when
    gunmen attacked a market") share their date and place first; then
    triggers with the same place and date are grouped.
    """
    if any(c.event_type in VIOLENT for c in cands):
        # "the attackers arrived on motorcycles and opened fire": the arrival is part of the attack
        cands = [c for c in cands if c.sub_event_type != SubEventType.CHANGE_TO_GROUP]
    for a in cands:
        for b in cands:
            same_kind = a.event_type == b.event_type or (a.event_type in VIOLENT and b.event_type in VIOLENT)
            if a is not b and same_kind and _governs(a, b):
                _absorb(a, b)
                _absorb(b, a)
    groups: dict[tuple[Any, ...], list[_Candidate]] = {}
    for c in cands:
        key = (
            c.place.name if c.place else None,
            c.time.value if c.time else None,
            c.event_type if c.event_type in {SD, PROTESTS} else "violent",
        )
        groups.setdefault(key, []).append(c)
    out = []
    for group in groups.values():
        # a trigger with both sides named tells who fought whom; "the army and the RSF fought,
        # with air strikes hitting the capital" is their battle, the strikes part of it
        best = max(group, key=lambda c: (c.event_type == BATTLES and c.actor1 is not None
                                         and c.actor2 is not None,
                                         TYPE_RANK[c.event_type], SUB_RANK.get(c.sub_event_type, 0),
                                         c.actor1 is not None))
        for c in group:
            if c is best:
                continue
            if best.actor1 is None and c.actor1 is not None:
                best.actor1 = c.actor1
            if best.actor2 is None and c.actor2 is not None and (best.actor1 is None or c.actor2.name != best.actor1.name):
                best.actor2 = c.actor2
        out.append(best)
    return out

def _to_event(
    article: Article,
    sent: Span,
    c: _Candidate,
    published: dt.date | None,
    geo: Geo | None,
    focus_country: str | None,
) -> Event:
    if c.time is not None:
        date, date_end, precision = c.time.value, c.time.value_end, c.time.precision
        if c.date_scope == "article":
            precision = max(precision, 2)
        if date is not None and date_end is not None and date_end != date and precision < 2:
            # "between 26 and 28 June": the event took days, no one day is its date (ACLED 2;
            # a span of more than a week is 3); date_end keeps the span
            precision = 2 if (date_end - date).days <= 7 else 3
    elif published is not None:
        date, date_end, precision = published, None, 2
        c.date_scope = "published"
    else:
        date, date_end, precision = None, None, 3
        c.date_scope = "unknown"
    place = c.place
    country = place.country if place is not None else focus_country
    if place is not None and not place.country:
        # a sea or a cross-border region ("the Gulf of Aden"): the attacker's country, else
        # the article's
        country = (c.actor1.country if c.actor1 is not None else None) or focus_country
    if place is not None and (place.geo_precision or 3) >= 3 and place.feature == "country" and geo is not None:
        cap = geo.country_point(place.country or place.name or "")
        if cap is not None:
            place = replace(cap, geo_precision=3)
    if place is None and country and geo is not None:
        cap = geo.country_point(country)
        if cap is not None:
            place = replace(cap, geo_precision=3)
    a1 = c.actor1
    a2 = c.actor2
    a1 = _in_country(a1, country)
    a2 = _in_country(a2, country)
    if c.event_type == BATTLES and c.sub_event_type == SubEventType.ARMED_CLASH and a2 is not None \
            and a2.inter == Inter.CIVILIANS and (a1 is None or a1.inter != Inter.CIVILIANS):
        c.event_type, c.sub_event_type = VAC, SubEventType.ATTACK  # a battle needs two armed sides
    if c.event_type in {PROTESTS, RIOTS} and a1 is not None and a1.inter not in CROWD_INTERS and (
        a2 is None or a2.inter in CROWD_INTERS | {Inter.CIVILIANS}
    ):
        crowd_country = country or a1.country
        a1, a2 = ActorMention(a1.text, a1.start, a1.end, f"Protesters ({crowd_country})" if crowd_country else "Protesters",
                              6, crowd_country, generic=True), a1
    if c.event_type in {PROTESTS, RIOTS} and a1 is not None and a1.inter == Inter.CIVILIANS:
        a1 = None  # "200 people protested": the people are the protesters
    if c.event_type in {PROTESTS, RIOTS} and a2 is not None and a2.inter in CROWD_INTERS | {Inter.CIVILIANS}:
        a2 = None
    if a1 is None and c.event_type in {PROTESTS, RIOTS} and country:
        role = "Protesters" if c.event_type == PROTESTS else "Rioters"
        a1 = ActorMention("", 0, 0, f"{role} ({country})", Inter.PROTESTERS if role == "Protesters" else Inter.RIOTERS,
                          country, True)
    if a2 is None and country and (c.event_type == VAC or (
            c.event_type == ERV and _civilians_harmed(sent))):
        # violence against civilians has civilians on the receiving end, named or not;
        # so does shelling that "killed five people"
        a2 = ActorMention("", 0, 0, f"Civilians ({country})", Inter.CIVILIANS, country, True)
    a1_name, a1_inter = _actor_for_type(a1, c.event_type, c.sub_event_type)
    a2_name, a2_inter = _actor_for_type(a2, None, None) if a2 is not None else (None, None)
    if a2_name is not None and a2_name == a1_name:
        a2, a2_name, a2_inter = None, None, None  # "soldiers took the town, the army's gain"
    a1_name, a2_name = acled_actor_name(a1_name), acled_actor_name(a2_name)
    c.assoc1 = [acled_actor_name(x) or x for x in c.assoc1]
    c.assoc2 = [acled_actor_name(x) or x for x in c.assoc2]
    if a1 is not None and a1_name and country and a1.inter == Inter.STATE_FORCES and a1.country \
            and a1.country != country:
        a1_inter = Inter.EXTERNAL_OTHER_FORCES  # state forces acting abroad
    if a2 is not None and a2_name and country and a2.inter == Inter.STATE_FORCES and a2.country \
            and a2.country != country:
        a2_inter = Inter.EXTERNAL_OTHER_FORCES
    low, best, high = c.fatalities
    fatalities = low if low is not None else 0
    start = sent.start_char
    quote = sent.text.strip()
    lead = len(sent.text) - len(sent.text.lstrip())
    start += lead
    end = start + len(quote)
    confidence = 0.4
    confidence += 0.15 if a1 is not None else 0
    confidence += 0.15 if c.place_scope in {"clause", "sentence"} else 0.05 if place else 0
    confidence += 0.15 if c.date_scope in {"clause", "sentence"} else 0.05
    confidence += 0.1 if c.trigger.pos_ == "VERB" else 0
    location = place.name if place is not None and (place.geo_precision or 3) <= 2 else (
        place.name if place is not None and place.feature not in {"country"} else None
    )
    notes = f"{c.sub_event_type}. {quote}"
    if c.date_scope == "published":
        notes += " [date: publication date]"
    elif c.date_scope == "unknown":
        notes += " [date: unknown]"
    elif c.date_scope in {"context", "article"}:
        notes += f" [date: from {c.date_scope}]"
    if c.place_scope in {"context", "article"}:
        notes += f" [place: from {c.place_scope}]"
    if c.typed_by:
        notes += f" [typed: {c.typed_by}]"  # a reviewer sees why the event has its type
    src = Source(
        doc=article.name,
        source=article.source,
        url=article.url,
        published=_iso(published),
        quote=quote,
        start=start,
        end=end,
    )
    event_date = _iso(date)
    ev = Event(
        event_id=_event_id(article.doc_id, start, c.sub_event_type, event_date, location),
        event_date=event_date,
        date_end=_iso(date_end) if date_end and date_end != date else None,
        time_precision=int(precision),
        event_type=str(c.event_type),  # the record holds ACLED's plain strings
        sub_event_type=str(c.sub_event_type),
        actor1=a1_name,
        assoc_actor_1=tuple(x for x in c.assoc1 if x != a1_name),
        inter1=None if a1_inter is None else int(a1_inter),  # plain ints in the record
        actor2=a2_name,
        assoc_actor_2=tuple(x for x in c.assoc2 if x != a2_name),
        inter2=None if a2_inter is None else int(a2_inter),
        country=acled_country(country),
        location=location,
        **_place_fields(place),
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        confidence=round(min(confidence, 0.95), 2),
        notes=notes,
        sources=(src,),
        field_values=_field_values(article.name, event_date, location, low, best, high, a1_name),
    )
    return ev


def _with_toll(event: Event, toll: tuple[int | None, int | None, int | None], doc: str) -> Event:
    low, best, high = toll
    return replace(
        event, fatalities=low or 0, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        field_values=(*event.field_values, FieldValue("fatalities", [low, best, high], doc)),
    )


def _in_country(a: ActorMention | None, country: str | None) -> ActorMention | None:
    """Generic actors are named after the country where the event happened, not the article's focus."""
    if a is None or not a.generic or not country or not a.country or a.country == country:
        return a
    for old, new in ((f"({a.country})", f"({country})"), (f"of {a.country}", f"of {country}")):
        if a.name.endswith(old):
            return replace(a, name=a.name[: -len(old)] + new, country=country)
    return a


def _field_values(doc: str, date: str | None, location: str | None, low: int | None,
                  best: int | None, high: int | None, actor1: str | None
                  ) -> tuple[FieldValue, ...]:
    vals = [FieldValue("event_date", date, doc), FieldValue("location", location, doc),
            FieldValue("actor1", actor1, doc)]
    if best is not None:
        vals.append(FieldValue("fatalities", [low, best, high], doc))
    return tuple(vals)


def _actor_for_type(a: ActorMention | None, etype: str | None, sub: str | None) -> tuple[str | None, int | None]:
    if a is None:
        return None, None
    name, inter = a.name, a.inter
    if etype == RIOTS and name.startswith("Civilians"):
        name, inter = name.replace("Civilians", "Rioters", 1), Inter.RIOTERS  # the mob
    if etype == RIOTS and name.startswith("Protesters"):
        name, inter = name.replace("Protesters", "Rioters", 1), Inter.RIOTERS
    if etype == PROTESTS and name.startswith("Rioters"):
        name, inter = name.replace("Rioters", "Protesters", 1), Inter.PROTESTERS
    return name, inter
