"""How eventline codes what ACLED coded: score the extractor on ACLED's own event notes.

An ACLED export row is one event with a dense description (``notes``) and
ACLED's coding of it. Each row's notes are read as a tiny article published on
the row's ``event_date`` and the event eventline finds first in them (the
earliest evidence; ACLED notes lead with the event) is compared with the row:

- *found*: eventline emitted any event for the notes;
- *event type* and *sub-event type*: equal to ACLED's (rows with no event
  count as wrong);
- *place within 50 km*: over all rows, and over the rows whose notes name the
  ACLED location (a place the text never names can only come from context);
- *actor1*: names compared as in :mod:`eventline.eval.events` (case, accents,
  ACLED's regime-period suffixes, "ACRONYM: Full Name");
- *fatalities*: equal to ACLED's figure (0 when none reported);
- *admin1* and *admin2*: over the rows whose place is within 50 km, eventline's
  division names equal ACLED's (accents, case, punctuation and unit words such
  as "Cercle de" ignored; rows without ACLED's name are left out).

A sub-event confusion table (ACLED's label against eventline's, ``(none)``
when nothing was found) shows where typing goes wrong.

ACLED's coders sometimes note how they coded a row ("coded as X at geoprecision
2", "fatalities coded separately"): those remarks are removed from the notes
before anything reads them, since they are the coding being scored.

Rows can be split into two stable halves (``half=1`` / ``half=2``, by a hash
of the row's id) so that a typer trained with ``eventline train --acled`` on
one half is scored on the other.

Example::

    >>> from eventline.eval.acled import evaluate_acled, format_report
    >>> result = evaluate_acled("acled_export.csv", limit=200)  # doctest: +SKIP
    >>> print(format_report(result))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AcledFileError
from ..gazetteer import admin_name
from ..geo import haversine_km
from ..models import Event
from .events import actors_agree, normalise_name

__all__ = [
    "AcledFileError",
    "AcledResult",
    "AcledRow",
    "PLACE_RADIUS_KM",
    "REQUIRED_COLUMNS",
    "evaluate_acled",
    "export_rows",
    "format_report",
    "main_event",
    "narrative",
    "read_acled",
    "row_half",
]

PLACE_RADIUS_KM = 50.0
# ACLED's coders add remarks about their own coding to the notes: "(coded as Gao at
# geoprecision 2)", "[fatalities coded as 10]", "(attack coded separately)". They are the
# answer key, not reporting: the extractor must not read them and a place named only there
# is not a place the notes name.
_CODING_REMARK = re.compile(r"\s*[(\[][^()\[\]]*\bcoded\b[^()\[\]]*[)\]]", re.IGNORECASE)
REQUIRED_COLUMNS = ("event_date", "event_type", "sub_event_type", "notes")

Extractor = Callable[[str, str], list[Event]]


@dataclass(frozen=True, slots=True)
class AcledRow:
    """The parts of one ACLED export row that are scored."""

    row_id: str
    event_date: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    location: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    notes: str
    admin1: str = ""
    admin2: str = ""

    @property
    def names_place(self) -> bool:
        """True when the notes name the ACLED location (as a whole word)."""
        place = normalise_name(self.location)
        if not place:
            return False
        return re.search(rf"(?<!\w){re.escape(place)}(?!\w)", normalise_name(self.notes)) is not None


def _float(value: str | None) -> float | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except (ValueError, OverflowError):
        return 0


def row_half(row: AcledRow) -> int:
    """1 or 2: a stable half of the export, from a hash of the row's id.

    Example::

        >>> row_half(AcledRow("MLI12", "2019-01-01", "", "", "", "", "", "", None, None, 0, ""))
        1
    """
    digest = hashlib.sha1(row.row_id.encode("utf-8")).digest()
    return 1 + digest[0] % 2


def export_rows(path: str | Path, needed: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of an ACLED export CSV, after checking it has the ``needed`` columns.

    Raises :class:`AcledFileError` when the file cannot be read or lacks a column.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise AcledFileError(
            f"The ACLED export {path} could not be read ({exc.strerror or exc}).",
            "Pass the path of a CSV written by ACLED's export tool or API.",
        ) from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in needed if c not in (reader.fieldnames or ())]
        if missing:
            raise AcledFileError(
                f"{path} has no column {', '.join(missing)}: it does not look like an ACLED export.",
                f"Export with ACLED's standard columns ({', '.join(needed)}, ...).",
            )
        yield from enumerate(reader, start=2)


def read_acled(path: str | Path, *, half: int | None = None) -> Iterator[AcledRow]:
    """ACLED export rows with notes, in file order (``half`` keeps one stable half).

    Raises :class:`AcledFileError` when the file is missing or lacks a needed column.
    """
    for number, raw in export_rows(path, REQUIRED_COLUMNS):
        notes = narrative(raw.get("notes") or "")
        if not notes:
            continue
        row = AcledRow(
            row_id=(raw.get("event_id_cnty") or raw.get("data_id") or f"line{number}").strip(),
            event_date=(raw.get("event_date") or "").strip(),
            event_type=(raw.get("event_type") or "").strip(),
            sub_event_type=(raw.get("sub_event_type") or "").strip(),
            actor1=(raw.get("actor1") or "").strip(),
            actor2=(raw.get("actor2") or "").strip(),
            country=(raw.get("country") or "").strip(),
            location=(raw.get("location") or "").strip(),
            latitude=_float(raw.get("latitude")),
            longitude=_float(raw.get("longitude")),
            fatalities=_int(raw.get("fatalities")),
            notes=notes,
            admin1=(raw.get("admin1") or "").strip(),
            admin2=(raw.get("admin2") or "").strip(),
        )
        if half is None or row_half(row) == half:
            yield row


def narrative(notes: str) -> str:
    """ACLED notes without the coders' remarks about their coding (the answer key).

    Example::

        >>> narrative("Gunmen attacked a bus between Ouro and Sama (coded as Ouro at geoprecision 2).")
        'Gunmen attacked a bus between Ouro and Sama.'
    """
    return _CODING_REMARK.sub("", notes).strip()


def _spread(rows: Sequence[AcledRow], limit: int | None) -> list[AcledRow]:
    """``limit`` rows spread evenly through the file (ACLED files are sorted by date)."""
    if limit is None or limit >= len(rows):
        return list(rows)
    if limit <= 0:
        return []
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a note leads with: the one whose evidence starts first."""
    if not events:
        return None

    def first_offset(event: Event) -> int:
        return min((s.start for s in event.sources), default=1 << 30)

    return min(events, key=first_offset)


@dataclass
class _Tally:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def ratio(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "ratio": self.ratio()}


@dataclass
class AcledResult:
    """Scores over the rows read; ``confusion[(acled, eventline)]`` counts sub-event pairs."""

    path: str
    rows: int = 0
    found: _Tally = field(default_factory=_Tally)
    event_type: _Tally = field(default_factory=_Tally)
    sub_event_type: _Tally = field(default_factory=_Tally)
    place_50km: _Tally = field(default_factory=_Tally)
    place_50km_named: _Tally = field(default_factory=_Tally)
    actor1: _Tally = field(default_factory=_Tally)
    fatalities: _Tally = field(default_factory=_Tally)
    admin1: _Tally = field(default_factory=_Tally)
    admin2: _Tally = field(default_factory=_Tally)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_type: dict[str, _Tally] = field(default_factory=dict)

    SCORES = ("found", "event_type", "sub_event_type", "place_50km", "place_50km_named",
              "actor1", "fatalities", "admin1", "admin2")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``eventline eval acled --json``)."""
        return {
            "path": self.path,
            "rows": self.rows,
            **{name: getattr(self, name).as_dict() for name in self.SCORES},
            "event_type_by_acled_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "confusion": [
                {"acled": a, "eventline": e, "count": n}
                for (a, e), n in sorted(self.confusion.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        }


def _default_extractor(settings: dict[str, Any] | None, context: Any = None) -> Extractor:
    from ..pipeline import extract

    def run(notes: str, published: str) -> list[Event]:
        return extract(notes, published=published or None, source="ACLED", settings=settings,
                       context=context)

    return run


def _export_context(path: str | Path, settings: dict[str, Any] | None) -> Any:
    """The run's context of an export: the export is the batch, so every row's notes (read
    by eventline, never ACLED's coordinates) say where the conflict is, whichever rows are
    scored. None when the ``run_context`` setting is off."""
    from ..components import components
    from ..pipeline import run_context
    from ..settings import load_settings

    settings = settings or load_settings()
    if not settings.get("run_context", True):
        return None
    _model, gazetteer, dictionary, _typer = components(settings)
    return run_context((row.notes for row in read_acled(path)), gazetteer, dictionary)


def _within(event: Event, row: AcledRow) -> bool:
    if None in (event.latitude, event.longitude, row.latitude, row.longitude):
        return False
    return haversine_km(event.latitude, event.longitude, row.latitude, row.longitude) <= PLACE_RADIUS_KM  # type: ignore[arg-type]


def _division_key(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", normalise_name(admin_name(name))) if name else ""


def _same_division(ours: str | None, theirs: str) -> bool:
    """Division names compared without accents, case, punctuation or unit words.

    >>> _same_division("Gourma Rharous", "Gourma-Rharous"), _same_division(None, "Gao")
    (True, False)
    """
    return bool(ours) and _division_key(ours) == _division_key(theirs)


def score_row(result: AcledResult, row: AcledRow, event: Event | None) -> None:
    """Add one row's comparison to ``result``."""
    result.rows += 1
    result.found.add(event is not None)
    type_ok = event is not None and normalise_name(event.event_type) == normalise_name(row.event_type)
    result.event_type.add(type_ok)
    result.by_type.setdefault(row.event_type, _Tally()).add(type_ok)
    result.sub_event_type.add(
        event is not None and normalise_name(event.sub_event_type) == normalise_name(row.sub_event_type))
    near = event is not None and _within(event, row)
    result.place_50km.add(near)
    if row.names_place:
        result.place_50km_named.add(near)
    result.actor1.add(event is not None and actors_agree(event.actor1, [row.actor1 or None]))
    result.fatalities.add(event is not None and (event.fatalities or 0) == row.fatalities)
    if near:
        assert event is not None
        for name, ours, theirs in (("admin1", event.admin1, row.admin1),
                                   ("admin2", event.admin2, row.admin2)):
            if theirs:
                getattr(result, name).add(_same_division(ours, theirs))
    result.confusion[(row.sub_event_type, event.sub_event_type if event else "(none)")] += 1


def evaluate_acled(
    path: str | Path,
    *,
    limit: int | None = None,
    half: int | None = None,
    extractor: Extractor | None = None,
    settings: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AcledResult:
    """Extract every row's notes (published on its event date) and compare with ACLED's coding.

    ``limit`` scores that many rows spread evenly through the file; ``half``
    (1 or 2) keeps one stable half; ``extractor(notes, published)`` replaces
    eventline's extractor (tests pass a fake one).
    """
    rows = _spread(list(read_acled(path, half=half)), limit)
    extract = extractor or _default_extractor(settings, _export_context(path, settings))
    result = AcledResult(path=str(path))
    for done, row in enumerate(rows, start=1):
        score_row(result, row, main_event(extract(row.notes, row.event_date)))
        if progress:
            progress(done, len(rows))
    return result


def _pct(tally: _Tally) -> str:
    ratio = tally.ratio()
    return "  -   " if ratio is None else f"{ratio:6.3f}"


def format_report(result: AcledResult, *, confusions: int = 25) -> str:
    """The scores, ACLED's event types one by one, and the commonest sub-event confusions."""
    labels = {
        "found": "an event found",
        "event_type": "event type",
        "sub_event_type": "sub-event type",
        "place_50km": "place within 50 km (all rows)",
        "place_50km_named": "place within 50 km (notes name it)",
        "actor1": "actor1",
        "fatalities": "fatalities equal",
        "admin1": "admin1 equal (place within 50 km)",
        "admin2": "admin2 equal (place within 50 km)",
    }
    lines = [f"ACLED rows: {result.rows} from {result.path}"]
    for name in result.SCORES:
        tally = getattr(result, name)
        lines.append(f"  {labels[name]:<36}{_pct(tally)}  ({tally.correct}/{tally.total})")
    lines.append("")
    lines.append("Event type right, by ACLED event type:")
    for etype, tally in sorted(result.by_type.items(), key=lambda kv: -kv[1].total):
        lines.append(f"  {etype or '(blank)':<36}{_pct(tally)}  ({tally.correct}/{tally.total})")
    wrong = [(pair, n) for pair, n in result.confusion.items() if pair[0] != pair[1]]
    if wrong:
        lines.append("")
        lines.append("Commonest sub-event confusions (ACLED -> eventline):")
        for (acled, ours), n in sorted(wrong, key=lambda kv: (-kv[1], kv[0]))[:confusions]:
            lines.append(f"  {n:5d}  {acled} -> {ours}")
    return "\n".join(lines)
