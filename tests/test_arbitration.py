"""Arbitration between the rule table and the learned typer (eventline.extract.arbitration).

A fake typer stands in for the shipped one, so each test says what the typer
thinks and checks who wins: the rule where it decided from arguments, the
typer where the rule only read a word and the typer is confident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from eventline.extract.arbitration import (
    OVERRIDE_MIN_MARGIN,
    OVERRIDE_MIN_PROBABILITY,
    decide,
)
from eventline.extract.rules import TABLE, RuleError, load_rules
from eventline.models import Article
from eventline.taxonomy import SubEventType

ARMED_CLASH = SubEventType.ARMED_CLASH
IED = SubEventType.REMOTE_EXPLOSIVE


class FakeTyper:
    """Says the same distribution for every sentence (a P(event) of 0.9)."""

    name = "typer.fake"

    def __init__(self, dist: dict[str, float]) -> None:
        self.dist = dist
        self.asked: list[str] = []

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return [(max(self.dist, key=self.dist.__getitem__), 0.9) for _ in texts]

    def distribution(self, texts: Sequence[str]) -> list[dict[str, float]]:
        self.asked.extend(texts)
        return [dict(self.dist) for _ in texts]


def confident(sub: SubEventType, p: float = 0.95) -> dict[str, float]:
    rest = (1 - p) / (len(SubEventType) - 1)
    return {s.value: (p if s == sub else rest) for s in SubEventType}


# ------------------------------------------------------------------ the decision alone


def test_a_lexical_rule_gives_way_to_a_confident_typer() -> None:
    rule = TABLE.rule("attack.armed-clash")
    verdict = decide(rule, ARMED_CLASH, confident(IED), "typer.fake")
    assert verdict.sub_event_type == IED
    assert verdict.typed_by == "rule attack.armed-clash overridden by typer.fake p=0.95"


def test_a_lexical_rule_keeps_its_type_when_the_typer_hesitates() -> None:
    rule = TABLE.rule("attack.armed-clash")
    unsure = {**confident(IED, OVERRIDE_MIN_PROBABILITY - 0.05)}
    assert decide(rule, ARMED_CLASH, unsure).sub_event_type == ARMED_CLASH
    # confident, but the rule's own type is close behind: no override
    close = {**confident(IED, OVERRIDE_MIN_PROBABILITY + 0.05),
             ARMED_CLASH.value: OVERRIDE_MIN_PROBABILITY + 0.05 - OVERRIDE_MIN_MARGIN / 2}
    assert decide(rule, ARMED_CLASH, close).sub_event_type == ARMED_CLASH


@pytest.mark.parametrize(("rule_id", "typer_says"), [
    ("attack.on-civilians", ARMED_CLASH),  # unarmed victims: not a battle, whatever the words
    ("territory.non-state-takes", SubEventType.GOVERNMENT_REGAINS),  # who took it is an argument
    ("protest.dispersed", SubEventType.PEACEFUL_PROTEST),  # the rule saw force used on the crowd
    ("crowd-control", SubEventType.PEACEFUL_PROTEST),
    ("abduct", SubEventType.ARMED_CLASH),
    ("arrest", SubEventType.PROTEST_WITH_INTERVENTION),  # "police detained six people"
    ("attack.armed-clash", SubEventType.ARRESTS),  # a lexical rule, within its families
])
def test_what_only_arguments_decide_stays_with_the_rules(rule_id: str,
                                                         typer_says: SubEventType) -> None:
    rule = TABLE.rule(rule_id)
    assert rule.gives is not None
    verdict = decide(rule, rule.gives, confident(typer_says, 0.99), "typer.fake")
    assert verdict.sub_event_type == rule.gives
    assert verdict.typed_by == f"rule {rule_id}"


def test_armed_victims_let_the_typer_choose_only_the_means() -> None:
    rule = TABLE.rule("harm.armed-kill-armed")
    assert decide(rule, ARMED_CLASH, confident(IED)).sub_event_type == IED
    # ... not that the soldiers were civilians
    assert decide(rule, ARMED_CLASH, confident(SubEventType.ATTACK)).sub_event_type == ARMED_CLASH


def test_without_a_typer_the_rule_stands() -> None:
    rule = TABLE.rule("attack.armed-clash")
    assert decide(rule, ARMED_CLASH, None).typed_by == "rule attack.armed-clash"


# ------------------------------------------------------------------ the rule file


def _table(tmp_path: Path, extra: str) -> None:
    (tmp_path / "t.toml").write_text(
        '[[rule]]\nid = "x"\nclass = ["attack"]\ngives = "Armed clash"\n'
        f'examples = ["a"]\n{extra}\n', encoding="utf-8")
    load_rules(tmp_path)


def test_defer_takes_any_or_known_types(tmp_path: Path) -> None:
    _table(tmp_path, 'defer = ["Explosions/Remote violence", "Attack"]')
    rule = load_rules(tmp_path).rule("x")
    assert IED in rule.defer and SubEventType.ATTACK in rule.defer
    assert ARMED_CLASH not in rule.defer
    with pytest.raises(RuleError, match="E402.*neither an ACLED sub-event type"):
        _table(tmp_path, 'defer = ["Ambush"]')
    with pytest.raises(RuleError, match="E402"):
        _table(tmp_path, 'defer = "some"')


def test_a_no_event_rule_cannot_defer(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(
        '[[rule]]\nid = "x"\nclass = ["attack"]\ngives = "NONE"\ndefer = "any"\n'
        'examples = ["a"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match="E402.*defer belongs to a rule that gives an event type"):
        load_rules(tmp_path)


# ------------------------------------------------------------------ through the extractor


@pytest.fixture(scope="module")
def extract_with():
    """(text, typer) -> the events of the text, through the stages a run uses."""
    from eventline.components import components
    from eventline.engines.analysis import read_arguments
    from eventline.extract import extract_events
    from eventline.settings import load_settings

    nlp, gazetteer, dictionary, _typer = components(load_settings())

    def run(text: str, typer: FakeTyper | None):
        article = Article(doc_id="t", name="t", path="t", text=text,
                          published=dt.date(2021, 6, 16))
        doc = nlp(text)
        args = read_arguments(article, doc, gazetteer=gazetteer, dictionary=dictionary)
        return extract_events(article, doc, places=args.places, times=args.times,
                              actors=args.actors, dictionary=dictionary,
                              focus_country=args.focus, typer=typer)

    return run


def test_the_event_notes_say_which_rule_typed_it(extract_with) -> None:
    events = extract_with("On Saturday, gunmen attacked a bus in Maiduguri.", None)
    assert events[0].sub_event_type == "Attack"
    assert "[typed: rule attack.on-civilians]" in events[0].notes


def test_a_confident_typer_retypes_a_lexical_rule_and_the_notes_say_so(extract_with) -> None:
    typer = FakeTyper(confident(IED))
    events = extract_with("On Saturday, militants attacked an army convoy near Kidal.", typer)
    assert events[0].sub_event_type == IED.value
    assert events[0].event_type == "Explosions/Remote violence"
    assert "[typed: rule attack.on-forces overridden by typer.fake p=0.95]" in events[0].notes
    assert typer.asked == ["On Saturday, militants attacked an army convoy near Kidal."]


def test_unarmed_victims_stay_an_attack_however_sure_the_typer(extract_with) -> None:
    typer = FakeTyper(confident(ARMED_CLASH, 0.99))
    events = extract_with("On Saturday, gunmen attacked a bus in Maiduguri.", typer)
    assert events[0].sub_event_type == "Attack"  # unarmed passengers: the rule's argument
    assert "[typed: rule attack.on-civilians]" in events[0].notes


def test_the_typer_is_not_asked_when_no_rule_defers(extract_with) -> None:
    typer = FakeTyper(confident(ARMED_CLASH))
    events = extract_with("Gunmen abducted three aid workers in Mogadishu on Monday.", typer)
    assert events[0].sub_event_type == "Abduction/forced disappearance"
    assert typer.asked == []


def test_a_vetoed_trigger_stays_no_event_whatever_the_typer_says(extract_with) -> None:
    typer = FakeTyper(confident(ARMED_CLASH, 0.99))
    assert extract_with("On Saturday, the rebels did not attack the army base in Kidal.",
                        typer) == []
