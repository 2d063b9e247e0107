"""Toponyms -> gazetteer entries with coordinates (the places stage).

Recognition is gazetteer-driven: every capitalised phrase of up to six words
is looked up by its spelling-variant key (:func:`eventline.gazetteer.variant_key`)
in one batched, indexed query, so the matcher is linear in the text length.
spaCy's entities help but do not decide alone (``en_core_web_sm`` tags "Gao"
PERSON): GPE/LOC entities missing from the gazetteer become unresolved
mentions, and PERSON/ORG spans veto only *weak* candidates.

Each mention is resolved in the context of its article: the focus countries
(named countries, demonyms, the countries of unambiguous mentions), regions
named, "Town, State" qualifiers, distance to the article's other places,
population and feature class. Relative places ("north of Gao", "30 km from
Gao") get ACLED geo_precision 2; "northern Mali" resolves to the country with
geo_precision 3 and feature "region".

An outlet's *local lexicon* (:func:`home_evidence`, :func:`outlet_home`) adds
what one article cannot say: the regions the outlet's other articles name
unambiguously. A local paper's "Richmond man" or "Paris firefighters" then
resolve to its home region, while anything the article states outright (a
qualifier, nearby places) still wins. On LGL this lifts the end-to-end score
from 81.3 % to 86.3 %.

Example (``gaz`` a loaded gazetteer; :func:`eventline.geoparse` loads one)::

    >>> ms = find_places("Rebels seized Gao, in northern Mali.", gazetteer=gaz)
    >>> [(m.text, m.country, m.geo_precision) for m in ms]
    [('Gao', 'Mali', 1), ('northern Mali', 'Mali', 3)]
"""

from __future__ import annotations

import csv
import math
import re
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ..gazetteer import Place, _data_file, admin_name, name_key, one_edit_keys, variant_key
from ..geo import haversine_km as _km
from ..models import OutletHome, PlaceMention
from ..protocols import ActorLexicon, Gazetteer
from .context import RunContext

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "places.gazetteer.v2"  # v2: outlet lexicons

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_MAX_WORDS = 6
# lower-case words allowed inside a place name ("Bourem de la Mer", "Isle of Wight")
_CONNECTORS = {"de", "du", "des", "la", "le", "les", "el", "al", "of", "the", "on", "upon",
               "sur", "en", "di", "da", "do", "dos", "das", "del", "and", "au", "aux", "ad",
               # the Arabic article as transliterated before sun letters: Deir ez-Zor,
               # Ras al-Ain, Dar es Salaam, Jisr ash-Shughur, Deir az-Zawr
               # (not "as", "at", "an": English words too common inside capitalised runs)
               "ez", "es", "az", "ash", "ar", "ed", "adh", "ath", "ul", "ud", "um"}
_ADMIN_WORDS = {"region", "province", "state", "county", "parish", "district", "department",
                "governorate", "prefecture", "cercle", "municipality", "township", "borough"}
# Capitalised words that are place names somewhere but almost never in news text.
_STOP = set("""
a an the of in on at by for to from with and or but not no yes he she it we they you i
his her its our their my your this that these those there here when where who what which
mr mrs ms dr gen col sgt capt lt maj cpl president minister mayor governor senator judge
police army sheriff court city county state street road avenue church school university
college hospital office department government news post times daily weekly herald tribune
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today tonight yesterday tomorrow
god lord christmas easter ramadan islam muslim christian jesus allah
north south east west northern southern eastern western central
new old great little big upper lower middle saint san santa
said says according however also after before during while since until because although
one two three four five six seven eight nine ten first second third last next
man woman men women people family friends children officials official sources
home house center centre park lake river hill hills valley beach island islands bay
forest forests desert mountain mountains plateau wadi
page photo video editor reporter staff contact email phone
""".split())
_TITLES = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Sgt|Capt|Lt|Maj|Cpl|Rev|Sen|Rep|Gov|"
                     r"President|Minister|Judge|Officer|Sheriff|Chief|Coach|Pastor|Mayor|Lord|"
                     r"Lady|Sir|Dame|Baron|Baroness|Earl|Duke|Prince|Princess|King|Queen|Pope|"
                     r"Sheikh|Emir|Imam|Bishop|Archbishop|Father|Senator|Governor|General|"
                     r"Colonel|Captain|Sergeant|Lieutenant|Major|Commander|Marshal|Admiral|"
                     r"Chancellor|Secretary|Ambassador|Justice|Professor|Prof)\.?\s+)$")
_DIRS = (r"(?:north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east|"
         r"south[- ]?west)")
_NEAR = re.compile(
    r"(?:\b" + _DIRS + r"(?:ern)?\s+(?:of|from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?"
    r"|\b(?:near|nearby|outside|around|outskirts\s+of|vicinity\s+of|close\s+to|"
    r"not\s+far\s+from|surroundings\s+of|environs\s+of)\s+(?:the\s+(?:town|city|village)\s+of\s+)?"
    r"|\b\d[\d,.]*\s*(?:-\s*)?(?:km|kms|kilometers?|kilometres?|miles?|mi)\.?\s+(?:\(\s*[\d.,]+\s*"
    r"(?:km|miles?)\s*\)\s+)?(?:" + _DIRS + r"\s+)?(?:of|from)\s+)$", re.IGNORECASE)
_REGION = re.compile(r"\b(" + _DIRS + r"(?:ern)?|central|north-central|south-central)\s+$",
                     re.IGNORECASE)


@dataclass
class _Span:
    start: int
    end: int
    text: str
    key: str
    candidates: list[Place]
    admin_hint: bool = False  # followed by "region", "County", ...
    qualifier: tuple[str, str] | None = None  # ("US", "LA") from "Alexandria, La."
    qualifies: bool = False  # the "Ohio" of "Columbus, Ohio"
    # points of the district named in brackets after it ("Koundou (Bandiagara, Mopti)")
    anchors: tuple[tuple[float, float], ...] = ()
    # points of the commune named beside it ("Isseye, Mondoro Commune (...)", "Bara (Ansongo)"):
    # a commune spans some 30 km, so its village lies beside its seat
    commune: tuple[tuple[float, float], ...] = ()
    seats: tuple[tuple[float, float], ...] = ()  # the anchors that are towns, not districts
    bracket: tuple[str, str] | None = None  # the (country, region) that bracket names
    near: bool = False
    region_word: str | None = None  # "northern" in "northern Mali"
    region_start: int | None = None
    ner: str | None = None  # spaCy label of the entity covering it exactly
    in_longer: str | None = None  # spaCy label of a longer entity containing it
    propn: bool = True
    common: bool = False
    locative: bool = False  # after "in", "at", "from", ...: read as a place
    target: bool = False  # "an attack on X", "raided X village": what was struck is a place
    pair: bool = False  # one of "Gao-Ansongo" (a road or an axis between two towns)
    bracketed: bool = False  # the "Bourem" of "Tarkint (Bourem)": where the name before lies
    local: bool = False  # "Paris police", "Athens High School": a town's own institutions
    dateline: bool = False  # "GAO, Mali (Reuters) -": the place a report was filed from
    scores: dict[int, float] = field(default_factory=dict)
    support: dict[int, float] = field(default_factory=dict)  # coherence, by geonameid
    # what the article's context (countries, regions, qualifiers, nearby places, the
    # outlet) added to each reading's score, beyond its prior
    context: dict[int, float] = field(default_factory=dict)
    choice: Place | None = None
    basis: str = ""  # why this reading: "unique", "article", "run" or "default"


@lru_cache(maxsize=1)
def _abbrevs() -> dict[str, tuple[str, str]]:
    """Abbreviations of first-level regions used as qualifiers ("La.", "N.Y.", "Calif.").

    Keys carry no spaces: "W. Va." and "W.Va." are both looked up as "W.Va.".
    """
    with open(_data_file("places_admin1_abbrev.csv"), encoding="utf-8") as fh:
        return {r["abbrev"].replace(" ", ""): (r["country_code"], r["admin1_code"])
                for r in csv.DictReader(fh)}


def _abbrev(ab: str) -> tuple[str, str] | None:
    """The region an abbreviation names, tolerant of spaces and a missing final dot."""
    abbrevs = _abbrevs()
    ab = ab.replace(" ", "")
    if ab in abbrevs:
        return abbrevs[ab]
    # "Kan" without its dot only when a dot was written somewhere ("W.Va" -> "W.Va.")
    return abbrevs.get(ab.rstrip(".") + ".") if "." in ab else None


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonym -> ISO2, from the shipped country table and demonyms.csv when present."""
    out: dict[str, str] = {}
    pop: dict[str, int] = {}
    for name in ("places_countries.csv", "demonyms.csv"):
        try:
            with open(_data_file(name), encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    d = (r.get("demonym") or "").strip()
                    cc = (r.get("code") or r.get("country_code") or "").strip()
                    # "American": the United States, not American Samoa (largest country wins)
                    p = int(r.get("population") or 0)
                    if d and cc and (d not in out or p > pop.get(d, -1)):
                        out[d], pop[d] = cc, p
        except FileNotFoundError:
            continue
    return out


_DEM_WORD = re.compile(r"[A-Z][a-z]+")


def _demonym_matches(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, ISO2) of demonyms: two-word ones first ("Sri Lankan"), plurals too.

    Example::

        >>> [m[2:] for m in _demonym_matches("Russian and Sri Lankan troops")]
        [('Russian', 'RU'), ('Sri Lankan', 'LK')]
    """
    dem = _demonyms()
    words = [(m.start(), m.end(), m.group()) for m in _DEM_WORD.finditer(text)]
    out = []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        hit = None
        if i + 1 < len(words) and text[e:words[i + 1][0]] in (" ", "-"):
            two = text[s:words[i + 1][1]]
            cc = dem.get(two) or (dem.get(two[:-1]) if two.endswith("s") else None)
            if cc:
                hit = (s, words[i + 1][1], two, cc)
        if hit is None:
            cc = dem.get(w) or (dem.get(w[:-1]) if w.endswith("s") else None)
            if cc:
                hit = (s, e, w, cc)
        if hit:
            out.append(hit)
            i += 2 if " " in hit[2] or "-" in hit[2] else 1
        else:
            i += 1
    return out


_variant_key = lru_cache(maxsize=1 << 16)(variant_key)  # names repeat across articles
_FOUND: "weakref.WeakKeyDictionary[Any, tuple[tuple[Any, Any], dict[str, list[Place]]]]" = \
    weakref.WeakKeyDictionary()
_FOUND_MAX = 1 << 16


def _memo(store: "weakref.WeakKeyDictionary[Any, Any]", gaz: Gazetteer) -> dict[Any, Any] | None:
    """The dict ``store`` keeps for ``gaz``, emptied when places were added since (a GeoNames
    dump, the user's CSV, by this process or another one); None for a gazetteer that takes
    no weak reference."""
    generation = getattr(gaz, "generation", None)
    token = generation() if callable(generation) else None  # first: it may reload the tables
    state = (id(getattr(gaz, "admin1", None)), token)
    try:
        entry = store.get(gaz)
        if entry is None or entry[0] != state:
            entry = store[gaz] = (state, {})
    except TypeError:
        return None
    return cast(dict[Any, Any], entry[1])


def _lookup(gaz: Gazetteer, keys: list[str]) -> dict[str, list[Place]]:
    """``gaz.lookup(keys)``, remembering each key's answer (the outlet pass and the
    analysis look up the same names, and capitalised words recur across articles)."""
    seen = _memo(_FOUND, gaz)
    if seen is None:  # a gazetteer that takes no weak reference: asked every time
        return gaz.lookup(keys)
    new = [k for k in dict.fromkeys(keys) if k not in seen]
    if new:
        if len(seen) + len(new) > _FOUND_MAX:
            seen.clear()  # bounded: memory stays flat on any corpus
        got = gaz.lookup(new)
        for k in new:
            seen[k] = got.get(k, [])
    return {k: seen[k] for k in keys if seen.get(k)}


def _candidate_spans(text: str, gaz: Gazetteer) -> list[_Span]:
    """Longest gazetteer phrases, left to right, without overlaps."""
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    keyed: list[tuple[int, int, str]] = []  # (first token, last token, key)
    for i, (s, _e) in enumerate(toks):
        if not text[s].isupper():
            continue
        for j in range(i, min(i + _MAX_WORDS, len(toks))):
            if j > i:
                gap = text[toks[j - 1][1]:toks[j][0]]
                prev = text[toks[j - 1][0]:toks[j - 1][1]]
                ok_gap = gap in (" ", "-", "'", "’") or (
                    gap in (".", ". ") and len(prev) <= 3 and prev[0].isupper())
                if not ok_gap:
                    break
            ts, te = toks[j]
            word = text[ts:te]
            if not word[0].isupper():
                # "I-n-Telli", "Ti-n-Zaouatene": the Tamasheq "in" written with hyphens
                if word.lower() in _CONNECTORS or word == "n" and gap == "-":
                    continue
                if gap == "-" and len(word) <= 4:
                    # "Dim-na", "Ouro-bé": a lower-case end of a village's name; looked up,
                    # never extended further
                    keyed.append((i, j, variant_key(text[s:te])))
                break
            keyed.append((i, j, _variant_key(text[s:te])))
    found = _lookup(gaz, [k for _, _, k in keyed])
    best: dict[int, tuple[int, str]] = {}
    for i, j, k in keyed:
        if k in found and (i not in best or j > best[i][0]):
            best[i] = (j, k)
    spans: list[_Span] = []
    i = 0
    while i < len(toks):
        if i in best and _plausible(text, toks, i, best[i][0]):
            j, k = best[i]
            s, e = toks[i][0], toks[j][1]
            # "U.S." / "D.C.": keep the final dot of an abbreviation
            if e < len(text) and text[e] == "." and j > i and len(text[toks[j][0]:e]) == 1:
                e += 1
            cands = found[k]
            # "L.A.", "S.E.": initials match only a place spelled so, not "Laa" or "Séez"
            if j > i and all(te - ts == 1 for ts, te in toks[i:j + 1]):
                f = name_key(text[s:e])
                cands = [p for p in cands if f in p.matched.split("|")]
            if cands:
                spans.append(_Span(s, e, text[s:e], k, cands))
            i = j + 1
        else:
            i += 1
    # qualifiers: "Alexandria, La." -> the abbreviation names a region
    for sp in spans:
        m = _QUAL_ABBREV.match(text, sp.end)
        if m and _abbrev(m.group(1)):
            sp.qualifier = _abbrev(m.group(1))
    return spans


_STREET = re.compile(r"\s+(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Lane|Ln|"
                     r"Way|Court|Ct|Place|Pl|Highway(?!\s+Patrol)|Hwy|Pkwy|Parkway|Circle|"
                     r"Terrace)\b\.?")


def _plausible(text: str, toks: list[tuple[int, int]], i: int, j: int) -> bool:
    """Cheap vetoes before context: one- or two-letter words, street names, the stop list
    (unless a slot may say place: "the town of San", "in San"; :func:`_annotate` decides)."""
    word = text[toks[i][0]:toks[j][1]]
    if i == j and (len(word) <= 2 and not word.isupper() and not (
            word[:1].isupper() and _TWO_LETTER_SLOT.search(text, max(0, toks[i][0] - 40), toks[i][0])
            and _STOP_AFTER.match(text, toks[j][1])) or name_key(word) in _STOP
                   and not _stop_word_slot(text, toks[i][0], toks[j][1])):
        return False
    return not _STREET.match(text, toks[j][1])


# a stop-listed word that is a town's name ("San", "Central"): only in a slot of place, alone
# (not the "San" of a longer name the gazetteer lacks), after a settlement noun or a
# preposition of place (the latter only where spaCy calls it a place too)
_STOP_NOUN_SLOT = re.compile(r"\b(?:town|city|village|commune|cercle|streets|outskirts|"
                             r"residents|inhabitants)\s+of\s+$", re.IGNORECASE)
_STOP_PREP_SLOT = re.compile(r"\b(?:in|at|near)\s+$")
# "the village of Bi": a settlement noun names a two-letter village too
_TWO_LETTER_SLOT = re.compile(r"\b(?:village|hamlet|town|locality)\s+of\s+$", re.IGNORECASE)
_STOP_AFTER = re.compile(r"\s*(?:$|[,.;:)]|\s[a-z(])")


def _stop_word_slot(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40):start]
    return bool(_STOP_AFTER.match(text, end)) and bool(
        _STOP_NOUN_SLOT.search(before) or _STOP_PREP_SLOT.search(before))


_ABBREV_RE = r"([A-Z][A-Za-z]?\.(?: ?[A-Z][a-z]?\.)?|[A-Z][a-z]{1,4}\.)"
_QUAL_ABBREV = re.compile(r",\s*" + _ABBREV_RE)
# "Charleston, W.Va.", "CHARLESTON, W. Va.", "Rep. Clyburn, D-S.C.", and "D.C." anywhere
_ABBREV_SPAN = re.compile(
    r"(?:(?<=[A-Za-z]), |(?<=\b[DRI]-))" + _ABBREV_RE + r"|\bD\. ?C\."
    # "the S.C. Highway Patrol", "in N.J. today": two dotted initials after a preposition
    r"|(?:(?<=\bthe )|(?<=\bThe )|(?<=\bin )|(?<=\bof )|(?<=\bto )|(?<=\bat )|(?<=\bfrom ))"
    r"([A-Z]\.[A-Z]\.)(?=[\s,;:)])")


def _abbrev_spans(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[_Span]:
    """Region abbreviations as mentions: "La." in "Alexandria, La.", "S.C." in "D-S.C."."""
    out = []
    for m in _ABBREV_SPAN.finditer(text):
        g = 1 if m.group(1) else 2 if m.group(2) else 0
        ab = m.group(g)
        code = _abbrev(ab)
        if code is None:
            continue
        s, e = m.start(g), m.end(g)
        if any(a < e and s < b for a, b in taken):
            continue
        a1 = gaz.admin1.get(code)
        if a1 is not None:
            out.append(_Span(s, e, ab, variant_key(a1.name), [a1], qualifier=code,
                             qualifies=True))
    return out


_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*(?:the\s+)?[A-Z]")


def _bind_qualifiers(spans: list[_Span], text: str) -> None:
    """"Columbus, Ohio" / "Toronto, Ontario, Canada": a state or country written after a
    comma binds the place before it.

    The second name must read as a first-level region or country by its own name;
    the first gets it as its qualifier, and the second is marked as a qualifier
    so that it resolves to the region, not to a town of that name.
    """
    for a, b in zip(spans, spans[1:]):
        if not re.fullmatch(r",\s*", text[a.end:b.start]):
            continue
        fb = name_key(b.text)
        # "Douna, Mopti": a region named without its unit word ("Mopti Region"), unless
        # a list goes on after it ("in Gao, Kidal and Timbuktu": three towns)
        bare = not _LIST_GOES_ON.match(text, b.end)
        levels = [p for p in b.candidates if p.feature in ("admin1", "country")
                  and (name_key(p.name) == fb or bare and p.feature == "admin1"
                       and _district_name(p, fb))]
        if not levels:
            continue
        # a country outranks a same-named region elsewhere ("Georgia"): keep both readings
        # only when the first name has a reading inside one of them
        fits = [q for q in levels if any(
            p.country_code == q.country_code and (q.feature == "country"
                                                 or p.admin1_code == q.admin1_code)
            for p in a.candidates if p is not q)]
        if not fits:
            continue
        q = max(fits, key=lambda q: q.feature == "admin1")
        b.qualifies = True
        if a.qualifier is None:
            a.qualifier = (q.country_code, q.admin1_code if q.feature == "admin1" else "")


# "X (District, Region)", "X, Y Commune (District, Region)", "X [other spelling] (District)":
# what may stand between a village and the bracket naming its district and region
_TO_BRACKET = re.compile(r"(?:\s*\[[^\]\n]{1,40}\])?(?:\s*\([^()\n]{1,40}\))?"
                         r"(?:\s*,\s*(?:the\s+)?[A-Z][\w'’-]*(?:[ -][A-Z0-9][\w'’-]*){0,3}\s+"
                         r"(?:[Cc]ommune|[Mm]unicipality|[Ss]ub-?[Pp]refecture))?\s*\(\s*$")
# "X (N'Tillit, " before the region: a first name in the bracket that is no gazetteer span
_UNKNOWN_IN_BRACKET = re.compile(r"\s*\(\s*[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,2}\s*,\s*")
_COMMUNE_BRACKET = re.compile(r"\s+(?:[Cc]ommune|[Mm]unicipality)\s*\(\s*")
_IN_BRACKET = re.compile(r"\s*,\s*$")
# "Tarkint (Bourem", "Hoto Saya [Hore Haya] (Niafunke": a bracket opened right after a name
_AFTER_NAME_BRACKET = re.compile(r"[A-Z][\w'’-]*(?:\s*\[[^\]\n]{1,40}\])?\s*\(\s*$")
_DISTRICT_BRACKET_REST = re.compile(r"\s*,\s*[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,2}\s*\)")
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_COMMUNE_UNKNOWN = re.compile(r"\s+(?:[Cc]ommune|[Mm]unicipality)\s*\(\s*[A-Z][\w'’-]*"
                              r"(?:[ -][A-Z][\w'’-]*){0,2}\s*,\s*")


def _district_name(p: Place, key: str) -> bool:
    """The place is a division called ``key`` ("Bandiagara" for "Cercle de Bandiagara")."""
    return name_key(admin_name(p.name)) == key or name_key(p.name) == key


def _bind_brackets(spans: list[_Span], text: str) -> None:
    """"Koundou (Bandiagara, Mopti)": the bracket after a village names its district and
    region, so of the villages of that name the one inside them is meant.

    The region (the second name, or the first when it names a first-level region)
    becomes the village's qualifier; the district's readings inside that region
    become anchors, and readings of the village near them win (see :func:`_resolve`).
    """
    for i, sp in enumerate(spans[:-1]):
        k = i + 1
        # "Garou [Garou-Leye] (Bandiagara, Mopti)": another spelling in square brackets, its
        # names the same village; the round bracket after it locates both
        spelt: list[_Span] = []
        sq = re.match(r"\s*\[[^\]\n]{1,40}\]", text[sp.end:sp.end + 45])
        if sq:
            while k < len(spans) and spans[k].start < sp.end + sq.end():
                spelt.append(spans[k])
                k += 1
            if k >= len(spans):
                continue
        tail = sp.end + (sq.end() if sq else 0)  # where the village's names end
        commune: _Span | None = None
        # "Isseye, Mondoro Commune (Douentza, Mopti)": the commune is a second anchor
        if k + 1 < len(spans) and re.fullmatch(r"\s*,\s*(?:the\s+)?", text[tail:spans[k].start]) \
                and _COMMUNE_BRACKET.fullmatch(text[spans[k].end:spans[k + 1].start]):
            commune, k = spans[k], k + 1
        b = spans[k]
        if b.start - sp.end > 120:
            continue
        # "Doro (N'Tillit, Gao)": a commune the gazetteer does not know, then the region
        unknown_first = commune is None and bool(_UNKNOWN_IN_BRACKET.fullmatch(text[tail:b.start]))
        if commune is None and k + 1 < len(spans) \
                and re.fullmatch(r"\s*,\s*(?:the\s+)?", text[tail:spans[k].start]) \
                and _COMMUNE_UNKNOWN.fullmatch(text[spans[k].end:spans[k + 1].start]):
            # "Dossorola, Boron Commune (Banamaba, Koulikoro)": a district spelt in a way the
            # gazetteer does not know, then the region
            commune, k, unknown_first = spans[k], k + 1, True
            b = spans[k]
        if commune is None and not unknown_first and not _TO_BRACKET.match(text[sp.end:b.start]):
            continue
        c = spans[k + 1] if k + 1 < len(spans) and not unknown_first else None
        if c is not None and not (_IN_BRACKET.fullmatch(text[b.end:c.start])
                                  and text[c.end:c.end + 3].lstrip().startswith(")")):
            c = None
        if c is None and not text[b.end:b.end + 3].lstrip().startswith(")"):
            continue
        bkey = name_key(b.text)
        region: tuple[str, str] | None = None
        district: tuple[tuple[float, float], ...] = ()
        district_seats: tuple[tuple[float, float], ...] = ()
        district_alone = False
        if c is not None:
            ckey = name_key(c.text)
            regs = {(p.country_code, p.admin1_code) for p in c.candidates
                    if p.feature == "admin1" and _district_name(p, ckey)}
            if not regs:
                # "Doro (Tessit, Ansongo)": a commune, then its district (no region named)
                regs = {(p.country_code, p.admin1_code) for p in c.candidates
                        if p.feature == "admin2" and _district_name(p, ckey)}
                dpts = [p for p in c.candidates if (p.country_code, p.admin1_code) in regs
                        and _district_name(p, ckey)
                        and (p.feature == "admin2" or p.feature_class == "P")]
                district = tuple((p.latitude, p.longitude) for p in dpts)
                district_seats = tuple((p.latitude, p.longitude) for p in dpts
                                       if p.feature_class == "P")
            if len(regs) == 1:
                region = next(iter(regs))
        else:
            regs = {(p.country_code, p.admin1_code) for p in b.candidates
                    if p.feature in ("admin1", "admin2") and _district_name(p, bkey)}
            if len(regs) == 1:
                region = next(iter(regs))
                # "Tinabaw (Tenenkou)": a district named alone locates the village as firmly
                # as "(District, Region)" does (a region alone, "(Mopti)", only roughly)
                district_alone = not any(p.feature == "admin1" and _district_name(p, bkey)
                                         for p in b.candidates)
            elif not regs and commune is None and re.fullmatch(r"\s*\(\s*", text[sp.end:b.start]):
                # "Madougou (Dinangourou)": a commune named by its seat, a town the gazetteer
                # knows as a village (several, maybe): the village lies beside one of them
                sp.commune = tuple((p.latitude, p.longitude) for p in b.candidates
                                   if p.feature_class == "P" and name_key(p.name) == bkey)[:_TOPK]
        if region is None:
            continue
        named = [p for p in b.candidates
                 if (p.country_code, p.admin1_code) == region and p.feature != "admin1"
                 and _district_name(p, bkey) and (p.feature == "admin2" or p.feature_class == "P")]
        anchors = district + tuple((p.latitude, p.longitude) for p in named)
        seats = district_seats + tuple((p.latitude, p.longitude) for p in named
                                       if p.feature_class == "P")
        if commune is not None and unknown_first:
            # the region's namesake town says nothing of the misspelt district
            anchors = seats = ()
        if commune is not None:
            ckey = name_key(commune.text)
            sp.commune = tuple((p.latitude, p.longitude) for p in commune.candidates
                               if (p.country_code, p.admin1_code) == region
                               and p.feature_class == "P" and name_key(p.name) == ckey)
        # "Tolle and Weyla (Bankass, Mopti)", "between A and B (...)", "A, B and C, X Commune
        # (...)": the bracket after a list locates every village of it
        members = [sp, *spelt]
        head = sp
        for j in range(i - 1, -1, -1):
            if not _LIST_JOIN.fullmatch(text[spans[j].end:head.start]) \
                    or spans[j].qualifier is not None or spans[j].anchors:
                break
            head = spans[j]
            members.append(head)
        for m in members:
            if m.qualifier is None:
                m.qualifier = region
            m.anchors, m.seats = anchors, seats
            if m is not sp:
                m.commune = sp.commune
            if (c is not None or unknown_first or district_alone) and (anchors or unknown_first):
                # a district or region named after a commune: of the village's readings only
                # those inside it (or near the district's seat) are meant
                m.bracket = region


# "Bondo, Cercle of Koro", "Sinko in the district of Niono": the district a village is said
# to lie in, named by its unit word before its name
_IN_UNIT = re.compile(r"\s*(?:,\s*|\s+in\s+)(?:the\s+)?(?:cercle|district|circle)\s+(?:of|de)\s+$",
                      re.IGNORECASE)


def _bind_units(spans: list[_Span], text: str) -> None:
    """"Bondo, Cercle of Koro": the district after a village locates it as a bracket naming
    the district does ("Bondo (Koro)"): its readings near the district's seat win."""
    for sp, b in zip(spans, spans[1:]):
        if sp.anchors or sp.qualifier is not None or b.start - sp.end > 40 \
                or not _IN_UNIT.fullmatch(text[sp.end:b.start]):
            continue
        bkey = name_key(b.text)
        regs = {(p.country_code, p.admin1_code) for p in b.candidates
                if p.feature == "admin2" and _district_name(p, bkey)}
        if len(regs) != 1:
            continue
        region = next(iter(regs))
        named = [p for p in b.candidates
                 if (p.country_code, p.admin1_code) == region and _district_name(p, bkey)
                 and (p.feature == "admin2" or p.feature_class == "P")]
        sp.qualifier = region
        sp.anchors = tuple((p.latitude, p.longitude) for p in named)
        sp.seats = tuple((p.latitude, p.longitude) for p in named if p.feature_class == "P")
        if sp.anchors:
            sp.bracket = region  # a reading outside that district's region is a namesake


def _outside_bracket(sp: _Span) -> bool:
    """"Sabaribougou (Niono, Segou)" when the gazetteer knows no Sabaribougou in that region:
    its reading is a namesake elsewhere; the district named in the bracket says more."""
    p = sp.choice
    if p is None:
        return False
    if sp.bracket is None:
        # "Tinabaw (Tenenkou)": a commune's town in the bracket, the village's only reading
        # hundreds of km from every town of that name: a namesake, the commune says more
        return bool(sp.commune) and p.feature_class == "P" and not any(
            _km(p.latitude, p.longitude, a, b) <= 150 for a, b in sp.commune)
    if (p.country_code, p.admin1_code) == sp.bracket:
        return False
    return not any(_km(p.latitude, p.longitude, a, b) <= 150 for a, b in sp.anchors)


# "the Cercle of Koro", "the district of Kailahun", "the region of Kayes" (not "commune",
# whose name is its seat's: "the commune of X" is read as the village X)
_UNIT_OF_BEFORE = re.compile(r"\b(?:cercle|district|region|province|governorate|circle)\s+(?:of|de|du)\s+$",
                             re.IGNORECASE)


def _annotate(spans: list[_Span], text: str, doc: "Doc | None") -> None:
    """Context read from the text around each span and from spaCy."""
    lower_words = {w for w in re.findall(r"(?<![.!?]\s)(?<!^)\b([a-z]+)\b", text)}
    for sp in spans:
        before = text[max(0, sp.start - 60):sp.start]
        after = text[sp.end:sp.end + 20]
        m = re.match(r"\s+([A-Za-z]+)", after)
        if m and m.group(1).lower() in _ADMIN_WORDS:
            sp.admin_hint = True
        elif _UNIT_OF_BEFORE.search(before):
            sp.admin_hint = True  # "the Cercle of Koro", "the region of Kayes": the word before
        if _NEAR.search(before):
            sp.near = True
        # "the Tabrichat area", "Kidal's Anefis area": a name on a noun of place
        if _LOCATIVE.search(before) or (_PLACE_NOUN_AFTER.match(after)
                                        and re.search(r"(?:\b(?:the|a|an)|\w['’]s)\s+$", before,
                                                      re.IGNORECASE)):
            sp.locative = True
        if _BETWEEN_END.search(before):
            sp.pair = True
        if _TARGET.search(before) or _SETTLEMENT_AFTER.match(after):
            sp.target = True
        if _AFTER_NAME_BRACKET.search(before) and re.match(r"\s*[),]", after):
            sp.bracketed = True
        if _LOCAL.match(text, sp.end) or _CITY_OF.search(before):
            sp.local = True
        if (sp.start == 0 or text[sp.start - 1] == "\n") and re.match(r"\s*(?:,|\(|[-–—])",
                                                                      after):
            sp.dateline = True
        rm = _REGION.search(before)
        if rm:
            sp.region_word = rm.group(1)
            sp.region_start = sp.start - (len(before) - rm.start(1))
        words = name_key(sp.text).split()
        sp.common = (len(words) == 1 and (words[0] in _STOP or words[0] in lower_words)) or bool(
            _TITLES.search(before))
        if len(words) == 1 and words[0] in _STOP and _STOP_NOUN_SLOT.search(before):
            sp.common = False  # "the town of San": the slot outweighs the stop list
        if sp.common and (sp.anchors or sp.bracketed and _DISTRICT_BRACKET_REST.match(after)):
            sp.common = False  # "San (San, Segou)": a bracket naming its district and region
    # "the Gao-Ansongo road", "axis Aguelhok-Tessalit": the second of a pair is read as the first
    for a, b in zip(spans, spans[1:]):
        if text[a.end:b.start].strip() in ("-", "–") and b.start - a.end <= 3:
            a.pair = b.pair = True
            # "in the Dogofri-Diabaly area": the article before the pair, the noun after it
            # (two towns of one country: not "the Goma-Coura area", a name the gazetteer
            # knows only as two towns abroad)
            if _PLACE_NOUN_AFTER.match(text, b.end) and re.search(
                    r"\b(?:the|a|an)\s+$", text[max(0, a.start - 8):a.start], re.IGNORECASE) \
                    and {p.country_code for p in a.candidates} & {p.country_code for p in b.candidates}:
                a.locative = True
            # (a pair read as towns of two countries passes no slot on: "the Goma-Coura area")
            if {p.country_code for p in a.candidates} & {p.country_code for p in b.candidates}:
                b.locative = b.locative or a.locative
    if doc is not None:
        _annotate_doc(spans, text, doc)


def _annotate_doc(spans: list[_Span], text: str, doc: "Doc") -> None:
    """What spaCy says of each span (each span alone: the text's part is done before)."""
    import bisect

    # entities do not overlap and come in text order, so their ends are sorted too:
    # each span looks only at the entities around it (doc.ents per span was quadratic)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    ends = [e for _, e, _ in ents]
    for sp in spans:
        sp_tokens = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        # parse = "flagged" leaves some sentences untagged: their names read as without spaCy
        if sp_tokens is not None and len(sp_tokens) and sp_tokens[0].tag:
            sp.propn = any(t.pos_ == "PROPN" for t in sp_tokens)
        for k in range(bisect.bisect_right(ends, sp.start), len(ents)):
            start_char, end_char, label = ents[k]
            if start_char >= sp.end:
                break
            ent = _Ent(start_char, end_char, label)
            if ent.start_char == sp.start and ent.end_char == sp.end:
                sp.ner = ent.label_
                if label in ("GPE", "LOC") and name_key(sp.text) in _STOP \
                        and _STOP_PREP_SLOT.search(text, max(0, sp.start - 8), sp.start):
                    sp.common = False  # "in San", and spaCy too says a place
            elif ent.start_char <= sp.start and ent.end_char >= sp.end:
                sp.in_longer = ent.label_
            else:
                sp.ner = sp.ner or ent.label_


@dataclass(frozen=True, slots=True)
class _Ent:
    start_char: int
    end_char: int
    label_: str


# A town's own institutions after its name ("Athens Police Department", "Paris High
# School", "Dublin's mayor"): the article is local news from that town, so the town
# is in the article's own country, whatever more famous namesake exists abroad.
_LOCAL = re.compile(
    r"(?:'s)?\s+(?:Police|Fire|Sheriff|High\s+School|Middle\s+School|Elementary|City\s+"
    r"(?:Council|Hall|Commission|Manager|Schools?)|Board\s+of\s+(?:Education|Aldermen|"
    r"Selectmen|Commissioners)|School\s+(?:Board|District|Committee)|Public\s+(?:Schools|"
    r"Library|Works)|Town\s+(?:Council|Board|Hall|Meeting)|Chamber\s+of\s+Commerce|"
    r"Municipal|Village\s+Board|firefighters|police(?:\s+officers?|men)?|Policem[ae]n|"
    r"[Mm]ayor|aldermen|city\s+council|residents|inhabitants|civil\s+society|notables)\b")
_LOCATIVE = re.compile(r"\b(?:in|at|near|from|into|outside|across|throughout|between|towards?|"
                       r"approaching|entering|reaching|"
                       r"axis|between\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\s+and|"
                       # "in the Douentza area", "the Fulani hamlet Samani"
                       r"(?:in|at|near)\s+the|(?:the|a)\s+(?:(?-i:[A-Z])[\w'’-]*\s+)?(?:village|hamlet)|"
                       r"(?:control|capture|"
                       r"seizure|fall|outskirts|centre|center|streets|residents|inhabitants|mayor|"
                       r"village\s+chiefs?|"
                       r"town|city|village|villages|hamlet|region|province|district|area|"
                       r"vicinity|surroundings|environs|locality|commune|cercle|forest|market)"
                       r"\s+of)\s+$", re.IGNORECASE)  # "Residents of X said", "In X, ..."
# "between Tegourou and Diombolo": the two ends of a stretch, which a tagger may read as
# one person's name
_BETWEEN_END = re.compile(r"\bbetween\s+(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\s+(?:and|&)\s+)?$",
                          re.IGNORECASE)
# "the Bamba checkpoint", "the Aguelhok area": a name modifying a noun of place
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:area|village|hamlet|town|checkpoint|camp|market|post|"
                               r"bridge|forest|axis|road|commune|cercle|district|locality|"
                               r"neighbou?rhood|outskirts)\b")
_CITY_OF = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Mm]ayor)\s+of\s+$")
# what an attack was made on, a settlement's own noun after its name: "the raid on Fafa",
# "an assault against Tin Hama", "gunmen raided Arkodia village". Weaker than a preposition
# of place (a person can be attacked too): it backs a small town up, it does not override
# what spaCy says of a foreign name ("the attack on Obama")
_TARGET = re.compile(r"\b(?:attacks?|raids?|assaults?|incursions?|offensives?|air\s?strikes?)"
                     r"(?:\s+by\s+[^.;,()]{1,50}?)?\s+(?:on|against|into)\s+$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(r"\s+(?:village|hamlet|locality)\b")
_STATE_NAMED_COUNTRIES = {"US", "CA", "AU"}  # where a bare state name usually means the state

# US states' demonyms: weak evidence for the state ("a Texan", "Floridians")
_STATE_DEMONYMS = {
    "Alabamian": "AL", "Alaskan": "AK", "Arizonan": "AZ", "Arkansan": "AR",
    "Californian": "CA", "Coloradan": "CO", "Floridian": "FL", "Hawaiian": "HI",
    "Idahoan": "ID", "Illinoisan": "IL", "Hoosier": "IN", "Iowan": "IA", "Kansan": "KS",
    "Kentuckian": "KY", "Louisianan": "LA", "Marylander": "MD", "Michigander": "MI",
    "Minnesotan": "MN", "Mississippian": "MS", "Missourian": "MO", "Montanan": "MT",
    "Nebraskan": "NE", "Nevadan": "NV", "Ohioan": "OH", "Oklahoman": "OK",
    "Oregonian": "OR", "Pennsylvanian": "PA", "Tennessean": "TN", "Texan": "TX",
    "Utahn": "UT", "Vermonter": "VT", "Virginian": "VA", "Wisconsinite": "WI",
}
_STATE_DEM_RE = re.compile(r"\b(" + "|".join(_STATE_DEMONYMS) + r")s?\b")


# Demonyms of regions that are no country ("Abkhaz separatists", "South Ossetian
# militia"): the region, as a demonym mention. Ethnic names shared by several
# regions or countries ("Kurdish", "Tamil") are left out on purpose.
_REGION_DEMONYMS = {
    "Abkhaz": "Abkhazia", "Abkhazian": "Abkhazia", "South Ossetian": "South Ossetia",
    "Ossetian": "South Ossetia", "Dagestani": "Dagestan", "Chechen": "Chechnya",
    "Ingush": "Ingushetia", "Crimean": "Crimea", "Darfuri": "Darfur", "Kashmiri": "Kashmir",
    "Tigrayan": "Tigray", "Baloch": "Balochistan", "Baluch": "Balochistan",
    "Sinhalese": "Sri Lanka", "Sinhala": "Sri Lanka", "Kosovar": "Kosovo",
    "Welsh": "Wales", "Scottish": "Scotland", "Northern Irish": "Northern Ireland",
}
_REGION_DEM_RE = re.compile(r"\b(" + "|".join(sorted(_REGION_DEMONYMS, key=len, reverse=True))
                            + r")s?\b")


def _region_demonyms(text: str, gaz: Gazetteer) -> list[tuple[int, int, Place]]:
    """(start, end, place) of region demonyms, the place being the region's own entry.

    Example::

        >>> [(s, e, p.name) for s, e, p in _region_demonyms("Abkhaz troops", gaz)]
        [(0, 6, 'Abkhazia')]
    """
    hits = list(_REGION_DEM_RE.finditer(text))
    if not hits:
        return []
    keys = {m.group(1): variant_key(_REGION_DEMONYMS[m.group(1)]) for m in hits}
    found = gaz.lookup(keys.values())
    out = []
    for m in hits:
        name = _REGION_DEMONYMS[m.group(1)]
        cands = [p for p in found.get(keys[m.group(1)], [])
                 if name_key(p.name) == name_key(name) and p.feature in ("country", "admin1", "region")]
        if cands:
            out.append((m.start(), m.end(), max(cands, key=lambda p: p.population)))
    return out


def _is_capital(p: Place, gaz: Gazetteer) -> bool:
    """A national capital ("Washington" the city, not the state)."""
    if p.feature_code == "PPLC":
        return True
    c = gaz.countries.get(p.country_code)
    return p.feature_class == "P" and c is not None and name_key(c.capital) == name_key(p.name)


def _prior(p: Place, sp: _Span, gaz: Gazetteer | None = None) -> float:
    """How likely this entry is meant, before looking at the rest of the article.

    Importance grows with the log of the population, so a city of a million
    beats a town of ten thousand by about two points: enough to decide when the
    article says nothing, little enough for context to overturn.
    """
    s = 0.0
    own = name_key(p.name) == name_key(sp.text)
    words = sp.text.split()
    admin_suffix = len(words) > 1 and words[-1].lower() in _ADMIN_WORDS
    if p.feature == "country":
        s += 9.0
    elif p.feature == "region":
        s += 11.0
    elif p.feature == "admin1":
        s += 2.0 + 0.8 * math.log10(p.population + 1) + (3.0 if sp.admin_hint else 0.0)
        # "Kidal" alone is the town; the region is "Kidal Region" / "the Kidal region"
        if not sp.admin_hint and not own and not sp.qualifies:
            s -= 5.0  # (but the "Mopti" of "Douna, Mopti" qualifies a village: the region)
    elif p.feature == "admin2":
        s += 5.0 if sp.admin_hint or admin_suffix else 0.0
        # "Tessalit" alone is the town; "Cercle de Tessalit" only lists it as another name
        s += 2.0 if own or sp.admin_hint or admin_suffix else 0.0
    elif p.feature_class == "P":
        # a town reached through another spelling ("Boni", one of Bonn's names in other
        # languages) owes less to its size: the size says it is famous, not that it is meant
        s += (0.9 if own else _ALT_SIZE) * math.log10(p.population + 1)
        s += {"PPLC": 3.0, "PPLA": 1.5, "PPLA2": 0.5}.get(p.feature_code, 0.0)
        if gaz is not None and p.feature_code != "PPLC" and _is_capital(p, gaz):
            s += 3.0
        if sp.admin_hint or admin_suffix:
            s -= 3.0  # "Henry County" is the county, not the town of Henry
    elif p.feature_class in ("A",):
        s += 1.0
    elif p.feature_class in ("H", "T", "L"):
        s -= 1.5
    else:
        s -= 3.0
    s += 0.5 * math.log(1 + p.names)
    if own:
        s += _OWN  # the place's own name, not one of its alternate names
    elif name_key(sp.text) in p.matched.split("|"):
        s += _ALT
    else:
        s += _VARIANT  # only the spelling-variant key matched ("Toye" for Toi)
    if p.source == "user":
        s += 4.0
    elif p.source == "dump":
        s += _DUMP
    return s


_BORDER_AFTER = re.compile(r"(?:['’]s)?\s+(?:border|borders|frontier)\b", re.IGNORECASE)
# "a peacekeeper from Guinea", "a convoy travelling from Algeria": where people came from
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"\b(?:border|frontier)\s+(?:with|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _focus(spans: list[_Span], text: str, gaz: Gazetteer,
           actor_votes: Counter[str] | None = None) -> Counter[str]:
    """Country weights of the article: named countries, demonyms, unambiguous places, and
    the countries of the armed groups it names (:func:`actor_countries`)."""
    votes: Counter[str] = Counter(actor_votes or {})
    for sp in spans:
        if sp.in_longer == "PERSON":
            continue  # "Chad Walker" says nothing about Chad
        if " " not in sp.text and not _confirmed(sp) and not any(
                name_key(p.name) == name_key(sp.text) for p in sp.candidates):
            continue  # "Castle" read as Castile by another spelling: too weak to vote
        # ordered as the candidates are (dicts, not sets): a set's order changes with
        # PYTHONHASHSEED, and so would float sums and the order of tied votes
        ccs = dict.fromkeys(p.country_code for p in sp.candidates)
        admin1s = dict.fromkeys(p.country_code for p in sp.candidates if p.feature == "admin1")
        if any(p.feature == "country" for p in sp.candidates) and not sp.common:
            cc = next(p.country_code for p in sp.candidates if p.feature == "country")
            # "Georgia" is a country and a US state: a weak vote for each; "near the Niger
            # border", "the border with Algeria": the neighbour, seen from the country
            # the article is about
            votes[cc] += 1 if any(a != cc for a in admin1s) or _BORDER_AFTER.match(text, sp.end) \
                or _BORDER_BEFORE.search(text, max(0, sp.start - 30), sp.start) \
                or _FROM_BEFORE.search(text, max(0, sp.start - 30), sp.start) else 3
            for a in admin1s:
                if a != cc:
                    votes[a] += 1
        elif sp.qualifier:
            votes[sp.qualifier[0]] += 2
        elif any(p.feature == "admin1" for p in sp.candidates) and len(ccs) == 1:
            votes[next(iter(ccs))] += 2
        elif (sp.admin_hint or _admin_suffix(sp)) and len(
                divisions := {p.country_code for p in sp.candidates
                              if p.feature in ("admin1", "admin2")}) == 1:
            # "the Gao region", "Borno State": villages elsewhere share the name, the
            # division is of one country
            votes[next(iter(divisions))] += 2
        elif ccs:
            for cc in ccs:
                votes[cc] += 1.0 / len(ccs)  # type: ignore[assignment]  # float weights
    dem = _demonyms()
    for m in _TOKEN.finditer(text):
        dcc = dem.get(m.group())
        if dcc:
            votes[dcc] += 1
    if "US" in gaz.countries:
        votes["US"] += 0.5 * len(_STATE_DEM_RE.findall(text))  # type: ignore[assignment]
    return votes


# What one named armed group weighs in the article's country vote: as much as a
# country named once (3), so that a group and a lone village settle the village,
# while a country the text names outright still outweighs a group from elsewhere.
_ACTOR_VOTE = 2.0
# Non-state armed groups and communal militias fight where they come from, and a mission
# named for a country (MINUSMA, AMISOM; external forces with a country) serves there;
# state forces do not tell where ("French forces" in Mali), nor do protesters or civilians.
_LOCAL_ACTORS = {2, 3, 4, 8}


def actor_countries(text: str, actors: ActorLexicon, gaz: Gazetteer) -> Counter[str]:
    """Country votes (ISO2 -> weight) of the non-state armed groups named in ``text``.

    Each group counts once however often it is named. Example::

        >>> from eventline.actors import load_actor_dictionary
        >>> actor_countries("JNIM militants ambushed a convoy.", load_actor_dictionary(), gaz)
        Counter({'ML': 2.0})
    """
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    for _s, _e, entry in actors.iter_named(text):
        if entry.name in seen or not entry.country or entry.inter not in _LOCAL_ACTORS:
            continue
        seen.add(entry.name)
        c = gaz.country(entry.country)
        if c is not None:
            votes[c.code] += _ACTOR_VOTE  # type: ignore[assignment]  # float weights
    return votes


@lru_cache(maxsize=1)
def _actor_areas() -> dict[str, tuple[tuple[str, str], ...]]:
    """Named group -> (country code, first-level region name) it operates in
    (``data/actor_areas.csv``)."""
    out: dict[str, list[tuple[str, str]]] = {}
    with open(_data_file("actor_areas.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["name"], []).append((r["country_code"], name_key(r["admin1"])))
    return {k: tuple(v) for k, v in out.items()}


def actor_regions(text: str, actors: ActorLexicon, gaz: Gazetteer) -> set[tuple[str, str]]:
    """(country code, admin1 code) of the regions the armed groups named in ``text`` fight in.

    Example::

        >>> from eventline.actors import load_actor_dictionary
        >>> sorted(actor_regions("Dan Na Ambassagou militiamen attacked.", load_actor_dictionary(), gaz))
        [('ML', '04')]
    """
    areas = _actor_areas()
    wanted = {area for _s, _e, entry in actors.iter_named(text) for area in areas.get(entry.name, ())}
    if not wanted:
        return set()
    return {(cc, code) for (cc, code), p in gaz.admin1.items()
            if (cc, name_key(admin_name(p.name))) in wanted}


# two towns of one country, however far apart, fit a little: an article naming four
# Malian towns is about Mali, so its fifth name ("Léré") is the Malian one too
_SAME_COUNTRY = 0.2


def _closeness(cands: list[Place]) -> "Any":
    """Matrix of how well two candidate readings fit one article (0..1).

    Points (towns, counties) by distance, and any two places in the same
    first-level region at least 0.5; a region or country fits the places
    inside it. Readings of far-apart places score 0.
    """
    import numpy as np

    lat = np.radians(np.array([p.latitude for p in cands]))
    lon = np.radians(np.array([p.longitude for p in cands]))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    d = 12742.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    close = np.select([d < 40, d < 100, d < 250, d < 600], [1.0, 0.75, 0.45, 0.15], 0.0)
    kind = np.array([0 if p.feature in ("city", "admin2") or p.feature_class != "A"
                     else 1 if p.feature == "admin1" else 2 for p in cands])
    cc = [p.country_code for p in cands]
    a1 = [f"{p.country_code}.{p.admin1_code}" if p.admin1_code else "" for p in cands]
    cc_id = {c: i for i, c in enumerate(dict.fromkeys(cc))}
    a1_id = {c: i for i, c in enumerate(dict.fromkeys(a1))}
    cci = np.array([cc_id[c] for c in cc])
    a1i = np.array([a1_id[c] if c else -1 - i for i, c in enumerate(a1)])
    same_cc = (cci[:, None] == cci[None, :]) & (np.array([bool(c) for c in cc])[:, None])
    same_a1 = a1i[:, None] == a1i[None, :]
    point = kind == 0
    both_points = point[:, None] & point[None, :]
    out = np.where(both_points,
                   np.maximum(np.maximum(close, 0.5 * same_a1), _SAME_COUNTRY * same_cc), 0.0)
    # a first-level region and a place inside it
    reg_pt = ((kind == 1)[:, None] & point[None, :]) | (point[:, None] & (kind == 1)[None, :])
    out = np.where(reg_pt, 0.7 * same_a1, out)
    # countries, and two regions of one country: a weak fit
    other = ~both_points & ~reg_pt
    out = np.where(other, 0.3 * same_cc, out)
    # two countries fit each other: lists of countries ("Italy, Russia and China")
    countries = kind == 2
    out = np.where(countries[:, None] & countries[None, :], np.maximum(out, 0.5), out)
    return out


_TOPK = 8
# A tie-breaker only: less than an own name beats an alternate one by (_OWN - _ALT), more than
# a spelling's extra alternate names add, and above the run's same-country gap (_RUN_SAME_GAP)
_SEAT = 1.0
_SEAT_KM = 60.0


def _seat_of_district(p: Place, sp: _Span, key: str) -> bool:
    """``p`` is a town of the name as written lying near the point of a district (second- or
    third-level division) of the same name among the span's readings: the district's seat."""
    if name_key(p.name) != key and name_key(admin_name(p.name)) != key:
        return False
    return any(q.feature in ("admin2", "admin3") and q.country_code == p.country_code
               and _district_name(q, key)
               and _km(p.latitude, p.longitude, q.latitude, q.longitude) <= _SEAT_KM
               for q in sp.candidates)


def _resolve(spans: list[_Span], text: str, gaz: Gazetteer,
             home: OutletHome | None = None, actor_votes: Counter[str] | None = None,
             actor_areas: Iterable[tuple[str, str]] = (), context: RunContext | None = None
             ) -> Counter[str]:
    """Pick each span's reading: prior, focus countries, qualifiers, then coherence.
    Returns the article's country votes (:func:`_focus`), which it does not change.

    Coherence is the two-pass part: every distinct name keeps its best few
    readings; a reading gains support from each *other* name that has a
    reading near it (same region, tens of km). A name with readings
    everywhere supports every candidate equally, so it cannot tip the choice.
    """
    votes = _focus(spans, text, gaz, actor_votes)
    top = max(votes.values(), default=0)
    regions: dict[tuple[str, str], set[int]] = {}
    for sp in spans:
        for p in sp.candidates:
            if p.feature in ("admin1", "admin2") and len(sp.candidates) <= 3 \
                    and not sp.common:
                regions.setdefault((p.country_code, p.admin1_code), set()).add(id(sp))
        if sp.qualifier:
            regions.setdefault(sp.qualifier[:2], set()).add(id(sp))
        # a first-level region named in full, even inside an organisation's name
        # ("the Georgia Bureau of Investigation"): weak evidence for its towns
        if not sp.common and len(sp.text) > 3:
            for p in sp.candidates:
                if p.feature == "admin1" and name_key(p.name) == name_key(sp.text):
                    regions.setdefault((p.country_code, p.admin1_code), set()).add(id(sp))
    for m in _STATE_DEM_RE.finditer(text):
        regions.setdefault(("US", _STATE_DEMONYMS[m.group(1)]), set()).add(-m.start() - 1)
    # the regions the named armed groups fight in, as weak as a region named once
    for area in actor_areas:
        regions.setdefault(area, set()).add(-len(text) - 1)
    # the article's own country, for towns named by their institutions ("Paris police")
    ranked = votes.most_common(2)
    # (a tie names no country: "the village of Douna" with a Douna in each of four countries)
    home_cc = ranked[0][0] if top and (len(ranked) < 2 or ranked[1][1] < top) else None
    for sp in spans:
        # A US or Canadian state named in full hides its same-named city ("New York",
        # "Quebec"), national capitals aside ("Washington"). Elsewhere a region and
        # its capital town share a name (Gao, Kano, Aleppo, Kandahar) and news,
        # conflict reporting above all, means the town: the town wins there.
        states = {(p.country_code, p.admin1_code) for p in sp.candidates
                  if p.feature == "admin1" and name_key(p.name) == name_key(sp.text)
                  and p.country_code in _STATE_NAMED_COUNTRIES}
        seats = {(p.country_code, p.admin1_code) for p in sp.candidates
                 if p.feature_class == "P" and name_key(p.name) == name_key(sp.text)
                 and p.country_code not in _STATE_NAMED_COUNTRIES}
        # a town of this name (own or alternate name) outranks a well, dune or wadi of it:
        # "Tessalit" is the town, not the dune that also carries the name
        key = name_key(sp.text)
        towns = {p.country_code for p in sp.candidates if p.feature_class == "P" and (
            name_key(p.name) == key or key in p.matched.split("|"))}
        scores = {}
        for p in sp.candidates:
            s = _prior(p, sp, gaz)
            if p.feature_class in ("H", "T", "S", "L", "V", "U") and p.country_code in towns \
                    and not _admin_suffix(sp):
                s -= 4.0
            base = s
            if top:
                s += _VOTE * votes.get(p.country_code, 0) / top
            if regions.get((p.country_code, p.admin1_code), set()) - {id(sp)} \
                    and p.feature not in ("admin1", "country"):
                s += 1.5
            structural = 0.0  # what follows from the name's own readings, not the article
            if p.feature_class == "P" and (p.country_code, p.admin1_code) in states \
                    and not _is_capital(p, gaz):
                structural -= 4.0
            if p.feature == "admin1" and (p.country_code, p.admin1_code) in seats:
                structural -= 4.0  # "Gao": the town, not the Gao region around it
            if p.feature_class == "P" and not (sp.qualifies or sp.admin_hint or _admin_suffix(sp)) \
                    and _seat_of_district(p, sp, key):
                # "Kenieba" among several villages of that name: the seat of the Kenieba
                # district is the one news means when nothing else tells them apart
                structural += _SEAT
            s += structural
            base += structural
            if sp.qualifier:
                qcc, qa1 = sp.qualifier
                if qa1 and (p.country_code, p.admin1_code) == (qcc, qa1):
                    s += 8.0
                elif p.country_code == qcc:
                    s += 1.0 if qa1 else 8.0
            if sp.qualifies and p.feature in ("admin1", "country"):
                s += 4.0  # the "Ohio" of "Columbus, Ohio" is the state
                if name_key(p.name) != key:
                    # the "Mopti" of "Douna, Mopti" is the Mopti Region, not its namesake town
                    s += 4.0
            if sp.anchors:
                near_km = min(_km(p.latitude, p.longitude, a, b) for a, b in sp.anchors)
                # a Sahel district spans 100-200 km: any reading that far from its seat is
                # inside it, and its own name outweighs an alternate name's closeness; among
                # the district's namesakes, the nearer its seat the likelier
                s += 4.0 if near_km <= 60 else 3.0 if near_km <= 150 else 0.0
                # (from the district's town: a district's own point is often its middle)
                seat_km = min((_km(p.latitude, p.longitude, a, b) for a, b in sp.seats),
                              default=near_km)
                s += 0.8 * max(0.0, 1.0 - seat_km / 150)
            if sp.commune:
                near_km = min(_km(p.latitude, p.longitude, a, b) for a, b in sp.commune)
                s += 3.0 if near_km <= 25 else 1.5 if near_km <= 50 else 0.0
            if sp.local and p.feature_class == "P" and (p.country_code == home_cc or (
                    home is not None and home.country_share(p.country_code) >= 0.5)):
                s += _LOCAL_BONUS
            # only the name as written: a variant spelling ("Iraan" for "Iran") gains nothing
            if home is not None and p.feature != "country" and (
                    name_key(p.name) == name_key(sp.text) or name_key(sp.text) in p.matched.split("|")):
                s += _HOME * home.region_share(p.country_code, gaz.admin1_name(p))
                s += _HOME_CC * home.country_share(p.country_code)
            scores[p.geonameid] = s
            sp.context[p.geonameid] = s - base
        sp.scores = scores
    # coherence
    # one group per name (and candidate set: "Va." carries only the state)
    groups: dict[tuple[str, int, int], list[_Span]] = {}
    for sp in spans:
        if sp.candidates:
            groups.setdefault(_group(sp), []).append(sp)
    keys = list(groups)
    cands: list[Place] = []
    owner: list[int] = []
    for ki, k in enumerate(keys):
        sp0 = groups[k][0]
        best = sorted(sp0.candidates, key=lambda p: -max(s.scores[p.geonameid]
                                                         for s in groups[k]))[:_TOPK]
        cands += best
        owner += [ki] * len(best)
    if len(keys) > _COHERENCE_NAMES:
        # A very long, place-dense text: the all-pairs matrix grows with the square of
        # its names (880 KB of town lists would need gigabytes); each name is weighed
        # against the names mentioned near it instead, which keeps the work linear.
        _windowed_support(spans, groups, keys, cands, owner)
    elif len(keys) > 1 and cands:
        import numpy as np

        fit = _closeness(cands)
        own = np.array(owner)
        # only names the text confirms as places vote: not "Far" or "Sales"
        informative = np.array([any(_confirmed(s) for s in groups[k]) for k in keys])
        support = np.zeros(len(cands))
        for ki in range(len(keys)):
            if not informative[ki]:
                continue
            cols = own == ki
            col_max = fit[:, cols].max(axis=1)
            col_max[cols] = 0.0  # a name does not support itself
            support += col_max
        _apply_support(spans, keys, cands, owner, support)
    # one sense per article: spellings of one name ("Konna", "Kona") share their reading,
    # unless a qualifier singles one out ("Paris, Texas" after "Paris")
    for members in groups.values():
        total: Counter[int] = Counter()
        for sp in members:
            if sp.qualifier is None:
                total.update(sp.scores)
        for sp in members:
            if sp.qualifier is None and total:
                sp.choice = max(sp.candidates, key=lambda p: total[p.geonameid])
            else:
                sp.choice = max(sp.candidates, key=lambda p: sp.scores[p.geonameid])
            sp.basis = _basis(sp)
        if context is not None and context.points:
            _run_choice(members, context, gaz)
    return votes


# Two readings of one name this far apart are namesakes, not one place twice listed
# (a village and its commune, a town and the district seat beside it)
_NAMESAKE_KM = 50.0
# What the article's context must add to the chosen reading beyond its best namesake
# for the article to have decided: a country named once (3 points of _VOTE) does.
_DECIDES = 1.0


def _namesakes(sp: _Span, p: Place) -> list[Place]:
    """Readings of ``sp`` that are other places of the same name and kind as ``p``, far
    from it: a village of that name in each of two countries, not the village's wadi or its
    commune."""
    def kind(q: Place) -> str:
        # a town, a district or commune named for it: all "a place of that name"
        return q.feature if q.feature in ("country", "admin1", "region") else \
            "point" if q.feature_class in ("P", "A") else q.feature
    def same_kind(q: Place) -> bool:
        # a region and a town of one name in two countries are two places of that name
        # ("Nara" the Japanese prefecture, "Nara" a Malian town); in one country the
        # region is the town's own (Gao, Kano)
        return kind(q) == kind(p) or q.country_code != p.country_code \
            and {kind(q), kind(p)} <= {"point", "admin1"}
    return [q for q in sp.candidates if q is not p and same_kind(q)
            and sp.scores.get(q.geonameid, -100.0) > -50.0  # among the name's top readings
            and _km(p.latitude, p.longitude, q.latitude, q.longitude) > _NAMESAKE_KM]


def _basis(sp: _Span) -> str:
    """Why ``sp.choice`` was picked: "unique" (no namesake), "article" (the article's
    context favours it over every namesake), or "default" (its prior did)."""
    p = sp.choice
    if p is None:
        return ""
    rivals = _namesakes(sp, p)
    if not rivals:
        return "unique"
    own = sp.context.get(p.geonameid, 0.0)
    best = max(sp.context.get(q.geonameid, 0.0) for q in rivals)
    return "article" if own - best >= _DECIDES else "default"


# The run's context re-reads a default choice only among namesakes whose score is this
# close to the default's (a famous city's prior is not overturned for a hamlet
# of its name by a batch about a neighbouring country), ...
_RUN_GAP = 8.0
# In the default's own country the batch's density says where the conflict is hottest,
# not which of two villages is meant: there it only breaks ties of the prior, and a
# district seat, a town with a recorded population or a better-known name stays.
_RUN_SAME_GAP = 0.4
# ... and picks another only where the batch's confident points are clearly denser:
# at least this many (kernel-weighted) and this many times the default's.
_RUN_MIN = 3.0
_RUN_RATIO = 3.0


def _run_choice(members: list[_Span], context: RunContext, gaz: Gazetteer) -> None:
    """Re-read a name chosen by default among namesakes with the run's context
    (:mod:`eventline.places.context`): the namesake where the batch's confidently placed
    places lie, if it is clearly there. The name's spans keep one reading."""
    sp = members[0]
    p = sp.choice
    if p is None or any(m.basis != "default" or m.choice is not p for m in members):
        return
    if _is_capital(p, gaz):
        return  # "Niamey" in a Malian batch is still Niger's capital
    if p.feature_class not in ("P", "A") or p.feature in ("country", "region"):
        return  # wells, wadis and hills of one name are too many to tell apart by density
    mine = min(m.scores[p.geonameid] for m in members)

    def close(q: Place) -> bool:
        gap = _RUN_GAP if q.country_code != p.country_code else _RUN_SAME_GAP
        return min(m.scores[q.geonameid] for m in members) >= mine - gap
    cands = [p] + [q for q in _namesakes(sp, p) if close(q)]
    dens = [context.density(q.latitude, q.longitude, q.country_code) for q in cands]
    # among the namesakes where the run clearly is, the best by the article's own scoring
    # (the name as written before another spelling of it)
    floor_d = max(_RUN_MIN, _RUN_RATIO * dens[0], max(dens) / _RUN_RATIO)
    dense = [k for k in range(1, len(cands)) if dens[k] >= floor_d]
    if dense:
        def score(k: int) -> float:
            return sum(m.scores[cands[k].geonameid] for m in members)
        i = max(dense, key=lambda k: (score(k), dens[k], -k))
        cc = cands[i].country_code
        if cc != p.country_code:
            # the run says which country; inside it the density says where the conflict is
            # hottest, not which village is meant (a district seat before a hamlet of a
            # busier district): there it only breaks the prior's ties, as above
            j = max((k for k in range(1, len(cands))
                     if cands[k].country_code == cc and dens[k] >= _RUN_MIN),
                    key=lambda k: (score(k), dens[k], -k))
            if score(j) > score(i) + _RUN_SAME_GAP * len(members):
                i = j
        for m in members:
            m.choice, m.basis = cands[i], "run"


# Names (in order of first mention) one coherence matrix covers at most; past it,
# blocks of _COHERENCE_BLOCK names are weighed against _COHERENCE_BLOCK names either side.
_COHERENCE_NAMES = 400
_COHERENCE_BLOCK = 100


def _windowed_support(spans: list[_Span], groups: dict[tuple[str, int, int], list[_Span]],
                      keys: list[tuple[str, int, int]], cands: list[Place],
                      owner: list[int]) -> None:
    """Coherence as in :func:`_resolve`, each name supported by its neighbours in the text."""
    import numpy as np

    own = np.array(owner)
    informative = np.array([any(_confirmed(s) for s in groups[k]) for k in keys])
    support = np.zeros(len(cands))
    n = len(keys)
    # candidates are listed name by name, so each name's readings are one contiguous run
    first = np.searchsorted(own, np.arange(n + 1))
    for r0 in range(0, n, _COHERENCE_BLOCK):
        r1 = min(n, r0 + _COHERENCE_BLOCK)
        c0, c1 = max(0, r0 - _COHERENCE_BLOCK), min(n, r1 + _COHERENCE_BLOCK)
        lo, hi = int(first[c0]), int(first[c1])
        fit = _closeness(cands[lo:hi])
        rows = slice(int(first[r0]) - lo, int(first[r1]) - lo)
        starts = first[c0:c1] - lo
        best = np.maximum.reduceat(fit[rows], starts, axis=1)  # (block readings, window names)
        row_owner = own[int(first[r0]):int(first[r1])] - c0
        best[np.arange(len(row_owner)), row_owner] = 0.0  # a name does not support itself
        best *= informative[c0:c1][None, :]
        support[int(first[r0]):int(first[r1])] = best.sum(axis=1)
    _apply_support(spans, keys, cands, owner, support)


def _apply_support(spans: list[_Span], keys: list[tuple[str, int, int]], cands: list[Place],
                   owner: list[int], support: Any) -> None:
    """Add each reading's coherence support to its span's scores (readings outside every
    name's top few lose)."""
    sup = {(keys[o], c.geonameid): s for o, c, s in zip(owner, cands, support)}
    for sp in spans:
        for p in sp.candidates:
            got = sup.get((_group(sp), p.geonameid))
            if got is not None:
                sp.scores[p.geonameid] += _SUPPORT * math.log2(1.0 + float(got))
                sp.context[p.geonameid] = sp.context.get(p.geonameid, 0.0) + \
                    _SUPPORT * math.log2(1.0 + float(got))
                sp.support[p.geonameid] = float(got)
            else:
                sp.scores[p.geonameid] -= 100.0  # outside the top readings


def _confirmed(sp: _Span) -> bool:
    """True when the text itself says this is a place (NER, qualifier, "County", ...)."""
    if sp.common:
        return False
    return (sp.ner in ("GPE", "LOC", "FAC") or sp.qualifier is not None or sp.qualifies
            or sp.admin_hint or _admin_suffix(sp) or sp.near or sp.region_word is not None
            or sp.locative or len(sp.candidates) == 1 and sp.candidates[0].feature in ("admin1", "country"))


def _admin_suffix(sp: _Span) -> bool:
    """"Henderson County", "Borno State": the name says itself that it is a place."""
    words = sp.text.split()
    return len(words) > 1 and words[-1].lower() in _ADMIN_WORDS


def _group(sp: _Span) -> tuple[str, int, int]:
    return (sp.key, sp.candidates[0].geonameid, len(sp.candidates))


# weights, set on LGL dev with round values (support per log2 unit of fitting names,
# focus-country vote at full strength, own-name and alternate-name bonus)
_SUPPORT = 4.0
_VOTE = 3.0
_OWN = 3.5
_ALT = 1.0
# A reading no recorded name of which is spelled as written: a variant that bridges news
# and GeoNames spellings, weaker evidence than a spelling the gazetteer knows.
_VARIANT = -1.5
_ALT_SIZE = 0.6
_LOCAL_BONUS = 4.0
# A country dump is imported for the countries a user reports on (village depth costs
# disk and time): its villages, with no population recorded, gain what a town of a
# few thousand people gets from its size, so a lone name leans to the imported country.
_DUMP = 3.0
# The outlet's home (its local lexicon), times the share of its articles naming
# the region: a Louisiana paper's "Alexandria" is Alexandria, Louisiana unless
# the article itself says otherwise (a qualifier, nearby places outweigh it).
_HOME = 12.0
_HOME_CC = 1.0


def _weak(sp: _Span, votes_ok: bool) -> bool:
    """True when a span is better dropped: a common word or a person, not a place."""
    p = sp.choice
    if p is None:
        return True
    # "Anderson County" says itself that it is a place, even inside "Anderson County Sheriff"
    strong = p.feature in ("country", "admin1", "region") or p.population >= 100_000 \
        or p.source == "user" \
        or p.feature == "admin2" and _admin_suffix(sp)
    if sp.in_longer == "PERSON" and not strong and not (sp.pair and sp.locative):
        return True  # not "axis Aguelhok-Tessalit", which spaCy may read as one person
    # (a tagger's "work of art" in a slot of place is a misreading: "between X and Y")
    if sp.in_longer in ("ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW") \
            and p.population < 1000 and not strong and not votes_ok and not _admin_suffix(sp) \
            and not (sp.locative and sp.in_longer in ("WORK_OF_ART", "EVENT", "PRODUCT", "LAW")):
        return True
    if _alternate_only(sp, p, votes_ok) or _lone_foreign(sp, p, votes_ok):
        return True
    if _acronym(sp, p):
        return True
    if strong and not sp.common:
        return False
    if sp.common and not (strong and sp.ner in ("GPE", "LOC")):
        return True
    # "in Kidal": spaCy may call a town a nationality; the preposition knows, and so does a
    # "nationality" that is no nationality word we know ("seized Kidal")
    # "Kidal inhabitants", "raided Arkodia village": a town's own people or noun says place
    # a town in a bracket after a name says where that name lies ("Tarkint (Bourem)"), by
    # its own name: not "Fulani (Peul)", a people's other name that a hamlet abroad spells
    bracket = sp.bracketed and name_key(p.name) == name_key(sp.text) and p.feature_class == "P"
    supported = votes_ok or sp.qualifier is not None or sp.near or sp.ner in ("GPE", "LOC") \
        or sp.locative or sp.target or sp.local or _norp_not_nationality(sp) or bracket
    if sp.ner in ("PERSON", "ORG", "NORP") and p.population < 20_000 and not supported:
        return True
    # "the Dogon village of Oundou", "a mine 20 km south of Tessalit": the slot says place
    if not sp.propn and sp.ner not in ("GPE", "LOC") and p.population < 20_000 \
            and not (sp.locative or sp.near or sp.target or sp.local):
        return True
    if p.population < 1000 and p.feature_class == "P" and not supported:
        return True
    return False


def _acronym(sp: _Span, p: Place) -> bool:
    """"IRA", "ANC", "MSF": an organisation's initials, not the town of Ira. Countries
    ("US", "DRC") and datelines in capitals ("GAO, Mali -") stay places."""
    t = sp.text
    if not (t.isupper() and t.isalpha() and 2 <= len(t) <= 4) or p.name.isupper():
        return False
    if p.feature in ("country", "admin1", "region") or sp.qualifier is not None or sp.qualifies:
        return False
    return not sp.dateline


def _alternate_only(sp: _Span, p: Place, votes_ok: bool) -> bool:
    """A lone word that matches a place only by another spelling, with nothing around
    it that says "place": "Air", "Toyota", "Leader", "Day" (-> Daye).

    Such hits are mostly common words or names; a wrong town sends an event to the
    wrong place, so they go unless spaCy, a qualifier, a preposition of place, a
    region word or a nearby confirmed place backs them up. Curated names
    (countries, regions, user places) are not affected.
    """
    if len(sp.text.split()) > 1 or sp.ner in ("GPE", "LOC", "FAC") or p.source in (
            "country", "region", "user") or p.feature in ("country", "region"):
        return False  # a country read through a dump's "Republic of Niger" is still Niger
    if name_key(p.name) == name_key(sp.text):
        return False
    if sp.qualifier is not None or sp.qualifies or sp.near or sp.admin_hint \
            or sp.region_word is not None or sp.locative or _abbrev(sp.text + "."):
        return False  # "another Neb. jail": a state's abbreviation
    # a village of the focus country from a national dump ("Kona" for Konna, Mali)
    if votes_ok and p.source == "dump":
        return False
    return sp.support.get(p.geonameid, 0.0) < 0.7


def _norp_not_nationality(sp: _Span) -> bool:
    """spaCy calls it a nationality, but it is no nationality word: "seized Kidal"."""
    return sp.ner == "NORP" and sp.text not in _demonyms() and not re.search(
        r"(?:an|ese|ish|ic|i|s)$", sp.text)


def _lone_foreign(sp: _Span, p: Place, votes_ok: bool) -> bool:
    """A lone word spaCy tags as an organisation or person, read as a town of a country the article
    is not about, with no place near it in the text: "Toyota", "Leader" (Cuba).

    Large cities (a million people and more) stay: "Tokyo" is a place even untagged.
    """
    if len(sp.text.split()) > 1 or votes_ok or _norp_not_nationality(sp):
        return False
    # spaCy must call it something else: an organisation, a person, a product
    if (sp.ner or sp.in_longer) not in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT",
                                        "NORP"):
        return False
    if p.feature_class != "P" or p.population >= 1_000_000 or p.source in ("user", "dump"):
        return False
    if sp.qualifier is not None or sp.near or sp.admin_hint or sp.region_word is not None \
            or sp.locative:
        return False
    return sp.support.get(p.geonameid, 0.0) < 0.7


# A batch this large says where its conflict is; a country with less than this share of
# its confident points is one the batch is not about
_RUN_COUNTRY_MIN_POINTS = 50
_RUN_COUNTRY_SHARE = 0.01
_RUN_FOREIGN_POP = 500_000


def _against_the_run(sp: _Span, spans: list[_Span], text: str, gaz: Gazetteer,
                     actor_votes: Counter[str] | None, context: RunContext | None) -> bool:
    """A lone name read as a town of a country neither the article nor its batch is about:
    "Bota" in a batch of Malian notes, a hamlet with no Malian reading, is not the Chinese
    city one of whose names it matches. Dropped (left unresolved) rather than sent abroad.

    Only where the batch is large enough to know its countries, the article names no
    place, group or people of that country, nothing qualifies the name, and the town is
    no great city known by that very name.
    """
    p = sp.choice
    if context is None or context.points < _RUN_COUNTRY_MIN_POINTS or p is None:
        return False
    if p.feature_class != "P" or p.source == "user" or sp.qualifier is not None or sp.qualifies:
        return False
    own = name_key(p.name) == name_key(sp.text)
    if own and (p.population >= _RUN_FOREIGN_POP or _is_capital(p, gaz)):
        return False
    if sp.support.get(p.geonameid, 0.0) >= 0.7 \
            or context.country_share(p.country_code) >= _RUN_COUNTRY_SHARE:
        return False
    # the article's own word for that country, the name itself aside
    others = _focus([s for s in spans if s.key != sp.key], text, gaz, actor_votes)
    return others.get(p.country_code, 0) == 0


def _spans(text: str, gaz: Gazetteer, doc: "Doc | None") -> list[_Span]:
    """Candidate spans with their gazetteer readings and textual context."""
    spans = _read_spans(text, gaz, keep=doc is None)
    if doc is not None:
        _annotate_doc(spans, text, doc)
    return spans


_READ: "weakref.WeakKeyDictionary[Any, tuple[tuple[Any, Any], dict[str, list[_Span]]]]" = \
    weakref.WeakKeyDictionary()
_READ_MAX_CHARS = 1 << 21


def _read_spans(text: str, gaz: Gazetteer, *, keep: bool) -> list[_Span]:
    """:func:`_text_spans`, fresh; a reading without spaCy is kept (``keep``) until the text
    is read again. The first pass reads every article without spaCy, the analysis then
    with it: the gazetteer's part of the reading is done once (texts of up to
    ``_READ_MAX_CHARS`` characters in all are kept, so memory stays bounded)."""
    kept = _memo(_READ, gaz)
    if kept is None:  # a gazetteer that takes no weak reference: read every time
        return _text_spans(text, gaz)
    spans = kept.pop(text, None)
    if spans is not None:
        return spans
    spans = _text_spans(text, gaz)
    if keep and len(text) + sum(map(len, kept)) <= _READ_MAX_CHARS:
        # a copy as read: resolving the spans returned sets their scores and choices
        kept[text] = [replace(sp, scores={}, support={}, context={}) for sp in spans]
    return spans


def _text_spans(text: str, gaz: Gazetteer) -> list[_Span]:
    """:func:`_spans` without spaCy: what the text and the gazetteer say."""
    spans = _candidate_spans(text, gaz)
    # "Kansas City, Kan.": the abbreviation, not a town called Kan
    abbr = _abbrev_spans(text, gaz, [])
    spans = [sp for sp in spans if not any(a.start < sp.end and sp.start < a.end
                                           and len(sp.text) <= len(a.text) for a in abbr)]
    spans += [a for a in abbr if not any(a.start < sp.end and sp.start < a.end for sp in spans)]
    spans.sort(key=lambda s: s.start)
    # "Sri Lankan" is a demonym, not the town "Sri" followed by a word; "Welsh Guardsmen"
    # are from Wales, not from Welsh, Louisiana
    dems = _demonym_matches(text)
    long_dems = [(s, e) for s, e, w, _ in dems if " " in w or "-" in w]
    spans = [sp for sp in spans if not any(s <= sp.start and sp.end <= e and (s, e) !=
                                           (sp.start, sp.end) for s, e in long_dems)]
    exact_dems = {(s, e) for s, e, _, _ in dems}
    spans = [sp for sp in spans if (sp.start, sp.end) not in exact_dems
             or any(p.feature in ("country", "region") for p in sp.candidates)]
    _bind_qualifiers(spans, text)
    _bind_brackets(spans, text)
    _bind_units(spans, text)
    _annotate(spans, text, None)  # spaCy's part, span by span, after the filters below
    # a name followed by "River" is the river, not the country or town ("the Niger River")
    spans = [sp for sp in spans if not re.match(r"\s+[Rr]iver\b", text[sp.end:sp.end + 8])]
    # "Rue Victor Hugo", "Avenue Habib Bourguiba": a street, not the towns Rue or Hugo
    streets = [(m.start(), m.end()) for m in _STREET_NAME.finditer(text)]
    if streets:
        spans = [sp for sp in spans if not any(a <= sp.start < b for a, b in streets)]
    return spans


_STREET_NAME = re.compile(
    r"\b(?:Rue|Avenue|Boulevard|Calle|Avenida|Rua|Via|Viale|Piazza|Chemin|Strasse|Straße)"
    r"(?:\s+(?:de|du|des|de\s+la|del|della|do|da|dos)\b)?(?:\s+[A-Z][\w'’-]*)+")


def find_places(text: str, *, gazetteer: Gazetteer, doc: "Doc | None" = None,
                home: OutletHome | None = None, actors: ActorLexicon | None = None,
                context: RunContext | None = None) -> list[PlaceMention]:
    """Toponyms in ``text``, resolved in the article's context; sorted by start.

    ``doc`` is a spaCy Doc of the same text; without one the gazetteer matcher
    works alone (nothing is parsed here). Places spaCy finds but the gazetteer
    lacks are returned with ``latitude`` None. ``actors`` (the actor dictionary)
    lets the armed groups the text names vote for the country they fight in,
    before any name is settled: "JNIM militants attacked Gossi" is the Malian
    Gossi, not a town of that spelling abroad. ``context`` (the run's, see
    :mod:`eventline.places.context`) re-reads names that nothing in the article
    decides among namesakes; each mention's ``basis`` says what decided it.

    Example::

        >>> text = "Fighting near Konna, north of Sévaré, in central Mali."
        >>> ms = find_places(text, gazetteer=gaz, doc=nlp(text))
        >>> [(m.text, m.geo_precision) for m in ms]
        [('Konna', 2), ('Sévaré', 2), ('central Mali', 3)]
    """
    gaz = gazetteer
    spans = _spans(text, gaz, doc)
    by_actors = actor_countries(text, actors, gaz) if actors is not None else None
    areas = actor_regions(text, actors, gaz) if actors is not None else set()
    return _places(spans, text, gaz, doc, home, by_actors, areas, context)


def _places(spans: list[_Span], text: str, gaz: Gazetteer, doc: "Doc | None",
            home: OutletHome | None, by_actors: Counter[str] | None,
            areas: set[tuple[str, str]], context: RunContext | None) -> list[PlaceMention]:
    """:func:`find_places` from the text's candidate spans (:func:`_spans`), which it resolves."""
    dems = _demonym_matches(text)
    votes = _resolve(spans, text, gaz, home, by_actors, areas, context)
    top = max(votes.values(), default=0)
    out: list[PlaceMention] = []
    for sp in spans:
        p = sp.choice
        votes_ok = p is not None and top > 0 and votes.get(p.country_code, 0) >= 0.5 * top and (
            votes.get(p.country_code, 0) >= 2) or (
            p is not None and home is not None and home.country_share(p.country_code) >= 0.5)
        if _weak(sp, votes_ok) or _outside_bracket(sp) \
                or _against_the_run(sp, spans, text, gaz, by_actors, context):
            continue
        out.append(_mention(sp, gaz))
    # demonyms ("Malian", "Sudanese") point at a country: feature "demonym", precision 3,
    # so the event stage can tell them from a place where something happened
    taken = _Taken((m.start, m.end) for m in out)
    for s, e, word, cc in dems:
        c = gaz.countries.get(cc)
        if c is None or taken.overlaps(s, e):
            continue
        out.append(PlaceMention(text=word, start=s, end=e, name=c.name,
                                country=c.name, country_code=c.code, latitude=c.latitude,
                                longitude=c.longitude, geonameid=c.geonameid, geo_precision=3,
                                feature="demonym", population=c.population))
        taken.append((s, e))
    for s, e, p in _region_demonyms(text, gaz):
        if taken.overlaps(s, e):
            continue
        c = gaz.countries.get(p.country_code)
        out.append(PlaceMention(text=text[s:e], start=s, end=e, name=c.name if
                                p.feature == "country" and c else p.name,
                                country=c.name if c else None,
                                country_code=p.country_code or None, admin1=gaz.admin1_name(p)
                                if p.feature == "admin1" else None, latitude=p.latitude,
                                longitude=p.longitude, geonameid=p.geonameid
                                if p.geonameid > 0 else None, geo_precision=3,
                                feature="demonym", population=p.population))
        taken.append((s, e))
    # entities spaCy calls places that the gazetteer does not know: unresolved mentions
    if doc is not None:
        taken = _Taken([(m.start, m.end) for m in out] + [(sp.start, sp.end) for sp in spans])
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            if taken.overlaps(ent.start_char, ent.end_char):
                continue
            if name_key(ent.text) in _STOP or not ent.text[:1].isupper():
                continue
            out.append(PlaceMention(text=ent.text, start=ent.start_char, end=ent.end_char))
    out = _respelled(out, spans, text, gaz, votes, areas, context)
    out.sort(key=lambda m: m.start)
    return out


# where a capitalised name is a place whatever the gazetteer says: "in Tarkint", "the village
# of Petaka", "near Asongo", "the mayor of Mondoro"
_PLACE_SLOT = re.compile(
    r"(?:\b(?:in|at|near|outside|around|between|(?:village|hamlet|town|locality|commune|area|vicinity|"
    r"outskirts|mayor|chief|residents|inhabitants)\s+of)|"
    # "18 km from X", "50km southeast of X": a reference town
    r"(?<=\d)\s?(?:km|kms|kilomet(?:re|er)s|miles)\s+(?:(?:north|south|east|west)[\w-]*\s+)?"
    r"(?:of|from))\s+(?:the\s+)?"
    # (and "NTillit", "N'Daki": a prefix consonant before the capital)
    r"([A-Z](?:['’]?[A-Z](?=[a-z]))?[a-z'’]+(?:-n-[A-Z]?[a-z'’]+|[- ][A-Z][a-z'’]+)?)(?![\w'’-])")
_UNIT_AFTER = re.compile(r"\s+(?:Commune|Cercle|Municipality|District|Department)$")
_OWN_BRACKET = re.compile(r"(?:\s+(?:Commune|Cercle|Municipality))?\s*\(")
# "X (District, Region)", "X, Region", "X Commune (District, Region)"
_OWN_QUALIFIER = re.compile(r"(?:\s+(?:Commune|Cercle|Municipality))?\s*(?:\(|,\s*[A-Z])")
_STRETCH_END = re.compile(r"(?:\bbetween\s|\band\s|[-–])$")
_STRETCH_START = re.compile(r"\s+and\s+[A-Z]|[-–][A-Z]")
_STRETCH_KM = 250.0
_RUN_NEAR = 0.5  # the run's confident points near a village read by the run's country (one within 70 km)
_RESPELL_MIN = 5  # letters of a variant key below which one edit reaches too many names


def _run_country(context: RunContext | None) -> str:
    """The country most of the run's confident places lie in (half of them or more), else ""."""
    if context is None or not context.points:
        return ""
    per: Counter[str] = Counter()
    for cc, _i, _j, n in context.cells:
        per[cc] += n
    cc, n = per.most_common(1)[0]
    return cc if n * 2 >= context.points else ""


def _respelled(out: list[PlaceMention], spans: list[_Span], text: str, gaz: Gazetteer,
               votes: Counter[str], areas: Iterable[tuple[str, str]] = (),
               context: RunContext | None = None) -> list[PlaceMention]:
    """Place names the gazetteer does not know as written, read as a name one letter away
    in the article's country ("Asongo" -> Ansongo, "Boulikessi" -> Boulkessi, "Ntillit" ->
    I-n-Tillit): spelled differently by every reporter, they are still the same village.

    Only a name spaCy calls a place or that stands where a place does ("in X", "the village
    of X"), only in the country the article is about, and only when the readings agree:
    one village, several within a few km of each other, or the one near the article's
    other places (or inside the region it names). Otherwise the name stays unresolved.
    """
    ranked = votes.most_common(2)
    cc, top = ranked[0] if ranked else ("", 0)
    by_run = False
    if top < 2 or len(ranked) > 1 and ranked[1][1] == top:
        # no country named: the one the article's settled places agree on, else (no place
        # settled at all) the country the run's places lie in
        chosen_cc = Counter(m.country_code for m in out if m.resolved and m.country_code)
        if len(chosen_cc) > 1 or not chosen_cc and not _run_country(context):
            return out
        by_run = not chosen_cc
        cc = next(iter(chosen_cc)) if chosen_cc else _run_country(context)
    taken = _Taken([(m.start, m.end) for m in out if m.resolved] + [(sp.start, sp.end) for sp in spans])
    names: dict[tuple[int, int], str] = {}
    # a village abroad spelled as written, beside a village at home one letter away
    # ("Boulikessi" in a note about Mali: Burkina Faso's Boulikéssi, or Mali's Boulkessi)
    # (nor a village inside a region the named armed groups fight in: Burkina Faso's
    # Ansaroul Islam in Mali's Mopti region)
    areas = set(areas)
    qualified = {(sp.start, sp.end) for sp in spans if sp.qualifier is not None or (
        sp.choice is not None and (sp.choice.country_code, sp.choice.admin1_code) in areas)}
    for m in out:
        if m.resolved and m.country_code and m.country_code != cc and m.feature == "city" \
                and (m.population or 0) < 1000 and (m.start, m.end) not in qualified \
                and votes.get(m.country_code, 0) * 2 <= top:
            names[(m.start, m.end)] = m.text
    kept_taken = _Taken([(m.start, m.end) for m in out if m.resolved and m.feature != "demonym"])
    quarters: set[tuple[int, int]] = set()
    for slot in _PLACE_SLOT.finditer(text):
        s, e = slot.start(1), slot.end(1)
        name = slot.group(1)
        unit = _UNIT_AFTER.search(name)
        if unit:  # "in Talataye Commune": the commune's name, not a two-word village
            name, e = name[:unit.start()], s + unit.start()
        if name_key(name) in _STOP:
            continue
        if not taken.overlaps(s, e):
            names.setdefault((s, e), name)
        elif (" " in name.strip() or "-" in name) and not kept_taken.overlaps(s, e):
            # "the village of Naye Dogon": a village and its quarter, whose words alone
            # were dropped; only its quarters' names may read it
            names.setdefault((s, e), name)
            quarters.add((s, e))
    if not names:
        return out
    # the readings the text keeps, and towns or divisions of any standing: a hamlet's name
    # dropped as a common word or a name ("Kel" of a tribe's name) says nothing of where
    # the village lies
    kept = {(m.start, m.end) for m in out if m.resolved}
    chosen = [sp.choice for sp in spans if sp.choice is not None and sp.choice.country_code == cc
              and ((sp.start, sp.end) in kept or sp.choice.population >= 1000
                   or sp.choice.feature in ("admin1", "admin2"))]
    anchors = [(p.latitude, p.longitude) for p in chosen if p.feature_class == "P"
               or p.feature == "admin2"]
    # a district's point is often its middle, tens of km from its town: the town too
    anchors += [(t.latitude, t.longitude) for p in chosen if p.feature == "admin2"
                and (t := gaz.seat(p)) is not None]
    regions = {p.admin1_code for p in chosen if p.feature in ("admin1", "admin2")}
    regions |= {sp.qualifier[1] for sp in spans if sp.qualifier and sp.qualifier[0] == cc
                and sp.qualifier[1]}
    found: list[PlaceMention] = []
    for (s, e), name in names.items():
        # "Ntillit (Gao, Gao)": its own bracket names the region; else it lies by its places
        own = bool(_OWN_QUALIFIER.match(text, e))
        mine = regions
        # "X (District, Region)", "X Commune (...)": its own bracket places it within a
        # region's breadth, and the names in it say which region
        bracket = _OWN_BRACKET.match(text, e) is not None
        close = text.find(")", e, e + 80) if bracket else -1
        if close > 0:
            # "Ntillit (N'Tillit, Gao)": the names in its own bracket say which region it is in
            mine = regions | {sp.choice.admin1_code for sp in spans if e < sp.start < close
                              and sp.choice is not None and sp.choice.country_code == cc}
        # "between X and Y", "the X-Y road": two ends of a road, a day's drive apart
        stretch = bool(_STRETCH_END.search(text, max(0, s - 12), s) or _STRETCH_START.match(text, e))
        reach = 150 if bracket or own and mine else _STRETCH_KM if stretch else 50
        p = None if (s, e) in quarters else _near_spelling(name, gaz, cc, anchors, mine, reach)
        if p is None:
            p = _quarter_spelling(name, gaz, cc, anchors, mine, reach)
        if p is None:
            continue
        if by_run and (context is None or context.density(p.latitude, p.longitude, cc) < _RUN_NEAR):
            continue  # by the run's country alone: only where the run's places lie
        c = gaz.countries.get(p.country_code)
        found.append(PlaceMention(
            text=name, start=s, end=e, name=p.name, country=c.name if c else None,
            country_code=p.country_code, admin1=gaz.admin1_name(p), admin2=gaz.admin2_name(p),
            latitude=p.latitude, longitude=p.longitude, geonameid=p.geonameid,
            geo_precision=1, feature="city", population=p.population))
    if not found:
        return out
    replaced = _Taken((m.start, m.end) for m in found)
    return [m for m in out if not replaced.overlaps(m.start, m.end)] + found


def _near_spelling(name: str, gaz: Gazetteer, cc: str, anchors: list[tuple[float, float]],
                   regions: set[str], reach: float = 50) -> Place | None:
    """The village of ``cc`` one letter from ``name``, when the readings agree (see
    :func:`_respelled`); None when there is none or they disagree."""
    key = variant_key(name)
    if len(key) < _RESPELL_MIN or not key.isalpha():
        return None
    found = _lookup(gaz, one_edit_keys(key))
    # never a capital: "Bamak" is a typo too far from a village to be sure of
    cands = list({p.geonameid: p for ps in found.values() for p in ps
                  if p.country_code == cc and p.feature_class == "P"
                  and p.feature_code != "PPLC"}.values())
    if not cands:
        return None
    if regions:
        cands = [p for p in cands if p.admin1_code in regions]
    if anchors:
        # "X area of Y", "X, 10 km from Y", "X (District, Region)": the reading must lie by
        # the places named with it (within the region the text names, a district's breadth)
        def dist(p: Place) -> float:
            return min(_km(p.latitude, p.longitude, a, b) for a, b in anchors)

        near = sorted((p for p in cands if dist(p) <= reach), key=dist)
        return near[0] if near else None
    if not cands:
        return None
    first = cands[0]
    if all(_km(first.latitude, first.longitude, p.latitude, p.longitude) <= 30 for p in cands):
        return first
    # "Asongo": one town among hamlets one letter away (Ansongo, not a Songo of no size)
    towns = [p for p in cands if p.population >= 1000]
    return towns[0] if len(towns) == 1 else None


def _quarter_spelling(name: str, gaz: Gazetteer, cc: str, anchors: list[tuple[float, float]],
                      regions: set[str], reach: float = 50) -> Place | None:
    """A village the gazetteer knows only by its quarters ("X-Peulh", "X-Dogon", "X Ouro")
    or the quarter of a village known only by its name ("X Dogon" for X): the village of
    ``cc`` whose name is the text's name plus or minus one word, when the readings agree
    as in :func:`_near_spelling` (one, a few km apart, or the one by the text's places)."""
    from .event import people_word

    words = name_key(name).split()
    if len(words) > 1 and (people_word(words[-1]) or words[-1] in _QUARTER_WORDS):
        stem = words[:-1]  # "Naye Dogon", "Ambiri-Habe": the village is Naye, Ambiri
    else:
        stem = words
    stem_key = variant_key(" ".join(stem))
    search = getattr(gaz, "search", None)
    stripped = len(stem) < len(words)
    # a name with its quarter's word is long enough to say which village, even a short one
    if len(stem_key) < (3 if stripped else _RESPELL_MIN) or not stem_key.isalpha() or search is None:
        return None
    near_keys = {stem_key, *one_edit_keys(stem_key)} if len(stem_key) >= 7 else {stem_key}
    cands = []
    for p in search(" ".join(stem), limit=200):
        pw = name_key(p.name).split()
        if p.country_code != cc or p.feature_class != "P" or p.feature_code == "PPLC":
            continue
        # the text's village and one more word, or the text's village exactly
        if len(pw) in (len(stem), len(stem) + 1) and variant_key(" ".join(pw[:len(stem)])) in near_keys \
                and (len(pw) == len(stem) + 1 or stripped):
            cands.append(p)
    if regions:
        cands = [p for p in cands if p.admin1_code in regions]
    if not cands:
        return None
    if anchors:
        def dist(p: Place) -> float:
            return min(_km(p.latitude, p.longitude, a, b) for a, b in anchors)

        near = sorted((p for p in cands if dist(p) <= reach), key=dist)
        return near[0] if near else None
    first = cands[0]
    if all(_km(first.latitude, first.longitude, p.latitude, p.longitude) <= 15 for p in cands):
        return first
    return None


# the words a Sahel village's quarters add to its name beside a people's ("X-Habe" is the
# Dogon quarter, "X Ouro" the Fulani hamlet, "X-Kanda" the upper village)
_QUARTER_WORDS = frozenset({"habe", "abe", "ouro", "kanda", "na", "da", "kouna", "coura",
                            "koura", "foulbe", "peulh", "peuhl"})


class _Taken:
    """Character ranges already claimed, with an overlap test that looks only at the
    ranges near the one asked about (a list scanned per mention was quadratic)."""

    _CELL = 256

    def __init__(self, ranges: "Iterable[tuple[int, int]]" = ()) -> None:
        self._cells: dict[int, list[tuple[int, int]]] = {}
        for a, b in ranges:
            self.append((a, b))

    def append(self, rng: tuple[int, int]) -> None:
        a, b = rng
        for cell in range(a // self._CELL, max(a, b - 1) // self._CELL + 1):
            self._cells.setdefault(cell, []).append((a, b))

    def near(self, s: int, e: int) -> set[tuple[int, int]]:
        """The ranges sharing a cell with ``[s, e)``: every range overlapping it, and a few more."""
        found: set[tuple[int, int]] = set()
        for cell in range(s // self._CELL, max(s, e - 1) // self._CELL + 1):
            found.update(self._cells.get(cell, ()))
        return found

    def overlaps(self, s: int, e: int) -> bool:
        for cell in range(s // self._CELL, max(s, e - 1) // self._CELL + 1):
            if any(a < e and s < b for a, b in self._cells.get(cell, ())):
                return True
        return False


def _mention(sp: _Span, gaz: Gazetteer) -> PlaceMention:
    p = sp.choice
    assert p is not None
    country = gaz.countries.get(p.country_code)
    feature = p.feature
    precision = {"city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}.get(feature, 2)
    start, mtext = sp.start, sp.text
    if sp.region_word and feature in ("country", "admin1"):
        feature, precision = "region", 3
        start = sp.region_start if sp.region_start is not None else sp.start
        mtext = f"{sp.region_word} {sp.text}"
    elif sp.near or sp.region_word:
        precision = max(precision, 2)
    lat, lon = p.latitude, p.longitude
    return PlaceMention(
        text=mtext,
        start=start,
        end=sp.end,
        name=country.name if p.feature == "country" and country else p.name,
        country=country.name if country else None,
        country_code=p.country_code or None,
        admin1=None if feature in ("country", "region") and p.feature == "country"
        else gaz.admin1_name(p),
        admin2=gaz.admin2_name(p) if p.feature not in ("country", "admin1") else None,
        latitude=lat,
        longitude=lon,
        geonameid=p.geonameid if p.geonameid > 0 else None,
        geo_precision=precision,
        feature=feature,
        population=p.population,
        basis=sp.basis or None,
    )


def focus_country(mentions: list[PlaceMention]) -> str | None:
    """The country the article is about: most mentioned among resolved places.

    Example::

        >>> focus_country(find_places("Clashes in Gao and Kidal, Mali.", gazetteer=gaz))
        'Mali'
    """
    counts: Counter[str] = Counter()
    # a demonym names who took part ("Kenyan troops", "two Italian nuns"), not where: it
    # only breaks ties between named places, or speaks when the text names none
    named = any(m.country and m.feature != "demonym" for m in mentions)
    for m in mentions:
        if m.country:
            if m.feature == "demonym":
                counts[m.country] += 1 if named else 10
            else:
                counts[m.country] += 20 if m.feature in ("country", "region") else 10
    return counts.most_common(1)[0][0] if counts else None


def country_info(name_or_code: str, *, gazetteer: Gazetteer
                 ) -> tuple[str, str, float, float] | None:
    """(name, ISO2 code, latitude, longitude) of a country by name, code or demonym.

    Example::

        >>> country_info("Algeria", gazetteer=gaz)[:2]
        ('Algeria', 'DZ')
    """
    c = gazetteer.country(name_or_code)
    return (c.name, c.code, c.latitude, c.longitude) if c else None


def places_jsonl(text: str, *, gazetteer: Gazetteer, doc: "Doc | None" = None
                 ) -> Iterator[dict[str, Any]]:
    """One dict per place mention, for `eventline places FILE`."""
    for m in find_places(text, gazetteer=gazetteer, doc=doc):
        yield {
            "text": m.text, "start": m.start, "end": m.end, "name": m.name,
            "country": m.country, "admin1": m.admin1, "latitude": m.latitude,
            "longitude": m.longitude, "geonameid": m.geonameid,
            "geo_precision": m.geo_precision, "basis": m.basis,
        }




# a lone unambiguous town name counts as lexicon evidence from this size up: the
# small ones are mostly surnames and common words read as villages ("Tanner", "Council")
_EVIDENCE_POP = 5000


def _in_name(sp: _Span, text: str) -> bool:
    """A word beside another capitalised word is likely part of a name ("Brad Tanner")."""
    before = text[max(0, sp.start - 30):sp.start]
    after = text[sp.end:sp.end + 30]
    prev = re.search(r"([A-Z][\w'-]*)\s$", before)
    nxt = re.match(r"\s([A-Z][\w'-]*)", after)
    return bool(prev or nxt)


def _unambiguous(sp: _Span, text: str) -> bool:
    """The text pins this span to one region without outside help.

    A "Town, State" qualifier, a state named in full, or a name whose own-name
    readings all lie in one first-level region ("Cottonport", "Rapides Parish").
    Famous namesakes do not count as settled: "Dublin" in an Ohio weekly is the
    suburb, so a name with readings in several regions says nothing here.
    """
    p = sp.choice
    if p is None or sp.common or p.feature in ("country", "region"):
        return False
    if sp.qualifier is not None and sp.qualifier[1]:
        return (p.country_code, p.admin1_code) == sp.qualifier
    if name_key(p.name) != name_key(sp.text):
        return False  # "Dublin City" (Council) is an alternate name of the Irish capital
    # without spaCy, a capitalised word alone may be a name ("Stacy", "Council"): the
    # text must say "place" (a preposition, "County", a state, a town's institutions)
    if not (p.feature == "admin1" or _admin_suffix(sp) or sp.admin_hint or sp.locative
            or sp.local or len(sp.text.split()) > 1
            or p.population >= _EVIDENCE_POP and not _in_name(sp, text)):
        return False
    own = {(q.country_code, q.admin1_code) for q in sp.candidates
           if name_key(q.name) == name_key(sp.text) and q.feature != "country"}
    return own == {(p.country_code, p.admin1_code)} and not any(
        q.feature == "country" and q is not p for q in sp.candidates)


def home_evidence(text: str, *, gazetteer: Gazetteer
                  ) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """Regions and countries an article names unambiguously (no spaCy needed).

    The first, cheap pass of the outlet lexicon: :func:`outlet_home` counts, per
    outlet, the articles naming each region. Returns ``(regions, countries)``
    with regions as (country code, first-level region name).

    Example::

        >>> home_evidence("Deputies in Rapides Parish arrested two men.", gazetteer=gaz)[0]
        frozenset({('US', 'Louisiana')})
    """
    gaz = gazetteer
    spans = _spans(text, gaz, None)
    _resolve(spans, text, gaz)
    return _home_of(spans, text, gaz)


def _home_of(spans: list[_Span], text: str, gaz: Gazetteer
             ) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """:func:`home_evidence` of spans resolved without outlet, actors or run context."""
    regions: set[tuple[str, str]] = set()
    countries: set[str] = set()
    for sp in spans:
        p = sp.choice
        if p is None:
            continue
        if p.feature == "country" and name_key(p.name) == name_key(sp.text) and not sp.common:
            countries.add(p.country_code)
        elif _unambiguous(sp, text):
            a1 = gaz.admin1_name(p)
            if a1:
                regions.add((p.country_code, a1))
                countries.add(p.country_code)
    return frozenset(regions), frozenset(countries)


def context_evidence(text: str, *, gazetteer: Gazetteer, actors: ActorLexicon | None = None
                     ) -> tuple[tuple[float, float, str], ...]:
    """Points of the places an article settles without guessing (no spaCy needed).

    The first pass of the run's context (:mod:`eventline.places.context`): towns and
    districts with one reading in the gazetteer, or whose namesakes the article
    itself tells apart. Sorted, one point per place.

    Example::

        >>> context_evidence("Gunmen attacked Kidal, in northern Mali.", gazetteer=gaz)
        ((18.44111, 1.40778, 'ML'),)
    """
    return _context_points(find_places(text, gazetteer=gazetteer, actors=actors))


def _context_points(mentions: list[PlaceMention]) -> tuple[tuple[float, float, str], ...]:
    points = {(m.latitude, m.longitude, m.country_code or "") for m in mentions
              if m.basis in ("unique", "article") and m.feature in ("city", "admin2")
              and m.latitude is not None and m.longitude is not None}
    return tuple(sorted(points))


def first_evidence(text: str, *, gazetteer: Gazetteer, actors: ActorLexicon | None = None,
                   outlet: bool = True, context: bool = True
                   ) -> tuple[tuple[frozenset[tuple[str, str]], frozenset[str]] | None,
                              tuple[tuple[float, float, str], ...] | None]:
    """``(home_evidence(text), context_evidence(text, actors=actors))`` from one reading of
    the text, each None when not asked for (``outlet``, ``context``).

    The first pass reads every article for both: the candidate spans are found once,
    and an article naming no armed group of ``actors`` is resolved once too (the armed
    groups' votes are all that sets the two readings apart).

    Example::

        >>> first_evidence("Deputies in Rapides Parish arrested two men.", gazetteer=gaz)[0]
        (frozenset({('US', 'Louisiana')}), frozenset({'US'}))
    """
    gaz = gazetteer
    if not (outlet or context):
        return None, None
    spans = _spans(text, gaz, None)
    if not context:
        _resolve(spans, text, gaz)
        return _home_of(spans, text, gaz), None
    by_actors = actor_countries(text, actors, gaz) if actors is not None else None
    areas = actor_regions(text, actors, gaz) if actors is not None else set()
    alike = not by_actors and not areas  # both readings resolve the spans the same way
    # a second resolution starts from the spans as _spans left them (what it sets, anew)
    mine = spans if alike or not outlet else [
        replace(sp, scores={}, support={}, context={}) for sp in spans]
    points = _context_points(_places(mine, text, gaz, None, None, by_actors, areas, None))
    if not outlet:
        return None, points
    if not alike:
        _resolve(spans, text, gaz)
    return _home_of(spans, text, gaz), points


def outlet_key(source: str | None) -> str:
    """How articles are grouped into outlets: the manifest's outlet name, case-folded."""
    return " ".join((source or "").split()).casefold()


def outlet_home(outlet: str, evidence: "Iterable[tuple[frozenset[tuple[str, str]], frozenset[str]]]",
                *, min_share: float = 0.2, min_articles: int = 2) -> OutletHome:
    """The regions and countries an outlet's articles keep naming (its local lexicon).

    ``evidence`` holds one :func:`home_evidence` result per article of the outlet.
    A region enters the lexicon when at least ``min_articles`` articles and
    ``min_share`` of them name it unambiguously. This is Lieberman et al.'s
    "local lexicon" (the idea behind the LGL corpus), learnt from the corpus.

    Example::

        >>> texts = ["Deputies in Rapides Parish arrested a man.", "Rapides Parish voted."]
        >>> home = outlet_home("The Town Talk", [home_evidence(t, gazetteer=gaz) for t in texts])
        >>> home.regions[0][:2]
        ('US', 'Louisiana')
    """
    regions: Counter[tuple[str, str]] = Counter()
    countries: Counter[str] = Counter()
    n = 0
    for rs, cs in evidence:
        n += 1
        regions.update(rs)
        countries.update(cs)
    def keep(count: int) -> bool:
        return count >= min_articles and count / max(1, n) >= min_share

    return OutletHome(
        outlet=outlet, articles=n,
        regions=tuple((cc, a1, c / n) for (cc, a1), c in
                      sorted(regions.items(), key=lambda kv: (-kv[1], kv[0])) if keep(c)),
        countries=tuple((cc, c / n) for cc, c in
                        sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])) if keep(c)))
