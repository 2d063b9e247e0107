"""Families of wire and newspaper reporting, on articles written for these tests (Yemen,
Sudan, Myanmar, Nigeria, Libya, Syria, Mexico, Ukraine): the day a report filed the next
morning tells of and the today of its quotes, tolls split over places or told again, the capture a
killing followed, the unnamed rebels of a civil war, soldiers who defected, and what a report
tells as a sight, not an act (a ruined district).

Each case states what an ACLED coder would code, with a counter-example the rule must leave
alone.
"""

from __future__ import annotations

import pytest

import eventline
from eventline.extract.factuality import unreal_reason
from eventline.folding import fold
from eventline.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def events(text: str, published: str) -> list[eventline.Event]:
    return eventline.extract(text, published=published, source="Test Wire")


def at(evs: list[eventline.Event], place: str) -> list[eventline.Event]:
    return [e for e in evs if e.location and fold(place) in fold(e.location)]


# --------------------------------------------------------------------------- dates

def test_a_report_filed_the_next_morning_dates_its_undated_incidents_by_its_lead() -> None:
    # filed on Saturday 2011-07-23; the lead tells of Friday
    text = ("SANAA (Reuters) - Yemeni security forces shot dead at least nine protesters in the "
            "southern city of Taiz on Friday, medics said.\n"
            "In a separate incident, gunmen attacked a police checkpoint in Lahij province, "
            "witnesses said.\n")
    lahij = at(events(text, "2011-07-23"), "Lahij")
    assert [e.event_date for e in lahij] == ["2011-07-22"]


def test_a_lead_that_tells_of_the_day_of_publication_changes_nothing() -> None:
    text = ("KHARTOUM - Sudanese police fired tear gas at protesters in Omdurman on Monday, "
            "witnesses said.\n"
            "Gunmen attacked a market in Nyala, residents said.\n")
    nyala = at(events(text, "2019-01-07"), "Nyala")
    assert [e.event_date for e in nyala] == ["2019-01-07"]  # the report's day, as before


def test_a_lead_about_an_older_day_is_no_news_day() -> None:
    # a feature looking back a week: its undated incidents keep the report's own day
    text = ("Myanmar troops burned houses in the village of Hpakant on 3 June, refugees "
            "said.\n"
            "Soldiers attacked a monastery near Mandalay, a monk said.\n")
    evs = events(text, "2021-06-17")
    assert [e.event_date for e in at(evs, "Mandalay")] == ["2021-06-17"]


def test_the_today_of_a_quote_in_a_next_morning_report_is_the_lead_day() -> None:
    text = ("SANAA (Reuters) - Yemeni troops shelled the town of Zabid on Friday, residents "
            "said.\n"
            "\"They shelled the market in Bajil today,\" a resident said by telephone.\n")
    bajil = at(events(text, "2011-07-23"), "Bajil")
    assert [e.event_date for e in bajil] == ["2011-07-22"]


def test_the_writers_own_today_stays_the_day_of_publication() -> None:
    text = ("SANAA (Reuters) - Yemeni troops shelled the town of Zabid on Friday, residents "
            "said.\n"
            "Troops shelled the market in Bajil today, residents said.\n")
    bajil = at(events(text, "2011-07-23"), "Bajil")
    assert [e.event_date for e in bajil] == ["2011-07-23"]


# --------------------------------------------------------------------------- tolls

def test_a_toll_over_listed_places_is_divided_evenly_among_them() -> None:
    text = ("Nine people were shot dead in protests in Aden, Taiz and Sanaa on Friday, medics "
            "said.")
    evs = events(text, "2011-07-23")
    assert sorted((e.location or "")[:4] for e in evs) == ["Aden", "Sana", "Taiz"]
    assert [e.fatalities for e in evs] == [3, 3, 3]


def test_a_toll_one_place_takes_whole_stays_whole() -> None:
    e, = events("Police shot dead seven protesters in Mandalay on Sunday.", "2021-03-01")
    assert e.fatalities == 7


def test_all_n_were_killed_restates_the_toll_told_before() -> None:
    text = ("Syrian forces shot dead six protesters in Deraa on Friday, activists said.\n"
            "\"All six were killed today,\" said the head of a rights group.\n")
    evs = events(text, "2011-07-23")
    assert len(evs) == 1 and evs[0].fatalities == 6 and len(evs[0].sources) == 2


def test_more_dead_are_a_new_toll_not_a_restatement() -> None:
    text = ("Syrian forces shot dead six protesters in Deraa on Friday, activists said.\n"
            "Four more people were killed in Homs, a rights group said.\n")
    evs = events(text, "2011-07-23")
    assert [e.fatalities for e in at(evs, "Homs")] == [4]


def test_a_peaceful_protest_has_no_dead_even_if_its_placards_speak_of_killing() -> None:
    text = ("In the town of Kafr Nabl, demonstrators carried placards saying: 'Thank you for "
            "killing the tyrant.'")
    evs = events(text, "2011-10-22")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Peaceful protest", 0)]


def test_a_killing_after_a_capture_is_two_events_and_the_capture_has_no_dead() -> None:
    text = "The warlord was killed on Sunday after government troops captured his stronghold of Kidal."
    evs = events(text, "2012-03-20")
    kinds = sorted((e.sub_event_type, e.fatalities) for e in evs)
    assert kinds == [("Attack", 1), ("Government regains territory", 0)]


def test_a_capture_after_killing_soldiers_is_one_battle_with_its_dead() -> None:
    e, = events("Rebels took the town of Menaka on Monday after killing five soldiers.", "2012-03-20")
    assert (e.sub_event_type, e.fatalities) == ("Non-state actor overtakes territory", 5)


# --------------------------------------------------------------------------- actors

def test_unnamed_rebels_of_the_libyan_civil_war_are_its_rebel_forces() -> None:
    e, = events("Rebels fought Gaddafi loyalists for control of Zintan on Tuesday.", "2011-04-20")
    assert e.actor1 == "Rebel Forces (Libya)"


def test_unnamed_rebels_outside_a_civil_war_stay_unidentified() -> None:
    e, = events("Rebels fought government troops for control of Zintan on Tuesday.", "2014-04-20")
    assert e.actor1 == "Unidentified Armed Group (Libya)"


def test_gunmen_in_a_civil_war_are_not_its_rebels() -> None:
    e, = events("Gunmen attacked a checkpoint in Zintan on Tuesday.", "2011-04-20")
    assert e.actor1 == "Unidentified Armed Group (Libya)"


def test_army_defectors_fight_the_army_they_left() -> None:
    e, = events("Syrian army defectors attacked a checkpoint near Idlib on Wednesday, killing "
                "four soldiers, activists said.", "2011-11-20")
    assert e.actor1 == "Rebel Forces (Syria)"


def test_the_army_itself_stays_the_army() -> None:
    e, = events("Syrian army troops attacked a checkpoint near Idlib on Wednesday, killing "
                "four rebels, activists said.", "2011-11-20")
    assert e.actor1 == "Military Forces of Syria"


def test_regime_forces_are_state_forces() -> None:
    e, = events("Regime forces shelled the town of Rastan on Thursday.", "2012-02-18")
    assert e.actor1 == "Military Forces of Syria"


def test_soldiers_said_to_have_killed_are_the_killers() -> None:
    e, = events("Soldiers are said to have killed two herders near Agadez on Monday.", "2016-10-25")
    assert (e.sub_event_type, e.actor1, e.fatalities) == ("Attack", "Military Forces of Niger", 2)


def test_a_passive_report_of_a_done_attack_is_an_event_and_a_plan_is_not() -> None:
    e, = events("Militants were reported to have attacked a police post in Mubi on Sunday.",
                "2016-10-25")
    assert e.event_date == "2016-10-23"
    assert events("Militants are expected to attack the police post in Mubi.", "2016-10-25") == []
    assert events("Militants were not reported to have attacked Mubi.", "2016-10-25") == []


def test_clashes_between_police_and_protesters_are_a_riot() -> None:
    e, = events("Local radio reported fierce clashes Sunday night between police and "
                "demonstrators in Kano, the largest city of the north.", "2021-03-01")
    assert e.event_type == "Riots"


# --------------------------------------------------------------------------- background

def test_a_bombed_out_district_is_a_sight_not_an_event() -> None:
    assert events("Reporters toured the bombed-out Old City of Mosul on Monday.", "2017-07-23") == []
    assert events("A burnt-out car stood near the checkpoint in Kharkiv.", "2022-05-02") == []


@pytest.mark.parametrize(("text", "word", "reason"), [
    ("The UN envoy said the bombed-out Salaheddine district of Aleppo felt deserted.", "bombed", "state"),
    ("Reporters filmed a burned-out tank outside Kharkiv.", "burned", "state"),
    ("Militants burned the shops in Maiduguri.", "burned", None),
])
def test_a_participle_joined_to_its_particle_is_a_state(nlp, text: str, word: str,
                                                        reason: str | None) -> None:
    tok = next(t for t in nlp(text) if t.text == word)
    assert unreal_reason(tok) == reason


def test_burning_out_shops_is_an_event() -> None:
    e, = events("Militants burned out three shops in Maiduguri on Tuesday.", "2017-07-23")
    assert e.event_type == "Strategic developments"


def test_a_day_named_in_an_earlier_month_is_still_an_incident() -> None:
    e, = events("Cartel gunmen killed four police officers in Aguililla on 3 May.", "2021-08-30")
    assert e.event_date == "2021-05-03"
