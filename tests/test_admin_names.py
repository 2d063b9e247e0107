"""admin1/admin2 names do not change with the gazetteer's layers (with or without dumps)."""

from __future__ import annotations

import pytest

from eventline.gazetteer import Place, admin_name, load_gazetteer


def place(name: str, code: str, source: str, a1: str = "09", a2: str = "") -> Place:
    return Place(1, name, 16.27, -0.04, "A" if code.startswith("ADM") else "P", code, "ML", a1, a2,
                 0, 1, source)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Gao Region", "Gao"), ("Ségou Region", "Segou"), ("Gao Cercle", "Gao"),
    ("Cercle de Gao", "Gao"), ("Kidal", "Kidal"), ("Free State", "Free State"),
    ("Region", "Region"),
])  # fmt: skip
def test_admin_name_drops_unit_words_and_accents(raw: str, expected: str) -> None:
    assert admin_name(raw) == expected


def test_admin1_is_the_shipped_name_whichever_layer_found_the_place() -> None:
    gaz = load_gazetteer()
    town_from_cities500 = place("Gao", "PPLA", "cities500")
    town_from_dump = place("Gao", "PPLA", "dump", a2="7670553")
    region_from_dump = place("Gao Region", "ADM1", "dump")
    region_shipped = place("Gao", "ADM1", "derived")
    names = {gaz.admin1_name(p) for p in (town_from_cities500, town_from_dump,
                                          region_from_dump, region_shipped)}
    assert names == {"Gao"}
    assert gaz.admin2_name(place("Gao Cercle", "ADM2", "dump")) == "Gao"


def test_a_capital_district_missing_from_the_shipped_table_is_still_named() -> None:
    gaz = load_gazetteer()
    assert gaz.admin1_name(place("Bamako", "PPLC", "cities500", a1="01")) == "Bamako"
    assert gaz.admin1_name(place("Bamako Region", "ADM1", "dump", a1="01")) == "Bamako"
