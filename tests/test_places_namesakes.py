"""Which reading of a name (issue #17, places): what the text says of a village (a commune
or district beside it, even misspelt) and what a name's own readings say (the district
seat among villages of one name), with the country dumps imported. Sentences written for
these tests; positions from GeoNames ML.txt, BF.txt and NE.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import eventline
from eventline.actors import load_actor_dictionary
from eventline.eval.events import normalise_name
from eventline.gazetteer import Gazetteer
from eventline.geo import haversine_km
from eventline.nlp import load_model
from eventline.places import find_places
from eventline.places.context import RunContext, build_context
from eventline.settings import load_settings


@pytest.fixture(scope="module")
def gaz(geonames_dir: Path) -> Gazetteer:
    from eventline.gazetteer import load_gazetteer

    return load_gazetteer(load_settings(geonames_dir=str(geonames_dir)))


def where(text: str, name: str, gaz: Gazetteer, context: RunContext | None = None,
          parse: bool = True) -> tuple[str | None, float, float]:
    found = [m for m in find_places(text, gazetteer=gaz, doc=load_model()(text) if parse else None,
                                    actors=load_actor_dictionary(), context=context)
             if m.text == name]
    assert found and found[0].latitude is not None and found[0].longitude is not None, \
        f"{name} not placed in {text!r}"
    return found[0].country_code, found[0].latitude, found[0].longitude


def near(got: tuple[str | None, float, float], point: tuple[float, float], km: float) -> bool:
    return haversine_km(got[1], got[2], *point) <= km


# --------------------------------------------------------------------------- district seats


@pytest.mark.parametrize(
    ("text", "name", "seat"),
    [
        # several Malian villages are called Kenieba; the seat of the Kenieba district is meant
        ("Gold miners rioted in Kenieba on Tuesday.", "Kenieba", (12.83745, -11.23567)),
        # Soum and Sourou: Burkinabe provinces named for their towns, hamlets of those
        # names elsewhere in Burkina Faso and abroad
        ("Gunmen raided the market in Soum at dawn.", "Soum", (14.79631, -1.11301)),
        ("Gunmen killed two traders in Sourou on Friday.", "Sourou", (12.83333, -3.21667)),
    ],
)
def test_a_district_seat_is_meant_among_villages_of_its_name(
        gaz: Gazetteer, text: str, name: str, seat: tuple[float, float]) -> None:
    assert near(where(text, name, gaz), seat, 10)


def test_a_seat_gives_way_to_a_bracket_naming_another_district(gaz: Gazetteer) -> None:
    # the Kenieba villages of the Kati district, not the seat of Kenieba far to the west
    got = where("Herders fled Kenieba (Kati, Koulikoro) after the raid.", "Kenieba", gaz)
    assert near(got, (12.74409, -8.07257), 150)
    assert not near(got, (12.83745, -11.23567), 100)


# --------------------------------------------------------------------------- communes beside villages


@pytest.mark.parametrize(
    ("text", "name", "village"),
    [
        # the district misspelt ("Kolokoni", "Yorossa"): the commune and region still say
        # which of the villages of one name is meant
        ("Gunmen torched granaries in Sérouala, Kolokani Commune (Kolokoni, Koulikoro).",
         "Sérouala", (13.6092, -8.1517)),
        ("Gunmen attacked Torosso, Yorosso Commune (Yorossa, Sikasso).", "Torosso",
         (12.317, -4.9451)),
        # another spelling in square brackets between the village and its commune
        ("Raiders looted Sérouala [Serwala], Kolokani Commune (Kolokoni, Koulikoro).",
         "Sérouala", (13.6092, -8.1517)),
        # "V (C)": a commune named by its seat town; the village beside it
        ("Soldiers searched Guidan Lifida (Guidan Roumdji) for weapons.", "Guidan Lifida",
         (13.63297, 6.88747)),
        ("Raiders looted Tobana (Mayahi) overnight.", "Tobana", (13.74427, 7.59628)),
        ("Gunmen killed a herder in Boulmiougou (Kongoussi).", "Boulmiougou", (13.2638, -1.34422)),
    ],
)
def test_a_commune_named_beside_a_village_picks_the_village_next_to_it(
        gaz: Gazetteer, text: str, name: str, village: tuple[float, float]) -> None:
    # read without a parse, as the run's first pass reads every article (and as a sentence
    # the parser skipped is read): the gazetteer and the text's shape alone
    assert near(where(text, name, gaz, parse=False), village, 10)


def test_a_bracketed_district_prefers_the_village_nearer_its_seat(gaz: Gazetteer) -> None:
    # two Dianga in the Mopti region: the one 40 km from Douentza, not the one 160 km away
    got = where("Militiamen attacked Dianga (Douentza, Mopti) overnight.", "Dianga", gaz)
    assert near(got, (14.6814, -3.10149), 10)


# --------------------------------------------------------------------------- the run's country


def _malian_batch() -> RunContext:
    # confident points of a batch about central and western Mali (many articles)
    pts = [(15.17, -7.28), (14.35, -3.61), (14.49, -4.19), (13.45, -6.26), (12.65, -8.0),
           (15.0, -2.95), (14.25, -5.99), (13.5, -7.5), (15.2, -7.0), (14.9, -7.5)]
    return build_context([[(lat, lon, "ML")] for lat, lon in pts for _ in range(3)])


def test_a_lone_name_in_a_malian_batch_is_not_a_region_abroad(gaz: Gazetteer) -> None:
    text = "Teachers marched in Nara on Tuesday."
    got = where(text, "Nara", gaz, _malian_batch())
    # the Malian district seat, not the Japanese prefecture nor another Malian Nara
    assert got[0] == "ML" and near(got, (15.16875, -7.28466), 10)


def test_the_region_abroad_stays_when_the_batch_is_about_its_country(gaz: Gazetteer) -> None:
    japan = build_context([[(34.35, 135.92, "JP")], [(34.68, 135.5, "JP")],
                           [(34.69, 135.83, "JP")]] * 3)
    assert where("Teachers marched in Nara on Tuesday.", "Nara", gaz, japan)[0] == "JP"


# --------------------------------------------------------------------------- brackets after lists, bare towns


def first(text: str, geonames_dir: Path) -> eventline.Event:
    events = eventline.extract(text, published="2021-05-04", source="Test Wire",
                               settings=load_settings(geonames_dir=str(geonames_dir)))
    assert events, f"no event in {text!r}"
    return min(events, key=lambda e: min(s.start for s in e.sources))


@pytest.mark.parametrize("text", [
    "Raiders burned granaries in Toubikoto and Molodo (Niono, Segou) on Sunday.",
    "Gunmen killed two herders between Toubikoto and Molodo (Niono, Segou).",
])
def test_a_bracket_after_a_list_locates_every_village_of_it(geonames_dir: Path, text: str) -> None:
    # the gazetteer's only Toubikoto lies in Kayes, 500 km west: not the one meant
    event = first(text, geonames_dir)
    assert event.latitude is not None and event.longitude is not None
    assert haversine_km(event.latitude, event.longitude, 14.2526, -5.9929) < 60


@pytest.mark.parametrize(("text", "town"), [
    # a village the gazetteer lacks (or knows only far away), its district's town in brackets
    ("Gunmen killed a trader in Tinabaw (Tenenkou) on Friday.", (14.45722, -4.9169)),
    ("Bandits robbed traders in Gassekoubel (Djibo) on Friday.", (14.0994, -1.62554)),
    # Burkina Faso's Ansaroul Islam fights in Mali's Mopti region too: Mali's Mondoro
    ("Ansaroul Islam fighters abducted a teacher near Ouro Kesselou (Mondoro).",
     (14.67619, -1.95127)),
])
def test_a_bare_town_in_brackets_places_the_unknown_village_before_it(
        geonames_dir: Path, text: str, town: tuple[float, float]) -> None:
    event = first(text, geonames_dir)
    assert event.latitude is not None and event.longitude is not None
    assert haversine_km(event.latitude, event.longitude, *town) < 10
    assert event.geo_precision == 2


def test_a_peoples_other_name_in_brackets_is_no_place(gaz: Gazetteer) -> None:
    found = find_places("Gunmen attacked the Fulani (Peul) herders of the area.", gazetteer=gaz,
                        doc=load_model()("Gunmen attacked the Fulani (Peul) herders of the area."),
                        actors=load_actor_dictionary())
    assert not [m for m in found if m.text == "Peul" and m.resolved]


# --------------------------------------------------------------------------- misspelt names, bracketed


@pytest.mark.parametrize(("text", "written", "village"), [
    # one letter off a village the gazetteer knows; the bracket's region is named by its
    # capital ("Tillabéri", "Diffa"), which reads as the town: the region still counts
    ("Gunmen attacked herders in the area of Gakooukou (Kourkoula, Tillabéri).", "Gakooukou",
     "gakoukou"),
    ("Gunmen attacked herders in the area of Ganooumiram (Kourkoula, Diffa).", "Ganooumiram",
     "ganoumiram"),
    # "in X Commune (...)": the commune's name, not a two-word village
    ("Militants clashed in Gakooukou Commune (Kourkoula, Tillabéri) overnight.", "Gakooukou",
     "gakoukou"),
])
def test_a_misspelt_village_is_read_in_the_region_its_bracket_names(
        gaz: Gazetteer, text: str, written: str, village: str) -> None:
    found = [m for m in find_places(text, gazetteer=gaz, doc=load_model()(text),
                                    actors=load_actor_dictionary()) if m.text == written]
    assert found and found[0].name is not None and normalise_name(found[0].name) == village


def test_a_stop_word_town_with_its_district_in_brackets_is_a_place(gaz: Gazetteer) -> None:
    # "San" is also a word of names ("San Francisco"); its bracket says it is the town
    got = where("A policeman was shot outside a bank in San (San, Segou).", "San", gaz)
    assert near(got, (13.30335, -4.89562), 10)


# --------------------------------------------------------------------------- the batch's countries


def _big_malian_batch() -> RunContext:
    return build_context([[(lat, lon, "ML")] for lat, lon in [
        (15.17, -7.28), (14.35, -3.61), (14.49, -4.19), (13.45, -6.26), (12.65, -8.0),
        (15.0, -2.95), (14.25, -5.99), (13.5, -7.5), (15.2, -7.0), (14.9, -7.5)] for _ in range(6)])


def _resolved(text: str, name: str, gaz: Gazetteer, context: RunContext | None) -> list[str]:
    return [m.country_code or "" for m in find_places(text, gazetteer=gaz, doc=load_model()(text),
                                                      actors=load_actor_dictionary(), context=context)
            if m.text == name and m.resolved]


@pytest.mark.parametrize("name", ["Dilli", "Gorey", "Leiria"])
def test_a_lone_name_is_not_sent_to_a_country_the_batch_and_article_never_name(
        gaz: Gazetteer, name: str) -> None:
    # a Malian batch: a hamlet the gazetteer lacks is not New Delhi, an Irish or a
    # Portuguese town; it stays unresolved instead
    text = f"Gunmen burned huts in the village of {name} on Sunday."
    assert _resolved(text, name, gaz, _big_malian_batch()) == []
    assert _resolved(text, name, gaz, None) != []  # without a batch, the reading stands


@pytest.mark.parametrize(("text", "name"), [
    ("Gunmen burned huts in the village of Hamburg on Sunday.", "Hamburg"),  # a great city
    ("Exiles protested in Nassau on Sunday.", "Nassau"),  # a capital
    ("Irish police questioned two men in Gorey on Sunday.", "Gorey"),  # the article says Ireland
])
def test_a_great_city_a_capital_or_a_country_the_article_names_stays(
        gaz: Gazetteer, text: str, name: str) -> None:
    assert _resolved(text, name, gaz, _big_malian_batch()) != []
