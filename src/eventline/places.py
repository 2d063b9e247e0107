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

Example::

    >>> [(m.text, m.country, m.geo_precision) for m in geoparse("Rebels seized Gao, in northern Mali.")]
    [('Gao', 'Mali', 1), ('northern Mali', 'Mali', 3)]
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .gazetteer import Gazetteer, Place, _data_file, fold, load_gazetteer, variant_key
from .models import PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "places.gazetteer.v1"

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_MAX_WORDS = 6
# lower-case words allowed inside a place name ("Bourem de la Mer", "Isle of Wight")
_CONNECTORS = {"de", "du", "des", "la", "le", "les", "el", "al", "of", "the", "on", "upon",
               "sur", "en", "di", "da", "do", "dos", "das", "del", "and", "au", "aux", "ad"}
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
page photo video editor reporter staff contact email phone
""".split())
_TITLES = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Sgt|Capt|Lt|Maj|Cpl|Rev|Sen|Rep|Gov|"
                     r"President|Minister|Judge|Officer|Sheriff|Chief|Coach|Pastor|Mayor)\.?\s+)$")
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
    near: bool = False
    region_word: str | None = None  # "northern" in "northern Mali"
    region_start: int | None = None
    ner: str | None = None  # spaCy label of the entity covering it exactly
    in_longer: str | None = None  # spaCy label of a longer entity containing it
    propn: bool = True
    common: bool = False
    scores: dict[int, float] = field(default_factory=dict)
    choice: Place | None = None


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def _abbrevs() -> dict[str, tuple[str, str]]:
    """Abbreviations of first-level regions used as qualifiers ("La.", "N.Y.", "Calif.")."""
    with open(_data_file("places_admin1_abbrev.csv"), encoding="utf-8") as fh:
        return {r["abbrev"]: (r["country_code"], r["admin1_code"]) for r in csv.DictReader(fh)}


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


def _nlp_doc(text: str) -> "Doc | None":
    try:
        from .nlp import load_model
        from .settings import load_settings

        return load_model(load_settings().get("model") or "en_core_web_sm")(text)
    except Exception:  # noqa: BLE001 - no model: the gazetteer matcher still works alone
        return None


def _candidate_spans(text: str, gaz: Gazetteer) -> list[_Span]:
    """Longest gazetteer phrases, left to right, without overlaps."""
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    abbrevs = _abbrevs()
    keyed: list[tuple[int, int, str]] = []  # (first token, last token, key)
    for i, (s, e) in enumerate(toks):
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
                if word.lower() in _CONNECTORS:
                    continue
                break
            keyed.append((i, j, variant_key(text[s:te])))
    found = gaz.lookup(k for _, _, k in keyed)
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
            spans.append(_Span(s, e, text[s:e], k, found[k]))
            i = j + 1
        else:
            i += 1
    # qualifiers: "Alexandria, La." -> the abbreviation names a region
    for sp in spans:
        m = re.match(r",\s*([A-Z][A-Za-z.]{0,7}\.?)", text[sp.end:sp.end + 12])
        if m:
            ab = m.group(1)
            if ab in abbrevs or ab.rstrip(".") + "." in abbrevs:
                sp.qualifier = abbrevs.get(ab) or abbrevs[ab.rstrip(".") + "."]
    return spans


_STREET = re.compile(r"\s+(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Lane|Ln|"
                     r"Way|Court|Ct|Place|Pl|Highway|Hwy|Pkwy|Parkway|Circle|Terrace)\b\.?")


def _plausible(text: str, toks: list[tuple[int, int]], i: int, j: int) -> bool:
    """Cheap vetoes before context: one- or two-letter words, street names."""
    word = text[toks[i][0]:toks[j][1]]
    if i == j and (len(word) <= 2 and not word.isupper() or fold(word) in _STOP):
        return False
    return not _STREET.match(text, toks[j][1])


def _abbrev_spans(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[_Span]:
    """Region abbreviations after "Town, ": "La." in "Alexandria, La." as mentions."""
    out = []
    abbrevs = _abbrevs()
    for m in re.finditer(r"(?<=[a-z]), ([A-Z][A-Za-z]?\.(?:[A-Z][a-z]?\.)?|[A-Z][a-z]{1,4}\.)",
                         text):
        ab = m.group(1)
        if ab not in abbrevs:
            continue
        s, e = m.start(1), m.end(1)
        if any(a < e and s < b for a, b in taken):
            continue
        cc, code = abbrevs[ab]
        a1 = gaz.admin1.get((cc, code))
        if a1 is not None:
            out.append(_Span(s, e, ab, variant_key(a1.name), [a1], qualifier=(cc, code)))
    return out


def _annotate(spans: list[_Span], text: str, doc: "Doc | None") -> None:
    """Context read from the text around each span and from spaCy."""
    lower_words = {w for w in re.findall(r"(?<![.!?]\s)(?<!^)\b([a-z]+)\b", text)}
    for sp in spans:
        before = text[max(0, sp.start - 60):sp.start]
        after = text[sp.end:sp.end + 20]
        m = re.match(r"\s+([A-Za-z]+)", after)
        if m and m.group(1).lower() in _ADMIN_WORDS:
            sp.admin_hint = True
        if _NEAR.search(before):
            sp.near = True
        rm = _REGION.search(before)
        if rm:
            sp.region_word = rm.group(1)
            sp.region_start = sp.start - (len(before) - rm.start(1))
        words = fold(sp.text).split()
        sp.common = (len(words) == 1 and (words[0] in _STOP or words[0] in lower_words)) or bool(
            _TITLES.search(before))
    if doc is None:
        return
    for sp in spans:
        sp_tokens = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if sp_tokens is not None and len(sp_tokens):
            sp.propn = any(t.pos_ == "PROPN" for t in sp_tokens)
        for ent in doc.ents:
            if ent.end_char <= sp.start or ent.start_char >= sp.end:
                continue
            if ent.start_char == sp.start and ent.end_char == sp.end:
                sp.ner = ent.label_
            elif ent.start_char <= sp.start and ent.end_char >= sp.end:
                sp.in_longer = ent.label_
            else:
                sp.ner = sp.ner or ent.label_


def _prior(p: Place, sp: _Span) -> float:
    """How likely this entry is meant, before looking at the rest of the article."""
    s = 0.0
    if p.feature == "country":
        s += 8.0
    elif p.feature == "region":
        s += 11.0
    elif p.feature == "admin1":
        s += 7.0 + (3.0 if sp.admin_hint else 0.0)
        # "Kidal" alone is the town; the region is "Kidal Region" / "the Kidal region"
        if not sp.admin_hint and fold(p.name) != fold(sp.text):
            s -= 5.0
    elif p.feature == "admin2":
        s += 2.0 + (4.0 if sp.admin_hint or len(sp.text.split()) > 1 and
                    sp.text.split()[-1].lower() in _ADMIN_WORDS else 0.0)
    elif p.feature_class == "P":
        s += 1.5 * math.log10(p.population + 1) * 0.6
        s += {"PPLC": 3.0, "PPLA": 2.0, "PPLA2": 1.0, "PPLA3": 0.5}.get(p.feature_code, 0.0)
        if sp.admin_hint:
            s -= 1.0
    elif p.feature_class in ("A",):
        s += 1.0
    elif p.feature_class in ("H", "T", "L"):
        s -= 1.5
    else:
        s -= 3.0
    s += 0.6 * math.log(1 + p.names)
    if fold(p.name) == fold(sp.text):
        s += 2.0  # the place's own name, not one of its alternate names
    elif fold(sp.text) in p.matched.split("|"):
        s += 1.0
    if p.source == "user":
        s += 4.0
    return s


def _focus(spans: list[_Span], text: str, gaz: Gazetteer) -> Counter[str]:
    """Country weights of the article: named countries, demonyms, unambiguous places."""
    votes: Counter[str] = Counter()
    for sp in spans:
        ccs = {p.country_code for p in sp.candidates}
        admin1s = {p.country_code for p in sp.candidates if p.feature == "admin1"}
        if any(p.feature == "country" for p in sp.candidates) and not sp.common:
            cc = next(p.country_code for p in sp.candidates if p.feature == "country")
            # "Georgia" is a country and a US state: a weak vote for each
            votes[cc] += 1 if admin1s - {cc} else 3
            for a in admin1s - {cc}:
                votes[a] += 1
        elif sp.qualifier:
            votes[sp.qualifier[0]] += 2
        elif any(p.feature == "admin1" for p in sp.candidates) and len(ccs) == 1:
            votes[next(iter(ccs))] += 2
        elif ccs:
            for cc in ccs:
                votes[cc] += 1.0 / len(ccs)
    dem = _demonyms()
    for m in _TOKEN.finditer(text):
        cc = dem.get(m.group())
        if cc:
            votes[cc] += 1
    return votes


def _resolve(spans: list[_Span], text: str, gaz: Gazetteer) -> None:
    votes = _focus(spans, text, gaz)
    top = max(votes.values(), default=0)
    # regions named in the article, and by which span (a span does not support itself)
    regions: dict[tuple[str, str], set[int]] = {}
    for sp in spans:
        for p in sp.candidates:
            if p.feature in ("admin1", "admin2") and len(sp.candidates) <= 3 \
                    and not sp.common:
                regions.setdefault((p.country_code, p.admin1_code), set()).add(id(sp))
        if sp.qualifier:
            regions.setdefault(sp.qualifier, set()).add(id(sp))
    for rnd in range(2):
        anchors = [(sp, sp.choice) for sp in spans if sp.choice is not None
                   and sp.choice.feature in ("city", "admin2")]
        for sp in spans:
            scores = {}
            for p in sp.candidates:
                s = _prior(p, sp)
                if top:
                    s += 5.0 * votes.get(p.country_code, 0) / top
                if regions.get((p.country_code, p.admin1_code), set()) - {id(sp)} \
                        and p.feature not in ("admin1", "country"):
                    s += 3.0
                if sp.qualifier:
                    if (p.country_code, p.admin1_code) == sp.qualifier:
                        s += 8.0
                    elif p.country_code == sp.qualifier[0]:
                        s += 1.0
                if rnd and p.feature in ("city", "admin2"):
                    d = min((_haversine(p.latitude, p.longitude, q.latitude, q.longitude)
                             for o, q in anchors if o is not sp), default=None)
                    if d is not None:
                        s += 3.0 if d < 50 else 2.5 if d < 200 else 1.0 if d < 500 else 0.0
                scores[p.geonameid] = s
            sp.scores = scores
            best = max(sp.candidates, key=lambda p: scores[p.geonameid])
            sp.choice = best


def _weak(sp: _Span, votes_ok: bool) -> bool:
    """True when a span is better dropped: a common word or a person, not a place."""
    p = sp.choice
    if p is None:
        return True
    strong = p.feature in ("country", "admin1") or p.population >= 100_000 or p.source == "user"
    if sp.in_longer == "PERSON" and not strong:
        return True
    if sp.in_longer in ("ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW") \
            and p.population < 1000 and not strong and not votes_ok:
        return True
    if strong and not sp.common:
        return False
    if sp.common and not (strong and sp.ner in ("GPE", "LOC")):
        return True
    supported = votes_ok or sp.qualifier is not None or sp.near or sp.ner in ("GPE", "LOC")
    if sp.ner in ("PERSON", "ORG", "NORP") and p.population < 20_000 and not supported:
        return True
    if not sp.propn and sp.ner not in ("GPE", "LOC") and p.population < 20_000:
        return True
    if p.population < 1000 and p.feature_class == "P" and not supported and p.source != "dump":
        return True
    return False


def find_places(text: str, *, doc: "Doc | None" = None,
                gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Toponyms in ``text``, resolved in the article's context; sorted by start.

    ``doc`` is a spaCy Doc of the same text (parsed here when None and a model
    is installed). Places spaCy finds but the gazetteer lacks are returned with
    ``latitude`` None.

    Example::

        >>> ms = find_places("Fighting near Konna, north of Sévaré, in central Mali.")
        >>> [(m.text, m.geo_precision) for m in ms]
        [('Konna', 2), ('Sévaré', 2), ('central Mali', 3)]
    """
    gaz = gazetteer or load_gazetteer()
    if doc is None:
        doc = _nlp_doc(text)
    spans = _candidate_spans(text, gaz)
    spans += _abbrev_spans(text, gaz, [(s.start, s.end) for s in spans])
    spans.sort(key=lambda s: s.start)
    _annotate(spans, text, doc)
    # a name followed by "River" is the river, not the country or town ("the Niger River")
    spans = [sp for sp in spans if not re.match(r"\s+[Rr]iver\b", text[sp.end:sp.end + 8])]
    _resolve(spans, text, gaz)
    votes = _focus(spans, text, gaz)
    top = max(votes.values(), default=0)
    out: list[PlaceMention] = []
    for sp in spans:
        p = sp.choice
        votes_ok = p is not None and top > 0 and votes.get(p.country_code, 0) >= 0.5 * top and (
            votes.get(p.country_code, 0) >= 2)
        if _weak(sp, votes_ok):
            continue
        out.append(_mention(sp, gaz))
    # demonyms ("Malian", "Sudanese") point at a country: feature "demonym", precision 3,
    # so the event stage can tell them from a place where something happened
    taken = [(m.start, m.end) for m in out]
    dem = _demonyms()
    for m in re.finditer(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?", text):
        word = m.group()
        cc = dem.get(word) or dem.get(word[:-1] if word.endswith("s") else word)
        if not cc and " " in word:
            continue
        c = gaz.countries.get(cc or "")
        if c is None or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        out.append(PlaceMention(text=word, start=m.start(), end=m.end(), name=c.name,
                                country=c.name, country_code=c.code, latitude=c.latitude,
                                longitude=c.longitude, geonameid=c.geonameid, geo_precision=3,
                                feature="demonym", population=c.population))
        taken.append((m.start(), m.end()))
    # entities spaCy calls places that the gazetteer does not know: unresolved mentions
    if doc is not None:
        taken = [(m.start, m.end) for m in out] + [(sp.start, sp.end) for sp in spans]
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            if any(a < ent.end_char and ent.start_char < b for a, b in taken):
                continue
            if fold(ent.text) in _STOP or not ent.text[:1].isupper():
                continue
            out.append(PlaceMention(text=ent.text, start=ent.start_char, end=ent.end_char))
    out.sort(key=lambda m: m.start)
    return out


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
    )


def focus_country(mentions: list[PlaceMention]) -> str | None:
    """The country the article is about: most mentioned among resolved places.

    Example::

        >>> focus_country(geoparse("Clashes in Gao and Kidal, Mali."))
        'Mali'
    """
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.country:
            counts[m.country] += 2 if m.feature in ("country", "region") else 1
    return counts.most_common(1)[0][0] if counts else None


def geoparse(text: str) -> list[PlaceMention]:
    """Find and resolve the places in a text with the default gazetteer and model.

    Example::

        >>> geoparse("Islamists hold Timbuktu.")[0].country
        'Mali'
    """
    return find_places(text)


def country_info(name_or_code: str, *, gazetteer: Gazetteer | None = None
                 ) -> tuple[str, str, float, float] | None:
    """(name, ISO2 code, latitude, longitude) of a country by name, code or demonym.

    Example::

        >>> country_info("Algeria")[:2]
        ('Algeria', 'DZ')
    """
    gaz = gazetteer or load_gazetteer()
    c = gaz.country(name_or_code)
    return (c.name, c.code, c.latitude, c.longitude) if c else None


def places_jsonl(text: str, *, gazetteer: Gazetteer | None = None) -> Iterator[dict[str, Any]]:
    """One dict per place mention, for `eventline places FILE`."""
    for m in find_places(text, gazetteer=gazetteer):
        yield {
            "text": m.text, "start": m.start, "end": m.end, "name": m.name,
            "country": m.country, "admin1": m.admin1, "latitude": m.latitude,
            "longitude": m.longitude, "geonameid": m.geonameid,
            "geo_precision": m.geo_precision,
        }

