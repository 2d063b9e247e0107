"""Benchmark: the Dask engine at 1 and 2 local workers; speed-up and articles/day per core.

Uses the real-text corpus of ``benchmarks/throughput.py`` (a slice of it by
default) and times ``eventline.pipeline.run(..., engine="dask")`` end to end,
each in a fresh subprocess, with a ``LocalCluster`` of N single-threaded
worker processes. The serial engine on one process is the baseline. Cluster
start-up (workers spawn and load spaCy + gazetteer) is measured on a
two-article run and subtracted to give the steady-state rate, which is what
extrapolates to a long run on a cluster (see docs/scaling.md).

Usage::

    .venv/bin/python benchmarks/scale.py                 # ~60,000 words, 1 and 2 workers
    .venv/bin/python benchmarks/scale.py --words 200000 --workers 1 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _venv  # noqa: F401  (restarts with .venv/bin/python when eventline is missing)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import real_texts, screen, take_words, write_corpus  # noqa: E402


def child(folder: Path, db: Path, engine: str, workers: int) -> dict:
    from eventline.pipeline import run
    from eventline.settings import load_settings

    settings = load_settings(workers=workers)
    t0 = time.perf_counter()
    report = run([folder], manifest=folder / "manifest.csv", db=db, settings=settings,
                 engine=engine)
    return {"seconds": time.perf_counter() - t0, "articles": report.articles,
            "events": report.events_total}


def spawn(folder: Path, db: Path, engine: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db), engine,
                          str(workers)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=60_000, help="corpus slice, ~N words")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        folder, db, engine, workers = args.child
        print(json.dumps(child(Path(folder), Path(db), engine, int(workers))))
        return

    docs = take_words(screen(real_texts())[0], args.words)
    with tempfile.TemporaryDirectory(prefix="eventline-scale-") as tmp:
        tmpdir = Path(tmp)
        os.environ.setdefault("EVENTLINE_DATA_DIR", str(tmpdir / "data"))
        corpus, tiny = tmpdir / "corpus", tmpdir / "tiny"
        words = write_corpus(docs, corpus)
        write_corpus(docs[:2], tiny)
        print(f"cores: {os.cpu_count()}   corpus: {len(docs)} real articles, {words:,} words")
        spawn(tiny, tmpdir / "warm.db", "serial", 1)  # builds the gazetteer db once
        base = spawn(corpus, tmpdir / "serial.db", "serial", 1)
        print(f"serial, 1 process: {base['seconds']:.1f} s, "
              f"{words / base['seconds']:,.0f} words/s, "
              f"{base['articles']} articles, {base['events']} events")
        rates = {}
        for n in args.workers:
            startup = spawn(tiny, tmpdir / f"tiny{n}.db", "dask", n)["seconds"]
            res = spawn(corpus, tmpdir / f"dask{n}.db", "dask", n)
            steady = max(0.1, res["seconds"] - startup)
            rates[n] = res["articles"] / steady
            per_core_day = rates[n] / n * 86_400
            print(f"dask, {n} worker(s): {res['seconds']:.1f} s total, start-up ~{startup:.1f} s, "
                  f"{words / steady:,.0f} words/s steady, {rates[n]:.2f} articles/s, "
                  f"~{per_core_day:,.0f} articles/day per worker core, {res['events']} events")
        first = args.workers[0]
        for n in args.workers[1:]:
            print(f"speed-up {first} -> {n} workers: {rates[n] / rates[first]:.2f}x "
                  f"(ideal {n / first:.1f}x; this machine has {os.cpu_count()} cores, shared)")


if __name__ == "__main__":
    main()
