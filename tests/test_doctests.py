"""Every example written as a doctest in the package runs and gives what it says.

Examples that cannot run alone (they need a corpus or a cluster) are written as
plain code blocks, without ``>>>``. Each example sees ``gaz`` (the default
gazetteer) and ``nlp`` (the spaCy model), the two things stages are handed.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import eventline

MODULES = sorted(m.name for m in pkgutil.walk_packages(eventline.__path__, "eventline."))


@pytest.fixture(scope="module")
def context() -> dict[str, object]:
    from eventline.gazetteer import load_gazetteer
    from eventline.nlp import load_model

    return {"gaz": load_gazetteer(), "nlp": load_model()}


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name: str, context: dict[str, object]) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name, globs={**vars(module), **context}):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"
