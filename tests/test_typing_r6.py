"""Typing families of round 6: who was harmed decides between an armed clash and an attack.

Each test is a family of phrasings (sentences written here), run through the stages a run
uses; a fake typer stands in for the shipped one where the test says what the typer thinks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from eventline.models import Article
from eventline.taxonomy import SubEventType


class FakeTyper:
    """Says the same distribution for every sentence."""

    name = "typer.fake"

    def __init__(self, sub: SubEventType, p: float = 0.95) -> None:
        rest = (1 - p) / (len(SubEventType) - 1)
        self.dist = {s.value: (p if s == sub else rest) for s in SubEventType}

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return [(max(self.dist, key=self.dist.__getitem__), 0.9) for _ in texts]

    def distribution(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [dict(self.dist) for _ in texts]


@pytest.fixture(scope="module")
def types():
    """(text, typer) -> the sub-event types of the text's events, in order."""
    from eventline.components import components
    from eventline.engines.analysis import read_arguments
    from eventline.extract import extract_events
    from eventline.settings import load_settings

    nlp, gazetteer, dictionary, _typer = components(load_settings())

    def run(text: str, typer: FakeTyper | None = None) -> list[str]:
        article = Article(doc_id="t", name="t", path="t", text=text,
                          published=dt.date(2021, 6, 16))
        doc = nlp(text)
        args = read_arguments(article, doc, gazetteer=gazetteer, dictionary=dictionary)
        events = extract_events(article, doc, places=args.places, times=args.times,
                                actors=args.actors, dictionary=dictionary,
                                focus_country=args.focus, typer=typer)
        return [e.sub_event_type for e in events]

    return run


ATTACK = SubEventType.ATTACK.value
CLASH = SubEventType.ARMED_CLASH.value


@pytest.mark.parametrize("text", [
    # the attack's own object says nothing of who was there; the harm says civilians
    "On Tuesday, armed men stormed the town hall of Gorom and a teacher was wounded.",
    "On Friday, gunmen attacked the electoral commission in Kaya, where a trader was shot dead.",
    "On Monday, unknown gunmen shot at a minibus near Dori and wounded two passengers.",
])
def test_an_attack_told_with_unarmed_victims_is_an_attack(types, text: str) -> None:
    assert types(text)[0] == ATTACK


def test_an_attack_on_an_unnamed_target_stays_a_clash_without_victims(types) -> None:
    assert types("On Tuesday, armed men stormed the town hall of Gorom.")[0] == CLASH


@pytest.mark.parametrize("text", [
    # two sides fought: the civilians who died do not make it an attack on them
    "Rebels and soldiers clashed near Bunia on Tuesday, and two civilians were killed.",
    # an attack on a post is a fight with its men, whoever else was hurt
    "On Tuesday, militants attacked a police checkpoint near Diffa, killing a passer-by.",
])
def test_a_fight_between_armed_sides_stays_a_clash(types, text: str) -> None:
    assert types(text)[0] == CLASH


def test_the_members_of_a_collective_are_the_ones_attacked(types) -> None:
    assert types("On Sunday, gunmen attacked a group of traders near Dori.")[0] == ATTACK
    assert types("On Sunday, gunmen attacked a group of soldiers near Dori.")[0] == CLASH


def test_a_named_communal_militia_is_armed_men(types) -> None:
    assert types("On Monday, militants killed two members of Dan Na Ambassagou near Bankass.")[0] == CLASH
    assert types("On Monday, militants killed two Dogon farmers near Bankass.")[0] == ATTACK


def test_resistance_told_after_the_attack_makes_it_a_fight(types) -> None:
    text = ("Gunmen attacked the motorcade of a provincial governor near Tahoua on Monday. "
            "Two of his guards were hurt in an exchange of fire.")
    assert types(text)[0] == CLASH
    apart = ("Gunmen attacked a bus near Tahoua on Monday. In a separate incident, soldiers "
             "exchanged fire with smugglers near Agadez.")
    assert types(apart)[0] == ATTACK


def test_a_raid_on_armed_men_is_a_fight_whatever_the_typer_reads_of_the_loot(types) -> None:
    looting = FakeTyper(SubEventType.LOOTING, 0.95)
    text = "On Monday, militants attacked a gendarmerie post near Arly and seized its weapons."
    assert types(text, looting)[0] == CLASH
    # where the rules found nothing of the target, the confident typer still decides
    assert types("On Monday, militants raided the electoral commission near Arly.", looting)[0] != CLASH


def test_seizing_armed_mens_goods_with_harm_is_a_fight(types) -> None:
    assert types("On Monday, gunmen seized an army supply truck near Menaka, wounding the driver.")[0] == CLASH
    assert types("On Monday, gunmen seized two trucks from traders near Menaka.")[0] == \
        SubEventType.LOOTING.value


def test_force_on_a_crowd_that_rioted_is_a_riot(types) -> None:
    riot = "Riots broke out in Kisumu on Monday over fuel prices. Police shot two protesters."
    assert SubEventType.EXCESSIVE_FORCE.value not in types(riot)
    peaceful = "Thousands marched peacefully in Nairobi on Monday. Police shot two protesters."
    assert SubEventType.EXCESSIVE_FORCE.value in types(peaceful)
    # "riot police" are no riot
    assert SubEventType.VIOLENT_DEMONSTRATION.value not in types(
        "Hundreds marched in Karachi on Monday. Riot police shot two protesters.")
