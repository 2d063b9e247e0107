"""What a user sees in a terminal: tables that fit, --show, the progress bar, help, --version."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from eventline.cli import app
from eventline.models import Event
from eventline.terminal import EVENT_COLUMNS, count_records, events_table

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
runner = CliRunner()

LONG = "MNLA: National Movement for the Liberation of Azawad"


def event(i: int) -> Event:
    return Event(
        event_id=f"e{i}", event_date="2012-03-30", date_end="2012-04-02", time_precision=2,
        event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance",
        actor1=LONG, assoc_actor_1=(), inter1=2, actor2="Civilians (Mali)", assoc_actor_2=(),
        inter2=7, country="Mali", admin1="Gao", admin2=None, location="Tessalit",
        latitude=20.2, longitude=1.0, geo_precision=1, fatalities=3, fatalities_low=3,
        fatalities_best=3, fatalities_high=3, confidence=0.5, notes="", sources=(),
    )


def render(width: int, *, terminal: bool) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=terminal, color_system=None)
    console.print(events_table([event(i) for i in range(3)], total_width=width,
                               ascii_only=not terminal))
    return buf.getvalue()


def words_of(text: str) -> set[str]:
    return set(re.split(r"[\s|│┃┆]+", text))


@pytest.mark.parametrize("terminal", [True, False])
def test_table_fits_80_columns_and_never_breaks_a_word(terminal: bool) -> None:
    text = render(80, terminal=terminal)
    assert max(len(line) for line in text.splitlines()) <= 80
    seen = words_of(text)
    for word in (*LONG.split(), "Violence", "civilians", "Tessalit", "2012-03-30..04-02"):
        assert word in seen, word  # whole, never "Liberat" + "ion"
    # low-value columns went first; the date, type, place and actor stayed
    assert "src" not in seen and "actor 2" not in text
    assert {"date", "type", "location"} <= seen


def test_table_at_200_columns_shows_every_column() -> None:
    text = render(200, terminal=True)
    assert max(len(line) for line in text.splitlines()) <= 200
    for col in EVENT_COLUMNS:
        assert col.header in text
    assert LONG in text  # wide enough: the name on one line


def test_piped_events_follow_columns_and_draw_ascii(tmp_path: Path) -> None:
    from test_export import fill

    db = fill(tmp_path / "t.db", [event(i) for i in range(3)])
    for width in (80, 200):
        result = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert max(len(line) for line in lines) <= width
        assert "┃" not in result.output and "+--" in result.output  # plain ASCII in a pipe
        assert "\x1b[" not in result.output  # no colour codes in a file
    wide = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "200"}).output
    assert "actor 2" in wide and "actor 2" not in runner.invoke(
        app, ["events", "--db", str(db)], env={"COLUMNS": "80"}).output
    unset = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": None}).output
    assert max(len(line) for line in unset.splitlines()) <= 120  # a pipe: 120, not 180


def test_events_filters_and_json_csv(tmp_path: Path) -> None:
    from test_export import fill, make_event

    db = fill(tmp_path / "f.db", [make_event("a", event_date="2012-01-10"),
                                  make_event("b", event_date="2012-02-10", country="Niger")])
    out = runner.invoke(app, ["events", "--db", str(db), "--json", "--country", "Niger"]).output
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == ["b"]
    csv_out = runner.invoke(app, ["events", "--db", str(db), "--csv", "--until", "2012-01-31"])
    assert csv_out.output.splitlines()[0].startswith("event_id_cnty,event_date,year")
    assert len(csv_out.output.splitlines()) == 2
    none = runner.invoke(app, ["events", "--db", str(db), "--type", "Riots"])
    assert none.exit_code == 0 and "No events match these filters." in none.output


def test_jsonl_progress_counts_records(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": f"Note {i}.", "published": "2012-03-01"}) + "\n"
                            for i in range(400)), encoding="utf-8")
    assert count_records([str(feed)]) == 400
    files = [f for f in EXAMPLES.iterdir() if f.suffix in (".txt", ".html")]
    records = sum(1 for line in (EXAMPLES / "news-feed_2012.jsonl").open() if line.strip())
    assert count_records([str(EXAMPLES)]) == len(files) + records  # manifest.csv not counted
    assert count_records(["-"]) is None
    result = runner.invoke(app, ["run", str(feed), "--db", str(tmp_path / "j.db")],
                           env={"COLUMNS": "120"})
    # every record is too short to be an article: all skipped, and counted one by one
    assert "400/400" in result.stderr and "/s" in result.stderr and "left" in result.stderr
    assert "74/1" not in result.stderr and "400/1" not in result.stderr
    said = " ".join(result.stdout.split())
    # the first records of a file are listed one by one, the rest summed up in one row
    assert result.stdout.count("skipped /") == 6 and "395 more records of this file" in said


def test_run_prints_summary_first_rows_and_where_the_rest_is(tmp_path: Path,
                                                             geonames_dir: Path) -> None:
    db = tmp_path / "r.db"
    result = runner.invoke(app, ["run", str(EXAMPLES), "--manifest", str(EXAMPLES / "manifest.csv"),
                                 "--db", str(db), "--show", "2"],
                           env={"COLUMNS": "80", "EVENTLINE_GEONAMES": str(geonames_dir)})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("articles read") < out.index("the first 2 of")
    assert re.search(r"\d+ more: eventline events --db", out)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert out.count("\n") < 60  # not every event


def test_version_and_help_read_well() -> None:
    from eventline import __version__

    assert runner.invoke(app, ["--version"]).output.strip() == f"eventline {__version__}"
    env = {"COLUMNS": "120"}
    top = runner.invoke(app, ["--help"], env=env).output
    assert "Example" in top and "eventline run" in top
    for sub in (["eval", "--help"], ["gazetteer", "--help"]):
        assert "Example" in runner.invoke(app, sub, env=env).output
    export = runner.invoke(app, ["export", "--help"], env=env).output
    assert "[jsonl|acled-csv|geojson|parquet]" in export  # the choices are listed
    assert "<bool>" not in export and "<str>" not in export and "FILE" in export
    run_help = runner.invoke(app, ["run", "--help"], env=env).output
    assert "[serial|dask]" in run_help and "<list[str]>" not in run_help and "<bool>" not in run_help
    for name in ("places", "dates", "wikievents"):
        text = runner.invoke(app, ["eval", name, "--help"], env=env).output
        assert "Print the scores as JSON" in text and "Only the first N" in text, name


def test_errors_a_user_can_act_on(tmp_path: Path) -> None:
    import socket
    import sqlite3

    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    result = runner.invoke(app, ["export", "--db", str(other), "--format", "acled-csv"])
    said = " ".join(result.stderr.split())  # the console wraps long lines
    assert result.exit_code == 1 and "[E005]" in said
    assert "is not an eventline database" in said and "disk has room" not in said
    assert result.stdout == ""  # no CSV header before the error
    bad_date = runner.invoke(app, ["dates", "-", "--published", "31/03/2012"], input="Saturday.")
    assert bad_date.exit_code == 1 and "[E030]" in bad_date.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        db = tmp_path / "t.db"
        from test_export import fill

        fill(db, [])
        served = runner.invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert served.exit_code == 1 and "[E031]" in served.stderr
    assert "http://" not in served.output  # no URL for a server that never started


def test_extract_says_when_it_finds_nothing() -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "2012-03-31"],
                           input="The weather was pleasant and the market was busy.")
    assert result.exit_code == 0 and result.stdout == ""
    assert "No events found in the text on standard input." in " ".join(result.stderr.split())


def test_warc_progress_counts_response_records(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(3):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=BytesIO(b"<p>x</p>"),
                http_headers=headers))
        writer.write_record(writer.create_warc_record("https://news.example/0", "request",
                                                      payload=BytesIO(b"GET / HTTP/1.0\r\n\r\n")))
    assert count_records([str(path)]) == 3  # responses only: requests are no articles
