"""Which reading of a name (issue #17, places): the district a note says a village lies in
when it names the district by its unit word ("Douna, Cercle of Koro", "in the district of
Douentza"), and a name read as the division when the unit word stands before it ("the
Cercle of Bankass"). Sentences written for these tests; positions from GeoNames ML.txt and
NE.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventline.actors import load_actor_dictionary
from eventline.gazetteer import Gazetteer
from eventline.geo import haversine_km
from eventline.models import PlaceMention
from eventline.nlp import load_model
from eventline.places import find_places
from eventline.settings import load_settings


@pytest.fixture(scope="module")
def gaz(geonames_dir: Path) -> Gazetteer:
    from eventline.gazetteer import load_gazetteer

    return load_gazetteer(load_settings(geonames_dir=str(geonames_dir)))


def mention(text: str, name: str, gaz: Gazetteer) -> PlaceMention:
    found = [m for m in find_places(text, gazetteer=gaz, doc=load_model()(text),
                                    actors=load_actor_dictionary()) if m.text == name]
    assert found and found[0].latitude is not None, f"{name} not placed in {text!r}"
    return found[0]


def km(m: PlaceMention, point: tuple[float, float]) -> float:
    assert m.latitude is not None and m.longitude is not None
    return haversine_km(m.latitude, m.longitude, *point)


# Douna: villages of that name in the Koro, Douentza and Segou districts (and more)
_DOUNA_KORO = (14.1809, -3.18669)
_DOUNA_DOUENTZA = (15.07099, -2.22044)


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        ("Militants torched a school in Douna, Cercle of Koro.", "Douna", _DOUNA_KORO),
        ("Two herders were shot in Douna in the district of Douentza.", "Douna", _DOUNA_DOUENTZA),
        ("Looters emptied the granary of Douna, cercle de Douentza, at night.", "Douna",
         _DOUNA_DOUENTZA),
        # a village of Niger and one of Mali share the name: the Malian district decides
        ("Raiders drove off cattle from Fafa, Cercle of Ansongo, on Sunday.", "Fafa",
         (15.3177, 0.7446)),
    ],
)
def test_the_district_named_by_its_unit_word_locates_the_village(
        gaz: Gazetteer, text: str, name: str, point: tuple[float, float]) -> None:
    m = mention(text, name, gaz)
    assert km(m, point) <= 60, (m.name, m.admin2, m.latitude, m.longitude)


def test_without_the_district_the_village_is_not_pinned_there(gaz: Gazetteer) -> None:
    # counter-example: the same villages with no district named keep the default reading,
    # and a district named for another village does not move this one
    bare = mention("Militants torched a school in Douna.", "Douna", gaz)
    other = mention("Militants torched a school in Douna, Cercle of Koro.", "Douna", gaz)
    assert (bare.latitude, bare.longitude) != (other.latitude, other.longitude)
    listed = mention("Militants torched a school in Douna and then moved on to Koro.", "Douna", gaz)
    assert (listed.latitude, listed.longitude) == (bare.latitude, bare.longitude)


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("Soldiers patrolled the Cercle of Bankass all week.", "Bankass", "admin2"),
        ("Soldiers patrolled the district of Douentza all week.", "Douentza", "admin2"),
        # (a division, not the town; which level, the region or its district of that name,
        # is as for "the Kayes region")
        ("Floods cut the roads in the region of Kayes.", "Kayes", "division"),
        # counter-examples: the town itself, and a commune, which is named for its seat
        ("Soldiers were patrolling in Bankass all week.", "Bankass", "city"),
        ("Gunmen killed a trader in the commune of Tessit.", "Tessit", "city"),
    ],
)
def test_a_unit_word_before_the_name_reads_the_division(
        gaz: Gazetteer, text: str, name: str, feature: str) -> None:
    got = mention(text, name, gaz).feature
    assert got in ("admin1", "admin2") if feature == "division" else got == feature


def test_a_village_with_no_reading_in_the_district_named_is_left_unplaced(gaz: Gazetteer) -> None:
    # the only Tessit the gazetteer knows lies in the Gao region, not in the Kayes district
    # the note names: that reading is a namesake, and the district says more
    text = "Gunmen raided Tessit, Cercle of Kayes, at dawn."
    placed = {m.text for m in find_places(text, gazetteer=gaz, doc=load_model()(text),
                                          actors=load_actor_dictionary()) if m.resolved}
    assert "Tessit" not in placed and "Kayes" in placed
    assert mention("Gunmen raided Tessit, Cercle of Ansongo, at dawn.", "Tessit", gaz).admin1 == "Gao"
