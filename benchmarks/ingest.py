"""Benchmark: read + clean N generated HTML pages; pages/s and peak RSS at each size.

Each size runs in a fresh subprocess so its peak RSS (``ru_maxrss``) is its own.
Pages are varied (random places, actors, numbers, sentence order) so none is a
duplicate, and carry realistic furniture: navigation, scripts, styles, share
bars, related-story lists, a footer. One page in 50 reuses a wire paragraph
so the near-duplicate index has matches to find.

Usage::

    .venv/bin/python benchmarks/ingest.py            # 1,000 and 10,000 pages
    .venv/bin/python benchmarks/ingest.py 500 2000   # other sizes
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _venv  # noqa: F401  (restarts with .venv/bin/python when eventline is missing)

PLACES = ["Gao", "Kidal", "Timbuktu", "Mopti", "Sevare", "Djibo", "Arbinda", "Diffa", "Maiduguri",
          "Goma", "Beni", "Bunia", "Mogadishu", "Kismayo", "Baidoa", "Bamako", "Niamey",
          "Tillaberi",
          "Menaka", "Ansongo", "Dori", "Fada", "Kaya", "Ouahigouya", "Konna", "Diabaly"]
ACTORS = ["gunmen", "militants", "soldiers", "rebels", "protesters", "a militia", "the army",
          "security forces", "unidentified attackers", "jihadist fighters", "police"]
VERBS = ["attacked", "ambushed", "raided", "shelled", "clashed with", "surrounded", "entered",
         "withdrew from", "burned", "looted"]
TARGETS = ["a police post", "a market", "an army base", "a convoy", "the town hall", "a village",
           "a checkpoint", "a school", "a mosque", "a camp for displaced people"]
SOURCES = ["a local official said", "witnesses told reporters", "the ministry said in a statement",
           "a hospital source said", "residents said by telephone", "the army said"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

WIRE = ("The United Nations said more than 40,000 people had fled the region since January, "
        "and aid agencies warned that food stocks in the camps would run out within weeks.")


def _sentence(rng: random.Random) -> str:
    return (f"On {rng.choice(DAYS)}, {rng.choice(ACTORS)} {rng.choice(VERBS)} "
            f"{rng.choice(TARGETS)} near {rng.choice(PLACES)}, killing {rng.randint(0, 60)} people "
            f"and wounding {rng.randint(0, 90)}, {rng.choice(SOURCES)}.")


def make_page(i: int, rng: random.Random) -> str:
    place = rng.choice(PLACES)
    paras = []
    for _ in range(rng.randint(5, 9)):
        paras.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))))
    if i % 50 == 0:
        paras.insert(2, WIRE)
    paras.append(f"Report number {i} was filed from {place}.")  # every page unique
    nav = "".join(f'<li><a href="/{s}">{s.title()}</a></li>'
                  for s in ("world", "africa", "politics", "business", "sport", "opinion"))
    related = "".join(f'<li><a href="/r{i}-{k}">{rng.choice(ACTORS).title()} in '
                      f'{rng.choice(PLACES)}</a></li>' for k in range(5))
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Violence near {place} | Sahel Monitor</title>
<meta property="og:site_name" content="Sahel Monitor">
<meta property="article:published_time" content="2019-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00Z">
<script>window.dataLayer=[{{"page":"article","id":{i}}}];function t(){{return 1}}</script>
<style>.nav{{display:flex}} .ad{{height:250px}}</style></head><body>
<a class="skip" href="#main">Skip to main content</a>
<header><nav><ul>{nav}</ul></nav><form><input name="q"><button>Search</button></form></header>
<div class="ad">Advertisement</div>
<main id="main"><article><h1>Violence near {place}</h1>
<p class="byline">By Staff Reporter</p>
{body}
<div class="share"><a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a></div>
</article>
<aside><h3>Related stories</h3><ul>{related}</ul></aside></main>
<footer><p>Copyright 2019 Sahel Monitor. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li></ul>
</footer></body></html>"""


def generate(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"page_{i:06d}.html").write_text(make_page(i, rng), encoding="utf-8")


def run_one(n: int) -> dict[str, float]:
    """Generate n pages, read and clean them; runs inside its own process."""
    from eventline.clean import Deduplicator, iter_articles
    from eventline.ingest import iter_documents
    from eventline.models import Article

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, n)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        dedupe = Deduplicator()
        articles = skips = shared = 0
        t0 = time.perf_counter()
        for item in iter_articles(iter_documents([folder]), dedupe=dedupe):
            if isinstance(item, Article):
                articles += 1
                shared += bool(item.shared_spans)
            else:
                skips += 1
        secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "pages": n, "articles": articles, "skips": skips, "with_shared_spans": shared,
        "seconds": round(secs, 1), "pages_per_s": round(n / secs, 1),
        "peak_rss_mb": round(peak / 1024, 1), "rss_before_mb": round(rss_before / 1024, 1),
        "dedupe_index_mb": round(dedupe.index_bytes / 2**20, 2),
    }  # fmt: skip


def main(sizes: list[int]) -> None:
    results = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True,
                             capture_output=True, text=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(res)
        print(f"{res['pages']:>7,} pages: {res['pages_per_s']:>6} pages/s "
              f"({res['seconds']} s), peak RSS {res['peak_rss_mb']} MB "
              f"(before reading {res['rss_before_mb']} MB), dedupe index "
              f"{res['dedupe_index_mb']} MB, articles {res['articles']}, skips {res['skips']}, "
              f"with shared spans {res['with_shared_spans']}", flush=True)
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(f"memory ratio {b['pages']:,}/{a['pages']:,} pages: "
              f"{b['peak_rss_mb'] / a['peak_rss_mb']:.2f}x peak RSS for "
              f"{b['pages'] / a['pages']:.0f}x the pages")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 10000])
