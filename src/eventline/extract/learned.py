"""The learned sentence typer beside the rule table: events the trigger lexicon has no word for.

A sentence becomes a learned candidate only where the rules found no event (a
trigger they rejected as unreal stays rejected; one a veto rule spoke of needs
more confidence, :func:`may_speak`), when the typer
(:class:`~eventline.protocols.SentenceTyper`) calls it an event with enough
probability; :mod:`.events` then finds its arguments as for any candidate and
keeps it only with anchors of its own (see :func:`keeps`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..taxonomy import SubEventType
from .factuality import _is_factual
from .lexicons import REPORTED_CLAUSE_VERBS, STATIVE_VERBS
from .records import _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..protocols import SentenceTyper

# A sentence the typer calls an event with at least this probability becomes a candidate when it
# names its own place and its own time (an incident told in full); with only one of them it needs
# the higher figure. Below them the rules' silence stands.
LEARNED_MIN_PROBABILITY = 0.6
LEARNED_MIN_PROBABILITY_ONE_ANCHOR = 0.85
# a sentence that names no one who acts or suffers ("2 rockets landed near a camp near Gao",
# "shots were heard in Kidal") speaks of an event only when the typer is all but sure
LEARNED_MIN_PROBABILITY_NO_ACTOR = 0.95

LEARNED = "learned"  # the trigger class of a learned candidate


def learned_types(doc: Doc, typer: SentenceTyper | None) -> dict[int, tuple[str, float, str]]:
    """Sentence start token -> (sub-event type, probability, typer name) for the sentences
    the typer calls events."""
    if typer is None:
        return {}
    sents = list(doc.sents)
    # each sentence's text from its character offsets (what Span.text gives, without a
    # token object per word; Doc.text joins every token on each access: once here)
    text = doc.text
    found = {}
    for sent, (label, prob) in zip(sents, typer.predict([text[s.start_char:s.end_char]
                                                          for s in sents])):
        if prob >= LEARNED_MIN_PROBABILITY:
            found[sent.start] = (label, prob, typer.name)
    return found


_TALLY = re.compile(r"\b(?:since|so far|to date|in total|altogether|this year|last year|"
                    r"a total of|in all(?=\s*[,.;:]|\s*$)|over the past|over the last|in recent (?:days|weeks|months))\b",
                    re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:FILE|PHOTO|IMAGE|VIDEO)\s*(?:PHOTO\s*)?[-\u2013\u2014:]",
                      re.IGNORECASE)


def may_speak(prob: float, *, vetoed: bool, weak: bool, has_actor: bool) -> bool:
    """Whether the typer may make an event of a sentence where the rules found none.

    An event needs someone who acts or suffers in it (an actor mention: "gunmen",
    "protesters", "the army", ...), or a typer all but sure of it (a passive with no agent,
    weapons as the subject: "2 rockets landed near the camp"). A trigger the rules rejected
    as unreal (negated, planned) or know is no event stays rejected (``vetoed``); a weaker
    rejection (``weak``: a participle, a veto rule that speaks of its word only: "a truck hit
    a landmine") needs the higher probability.
    """
    if vetoed:
        return False
    if not has_actor:
        return not weak and prob >= LEARNED_MIN_PROBABILITY_NO_ACTOR
    return prob >= (LEARNED_MIN_PROBABILITY_ONE_ANCHOR if weak else LEARNED_MIN_PROBABILITY)


def has_tally(sent: Span) -> bool:
    """Running totals and summaries ("more than 3,500 have died since March") are not incidents."""
    return _TALLY.search(sent.text) is not None


def learned_candidate(sent: Span, sub_event_type: str, prob: float, typer_name: str
                      ) -> list[_Candidate]:
    """A candidate typed by the learned typer, anchored at the sentence's main verb."""
    root = sent.root
    # "..., activists said": the event is the reported clause, not the saying
    if root.lemma_.lower() in REPORTED_CLAUSE_VERBS:
        reported = [ch for ch in root.children
                    if ch.dep_ in {"ccomp", "parataxis"} and ch.pos_ in {"VERB", "AUX"}]
        if reported:
            root = reported[0]
    if not _is_factual(root) or root.lemma_.lower() in STATIVE_VERBS or _CAPTION.match(sent.text):
        return []  # "The cafe was located on ...", "FILE - A police officer stands outside ..."
    sub = SubEventType(sub_event_type)
    return [_Candidate(trigger=root, cls=LEARNED, event_type=sub.event_type, sub_event_type=sub,
                       typed_by=f"{typer_name} p={prob:.2f}")]


def keeps(c: _Candidate, sent: Span, prob: float, has_own_time: bool, has_own_place: bool) -> bool:
    """The typer reads words, not arguments: its events need their own anchors."""
    if has_tally(sent) or not (has_own_time or has_own_place):
        return False
    return has_own_time and has_own_place or prob >= LEARNED_MIN_PROBABILITY_ONE_ANCHOR
