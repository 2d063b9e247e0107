"""Triggers: the verbs and nouns of a sentence that name an event, with their class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..taxonomy import SubEventType
from .classify import type_trigger
from .factuality import PARTICIPLE, _noun_is_event, unreal_reason
from .features import Context
from .idioms import Idiom, idiom_class, trigger_lemma
from .lexicons import (
    NOUN_TRIGGERS,
    VERB_TRIGGERS,
)
from .records import _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token




@dataclass(frozen=True, slots=True)
class RuleHit:
    """Which typing rule a factual trigger met (``rule`` None: no rule of its class held)."""

    start: int  # char offset of the trigger in the article
    trigger: str
    trigger_class: str
    rule: str | None


def _gerund_noun(tok: Token) -> bool:
    """"Fighting between the two armies entered a third day": the gerund is a noun here."""
    return tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.lower_ in NOUN_TRIGGERS and \
        tok.dep_ in {"nsubj", "nsubjpass"} and not any(
            c.dep_ in {"nsubj", "aux", "dobj"} for c in tok.children)


def _denied_noun(tok: Token) -> bool:
    """"The army reported no clashes": an event noun that says there was none."""
    return tok.pos_ == "NOUN" and (tok.lower_ in NOUN_TRIGGERS or tok.lemma_.lower() in NOUN_TRIGGERS) \
        and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _lexicon_class(tok: Token) -> str | None:
    """The trigger class of a verb or an event noun, from the lexicon; None if it is neither
    (or a noun outside an eventive frame)."""
    lemma = trigger_lemma(tok)
    if _gerund_noun(tok):
        return NOUN_TRIGGERS[tok.lower_] if _noun_is_event(tok) else None
    if tok.pos_ == "VERB" and lemma in VERB_TRIGGERS:
        return VERB_TRIGGERS[lemma]
    if tok.pos_ in {"NOUN", "PROPN"} and (tok.lower_ in NOUN_TRIGGERS or lemma in NOUN_TRIGGERS):
        cls = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS[lemma]
        return cls if _noun_is_event(tok) else None
    return None


def _candidates(sent: Span, ctx: Context, *, idioms: dict[int, list[Idiom]],
                vetoed: list[Token] | None = None,
                weak: list[Token] | None = None,
                trace: list[RuleHit] | None = None) -> list[_Candidate]:
    """The sentence's triggers that are factual events, typed by the rule table.

    ``idioms`` are the document's trigger idioms (:func:`.idioms.idiom_matches`).
    Trigger words the rules rejected as not factual (negated, hypothetical) are
    appended to ``vetoed``: the learned typer (:mod:`.learned`) speaks only where
    the rules found no event. Rejections that say less are appended to ``weak`` (or to
    ``vetoed`` when ``weak`` is None): a participle that is no clause of its own
    ("..., killing two"), and a ``veto`` rule, which speaks of its word only ("hit"
    with no weapon the rules know: "a convoy hit a landmine"); a confident typer
    may overrule those.
    ``trace``, when given, receives a :class:`RuleHit` for every typed trigger.
    """
    weak = vetoed if weak is None else weak
    out = []
    for tok in sent:
        # "opened fire on", "fired rockets at", "fired tear gas at protesters": idioms first
        cls = idiom_class(idioms[tok.i], sent) if tok.i in idioms else None
        if cls is None:
            cls = _lexicon_class(tok)
        if cls is None:
            if vetoed is not None and (_gerund_noun(tok) or _denied_noun(tok)):
                vetoed.append(tok)
            continue
        reason = unreal_reason(tok)
        if reason is not None:
            into = weak if reason == PARTICIPLE else vetoed
            if into is not None:
                into.append(tok)
            continue
        rule, typed = type_trigger(tok, cls, ctx)
        if trace is not None:
            trace.append(RuleHit(tok.idx, tok.text, cls, rule.id if rule is not None else None))
        if typed is None:
            if rule is not None and rule.veto and weak is not None:
                # the rules know this word is no event ("detained in hospital", "a photo taken
                # from"); the sentence may hold another ("staged a sit-in to demand the release
                # of hostages taken by ..."), which a confident typer may read
                weak.append(tok)
            continue  # else the rules could not type it: the learned typer may
        if typed[1] is SubEventType.OTHER and cls in {"takeover", "attack", "clash"}:
            cls = "coup"  # "seized power", "stormed the presidential palace": coded like a coup
        out.append(_Candidate(trigger=tok, cls=cls, event_type=typed[0], sub_event_type=typed[1],
                              rule=rule.id if rule is not None else "",
                              typed_by=f"rule {rule.id}" if rule is not None else ""))
    return out
