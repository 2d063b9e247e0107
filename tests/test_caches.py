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


def test_the_tag_table_learns_new_words_from_the_ruler_on_the_words_alone(model) -> None:  # noqa: ANN001
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from eventline.nlp import TagAttributes

    table = TagAttributes(model)
    filled = []
    fill = table._fill
    table._fill = lambda keys: filled.append(len(keys)) or fill(keys)  # type: ignore[method-assign]
    texts = ["Militants ambushed a convoy near Boni; two soldiers weren't found.\n\n  (AP) —",
             "The U.S. envoy's aides said they'd go. Gunmen torched 3 shops at 9:30 p.m.",
             "There is no word from the army, and they're gonna stay.",  # two-token patterns
             "Militants ambushed a convoy near Boni; two soldiers weren't found.\n\n  (AP) —"]
    cols = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    for text in texts:
        ours = table(next(model.pipe([text], disable=list(table.names))))
        assert (ours.to_array(cols) == model(text).to_array(cols)).all(), text
    assert filled and filled[0] > 5  # the new words were read on their own, not in the Doc


def test_named_actors_are_remembered_per_text_and_forgotten_when_the_aliases_grow() -> None:
    from eventline.actors import ActorDictionary, ActorEntry

    entry = ActorEntry(name="JNIM: Group for Support of Islam and Muslims", inter=2, type="rebel",
                       country="Mali", aliases=("JNIM",))
    lexicon = ActorDictionary([entry], [], {})
    text = "JNIM fighters attacked Boni. The group, JNIM, later withdrew."
    first = list(lexicon.iter_named(text))
    assert first == list(lexicon._named_in(text)) == list(lexicon.iter_named(text))
    assert [text[s:e] for s, e, _ in first] == ["JNIM", "JNIM"]
    for i in range(20):  # the memo stays small
        list(lexicon.iter_named(f"JNIM struck {i} times."))
    assert len(lexicon.__dict__["_named_memo"]) <= 8
    del lexicon._exact["JNIM"]  # the acronym withdrawn after the text was read
    assert list(lexicon.iter_named(text)) == list(lexicon._named_in(text)) == []


def _density_by_scan(ctx, lat: float, lon: float, country_code: str = "") -> float:  # noqa: ANN001
    """The run context's density as first written: every cell scanned, in order."""
    import math

    from eventline.geo import haversine_km
    from eventline.places import context as C

    span = int(math.ceil(C._REACH_KM / 111.0 / C._CELL)) + 1
    ci, cj = int(math.floor(lat / C._CELL)), int(math.floor(lon / C._CELL))
    total = 0.0
    for cc, i, j, n in ctx.cells:
        if abs(i - ci) > span or abs(j - cj) > 2 * span or country_code and cc != country_code:
            continue
        d = haversine_km(lat, lon, (i + 0.5) * C._CELL, (j + 0.5) * C._CELL)
        if d <= C._REACH_KM:
            total += n * math.exp(-0.5 * (d / C._SIGMA_KM) ** 2)
    return total


def test_the_run_contexts_cell_index_gives_the_density_of_a_full_scan() -> None:
    import pickle
    import random

    from eventline.places.context import RunContext, build_context

    rng = random.Random(7)
    # points of three neighbouring countries, a few without a country, some far away
    evidence = [[(rng.uniform(10, 20), rng.uniform(-10, 5), rng.choice(["ML", "BF", "NE", ""]))
                 for _ in range(4)] for _ in range(400)]
    evidence += [[(rng.uniform(-40, 60), rng.uniform(-120, 150), "US")] for _ in range(50)]
    ctx = build_context(evidence)
    queries = [(rng.uniform(8, 22), rng.uniform(-12, 7), rng.choice(["ML", "BF", "NE", "", "DZ"]))
               for _ in range(300)] + [(15.0, -4.0, ""), (-89.0, 179.0, "US")]
    want = [_density_by_scan(ctx, *q) for q in queries]
    assert [ctx.density(*q) for q in queries] == want  # exactly: the same sum in the same order
    assert any(want) and not all(want)
    # pickled to a worker (index built or not), rebuilt from the same points: the same value
    again = pickle.loads(pickle.dumps(ctx))
    assert again == ctx == build_context(evidence) and hash(again) == hash(ctx)
    assert [again.density(*q) for q in queries] == want
    fresh = pickle.loads(pickle.dumps(build_context(evidence)))
    assert [fresh.density(*q) for q in queries] == want
    # cells in any order (a context built by hand) still sum as a scan of them does
    shuffled = RunContext(cells=tuple(rng.sample(ctx.cells, len(ctx.cells))), points=ctx.points)
    assert [shuffled.density(*q) for q in queries] == [_density_by_scan(shuffled, *q) for q in queries]
