"""The places stage: recognition, resolution in context, precision codes, LGL floor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventline.gazetteer import FakeGazetteer, Gazetteer, load_gazetteer
from eventline.models import PlaceMention
from eventline.nlp import load_model
from eventline.places import (
    _haversine,
    country_info,
    focus_country,
    geoparse,
    home_evidence,
    outlet_home,
    places_jsonl,
)
from eventline.places import find_places as find_places_in


def find_places(text: str, **kw: object) -> list[PlaceMention]:
    """The stage as a run calls it: with the article's spaCy parse."""
    return find_places_in(text, doc=load_model()(text), **kw)  # type: ignore[arg-type]


# True positions, from GeoNames ML.txt
TRUE = {
    "Gao": (16.27167, -0.04472),
    "Kidal": (18.44111, 1.40778),
    "Timbuktu": (16.77348, -3.00742),
    "Tombouctou": (16.77348, -3.00742),
    "Konna": (14.94329, -3.89474),
    "Kona": (14.94329, -3.89474),
    "Diabaly": (14.6937, -6.0197),
    "Sévaré": (14.52742, -4.09344),
    "Sevare": (14.52742, -4.09344),
}


@pytest.fixture(scope="module")
def mali_gaz(geonames_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """Default layer (built once per test session) plus the ML dump, in a temp data dir."""
    default = load_gazetteer()
    tmp = tmp_path_factory.mktemp("gaz-ml")
    shutil.copy(default.path, tmp / "gazetteer.sqlite")
    gaz = Gazetteer(tmp / "gazetteer.sqlite")
    gaz.add_dump([geonames_dir / "ML.txt"])
    return gaz


def _by_text(ms: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in ms}


MALI_TEXT = (
    "French and Malian troops entered Gao and Kidal on Saturday, after the fall of Timbuktu "
    "(Tombouctou to the French). Earlier, Islamists had taken Konna, near Mopti, and "
    "Diabaly, in the Segou region, before fighting around Sévaré. A Mali army officer said "
    "the rebels retreated north of Gao. Reporters in Sevare and Kona confirmed it."
)


def test_mali_towns_resolve_to_mali(mali_gaz: Gazetteer) -> None:
    ms = find_places(MALI_TEXT, gazetteer=mali_gaz)
    seen = set()
    for m in ms:
        if m.text in TRUE:
            seen.add(m.text)
            assert m.country == "Mali" and m.country_code == "ML", m
            lat, lon = TRUE[m.text]
            assert m.latitude is not None and m.longitude is not None
            assert _haversine(lat, lon, m.latitude, m.longitude) < 25, m
    assert seen == set(TRUE)
    assert focus_country(ms) == "Mali"
    assert ms == sorted(ms, key=lambda m: m.start)


# The small towns, from GeoNames ML.txt. Each name is also carried by a well,
# a dune, a wadi or a district ("Cercle de Tessalit"): the town must win.
NORTH = {
    "Tessalit": (20.20126, 1.01186),
    "Aguelhok": (19.46139, 0.85889),
    "Anefis": (18.04, 0.60111),
    "Ménaka": (15.91667, 2.4),
    "Léré": (15.71, -4.91),
}


def test_small_northern_towns_are_the_towns_not_wells_or_dunes(mali_gaz: Gazetteer) -> None:
    text = ("Rebels attacked army posts in Tessalit and Aguelhok, then moved on Anefis, "
            "while fighting spread to Ménaka and Léré.")
    got = _by_text(find_places(text, gazetteer=mali_gaz))
    for name, (lat, lon) in NORTH.items():
        m = got[name]
        assert m.country_code == "ML" and m.feature == "city" and m.geo_precision == 1, m
        assert _haversine(lat, lon, m.latitude, m.longitude) < 10, m


def test_relative_and_vague_places(mali_gaz: Gazetteer) -> None:
    ms = find_places(
        "Jihadists withdrew north of Gao. Troops camped 40 km from Kidal and near Konna. "
        "Fighting continues in northern Mali. A gas field in eastern Algeria was attacked. "
        "Gao itself was calm.", gazetteer=mali_gaz)
    got = [(m.text, m.country, m.geo_precision, m.feature) for m in ms]
    assert ("Gao", "Mali", 2, "city") in got
    assert ("Kidal", "Mali", 2, "city") in got
    assert ("Konna", "Mali", 2, "city") in got
    assert ("northern Mali", "Mali", 3, "region") in got
    assert ("eastern Algeria", "Algeria", 3, "region") in got
    assert got[-1] == ("Gao", "Mali", 1, "city")  # the town itself
    algeria = _by_text(ms)["eastern Algeria"]
    assert algeria.latitude is not None and 18 < algeria.latitude < 37  # inside Algeria


def test_country_not_a_town_and_admin_fields(mali_gaz: Gazetteer) -> None:
    ms = find_places("Mali's friends in Niger and Senegal met in Bamako.", gazetteer=mali_gaz)
    mali = _by_text(ms)["Mali"]
    assert (mali.feature, mali.country_code, mali.geo_precision) == ("country", "ML", 3)
    niger = _by_text(ms)["Niger"]
    assert niger.feature == "country" and niger.country_code == "NE"
    bamako = _by_text(ms)["Bamako"]
    assert bamako.feature == "city" and bamako.admin1 and "Bamako" in bamako.admin1
    rows = list(places_jsonl("Rebels attacked Gao, Mali.", gazetteer=mali_gaz))
    assert set(rows[0]) == {"text", "start", "end", "name", "country", "admin1", "latitude",
                            "longitude", "geonameid", "geo_precision", "basis"}
    assert rows[0]["geonameid"] == 2457163
    # the qualifier says Mali; among the villages of Mali called Gao the town is the prior's
    assert rows[0]["basis"] == "default"


def test_common_words_and_people_are_not_places() -> None:
    gaz = FakeGazetteer([("Police", 10.0, 10.0, "NG", 800), ("Saturday", 5.0, 5.0, "NG", 600),
                         ("Of", 1.0, 1.0, "NG", 500), ("Smithville", 30.0, -97.0, "US", 4000)])
    ms = find_places("Police said on Saturday that one of the men was from Smithville, Texas.",
                     gazetteer=gaz)
    assert [m.text for m in ms if m.resolved] == ["Smithville"]


def test_unknown_ner_place_is_kept_unresolved() -> None:
    gaz = FakeGazetteer([])
    ms = find_places("Fighting broke out in Zorbistan on Monday.", gazetteer=gaz)
    assert [(m.text, m.latitude) for m in ms if m.text == "Zorbistan"] in ([("Zorbistan", None)], [])


def test_country_info() -> None:
    gaz = FakeGazetteer([])
    name, code, lat, lon = country_info("Algeria", gazetteer=gaz)  # type: ignore[misc]
    assert (name, code) == ("Algeria", "DZ") and 18 < lat < 37 and -9 < lon < 12
    assert country_info("Malian", gazetteer=gaz)[1] == "ML"  # type: ignore[index]
    assert country_info("Nowhere", gazetteer=gaz) is None


def test_mali_corpus_gao_is_in_mali(mali_gaz: Gazetteer, mali_corpus: Path) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(mali_corpus.iterdir())
             if p.suffix in (".txt", ".html", ".htm")]
    assert texts
    gaos = [m for t in texts for m in find_places(t, gazetteer=mali_gaz) if m.text == "Gao"]
    assert gaos, "no Gao in the Mali articles"
    assert all(m.country_code == "ML" for m in gaos)


def test_state_qualifiers_and_abbreviations(mali_gaz: Gazetteer) -> None:
    ms = find_places("Police in Columbus, Ohio, and in Kansas City, Kan., and a firm of Toronto, "
                     "Ontario, Canada, joined. CHARLESTON, W. Va. -- Rep. Clyburn, D-S.C., spoke.",
                     gazetteer=mali_gaz)
    got = {m.text: (m.admin1, m.feature) for m in ms if m.resolved}
    assert got["Columbus"] == ("Ohio", "city")
    assert got["Ohio"] == ("Ohio", "admin1")  # the qualifier is the state, not a town
    assert got["Kansas City"][0] == "Kansas" and got["Kan."] == ("Kansas", "admin1")
    assert got["Ontario"] == ("Ontario", "admin1") and got["Toronto"][0] == "Ontario"
    assert got["CHARLESTON"][0] == "West Virginia" and got["W. Va."][1] == "admin1"
    assert got["S.C."] == ("South Carolina", "admin1")


def test_neighbours_pull_ambiguous_names_together(mali_gaz: Gazetteer) -> None:
    # Paris and Henry County exist in many states; only in Tennessee do they touch
    ms = find_places("Paris and Henry County are rich in history. Visitors drive from "
                     "Nashville and Memphis.", gazetteer=mali_gaz)
    got = {m.text: m for m in ms if m.resolved}
    assert got["Paris"].country_code == "US" and got["Paris"].admin1 == "Tennessee"
    assert got["Henry County"].admin1 == "Tennessee" and got["Henry County"].feature == "admin2"
    # with nothing around it, Paris is the French capital; a state named alone is the state
    alone = {m.text: m for m in find_places("He moved to Paris. New York voters agreed.",
                                            gazetteer=mali_gaz)}
    assert alone["Paris"].country_code == "FR"
    assert alone["New York"].feature == "admin1"


def test_demonyms_two_words_and_before_nouns(mali_gaz: Gazetteer) -> None:
    ms = find_places("The Russian President met Sri Lankan officials and Palestinians.",
                     gazetteer=mali_gaz)
    got = {m.text: (m.country_code, m.feature) for m in ms}
    assert got["Russian"] == ("RU", "demonym")
    assert got["Sri Lankan"] == ("LK", "demonym") and "Sri" not in got
    assert got["Palestinians"][0] == "PS"


def test_conflict_regions_carry_their_country(mali_gaz: Gazetteer) -> None:
    ms = find_places("Fighting spread from Darfur to Kordofan, while South Ossetia was calm.",
                     gazetteer=mali_gaz)
    got = {m.text: (m.country_code, m.feature, m.geo_precision) for m in ms if m.resolved}
    assert got["Darfur"] == ("SD", "region", 3) and got["Kordofan"][0] == "SD"
    assert got["South Ossetia"] == ("GE", "region", 3)
    darfur = _by_text(ms)["Darfur"]
    assert darfur.latitude is not None and 10 < darfur.latitude < 17


def test_region_demonyms_point_at_the_region(mali_gaz: Gazetteer) -> None:
    ms = find_places("Abkhaz and South Ossetian separatists met.", gazetteer=mali_gaz)
    got = {m.text: m for m in ms}
    assert got["Abkhaz"].name == "Abkhazia" and got["Abkhaz"].feature == "demonym"
    assert got["South Ossetian"].country_code == "GE"
    assert got["South Ossetian"].longitude is not None and 43 < got["South Ossetian"].longitude < 45


def test_town_named_by_its_institutions_is_domestic(mali_gaz: Gazetteer) -> None:
    # "Athens Police Department" with a Texas county nearby: Athens, Texas, not Greece
    ms = find_places("The Athens Police Department arrested a man Monday. He was held at the "
                     "Henderson County Jail.", gazetteer=mali_gaz)
    got = {m.text: m for m in ms if m.resolved}
    assert got["Athens"].country_code == "US" and got["Athens"].admin1 == "Texas"
    assert got["Henderson County"].admin1 == "Texas"
    # the state named inside an organisation's name counts for its towns
    ms = find_places("The Georgia Bureau of Investigation said Athens police found the car.",
                     gazetteer=mali_gaz)
    assert _by_text(ms)["Athens"].admin1 == "Georgia"


def test_lone_words_read_by_another_spelling_are_dropped(mali_gaz: Gazetteer) -> None:
    ms = find_places("Toyota said the company would sell more cars on Day one, according "
                     "to L.A. dealers.", gazetteer=mali_gaz)
    assert [m.text for m in ms if m.resolved] == []
    # the same kind of word backed by its country is kept (Kona, a spelling of Konna)
    assert "Kona" in [m.text for m in find_places(MALI_TEXT, gazetteer=mali_gaz)]


@pytest.mark.slow
def test_lgl_slice_floor(shared_dir: Path) -> None:
    from eventline.eval.baseline import below
    from eventline.eval.places import evaluate_lgl, format_report

    result = evaluate_lgl(shared_dir / "dev" / "geoparsing" / "lgl.xml", limit=60)
    print(format_report(result))
    assert result["gold"] > 300
    assert not below("places_lgl_slice", {"score": result["score"]}), format_report(result)


@pytest.mark.parametrize("town", ["Kano", "Aleppo", "Kandahar"])
def test_a_region_named_after_its_capital_town_means_the_town_outside_the_us(town: str) -> None:
    mentions = [m for m in geoparse(f"Gunmen attacked a market in {town} on Monday.") if m.text == town]
    assert mentions and mentions[0].feature == "city" and mentions[0].geo_precision == 1


# A Louisiana paper: its articles name Louisiana places the gazetteer knows in one state only.
TOWN_TALK = [
    "Deputies in Rapides Parish arrested two men on Friday after a chase.",
    "The school board in Natchitoches voted to close two schools.",
    "A fire destroyed a barn near Lafayette, La., on Sunday.",
    "Brad Tanner scored 12 points for the Council on Friday.",  # names, not places
    "The state legislature meets in Baton Rouge next week.",
]


def test_an_outlets_lexicon_is_the_region_its_articles_keep_naming(mali_gaz: Gazetteer) -> None:
    evidence = [home_evidence(t, gazetteer=mali_gaz) for t in TOWN_TALK]
    assert evidence[3] == (frozenset(), frozenset())  # a person's name is no evidence
    home = outlet_home("The Town Talk", evidence)
    assert home.articles == 5
    cc, region, share = home.regions[0]
    assert (cc, region) == ("US", "Louisiana") and share >= 0.6
    assert home.country_share("US") >= 0.6
    # one article is not a lexicon
    assert outlet_home("One-off", evidence[:1]).regions == ()


def test_the_outlets_home_settles_a_local_papers_ambiguous_town(mali_gaz: Gazetteer) -> None:
    home = outlet_home("The Town Talk", [home_evidence(t, gazetteer=mali_gaz) for t in TOWN_TALK])
    text = "An Alexandria woman was charged with arson after a fire on Friday."
    got = _by_text(find_places(text, gazetteer=mali_gaz, home=home))["Alexandria"]
    assert (got.country_code, got.admin1) == ("US", "Louisiana")
    # what the article says still wins over the outlet's habits
    text = "Protesters marched in Alexandria, Egypt, and in Paris, France, on Friday."
    got = _by_text(find_places(text, gazetteer=mali_gaz, home=home))
    assert got["Alexandria"].country_code == "EG" and got["Paris"].country_code == "FR"
    # a country's name is not bent toward a look-alike town at home ("Iran" is not Iraan, Texas)
    texas = outlet_home("Star", [(frozenset({("US", "Texas")}), frozenset({"US"}))] * 4)
    got = _by_text(find_places("Her family left Iran in 1973.", gazetteer=mali_gaz, home=texas))
    assert got["Iran"].feature == "country"


def test_street_names_are_not_towns() -> None:
    text = ("The blast hit a bakery on Rue Victor Hugo in Lyon; protesters later gathered on "
            "Avenue Habib Bourguiba in Tunis.")
    assert [m.text for m in geoparse(text) if m.resolved] == ["Lyon", "Tunis"]


def test_initials_titles_and_demonyms_do_not_pull_a_city_abroad() -> None:
    # "IRA" is not Ira, Texas; "Lord Carrington" is a man; "Welsh Guardsmen" come from Wales
    text = ("The IRA said it planted the bomb. Lord Carrington met Welsh Guardsmen at Stormont "
            "Castle. Shootings in Belfast had continued last night.")
    got = {m.text: m for m in geoparse(text)}
    assert "IRA" not in got and "Carrington" not in got
    assert got["Welsh"].feature == "demonym" and got["Welsh"].country_code == "GB"
    assert got["Belfast"].country_code == "GB"
    # a dateline in capitals is still a place
    got = {m.text: m for m in geoparse("GAO, Mali (Reuters) - Rebels attacked the town.")}
    assert got["GAO"].country_code == "ML"


def test_a_belfast_report_stays_in_northern_ireland(shared_dir: Path) -> None:
    # a real 1972 report (WikiEvents dev): IRA, Lord Carrington, Stormont Castle, Welsh
    # Guardsmen once outvoted Belfast itself and sent it to Maine
    import json

    with open(shared_dir / "dev" / "events" / "wikievents-dev.jsonl", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    doc = next(d for d in docs if d["doc_id"] == "wiki_ied_bombings_1_news_4")
    ms = geoparse(" ".join(doc["tokens"]))
    belfast = [m for m in ms if m.text == "Belfast"]
    assert belfast and all(m.country_code == "GB" for m in belfast)
    assert not [m for m in ms if m.text in {"IRA", "Carrington", "Whitelaw"}]


def test_arabic_article_spellings_join_the_name() -> None:
    got = {m.text: m for m in geoparse("Militants attacked a checkpoint in Deir ez-Zor on Monday; "
                                       "fighting continued near Jisr ash-Shughur.")}
    assert got["Deir ez-Zor"].country_code == "SY" and got["Jisr ash-Shughur"].country_code == "SY"
    assert "Deir" not in got


def test_a_country_in_the_possessive_is_still_found(geonames_dir: Path, tmp_path: Path) -> None:
    # the NE dump's own entry for the country ("Republic of Niger") must not hide it
    shutil.copy(load_gazetteer().path, tmp_path / "gazetteer.sqlite")
    gaz = Gazetteer(tmp_path / "gazetteer.sqlite")
    gaz.add_dump([geonames_dir / "NE.txt"])
    ms = find_places("Members of Niger's presidential guard detained the president.", gazetteer=gaz)
    assert [(m.text, m.country_code, m.feature) for m in ms] == [("Niger", "NE", "country")]


def test_places_resolve_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Tied country votes were summed in a set's order, which changes with PYTHONHASHSEED:
    the same text must give the same places on every run (re-runs are idempotent)."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json; from eventline.components import components; "
        "from eventline.settings import load_settings; from eventline.places import find_places; "
        "m, g, *_ = components(load_settings()); "
        "t = 'On 13 May 2020, a number of youths staged a second day of demonstrations in the "
        "town of Kayes (Kayes) in reaction to the killing of a youth.'; "
        "print(json.dumps([(p.text, p.geonameid) for p in find_places(t, gazetteer=g, doc=m(t))]))"
    )
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=300, check=True)
        outs.add(json.dumps(json.loads(done.stdout.strip().splitlines()[-1])))
    assert len(outs) == 1, outs
