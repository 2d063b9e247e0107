"""Detection, round 6: phrasings the extractor used to pass over, each with its counter-case.

Every sentence is written for these tests (several countries, several forms): an act told
before a verb of asking or intending, a second act joined to a refusal, a crowd that voices
its demands or goes out into the streets, violence between two named sides, a count of
incidents ("a wave of attacks"), a note whose head is a participle.
"""

from __future__ import annotations

import pytest

import eventline
from eventline.settings import load_settings

PUBLISHED = "2021-05-07"


def _events(text: str, *, typer: bool = False) -> list[tuple[str, str]]:
    settings = None if typer else {**load_settings(), "typer_model": "none"}
    return [(e.event_type, e.sub_event_type)
            for e in eventline.extract(text, published=PUBLISHED, settings=settings)]


def _types(text: str) -> list[str]:
    return [t for t, _ in _events(text)]


def _types_with_typer(text: str) -> list[str]:
    return [t for t, _ in _events(text, typer=True)]


# --------------------------------------------------------------------------- nonfactive heads


def test_an_act_told_before_a_verb_of_intending_is_real() -> None:
    # a comma splice: the parser hangs the act under the next clause's verb of intending
    text = ("On March 2, an IED detonated in a market in the town of Bama, the bomb apparently "
            "intended to hit a patrol.")
    assert _types(text) == ["Explosions/Remote violence"]


def test_an_act_told_before_a_participle_of_asking_is_real() -> None:
    # the parser may make the participle the root: the protest is no longer vetoed, and the
    # typer (the rules lose the subject in this parse) may read it
    text = ("On June 3, nurses with unpaid wages protested outside the ministry of health "
            "demanding that the government pays them.")
    assert _types_with_typer(text) == ["Protests"]


@pytest.mark.parametrize("text", [
    "On Tuesday, the militia intended to bomb the bridge at Beledweyne.",
    "On Friday, the union demanded that teachers protest outside the ministry in Lusaka.",
])
def test_an_act_under_the_verb_of_intending_or_asking_is_not(text: str) -> None:
    assert _types(text) == []


def test_a_passive_act_joined_to_a_refusal_is_real() -> None:
    text = ("On Sunday, bandits stopped a minibus near Katsina: the driver refused to hand over "
            "the takings, and a passenger was stabbed in the arm.")
    assert _types(text) != []
    # what the refusal governs stays unreal
    assert _types("On Sunday, the driver refused to attack the convoy near Katsina.") == []


# --------------------------------------------------------------------------- crowds


@pytest.mark.parametrize("text", [
    "On Monday, protesters demanded the resignation of the governor of Kano.",
    "Demonstrators chanted slogans against the junta in Conakry on Thursday.",
])
def test_a_crowd_of_protesters_voicing_demands_is_a_protest(text: str) -> None:
    assert _types(text) == ["Protests"]


@pytest.mark.parametrize("text", [
    "On Monday, residents demanded clean water from the mayor of Kano.",
    "On Thursday, the minister called for calm in Conakry.",
])
def test_others_voicing_demands_are_not(text: str) -> None:
    assert _types(text) == []


def test_a_crowd_that_went_to_the_streets_protests() -> None:
    assert _types("On Saturday, thousands went to the streets of Antananarivo to back the "
                  "new constitution.") == ["Protests"]
    assert _types("On Saturday, he went to the street in Antananarivo to buy bread.") == []


# --------------------------------------------------------------------------- violence and carriers


def test_violence_between_two_named_sides_is_a_clash() -> None:
    text = "On Sunday, violence erupted between Hema militiamen and Lendu militiamen near Djugu."
    assert _events(text) == [("Battles", "Armed clash")]
    # no sides named: a word of the times, no incident
    assert _types("On Sunday, violence erupted again across the province, officials said.") == []


@pytest.mark.parametrize("text", [
    "On Friday night, a wave of attacks broke out in the Cite Soleil district of Port-au-Prince.",
    "A series of explosions rocked the centre of Kabul on Friday.",
    "On Friday, militants launched a series of raids on villages near Bama.",
])
def test_an_event_noun_counted_by_a_wave_or_series_takes_its_frame(text: str) -> None:
    assert _types(text) != []


def test_a_series_of_other_things_is_not() -> None:
    assert _types("On Friday, he wrote a series of articles about attacks in Kabul.") == []


def test_gunfire_that_rang_out_is_an_event() -> None:
    assert _types("Heavy gunfire rang out in Kidal on Friday night.") != []


# --------------------------------------------------------------------------- note lines


@pytest.mark.parametrize(("text", "sub"), [
    ("Youths throwing stones at a police patrol in the streets of Gao",
     "Violent demonstration"),
    ("Dozens of women marching against the closure of the market in Bouake",
     "Peaceful protest"),
])
def test_a_note_whose_head_is_a_participle_is_read(text: str, sub: str) -> None:
    assert [s for _, s in _events(text)] == [sub]


def test_a_participle_beside_a_finite_verb_is_not_the_line_s_act() -> None:
    # the youths throwing stones were arrested: the arrest is the line's act
    assert ("Riots", "Violent demonstration") not in _events(
        "Youths throwing stones at a police patrol were arrested in Gao")


def test_a_line_that_says_only_where_something_took_place_is_no_event() -> None:
    # no act is named: ACLED's types are acts, and a type would be a guess
    assert _types("Took place in Gao.") == []
    assert _types("Occurred near the market of Mopti.") == []


# --------------------------------------------------------------------------- the dead found


@pytest.mark.parametrize("text", [
    "On Sunday, ten herders were found dead beside a well near Kere.",
    "On Monday, a mass grave was uncovered near the village of Kere.",
    "The bodies of six herders were found near Bankass on Tuesday.",
])
def test_the_dead_found_are_a_killing(text: str) -> None:
    assert _types(text) == ["Violence against civilians"]


@pytest.mark.parametrize("text", [
    "On Monday, the keys were found in a house in Kere.",
    "On Sunday, rescuers found the hikers alive near Kere.",
])
def test_other_things_found_are_not(text: str) -> None:
    assert "Violence against civilians" not in _types(text)


# --------------------------------------------------------------------------- the present of notes


def test_a_counted_crowd_in_the_present_is_one_protest() -> None:
    assert _types("Hundreds gather to protest the new mining law in Bamako.") == ["Protests"]
    # a kind of people in the present is a habit
    assert _types("Militants attack villages in the region.") == []


# --------------------------------------------------------------------------- devices, carriers of time


def test_a_device_that_went_off_exploded() -> None:
    assert _events("On Friday, a car bomb went off outside a hotel in Mogadishu.") == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    assert _types("On Friday, the fire alarm went off in a hotel in Mogadishu.") == []


def test_an_event_noun_counted_in_hours_takes_the_frame_of_its_count() -> None:
    assert _types("On Friday, during an hour of heavy shelling, nine people died in Donetsk.") == [
        "Explosions/Remote violence"]


def test_a_death_after_a_fight_tells_of_the_fight() -> None:
    assert _types("On Friday, a herder died after a gunfight with bandits near Gusau.") == [
        "Battles"]
    assert _types("On Friday, a herder died after a long illness near Gusau.") == []


def test_a_patrol_that_came_under_gunfire_was_attacked() -> None:
    assert _types("On Friday, an army patrol came under heavy gunfire near Tessalit.") == ["Battles"]
    # what one comes under from critics is no fire
    assert _types("On Friday, the minister came under gunfire from critics in Bamako.") == []


def test_a_rally_held_somewhere_took_place() -> None:
    assert _types("Thousands cheered at a rally held in the centre of Bamako on Friday.") == [
        "Protests"]
    # a rally only named, neither held nor staged, is not told as one
    assert _types("Thousands cheered at the thought of a rally in Bamako on Friday.") == []
