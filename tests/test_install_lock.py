"""The committed lock: every dependency pinned, and both make targets install from it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_is_pinned_in_constraints() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for r in project["optional-dependencies"]["test"]}
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            pins[name.lower().replace("_", "-")] = version
    assert wanted <= set(pins), sorted(wanted - set(pins))


def test_demo_and_test_install_from_the_lock_and_make_lock_refreshes_it() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "pip install -q -c $(LOCK) -e '.[test]'" in makefile
    assert re.search(r"^demo: \$\(STAMP\)", makefile, re.M)
    assert re.search(r"^test: \$\(STAMP\)", makefile, re.M)
    assert re.search(r"^lock:", makefile, re.M) and "make lock" in (REPO / "README.md").read_text()
