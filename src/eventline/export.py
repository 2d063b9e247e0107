"""Exports: ACLED CSV, GeoJSON, JSONL, Parquet, and a pandas DataFrame.

Every export streams events from the store (one cursor), so a million-event
database exports in bounded memory. Rejected events are left out unless
``include_rejected=True``.

Choices that ACLED leaves to the coder, documented here:

The 31 ACLED columns and their rules are in :mod:`eventline.acled` (the
``acled_events`` SQL view follows the same rules). In short:

- ``event_id_cnty``: ISO 3166 alpha-3 code of the event's country followed by a
  number per country assigned when the event is first stored, and kept: a later
  run that adds events never renumbers the old ones, and a filtered export keeps
  the full export's ids. An event without a country gets its internal ``event_id``.
- ``interaction``: the two inter codes as a two-digit number, smaller first
  (inter 1 and 7 -> 17); one actor only -> ``10 * inter`` (e.g. 20); no inter -> 0.
- integer columns are never blank (0 where ACLED writes 0), so pandas reads ints.
- ``source``: the distinct outlet names of the event's sources, in source order,
  joined with ``"; "``.
- ``source_scale``: from each outlet's row in ``data/outlets.csv`` (a national
  outlet of the event's own country is National, of another country
  International), distinct scales joined with "-" in ACLED's order; blank when no
  outlet is known (:func:`eventline.acled.source_scale`).
- ``admin3``: the commune when a shipped commune seat of the event's admin2 lies
  within 15 km, else blank (:func:`eventline.acled.admin3_of`).
- ``notes`` leaves out eventline's bracketed tags; they are in ``tags``.
- ``--per-day`` (``per_day=True``) writes a multi-day event as one row a day, as
  ACLED does: the fatalities on the first day, 0 on the others; the later days'
  ``event_id_cnty`` carry ``-2``, ``-3``, ...
- ``event_date`` is an ISO date (``2012-03-30``); ``year`` is taken from it.
- ``assoc_actor_1`` / ``assoc_actor_2`` are joined with ``"; "`` as ACLED does.

Example::

    from eventline.export import export_events, read_events
    n = export_events("eventline.db", "acled-csv", "events.csv")
    df = read_events("eventline.db")
    df[df.country == "Mali"].groupby("event_type").fatalities.sum()
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from .acled import (
    ACLED_COLUMNS,
    INT_COLUMNS,
    INTERNATIONAL_OUTLETS,
    admin3_of,
    civilian_targeting,
    country_codes,
    disorder_type,
    event_source_scale,
    iso3,
    split_notes,
)
from .errors import ExportError
from .models import Event
from .store import Store

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "FORMATS", "INTERNATIONAL_OUTLETS", "ExportFilter",
           "ExportWarning", "export_events", "interaction", "iso3", "read_events"]

if TYPE_CHECKING:
    import pandas

# After the ACLED columns in read_events() and Parquet (and the CSV with extras=True,
# which leaves out `sources`).
EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_best", "fatalities_high", "confidence", "event_id",
    "date_end", "reviewed", "disagreements", "location_as_written", "location_basis", "sources",
)  # fmt: skip

FORMATS: tuple[str, ...] = ("jsonl", "acled-csv", "geojson", "parquet")

_BATCH_ROWS = 10_000  # Parquet row group size: bounded memory, decent compression
_MAX_WARN_IDS = 1_000  # ids kept for the "no coordinates" warning




class ExportWarning(UserWarning):
    """Raised through :mod:`warnings` when no ``warn`` callback was given."""


# --------------------------------------------------------------------------- rows


def interaction(inter1: int | None, inter2: int | None) -> int:
    """ACLED interaction code: ``interaction(7, 1) == 17``; one actor: ``10 * inter``; none: 0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return 0
    if len(codes) == 1:
        return 10 * codes[0]
    return codes[0] * 10 + codes[1]


def outlets(event: Event) -> list[str]:
    """Distinct outlet names of an event's sources, in source order."""
    seen: dict[str, None] = {}
    for s in event.sources:
        if s.source and s.source.strip():
            seen.setdefault(s.source.strip(), None)
    return list(seen)


def frame_row(event: Event, event_id_cnty: str, timestamp: int = 0) -> dict[str, Any]:
    """One event as ACLED columns then :data:`EXTRA_COLUMNS` (Python values, None = blank)."""
    names = outlets(event)
    admin3, scale = admin3_of(event), event_source_scale(event)
    year = int(event.event_date[:4]) if event.event_date else 0
    code = iso3(event.country)
    iso_num, region = country_codes(code)
    notes, tags = split_notes(event.notes)
    return {
        "event_id_cnty": event_id_cnty,
        "event_date": event.event_date,
        "year": year,
        "time_precision": event.time_precision,
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": "; ".join(event.assoc_actor_1),
        "inter1": event.inter1 or 0,
        "actor2": event.actor2,
        "assoc_actor_2": "; ".join(event.assoc_actor_2),
        "inter2": event.inter2 or 0,
        "interaction": interaction(event.inter1, event.inter2),
        "civilian_targeting": civilian_targeting(event.event_type, event.inter2),
        "iso": iso_num,
        "region": region,
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": admin3 or None,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision or 0,
        "source": "; ".join(names),
        "source_scale": scale,
        "notes": notes,
        "fatalities": event.fatalities,
        "tags": tags,
        "timestamp": timestamp,
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "confidence": event.confidence,
        "event_id": event.event_id,
        "date_end": event.date_end,
        "reviewed": event.reviewed,
        "disagreements": list(event.disagreements),
        "location_as_written": next((str(v.value) for v in event.field_values
                                     if v.field == "location_as_written" and v.value), None),
        "location_basis": next((str(v.value) for v in event.field_values
                                if v.field == "location_basis" and v.value), None),
        "sources": [s.to_dict() for s in event.sources],
    }


def _numbered(events: Iterator[Event],
              assigned: dict[str, str] | None = None) -> Iterator[tuple[Event, str]]:
    """Attach event_id_cnty: the number the store assigned (``assigned``), or for a
    database stored before migration 0004 an ISO3 + per-country running number in
    iteration order."""
    if assigned is not None:
        for event in events:
            yield event, assigned.get(event.event_id) or event.event_id
        return
    counters: dict[str, int] = {}
    for event in events:
        code = iso3(event.country)
        if code == "XXX":  # no country: the internal id, never a made-up "XXX1"
            yield event, event.event_id
            continue
        counters[code] = counters.get(code, 0) + 1
        yield event, f"{code}{counters[code]}"


@dataclass(frozen=True)
class ExportFilter:
    """Which events an export writes (every field optional; all given must hold).

    ``country``: a name or ISO code; ``since``/``until``: ISO dates, an event
    overlapping the window is kept; ``types``: event types or sub-event types
    (case-insensitive); ``changed_since``: Unix time, the ``timestamp`` column;
    ``per_day``: one row a day for multi-day events.
    """

    country: str | None = None
    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    changed_since: int | None = None
    per_day: bool = False

    def keeps(self, event: Event, timestamp: int) -> bool:
        if self.country and not _same_country(self.country, event.country):
            return False
        end = event.date_end or event.event_date
        if self.since and (end is None or end < self.since):
            return False
        if self.until and (event.event_date is None or event.event_date > self.until):
            return False
        if self.types:
            wanted = {t.strip().lower() for t in self.types}
            if event.event_type.lower() not in wanted and event.sub_event_type.lower() not in wanted:
                return False
        return not (self.changed_since is not None and timestamp < self.changed_since)


def _same_country(wanted: str, country: str | None) -> bool:
    if not country:
        return False
    code = iso3(wanted)
    if code != "XXX":
        return iso3(country) == code
    return wanted.strip().lower() == country.strip().lower()


def _timestamps(store: Store) -> dict[str, int]:
    """event_id -> the Unix time its row last changed (store migration 0003)."""
    try:
        rows = store.conn.execute("SELECT event_id, COALESCE(updated_at, 0) FROM events")
        return dict(rows.fetchall())
    except Exception:  # noqa: BLE001 - a database opened read-only before migration 0003
        return {}


def _rows(store: Store, events: Iterator[Event],
          flt: ExportFilter | None) -> Iterator[tuple[Event, dict[str, Any]]]:
    """ACLED rows: numbered over every event, then filtered, then split per day."""
    stamps = _timestamps(store)
    computed = store.acled_fields()
    for event, cnty in _numbered(events, store.acled_ids()):
        stamp = int(stamps.get(event.event_id, 0) or 0)
        if flt is not None and not flt.keeps(event, stamp):
            continue
        row = frame_row(event, cnty, stamp)
        stored = computed.get(event.event_id) if computed is not None else None
        if stored is not None:  # what the acled_events view shows (written with the event)
            row["admin3"], row["source_scale"] = stored[0] or None, stored[1]
        if not _splits(event, flt):
            yield event, row
            continue
        assert flt is not None
        for k, date in _days(event, flt):
            day = dict(row)
            day["event_date"] = date
            day["date_end"] = None
            day["time_precision"] = 1
            day["_day"] = k + 1
            if k:
                day["event_id_cnty"] = f"{cnty}-{k + 1}"
                for f in _FATALITY_FIELDS:
                    day[f] = 0 if row[f] is not None else None
            yield event, day


_FATALITY_FIELDS = ("fatalities", "fatalities_low", "fatalities_best", "fatalities_high")


def _splits(event: Event, flt: ExportFilter | None) -> bool:
    return bool(flt is not None and flt.per_day and event.date_end and event.event_date
                and event.date_end > event.event_date)


def _days(event: Event, flt: ExportFilter) -> Iterator[tuple[int, str]]:
    """(day index from 0, ISO date) of a multi-day event, inside the filter's window."""
    assert event.event_date and event.date_end
    first = dt.date.fromisoformat(event.event_date)
    days = (dt.date.fromisoformat(event.date_end) - first).days + 1
    for k in range(days):
        date = (first + dt.timedelta(days=k)).isoformat()
        if (flt.since and date < flt.since) or (flt.until and date > flt.until):
            continue  # a day outside the window asked for
        yield k, date


def _records(events: Iterator[Event], flt: ExportFilter | None) -> Iterator[dict[str, Any]]:
    """JSONL records: ``Event.to_dict()``; with ``per_day`` a multi-day event gives one
    record a day (its date, ``date_end`` null, fatalities on the first day only) with
    ``day`` (1, 2, ...) and ``days`` added."""
    for event in events:
        record = event.to_dict()
        if flt is None or not _splits(event, flt):
            yield record
            continue
        assert event.event_date and event.date_end
        total = (dt.date.fromisoformat(event.date_end)
                 - dt.date.fromisoformat(event.event_date)).days + 1
        for k, date in _days(event, flt):
            day = {**record, "event_date": date, "date_end": None, "time_precision": 1}
            if k:
                for f in _FATALITY_FIELDS:
                    day[f] = 0 if record[f] is not None else None
            day["day"], day["days"] = k + 1, total
            yield day


# --------------------------------------------------------------------------- writers


def _write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


# Spreadsheets run a cell that starts with these as a formula (=HYPERLINK(...), +cmd|...,
# @SUM(...)); OWASP's advice: a leading single quote makes it text. Article text and
# analyst edits reach the CSV, so every text cell goes through this; numbers stay numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula ("" for None).

    >>> csv_safe("=1+1"), csv_safe(-3), csv_safe("Gao")
    ("'=1+1", -3, 'Gao')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_csv_cell = csv_safe


def refuse_overwrite(out: str | Path | None, inputs: "Iterable[str | Path]", what: str) -> None:
    """Raise :class:`ExportError` when ``out`` is one of ``inputs`` (or a database's
    ``-wal``/``-shm`` file): ``--out eventline.db`` must never replace the database."""
    if out is None or str(out) == "-" or not isinstance(out, (str, Path)):
        return
    target = Path(out)
    for given in inputs:
        src = Path(given)
        names = {src, src.with_name(src.name + "-wal"), src.with_name(src.name + "-shm")}
        for name in names:
            same = target.resolve() == name.resolve()
            if not same and target.exists() and name.exists():
                try:
                    same = os.path.samefile(target, name)
                except OSError:
                    same = False
            if same:
                raise ExportError(
                    f"The {what} output {out} is the input {name}; writing it would destroy "
                    "the input. Nothing was written.",
                    "Give --out another file name (e.g. events.csv or report.html).",
                )


def _write_csv(rows: Iterator[dict[str, Any]], out: IO[str], *, extras: bool) -> int:
    columns = ACLED_COLUMNS + (tuple(c for c in EXTRA_COLUMNS if c != "sources")
                               if extras else ())
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        if extras:
            row["disagreements"] = "; ".join(row["disagreements"])
        writer.writerow([_csv_cell(row[c]) for c in columns])
        n += 1
    return n


def _write_geojson(pairs: Iterator[tuple[Event, dict[str, Any]]], out: IO[str],
                   warn: Callable[[str], None]) -> int:
    # Written piece by piece (not json.dump of one big dict) so memory stays flat.
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    missing = 0
    missing_ids: list[str] = []
    for event, row in pairs:
        if event.latitude is None or event.longitude is None:
            geometry = None
            missing += 1
            if len(missing_ids) < _MAX_WARN_IDS:
                missing_ids.append(event.event_id)
        else:
            # GeoJSON positions are [longitude, latitude] (RFC 7946)
            geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
        # the ACLED keys a GIS user filters on first, then the full record
        props = {k: row[k] for k in ("event_id_cnty", "year", "interaction", "source")}
        props.update(event.to_dict())
        # the row's date and fatalities: one day's with --per-day, the event's otherwise
        props.update({k: row[k] for k in ("event_date", "date_end", "time_precision",
                                          *_FATALITY_FIELDS)})
        day = row.get("_day")
        fid = event.event_id if not day or day == 1 else f"{event.event_id}-{day}"
        feature = {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}
        out.write(("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    if missing:
        shown = ", ".join(missing_ids[:20]) + (", ..." if missing > 20 else "")
        warn(f"{missing} events have no coordinates: {shown} "
             "(exported with geometry null; set their location in review to place them).")
    return n


def _require_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise ExportError(
            "Parquet export needs the pyarrow package, which is not installed.",
            "Install it with `pip install 'eventline[parquet]'` (or `pip install pyarrow`), "
            "or export --jsonl / --csv instead.",
        ) from exc
    return pyarrow


def _arrow_schema(pa: Any) -> Any:
    source = pa.struct([("doc", pa.string()), ("source", pa.string()), ("url", pa.string()),
                        ("published", pa.string()), ("quote", pa.string()),
                        ("start", pa.int64()), ("end", pa.int64())])
    types = {
        "event_date": pa.date32(), "date_end": pa.date32(), "year": pa.int32(),
        "time_precision": pa.int8(), "inter1": pa.int8(), "inter2": pa.int8(),
        "interaction": pa.int16(), "latitude": pa.float64(), "longitude": pa.float64(),
        "geo_precision": pa.int8(), "fatalities": pa.int64(), "fatalities_low": pa.int64(),
        "fatalities_best": pa.int64(), "fatalities_high": pa.int64(),
        "confidence": pa.float64(), "reviewed": pa.bool_(),
        "disagreements": pa.list_(pa.string()), "sources": pa.list_(source),
    }
    types.update({c: pa.int64() for c in ("iso", "timestamp")})
    fields = [(c, types.get(c, pa.string())) for c in ACLED_COLUMNS + EXTRA_COLUMNS]
    # GeoParquet 1.0: a WKB point column and the "geo" metadata geopandas reads
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"]}}}
    return pa.schema([*fields, ("geometry", pa.binary())],
                     metadata={b"geo": json.dumps(geo).encode()})


def _wkb_point(lon: float | None, lat: float | None) -> bytes | None:
    import struct

    if lon is None or lat is None:
        return None
    return struct.pack("<BIdd", 1, 1, float(lon), float(lat))  # little-endian WKB Point


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _write_parquet(rows: Iterator[dict[str, Any]], sink: Any) -> int:
    pa = _require_pyarrow()
    import pyarrow.parquet as pq

    schema = _arrow_schema(pa)
    columns = schema.names
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: dict[str, list[Any]] = {c: [] for c in columns}
        for row in rows:
            row["event_date"] = _date(row["event_date"])
            row["date_end"] = _date(row["date_end"])
            row["geometry"] = _wkb_point(row["longitude"], row["latitude"])
            for c in columns:
                batch[c].append(row[c])
            n += 1
            if n % _BATCH_ROWS == 0:
                writer.write_table(pa.Table.from_pydict(batch, schema=schema))
                batch = {c: [] for c in columns}
        if n == 0 or batch[columns[0]]:
            writer.write_table(pa.Table.from_pydict(batch, schema=schema))
    return n


# --------------------------------------------------------------------------- public API


@contextmanager
def _atomic_path(target: Path) -> Iterator[str]:
    """Yield where to write ``target``: a ``.part`` file renamed over it on success.

    A failed or interrupted export then leaves the previous file intact instead of a
    truncated one. Special files (``/dev/null``, pipes) are written directly.
    """
    if target.exists() and not target.is_file():
        yield str(target)
        return
    part = target.with_name(target.name + ".part")
    try:
        yield str(part)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, target)


def _default_warn(message: str) -> None:
    warnings.warn(message, ExportWarning, stacklevel=3)


def export_events(
    db: str | Path | Store,
    fmt: str,
    out: IO[str] | IO[bytes] | str | Path | None = None,
    *,
    warn: Callable[[str], None] | None = None,
    include_rejected: bool = False,
    extras: bool = False,
    filters: ExportFilter | None = None,
) -> int:
    """Write every event of ``db`` in ``fmt`` to ``out``; return the number written.

    ``fmt``: ``jsonl`` (one ``Event.to_dict()`` per line), ``acled-csv`` (header
    :data:`ACLED_COLUMNS`; ``extras=True`` appends the scalar :data:`EXTRA_COLUMNS`),
    ``geojson`` (a FeatureCollection; events without coordinates have geometry null
    and are reported through ``warn``) or ``parquet`` (needs pyarrow).
    ``out``: a path, an open file, or None / ``"-"`` for standard output.
    ``warn`` receives warnings (default: Python :mod:`warnings`).
    ``filters`` (:class:`ExportFilter`) selects events; event_id_cnty is numbered
    before filtering, so a filtered export keeps the full export's ids.

    Example::

        export_events("eventline.db", "geojson", "events.geojson", warn=print)
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}.", f"Use one of: {', '.join(FORMATS)}.")
    if not isinstance(db, Store):
        refuse_overwrite(out if isinstance(out, (str, Path)) else None, [db], fmt)
    else:
        refuse_overwrite(out if isinstance(out, (str, Path)) else None, [db.path], fmt)
    if fmt == "parquet":
        _require_pyarrow()  # fail before opening or creating anything
    warn = warn or _default_warn
    with ExitStack() as stack:
        store = db if isinstance(db, Store) else stack.enter_context(Store(db, readonly=True))
        events = store.iter_events(include_rejected=include_rejected, order_by="event_date")
        stack.callback(events.close)  # cursor closed before the store, even on errors
        pairs = _rows(store, events, filters)
        rows = (row for _event, row in pairs)
        if fmt == "parquet":
            if out is None or out == "-":
                sink: Any = sys.stdout.buffer
            elif isinstance(out, (str, Path)):
                sink = stack.enter_context(_atomic_path(Path(out)))
            else:
                sink = getattr(out, "buffer", out)  # a text stream's underlying bytes
            return _write_parquet(rows, sink)
        if out is None or out == "-":
            stream: IO[str] = sys.stdout
        elif isinstance(out, (str, Path)):
            path = stack.enter_context(_atomic_path(Path(out)))
            stream = stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
        elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
            stream = out  # type: ignore[assignment]
        else:  # a binary file object
            stream = io.TextIOWrapper(cast("IO[bytes]", out), encoding="utf-8", newline="")
            # on exit (LIFO): flush, then detach so the caller's file stays open
            stack.callback(stream.detach)
            stack.callback(stream.flush)
        if fmt == "jsonl":
            if filters is None:
                return _write_jsonl(_records(events, None), stream)
            return _write_jsonl(_records(_filtered_events(store, events, filters), filters),
                                stream)
        if fmt == "acled-csv":
            return _write_csv(rows, stream, extras=extras)
        return _write_geojson(pairs, stream, warn)


def _filtered_events(store: Store, events: Iterator[Event], flt: ExportFilter) -> Iterator[Event]:
    stamps = _timestamps(store)
    for event in events:
        if flt.keeps(event, int(stamps.get(event.event_id, 0) or 0)):
            yield event


def read_events(db: str | Path | Store, *, include_rejected: bool = False) -> pandas.DataFrame:
    """All events as a pandas DataFrame: ACLED columns in order, then extras.

    Extras: fatalities_low, fatalities_best, fatalities_high, confidence,
    event_id (internal, stable), date_end, reviewed, disagreements (list) and
    sources (list of dicts: doc, source, url, published, quote, start, end).
    ``event_date`` and ``date_end`` are datetimes; missing integers are ``<NA>``.

    Example::

        import eventline
        df = eventline.read_events("eventline.db")
        df.groupby(["year", "event_type"]).fatalities.sum()
    """
    import pandas as pd

    columns = ACLED_COLUMNS + EXTRA_COLUMNS
    data: dict[str, list[Any]] = {c: [] for c in columns}
    with ExitStack() as stack:
        store = db if isinstance(db, Store) else stack.enter_context(Store(db, readonly=True))
        events = store.iter_events(include_rejected=include_rejected)
        stack.callback(events.close)
        for _event, row in _rows(store, events, None):
            for c in columns:
                data[c].append(row[c])
    df = pd.DataFrame(data, columns=list(columns))
    for c in ("event_date", "date_end"):
        df[c] = pd.to_datetime(df[c], format="%Y-%m-%d", errors="coerce")
    for c in INT_COLUMNS:
        df[c] = df[c].astype("int64")
    for c in ("fatalities_low", "fatalities_best", "fatalities_high"):
        df[c] = df[c].astype("Int64")
    for c in ("latitude", "longitude", "confidence"):
        df[c] = df[c].astype("float64")
    df["reviewed"] = df["reviewed"].astype(bool)
    return df
