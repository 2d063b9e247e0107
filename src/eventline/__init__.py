"""eventline: news reports about armed conflict -> a sourced, geocoded, dated event dataset.

Python API (the CLI is a thin layer over these)::

    import eventline
    events = eventline.extract(text, published="2013-01-21", source="CNN")
    report = eventline.run(["articles/"], manifest="manifest.csv", db="eventline.db")
    df = eventline.read_events("eventline.db")
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .models import (
    ActorMention,
    Article,
    Event,
    PlaceMention,
    RunReport,
    Skip,
    Source,
    TimeMention,
)

__version__ = "0.1.0"

# Heavy modules (spaCy, pandas, the gazetteer) load on first use, not on import.
_LAZY = {
    "extract": "eventline.extract",  # the callable package: eventline.extract(text, ...)
    "run": "eventline.pipeline",
    "geoparse": "eventline.places",
    "resolve_dates": "eventline.dates",
    "read_events": "eventline.export",
}

__all__ = [
    "ActorMention",
    "Article",
    "Event",
    "PlaceMention",
    "RunReport",
    "Skip",
    "Source",
    "TimeMention",
    "__version__",
    "extract",
    "geoparse",
    "read_events",
    "resolve_dates",
    "run",
]


def __getattr__(name: str) -> Any:
    if name == "extract":
        return import_module(_LAZY[name])
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eventline' has no attribute {name!r}")
