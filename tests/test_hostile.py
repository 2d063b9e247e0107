"""Hostile and careless input (issue 13): nothing aborts, stalls or poisons a run.

Every input here is built by the test, small and quick (a bomb test lowers
``max_file_bytes``). Each runs beside good articles: the run must finish, store
every good article and record every bad input with its code.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import multiprocessing
import os
import signal
import sqlite3
import sys
import tracemalloc
from pathlib import Path
from typing import Any, Callable

import pytest
from typer.testing import CliRunner

from eventline import errors
from eventline.cli import app, shown
from eventline.errors import ExportError, SettingsError, StoreError, WebError
from eventline.pipeline import run
from eventline.settings import load_settings
from eventline.store import Store

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()

GOOD = {
    "good-kidal.txt": "On Saturday, rebels captured the town of Kidal in northern Mali after two "
                      "days of fighting with the army, officials said.",
    "good-gao.txt": "Gunmen attacked a police post in the town of Gao on Monday, killing three "
                    "officers, a security official said on Tuesday.",
}
EVENT_TEXT = ("BAMAKO, March 31, 2012 (Reuters) - On Saturday, rebels attacked an army base in the town of Gao in northern Mali, "
              "killing four soldiers, officials said.")


def _write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def _stored(db: Path) -> dict[str, dict[str, Any]]:
    with Store(db, readonly=True) as store:
        return {d["name"]: d for d in store.documents()}


def _skips(db: Path) -> list[dict[str, Any]]:
    with Store(db, readonly=True) as store:
        return store.skips()


def _run_beside(tmp_path: Path, build: Callable[[Path], None], **settings: Any):
    folder = tmp_path / "in"
    _write_good(folder)
    build(folder)
    db = tmp_path / "eventline.db"
    report = run([folder], db=db, settings=load_settings(**settings))
    stored = _stored(db)
    for name in GOOD:  # every good article beside the bad input is stored
        assert name in stored, (name, sorted(stored), _skips(db))
    return report, stored, _skips(db)


def _jsonl(folder: Path, name: str, *records: Any, raw: str = "") -> None:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (folder / name).write_text("\n".join(lines) + "\n" + raw, encoding="utf-8")


def _recorded(skips: list[dict[str, Any]], fragment: str, code: str) -> bool:
    return any(fragment in s["path"] and s["code"] == code for s in skips)


# --------------------------------------------------------------------------- one record stops the batch


@pytest.mark.parametrize("language", ["../x", "this.x", "os.path", "EN-gb\u0000"])
def test_a_language_from_the_data_is_never_imported(tmp_path: Path, language: str) -> None:
    sys.modules.pop("this", None)
    _, stored, _ = _run_beside(tmp_path, lambda f: _jsonl(
        f, "lang.jsonl", {"text": EVENT_TEXT, "language": language}))
    assert "lang.jsonl#1" in stored  # the language is ignored, the article read as English
    assert stored["lang.jsonl#1"]["language"] == "en"
    assert "this" not in sys.modules


def test_lone_surrogates_in_source_and_title_are_stored_replaced(tmp_path: Path) -> None:
    line = '{"text": "%s", "source": "Wire \\udfff", "title": "T\\ud800itle"}' % EVENT_TEXT
    _, stored, _ = _run_beside(tmp_path, lambda f: _jsonl(f, "sur.jsonl", line))
    doc = stored["sur.jsonl#1"]
    assert doc["source"] == "Wire \ufffd" and doc["title"] == "T\ufffditle"


def test_deeply_nested_json_line_is_a_recorded_skip(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    _, stored, skips = _run_beside(tmp_path, lambda f: _jsonl(
        f, "deep.jsonl", deep, {"text": EVENT_TEXT}))
    assert _recorded(skips, "deep.jsonl#1", errors.SKIP_BAD_ARCHIVE)
    assert "deep.jsonl#2" in stored


def test_a_file_name_with_invalid_utf8_bytes_is_stored(tmp_path: Path) -> None:
    def build(folder: Path) -> None:
        (folder / os.fsdecode(b"bad\xff-name.txt")).write_text(EVENT_TEXT, encoding="utf-8")

    _, stored, _ = _run_beside(tmp_path, build)
    assert "bad\ufffd-name.txt" in stored


def test_a_publication_date_of_year_9999_is_dropped_not_overflowed(tmp_path: Path) -> None:
    text = EVENT_TEXT.split(" - ", 1)[1] + " A day later, troops returned to the town."
    _, stored, _ = _run_beside(tmp_path, lambda f: _jsonl(
        f, "date.jsonl", {"text": text, "published": "9999-12-30"}))
    assert stored["date.jsonl#1"]["published"] is None


def test_closed_standard_input_is_a_recorded_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    _write_good(folder)
    monkeypatch.setattr(sys, "stdin", None)  # what `eventline run - <&-` gives Python
    db = tmp_path / "e.db"
    run(["-", str(folder)], db=db)
    assert set(GOOD) <= set(_stored(db))
    assert _recorded(_skips(db), "-", errors.SKIP_UNREADABLE)


def test_a_text_over_max_text_chars_is_skipped_with_its_code(tmp_path: Path) -> None:
    long_text = "\n".join(f"Report {i}: {EVENT_TEXT}" for i in range(60))
    _, _, skips = _run_beside(tmp_path, lambda f: (f / "long.txt").write_text(long_text),
                              max_text_chars=5_000)
    assert _recorded(skips, "long.txt", errors.SKIP_TOO_LONG)


def test_spacy_refusing_a_long_text_is_caught_in_both_engines(tmp_path: Path) -> None:
    """spaCy's E088 is raised inside nlp.pipe: the text is checked before it goes in."""
    import hashlib

    from eventline.components import components
    from eventline.engines.dask import analyse_batch
    from eventline.engines.serial import process_articles
    from eventline.models import Article

    settings = load_settings()
    nlp = components(settings)[0]

    def art(name: str, text: str) -> Article:
        return Article(doc_id=hashlib.sha1(text.encode()).hexdigest(), name=name, path=name,
                       text=text)

    batch = [art("a.txt", EVENT_TEXT), art("long.txt", EVENT_TEXT * 40), art("b.txt", GOOD["good-gao.txt"])]
    old = nlp.max_length
    nlp.max_length = 2_000
    try:
        serial = list(process_articles(iter(batch), settings))
        dask_side = analyse_batch(batch, settings)
    finally:
        nlp.max_length = old
    for results in (serial, dask_side):
        assert [r.article.name for r in results] == ["a.txt", "long.txt", "b.txt"]
        assert results[0].failure is None and results[2].failure is None
        assert results[1].failure is not None and results[1].failure.code == errors.SKIP_TOO_LONG


def test_a_fifo_in_the_folder_is_skipped_without_opening(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")

    def build(folder: Path) -> None:
        os.mkfifo(folder / "pipe.txt")

    def stuck(*_: Any) -> None:
        raise AssertionError("the run blocked on the FIFO")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(60)
    try:
        _, _, skips = _run_beside(tmp_path, build)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert _recorded(skips, "pipe.txt", errors.SKIP_UNSUPPORTED)


def test_a_gzip_bomb_line_is_read_bounded(tmp_path: Path) -> None:
    """A line inflating far past max_file_bytes is measured in blocks, never held whole."""
    from eventline.ingest import iter_documents

    def build(folder: Path) -> None:
        with gzip.open(folder / "bomb.jsonl.gz", "wb", compresslevel=1) as fh:
            block = b"a" * (1 << 20)
            for _ in range(48):  # 48 MB with no newline
                fh.write(block)
            fh.write(b"\n" + json.dumps({"text": EVENT_TEXT}).encode() + b"\n")

    folder = tmp_path / "in"
    _write_good(folder)
    build(folder)
    tracemalloc.start()
    try:
        items = list(iter_documents([folder / "bomb.jsonl.gz"], settings={"max_file_bytes": 1 << 20}))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * (1 << 20), peak  # a few blocks, not the 48 MB line
    assert [getattr(i, "code", "doc") for i in items] == [errors.SKIP_TOO_LARGE, "doc"]
    _, stored, skips = _run_beside(tmp_path / "run", build, max_file_bytes=1 << 20)
    assert _recorded(skips, "bomb.jsonl.gz#1", errors.SKIP_TOO_LARGE)
    assert "bomb.jsonl.gz#2" in stored


def test_millions_of_tiny_bad_records_give_a_few_rows_and_stop(tmp_path: Path) -> None:
    def build(folder: Path) -> None:
        with gzip.open(folder / "tiny.jsonl.gz", "wb") as fh:
            fh.write(json.dumps({"text": EVENT_TEXT}).encode() + b"\n")
            fh.write(b"{}\n" * 300_000)

    report, stored, skips = _run_beside(tmp_path, build)
    mine = [s for s in skips if s["path"].split("#")[0].endswith("tiny.jsonl.gz")]
    assert "tiny.jsonl.gz#1" in stored
    assert len(mine) <= 8, mine  # a few listed, the rest in one counted row
    summary = [s for s in mine if s["code"] == errors.SKIP_REPEATED]
    assert summary and "more records" in summary[0]["reason"]
    assert any("in a row" in s["reason"] for s in mine)  # and reading stopped early
    assert len(report.skips) <= 8


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_batch_size_out_of_range_is_a_clear_error(tmp_path: Path, value: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError, match="batch_size"):
        load_settings(batch_size=value)
    with pytest.raises(SettingsError, match="batch_size"):
        run([tmp_path], db=tmp_path / "e.db", settings={**load_settings(), "batch_size": 0})
    folder = tmp_path / "in"
    _write_good(folder)
    monkeypatch.setenv("EVENTLINE_BATCH_SIZE", value)
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1 and "[E006]" in result.output and "batch_size" in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- place-dense text


def test_place_resolution_over_many_names_uses_bounded_matrices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not timed: the coherence matrix never covers more than a window of names."""
    import eventline.places.resolve as places
    from eventline.gazetteer import load_gazetteer

    sys.path.insert(0, str(REPO / "benchmarks"))
    from places_scaling import place_text

    text = place_text(40)
    sizes: list[int] = []
    real = places._closeness

    def spy(cands: list[Any]) -> Any:
        sizes.append(len(cands))
        return real(cands)

    monkeypatch.setattr(places, "_closeness", spy)
    found = places.find_places(text, gazetteer=load_gazetteer())
    assert len(found) > 1000
    bound = 3 * places._COHERENCE_BLOCK * places._TOPK
    assert len(sizes) > 1 and max(sizes) <= bound


def test_windowed_coherence_equals_the_full_matrix_when_the_window_covers_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import eventline.places.resolve as places
    from eventline.gazetteer import load_gazetteer

    text = ("Fighting spread from Gao to Kidal and Timbuktu, then to Mopti, Segou and Kayes. "
            "Troops left Bamako for Sikasso, Koutiala and San. ") * 3
    full = [(m.start, m.geonameid) for m in places.find_places(text, gazetteer=load_gazetteer())]
    monkeypatch.setattr(places, "_COHERENCE_NAMES", 1)
    monkeypatch.setattr(places, "_COHERENCE_BLOCK", 10_000)
    windowed = [(m.start, m.geonameid) for m in places.find_places(text, gazetteer=load_gazetteer())]
    assert windowed == full and len(full) > 10


# --------------------------------------------------------------------------- data loss and integrity


def _small_db(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    _write_good(folder)
    (folder / "event.txt").write_text(EVENT_TEXT)
    db = tmp_path / "eventline.db"
    run([folder], db=db)
    return db


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_that_is_the_database_is_refused(tmp_path: Path, command: str) -> None:
    db = _small_db(tmp_path)
    before = db.read_bytes()
    args = (["export", "--format", "acled-csv"] if command == "export" else ["report"])
    for out in (db, Path(str(db) + "-wal"), tmp_path / "." / db.name):
        result = runner.invoke(app, [*args, "--db", str(db), "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert "[E010]" in result.output and "Nothing was written" in result.output
    assert db.read_bytes() == before and _stored(db)
    with pytest.raises(ExportError):
        from eventline.export import export_events

        export_events(db, "jsonl", db)


def _one_run(args: tuple[str, str]) -> None:
    folder, db = args
    run([folder], db=db)


def test_two_concurrent_runs_equal_a_clean_run_ten_times(tmp_path: Path) -> None:
    from eventline.components import components

    folder = tmp_path / "in"
    _write_good(folder)
    (folder / "event.txt").write_text(EVENT_TEXT)
    (folder / "event2.txt").write_text(EVENT_TEXT.replace("four soldiers", "four soldiers and a "
                                                          "civilian") + " The army said it "
                                       "repelled the attack in Gao.")
    clean_db = tmp_path / "clean.db"
    run([folder], db=clean_db)

    def snapshot(db: Path) -> list[dict[str, Any]]:
        with Store(db, readonly=True) as store:
            return sorted((e.to_dict() for e in store.iter_events()), key=lambda d: d["event_id"])

    want = snapshot(clean_db)
    assert want
    components(load_settings())  # loaded once, inherited by the forked runs
    ctx = multiprocessing.get_context("fork")
    for trial in range(10):
        db = tmp_path / f"both-{trial}.db"
        procs = [ctx.Process(target=_one_run, args=((str(folder), str(db)),)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
            assert p.exitcode == 0
        assert snapshot(db) == want, f"trial {trial}"


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = _small_db(tmp_path)
    before = _stored(db)
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO _migrations VALUES ('0099_future', '2030-01-01')")
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer eventline") as exc:
            Store(db, readonly=readonly)
        assert "Upgrade" in str(exc.value)
    result = runner.invoke(app, ["run", str(tmp_path / "src"), "--db", str(db)])
    assert result.exit_code == 1 and "newer eventline" in result.output
    with sqlite3.connect(db) as conn:
        assert len(conn.execute("SELECT * FROM documents").fetchall()) == len(before)


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import eventline.store as store_module

    folder = tmp_path / "ro"
    folder.mkdir()
    db = _small_db(folder)
    with sqlite3.connect(db) as conn:  # as a run leaves it: WAL mode
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for extra in folder.glob("eventline.db-*"):
        extra.unlink()
    out = tmp_path / "out"
    out.mkdir()
    if os.geteuid() == 0:
        # root writes anywhere: make SQLite and the folder check behave as for a user
        # without write access (mode=ro on WAL needs to create the -shm file)
        real_connect = sqlite3.connect

        def connect(database: Any, *a: Any, **k: Any) -> Any:
            if isinstance(database, str) and "mode=ro" in database and "immutable=1" not in database:
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return real_connect(database, *a, **k)

        monkeypatch.setattr(store_module.sqlite3, "connect", connect)
        real_access = os.access
        monkeypatch.setattr(store_module.os, "access",
                            lambda p, m: False if Path(p) == folder else real_access(p, m))
    os.chmod(folder, 0o555)
    try:
        for args in (["events"], ["export", "--format", "jsonl", "--out", str(out / "e.jsonl")],
                     ["report", "--out", str(out / "r.html")]):
            result = runner.invoke(app, [*args, "--db", str(db)])
            assert result.exit_code == 0, (args, result.output)
    finally:
        os.chmod(folder, 0o755)
    assert (out / "e.jsonl").read_text().strip() and (out / "r.html").is_file()
    assert not list(folder.glob("eventline.db-*"))


def test_report_on_a_full_disk_leaves_no_tmp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from eventline.web.report import write_report

    db = _small_db(tmp_path)
    real = Path.write_text

    def full(self: Path, data: str, *a: Any, **k: Any) -> int:
        real(self, data[:100], *a, **k)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(WebError, match="No space left"):
        write_report(db, tmp_path / "report.html", tile_url="")
    assert not list(tmp_path.glob("report.html*"))


def test_duplicate_manifest_rows_are_reported_and_the_later_wins(tmp_path: Path) -> None:
    def build(folder: Path) -> None:
        (folder / "manifest.csv").write_text(
            "file,source,published\ngood-gao.txt,First Wire,2012-03-01\n"
            "good-gao.txt,Second Wire,2012-03-02\n")

    folder = tmp_path / "in"
    _write_good(folder)
    build(folder)
    db = tmp_path / "e.db"
    run([folder], manifest=folder / "manifest.csv", db=db)
    stored = _stored(db)
    assert stored["good-gao.txt"]["source"] == "Second Wire"
    assert _recorded(_skips(db), "manifest.csv:3", errors.SKIP_MANIFEST_DUPLICATE)


def test_a_cleaning_rule_never_removes_an_articles_only_text(tmp_path: Path) -> None:
    line = ("Residents of our county donated food and contributed blankets after a fire destroyed "
            "twelve homes on Tuesday, the fire chief said.")
    _, stored, _ = _run_beside(tmp_path, lambda f: (f / "local.txt").write_text(line))
    assert "local.txt" in stored


def test_mojibake_with_c1_controls_is_repaired(tmp_path: Path) -> None:
    text = ("Les rebelles ont attaqué Gao samedi, a déclaré l'armée malienne. "
            + EVENT_TEXT)
    broken = text.encode("utf-8").decode("latin-1").encode("utf-8")
    _, stored, _ = _run_beside(tmp_path, lambda f: (f / "moji.txt").write_bytes(broken))
    assert "moji.txt" in stored
    with Store(tmp_path / "eventline.db", readonly=True) as store:
        assert "attaqué" in (store.document_text("moji.txt") or "")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_text(tmp_path: Path, codec: str) -> None:
    _, stored, _ = _run_beside(tmp_path, lambda f: (f / "wide.txt").write_bytes(EVENT_TEXT.encode(codec)))
    assert "wide.txt" in stored


# --------------------------------------------------------------------------- exports and terminal


def test_csv_formula_injection_is_neutralised(tmp_path: Path) -> None:
    from eventline.export import export_events

    hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "=1+1",
               "-2+3", "\tx", "\rx"]
    folder = tmp_path / "in"
    _write_good(folder)
    _jsonl(folder, "evil.jsonl", *({"text": EVENT_TEXT.replace("four", str(i + 2)), "source": s}
                                    for i, s in enumerate(hostile)))
    (folder / "page.html").write_text(
        "<html><head><meta property=\"og:site_name\" content=\"=2+5\"></head><body><article><p>"
        + EVENT_TEXT.replace("Gao", "Kidal") + "</p></article></body></html>")
    db = tmp_path / "e.db"
    run([folder], db=db)
    with Store(db) as store:
        event = next(iter(store.iter_events()))
        store.review_set_field(event.event_id, "notes", "=1+1", who="t")
        store.review_set_field(event.event_id, "actor1", "@evil", who="t")
        store.review_set_field(event.event_id, "longitude", "-3.5", who="t")
    buf = io.StringIO()
    export_events(db, "acled-csv", buf, extras=True)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    for row in rows:
        for col, cell in row.items():
            if col in ("latitude", "longitude", "fatalities", "confidence"):
                continue
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (col, cell)
    edited = next(r for r in rows if r["event_id"] == event.event_id)
    assert edited["notes"] == "'=1+1" and edited["actor1"] == "'@evil"
    assert edited["longitude"] == "-3.5"  # a negative number stays a number
    sources = " ".join(r["source"] for r in rows)
    assert "'=HYPERLINK" in sources or "'=1+1" in sources or "'@SUM" in sources


def test_control_characters_in_names_are_escaped_on_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write_good(folder)
    (folder / "x\x1b[2J\x1b]0;owned\x07.txt").write_bytes(b"%PDF-1.4 binary")
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b[2J" in result.output
    assert shown("a\x1b[31mb\u009b\n") == "a\\x1b[31mb\\x9b\\n"


# --------------------------------------------------------------------------- review API


@pytest.fixture
def api(tmp_path: Path):
    from fastapi.testclient import TestClient

    from eventline.web.app import CSRF_HEADER, create_app

    db = _small_db(tmp_path)
    application = create_app(db, tile_url="", token="secret")
    client = TestClient(application, base_url="http://127.0.0.1")
    headers = {CSRF_HEADER: application.state.csrf_token, "X-Eventline-Token": "secret",
               "Content-Type": "application/json"}
    with Store(db, readonly=True) as store:
        event_id = next(e for e in store.iter_events() if e.event_date).event_id
    return client, headers, event_id, db


def test_request_bodies_are_capped_before_they_are_read(api) -> None:
    client, headers, event_id, _ = api
    big = b'{"who": "' + b"x" * 200_000 + b'"}'
    r = client.post(f"/api/events/{event_id}/confirm", content=big, headers=headers)
    assert r.status_code == 413 and "over" in r.json()["error"]

    def chunks():
        for _ in range(100):
            yield b"x" * 10_000

    r = client.post(f"/api/events/{event_id}/confirm", content=chunks(), headers=headers)
    assert r.status_code == 413


def test_token_and_content_type_are_checked_before_the_body(api) -> None:
    client, headers, event_id, _ = api
    r = client.post(f"/api/events/{event_id}/confirm", content=b"{not json",
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 403  # refused for the missing page token, body never parsed
    r = client.post(f"/api/events/{event_id}/confirm", content=b"{not json",
                    headers={**headers, "X-Eventline-Token": "wrong"})
    assert r.status_code == 401
    r = client.post(f"/api/events/{event_id}/confirm", content=b"{not json",
                    headers={**headers, "Content-Type": "text/plain"})
    assert r.status_code == 415


@pytest.mark.parametrize("body,status,words", [
    (b'{"who": 1e999}', 422, "who"),
    (b'{"field": "fatalities", "value": 1000000000000000000000000000000}', 422, "too large"),
    (b'{"field": "confidence", "value": 1e999}', 422, "finite"),
    (b'{"field": "confidence", "value": NaN}', 422, "finite"),
    (b'{"field": "confidence", "value": "inf"}', 400, "finite"),
    (b'{"field": "fatalities", "value": "99999999999999999999"}', 400, "whole number"),
    (b'{"field": "event_date", "value": "2012-W05-3"}', 400, "YYYY-MM-DD"),
    (b'{"field": "event_date", "value": "20120315"}', 400, "YYYY-MM-DD"),
    (b'{"field": "date_end", "value": "1999-01-01"}', 400, "before the event date"),
])
def test_absurd_review_values_are_refused_with_a_message(api, body: bytes, status: int, words: str) -> None:
    client, headers, event_id, db = api
    path = f"/api/events/{event_id}/" + ("confirm" if b"who" in body else "field")
    r = client.post(path, content=body, headers=headers)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]
    assert client.get(f"/api/events/{event_id}").status_code == 200
    exported = client.get("/api/export.jsonl").text
    assert "Infinity" not in exported and "NaN" not in exported


def test_serve_refuses_a_corrupted_database_with_a_message(tmp_path: Path) -> None:
    from eventline.web.app import create_app

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    with pytest.raises(StoreError) as exc:
        create_app(bad, tile_url="")
    assert "not a database" in str(exc.value) or "damaged" in str(exc.value)
    # a real database with a page overwritten in the middle
    db = _small_db(tmp_path / "real")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as fh:
        fh.seek(size * (pages // 2))
        fh.write(b"\xff" * size)
    with pytest.raises(StoreError, match="damaged|cannot be read|not a database"):
        create_app(db, tile_url="")
    result = runner.invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 1 and "[E005]" in result.output


# --------------------------------------------------------------------------- messages


def test_a_manifest_row_with_a_url_whose_driver_is_missing_is_a_recorded_skip(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # the driver is not installed
    folder = tmp_path / "in"
    _write_good(folder)
    (folder / "manifest.csv").write_text(
        "file,source\nhttp://example.invalid/a.html,Web\ngood-gao.txt,Wire\n")
    db = tmp_path / "e.db"
    run([folder], manifest=folder / "manifest.csv", db=db)
    assert set(GOOD) <= set(_stored(db))
    skip = next(s for s in _skips(db) if s["path"].startswith("http://"))
    assert skip["code"] == errors.SKIP_UNREADABLE and "pip install aiohttp" in skip["reason"]


# --------------------------------------------------------------------------- everything at once


def test_all_hostile_inputs_together_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write_good(folder)
    _jsonl(folder, "mixed.jsonl", {"text": EVENT_TEXT, "language": "this.x", "source": "=1+1"},
           "[" * 50_000 + "]" * 50_000, '{"text": "x", "title": "\\udfff"}',
           {"text": EVENT_TEXT.replace("Gao", "Kidal"), "published": "9999-12-30"})
    (folder / os.fsdecode(b"n\xfe\x1b[2J.txt")).write_bytes(
        EVENT_TEXT.replace("four", "nine").encode("utf-16-le"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
    db = tmp_path / "e.db"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output
    stored = _stored(db)
    assert set(GOOD) <= set(stored)
    assert {"mixed.jsonl#1", "mixed.jsonl#4", "n\ufffd\x1b[2J.txt"} <= set(stored)
    skips = _skips(db)
    assert _recorded(skips, "mixed.jsonl#2", errors.SKIP_BAD_ARCHIVE)
    assert _recorded(skips, "mixed.jsonl#3", errors.SKIP_EMPTY)
    if hasattr(os, "mkfifo"):
        assert _recorded(skips, "fifo.txt", errors.SKIP_UNSUPPORTED)
