"""The loaded parts a run needs: spaCy model, gazetteer, actor lexicon, once per process.

This is the only place that turns settings into loaded components. Stages never
load anything: they receive these as arguments (see :mod:`eventline.protocols`).
Engines call :func:`components` where their work runs (the Dask engine on each
worker, once, on its first batch).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .protocols import ActorLexicon, Gazetteer, Model


class Components(NamedTuple):
    model: Model
    gazetteer: Gazetteer
    dictionary: ActorLexicon


_LOADED: dict[tuple[str, ...], Components] = {}


def components(settings: dict[str, Any]) -> Components:
    """spaCy model, gazetteer and actor dictionary for these settings, loaded once per process."""
    from .actors import load_actor_dictionary
    from .gazetteer import load_gazetteer
    from .nlp import load_model

    key = tuple(str(settings.get(k) or "") for k in
                ("model", "user_actors", "data_dir", "geonames_dir", "user_places"))
    if key not in _LOADED:
        _LOADED[key] = Components(
            load_model(settings["model"]),
            load_gazetteer(settings),
            load_actor_dictionary(settings.get("user_actors") or ""),
        )
    return _LOADED[key]
