"""Which place of a text is the event's, and events left with no place although the text
names one (issue #17, places): sentences written for these tests, with the country dumps
imported (Mali, Burkina Faso, Niger).

Each family is a way a note's place went wrong: a town named as a division ("in the region
of X") outranking the town the event was near, a place that only says who a person is, a
bracket of district and region after a village whose name was dropped, a hamlet's name right
after its noun, one known end of an "X-Y" stretch, a town's public building.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventline.models import Event
from eventline.pipeline import extract
from eventline.settings import load_settings


@pytest.fixture(scope="module")
def settings(geonames_dir: Path) -> dict:
    return load_settings(geonames_dir=str(geonames_dir))


def first(text: str, settings: dict) -> Event:
    events = extract(text, published="2021-05-04", source="Test Wire", settings=settings)
    assert events, f"no event in {text!r}"
    return min(events, key=lambda e: min(s.start for s in e.sources))


# ------------------------------------------------------------- "in the region of X" is X's division


@pytest.mark.parametrize(("text", "where"), [
    ("A mine wounded three soldiers on Monday close to the town of Aguelhok in the region of "
     "Kidal.", "Aguelhok"),
    ("Two soldiers were wounded when a mine exploded near the town of Ayorou in the western "
     "region of Tillaberi on Monday.", "Ayorou"),
])
def test_a_town_outranks_the_division_it_is_said_to_lie_in(settings: dict, text: str,
                                                            where: str) -> None:
    assert first(text, settings).location == where


def test_the_region_alone_is_still_the_place(settings: dict) -> None:
    # counter-example: nothing more precise named, the division (at its seat) is the place
    assert first("Fighting broke out in the region of Kidal on Monday.", settings).location == "Kidal"


# ------------------------------------------------------------- a place that says who a person is


@pytest.mark.parametrize(("text", "where"), [
    ("On July 2, traders in Gao held a sit-in in support of Amadou Maiga, a well-known merchant "
     "in Timbuktu, detained by the police.", "Gao"),
    ("On May 3, youths in Dori marched in support of Issa Sawadogo, a teacher in Ouagadougou, "
     "dismissed by the ministry.", "Dori"),
])
def test_a_place_in_a_persons_apposition_is_not_the_events(settings: dict, text: str,
                                                           where: str) -> None:
    events = extract(text, published="2021-05-04", source="Test Wire", settings=settings)
    assert events and {e.location for e in events} == {where}


@pytest.mark.parametrize(("text", "where"), [
    # counter-examples: the place hangs on the act, or the apposition is a place's
    ("On Monday, gunmen shot Amadou Maiga, a trader, in Timbuktu.", "Timbuktu"),
    ("On Monday, gunmen attacked Tessit, a town in the Gao region, and killed two.", "Tessit"),
])
def test_a_place_beside_a_persons_apposition_still_is(settings: dict, text: str,
                                                      where: str) -> None:
    assert first(text, settings).location == where


# ------------------------------------------------------------- a settlement's name after its noun


@pytest.mark.parametrize(("text", "where"), [
    ("On Sunday, armed herders raided the hamlet Ogodengou and set fire to the granaries.",
     "Ogodenngou"),
    ("Bandits stopped a bus on the road between Gossi-Tinzarakane on Friday and robbed the "
     "passengers.", "Gossi"),
    ("On Friday, bandits robbed a bus on the axis Tera-Doulsou.", "Téra"),
])
def test_a_name_the_text_calls_a_place_is_kept(settings: dict, text: str, where: str) -> None:
    # (the hamlet's name and the known end of a stretch: both once dropped as a word on a
    # noun, leaving the country's capital)
    e = first(text, settings)
    assert e.location == where and e.geo_precision in {1, 2}


def test_a_peoples_word_on_a_noun_is_still_no_place(settings: dict) -> None:
    # counter-example: "Bambara hunters" names who, not the village of Bambara
    e = first("On Monday, Bambara hunters killed two herders near Djenne.", settings)
    assert e.location == "Djénné"


# ------------------------------------------------------------- a town's public building


def test_a_towns_public_building_is_in_the_town(settings: dict) -> None:
    e = first("Youths looted the Kidal governorate building on Monday after the army withdrew.",
              settings)
    assert e.location == "Kidal"


# ------------------------------------------------------------- a bracket after a name dropped


@pytest.mark.parametrize(("text", "where"), [
    ("On 3 April, gunmen attacked the Dogon village of Tinzarakane-Dogon (Bandiagara, Mopti), "
     "and killed three.", "Bandiagara"),
    ("On 3 April, gunmen attacked the Bambara village of Tinkoumbala-Bambara (Kita, Kayes), "
     "and killed three.", "Kita"),
])
def test_the_bracket_after_a_dropped_name_is_where(settings: dict, text: str, where: str) -> None:
    e = first(text, settings)
    assert e.location == where and e.geo_precision == 2


def test_a_prefix_before_a_hyphen_is_no_town(settings: dict) -> None:
    # counter-example: "Tin-" begins a longer name; the town the text places it near stays
    e = first("On Monday, gunmen attacked herders in the area of Tin-Ebaraken near Ansongo, "
              "killing two.", settings)
    assert e.location == "Ansongo"


# ------------------------------------------------------------- where a road leads


@pytest.mark.parametrize(("text", "where"), [
    ("On Monday, bandits ambushed a lorry near Bourem on the road towards Gao, killing the "
     "driver.", "Bourem"),
    ("On Monday, bandits attacked a bus near Tera on the route leading to Dori, wounding three.",
     "Téra"),
])
def test_where_the_road_leads_is_not_the_place(settings: dict, text: str, where: str) -> None:
    assert first(text, settings).location == where


def test_a_road_between_two_towns_is_still_at_the_first(settings: dict) -> None:
    # counter-example: "from X to Y" names the stretch; the first town, as before
    e = first("On Monday, gunmen ambushed a convoy on the road from Gao to Bourem, killing two "
              "soldiers.", settings)
    assert e.location == "Gao"


# ------------------------------------------------------------- "N km from X" is by X


@pytest.mark.parametrize(("text", "where"), [
    ("Unidentified gunmen attacked a checkpoint 5km from Douentza in the Mopti region on "
     "Monday.", "Douentza"),
    ("Gunmen attacked a gendarmerie post about 10 km from Tillaberi on Monday.", "Tillabéri"),
])
def test_a_distance_from_a_town_places_the_event_by_it(settings: dict, text: str,
                                                        where: str) -> None:
    assert first(text, settings).location == where


@pytest.mark.parametrize(("text", "where"), [
    ("On Monday, armed men seized the prefect of Hombori on the road towards "
     "Douentza.", "Douentza"),
    ("On Monday, the mayor of Djibo was kidnapped by gunmen on the road towards Dori.", "Dori"),
])
def test_where_the_road_leads_beats_an_officials_seat(settings: dict, text: str,
                                                      where: str) -> None:
    assert first(text, settings).location == where


# ------------------------------------------------------------- "X, Cercle of Y" locates X


def test_a_reading_far_from_the_cercle_it_is_said_to_lie_in_is_a_namesake(settings: dict) -> None:
    # the only village so spelled lies hundreds of km from Kita: the event is in Kita's cercle
    e = first("On Monday, gunmen burned the school in the area of Ogodengou, Cercle of Kita.",
              settings)
    assert e.location == "Kita" and e.geo_precision == 2


def test_a_reading_inside_the_cercle_stays(settings: dict) -> None:
    # counter-example: the village lies by Bankass, so it is the place
    e = first("On Monday, gunmen burned the school in the area of Ogodengou, Cercle of Bankass.",
              settings)
    assert e.location == "Ogodenngou"


# ------------------------------------------------------------- a place inside what dates the act


def test_a_place_in_an_anniversary_is_not_the_events(settings: dict) -> None:
    e = first("Gendarmes have broken up a sit-in of teachers over unpaid wages Friday in Niamey, "
              "on the eve of the first anniversary of the strike of Zinder.", settings)
    assert e.location == "Niamey"


def test_a_place_beside_an_anniversary_still_is(settings: dict) -> None:
    # counter-example: the act's own place, the anniversary naming none
    e = first("On Monday, gunmen killed two herders in Zinder on the anniversary of the coup.",
              settings)
    assert e.location == "Zinder"


# ------------------------------------------------------------- "X (quarter) near Y"


@pytest.mark.parametrize(("text", "where"), [
    # the only Tibi the gazetteer knows lies far from Kita: a namesake, the event by Kita
    ("On 4 May, gunmen raided the hamlet of Tibi (upper quarter) near Kita and stole cattle.",
     "Kita"),
    # counter-example: a reading by the town it is said to be near stays
    ("On 4 May, gunmen raided the hamlet of Ogodengou (upper quarter) near Bankass and stole "
     "cattle.", "Ogodenngou"),
])
def test_a_bracket_after_the_name_still_tells_what_it_is_near(settings: dict, text: str,
                                                              where: str) -> None:
    assert first(text, settings).location == where
