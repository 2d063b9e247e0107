"""Which of an article's place mentions an event may be located at.

The resolver (:mod:`.resolve`) finds every toponym; this module drops the ones
that name no place where something happened: a place inside an actor's or a
person's name ("Ansar Dine" is not the village of Dhin), a nationality word, a
state named as an owner or sponsor ("Russia's news agency", "US-backed"), a
word modifying a noun ("Tuareg rebellion"). Its lexicons live here, with the
rules that read them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING, Sequence

from ..folding import fold
from ..geo import haversine_km as _haversine
from ..models import ActorMention, PlaceMention
from ..nlp import doc_text
from ..protocols import ActorLexicon, Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc


def without_demonym_homonyms(places: Sequence[PlaceMention], doc: "Doc", dictionary: ActorLexicon
                             ) -> list[PlaceMention]:
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


def event_places(places: Sequence[PlaceMention], actors: Sequence[ActorMention], doc: "Doc",
                 focus: str | None = None, *, gazetteer: Gazetteer | None = None
                 ) -> list[PlaceMention]:
    """Place mentions an event may be located at.

    Drops what the gazetteer matched inside an actor's name ("Ansar Dine" is
    not the village of Dhin), inside a multi-word person name (a surname that
    is also a village), ethnic or national adjectives (``feature="demonym"``),
    and single-word nationality/ethnic labels (spaCy NORP) that only match a
    hamlet of no recorded population. With a ``gazetteer``, a region or district
    sits at the town that stands for it (ACLED codes "in the Gao region" at Gao).
    """
    from .resolve import _Taken

    named = _Taken((a.start, a.end) for a in actors if not a.generic)  # overlap test near each place
    people = _Taken((e.start_char, e.end_char) for e in doc.ents
                    if e.label_ == "PERSON" and len(e) > 1)
    per_country: dict[str, int] = {}
    for p in places:
        if p.resolved and p.country:
            per_country[p.country] = per_country.get(p.country, 0) + 1
    norp = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "NORP" and len(e) == 1}
    text = doc_text(doc)  # built from every token on each access: once, not once per place
    ends = {p.end for p in places if p.resolved}
    # towns a bracket may follow: "Hombori (Douentza, Mopti)", also "near Hombori (...)"
    by_end = {p.end: p for p in places if p.resolved and (p.geo_precision or 3) <= 2
              and p.feature not in {"country", "admin1", "region", "demonym"}}
    starts = {p.start for p in places if p.resolved}
    out: list[PlaceMention] = []
    for p in places:
        if p.feature == "demonym":
            continue
        if p.feature not in {"country", "admin1", "region"} and people_word(p.text) \
                and not _LOCATIVE.search(text, max(0, p.start - 40), p.start):
            continue  # "Bambara hunters", "a Tuareg man": a people, not the village so named
        if named.overlaps(p.start, p.end):
            continue
        if _COMPARED.search(text, max(0, p.start - 40), p.start):
            continue  # "a town the size of Bristol": a yardstick, not where anything happened
        quarter = _quarter_of_a_people(text, p.end)
        if any(s <= p.start and p.end <= e and (s, e) != (p.start, p.end)
               for s, e in people.near(p.start, p.end)) and (
            p.feature not in {"country", "admin1", "region"}
        ) and not _paired(text, p, ends, starts) and not quarter and not _named_after_noun(text, p) \
                and not _STRETCH_END.search(text, max(0, p.start - 60), p.start):
            continue  # (not "between X and Y", which a tagger may read as one person)
        town = p.feature not in {"country", "admin1", "region"}
        minor = town and (p.population or 0) < 1000
        if (p.start, p.end) in norp and minor and _nationality_like(p.text) \
                and not _LOCATIVE.search(text, max(0, p.start - 40), p.start):
            continue  # "Bella herders": a people's label, not a hamlet so named
        if town and (minor or (focus and p.country != focus)) and _modifier_only(doc, p.start, p.end) \
                and not _paired(text, p, ends, starts) and not quarter and not _named_after_noun(text, p) \
                and not (_slot_before(text, p.start) and not _NAME_GOES_ON.match(text, p.end)):
            # "Tuareg rebellion", "Sharia law": a word modifying a noun, not a place (but
            # "the village of X" says place, whatever the parser hung X on)
            continue
        if town and focus and p.country != focus and per_country.get(p.country or "", 0) <= 1 \
                and per_country.get(focus, 0) > 1 \
                and (p.population or 0) < 100_000 and not _LOCATIVE.search(text, max(0, p.start - 40), p.start):
            # the only mention of its country, a small town abroad: a false hit, unless the
            # text says it is where something was ("clashes in Kidal" beside "Algiers")
            continue
        if (minor or (focus and p.country != focus) or _alone_abroad(p, places)) \
                and _inside_longer_name(doc, p.start, p.end) \
                and not _paired(text, p, ends, starts) and not quarter and not _named_after_noun(text, p):
            continue  # "Amadou Toumani Toure": the end of a longer proper name
        if town and _in_organisation(doc, p, places):
            continue  # "the Directorate for Development of X (DRDX) in Y": an office's name
        if town and _part_far_from_town(text, p, places):
            continue  # "the X neighbourhood of Y" read as an X hundreds of km from Y: a namesake
        if not town and (_possessive_owner(text, p.end) or _SPONSOR.match(text, p.end)):
            # "Russia's news agency reported", "Mali's friends", "US-backed militias":
            # the state as an actor or sponsor, not where anything happened
            continue
        if gazetteer is not None and p.feature in {"admin1", "admin2"} and p.geonameid:
            p = _at_seat(p, gazetteer)
        if (p.geo_precision or 3) < 2 and _CONTAINER_OF.search(text, max(0, p.start - 40), p.start) \
                and any(p.start - k in ends for k in range(1, 41)):
            # "the Dimamou area of Mopti": Mopti only says where Dimamou is
            p = replace(p, geo_precision=2)
        if _qualifies_town_before(text, p, {q.end: q for q in out if q.end in by_end}):
            # "Sokoura (Bankass, Mopti)": the bracket only says where the town is; kept, it
            # would be the place a following sentence ("Nine soldiers were killed") inherits
            # (only after a town kept: after "the Dogon village of Tinzarakane-Dogon", whose
            # known part was dropped as a people's name, "(Bandiagara, Mopti)" is all the text
            # says of where)
            continue
        if (p.geo_precision or 3) < 2 and _POSSESSOR_OF_PLACE.match(text, p.end) \
                and any(p.end + k in starts for k in range(3, 6)):
            # "Kidal's Anefis area": Kidal only says where Anefis is
            p = replace(p, geo_precision=2)
        if _in_parenthesis_after_name(text, p.start) and (p.geo_precision or 3) < 2:
            # "Boulkessi (Mopti)": the bracket names the region, not the town of Mopti
            p = replace(p, geo_precision=2)
        out.append(p)
    return out


# Peoples whose names are also villages or areas in GeoNames ("Bambara", "Dogon", "Tuareg"):
# in conflict reporting they name who was involved. Peoples that name a first-level region
# (Amhara, Afar, Tigray) are not here: the region reading stays.
def _read_peoples() -> frozenset[str]:
    with (resources.files("eventline") / "data" / "peoples.csv").open(encoding="utf-8") as fh:
        return frozenset(row["word"].strip().lower() for row in csv.DictReader(fh))


_PEOPLES = _read_peoples()  # data/peoples.csv


def people_word(text: str) -> bool:
    """"Dogon", "Fulanis", "Peulh": the name of a people (singular or plural)."""
    key = fold(text)
    return key in _PEOPLES or (key.endswith("s") and key[:-1] in _PEOPLES)


_HYPHENED_WORD = re.compile(r"[-–]([A-Z][\w'’]*)")


def _quarter_of_a_people(text: str, end: int) -> bool:
    """"Tagourou-Peulh", "Sare-Dogon": a village's quarter named for the people living in it,
    which a tagger may read as a person's name; the village is still the place."""
    m = _HYPHENED_WORD.match(text, end)
    return m is not None and people_word(m.group(1))


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


def _qualifies_town_before(text: str, p: PlaceMention, by_end: dict[int, PlaceMention]) -> bool:
    """A district or region in a bracket, after a town it lies near: the Bankass and Mopti of
    "X (Bankass, Mopti)", the Gao of "(Ansongo, Gao)"."""
    opening = text.rfind("(", max(0, p.start - 40), p.start)
    if opening < 1 or ")" in text[opening:p.start] or p.latitude is None or p.longitude is None:
        return False
    m = _BEFORE_IN_BRACKET.search(text, max(0, p.start - 60), p.start)
    town = by_end.get(m.start()) if m else None
    if town is None:
        # "Doro (N'Tillit, Gao)": the bracket's first name is no place we know; the town
        # is the one right before the bracket (or before its "[other spelling]")
        before = text[:opening].rstrip()
        if before.endswith("]") and "[" in before[-40:]:
            before = before[:before.rfind("[")].rstrip()
        town = by_end.get(len(before))
    if town is None or town is p or town.country != p.country or town.latitude is None \
            or town.longitude is None:
        return False
    return _haversine(town.latitude, town.longitude, p.latitude, p.longitude) <= 150


# what lies between a town and the next name of the bracket that locates it
_BEFORE_IN_BRACKET = re.compile(r"(?:\s*\[[^\]\n]*\])?\s*\(\s*$|\s*,\s*$")


def _in_parenthesis_after_name(doc: "Doc | str", start: int) -> bool:
    text = doc if isinstance(doc, str) else doc_text(doc)
    opening = text.rfind("(", max(0, start - 40), start)
    if opening < 1 or ")" in text[opening:start]:
        return False
    before = text[:opening].rstrip()
    return bool(before) and (before[-1].isalpha() and before.split()[-1][:1].isupper())


# "between X and Y": an end of a stretch between two places
_STRETCH_END = re.compile(r"\bbetween\s+(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\s+(?:and|&)\s+)?$",
                          re.IGNORECASE)

# "Kidal's ": a town owning the next name ("Kidal's Anefis area", not "Kidal's mayor")
_POSSESSOR_OF_PLACE = re.compile(r"['’]s?\s+(?=[A-Z])")

# "X area of Y", "X neighbourhood of Y": what joins a place to the town around it
_CONTAINER_OF = re.compile(r"(?<=\w)\s+(?:area|district|quarter|neighbou?rhood|suburb|outskirts|"
                           r"sector|commune)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _paired(text: str, p: PlaceMention, ends: set[int], starts: set[int]) -> bool:
    """"Aguelhok-Tessalit", "Gao-Ansongo": one of two places joined by a hyphen (an axis),
    not the end of a longer proper name. ``ends``/``starts``: offsets of resolved places."""
    before = text[max(0, p.start - 2):p.start]
    after = text[p.end:p.end + 2]
    return ("-" in before and any(p.start - k in ends for k in (1, 2))) or (
        "-" in after and any(p.end + k in starts for k in (1, 2)))


# "the Fulani hamlet X", "the village X": a settlement's own name right after the noun
_SETTLEMENT_NOUN = re.compile(r"\b(?:village|hamlet|town|locality|settlement)\s+$", re.IGNORECASE)
# "the axis X-Y", "on the road between X-Y", "in the area of X-Y": two places joined, or a
# two-part name; either way the one known is where the text says
_STRETCH_BEFORE = re.compile(r"\b(?:axis|road|route|highway|stretch|track|between|(?:area|vicinity)"
                             r"\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_FIRST_OF_PAIR = re.compile(r"(?-i:[A-Z])[\w'’]*[-–]$")


def _named_after_noun(text: str, p: PlaceMention) -> bool:
    """A name the text itself calls a place though the parser hangs it on another word: the
    X of "the Fulani hamlet X" (not "the village chief X", whose noun is no settlement) or
    one end of an "X-Y" stretch ("the axis X-Y", whose other end may be no place we know)."""
    if _SETTLEMENT_NOUN.search(text, max(0, p.start - 20), p.start):
        return True
    start = p.start
    if text[p.end:p.end + 1] in {"-", "–"} and text[p.end + 1:p.end + 2].isupper():
        if len(p.text) < 4:
            return False  # "Tin-", "In-", "Ti-": a prefix of a longer name, not a town
        # the first of "X-Y"
    else:
        m = _FIRST_OF_PAIR.search(text, max(0, p.start - 40), p.start)
        if m is None:
            return False
        start = m.start()  # the second of "X-Y"
    return _STRETCH_BEFORE.search(text, max(0, start - 40), start) is not None


def _at_seat(p: PlaceMention, gazetteer: Gazetteer) -> PlaceMention:
    """The division's mention, placed at its capital or namesake town (same precision); a
    district is named by its town, as ACLED names an event known to the district only
    ("Cercle of Kita" -> Kita, precision 2); a region keeps its own name."""
    division = gazetteer.place(p.geonameid) if p.geonameid else None
    town = gazetteer.seat(division) if division is not None else None
    if town is None:
        return p
    if p.feature == "admin2" and town.feature_class == "P":
        return replace(p, name=town.name, latitude=town.latitude, longitude=town.longitude)
    return replace(p, latitude=town.latitude, longitude=town.longitude)


# what measures one place by another: "a town the size of Bristol", "an area larger than
# Belgium", "twice as big as Lyon"
_COMPARED = re.compile(r"\b(?:the\s+size\s+of|(?:as|so)\s+(?:big|large|small|populous)\s+as|"
                       r"(?:bigger|larger|smaller)\s+than|comparable\s+(?:in\s+size\s+)?to)"
                       r"\s+(?:the\s+)?$", re.IGNORECASE)

# a preposition or noun of place just before a name: "in Kidal", "the village of Temera"
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|leaving|approaching|entering|reaching|"
                       r"(?:town|city|village|hamlet|area|"
                       r"vicinity|outskirts|locality|quarter|neighbou?rhood|suburb)\s+of)"
                       r"\s+(?:the\s+)?$", re.IGNORECASE)

# nouns a place name may modify and still name where something is: "the Tassiga bridge",
# "the Kidal checkpoint" (not "the Tuareg rebellion")
PLACE_HEADS = {"town", "city", "village", "region", "area", "district", "province", "airport",
               "border", "road", "camp", "base", "market", "river", "valley", "state", "county",
               "hamlet", "locality", "commune", "cercle", "neighborhood", "neighbourhood",
               "quarter", "outskirts", "vicinity", "zone", "sector", "axis", "route", "highway",
               "bridge", "crossing", "checkpoint", "post", "station", "garrison", "barracks",
               "prison", "forest", "mountains", "hills", "desert", "well", "wells", "mine",
               "site", "port", "harbour", "harbor", "junction",
               # a town's institutions are in it: "the Kidal airstrip", "Misrata hospital"
               "airstrip", "strip", "governorate", "prefecture", "subprefecture", "hospital",
               "school", "mosque", "church", "stadium", "university",
               # and its public buildings: "the X governorate building", "the X town hall"
               "building", "headquarters", "office", "offices", "hall", "palace", "residence",
               "courthouse", "compound", "square"}
_SETTLEMENTS = {"village", "hamlet", "town", "city", "camp", "locality"}
_NATIONALITY_END = re.compile(r"(?:an|ese|ish|ic|i|is|s)$")


def _nationality_like(text: str) -> bool:
    """A word shaped like a people's or nationality label ("Bella", "Peulh", "Bozos")."""
    return people_word(text) or bool(_NATIONALITY_END.search(fold(text)))


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
    if tok.dep_ not in {"amod", "compound"}:
        return False
    head = tok.head
    # "the Dogon village of Yara": the village has its own name, the word before is a people
    # (but in "the Dimamou area of Mopti" the area is Dimamou's, Mopti the town around it)
    return head.lemma_.lower() not in PLACE_HEADS or head.lemma_.lower() in _SETTLEMENTS and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children)
        for c in head.children)


def _alone_abroad(p: PlaceMention, places: Sequence[PlaceMention]) -> bool:
    """The only reading of its country beside towns of another ("a Ganda Koy leader shot in
    Timbuktu" read as a Ganda abroad): with no focus country to tell, a name abroad is no
    stronger than the towns the text places at home."""
    others = [q for q in places if q is not p and q.resolved and q.country
              and q.feature not in {"demonym"}]
    return bool(others) and bool(p.country) and all(q.country != p.country for q in others)


# an organisation's head word that is a building or site in the town it names: "the
# University of X", "X Regional Hospital" (the event is there); any other organisation
# ("the Directorate for ... of X", "the X Youth Council") may act anywhere
_SITE_WORDS = frozenset({
    "university", "hospital", "school", "college", "mosque", "church", "cathedral", "stadium",
    "prison", "jail", "market", "airport", "camp", "barracks", "station", "port", "court",
    "courthouse", "palace", "hall", "hotel", "bank", "mine", "garrison", "base", "museum",
    "cemetery", "square", "bridge", "dam", "clinic", "centre", "center", "office"})


# what names an organisation, not a place: "the Directorate for ... of X", "the X Youth
# Association", "the X Brigade"
_ORG_WORDS = frozenset({
    "directorate", "direction", "association", "council", "committee", "commission", "movement",
    "front", "union", "agency", "ministry", "brigade", "battalion", "regiment", "coalition",
    "platform", "ngo", "authority", "party", "federation", "network", "forum", "organisation",
    "organization", "foundation", "company", "corporation", "society", "alliance", "league",
    "chamber", "institute", "consortium", "cooperative", "club", "collective", "assembly",
    "board", "service", "services", "group"})


def _in_organisation(doc: "Doc", p: PlaceMention, places: Sequence[PlaceMention]) -> bool:
    """A town named inside an organisation's name that the tagger reads as one ("the
    Directorate for Social Development of X", "the X Women's Association") when the text
    names another town outside any organisation: the other town is where things happened.
    A site named for its town ("the University of X", "X hospital") is in it: kept."""
    ent = next((e for e in doc.ents if e.label_ == "ORG" and e.start_char <= p.start
                and p.end <= e.end_char and (e.start_char, e.end_char) != (p.start, p.end)), None)
    if ent is None or any(t.lower_ in _SITE_WORDS or t.lemma_.lower() in _SITE_WORDS for t in ent) \
            or not any(t.lower_ in _ORG_WORDS or t.lemma_.lower() in _ORG_WORDS for t in ent):
        return False  # (a tagger's "organisation" with no organisation word is a misreading)
    return any(q is not p and q.resolved and (q.geo_precision or 3) <= 2
               and not (ent.start_char <= q.start < ent.end_char) for q in places)


# "the X neighbourhood of Y", "X, a suburb of Y": a part of the town Y, within a town's
# breadth of it (not "the X area of Y", which may stretch over Y's district or region)
_PART_OF_TOWN = re.compile(r"(?:\s+(?:quarter|neighbou?rhood|suburb|ward)|"
                           r",\s+an?\s+(?:\w+\s+)?(?:quarter|neighbou?rhood|suburb|ward)"
                           r"(?:\s+(?:located|situated))?)"
                           r"\s+of\s+(?:the\s+(?:town|city|village)\s+of\s+)?(?:the\s+)?",
                           re.IGNORECASE)
_PART_KM = 40.0


def _part_far_from_town(text: str, p: PlaceMention, places: Sequence[PlaceMention]) -> bool:
    """A part of a town ("the X quarter of Y") read as a namesake far from the town: the
    reading is wrong, and the event is in Y. Unread or near, the part stays."""
    m = _PART_OF_TOWN.match(text, p.end)
    if m is None or p.latitude is None or p.longitude is None or p.feature != "city":
        return False
    town = next((q for q in places if q.start == m.end() and q.resolved), None)
    if town is None or town.latitude is None or town.longitude is None:
        return False
    return town.country != p.country or _haversine(
        p.latitude, p.longitude, town.latitude, town.longitude) > _PART_KM


_NAME_GOES_ON = re.compile(r" +[A-Z]|-\w")  # "near Tin Tafagat": the first word of a longer name


def _slot_before(text: str, start: int) -> bool:
    """"in X", "the village of X": a slot that says place, not "in the X area" (where X may
    be a word on the noun, read as a namesake abroad)."""
    m = _LOCATIVE.search(text, max(0, start - 40), start)
    return m is not None and not m.group(0).lower().rstrip().endswith(" the")
