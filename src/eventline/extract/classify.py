"""Typing: a trigger, its class and its features -> an ACLED sub-event type, by the rule table.

The rules are data (``rules/*.toml``, see :mod:`.rules`); this module only
builds the trigger's :class:`~.features.Features` and asks the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..taxonomy import EventType, SubEventType
from .features import Context, Features
from .rules import TABLE, Rule, RuleTable

if TYPE_CHECKING:
    from spacy.tokens import Token


def type_trigger(trig: Token, cls: str, ctx: Context, table: RuleTable = TABLE
                 ) -> tuple[Rule | None, tuple[EventType, SubEventType] | None]:
    """The rule that types the trigger (None: no rule) and its (event type, sub-event type),
    or None for the type when the trigger is not an event."""
    rule = table.first_match(Features(trig, cls, ctx))
    if rule is None or rule.gives is None:
        return rule, None
    return rule, (rule.gives.event_type, rule.gives)
