"""Event arguments (place, country, fatalities, actors, spans) on sentences written for these
tests, from several conflicts: what an ACLED coder would record for each."""

from __future__ import annotations

import pytest

import eventline
from eventline.eval.events import normalise_name


def events_of(text: str, published: str | None = "2021-03-10") -> list[eventline.Event]:
    return eventline.extract(text, published=published, source="Test Wire")


def first(text: str, published: str | None = "2021-03-10") -> eventline.Event:
    events = events_of(text, published)
    assert events, f"no event in {text!r}"
    return min(events, key=lambda e: min(s.start for s in e.sources))


# --------------------------------------------------------------------------- nationality vs place


@pytest.mark.parametrize(
    ("text", "location", "country"),
    [
        ("Unknown gunmen shot dead a Turkish engineer in Asadabad on Tuesday.",
         "Asadabad", "Afghanistan"),
        ("Two Canadian tourists were abducted by gunmen in Timbuktu on Sunday.",
         "Timbuktu", "Mali"),
        ("Rwandan soldiers clashed with rebels near Goma on Thursday.",
         "Goma", "Democratic Republic of Congo"),
        ("A German aid worker was killed when gunmen attacked a convoy near Mosul on Friday.",
         "Mosul", "Iraq"),
        ("Ethiopian troops shelled militant positions outside Beledweyne on Monday.",
         "Beledweyne", "Somalia"),
        ("Three Chinese miners were kidnapped by armed men near Bambari on Wednesday.",
         "Bambari", "Central African Republic"),
    ],
)
def test_a_nationality_never_sets_the_place_when_a_place_is_named(text, location, country):
    event = first(text)
    assert event.country == country
    assert normalise_name(event.location) == normalise_name(location)


def test_a_nationality_alone_still_gives_the_country():
    # no place named at all: the soldiers' nationality is the best evidence there is
    event = first("Nigerian soldiers clashed with Boko Haram fighters on Monday.")
    assert event.country == "Nigeria"


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # the wounded are never added to the dead, however the clause is built
        ("Militants ambushed a police patrol near Peshawar on Sunday, killing at least 6 "
         "officers and injuring 40.", 6),
        ("A car bomb exploded outside a hotel in Mogadishu on Saturday; 9 were killed and "
         "31 injured.", 9),
        ("Gunmen attacked a checkpoint in Maiduguri on Monday, killing more than 12 and "
         "wounding 25.", 12),
        # the count is the subject of the death verb, however far the verb comes after it
        ("Rebels raided a camp near Bunia on Friday. Seven people, among them two women "
         "and a young boy, were killed.", 7),
    ],
)
def test_the_dead_are_counted_apart_from_the_wounded(text, dead):
    assert first(text).fatalities == dead


# --------------------------------------------------------------------------- spans


def test_a_span_of_days_keeps_its_end_and_precision_2_in_every_export(tmp_path):
    import csv
    import json

    from eventline.export import export_events, read_events
    from eventline.models import Article
    from eventline.store import Store

    text = "Government troops fought rebels near Kidal between 26 and 28 June."
    event = first(text, "2013-07-01")
    assert (event.event_date, event.date_end, event.time_precision) == ("2013-06-26", "2013-06-28", 2)
    db = tmp_path / "span.db"
    with Store(db) as store:
        run = store.begin_run(args={})
        store.save_article(run, Article(doc_id="d", name="a.txt", path="a.txt", text=text),
                           upsert=[event])
        stored = store.get_event(event.event_id)
    assert (stored.date_end, stored.time_precision) == ("2013-06-28", 2)
    export_events(db, "jsonl", tmp_path / "e.jsonl")
    row = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (row["date_end"], row["time_precision"]) == ("2013-06-28", 2)
    export_events(db, "acled-csv", tmp_path / "e.csv", extras=True)
    with (tmp_path / "e.csv").open(encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert (row["date_end"], row["time_precision"]) == ("2013-06-28", "2")
    export_events(db, "geojson", tmp_path / "e.geojson")
    props = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"][0]["properties"]
    assert (props["date_end"], props["time_precision"]) == ("2013-06-28", 2)
    pytest.importorskip("pyarrow")
    export_events(db, "parquet", tmp_path / "e.parquet")
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "e.parquet")
    assert str(frame["date_end"][0])[:10] == "2013-06-28" and int(frame["time_precision"][0]) == 2
    assert int(read_events(db)["time_precision"][0]) == 2


def test_a_single_day_stays_precision_1():
    event = first("Government troops fought rebels near Kidal on 26 June.", "2013-07-01")
    assert (event.event_date, event.date_end, event.time_precision) == ("2013-06-26", None, 1)


# --------------------------------------------------------------------------- actors


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # the event is the subject of a passive verb whose agent did it
        ("The ambush of an army convoy near Diffa on Sunday was carried out by Boko Haram "
         "fighters.", "Boko Haram"),
        ("The attack on a police station in Beni on Thursday was perpetrated by ADF rebels.",
         "ADF"),
        ("A suicide bombing struck a checkpoint in Kabul on Tuesday. The bombing was claimed "
         "by the Taliban.", "Taliban"),
    ],
)
def test_the_agent_of_a_claimed_or_perpetrated_event_is_its_actor1(text, actor1):
    event = first(text)
    assert event.actor1 is not None and event.actor1.startswith(actor1)


# --------------------------------------------------------------------------- X near Y


@pytest.mark.parametrize(
    ("text", "location", "country"),
    [
        # the only reading the gazetteer has for the village is a city on another continent:
        # the event is placed at the town it is said to be near
        ("Militants raided the village of Toledo near Kandahar on Monday.",
         "Kandahar", "Afghanistan"),
        ("Gunmen killed two farmers in Cordoba, 30 km east of Maiduguri, on Sunday.",
         "Maiduguri", "Nigeria"),
        ("Rebels attacked the village of Florence, north of Bunia, on Tuesday.",
         "Bunia", "Democratic Republic of Congo"),
    ],
)
def test_a_name_read_far_from_the_town_it_is_near_gives_way_to_that_town(text, location, country):
    event = first(text)
    assert (normalise_name(event.location), event.country) == (normalise_name(location), country)
    assert event.geo_precision == 2


def test_a_place_near_a_town_close_by_keeps_its_own_name():
    event = first("Soldiers clashed with militants in Marka near Mogadishu on Monday.")
    assert normalise_name(event.location) == "marka" and event.geo_precision == 1



# --------------------------------------------------------------------------- tallies


@pytest.mark.parametrize(
    "text",
    [
        "More than 3,000 people have been killed since the insurgency began, a monitoring "
        "group said on Monday.",
        "At least 450 civilians have died in the conflict so far this year, the United Nations "
        "said on Thursday.",
    ],
)
def test_a_running_total_is_no_incident(text):
    assert events_of(text) == []
