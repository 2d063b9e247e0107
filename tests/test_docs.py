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
