"""Tests for eventline.eval.events (the matching rules of docs/evaluation.md, one by one)
and eventline.eval.wikievents (loose scores on the WikiEvents dev set)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from eventline.errors import GoldFileError, InputNotFound
from eventline.eval.events import (
    EvalResult,
    GoldEvent,
    actors_agree,
    evaluate_events,
    format_report,
    haversine_km,
    load_aliases,
    load_gold,
    normalise_name,
    score,
)
from eventline.eval.wikievents import (
    acled_types_for,
    evaluate_wikievents,
    loosely_equal,
    read_wikievents,
)
from eventline.eval.wikievents import format_report as format_wikievents_report
from eventline.models import Event, Source

GAO = (16.2717, -0.0447)
TIMBUKTU = (16.7735, -3.0074)


def ev(event_id: str = "e1", **kw: Any) -> Event:
    """A predicted event with sensible defaults (a battle in Gao on 2013-01-18)."""
    lat, lon = kw.pop("point", GAO)
    quote = kw.pop("quote", f"quote of {event_id}")
    fields: dict[str, Any] = dict(
        event_id=event_id, event_date="2013-01-18", date_end=None, time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="MNLA",
        assoc_actor_1=(), inter1=2, actor2=None, assoc_actor_2=(), inter2=None,
        country="Mali", admin1="Gao", admin2=None, location="Gao", latitude=lat,
        longitude=lon, geo_precision=1, fatalities=0, fatalities_low=None,
        fatalities_best=None, fatalities_high=None, confidence=0.9, notes="",
        sources=(Source("a.txt", "Test", None, "2013-01-20", quote, 0, len(quote)),),
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def gold_record(gid: str = "G1", **kw: Any) -> dict[str, Any]:
    """A gold line as in seeds.gold.jsonl (a required battle in Gao on 2013-01-18)."""
    record: dict[str, Any] = {
        "id": gid, "required": True, "docs": ["a.txt"], "event_type": "Battles",
        "sub_event_type": ["Armed clash"], "date": "2013-01-18", "date_end": None,
        "time_precision": 1, "actor1": ["MNLA"], "assoc_actor1": [], "actor2": None,
        "location": "Gao", "country": "Mali", "latitude": GAO[0], "longitude": GAO[1],
        "fatalities": None,
        "evidence": [{"doc": "a.txt", "quote": f"evidence of {gid}"}],
    }  # fmt: skip
    record.update(kw)
    return record


def write_gold(tmp_path: Path, *records: dict[str, Any], name: str = "t.gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def gold_of(tmp_path: Path, *records: dict[str, Any]) -> list[GoldEvent]:
    """Gold events from a file of ``records`` (default: one ``gold_record()``)."""
    return load_gold(write_gold(tmp_path, *(records or (gold_record(),))))


def point_east_of(origin: tuple[float, float], km: float) -> tuple[float, float]:
    """A point ``km`` kilometres due east of ``origin`` (close enough for tests)."""
    lat, lon = origin
    step = km / haversine_km(lat, lon, lat, lon + 1.0)
    return lat, lon + step


# --------------------------------------------------------------------------- rule 1: type


def test_type_list_accepts_any_listed_type(tmp_path: Path) -> None:
    gold = gold_of(tmp_path, gold_record(event_type=["Strategic developments", "Battles"]))
    assert score([ev(event_type="Battles")], gold).recall == 1.0
    other = ev(event_type="Strategic developments", sub_event_type="Other")
    assert score([other], gold).recall == 1.0
    miss = score([ev(event_type="Protests", sub_event_type="Peaceful protest")], gold)
    assert miss.recall == 0.0 and miss.false_positives == 1


# --------------------------------------------------------------------------- rule 2: place


def test_place_within_50_km_matches_under_another_name(tmp_path: Path) -> None:
    gold = gold_of(tmp_path)
    near = ev(location="Somewhere", point=point_east_of(GAO, 45))
    far = ev(location="Elsewhere", point=point_east_of(GAO, 55))
    assert score([near], gold).recall == 1.0
    assert score([far], gold).recall == 0.0


def test_place_equal_normalised_names_match_without_coordinates(tmp_path: Path) -> None:
    gold = gold_of(tmp_path, gold_record(location="Ségou", latitude=13.43, longitude=-6.26))
    assert score([ev(location="  SEGOU ", point=(None, None))], gold).recall == 1.0
    # a far-away point with the same name still matches: names are equal
    assert score([ev(location="Segou", point=GAO)], gold).recall == 1.0
    assert score([ev(location="Segou-Koura", point=(None, None))], gold).recall == 0.0


def test_null_location_matches_on_country(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        gold_record(location=None, country="Algeria", latitude=None, longitude=None),
    )
    in_algeria = ev(country="Algeria", location="In Amenas", point=(27.9, 9.5))
    assert score([in_algeria], gold).recall == 1.0
    assert score([ev(country="Mali")], gold).recall == 0.0
    assert score([ev(country=None)], gold).recall == 0.0


# --------------------------------------------------------------------------- rule 3: date


@pytest.mark.parametrize(
    ("gold_kw", "day", "matches"),
    [
        ({"time_precision": 1}, "2013-01-17", True),
        ({"time_precision": 1}, "2013-01-19", True),
        ({"time_precision": 1}, "2013-01-20", False),
        ({"time_precision": 1}, "2013-01-16", False),
        # a span: ±1 day around date..date_end
        ({"time_precision": 1, "date_end": "2013-01-21"}, "2013-01-20", True),
        ({"time_precision": 1, "date_end": "2013-01-21"}, "2013-01-22", True),
        ({"time_precision": 1, "date_end": "2013-01-21"}, "2013-01-23", False),
        ({"time_precision": 2}, "2013-01-25", True),
        ({"time_precision": 2}, "2013-01-11", True),
        ({"time_precision": 2}, "2013-01-26", False),
        ({"time_precision": 2}, "2013-01-10", False),
        ({"time_precision": 3}, "2013-01-31", True),
        ({"time_precision": 3}, "2013-01-01", True),
        ({"time_precision": 3}, "2013-02-01", False),
        ({"time_precision": 3}, "2012-12-31", False),
    ],
)
def test_date_window_follows_gold_precision(
    tmp_path: Path, gold_kw: dict[str, Any], day: str, matches: bool
) -> None:
    gold = gold_of(tmp_path, gold_record(**gold_kw))
    # the prediction's own precision does not matter: the gold's does
    result = score([ev(event_date=day, time_precision=1)], gold)
    assert (result.recall == 1.0) is matches


def test_undated_prediction_never_matches(tmp_path: Path) -> None:
    result = score([ev(event_date=None)], gold_of(tmp_path))
    assert result.recall == 0.0
    assert "no event date" in result.unmatched[0].reason


# --------------------------------------------------------------------------- one match per gold


def test_second_prediction_of_same_event_is_false_positive(tmp_path: Path) -> None:
    gold = gold_of(tmp_path)
    result = score([ev("first"), ev("second", sources=())], gold)
    assert (result.true_positives, result.false_positives) == (1, 1)
    assert result.precision == 0.5 and result.recall == 1.0
    assert result.unmatched[0].predicted.event_id == "second"
    assert result.unmatched[0].reason.startswith("duplicate of G1")


def test_best_prediction_is_matched_first(tmp_path: Path) -> None:
    gold = gold_of(tmp_path)
    worse = ev("worse", sub_event_type="Government regains territory", event_date="2013-01-19")
    better = ev("better")
    result = score([worse, better], gold)
    assert [p.predicted.event_id for p in result.pairs] == ["better"]
    assert result.attributes["sub_event_type"].accuracy == 1.0
    assert [u.predicted.event_id for u in result.unmatched] == ["worse"]


def test_matching_maximises_matched_gold(tmp_path: Path) -> None:
    # "both" fits G1 best but also fits G2; "only1" fits G1 alone: both gold must be found
    gold = gold_of(tmp_path, gold_record("G1"), gold_record("G2", date="2013-01-19"))
    both = ev("both")
    only1 = ev("only1", event_date="2013-01-17")
    result = score([both, only1], gold)
    assert result.recall == 1.0 and result.precision == 1.0
    assert {(p.gold.id, p.predicted.event_id) for p in result.pairs} == {
        ("G1", "only1"),
        ("G2", "both"),
    }


# --------------------------------------------------------------------------- optional gold


def test_optional_gold_is_left_out_of_precision(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        gold_record("G1"),
        gold_record("G2", required=False, location="Timbuktu",
                    latitude=TIMBUKTU[0], longitude=TIMBUKTU[1]),
    )  # fmt: skip
    found_required = ev("r")
    found_optional = ev("o", location="Timbuktu", point=TIMBUKTU)
    wrong = ev("w", event_type="Riots", sub_event_type="Mob violence")
    result = score([found_required, found_optional, wrong], gold)
    # 1 matched of 2 counted predictions; the optional find counts neither way
    assert result.precision == 0.5
    assert result.recall == 1.0
    assert (result.required, result.optional, result.optional_matches) == (1, 1, 1)
    # finding only the optional event gives no recall and no precision
    only_optional = score([found_optional], gold)
    assert (only_optional.recall, only_optional.precision, only_optional.false_positives) == (
        0.0, 0.0, 0,
    )  # fmt: skip


def test_optional_event_overlapping_a_required_one_is_not_penalised(tmp_path: Path) -> None:
    # as G19/G24 in the sample gold: the same kind of event, place and day, coded twice
    gold = gold_of(
        tmp_path,
        gold_record("G1", date_end="2013-01-19"),
        gold_record("G2", required=False, date="2013-01-19"),
    )
    result = score([ev("a"), ev("b", event_date="2013-01-19")], gold)
    assert result.precision == 1.0 and result.recall == 1.0
    assert result.optional_matches == 1


def test_duplicate_of_optional_gold_is_false_positive(tmp_path: Path) -> None:
    gold = gold_of(tmp_path, gold_record("G1", required=False))
    result = score([ev("a"), ev("b")], gold)
    assert (result.optional_matches, result.false_positives) == (1, 1)
    assert result.precision == 0.0


# --------------------------------------------------------------------------- actors


def test_aliases_map_printed_names_to_gold_actor(tmp_path: Path) -> None:
    csv_path = tmp_path / "actors.csv"
    csv_path.write_text(
        "canonical,aliases\nMUJAO,MOJWA|Movement for Oneness and Jihad in West Africa|MUJAO\n",
        encoding="utf-8",
    )
    aliases = load_aliases(csv_path)
    assert aliases["MOJWA"] == "MUJAO" and aliases["MUJAO"] == "MUJAO"
    gold = gold_of(tmp_path, gold_record(actor1=["MUJAO", "AQIM"]))
    pred = [ev(actor1="Movement for Oneness and Jihad in West Africa")]
    assert score(pred, gold, aliases=aliases).attributes["actor1"].correct == 1
    assert score(pred, gold).attributes["actor1"].correct == 0  # no alias list: exact names


def test_actors_csv_beside_gold_is_used_by_default(tmp_path: Path) -> None:
    path = write_gold(tmp_path, gold_record(actor1=["MUJAO"]))
    pred = [ev(actor1="mojwa")]
    assert evaluate_events(pred, path).attributes["actor1"].correct == 0
    (tmp_path / "actors.csv").write_text("canonical,aliases\nMUJAO,MOJWA\n", encoding="utf-8")
    result = evaluate_events(pred, path)
    assert result.attributes["actor1"].correct == 1
    assert result.aliases_path == str(tmp_path / "actors.csv")


@pytest.mark.parametrize(
    ("predicted", "accepted", "agree"),
    [
        ("MNLA: National Movement for the Liberation of Azawad", ["MNLA"], True),
        ("MNLA: National Movement for the Liberation of Azawad",
         ["National Movement for the Liberation of Azawad"], True),
        ("mnla", ["MNLA: National Movement for the Liberation of Azawad"], True),
        ("Military Forces of Mali (2012-2013)", ["Military Forces of Mali"], True),
        ("Military Forces of Mali", ["Military Forces of France"], False),
        ("AQIM: Al Qaeda in the Islamic Maghreb", ["MNLA"], False),
        (None, ["MNLA", None], True),
        ("", ["MNLA", None], True),
        (None, ["MNLA"], False),
    ],
)  # fmt: skip
def test_actor_normalisation(
    predicted: str | None, accepted: list[str | None], agree: bool
) -> None:
    assert actors_agree(predicted, accepted) is agree


def test_normalise_name() -> None:
    assert normalise_name("  Tombouctou   CERCLE\n") == "tombouctou cercle"
    assert normalise_name("Ségou") == "segou"
    assert normalise_name(None) == ""


# --------------------------------------------------------------------------- attributes


@pytest.mark.parametrize(
    ("gold_fatalities", "predicted", "ok"),
    [
        ({"low": 1, "best": 1, "high": 1}, 1, True),
        ({"low": 1, "best": 1, "high": 1}, 2, False),
        ({"low": 1, "best": 1, "high": 1}, 0, False),
        ({"low": 20, "best": 35, "high": 40}, 20, True),
        ({"low": 20, "best": 35, "high": 40}, 41, False),
        ({"low": 35, "best": 35, "high": None}, 100, True),  # no upper bound
        ({"low": 35, "best": 35, "high": None}, 34, False),
        (None, 0, True),
        (None, 3, False),
    ],
)
def test_fatalities_within_gold_range(
    tmp_path: Path, gold_fatalities: dict[str, int] | None, predicted: int, ok: bool
) -> None:
    gold = gold_of(tmp_path, gold_record(fatalities=gold_fatalities))
    result = score([ev(fatalities=predicted)], gold)
    assert result.attributes["fatalities"].correct == int(ok)
    assert result.attributes["fatalities"].total == 1


def test_attribute_accuracies_on_matched_pairs(tmp_path: Path) -> None:
    gold = gold_of(
        tmp_path,
        gold_record("G1", sub_event_type=["Armed clash", "Non-state actor overtakes territory"]),
        gold_record("G2", date="2013-02-10", location=None, country="Algeria",
                    latitude=None, longitude=None, actor1=["AQIM", None]),
    )  # fmt: skip
    p1 = ev("p1", event_date="2013-01-19", point=point_east_of(GAO, 30),
            sub_event_type="Non-state actor overtakes territory")  # fmt: skip
    p2 = ev("p2", event_date="2013-02-10", country="Algeria", location=None,
            point=(None, None), actor1=None,
            sub_event_type="Government regains territory")  # fmt: skip
    result = score([p1, p2], gold)
    a = result.attributes
    assert (a["sub_event_type"].correct, a["sub_event_type"].total) == (1, 2)
    assert (a["actor1"].correct, a["actor1"].total) == (2, 2)  # None accepted for G2
    assert (a["date_exact"].correct, a["date_exact"].total) == (1, 2)
    # 30 km off: matched (within 50 km) but not within 25 km; G2 has no point: not scored
    assert (a["location_25km"].correct, a["location_25km"].total) == (0, 1)
    assert a["location_25km"].accuracy == 0.0


def test_no_predictions_scores_zero(tmp_path: Path) -> None:
    result = score([], gold_of(tmp_path))
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)
    assert [g.id for g in result.missed] == ["G1"]
    assert result.attributes["actor1"].accuracy is None


# --------------------------------------------------------------------------- gold file errors


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "line 2: invalid JSON"),
        (json.dumps({"id": "G2", "required": True}), "line 2: missing field(s): event_type"),
        (json.dumps(gold_record("G2", event_type="Battle")), "unknown event_type 'Battle'"),
        (json.dumps(gold_record("G2", date="18/01/2013")), "not an ISO date"),
        (json.dumps(gold_record("G2", time_precision=4)), "time_precision must be 1, 2 or 3"),
        (json.dumps(gold_record("G1")), "id 'G1' already used on line 1"),
    ],
)
def test_bad_gold_file_names_the_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = tmp_path / "bad.gold.jsonl"
    path.write_text(json.dumps(gold_record("G1")) + "\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(GoldFileError) as info:
        load_gold(path)
    assert message in str(info.value)
    assert info.value.code == "E007"


def test_missing_gold_file_is_a_gold_file_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="does not exist"):
        load_gold(tmp_path / "nope.jsonl")


# --------------------------------------------------------------------------- report and JSON


def test_report_lists_misses_and_false_positives(tmp_path: Path) -> None:
    gold = gold_of(tmp_path, gold_record("G1"), gold_record("G2", date="2013-03-01"))
    stray = ev("stray", event_type="Riots", sub_event_type="Mob violence", quote="A mob burned it.")
    result = score([ev("hit"), stray], gold)
    text = format_report(result)
    assert "precision 0.500  recall 0.500  F1 0.500" in text
    assert "G2  Battles  2013-03-01  Gao" in text
    assert "evidence of G2" in text  # the missed event's evidence quote
    assert "stray  Riots / Mob violence  2013-01-18  Gao  actor1 MNLA" in text
    assert "A mob burned it." in text
    assert "location within 25 km" in text
    data = json.loads(json.dumps(result.to_dict()))
    assert data["counts"]["false_positives"] == 1
    assert data["missed"][0]["id"] == "G2"
    assert data["unmatched"][0]["event_id"] == "stray"
    assert data["attributes"]["actor1"] == {"correct": 1, "total": 1, "accuracy": 1.0}


# --------------------------------------------------------------------------- the real gold file


def _perfect_event(g: GoldEvent) -> Event:
    """The event a perfect system would emit for a gold record."""
    fat = g.fatalities_low or 0
    return ev(
        f"pred-{g.id}",
        event_date=g.date.isoformat(),
        date_end=g.date_end.isoformat() if g.date_end else None,
        time_precision=g.time_precision,
        event_type=g.event_type[0],
        sub_event_type=g.sub_event_type[0],
        actor1=g.actor1[0],
        actor2=g.actor2[0] if g.actor2 else None,
        country=g.country,
        location=g.location,
        point=(g.latitude, g.longitude),
        fatalities=fat,
        sources=tuple(
            Source(e.doc, None, None, None, e.quote, 0, len(e.quote)) for e in g.evidence
        ),
    )


def test_real_gold_file_loads(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    assert len(gold) == 24
    assert sum(g.required for g in gold) == 16
    by_id = {g.id: g for g in gold}
    assert by_id["G13"].location is None and by_id["G13"].date_end is not None
    assert by_id["G13"].fatalities_high is None and by_id["G13"].fatalities_low == 35
    assert by_id["G05"].time_precision == 3 and not by_id["G05"].required
    aliases = load_aliases(gold_file.parent / "actors.csv")
    assert aliases["MOJWA"] == "MUJAO"


def test_gold_scored_against_itself_is_perfect(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    result = evaluate_events([_perfect_event(g) for g in gold], gold_file)
    assert isinstance(result, EvalResult)
    assert (result.precision, result.recall) == (1.0, 1.0)
    assert result.false_positives == 0 and result.optional_matches == 8
    for name, attr in result.attributes.items():
        assert attr.accuracy == 1.0, name
    # every prediction was matched to its own gold record
    assert all(p.predicted.event_id == f"pred-{p.gold.id}" for p in result.pairs)


def test_gold_against_itself_in_reverse_order_is_still_perfect(gold_file: Path) -> None:
    # the match must not depend on the order predictions arrive in
    gold = load_gold(gold_file)
    events = [_perfect_event(g) for g in reversed(gold)]
    result = evaluate_events(events, gold_file)
    assert (result.precision, result.recall) == (1.0, 1.0)


def test_alias_names_from_actors_csv_count_as_correct(gold_file: Path) -> None:
    gold = [g for g in load_gold(gold_file) if g.id == "G14"]  # actor1 MUJAO | Ansar Dine | AQIM
    printed = "MOJWA: Movement for Oneness and Jihad in West Africa"
    event = replace(_perfect_event(gold[0]), actor1=printed)
    result = evaluate_events([event], gold_file)
    assert result.attributes["actor1"].correct == 1


def test_evaluate_db_reads_the_store(tmp_path: Path, gold_file: Path) -> None:
    store_mod = pytest.importorskip("eventline.store")
    from eventline.eval.events import evaluate_db
    from eventline.models import Article

    db = tmp_path / "e.db"
    gold = load_gold(gold_file)
    with store_mod.Store(db) as store:
        run = store.begin_run(args={})
        article = Article(doc_id="d1", name="a.txt", path="a.txt", text="x")
        store.save_article(run, article, upsert=[_perfect_event(g) for g in gold if g.required])
    result = evaluate_db(db, gold_file)
    assert (result.precision, result.recall) == (1.0, 1.0)

# =========================================================================== WikiEvents
# eventline.eval.wikievents, with a fake extractor on two small dev documents.

DOCS = ("suicide_ied_114", "road_ied_12")


@pytest.fixture(scope="module")
def dev_file(shared_dir: Path) -> Path:
    path = shared_dir / "dev" / "events" / "wikievents-dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return path


@pytest.fixture()
def two_docs(dev_file: Path, tmp_path: Path) -> Path:
    """The two small dev documents, in a file of their own (keeps the test fast)."""
    lines = [
        line
        for line in dev_file.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["doc_id"] in DOCS
    ]
    assert len(lines) == 2
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wev(event_id: str, event_type: str, text: str, quote: str, **kw: Any) -> Event:
    """An event whose evidence is ``quote`` at its place in ``text``
    (``at=(start, end)`` overrides the offsets, to test relocation)."""
    start = text.index(quote)
    start, end = kw.pop("at", (start, start + len(quote)))
    fields: dict[str, Any] = dict(
        event_id=event_id, event_date=None, date_end=None, time_precision=3,
        event_type=event_type, sub_event_type="", actor1=None, assoc_actor_1=(), inter1=None,
        actor2=None, assoc_actor_2=(), inter2=None, country=None, admin1=None, admin2=None,
        location=None, latitude=None, longitude=None, geo_precision=None, fatalities=0,
        fatalities_low=None, fatalities_best=None, fatalities_high=None, confidence=0.5,
        notes="", sources=(Source("doc", None, None, None, quote, start, end),),
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def fake_extractor(text: str) -> list[Event]:
    if "Camp Shorabak" not in text:
        raise RuntimeError("model crashed")  # the other document: recorded, run goes on
    return [
        # covers "attacked" (Conflict.Attack): detected; attacker and place right
        wev("e1", "Battles", text, "Taliban gunmen and suicide bombers attacked Camp Shorabak",
           actor1="Taliban gunmen", actor2="Military Forces of Afghanistan",
           location="Lashkar Gah", admin1="Helmand", country="Afghanistan"),
        # covers "killed" (Life.Die) but not "injured": one of two detected; victim right
        wev("e2", "Violence against civilians", text, "They killed 23 Afghan soldiers",
           actor1="Taliban", actor2="Afghan soldiers"),
        # a trigger, but Strategic developments is not compatible with Life.Die
        wev("e3", "Strategic developments", text, "Twenty insurgents were killed."),
        # wrong offsets, quote found in the text: relocated, detects the second "killed"
        wev("e4", "Explosions/Remote violence", text, "Twenty insurgents were killed.", at=(0, 5)),
        # no trigger at all
        wev("e5", "Riots", text, "== References =="),
    ]  # fmt: skip


def test_counts_implied_by_the_fake_extractor(two_docs: Path) -> None:
    r = evaluate_wikievents(two_docs, extractor=fake_extractor)
    assert r["documents"] == 2
    assert r["relevant_mentions"] == 8  # 4 + 4 (all Conflict.Attack / Life.Die / Life.Injure)
    assert r["detected"] == 3 and r["recall"] == pytest.approx(3 / 8)
    assert r["predicted"] == 5
    assert r["supported"] == 3 and r["precision"] == pytest.approx(0.6)
    assert r["precision_any_trigger"] == pytest.approx(0.8)
    assert r["by_type"]["Conflict.Attack.Unspecified"] == {"gold": 1, "detected": 1, "recall": 1.0}
    assert r["by_type"]["Life.Die.Unspecified"]["gold"] == 6
    assert r["by_type"]["Life.Die.Unspecified"]["detected"] == 2
    assert r["by_type"]["Life.Injure.Unspecified"]["detected"] == 0
    assert r["arguments"]["attacker"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert r["arguments"]["victim_target"]["correct"] == 1
    assert r["arguments"]["victim_target"]["total"] == 3
    assert r["arguments"]["place"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert r["errors"] == [{"doc_id": "road_ied_12", "error": "RuntimeError: model crashed"}]
    text = format_wikievents_report(r)
    assert "detection recall 0.375  (3/8)" in text
    assert "road_ied_12: RuntimeError: model crashed" in text
    json.dumps(r)  # the --json output must serialise


def test_limit_reads_only_the_first_documents(two_docs: Path) -> None:
    r = evaluate_wikievents(two_docs, extractor=lambda text: [], limit=1)
    assert r["documents"] == 1 and r["predicted"] == 0
    assert r["recall"] == 0.0 and r["precision"] is None


def test_rebuilt_text_keeps_every_trigger_at_its_offsets(dev_file: Path) -> None:
    docs = list(read_wikievents(dev_file))
    assert len(docs) == 20
    raw = {json.loads(line)["doc_id"]: json.loads(line)
           for line in dev_file.read_text(encoding="utf-8").splitlines()}  # fmt: skip
    for doc in docs:
        record = raw[doc.doc_id]
        for tok, (start, end) in zip(record["tokens"], doc.token_spans, strict=True):
            assert doc.text[start:end] == tok
        for m, gm in zip(doc.mentions, record["event_mentions"], strict=True):
            assert m.trigger.replace(" ", "") == gm["trigger"]["text"].replace(" ", "")
    # sentences are no longer glued together as in the dataset's own text field
    first = next(d for d in docs if d.doc_id == "road_ied_8")
    assert "in Syria\n\nThe desert" in first.text


@pytest.mark.parametrize(
    ("kairos", "acled"),
    [
        ("Conflict.Attack.DetonateExplode", ("Explosions/Remote violence",)),
        ("Conflict.Attack.Unspecified", ("Battles", "Explosions/Remote violence",
                                         "Violence against civilians", "Riots")),
        ("Conflict.Demonstrate.DemonstrateWithViolence", ("Protests", "Riots")),
        ("Justice.ArrestJailDetain.Unspecified", ("Strategic developments",
                                                  "Violence against civilians", "Protests")),
        ("Contact.Contact.Broadcast", ()),
        ("Disaster.DiseaseOutbreak.Unspecified", ()),
    ],
)  # fmt: skip
def test_kairos_mapping(kairos: str, acled: tuple[str, ...]) -> None:
    assert acled_types_for(kairos) == acled


def test_loose_comparison_is_by_whole_words() -> None:
    assert loosely_equal("Helmand Province", ["Helmand"])
    assert loosely_equal("soldiers", [None, "Afghan soldiers"])
    assert not loosely_equal("IS", ["Crisis Group"])
    assert not loosely_equal("", ["Mali"])


def test_missing_wikievents_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="does not exist"):
        evaluate_wikievents(tmp_path / "nope.jsonl", extractor=lambda text: [])


@pytest.mark.slow
def test_real_pipeline_runs_on_two_documents(two_docs: Path) -> None:
    pytest.importorskip("eventline.pipeline")
    r = evaluate_wikievents(two_docs)
    assert r["errors"] == []
    assert r["documents"] == 2 and r["predicted"] >= 1


def test_generic_gold_arguments_match_acled_style_names_by_category() -> None:
    from eventline.eval.wikievents import same_category

    assert same_category("soldiers", ["Military Forces of Iraq"])
    assert same_category("gunmen", ["Unidentified Armed Group (Nigeria)"])
    assert same_category("villagers", [None, "Civilians (Mali)"])
    assert not same_category("soldiers", ["Civilians (Iraq)"])
    assert not same_category("the", ["Military Forces of Iraq"])
