"""The command line: exit codes, messages and outputs a user sees."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventline.cli import app
from eventline.errors import NoInputRead
from eventline.models import EVENT_CONTRACT_KEYS

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
runner = CliRunner()


def invoke(*args: str, input: str | None = None):  # noqa: A002
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory, geonames_dir: Path) -> Path:
    import os

    os.environ["EVENTLINE_GEONAMES"] = str(geonames_dir)
    db = tmp_path_factory.mktemp("cli") / "eventline.db"
    result = invoke("run", str(EXAMPLES), "--manifest", str(EXAMPLES / "manifest.csv"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "events in" in result.output and "articles read" in result.output
    return db


def test_run_prints_a_table_and_a_summary(example_db: Path) -> None:
    result = invoke("events", "--db", str(example_db))
    assert result.exit_code == 0
    assert "Kidal" in result.output and "Battles" in result.output


def test_export_jsonl_follows_the_data_contract(example_db: Path) -> None:
    result = invoke("export", "--db", str(example_db), "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows
    for row in rows:
        assert tuple(row)[: len(EVENT_CONTRACT_KEYS)] == EVENT_CONTRACT_KEYS
        assert row["sources"] and {"doc", "source", "url", "published", "quote", "start", "end"} <= set(row["sources"][0])


def test_export_acled_csv_to_a_file(example_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = invoke("export", "--db", str(example_db), "--format", "acled-csv", "--out", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and rows[0]["event_id_cnty"].startswith("MLI")
    assert {"event_type", "sub_event_type", "actor1", "interaction", "fatalities"} <= set(rows[0])


def test_export_geojson_points(example_db: Path) -> None:
    result = invoke("export", "--db", str(example_db), "--format", "geojson", "--out", "-")
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection"
    points = [f for f in data["features"] if f["geometry"]]
    assert points and all(-20 < f["geometry"]["coordinates"][0] < 20 for f in points)


def test_one_event_reported_by_two_outlets_has_two_sources(example_db: Path) -> None:
    result = invoke("export", "--db", str(example_db), "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    kidal = [r for r in rows if r["location"] == "Kidal" and r["event_date"] == "2012-03-30"]
    assert len(kidal) == 1
    assert {s["source"] for s in kidal[0]["sources"]} == {"Sahel Monitor", "West Africa Wire"}


def test_extract_reads_stdin_and_prints_jsonl() -> None:
    result = invoke("extract", "-", "--published", "2015-12-29", "--source", "Wire",
                    input="Iraqi forces retook the city of Ramadi from Islamic State militants on Monday.")
    assert result.exit_code == 0
    row = json.loads(result.stdout.splitlines()[0])
    assert row["sub_event_type"] == "Government regains territory"
    assert row["event_date"] == "2015-12-28"
    assert row["sources"][0]["source"] == "Wire"


def test_dates_and_places_commands_print_jsonl() -> None:
    dates = invoke("dates", "-", "--published", "2013-01-21", input="On Saturday, a crowd gathered.")
    assert json.loads(dates.stdout.splitlines()[0])["value"] == "2013-01-19"
    places = invoke("places", "-", input="Fighting broke out north of Gao, in northern Mali.")
    rows = [json.loads(line) for line in places.stdout.splitlines()]
    gao = next(r for r in rows if r["text"] == "Gao")
    assert gao["country"] == "Mali" and gao["geo_precision"] == 2


def test_eval_prints_scores_and_json(example_db: Path, gold_file: Path) -> None:
    text = invoke("eval", "--gold", str(gold_file), "--db", str(example_db))
    assert text.exit_code == 0 and "precision" in text.stdout and "recall" in text.stdout
    data = json.loads(invoke("eval", "--gold", str(gold_file), "--db", str(example_db), "--json").stdout)
    assert {"precision", "recall", "f1"} <= set(data)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("run", "no/such/folder"), "does not exist"),
        (("run", str(EXAMPLES), "--manifest", "no/such/manifest.csv"), "manifest"),
        (("events", "--db", "no/such.db"), "No database"),
        (("export", "--db", "no/such.db", "--format", "jsonl"), "No database"),
        (("eval", "--gold", "no/such.jsonl", "--db", "no/such.db"), "No database"),
    ],
)
def test_bad_arguments_give_a_clear_error_and_a_nonzero_exit(args: tuple[str, ...], message: str,
                                                             tmp_path: Path) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code != 0
    assert "Error:" in result.output and message.lower() in result.output.lower()
    assert "Traceback" not in result.output


def test_unknown_export_format_is_refused(example_db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(example_db), "--format", "xlsx"])
    assert result.exit_code != 0 and "Error:" in result.output


def test_nothing_readable_exits_with_1(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert f"[{NoInputRead.code}] nothing could be read" in result.output


def test_an_unknown_engine_is_refused_before_a_database_is_made(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(EXAMPLES), "--engine", "spark",
                                 "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "Unknown engine 'spark'" in result.output and "--engine serial" in result.output
    assert not (tmp_path / "x.db").exists()


def test_report_writes_a_self_contained_html_file(example_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("report", "--db", str(example_db), "--out", str(out))
    assert result.exit_code == 0 and out.is_file()
    html = out.read_text(encoding="utf-8")
    assert "<script" in html and "Kidal" in html
    assert "unpkg.com" not in html and "cdn" not in html.lower()


def test_serve_refuses_to_bind_beyond_localhost_without_a_token(example_db: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(example_db), "--host", "0.0.0.0"],
                           env={"EVENTLINE_TOKEN": ""})
    assert result.exit_code != 0 and "token" in result.output.lower()


def test_bracketed_text_in_event_fields_is_shown_not_read_as_markup(tmp_path: Path) -> None:
    from rich.console import Console

    from eventline.cli import _events_table
    from eventline.models import Event

    event = Event(
        event_id="x", event_date="2020-01-01", date_end=None, time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="[bold]Group[/bold]",
        assoc_actor_1=(), inter1=2, actor2=None, assoc_actor_2=(), inter2=None, country="Mali",
        admin1=None, admin2=None, location="[red]Gao", latitude=None, longitude=None,
        geo_precision=None, fatalities=0, fatalities_low=None, fatalities_best=None,
        fatalities_high=None, confidence=0.5, notes="", sources=(),
    )
    console = Console(width=200, record=True)
    console.print(_events_table([event], "t"))
    text = console.export_text()
    assert "[bold]Group[/bold]" in text and "[red]Gao" in text
