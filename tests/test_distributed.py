"""The Dask engine builds the same database as the serial engine, in input order."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Iterator

import pytest

from eventline.engines import dask as distributed
from eventline.engines.dask import ClusterError, batches
from eventline.engines.dask import process_articles as process_articles_dask
from eventline.models import Article
from eventline.pipeline import run
from eventline.settings import load_settings
from eventline.store import Store

PLACES = ["Gao", "Kidal", "Timbuktu", "Mopti", "Menaka", "Ansongo"]


def _article(i: int) -> Article:
    # Lengths vary so batches finish out of order on two workers.
    text = (f"On Monday, gunmen attacked a police post near {PLACES[i % len(PLACES)]}, "
            f"killing {i + 1} people, a local official said. " * (1 + (i * 7) % 9))
    return Article(doc_id=hashlib.sha1(text.encode()).hexdigest(), name=f"a{i:03d}.txt",
                   path=f"a{i:03d}.txt", text=text, source="Wire",
                   published=dt.date(2020, 3, 4))


def _events(db: Path) -> list[str]:
    store = Store(db, readonly=True)
    try:
        return sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())
    finally:
        store.close()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_batches_group_lazily() -> None:
    arts = [_article(i) for i in range(10)]
    assert [len(b) for b in batches(iter(arts), size=4)] == [4, 4, 2]
    # A long article closes its batch early.
    assert [len(b) for b in batches(iter(arts), size=4, max_chars=1)] == [1] * 10


@pytest.mark.slow
@pytest.mark.parametrize("parse", ["all", "flagged"])
def test_dask_engine_builds_the_same_database_as_serial(mali_corpus: Path, tmp_path: Path,
                                                        parse: str) -> None:
    settings = load_settings(workers=2, parse=parse)
    manifest = mali_corpus / "manifest.csv"
    serial = run([mali_corpus], manifest=manifest, db=tmp_path / "a.db", settings=settings)
    dask = run([mali_corpus], manifest=manifest, db=tmp_path / "b.db", settings=settings,
               engine="dask")
    assert dask.articles == serial.articles == 4
    events_a, events_b = _events(tmp_path / "a.db"), _events(tmp_path / "b.db")
    assert events_a, "the sample corpus has events"
    assert events_b == events_a


@pytest.mark.slow
def test_results_come_back_in_input_order_and_input_is_read_lazily(scheduler: str) -> None:
    arts = [_article(i) for i in range(40)]
    pulled = 0

    def stream() -> Iterator[Article]:
        nonlocal pulled
        for a in arts:
            pulled += 1
            yield a

    settings = load_settings(workers=2, batch_size=2)
    results = process_articles_dask(stream(), settings, scheduler=scheduler)
    first = next(results)
    # 2 workers x 4 batches ahead x 2 articles: the corpus is not read all at once.
    assert pulled <= 16
    rest = list(results)
    assert [r.article.name for r in [first, *rest]] == [a.name for a in arts]
    assert all(r.events for r in [first, *rest]), "every article reports an attack"
    assert [r.events[0].fatalities for r in [first, *rest]][:3] == [1, 2, 3]


@pytest.mark.slow
def test_both_workers_do_the_work(scheduler: str) -> None:
    from distributed import Client, get_task_stream

    arts = [_article(i) for i in range(40)]
    settings = load_settings(workers=2, batch_size=2)
    with Client(scheduler) as client, get_task_stream(client) as stream:
        assert len(list(process_articles_dask(iter(arts), settings, scheduler=scheduler))) == 40
    batch_tasks = [t for t in stream.data if "analyse_batch" in str(t["key"])]
    assert len(batch_tasks) == 20
    assert len({t["worker"] for t in batch_tasks}) == 2


def test_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ClusterError, match="tcp://127.0.0.1:9"):
        list(process_articles_dask(iter([_article(0)]), load_settings(),
                                   scheduler="tcp://127.0.0.1:9"))
