"""The forms terse event notes and briefs take, on sentences written for these tests (conflicts
other than Mali): a noun phrase with no finite verb, control claimed over a town, a group's
merger or pledge, threats that stopped a vote. Each family has its counter-examples."""

from __future__ import annotations

import pytest

import eventline


def subs(text: str, published: str = "2021-06-10") -> list[str]:
    return [e.sub_event_type for e in eventline.extract(text, published=published, source="Test Wire")]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # a one-line note headed by a noun phrase: the event noun and what it hits or where
        ("Mortar fire against the AMISOM base in Mogadishu", "Shelling/artillery/missile attack"),
        ("Rocket fire on the airport of Goma", "Shelling/artillery/missile attack"),
        ("Resumption of fighting between the army and Boko Haram near Maiduguri", "Armed clash"),
        ("Continuation of clashes between Al-Shabaab and the army in Beledweyne", "Armed clash"),
        # a side's participle the parser takes for the note's verb
        ("Clashes between herders backed by a militia and farmers near Maiduguri.", "Armed clash"),
        # control claimed or assumed over a place: a transfer of territory
        ("On Tuesday, the rebels claimed control over the town of Bunia without a fight.",
         "Non-violent transfer of territory"),
        ("Al-Shabaab fighters assumed control of Kismayo on Friday.",
         "Non-state actor overtakes territory"),
        # changes to armed groups
        ("On Monday, two armed groups announced their merger into a new coalition in Ouagadougou.",
         "Change to group/activity"),
        ("On Friday, the militia's leader pledged allegiance to the Islamic State in Maiduguri.",
         "Change to group/activity"),
        # threats that kept people from voting
        ("On Sunday, gunmen threatened voters in Djibo, and no voting took place.", "Other"),
        # an attack told from the side that suffered it, the noun read as an infinitive
        ("A police patrol was subjected to ambush near Maiduguri on Monday.", "Armed clash"),
    ],
)
def test_note_form_gives_its_event(text: str, sub: str) -> None:
    assert sub in subs(text)


@pytest.mark.parametrize(
    ("text", "not_sub"),
    [
        # control of what is no place changes no territory
        ("On Tuesday, the finance minister claimed control of the budget in Kinshasa.",
         "Non-state actor overtakes territory"),
        ("On Tuesday, the finance minister claimed control of the budget in Kinshasa.",
         "Non-violent transfer of territory"),
        # a ministry's new fund is no change to an armed group
        ("On Monday, the ministry announced the creation of a fund for farmers in Ouagadougou.",
         "Change to group/activity"),
        # a pledge told in the pluperfect is background to the news
        ("On Monday, the gunman, who had pledged allegiance to the Islamic State, was arrested "
         "in Paris.", "Change to group/activity"),
        # a threat with no vote in it is not the Other of a stopped election
        ("On Sunday, the union threatened a strike in Ouagadougou.", "Other"),
    ],
)
def test_counter_examples_give_no_such_event(text: str, not_sub: str) -> None:
    assert not_sub not in subs(text)


@pytest.mark.parametrize(
    "text",
    [
        "No attack against the checkpoint in Maiduguri",  # said not to have happened
        "Criticism of the army in Maiduguri",  # a noun phrase with no event noun
        "In all, 40 people have been killed in the fighting in Beni since January.",  # a tally
    ],
)
def test_no_event(text: str) -> None:
    assert subs(text) == []


def test_a_headline_noun_phrase_above_an_article_is_not_a_note() -> None:
    """Only a text of one line is a note: a headline's noun phrase is no event of its own."""
    text = ("Mortar fire against the base in Mogadishu\n\n"
            "The mayor opened a new market in Mogadishu on Monday.")
    assert subs(text) == []


def test_in_all_is_a_tally_only_as_a_summary() -> None:
    """"in all other towns" is where, not a total: the event stays."""
    text = ("On Monday, the rebels have claimed control over the town of Bunia without a fight, "
            "while soldiers remain in all other towns of the province.")
    assert "Non-violent transfer of territory" in subs(text)
