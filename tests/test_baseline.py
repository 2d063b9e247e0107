"""The score floors have one home (eval/baseline.toml) and are never lowered silently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from eventline.eval import baseline

REPO = Path(__file__).resolve().parents[1]
RELATIVE = baseline.PATH.resolve().relative_to(REPO).as_posix()


def _committed_versions() -> list[str]:
    """Texts of every committed version of the baseline along the main line (first parents:
    branches worked side by side may each have held other floors before they were merged),
    oldest first (empty outside git)."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        return []
    log = subprocess.run(["git", "log", "--first-parent", "--format=%H", "--", RELATIVE], cwd=REPO,
                         capture_output=True, text=True)
    if log.returncode != 0:
        return []
    texts = []
    for commit in reversed(log.stdout.split()):
        shown = subprocess.run(["git", "show", f"{commit}:{RELATIVE}"], cwd=REPO,
                               capture_output=True, text=True)
        if shown.returncode == 0:
            texts.append(shown.stdout)
    return texts


def lowered_floors(old: str, new: str) -> list[str]:
    """Floors of ``old`` that ``new`` lowers or drops without naming them in [lowered]."""
    before, after, why = baseline.parse(old), baseline.parse(new), baseline.lowered(new)
    out = []
    for section, table in before.items():
        for key, floor in table.items():
            now = after.get(section, {}).get(key)
            if (now is None or now < floor) and f"{section}.{key}" not in why:
                out.append(f"{section}.{key}: {floor} -> {now}")
    return out


def test_every_floor_is_a_share() -> None:
    for section, table in baseline.parse(baseline.PATH.read_text(encoding="utf-8")).items():
        assert table, section
        for key, floor in table.items():
            assert 0.0 < floor <= 1.0, f"{section}.{key} = {floor}"


def test_a_lowered_floor_is_caught_unless_it_says_why() -> None:
    old = "[events_sample]\nrecall = 0.85\nprecision = 0.75\n"
    assert lowered_floors(old, "[events_sample]\nrecall = 0.9\nprecision = 0.75\n") == []
    assert lowered_floors(old, "[events_sample]\nrecall = 0.8\nprecision = 0.75\n") == [
        "events_sample.recall: 0.85 -> 0.8"]
    assert lowered_floors(old, "[events_sample]\nrecall = 0.85\n") == [
        "events_sample.precision: 0.75 -> None"]
    noted = ('[events_sample]\nrecall = 0.8\nprecision = 0.75\n'
             '[lowered]\n"events_sample.recall" = "gold file re-coded: 3 events split"\n')
    assert lowered_floors(old, noted) == []


def test_no_floor_went_down_since_it_was_first_committed() -> None:
    versions = _committed_versions()
    if not versions:
        pytest.skip("not a git checkout: nothing to compare the baseline with")
    versions.append(baseline.PATH.read_text(encoding="utf-8"))  # the working tree too
    for old, new in zip(versions, versions[1:]):
        assert lowered_floors(old, new) == [], "a floor was lowered: raise the score instead"


def test_every_floor_is_enforced_by_a_test() -> None:
    sections = baseline.parse(baseline.PATH.read_text(encoding="utf-8"))
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")
                    if p.name != "test_baseline.py")
    orphans = [s for s in sections if f'"{s}"' not in tests]
    assert not orphans, f"floors no test reads: {orphans}"
