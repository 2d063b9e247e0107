"""ACLED drop-in: pandas dtypes, GeoParquet in geopandas, the acled_events view, filters."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from test_export import db, export_text, fill, make_event, make_source  # noqa: F401

from eventline.acled import ACLED_COLUMNS, INT_COLUMNS, split_notes
from eventline.export import ExportFilter, export_events
from eventline.store import Store


def test_thirty_one_columns_in_acled_order() -> None:
    assert len(ACLED_COLUMNS) == 31
    assert ACLED_COLUMNS[:5] == ("event_id_cnty", "event_date", "year", "time_precision",
                                 "disorder_type")
    assert ACLED_COLUMNS[-3:] == ("fatalities", "tags", "timestamp")


def test_pandas_reads_integer_columns_as_integers(db: Path, tmp_path: Path) -> None:  # noqa: F811
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    export_events(db, "acled-csv", out)
    df = pd.read_csv(out)
    assert tuple(df.columns) == ACLED_COLUMNS
    for c in INT_COLUMNS:
        assert str(df[c].dtype) == "int64", c
    assert str(df.latitude.dtype) == "float64"


def test_notes_lose_internal_tags_which_move_to_tags(tmp_path: Path) -> None:
    note = "Attack. Gunmen attacked a village. [date: from context] [place: from article]"
    assert split_notes(note) == ("Attack. Gunmen attacked a village.",
                                 "date: from context; place: from article")
    assert split_notes("A [note] with brackets.") == ("A [note] with brackets.", "")
    db2 = fill(tmp_path / "t.db", [make_event("e", notes=note)])
    (row,) = csv.DictReader(io.StringIO(export_text(db2, "acled-csv")))
    assert "[" not in row["notes"] and row["tags"] == "date: from context; place: from article"


def test_geoparquet_reads_in_geopandas(db: Path, tmp_path: Path) -> None:  # noqa: F811
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "events.parquet"
    export_events(db, "parquet", out)
    gdf = gpd.read_parquet(out)
    assert gdf.geometry.name == "geometry"
    gao = gdf[gdf.event_id == "e-gao"].iloc[0]
    assert (round(gao.geometry.x, 4), round(gao.geometry.y, 4)) == (-0.0447, 16.2717)
    assert gdf[gdf.event_id == "e-nowhere"].geometry.isna().all()  # no coordinates: null


def test_acled_events_view_has_exactly_the_csv(db: Path) -> None:  # noqa: F811
    with Store(db) as store:
        store.review_reject("e-kidal", who="ana")
    rows = list(csv.DictReader(io.StringIO(export_text(db, "acled-csv"))))
    con = sqlite3.connect(db)
    cur = con.execute("SELECT * FROM acled_events")
    assert tuple(d[0] for d in cur.description) == ACLED_COLUMNS
    view = {r[0]: ["" if v is None else str(v) for v in r] for r in cur.fetchall()}
    con.close()
    assert set(view) == {r["event_id_cnty"] for r in rows}  # rejected e-kidal left out
    for r in rows:
        assert view[r["event_id_cnty"]] == [r[c] for c in ACLED_COLUMNS], r["event_id_cnty"]


def test_export_filters(tmp_path: Path) -> None:
    db2 = fill(tmp_path / "f.db", [
        make_event("a", event_date="2012-01-10"),
        make_event("b", event_date="2012-02-10", country="Niger", event_type="Protests",
                   sub_event_type="Peaceful protest"),
        make_event("c", event_date="2012-03-10", date_end="2012-03-12", fatalities=6,
                   fatalities_low=6),
    ])

    def ids(**kw: object) -> list[str]:
        text = export_text(db2, "acled-csv", filters=ExportFilter(**kw))  # type: ignore[arg-type]
        return [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(text))]

    assert ids(country="Mali") == ["MLI1", "MLI2"] and ids(country="NE") == ["NER1"]
    assert ids(since="2012-02-01", until="2012-02-28") == ["NER1"]
    assert ids(since="2012-03-11") == ["MLI2"]  # a span overlapping the window is kept
    assert ids(types=("protests",)) == ["NER1"] and ids(types=("Armed clash",)) == ["MLI1", "MLI2"]
    assert ids(changed_since=0) == ["MLI1", "NER1", "MLI2"]
    assert ids(changed_since=4_000_000_000) == []
    text = export_text(db2, "acled-csv", filters=ExportFilter(country="Mali", per_day=True))
    days = list(csv.DictReader(io.StringIO(text)))
    assert [(d["event_id_cnty"], d["event_date"], d["fatalities"]) for d in days] == [
        ("MLI1", "2012-01-10", "10"), ("MLI2", "2012-03-10", "6"),
        ("MLI2-2", "2012-03-11", "0"), ("MLI2-3", "2012-03-12", "0")]
    text = export_text(db2, "acled-csv", filters=ExportFilter(since="2012-03-11", per_day=True))
    assert [r["event_date"] for r in csv.DictReader(io.StringIO(text))] == ["2012-03-11",
                                                                          "2012-03-12"]


def test_timestamp_moves_only_when_the_event_changes(tmp_path: Path) -> None:
    db2 = fill(tmp_path / "s.db", [make_event("a", sources=(make_source("x", "AFP"),))])
    con = sqlite3.connect(db2)
    con.execute("UPDATE events SET updated_at = 5")
    con.commit()
    con.execute("UPDATE events SET confidence = confidence")  # not an ACLED column
    assert con.execute("SELECT updated_at FROM events").fetchone()[0] == 5
    con.execute("UPDATE events SET fatalities = 3")
    assert con.execute("SELECT updated_at FROM events").fetchone()[0] > 1_600_000_000
    con.close()


def test_country_level_events_sit_at_the_capital_and_keep_the_articles_spelling(
        tmp_path: Path) -> None:
    from eventline.engines.analysis import _make_geo, acled_place
    from eventline.gazetteer import load_gazetteer
    from eventline.models import PlaceMention

    gaz = load_gazetteer()
    geo = _make_geo(gaz, model=None)  # type: ignore[arg-type]
    at_centroid = make_event("c", location="Mali", latitude=17.0, longitude=-4.0,
                             geo_precision=3, admin1=None)
    unplaced = make_event("u", location=None, latitude=None, longitude=None, geo_precision=None)
    for event in (at_centroid, unplaced):
        placed = acled_place(event, [], geo, gaz)
        assert placed.location == "Bamako" and placed.geo_precision == 3
        assert abs((placed.latitude or 0) - 12.65) < 0.1 and abs((placed.longitude or 0) + 8.0) < 0.1
        assert placed.admin1 == "Bamako"
    konna = PlaceMention(text="Konna", start=0, end=5, name="Kona", country="Mali",
                         latitude=14.94, longitude=-3.89, geo_precision=1, feature="city")
    town = make_event("k", location="Kona", latitude=14.94, longitude=-3.89)
    written = acled_place(town, [konna], geo, gaz)
    assert written.location == "Kona"  # the gazetteer's name stays in `location`
    db2 = fill(tmp_path / "k.db", [written])
    text = export_text(db2, "acled-csv", extras=True)
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["location"] == "Kona" and row["location_as_written"] == "Konna"


def test_export_command_filters(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventline.cli import app

    db2 = fill(tmp_path / "c.db", [make_event("a", event_date="2012-01-10"),
                                   make_event("b", event_date="2012-02-10", country="Niger")])
    runner = CliRunner()

    def rows(*args: str) -> list[dict[str, str]]:
        result = runner.invoke(app, ["export", "--db", str(db2), "--format", "acled-csv", *args])
        assert result.exit_code == 0, result.output
        return list(csv.DictReader(io.StringIO(result.stdout)))

    assert [r["country"] for r in rows("--country", "NER")] == ["Niger"]
    assert [r["event_date"] for r in rows("--since", "2012-02-01")] == ["2012-02-10"]
    assert rows("--changed-since", "2999-01-01") == []
    assert len(rows("--changed-since", "0")) == 2
    bad = runner.invoke(app, ["export", "--db", str(db2), "--format", "acled-csv",
                              "--since", "10/02/2012"])
    assert bad.exit_code == 1 and "[E030]" in bad.stderr and bad.stdout == ""


# ---------------------------------------------------------------- source_scale, admin3, ids

def _csv_rows(path: Path) -> dict[str, dict[str, str]]:
    return {r["event_id"]: r for r in csv.DictReader(io.StringIO(
        export_text(path, "acled-csv", extras=True)))}


def test_source_scale_from_the_outlet_table_in_acleds_order() -> None:
    from eventline.acled import find_outlet, outlet_table, source_scale

    essor = find_outlet("L'Essor")
    assert essor is not None and (essor.scale, essor.country) == ("National", "ML")
    assert find_outlet(None, "https://www.reuters.com/world/africa/x") == outlet_table()["reuters"]
    assert find_outlet("Agence France Presse").name == "Agence France-Presse"  # type: ignore[union-attr]
    # two scales, joined in ACLED's order whatever the source order
    assert source_scale([("L'Essor", None), ("AFP", None)], "Mali") == "National-International"
    assert source_scale([("Twitter", None), ("Maliweb", None)], "Mali") == "New media-National"
    # a national outlet of another country is a foreign, international source
    assert source_scale([("L'Essor", None)], "Burkina Faso") == "International"
    # not in the table: the web address's country code decides, else nothing is guessed
    assert source_scale([("Le Journal", "https://journal.example.ml/a")], "Mali") == "National"
    assert source_scale([("Le Journal", "https://lejournal.tv/a")], "Mali") == ""
    assert source_scale([], "Mali") == ""


def test_source_scale_and_admin3_in_the_csv_and_the_view(tmp_path: Path) -> None:
    from eventline.models import Source

    def src(doc: str, outlet: str, url: str | None = None) -> Source:
        return Source(doc=doc, source=outlet, url=url, published="2019-05-01", quote="q.",
                      start=0, end=2)

    dbf = fill(tmp_path / "s.db", [
        make_event("kewa", location="Kewa", admin1="Mopti", admin2="Djenne", latitude=14.2222,
                   longitude=-4.4933, sources=(src("a", "Studio Tamani"), src("b", "RFI"))),
        make_event("far", location="Sofara", admin1="Mopti", admin2="Djenne", latitude=14.0,
                   longitude=-4.25, sources=(src("c", "Some blog"),)),
    ])
    rows = _csv_rows(dbf)
    assert (rows["kewa"]["admin3"], rows["kewa"]["source_scale"]) == ("Kewa", "National-International")
    assert (rows["far"]["admin3"], rows["far"]["source_scale"]) == ("", "")
    con = sqlite3.connect(dbf)
    view = dict(con.execute("SELECT location, admin3 || '|' || source_scale FROM acled_events"))
    con.close()
    assert view == {"Kewa": "Kewa|National-International", "Sofara": "|"}


def test_event_id_cnty_is_assigned_once_and_kept_when_events_are_added(tmp_path: Path) -> None:
    dbf = fill(tmp_path / "ids.db", [make_event("b", event_date="2012-05-01"),
                                    make_event("c", event_date="2012-06-01"),
                                    make_event("n", country="Niger")])
    first = {k: r["event_id_cnty"] for k, r in _csv_rows(dbf).items()}
    assert first == {"b": "MLI1", "c": "MLI2", "n": "NER1"}
    # a later run: an earlier-dated event and a later one; the old ids stay
    with Store(dbf) as store:
        from eventline.models import Article

        run = store.begin_run(args={})
        store.save_article(run, Article(doc_id="d2", name="b.txt", path="b.txt", text="y"),
                           upsert=[make_event("a", event_date="2012-01-01"),
                                   make_event("d", event_date="2012-07-01"),
                                   make_event("c", event_date="2012-06-01", fatalities=3)])
    second = {k: r["event_id_cnty"] for k, r in _csv_rows(dbf).items()}
    assert {k: second[k] for k in first} == first
    assert {second["a"], second["d"]} == {"MLI3", "MLI4"}
    # a filtered export keeps the ids; the view shows the same ones
    rows = list(csv.DictReader(io.StringIO(export_text(
        dbf, "acled-csv", filters=ExportFilter(since="2012-06-01")))))
    assert {r["event_id_cnty"] for r in rows} == {"MLI2", "MLI4"}
    con = sqlite3.connect(dbf)
    assert {r[0] for r in con.execute("SELECT event_id_cnty FROM acled_events")} == set(second.values())
    con.close()


def test_a_database_from_before_the_ids_keeps_its_numbers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Migration 0004 numbers the stored events as the export did (date order)."""
    import eventline.store as store_module

    path = tmp_path / "old.dbf"
    names = [n for n, _ in store_module.MIGRATIONS]
    with monkeypatch.context() as m:  # the store as it was before migration 0004
        m.setattr(store_module, "MIGRATIONS",
                  store_module.MIGRATIONS[:names.index("0004_acled_ids")])
        m.setattr(Store, "_write_acled_fields", lambda self, event: None)
        fill(path, [make_event("late", event_date="2012-09-01"),
                    make_event("early", event_date="2012-02-01")])
    with Store(path) as store:  # migrates
        assert store.acled_ids() == {"early": "MLI1", "late": "MLI2"}
        assert store.acled_fields() is not None and "late" in store.acled_fields()  # type: ignore[operator]


@pytest.mark.slow
def test_a_second_run_with_new_articles_keeps_the_first_runs_ids(tmp_path: Path) -> None:
    from eventline.pipeline import run

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    manifest = corpus / "manifest.csv"
    db_path = tmp_path / "two.dbf"
    later = [corpus / "west-africa-wire_2012-03-31_gao-attack.html",
             corpus / "sahel-monitor_2012-03-30_kidal.txt"]
    run([corpus / "west-africa-wire_2013-02-08_gao-bombing.txt",
         corpus / "desert-courier_2013-01-20_gao-killings.txt"], manifest=manifest, db=db_path)
    first = {k: r["event_id_cnty"] for k, r in _csv_rows(db_path).items()}
    assert first
    run(later, manifest=manifest, db=db_path)  # earlier-dated events arrive in the second run
    second = {k: r["event_id_cnty"] for k, r in _csv_rows(db_path).items()}
    assert len(second) > len(first)
    assert {k: second[k] for k in first if k in second} == {k: v for k, v in first.items()
                                                            if k in second}
    assert len(set(second.values())) == len(second)  # no id given twice


def test_per_day_splits_jsonl_and_geojson_too(tmp_path: Path) -> None:
    import json

    db2 = fill(tmp_path / "days.dbf", [
        make_event("one", event_date="2012-01-10"),
        make_event("span", event_date="2012-03-10", date_end="2012-03-12", fatalities=6,
                   fatalities_low=6, fatalities_best=6, fatalities_high=9),
    ])
    flt = ExportFilter(per_day=True)
    lines = [json.loads(x) for x in export_text(db2, "jsonl", filters=flt).splitlines()]
    assert [(r["event_id"], r["event_date"], r["date_end"], r["fatalities"], r.get("day"))
            for r in lines] == [("one", "2012-01-10", None, 10, None),
                                ("span", "2012-03-10", None, 6, 1),
                                ("span", "2012-03-11", None, 0, 2),
                                ("span", "2012-03-12", None, 0, 3)]
    assert lines[2]["days"] == 3 and lines[2]["fatalities_high"] == 0
    # without --per-day the span stays one record
    assert len(export_text(db2, "jsonl").splitlines()) == 2
    features = json.loads(export_text(db2, "geojson", filters=flt))["features"]
    assert [(f["id"], f["properties"]["event_id_cnty"], f["properties"]["event_date"],
             f["properties"]["fatalities"]) for f in features] == [
        ("one", "MLI1", "2012-01-10", 10), ("span", "MLI2", "2012-03-10", 6),
        ("span-2", "MLI2-2", "2012-03-11", 0), ("span-3", "MLI2-3", "2012-03-12", 0)]
