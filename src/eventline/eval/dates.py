"""Measure the dates stage on MEANTIME (NewsReader, Wikinews English).

MEANTIME documents are token lists (``<token t_id sentence>``) with TIMEX3
markables (``<TIMEX3 type value functionInDocument>`` anchored to tokens).
Each document's creation time is the TIMEX3 with
``functionInDocument="CREATION_TIME"``; it is given to the resolver as the
publication date, exactly as a manifest would.

How it is scored:

* The text is rebuilt from the tokens (spaces removed before punctuation), so
  character offsets of every gold expression are known.
* A gold expression counts as found when an expression we emit overlaps it and
  our value, written the TIMEX3 way, equals the gold value.
* The creation-time line itself (the dateline) is left out: it is the input,
  not something to find. Expressions annotated without tokens are left out too.
* "DATE only" scores ``type="DATE"``; "DATE+TIME" adds clock times; "all" adds
  DURATION and SET too. Scored is the whole time-expression finder
  (:func:`timex_mentions`): the dates the event stage uses plus the extra
  detectors of :mod:`eventline.dates` (durations, sets, clock times, fiscal
  years, PAST_REF/FUTURE_REF/PRESENT_REF), which the event stage never sees.
* Our expressions do not overlap one another (the longer wins), so one gold
  expression is matched against what we said about those words, not against a
  menu of alternatives.

Our dates are mapped to TIMEX3 values by their span: one day -> ``YYYY-MM-DD``
(with ``TMO``/``TAF``/``TEV``/``TNI`` when the expression names a part of
the day), Saturday-Sunday -> ``YYYY-Www-WE``, Monday-Sunday -> ``YYYY-Www``, a
calendar month -> ``YYYY-MM``, a quarter -> ``YYYY-Qn``, a season ->
``YYYY-SP|SU|FA|WI``, a year -> ``YYYY``, a decade -> ``YYY``; other spans take
the smallest of month, year or decade containing them ("earlier this month" ->
``YYYY-MM``, "early 2012" -> ``2012``). A range of explicit days (precision 1
with ``value_end``) maps to its first day. Following TIMEX3 practice, "2009 to
2011" is two DATEs and "October of next year" a month and a year; "two days
after the vote" is the DURATION P2D (the date it implies belongs to the event,
so the event stage keeps it as a date but the TIMEX3 view does not).

Example::

    >>> result = evaluate_meantime("dev/temporal/meantime", limit=10)  # doctest: +SKIP
    >>> print(format_report(result))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from ..dates import find_dates
from ..errors import GoldFileError
from ..models import TimeMention
from .timex import (
    TimexMention,
    find_clock_times,
    find_durations,
    find_fiscal_years,
    find_refs,
)

__all__ = ["evaluate_meantime", "format_report", "load_meantime", "timex_mentions",
           "timex_value"]

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'s", "'S",
                    "n't", "'re", "'ve", "'ll", "'d", "'m", "’s"}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
_PART_SUFFIX = (("morning", "TMO"), ("afternoon", "TAF"), ("evening", "TEV"),
                ("night", "TNI"))  # fmt: skip
_SEASON = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_CALENDAR = re.compile(r"\d{3,4}(?:$|-)")
_PRESENT = re.compile(r"now|currently|at present|at the moment|for the time being|nowadays")
_EDGE = re.compile(r"\b(?:early|mid|late|end|beginning|start|middle)\b")


def load_meantime(path: str | Path) -> list[dict[str, Any]]:
    """Documents of a MEANTIME folder: text, creation date and gold expressions.

    Each gold expression is ``{"start", "end", "text", "type", "value"}``.
    Raises :class:`GoldFileError` when the folder holds no MEANTIME XML.
    """
    root = Path(path)
    files = sorted(root.rglob("*.xml")) if root.is_dir() else [root]
    docs = [d for f in files if (d := _read_doc(f)) is not None]
    if not docs:
        raise GoldFileError(
            f"No MEANTIME documents were found under {root}.",
            "Point to the MEANTIME English folder (its intra-doc_annotation/ holds "
            "corpus_*/<id>_<title>.xml files with <token> and <TIMEX3> elements).",
        )
    return docs


def _read_doc(path: Path) -> dict[str, Any] | None:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    tokens = list(root.iter("token"))
    if not tokens:
        return None
    # rebuild the text with offsets; a newline between sentences
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sent = None
    prev_tok = ""
    for tok in tokens:
        word = tok.text or ""
        sent = tok.get("sentence")
        if parts:
            if sent != prev_sent:
                sep = "\n"
            elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    text = "".join(parts)
    published: dt.date | None = None
    gold: list[dict[str, Any]] = []
    skip_spans: list[tuple[int, int]] = []
    # MEANTIME annotates only the first sentences of each article: what we find
    # past the last annotated sentence is neither right nor wrong
    sent_of = {t.get("t_id", ""): t.get("sentence") for t in tokens}
    annotated = {sent_of.get(a.get("t_id", "")) for a in root.iter("token_anchor")}
    last_ann = max((offsets[t.get("t_id", "")][1] for t in tokens
                    if t.get("sentence") in annotated), default=len(text))
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in tx.iter("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            published = _parse_dct(tx.get("value") or "")
            spans = [offsets[i] for i in ids if i in offsets]
            if spans:
                skip_spans.append((min(s for s, _ in spans), max(e for _, e in spans)))
            continue
        spans = [offsets[i] for i in ids if i in offsets]
        if not spans:
            continue  # an implicit expression with no words in the text
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        gold.append({"start": start, "end": end, "text": text[start:end],
                     "type": tx.get("type") or "", "value": tx.get("value") or ""})
    gold.sort(key=lambda g: g["start"])
    return {"name": path.name, "text": text, "published": published, "gold": gold,
            "annotated_end": last_ann, "skip_spans": skip_spans}


def _parse_dct(value: str) -> dt.date | None:
    """Creation times are ISO, with a few written DD-MM-YYYY."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", value.strip())
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


def timex_value(m: TimeMention) -> str | None:
    """Our resolved expression written as a TIMEX3 value (see the module doc).

    Example::

        >>> timex_value(TimeMention("last week", 0, 9, dt.date(2013, 1, 14),
        ...                         dt.date(2013, 1, 20), 2, True))
        '2013-W03'
    """
    a, b = m.value, m.value_end
    if a is None:
        return None
    low = m.text.lower()
    if _PRESENT.fullmatch(low):
        return "PRESENT_REF"
    if b is not None and _EDGE.search(low):
        # TIMEX3 keeps "the end of 2008" as 2008 (MOD=END): drop the edge
        if (a.year, a.month) == (b.year, b.month) and "month" not in low and not re.search(
            r"\b(?:19|20)\d\d\b|year", low
        ):
            return f"{a.year}-{a.month:02d}"
        return str(a.year) if a.year == b.year else None
    if b is None or m.precision == 1 and b is not None and (b - a).days < 7 and not (
        a.weekday() == 5 and (b - a).days == 1
    ):
        day = a.isoformat()
        for word, suffix in _PART_SUFFIX:
            if low.endswith(word) or (word == "night" and low == "tonight"):
                return f"{day}{suffix}"
        return day
    span = (b - a).days
    if a.weekday() == 5 and span == 1:
        y, w, _ = a.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if a.weekday() == 0 and span == 6:
        y, w, _ = a.isocalendar()
        return f"{y}-W{w:02d}"
    month_end = _month_end(b)
    if a.day == 1 and b == month_end:
        months = (b.year - a.year) * 12 + b.month - a.month + 1
        if months == 1:
            return f"{a.year}-{a.month:02d}"
        if months == 3 and a.month in (1, 4, 7, 10):
            return f"{a.year}-Q{(a.month - 1) // 3 + 1}"
        if months == 3 and a.month in _SEASON:
            return f"{a.year}-{_SEASON[a.month]}"
        if months == 12 and a.month == 1:
            return str(a.year)
        if months == 120 and a.month == 1 and a.year % 10 == 0:
            return str(a.year)[:3]
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.year}-{a.month:02d}"
    if a.year == b.year:
        return str(a.year)
    if a.year // 10 == b.year // 10:
        return str(a.year)[:3]
    return None


# "2009 to 2011": TIMEX3 writes each year as its own DATE
_YEAR_RANGE = re.compile(r"((?:1[89]|20)\d\d)(\s*(?:-|–|—|to|through)\s*)((?:1[89]|20)\d\d)")
_OF_YEAR = re.compile(r"(\S+)\s+of\s+((?:this|last|next)\s+year)", re.I)
# "two days after the vote", "a week before": TIMEX3 marks the duration; the date
# it implies belongs to the event, not to the words
_ANCHORED_OFFSET = re.compile(r".*\b(?:after|before|prior\s+to)", re.I | re.S)


def timex_mentions(text: str, published: dt.date | None) -> list[TimexMention]:
    """Every time expression of ``text`` as TIMEX3 (type, value), non-overlapping.

    Dates come from :func:`find_dates` (mapped by :func:`timex_value`), clock
    times, durations, sets and vague references from the extra detectors of
    :mod:`eventline.dates`. Where two overlap, the longer wins (a date on a tie).

    Example::

        >>> [(t.text, t.type, t.value) for t in timex_mentions(
        ...     "Three years ago, the talks recently stalled for two weeks.", None)]
        [('Three years ago', 'DATE', ''), ('recently', 'DATE', 'PAST_REF'), \
('two weeks', 'DURATION', 'P2W')]
    """
    dates = find_dates(text, published)
    cands: list[tuple[int, TimexMention]] = []
    for m in dates:
        if _ANCHORED_OFFSET.fullmatch(m.text):
            continue
        of_year = _OF_YEAR.fullmatch(m.text)
        if of_year and m.value is not None:
            # "October of next year": a month and a year, two TIMEX3 expressions
            s2 = m.start + of_year.start(2)
            cands.append((0, TimexMention(of_year.group(1), m.start, m.start + of_year.end(1),
                                          "DATE", f"{m.value.year}-{m.value.month:02d}")))
            cands.append((0, TimexMention(of_year.group(2), s2, m.end, "DATE",
                                          str(m.value.year))))
            continue
        yr = _YEAR_RANGE.fullmatch(m.text)
        if yr and m.precision == 3:
            for g in (1, 3):
                s = m.start + yr.start(g)
                cands.append((0, TimexMention(yr.group(g), s, s + 4, "DATE", yr.group(g))))
            continue
        value = timex_value(m)
        cands.append((0, TimexMention(m.text, m.start, m.end, "DATE", value or "")))
    extras = [*find_clock_times(text, published, dates), *find_fiscal_years(text, published),
              *find_durations(text), *find_refs(text)]
    cands.extend((1, t) for t in extras)
    keep: list[TimexMention] = []
    for _, t in sorted(cands, key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start)):
        if not any(t.start < k.end and k.start < t.end for k in keep):
            keep.append(t)
    return sorted(keep, key=lambda t: t.start)


def _month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def evaluate_meantime(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Share of MEANTIME time expressions we find with exactly the gold value.

    ``limit`` takes the first N documents (sorted by path) for a quick check.
    Returns counts and accuracies for "DATE only" and "all", per-type counts,
    a sample of misses, and the number of our expressions no gold one overlaps.

    Example::

        >>> r = evaluate_meantime("../shared/dev/temporal/meantime", limit=5)  # doctest: +SKIP
        >>> r["date"]["accuracy"]  # doctest: +SKIP
        0.9
    """
    docs = load_meantime(path)
    if limit is not None:
        docs = docs[:limit]
    by_type: Counter[str] = Counter()
    hit_type: Counter[str] = Counter()
    # DATE expressions whose gold value is a calendar date/period ("2012-03",
    # "2009-W11"), i.e. not PAST_REF, FUTURE_REF, XXXX or a duration
    calendar_gold: Counter[str] = Counter()
    calendar_hit: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    emitted = spurious = 0
    for doc in docs:
        ours = timex_mentions(doc["text"], doc["published"])
        for m in ours:
            if m.start >= doc["annotated_end"] or any(
                m.start < e and s < m.end for s, e in doc["skip_spans"]
            ):
                continue
            emitted += 1
            if not any(m.start < g["end"] and g["start"] < m.end for g in doc["gold"]):
                spurious += 1
        for g in doc["gold"]:
            by_type[g["type"]] += 1
            overlapping = [m for m in ours if m.start < g["end"] and g["start"] < m.end]
            values = [m.value for m in overlapping]
            calendar = g["type"] == "DATE" and bool(_CALENDAR.match(g["value"]))
            calendar_gold["DATE"] += calendar
            if g["value"] in values:
                hit_type[g["type"]] += 1
                calendar_hit["DATE"] += calendar
            elif len(misses) < 10_000:
                misses.append({"doc": doc["name"], "type": g["type"], "text": g["text"],
                               "gold": g["value"], "ours": values,
                               "published": doc["published"].isoformat()
                               if doc["published"] else None})

    def score(types: tuple[str, ...] | None) -> dict[str, Any]:
        total = sum(n for t, n in by_type.items() if types is None or t in types)
        hits = sum(n for t, n in hit_type.items() if types is None or t in types)
        return {"gold": total, "found": hits, "accuracy": hits / total if total else 0.0}

    cal_total = sum(n for n in calendar_gold.values())
    cal_hits = sum(n for n in calendar_hit.values())

    return {
        "documents": len(docs),
        "date": score(("DATE",)),
        "date_time": score(("DATE", "TIME")),
        "all": score(None),
        "date_calendar": {"gold": cal_total, "found": cal_hits,
                          "accuracy": cal_hits / cal_total if cal_total else 0.0},
        "by_type": {t: {"gold": n, "found": hit_type[t]} for t, n in sorted(by_type.items())},
        "emitted": emitted,
        "unmatched_emitted": spurious,
        "misses": misses,
    }


def format_report(result: dict[str, Any]) -> str:
    """A short plain-text report of :func:`evaluate_meantime`'s result."""
    lines = [
        f"MEANTIME time expressions, {result['documents']} documents "
        "(creation-time line excluded)",
        f"  DATE only : {result['date']['found']}/{result['date']['gold']} "
        f"= {result['date']['accuracy']:.1%} with the exact gold value",
        f"    of which calendar values (not PAST_REF/FUTURE_REF/XXXX/durations): "
        f"{result['date_calendar']['found']}/{result['date_calendar']['gold']} "
        f"= {result['date_calendar']['accuracy']:.1%}",
        f"  DATE+TIME : {result['date_time']['found']}/{result['date_time']['gold']} "
        f"= {result['date_time']['accuracy']:.1%}",
        f"  all types : {result['all']['found']}/{result['all']['gold']} "
        f"= {result['all']['accuracy']:.1%} (TIME, DURATION, SET included)",
    ]
    for t, c in result["by_type"].items():
        lines.append(f"    {t:<9} {c['found']}/{c['gold']}")
    lines.append(
        f"  in the annotated sentences we emitted {result['emitted']} expressions, "
        f"{result['unmatched_emitted']} overlapping no gold expression"
    )
    return "\n".join(lines)
