"""Event extraction on sentences written for these tests, from conflicts other than Mali.

Each case is what an ACLED coder would write for the sentence; the rules must
generalise beyond the development articles.
"""

from __future__ import annotations

import pytest

import eventline
from eventline.fuse import haversine_km
from eventline.models import EVENT_TYPES


def one(text: str, published: str | None) -> eventline.Event:
    events = eventline.extract(text, published=published, source="Test Wire")
    assert len(events) == 1, [(e.event_type, e.sub_event_type, e.event_date) for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("text", "published", "etype", "sub", "date"),
    [
        ("Islamic State fighters captured the Syrian city of Palmyra on Wednesday after days of "
         "fighting.", "2015-05-21", "Battles", "Non-state actor overtakes territory", "2015-05-20"),
        ("Iraqi forces retook the city of Ramadi from Islamic State militants on Monday.",
         "2015-12-29", "Battles", "Government regains territory", "2015-12-28"),
        ("Five civilians were wounded when gunmen attacked a market in Maiduguri on Saturday.",
         "2016-02-01", "Violence against civilians", "Attack", "2016-01-30"),
        ("Gunmen abducted three aid workers in Mogadishu on Monday, a local official said.",
         "2017-03-08", "Violence against civilians", "Abduction/forced disappearance", "2017-03-06"),
        ("Warplanes bombed rebel positions in Aleppo on Tuesday, killing 12 fighters.",
         "2016-09-28", "Explosions/Remote violence", "Air/drone strike", "2016-09-27"),
        ("Thousands of protesters marched through Khartoum on Friday, demanding the release of "
         "detained activists.", "2019-01-20", "Protests", "Peaceful protest", "2019-01-18"),
        ("Police arrested the opposition leader in Kampala on Monday, his lawyer said.",
         "2020-11-20", "Strategic developments", "Arrests", "2020-11-16"),
        ("On Saturday, a crowd in Goma killed a police officer accused of extortion.",
         "2019-02-18", "Riots", "Mob violence", "2019-02-16"),
    ],
)
def test_sentence_is_typed_and_dated_like_an_acled_coder_would(
    text: str, published: str, etype: str, sub: str, date: str
) -> None:
    event = one(text, published)
    assert (event.event_type, event.sub_event_type) == (etype, sub)
    assert sub in EVENT_TYPES[etype]
    assert event.event_date == date
    assert event.time_precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "The rebels threatened to attack Goma if talks fail.",
        "Government troops did not capture Kandahar, officials said.",
        "Militants could attack Mogadishu next week, police warned.",
        "Will the army retake Mosul before the elections?",
        "The minister called on soldiers to fight the insurgents.",
        "Militants often attack villages.",
    ],
)
def test_threats_denials_plans_questions_and_generalities_are_not_events(text: str) -> None:
    assert eventline.extract(text, published="2017-05-02") == []


def test_state_forces_and_named_groups_get_acled_names_and_inter_codes() -> None:
    event = one("Iraqi forces retook the city of Ramadi from Islamic State militants on Monday.",
                "2015-12-29")
    assert event.actor1 == "Military Forces of Iraq" and event.inter1 == 1
    assert event.actor2 is not None and event.actor2.startswith("Islamic State")


def test_crowd_killing_is_coded_to_rioters_of_the_country() -> None:
    event = one("On Saturday, a crowd in Goma killed a police officer accused of extortion.",
                "2019-02-18")
    assert event.actor1 == "Rioters (Democratic Republic of Congo)"  # ACLED spelling
    assert event.inter1 == 5
    assert event.fatalities == 1


def test_vague_counts_follow_acled_and_are_summed() -> None:
    event = one("Clashes between soldiers and al-Shabaab militants in Mogadishu on Friday left "
                "23 soldiers and dozens of militants dead.", "2018-04-16")
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (35, 35, 35)
    assert event.fatalities == 35


def test_a_range_keeps_both_bounds_and_the_acled_column_takes_the_lower() -> None:
    event = one("One or two protesters were killed when police opened fire on demonstrators in "
                "Khartoum on Thursday.", "2019-01-20")
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.actor1 == "Protesters (Sudan)"
    assert (event.fatalities_low, event.fatalities_high) == (1, 2)
    assert event.fatalities == 1


def test_wounded_are_not_fatalities() -> None:
    event = one("Five civilians were wounded when gunmen attacked a market in Maiduguri on Saturday.",
                "2016-02-01")
    assert event.fatalities == 0 and event.fatalities_best is None


def test_suicide_bomber_is_counted_with_his_victims() -> None:
    event = one("A suicide bomber blew himself up at a checkpoint in Kandahar on Sunday, killing "
                "four soldiers.", "2016-03-08")
    assert event.sub_event_type == "Suicide bomb"
    assert event.fatalities == 5


def test_relative_date_and_place_carry_to_the_next_sentence() -> None:
    events = eventline.extract(
        "On Saturday, rioters in Goma burned tyres and stoned police. "
        "A day earlier, gunmen shot dead a journalist in the city.",
        published="2019-02-18",
    )
    by_type = {e.event_type: e for e in events}
    assert by_type["Riots"].event_date == "2019-02-16"
    killing = by_type["Violence against civilians"]
    assert killing.event_date == "2019-02-15"
    assert killing.location == by_type["Riots"].location
    assert killing.fatalities == 1


def test_coup_is_coded_to_the_capital_with_country_precision() -> None:
    event = one("Soldiers seized power in Niger on Wednesday, detaining the president.",
                "2023-07-27")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")
    assert event.country == "Niger" and event.geo_precision == 3
    assert haversine_km(event.latitude, event.longitude, 13.51, 2.11) < 25  # Niamey


def test_evidence_is_the_sentence_at_its_offsets() -> None:
    text = ("Aid groups asked for calm. Warplanes bombed rebel positions in Aleppo on Tuesday, "
            "killing 12 fighters.")
    event = one(text, "2016-09-28")
    src = event.sources[0]
    assert text[src.start : src.end] == src.quote
    assert src.quote.startswith("Warplanes bombed")
    assert src.source == "Test Wire" and src.published == "2016-09-28"


def test_unknown_publication_date_is_never_invented_and_the_event_is_kept_undated() -> None:
    undated = eventline.extract("On Saturday, gunmen attacked a village near Maiduguri.")
    assert [(e.sub_event_type, e.event_date, e.time_precision) for e in undated] == [
        ("Attack", None, 3)]
    assert "[date: unknown]" in undated[0].notes
    for text in ("Kenyan troops overran an al-Shabaab camp in the Lower Juba region.",
                 "Thousands of farmers marched through the centre of Lima against the new tax."):
        events = eventline.extract(text)
        assert len(events) == 1 and events[0].event_date is None, text
    events = eventline.extract("On 12 May 2014, gunmen attacked a village near Maiduguri.")
    assert [e.event_date for e in events] == ["2014-05-12"]
    assert events[0].geo_precision == 2  # near the town


@pytest.mark.parametrize(
    ("text", "published", "etype", "sub"),
    [
        ("Rebel artillery shelled residential districts of Donetsk on Sunday, killing three "
         "civilians.", "2015-01-20", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded under a police vehicle in Kandahar on Tuesday, killing two "
         "officers.", "2016-05-12", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Militants threw a grenade into a crowded market in Mogadishu on Friday, wounding six "
         "people.", "2017-06-11", "Explosions/Remote violence", "Grenade"),
        ("Drone strikes hit Houthi positions near Sanaa on Monday, killing at least 15 fighters.",
         "2019-06-20", "Explosions/Remote violence", "Air/drone strike"),
        ("Gunmen raped several women in a village near Goma on Saturday, a local official said.",
         "2019-03-05", "Violence against civilians", "Sexual violence"),
        ("Police fired tear gas to disperse protesters in Kampala on Tuesday.", "2020-11-20",
         "Protests", "Protest with intervention"),
        ("Rioters set fire to government buildings in Bamako on Friday.", "2020-07-12",
         "Riots", "Violent demonstration"),
        ("The government and the rebels signed a ceasefire agreement in Juba on Monday.",
         "2018-07-03", "Strategic developments", "Agreement"),
        ("Soldiers defused a car bomb near the central market in Maiduguri on Wednesday.",
         "2016-09-02", "Strategic developments", "Disrupted weapons use"),
        ("Government troops withdrew from the town of Kidal on Thursday without a fight.",
         "2012-03-31", "Strategic developments", "Non-violent transfer of territory"),
        ("Fighters of the Islamic State set up a base in the village of Tillia on Monday.",
         "2019-06-20", "Strategic developments", "Headquarters or base established"),
        ("Al-Shabaab fighters attacked a military base in Lower Shabelle on Friday, sparking hours "
         "of fighting with Somali troops.", "2019-08-25", "Battles", "Armed clash"),
    ],
)
def test_every_family_of_acled_sub_event_types_is_recognised(
    text: str, published: str, etype: str, sub: str
) -> None:
    event = one(text, published)
    assert (event.event_type, event.sub_event_type) == (etype, sub)


def test_fatalities_of_a_shelling_count_the_dead_not_the_wounded() -> None:
    event = one("Rebel artillery shelled residential districts of Donetsk on Sunday, killing three "
                "civilians and wounding ten.", "2015-01-20")
    assert event.fatalities == 3


@pytest.mark.parametrize(
    ("text", "etype", "sub", "actor1", "fatalities"),
    [
        ("On 14 May 2019, JNIM militants attacked a FAMa position in Boulkessi (Mopti), killing "
         "11 soldiers.", "Battles", "Armed clash", "JNIM", 11),
        ("On 3 January 2020, suspected Boko Haram militants abducted 10 civilians near Gwoza (Borno).",
         "Violence against civilians", "Abduction/forced disappearance", "Boko Haram", 0),
        ("On 9 April 2023, Sudanese Armed Forces (SAF) airstrikes hit RSF positions in Khartoum. "
         "5 fatalities reported.", "Explosions/Remote violence", "Air/drone strike",
         "Military Forces of Sudan", 5),
        ("On 15 October 2021, Russian forces shelled Kharkiv, killing 2 civilians.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack", "Military Forces of Russia", 2),
    ],
)
def test_acled_style_event_descriptions(text: str, etype: str, sub: str, actor1: str,
                                        fatalities: int) -> None:
    event = one(text, None)  # absolute dates: no publication date needed
    assert (event.event_type, event.sub_event_type) == (etype, sub)
    assert event.actor1 is not None and event.actor1.startswith(actor1)
    assert event.fatalities == fatalities


def test_a_bracketed_region_after_a_place_is_not_the_town_itself() -> None:
    event = one("On 14 May 2019, JNIM militants attacked a FAMa position in Boulkessi (Mopti), "
                "killing 11 soldiers.", None)
    assert event.geo_precision >= 2  # Boulkessi is not in the default gazetteer: Mopti region


def test_a_full_report_gives_one_row_per_incident_and_drops_background_totals() -> None:
    text = (
        "Gunmen kill 14 in attack on Nigerian village\n\n"
        "MAIDUGURI, Nigeria - Suspected Boko Haram insurgents killed at least 14 people in a raid "
        "on a village in Borno state late on Sunday, residents said on Tuesday.\n\n"
        "The attackers arrived on motorcycles and opened fire on villagers before setting homes "
        "alight, said a leader of the Civilian Joint Task Force, a militia that fights alongside "
        "the army.\n\n"
        "A day earlier, troops repelled an attack on a military base in Monguno, killing 12 "
        "insurgents, an army spokesman said. Two soldiers were wounded.\n\n"
        "Boko Haram has killed more than 30,000 people since it began its insurgency in 2009.\n"
    )
    events = eventline.extract(text, published="2019-08-20")
    assert all(e.fatalities < 1000 for e in events)  # the running total is not an incident
    raid = [e for e in events if e.event_type == "Violence against civilians"]
    assert raid and all(e.actor1 and e.actor1.startswith("Boko Haram") for e in raid)
    assert not any(e.actor1 and e.actor1.startswith("CJTF") for e in events)  # the speaker's militia
    base = [e for e in events if e.event_type == "Battles"]
    assert len(base) == 1 and base[0].fatalities == 12 and base[0].location == "Monguno"
    assert base[0].actor1 == "Military Forces of Nigeria"


def test_weapons_decide_remote_violence_and_interceptions_are_not_attacks() -> None:
    text = (
        "KYIV, Ukraine - Russian missiles struck an apartment building in Kharkiv early on "
        "Thursday, killing four people and wounding 22, the regional governor said.\n\n"
        "The strike came a day after a drone attack on the city's energy infrastructure left "
        "thousands without power.\n\n"
        "Moscow said its air defences shot down 12 Ukrainian drones over the Belgorod region "
        "overnight.\n"
    )
    events = eventline.extract(text, published="2023-05-25")
    subs = {e.sub_event_type: e for e in events}
    missile = subs["Shelling/artillery/missile attack"]
    assert missile.actor1 == "Military Forces of Russia" and missile.fatalities == 4
    assert missile.location == "Kharkiv" and missile.event_date == "2023-05-25"
    drone = subs["Air/drone strike"]
    assert drone.event_date == "2023-05-24" and drone.location == "Kharkiv"
    assert "Disrupted weapons use" in subs
    assert "Attack" not in subs


def test_a_correspondents_dateline_abroad_is_not_the_event_place() -> None:
    text = (
        "BANGKOK (Reuters) - A Myanmar military air strike on a school in the northwestern "
        "Sagaing region killed at least 11 children on Friday, a rebel group said.\n\n"
        "Separately, clashes between the KIA and junta troops near Hpakant in Kachin State on "
        "Saturday killed three soldiers, the group said.\n"
    )
    events = eventline.extract(text, published="2022-09-19")
    assert events and all(e.country == "Myanmar" for e in events)
    strike = next(e for e in events if e.event_type == "Explosions/Remote violence")
    assert strike.sub_event_type == "Air/drone strike" and strike.fatalities == 11
    assert strike.actor1 == "Military Forces of Myanmar"
    clash = next(e for e in events if e.event_type == "Battles")
    assert clash.actor1.startswith("KIA") and clash.fatalities == 3 and clash.geo_precision == 2


def test_a_roundup_keeps_each_country_apart_and_reads_missiles_fired() -> None:
    text = (
        "Al-Shabaab fighters ambushed a convoy of African Union troops near Afgoye on Tuesday, "
        "sparking a gun battle that left at least seven soldiers dead, a Somali military officer "
        "said.\n\n"
        "In Yemen, Houthi rebels fired a ballistic missile at a military camp in Marib on "
        "Wednesday, killing 12 government soldiers, a local official said. The Saudi-led "
        "coalition responded with airstrikes on Houthi positions in Sanaa.\n\n"
        "Police in Mogadishu arrested three men suspected of planning a car bomb attack, the "
        "security ministry said on Thursday.\n"
    )
    events = eventline.extract(text, published="2020-02-14")
    by_sub = {e.sub_event_type: e for e in events}
    ambush = by_sub["Armed clash"]
    assert ambush.country == "Somalia" and ambush.geo_precision == 2  # "near Afgoye"; "Somali" is no region
    missile = by_sub["Shelling/artillery/missile attack"]
    assert missile.country == "Yemen" and missile.fatalities == 12 and missile.actor1.startswith("Houthi")
    assert by_sub["Air/drone strike"].location == "Sanaa"
    assert by_sub["Arrests"].location == "Mogadishu"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A roadside bomb killed four soldiers near Kandahar on Tuesday.",
         "Remote explosive/landmine/IED"),
        ("A suicide bomber's vest killed nine worshippers at a mosque in Kano on Friday.",
         "Suicide bomb"),
    ],
)
def test_a_device_that_kills_makes_it_an_explosion(text: str, sub: str) -> None:
    event = one(text, "2019-06-05")
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", sub)
    assert event.fatalities >= 4


def test_police_raids_are_arrests_or_nothing_not_battles() -> None:
    event = one("Police raided a house in Leeds on Monday and arrested two men.", "2019-06-05")
    assert event.sub_event_type == "Arrests"
    assert eventline.extract("Police launched further raids early Monday in east London.",
                             published="2019-06-05") == []


def test_gunmen_killing_people_in_a_raid_attack_civilians() -> None:
    event = one("Gunmen raided a house in Kano on Monday and killed two men.", "2019-06-05")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor2 == "Civilians (Nigeria)" and event.inter2 == 7
    assert event.fatalities == 2


def test_a_photo_taken_somewhere_is_not_a_takeover() -> None:
    text = "The bomber is seen in this image taken from CCTV in Manchester on Monday."
    assert eventline.extract(text, published="2017-06-05") == []
    # a town is still taken
    event = one("Rebels took the town of Kidal in Mali on Friday.", "2012-03-31")
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_a_follow_up_sentence_adds_to_the_incident_it_continues() -> None:
    text = ("On the morning of 1 March 2019, Taliban gunmen and suicide bombers attacked an army "
            "camp in Helmand Province, Afghanistan. They killed 23 Afghan soldiers and injured "
            "another 15.")
    events = eventline.extract(text, published="2019-03-02")
    assert len(events) == 1, [(e.sub_event_type, e.fatalities) for e in events]
    assert events[0].actor1 == "Taliban" and events[0].actor2 == "Military Forces of Afghanistan"
    assert events[0].fatalities == 23 and len(events[0].sources) == 2  # both sentences quoted
    assert events[0].country == "Afghanistan"


def test_a_state_as_owner_or_sponsor_is_not_where_it_happened() -> None:
    text = ("A roadside bomb killed a general near Deir ez-Zor in Syria on Monday. Three other "
            "soldiers were wounded, Russia's state news agency reported.")
    events = eventline.extract(text, published="2019-12-31")
    assert [e.country for e in events] == ["Syria"]
    event = one("US-backed militias captured the village of Baghuz in Syria on Saturday.",
                "2019-03-25")
    assert event.country == "Syria"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Militants bombed a police station in Quetta on Monday.", "Remote explosive/landmine/IED"),
        ("Warplanes bombed rebel positions in Idlib on Monday.", "Air/drone strike"),
        ("A suicide bombing at a market in Maiduguri killed 12 people on Monday.", "Suicide bomb"),
    ],
)
def test_bombing_is_typed_by_what_delivered_the_bomb(text: str, sub: str) -> None:
    assert one(text, "2019-06-05").sub_event_type == sub


def test_the_group_claiming_a_bombing_is_its_actor() -> None:
    event = one("Al-Shabaab claimed responsibility for the bombing in Mogadishu on Monday.",
                "2019-06-05")
    assert event.actor1 == "Al Shabaab" and event.location == "Mogadishu"


def test_a_lone_town_after_in_is_placed_even_when_spacy_calls_it_a_nationality() -> None:
    event = one("The army attacked rebel positions in Kidal on Saturday.", "2012-06-05")
    assert (event.location, event.country, event.geo_precision) == ("Kidal", "Mali", 1)


def test_what_might_happen_is_not_an_event() -> None:
    text = "Police are concerned about the prospect of terrorists using drones to launch attacks."
    assert eventline.extract(text, published="2019-06-05") == []


def test_patients_detained_in_hospital_are_not_arrests() -> None:
    text = "Ninety six people were detained in hospital in Belfast on Friday."
    assert [e.sub_event_type for e in eventline.extract(text, published="1972-07-22")] == []
    assert one("Police detained six people in Belfast on Friday.", "1972-07-22").sub_event_type \
        == "Arrests"


def test_a_tally_is_not_an_incident_and_subsets_are_not_added() -> None:
    assert eventline.extract("By the end of 1972, 496 had been killed, 258 of them civilians.",
                             published="1973-01-02") == []
    assert one("Gunmen killed 12 people in Kano on Monday, two of them children.",
               "2019-06-05").fatalities == 12
    assert one("Two of the 12 people killed on Monday in Kano were police officers.",
               "2019-06-05").fatalities == 12


def test_taking_a_phone_order_is_not_taking_a_town() -> None:
    text = ("On April 15 she took a phone order from a caller who requested delivery to Room 25 "
            "at the motel in Junction City.")
    assert eventline.extract(text, published="1995-04-20") == []


@pytest.mark.parametrize("text", ["Rebels seized Kidal on Friday.",
                                  "Rebels took control of Kidal on Friday."])
def test_a_lone_town_spacy_calls_a_nationality_is_still_taken(text: str) -> None:
    event = one(text, "2012-03-31")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert (event.location, event.country, event.event_date) == ("Kidal", "Mali", "2012-03-30")


def test_two_armies_fighting_each_other_are_both_sides_of_one_battle() -> None:
    event = one("Sudan's army and the paramilitary Rapid Support Forces fought for a third day in "
                "Khartoum on Monday, with air strikes hitting the capital.", "2023-04-18")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.actor1 == "Military Forces of Sudan" and event.actor2.startswith("RSF")
    event = one("Fighting between Armenian and Azerbaijani forces over Nagorno-Karabakh entered a "
                "third day on Tuesday.", "2020-09-29")
    assert event.sub_event_type == "Armed clash" and event.event_date == "2020-09-29"
    assert event.location == "Nagorno-Karabakh" and event.country == "Azerbaijan"


def test_who_was_on_the_receiving_end_of_shelling() -> None:
    event = one("Russian forces shelled residential areas of Kharkiv overnight, killing at least "
                "five people, the governor said on Tuesday.", "2022-03-15")
    assert event.actor1 == "Military Forces of Russia" and event.actor2 == "Civilians (Ukraine)"
    event = one("Russian forces shelled Ukrainian positions near Bakhmut on Tuesday, killing three "
                "soldiers.", "2023-01-11")
    assert event.actor2 == "Military Forces of Ukraine" and event.fatalities == 3


def test_fighting_between_two_nations_forces_names_both() -> None:
    event = one("Fighting between Armenian and Azerbaijani forces over Nagorno-Karabakh entered a "
                "third day on Tuesday.", "2020-09-29")
    assert {event.actor1, event.actor2} == {"Military Forces of Armenia",
                                            "Military Forces of Azerbaijan"}


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("At least 21 people were killed and 117 wounded in Mogadishu on Friday.", 21),
        ("The blast killed 5 and injured 20 in Kabul on Monday.", 5),
        ("Security forces opened fire on protesters in several cities on Sunday, killing at least "
         "18 people.", 18),
        ("Dozens of people were killed in Kano on Monday.", 12),
    ],
)
def test_the_dead_are_counted_apart_from_the_wounded_and_from_places(text: str, dead: int) -> None:
    assert one(text, "2021-03-01").fatalities == dead


def test_police_answering_a_protest_with_tear_gas_and_arrests_is_one_intervention() -> None:
    text = ("Police fired tear gas at thousands of students protesting against a fee hike in New "
            "Delhi on Monday. Dozens were detained.")
    events = eventline.extract(text, published="2019-11-06")
    assert len(events) == 1, [(e.sub_event_type, e.actor1) for e in events]
    event = events[0]
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor1 == "Protesters (India)" and event.actor2 == "Police Forces of India"


def test_the_day_a_statement_was_made_is_not_the_day_of_the_event() -> None:
    text = ("Al Shabaab militants stormed a hotel in Mogadishu on Friday night, battling security "
            "forces for hours. At least 21 people were killed and 117 wounded, the health minister "
            "said on Sunday.")
    events = eventline.extract(text, published="2022-08-21")
    assert len(events) == 1 and events[0].event_date == "2022-08-19"
    assert events[0].fatalities == 21
    # with no other date, the statement bounds the event: that week, not that day
    event = one("Gunmen killed five people in Kano, police said on Monday.", "2019-06-05")
    assert (event.event_date, event.time_precision) == ("2019-06-03", 2)
    # a date before "said" still dates the event
    event = one("Troops retook the town of Konna in Mali from militants Friday, a source said.",
                "2013-01-21")
    assert (event.event_date, event.time_precision) == ("2013-01-18", 1)


def test_an_attack_at_sea_is_placed_at_sea_and_given_the_attackers_country() -> None:
    event = one("Houthi forces fired a missile at a US-owned cargo ship in the Gulf of Aden on "
                "Monday, the US military said.", "2024-01-15")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert (event.location, event.geo_precision, event.country) == ("Gulf of Aden", 3, "Yemen")


def test_eventline_extract_is_both_the_function_and_the_package() -> None:
    """The README's ``eventline.extract(text)`` and ``from eventline.extract import ...``."""
    from eventline.extract import count_fatalities, extract_events, infobox_event

    assert callable(extract_events) and callable(count_fatalities) and callable(infobox_event)
    events = eventline.extract("On Saturday, rebels captured the town of Kidal in northern Mali.",
                               published="2012-03-31", source="Wire")
    assert [(e.sub_event_type, e.event_date, e.location) for e in events] == [
        ("Non-state actor overtakes territory", "2012-03-31", "Kidal")]
    assert type(events[0].event_type) is str  # plain ACLED strings in the record, not enums


@pytest.mark.parametrize("verb", ["said", "claimed", "announced", "insisted", "boasted"])
def test_a_pronoun_in_what_was_said_is_the_speaker_whatever_the_verb_of_saying(verb: str) -> None:
    """One list of reporting verbs: "claimed that they had seized" is read like "said that"."""
    event = one(f"Al-Shabaab militants {verb} that they had seized the town.", "2021-06-16")
    assert (event.sub_event_type, event.actor1) == ("Non-state actor overtakes territory",
                                                    "Al Shabaab")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the next paragraph goes on with the incident: its day
        ("Soldiers shot dead at least nine protesters in Homs on Friday, activists said.\n"
         "Police later shot dead four more people in Hama, residents said.",
         "2011-07-23", "2011-07-22"),
        ("Gunmen killed two farmers near Bunia on Tuesday.\n"
         "Two further villagers were later shot dead near Beni.", "2019-02-21", "2019-02-19"),
        ("Soldiers shot dead at least nine protesters in Homs on Friday.\n"
         "Five civilians were killed overnight in Hama, residents said.",
         "2011-07-23", "2011-07-22"),
        # a paragraph that does not go on with it is not given the day
        ("Gunmen killed two farmers near Bunia on Tuesday.\n"
         "Soldiers shot dead three bandits near Beni.", "2019-02-21", "2019-02-21"),
    ],
)
def test_a_paragraph_that_goes_on_with_the_incident_takes_its_day(text, published, expected):
    events = eventline.extract(text, published=published, source="Test Wire")
    last = max(events, key=lambda e: min(s.start for s in e.sources))
    assert last.event_date == expected


def test_one_year_ago_this_week_dates_the_week_a_year_back() -> None:
    event = one("One year ago this week, US-led forces launched an assault on the Iraqi city "
                "of Falluja.", "2005-11-10")
    assert (event.event_date, event.time_precision) == ("2004-11-11", 2)  # mid-week


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a week: ACLED's middle of the week (precision 2), of its days up to publication
        ("Gunmen attacked a market in Misrata last week.", "2011-04-20", "2011-04-14"),
        ("Rebels shelled the town of Ajdabiya this week, residents said.", "2011-07-23",
         "2011-07-20"),
        ("Rebels shelled the town of Ajdabiya this week, residents said.", "2011-07-19",
         "2011-07-18"),
        # a day named in the week is that day
        ("Rebels shelled the town of Ajdabiya on Wednesday, residents said.", "2011-07-23",
         "2011-07-20"),
    ],
)
def test_an_event_of_a_week_is_dated_to_the_middle_of_the_week(text, published, expected):
    event = one(text, published)
    assert event.event_date == expected
    assert event.time_precision == (1 if "day," in text else 2)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # what the crowd does later in the paragraph types the demonstration (ACLED codes one event)
        ("On Tuesday, hundreds of students staged a demonstration in Kumasi. The demonstrators "
         "later burned tyres and threw stones at a police post.", "Violent demonstration"),
        ("On Tuesday, hundreds of students marched in Kumasi. Police fired tear gas to end the "
         "march.", "Protest with intervention"),
        ("On Tuesday, hundreds of students marched in Kumasi, and they carried banners.",
         "Peaceful protest"),
        # a comma splice is two statements, not a demand to stage a sit-in
        ("On Tuesday, residents staged a sit-in in front of the town hall in Tamale, they "
         "demanded clean water.", "Peaceful protest"),
        ("On Tuesday, residents barricaded the main road in Tamale, demanding repairs.",
         "Violent demonstration"),
    ],
)
def test_a_protest_is_typed_by_what_its_crowd_does_and_meets(text: str, sub: str) -> None:
    events = eventline.extract(text, published="2021-03-03", source="Test Wire")
    assert events and events[0].sub_event_type == sub, [(e.sub_event_type, e.notes) for e in events]


def test_a_place_handed_over_without_a_fight_is_a_non_violent_transfer() -> None:
    event = one("On Sunday, the militia withdrew from Beni without a fight.", "2021-03-03")
    assert event.sub_event_type == "Non-violent transfer of territory"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # the attacked fought back: a fight, though villagers died (not an attack on civilians)
        ("On 12 March 2021, gunmen attacked the village of Tillia. Local vigilantes repelled the "
         "attack and two villagers were killed.", "Armed clash"),
        ("On 12 March 2021, gunmen attacked the village of Tillia and killed two villagers. The "
         "survivors fled to Tahoua.", "Attack"),
        # who the victims are decides: men under arms, or unarmed people
        ("On 4 June 2022, unknown gunmen shot dead a gendarme near Kaya.", "Armed clash"),
        ("On 4 June 2022, unknown gunmen shot dead a trader near Kaya.", "Attack"),
        # goods taken with no one harmed is looting; a captive found dead is an attack
        ("On 9 May 2021, bandits attacked a warehouse near Zurmi and stole sacks of grain. No "
         "casualties were reported.", "Looting/property destruction"),
        ("On 9 May 2021, gunmen abducted a herder near Zurmi. His body was found two days later.",
         "Attack"),
    ],
)
def test_battles_attacks_and_looting_are_told_apart_by_their_arguments(text: str, sub: str) -> None:
    events = eventline.extract(text, published=None, source="Test Wire")
    first = min(events, key=lambda e: min(s.start for s in e.sources))
    assert first.sub_event_type == sub, [(e.sub_event_type, e.notes) for e in events]


def test_sides_that_fought_each_other_are_a_clash_whoever_they_are() -> None:
    # communities fighting each other fought back: a battle, even when one side is named as
    # villagers (ACLED codes communal fighting as armed clashes)
    event = one("On Tuesday, fighting between Hema militiamen and Lendu villagers killed six "
                "people near Djugu.", "2019-06-12")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    # an attack on villagers is no fight
    event = one("On Tuesday, Hema militiamen attacked Lendu villagers near Djugu, killing six "
                "people.", "2019-06-12")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
