"""Arguments: actors, place and date of a candidate event."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..actors import (
    conjoined_countries,
)
from ..geo import haversine_km
from ..models import ActorMention, PlaceMention, TimeMention
from ..protocols import ActorLexicon
from ..taxonomy import EventType, Inter
from .lexicons import (
    AIR_WEAPONS,
    CLAIMING_VERBS,
    GROUND_WEAPONS,
    MILITARY_OBJECTS,
    MOTION_VERBS,
    REPORTING_VERBS,
    STATEMENT_DATE_VERBS,
)
from .parse import (
    _actor_in,
    _head_actors,
    _head_chain,
    _inside,
    _objects,
    _subject,
    _subtree_span,
    _token_actor,
)
from .records import Geo, _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PROTESTS = EventType.PROTESTS
RIOTS = EventType.RIOTS


def _renamed_for(name: str, country: str) -> str:
    """The same kind of actor of another country: "Military Forces of Armenia" -> "... of
    Azerbaijan", "Civilians (Mali)" -> "Civilians (Niger)"."""
    return re.sub(r"(of |\()[^()]+\)?$",
                  lambda m: m.group(1) + country + (")" if m.group(1) == "(" else ""), name)


def _pick_actors(c: _Candidate, actors: Sequence[ActorMention], dictionary: ActorLexicon,
                 prev_actor: ActorMention | None) -> None:
    trig = c.trigger
    subj, agentive = _subject(trig)
    first: list[ActorMention] = []
    second: list[ActorMention] = []
    if subj is not None and agentive and subj.lower_ in AIR_WEAPONS | GROUND_WEAPONS:
        for ch in subj.children:
            d = dictionary.country_of_demonym(ch.text) if ch.dep_ in {"amod", "compound"} else None
            if d is not None:  # "Russian missiles struck": fired by that country's forces
                first.append(ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                          f"Military Forces of {d.country}", Inter.STATE_FORCES, d.country))
    if subj is not None:
        # "gunmen from Ansar Dine": the named group, not the generic noun
        found = sorted(_token_actor(subj, actors), key=lambda a: a.generic)
        if not found and subj.pos_ == "PRON" and subj.lower_ in {"they", "he", "she", "it", "we"}:
            # "militants said ... that they had seized": the reporting verb's subject
            for head in _head_chain(trig):
                if head.lemma_.lower() not in REPORTING_VERBS:
                    continue
                hs, _ = _subject(head)
                if hs is not None and hs.i != subj.i:
                    found = _token_actor(hs, actors)
                    if found:
                        break
            if not found and prev_actor is not None:
                found = [prev_actor]
        if not found and subj.dep_ == "nsubjpass" and not agentive:
            found = []
        (first if agentive else second).extend(found)
        if agentive and trig.dep_ != "conj":
            countries = conjoined_countries(subj, dictionary)
            if len(countries) > 1 and found:
                base = found[0]
                for country in countries:
                    name = _renamed_for(base.name, country)
                    if name != base.name and all(f.name != name for f in found):
                        first.append(replace(base, name=name, country=country))
    if trig.pos_ == "NOUN" and subj is None and trig.dep_ == "dobj" and trig.head.pos_ == "VERB":
        hs, _ = _subject(trig.head)  # "troops repelled an attack", "the army launched an offensive"
        if hs is not None:
            first.extend(a for a in _head_actors(hs, actors) if a not in first)
    if trig.pos_ == "NOUN" and subj is None and trig.dep_ == "pobj" and trig.head.lower_ == "for" \
            and trig.head.head.lemma_.lower() in {"responsibility", "credit"} \
            and trig.head.head.head.pos_ == "VERB":
        # "Al-Shabaab claimed responsibility for the bombing": the claimant did it
        hs, _ = _subject(trig.head.head.head)
        if hs is not None:
            first.extend(a for a in _head_actors(hs, actors) if a not in first)
    if trig.pos_ == "NOUN" and subj is None and trig.head.pos_ == "VERB" and (
            trig.head.lemma_.lower() in CLAIMING_VERBS):
        # "the attack was claimed by Ansar Dine", "the bomb was planted by militants" (the
        # agent); "officials blamed the attack on the Taliban", "attributed the raid to IS"
        verb = trig.head
        doers = []
        if trig.dep_ == "nsubjpass":
            doers = [p for ch in verb.children if ch.dep_ == "agent" for p in ch.children
                     if p.dep_ == "pobj"]
        elif trig.dep_ == "dobj" and verb.lemma_.lower() in {"blame", "attribute", "ascribe"}:
            doers = [p for ch in verb.children if ch.dep_ == "prep" and ch.lower_ in {"on", "to"}
                     for p in ch.children if p.dep_ == "pobj"]
        for o in doers:
            first.extend(a for a in _head_actors(o, actors) if a not in first)
    if trig.pos_ == "NOUN" and subj is None:
        # "the army's offensive", "Taliban attack", "SAF airstrikes" (apposed to the force),
        # "an attack by gunmen"
        owners = [ch for ch in trig.children if ch.dep_ in {"poss", "compound", "nmod"}]
        if trig.dep_ == "appos":
            owners.append(trig.head)
        for ch in trig.children:
            if ch.dep_ == "prep" and ch.lower_ == "by":
                owners.extend(p for p in ch.children if p.dep_ == "pobj")
        for o in owners:
            first.extend(a for a in _head_actors(o, actors) if a not in first)
        for ch in trig.children:
            if ch.dep_ == "amod":
                d = dictionary.country_of_demonym(ch.text)
                if d is not None:  # "Russian assaults": the country's forces
                    forces = ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                          f"Military Forces of {d.country}", Inter.STATE_FORCES, d.country)
                    (second if first else first).append(forces)
    for o in _objects(trig):
        found_o = [a for a in _token_actor(o, actors) if a not in first]
        second.extend(found_o)
        if not found_o and o.lemma_.lower() in MILITARY_OBJECTS:
            for ch in o.children:
                d = dictionary.country_of_demonym(ch.text) if ch.dep_ in {"amod", "compound"} else None
                if d is not None:  # "shelled Ukrainian positions": the country's forces
                    second.append(ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                               f"Military Forces of {d.country}", Inter.STATE_FORCES, d.country))
                    break
    # "fought between A and B"
    for child in trig.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            both = _actor_in(_subtree_span(child), actors)
            if len(both) == 1:
                # "between Armenian and Azerbaijani forces": one noun, two countries' forces
                for pobj in (p for p in child.children if p.dep_ == "pobj"):
                    for country in conjoined_countries(pobj, dictionary)[1:]:
                        name = _renamed_for(both[0].name, country)
                        if name != both[0].name:
                            both.append(replace(both[0], name=name, country=country))
            if both:
                first.append(both[0])
                second.extend(b for b in both[1:] if b.name != both[0].name)
        if child.dep_ == "prep" and child.lower_ in {"with", "alongside"}:
            c.assoc1.extend(a.name for a in _actor_in(_subtree_span(child), actors))
        # "Ansar Dine fought on the rebels' side": the side is the main actor, the subject its ally
        if child.dep_ == "prep" and child.lower_ == "on":
            for side in (p for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() == "side"):
                side_owners = [a for o in side.children if o.dep_ == "poss"
                               for a in _head_actors(o, actors)]
                if side_owners:
                    c.assoc1.extend(a.name for a in first)
                    first[:] = side_owners
    # "rebels – fighting alongside Islamist fighters – captured": allies inside the subject
    if subj is not None and agentive:
        for a in _actor_in(_subtree_span(subj), actors):
            if first and a.name != first[0].name and a not in first:
                c.assoc1.append(a.name)
    if c.cls == "clash" and not second and len({a.name for a in first}) >= 2:
        # "the army and the RSF fought": a reciprocal verb's joint subject is both sides
        other_side = next(a for a in first if a.name != first[0].name)
        second.append(other_side)
        first = [a for a in first if a is not other_side]
    if first:
        c.actor1 = first[0]
        c.assoc1.extend(a.name for a in first[1:] if a.name != first[0].name)
    if second:
        other = [s for s in second if c.actor1 is None or s.name != c.actor1.name]
        if other:
            c.actor2 = other[0]
            c.assoc2.extend(a.name for a in other[1:] if a.name != other[0].name)
    if c.actor1 is None and c.actor2 is not None and c.event_type in {PROTESTS, RIOTS}:
        c.actor1, c.actor2 = c.actor2, None
    c.assoc1 = list(dict.fromkeys(a for a in c.assoc1 if not c.actor1 or a != c.actor1.name))
    c.assoc2 = list(dict.fromkeys(a for a in c.assoc2 if not c.actor2 or a != c.actor2.name))

def _place_rank(p: PlaceMention) -> int:
    return {1: 0, 2: 1}.get(p.geo_precision or 3, 2)


def _pick_place(
    c: _Candidate,
    sent: Span,
    places: Sequence[PlaceMention],
    other_spans: list[tuple[int, int]],
    context_places: list[PlaceMention],
    focus: PlaceMention | None,
) -> None:
    own = _subtree_span(c.trigger)
    in_sent = [p for p in places if p.resolved and sent.start_char <= p.start < sent.end_char
               and not _is_destination(sent, p)]
    # places inside another trigger's clause belong to that event, even when nested in ours
    mine = [p for p in in_sent if _inside(p.start, p.end, own)
            and not any(_inside(p.start, p.end, s) for s in other_spans)]
    free = [p for p in in_sent if not any(_inside(p.start, p.end, s) for s in other_spans)]
    for pool, scope in ((mine, "clause"), (free, "sentence")):
        towns = [p for p in pool if (p.geo_precision or 3) <= 2]
        if towns:
            c.place = min(towns, key=lambda p: (_place_rank(p), abs(p.start - c.trigger.idx)))
            c.place_scope = scope
            # "Zouera near Timbuktu", "Koro, 40 km east of Mopti": when the name read for X
            # lies far from the town it is said to be near, that reading is a homonym
            # abroad; the event is at the reference town, to the nearest tens of km
            ref = next((p for p in in_sent if (p.geo_precision or 3) <= 2 and p.start > c.place.end
                        and _NEAR_REF.fullmatch(sent.doc.text[c.place.end:p.start])), None)
            here = c.place
            if ref is not None and ref.latitude is not None and ref.longitude is not None \
                    and here.latitude is not None and here.longitude is not None and haversine_km(
                        here.latitude, here.longitude, ref.latitude, ref.longitude) > NEAR_KM:
                c.place = replace(ref, geo_precision=max(ref.geo_precision or 1, 2))
            return
    # a country named in a subordinate clause ("... since France entered the war") is not
    # where this event happened
    regions = [p for p in (mine or free) if (p.geo_precision or 3) >= 3
               and not _in_subordinate_clause(sent, p, c.trigger)]
    anaphoric = any(t.lower_ in {"city", "town", "village", "there", "area", "locality"} for t in sent)
    if context_places:
        last = context_places[-1]
        if not regions or (last.country and any(r.country == last.country for r in regions) and anaphoric):
            c.place = last if anaphoric else replace(last, geo_precision=max(last.geo_precision or 1, 2))
            c.place_scope = "context"
            return
    if regions:
        c.place = min(regions, key=lambda p: (_place_rank(p), abs(p.start - c.trigger.idx)))
        c.place_scope = "sentence"
        return
    if focus is not None:
        c.place = replace(focus, geo_precision=max(focus.geo_precision or 1, 2))
        c.place_scope = "article"


SUBORDINATE = {"advcl", "relcl", "ccomp", "acl", "parataxis"}
# what joins a place to the town it is located by: "X near Y", "X, 30 km north of Y",
# "X (outskirts of Y)", "X, a village outside the town of Y"
_DIRECTION = (r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?")
_NEAR_REF = re.compile(
    r"[\s,(]*(?:(?:an?|the)\s+(?:small\s+)?(?:village|hamlet|locality|town|area|camp|site)\s+)?"
    r"(?:(?:located|situated|lying)\s+)?(?:(?:about|some|around|roughly)\s+)?"
    r"(?:\d+\s*(?:km|kms|kilometres|kilometers|miles)\s*(?:(?:away\s+)?from\s+)?)?"
    r"(?:" + _DIRECTION + r"\s+(?:of|outskirts\s+of)\s+|(?:near|outside|close\s+to|not\s+far\s+from|"
    r"in\s+the\s+vicinity\s+of|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of)\s+|(?<=from\s))"
    r"(?:the\s+(?:town|city|village|commune)\s+of\s+)?", re.IGNORECASE)
NEAR_KM = 150.0


def _in_subordinate_clause(sent: Span, p: PlaceMention, trig: Token) -> bool:
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.head.i != tok.i and tok.i != trig.i:
        if tok.dep_ in SUBORDINATE and not any(a.i == tok.i for a in trig.ancestors):
            return True
        tok = tok.head
    return False

def _is_destination(sent: Span, p: PlaceMention) -> bool:
    """"flown to Ouagadougou for treatment": where someone was moved, not where it happened."""
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    steps = 0
    while tok.head.i != tok.i and steps < 6:
        if tok.dep_ == "pobj" and tok.head.lower_ in {"to", "into", "toward", "towards"} and \
                tok.head.head.lemma_.lower() in MOTION_VERBS:
            return True
        tok = tok.head
        steps += 1
    return False


def _pick_time(
    c: _Candidate,
    sent: Span,
    times: Sequence[TimeMention],
    other_spans: list[tuple[int, int]],
) -> None:
    own = _subtree_span(c.trigger)
    all_in_sent = [t for t in times if t.value is not None
                   and sent.start_char <= t.start < sent.end_char]
    reported = [t for t in all_in_sent if _report_date(t, sent, c.trigger)]
    in_sent = [t for t in all_in_sent if t not in reported]
    for t in in_sent:
        words = t.text.lower().split()
        if words and words[-1] in {"after", "before"} and t.end <= c.trigger.idx <= t.end + 80:
            subj, _ = _subject(c.trigger)
            lead = subj.left_edge.idx if subj is not None else c.trigger.idx
            if t.end <= lead <= t.end + 3 or t.end <= c.trigger.idx <= t.end + 3:
                c.time = t
                c.date_scope = "clause"
                return
    mine = [t for t in in_sent if _inside(t.start, t.end, own)
            and not any(_inside(t.start, t.end, s) for s in other_spans)]
    free = [t for t in in_sent if not any(_inside(t.start, t.end, s) for s in other_spans)]
    for pool, scope in ((mine, "clause"), (free, "sentence")):
        if pool:
            c.time = min(pool, key=lambda t: abs(t.start - c.trigger.idx))
            c.date_scope = scope
            return
    if reported:
        # "..., police said on Monday": it happened by then, the day itself is not said
        t = reported[0]
        c.time = replace(t, precision=max(t.precision, 2))
        c.date_scope = "sentence"

def _report_date(t: TimeMention, sent: Span, trigger: Token) -> bool:
    """ "..., the minister said on Sunday": the day of the statement, not of the event."""
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    # only a date after the verb ("said on Sunday"); in "retook the town Friday, a source
    # said" the parser may hang Friday on "said", but it dates the retaking
    return verb.i != trigger.i and verb.lemma_.lower() in STATEMENT_DATE_VERBS \
        and t.start > verb.idx

def _country_place(c: _Candidate, sent: Span, places: Sequence[PlaceMention],
                   focus_country: str | None, geo: Geo | None) -> None:
    """Coups happen at the seat of power: code them to the country (its capital), precision 3."""
    country = None
    for p in places:
        if sent.start_char <= p.start < sent.end_char and p.country:
            country = p.country
            break
    country = country or focus_country
    if country and geo is not None:
        point = geo.country_point(country)
        if point is not None:
            c.place = point
            c.place_scope = "sentence"
