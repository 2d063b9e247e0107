"""The typing rule table: every rule's example sentences run through the real extractor.

An example must make its rule fire on one of the sentence's triggers; a
counter-example must not (another rule may). The table's checks at load time
(unknown names, bad types) are tested on rule files written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventline.extract.rules import TABLE, RuleError, load_rules
from eventline.extract.triggers import RuleHit
from eventline.models import Article

PUBLISHED = "2021-06-16"


@pytest.fixture(scope="module")
def analyse():
    """text -> the rule hits of its triggers, through the stages a run uses (rules only)."""
    import datetime as dt

    from eventline.components import components
    from eventline.engines.analysis import read_arguments
    from eventline.extract import extract_events
    from eventline.settings import load_settings

    nlp, gazetteer, dictionary, _typer = components(load_settings())

    def run(text: str) -> list[RuleHit]:
        article = Article(doc_id="t", name="t", path="t", text=text,
                          published=dt.date.fromisoformat(PUBLISHED))
        doc = nlp(text)
        args = read_arguments(article, doc, gazetteer=gazetteer, dictionary=dictionary)
        trace: list[RuleHit] = []
        extract_events(article, doc, places=args.places, times=args.times, actors=args.actors,
                       dictionary=dictionary, focus_country=args.focus, trace=trace)
        return trace

    return run


CASES = [
    pytest.param(rule.id, kind, sentence, id=f"{rule.id}:{kind}{i}")
    for rule in TABLE.rules
    for kind, sentences in (("example", rule.examples), ("counter", rule.counter))
    for i, sentence in enumerate(sentences)
]


@pytest.mark.parametrize(("rule_id", "kind", "sentence"), CASES)
def test_rule_fires_on_its_examples_and_not_on_its_counter_examples(
    analyse, rule_id: str, kind: str, sentence: str
) -> None:
    hits = analyse(sentence)
    fired = [h.rule for h in hits]
    if kind == "example":
        assert rule_id in fired, f"{rule_id} did not fire: {hits}"
    else:
        assert rule_id not in fired, f"{rule_id} fired on its counter-example: {hits}"


def test_every_rule_has_an_example_and_a_unique_id() -> None:
    assert all(rule.examples for rule in TABLE.rules), [r.id for r in TABLE.rules if not r.examples]
    assert len({r.id for r in TABLE.rules}) == len(TABLE.rules)


def test_no_rule_is_shadowed_by_an_unconditional_one() -> None:
    """First match: a rule after an unconditional one of the same classes never fires."""
    for rule in TABLE.rules:
        for cls in rule.classes:
            ordered = TABLE.by_class[cls]
            later = ordered[ordered.index(rule) + 1:]
            if not rule.when.strip():
                assert not later, f"{[r.id for r in later]} can never fire after {rule.id}"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('id = "x"\nclass = ["attack"]\nwhen = "no_such_feature"\ngives = "Attack"', "unknown name"),
        ('id = "x"\nclass = ["attack"]\nwhen = "crowd"\ngives = "Skirmish"', "not an ACLED sub-event"),
        ('id = "x"\nclass = ["attack"]\nwhen = "__import__(\'os\')"\ngives = "Attack"',
         "unknown predicate"),
        ('id = "x"\nclass = ["attack"]\nwhen = "crowd.real"\ngives = "Attack"', "not allowed"),
        ('id = "x"\nclass = ["attack"]\nwhen = "crowd and"\ngives = "Attack"', "does not parse"),
        ('id = "x"\nclass = ["attack"]\ngives = "Attack"\nveto = true', "veto = true belongs"),
    ],
)
def test_a_bad_rule_fails_when_the_table_loads(tmp_path: Path, rule: str, message: str) -> None:
    (tmp_path / "bad.toml").write_text(f"[[rule]]\n{rule}\nexamples = ['x']\n")
    with pytest.raises(RuleError, match=message) as info:
        load_rules(tmp_path)
    assert "[E402] bad.toml, rule 'x'" in str(info.value)


def test_a_changed_rule_or_lexicon_is_a_new_component_version(tmp_path: Path) -> None:
    import re
    import shutil

    from eventline.extract import NAME, component_version
    from eventline.extract.lexicons import LEXICON_DIR
    from eventline.extract.rules import RULES_DIR

    rules, lexicons = tmp_path / "rules", tmp_path / "lexicons"
    shutil.copytree(RULES_DIR, rules)
    shutil.copytree(LEXICON_DIR, lexicons)
    assert re.fullmatch(r"extract\.rules\.[0-9a-f]{12}", NAME)
    assert component_version(rules, lexicons) == NAME  # same content, same version
    table = rules / "typing.toml"
    table.write_text(table.read_text().replace('gives = "Grenade"', 'gives = "Suicide bomb"', 1))
    changed_rule = component_version(rules, lexicons)
    words = lexicons / "words.toml"
    words.write_text(words.read_text().replace('"grad"', '"grad", "katyusha"', 1))
    changed_both = component_version(rules, lexicons)
    assert len({NAME, changed_rule, changed_both}) == 3


def test_every_sub_event_type_has_one_event_type_and_the_doctests_run() -> None:
    import doctest

    from eventline import taxonomy, versions
    from eventline.models import EVENT_TYPES, Inter

    assert {s.event_type for s in taxonomy.SubEventType} == set(taxonomy.EventType)
    assert sum(len(subs) for subs in EVENT_TYPES.values()) == len(taxonomy.SubEventType)
    assert Inter.CIVILIANS == 7 and Inter is taxonomy.Inter  # one home for the inter codes
    for module in (taxonomy, versions):
        assert doctest.testmod(module).failed == 0, module.__name__
