"""The offline gazetteer: variant keys, dump import, download errors, user places."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from eventline.errors import GazetteerError, OfflineError
from eventline.gazetteer import FakeGazetteer, Gazetteer, name_key, variant_key


@pytest.mark.parametrize(
    ("news", "geonames"),
    [
        ("Sevare", "Sévaré"),  # accents and a final -e
        ("Diabaly", "Diabali"),  # y / i
        ("Konna", "Kona"),  # doubled consonant
        ("Tessallit", "Tesalit"),
        ("Tombouctou", "Tombuctu"),  # French ou / u
        ("St. Louis", "Saint Louis"),  # abbreviation
        ("Aguel-Hoc", "Aguel Hoc"),
    ],
)
def test_variant_key_bridges_spellings(news: str, geonames: str) -> None:
    assert variant_key(news) == variant_key(geonames)


@pytest.mark.parametrize(("a", "b"), [("Gao", "Goa"), ("Mali", "Malawi"), ("Niger", "Nigeria")])
def test_variant_key_keeps_distinct_places_apart(a: str, b: str) -> None:
    assert variant_key(a) != variant_key(b)


def test_fold_strips_accents_and_punctuation() -> None:
    assert name_key("Ségou-Sévaré") == "segou sevare"
    assert name_key("Kɔnna") == "konna"


ROWS = [
    # geonameid name asciiname alternates lat lon class code cc cc2 a1 a2 a3 a4 pop elev dem tz mod
    ("900001", "Diabali", "Diabali", "Diabal,Dyabali", "14.6937", "-6.0197", "P", "PPL", "XX",
     "", "05", "", "", "", "0", "", "280", "Africa/Bamako", "2020-01-01"),
    ("900002", "Region Un", "Region Un", "", "14.0", "-6.0", "A", "ADM1", "XX", "", "05", "",
     "", "", "0", "", "", "", "2020-01-01"),
    ("900003", "Lac Bleu", "Lac Bleu", "", "14.1", "-6.1", "H", "LK", "XX", "", "05", "", "",
     "", "0", "", "", "", "2020-01-01"),
]


def _dump(tmp_path: Path, rows: list[tuple[str, ...]] = ROWS) -> Path:
    path = tmp_path / "XX.txt"
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def empty_gaz(tmp_path: Path) -> Gazetteer:
    return Gazetteer(tmp_path / "gaz.sqlite", build_default=False)


def test_add_dump_imports_and_finds_variant_spelling(empty_gaz: Gazetteer, tmp_path: Path) -> None:
    assert empty_gaz.add_dump([_dump(tmp_path)]) == 3
    found = empty_gaz.lookup([variant_key("Diabaly")])[variant_key("Diabaly")]
    assert [p.name for p in found] == ["Diabali"]
    assert empty_gaz.admin1_name(found[0]) == "Region Un"


def test_add_dump_is_idempotent(empty_gaz: Gazetteer, tmp_path: Path) -> None:
    path = _dump(tmp_path)
    empty_gaz.add_dump([path])
    before = empty_gaz.stats()
    assert empty_gaz.add_dump([path]) == 0  # same content: skipped
    # the same rows from a zip (other bytes) replace rather than double
    zpath = tmp_path / "XX.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(path, "XX.txt")
        zf.writestr("readme.txt", "GeoNames")
    assert empty_gaz.add_dump([zpath]) == 3
    after = empty_gaz.stats()
    assert after["places"] == before["places"] == 3
    assert after["names"] == before["names"]


def test_add_dump_rejects_a_file_that_is_not_a_dump(empty_gaz: Gazetteer, tmp_path: Path) -> None:
    bad = tmp_path / "XX.txt"
    bad.write_text("name,lat,lon\n" * 20, encoding="utf-8")
    with pytest.raises(GazetteerError, match="19 tab-separated columns"):
        empty_gaz.add_dump([bad])
    with pytest.raises(GazetteerError, match="does not exist"):
        empty_gaz.add_dump([tmp_path / "missing.txt"])


def test_download_offline_gives_a_clear_error(empty_gaz: Gazetteer) -> None:
    # port 9 on loopback: refused at once, no network involved
    with pytest.raises(OfflineError) as info:
        empty_gaz.download(["ML"], base_url="http://127.0.0.1:9", timeout=5)
    msg = str(info.value)
    assert msg.startswith("[E008]")
    assert "ML.zip" in msg and "eventline gazetteer add" in msg


def test_download_rejects_bad_country_code(empty_gaz: Gazetteer) -> None:
    with pytest.raises(GazetteerError, match="two-letter"):
        empty_gaz.download(["Mali"], base_url="http://127.0.0.1:9")


def test_user_places_csv(empty_gaz: Gazetteer, tmp_path: Path) -> None:
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text(
        "name,latitude,longitude,country_code,admin1,feature,population,aliases\n"
        "Camp Zeta,15.5,-1.5,ML,Gao,city,0,Zeta Camp|Base Zeta\n", encoding="utf-8")
    assert empty_gaz.add_user_places(csv_path) == 1
    assert empty_gaz.add_user_places(csv_path) == 0  # unchanged file: nothing to do
    place = empty_gaz.lookup([variant_key("Base Zeta")])[variant_key("Base Zeta")][0]
    assert (place.name, place.latitude, place.country_code) == ("Camp Zeta", 15.5, "ML")
    assert empty_gaz.admin1_name(place) == "Gao"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,latitude,longitude\nX,north,1\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 2"):
        empty_gaz.add_user_places(bad)


def test_fake_gazetteer_and_country_lookup() -> None:
    gaz = FakeGazetteer([("Gao", 16.27, -0.04, "ML", 87000)])
    assert gaz.lookup(["gao"])["gao"][0].country_code == "ML"
    assert gaz.country("Mali").code == "ML"  # type: ignore[union-attr]
    assert gaz.country("Malian").name == "Mali"  # type: ignore[union-attr]
    assert gaz.country("DZ").name == "Algeria"  # type: ignore[union-attr]
    assert gaz.country("Atlantis") is None


def test_a_dump_imported_under_other_settings_reaches_every_user_of_the_database(
        tmp_path: Path) -> None:
    """A run without dumps and a later run with them, in one process, on one data dir: the
    places the dump added are found by both, as a fresh process finds them."""
    import shutil

    from eventline.gazetteer import DB_NAME, load_gazetteer
    from eventline.places.resolve import find_places

    session = load_gazetteer()  # the suite's built gazetteer, copied so nothing else sees XX
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(session.path, data / DB_NAME)
    text = "Gunmen attacked a checkpoint in Zzyqbali on Monday."
    plain = load_gazetteer({"data_dir": str(data)})
    assert not [m for m in find_places(text, gazetteer=plain) if m.latitude is not None]
    folder = tmp_path / "dumps"
    folder.mkdir()
    _dump(folder, [("900009", "Zzyqbali", "Zzyqbali", "", "14.5", "-5.5", "P", "PPL", "XX", "",
                    "05", "", "", "", "900", "", "280", "Africa/Bamako", "2020-01-01")])
    load_gazetteer({"data_dir": str(data), "geonames_dir": str(folder)})
    found = [m.name for m in find_places(text, gazetteer=plain) if m.latitude is not None]
    assert found == ["Zzyqbali"]


def test_places_another_process_imports_reach_a_running_one(tmp_path: Path) -> None:
    """A long-lived process (the review UI, a notebook) and another one importing a dump into
    the same data dir: the running one finds the new places without a restart."""
    from eventline.places.resolve import find_places

    path = tmp_path / "gaz.sqlite"
    running = Gazetteer(path, build_default=False)
    text = "Gunmen attacked a checkpoint in Diabali on Monday."
    assert not [m for m in find_places(text, gazetteer=running) if m.latitude is not None]
    Gazetteer(path, build_default=False).add_dump([_dump(tmp_path)])  # its own connection
    found = [m for m in find_places(text, gazetteer=running) if m.latitude is not None]
    assert [m.name for m in found] == ["Diabali"]
    assert running.admin1_name(running.lookup([variant_key("Diabali")])["diabali"][0]) \
        == "Region Un"


@pytest.mark.parametrize(("text", "name", "country"), [
    # GeoNames writes the Arabic article, English news mostly does not
    ("Police fired tear gas at protesters in the northeastern city of Qamishli on Friday.",
     "Al Qāmishlī", "Syria"),
    ("Rebels shelled the town of Zawiyah on Monday.", "Az Zāwīyah", "Libya"),
    # with the article as written, too
    ("Shoppers crowded the malls of Al Ain on Friday.", "Al Ain City", "United Arab Emirates"),
])
def test_an_arabic_place_is_found_without_its_article(text: str, name: str, country: str) -> None:
    from eventline.gazetteer import load_gazetteer
    from eventline.places.resolve import find_places

    found = [(m.name, m.country) for m in find_places(text, gazetteer=load_gazetteer())
             if m.latitude is not None]
    assert (name, country) in found


def test_the_article_is_dropped_only_in_countries_that_write_it() -> None:
    from eventline.gazetteer import _without_article

    assert _without_article(["Az Zāwiyah", "Al Ain"], "LY") == ["Az Zāwiyah", "Al Ain", "Zāwiyah"]
    assert _without_article(["El Paso"], "US") == ["El Paso"]
