"""Which place of a text is the event's (issue #17, places, second round): sentences written
for these tests, with the country dumps imported.

Family: a division named by the sentence's other act is where an act with no place of its
own happened, rather than the country's capital hundreds of km away.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventline.pipeline import extract
from eventline.settings import load_settings


@pytest.fixture(scope="module")
def settings(geonames_dir: Path) -> dict:
    return load_settings(geonames_dir=str(geonames_dir))


def places(text: str, settings: dict) -> list[tuple[str | None, str | None]]:
    events = extract(text, published="2021-05-04", source="Test Wire", settings=settings)
    assert events, f"no event in {text!r}"
    return [(e.location, e.admin1) for e in events]


@pytest.mark.parametrize(("text", "region"), [
    # the division of the first act is the second one's too, not the capital
    ("On Monday, French forces carried out an operation in the Mopti Region, and killed "
     "nine suspected militants.", "Mopti"),
    ("Soldiers swept the Segou region and arrested twelve suspected militants.", "Segou"),
    ("Nigerian troops raided hideouts in Borno State on Tuesday and killed 20 insurgents.",
     "Borno"),
])
def test_division_of_the_other_act_over_the_capital(text: str, region: str,
                                                    settings: dict) -> None:
    got = places(text, settings)
    assert all(region in (admin1 or "") for _loc, admin1 in got), got
    assert not any(loc in {"Bamako", "Abuja"} for loc, _a in got), got


@pytest.mark.parametrize(("text", "town"), [
    # counter-examples: a town the sentence names still leads, and a division named only as
    # where the doers went is not where they struck
    ("Soldiers swept the Segou region and arrested twelve suspects in Niono.", "Niono"),
    ("Gunmen killed five civilians in Ayorou, in the Tillaberi region.", "Ayorou"),
])
def test_a_town_still_leads(text: str, town: str, settings: dict) -> None:
    got = places(text, settings)
    assert any(town in (loc or "") for loc, _a in got), got


@pytest.mark.parametrize(("text", "town"), [
    # whom a protest is for names a place, but the act was where the protesters were
    ("Families from the north who live in Bamako rallied peacefully to show solidarity with Gao.",
     "Bamako"),
    ("Students in Dakar staged a sit-in in support of the people of Ziguinchor.", "Dakar"),
    ("Hundreds protested in Niamey in solidarity with the victims of Tillaberi.", "Niamey"),
    # counter-examples: with no other town, the one named is still the best guess; and a
    # town that is not whom the act is for stays
    ("Residents held a protest in solidarity with Gao.", "Gao"),
    ("Residents of Tahoua held a sit-in in support of the army.", "Tahoua"),
])
def test_whom_an_act_is_for_is_not_where(text: str, town: str, settings: dict) -> None:
    got = places(text, settings)
    assert got[0][0] is not None and town in got[0][0], got
