"""Triggers: the verbs and nouns of a sentence that name an event, with their class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..taxonomy import SubEventType
from .classify import type_trigger
from .factuality import _is_factual, _noun_is_event
from .features import Context
from .lexicons import (
    AIR_WEAPONS,
    CROWD_WEAPONS,
    CROWD_WORDS,
    GROUND_WEAPONS,
    IRREGULAR_FORMS,
    NOUN_TRIGGERS,
    VERB_TRIGGERS,
)
from .records import _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span


class SentenceTyper(Protocol):
    """A learned sentence typer: a sub-event type (or "NONE") and its probability per text."""

    def predict(self, texts: list[str]) -> list[tuple[str, float]]: ...



@dataclass(frozen=True, slots=True)
class RuleHit:
    """Which typing rule a factual trigger met (``rule`` None: no rule of its class held)."""

    start: int  # char offset of the trigger in the article
    trigger: str
    trigger_class: str
    rule: str | None


def _candidates(sent: Span, ctx: Context, *, typer: SentenceTyper | None = None,
                trace: list[RuleHit] | None = None) -> list[_Candidate]:
    """The sentence's triggers that are factual events, typed by the rule table.

    ``typer`` is the learned sentence typer's seam: it will sit here beside the
    rule table (one ``predict([sent.text])`` per sentence, its label weighed
    against the rules' types). None keeps the rule table alone, as today.
    ``trace``, when given, receives a :class:`RuleHit` for every typed trigger.
    """
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.lower_ in IRREGULAR_FORMS and (lemma not in VERB_TRIGGERS or lemma != IRREGULAR_FORMS[tok.lower_]):
            lemma = IRREGULAR_FORMS[tok.lower_]  # the small model's lemmatizer misses some
        cls = None
        if tok.pos_ == "VERB" and lemma == "open" and any(
            ch.dep_ == "dobj" and ch.lower_ == "fire" for ch in tok.children
        ):
            cls = "attack"  # "opened fire on villagers"
        elif tok.pos_ == "VERB" and lemma in {"fire", "launch", "lob"} and any(
            ch.dep_ == "dobj" and ch.lemma_.lower() in GROUND_WEAPONS | AIR_WEAPONS | {"missile", "rocket"}
            for ch in tok.children
        ):
            cls = "fire"  # "fired a ballistic missile at a camp"
        elif tok.pos_ == "VERB" and lemma in {"fire", "use", "spray", "lob", "throw", "deploy"} \
                and any(ch.dep_ == "dobj" and ch.lemma_.lower() in CROWD_WEAPONS
                        for ch in tok.children) \
                and {t.lemma_.lower() for t in sent} & CROWD_WORDS:
            cls = "crowd_control"  # "police fired tear gas at students protesting"
        elif tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.lower_ in NOUN_TRIGGERS and \
                tok.dep_ in {"nsubj", "nsubjpass"} and not any(
                    c.dep_ in {"nsubj", "aux", "dobj"} for c in tok.children):
            # "Fighting between the two armies entered a third day": the gerund is a noun here
            cls = NOUN_TRIGGERS[tok.lower_]
            if not _noun_is_event(tok):
                continue
        elif tok.pos_ == "VERB" and lemma in VERB_TRIGGERS:
            cls = VERB_TRIGGERS[lemma]
        elif tok.pos_ in {"NOUN", "PROPN"} and (tok.lower_ in NOUN_TRIGGERS or lemma in NOUN_TRIGGERS):
            cls = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS[lemma]
            if not _noun_is_event(tok):
                continue
        if cls is None:
            continue
        if not _is_factual(tok):
            continue
        rule, typed = type_trigger(tok, cls, ctx)
        if trace is not None:
            trace.append(RuleHit(tok.idx, tok.text, cls, rule.id if rule is not None else None))
        if typed is None:
            continue
        if typed[1] is SubEventType.OTHER and cls in {"takeover", "attack", "clash"}:
            cls = "coup"  # "seized power", "stormed the presidential palace": coded like a coup
        out.append(_Candidate(trigger=tok, cls=cls, event_type=typed[0], sub_event_type=typed[1]))
    return out
