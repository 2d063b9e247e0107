"""Review app: reads, review actions with audit, CSRF/token/origin guards, read-only, binding."""

from __future__ import annotations

import dataclasses
import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from eventline.export import export_events
from eventline.models import Article
from eventline.store import Store
from eventline.web import WebError
from eventline.web.app import check_bind, create_app, is_loopback, serve
from eventline.web.sample import SAMPLE_IDS, build_sample_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's deprecation note about httpx, not ours
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_sample_db(tmp_path / "sample.db")


def client_for(db: Path, **kwargs: Any) -> tuple[TestClient, dict[str, str]]:
    app = create_app(db, tile_url="", who="tester", **kwargs)
    headers = {"X-CSRF-Token": app.state.csrf_token}
    return TestClient(app, base_url=BASE), headers


def exported(db: Path) -> dict[str, dict[str, Any]]:
    buffer = io.StringIO()
    export_events(db, "jsonl", buffer)
    return {r["event_id"]: r for r in map(json.loads, buffer.getvalue().splitlines())}


# --------------------------------------------------------------------------- reads


def test_page_and_events(db: Path) -> None:
    client, _ = client_for(db)
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/leaflet.js">' in page.text
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    events = client.get("/api/events").json()["events"]
    assert sorted(e["event_id"] for e in events) == sorted(SAMPLE_IDS)
    everything = client.get("/api/events", params={"include_rejected": "true"}).json()["events"]
    assert {e["event_id"]: e["status"] for e in everything}["ev-rejected"] == "rejected"
    ranked = client.get("/api/events", params={"order_by": "fatalities"}).json()["events"]
    assert [e["event_id"] for e in ranked][:2] == ["ev-gao", "ev-kidal"]


@pytest.mark.parametrize("query", ["order_by=fatalities;DROP TABLE events",
                                   "include_rejected=maybe"])
def test_query_parameters_are_validated(db: Path, query: str) -> None:
    client, _ = client_for(db)
    assert client.get(f"/api/events?{query}").status_code == 422
    with Store(db) as store:
        assert store.count_events() == len(SAMPLE_IDS)


def test_one_event_with_audit_and_unknown_ids(db: Path) -> None:
    client, _ = client_for(db)
    one = client.get("/api/events/ev-rejected").json()
    assert one["status"] == "rejected"
    assert [(a["who"], a["action"]) for a in one["audit"]] == [("sample", "reject")]
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/events/..%2F..%2Fetc").status_code in (404, 422)
    assert client.get("/api/events/" + "x" * 300).status_code == 422


def test_only_listed_static_files_are_served(db: Path) -> None:
    client, _ = client_for(db)
    js = client.get("/static/leaflet.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    for path in ("/static/../store.py", "/static/..%2F..%2Fstore.py", "/static/README.md",
                 "/static/LICENSE-leaflet.txt", "/docs", "/openapi.json", "/sample.db"):
        assert client.get(path).status_code == 404, path


def test_export_endpoint_matches_export_events(db: Path) -> None:
    client, _ = client_for(db)
    response = client.get("/api/export.jsonl")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert {r["event_id"]: r for r in rows} == exported(db)


# --------------------------------------------------------------------------- writes


def test_edit_is_audited_exported_and_survives_a_rerun(db: Path) -> None:
    client, headers = client_for(db)
    r = client.post("/api/events/ev-gao/field", headers=headers,
                    json={"field": "fatalities", "value": "5", "who": "Ana"})
    assert r.status_code == 200 and r.json()["value"] == 5
    audit = client.get("/api/events/ev-gao").json()["audit"]
    changes = [(a["who"], a["field"], a["old"], a["new"]) for a in audit]
    # the range follows the figure: one edit, one audit row per field it changed
    assert sorted(changes) == [("Ana", "fatalities", 4, 5), ("Ana", "fatalities_high", 6, 5),
                               ("Ana", "fatalities_low", 4, 5)]
    row = exported(db)["ev-gao"]
    assert row["fatalities"] == 5 and row["reviewed"] is True
    assert "fatalities" not in row["disagreements"]  # the analyst settled it
    # The pipeline stores the same event again (a re-run): the analyst's value stays.
    with Store(db) as store:
        original = store.get_event("ev-gao")
        assert original is not None
        rerun = dataclasses.replace(original, fatalities=4)
        article = Article(doc_id="sample-doc-1", name="gao.txt", path="sample/gao.txt",
                          text=store.document_text("gao.txt") or "")
        store.save_article(store.begin_run(args={}), article, upsert=[rerun])
    assert exported(db)["ev-gao"]["fatalities"] == 5
    assert exported(db)["ev-gao"]["fatalities_high"] == 5


def test_list_fields_and_who_default(db: Path) -> None:
    client, headers = client_for(db)
    r = client.post("/api/events/ev-kidal/field", headers=headers,
                    json={"field": "assoc_actor_1", "value": "Ansar Dine; AQIM"})
    assert r.json()["value"] == ["Ansar Dine", "AQIM"]
    assert client.get("/api/events/ev-kidal").json()["audit"][-1]["who"] == "tester"


@pytest.mark.parametrize("body, status, message", [
    ({"field": "fatalities", "value": "-1"}, 422, "must be a number of people killed"),
    ({"field": "fatalities", "value": "many"}, 422, "or a range such as 4-6; 'many' is"),
    ({"field": "event_date", "value": "30/03/2012"}, 422, "year-month-day"),
    ({"field": "country", "value": "Narnia"}, 422, "There is no country called 'Narnia'"),
    ({"field": "sub_event_type", "value": "Big fight"}, 422, "not an ACLED sub-event type"),
    ({"field": "location", "value": "Somewhere"}, 422, "Pick the place from the search list"),
    ({"field": "location", "value": "Gao", "geonameid": -123456789}, 422, "not in the local"),
    ({"field": "inter1", "value": "9"}, 400, "inter codes are 1 to 8"),
    ({"field": "event_id", "value": "x"}, 422, "not an editable field"),
    ({"field": "fatalities", "value": 3, "sql": "1"}, 422, "Extra inputs"),
    ({"field": "notes", "value": "x" * 10_001}, 422, "at most"),
])
def test_bad_edits_are_refused_with_a_reason(db: Path, body: dict[str, Any], status: int,
                                             message: str) -> None:
    client, headers = client_for(db)
    r = client.post("/api/events/ev-kidal/field", headers=headers, json=body)
    assert r.status_code == status and message in r.text
    assert "invalid literal" not in r.text and "Traceback" not in r.text  # no Python in messages
    assert exported(db)["ev-kidal"]["reviewed"] is False


def test_confirm_reject_reset(db: Path) -> None:
    client, headers = client_for(db)
    assert client.post("/api/events/ev-kidal/confirm", headers=headers,
                       json={"who": "Ana"}).json()["status"] == "confirmed"
    assert exported(db)["ev-kidal"]["reviewed"] is True
    assert client.post("/api/events/ev-kidal/reject", headers=headers, json={}).status_code == 200
    assert "ev-kidal" not in exported(db)
    client.post("/api/events/ev-kidal/reset", headers=headers, json={})
    assert "ev-kidal" in exported(db)
    actions = [a["action"] for a in client.get("/api/events/ev-kidal").json()["audit"]]
    assert actions == ["confirm", "reject", "reset"]
    assert client.post("/api/events/nope/confirm", headers=headers, json={}).status_code == 404


def test_merge_and_split(db: Path) -> None:
    client, headers = client_for(db)
    new = client.post("/api/events/ev-gao/split", headers=headers,
                      json={"source_index": 1, "who": "Ana"}).json()
    assert new["event_id"] == "ev-gao-s1"
    rows = exported(db)
    assert [s["doc"] for s in rows["ev-gao"]["sources"]] == ["gao.txt"]
    assert [s["doc"] for s in rows["ev-gao-s1"]["sources"]] == ["gao-wire.txt"]
    merged = client.post("/api/merge", headers=headers,
                         json={"keep_id": "ev-gao", "drop_id": "ev-gao-s1", "who": "Ana"})
    assert merged.status_code == 200 and merged.json()["sources"] == 2
    assert "ev-gao-s1" not in exported(db)
    assert client.get("/api/events/ev-gao").json()["merged_from"][0]["dropped_id"] == "ev-gao-s1"
    one_source = client.post("/api/events/ev-kidal/split", headers=headers,
                             json={"source_index": 0})
    assert one_source.status_code == 400 and "two or more" in one_source.json()["error"]
    assert client.post("/api/merge", headers=headers,
                       json={"keep_id": "ev-gao", "drop_id": "ev-gao"}).status_code == 400


# --------------------------------------------------------------------------- guards


@pytest.mark.parametrize("extra, kind, status", [
    ({}, "no-csrf", 403),
    ({"X-CSRF-Token": "wrong"}, "json", 403),
    ({"Origin": "http://evil.example"}, "json", 403),
    ({"Origin": "null"}, "json", 403),
    ({"Sec-Fetch-Site": "cross-site"}, "json", 403),
    ({}, "form", 415),
])
def test_cross_site_writes_are_refused(db: Path, extra: dict[str, str], kind: str,
                                       status: int) -> None:
    client, headers = client_for(db)
    if kind == "no-csrf":
        headers = {}
    headers = {**headers, **extra}
    if kind == "form":
        r = client.post("/api/events/ev-kidal/confirm", headers=headers, data={"who": "x"})
    else:
        r = client.post("/api/events/ev-kidal/confirm", headers=headers, json={"who": "x"})
    assert r.status_code == status
    with Store(db, readonly=True) as store:
        assert store.event_status("ev-kidal") == "new"
        assert store.audit("ev-kidal") == []


def test_same_origin_write_is_accepted(db: Path) -> None:
    client, headers = client_for(db)
    r = client.post("/api/events/ev-kidal/confirm", json={},
                    headers={**headers, "Origin": BASE, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200


def test_token_protects_writes(db: Path) -> None:
    client, headers = client_for(db, token="s3cret-token")
    assert client.get("/api/events").status_code == 200  # reading needs no token
    r = client.post("/api/events/ev-kidal/confirm", headers=headers, json={})
    assert r.status_code == 401 and "token" in r.json()["error"].lower()
    bad = client.post("/api/events/ev-kidal/confirm", json={},
                      headers={**headers, "X-Eventline-Token": "guess"})
    assert bad.status_code == 401
    ok = client.post("/api/events/ev-kidal/confirm", json={},
                     headers={**headers, "X-Eventline-Token": "s3cret-token"})
    assert ok.status_code == 200
    assert '"token_required": true' in client.get("/").text


def test_read_only_refuses_every_write(db: Path) -> None:
    client, headers = client_for(db, read_only=True)
    assert client.get("/api/events").status_code == 200
    for path, body in [("/api/events/ev-kidal/confirm", {}),
                       ("/api/events/ev-kidal/field", {"field": "notes", "value": "x"}),
                       ("/api/merge", {"keep_id": "ev-gao", "drop_id": "ev-kidal"}),
                       ("/api/events/ev-gao/split", {"source_index": 0})]:
        r = client.post(path, headers=headers, json=body)
        assert r.status_code == 403 and "read-only" in r.json()["error"], path
    assert '"read_only": true' in client.get("/").text


def test_foreign_host_header_is_refused_on_loopback(db: Path) -> None:
    client, _ = client_for(db)
    r = client.get("/api/events", headers={"Host": "attacker.example:8000"})
    assert r.status_code == 400 and "localhost" in r.json()["error"]
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/events", headers={"Host": host}).status_code == 200, host
    anywhere, _ = client_for(db, token="t", allowed_hosts=None)
    assert anywhere.get("/api/events", headers={"Host": "team.example"}).status_code == 200


def test_app_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no eventline database"):
        create_app(tmp_path / "missing.db", tile_url="")


# --------------------------------------------------------------------------- binding


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("127.8.0.1", True),
                                        ("localhost", True), ("::1", True), ("[::1]", True),
                                        ("0.0.0.0", False), ("192.168.1.5", False),
                                        ("example.org", False), ("::", False)])
def test_is_loopback(host: str, loop: bool) -> None:
    assert is_loopback(host) is loop


def test_binding_beyond_localhost_needs_a_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "t0ken")
    with pytest.raises(WebError) as info:
        check_bind("0.0.0.0", None)
    assert info.value.code == "E011" and "EVENTLINE_TOKEN" in str(info.value)
    # serve() checks before starting anything (uvicorn.run is never reached)
    monkeypatch.delenv("EVENTLINE_TOKEN", raising=False)
    with pytest.raises(WebError, match="Refusing to serve on 0.0.0.0"):
        serve(db, host="0.0.0.0", port=8765)
    started: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(kw))
    monkeypatch.setenv("EVENTLINE_TOKEN", "from-env")
    serve(db, host="0.0.0.0", port=8765, tile_url="")
    assert started and started[0]["host"] == "0.0.0.0" and started[0]["port"] == 8765
