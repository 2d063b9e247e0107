"""Event arguments (place, country, fatalities, actors, spans) on sentences written for these
tests, from several conflicts: what an ACLED coder would record for each."""

from __future__ import annotations

import pytest

import eventline
from eventline.evaluate import normalise_name


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

