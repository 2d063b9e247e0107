"""Families of wire reporting, round 6, on sentences written for these tests (Libya, Syria, Yemen,
Bahrain, Iraq, Mali): towns located by a bearing from a city every reader knows, a town named
after the act that took it, history retold beside the news, the ruler's rally beside the
opposition's march, two parts of one city, and the land across a border.

Each case states what an ACLED coder would code, with a counter-example the rule must leave
alone.
"""

from __future__ import annotations

import pytest

import eventline
from eventline.folding import fold


def events(text: str, published: str) -> list[eventline.Event]:
    return eventline.extract(text, published=published, source="Test Wire")


def at(evs: list[eventline.Event], place: str) -> list[eventline.Event]:
    return [e for e in evs if e.location and fold(place) in fold(e.location)]


# --------------------------------------------------------------------------- bearings

@pytest.mark.parametrize("text, town, reference", [
    ("Heavy fighting engulfed Sirte , east of Tripoli , where 9 rebels were killed , a "
     "spokesman said on Tuesday .", "Sirte", "Tripoli"),
    ("Government troops shelled Deir ez-Zor , east of Aleppo , killing 7 people on Tuesday , "
     "activists said .", "Deir ez-Zor", "Aleppo"),
])
def test_a_town_located_by_a_bearing_from_a_far_city_is_where_it_happened(
        text: str, town: str, reference: str) -> None:
    evs = events(text, "2011-07-06")
    assert at(evs, town) and not at(evs, reference)


def test_a_town_the_gazetteer_lacks_beside_a_bearing_is_the_place_as_written() -> None:
    evs = events("The rebels ran over Bir al-Hamrawi , a village of about 2,000 people 40 "
                 "kilometers -LRB- 25 miles -RRB- south of Zawiya , on Tuesday .", "2011-07-06")
    assert [e.location for e in evs] == ["Bir al-Hamrawi"]
    # 40 km off: Zawiya's point stands for it, approximately; 90 km off, no point is invented
    assert evs[0].latitude is not None and evs[0].geo_precision == 2
    far = events("The rebels ran over Bir al-Hamrawi , a village of about 2,000 people 90 "
                 "kilometers south of Zawiya , on Tuesday .", "2011-07-06")
    assert [e.location for e in far] == ["Bir al-Hamrawi"] and far[0].latitude is None
    # a town the gazetteer has is read by the place rules, not as written
    known = events("The rebels ran over Zintan , a town 120 km southwest of Tripoli , on Tuesday .",
                   "2011-07-06")
    assert at(known, "Zintan") and not at(known, "Tripoli")


def test_a_day_before_a_town_apposition_is_no_town() -> None:
    evs = events("Rebels captured Bir al-Hamrawi on Tuesday , a village of about 2,000 people 40 "
                 "kilometers -LRB- 25 miles -RRB- south of Zawiya .", "2011-07-06")
    assert evs and not at(evs, "Tuesday")


_UNNAMED_THEN_NAMED = (
    "Tribal fighters said on Monday they had seized a town north of Sanaa .\n"
    "Fighting also raged in Aden on Monday , where four soldiers were killed .\n"
    "The fighters overran Bayt al-Hamrawi , a town of about 3,000 people 30 km {way} of Sanaa , "
    "after a night of fighting .\n")


def test_an_unnamed_town_and_the_town_the_same_bearing_names_later_are_one_event() -> None:
    evs = events(_UNNAMED_THEN_NAMED.format(way="north"), "2011-07-06")
    taken = [e for e in evs if e.sub_event_type == "Non-state actor overtakes territory"]
    assert [e.location for e in taken] == ["Bayt al-Hamrawi"]
    assert len(taken[0].sources) == 2 and taken[0].event_date == "2011-07-04"
    assert at(evs, "Aden")  # the other town of the report keeps its own event


def test_a_town_on_another_bearing_is_another_town() -> None:
    evs = events(_UNNAMED_THEN_NAMED.format(way="east"), "2011-07-06")
    taken = [e for e in evs if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(taken) == 2


# --------------------------------------------------------------------------- history retold

@pytest.mark.parametrize("text", [
    "Villagers in Idlib told journalists in June that army helicopters bombed their farms .",
    "Tribal elders took journalists in early June to a clinic in the village of Arhab , which "
    "they said had been bombed by government jets .",
])
def test_an_act_dated_only_by_a_statement_or_visit_long_past_is_no_event(text: str) -> None:
    assert events(text, "2011-08-30") == []


@pytest.mark.parametrize("text", [
    "Villagers in Idlib told journalists on Monday that army helicopters bombed their farms .",
    "Police said on Monday that gunmen had killed five villagers in Gao .",
])
def test_an_act_told_by_this_week_s_statement_is_still_an_event(text: str) -> None:
    evs = events(text, "2011-08-30")
    assert len(evs) == 1 and evs[0].event_date is not None and evs[0].event_date >= "2011-08-22"


# --------------------------------------------------------------------------- fusion

@pytest.mark.parametrize("text, town", [
    ("Thousands of people marched through Manama on Wednesday demanding reform .\n"
     "In the evening , thousands of government supporters rallied in Manama .\n", "Manama"),
    ("Thousands of students protested in Sanaa on Friday against the president .\n"
     "Later , thousands of pro-Saleh demonstrators rallied in Sanaa .\n", "Sanaa"),
])
def test_the_rulers_rally_and_the_oppositions_march_are_two_events(text: str, town: str) -> None:
    evs = [e for e in events(text, "2011-02-18") if e.event_type == "Protests"]
    assert len(at(evs, town)) == 2


@pytest.mark.parametrize("text", [
    "Thousands of people marched through Manama on Wednesday demanding reform .\n"
    "The protesters later rallied at a roundabout in Manama .\n",
    "Pro-government demonstrators marched through Manama on Wednesday .\n"
    "In the evening , the pro-government marchers rallied again in Manama .\n",
])
def test_one_camps_crowd_told_twice_is_one_event(text: str) -> None:
    evs = [e for e in events(text, "2011-02-18") if e.event_type == "Protests"]
    assert len(evs) == 1 and len(evs[0].sources) == 2


def test_two_parts_of_one_city_told_apart_are_two_events() -> None:
    text = ("Protests were held on Friday in the Qaboun district of Damascus , witnesses said .\n"
            "Security forces shot dead two protesters on Friday in the Damascus suburb of "
            "Jdeidet Sharqiya , activists said .\n")
    evs = [e for e in events(text, "2011-07-23") if e.event_type == "Protests"]
    assert len(at(evs, "Damascus")) == 2
    # the same part told twice is one crowd
    same = text.replace("the Damascus suburb of Jdeidet Sharqiya", "the Qaboun district of Damascus")
    assert len(at([e for e in events(same, "2011-07-23") if e.event_type == "Protests"],
                  "Damascus")) == 1


# --------------------------------------------------------------------------- borders

@pytest.mark.parametrize("text, country, town", [
    ("Police fired tear gas at smugglers near Kilis , close to Turkey 's border with Aleppo , on "
     "Sunday .", "Turkey", "Kilis"),
    ("Bedouin youths blocked a highway near El Arish , close to the border with Gaza , and burned "
     "tyres on Sunday .", "Egypt", "Arish"),
])
def test_the_land_across_a_border_only_locates_the_town_before_it(text: str, country: str,
                                                                  town: str) -> None:
    evs = events(text, "2011-01-26")
    assert evs and all(e.country == country for e in evs) and at(evs, town)


def test_a_border_named_alone_leaves_the_act_where_the_sentence_puts_it() -> None:
    alone = events("Army jets bombed positions near Tal Afar on Monday , close to the border "
                   "with Syria , officials said .", "2011-01-26")
    assert at(alone, "Tal") and not at(alone, "Damascus")


# --------------------------------------------------------------------------- wire brackets

@pytest.mark.parametrize("text, country", [
    ("Gunmen stormed the village of Kafr Nabl -LRB- Idlib province -RRB- on Sunday , killing four "
     "people .", "Syria"),
    ("Gunmen stormed the town of Yafran -LRB- Nafusa mountains -RRB- on Sunday , killing four "
     "people .", "Libya"),
])
def test_an_aside_in_wire_brackets_stays_in_its_sentence(text: str, country: str) -> None:
    evs = events(text, "2012-03-06")
    assert len(evs) == 1 and evs[0].sources[0].quote == text
    assert evs[0].country == country and evs[0].fatalities_best == 4 and evs[0].actor1


def test_an_agency_credit_ends_a_long_dateline() -> None:
    # a time stamp before the dateline makes it long; the credit still ends it
    text = ("ADEN | Sat May 12 , 2012 3:10 am EDT ADEN -LRB- Reuters -RRB- - Militants attacked an "
            "army post in Zinjibar on Friday , killing 12 soldiers , officials said .")
    evs = events(text, "2012-05-12")
    assert len(evs) == 1 and evs[0].sources[0].quote.startswith("Militants attacked")
    assert at(evs, "Zinjib") and evs[0].fatalities_best == 12
