"""The score floors of ``baseline.toml``: read by the tests that hold each scorer to them."""

from __future__ import annotations

import tomllib
from pathlib import Path

PATH = Path(__file__).with_name("baseline.toml")


def parse(text: str) -> dict[str, dict[str, float]]:
    """Every ``[section] key = floor`` of a baseline file, without the ``[lowered]`` notes."""
    data = tomllib.loads(text)
    return {name: {k: float(v) for k, v in table.items()}
            for name, table in data.items() if name != "lowered"}


def lowered(text: str) -> dict[str, str]:
    """``{"section.key": why}``: floors a change lowered on purpose, with the reason."""
    return {str(k): str(v) for k, v in tomllib.loads(text).get("lowered", {}).items()}


def floors(section: str) -> dict[str, float]:
    """The floors of one scorer's figures, e.g. ``floors("events_sample")["recall"]``."""
    return parse(PATH.read_text(encoding="utf-8"))[section]


def below(section: str, scores: dict[str, float]) -> list[str]:
    """The figures of ``scores`` under their floor, as sentences (empty when all hold)."""
    return [f"{name} {scores[name]:.3f} fell below its floor {floor} (eval/baseline.toml)"
            for name, floor in floors(section).items() if scores[name] < floor]
