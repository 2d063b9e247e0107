"""eventline compare: matched / only ACLED / only eventline, by type and month."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from test_export import fill, make_event
from typer.testing import CliRunner

from eventline.cli import app
from eventline.eval.compare import compare_acled, read_reference

# An ACLED-format export written here (never real ACLED data): three Mali events and one
# in Niger, which the database does not cover.
ROWS = [
    {"event_id_cnty": "MLI1", "event_date": "2012-03-30", "time_precision": "1",
     "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "MNLA",
     "country": "Mali", "location": "Gao", "latitude": "16.2717", "longitude": "-0.0447"},
    {"event_id_cnty": "MLI2", "event_date": "2012-03-31", "time_precision": "1",
     "event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": "X",
     "country": "Mali", "location": "Kidal", "latitude": "18.4411", "longitude": "1.4078"},
    {"event_id_cnty": "MLI3", "event_date": "2012-04-20", "time_precision": "1",
     "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Y",
     "country": "Mali", "location": "Timbuktu", "latitude": "16.7735", "longitude": "-3.0074"},
    {"event_id_cnty": "NER1", "event_date": "2012-03-30", "time_precision": "1",
     "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Z",
     "country": "Niger", "location": "Niamey", "latitude": "13.5", "longitude": "2.1"},
]


def write_acled(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    return path


def make_db(tmp_path: Path) -> Path:
    return fill(tmp_path / "ev.db", [
        make_event("gao"),  # Battles at Gao on 2012-03-30: matches MLI1
        make_event("bamako", event_date="2012-04-05", location="Bamako", latitude=12.65,
                   longitude=-8.0),  # nothing in ACLED: only eventline
    ])


def test_compare_counts_by_type_and_month(tmp_path: Path) -> None:
    result = compare_acled(write_acled(tmp_path / "acled.csv"), make_db(tmp_path))
    assert result.countries == ["Mali"]  # Niger: only in the export, left out
    assert (result.since, result.until) == ("2012-03-30", "2012-04-05")  # both cover
    assert result.acled_rows == 2  # MLI3 (2012-04-20) lies after the database's last event
    assert result.totals() == {"matched": 1, "only_acled": 1, "only_eventline": 1}
    rows = {(r["event_type"], r["month"]): r for r in result.rows()}
    assert rows[("Battles", "2012-03")]["matched"] == 1
    assert rows[("Violence against civilians", "2012-03")]["only_acled"] == 1
    assert rows[("Battles", "2012-04")]["only_eventline"] == 1


def test_compare_cli_table_json_csv(tmp_path: Path) -> None:
    acled, db = write_acled(tmp_path / "acled.csv"), make_db(tmp_path)
    runner = CliRunner()
    table = runner.invoke(app, ["compare", "--acled", str(acled), "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "only ACLED" in table.output and "found 1 of 2 ACLED events" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 80
    data = json.loads(runner.invoke(app, ["compare", "--acled", str(acled), "--db", str(db),
                                          "--json"]).output)
    assert data["totals"] == {"matched": 1, "only_acled": 1, "only_eventline": 1}
    out = runner.invoke(app, ["compare", "--acled", str(acled), "--db", str(db), "--csv",
                              "--until", "2012-03-31"]).output
    assert out.splitlines()[0] == "event_type,month,matched,only_acled,only_eventline"
    assert "Battles,2012-03,1,0,0" in out.splitlines()
    bad = runner.invoke(app, ["compare", "--acled", str(acled), "--db", str(db),
                              "--since", "31/03/2012"])
    assert bad.exit_code == 1 and "[E030]" in bad.output


def test_reference_rejects_a_file_without_acled_columns(tmp_path: Path) -> None:
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n")
    import pytest

    from eventline.errors import AcledFileError

    with pytest.raises(AcledFileError, match="does not look like an ACLED export"):
        read_reference(other)
