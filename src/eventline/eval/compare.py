"""Compare eventline's events with an ACLED export: what each has that the other has not.

For the countries and dates both cover (or the ``country`` / ``since`` /
``until`` given), every ACLED row becomes a reference event and eventline's
events are matched to them with the rules of ``eventline eval``
(:func:`eventline.eval.events.score`: same event type, date within ACLED's
precision, place within 50 km or the same location name; one eventline event
per ACLED event, best pairs first). The result counts, by event type and month:

- ``matched``: ACLED events eventline also found;
- ``only_acled``: ACLED events eventline did not find;
- ``only_eventline``: eventline events matching no ACLED event (what eventline
  adds, or what it got wrong: read them before counting them as gains).

Example::

    from eventline.eval.compare import compare_acled, format_table
    result = compare_acled("acled_export.csv", "eventline.db", country="Mali")
    print(format_table(result))
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..acled import iso3
from ..models import Event
from .events import GoldEvent, score

KINDS = ("matched", "only_acled", "only_eventline")
_NEEDED = ("event_date", "event_type", "country")


@dataclass
class Comparison:
    """Counts by (event_type, month) for each kind, and the window compared."""

    countries: list[str]
    since: str | None
    until: str | None
    acled_rows: int = 0
    eventline_events: int = 0
    counts: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)

    def add(self, event_type: str, month: str, kind: str) -> None:
        self.counts.setdefault((event_type, month), dict.fromkeys(KINDS, 0))[kind] += 1

    def totals(self) -> dict[str, int]:
        return {k: sum(c[k] for c in self.counts.values()) for k in KINDS}

    def rows(self) -> list[dict[str, Any]]:
        return [{"event_type": t, "month": m, **c} for (t, m), c in sorted(self.counts.items())]

    def to_dict(self) -> dict[str, Any]:
        return {"countries": self.countries, "since": self.since, "until": self.until,
                "acled_events": self.acled_rows, "eventline_events": self.eventline_events,
                "totals": self.totals(), "by_type_month": self.rows()}


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: str) -> dt.date | None:
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_reference(path: str | Path) -> list[GoldEvent]:
    """ACLED export rows as reference events (rows without a readable date are left out)."""
    from .acled import export_rows

    out: list[GoldEvent] = []
    for number, r in export_rows(path, _NEEDED):
        day = _date(r.get("event_date") or "")
        if day is None or not (r.get("event_type") or "").strip():
            continue
        try:
            precision = min(3, max(1, int(r.get("time_precision") or 1)))
        except ValueError:
            precision = 1
        out.append(GoldEvent(
            id=(r.get("event_id_cnty") or f"line{number}").strip(), required=True,
            event_type=((r.get("event_type") or "").strip(),),
            sub_event_type=((r.get("sub_event_type") or "").strip(),),
            date=day, date_end=None, time_precision=precision,
            actor1=((r.get("actor1") or "").strip() or None,),
            country=(r.get("country") or "").strip(),
            location=(r.get("location") or "").strip() or None,
            latitude=_float(r.get("latitude")), longitude=_float(r.get("longitude")),
            line=number,
        ))
    return out


def _in(day: str | None, since: str | None, until: str | None) -> bool:
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def compare(reference: Sequence[GoldEvent], events: Iterable[Event], *, country: str | None = None,
            since: str | None = None, until: str | None = None) -> Comparison:
    """Match ``events`` to ``reference`` over the window both cover (see the module doc)."""
    events = [e for e in events if e.event_date]
    want = {iso3(country)} if country else None
    ref_codes = {iso3(g.country) for g in reference}
    ev_codes = {iso3(e.country) for e in events}
    codes = (want if want is not None else ref_codes & ev_codes) - {"XXX"}
    ref = [g for g in reference if iso3(g.country) in codes]
    evs = [e for e in events if iso3(e.country) in codes]
    if since is None and ref and evs:
        since = max(min(g.date.isoformat() for g in ref), min(e.event_date or "" for e in evs))
    if until is None and ref and evs:
        until = min(max(g.date.isoformat() for g in ref), max(e.event_date or "" for e in evs))
    ref = [g for g in ref if _in(g.date.isoformat(), since, until)]
    evs = [e for e in evs if _in(e.event_date, since, until)]
    names = sorted({g.country for g in ref} | {e.country or "" for e in evs} - {""})
    result = Comparison(countries=names, since=since, until=until,
                        acled_rows=len(ref), eventline_events=len(evs))
    scored = score(evs, ref)
    matched_gold = {p.gold.id + f":{p.gold.line}" for p in scored.pairs}
    matched_pred = {p.index for p in scored.pairs}
    for g in ref:
        kind = "matched" if f"{g.id}:{g.line}" in matched_gold else "only_acled"
        result.add(g.event_type[0], g.date.isoformat()[:7], kind)
    for i, e in enumerate(evs):
        if i not in matched_pred:
            result.add(e.event_type, (e.event_date or "")[:7], "only_eventline")
    return result


def compare_acled(path: str | Path, db: str | Path, *, country: str | None = None,
                  since: str | None = None, until: str | None = None) -> Comparison:
    """:func:`compare` an ACLED export with the non-rejected events of ``db``."""
    from ..store import Store

    reference = read_reference(path)
    with Store(db, readonly=True) as store:
        events = list(store.iter_events())
    return compare(reference, events, country=country, since=since, until=until)


def format_csv(result: Comparison) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("event_type", "month", *KINDS))
    for r in result.rows():
        writer.writerow([r["event_type"], r["month"], *(r[k] for k in KINDS)])
    return buf.getvalue()


def format_table(result: Comparison) -> str:
    """A plain-text table (fits 80 columns): one line per event type and month, then totals."""
    window = f"{result.since or '?'} to {result.until or '?'}"
    lines = [textwrap.fill(f"Compared {result.acled_rows} ACLED events with "
                           f"{result.eventline_events} eventline events in "
                           f"{', '.join(result.countries) or 'no common country'}, {window}.", 78), ""]
    if not result.counts:
        lines.append("Nothing to compare: the export and the database share no country and dates.")
        return "\n".join(lines)
    width = max(10, *(len(t) for t, _ in result.counts))
    head = f"{'event type':<{width}}  {'month':<7}  {'matched':>7}  {'only ACLED':>10}  {'only eventline':>14}"
    lines += [head, "-" * len(head)]
    for r in result.rows():
        lines.append(f"{r['event_type']:<{width}}  {r['month']:<7}  {r['matched']:>7}  "
                     f"{r['only_acled']:>10}  {r['only_eventline']:>14}")
    t = result.totals()
    lines += ["-" * len(head), f"{'total':<{width}}  {'':<7}  {t['matched']:>7}  "
              f"{t['only_acled']:>10}  {t['only_eventline']:>14}"]
    found = t["matched"] / result.acled_rows if result.acled_rows else 0.0
    lines += ["", textwrap.fill(f"eventline found {t['matched']} of {result.acled_rows} ACLED "
                                f"events ({found:.0%}); {t['only_eventline']} of its events match "
                                "no ACLED event.", 78)]
    return "\n".join(lines)
