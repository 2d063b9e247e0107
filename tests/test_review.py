"""Review edits through the API: what follows an edit, what is refused or asked, the queue."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from eventline.export import ACLED_COLUMNS, export_events
from eventline.gazetteer import load_gazetteer
from eventline.review import fatality_changes, merge_conflicts, review_need
from eventline.store import Store
from eventline.web.app import create_app
from eventline.web.sample import build_sample_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_sample_db(tmp_path / "sample.db")


@pytest.fixture
def api(db: Path) -> tuple[TestClient, dict[str, str]]:
    app = create_app(db, tile_url="", who="tester")
    return TestClient(app, base_url=BASE), {"X-CSRF-Token": app.state.csrf_token}


def exported(db: Path) -> dict[str, dict[str, Any]]:
    buffer = io.StringIO()
    export_events(db, "jsonl", buffer)
    return {r["event_id"]: r for r in map(json.loads, buffer.getvalue().splitlines())}


def edit(api: tuple[TestClient, dict[str, str]], event_id: str, **body: Any) -> Any:
    client, headers = api
    return client.post(f"/api/events/{event_id}/field", headers=headers, json=body)


# --------------------------------------------------------------------------- carry-throughs


def test_place_search_finds_gazetteer_entries(api: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = api
    places = client.get("/api/places", params={"q": "Timbuktu"}).json()["places"]
    assert places, "the local gazetteer knows Timbuktu"
    first = places[0]
    assert first["country"] == "Mali" and first["feature"] == "city"
    assert first["geo_precision"] == 1 and abs(first["latitude"] - 16.77) < 0.1
    assert client.get("/api/places", params={"q": "T"}).json()["places"] == []  # too short
    assert client.get("/api/places", params={"q": "x" * 101}).status_code == 422


def test_location_edit_brings_coordinates_admin_names_and_precision(
        api: tuple[TestClient, dict[str, str]], db: Path) -> None:
    client, _ = api
    place = client.get("/api/places", params={"q": "Timbuktu"}).json()["places"][0]
    before = exported(db)["ev-kidal"]
    assert before["admin1"] == "Kidal"
    r = edit(api, "ev-kidal", field="location", value=place["name"], geonameid=place["geonameid"])
    assert r.status_code == 200, r.text
    assert {"latitude", "longitude", "admin1", "geo_precision"} <= set(r.json()["changed"])
    row = exported(db)["ev-kidal"]
    assert row["location"] == place["name"]
    assert (row["latitude"], row["longitude"]) == (place["latitude"], place["longitude"])
    assert row["admin1"] == place["admin1"] != "Kidal"
    assert row["geo_precision"] == 1 and row["country"] == "Mali"
    audited = {a["field"] for a in client.get("/api/events/ev-kidal").json()["audit"]}
    assert {"location", "latitude", "longitude", "admin1"} <= audited
    # a region picked from the list is a region-level place
    region = next(p for p in client.get("/api/places", params={"q": "Gao"}).json()["places"]
                  if p["feature"] == "admin1")
    edit(api, "ev-kidal", field="location", geonameid=region["geonameid"], value=region["name"])
    assert exported(db)["ev-kidal"]["geo_precision"] == 3


def test_fatalities_edit_sets_the_range(api: tuple[TestClient, dict[str, str]], db: Path) -> None:
    assert edit(api, "ev-kidal", field="fatalities", value="12").status_code == 200
    row = exported(db)["ev-kidal"]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_best"],
            row["fatalities_high"]) == (12, 12, 12, 12)
    assert edit(api, "ev-kidal", field="fatalities", value="8 to 15").status_code == 200
    row = exported(db)["ev-kidal"]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_best"],
            row["fatalities_high"]) == (8, 8, None, 15)  # ACLED's figure is the low end


def test_sub_event_edit_brings_event_type_and_notes(api: tuple[TestClient, dict[str, str]],
                                                    db: Path) -> None:
    assert exported(db)["ev-timbuktu"]["notes"].startswith("Peaceful protest. ")
    r = edit(api, "ev-timbuktu", field="sub_event_type", value="Protest with intervention")
    assert r.status_code == 200, r.text
    row = exported(db)["ev-timbuktu"]
    assert row["event_type"] == "Protests"
    r = edit(api, "ev-timbuktu", field="sub_event_type", value="mob violence")  # any case
    row = exported(db)["ev-timbuktu"]
    assert (row["sub_event_type"], row["event_type"]) == ("Mob violence", "Riots")
    assert row["notes"].startswith("Mob violence. On 5 April 2012")
    assert "Peaceful protest" not in row["notes"] and "Protest with intervention" not in row["notes"]


def test_known_actor_sets_its_inter_code(api: tuple[TestClient, dict[str, str]], db: Path) -> None:
    r = edit(api, "ev-kidal", field="actor1", value="Ansar Dine")
    assert r.status_code == 200
    assert (exported(db)["ev-kidal"]["actor1"], exported(db)["ev-kidal"]["inter1"]) == \
        ("Ansar Dine", 2)
    edit(api, "ev-kidal", field="actor2", value="Protesters (Mali)")
    assert exported(db)["ev-kidal"]["inter2"] == 6
    edit(api, "ev-kidal", field="actor1", value="MNLA")  # an alias gives the dictionary name
    assert exported(db)["ev-kidal"]["actor1"] == \
        "MNLA: National Movement for the Liberation of Azawad"


# --------------------------------------------------------------------------- validation


def test_unknown_actor_is_flagged_and_asked(api: tuple[TestClient, dict[str, str]],
                                            db: Path) -> None:
    r = edit(api, "ev-timbuktu", field="actor1", value="Protestors (Mali)")
    assert r.status_code == 409
    body = r.json()
    assert body["ask"] is True and "in no actor dictionary" in body["error"]
    assert "Protesters (Mali)" in body["suggestions"]
    assert exported(db)["ev-timbuktu"]["actor1"] == "Protesters (Mali)"  # nothing saved
    r = edit(api, "ev-timbuktu", field="actor1", value="Protestors (Mali)", confirm=True)
    assert r.status_code == 200 and "set inter1 by hand" in r.json()["message"]
    row = exported(db)["ev-timbuktu"]
    assert row["actor1"] == "Protestors (Mali)" and row["inter1"] is None  # not the old code


def test_actor_names_come_from_the_dictionary(api: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = api
    names = client.get("/api/actors").json()["actors"]
    assert "Ansar Dine" in names and "Military Forces of Mali" in names
    assert "Civilians (Niger)" in names  # a country of the events


def test_unknown_country_is_refused_known_one_normalised(
        api: tuple[TestClient, dict[str, str]], db: Path) -> None:
    r = edit(api, "ev-kidal", field="country", value="Narnia")
    assert r.status_code == 422 and "There is no country called 'Narnia'" in r.json()["error"]
    assert exported(db)["ev-kidal"]["country"] == "Mali"
    assert edit(api, "ev-kidal", field="country", value="niger").status_code == 200
    assert exported(db)["ev-kidal"]["country"] == "Niger"


def test_merge_of_incompatible_events_warns_and_asks(api: tuple[TestClient, dict[str, str]],
                                                     db: Path) -> None:
    client, headers = api
    r = client.post("/api/merge", headers=headers,
                    json={"keep_id": "ev-kidal", "drop_id": "ev-timbuktu"})
    assert r.status_code == 409 and r.json()["ask"] is True
    assert "Battles" in r.json()["error"] and "6 days apart" in r.json()["error"]
    assert "ev-timbuktu" in exported(db)  # nothing merged
    r = client.post("/api/merge", headers=headers,
                    json={"keep_id": "ev-kidal", "drop_id": "ev-timbuktu", "force": True})
    assert r.status_code == 200 and "ev-timbuktu" not in exported(db)


def test_merge_conflicts_only_for_real_differences(db: Path) -> None:
    import dataclasses

    with Store(db, readonly=True) as store:
        gao, kidal = store.get_event("ev-gao"), store.get_event("ev-kidal")
    assert gao is not None and kidal is not None
    assert merge_conflicts(gao, dataclasses.replace(gao, event_date="2012-04-04")) == []
    conflicts = merge_conflicts(gao, kidal)
    assert any("Violence against civilians" in c for c in conflicts)
    assert any("3 days apart" in c for c in conflicts)


# --------------------------------------------------------------------------- queue


def test_queue_orders_by_need_and_says_why(api: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = api
    queue = client.get("/api/queue").json()["queue"]
    ids = [q["event_id"] for q in queue]
    assert ids[0] == "ev-undated"  # low confidence and no date
    reasons = {q["event_id"]: q["reasons"] for q in queue}
    assert "sources disagree on fatalities" in reasons["ev-gao"]
    assert "place known only to the region or country" in reasons["ev-niamey"]
    assert ids.index("ev-gao") < ids.index("ev-timbuktu")
    assert "ev-rejected" not in ids


def test_review_need_drops_to_zero_once_confirmed(db: Path) -> None:
    with Store(db, readonly=True) as store:
        xss = store.get_event("ev-xss")
        assert xss is not None
        assert review_need(xss, "new")[0] > 0 and review_need(xss, "confirmed") == (0, [])


def test_bulk_confirm_of_a_set(api: tuple[TestClient, dict[str, str]], db: Path) -> None:
    client, headers = api
    r = client.post("/api/confirm", headers=headers,
                    json={"event_ids": ["ev-gao", "ev-niamey"], "who": "Ana"})
    assert r.status_code == 200 and r.json()["confirmed"] == 2
    with Store(db, readonly=True) as store:
        assert store.event_status("ev-gao") == store.event_status("ev-niamey") == "confirmed"
        assert store.audit("ev-gao")[-1]["who"] == "Ana"
    r = client.post("/api/confirm", headers=headers, json={"event_ids": ["ev-kidal", "nope"]})
    assert r.status_code == 404
    assert exported(db)["ev-kidal"]["reviewed"] is False  # all or nothing
    assert client.post("/api/confirm", json={"event_ids": ["ev-kidal"]}).status_code == 403


def test_exports_csv_with_acled_columns_and_geojson(api: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = api
    r = client.get("/api/export.csv")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert tuple(rows[0])[: len(ACLED_COLUMNS)] == tuple(ACLED_COLUMNS)
    assert len(rows) == 6
    g = client.get("/api/export.geojson").json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == 6


def test_fatality_changes_refuses_words() -> None:
    assert fatality_changes("0")["fatalities_high"] == 0
    for bad in ("many", "-2", "", "3.5", None):
        with pytest.raises(Exception, match="number of people killed"):
            fatality_changes(bad)


def test_gazetteer_search_prefers_exact_names() -> None:
    gaz = load_gazetteer()
    names = [p.name for p in gaz.search("Gao")]
    assert "Gao" in names[:3]
    assert gaz.place(gaz.search("Gao")[0].geonameid) is not None
    assert gaz.search("") == [] and gaz.place(-42) is None


# --------------------------------------------------------------------------- store


def test_store_sets_several_fields_as_one_edit(db: Path) -> None:
    from eventline.errors import StoreError

    with Store(db) as store:
        before = len(store.audit("ev-kidal"))
        store.review_set_fields("ev-kidal", {"fatalities": 3, "fatalities_low": 3}, who="ana")
        assert len(store.audit("ev-kidal")) == before  # nothing changed, nothing recorded
        event = store.review_set_fields("ev-kidal", {"sub_event_type": "Armed clash"}, who="ana")
        assert event.event_type == "Battles" and "sub_event_type" in store.reviewed_fields(
            "ev-kidal")
        with pytest.raises(StoreError, match="does not belong"):
            store.review_set_fields("ev-kidal", {"sub_event_type": "Arrests",
                                                 "event_type": "Battles"}, who="ana")
        with pytest.raises(StoreError, match="cannot be edited"):
            store.review_set_fields("ev-kidal", {"event_id": "x"}, who="ana")
        assert store.get_event("ev-kidal").sub_event_type == "Armed clash"  # type: ignore[union-attr]
