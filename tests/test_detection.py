"""Event detection on real reporting: which sentences become events, and how many.

Each family has sentences that must give an event and sentences that must not;
all are written for these tests (several conflicts, several forms).
"""

from __future__ import annotations

import pytest

import eventline
from eventline.settings import load_settings

PUBLISHED = "2021-05-07"


def _subs(text: str, *, typer: bool = True) -> list[str]:
    settings = None if typer else {**load_settings(), "typer_model": "none"}
    return [e.sub_event_type for e in eventline.extract(text, published=PUBLISHED,
                                                         settings=settings)]


# --------------------------------------------------------------------------- event notes


@pytest.mark.parametrize("text", [
    # the last line of a note or brief often ends without a stop
    "Two soldiers were killed when their truck struck a mine near Tessalit",
    "Gunmen on motorbikes attacked a cattle market in Zamfara, killing nine traders",
])
def test_a_closing_line_without_a_stop_is_read(text: str) -> None:
    assert len(_subs(text)) == 1


def test_a_headline_without_a_stop_above_the_body_is_not() -> None:
    text = "Police clash with miners in Rustenburg\nThe talks entered their third week on Monday."
    assert _subs(text) == []


# --------------------------------------------------------------------------- words the small model lemmatises wrongly


@pytest.mark.parametrize("text", [
    "On Tuesday, about forty nurses staged a demonstration outside a hospital in Lilongwe.",
    "Taxi drivers are staging a protest in central Harare on Monday.",
])
def test_staged_protests_are_found_by_the_rules(text: str) -> None:
    assert _subs(text, typer=False) == ["Peaceful protest"]


# --------------------------------------------------------------------------- passives that name the weapon


@pytest.mark.parametrize("text", [
    "Mortar rounds were fired on Kidal on Monday.",
    "Several rockets were fired at the airport of Goma on Sunday.",
])
def test_weapons_fired_in_the_passive_are_shelling(text: str) -> None:
    assert _subs(text, typer=False) == ["Shelling/artillery/missile attack"]


def test_a_rocket_launched_into_orbit_is_no_attack() -> None:
    assert _subs("A new rocket was launched into orbit from Kourou on Sunday.", typer=False) == []


# --------------------------------------------------------------------------- the typer after a weak rejection


def test_a_participle_or_a_catch_all_veto_leaves_the_typer_its_say() -> None:
    # "hit" with no weapon the rules know, "killing" no clause of its own: the typer reads it
    text = "A truck carrying soldiers hit a landmine near Gao on Friday, killing four."
    assert _subs(text) == ["Remote explosive/landmine/IED"]
    assert _subs(text, typer=False) == []


@pytest.mark.parametrize("text", [
    "A storm hit the coast of Mozambique on Monday, killing four.",
    "He was fired from his job at the mine in Tarkwa on Monday.",
    "A trader arrived in Lodwar on Monday and bought a car.",
])
def test_no_event_where_no_armed_actor_is_meant(text: str) -> None:
    assert _subs(text) == []


# --------------------------------------------------------------------------- running totals and generic violence


@pytest.mark.parametrize("text", [
    "Since then, the militia has attacked dozens of villages in Ituri.",
    "The rebels have captured four towns in Cabo Delgado to date.",
    "In a region scarred by sectarian bombings, the town of Baquba was quiet on Monday.",
])
def test_totals_and_kinds_of_violence_are_no_incident(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("The militia attacked a village in Ituri on Monday.", "Attack"),
    ("The market in Baquba was shattered by a bombing on Monday.",
     "Remote explosive/landmine/IED"),
])
def test_the_incident_itself_is_an_event(text: str, sub: str) -> None:
    assert _subs(text) == [sub]
