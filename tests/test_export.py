"""Exports: JSONL contract order, exact ACLED CSV header, GeoJSON, Parquet, read_events."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from eventline.export import (
    ACLED_COLUMNS,
    EXTRA_COLUMNS,
    ExportError,
    ExportWarning,
    export_events,
    interaction,
    iso3,
    read_events,
)
from eventline.models import EVENT_CONTRACT_KEYS, Event, Source
from eventline.store import Store

INJECTION = "O'Brien \"the\" '); DROP TABLE events;--"

# ACLED's current export: 31 columns in this order.
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def make_source(doc: str, outlet: str | None, start: int = 0) -> Source:
    quote = f"Quote from {doc}."
    return Source(doc=doc, source=outlet, url=None, published="2012-03-31", quote=quote,
                  start=start, end=start + len(quote))


def make_event(event_id: str, **overrides: Any) -> Event:
    base: dict[str, Any] = dict(
        event_id=event_id, event_date="2012-03-30", date_end=None, time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="MNLA",
        assoc_actor_1=("Ansar Dine", "AQIM"), inter1=2, actor2="Military Forces of Mali",
        assoc_actor_2=(), inter2=1, country="Mali", admin1="Gao", admin2="Gao",
        location="Gao", latitude=16.2717, longitude=-0.0447, geo_precision=1,
        fatalities=10, fatalities_low=10, fatalities_best=12, fatalities_high=20,
        confidence=0.7, notes="Rebels attacked Gao.",
        sources=(make_source("a.txt", "Reuters"), make_source("b.txt", "Mali Web", 5),
                 make_source("c.txt", "Reuters", 9)),
    )
    base.update(overrides)
    return Event(**base)


def fill(path: Path, events: list[Event]) -> Path:
    from eventline.models import Article

    with Store(path) as store:
        run = store.begin_run(args={})
        art = Article(doc_id="d", name="a.txt", path="a.txt", text="x")
        store.save_article(run, art, upsert=events)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return fill(tmp_path / "ev.db", [
        make_event("e-gao"),
        make_event("e-kidal", event_date="2012-03-31", location="Kidal", actor2=None,
                   inter2=None, assoc_actor_1=()),
        make_event("e-nowhere", event_date="2012-04-02", latitude=None, longitude=None,
                   location=None, geo_precision=None, country="Niger"),
        make_event("e-unknown", event_date=None, country=None, actor1=INJECTION,
                   notes=INJECTION, sources=(make_source("d.txt", INJECTION),)),
    ])


def export_text(db: Path | Store, fmt: str, **kw: Any) -> str:
    buf = io.StringIO()
    export_events(db, fmt, buf, **kw)
    return buf.getvalue()


# --------------------------------------------------------------------------- JSONL


def test_jsonl_is_to_dict_per_line_in_contract_order(db: Path) -> None:
    lines = export_text(db, "jsonl").splitlines()
    assert len(lines) == 4
    records = [json.loads(line) for line in lines]
    for record in records:
        keys = list(record)
        assert tuple(keys[: len(EVENT_CONTRACT_KEYS)]) == EVENT_CONTRACT_KEYS
        assert keys[len(EVENT_CONTRACT_KEYS):] == ["field_values", "disagreements", "reviewed"]
    with Store(db, readonly=True) as store:
        assert records == [e.to_dict() for e in store.iter_events()]
    # undated first, then by date
    assert [r["event_id"] for r in records] == ["e-unknown", "e-gao", "e-kidal", "e-nowhere"]


def test_jsonl_to_stdout(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export_events(db, "jsonl") == 4
    assert len(capsys.readouterr().out.splitlines()) == 4


# --------------------------------------------------------------------------- ACLED CSV


def test_acled_csv_header_and_rows(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_events(db, "acled-csv", out) == 4
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ACLED_HEADER
    assert ",".join(ACLED_COLUMNS) == ACLED_HEADER
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(text))}
    # an event without a country keeps its internal id, never a made-up "XXX1"
    assert set(rows) == {"e-unknown", "MLI1", "MLI2", "NER1"}
    gao = rows["MLI1"]
    assert gao["location"] == "Gao" and gao["year"] == "2012"
    assert gao["assoc_actor_1"] == "Ansar Dine; AQIM"
    assert gao["source"] == "Reuters; Mali Web"  # distinct outlets, in source order
    # a wire and a national outlet of the event's country (data/outlets.csv), in ACLED's order
    assert gao["source_scale"] == "National-International"
    assert gao["interaction"] == "12" and gao["admin3"] == ""
    kidal = rows["MLI2"]
    # integer columns are never blank: 0 where ACLED writes 0
    assert kidal["interaction"] == "20" and kidal["actor2"] == "" and kidal["inter2"] == "0"
    assert rows["NER1"]["latitude"] == "" and rows["NER1"]["geo_precision"] == "0"
    assert rows["e-unknown"]["year"] == "0" and rows["e-unknown"]["event_date"] == ""
    assert gao["iso"] == "466" and gao["region"] == "Western Africa"
    assert rows["NER1"]["iso"] == "562" and rows["e-unknown"]["iso"] == "0"
    assert gao["disorder_type"] == "Political violence" and gao["civilian_targeting"] == ""
    assert int(gao["timestamp"]) > 1_600_000_000


def test_acled_csv_extras(db: Path) -> None:
    text = export_text(db, "acled-csv", extras=True)
    header = text.splitlines()[0].split(",")
    assert tuple(header) == ACLED_COLUMNS + tuple(c for c in EXTRA_COLUMNS if c != "sources")


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [
    (1, 2, 12), (2, 1, 12), (7, 1, 17), (3, 3, 33), (2, None, 20), (None, 6, 60),
    (None, None, 0),
])  # fmt: skip
def test_interaction_code(inter1: int | None, inter2: int | None, expected: int) -> None:
    assert interaction(inter1, inter2) == expected


def test_iso3_and_source_scale(tmp_path: Path) -> None:
    assert iso3("Mali") == "MLI" and iso3("burkina faso") == "BFA" and iso3("ML") == "MLI"
    assert iso3("Atlantis") == "XXX" and iso3(None) == "XXX"
    db = fill(tmp_path / "w.db", [make_event("e", sources=(make_source("a", "AFP"),
                                                           make_source("b", "Reuters", 3)))])
    (row,) = csv.DictReader(io.StringIO(export_text(db, "acled-csv")))
    assert row["source_scale"] == "International" and row["source"] == "AFP; Reuters"


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_feature_collection_and_missing_coordinates(db: Path) -> None:
    warnings_seen: list[str] = []
    data = json.loads(export_text(db, "geojson", warn=warnings_seen.append))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
    by_id = {f["id"]: f for f in data["features"]}
    gao = by_id["e-gao"]
    assert gao["type"] == "Feature"
    assert gao["geometry"] == {"type": "Point", "coordinates": [-0.0447, 16.2717]}  # lon, lat
    props = gao["properties"]
    assert list(props)[4:] == list(make_event("x").to_dict())
    assert props["event_id_cnty"] == "MLI1" and props["year"] == 2012
    assert props["interaction"] == 12 and props["source"] == "Reuters; Mali Web"
    assert by_id["e-nowhere"]["geometry"] is None  # not dropped
    assert warnings_seen == [warnings_seen[0]]
    assert warnings_seen[0].startswith("1 events have no coordinates: e-nowhere")


def test_geojson_default_warning(db: Path) -> None:
    with pytest.warns(ExportWarning, match="no coordinates"):
        export_text(db, "geojson")


def test_geojson_empty_database(tmp_path: Path) -> None:
    db = fill(tmp_path / "empty.db", [])
    assert json.loads(export_text(db, "geojson")) == {"type": "FeatureCollection",
                                                      "features": []}


# --------------------------------------------------------------------------- Parquet / pandas


def test_parquet_round_trip(db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "events.parquet"
    assert export_events(db, "parquet", out) == 4
    df = pd.read_parquet(out)
    assert tuple(df.columns) == ACLED_COLUMNS + EXTRA_COLUMNS + ("geometry",)
    gao = df[df.event_id == "e-gao"].iloc[0]
    assert str(gao.event_date) == "2012-03-30" and gao.fatalities == 10
    assert gao.interaction == 12 and gao.assoc_actor_1 == "Ansar Dine; AQIM"
    assert [s["doc"] for s in gao.sources] == ["a.txt", "b.txt", "c.txt"]
    assert df[df.event_id == "e-unknown"].iloc[0].actor1 == INJECTION


def test_parquet_without_pyarrow_is_a_clear_error(db: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    out = tmp_path / "x.parquet"
    with pytest.raises(ExportError, match="pip install"):
        export_events(db, "parquet", out)
    assert not out.exists()


def test_unknown_format(db: Path) -> None:
    with pytest.raises(ExportError, match="Use one of"):
        export_events(db, "xlsx", io.StringIO())


def test_read_events_columns_and_types(db: Path) -> None:
    df = read_events(db)
    assert tuple(df.columns) == ACLED_COLUMNS + EXTRA_COLUMNS
    assert len(df) == 4
    assert str(df.event_date.dtype).startswith("datetime64")
    assert str(df.inter2.dtype) == "int64" and str(df.fatalities_best.dtype) == "Int64"
    kidal = df[df.event_id == "e-kidal"].iloc[0]
    assert kidal.inter2 == 0
    assert isinstance(df.iloc[0].sources, list) and df.iloc[0].sources[0]["doc"] == "d.txt"


def test_read_events_via_package(db: Path) -> None:
    import eventline

    assert list(eventline.read_events(db).event_id_cnty) == ["e-unknown", "MLI1", "MLI2", "NER1"]


# --------------------------------------------------------------------------- review + safety


def test_rejected_hidden_and_reviewed_flag(db: Path) -> None:
    with Store(db) as store:
        store.review_reject("e-kidal", who="ana")
        store.review_confirm("e-gao", who="ana")
    records = [json.loads(x) for x in export_text(db, "jsonl").splitlines()]
    assert "e-kidal" not in {r["event_id"] for r in records}
    assert {r["event_id"]: r["reviewed"] for r in records}["e-gao"] is True
    assert {r["event_id"]: r["reviewed"] for r in records}["e-nowhere"] is False
    all_records = export_text(db, "jsonl", include_rejected=True).splitlines()
    assert len(all_records) == 4
    assert "e-kidal" not in set(read_events(db).event_id)


def test_injection_strings_exported_verbatim(db: Path) -> None:
    (rec,) = [json.loads(x) for x in export_text(db, "jsonl").splitlines()
              if json.loads(x)["event_id"] == "e-unknown"]
    assert rec["actor1"] == INJECTION and rec["notes"] == INJECTION
    rows = list(csv.DictReader(io.StringIO(export_text(db, "acled-csv"))))
    unknown = next(r for r in rows if r["event_id_cnty"] == "e-unknown")
    assert unknown["actor1"] == INJECTION and unknown["source"] == INJECTION
    geo = json.loads(export_text(db, "geojson", warn=lambda m: None))
    assert any(f["properties"]["notes"] == INJECTION for f in geo["features"])
    with Store(db, readonly=True) as store:  # and the table is still there
        assert store.count_events() == 4


def test_export_to_binary_file(db: Path) -> None:
    buf = io.BytesIO()
    assert export_events(db, "jsonl", buf) == 4
    assert len(buf.getvalue().decode("utf-8").splitlines()) == 4
    assert not buf.closed


def test_failed_export_keeps_previous_file(db: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("previous export\n")
    import eventline.export as export

    def broken(event: Event, cnty: str, stamp: int = 0) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr(export, "frame_row", broken)
    with pytest.raises(RuntimeError):
        export_events(db, "acled-csv", out)
    assert out.read_text() == "previous export\n"
    assert list(tmp_path.glob("*.part")) == []
    monkeypatch.undo()
    assert export_events(db, "jsonl", out) == 4 and len(out.read_text().splitlines()) == 4
    assert export_events(db, "jsonl", "/dev/null") == 4  # special files written in place
