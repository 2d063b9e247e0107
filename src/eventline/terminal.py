"""Terminal output: tables that fit the width, and a progress bar that counts records.

- Width: ``COLUMNS`` when set (also for piped output), else the terminal's
  width, else 120 for a pipe or a file.
- A table too wide for the width loses its low-value columns first (each
  column has a rank), and a cell wraps only between words: a word longer than
  its column ends in an ellipsis, it is never cut in two lines.
- Piped output has no colour and draws its rules in ASCII.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.progress import ProgressColumn, Task
from rich.table import Table
from rich.text import Text

PIPE_WIDTH = 120
_MAX_WORD = 28  # a longer word (a URL) is shortened with an ellipsis instead
_COMFORT = 16


def width(stream: Any = None) -> int:
    """Columns available: ``COLUMNS``, the terminal's size, or :data:`PIPE_WIDTH`."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    stream = stream if stream is not None else sys.stdout
    if hasattr(stream, "isatty") and stream.isatty():
        return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return PIPE_WIDTH


def console(stream: Any = None, *, stderr: bool = False) -> Console:
    """A Console sized by :func:`width`; plain (no colour) when not a terminal."""
    target = stream if stream is not None else (sys.stderr if stderr else sys.stdout)
    tty = hasattr(target, "isatty") and target.isatty()
    return Console(file=stream, stderr=stderr, width=width(target), no_color=not tty,
                   highlight=False, emoji=False)


@dataclass(frozen=True)
class Column:
    header: str
    rank: int  # 1 is kept longest; the highest rank is dropped first
    justify: str = "left"


def fit_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], *, total_width: int,
              title: str | None = None, ascii_only: bool = False) -> Table:
    """A Table of ``rows`` that fits ``total_width``: low-rank columns dropped first,
    cells wrapped only at spaces."""
    keep = list(range(len(columns)))

    def longest_word(i: int) -> int:
        words = [w for r in rows for w in r[i].split()] + columns[i].header.split()
        return min(_MAX_WORD, max((len(w) for w in words), default=1))

    def natural(i: int) -> int:
        return max([len(columns[i].header), *(len(r[i]) for r in rows)])

    def narrowest(i: int) -> int:
        # its longest word (a word never breaks), and room for two or three words a line:
        # a column squeezed narrower wraps into a tall, unreadable cell
        return min(natural(i), max(longest_word(i), _COMFORT))

    def needed(cols: list[int]) -> int:
        return sum(narrowest(i) for i in cols) + 3 * len(cols) + 1  # 3: padding and rule

    while len(keep) > 1 and needed(keep) > total_width:
        keep.remove(max(keep, key=lambda i: columns[i].rank))
    table = Table(title=title, header_style="bold", box=box.ASCII if ascii_only else box.SQUARE,
                  safe_box=ascii_only)
    for i in keep:
        table.add_column(columns[i].header, justify=columns[i].justify,  # type: ignore[arg-type]
                         min_width=min(longest_word(i), natural(i)), overflow="ellipsis")
    for r in rows:
        table.add_row(*(Text(shown(r[i])) for i in keep))  # never markup, never control codes
    return table


EVENT_COLUMNS = (
    Column("date", 1), Column("type", 2), Column("sub-type", 6), Column("actor 1", 4),
    Column("actor 2", 7), Column("location", 3), Column("fatal.", 5, "right"),
    Column("src", 8, "right"),
)


def event_cells(e: Any) -> list[str]:
    """The table cells of one event (the order of :data:`EVENT_COLUMNS`)."""
    date = e.event_date or "?"
    if e.date_end:
        date += f"..{e.date_end[5:]}"
    fatal = str(e.fatalities) if e.fatalities_best is not None else ""
    return [date, e.event_type, e.sub_event_type, e.actor1 or "", e.actor2 or "",
            e.location or e.country or "", fatal, str(len(e.sources))]


def events_table(events: Sequence[Any], *, total_width: int, title: str | None = None,
                 ascii_only: bool = False) -> Table:
    return fit_table(EVENT_COLUMNS, [event_cells(e) for e in events], total_width=total_width,
                     title=title, ascii_only=ascii_only)


# --------------------------------------------------------------------------- progress


class RateColumn(ProgressColumn):
    """Records a second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


def count_records(paths: Sequence[str]) -> int | None:
    """Articles the inputs hold, for the progress bar: files, JSONL lines, WARC responses.

    None when unknown (standard input, a URL).
    """
    n = 0
    for p in paths:
        if p == "-" or "://" in p:
            return None
        path = Path(p)
        files = ([f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path])
        for f in files:
            name = f.name.lower()
            if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
                n += _lines(f)
            elif name.endswith((".warc", ".warc.gz")):
                n += _warc_responses(f)
            elif path.is_dir() and f.suffix.lower() not in {".txt", ".html", ".htm", ".gz",
                                                             ".text", ".md"}:
                continue
            else:
                n += 1
    return n or None


def _open(f: Path) -> Any:
    return gzip.open(f, "rb") if f.name.lower().endswith(".gz") else f.open("rb")


def _lines(f: Path) -> int:
    try:
        with _open(f) as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def _warc_responses(f: Path) -> int:
    try:
        with _open(f) as fh:
            return max(1, sum(1 for line in fh if line.startswith((b"WARC-Type: response",
                                                                   b"WARC-Type: resource"))))
    except OSError:
        return 1


def shown(text: Any) -> str:
    """``text`` safe to print to a terminal: control characters (ESC of ANSI sequences,
    OSC titles, C1 codes, newlines inside a name) written as escapes like ``\\x1b``.

    File names and article fields are untrusted; printed raw, ``ESC[2J`` clears the
    user's screen.
    """
    import unicodedata

    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch == " " or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
                   else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for ch in text)
