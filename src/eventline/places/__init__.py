"""The places stage: toponyms -> gazetteer entries, and which of them can be an event's place.

- :mod:`.resolve`: recognition and resolution in the article's context
  (:func:`find_places`), the outlet lexicon (:func:`home_evidence`,
  :func:`outlet_home`), the article's country (:func:`focus_country`).
- :mod:`.event`: the mentions an event may be located at (:func:`event_places`,
  :func:`without_demonym_homonyms`).

Every function takes the gazetteer as an argument; only :func:`geoparse`, the
one-call convenience of the public API, loads the configured components.
"""

from __future__ import annotations

from ..geo import haversine_km as _haversine
from ..models import PlaceMention
from .event import event_places, without_demonym_homonyms
from .resolve import (
    NAME,
    context_evidence,
    country_info,
    find_places,
    first_evidence,
    focus_country,
    home_evidence,
    outlet_home,
    outlet_key,
    places_jsonl,
)


def geoparse(text: str) -> list[PlaceMention]:
    """Find and resolve the places in a text with the configured gazetteer and model.

    Example::

        >>> geoparse("Islamists hold Timbuktu.")[0].country
        'Mali'
    """
    from ..components import components
    from ..settings import load_settings

    model, gazetteer, *_ = components(load_settings())
    return find_places(text, gazetteer=gazetteer, doc=model(text))


__all__ = [
    "NAME", "_haversine", "context_evidence", "country_info", "event_places", "find_places", "first_evidence",
    "focus_country",
    "geoparse", "home_evidence", "outlet_home", "outlet_key", "places_jsonl",
    "without_demonym_homonyms",
]
