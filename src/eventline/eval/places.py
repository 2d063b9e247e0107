"""Geoparsing evaluation on LGL (Lieberman et al.'s local-news corpus).

Score: the share of gold toponyms that eventline finds (a predicted mention
overlapping the gold span) *and* resolves within 161 km (100 miles) of the
gold point, end to end (recognition and resolution together).

Example::

    result = evaluate_lgl("lgl.xml", limit=50)
    print(format_report(result))
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from ..gazetteer import Gazetteer, load_gazetteer
from ..models import OutletHome
from ..places import _haversine, find_places, home_evidence, outlet_home

KM = 161.0


def _articles(path: Path) -> list[tuple[str, list[tuple[int, int, str, float, float]], str]]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise GoldFileError(f"Could not read LGL file {path}: {exc}.",
                            "Give the path of lgl.xml (LGL corpus in its XML form).") from exc
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is None or gaz.findtext("lat") is None:
                continue  # toponyms without coordinates cannot be scored
            gold.append((int(top.findtext("start") or 0), int(top.findtext("end") or 0),
                         top.findtext("phrase") or "", float(gaz.findtext("lat") or 0),
                         float(gaz.findtext("lon") or 0)))
        out.append((text, gold, art.findtext("domain") or ""))
    return out


def evaluate_lgl(path: str | Path, *, limit: int | None = None,
                 gazetteer: Gazetteer | None = None, use_ner: bool = True,
                 outlets: bool = True) -> dict[str, Any]:
    """Run the places stage on LGL and count found / resolved-within-161-km mentions.

    With ``outlets`` (as ``eventline run`` does for articles with an outlet),
    each article's domain is its outlet and the outlet's local lexicon, learnt
    from the articles evaluated, helps resolve ambiguous names; without it
    every article is resolved alone.

    Returns a dict with ``articles``, ``gold``, ``found``, ``resolved``,
    ``within_161km``, ``predicted``, ``predicted_matching``, ``score`` (end to end
    share of gold within 161 km), ``resolution_accuracy`` (within 161 km among
    those found), ``precision`` and ``seconds``.
    """
    path = Path(path)
    if not path.is_file():
        raise GoldFileError(f"LGL file {path} does not exist.", "Give the path of lgl.xml.")
    arts = _articles(path)[: limit if limit is not None else None]
    gaz = gazetteer or load_gazetteer()
    nlp = None
    if use_ner:
        from ..nlp import load_model

        nlp = load_model()
    t0 = time.perf_counter()
    n_gold = found = resolved = within = predicted = pred_ok = 0
    misses: list[str] = []
    homes: dict[str, OutletHome] = {}
    if outlets:
        evidence: dict[str, list[Any]] = {}
        for text, _, domain in arts:
            evidence.setdefault(domain, []).append(home_evidence(text, gazetteer=gaz))
        homes = {d: outlet_home(d, ev) for d, ev in evidence.items() if d}
    texts = [t for t, _, _ in arts]
    docs = nlp.pipe(texts, batch_size=16) if nlp is not None else (None for _ in texts)
    for (text, gold, domain), doc in zip(arts, docs):
        ms = find_places(text, doc=doc, gazetteer=gaz, home=homes.get(domain))
        predicted += len(ms)
        pred_ok += sum(any(m.start < e and s < m.end for s, e, *_ in gold) for m in ms)
        for s, e, phrase, lat, lon in gold:
            n_gold += 1
            hits = [m for m in ms if m.start < e and s < m.end]
            if not hits:
                misses.append(f"missed {phrase!r}")
                continue
            found += 1
            res = [m for m in hits if m.resolved]
            if not res:
                continue
            resolved += 1
            m = res[0]
            assert m.latitude is not None and m.longitude is not None
            if _haversine(lat, lon, m.latitude, m.longitude) <= KM:
                within += 1
            else:
                misses.append(f"wrong {phrase!r} -> {m.name}, {m.country}")
    return {
        "articles": len(arts),
        "gold": n_gold,
        "found": found,
        "resolved": resolved,
        "within_161km": within,
        "predicted": predicted,
        "predicted_matching": pred_ok,
        "score": within / n_gold if n_gold else 0.0,
        "resolution_accuracy": within / found if found else 0.0,
        "precision": pred_ok / predicted if predicted else 0.0,
        "seconds": round(time.perf_counter() - t0, 2),
        "outlet_lexicon": outlets,
        "misses": misses,
    }


def format_report(result: dict[str, Any]) -> str:
    """Plain-text summary of :func:`evaluate_lgl`'s result."""
    return "\n".join([
        f"LGL geoparsing: {result['articles']} articles, {result['gold']} gold toponyms"
        + (", outlet lexicons on" if result.get("outlet_lexicon") else ", each article alone"),
        f"  found (span overlap):        {result['found']:5d}  "
        f"({result['found'] / max(1, result['gold']):.1%})",
        f"  resolved within 161 km:      {result['within_161km']:5d}  "
        f"score {result['score']:.1%} end to end",
        f"  resolution accuracy (found): {result['resolution_accuracy']:.1%}",
        f"  precision of mentions:       {result['precision']:.1%} of {result['predicted']}",
        f"  time: {result['seconds']} s",
    ])
