"""`python benchmarks/...py` as the README writes it works from a Python without eventline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_benchmark_restarts_with_the_venv_python() -> None:
    base = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin") or getattr(
        sys, "_base_executable", None)
    if not base or subprocess.run([base, "-c", "import eventline"],
                                  capture_output=True).returncode == 0:
        pytest.skip("no Python without eventline on this machine")
    if not (REPO / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in this checkout")
    # export_memory imports eventline at the top: without the restart this is a
    # ModuleNotFoundError
    done = subprocess.run([base, "benchmarks/export_memory.py", "--help"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ModuleNotFoundError" not in done.stderr and "usage" in done.stdout.lower()
