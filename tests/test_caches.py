"""Every cache and short cut taken for speed answers exactly what the slow path answers."""

from __future__ import annotations

import pytest

from eventline.components import components
from eventline.settings import load_settings

# Invented sentences: idioms with their verb and object, near misses, and none at all.
IDIOM_TEXTS = [
    "Gunmen opened fire on a bus near the market on Sunday.",
    "Soldiers fired two rockets at the camp, and mortar rounds were fired on the base.",
    "Police fired tear gas at the students who had gathered outside the ministry.",
    "Women held up banners denouncing the curfew in front of the governor's office.",
    "Troops fired at the crowd and fired on a truck that refused to stop.",
    "The director was fired from his job after the audit.",  # "fire" with no weapon
    "The council opened a new school and a market; the fire brigade came later.",
    "A rocket was launched into orbit from the coast on Friday.",
    "Prices rose again, the minister said, and trade slowed across the region.",
]


@pytest.fixture(scope="module")
def model():  # noqa: ANN201
    return components(load_settings())[0]


def test_doc_text_is_the_docs_own_text_and_survives_a_retokenisation(model) -> None:  # noqa: ANN001
    from eventline.nlp import doc_text

    text = "Rebels took Kidal on Friday.\n\nThe army\u2019s  convoy   left Gao."
    doc = model(text)
    assert doc_text(doc) == doc.text == text
    assert doc_text(doc) is doc_text(doc)  # joined once
    with doc.retokenize() as retok:  # merging tokens keeps a Doc's text: the cache stays right
        retok.merge(doc[0:2])
    assert doc_text(doc) == doc.text == text
    other = model("Another text.")
    assert doc_text(other) == "Another text."  # each Doc its own


def test_the_idiom_prefilter_never_hides_a_match(model, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from eventline.extract import idioms

    docs = [model(t) for t in IDIOM_TEXTS]
    fast = [idioms.idiom_matches(d) for d in docs]
    assert [idioms._may_match(d) for d in docs[-1:]] == [False]  # a text with no idiom is skipped
    monkeypatch.setattr(idioms, "_may_match", lambda doc: True)
    slow = [idioms.idiom_matches(d) for d in docs]
    assert fast == slow
    assert sum(bool(f) for f in fast) >= 4  # the texts do hold idioms
