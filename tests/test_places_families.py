"""Where real reporting puts its events (issue #17, places): sentences written for these
tests, in the short style of conflict monitors' notes, with the country dumps imported.

Each family is a way a village-level place went wrong: a lone village name read as a
town abroad, a village with namesakes across the country, a people's name read as a
village, a village dropped because the parser called it something else.
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
from eventline.places.resolve import actor_countries
from eventline.settings import load_settings

# positions from GeoNames ML.txt
BANDIAGARA = (14.35005, -3.61038)
NIONO = (14.2526, -5.9929)


@pytest.fixture(scope="module")
def settings(geonames_dir: Path) -> dict:
    return load_settings(geonames_dir=str(geonames_dir))


@pytest.fixture(scope="module")
def gaz(settings: dict) -> Gazetteer:
    from eventline.gazetteer import load_gazetteer

    return load_gazetteer(settings)


def first(text: str, settings: dict) -> eventline.Event:
    events = eventline.extract(text, published="2021-05-04", source="Test Wire", settings=settings)
    assert events, f"no event in {text!r}"
    return min(events, key=lambda e: min(s.start for s in e.sources))


def places(text: str, gaz: Gazetteer, *, actors: bool = True) -> dict[str, tuple[str | None, float | None, float | None]]:
    found = find_places(text, gazetteer=gaz, doc=load_model()(text),
                        actors=load_actor_dictionary() if actors else None)
    return {m.text: (m.country, m.latitude, m.longitude) for m in found}


# --------------------------------------------------------------------------- armed groups vote


def test_a_named_armed_group_votes_for_the_country_it_fights_in(gaz: Gazetteer) -> None:
    votes = actor_countries("JNIM and the Macina Liberation Front claimed the raid.",
                            load_actor_dictionary(), gaz)
    assert votes.most_common(1)[0][0] == "ML"
    # state forces say nothing of where they are ("French forces" fight in Mali)
    assert not actor_countries("Operation Barkhane helicopters flew over.",
                               load_actor_dictionary(), gaz)


@pytest.mark.parametrize("village", ["Boni", "Nono", "Douna"])
def test_a_lone_village_beside_a_malian_group_is_the_malian_village(gaz: Gazetteer,
                                                                     village: str) -> None:
    text = f"JNIM fighters burned the mayor's office in {village} overnight."
    assert places(text, gaz)[village][0] == "Mali"


# --------------------------------------------------------------------------- "X (District, Region)"


def test_a_bracketed_district_picks_the_village_inside_it(gaz: Gazetteer) -> None:
    # several Malian villages are called Dogobala; the bracket names the one near Bandiagara
    got = places("Armed men raided Dogobala (Bandiagara, Mopti) before dawn and stole cattle.",
                 gaz)
    country, lat, lon = got["Dogobala"]
    assert country == "Mali" and lat is not None and lon is not None
    assert haversine_km(lat, lon, *BANDIAGARA) < 60


def test_a_commune_between_village_and_bracket_does_not_break_the_binding(gaz: Gazetteer) -> None:
    got = places("Raiders looted shops in Dogobala, Ningari Commune (Bandiagara, Mopti).", gaz)
    _, lat, lon = got["Dogobala"]
    assert lat is not None and lon is not None
    assert haversine_km(lat, lon, *BANDIAGARA) < 60


# --------------------------------------------------------------------------- peoples, not villages


@pytest.mark.parametrize(
    "text",
    [
        "A Bambara herder was shot dead by gunmen near Niono on Sunday.",
        "Gunmen attacked Bambara farmers near Niono on Sunday.",
    ],
)
def test_a_peoples_name_is_no_event_place(text: str, settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == "niono"


def test_the_village_named_after_of_is_the_place_not_the_people_before_it(settings: dict) -> None:
    event = first("Militiamen torched the Dogon village of Dogobala (Bandiagara, Mopti) on Sunday.",
                  settings)
    assert normalise_name(event.location) == "dogobala"
    assert event.latitude is not None and event.longitude is not None
    assert haversine_km(event.latitude, event.longitude, *BANDIAGARA) < 60


# --------------------------------------------------------------------------- villages kept


@pytest.mark.parametrize(
    ("text", "village"),
    [
        # spaCy tags lone unknown words NORP; the preposition says it is a place
        ("Seven gunmen on motorbikes attacked a military camp in Kinassani on Friday.", "kinassani"),
        # "the X area", "the X bridge": the village modifies a noun of place
        ("A herder was killed by a landmine in the Aguelhok area on Friday.", "aguelhok"),
        ("Gunmen fired on two buses at the Nonkona bridge on Friday.", "nonkona"),
        # "in the area of X": a place, even when the parser reads a person's name
        ("Unknown gunmen robbed traders in the area of Mounyou on Friday.", "mounyou"),
    ],
)
def test_a_village_is_kept_as_the_event_place(text: str, village: str, settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == village
    assert event.country == "Mali"


def test_a_lone_town_beside_a_foreign_capital_is_kept(settings: dict) -> None:
    # one Malian town, one Algerian city: neither country has more mentions, so the town
    # named as where the rally was is not dropped as a false hit
    event = first("Hundreds of demonstrators rallied in Kidal against the accord signed in Algiers.",
                  settings)
    assert normalise_name(event.location) == "kidal"


def test_a_wood_named_after_a_village_is_not_a_town_called_forest(gaz: Gazetteer) -> None:
    assert "Forest" not in places("Soldiers searched the Wagadou Forest for two days.", gaz)


def test_a_village_with_no_namesake_in_the_bracketed_district_gives_way_to_it(
        settings: dict) -> None:
    # the gazetteer's only Toubikoto lies in the far west (Kayes): the bracket says Niono,
    # so the event sits at the district's town, to the nearest tens of km
    event = first("Soldiers detained four herders in Toubikoto (Niono, Segou) on Sunday.",
                  settings)
    assert event.latitude is not None and event.longitude is not None
    assert haversine_km(event.latitude, event.longitude, *NIONO) < 30
    assert event.geo_precision == 2


# --------------------------------------------------------------------------- roads and pairs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # "between X and Y": both are places, whatever the parser calls them
        ("Bandits stopped a lorry between Boni and Douentza at noon.", {"Boni", "Douentza"}),
        # "axis X-Y", "the X-Y road": spaCy may read the pair as one person's name
        ("A mine hit a supply convoy on the axis Aguelhok-Tessalit.", {"Aguelhok", "Tessalit"}),
        # "the X checkpoint": a name modifying a noun of place
        ("The Bamba checkpoint came under fire at dusk.", {"Bamba"}),
    ],
)
def test_places_on_roads_and_at_posts_are_found(text: str, names: set[str], gaz: Gazetteer) -> None:
    got = places(text, gaz)
    assert names <= set(got), got


# --------------------------------------------------------------------------- divisions


GAO = (16.27167, -0.04472)


def _within_10_km(event, point: tuple[float, float]) -> bool:
    """The event is placed, at the town of ``point``."""
    return event.latitude is not None and event.longitude is not None and \
        haversine_km(event.latitude, event.longitude, *point) < 10


@pytest.mark.parametrize("text", [
    "Gunmen shot dead two lorry drivers in the Gao region on Monday.",
    "Gunmen looted a health centre in the Gao cercle on Monday.",
])
def test_an_event_in_a_division_sits_at_its_town(text: str, settings: dict) -> None:
    # ACLED codes an event known only by its district or region at the town that names it
    event = first(text, settings)
    assert _within_10_km(event, GAO)
    assert (event.geo_precision or 0) >= 2


def test_a_division_has_a_seat_in_the_gazetteer(gaz: Gazetteer) -> None:
    region = gaz.admin1[("ML", "09")]
    seat = gaz.seat(region)
    assert seat is not None and seat.name == "Gao" and seat.feature_class == "P"
    town = gaz.seat(seat)  # a town stands for itself: no seat
    assert town is None


@pytest.mark.parametrize("name", ["Ti-n-Essako", "I-n-Tebezas"])
def test_tamasheq_names_written_with_hyphens_are_read_whole(name: str, gaz: Gazetteer) -> None:
    got = places(f"Fighters of the two coalitions clashed near {name} on Tuesday.", gaz)
    assert got[name][0] == "Mali"


def test_the_area_of_a_town_is_placed_at_the_area(settings: dict) -> None:
    # "the X area of Y": Y only says where X is
    event = first("Gunmen shot dead a trader in the Soufouroulaye area of Mopti on Saturday.",
                  settings)
    assert normalise_name(event.location) == "soufouroulaye"


MOPTI = (14.4843, -4.18296)


@pytest.mark.parametrize("text", [
    # the gazetteer's only Kaouina lies near Timbuktu, hundreds of km from Mopti
    "Gunmen shot dead a trader in the Kaouina area of Mopti on Saturday.",
    # a quarter of a town is inside it: a namesake tens of km away is another place
    "Gunmen shot dead a tailor in the Toubara quarter of Mopti on Saturday.",
])
def test_an_area_read_far_from_its_town_is_placed_at_the_town(text: str, settings: dict) -> None:
    event = first(text, settings)
    assert _within_10_km(event, MOPTI)
    assert event.geo_precision == 2


def test_a_following_sentence_inherits_the_village_not_its_bracket(settings: dict) -> None:
    # the bracket locates the village; the toll given next belongs to the same attack
    events = eventline.extract(
        "Gunmen attacked a gendarmerie post in Dogobala (Bandiagara, Mopti) on Sunday. "
        "Six gendarmes were killed.", published="2021-05-04", source="Test Wire",
        settings=settings)
    assert len(events) == 1
    assert normalise_name(events[0].location) == "dogobala" and events[0].fatalities == 6


# --------------------------------------------------------------------------- coordinated verbs


def every(text: str, settings: dict) -> list[eventline.Event]:
    return eventline.extract(text, published="2021-05-04", source="Test Wire", settings=settings)


@pytest.mark.parametrize(("text", "town"), [
    ("On Tuesday, gunmen shot dead two shepherds and drove away their herd in the area of "
     "Tenenkou.", "tenenkou"),
    ("Suspected jihadists ambushed a supply convoy, set two lorries on fire and seized fuel "
     "near Douentza on Thursday.", "douentza"),
    ("On Sunday, armed men stormed a customs post, looted it and kidnapped three officers "
     "outside Niono.", "niono"),
])
def test_conjoined_verbs_share_the_place_named_after_the_last(text: str, town: str,
                                                             settings: dict) -> None:
    # the place phrase hangs on the last verb but says where each act happened
    events = every(text, settings)
    assert events
    assert {normalise_name(e.location) for e in events} == {town}


def test_a_verb_with_its_own_place_keeps_it_beside_a_conjoined_one(settings: dict) -> None:
    events = every("On Monday, gunmen shot dead three villagers in Bandiagara and stole cattle "
                   "near Niono.", settings)
    assert normalise_name(min(events, key=lambda e: min(s.start for s in e.sources)).location) \
        == "bandiagara"
    assert {normalise_name(e.location) for e in events} <= {"bandiagara", "niono"}


# --------------------------------------------------------------------------- streets of a town


@pytest.mark.parametrize(("text", "town"), [
    ("Hundreds of students took to the streets of Sikasso on Wednesday to denounce the "
     "closure of their school.", "sikasso"),
    ("Traders returned to the streets of Kayes on Friday to protest against a new market tax.",
     "kayes"),
    ("Women marched to the main square of Segou on Saturday to demand the release of the "
     "abducted teachers.", "segou"),
])
def test_the_streets_of_a_town_are_where_the_protest_was(text: str, town: str,
                                                         settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == town
    assert (event.geo_precision or 3) == 1


def test_a_town_reached_by_the_wounded_is_still_no_event_place(settings: dict) -> None:
    # the public-space reading must not swallow plain destinations
    event = first("Gunmen shot dead two guards in Niono on Monday; the wounded were flown to "
                  "Bamako.", settings)
    assert normalise_name(event.location) == "niono"


# --------------------------------------------------------------------------- spellings (issue #17)


def near(event: eventline.Event, point: tuple[float, float], km: float) -> bool:
    return event.latitude is not None and event.longitude is not None and haversine_km(
        event.latitude, event.longitude, *point) < km


@pytest.mark.parametrize(("text", "point"), [
    # a letter dropped: Ansongo, on the Niger river south of Gao
    ("A girl was killed by a landmine while herding sheep near Asongo, Gao region, on Monday.",
     (15.6597, 0.5022)),
    # a letter changed, in a Nigerien report
    ("Nigerien troops clashed with bandits near Kenamga, Niger, on Tuesday.", (13.12011, 12.10745)),
    # a village abroad spelled as written, in a note about Mali: the Malian one a letter away
    ("Katiba Macina militants burned the school in Zadierla on Monday.", (12.7118, -5.8935)),
])
def test_a_village_spelled_one_letter_off_is_the_village_of_the_articles_country(
        text: str, point: tuple[float, float], settings: dict) -> None:
    assert near(first(text, settings), point, 5)


def test_a_spelling_one_letter_off_far_from_its_named_town_is_not_guessed(settings: dict) -> None:
    # the one village a letter away lies in the far south; "near Mopti" says it is another
    event = first("Militiamen burned the hamlet of Zandierlo, near Mopti, on Sunday.", settings)
    assert near(event, MOPTI, 10) and event.geo_precision == 2


# --------------------------------------------------------------------------- brackets, qualifiers


@pytest.mark.parametrize(("text", "point"), [
    # "(District, Region)" after "near X": the bracket locates X, the event is at X
    ("Soldiers were ambushed near Hombori (Douentza, Mopti) on Monday.", (15.2792, -1.6969)),
])
def test_a_bracket_picks_the_village_and_is_no_event_place(text: str, point: tuple[float, float],
                                                           settings: dict) -> None:
    assert near(first(text, settings), point, 15)


def test_a_bracket_whose_first_name_is_unknown_still_names_the_region(settings: dict) -> None:
    # the gazetteer knows no "Kelbakar": the region after it still rules out the Doros elsewhere
    event = first("Unknown gunmen abducted a trader near Doro (Kelbakar, Gao) on Monday.", settings)
    assert event.country == "Mali" and normalise_name(event.admin1 or "") == "gao"


def test_a_region_after_a_comma_picks_the_village_inside_it(settings: dict) -> None:
    # Burkina Faso has a Douna too, and the border is named; "Douna, Mopti" is in Mali's Mopti
    event = first("Gunmen entered the village of Douna, Mopti near the Burkina Faso border and "
                  "abducted a herder.", settings)
    assert event.country == "Mali" and normalise_name(event.admin1 or "") == "mopti"
    assert normalise_name(event.location) == "douna"


def test_towns_listed_after_a_comma_are_no_qualifiers(settings: dict) -> None:
    events = every("Rebels attacked army posts in Gao, Kidal and Timbuktu on Monday.", settings)
    assert {normalise_name(e.location) for e in events} == {"gao", "kidal", "timbuktu"}


# --------------------------------------------------------------------------- between two towns


@pytest.mark.parametrize(("text", "town"), [
    ("On Monday, gunmen ambushed a convoy between Gossi and Hombori, killing two soldiers.", "gossi"),
    ("Rebels and loyalist troops clashed on the road between Zintan and Nalut on Monday.", "zintan"),
    ("A mine struck a bus on the Gao-Ansongo road on Monday, killing four passengers.", "gao"),
])
def test_an_event_between_two_towns_is_coded_at_the_first(text: str, town: str,
                                                          settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == town and event.geo_precision == 2


# --------------------------------------------------------------------------- not the event's place


@pytest.mark.parametrize(("text", "not_country"), [
    # a dateline after the page's furniture on its line: where the reporter files from
    ("Syria's army keeps up its siege.\nBEIRUT | Mon Mar 5, 2012 BEIRUT (Reuters) - Syrian "
     "troops shelled rebel positions on Monday, activists said.", "Lebanon"),
    # the reporter's place, told like a dateline
    ("Yemen's war goes on. Our correspondent in neighbouring Oman says Houthi fighters "
     "shelled government positions in Taiz on Monday.", "Oman"),
    # a yardstick
    ("Marines entered Ramadi in force on Tuesday, fighting their way into a town the size of "
     "Bristol.", "United Kingdom"),
])
def test_places_that_only_frame_the_report_are_no_event_place(text: str, not_country: str,
                                                              settings: dict) -> None:
    events = every(text, settings)
    assert events and all(e.country != not_country for e in events)


# --------------------------------------------------------------------------- who fights where


@pytest.mark.parametrize(("text", "region"), [
    # Walia is four villages of Kayes and one of Mopti, where Dan Na Ambassagou fights
    ("Dan Na Ambassagou militiamen burned granaries in Walia on Sunday.", "mopti"),
    # Kandia: villages of Koulikoro and Kayes, and one of the Gao region, where GATIA fights
    ("GATIA fighters clashed with unknown gunmen near Kandia on Sunday.", "gao"),
])
def test_a_named_group_leans_a_recurring_village_name_to_the_regions_it_fights_in(
        text: str, region: str, settings: dict) -> None:
    event = first(text, settings)
    assert event.country == "Mali" and normalise_name(event.admin1 or "") == region


# --------------------------------------------------------------------------- the act's own place


@pytest.mark.parametrize(("text", "town"), [
    # an official's seat names whom the victim stands for, not where it happened
    ("Gunmen abducted the mayor of Boni in Hombori on Monday.", "hombori"),
    ("Rebels abducted the mayor of Zintan in Nalut on Friday.", "nalut"),
    # where the people came from
    ("Dozens of students from Kidal demonstrated in Gao on Monday against the closure of "
     "their school.", "gao"),
    # where they went is where the act that follows was done
    ("On Sunday, members of the family went to Tenenkou and killed seven herders.", "tenenkou"),
    ("On Sunday, rebel fighters drove into Zintan and seized the army barracks.", "zintan"),
    # the clause nested in the act ("when ...") says where it happened
    ("Four aid workers were kidnapped on Monday when gunmen raided their office in Ansongo.",
     "ansongo"),
])
def test_the_act_is_placed_where_it_happened(text: str, town: str, settings: dict) -> None:
    assert normalise_name(first(text, settings).location) == town


def test_the_only_place_named_with_an_official_is_still_the_place(settings: dict) -> None:
    assert normalise_name(first("The mayor of Mondoro was shot dead by gunmen on Monday.",
                                settings).location) == "mondoro"


def test_a_village_in_a_town_area_read_far_away_gives_way_to_the_town(settings: dict) -> None:
    # "X in the Y area": X lies in Y; the gazetteer's only Kaouina is hundreds of km off
    event = first("On Monday, militiamen attacked the village of Kaouina in the Mopti area, "
                  "killing one man.", settings)
    assert near(event, MOPTI, 10) and event.geo_precision == 2


def test_a_lone_name_leans_to_the_imported_countries(settings: dict) -> None:
    # Côte d'Ivoire has a hamlet of Douna in cities500; the imported dumps have a dozen
    # villages so named, most in Mali
    event = first("On Monday, gunmen attacked the village of Douna, killing two herders.",
                  settings)
    assert event.country == "Mali"


# --------------------------------------------------------------------------- places kept in notes


@pytest.mark.parametrize(("text", "town"), [
    # the tagger calls the village a common noun; "the village of" says it is a place
    ("On Monday, militants attacked the Dogon village of Oundou and killed four civilians.",
     "oundou"),
    # "approaching X": a place, whatever the tagger calls it
    ("The lead vehicle of a convoy approaching Tessalit hit a land mine, killing three soldiers.",
     "tessalit"),
    # a town's institution: the airstrip is in the town; the peacekeeper's home is no vote
    ("A roadside bomb struck a UN vehicle, wounding a peacekeeper from Guinea 400 metres from "
     "the Kidal airstrip.", "kidal"),
    # where the truck was going is not where it was attacked
    ("On Monday, gunmen attacked a truck leaving Gao for Ayorou, Niger, and robbed the "
     "passengers.", "gao"),
    # a mission named for a country votes for it: the lone village is the Malian one
    ("A Chadian MINUSMA vehicle hit a landmine near Douna on Monday.", "douna"),
])
def test_places_of_terse_notes_are_kept(text: str, town: str, settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == town and event.country == "Mali"


def test_a_people_named_after_from_is_no_place(settings: dict) -> None:
    event = first("On Monday, soldiers killed six civilians from the Tuareg community near "
                  "Tessit.", settings)
    assert normalise_name(event.location) == "tessit"


# --------------------------------------------------------------------------- slots of place (h19q)


@pytest.mark.parametrize(("text", "town"), [
    # a direction from a town: a place, whatever the tagger calls the name
    ("A patrol ran over a mine south of Tessalit on Monday, hurting two soldiers.",
     "tessalit"),
    # what an attack or a raid was made on (Mali, Burkina Faso)
    ("At dawn on Sunday, an attack by gunmen on Fafa left two soldiers dead.", "fafa"),
    ("Jihadists carried out a raid on Inata on Monday, killing five gendarmes.", "inata"),
    # a settlement's own noun after its name, with no article before it
    ("Armed men raided Arkodia village at dawn on Friday and killed a herder.", "arkodia"),
    # a town's own people report what happened there
    ("Two explosions and heavy gunfire were reported overnight by Kidal inhabitants.", "kidal"),
    # a slot at the start of a sentence is a slot all the same
    ("Residents of Bourem said gunmen had killed two traders on Sunday.", "bourem"),
])
def test_a_slot_of_place_keeps_a_small_town_the_tagger_misreads(text: str, town: str,
                                                                settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == town


@pytest.mark.parametrize(("text", "name"), [
    # a village chief's village
    ("Gunmen abducted the village chief of Sare-Kina on Tuesday night.", "Sare-Kina"),
    # a settlement noun before the name, without "of"
    ("Militiamen burned the Fulani hamlet Samani to the ground on Sunday.", "Samani"),
    # the article before a pair of towns and the noun after it speak for both
    ("Two herders were shot in the Dogofri-Diabaly area on Friday.", "Diabaly"),
])
def test_a_slot_of_place_finds_the_village(text: str, name: str, gaz: Gazetteer) -> None:
    found = places(text, gaz)
    assert name in found and found[name][0] == "Mali"


@pytest.mark.parametrize(("text", "town"), [
    # a town's possessive only says where the next place is
    ("Three soldiers were wounded by a mine in Kidal's Anefis area on Monday.", "anefis"),
    ("Kidal's mayor said gunmen had shot dead two traders in the town on Monday.", "kidal"),
])
def test_a_town_in_the_possessive_locates_the_place_it_owns(text: str, town: str,
                                                            settings: dict) -> None:
    assert normalise_name(first(text, settings).location).startswith(town)


def test_an_attack_on_a_person_does_not_make_the_person_a_town(gaz: Gazetteer) -> None:
    # the target slot backs up a small town; it never overrides a person's name abroad
    assert "Obama" not in places("Police said the attack on Obama had been planned for "
                                 "months.", gaz)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police post in the town of San on Sunday, killing one officer.",
    "On Monday, gunmen shot dead a trader in San and fled on motorbikes.",
    "Striking teachers took to the streets of San on Tuesday to demand their arrears.",
])
def test_a_stop_listed_word_is_a_town_in_a_slot_of_place(text: str, settings: dict) -> None:
    event = first(text, settings)
    assert normalise_name(event.location) == "san" and event.country == "Mali"


@pytest.mark.parametrize("text", [
    "The San people of the Kalahari held a meeting on Monday.",
    "Talks between the rebels and the army resumed in May.",
])
def test_a_stop_listed_word_outside_a_slot_is_no_town(text: str, gaz: Gazetteer) -> None:
    assert not set(places(text, gaz)) & {"San", "May"}


# --------------------------------------------------------------------------- the act's town (h19q)


def test_a_town_in_another_acts_clause_beats_the_capital(settings: dict) -> None:
    # the town is named where the hunters went back to; the killing is told in a later
    # clause of the same sentence: still there, not at the country's capital
    event = first("On Friday, hunters returned to the hamlet of Sofara where herders were "
                  "massacred, the hunters arrived after the gendarmes had left the hamlet and "
                  "killed an old man and looted shops.", settings)
    assert normalise_name(event.location) == "sofara"


def test_where_victims_were_carried_is_still_no_event_place(settings: dict) -> None:
    event = first("Gunmen killed a trader on Sunday and took his two sons to Gao.", settings)
    assert normalise_name(event.location) != "gao"


def test_setting_fire_to_a_building_is_no_journey(settings: dict) -> None:
    from eventline.extract.arguments import _is_destination
    from eventline.models import PlaceMention

    def destination(text: str) -> bool:
        doc = load_model()(text)
        at = text.index("Tessit")
        return _is_destination(next(iter(doc.sents)),
                               PlaceMention(text="Tessit", start=at, end=at + len("Tessit")))

    assert not destination("Two men set fire to the health centre in Tessit.")
    assert not destination("Jihadists set fire to the granaries in Tessit.")
    assert destination("Jihadists set off to Tessit.")


def test_a_place_told_by_the_next_sentence_beats_the_capital(settings: dict) -> None:
    event = first("Unknown gunmen killed two traders on Sunday. Residents of Bourem said the "
                  "men were on their way to the market.", settings)
    assert normalise_name(event.location) == "bourem"
    # not across a paragraph: the next paragraph may tell another story
    event = first("Unknown gunmen killed two traders on Sunday.\n\nResidents of Bourem held a "
                  "march on Monday against rising prices.", settings)
    assert normalise_name(event.location) != "bourem"


def test_the_first_town_of_a_list_is_the_events_and_the_others_get_their_own(
        settings: dict) -> None:
    text = "In Aguelhok and Tessalit, rebels abducted ten children on Monday."
    events = every(text, settings)
    assert [normalise_name(e.location) for e in events] == ["aguelhok", "tessalit"]


def test_a_town_beats_a_division_as_precise_as_it(settings: dict) -> None:
    # "in Mopti region, near Sofara": the region sits at its seat, approximately like the
    # town near which it happened; the town says more
    event = first("Two herders were shot dead in Mopti region, near Sofara, on Sunday.", settings)
    assert normalise_name(event.location) == "sofara"


@pytest.mark.parametrize("text", [
    "Hunters from Tagourou-Dogon and herders from Tagourou-Peulh fought over a well on "
    "Monday.",
    "Gunmen shot dead two herders in Tagourou-Dogon on Monday.",
])
def test_a_villages_quarter_named_for_its_people_is_the_village(text: str,
                                                               settings: dict) -> None:
    assert normalise_name(first(text, settings).location) == "tagourou"


def test_a_list_on_an_axis_is_no_list(settings: dict) -> None:
    # "on the axis X and Y": a stretch between two towns, not an event in each
    events = every("On Sunday, soldiers intercepted a pick-up on the axis Gao and Bourem and "
                   "arrested three men.", settings)
    assert len(events) == 1
