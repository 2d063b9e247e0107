"""The loaded parts a run needs: spaCy model, gazetteer, actor lexicon, once per process.

This is the only place that turns settings into loaded components. Stages never
load anything: they receive these as arguments (see :mod:`eventline.protocols`).
Engines call :func:`components` where their work runs (the Dask engine on each
worker, once, on its first batch).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .protocols import ActorLexicon, Gazetteer, Model, SentenceTyper


class Components(NamedTuple):
    model: Model
    gazetteer: Gazetteer
    dictionary: ActorLexicon
    typer: SentenceTyper | None  # the learned sentence typer; None with typer_model = "none"


_LOADED: dict[tuple[str, ...], Components] = {}


def components(settings: dict[str, Any]) -> Components:
    """spaCy model, gazetteer and actor dictionary for these settings, loaded once per process."""
    from .actors import load_actor_dictionary
    from .gazetteer import load_gazetteer
    from .nlp import load_model

    key = tuple(str(settings.get(k) or "") for k in
                ("model", "user_actors", "data_dir", "geonames_dir", "user_places", "typer_model"))
    if key not in _LOADED:
        _LOADED[key] = Components(
            load_model(settings["model"]),
            load_gazetteer(settings),
            load_actor_dictionary(settings.get("user_actors") or ""),
            load_sentence_typer(settings),
        )
    return _LOADED[key]


def load_sentence_typer(settings: dict[str, Any]) -> SentenceTyper | None:
    """The typer ``typer_model`` names: empty for the shipped one, ``none`` for rules only."""
    from .eventmodel import load_typer

    name = str(settings.get("typer_model") or "").strip()
    if name.lower() == "none":
        return None
    typer = load_typer(name or None)
    # builds its vectorisers now (scikit-learn imports in seconds): start-up, not the first article
    typer.predict(["."])
    return typer
