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
    rebels_in_era,
)
from ..fuse import SUB_RANK
from ..models import ActorMention, Article, Event, FieldValue, PlaceMention, Source, TimeMention
from ..nlp import index_sentences
from ..protocols import ActorLexicon
from ..taxonomy import CROWD_INTERS, EventType, Inter, SubEventType
from .arbitration import arbitrate, main_of_incident
from .arguments import (
    _country_place,
    _pick_actors,
    _pick_place,
    _pick_time,
    actors_in_era,
    in_country,
)
from .factuality import _reads_as_sentence, _reported_incident, dated_only_by_a_period
from .fatalities import _civilians_harmed, _followed_by_death, count_fatalities
from .features import Context
from .idioms import idiom_matches, trigger_lemma
from .infobox import infobox_event
from .learned import LEARNED, keeps, learned_candidate, learned_types, may_speak
from .lexicons import COUNTED_PEOPLE, NONFACTIVE_HEADS, NOUN_TRIGGERS, VERB_TRIGGERS
from .parse import (
    _by_position,
    _head_chain,
    _inside,
    _subtree_span,
)
from .records import Geo, _Candidate, _event_id, _iso, _place_fields
from .rules import TABLE
from .triggers import RuleHit, _candidates, _note_head

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


_GOING_ON = frozenset({"later", "more", "further", "then", "afterwards", "subsequently", "overnight"})


def _continues(sent: Span) -> bool:
    """The sentence goes on with the incident just told: "Six more people were later shot
    dead", "Two further soldiers died" (a sentence with a day of its own never gets here)."""
    return any(t.lower_ in _GOING_ON and t.dep_ in {"advmod", "amod"} for t in sent)


_CAPTION = re.compile(r"\b(?:picture|photo(?:graph)?|image|video|footage)\s+(?:was\s+|is\s+)?"
                      r"(?:taken|shot|filmed|made)\b", re.IGNORECASE)


def _goes_on_with(sent: Span) -> bool:
    """"Two farmers were also hurt by mortar rounds": a sentence that adds to the report just
    told, in wire copy's one-sentence paragraphs, is of its day (and its place, as context)."""
    return any(t.lower_ == "also" and t.dep_ == "advmod" and t.head.pos_ in {"VERB", "AUX"}
               for t in sent)


# "seized the desert oasis town of Umm Qasr", "stormed Bir Hakeem, a village of 900": a
# settlement the text names as one (the gazetteer may lack it)
_SETTLEMENT = r"(?:town|village|city|hamlet|locality|settlement|oasis)"
_WRITTEN_NAME = r"((?:[Aa]l-|[Ee]l-)?[A-Z][\w'\u2019-]+(?:\s+(?:[Aa]l-|[Bb]in\s+)?[A-Z][\w'\u2019-]+){0,2})"
_TOWN_OF = re.compile(r"\b" + _SETTLEMENT + r"\s+of\s+" + _WRITTEN_NAME)
_NAME_A_TOWN = re.compile(_WRITTEN_NAME + r"\s*,\s*(?:a|the)\s+(?:[\w-]+\s+){0,3}?" + _SETTLEMENT + r"\b")


_CALENDAR_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|"
                            r"April|May|June|July|August|September|October|November|December")


def _written_town(c: _Candidate, text: str, places: Sequence[PlaceMention],
                  country: str | None) -> PlaceMention | None:
    """The settlement the trigger's own clause names as one when the gazetteer has no entry for
    it: the event keeps the place as written, with no coordinates, rather than the capital of
    a country it only implies ("rebels said they took the oil town of Ras Lanuf")."""
    start, end = _subtree_span(c.trigger)
    for pattern in (_TOWN_OF, _NAME_A_TOWN):
        for m in pattern.finditer(text, start, end):
            a, b = m.span(1)
            if any(p.start < b and a < p.end for p in places if p.resolved):
                continue  # a name the gazetteer knows: the place rules read it
            if _CALENDAR_WORD.fullmatch(m.group(1)):
                continue  # "took X on Tuesday, a town of 900": the day is no town
            return PlaceMention(text=m.group(1), start=a, end=b, name=m.group(1), country=country,
                                geo_precision=2, feature="written")
    return None


# "40 kilometers (25 miles) south of Zawiya", "east of the capital Sanaa": a bearing
# from a town the reader knows, which locates another place, not the event itself
_BEARING_BEFORE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?)\s+of\s+"
    r"(?:the\s+(?:capital|city|town)\s+(?:of\s+)?)?$", re.IGNORECASE)


_DISTANCE_TOLD = re.compile(r"(\d[\d,]*)\s?(km|kms|kilomet|miles?)", re.IGNORECASE)
_BORROW_KM = 50.0


def _named_beside_bearing(c: _Candidate, text: str, places: Sequence[PlaceMention],
                          country: str | None) -> PlaceMention | None:
    """The town the clause names before a bearing that locates it, when the pick is the
    bearing's reference town: "overran Bir al-Hamrawi, a village of 2,000 some 40 km south of
    Zawiya" is at Bir al-Hamrawi (as written, the gazetteer lacking it), not at Zawiya."""
    if c.place is None or not c.place.resolved or c.place_scope not in {"clause", "sentence"} \
            or not _BEARING_BEFORE.search(text, max(0, c.place.start - 60), c.place.start):
        return None
    written = _written_town(c, text, places, country)
    if written is None or written.end > c.place.start:
        return None
    told = _DISTANCE_TOLD.search(text, written.end, c.place.start)
    if told is not None and float(told.group(1).replace(",", "")) * (
            1.609 if told.group(2).lower().startswith("mi") else 1.0) <= _BORROW_KM:
        # "Kessou, about 20 km east of Gao": near enough that the reference town's
        # point stands for it (approximate, as ACLED's "approx coordinates used")
        ref = c.place
        return replace(written, latitude=ref.latitude, longitude=ref.longitude, admin1=ref.admin1,
                       admin2=ref.admin2, country=ref.country or written.country)
    return written


# a statement or a visit this long before the article's day is no date for what it recounts
_HISTORY_DAYS = 14


def _long_before(t: TimeMention | None, published: dt.date | None) -> bool:
    """A time that lies well before the article's day: a past month, or two weeks earlier."""
    if t is None or t.value is None or published is None:
        return False
    last = t.value_end or t.value
    if t.precision >= 3:
        return (last.year, last.month) < (published.year, published.month)
    return (published - last).days >= _HISTORY_DAYS


# "near Al-Qaim, close to Iraq's border with Syria": the land across a border only locates
_ACROSS_BORDER = re.compile(r"\b(?:border|frontier)s?\s+(?:with|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _before_border(c: _Candidate, text: str, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The town the sentence names before "... border with X" when the pick is X: "gathered near
    Al-Qaim, close to the border with Syria" is at Al-Qaim. None when no town comes before."""
    if c.place is None or not c.place.resolved \
            or not _ACROSS_BORDER.search(text, max(0, c.place.start - 30), c.place.start):
        return None
    before = [p for p in places if p.resolved and p.end <= c.place.start and (p.geo_precision or 3) <= 2
              and p.feature not in {"country", "admin1", "region"}
              and not _ACROSS_BORDER.search(text, max(0, p.start - 30), p.start)]
    return before[-1] if before else None


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
    index_sentences(doc)
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
    prev_time_index = -9  # the sentence prev_sent_time comes from
    prev_sent_para = -1
    prev_actor: ActorMention | None = None
    recent_places: list[tuple[int, PlaceMention, int]] = []
    last_abs_time: TimeMention | None = None
    infobox_span = (article.infobox.start, article.infobox.end) if article.infobox else None
    recent_event_places: list[tuple[int, PlaceMention]] = []
    sent_index = 0
    prev_event_sent = -9
    headline: tuple[Span, set[EventType]] | None = None
    captioned = False  # the last sentence was a photo's dated caption head

    # each sentence looks up its own places and times by position: filtering the
    # whole lists once per sentence was quadratic in a long, place-dense text
    places_in, times_in = _by_position(places), _by_position(times)
    news_day = _news_day(doc, times, published)
    for sent in doc.sents:
        if infobox_span and _inside(sent.start_char, sent.end_char, infobox_span):
            continue
        para = _para_index(para_starts, sent.start_char)
        # "KABUL (Reuters) - Afghan troops shot ...": the dateline is where the reporter files
        # from, not a place of the sentence's event (it may still be the article's focus)
        s_places = [p for p in places_in(sent.start_char, sent.end_char)
                    if not _is_dateline_word(p, article.dateline)]
        s_times = times_in(sent.start_char, sent.end_char)
        sent_times = [t for t in s_times if t.value is not None
                      and sent.start_char <= t.start < sent.end_char]
        sent_places = [p for p in s_places if p.resolved and sent.start_char <= p.start < sent.end_char
                       and (p.geo_precision or 3) <= 2]
        if not (_reads_as_sentence(sent) or _closing_line(sent, text)):
            if _headline(sent, text):
                headline = (sent, {c.event_type for c in _candidates(sent, typing_ctx,
                                                                      idioms=idioms)})
            continue  # headlines, bullets, captions without a verb-final stop
        vetoed: list[Token] = []
        weak: list[Token] = []
        cands = arbitrate(_candidates(sent, typing_ctx, idioms=idioms, vetoed=vetoed, weak=weak,
                                      trace=trace),
                          sent.text, typer)  # the rule's type, or the typer's where the rule defers
        if not cands and sent.start in learned and may_speak(
                learned[sent.start][1], vetoed=bool(vetoed), weak=bool(weak),
                has_actor=any(sent.start_char <= a.start < sent.end_char for a in actors)):
            # the typer speaks only where the rules found no event (learned.may_speak)
            cands = learned_candidate(sent, *learned[sent.start])
        spans = [_subtree_span(c.trigger) for c in cands]
        # carrying a place over from earlier sentences never jumps to another country
        context = [p for i, p, pa in recent_places if sent_index - i <= 2 and pa == para
                   and (not focus_country or p.country == focus_country)]
        last_event_place = (recent_event_places[-1][1] if recent_event_places
                            and sent_index - recent_event_places[-1][0] <= 3 else None)
        if last_event_place is not None and not context:
            context = [last_event_place]
        ahead = None
        if focus is None and not context and cands and not sent_places:
            ahead = _told_next(doc, sent, places_in, para, para_starts, focus_country, article)
        here = focus or ahead
        for idx, c in enumerate(cands):
            others = [s for j, s in enumerate(spans) if j != idx and not _inside(*spans[idx], s)]
            _pick_actors(c, actors, dictionary, prev_actor)
            # "Saturday's attack", "the attack": a noun referring back to the last event's place
            ctx = [last_event_place] if c.trigger.pos_ == "NOUN" and last_event_place is not None else context
            _pick_place(c, sent, s_places, others, ctx, here)
            _pick_time(c, sent, s_times, others)
            if c.cls == "coup":
                _country_place(c, sent, s_places, focus_country, geo)
            elif c.place is None or c.place.feature == "country" or c.place_scope == "article":
                # (the article's focus or dateline town is where the report is, not this town)
                # ("the village of Baghuz in Syria": the country the sentence names)
                written = _written_town(c, text, s_places, c.place.country if c.place is not None
                                        and c.place.feature == "country" else focus_country)
                if written is not None:
                    c.place, c.place_scope = written, "clause"
            else:
                named = _named_beside_bearing(c, text, s_places, c.place.country)
                if named is not None:
                    c.place, c.place_scope = named, "clause"
                inland = _before_border(c, text, sent_places)
                if inland is not None:
                    c.place = inland
            c.fatalities = count_fatalities(sent, c.trigger)
            if c.fatalities == (None, None, None) and c.cls in {"harm"} and _followed_by_death(sent, doc):
                c.fatalities = (1, 1, 1)  # "X was shot ... This murder provoked ..."
        kept: list[_Candidate] = []
        summed = False  # a trigger dated by a period only: the undated ones beside it share it
        for c in cands:
            has_own_time = c.time is not None
            # a place told by the next sentence keeps or drops the event as no place would
            has_own_place = c.place_scope in {"clause", "sentence"} or (
                ahead is not None and c.place_scope == "article")
            carried = prev_sent_time is not None and (prev_sent_para == para or (
                prev_time_index == sent_index - 1 and (captioned or prev_event_sent == sent_index - 1
                                                       and _goes_on_with(sent))))
            if c.time is not None and dated_only_by_a_period(c.time, c.trigger, sent_times) or \
                    c.time is None and summed:
                summed = True
                continue  # "between April and October last year 15,517 were injured, and 3,853
                # killed", "seized power in 1970"
            if c.time is None and carried:
                c.time = prev_sent_time
                c.date_scope = "context"
            elif c.time is None and prev_sent_time is not None and prev_time_index == sent_index - 1 \
                    and _continues(sent):
                # "Six more people were later shot dead.": the next paragraph goes on with the
                # incident of the last one, on its day (the date only: it keeps no event)
                c.time = prev_sent_time
                c.date_scope = "context"
            if c.date_scope == "before" and _long_before(c.time, published):
                continue  # "villagers told journalists in June that army jets bombed farms", in an
                # September story: history retold, with no date of its own
            if not (has_own_time or has_own_place or carried or _reported_incident(c)):
                continue  # a generality with no time or place of its own
            if c.cls == LEARNED and not keeps(c, sent, learned[sent.start][1], has_own_time,
                                              has_own_place):
                continue  # the typer reads words, not arguments: its events need their own anchors
            if c.time is None and published is None and last_abs_time is not None:
                c.time = last_abs_time
                c.date_scope = "article"
            if news_day is not None and (c.time is None or _quoted_today(c.time, sent, text)):
                # a story filed the morning after the day its lead names: what it tells without
                # a day of its own (and the "today" of the speech it quotes) is of that day
                c.time = replace(news_day, precision=max(news_day.precision, 2)) \
                    if c.time is None else news_day
                c.date_scope = "article"
            # with no date at all the event is kept undated: no date is invented, no event dropped
            told_next = ahead is not None and focus is None and c.place_scope == "article"
            if c.place_scope in {"context", "article"} and c.time is not None and c.time.precision >= 3 \
                    and not told_next:
                # "attacks on towns in January": a month-long campaign has no one town (but
                # "... in September. Took place in X.": the next sentence names it)
                c.place = None
            kept.append(c)
        merged = _merge_same_clause(kept)
        again = _restated_toll(merged, out)
        if again is not None:
            # "All six were killed today": the toll an earlier sentence gave, told again
            out[again] = replace(out[again], sources=(*out[again].sources, _source(article, sent)))
            merged = []
        for c in merged:
            listed = _listed_with(c, text, [p for p in s_places if p.resolved], focus_country)
            # "six were shot dead in Aden, Lahij and Taiz": one event in each place; ACLED
            # divides a toll the text does not break down evenly among them
            shares = split_toll(c.fatalities, 1 + len(listed)) if _coordinated(
                text, [x for x in (c.place, *listed) if x is not None]) else \
                [c.fatalities] + [(None, None, None)] * len(listed)
            out.append(_to_event(article, sent, replace(c, fatalities=shares[0]), published, geo,
                                 focus_country))
            for other, share in zip(listed, shares[1:]):
                twin = replace(c, place=other, place_scope="clause", fatalities=share)
                out.append(_to_event(article, sent, twin, published, geo, focus_country))
        if not merged and all(c.cls == LEARNED for c in cands) and out \
                and prev_event_sent == sent_index - 1 and para == prev_sent_para:
            # "5 fatalities reported." / "Two people died.": a toll for the event just told
            toll = count_fatalities(sent)
            if toll[1] is not None and out[-1].fatalities_best is None:
                out[-1] = _with_toll(out[-1], toll, article.name)
        if not merged and out:
            # "Police issued a photo of a man wanted over the explosion.": a sentence that
            # refers back to the incident is one more source of it, not a new event
            at = _referent(out, sent)
            if at is None and prev_event_sent >= sent_index - 2:
                # "Two of the dead were police officers.": the toll or harm of the event just
                # told, in a sentence that names no other place
                at = _told_again(out, sent, sent_places)
            if at is not None:
                out[at] = replace(out[at], sources=(*out[at].sources, _source(article, sent)))
        if merged:
            prev_event_sent = sent_index
        # context for following sentences
        # "A picture taken on June 18." heads the caption that tells what it shows
        captioned = bool(sent_times) and _CAPTION.search(sent.text) is not None
        if sent_times:
            prev_sent_time = max(sent_times, key=lambda t: t.start)
            prev_sent_para = para
            prev_time_index = sent_index
            for t in sent_times:
                if not t.relative:
                    last_abs_time = t
        elif kept and kept[-1].time is not None:
            prev_sent_time = kept[-1].time
            prev_sent_para = para
            prev_time_index = sent_index
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
    if headline is not None and headline[1]:
        # "Gunmen kill nine in Zamfara market raid" above the body: the headline tells the
        # body's first event of its type again (a source of it), never an event of its own
        at = next((i for i, e in enumerate(out) if e.event_type in headline[1]), None)
        if at is not None:
            out[at] = replace(out[at], sources=(*out[at].sources, _source(article, headline[0])))
    if article.infobox is not None and geo is not None:
        ev = infobox_event(article, geo=geo, dictionary=dictionary, focus_country=focus_country)
        if ev is not None:
            out.append(ev)
    return out

# What may stand between the places of a list: "Goma, Bukavu and Uvira", "in Gao, in Menaka and
# in the Ansongo area", "Kherson in the south, Kharkiv in the east -- as well as Kyiv", "in Aden
# and the port city of Mukalla"
# "the Yarmouk district of Damascus": a part and its town are one place of the list
_PART_OF = re.compile(r"\s+(?:district|suburb|quarter|neighbou?rhood|outskirts)\s+of\s+(?:the\s+)?",
                      re.IGNORECASE)
_LIST_GAP = re.compile(
    r"(?:\s+(?:area|district|province|region))?"
    r"(?:\s+(?:suburb|district|quarter)\s+of\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)?"
    r"(?:\s+(?:in|on|near)\s+the\s+(?:[\w-]+\s+){0,2}?(?:north|south|east|west|north-?east|"
    r"north-?west|south-?east|south-?west|coast|centre|center|border|desert|mountains|delta))?"
    r"\s*(?:,|;|--|\band\b|\bor\b|\bas\s+well\s+as\b)"
    r"(?:\s*(?:,|--|\band\b|\bas\s+well\s+as\b))*"
    r"\s*(?:(?:in|at)\s+)?(?:the\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|suburb|"
    r"area|province|region|camp|neighbou?rhood)\s+of\s+)?(?:the\s+)?",
    re.IGNORECASE)
# "fighting between Gao and Kidal", "the road from Gao and Ansongo": a span or a route, no list
_NOT_A_LIST = re.compile(r"\b(?:between|from|linking|connecting|joining|axis|road|route)\s+"
                         r"(?:the\s+)?$",
                         re.IGNORECASE)


def _listed_with(c: _Candidate, text: str, places: Sequence[PlaceMention],
                 focus_country: str | None = None) -> list[PlaceMention]:
    """The other towns of a list the event's own place is part of ("rebels occupied Zintan and
    Nalut", "protests in Homs, Hama and Deraa"), in the same country: an event in each.
    ``places`` are the sentence's resolved mentions (a region in the list links, but gets no
    event of its own). A list of the article's country whose first name was read abroad (a
    district named like a foreign city) moves the event to the list's first town at home."""
    if c.place is None or c.place_scope not in {"clause", "sentence"}:
        return []
    towns = sorted((p for p in places if p.start < p.end), key=lambda p: p.start)
    at = next((i for i, p in enumerate(towns) if p.start == c.place.start), None)
    if at is None:
        return []
    def linked(a: PlaceMention, b: PlaceMention) -> bool:
        return bool(_LIST_GAP.fullmatch(text, a.end, b.start) or _PART_OF.fullmatch(text, a.end, b.start))

    lo = hi = at
    while lo > 0 and linked(towns[lo - 1], towns[lo]):
        lo -= 1
    while hi + 1 < len(towns) and linked(towns[hi], towns[hi + 1]):
        hi += 1
    if lo == hi or _NOT_A_LIST.search(text, max(0, towns[lo].start - 40), towns[lo].start):
        return []
    # one slot per place of the list: a part and the town it is part of share one
    slots: list[list[PlaceMention]] = []
    for k in range(lo, hi + 1):
        if k > lo and _PART_OF.fullmatch(text, towns[k - 1].end, towns[k].start):
            slots[-1].append(towns[k])
        else:
            slots.append([towns[k]])

    def pick(slot: list[PlaceMention]) -> PlaceMention | None:
        slot = [p for p in slot if (p.geo_precision or 3) <= 2]
        home = [p for p in slot if focus_country and p.country == focus_country]
        return (home or slot)[0] if home or slot else None

    own = next(slot for slot in slots if any(p.start == c.place.start for p in slot))
    if focus_country and c.place.country != focus_country:
        # a name of the list read abroad: its town at home, else the list's first town at home
        here = pick(own)
        home = here if here is not None and here.country == focus_country else next(
            (p for slot in slots if (p := pick(slot)) is not None and p.country == focus_country),
            None)
        if home is not None:
            c.place = home
    lead = pick(slots[0])
    if own is not slots[0] and lead is not None and lead.country == c.place.country:
        # "youths in Kayes and Kita protested": the act's own place is the list's first
        # town, whichever the parse hung nearest the verb; the others get an event each
        c.place, own = lead, slots[0]
    seen = {c.place.name or c.place.text}
    out = []
    for slot in slots:
        p = pick(slot)
        if slot is own or p is None:
            continue
        name = p.name or p.text
        if name not in seen and p.country == c.place.country:
            seen.add(name)
            out.append(p)
    return out


def _headline(sent: Span, text: str) -> bool:
    """The text's first line, above a body: "Gunmen kill nine in Zamfara market raid"."""
    after = text[sent.end_char:]
    ends_line = sent.text.endswith("\n") or after.lstrip(" \t")[:1] == "\n"
    return not text[:sent.start_char].strip() and ends_line and bool(after.strip()) \
        and len(sent) >= 3


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _closing_line(sent: Span, text: str) -> bool:
    """The last line of a text may end without a stop and still be a sentence: an event note
    or a brief ("2 soldiers were killed when their vehicle hit a mine near Kidal"), not a
    headline (headlines come first) - when it is long enough and has a finite verb."""
    if text[sent.end_char:].strip() or len(sent) < 4:
        return False
    if len(sent) >= 6 and any(t.tag_ in _FINITE_TAGS or (t.tag_ == "VBN" and any(
            c.dep_ in {"aux", "auxpass"} for c in t.children)) for t in sent):
        return True
    # a text of one line is a note or a brief, never a headline above a body (nor a link
    # under an article): it may be written like one, "AQIM took a Frenchman hostage",
    # "Police officer shot dead by gunmen near Garissa", "Two traders killed in Gao"
    return "\n" not in text.strip() and any(_note_predicate(t) for t in sent)


# what makes a note's event noun a plan or a fear: "rally planned for Friday", "feared attack"
_NOT_DONE = NONFACTIVE_HEADS | {"expect", "plan", "schedule", "announce", "upcoming", "planned",
                                "expected", "scheduled", "announced", "feared", "threatened"}


def _note_predicate(tok: Token) -> bool:
    """A finite verb with its subject, an event noun as the line's head, or a participle that
    tells of a noun of the line
    ("officer killed by gunmen", "two trucks of a convoy struck by an IED"), or one joined to
    it ("a chief killed and his son abducted")."""
    if tok.tag_ in _FINITE_TAGS and tok.pos_ == "VERB":
        return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    if _note_head(tok) is not None:
        return True  # "Mortar fire against the camp in Tessalit", "Continuation of clashes near Ber"
    if tok.tag_ == "VBG" and tok.pos_ == "VERB" and (tok.dep_ == "ROOT" or tok.dep_ == "acl" and (
            tok.head.dep_ == "ROOT" and tok.head.pos_ in {"NOUN", "PROPN"})) and not any(
            c.dep_ in {"aux", "auxpass"} for c in tok.children):
        return True  # "Dozens of women marching against the closure of the market", "Youths
        # hurling rocks at a patrol": a participle tells what the line's crowd was doing
    if tok.dep_ == "ROOT" and tok.pos_ == "NOUN":
        # "Violent skirmish between militants and the army near Menaka", "Reports of airstrikes
        # near Nampala": the line's head is an event noun (the frames say whether it is one)
        # ("Protest rally planned for Friday in Bamako" is a plan)
        return (tok.lower_ in NOUN_TRIGGERS or tok.lemma_.lower() in NOUN_TRIGGERS
                or tok.lemma_.lower() == "report") and not any(
            c.dep_ in {"acl", "relcl", "amod"} and c.lemma_.lower() in _NOT_DONE
            for c in tok.children)
    if tok.tag_ != "VBN" or tok.pos_ != "VERB" or tok.lemma_.lower() in _NOT_DONE:
        return False
    if tok.dep_ == "conj":
        tok = tok.head
    return tok.dep_ == "ROOT" or tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}


def _para_index(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _is_dateline_word(p: PlaceMention, dateline: Dateline | None) -> bool:
    return dateline is not None and dateline.start <= p.start < dateline.end \
        and p.text.casefold() == dateline.place.casefold()


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


def _told_next(doc: Doc, sent: Span, places_in: Any, para: int, para_starts: list[int],
               country: str | None, article: Article) -> PlaceMention | None:
    """"Gunmen ambushed a convoy, killing four. The attack took place near X.": an event told
    with no place, in a text with no earlier one, is at the first town the next sentence of
    its paragraph names (approximately), not at the country's capital."""
    if sent.end >= len(doc):
        return None
    nxt = doc[sent.end].sent
    if _para_index(para_starts, nxt.start_char) != para:
        return None
    return next((p for p in places_in(nxt.start_char, nxt.end_char)
                 if p.resolved and (p.geo_precision or 3) <= 2
                 and nxt.start_char <= p.start < nxt.end_char
                 and (not country or p.country == country)
                 and not _is_dateline_word(p, article.dateline)), None)


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


_SCOPE_RANK = {"clause": 0, "sentence": 1, "before": 1, "context": 2, "article": 3, "published": 4}
VIOLENT = {BATTLES, ERV, VAC, RIOTS}


def _news_day(doc: Doc, times: Sequence[TimeMention], published: dt.date | None
              ) -> TimeMention | None:
    """The day a story's lead tells of when the story was filed the morning after: "Syrian
    forces shot dead 11 people on Friday" in a report of Saturday. The first day named in the
    article's first sentences (its caption, dateline and lead), if it is the day before
    publication; None when the lead tells of the day of publication, of no day, or of a day
    further back (a report two days on is no overnight report of that day)."""
    if published is None:
        return None
    lead_end = 0
    for k, sent in enumerate(doc.sents):
        lead_end = sent.end_char
        if k >= 2:
            break
    for t in times:
        if t.start >= lead_end:
            break
        if t.value is None or t.precision != 1 or t.value_end not in (None, t.value):
            continue
        return t if (published - t.value).days == 1 else None
    return None


_SAID_AFTER_QUOTE = re.compile(r"^[^\"“”`']{0,60}(?:''|”|\")\s*,?\s*(?:\w+\s+){0,6}?"
                               r"(?:said|says|told|added|stated)\b")


def _quoted_today(t: TimeMention, sent: Span, text: str) -> bool:
    """ "All six were killed today," said a rights activist: the speaker's today, in a
    quote closed by a speech verb (not the writer's "today" of publication)."""
    if t.text.lower() not in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return False
    return bool(_SAID_AFTER_QUOTE.match(text[t.end:sent.end_char + 80]))


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


_TERRITORY = frozenset({SubEventType.NON_STATE_OVERTAKES, SubEventType.GOVERNMENT_REGAINS,
                        SubEventType.NON_VIOLENT_TRANSFER})


def _capture_before_killing(a: _Candidate, b: _Candidate) -> bool:
    """ "The leader was killed after fighters captured his hometown": the capture (b, in an
    "after" clause of the killing a) is an event of its own, before the killing. "Rebels
    took the town after killing five soldiers" is one battle: there the killing is the
    clause, not the capture."""
    return b.sub_event_type in _TERRITORY and a.sub_event_type not in _TERRITORY \
        and a.event_type in {VAC, ERV} and b.trigger.head.i == a.trigger.i \
        and b.trigger.dep_ == "advcl" \
        and any(m.dep_ == "mark" and m.lower_ == "after" for m in b.trigger.children)


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
    sequels = {id(b) for a in cands for b in cands if a is not b and _capture_before_killing(a, b)}
    for b in cands:
        if id(b) in sequels:  # the capture keeps only the deaths of its own clause
            b.fatalities = count_fatalities(b.trigger.doc[b.trigger.left_edge.i:b.trigger.right_edge.i + 1])
    groups: dict[tuple[Any, ...], list[_Candidate]] = {}
    for c in cands:
        key = (
            c.place.name if c.place else None,
            c.time.value if c.time else None,
            c.event_type if c.event_type in {SD, PROTESTS} else "violent",
            id(c) if id(c) in sequels else None,
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
        best = main_of_incident(group, best)
        for c in group:
            if c is best:
                continue
            if best.actor1 is None and c.actor1 is not None:
                best.actor1 = c.actor1
            if best.actor2 is None and c.actor2 is not None and (best.actor1 is None or c.actor2.name != best.actor1.name):
                best.actor2 = c.actor2
        out.append(best)
    return out

def _armed_sides_by_rule(c: _Candidate) -> bool:
    """The candidate's rule found both sides armed from its arguments ("the village
    self-defense repelled the attack", "killed two policemen"): a civilian actor2 (the
    villagers, "two people were killed") does not make the clash an attack on civilians.
    A rule that leaves attacks on civilians to the typer (``defer``) found no such thing."""
    if not c.rule or "overridden" in c.typed_by:
        return False
    rule = TABLE.rule(c.rule)
    return rule.gives == SubEventType.ARMED_CLASH and SubEventType.ATTACK not in rule.defer


def _fought_each_other(c: _Candidate) -> bool:
    """The trigger tells of two sides fighting ("clashed", "fighting between Fulani and Bambara
    villagers"): both fought back, whoever they are, so the clash needs no armed actor2 ("wounded
    by gunfire" tells of shots, not of sides)."""
    return c.cls == "clash" and c.trigger.lower_ != "gunfire"


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
        if date is not None and date_end is not None and precision == 2 and date.weekday() == 0 \
                and (date_end - date).days == 6:
            # "last week", "this week": ACLED codes the middle of the week (of its days up to
            # publication: nothing after it is reported); date_end keeps the week
            last = min(date_end, published) if published is not None and published >= date else date_end
            date = date + dt.timedelta(days=(last - date).days // 2)
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
    if (c.time is None or c.time.value is None) and date is not None:
        actors_in_era(c, date)  # no day of its own: the actors as named on the publication date
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
    if date is not None:
        # "the rebels" of a civil war with one armed opposition: named as ACLED names it then
        a1 = rebels_in_era(a1, date) if a1 is not None else None
        a2 = rebels_in_era(a2, date) if a2 is not None else None
    if c.event_type == BATTLES and c.sub_event_type == SubEventType.ARMED_CLASH and a2 is not None \
            and a2.inter == Inter.CIVILIANS and (a1 is None or a1.inter != Inter.CIVILIANS) \
            and not _armed_sides_by_rule(c) and not _fought_each_other(c):
        c.event_type, c.sub_event_type = VAC, SubEventType.ATTACK  # a battle needs two armed sides
    if c.event_type == BATTLES and c.sub_event_type == SubEventType.ARMED_CLASH and (any(
            a is not None and a.inter in CROWD_INTERS for a in (a1, a2)) or _crowd_side(c.trigger)):
        # "police clashed with protesters": a crowd is no armed side; the clash is a riot
        c.event_type, c.sub_event_type = RIOTS, SubEventType.VIOLENT_DEMONSTRATION
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
    if c.sub_event_type == SubEventType.PEACEFUL_PROTEST:
        # ACLED: a protest where people die is no longer peaceful; a death the sentence names
        # beside a peaceful protest ("placards hailing the killing of the dictator") is none
        low, best, high = None, None, None
    fatalities = low if low is not None else 0
    start = sent.start_char
    quote = sent.text.strip()
    lead = len(sent.text) - len(sent.text.lstrip())
    start += lead
    end = start + len(quote)
    confidence = 0.4
    confidence += 0.15 if a1 is not None else 0
    confidence += 0.15 if c.place_scope in {"clause", "sentence"} else 0.05 if place else 0
    confidence += 0.15 if c.date_scope in {"clause", "sentence", "before"} else 0.05
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


# which events a noun referring back may name ("the explosion" is no protest)
_REFERS_TO = {
    "explode": {ERV}, "airstrike": {ERV}, "shelling": {ERV},
    "attack": {ERV, VAC, BATTLES}, "kill": {ERV, VAC, BATTLES}, "abduct": {VAC},
    "clash": {BATTLES}, "protest": {PROTESTS, RIOTS}, "riot": {RIOTS, PROTESTS},
}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_TOLD_AGAIN = {"kill": {ERV, VAC, BATTLES}, "harm": {ERV, VAC, BATTLES}, "explode": {ERV}}


def _referent(events: Sequence[Event], sent: Span) -> int | None:
    """The index of the latest event a definite event noun of ``sent`` refers back to ("the
    blast", "Saturday's attack", "after the bombing"), or None."""
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        cls = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(tok.lemma_.lower())
        # "the blast", "Saturday's attack"; "the assassination attempt" (the noun a compound)
        heads = (tok, tok.head) if tok.dep_ == "compound" else (tok,)
        if cls not in _REFERS_TO or not any(
                (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss"
                for h in heads for c in h.children):
            continue
        for i in range(len(events) - 1, -1, -1):
            if events[i].event_type in _REFERS_TO[cls]:
                return i
        return None
    return None


_BACK_DETERMINERS = frozenset({"all", "the", "those", "these", "both"})


def _restated_toll(cands: Sequence[_Candidate], events: Sequence[Event]) -> int | None:
    """The earlier event whose toll a sentence only restates: a killing whose dead are "all
    six", "the six", "both" (a definite count refers back) and number what one earlier
    sentence of the article counted, in all its places together ("Six were shot dead in
    Aden, Lahij and Taiz. ... All six were civilians, a medic said"); None otherwise. "Six more were
    killed" and "the six soldiers killed on Monday" are not restatements (no back-reference
    by count alone, or a day of their own)."""
    if len(cands) != 1 or not events:
        return None
    c = cands[0]
    if c.date_scope == "clause" or c.fatalities[1] is None:
        return None
    victims = [v for v in c.trigger.children if v.dep_ in {"nsubjpass", "nsubj", "dobj"}]
    if not victims:
        return None
    v = victims[0]
    words = {w.lower_ for w in v.subtree}
    if not (words & _BACK_DETERMINERS) or words & {"more", "other", "another", "further"} \
            or any(w.pos_ in {"NOUN", "PROPN"} and w.lower_ not in COUNTED_PEOPLE | {"people"}
                   for w in v.subtree):
        return None
    totals: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, e in enumerate(events):
        start = e.sources[0].start
        totals[start] = totals.get(start, 0) + (e.fatalities_best or 0)
        first.setdefault(start, i)
    for start in sorted(totals, reverse=True):
        if totals[start] == c.fatalities[1]:
            return first[start]
    return None


def _told_again(events: Sequence[Event], sent: Span, towns: Sequence[PlaceMention]) -> int | None:
    """The last event, when ``sent`` speaks of harm of its kind (killed, wounded, exploded)
    and names no town but the event's own."""
    last = events[-1]
    if any((p.name or p.text) != last.location for p in towns):
        return None
    for tok in sent:
        lemma = trigger_lemma(tok)
        cls = VERB_TRIGGERS.get(lemma) if tok.pos_ == "VERB" else (
            NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(lemma) if tok.pos_ == "NOUN" else None)
        if cls in _TOLD_AGAIN and last.event_type in _TOLD_AGAIN[cls]:
            return len(events) - 1
    return None


def _source(article: Article, sent: Span) -> Source:
    quote = sent.text.strip()
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    return Source(doc=article.name, source=article.source, url=article.url,
                  published=_iso(article.published), quote=quote, start=start,
                  end=start + len(quote))


_CROWD_SIDES = frozenset({"demonstrator", "marcher", "protester", "protestor", "rioter"})


def _crowd_side(trigger: Token) -> bool:
    """A side of the clash is a crowd: its subject, or what it clashed "with"/"between"."""
    sides = [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}]
    sides += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}
              for g in c.children if g.dep_ == "pobj"]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        # "reported clashes overnight between police and protesters": the parser may hang the
        # "between" on the verb that reports the clashes; it still names their sides
        sides += [g for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "between"
                  for g in c.children if g.dep_ == "pobj"]
    sides += [g for s in list(sides) for g in s.conjuncts]
    return any(s.lemma_.lower() in _CROWD_SIDES for s in sides)


def _coordinated(text: str, places: Sequence[PlaceMention]) -> bool:
    """The places are one coordinated list ("in Aden, Taiz and Sanaa", "Petel and Anana"), not
    a town and the district it is in ("Soumpi, Niafunke"), whose toll is the town's."""
    if len(places) < 2:
        return False
    lo, hi = min(p.start for p in places), max(p.end for p in places)
    return re.search(r"\b(?:and|or)\b|&", text[lo:hi]) is not None


def split_toll(toll: tuple[int | None, int | None, int | None], n: int
               ) -> list[tuple[int | None, int | None, int | None]]:
    """A toll divided evenly among ``n`` events, the remainder one each to the last (ACLED's
    rule for a total the text does not break down by place); fewer dead than events stay
    with the first.

    >>> split_toll((6, 6, 6), 3)
    [(2, 2, 2), (2, 2, 2), (2, 2, 2)]
    >>> split_toll((20, 20, None), 3)
    [(6, 6, None), (7, 7, None), (7, 7, None)]
    >>> split_toll((1, 1, 1), 2)
    [(1, 1, 1), (None, None, None)]
    """
    if n <= 1 or toll[1] is not None and toll[1] < n:
        return [toll] + [(None, None, None)] * (n - 1)  # one death is no one's to share

    def share(v: int | None, k: int) -> int | None:
        if v is None:
            return None
        # 20 over three places: 6, 7, 7 (the remainder goes one each to the last)
        return v // n + (1 if k >= n - v % n else 0) or None  # a share of none is no toll stated

    return [tuple(share(v, k) for v in toll) for k in range(n)]  # type: ignore[misc]


def _with_toll(event: Event, toll: tuple[int | None, int | None, int | None], doc: str) -> Event:
    low, best, high = toll
    return replace(
        event, fatalities=low or 0, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        field_values=(*event.field_values, FieldValue("fatalities", [low, best, high], doc)),
    )


def _in_country(a: ActorMention | None, country: str | None) -> ActorMention | None:
    """Generic actors are named after the country where the event happened, not the article's focus."""
    if a is None or not a.generic or not country or a.country == country:
        return a
    if not a.country:
        return in_country(a, country)  # "gunmen" in a text that gives them no country
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
