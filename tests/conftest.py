"""Shared fixtures. Tests that need ../shared skip when it is absent, except under CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTLINE_SHARED", REPO.parent / "shared"))


def _need(path: Path) -> Path:
    if path.exists():
        return path
    msg = (
        f"{path} is not there: these tests read the shared sample corpus and dev data "
        "from ../shared beside the checkout (set EVENTLINE_SHARED to point elsewhere)."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def mali_corpus(shared_dir: Path) -> Path:
    return _need(shared_dir / "corpus" / "mali-2012")


@pytest.fixture(scope="session")
def gold_file(shared_dir: Path) -> Path:
    return _need(shared_dir / "eval" / "seeds.gold.jsonl")


@pytest.fixture(scope="session")
def geonames_dir(shared_dir: Path) -> Path:
    return _need(shared_dir / "geonames")


@pytest.fixture(autouse=True, scope="session")
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the gazetteer database of the test run out of the user's home."""
    if not os.environ.get("EVENTLINE_DATA_DIR"):
        os.environ["EVENTLINE_DATA_DIR"] = str(tmp_path_factory.mktemp("eventline-data"))
