"""What the stages need from the gazetteer, the actor lexicon, the model and the store.

Stages take these as arguments and never load them: the composition layer
(:mod:`eventline.pipeline`, :mod:`eventline.components`) builds them once per
process. The Protocols name only what a stage calls, so a test can hand a stage
a small fake (``gazetteer.FakeGazetteer``, an in-memory store) and a reader can
see a stage's inputs from its signature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Literal, Protocol, Sequence

if TYPE_CHECKING:
    # the model is a loaded spaCy pipeline: ``model(text)`` -> Doc, ``model.pipe(texts)``
    from spacy.language import Language as Model

    from .actors import ActorEntry, Demonym
    from .gazetteer import Country, Place
    from .models import Article, Event, Skip

# ACLED's actor categories (the ``inter1``/``inter2`` columns): 1 state forces, 2 rebel
# groups, 3 political militias, 4 identity militias, 5 rioters, 6 protesters,
# 7 civilians, 8 external/other forces.
InterCode = Literal[1, 2, 3, 4, 5, 6, 7, 8]

if not TYPE_CHECKING:
    Model = Any  # spaCy loads only when a model is


class Gazetteer(Protocol):
    """Place names to places (:class:`eventline.gazetteer.Gazetteer`)."""

    countries: dict[str, "Country"]
    admin1: dict[tuple[str, str], "Place"]

    def lookup(self, keys: Iterable[str]) -> dict[str, list["Place"]]: ...

    def country(self, name_or_code: str) -> "Country | None": ...

    def admin1_name(self, place: "Place") -> str | None: ...

    def admin2_name(self, place: "Place") -> str | None: ...

    def place(self, geonameid: int) -> "Place | None": ...

    def seat(self, place: "Place") -> "Place | None": ...


class ActorLexicon(Protocol):
    """Actor names, generic nouns and demonyms (:class:`eventline.actors.ActorDictionary`)."""

    nouns: dict[str, tuple[str, int]]

    def lookup(self, text: str) -> "ActorEntry | None": ...

    def country_of_demonym(self, word: str) -> "Demonym | None": ...

    def country_name(self, word: str) -> str | None: ...

    def iter_named(self, text: str) -> Iterable[tuple[int, int, "ActorEntry"]]: ...


class SentenceTyper(Protocol):
    """A learned sentence typer (:class:`eventline.eventmodel.LinearTyper`)."""

    @property
    def name(self) -> str:
        """The typer's versioned name, recorded with each event it typed."""
        ...

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """Per text, the likeliest sub-event type and the probability that it reports an event."""
        ...

    def distribution(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, the probability of each sub-event type the typer knows, given that the text
        reports an event (they sum to 1): what arbitration with the rules weighs."""
        ...


class Store(Protocol):
    """The part of :class:`eventline.store.Store` a run writes through."""

    def lock_for_run(self) -> None: ...

    def begin_run(self, *, args: dict[str, Any]) -> str: ...

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None: ...

    def add_skip(self, run_id: str, skip: "Skip") -> None: ...

    def known_doc_ids(self) -> set[str]: ...

    def count_events(self, *, include_rejected: bool = False) -> int: ...

    def add_outlet_evidence(self, rows: Iterable[tuple[str, str, Any, Any]]) -> None: ...

    def outlet_evidence(self, outlet: str) -> list[tuple[frozenset[tuple[str, str]],
                                                          frozenset[str]]]: ...

    def add_context_evidence(self, rows: Iterable[tuple[str, Any]]) -> None: ...

    def context_evidence(self) -> Iterator[tuple[tuple[float, float, str], ...]]: ...

    def candidate_events(self, date_from: str | None, date_to: str | None) -> list["Event"]: ...

    def save_article(self, run_id: str, article: "Article", *, upsert: Sequence["Event"],
                     delete: Sequence[str] = (), merged_into: dict[str, str] | None = None
                     ) -> None: ...

    def close(self) -> None: ...


__all__ = ["ActorLexicon", "Gazetteer", "InterCode", "Model", "SentenceTyper", "Store"]
