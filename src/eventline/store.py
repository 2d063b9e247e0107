"""SQLite store: runs, documents, skips, events with their sources, review audit.

One file, stdlib :mod:`sqlite3`, WAL mode so the report, the web UI or the
``sqlite3`` shell can read while a run writes. The pipeline commits **one
transaction per article** (:meth:`Store.save_article`): a crash or Ctrl-C
loses at most the article in flight, and readers never see half of one.

Ids come from content (the pipeline computes them) and every write is an
upsert, so running the same input twice changes nothing.

Analyst review (confirm, reject, edit a field, merge, split) goes through the
``review_*`` methods. Each change is recorded in the ``audit`` table, and the
names of edited fields are kept per event: a later pipeline upsert never
overwrites a reviewed field (the stored value wins).

Example::

    with Store("eventline.db") as store:
        run_id = store.begin_run(args={"inputs": ["articles/"]})
        store.save_article(run_id, article, upsert=events)
        store.finish_run(run_id, {"articles": 1})
        for event in store.iter_events():
            print(event.event_id, event.event_type)
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import math
import os
import re
import secrets
import sqlite3
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import StoreError
from .models import (
    EVENT_CONTRACT_KEYS,
    EVENT_TYPES,
    SUB_EVENT_TYPE_TO_TYPE,
    Article,
    Event,
    FieldValue,
    Skip,
    Source,
)

# --------------------------------------------------------------------------- schema

def _acled_migration() -> str:
    from .acled import view_sql

    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in (
        "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1",
        "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "notes",
        "status"))
    now = "CAST(strftime('%s', 'now') AS INTEGER)"
    return f"""
        ALTER TABLE events ADD COLUMN updated_at INTEGER;
        UPDATE events SET updated_at = {now};
        CREATE TRIGGER events_created AFTER INSERT ON events BEGIN
            UPDATE events SET updated_at = {now} WHERE event_id = NEW.event_id;
        END;
        CREATE TRIGGER events_changed AFTER UPDATE ON events WHEN {changed} BEGIN
            UPDATE events SET updated_at = {now} WHERE event_id = NEW.event_id;
        END;
        CREATE TRIGGER event_sources_added AFTER INSERT ON event_sources BEGIN
            UPDATE events SET updated_at = {now} WHERE event_id = NEW.event_id
              AND COALESCE(updated_at, 0) < {now};
        END;
        {view_sql()}
        """


def _acled_v2_migration() -> str:
    from .acled import view_sql_v2

    return view_sql_v2()


def _statements(sql: str) -> Iterator[str]:
    """The statements of a script; a ';' inside a string or a trigger body does not end one."""
    buf = ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf
            buf = ""
    if buf.strip(" \n;"):
        yield buf


# Named migrations, applied in order, each once (recorded in `_migrations`).
# Never edit a released migration: append a new one.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE runs (
            run_id      TEXT PRIMARY KEY,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            args        TEXT NOT NULL DEFAULT '{}',
            summary     TEXT
        );
        CREATE TABLE documents (
            doc_id       TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            path         TEXT,
            source       TEXT,
            published    TEXT,
            url          TEXT,
            language     TEXT,
            title        TEXT,
            text         TEXT NOT NULL,
            shared_spans TEXT NOT NULL DEFAULT '[]',
            run_id       TEXT
        );
        CREATE INDEX documents_name ON documents(name);
        CREATE TABLE skips (
            path   TEXT NOT NULL,
            stage  TEXT NOT NULL,
            code   TEXT NOT NULL,
            reason TEXT NOT NULL,
            run_id TEXT,
            PRIMARY KEY (path, stage, code)
        );
        CREATE TABLE events (
            event_id        TEXT PRIMARY KEY,
            event_date      TEXT,
            date_end        TEXT,
            time_precision  INTEGER NOT NULL,
            event_type      TEXT NOT NULL,
            sub_event_type  TEXT NOT NULL,
            actor1          TEXT,
            assoc_actor_1   TEXT NOT NULL DEFAULT '[]',
            inter1          INTEGER,
            actor2          TEXT,
            assoc_actor_2   TEXT NOT NULL DEFAULT '[]',
            inter2          INTEGER,
            country         TEXT,
            admin1          TEXT,
            admin2          TEXT,
            location        TEXT,
            latitude        REAL,
            longitude       REAL,
            geo_precision   INTEGER,
            fatalities      INTEGER NOT NULL DEFAULT 0,
            fatalities_low  INTEGER,
            fatalities_best INTEGER,
            fatalities_high INTEGER,
            confidence      REAL NOT NULL DEFAULT 0,
            notes           TEXT NOT NULL DEFAULT '',
            disagreements   TEXT NOT NULL DEFAULT '[]',
            status          TEXT NOT NULL DEFAULT 'new'
                            CHECK (status IN ('new', 'confirmed', 'rejected')),
            reviewed_fields TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX events_date ON events(event_date, event_id);
        CREATE TABLE event_sources (
            event_id  TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            idx       INTEGER NOT NULL,
            doc       TEXT NOT NULL,
            source    TEXT,
            url       TEXT,
            published TEXT,
            quote     TEXT NOT NULL,
            start     INTEGER NOT NULL,
            "end"     INTEGER NOT NULL,
            PRIMARY KEY (event_id, idx)
        );
        CREATE INDEX event_sources_doc ON event_sources(doc, start, "end");
        CREATE TABLE event_field_values (
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            idx      INTEGER NOT NULL,
            field    TEXT NOT NULL,
            value    TEXT,
            doc      TEXT NOT NULL,
            PRIMARY KEY (event_id, idx)
        );
        CREATE TABLE merged_from (
            dropped_id TEXT PRIMARY KEY,
            kept_id    TEXT NOT NULL,
            reason     TEXT NOT NULL,
            run_id     TEXT
        );
        CREATE INDEX merged_from_kept ON merged_from(kept_id);
        CREATE TABLE audit (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            at        TEXT NOT NULL,
            who       TEXT NOT NULL,
            event_id  TEXT NOT NULL,
            action    TEXT NOT NULL,
            field     TEXT,
            old_value TEXT,
            new_value TEXT
        );
        CREATE INDEX audit_event ON audit(event_id);
        """,
    ),
    (
        "0002_outlet_evidence",
        # The places each article names unambiguously, per outlet: the outlet's
        # "local lexicon" (eventline.places.outlet_home) is rebuilt from these rows.
        """
        CREATE TABLE outlet_evidence (
            doc_id    TEXT PRIMARY KEY,
            outlet    TEXT NOT NULL,
            regions   TEXT NOT NULL,
            countries TEXT NOT NULL
        );
        CREATE INDEX outlet_evidence_outlet ON outlet_evidence(outlet);
        """,
    ),
    # When each event last changed (ACLED's `timestamp`, export --changed-since), and the
    # `acled_events` view: the ACLED CSV's columns in SQL (rules in eventline.acled).
    ("0003_acled_view", _acled_migration()),
    # event_id_cnty assigned once and kept (`acled_ids`), and the ACLED fields computed in
    # Python (`acled_fields`: admin3, source_scale) that the view reads; rows filled for
    # the events already stored by Store._after_migration.
    ("0004_acled_ids", _acled_v2_migration()),
    (
        "0005_context_evidence",
        # The places each article settles without guessing (eventline.places.context_evidence):
        # the run's context (eventline.places.context) is rebuilt from these rows, so an
        # interrupted run resumes to the same choices among namesakes.
        """
        CREATE TABLE context_evidence (
            doc_id TEXT PRIMARY KEY,
            points TEXT NOT NULL
        );
        """,
    ),
]

# Scalar Event fields stored as columns of `events`, in Event order.
EVENT_COLUMNS: tuple[str, ...] = (
    *(k for k in EVENT_CONTRACT_KEYS if k != "sources"),  # sources live in event_sources
    "disagreements",
)
_JSON_COLUMNS = frozenset({"assoc_actor_1", "assoc_actor_2", "disagreements"})

# Fields an analyst may edit with review_set_field ("sources" changes through merge/split).
REVIEWABLE_FIELDS: frozenset[str] = frozenset(EVENT_COLUMNS) - {"event_id", "disagreements"}
_INT_FIELDS = frozenset({
    "time_precision", "inter1", "inter2", "geo_precision", "fatalities",
    "fatalities_low", "fatalities_best", "fatalities_high",
})  # fmt: skip
_FLOAT_FIELDS = frozenset({"latitude", "longitude", "confidence"})
_TUPLE_FIELDS = frozenset({"assoc_actor_1", "assoc_actor_2"})
_REQUIRED_FIELDS = frozenset({"time_precision", "event_type", "sub_event_type", "fatalities",
                              "confidence", "notes"})

# order_by values accepted by iter_events -> SQL (a whitelist: never SQL from the caller).
ORDER_BY: dict[str, str] = {
    "event_date": "e.event_date, e.event_id",
    "event_id": "e.event_id",
    "country": "e.country, e.event_date, e.event_id",
    "fatalities": "e.fatalities DESC, e.event_id",
    "confidence": "e.confidence DESC, e.event_id",
}

# One SELECT returns an event with its sources and field values (JSON arrays built by
# correlated subqueries), so a streaming export is one statement over one snapshot.
_SELECT_EVENTS = (
    "SELECT "
    + ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    + """, e.status, e.reviewed_fields,
      (SELECT json_group_array(json_array(doc, source, url, published, quote, start, "end"))
         FROM (SELECT * FROM event_sources s WHERE s.event_id = e.event_id ORDER BY s.idx))
         AS sources_json,
      (SELECT json_group_array(json_array(field, value, doc))
         FROM (SELECT * FROM event_field_values v WHERE v.event_id = e.event_id
               ORDER BY v.idx)) AS values_json
    FROM events e"""
)

_BUSY_TIMEOUT_MS = 10_000


def _text(value: str | None) -> str | None:
    """A string SQLite can store: lone surrogates (undecodable file names) become U+FFFD."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


# Bounds of analyst-entered numbers: beyond them a value is a typing error, and
# SQLite integers stop at 2**63.
_MAX_FATALITIES = 10_000_000
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _to_column(name: str, value: Any) -> Any:
    """Event attribute -> SQLite value (tuples as JSON text)."""
    if name in _JSON_COLUMNS:
        return _json(list(value or ()))
    return value


def _event_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    """Build an Event from a `_SELECT_EVENTS` row."""
    n = len(EVENT_COLUMNS)
    values: dict[str, Any] = {}
    for name, value in zip(EVENT_COLUMNS, row[:n], strict=True):
        values[name] = tuple(json.loads(value)) if name in _JSON_COLUMNS else value
    status, reviewed_fields, sources_json, values_json = row[n : n + 4]
    sources = tuple(
        Source(doc=s[0], source=s[1], url=s[2], published=s[3], quote=s[4], start=s[5], end=s[6])
        for s in json.loads(sources_json or "[]")
    )
    field_values = tuple(
        FieldValue(field=f, value=json.loads(v) if v is not None else None, doc=d)
        for f, v, d in json.loads(values_json or "[]")
    )
    reviewed = status == "confirmed" or reviewed_fields not in (None, "", "[]")
    return Event(**values, sources=sources, field_values=field_values, reviewed=reviewed)


def _source_key(s: Source) -> tuple[str, int, int]:
    return (s.doc, s.start, s.end)


def is_eventline_database(path: Path) -> bool:
    """True when ``path`` is an SQLite file with eventline's tables (read without writing)."""
    try:
        con = _connect_readonly(path)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.Error:
        return False  # not SQLite at all (or unreadable): not ours either
    return {"events", "_migrations"} <= names


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that needs no write access to the folder.

    ``mode=ro`` on a WAL database still creates the ``-shm`` file; in a folder the
    user cannot write (a shared archive, a read-only mount) that fails with
    "attempt to write a readonly database". Then the file is opened ``immutable``:
    nobody can be writing it there, so nothing is missed.
    """
    base = path.resolve().as_uri()
    conn = None
    try:
        conn = sqlite3.connect(f"{base}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if conn is not None:
            conn.close()
        if os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(f"{base}?mode=ro&immutable=1", uri=True, isolation_level=None)


class Store:
    """The eventline database. Open one per process; it is not thread-safe.

    ``readonly=True`` opens without running migrations and refuses writes
    (for reports and exports while a run writes).

    Example::

        with Store("eventline.db", readonly=True) as store:
            print(store.count_events())
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._window_events: dict[tuple[Any, ...], Event] = {}  # candidate_events' last rows
        try:
            if readonly:
                if not self.path.is_file():
                    raise StoreError(
                        f"There is no eventline database at {self.path}.",
                        "Run `eventline run <articles>` first, or pass the right --db.",
                    )
                self.conn = _connect_readonly(self.path)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # isolation_level=None: we issue BEGIN/COMMIT ourselves.
                self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_migrations()
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL is durable across application crashes in WAL mode (only a power
                # cut can lose the last commits), and much faster than FULL.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"Cannot open the database {self.path}: {exc}.",
                "Check that the file is an eventline SQLite database and is writable.",
            ) from exc

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connection (idempotent), releasing the run lock if held."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
        lock = getattr(self, "_run_lock", None)
        if lock is not None:
            lock.close()  # closing the file releases the flock
            self._run_lock: IO[bytes] | None = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            # executescript would COMMIT on its own; run the statements inside one
            # transaction so a failed migration leaves no half-built schema.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.conn.execute("SELECT 1 FROM _migrations WHERE name = ?",
                                     (name,)).fetchone() is None:  # another process won
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self._after_migration(name)
                    self.conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                                      (name, _now()))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def _after_migration(self, name: str) -> None:
        """What a migration needs that SQL cannot compute (inside its transaction)."""
        if name == "0004_acled_ids":
            for (event_id,) in self.conn.execute("SELECT event_id FROM events").fetchall():
                event = self._get(event_id)
                if event is not None:
                    self._write_acled_fields(event)

    def _write_acled_fields(self, event: Event) -> None:
        """The event's ACLED number (assigned once per country) and computed ACLED columns."""
        from .acled import admin3_of, event_source_scale, iso3

        code = iso3(event.country)
        row = self.conn.execute("SELECT iso3 FROM acled_ids WHERE event_id = ?",
                                (event.event_id,)).fetchone()
        if row is not None and row[0] != code:  # the country changed (a review edit)
            self.conn.execute("DELETE FROM acled_ids WHERE event_id = ?", (event.event_id,))
            row = None
        if row is None and code != "XXX":
            self.conn.execute(
                "INSERT INTO acled_ids (event_id, iso3, n) SELECT ?, ?, COALESCE(MAX(n), 0) + 1 "
                "FROM acled_ids WHERE iso3 = ?", (event.event_id, code, code))
        self.conn.execute(
            "INSERT INTO acled_fields (event_id, admin3, source_scale) VALUES (?, ?, ?) "
            "ON CONFLICT (event_id) DO UPDATE SET admin3 = excluded.admin3, "
            "source_scale = excluded.source_scale",
            (event.event_id, admin3_of(event), event_source_scale(event)))

    def acled_ids(self) -> dict[str, str] | None:
        """event_id -> event_id_cnty ("MLI12") as assigned; None before migration 0004."""
        try:
            rows = self.conn.execute("SELECT event_id, iso3 || n FROM acled_ids").fetchall()
        except sqlite3.OperationalError:
            return None
        return dict(rows)

    def acled_fields(self) -> dict[str, tuple[str, str]] | None:
        """event_id -> (admin3, source_scale) as stored; None before migration 0004."""
        try:
            rows = self.conn.execute(
                "SELECT event_id, admin3, source_scale FROM acled_fields").fetchall()
        except sqlite3.OperationalError:
            return None
        return {r[0]: (r[1], r[2]) for r in rows}

    def _check_migrations(self) -> None:
        """Refuse a database a newer eventline built: its schema may differ from ours."""
        has_table = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
        ).fetchone()
        if not has_table:
            return
        known = {name for name, _ in MIGRATIONS}
        unknown = sorted(r[0] for r in self.conn.execute("SELECT name FROM _migrations")
                         if r[0] not in known)
        if unknown:
            from . import __version__

            self.conn.close()
            raise StoreError(
                f"The database {self.path} was written by a newer eventline (it has the "
                f"migration(s) {', '.join(unknown)}, which eventline {__version__} does not "
                "know); it was not changed.",
                "Upgrade eventline (pip install -U eventline) to use this database.",
            )

    def lock_for_run(self) -> None:
        """Hold the database for one pipeline run until :meth:`close`; a second run waits.

        An advisory ``flock`` on the database file itself (SQLite uses POSIX record
        locks, which ``flock`` does not touch), so no lock file is left behind and a
        crashed run releases it with its process. Without ``fcntl`` (Windows) runs
        are not serialised.
        """
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            return
        fh = open(self.path, "rb")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        except OSError:
            fh.close()
            return
        self._run_lock = fh

    def migrations(self) -> list[dict[str, str]]:
        """Applied migrations, in order: ``[{"name": ..., "applied_at": ...}]``."""
        rows = self.conn.execute("SELECT name, applied_at FROM _migrations ORDER BY rowid")
        return [{"name": n, "applied_at": a} for n, a in rows]

    def _write(self) -> _Transaction:
        if self.readonly:
            raise StoreError(f"The database {self.path} was opened read-only.",
                             "Open the Store without readonly=True to write.")
        return _Transaction(self.conn, self.path)

    # ------------------------------------------------------------------ runs

    def begin_run(self, *, args: dict[str, Any]) -> str:
        """Record the start of a run and return its id (time-sortable, unique)."""
        run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)
        with self._write():
            self.conn.execute("INSERT INTO runs (run_id, started_at, args) VALUES (?, ?, ?)",
                              (run_id, _now(), _json(args)))
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        """Record the end of a run with its summary counts."""
        with self._write():
            self.conn.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
                              (_now(), _json(summary), run_id))

    def add_skip(self, run_id: str, skip: Skip) -> None:
        """Record a skipped input; one row per (path, stage, code), the latest run wins."""
        with self._write():
            self.conn.execute(
                "INSERT INTO skips (path, stage, code, reason, run_id) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (path, stage, code) DO UPDATE SET reason = excluded.reason, "
                "run_id = excluded.run_id",
                (_text(skip.path), skip.stage, skip.code, _text(skip.reason), run_id),
            )

    def runs(self) -> list[dict[str, Any]]:
        """All runs, oldest first, with ``args`` and ``summary`` decoded."""
        rows = self.conn.execute(
            "SELECT run_id, started_at, finished_at, args, summary FROM runs ORDER BY started_at"
        )
        return [
            {"run_id": r, "started_at": s, "finished_at": f, "args": json.loads(a or "{}"),
             "summary": json.loads(m) if m else None}
            for r, s, f, a, m in rows
        ]

    def skips(self) -> list[dict[str, Any]]:
        """All skip rows: path, stage, code, reason, run_id."""
        rows = self.conn.execute(
            "SELECT path, stage, code, reason, run_id FROM skips ORDER BY path, stage, code"
        )
        return [dict(zip(("path", "stage", "code", "reason", "run_id"), r, strict=True))
                for r in rows]

    # ------------------------------------------------------------------ documents

    def has_document(self, doc_id: str) -> bool:
        """True when an article with this content id was stored (its events committed)."""
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?",
                                 (doc_id,)).fetchone() is not None

    def add_outlet_evidence(self, rows: Iterable[tuple[str, str, Any, Any]]) -> None:
        """Store (doc_id, outlet, regions, countries) rows, one per article (upsert).

        ``regions`` are (country code, region name) pairs, ``countries`` country
        codes, as :func:`eventline.places.home_evidence` returns them.
        """
        with self._write():
            self.conn.executemany(
                "INSERT INTO outlet_evidence (doc_id, outlet, regions, countries) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET outlet = excluded.outlet,"
                " regions = excluded.regions, countries = excluded.countries",
                [(d, o, _json(sorted(map(list, r))), _json(sorted(c))) for d, o, r, c in rows],
            )

    def outlet_evidence(self, outlet: str) -> list[tuple[frozenset[tuple[str, str]], frozenset[str]]]:
        """Every stored article's evidence for one outlet, in doc_id order."""
        rows = self.conn.execute(
            "SELECT regions, countries FROM outlet_evidence WHERE outlet = ? ORDER BY doc_id",
            (outlet,))
        return [(frozenset((cc, a1) for cc, a1 in json.loads(r)), frozenset(json.loads(c)))
                for r, c in rows]

    def add_context_evidence(self, rows: Iterable[tuple[str, Any]]) -> None:
        """Store (doc_id, points) rows, one per article (upsert); points are (latitude,
        longitude, country code) as :func:`eventline.places.context_evidence` returns them."""
        with self._write():
            self.conn.executemany(
                "INSERT INTO context_evidence (doc_id, points) VALUES (?, ?) "
                "ON CONFLICT (doc_id) DO UPDATE SET points = excluded.points",
                [(d, _json([list(p) for p in points])) for d, points in rows],
            )

    def context_evidence(self) -> Iterator[tuple[tuple[float, float, str], ...]]:
        """Every stored article's confident points, in doc_id order."""
        for (points,) in self.conn.execute("SELECT points FROM context_evidence ORDER BY doc_id"):
            yield tuple((float(a), float(b), str(c)) for a, b, c in json.loads(points))

    def known_doc_ids(self) -> set[str]:
        """Ids of every stored article."""
        return {r[0] for r in self.conn.execute("SELECT doc_id FROM documents")}

    def document_text(self, doc_name_or_id: str) -> str | None:
        """The cleaned text of an article, by ``doc_id`` or document name (None if unknown)."""
        row = self.conn.execute(
            "SELECT text FROM documents WHERE doc_id = ? OR name = ? "
            "ORDER BY doc_id = ? DESC LIMIT 1",
            (doc_name_or_id, doc_name_or_id, doc_name_or_id),
        ).fetchone()
        return row[0] if row else None

    def documents(self) -> list[dict[str, Any]]:
        """Stored articles' metadata (no text), by name, with their event count."""
        cols = ("doc_id", "name", "path", "source", "published", "url", "language", "title",
                "run_id")
        rows = self.conn.execute(
            "SELECT " + ", ".join(f"d.{c}" for c in cols)
            + ", (SELECT COUNT(DISTINCT s.event_id) FROM event_sources s WHERE s.doc = d.name)"
            " FROM documents d ORDER BY d.name"
        )
        return [dict(zip((*cols, "events"), r, strict=True)) for r in rows]

    def save_article(
        self,
        run_id: str,
        article: Article,
        *,
        upsert: Sequence[Event],
        delete: Sequence[str] = (),
        merged_into: dict[str, str] | None = None,
    ) -> None:
        """Store one article and its fused events in ONE transaction.

        ``upsert``: events to insert or replace (by ``event_id``). ``delete``: ids of
        events fused into another and now gone; ``merged_into`` maps each to the id it
        went into (kept in ``merged_from``). Reviewed fields of stored events keep their
        stored values; reviews of a deleted event move to the event it was merged into.
        Any error rolls the whole article back and is re-raised.
        """
        merged_into = merged_into or {}
        with self._write():
            self.conn.execute(
                "INSERT INTO documents (doc_id, name, path, source, published, url, language, "
                "title, text, shared_spans, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (doc_id) DO UPDATE SET name = excluded.name, path = excluded.path, "
                "source = excluded.source, published = excluded.published, url = excluded.url, "
                "language = excluded.language, title = excluded.title",
                (
                    article.doc_id, _text(article.name), _text(article.path),
                    _text(article.source),
                    article.published.isoformat() if article.published else None,
                    _text(article.url), article.language, _text(article.title),
                    _text(article.text),
                    _json([list(s) for s in article.shared_spans]), run_id,
                ),
            )
            # Reviews on events about to disappear move to the event they merge into.
            carried: dict[str, list[tuple[str, Event, str, list[str]]]] = {}
            upsert_ids = {e.event_id for e in upsert}
            for dropped in delete:
                if dropped in upsert_ids:
                    continue
                state = self._review_state(dropped)
                kept = merged_into.get(dropped)
                if state is not None and kept and (state[1] or state[0] == "confirmed"):
                    old = self._get(dropped)
                    assert old is not None
                    carried.setdefault(kept, []).append((dropped, old, state[0], state[1]))
            for event in upsert:
                self._upsert_event(event, run_id=run_id, carried=carried.get(event.event_id, ()))
            for dropped in delete:
                if dropped in upsert_ids:
                    continue
                self.conn.execute("DELETE FROM events WHERE event_id = ?", (dropped,))
                kept = merged_into.get(dropped)
                if kept:
                    self.conn.execute(
                        "INSERT INTO merged_from (dropped_id, kept_id, reason, run_id) "
                        "VALUES (?, ?, 'fusion', ?) ON CONFLICT (dropped_id) DO UPDATE SET "
                        "kept_id = excluded.kept_id, reason = excluded.reason, "
                        "run_id = excluded.run_id",
                        (dropped, kept, run_id),
                    )
                    # Earlier merges into the dropped event now point at the kept one.
                    self.conn.execute("UPDATE merged_from SET kept_id = ? WHERE kept_id = ?",
                                      (kept, dropped))

    # ------------------------------------------------------------------ events: write

    def _review_state(self, event_id: str) -> tuple[str, list[str]] | None:
        row = self.conn.execute("SELECT status, reviewed_fields FROM events WHERE event_id = ?",
                                (event_id,)).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    def _upsert_event(
        self,
        event: Event,
        *,
        run_id: str | None,
        carried: Sequence[tuple[str, Event, str, list[str]]] = (),
    ) -> None:
        """Insert or replace one event from the pipeline, protecting reviewed fields."""
        # An id an analyst merged away comes back from the pipeline: fold it into the
        # event the analyst kept instead of resurrecting it.
        row = self.conn.execute(
            "SELECT kept_id FROM merged_from WHERE dropped_id = ? AND reason = 'review'",
            (event.event_id,),
        ).fetchone()
        if row is not None and self._review_state(row[0]) is not None:
            self._absorb_sources(row[0], event.sources, event.field_values)
            return
        state = self._review_state(event.event_id)
        status, reviewed = state if state is not None else ("new", [])
        stored = self._get(event.event_id) if reviewed else None
        changes: dict[str, Any] = {}
        if stored is not None:
            for name in reviewed:
                if name == "sources":
                    continue
                changes[name] = getattr(stored, name)
        for dropped_id, old, old_status, old_reviewed in carried:
            for name in old_reviewed:
                if name not in reviewed and name != "sources":
                    changes[name] = getattr(old, name)
                    reviewed.append(name)
            if old_status == "confirmed" and status == "new":
                status = "confirmed"
            self._audit("pipeline", event.event_id, "carry_review", None, dropped_id,
                        {"fields": old_reviewed, "status": old_status}, run_id=run_id)
        if "sources" in reviewed and stored is not None:
            # The analyst fixed the source list (split/merge): keep it, and add only
            # sources no other event holds (a split-off source stays split off).
            changes["sources"] = stored.sources + self._unclaimed(event.sources, stored.sources)
        if reviewed:
            changes["disagreements"] = tuple(d for d in event.disagreements if d not in reviewed)
        if changes:
            event = dataclasses.replace(event, **changes)
        self._write_event(event, status=status, reviewed_fields=reviewed)
        self.conn.execute("DELETE FROM merged_from WHERE dropped_id = ?", (event.event_id,))

    def _unclaimed(self, incoming: Sequence[Source], have: Sequence[Source]) -> tuple[Source, ...]:
        keys = {_source_key(s) for s in have}
        out = []
        for s in incoming:
            if _source_key(s) in keys:
                continue
            claimed = self.conn.execute(
                'SELECT 1 FROM event_sources WHERE doc = ? AND start = ? AND "end" = ? LIMIT 1',
                _source_key(s),
            ).fetchone()
            if claimed is None:
                out.append(s)
                keys.add(_source_key(s))
        return tuple(out)

    def _write_event(self, event: Event, *, status: str, reviewed_fields: Sequence[str]) -> None:
        """Write the events row and replace its child rows (no review logic here)."""
        record = event.to_dict()  # also checks the event serialises before anything is written
        values = [_to_column(c, getattr(event, c)) for c in EVENT_COLUMNS]
        placeholders = ", ".join("?" for _ in range(len(EVENT_COLUMNS) + 2))
        updates = ", ".join(f"{c} = excluded.{c}" for c in EVENT_COLUMNS[1:])
        self.conn.execute(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}, status, reviewed_fields) "
            f"VALUES ({placeholders}) ON CONFLICT (event_id) DO UPDATE SET {updates}, "
            "status = excluded.status, reviewed_fields = excluded.reviewed_fields",
            (*values, status, _json(sorted(set(reviewed_fields)))),
        )
        self.conn.execute("DELETE FROM event_sources WHERE event_id = ?", (event.event_id,))
        self.conn.execute("DELETE FROM event_field_values WHERE event_id = ?", (event.event_id,))
        self.conn.executemany(
            'INSERT INTO event_sources (event_id, idx, doc, source, url, published, quote, start, '
            '"end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(event.event_id, i, s["doc"], s["source"], s["url"], s["published"], s["quote"],
              s["start"], s["end"]) for i, s in enumerate(record["sources"])],
        )
        self.conn.executemany(
            "INSERT INTO event_field_values (event_id, idx, field, value, doc) "
            "VALUES (?, ?, ?, ?, ?)",
            [(event.event_id, i, v["field"], _json(v["value"]), v["doc"])
             for i, v in enumerate(record["field_values"])],
        )
        self._write_acled_fields(event)

    def _absorb_sources(self, kept_id: str, sources: Sequence[Source],
                        values: Sequence[FieldValue]) -> None:
        kept = self._get(kept_id)
        assert kept is not None
        status, reviewed = self._review_state(kept_id) or ("new", [])
        new_sources = self._unclaimed(sources, kept.sources)
        if not new_sources:
            return
        docs = {s.doc for s in new_sources}
        event = dataclasses.replace(
            kept,
            sources=kept.sources + new_sources,
            field_values=kept.field_values + tuple(v for v in values if v.doc in docs),
        )
        self._write_event(event, status=status, reviewed_fields=reviewed)

    # ------------------------------------------------------------------ events: read

    def _get(self, event_id: str) -> Event | None:
        row = self.conn.execute(_SELECT_EVENTS + " WHERE e.event_id = ?", (event_id,)).fetchone()
        return _event_from_row(row) if row else None

    def get_event(self, event_id: str) -> Event | None:
        """One event by id, rejected or not (None if unknown)."""
        return self._get(event_id)

    def event_status(self, event_id: str) -> str | None:
        """'new', 'confirmed' or 'rejected' (None if unknown)."""
        state = self._review_state(event_id)
        return state[0] if state else None

    def reviewed_fields(self, event_id: str) -> list[str]:
        """Names of fields an analyst set on this event (sorted)."""
        state = self._review_state(event_id)
        return sorted(state[1]) if state else []

    def iter_events(
        self, *, include_rejected: bool = False, order_by: str = "event_date"
    ) -> Generator[Event, None, None]:
        """Stream events (one cursor, bounded memory), rejected ones hidden by default.

        ``order_by``: one of :data:`ORDER_BY` ("event_date" sorts undated events first).
        """
        pairs = self.iter_events_with_status(include_rejected=include_rejected,
                                             order_by=order_by)
        try:
            for event, _status in pairs:
                yield event
        finally:
            pairs.close()  # release the cursor now, not when garbage-collected

    def iter_events_with_status(
        self, *, include_rejected: bool = False, order_by: str = "event_date"
    ) -> Generator[tuple[Event, str], None, None]:
        """Like :meth:`iter_events`, yielding ``(event, status)`` pairs (for exports)."""
        if order_by not in ORDER_BY:
            raise StoreError(f"Cannot order events by {order_by!r}.",
                             f"Use one of: {', '.join(ORDER_BY)}.")
        where = "" if include_rejected else " WHERE e.status != 'rejected'"
        # A separate cursor; the statement reads one snapshot even while a run commits.
        cursor = self.conn.execute(f"{_SELECT_EVENTS}{where} ORDER BY {ORDER_BY[order_by]}")
        try:
            for row in cursor:
                yield _event_from_row(row), row[len(EVENT_COLUMNS)]
        finally:
            with contextlib.suppress(sqlite3.ProgrammingError):  # connection already closed
                cursor.close()

    def candidate_events(self, date_from: str | None, date_to: str | None) -> list[Event]:
        """Events whose [event_date, date_end] overlaps the window, plus undated ones.

        Fusion compares a new article's events with these. ``None`` bounds are open.
        Rejected events are included, so a new report of a rejected event fuses into
        it (and stays rejected) instead of coming back as a new event.
        """
        sql = (
            f"{_SELECT_EVENTS} WHERE e.event_date IS NULL OR ("
            "(? IS NULL OR COALESCE(e.date_end, e.event_date) >= ?) AND "
            "(? IS NULL OR e.event_date <= ?)) ORDER BY e.event_date, e.event_id"
        )
        rows = self.conn.execute(sql, (date_from, date_from, date_to, date_to)).fetchall()
        # Each stored article asks for the events around its dates, mostly the same rows as
        # the article before: a row read for the last call is not decoded again (an Event is
        # a function of its row, and a changed row is another key). Only the last call's
        # rows are kept, so memory stays at one window.
        before = self._window_events
        events = {r: before.get(r) or _event_from_row(r) for r in map(tuple, rows)}
        self._window_events = events
        return [events[tuple(r)] for r in rows]

    def count_events(self, *, include_rejected: bool = False) -> int:
        """Number of events (rejected ones not counted by default)."""
        where = "" if include_rejected else " WHERE status != 'rejected'"
        return self.conn.execute(f"SELECT COUNT(*) FROM events{where}").fetchone()[0]

    def disagreements(self) -> Iterator[Event]:
        """Events whose sources disagree on some field (not rejected), by date."""
        cursor = self.conn.execute(
            f"{_SELECT_EVENTS} WHERE e.disagreements != '[]' AND e.status != 'rejected' "
            "ORDER BY e.event_date, e.event_id"
        )
        for row in cursor:
            yield _event_from_row(row)

    def merged_from(self, event_id: str) -> list[dict[str, Any]]:
        """Ids merged into ``event_id`` (by fusion or review), with reason and run."""
        rows = self.conn.execute(
            "SELECT dropped_id, reason, run_id FROM merged_from WHERE kept_id = ? "
            "ORDER BY dropped_id", (event_id,))
        return [{"dropped_id": d, "reason": r, "run_id": run} for d, r, run in rows]

    # ------------------------------------------------------------------ review

    def _audit(self, who: str, event_id: str, action: str, field: str | None,
               old: Any, new: Any, *, run_id: str | None = None) -> None:
        del run_id  # runs are not part of the audit row; kept for call-site readability
        self.conn.execute(
            "INSERT INTO audit (at, who, event_id, action, field, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_now(), who, event_id, action, field, _json(old), _json(new)),
        )

    def _require(self, event_id: str) -> tuple[Event, str, list[str]]:
        event = self._get(event_id)
        state = self._review_state(event_id)
        if event is None or state is None:
            raise StoreError(f"There is no event {event_id!r} in {self.path}.",
                             "Check the id (`eventline export --jsonl` lists them).")
        return event, state[0], state[1]

    def review_set_field(self, event_id: str, field: str, value: Any, *, who: str) -> Event:
        """Set one field of an event as an analyst; it then survives pipeline re-runs.

        Example: ``store.review_set_field(eid, "fatalities", 12, who="ana")``.
        """
        if field not in REVIEWABLE_FIELDS:
            raise StoreError(f"{field!r} is not a field an analyst can edit.",
                             f"Editable fields: {', '.join(sorted(REVIEWABLE_FIELDS))}.")
        value = _coerce_field(field, value)
        with self._write():
            event, status, reviewed = self._require(event_id)
            old = getattr(event, field)
            changes: dict[str, Any] = {field: value}
            if field == "date_end" and value and event.event_date and value < event.event_date:
                raise StoreError(f"Invalid value {value!r} for date_end: it is before the "
                                 f"event date {event.event_date}.",
                                 "An end date is on or after event_date; correct one of them.")
            if field == "date_end" and value and not event.event_date:
                raise StoreError(f"Invalid value {value!r} for date_end: this event has no date yet.",
                                 "Set event_date first; date_end closes a span that starts there.")
            if field == "event_date" and value and event.date_end and value > event.date_end:
                raise StoreError(f"Invalid value {value!r} for event_date: it is after the "
                                 f"end date {event.date_end}.",
                                 "Set date_end first, or pick an earlier event date.")
            if field == "event_type" and event.sub_event_type not in EVENT_TYPES[value]:
                raise StoreError(
                    f"Sub-event type {event.sub_event_type!r} does not belong to {value!r}.",
                    "Set sub_event_type first: it implies the event type.",
                )
            if field == "sub_event_type":
                # the sub-event type implies the type; keep the pair consistent
                changes["event_type"] = SUB_EVENT_TYPE_TO_TYPE[value]
            updated = dataclasses.replace(
                event, **changes,
                disagreements=tuple(d for d in event.disagreements if d not in changes),
            )
            self._write_event(updated, status=status, reviewed_fields=[*reviewed, *changes])
            self._audit(who, event_id, "edit", field, _plain(old), _plain(value))
            if "event_type" in changes and field != "event_type" and \
                    changes["event_type"] != event.event_type:
                self._audit(who, event_id, "edit", "event_type", event.event_type,
                            changes["event_type"])
        result = self._get(event_id)
        assert result is not None
        return result

    def review_set_fields(self, event_id: str, changes: dict[str, Any], *, who: str) -> Event:
        """Set several fields at once, as one analyst edit (a location with its
        coordinates, fatalities with their range): one transaction, one audit row per
        field that changed. Each value is checked as in :meth:`review_set_field`.

        Example: ``store.review_set_fields(eid, {"fatalities": 4, "fatalities_high": 6}, who="ana")``.
        """
        unknown = sorted(set(changes) - REVIEWABLE_FIELDS)
        if unknown:
            raise StoreError(f"{', '.join(map(repr, unknown))} cannot be edited.",
                             f"Editable fields: {', '.join(sorted(REVIEWABLE_FIELDS))}.")
        values = {f: _coerce_field(f, v) for f, v in changes.items()}
        with self._write():
            event, status, reviewed = self._require(event_id)
            sub = values.get("sub_event_type", event.sub_event_type)
            kind = values.get("event_type", SUB_EVENT_TYPE_TO_TYPE.get(sub, event.event_type))
            if sub not in EVENT_TYPES.get(kind, ()):
                raise StoreError(f"Sub-event type {sub!r} does not belong to {kind!r}.",
                                 "Set sub_event_type first: it implies the event type.")
            values["event_type"] = kind
            changed = {f: v for f, v in values.items() if _plain(getattr(event, f)) != _plain(v)}
            if not changed:
                return event
            updated = dataclasses.replace(
                event, **changed,
                disagreements=tuple(d for d in event.disagreements if d not in changed),
            )
            self._write_event(updated, status=status, reviewed_fields=[*reviewed, *changed])
            for f, v in changed.items():
                self._audit(who, event_id, "edit", f, _plain(getattr(event, f)), _plain(v))
        result = self._get(event_id)
        assert result is not None
        return result

    def review_confirm_many(self, event_ids: Sequence[str], *, who: str) -> int:
        """Confirm several events in one transaction (a filtered set, checked by a person);
        returns how many changed. Unknown ids are refused before anything is written."""
        with self._write():
            states = {i: self._review_state(i) for i in dict.fromkeys(event_ids)}
            missing = [i for i, s in states.items() if s is None]
            if missing:
                raise StoreError(f"There is no event {missing[0]!r} in {self.path}.",
                                 "Reload the page: the list of events has changed.")
            n = 0
            for event_id, state in states.items():
                assert state is not None
                if state[0] == "confirmed":
                    continue
                self.conn.execute("UPDATE events SET status = 'confirmed' WHERE event_id = ?",
                                  (event_id,))
                self._audit(who, event_id, "confirm", "status", state[0], "confirmed")
                n += 1
        return n

    def _set_status(self, event_id: str, status: str, *, who: str) -> None:
        with self._write():
            _event, old, _reviewed = self._require(event_id)
            self.conn.execute("UPDATE events SET status = ? WHERE event_id = ?",
                              (status, event_id))
            action = {"confirmed": "confirm", "rejected": "reject", "new": "reset"}[status]
            self._audit(who, event_id, action, "status", old, status)

    def review_confirm(self, event_id: str, *, who: str) -> None:
        """Mark an event as checked by an analyst (status 'confirmed', reviewed flag on)."""
        self._set_status(event_id, "confirmed", who=who)

    def review_reject(self, event_id: str, *, who: str) -> None:
        """Mark an event as not a real event: hidden from exports, kept in the database."""
        self._set_status(event_id, "rejected", who=who)

    def review_reset(self, event_id: str, *, who: str) -> None:
        """Undo confirm/reject (status back to 'new'); edited fields stay reviewed."""
        self._set_status(event_id, "new", who=who)

    def review_merge(self, keep_id: str, drop_id: str, *, who: str) -> Event:
        """Merge ``drop_id`` into ``keep_id`` (the same incident, reported twice).

        The kept event gains the dropped event's sources and per-source values; its
        own field values win. The dropped id is recorded in ``merged_from`` (reason
        'review'): a later run that finds it again adds its sources to the kept event.
        """
        if keep_id == drop_id:
            raise StoreError("Cannot merge an event into itself.", "Pick two different ids.")
        with self._write():
            keep, status, reviewed = self._require(keep_id)
            drop, drop_status, _drop_reviewed = self._require(drop_id)
            have = {_source_key(s) for s in keep.sources}
            sources = keep.sources + tuple(s for s in drop.sources if _source_key(s) not in have)
            merged = dataclasses.replace(
                keep, sources=sources, field_values=keep.field_values + drop.field_values,
            )
            if drop_status == "confirmed" and status == "new":
                status = "confirmed"
            self.conn.execute("DELETE FROM events WHERE event_id = ?", (drop_id,))
            self._write_event(merged, status=status, reviewed_fields=[*reviewed, "sources"])
            self.conn.execute(
                "INSERT INTO merged_from (dropped_id, kept_id, reason) VALUES (?, ?, 'review') "
                "ON CONFLICT (dropped_id) DO UPDATE SET kept_id = excluded.kept_id, "
                "reason = excluded.reason, run_id = NULL",
                (drop_id, keep_id),
            )
            self.conn.execute("UPDATE merged_from SET kept_id = ? WHERE kept_id = ?",
                              (keep_id, drop_id))
            self._audit(who, keep_id, "merge", "sources", drop_id, drop.to_dict())
            self._audit(who, drop_id, "merged_into", None, drop.to_dict(), keep_id)
        result = self._get(keep_id)
        assert result is not None
        return result

    def review_split(self, event_id: str, source_index: int, *, who: str) -> Event:
        """Split source number ``source_index`` off an event into a new event.

        The new event copies the original's fields (the analyst then edits it), holds
        that one source and its per-source values, and gets id ``<event_id>-s<n>``.
        Both events keep their source lists on later runs.
        """
        with self._write():
            event, status, reviewed = self._require(event_id)
            if len(event.sources) < 2:
                raise StoreError(f"Event {event_id!r} has {len(event.sources)} source(s); "
                                 "only an event with two or more can be split.",
                                 "Reject the event instead if it is wrong.")
            if not 0 <= source_index < len(event.sources):
                raise StoreError(f"Event {event_id!r} has no source number {source_index}.",
                                 f"Use 0 to {len(event.sources) - 1}.")
            moved = event.sources[source_index]
            n = 1
            while self._review_state(f"{event_id}-s{n}") is not None:
                n += 1
            new_id = f"{event_id}-s{n}"
            others = tuple(s for i, s in enumerate(event.sources) if i != source_index)
            other_docs = {s.doc for s in others}
            new = dataclasses.replace(
                event, event_id=new_id, sources=(moved,),
                field_values=tuple(v for v in event.field_values if v.doc == moved.doc),
                disagreements=(),
            )
            rest = dataclasses.replace(
                event, sources=others,
                field_values=tuple(v for v in event.field_values if v.doc in other_docs),
            )
            self._write_event(rest, status=status, reviewed_fields=[*reviewed, "sources"])
            self._write_event(new, status="new", reviewed_fields=["sources"])
            self._audit(who, event_id, "split", "sources", moved.to_dict(), new_id)
            self._audit(who, new_id, "split_from", "sources", event_id, moved.to_dict())
        result = self._get(new_id)
        assert result is not None
        return result

    def audit(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Audit rows (oldest first), for one event or all; values decoded from JSON."""
        sql = "SELECT id, at, who, event_id, action, field, old_value, new_value FROM audit"
        params: tuple[Any, ...] = ()
        if event_id is not None:
            sql += " WHERE event_id = ?"
            params = (event_id,)
        rows = self.conn.execute(sql + " ORDER BY id", params)
        return [
            {"id": i, "at": at, "who": who, "event_id": e, "action": a, "field": f,
             "old": json.loads(o) if o is not None else None,
             "new": json.loads(n) if n is not None else None}
            for i, at, who, e, a, f, o, n in rows
        ]


class _Transaction:
    """``with`` block = one write transaction (BEGIN IMMEDIATE ... COMMIT/ROLLBACK)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def __enter__(self) -> None:
        try:
            # IMMEDIATE takes the write lock now, so two writers queue (busy_timeout)
            # instead of failing half-way through an article.
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"The database {self.path} is busy: {exc}.",
                "Another eventline run is writing to it; wait for it to finish.",
            ) from exc

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
            return
        self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error) and not isinstance(exc, StoreError):
            raise StoreError(
                f"Writing to {self.path} failed: {exc}. Nothing of this change was saved.",
                "Check free disk space and that no other program locks the file.",
            ) from exc


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _coerce_field(field: str, value: Any) -> Any:
    """Check and convert an analyst's value for ``field`` (values from the web UI are text)."""
    try:
        if value is None or value == "":
            if field in _REQUIRED_FIELDS:
                raise ValueError("a value is required")
            return () if field in _TUPLE_FIELDS else None
        if field in _TUPLE_FIELDS:
            if isinstance(value, str):
                value = [part.strip() for part in value.split(";")]
            return tuple(str(v) for v in value if str(v).strip())
        if field in _INT_FIELDS:
            if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
                raise ValueError("a whole number is required")
            if isinstance(value, str) and len(value.strip()) > 12:
                raise ValueError(f"a whole number of at most {_MAX_FATALITIES:,} is required")
            number = int(value)
            if field.startswith("fatalities") and number > _MAX_FATALITIES:
                raise ValueError(f"fatalities above {_MAX_FATALITIES:,} are not plausible")
            if field in {"inter1", "inter2"} and not 1 <= number <= 8:
                raise ValueError("inter codes are 1 to 8")
            if field in {"time_precision", "geo_precision"} and not 1 <= number <= 3:
                raise ValueError("precision codes are 1, 2 or 3")
            if field.startswith("fatalities") and number < 0:
                raise ValueError("fatalities cannot be negative")
            return number
        if field in _FLOAT_FIELDS:
            real = float(value)
            if not math.isfinite(real):
                raise ValueError("a finite number is required")
            if field == "confidence" and not 0 <= real <= 1:
                raise ValueError("confidence is between 0 and 1")
            if field == "latitude" and not -90 <= real <= 90:
                raise ValueError("latitude is between -90 and 90")
            if field == "longitude" and not -180 <= real <= 180:
                raise ValueError("longitude is between -180 and 180")
            return real
        value = str(value)
        if field in {"event_date", "date_end"}:
            # Python also reads 2012-W05-3 and 20120315; the store keeps YYYY-MM-DD only
            if not _ISO_DATE.fullmatch(value):
                raise ValueError("write the date as YYYY-MM-DD")
            year = dt.date.fromisoformat(value).year
            if not 1800 <= year <= 2200:
                raise ValueError("the year must be from 1800 to 2200")
        if field == "event_type" and value not in EVENT_TYPES:
            raise ValueError(f"use one of {', '.join(EVENT_TYPES)}")
        if field == "sub_event_type" and value not in SUB_EVENT_TYPE_TO_TYPE:
            raise ValueError("not an ACLED sub-event type")
        return value
    except (TypeError, ValueError) as exc:
        raise StoreError(f"Invalid value {value!r} for {field}: {exc}.",
                         "Correct the value and save again.") from exc
