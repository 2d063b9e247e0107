"""Store: migrations, idempotent upserts, one transaction per article, WAL readers, review."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from eventline.errors import StoreError
from eventline.models import Article, Event, FieldValue, Skip, Source
from eventline.store import MIGRATIONS, Store

INJECTION = "O'Brien \"the\" '); DROP TABLE events;--"

# --------------------------------------------------------------------------- factory


def make_source(doc: str = "a.txt", start: int = 0, quote: str = "Rebels captured Kidal.",
                outlet: str | None = "Reuters") -> Source:
    return Source(doc=doc, source=outlet, url=f"https://example.org/{doc}",
                  published="2012-03-31", quote=quote, start=start, end=start + len(quote))


def make_event(event_id: str = "ev1", **overrides: Any) -> Event:
    base: dict[str, Any] = dict(
        event_id=event_id, event_date="2012-03-30", date_end=None, time_precision=1,
        event_type="Battles", sub_event_type="Non-state actor overtakes territory",
        actor1="MNLA: National Movement for the Liberation of Azawad",
        assoc_actor_1=("Ansar Dine",), inter1=2, actor2="Military Forces of Mali",
        assoc_actor_2=(), inter2=1, country="Mali", admin1="Kidal", admin2="Kidal",
        location="Kidal", latitude=18.4411, longitude=1.4078, geo_precision=1,
        fatalities=3, fatalities_low=3, fatalities_best=5, fatalities_high=7,
        confidence=0.8, notes="Rebels captured Kidal.", sources=(make_source(),),
        field_values=(FieldValue("fatalities", 3, "a.txt"),), disagreements=(),
    )
    base.update(overrides)
    return Event(**base)


def make_article(doc_id: str = "doc1", name: str = "a.txt",
                 text: str = "Rebels captured Kidal.") -> Article:
    return Article(doc_id=doc_id, name=name, path=f"/in/{name}", text=text, source="Reuters",
                   published=dt.date(2012, 3, 31), url=f"https://example.org/{name}")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "ev.db") as s:
        yield s


def dump(path: Path) -> list[str]:
    """Every row of the data tables (not runs/audit, whose timestamps differ)."""
    conn = sqlite3.connect(path)
    out = []
    for table in ("documents", "events", "event_sources", "event_field_values", "merged_from",
                  "skips"):
        cols = "*" if table != "skips" else "path, stage, code, reason"
        out += [f"{table}: {row}" for row in conn.execute(f"SELECT {cols} FROM {table} ORDER BY 1, 2")]
    conn.close()
    return out


# --------------------------------------------------------------------------- schema


def test_migrations_applied_once_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "ev.db"
    with Store(path) as s:
        first = s.migrations()
    with Store(path) as s:
        again = s.migrations()
    assert [m["name"] for m in first] == [name for name, _sql in MIGRATIONS]
    assert again == first  # not re-applied: same rows, same timestamps
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_wal_mode_is_on(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readonly_refuses_writes_and_missing_db(tmp_path: Path, store: Store) -> None:
    with pytest.raises(StoreError, match="no eventline database"):
        Store(tmp_path / "missing.db", readonly=True)
    with Store(store.path, readonly=True) as ro:
        assert ro.count_events() == 0
        with pytest.raises(StoreError, match="read-only"):
            ro.begin_run(args={})


# --------------------------------------------------------------------------- writes


def test_upsert_is_idempotent(store: Store) -> None:
    run = store.begin_run(args={"inputs": ["a/"]})
    event = make_event(sources=(make_source(), make_source("b.txt", 10, outlet="AFP")))
    store.save_article(run, make_article(), upsert=[event])
    before = dump(store.path)
    store.save_article(store.begin_run(args={}), make_article(), upsert=[event])
    assert dump(store.path) == before
    assert store.count_events() == 1
    assert store.get_event("ev1") == event  # round trip, field for field
    assert store.has_document("doc1") and store.known_doc_ids() == {"doc1"}


def test_upsert_replaces_sources_and_values(store: Store) -> None:
    run = store.begin_run(args={})
    store.save_article(run, make_article(), upsert=[make_event()])
    two = make_event(sources=(make_source(), make_source("b.txt", 4)),
                     field_values=(FieldValue("fatalities", 3, "a.txt"),
                                   FieldValue("fatalities", 9, "b.txt")),
                     disagreements=("fatalities",))
    store.save_article(run, make_article("doc2", "b.txt"), upsert=[two])
    got = store.get_event("ev1")
    assert got is not None and len(got.sources) == 2 and got.disagreements == ("fatalities",)
    assert [e.event_id for e in store.disagreements()] == ["ev1"]


class Boom(RuntimeError):
    pass


def test_failure_inside_article_transaction_leaves_nothing(store: Store,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    run = store.begin_run(args={})
    store.save_article(run, make_article(), upsert=[make_event("old")])
    before = dump(store.path)
    calls = {"n": 0}
    real = Store._write_event

    def failing(self: Store, event: Event, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the first event of the article is already written
            raise Boom("disk on fire")
        real(self, event, **kw)

    monkeypatch.setattr(Store, "_write_event", failing)
    with pytest.raises(Boom):
        store.save_article(run, make_article("doc2", "b.txt"),
                           upsert=[make_event("new1"), make_event("new2")], delete=["old"],
                           merged_into={"old": "new1"})
    assert calls["n"] == 2
    assert not store.has_document("doc2")
    assert store.get_event("new1") is None and store.get_event("old") is not None
    assert dump(store.path) == before


def test_unserialisable_event_rolls_back_whole_article(store: Store) -> None:
    run = store.begin_run(args={})
    bad = make_event("bad", field_values=(FieldValue("fatalities", object(), "a.txt"),))
    with pytest.raises(TypeError):  # json cannot encode the value: raised mid-transaction
        store.save_article(run, make_article(), upsert=[make_event("good"), bad])
    assert store.count_events() == 0 and not store.has_document("doc1")
    # the store is still usable after the rollback
    store.save_article(run, make_article(), upsert=[make_event("good")])
    assert store.count_events() == 1


def test_concurrent_reader_sees_all_or_nothing(store: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    run = store.begin_run(args={})
    seen_mid: list[tuple[int, int]] = []
    real = Store._write_event
    reader = sqlite3.connect(store.path, timeout=0.1)

    def counts() -> tuple[int, int]:
        docs = reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        events = reader.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return docs, events

    def spying(self: Store, event: Event, **kw: Any) -> None:
        real(self, event, **kw)
        seen_mid.append(counts())  # the writer holds an open transaction here

    monkeypatch.setattr(Store, "_write_event", spying)
    store.save_article(run, make_article(), upsert=[make_event("e1"), make_event("e2")])
    assert seen_mid == [(0, 0), (0, 0)]  # nothing of the article before commit
    assert counts() == (1, 2)  # all of it after
    with Store(store.path, readonly=True) as ro:  # a second Store reads too
        assert ro.count_events() == 2


def test_delete_records_merged_from_and_carries_review(store: Store) -> None:
    run = store.begin_run(args={})
    store.save_article(run, make_article(), upsert=[make_event("e1")])
    store.review_confirm("e1", who="ana")
    store.review_set_field("e1", "fatalities", 12, who="ana")
    fused = make_event("e2", sources=(make_source(), make_source("b.txt", 5)), fatalities=4)
    store.save_article(run, make_article("doc2", "b.txt"), upsert=[fused], delete=["e1"],
                       merged_into={"e1": "e2"})
    assert store.get_event("e1") is None
    got = store.get_event("e2")
    assert got is not None and got.fatalities == 12 and got.reviewed
    assert store.event_status("e2") == "confirmed"
    assert store.merged_from("e2") == [{"dropped_id": "e1", "reason": "fusion", "run_id": run}]


def test_skips_upsert_keeps_latest_run(store: Store) -> None:
    skip = Skip(path="x.pdf", stage="ingest", code="S111", reason="PDF is not read.")
    r1 = store.begin_run(args={})
    store.add_skip(r1, skip)
    r2 = store.begin_run(args={})
    store.add_skip(r2, skip)
    assert store.skips() == [{"path": "x.pdf", "stage": "ingest", "code": "S111",
                              "reason": "PDF is not read.", "run_id": r2}]
    store.finish_run(r2, {"articles": 0})
    assert [r["run_id"] for r in store.runs()][-1] == r2
    assert store.runs()[-1]["summary"] == {"articles": 0}


def test_documents_and_text_by_name_or_id(store: Store) -> None:
    store.save_article(store.begin_run(args={}), make_article(), upsert=[make_event()])
    assert store.document_text("a.txt") == "Rebels captured Kidal."
    assert store.document_text("doc1") == "Rebels captured Kidal."
    assert store.document_text("nope") is None
    (doc,) = store.documents()
    assert doc["name"] == "a.txt" and doc["events"] == 1 and doc["published"] == "2012-03-31"


# --------------------------------------------------------------------------- reads


def test_candidate_events_by_window(store: Store) -> None:
    events = [
        make_event("early", event_date="2012-01-01"),
        make_event("range", event_date="2012-02-20", date_end="2012-03-02", time_precision=2),
        make_event("inside", event_date="2012-03-01"),
        make_event("late", event_date="2012-05-01"),
        make_event("undated", event_date=None),
    ]
    store.save_article(store.begin_run(args={}), make_article(), upsert=events)
    ids = {e.event_id for e in store.candidate_events("2012-03-01", "2012-03-05")}
    assert ids == {"range", "inside", "undated"}
    assert {e.event_id for e in store.candidate_events(None, None)} == {e.event_id for e in events}


def test_iter_events_order_whitelist(store: Store) -> None:
    store.save_article(store.begin_run(args={}), make_article(),
                       upsert=[make_event("b", event_date="2012-02-01"),
                               make_event("a", event_date="2012-03-01")])
    assert [e.event_id for e in store.iter_events()] == ["b", "a"]
    assert [e.event_id for e in store.iter_events(order_by="event_id")] == ["a", "b"]
    with pytest.raises(StoreError, match="Cannot order"):
        list(store.iter_events(order_by="event_date; DROP TABLE events"))


def test_injection_strings_stored_verbatim(store: Store) -> None:
    event = make_event(INJECTION, actor1=INJECTION, notes=INJECTION, assoc_actor_1=(INJECTION,),
                       sources=(make_source(quote=INJECTION),))
    store.save_article(store.begin_run(args={}),
                       make_article(INJECTION, INJECTION, INJECTION), upsert=[event])
    assert store.get_event(INJECTION) == event
    assert store.document_text(INJECTION) == INJECTION
    store.review_set_field(INJECTION, "notes", INJECTION + " edited", who=INJECTION)
    assert store.audit(INJECTION)[0]["who"] == INJECTION
    assert store.count_events() == 1


# --------------------------------------------------------------------------- review


def test_reviewed_field_survives_pipeline_upsert(store: Store) -> None:
    run = store.begin_run(args={})
    store.save_article(run, make_article(), upsert=[make_event(disagreements=("fatalities",))])
    edited = store.review_set_field("ev1", "fatalities", "12", who="ana")
    assert edited.fatalities == 12 and edited.reviewed and edited.disagreements == ()
    # the pipeline comes back with its own figure and a new note
    rerun = make_event(fatalities=3, notes="New note.", disagreements=("fatalities",))
    store.save_article(store.begin_run(args={}), make_article("doc2", "b.txt"), upsert=[rerun])
    got = store.get_event("ev1")
    assert got is not None
    assert got.fatalities == 12  # the analyst's value wins
    assert got.notes == "New note."  # unreviewed fields still follow the pipeline
    assert got.disagreements == () and got.reviewed
    assert store.reviewed_fields("ev1") == ["fatalities"]


def test_review_field_validation(store: Store) -> None:
    store.save_article(store.begin_run(args={}), make_article(), upsert=[make_event()])
    with pytest.raises(StoreError, match="not a field"):
        store.review_set_field("ev1", "fatalities = 0; DROP TABLE events;--", 1, who="x")
    with pytest.raises(StoreError, match="Invalid value"):
        store.review_set_field("ev1", "inter1", 9, who="x")
    with pytest.raises(StoreError, match="Invalid value"):
        store.review_set_field("ev1", "event_date", "30/03/2012", who="x")
    with pytest.raises(StoreError, match="no event"):
        store.review_set_field("nope", "notes", "x", who="x")
    # sub-event type implies the type
    got = store.review_set_field("ev1", "sub_event_type", "Air/drone strike", who="x")
    assert got.event_type == "Explosions/Remote violence"
    assert store.review_set_field("ev1", "assoc_actor_1", "A; B", who="x").assoc_actor_1 == ("A", "B")
    assert store.audit() and all(a["action"] == "edit" for a in store.audit())


def test_confirm_reject_and_audit_rows(store: Store) -> None:
    store.save_article(store.begin_run(args={}), make_article(),
                       upsert=[make_event("e1"), make_event("e2")])
    store.review_confirm("e1", who="ana")
    store.review_set_field("e1", "location", "Kidal town", who="bo")
    store.review_reject("e2", who="ana")
    assert store.get_event("e1").reviewed  # type: ignore[union-attr]
    assert [e.event_id for e in store.iter_events()] == ["e1"]
    assert {e.event_id for e in store.iter_events(include_rejected=True)} == {"e1", "e2"}
    assert store.count_events() == 1 and store.count_events(include_rejected=True) == 2
    rows = store.audit("e1")
    assert [(r["who"], r["action"], r["field"], r["old"], r["new"]) for r in rows] == [
        ("ana", "confirm", "status", "new", "confirmed"),
        ("bo", "edit", "location", "Kidal", "Kidal town"),
    ]
    assert rows[0]["at"] <= rows[1]["at"]
    assert store.audit("e2")[0]["action"] == "reject"
    # a re-run does not un-reject
    store.save_article(store.begin_run(args={}), make_article(), upsert=[make_event("e2")])
    assert store.event_status("e2") == "rejected"


def test_review_merge(store: Store) -> None:
    run = store.begin_run(args={})
    a = make_event("a")
    b = make_event("b", sources=(make_source("b.txt", 7),),
                   field_values=(FieldValue("fatalities", 9, "b.txt"),))
    store.save_article(run, make_article(), upsert=[a])
    store.save_article(run, make_article("doc2", "b.txt"), upsert=[b])
    merged = store.review_merge("a", "b", who="ana")
    assert [s.doc for s in merged.sources] == ["a.txt", "b.txt"]
    assert len(merged.field_values) == 2 and merged.reviewed
    assert store.get_event("b") is None
    assert store.merged_from("a") == [{"dropped_id": "b", "reason": "review", "run_id": None}]
    assert [r["action"] for r in store.audit()] == ["merge", "merged_into"]
    # the pipeline meets "b" again (same article re-run): it is not resurrected
    store.save_article(store.begin_run(args={}), make_article("doc2", "b.txt"), upsert=[b])
    assert store.get_event("b") is None
    again = store.get_event("a")
    assert again is not None and len(again.sources) == 2
    with pytest.raises(StoreError):
        store.review_merge("a", "a", who="ana")


def test_review_split(store: Store) -> None:
    run = store.begin_run(args={})
    both = make_event("e", sources=(make_source(), make_source("b.txt", 7)),
                      field_values=(FieldValue("fatalities", 3, "a.txt"),
                                    FieldValue("fatalities", 9, "b.txt")))
    store.save_article(run, make_article(), upsert=[both])
    new = store.review_split("e", 1, who="ana")
    assert new.event_id == "e-s1"
    assert [s.doc for s in new.sources] == ["b.txt"]
    assert [v.doc for v in new.field_values] == ["b.txt"]
    rest = store.get_event("e")
    assert rest is not None and [s.doc for s in rest.sources] == ["a.txt"]
    assert {r["action"] for r in store.audit()} == {"split", "split_from"}
    # a later run fuses the same two sources again plus a genuinely new one
    third = make_source("c.txt", 2)
    store.save_article(store.begin_run(args={}), make_article("doc3", "c.txt"),
                       upsert=[dataclasses.replace(both, sources=both.sources + (third,))])
    rest = store.get_event("e")
    assert rest is not None and [s.doc for s in rest.sources] == ["a.txt", "c.txt"]
    with pytest.raises(StoreError, match="only an event with two"):
        store.review_split("e-s1", 0, who="ana")
    with pytest.raises(StoreError, match="no source number"):
        store.review_split("e", 5, who="ana")


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="E005.*not a database"):
        Store(bogus)


def test_outlet_evidence_is_kept_per_article_and_read_back_per_outlet(store: Store) -> None:
    la = (frozenset({("US", "Louisiana")}), frozenset({"US"}))
    store.add_outlet_evidence([("d1", "town talk", *la), ("d2", "town talk", frozenset(), frozenset()),
                               ("d3", "other", *la)])
    # re-reading an article replaces its row: a resumed run counts it once
    store.add_outlet_evidence([("d2", "town talk", *la)])
    assert store.outlet_evidence("town talk") == [la, la]
    assert store.outlet_evidence("'; DROP TABLE events; --") == []
