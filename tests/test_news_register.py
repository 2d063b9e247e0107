"""Families of wire reporting on articles written for these tests (Syria, Libya, Yemen, Bahrain,
Ukraine): a page's time stamp before the dateline, a photo's dated caption, the speaker's own air
force, a report that goes on with "also", recordings of a protest, crowds that camp out, pour
into a square or throng the streets, towns the gazetteer lacks, rebels who ran over a town,
and a date that describes a place, not the event.

Each case states what an ACLED coder would code, with a counter-example the rule must leave
alone.
"""

from __future__ import annotations

import eventline
from eventline.dateline import parse_dateline
from eventline.folding import fold


def events(text: str, published: str) -> list[eventline.Event]:
    return eventline.extract(text, published=published, source="Test Wire")


def at(evs: list[eventline.Event], place: str) -> list[eventline.Event]:
    return [e for e in evs if e.location and fold(place) in fold(e.location)]


# --------------------------------------------------------------------------- datelines

def test_a_time_zone_before_an_inline_dateline_is_no_word_of_its_place() -> None:
    head = "BEIRUT | Sat May 12 , 2012 3:10 am EDT BEIRUT -LRB- Reuters -RRB- - Troops fired ."
    assert parse_dateline(head).place == "BEIRUT"
    assert parse_dateline("KHARTOUM (Reuters) - Police fired.").place == "KHARTOUM"


def test_a_dateline_abroad_is_not_where_the_lead_event_was() -> None:
    # a Syria story filed from Beirut: its placeless lead is not in Lebanon
    text = ("Syrian soldiers patrol a street in Idlib , May 11 , 2012 .\n"
            "BEIRUT | Sat May 12 , 2012 3:10 am EDT BEIRUT -LRB- Reuters -RRB- - Syrian troops "
            "killed at least 9 people on Friday , activists said .\n"
            "Two civilians were killed in Idlib when troops opened fire on a funeral , "
            "residents said .\n")
    evs = events(text, "2012-05-12")
    assert evs and not at(evs, "Beirut")
    assert all(e.country == "Syria" for e in evs)


# --------------------------------------------------------------------------- remote violence

def test_a_photos_dated_caption_dates_what_the_caption_tells() -> None:
    text = ("A picture taken on a government-guided tour on June 18 .\n"
            "Officials said homes were hit by NATO airstrikes on the Souq al-Juma "
            "quarter of Tripoli .\n")
    assert [e.event_date for e in events(text, "2011-07-08")] == ["2011-06-18"]


def test_a_date_in_the_paragraph_before_that_is_no_caption_stays_there() -> None:
    text = ("The minister spoke to reporters on June 18 .\n"
            "Officials said homes were hit by NATO airstrikes on the Souq al-Juma "
            "quarter of Tripoli .\n")
    assert [e.event_date for e in events(text, "2011-07-08")] == ["2011-07-08"]


def test_the_speakers_own_air_force_strikes_from_the_air() -> None:
    text = "Also on Tuesday , NATO said its air forces targeted an ammunition depot near Zintan ."
    evs = events(text, "2011-06-01")
    assert [(e.sub_event_type, e.actor1) for e in at(evs, "Zintan")] == [
        ("Air/drone strike", "NATO: North Atlantic Treaty Organization")]


def test_the_speakers_ground_forces_are_no_air_strike() -> None:
    text = "On Tuesday , the coalition said its ground forces targeted a weapons depot near Marib ."
    assert not [e for e in events(text, "2015-06-01") if e.sub_event_type == "Air/drone strike"]


def test_an_added_toll_in_the_next_paragraph_is_the_same_days_report() -> None:
    # one sentence a paragraph, as wire copy runs: "also" adds to the fighting just told
    text = ("Fighting engulfed Zintan on Tuesday , where 9 rebels were killed , a rebel "
            "spokesman said .\n"
            "Four civilians also died in mortar attacks launched by government troops , he "
            "said .\n")
    evs = at(events(text, "2011-06-01"), "Zintan")
    assert ("Armed clash", "2011-05-31") in [(e.sub_event_type, e.event_date) for e in evs]
    assert ("Shelling/artillery/missile attack", "2011-05-31") in [
        (e.sub_event_type, e.event_date) for e in evs]


# --------------------------------------------------------------------------- protests

def test_footage_of_a_demonstration_shows_it_took_place() -> None:
    text = ("Video footage of a rally on Thursday night in Idlib province showed people chanting "
            "slogans against the president .")
    evs = events(text, "2011-10-21")
    assert [(e.sub_event_type, e.event_date) for e in evs] == [("Peaceful protest", "2011-10-20")]


def test_a_crowd_camped_out_beside_its_slogans_is_a_sit_in() -> None:
    text = ("On Wednesday , thousands of Bahrainis camped out at the Pearl Roundabout in Manama "
            "and painted anti-government slogans .")
    evs = events(text, "2011-02-17")
    assert [(e.sub_event_type, e.location) for e in evs] == [("Peaceful protest", "Manama")]


def test_people_camped_out_with_no_word_of_protest_are_no_protest() -> None:
    text = "On Wednesday , families displaced by the floods camped out near Sukkur ."
    assert not [e for e in events(text, "2010-08-12") if e.event_type == "Protests"]


def test_a_crowd_that_pours_into_a_square_or_throngs_the_streets_protests() -> None:
    evs = events("On Wednesday , demonstrators thronged the streets of Sanaa , chanting slogans .",
                 "2011-02-17")
    assert [(e.sub_event_type, e.location) for e in evs] == [("Peaceful protest", "Sanaa")]
    evs = events("Protesters filled the square in front of the parliament in Kiev on Sunday .",
                 "2014-01-20")
    assert [(e.sub_event_type, e.event_date) for e in evs] == [("Peaceful protest", "2014-01-19")]


def test_refugees_who_pour_across_a_border_are_no_protest() -> None:
    evs = events("On Wednesday , thousands of refugees poured into Chad from Darfur .", "2004-02-17")
    assert not [e for e in evs if e.event_type == "Protests"]


def test_footage_of_protests_in_general_is_no_event() -> None:
    assert events("Footage of protests in Idlib province has circulated for months .",
                  "2011-10-21") == []


# --------------------------------------------------------------------------- territory

def test_a_town_the_gazetteer_lacks_keeps_its_name_as_written() -> None:
    # "Bir Tazrit" is in no gazetteer: the capture is there, with no coordinates, not at the capital
    text = ("TRIPOLI (Reuters) - Libyan rebels said on Friday they had captured the oil town of "
            "Bir Tazrit , extending their hold on eastern Libya .")
    evs = events(text, "2011-03-05")
    assert [(e.sub_event_type, e.location, e.latitude, e.country) for e in evs] == [
        ("Non-state actor overtakes territory", "Bir Tazrit", None, "Libya")]


def test_a_town_the_gazetteer_knows_is_read_as_before() -> None:
    evs = events("Libyan rebels said on Friday they had captured the town of Zintan .", "2011-03-05")
    assert [(e.location, e.latitude is not None) for e in evs] == [("Zintan", True)]


def test_rebels_who_ran_over_a_town_took_it() -> None:
    text = ("On Wednesday , Libyan rebels ran over Bir Tazrit , a farming town of some 3,000 people "
            "west of the capital .")
    evs = events(text, "2011-07-07")
    assert [(e.sub_event_type, e.location) for e in evs] == [
        ("Non-state actor overtakes territory", "Bir Tazrit")]


def test_a_truck_that_ran_over_a_mine_took_no_town() -> None:
    evs = events("On Wednesday , an army truck ran over a landmine near Gao .", "2012-07-05")
    assert [e.sub_event_type for e in evs] == ["Remote explosive/landmine/IED"]


# --------------------------------------------------------------------------- dates

def test_a_date_that_ends_a_places_description_is_not_the_events() -> None:
    text = ("Meanwhile , shelling continued around Idlib , the target of a large army push "
            "last month , activists said .")
    assert [e.event_date for e in events(text, "2012-03-28")] == ["2012-03-28"]
    text = ("Meanwhile , shelling continued around Taiz , Yemen 's biggest highland city and the "
            "site of heavy fighting last year , residents said .")
    assert [e.event_date for e in events(text, "2016-03-28")] == ["2016-03-28"]


def test_a_date_after_the_description_is_the_events() -> None:
    text = "Troops shelled Idlib , the largest town of the province , last Monday , activists said ."
    assert [e.event_date for e in events(text, "2012-03-28")] == ["2012-03-26"]
