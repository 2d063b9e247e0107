"""The run's context (places/context.py): namesakes nothing in the article decides are read
where the batch's settled places lie; every place says what decided it."""

from __future__ import annotations

import random

import pytest

from eventline.gazetteer import FakeGazetteer
from eventline.models import PlaceMention
from eventline.nlp import load_model
from eventline.places import context_evidence, find_places
from eventline.places.context import RunContext, build_context

# Invented villages: one name in two neighbouring countries, the bigger namesake in the
# country the batch is not about, and two towns of one name each in the batch's country.
CASES = {
    "Nigeria/Niger": dict(
        name="Garin Kowa", batch_cc="NG", other_cc="NE",
        places=[("Garin Kowa", 12.30, 13.90, "NG", 900), ("Garin Kowa", 13.60, 9.40, "NE", 1500),
                ("Bulabirin", 11.90, 13.60, "NG", 3000), ("Dikwagari", 12.10, 13.80, "NG", 2000)],
        batch=["Soldiers patrolled Bulabirin on Monday after a raid on a farm.",
               "Insurgents attacked a checkpoint in Dikwagari, killing two guards.",
               "Displaced families reached Bulabirin from villages to the east.",
               "Two herders were shot dead outside Dikwagari on Friday.",
               "The army said it had cleared the road between Bulabirin and Dikwagari."],
        vague="Gunmen raided Garin Kowa overnight and burned the market.",
        qualified="Gunmen raided Garin Kowa, Niger, overnight and burned the market."),
    "Syria/Iraq": dict(
        name="Tal Marwan", batch_cc="SY", other_cc="IQ",
        places=[("Tal Marwan", 36.40, 40.80, "SY", 800), ("Tal Marwan", 34.40, 43.90, "IQ", 2000),
                ("Ayn Qasra", 36.50, 40.90, "SY", 4000), ("Sfira Kabir", 36.20, 40.50, "SY", 2500)],
        batch=["Shelling hit Ayn Qasra on Tuesday, residents said.",
               "A car bomb exploded at the market of Sfira Kabir.",
               "Fighters withdrew from Ayn Qasra after two days of clashes.",
               "Protesters gathered in Sfira Kabir to demand the release of detainees.",
               "An airstrike destroyed a bakery in Ayn Qasra, a monitor said."],
        vague="A drone strike hit a house in Tal Marwan, killing three people.",
        qualified="A drone strike hit a house in Tal Marwan, Iraq, killing three people."),
    "Somalia/Kenya": dict(
        name="Bulo Harar", batch_cc="SO", other_cc="KE",
        places=[("Bulo Harar", 2.30, 42.30, "SO", 700), ("Bulo Harar", 0.80, 39.80, "KE", 1900),
                ("Dhuusa Kaar", 2.10, 42.00, "SO", 3500), ("Ceel Baraf", 2.50, 42.60, "SO", 1200)],
        batch=["Militants ambushed a convoy near Dhuusa Kaar on Sunday.",
               "Troops retook Ceel Baraf after the militants fled.",
               "A roadside bomb struck a minibus outside Dhuusa Kaar.",
               "Clan militias clashed over a well in Ceel Baraf, killing four.",
               "Aid workers were turned back at a checkpoint in Dhuusa Kaar."],
        vague="Militants stormed Bulo Harar at dawn and abducted the elders.",
        qualified="Militants stormed Bulo Harar, Kenya, at dawn and abducted the elders."),
}


def _places(text: str, gaz: FakeGazetteer, context: RunContext | None = None) -> list[PlaceMention]:
    return find_places(text, gazetteer=gaz, doc=load_model()(text), context=context)


def _the(ms: list[PlaceMention], name: str) -> PlaceMention:
    return next(m for m in ms if m.text == name)


@pytest.fixture(scope="module", params=list(CASES))
def case(request: pytest.FixtureRequest) -> dict:
    c = dict(CASES[request.param])
    c["gaz"] = FakeGazetteer(c["places"])
    c["ctx"] = build_context(context_evidence(t, gazetteer=c["gaz"]) for t in c["batch"])
    return c


def test_alone_the_bigger_namesake_is_a_default_choice(case: dict) -> None:
    m = _the(_places(case["vague"], case["gaz"]), case["name"])
    assert (m.country_code, m.basis) == (case["other_cc"], "default")


def test_the_batch_settles_a_namesake_the_article_leaves_open(case: dict) -> None:
    m = _the(_places(case["vague"], case["gaz"], case["ctx"]), case["name"])
    assert (m.country_code, m.basis) == (case["batch_cc"], "run")


def test_what_the_article_says_outweighs_the_batch(case: dict) -> None:
    m = _the(_places(case["qualified"], case["gaz"], case["ctx"]), case["name"])
    assert (m.country_code, m.basis) == (case["other_cc"], "article")


def test_the_batch_keeps_only_places_settled_without_guessing(case: dict) -> None:
    # the batch's towns have one reading each; the namesake never enters the context
    assert all(m.basis == "unique" for t in case["batch"] for m in _places(t, case["gaz"])
               if m.feature == "city")
    assert context_evidence(case["vague"], gazetteer=case["gaz"]) == ()
    # one point per article and cell: five articles, the road between two towns counts both
    assert case["ctx"].points == len(case["batch"]) + (case["name"] == "Garin Kowa")


def test_a_town_of_the_batch_near_the_namesake_is_the_article_deciding(case: dict) -> None:
    town = case["places"][2][0]
    text = f"{case['vague']} Survivors fled to {town}."
    m = _the(_places(text, case["gaz"]), case["name"])
    assert (m.country_code, m.basis) == (case["batch_cc"], "article")


def test_a_national_capital_is_not_moved_by_the_batch() -> None:
    gaz = FakeGazetteer([("Niamey", 13.51, 2.11, "NE", 1_000_000), ("Niamey", 12.2, 13.7, "NG", 0),
                         ("Bulabirin", 11.9, 13.6, "NG", 3000)])
    ctx = build_context([context_evidence("Troops entered Bulabirin.", gazetteer=gaz)] * 5)
    m = _the(_places("Talks opened in Niamey on Monday.", gaz, ctx), "Niamey")
    assert m.country_code == "NE"


def test_a_small_batch_says_nothing() -> None:
    c = CASES["Nigeria/Niger"]
    gaz = FakeGazetteer(c["places"])
    one = build_context([context_evidence(c["batch"][0], gazetteer=gaz)])
    m = _the(_places(c["vague"], gaz, one), c["name"])
    assert (m.country_code, m.basis) == ("NE", "default")  # one report is not a pattern


def test_the_context_does_not_depend_on_the_order_of_the_articles() -> None:
    evidence = [((14.5, -4.2, "ML"),), ((12.1, 13.8, "NG"), (11.9, 13.6, "NG")), (), ((36.4, 40.8, "SY"),)]
    shuffled = evidence[:]
    random.Random(7).shuffle(shuffled)
    assert build_context(evidence) == build_context(shuffled)
    # an article counts a cell once, however many of its places fall in it
    assert build_context([((12.10, 13.80, "NG"), (12.11, 13.81, "NG"))]).points == 1


def test_density_is_counted_per_country() -> None:
    ctx = build_context([((14.5, -4.2, "ML"),)] * 4)
    assert ctx.density(14.5, -4.2, "ML") == pytest.approx(4.0, abs=0.5)
    assert ctx.density(14.5, -4.2, "BF") == 0.0  # across the border, nothing
    assert ctx.density(20.0, 10.0, "ML") == 0.0  # far away, nothing
