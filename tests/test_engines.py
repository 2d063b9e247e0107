"""Engines are chosen by name; stages get their components as arguments and load nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from eventline.engines import ENGINES, get_engine
from eventline.errors import EventlineError
from eventline.models import Article

TEXT = ("GAO, Mali - Rebels captured the town of Kidal in northern Mali on Saturday, "
        "a local official said.")


def test_engines_are_chosen_by_name() -> None:
    assert set(ENGINES) == {"serial", "dask"}
    assert get_engine("serial").__module__ == "eventline.engines.serial"
    with pytest.raises(EventlineError, match="Unknown engine 'spark'.*--engine serial"):
        get_engine("spark")


def test_the_engines_do_not_import_the_pipeline() -> None:
    # the composition layer imports the engines, never the other way round
    code = ("import sys, eventline.engines.serial, eventline.engines.dask; "
            "assert 'eventline.pipeline' not in sys.modules, 'engines import pipeline'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_stages_use_the_components_they_are_given_and_load_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from eventline import actors, gazetteer, nlp, settings
    from eventline.engines.analysis import analyse_article

    model = nlp.load_model()
    gaz = gazetteer.load_gazetteer()
    lexicon = actors.load_actor_dictionary()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stage loaded a component or the settings itself")

    for module, name in ((nlp, "load_model"), (gazetteer, "load_gazetteer"),
                         (actors, "load_actor_dictionary"), (settings, "load_settings")):
        monkeypatch.setattr(module, name, refuse)
    article = Article(doc_id="a" * 40, name="a.txt", path="a.txt", text=TEXT,
                      published=dt.date(2012, 3, 31))
    result = analyse_article(article, model(TEXT), model=model, gazetteer=gaz,
                             dictionary=lexicon)
    [event] = result.events
    assert (event.sub_event_type, event.location, event.event_date) == (
        "Non-state actor overtakes territory", "Kidal", "2012-03-31")
