"""Exports stream: peak memory stays flat from 100k to 1M events.

Builds two synthetic databases (schema from :class:`eventline.store.Store`, rows
inserted with ``executemany``: 2 sources and 2 field values per event), then
exports each in every format from a fresh subprocess (to /dev/null, Parquet to a
temporary file) and prints the child's peak RSS and the ratio large/small.
A streaming export has a ratio close to 1; one that loads everything grows ~10x.

Usage::

    python benchmarks/export_memory.py                 # 100k vs 1M events
    python benchmarks/export_memory.py --large 300000  # quicker
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import _venv  # noqa: F401  (restarts with .venv/bin/python when eventline is missing)

from eventline.store import EVENT_COLUMNS, Store

COUNTRIES = [("Mali", 17.0, -4.0), ("Niger", 17.6, 8.1), ("Burkina Faso", 12.2, -1.6),
             ("Nigeria", 9.1, 8.7), (None, None, None)]
SUBS = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Protests", "Peaceful protest")]
FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")

CHILD = """
import resource, sys, time
from eventline.export import export_events
db, fmt, out = sys.argv[1:4]
t = time.perf_counter()
n = export_events(db, fmt, out, warn=lambda m: None)
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - t)
"""


def _events(n: int, seed: int) -> Iterator[tuple[object, ...]]:
    rnd = random.Random(seed)
    for i in range(n):
        country, lat, lon = COUNTRIES[i % len(COUNTRIES)]
        etype, sub = SUBS[i % len(SUBS)]
        day = 1 + i % 28
        yield (
            f"ev{i:08d}", f"{2000 + i % 24}-{1 + i % 12:02d}-{day:02d}", None, 1, etype, sub,
            f"Actor {i % 500}", json.dumps([f"Ally {i % 50}"]), 1 + i % 8,
            f"Target {i % 300}", "[]", 1 + (i * 7) % 8, country, "Region", "District",
            f"Town {i % 1000}", None if lat is None else lat + rnd.random(),
            None if lon is None else lon + rnd.random(), 1, i % 20, i % 20, i % 25, i % 30,
            0.5, f"Something happened in town {i % 1000} according to several reports.",
            "[]", "new", "[]",
        )


def _sources(n: int) -> Iterator[tuple[object, ...]]:
    for i in range(n):
        for k in range(2):
            quote = f"Gunmen attacked town {i % 1000} on day {i % 28}, officials said ({k})."
            yield (f"ev{i:08d}", k, f"doc{(i + k) % 100000}.txt", ("Reuters", "Local Radio")[k],
                   f"https://example.org/{i}/{k}", "2020-01-01", quote, 100 * k,
                   100 * k + len(quote))


def _values(n: int) -> Iterator[tuple[object, ...]]:
    for i in range(n):
        for k in range(2):
            yield (f"ev{i:08d}", k, "fatalities", json.dumps(i % 20 + k),
                   f"doc{(i + k) % 100000}.txt")


def build(path: Path, n: int) -> float:
    """Create a database of ``n`` synthetic events; return seconds taken."""
    t = time.perf_counter()
    Store(path).close()  # schema and migrations
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    cols = (*EVENT_COLUMNS, "status", "reviewed_fields")
    with conn:
        conn.executemany(f"INSERT INTO events ({', '.join(cols)}) VALUES "
                         f"({', '.join('?' * len(cols))})", _events(n, seed=n))
        conn.executemany('INSERT INTO event_sources (event_id, idx, doc, source, url, published, '
                         'quote, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', _sources(n))
        conn.executemany("INSERT INTO event_field_values (event_id, idx, field, value, doc) "
                         "VALUES (?, ?, ?, ?, ?)", _values(n))
    conn.close()
    return time.perf_counter() - t


def measure(db: Path, fmt: str, tmp: Path) -> tuple[int, float, float]:
    """Export in a fresh process; return (events, peak RSS MiB, seconds)."""
    out = str(tmp / "out.parquet") if fmt == "parquet" else "/dev/null"
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db), fmt, out],
                          capture_output=True, text=True, check=True)
    n, kib, secs = proc.stdout.split()
    return int(n), int(kib) / 1024, float(secs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    with tempfile.TemporaryDirectory(prefix="eventline-bench-") as tmpdir:
        tmp = Path(tmpdir)
        results: dict[int, dict[str, tuple[int, float, float]]] = {}
        for n in (args.small, args.large):
            db = tmp / f"events-{n}.db"
            secs = build(db, n)
            size = db.stat().st_size / 2**20
            print(f"built {n:,} events in {secs:.1f} s ({size:.0f} MiB)", flush=True)
            results[n] = {}
            for fmt in formats:
                results[n][fmt] = measure(db, fmt, tmp)
                count, rss, secs = results[n][fmt]
                print(f"  {fmt:10s} {count:>9,} events  peak RSS {rss:7.1f} MiB  {secs:6.1f} s",
                      flush=True)
            db.unlink()
        print(f"\n{'format':10s} {'peak RSS ' + format(args.small, ','):>18s} "
              f"{'peak RSS ' + format(args.large, ','):>20s} {'ratio':>6s}")
        for fmt in formats:
            small, large = results[args.small][fmt][1], results[args.large][fmt][1]
            print(f"{fmt:10s} {small:14.1f} MiB {large:16.1f} MiB {large / small:6.2f}")


if __name__ == "__main__":
    main()
