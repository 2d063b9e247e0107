"""Dev-set floors: real reporting the rules were not written for must not get worse.

The sample articles have their gate in test_pipeline.py; these hold the figures the
notes report on ../shared/dev (t17-dev, WikiEvents dev, a spread slice of the ACLED
Mali dev file) to the floors in eval/baseline.toml, so a change that wins on the
sample and loses on real reporting fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventline.eval.acled import evaluate_acled
from eventline.eval.baseline import below, floors
from eventline.eval.events import evaluate_db
from eventline.eval.wikievents import NOMINAL_PUBLISHED, evaluate_wikievents
from eventline.pipeline import extract, run
from eventline.settings import load_settings


@pytest.fixture(scope="module")
def dev_dir(shared_dir: Path) -> Path:
    path = shared_dir / "dev"
    if not path.is_dir():
        pytest.fail(f"{path} is not there: the dev sets are read from ../shared/dev.")
    return path


def test_t17_dev_articles_hold_their_floor(tmp_path: Path, dev_dir: Path, geonames_dir: Path) -> None:
    t17 = dev_dir / "events" / "t17-dev"
    db = tmp_path / "t17.db"
    run([t17 / "articles.jsonl"], db=db, settings=load_settings(geonames_dir=str(geonames_dir)))
    result = evaluate_db(db, t17 / "gold.jsonl").to_dict()
    p, r = result["precision"], result["recall"]
    scores = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    assert not below("events_t17_dev", scores)
    assert set(floors("events_t17_dev")) == set(scores)


def test_wikievents_dev_holds_its_floor(dev_dir: Path, geonames_dir: Path) -> None:
    settings = load_settings(geonames_dir=str(geonames_dir))
    result = evaluate_wikievents(
        dev_dir / "events" / "wikievents-dev.jsonl",
        extractor=lambda text: list(extract(text, published=NOMINAL_PUBLISHED, source=None,
                                            settings=settings)))
    scores = {"recall": result["recall"], "precision": result["precision"]}
    assert not below("events_wikievents_dev", scores)
    assert set(floors("events_wikievents_dev")) == set(scores)


def test_acled_notes_slice_holds_its_floor(dev_dir: Path, geonames_dir: Path) -> None:
    result = evaluate_acled(dev_dir / "acled" / "acled_mali_dev.csv", limit=600,
                            settings=load_settings(geonames_dir=str(geonames_dir)))
    scores = {name: getattr(result, name).ratio() or 0.0
              for name in ("found", "event_type", "sub_event_type", "place_50km_named", "actor1",
                           "fatalities")}
    assert not below("acled_mali_dev_slice", scores)
    assert set(floors("acled_mali_dev_slice")) == set(scores)
