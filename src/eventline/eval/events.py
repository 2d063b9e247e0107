"""Score predicted events against hand-coded gold events (``eventline eval``).

The rules are the project's own (``docs/evaluation.md``, copied from the gold
set's README): a prediction matches a gold event when the event type, the place
and the date agree; each gold event is matched at most once; attribute
accuracies (sub-event type, actor1, exact date, location, fatalities) are then
reported on the matched pairs.

Example::

    from eventline.eval.events import evaluate_db, format_report
    result = evaluate_db("eventline.db", "eval/seeds.gold.jsonl")
    print(format_report(result))
    # precision 0.750  recall 0.632  F1 0.686 ...
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from ..folding import fold
from ..geo import haversine_km
from ..models import EVENT_TYPES, Event

__all__ = [
    "ATTRIBUTES",
    "AttributeScore",
    "EvalResult",
    "GoldEvent",
    "MatchedPair",
    "UnmatchedPrediction",
    "actors_agree",
    "evaluate_db",
    "evaluate_events",
    "format_report",
    "haversine_km",
    "load_aliases",
    "load_gold",
    "normalise_name",
    "score",
]

# Distances of the matching rules, in kilometres.
MATCH_RADIUS_KM = 50.0
LOCATION_RADIUS_KM = 25.0
# Date tolerance in days around the gold date (or date..date_end) by gold
# time_precision; precision 3 is "same month" and handled separately.
DATE_TOLERANCE_DAYS = {1: 1, 2: 7}

# Attribute accuracies reported on matched pairs, in report order.
ATTRIBUTES: tuple[str, ...] = (
    "sub_event_type",
    "actor1",
    "date_exact",
    "location_25km",
    "fatalities",
)

_REQUIRED_FIELDS = (
    "id", "required", "event_type", "sub_event_type", "date", "time_precision",
    "actor1", "country",
)  # fmt: skip


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote copied verbatim from an article that reports the gold event."""

    doc: str
    quote: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded reference event (a line of ``*.gold.jsonl``).

    List-valued fields hold every value a careful coder would accept; ``None``
    inside ``actor1``/``actor2`` means the actor may be left empty.
    """

    id: str
    required: bool
    event_type: tuple[str, ...]
    sub_event_type: tuple[str, ...]
    date: dt.date
    date_end: dt.date | None
    time_precision: int
    actor1: tuple[str | None, ...]
    country: str
    actor2: tuple[str | None, ...] | None = None
    assoc_actor1: tuple[str, ...] = ()
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    fatalities_reported: bool = False  # False when the gold says none were reported
    docs: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    line: int = 0  # line number in the gold file (for messages)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict[str, Any]:
        fatalities = (
            {"low": self.fatalities_low, "best": self.fatalities_best, "high": self.fatalities_high}
            if self.fatalities_reported
            else None
        )
        return {
            "id": self.id,
            "required": self.required,
            "docs": list(self.docs),
            "event_type": list(self.event_type),
            "sub_event_type": list(self.sub_event_type),
            "date": self.date.isoformat(),
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.time_precision,
            "actor1": list(self.actor1),
            "assoc_actor1": list(self.assoc_actor1),
            "actor2": list(self.actor2) if self.actor2 is not None else None,
            "location": self.location,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "fatalities": fatalities,
            "evidence": [{"doc": e.doc, "quote": e.quote} for e in self.evidence],
        }


def _gold_error(path: Path, line: int, what: str) -> GoldFileError:
    return GoldFileError(
        f"{path}, line {line}: {what}",
        "Each line must be one JSON object with the fields listed in docs/evaluation.md; "
        "fix that line and run again.",
    )


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)


def _parse_date(value: Any, name: str, path: Path, line: int) -> dt.date:
    from ..dates import parse_date

    try:
        return parse_date(str(value))
    except ValueError:
        what = f"{name} {value!r} is not an ISO date (YYYY-MM-DD)."
        raise _gold_error(path, line, what) from None


def _opt_int(value: Any, name: str, path: Path, line: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise _gold_error(path, line, f"fatalities {name} must be a count or null, got {value!r}.")
    return int(value)


def _gold_from_dict(d: Any, path: Path, line: int) -> GoldEvent:
    if not isinstance(d, dict):
        raise _gold_error(path, line, "expected a JSON object.")
    missing = [k for k in _REQUIRED_FIELDS if k not in d]
    if missing:
        raise _gold_error(path, line, f"missing field(s): {', '.join(missing)}.")
    event_types = _as_tuple(d["event_type"])
    if not event_types:
        raise _gold_error(path, line, "event_type is empty.")
    for etype in event_types:
        if etype not in EVENT_TYPES:
            raise _gold_error(
                path, line,
                f"unknown event_type {etype!r} (one of: {', '.join(EVENT_TYPES)}).",
            )  # fmt: skip
    precision = d["time_precision"]
    if precision not in (1, 2, 3):
        raise _gold_error(path, line, f"time_precision must be 1, 2 or 3, got {precision!r}.")
    location = d.get("location")
    lat, lon = d.get("latitude"), d.get("longitude")
    if (lat is None) != (lon is None):
        raise _gold_error(path, line, "latitude and longitude must both be set or both be null.")
    fat = d.get("fatalities")
    if fat is not None and not isinstance(fat, dict):
        raise _gold_error(path, line, "fatalities must be {low, best, high} or null.")
    fat = fat or {}
    actor2 = d.get("actor2")
    return GoldEvent(
        id=str(d["id"]),
        required=bool(d["required"]),
        event_type=tuple(str(t) for t in event_types),
        sub_event_type=tuple(str(t) for t in _as_tuple(d["sub_event_type"])),
        date=_parse_date(d["date"], "date", path, line),
        date_end=_parse_date(d["date_end"], "date_end", path, line) if d.get("date_end") else None,
        time_precision=int(precision),
        actor1=_as_tuple(d["actor1"]),
        country=str(d["country"]),
        actor2=_as_tuple(actor2) if actor2 is not None else None,
        assoc_actor1=tuple(str(a) for a in _as_tuple(d.get("assoc_actor1"))),
        location=location or None,
        latitude=float(lat) if lat is not None else None,
        longitude=float(lon) if lon is not None else None,
        fatalities_low=_opt_int(fat.get("low"), "low", path, line),
        fatalities_best=_opt_int(fat.get("best"), "best", path, line),
        fatalities_high=_opt_int(fat.get("high"), "high", path, line),
        fatalities_reported=d.get("fatalities") is not None,
        docs=tuple(str(x) for x in _as_tuple(d.get("docs"))),
        evidence=tuple(
            Evidence(doc=str(e.get("doc", "")), quote=str(e.get("quote", "")))
            for e in _as_tuple(d.get("evidence"))
            if isinstance(e, dict)
        ),
        line=line,
    )


def load_gold(path: str | Path) -> list[GoldEvent]:
    """Read a gold file (one JSON object a line; blank lines ignored).

    Raises :class:`~eventline.errors.GoldFileError` naming the line of bad JSON,
    a missing field or an impossible value, and on duplicate ids.

    Example::

        gold = load_gold("eval/seeds.gold.jsonl")
        gold[0].id, gold[0].event_type
        # ('G01', ('Battles',))
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFileError(
            f"Gold file {path} does not exist.", "Pass the path of a *.gold.jsonl file."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(
            f"Gold file {path} could not be read ({exc}).",
            "Check the file is readable UTF-8 JSON lines.",
        ) from None
    gold: list[GoldEvent] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            what = f"invalid JSON ({exc.msg}, column {exc.colno})."
            raise _gold_error(path, number, what) from None
        event = _gold_from_dict(record, path, number)
        if event.id in seen:
            what = f"id {event.id!r} already used on line {seen[event.id]}."
            raise _gold_error(path, number, what)
        seen[event.id] = number
        gold.append(event)
    if not gold:
        raise GoldFileError(f"Gold file {path} holds no events.", "Add one JSON object a line.")
    return gold


# --------------------------------------------------------------------------- names and actors


def normalise_name(name: str | None) -> str:
    """The form names are compared in: :func:`eventline.folding.fold` ("" for None).

    Example::

        >>> normalise_name("  Tombouctou  CERCLE ")
        'tombouctou cercle'
        >>> normalise_name("Ségou")
        'segou'
    """
    return fold(name) if name else ""


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read an ``actors.csv`` (``canonical,aliases`` with ``|`` between aliases).

    Returns ``{printed name: canonical name}``; each canonical name maps to itself.

    Example::

        load_aliases("eval/actors.csv")["MOJWA"]
        # 'MUJAO'
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise GoldFileError(
            f"Actor alias file {path} could not be read ({exc}).",
            "Pass --aliases with a CSV of canonical,aliases, or remove it to compare exact names.",
        ) from None
    aliases: dict[str, str] = {}
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "canonical" not in reader.fieldnames:
            raise GoldFileError(
                f"Actor alias file {path} has no 'canonical' column.",
                "The first line must be the header: canonical,aliases",
            )
        for row in reader:
            canonical = (row.get("canonical") or "").strip()
            if not canonical:
                continue
            aliases[canonical] = canonical
            for alias in (row.get("aliases") or "").split("|"):
                if alias.strip():
                    aliases[alias.strip()] = canonical
    return aliases


# ACLED dates state forces by regime: "Military Forces of Mali (2012-2013)".
_PERIOD_SUFFIX = re.compile(r"\s*\(\d{4}\s*-\s*(\d{4})?\)\s*$")


def _name_forms(name: str) -> set[str]:
    """Normalised forms a name stands for: itself, and for ACLED's
    "ACRONYM: Full Name" both the acronym and the full name."""
    base = normalise_name(_PERIOD_SUFFIX.sub("", name))
    forms = {base}
    head, sep, tail = base.partition(": ")
    if sep and head and tail:
        forms.update({head.strip(), tail.strip()})
    return forms


class _ActorIndex:
    """Compares actor names through aliases and our normalisation."""

    def __init__(self, aliases: Mapping[str, str] | None) -> None:
        self._canon: dict[str, str] = {}
        for alias, canonical in (aliases or {}).items():
            target = normalise_name(canonical)
            for form in _name_forms(alias) | _name_forms(canonical):
                self._canon.setdefault(form, target)
        self._cache: dict[str, frozenset[str]] = {}

    def keys(self, name: str) -> frozenset[str]:
        if name not in self._cache:
            forms = _name_forms(name)
            canon = {self._canon[f] for f in forms if f in self._canon}
            self._cache[name] = frozenset(forms | canon)
        return self._cache[name]

    def agree(self, predicted: str | None, accepted: Iterable[str | None]) -> bool:
        accepted = list(accepted)
        if not predicted or not predicted.strip():
            return None in accepted or "" in accepted
        mine = self.keys(predicted)
        return any(bool(a and mine & self.keys(a)) for a in accepted)


def actors_agree(
    predicted: str | None,
    accepted: Iterable[str | None],
    aliases: Mapping[str, str] | None = None,
) -> bool:
    """True when ``predicted`` names one of the ``accepted`` actors.

    Names are compared normalised (case, accents, spaces), through ``aliases``
    (printed name -> canonical), and ACLED's "ACRONYM: Full Name" form stands
    for both the acronym and the full name. ``None`` in ``accepted`` accepts an
    empty prediction.

    Example::

        >>> actors_agree("MNLA: National Movement for the Liberation of Azawad", ["MNLA"])
        True
        >>> actors_agree(None, ["Military Forces of Mali", None])
        True
    """
    return _ActorIndex(aliases).agree(predicted, accepted)


# --------------------------------------------------------------------------- geometry, dates


def _distance_km(event: Event, gold: GoldEvent) -> float | None:
    if gold.latitude is None or gold.longitude is None:
        return None
    if event.latitude is None or event.longitude is None:
        return None
    return haversine_km(event.latitude, event.longitude, gold.latitude, gold.longitude)


def _event_date(event: Event) -> dt.date | None:
    if not event.event_date:
        return None
    try:
        return dt.date.fromisoformat(event.event_date[:10])
    except ValueError:
        return None


def _days_outside(day: dt.date, gold: GoldEvent) -> int:
    """Days between ``day`` and the gold span date..date_end (0 inside it)."""
    end = max(gold.date_end or gold.date, gold.date)
    if day < gold.date:
        return (gold.date - day).days
    if day > end:
        return (day - end).days
    return 0


def _date_matches(day: dt.date, gold: GoldEvent) -> bool:
    if gold.time_precision == 3:
        end = max(gold.date_end or gold.date, gold.date)
        return (gold.date.year, gold.date.month) <= (day.year, day.month) <= (end.year, end.month)
    return _days_outside(day, gold) <= DATE_TOLERANCE_DAYS[gold.time_precision]


def _place_matches(event: Event, gold: GoldEvent) -> bool:
    if gold.location is None:
        return bool(event.country) and normalise_name(event.country) == normalise_name(gold.country)
    distance = _distance_km(event, gold)
    if distance is not None and distance <= MATCH_RADIUS_KM:
        return True
    return bool(event.location) and normalise_name(event.location) == normalise_name(gold.location)


def _type_matches(event: Event, gold: GoldEvent) -> bool:
    return normalise_name(event.event_type) in {normalise_name(t) for t in gold.event_type}


def _sub_type_ok(event: Event, gold: GoldEvent) -> bool:
    return normalise_name(event.sub_event_type) in {normalise_name(t) for t in gold.sub_event_type}


def _fatalities_ok(event: Event, gold: GoldEvent) -> bool:
    predicted = event.fatalities or 0
    if not gold.fatalities_reported:
        return predicted == 0
    low = gold.fatalities_low if gold.fatalities_low is not None else 0
    high = gold.fatalities_high  # None: no upper bound ("at least 35")
    return predicted >= low and (high is None or predicted <= high)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class AttributeScore:
    """Correct over scored matched pairs for one attribute."""

    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True, slots=True)
class MatchedPair:
    """A prediction matched to a gold event, with the attribute checks on it.

    ``checks`` maps attribute name to True/False, or None when the attribute is
    not scored on this pair (location when the gold has no point).
    """

    gold: GoldEvent
    predicted: Event
    index: int  # position of the prediction in the input sequence
    checks: dict[str, bool | None]
    distance_km: float | None
    counted: bool  # True for required gold (counts in precision/recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_id": self.gold.id,
            "required": self.gold.required,
            "event_id": self.predicted.event_id,
            "index": self.index,
            "checks": dict(self.checks),
            "distance_km": round(self.distance_km, 1) if self.distance_km is not None else None,
        }


@dataclass(frozen=True, slots=True)
class UnmatchedPrediction:
    """A prediction counted as a false positive, and why."""

    predicted: Event
    index: int
    reason: str  # "no gold event matches" or "duplicate of G05 (matched by event ...)"

    def to_dict(self) -> dict[str, Any]:
        e = self.predicted
        return {
            "index": self.index,
            "event_id": e.event_id,
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "event_date": e.event_date,
            "location": e.location,
            "country": e.country,
            "actor1": e.actor1,
            "reason": self.reason,
            "quotes": [s.quote for s in e.sources],
        }


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Scores of one evaluation run. ``to_dict()`` gives the ``--json`` output.

    Example::

        r = score([], gold)
        r.recall
        # 0.0
    """

    precision: float
    recall: float
    f1: float
    predicted: int  # all predictions
    true_positives: int  # predictions matched to required gold
    false_positives: int
    optional_matches: int  # predictions that found an optional event (left out of precision)
    required: int
    required_matched: int
    optional: int
    attributes: dict[str, AttributeScore]
    pairs: tuple[MatchedPair, ...]
    missed: tuple[GoldEvent, ...]  # required gold events nobody matched
    unmatched: tuple[UnmatchedPrediction, ...]  # the false positives
    gold_path: str | None = None
    aliases_path: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "counts": {
                "predicted": self.predicted,
                "true_positives": self.true_positives,
                "false_positives": self.false_positives,
                "optional_matches": self.optional_matches,
                "required": self.required,
                "required_matched": self.required_matched,
                "optional": self.optional,
            },
            "attributes": {k: v.to_dict() for k, v in self.attributes.items()},
            "pairs": [p.to_dict() for p in self.pairs],
            "missed": [g.to_dict() for g in self.missed],
            "unmatched": [u.to_dict() for u in self.unmatched],
            "gold_path": self.gold_path,
            "aliases_path": self.aliases_path,
            **({"extra": dict(self.extra)} if self.extra else {}),
        }


# --------------------------------------------------------------------------- matching


def _quality(event: Event, gold: GoldEvent, actors: _ActorIndex) -> tuple[float, ...]:
    """Higher is better: sub-type agrees, actor1 agrees, fewer days off, fewer km off."""
    day = _event_date(event)
    days = _days_outside(day, gold) if day else 999
    distance = _distance_km(event, gold)
    return (
        float(_sub_type_ok(event, gold)),
        float(actors.agree(event.actor1, gold.actor1)),
        -float(days),
        -(distance if distance is not None else 0.0),
    )


def _assign(
    candidates: dict[int, list[int]],  # gold index -> candidate prediction indices
    quality: dict[tuple[int, int], tuple[float, ...]],
    free: set[int],
) -> dict[int, int]:
    """Maximum matching of gold to predictions, preferring high-quality pairs.

    A greedy pass takes pairs best first (ties: prediction order, then gold
    order), then augmenting paths (Kuhn's algorithm) rematch where that lets
    one more gold event be matched: the number of matched gold events is
    maximal, and among equal choices the better pair wins.
    """
    pairs = sorted(
        ((gi, pi) for gi, preds in candidates.items() for pi in preds if pi in free),
        key=lambda gp: (tuple(-q for q in quality[gp]), gp[1], gp[0]),
    )
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for gi, pi in pairs:
        if gi not in gold_to_pred and pi not in pred_to_gold:
            gold_to_pred[gi], pred_to_gold[pi] = pi, gi

    ranked = {
        gi: sorted((pi for pi in preds if pi in free), key=lambda pi: (
            tuple(-q for q in quality[(gi, pi)]), pi))
        for gi, preds in candidates.items()
    }  # fmt: skip

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in ranked[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in pred_to_gold or augment(pred_to_gold[pi], seen):
                gold_to_pred[gi], pred_to_gold[pi] = pi, gi
                return True
        return False

    for gi in sorted(candidates):
        if gi not in gold_to_pred:
            augment(gi, set())
    return gold_to_pred


def score(
    predicted: Sequence[Event],
    gold: Sequence[GoldEvent],
    *,
    aliases: Mapping[str, str] | None = None,
) -> EvalResult:
    """Match predictions to gold events and score them (rules: docs/evaluation.md).

    Required gold events pick their predictions first (as many as can be
    matched, best pairs first); optional gold events then pick among the
    predictions left over. Precision counts predictions
    matched to required gold over all predictions except those that found an
    optional event; recall is matched required gold over required gold.

    Example::

        result = score(events, load_gold("seeds.gold.jsonl"))
        f"{result.precision:.2f} {result.recall:.2f}"
        # '0.80 0.63'
    """
    actors = _ActorIndex(aliases)
    days = [_event_date(e) for e in predicted]
    # which gold events each prediction matches under the three rules
    candidates: dict[int, list[int]] = {gi: [] for gi in range(len(gold))}
    matches_of: dict[int, list[int]] = {pi: [] for pi in range(len(predicted))}
    quality: dict[tuple[int, int], tuple[float, ...]] = {}
    for pi, event in enumerate(predicted):
        day = days[pi]
        if day is None:
            continue
        for gi, g in enumerate(gold):
            if _type_matches(event, g) and _date_matches(day, g) and _place_matches(event, g):
                candidates[gi].append(pi)
                matches_of[pi].append(gi)
                quality[(gi, pi)] = _quality(event, g, actors)

    everyone = set(range(len(predicted)))
    required_cands = {gi: c for gi, c in candidates.items() if gold[gi].required}
    assigned = _assign(required_cands, quality, everyone)
    # Optional gold events then pick among the predictions left over, so a system
    # that also reports an optional event (often a second, separately coded part
    # of a required one) is not penalised for it; a prediction left with no gold
    # event at all is a false positive, a duplicate when it matched a taken one.
    left = everyone - set(assigned.values())
    optional_cands = {gi: c for gi, c in candidates.items() if not gold[gi].required}
    assigned.update(_assign(optional_cands, quality, left))

    pairs: list[MatchedPair] = []
    for gi, pi in sorted(assigned.items(), key=lambda x: x[0]):
        g, e = gold[gi], predicted[pi]
        distance = _distance_km(e, g)
        checks: dict[str, bool | None] = {
            "sub_event_type": _sub_type_ok(e, g),
            "actor1": actors.agree(e.actor1, g.actor1),
            "date_exact": days[pi] == g.date,
            "location_25km": (distance is not None and distance <= LOCATION_RADIUS_KM)
            if g.has_point
            else None,
            "fatalities": _fatalities_ok(e, g),
        }
        pairs.append(MatchedPair(g, e, pi, checks, distance, counted=g.required))

    by_pred = {p.index: p for p in pairs}
    unmatched: list[UnmatchedPrediction] = []
    for pi, event in enumerate(predicted):
        if pi in by_pred:
            continue
        if days[pi] is None:
            reason = "no event date, so no gold event can match"
        elif not matches_of[pi]:
            reason = "no gold event matches (type, place and date)"
        else:
            taken = [gold[g].id for g in matches_of[pi]]
            holders = [predicted[assigned[g]].event_id for g in matches_of[pi] if g in assigned]
            reason = f"duplicate of {', '.join(taken)} (matched by {', '.join(holders)})"
        unmatched.append(UnmatchedPrediction(event, pi, reason))

    counted = [p for p in pairs if p.counted]
    optional_matches = len(pairs) - len(counted)
    tp, fp = len(counted), len(unmatched)
    n_required = sum(1 for g in gold if g.required)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_required if n_required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    attributes: dict[str, AttributeScore] = {}
    for name in ATTRIBUTES:
        scored = [p.checks[name] for p in counted if p.checks[name] is not None]
        attributes[name] = AttributeScore(sum(1 for ok in scored if ok), len(scored))

    matched_gold = {p.gold.id for p in pairs}
    return EvalResult(
        precision=precision,
        recall=recall,
        f1=f1,
        predicted=len(predicted),
        true_positives=tp,
        false_positives=fp,
        optional_matches=optional_matches,
        required=n_required,
        required_matched=tp,
        optional=len(gold) - n_required,
        attributes=attributes,
        pairs=tuple(pairs),
        missed=tuple(g for g in gold if g.required and g.id not in matched_gold),
        unmatched=tuple(unmatched),
    )


# --------------------------------------------------------------------------- entry points


def _default_aliases(gold_path: Path, aliases_path: str | Path | None) -> Path | None:
    if aliases_path is not None:
        return Path(aliases_path)
    beside = gold_path.parent / "actors.csv"
    return beside if beside.exists() else None


def evaluate_events(
    predicted: Sequence[Event],
    gold_path: str | Path,
    *,
    aliases_path: str | Path | None = None,
) -> EvalResult:
    """Score events already in memory against a gold file.

    ``aliases_path`` defaults to ``actors.csv`` beside the gold file when it
    exists; without one, actor names are compared exactly (after normalisation).

    Example::

        evaluate_events(events, "eval/seeds.gold.jsonl").f1
        # 0.69
    """
    gold_path = Path(gold_path)
    gold = load_gold(gold_path)
    alias_file = _default_aliases(gold_path, aliases_path)
    aliases = load_aliases(alias_file) if alias_file else None
    result = score(predicted, gold, aliases=aliases)
    return _with_paths(result, gold_path, alias_file)


def _with_paths(result: EvalResult, gold_path: Path, alias_file: Path | None) -> EvalResult:
    from dataclasses import replace

    return replace(
        result, gold_path=str(gold_path), aliases_path=str(alias_file) if alias_file else None
    )


def evaluate_db(
    db: str | Path,
    gold_path: str | Path,
    *,
    aliases_path: str | Path | None = None,
) -> EvalResult:
    """Score every event in an eventline database against a gold file.

    Example::

        result = evaluate_db("eventline.db", "eval/seeds.gold.jsonl")
        result.required_matched, result.required
        # (12, 19)
    """
    from ..store import Store  # the store pulls in its schema; load it only when used

    # read the gold first: a bad gold file should fail before touching the database
    gold_path = Path(gold_path)
    gold = load_gold(gold_path)
    alias_file = _default_aliases(gold_path, aliases_path)
    aliases = load_aliases(alias_file) if alias_file else None
    with Store(db, readonly=True) as store:
        events = list(store.iter_events())
    result = score(events, gold, aliases=aliases)
    return _with_paths(result, gold_path, alias_file)


# --------------------------------------------------------------------------- report


_LABELS = {
    "sub_event_type": "sub-event type",
    "actor1": "actor1",
    "date_exact": "date exact",
    "location_25km": "location within 25 km",
    "fatalities": "fatalities in [low, high]",
}


def _fmt_ratio(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _gold_line(g: GoldEvent) -> str:
    when = g.date.isoformat() + (f"..{g.date_end.isoformat()}" if g.date_end else "")
    where = g.location or f"({g.country}, no location)"
    return f"{g.id}  {' | '.join(g.event_type)}  {when}  {where}"


def format_report(result: EvalResult) -> str:
    """Human-readable report: scores, attribute accuracies, misses and false positives.

    Example::

        print(format_report(result))
        # Events: precision 0.800  recall 0.632  F1 0.706
        # ...
    """
    lines = [
        f"Events: precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"F1 {result.f1:.3f}",
        f"  predictions {result.predicted}: {result.true_positives} matched required gold, "
        f"{result.false_positives} false positives, "
        f"{result.optional_matches} matched optional gold (not counted)",
        f"  required gold {result.required}: {result.required_matched} found, "
        f"{len(result.missed)} missed; optional gold {result.optional}",
    ]
    if result.gold_path:
        lines.append(f"  gold: {result.gold_path}")
    lines.append(f"  actor aliases: {result.aliases_path or 'none (exact names)'}")
    lines.append("")
    lines.append(f"Attributes on {result.true_positives} matched pairs:")
    for name in ATTRIBUTES:
        a = result.attributes[name]
        lines.append(f"  {_LABELS[name]:<27} {_fmt_ratio(a.accuracy)}  ({a.correct}/{a.total})")
    wrong = [p for p in result.pairs if p.counted and False in p.checks.values()]
    if wrong:
        lines.append("")
        lines.append("Matched pairs with wrong attributes:")
        for p in wrong:
            bad = [_LABELS[k] for k, v in p.checks.items() if v is False]
            e = p.predicted
            lines.append(
                f"  {p.gold.id} <- {e.event_id}: wrong {', '.join(bad)} "
                f"(predicted {e.sub_event_type}; {e.actor1 or '-'}; {e.event_date}; "
                f"{e.location or '-'}; fatalities {e.fatalities})"
            )
    lines.append("")
    lines.append(f"Missed required gold events ({len(result.missed)}):")
    for g in result.missed:
        lines.append(f"  {_gold_line(g)}")
        for ev in g.evidence:
            lines.append(f"      \u201c{ev.quote}\u201d  [{ev.doc}]")
    if not result.missed:
        lines.append("  none")
    lines.append("")
    lines.append(f"Unmatched predictions ({len(result.unmatched)}):")
    for u in result.unmatched:
        e = u.predicted
        where = e.location or (f"({e.country})" if e.country else "-")
        lines.append(
            f"  {e.event_id}  {e.event_type} / {e.sub_event_type}  {e.event_date or '-'}  "
            f"{where}  actor1 {e.actor1 or '-'}  -- {u.reason}"
        )
        for s in e.sources:
            lines.append(f"      \u201c{s.quote}\u201d  [{s.doc}]")
    if not result.unmatched:
        lines.append("  none")
    return "\n".join(lines)
