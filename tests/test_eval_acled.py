"""`eventline eval acled`: scoring eventline on ACLED-format rows written here (never ACLED data)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventline.cli import app
from eventline.eval.acled import AcledFileError, evaluate_acled, format_report, read_acled, row_half

COLUMNS = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
           "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
           "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
           "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
           "source_scale", "notes", "fatalities", "timestamp", "iso3"]

# Rows in ACLED's export shape with notes written for these tests.
ROWS = [
    dict(event_id_cnty="SOM1", event_date="2019-03-02", event_type="Battles",
         sub_event_type="Non-state actor overtakes territory", actor1="Al Shabaab",
         country="Somalia", location="Kismayo", latitude="-0.3582", longitude="42.5454",
         fatalities="0",
         notes="On 2 March 2019, Al Shabaab militants seized the town of Kismayo after government "
               "troops withdrew."),
    dict(event_id_cnty="NGA1", event_date="2020-06-10", event_type="Protests",
         sub_event_type="Peaceful protest", actor1="Protesters (Nigeria)", country="Nigeria",
         location="Lagos", latitude="6.4541", longitude="3.3947", fatalities="0",
         notes="On 10 June 2020, hundreds of traders protested peacefully in Lagos against new "
               "market levies."),
    dict(event_id_cnty="MLI9", event_date="2018-01-05", event_type="Explosions/Remote violence",
         sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Mali)",
         country="Mali", location="Bamako", latitude="12.65", longitude="-8.0", fatalities="2",
         notes=""),  # no notes: not scored
]


def write_export(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    return write_export(tmp_path / "acled.csv", ROWS)


def test_rows_without_notes_are_not_scored(export: Path) -> None:
    rows = list(read_acled(export))
    assert [r.row_id for r in rows] == ["SOM1", "NGA1"]
    assert rows[0].names_place and rows[0].fatalities == 0


def test_the_coders_remarks_are_not_read_and_do_not_name_the_place(tmp_path: Path) -> None:
    remarked = dict(ROWS[0], event_id_cnty="NER4", location="Tera", country="Niger",
                    notes="On 4 May 2021, gunmen ambushed a convoy on the road from Tera to Dori "
                          "(coded as Tera at geoprecision 2). [fatalities coded as 3]")
    named = dict(remarked, event_id_cnty="NER5",
                 notes="On 5 May 2021, gunmen ambushed a convoy near Tera (coded as Tera at "
                       "geoprecision 2).")
    rows = {r.row_id: r for r in read_acled(write_export(tmp_path / "r.csv", [remarked, named]))}
    assert rows["NER4"].notes == "On 4 May 2021, gunmen ambushed a convoy on the road from Tera to Dori."
    assert rows["NER5"].notes == "On 5 May 2021, gunmen ambushed a convoy near Tera."
    assert rows["NER4"].names_place and rows["NER5"].names_place
    only_remark = dict(remarked, event_id_cnty="NER6", notes="Gunmen ambushed a convoy on a "
                       "rural road (coded as Tera at geoprecision 2).")
    (row,) = read_acled(write_export(tmp_path / "o.csv", [only_remark]))
    assert not row.names_place and "coded" not in row.notes


def test_halves_split_the_rows_stably_and_completely(tmp_path: Path) -> None:
    many = [dict(ROWS[1], event_id_cnty=f"NGA{i}") for i in range(40)]
    path = write_export(tmp_path / "many.csv", many)
    one = {r.row_id for r in read_acled(path, half=1)}
    two = {r.row_id for r in read_acled(path, half=2)}
    assert one and two and not one & two and len(one | two) == 40
    assert {row_half(r) for r in read_acled(path, half=1)} == {1}


def test_a_fake_extractor_is_scored_field_by_field(export: Path) -> None:
    import eventline

    real = eventline.extract(ROWS[0]["notes"], published="2019-03-02", source="ACLED")
    assert real, "the real extractor finds the takeover"

    def fake(notes: str, published: str):
        return real if "Kismayo" in notes else []

    result = evaluate_acled(export, extractor=fake)
    assert result.rows == 2
    assert (result.found.correct, result.found.total) == (1, 2)
    assert result.confusion[("Peaceful protest", "(none)")] == 1
    report = format_report(result)
    assert "an event found" in report and "Peaceful protest -> (none)" in report


def test_the_real_extractor_codes_a_takeover_note(export: Path) -> None:
    result = evaluate_acled(export)
    assert result.event_type.correct >= 1
    data = result.as_dict()
    assert data["rows"] == 2 and 0 <= data["event_type"]["ratio"] <= 1


def test_cli_prints_scores_and_json(export: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["eval", "acled", str(export), "--json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["rows"] == 2 and "confusion" in data
    text = runner.invoke(app, ["eval", "acled", str(export)], catch_exceptions=False)
    assert "ACLED rows: 2" in text.stdout and "sub-event type" in text.stdout


def test_a_file_that_is_not_an_acled_export_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,value\na,1\n", encoding="utf-8")
    with pytest.raises(AcledFileError) as info:
        list(read_acled(path))
    assert "does not look like an ACLED export" in str(info.value)
    out = CliRunner().invoke(app, ["eval", "acled", str(path)])
    assert out.exit_code == 1 and "E020" in out.output
    missing = CliRunner().invoke(app, ["eval", "acled", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1 and "could not be read" in " ".join(missing.output.split())
