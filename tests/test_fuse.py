"""Fusion: one incident from many reports, distinct incidents kept apart, conflicts kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventline.fuse import fuse_events, merge, same_incident
from eventline.models import Event, FieldValue, Source

GAO = (16.2717, -0.0447)
KIDAL = (18.4411, 1.4078)
NEAR_GAO = (16.35, -0.05)  # ~9 km north


def make_event(
    eid: str,
    *,
    date: str = "2013-01-19",
    precision: int = 1,
    etype: str = "Battles",
    sub: str = "Armed clash",
    actor1: str | None = "MNLA: National Movement for the Liberation of Azawad",
    actor2: str | None = None,
    location: str | None = "Gao",
    point: tuple[float, float] | None = GAO,
    geo_precision: int = 1,
    fatalities: tuple[int | None, int | None, int | None] = (None, None, None),
    doc: str = "a.txt",
) -> Event:
    low, best, high = fatalities
    values = [FieldValue("event_date", date, doc)]
    if best is not None:
        values.append(FieldValue("fatalities", [low, best, high], doc))
    return Event(
        event_id=eid, event_date=date, date_end=None, time_precision=precision,
        event_type=etype, sub_event_type=sub, actor1=actor1, assoc_actor_1=(), inter1=2,
        actor2=actor2, assoc_actor_2=(), inter2=None, country="Mali", admin1=None, admin2=None,
        location=location, latitude=point[0] if point else None,
        longitude=point[1] if point else None, geo_precision=geo_precision,
        fatalities=low or 0, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        confidence=0.6, notes="", sources=(Source(doc, "Wire", None, date, f"quote {eid}", 0, 9),),
        field_values=tuple(values),
    )


def test_two_reports_of_one_attack_become_one_event_with_both_sources() -> None:
    a = make_event("a", doc="cnn.txt")
    b = make_event("b", doc="bbc.txt")
    fused, merged = fuse_events([a, b])
    assert len(fused) == 1
    assert {s.doc for s in fused[0].sources} == {"cnn.txt", "bbc.txt"}
    assert fused[0].event_id == "a"  # the first report's id is kept
    assert merged == {}


@pytest.mark.parametrize(
    "change",
    [
        {"date": "2013-01-21"},  # two days later
        {"location": "Kidal", "point": KIDAL},  # another town, same day
        {"etype": "Protests", "sub": "Peaceful protest"},  # another kind of event
        {"actor1": "Boko Haram", "location": "Gao"},  # different named actors on the same side
    ],
)
def test_distinct_incidents_stay_distinct(change: dict) -> None:
    a = make_event("a")
    b = make_event("b", **change)
    fused, _ = fuse_events([a, b])
    assert len(fused) == 2


def test_clash_and_takeover_of_the_same_town_that_day_are_one_battle() -> None:
    clash = make_event("a", sub="Armed clash")
    takeover = make_event("b", sub="Non-state actor overtakes territory", doc="b.txt")
    fused, _ = fuse_events([clash, takeover])
    assert len(fused) == 1
    assert fused[0].sub_event_type == "Non-state actor overtakes territory"


def test_places_within_25_km_and_week_precision_dates_merge() -> None:
    a = make_event("a")
    b = make_event("b", location="Gao outskirts", point=NEAR_GAO, date="2013-01-16", precision=2)
    assert same_incident(a, b)
    fused = merge(a, b)
    assert fused.event_date == "2013-01-19" and fused.time_precision == 1  # the precise date wins


def test_country_level_report_does_not_absorb_a_town_event() -> None:
    town = make_event("a")
    country = make_event("b", location=None, point=(12.65, -8.0), geo_precision=3)
    assert not same_incident(town, country)


def test_conflicting_death_tolls_become_a_range_and_a_disagreement() -> None:
    a = make_event("a", fatalities=(35, 35, 35), doc="overall.txt")
    b = make_event("b", fatalities=(40, 40, 40), doc="sides.txt")
    fused = merge(a, b)
    assert (fused.fatalities_low, fused.fatalities_best, fused.fatalities_high) == (35, 40, 40)
    assert fused.fatalities == 35  # ACLED's column takes the conservative figure
    assert "fatalities" in fused.disagreements
    docs = {v.doc for v in fused.field_values if v.field == "fatalities"}
    assert docs == {"overall.txt", "sides.txt"}  # each bound keeps its source


def test_a_report_without_a_toll_does_not_count_as_zero_dead() -> None:
    a = make_event("a", fatalities=(1, 1, 1))
    b = make_event("b", doc="b.txt")
    fused = merge(a, b)
    assert fused.fatalities == 1 and "fatalities" not in fused.disagreements


def test_vague_report_joins_one_stored_event_without_gluing_two_distinct_ones() -> None:
    stored1 = make_event("s1", date="2013-01-18", precision=1, doc="x.txt")
    stored2 = make_event("s2", date="2013-01-20", precision=1, doc="y.txt")
    vague = make_event("n", date="2013-01-19", precision=2, doc="z.txt")  # "this week"
    out, merged_into = fuse_events([vague], [stored1, stored2])
    assert merged_into == {}  # two precisely dated attacks two days apart stay two events
    assert [e.event_id for e in out] == ["s1"]
    assert {s.doc for s in out[0].sources} == {"x.txt", "z.txt"}


def test_fusion_is_deterministic() -> None:
    events = [make_event(str(i), doc=f"{i}.txt") for i in range(5)]
    first, _ = fuse_events(events)
    second, _ = fuse_events(list(events))
    assert [e.to_dict() for e in first] == [e.to_dict() for e in second]


def test_unidentified_actor_merges_with_a_named_one() -> None:
    a = make_event("a", actor1="Unidentified Armed Group (Mali)")
    b = make_event("b", actor1="Ansar Dine", doc="b.txt")
    fused = merge(a, b)
    assert fused.actor1 == "Ansar Dine"


def test_dates_that_differ_beyond_precision_are_flagged() -> None:
    a = make_event("a", date="2012-06-26")
    b = replace(make_event("b", date="2012-06-27", doc="b.txt"), date_end=None)
    a = replace(a, date_end="2012-06-28")
    fused = merge(a, b)
    assert fused.event_date == "2012-06-26"
    assert "event_date" not in fused.disagreements  # 27 June lies inside 26-28 June


def test_within_one_article_a_country_level_lead_joins_the_town_it_describes() -> None:
    lead = make_event("lead", location=None, point=(12.37, -1.53), geo_precision=3, precision=2,
                      fatalities=(20, 20, 20))
    body = make_event("body", date="2013-01-18")
    fused, _ = fuse_events([lead, body], same_article=True)
    assert len(fused) == 1 and fused[0].location == "Gao" and fused[0].fatalities == 20
    apart, _ = fuse_events([lead, body])  # across articles: too vague to tie together
    assert len(apart) == 2


def test_within_one_article_a_province_level_event_joins_only_a_town_of_that_province() -> None:
    # "troops bombarded a town in the province of Mopti" beside "shelling went on around Gao"
    region = make_event("region", etype="Explosions/Remote violence",
                        sub="Shelling/artillery/missile attack", location="Mopti",
                        point=(14.5, -4.2), geo_precision=3)
    region = replace(region, admin1="Mopti", field_values=(
        *region.field_values, FieldValue("location", "Mopti", "a.txt")))
    gao = replace(make_event("gao", etype="Explosions/Remote violence",
                             sub="Shelling/artillery/missile attack"), admin1="Gao")
    apart, _ = fuse_events([region, gao], same_article=True)
    assert len(apart) == 2
    sevare = replace(gao, event_id="sevare", location="Sevare", latitude=14.53, longitude=-4.1,
                     admin1="Mopti")
    fused, _ = fuse_events([region, sevare], same_article=True)
    assert len(fused) == 1 and fused[0].location == "Sevare"
    # known to the country only, placed at its capital: it still joins the town it describes
    country = replace(region, event_id="country", location="Bamako", admin1="Bamako",
                      field_values=tuple(v for v in region.field_values if v.field != "location"))
    fused, _ = fuse_events([country, gao], same_article=True)
    assert len(fused) == 1 and fused[0].location == "Gao"


def test_a_follow_up_sentence_joins_the_event_before_it_but_not_a_new_place() -> None:
    from eventline.fuse import follow_up

    lead = make_event("lead", etype="Explosions/Remote violence", sub="Suicide bomb",
                      actor1="Taliban")
    lead = replace(lead, sources=(replace(lead.sources[0], quote="Taliban bombers attacked a camp.",
                                          start=0, end=32),))
    more = make_event("more", actor1="Taliban", actor2="Military Forces of Mali", location=None,
                      point=None, geo_precision=3, fatalities=(23, 23, 23))
    more = replace(more, sources=(replace(more.sources[0], quote="They killed 23 soldiers.",
                                          start=33, end=57),))
    assert not same_incident(lead, more)  # different types: only the follow-up rule joins them
    assert follow_up(lead, more)
    merged, _ = fuse_events([lead, more], same_article=True)
    assert len(merged) == 1 and merged[0].fatalities == 23
    assert merged[0].sub_event_type == "Suicide bomb" and merged[0].actor2 == "Military Forces of Mali"
    # a sentence further on, or one naming another town, is its own incident
    later = replace(more, sources=(replace(more.sources[0], start=300, end=324),))
    assert not follow_up(lead, later)
    elsewhere = replace(more, location="Kidal", geo_precision=1, latitude=KIDAL[0],
                        longitude=KIDAL[1])
    assert not follow_up(lead, elsewhere)
    # across articles there is no "sentence before"
    assert len(fuse_events([lead, more])[0]) == 2


def test_a_continuation_into_the_next_day_is_the_same_fighting() -> None:
    import eventline

    events = eventline.extract("Fighting erupted between rival armed groups in Tripoli late on "
                               "Monday, killing at least two people. The clashes subsided by "
                               "Tuesday morning.", published="2022-05-10")
    assert len(events) == 1 and events[0].event_date == "2022-05-09"
    assert events[0].fatalities == 2


def test_towns_listed_in_one_sentence_stay_apart_however_near() -> None:
    # "rebels took Gao and a village just north of it": two places, two events
    a = make_event("a")
    b = replace(make_event("b", location="Bagoundie", point=NEAR_GAO),
                sources=a.sources)
    assert not same_incident(a, b, same_article=True)
    # the same towns from two sentences may still be one incident
    c = make_event("c", location="Bagoundie", point=NEAR_GAO)
    c = replace(c, sources=(replace(c.sources[0], start=40, end=60),))
    assert same_incident(a, c, same_article=True)


def test_a_protest_and_a_riot_of_one_article_place_and_day_are_one_incident() -> None:
    march = make_event("a", etype="Protests", sub="Peaceful protest", actor1="Protesters (Mali)")
    stones = make_event("b", etype="Riots", sub="Violent demonstration", actor1="Rioters (Mali)")
    stones = replace(stones, sources=(replace(stones.sources[0], start=80, end=120),))
    assert same_incident(march, stones, same_article=True)
    assert not same_incident(march, stones)  # two reports: a protest and a riot may differ
    elsewhere = replace(stones, location="Kidal", latitude=KIDAL[0], longitude=KIDAL[1])
    assert not same_incident(march, elsewhere, same_article=True)


def test_a_crackdown_and_the_killing_it_caused_in_one_article_are_one_incident() -> None:
    # "troops fired on protesters in Hama on Friday" and "six civilians were killed in Hama,
    # a resident said": the killing is the crackdown's toll
    crackdown = make_event("a", etype="Protests", sub="Excessive force against protesters",
                           actor1="Protesters (Mali)", actor2="Military Forces of Mali")
    killing = make_event("b", etype="Violence against civilians", sub="Attack",
                         actor1=None, actor2="Civilians (Mali)", fatalities=(6, 6, 6))
    killing = replace(killing, sources=(replace(killing.sources[0], start=80, end=120),))
    assert same_incident(crackdown, killing, same_article=True)
    merged = merge(crackdown, killing)
    assert (merged.sub_event_type, merged.fatalities_best) == (
        "Excessive force against protesters", 6)
    assert not same_incident(crackdown, killing)  # two reports: two incidents may differ
    elsewhere = replace(killing, location="Kidal", latitude=KIDAL[0], longitude=KIDAL[1])
    assert not same_incident(crackdown, elsewhere, same_article=True)
    # the next day: one incident only when the killing is told with the protest it ended
    overnight = replace(killing, event_date="2013-01-20")
    assert not same_incident(crackdown, overnight, same_article=True)
    told = "Six civilians were killed overnight in Gao when troops moved in to end the protest."
    overnight = replace(overnight, sources=(replace(overnight.sources[0], quote=told),))
    assert same_incident(crackdown, overnight, same_article=True)
    assert not same_incident(crackdown, replace(overnight, event_date="2013-01-22"),
                             same_article=True)
    # a crackdown told with its own toll: a killing told apart is another incident
    tolled = replace(crackdown, fatalities_best=3, fatalities_low=3, fatalities_high=3)
    assert not same_incident(tolled, killing, same_article=True)


def test_the_dead_in_the_fighting_are_the_toll_of_the_battle_told_at_that_place_and_day() -> None:
    battle = make_event("a", sub="Government regains territory", actor1="Military Forces of Mali")
    dead = make_event("b", etype="Violence against civilians", sub="Attack", actor1=None,
                      fatalities=(11, 11, 11))
    told = "A nurse in Gao said 11 people had been killed in the fighting."
    dead = replace(dead, sources=(replace(dead.sources[0], quote=told, start=80, end=140),))
    assert same_incident(battle, dead, same_article=True)
    assert merge(battle, dead).fatalities_best == 11
    assert not same_incident(battle, dead)  # another article: another incident may be meant
    # gunmen who killed traders: an incident of its own, whatever the day
    gunmen = replace(dead, actor1="JNIM: Group for Support of Islam and Muslims",
                     sources=(replace(dead.sources[0], quote="Gunmen killed 11 traders in Gao."),))
    assert not same_incident(battle, gunmen, same_article=True)
    elsewhere = replace(dead, location="Kidal", latitude=KIDAL[0], longitude=KIDAL[1])
    assert not same_incident(battle, elsewhere, same_article=True)
