"""Run a benchmark with the Python that has eventline installed.

The README writes ``python benchmarks/throughput.py``: when that ``python`` has no
eventline (a system Python), the script restarts itself with the checkout's
``.venv/bin/python`` (made by ``make install``), or says how to get one.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

if importlib.util.find_spec("eventline") is None:
    venv = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "python"
    if venv.exists() and Path(sys.executable).absolute() != venv.absolute():
        os.execv(str(venv), [str(venv), *sys.argv])
    sys.exit("eventline is not installed for this Python. Run `make install` in the checkout, "
             "then run the benchmark again (or with .venv/bin/python).")
