"""Loose scores of the event extractor on the WikiEvents dev set (KAIROS ontology).

WikiEvents annotates event *mentions* (a trigger word, a KAIROS type such as
``Conflict.Attack.DetonateExplode``, role-labelled arguments) rather than
ACLED events, so this is a development signal, not the project's score (that
is :mod:`eventline.eval.events` against hand-coded ACLED-style gold). What it
measures (see docs/evaluation.md):

- detection recall: a gold mention of an ACLED-relevant KAIROS type counts as
  detected when a predicted event whose type is compatible with it
  (:data:`KAIROS_TO_ACLED`) has an evidence span (``sources[].start/end``)
  containing the trigger;
- precision: the share of predicted events whose evidence contains a relevant
  gold trigger of a compatible type (and, looser, any gold trigger at all);
- argument accuracy on detected mentions: attacker vs ``actor1``,
  victim/target vs ``actor2``, place vs the location names, compared by
  normalised word containment either way.

Example::

    from eventline.eval.wikievents import evaluate_wikievents, format_report
    result = evaluate_wikievents("dev/events/wikievents-dev.jsonl", limit=5)
    print(format_report(result))
    # WikiEvents: 5 documents, 61 relevant gold mentions ...
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputNotFound
from ..models import Event
from .events import normalise_name

__all__ = [
    "ARGUMENT_ROLES",
    "KAIROS_TO_ACLED",
    "WikiDoc",
    "acled_types_for",
    "evaluate_wikievents",
    "GoldMention",
    "format_report",
    "loosely_equal",
    "same_category",
    "read_wikievents",
]

Extractor = Callable[[str], list[Event]]

_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")

# KAIROS event types (exact, or a prefix ending at a dot) -> the ACLED event
# types a predicted event may have to count as detecting that mention. The
# most specific entry wins. Types absent here (Contact.*, Movement.*,
# Disaster.*, Justice.Trial...) are not ACLED events and are not scored.
KAIROS_TO_ACLED: dict[str, tuple[str, ...]] = {
    # a bomb, IED or shell going off: ACLED codes it as Explosions/Remote violence
    "Conflict.Attack.DetonateExplode": ("Explosions/Remote violence",),
    # any other attack: a clash, an attack on civilians, a strike
    "Conflict.Attack": _VIOLENT,
    "Conflict.Demonstrate": ("Protests", "Riots"),
    # deaths and injuries in these news are the outcome of an attack; ACLED codes
    # the attack (with fatalities), so any violent event at that sentence counts
    "Life.Die": (*_VIOLENT, "Protests"),
    "Life.Injure": (*_VIOLENT, "Protests"),
    # arrests (Strategic developments/Arrests), abductions, protest crackdowns
    "Justice.ArrestJailDetain": (
        "Strategic developments",
        "Violence against civilians",
        "Protests",
    ),
    # property destroyed: looting/destruction, or the damage of an explosion
    "ArtifactExistence.DamageDestroyDisableDismantle": (
        "Strategic developments",
        "Explosions/Remote violence",
        "Riots",
        "Battles",
    ),
}

# Gold argument roles compared with our fields, by measure.
ARGUMENT_ROLES: dict[str, frozenset[str]] = {
    "attacker": frozenset(
        {"Attacker", "Killer", "Injurer", "Perpetrator", "Jailer", "Demonstrator"}
    ),
    "victim_target": frozenset({"Victim", "Target", "Detainee"}),
    "place": frozenset({"Place"}),
}

_SENTENCE_SEPARATOR = "\n\n"  # each annotated sentence becomes its own paragraph
_WORD = re.compile(r"\w+")


def acled_types_for(kairos_type: str) -> tuple[str, ...]:
    """ACLED event types compatible with a KAIROS type (empty: not scored).

    Example::

        >>> acled_types_for("Conflict.Attack.DetonateExplode")
        ('Explosions/Remote violence',)
        >>> acled_types_for("Contact.Contact.Broadcast")
        ()
    """
    parts = kairos_type.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in KAIROS_TO_ACLED:
            return KAIROS_TO_ACLED[key]
    return ()


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated event mention, its trigger located in the rebuilt text."""

    id: str
    kairos_type: str
    trigger: str
    start: int  # character offsets of the trigger in WikiDoc.text
    end: int
    arguments: tuple[tuple[str, str], ...]  # (role, entity text)


@dataclass(frozen=True, slots=True)
class WikiDoc:
    """A WikiEvents document with its text rebuilt from the annotated tokens.

    ``token_spans[i]`` is the (start, end) of token ``i`` in ``text``. The
    dataset's own ``text`` field glues sentences together ("SyriaThe") and its
    offsets drift from it, so the text is rebuilt sentence by sentence.
    """

    doc_id: str
    text: str
    token_spans: tuple[tuple[int, int], ...]
    mentions: tuple[GoldMention, ...]


def _rebuild(record: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for tokens, sentence in record["sentences"]:
        if parts:
            parts.append(_SENTENCE_SEPARATOR)
            offset += len(_SENTENCE_SEPARATOR)
        first = tokens[0][1] if tokens else 0
        for _tok, start, end in tokens:
            # token offsets are consistent within a sentence, relative to its first token
            spans.append((offset + start - first, offset + end - first))
        parts.append(sentence)
        offset += len(sentence)
    return "".join(parts), spans


def _parse_doc(record: dict[str, Any]) -> WikiDoc:
    text, spans = _rebuild(record)
    mentions = []
    for m in record.get("event_mentions", ()):
        trig = m["trigger"]
        start, end = spans[trig["start"]][0], spans[trig["end"] - 1][1]
        mentions.append(
            GoldMention(
                id=m["id"],
                kairos_type=m["event_type"],
                trigger=text[start:end],
                start=start,
                end=end,
                arguments=tuple((a["role"], a["text"]) for a in m.get("arguments", ())),
            )
        )
    return WikiDoc(record["doc_id"], text, tuple(spans), tuple(mentions))


def read_wikievents(path: str | Path, *, limit: int | None = None) -> Iterator[WikiDoc]:
    """Yield the documents of a WikiEvents JSONL file (at most ``limit``).

    Example::

        doc = next(read_wikievents("wikievents-dev.jsonl"))
        doc.mentions[0].kairos_type, doc.mentions[0].trigger
        # ('Life.Die.Unspecified', 'kills')
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(
            f"WikiEvents file {path} does not exist.",
            "Pass the path of wikievents-dev.jsonl (one document a line).",
        )
    with path.open(encoding="utf-8") as handle:
        count = 0
        for number, line in enumerate(handle, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc = _parse_doc(record)
            except (json.JSONDecodeError, KeyError, IndexError, TypeError, ValueError) as exc:
                raise InputNotFound(
                    f"{path}, line {number} is not a WikiEvents document ({exc!r}).",
                    "Each line must hold doc_id, sentences and event_mentions.",
                ) from None
            count += 1
            yield doc


# --------------------------------------------------------------------------- comparing


def _words(text: str | None) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise_name(text)))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def loosely_equal(gold_text: str, names: Sequence[str | None]) -> bool:
    """True when the gold entity text and one of ``names`` contain each other
    as whole words, after normalisation.

    Example::

        >>> loosely_equal("Deir ez-Zor", ["Deir ez-Zor Governorate"])
        True
        >>> loosely_equal("IS", ["Crisis Group"])
        False
    """
    g = _words(gold_text)
    for name in names:
        w = _words(name)
        if w and g and (_contains(w, g) or _contains(g, w)):
            return True
    return False


def _spans(event: Event, text: str) -> list[tuple[int, int]]:
    """Evidence spans of an event in ``text``; a quote found elsewhere is relocated
    (an extractor may report offsets into a cleaned copy of the text)."""
    out = []
    for s in event.sources:
        if 0 <= s.start < s.end <= len(text) and (not s.quote or text[s.start : s.end] == s.quote):
            out.append((s.start, s.end))
        elif s.quote and (at := text.find(s.quote)) >= 0:
            out.append((at, at + len(s.quote)))
    return out


def _covers(spans: list[tuple[int, int]], m: GoldMention) -> bool:
    return any(start <= m.start and m.end <= end for start, end in spans)


# WikiEvents documents carry no publication date. Real articles always have one
# (or an absolute date in the text); without it eventline refuses to date
# "on Saturday" and drops the event, which would measure the date rule, not
# event detection. Dates are not scored here, so a nominal date is given.
NOMINAL_PUBLISHED = "2020-01-01"


def _default_extractor() -> Extractor:
    from ..pipeline import extract  # spaCy and the gazetteer load only when needed

    return lambda text: list(extract(text, published=NOMINAL_PUBLISHED, source=None))


# --------------------------------------------------------------------------- scoring


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def evaluate_wikievents(
    path: str | Path,
    *,
    extractor: Extractor | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Run ``extractor`` (default: ``eventline.pipeline.extract``) on each document
    and score it against the annotated mentions. Returns a JSON-ready dict.

    An extractor that raises on a document is recorded under ``errors`` and
    that document's mentions count as not detected; the run goes on.

    Example::

        r = evaluate_wikievents("wikievents-dev.jsonl", extractor=fn)
        r["recall"], r["precision"]
        # (0.4, 0.75)
    """
    run = extractor or _default_extractor()
    by_type: dict[str, Counter[str]] = {}
    args = {name: Counter[str]() for name in ARGUMENT_ROLES}
    totals = Counter[str]()
    documents: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []

    for doc in read_wikievents(path, limit=limit):
        try:
            events = list(run(doc.text))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            errors.append({"doc_id": doc.doc_id, "error": f"{type(exc).__name__}: {exc}"})
            events = []
        spans = [_spans(e, doc.text) for e in events]
        relevant = [m for m in doc.mentions if acled_types_for(m.kairos_type)]
        detected = 0
        for m in relevant:
            counter = by_type.setdefault(m.kairos_type, Counter())
            counter["gold"] += 1
            compatible = acled_types_for(m.kairos_type)
            # the first event (in extractor order) covering the trigger with a compatible type
            hit = next(
                (e for e, sp in zip(events, spans, strict=True)
                 if e.event_type in compatible and _covers(sp, m)),
                None,
            )  # fmt: skip
            if hit is None:
                continue
            detected += 1
            counter["detected"] += 1
            _score_arguments(m, hit, args)
        supported = sum(
            1
            for e, sp in zip(events, spans, strict=True)
            if any(e.event_type in acled_types_for(m.kairos_type) and _covers(sp, m)
                   for m in relevant)
        )
        any_trigger = sum(1 for sp in spans if any(_covers(sp, m) for m in doc.mentions))
        totals.update(
            documents=1,
            gold_mentions=len(doc.mentions),
            relevant_mentions=len(relevant),
            detected=detected,
            predicted=len(events),
            supported=supported,
            any_trigger=any_trigger,
        )
        documents.append({
            "doc_id": doc.doc_id,
            "relevant_mentions": len(relevant),
            "detected": detected,
            "predicted": len(events),
            "supported": supported,
        })  # fmt: skip

    return {
        "path": str(path),
        "documents": totals["documents"],
        "gold_mentions": totals["gold_mentions"],
        "relevant_mentions": totals["relevant_mentions"],
        "detected": totals["detected"],
        "recall": _ratio(totals["detected"], totals["relevant_mentions"]),
        "predicted": totals["predicted"],
        "supported": totals["supported"],
        "precision": _ratio(totals["supported"], totals["predicted"]),
        "precision_any_trigger": _ratio(totals["any_trigger"], totals["predicted"]),
        "by_type": {
            t: {"gold": c["gold"], "detected": c["detected"],
                "recall": _ratio(c["detected"], c["gold"])}
            for t, c in sorted(by_type.items())
        },
        "arguments": {
            name: {"correct": c["correct"], "total": c["total"],
                   "accuracy": _ratio(c["correct"], c["total"])}
            for name, c in args.items()
        },
        "per_document": documents,
        "errors": errors,
    }


def _score_arguments(m: GoldMention, event: Event, args: dict[str, Counter[str]]) -> None:
    """Compare the gold mention's arguments with the detecting event's fields.

    One count per mention and measure: correct when any gold argument of those
    roles loosely equals the field (a mention without such an argument is not scored).
    """
    ours = {
        "attacker": [event.actor1, *event.assoc_actor_1],
        "victim_target": [event.actor2, *event.assoc_actor_2],
        "place": [event.location, event.admin2, event.admin1, event.country],
    }
    for name, roles in ARGUMENT_ROLES.items():
        gold_texts = [text for role, text in m.arguments if role in roles]
        if not gold_texts:
            continue
        args[name]["total"] += 1
        if any(loosely_equal(t, ours[name]) for t in gold_texts) or (
            name != "place" and any(same_category(t, ours[name]) for t in gold_texts)
        ):
            args[name]["correct"] += 1


# ACLED-style generic names -> the actor category they stand for
_CATEGORY_PREFIXES = (
    ("Military Forces of", "military"), ("Police Forces of", "police"),
    ("Unidentified Armed Group", "militants"), ("Civilians", "civilians"),
    ("Protesters", "protesters"), ("Rioters", "rioters"),
)


def same_category(gold_text: str, names: Sequence[str | None]) -> bool:
    """True when the gold argument ("soldiers", "bombers", "people") denotes the same kind
    of actor as one of our ACLED-style names ("Military Forces of Afghanistan",
    "Unidentified Armed Group (Afghanistan)", "Civilians (Spain)").

    A second loose measure beside word containment: ACLED names generic actors by
    role and country, which never contain the article's own words.

        >>> same_category("soldiers", ["Military Forces of Iraq"])
        True
        >>> same_category("soldiers", ["Civilians (Iraq)"])
        False
    """
    from ..actors import load_actor_dictionary

    dictionary = load_actor_dictionary()
    words = gold_text.lower().split()
    if not words:
        return False
    head = words[-1]
    role = dictionary.nouns.get(head) or dictionary.nouns.get(head.rstrip("s"))
    named = dictionary.lookup(gold_text)
    for name in names:
        if not name:
            continue
        if named is not None and name == named.name:
            return True
        category = next((c for prefix, c in _CATEGORY_PREFIXES if name.startswith(prefix)), None)
        if role is not None and category is not None:
            if role[0] == category or {role[0], category} <= {"rebels", "militants", "militia"}:
                return True
    return False


# --------------------------------------------------------------------------- report


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def format_report(result: dict[str, Any]) -> str:
    """Human-readable summary of :func:`evaluate_wikievents`.

    Example::

        print(format_report(result))
        # WikiEvents: 20 documents, 263 gold mentions, 199 ACLED-relevant
        # ...
    """
    r = result
    lines = [
        f"WikiEvents: {r['documents']} documents, {r['gold_mentions']} gold mentions, "
        f"{r['relevant_mentions']} ACLED-relevant",
        f"  detection recall {_pct(r['recall'])}  ({r['detected']}/{r['relevant_mentions']})",
        f"  precision        {_pct(r['precision'])}  ({r['supported']}/{r['predicted']} predicted "
        "events cover a relevant trigger of a compatible type)",
        f"  precision (any gold trigger) {_pct(r['precision_any_trigger'])}",
        "",
        "Recall by KAIROS type:",
    ]
    for t, c in r["by_type"].items():
        lines.append(f"  {t:<52} {_pct(c['recall'])}  ({c['detected']}/{c['gold']})")
    lines.append("")
    lines.append("Arguments on detected mentions (loose: word containment, or the same kind of actor):")
    labels = {"attacker": "attacker vs actor1", "victim_target": "victim/target vs actor2",
              "place": "place vs location names"}  # fmt: skip
    for name, c in r["arguments"].items():
        label = labels.get(name, name)
        lines.append(f"  {label:<26} {_pct(c['accuracy'])}  ({c['correct']}/{c['total']})")
    if r["errors"]:
        lines.append("")
        lines.append(f"Extractor errors ({len(r['errors'])}):")
        for e in r["errors"]:
            lines.append(f"  {e['doc_id']}: {e['error']}")
    return "\n".join(lines)
