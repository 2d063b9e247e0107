"""Who types an event when the rule table and the learned typer disagree.

The rule table (:mod:`.rules`, ``rules/typing.toml``) reads a trigger's
arguments: who acts, who suffers, whether they are armed, whether the
trigger is negated or planned. The learned typer
(:class:`~eventline.protocols.SentenceTyper`) reads the sentence's words: it
knows that "hit an IED" is a remote explosive and "made off with the herd" is
looting, however the clause is built, but it does not know who was armed.

So each typing rule says, in its ``defer`` key, which sub-event types the
typer may put in its place:

- no ``defer``: the rule decided from arguments (state or non-state forces
  taking a town, armed or unarmed victims, force used on a crowd, a coup) and
  its type stands, whatever the typer thinks;
- ``defer = "any"``: a *lexical* rule, one that typed the trigger by its word
  and a fallback ("attacked" with no victim the rules could name is an armed
  clash): the typer's type wins where it is confident;
- ``defer = [...]``: the rule decided part of the type from arguments and the
  typer may decide the rest among the listed sub-event (or event) types:
  "killed eight soldiers" is a fight between armed men, but whether it was a
  gun battle or a roadside bomb is in the words.

The typer wins when its likeliest allowed type has probability at least
:data:`OVERRIDE_MIN_PROBABILITY` (given that the sentence reports an event) and
leads the rule's own type by :data:`OVERRIDE_MIN_MARGIN`. Rules that say a
trigger is no event (factuality vetoes, ``veto`` rules) never reach this
module: the typer cannot bring back what the rules rejected. Sentences where
no rule fired are the typer's alone (:mod:`.learned`).

Between the triggers of one incident (one sentence, place and date), a rule that typed an
attack as an armed clash by default (it defers attacks on civilians: it found no armed
target or victim) yields to a trigger whose rule found unarmed victims ("gunmen stormed the
town hall and a teacher was wounded" is an attack on civilians): :func:`main_of_incident`.

Every candidate leaves with ``typed_by`` saying what typed it, for the event's
notes: ``rule attack.armed-clash``, or ``rule attack.armed-clash overridden by
typer.shipped.<hash> p=0.93``.

Example::

    cands = arbitrate(cands, sent.text, typer)   # in extract_events, once per sentence
    cands[0].sub_event_type, cands[0].typed_by
    # ('Remote explosive/landmine/IED',
    #  'rule harm.armed-kill-armed overridden by typer.shipped.7334ed1c1aef p=0.91')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..taxonomy import SubEventType
from .rules import TABLE, Rule, RuleTable

if TYPE_CHECKING:
    from ..protocols import SentenceTyper
    from .records import _Candidate

__all__ = ["OVERRIDE_MIN_MARGIN", "OVERRIDE_MIN_PROBABILITY", "Verdict", "arbitrate", "decide",
           "main_of_incident"]

# Measured on ACLED notes (one half, checked on the other) and on t17-dev: below these the
# typer's first choice is right less often than a lexical rule. Re-measured with the typer of
# the notes corpus (2026-12-01): 0.6 gains 0.15 pt of event type on half 1 and loses 0.2 pt on
# half 2; the margin changes nothing between 0.2 and 0.4.
OVERRIDE_MIN_PROBABILITY = 0.7
OVERRIDE_MIN_MARGIN = 0.3


@dataclass(frozen=True, slots=True)
class Verdict:
    """The sub-event type an event gets, and what gave it (for the event's notes)."""

    sub_event_type: SubEventType
    typed_by: str
    overridden: bool = False


def decide(rule: Rule, rule_type: SubEventType, distribution: Mapping[str, float] | None,
           typer_name: str = "typer") -> Verdict:
    """The rule's type, or the typer's where the rule defers and the typer is confident.

    ``distribution`` is the typer's P(sub-event type | an event) for the sentence
    (None: no typer).

    Example::

        >>> from eventline.extract.rules import TABLE
        >>> rule = TABLE.rule("attack.armed-clash")
        >>> decide(rule, rule.gives, {"Armed clash": 0.05, "Remote explosive/landmine/IED": 0.9},
        ...        "typer.test").typed_by
        'rule attack.armed-clash overridden by typer.test p=0.90'
        >>> decide(TABLE.rule("attack.on-civilians"), SubEventType.ATTACK,
        ...        {"Armed clash": 0.95}, "typer.test").typed_by
        'rule attack.on-civilians'
    """
    own = Verdict(rule_type, f"rule {rule.id}")
    if not rule.defer or not distribution:
        return own
    allowed = [t for t in rule.defer if t.value in distribution and t != rule_type]
    if not allowed:
        return own
    best = max(allowed, key=lambda t: (distribution[t.value], t.value))
    p = distribution[best.value]
    if p < OVERRIDE_MIN_PROBABILITY or p - distribution.get(rule_type.value, 0.0) < OVERRIDE_MIN_MARGIN:
        return own
    return Verdict(best, f"rule {rule.id} overridden by {typer_name} p={p:.2f}", overridden=True)


def arbitrate(cands: Sequence[_Candidate], sentence: str, typer: SentenceTyper | None,
              table: RuleTable = TABLE) -> list[_Candidate]:
    """The rule candidates of one sentence, each typed by its rule or, where the rule defers,
    by the typer; ``typed_by`` records which. The typer is asked once, and only when a rule
    defers."""
    out = list(cands)
    deferring = [c for c in out if c.rule and table.rule(c.rule).defer]
    distribution = typer.distribution([sentence])[0] if typer is not None and deferring else None
    name = typer.name if typer is not None else "typer"
    for c in out:
        if not c.rule:
            continue  # typed by the learned typer already (its typed_by says so)
        verdict = decide(table.rule(c.rule), c.sub_event_type, distribution, name)
        c.typed_by = verdict.typed_by
        if verdict.overridden:
            c.sub_event_type = verdict.sub_event_type
            c.event_type = verdict.sub_event_type.event_type
    return out


def _by_rule(c: _Candidate) -> bool:
    return bool(c.rule) and "overridden" not in c.typed_by


# trigger words of the clash class that tell of shots, not of two sides ("gunshot wounded a
# trader", "was hit by gunfire")
_SHOTS = frozenset({"gunfire", "gunshot", "gunshots", "shooting"})


def _clash_by_default(c: _Candidate, table: RuleTable) -> bool:
    """An armed clash only because its rule typed an attack by its word: the rule left attacks
    on civilians to the typer (``defer``), so it found neither armed targets nor armed
    victims, and the typer did not retype it."""
    return c.sub_event_type == SubEventType.ARMED_CLASH and _by_rule(c) \
        and (c.cls == "attack" or c.trigger.lower_ in _SHOTS) \
        and SubEventType.ATTACK in table.rule(c.rule).defer


def main_of_incident(group: Sequence[_Candidate], best: _Candidate,
                     table: RuleTable = TABLE) -> _Candidate:
    """The candidate that types one incident's triggers (``best``: the one ranked first).

    An attack that is an armed clash by default ("gunmen attacked the voting office") yields to
    a trigger of the same incident whose rule found unarmed victims ("..., killing its
    head"): the victims say what the attack was. A clash of two sides ("rebels and
    soldiers clashed; two civilians died") keeps its type.
    """
    if not _clash_by_default(best, table):
        return best
    # (a rule that leaves armed clashes to the typer found no unarmed victims: it is a fallback)
    told = [c for c in group if c.sub_event_type == SubEventType.ATTACK and _by_rule(c)
            and table.rule(c.rule).gives == SubEventType.ATTACK
            and SubEventType.ARMED_CLASH not in table.rule(c.rule).defer]
    return told[0] if told else best
