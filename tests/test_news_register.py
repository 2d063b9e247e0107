"""Families of wire reporting on articles written for these tests (Syria, Libya, Yemen, Sudan,
Myanmar): a page's time stamp before the dateline, the speaker's own air force, recordings of a
protest, a report that goes on with "also", and history told months after it.

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


def test_footage_of_protests_in_general_is_no_event() -> None:
    assert events("Footage of protests in Idlib province has circulated for months .",
                  "2011-10-21") == []


# --------------------------------------------------------------------------- background

def test_a_capture_months_before_the_report_is_background() -> None:
    text = ("Misrata was taken by rebels in May after a fierce three-month battle , and they now "
            "control most of the country .\n"
            "On Monday , rebels seized the town of Bani Walid , a spokesman said .\n")
    evs = events(text, "2011-08-30")
    assert [e.event_date for e in evs if e.event_type == "Battles"] == ["2011-08-29"]


def test_a_capture_last_month_is_still_news() -> None:
    text = "Rebels captured the town of Zintan in July after a week of fighting , a spokesman said ."
    evs = events(text, "2011-08-10")
    assert [e.sub_event_type for e in evs] == ["Non-state actor overtakes territory"]
