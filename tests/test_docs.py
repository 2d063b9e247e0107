"""Every command and setting a user can reach is documented in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from eventline.cli import app
from eventline.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "eventline") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        if hasattr(cmd, "commands"):
            out.append(full)
            out.extend(_commands(cmd, full))
        else:
            out.append(full)
    return out


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    missing = [c for c in _commands(group) if f"`{c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert not missing, f"undocumented settings: {missing}"


def test_every_command_help_ends_with_an_example() -> None:
    group = typer.main.get_command(app)

    def walk(g):
        for cmd in g.commands.values():
            if hasattr(cmd, "commands"):
                yield from walk(cmd)
            else:
                yield cmd

    lacking = [c.name for c in walk(group) if "Example:" not in (c.help or "")]
    assert not lacking, f"commands without an Example: block: {lacking}"


def test_readme_gives_exactly_the_two_setup_commands() -> None:
    assert "make demo" in README and "make test" in README


SRC = Path(__file__).resolve().parents[1] / "src" / "eventline"


def test_the_how_it_works_table_names_modules_that_exist() -> None:
    import re

    section = README.split("## How it works", 1)[1].split("\n## ", 1)[0]
    named = [m for row in section.splitlines() if row.startswith("|")
             for m in re.findall(r"`([\w/]+(?:\.py|/))`", row.split("|")[2])]
    assert len(named) >= 15, named
    missing = [m for m in named if not (SRC / m).exists()]
    assert not missing, f"the README points at modules that are not there: {missing}"


def test_the_architecture_tree_names_modules_that_exist() -> None:
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text("utf-8")
    tree = doc.split("```", 2)[1]
    files = {name for name in re.findall(r"^\s+([\w]+\.(?:py|toml))\b", tree, re.M)}
    assert {"pipeline.py", "analysis.py", "baseline.toml"} <= files
    have = {p.name for p in SRC.rglob("*") if p.is_file()}
    assert not files - have, f"docs/architecture.md names files that are not there: {files - have}"
