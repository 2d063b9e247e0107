"""Triggers: the verbs and nouns of a sentence that name an event, with their class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp import doc_text
from ..taxonomy import SubEventType
from .classify import type_trigger
from .factuality import PARTICIPLE, _noun_is_event, unreal_reason
from .features import Context
from .idioms import Idiom, idiom_class, trigger_lemma
from .lexicons import (
    AIR_WEAPONS,
    CROWD_WORDS,
    ENDURED_FRAMES,
    ENDURED_NOUNS,
    FINDING_VERBS,
    FIRE_TARGETS,
    FIRE_WEAPONS,
    FOUND_DEAD,
    GROUND_WEAPONS,
    NOUN_TRIGGERS,
    REPORT_PASSIVES,
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


# not a clash: "the town has been under siege" is a state, no incident
_ENDURED_CLASSES = frozenset({"attack", "airstrike", "shelling", "explode"})


def _endured(tok: Token) -> bool:
    """"The convoy came under fire", "the base was subjected to rocket fire", "MINUSMA forces
    were the target of a rocket attack": a noun the victims' clause suffered."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ENDURED_FRAMES \
        and prep.head.lemma_.lower() in ENDURED_FRAMES[prep.lower_] \
        and not any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _shot_at(tok: Token) -> bool:
    """The fire or attack the frame's subject suffered is one when a weapon is named ("rocket
    fire") or the subject is one shoots at ("the convoy", "Kidal"), not "the minister"."""
    mods = {t.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}
            for t in c.subtree}
    if mods & (FIRE_WEAPONS | GROUND_WEAPONS | AIR_WEAPONS):
        return True
    verb = tok.head.head
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and verb.dep_ in {"acl", "ROOT"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        subj = verb.head  # "the base in Tessalit subjected to fire"
    if subj is None:
        return False
    words = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ == "compound"}
    return bool(words & FIRE_TARGETS) or subj.ent_type_ in {"GPE", "LOC", "FAC"}


def _between_sides(tok: Token) -> bool:
    """"Fighting between Barkhane forces and jihadists signalled near Sorori", "clashes
    between herders and farmers in Dioungani": a clash noun that names both its sides is the
    clash (told as the subject of any verb but "be", or as a note's head)."""
    # "violence erupted between the two militias": violence is a clash once its sides are named
    if tok.pos_ not in {"NOUN", "VERB"} or NOUN_TRIGGERS.get(tok.lower_) != "clash" \
            and NOUN_TRIGGERS.get(tok.lemma_.lower()) != "clash" and tok.lower_ != "violence":
        return False
    if tok.pos_ == "VERB" and (tok.tag_ != "VBG" or any(
            c.dep_ in {"nsubj", "aux", "dobj"} for c in tok.children)):
        return False  # "they were fighting between the houses": the verb
    # "clashes between X and Y", or "violence erupted between X and Y" (the sides on the verb)
    holders = [tok, tok.head] if tok.dep_ == "nsubj" and trigger_lemma(tok.head) in {
        "erupt", "break", "flare", "occur", "resume", "continue"} else [tok]
    sides = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
             for g in c.children if g.dep_ == "pobj"]
    if not any(any(x.dep_ == "conj" for x in g.children) for g in sides):
        return False
    head = tok.head
    if tok.dep_ == "ROOT":
        return True
    return tok.dep_ in {"nsubj", "nsubjpass"} and head.pos_ == "VERB" \
        and trigger_lemma(head) != "be"


def _reported_noun(tok: Token) -> str | None:
    """An event noun reported as such: "clashes were reported in Boni", "two explosions were
    heard in Kidal", a note "Reports of airstrikes near Nampala", "an exchange of fire near
    Koro"."""
    if tok.pos_ != "NOUN" or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    cls = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(lemma)
    head = tok.head
    if tok.dep_ == "nsubjpass" and head.pos_ == "VERB" and trigger_lemma(head) in REPORT_PASSIVES:
        return cls
    if tok.dep_ == "pobj" and head.lower_ in {"of", "on"} and head.head.pos_ == "NOUN":
        noun = head.head.lemma_.lower()
        if noun == "report" and head.head.dep_ == "ROOT" and not any(
                c.lower_ == "no" for c in head.head.children):
            return cls  # a note's head ("Reports of airstrikes near Nampala"), not "there have
            # been increasing reports of attacks": a trend
        if noun == "exchange" and head.lower_ == "of" and lemma in {"fire", "gunfire"}:
            return "clash"
    return None


# what a note's head noun hangs on to tell of its incident: "Attack against a checkpoint at the
# exit of Ansongo", "Ambush targeting a convoy near Gao", "Aerial bombardment of rebel positions"
_NOTE_HEAD_PREPS = frozenset({"against", "on", "of", "at", "near", "in", "targeting", "around",
                              "between", "by"})
# nouns that carry an event noun as a note's head: "Continuation of clashes near Ber",
# "Resumption of fighting in Tessit", "Renewed outbreak of violence" (not "a history of attacks")
_CARRIER_NOUNS = frozenset({"continuation", "resumption", "renewal", "outbreak", "wave",
                            "series", "round"})


# "Two explosions south of Serma", "Shooting north of Gao": where, from a town
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                      "southwest", "north-east", "north-west", "south-east", "south-west"})


# the participles that tie a side to its patron: "hunters linked to the militia", "herders
# backed by the army", "fighters affiliated with the group"
_TIES = frozenset({"link", "back", "support", "ally", "affiliate", "tie", "connect", "associate"})


def _bare_gerund(tok: Token) -> bool:
    """"Fighting between militias near Menaka": a gerund the parser calls a verb, with no
    subject, auxiliary or object of its own, standing as an event noun."""
    return tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.lower_ in NOUN_TRIGGERS and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "dobj"} for c in tok.children)


def _one_line(tok: Token) -> bool:
    """The text is one line: a note or a brief, never an article with a headline above it."""
    return "\n" not in doc_text(tok.doc).strip()  # asked of every noun: the text joined once


def _note_head(tok: Token) -> str | None:
    """A one-line note whose head is a noun phrase, with no finite verb: "Attack against an army
    checkpoint near Gao", "Aerial bombardment of rebel positions north of Kidal", "Continuation
    of clashes near Ber", "Mortar fire against the camp in Tessalit" (an event noun, or fire
    with a weapon named, the line's root with what it hits or where). Not "Attacks" alone, nor
    a noun with "no", nor a sentence of an article ("The attack on the camp was condemned")."""
    if not (tok.pos_ == "NOUN" or _bare_gerund(tok)) or not _one_line(tok) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None
    head = tok
    if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and tok.head.lemma_.lower() in _TIES \
            and not any(c.dep_ == "dobj" for c in tok.head.children):
        # "Fighting between hunters linked to a militia and herders near Mopti": the parser
        # takes the participle of a side for the note's verb
        return _told_with(tok, _note_class(tok))
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "ROOT" \
            and tok.head.head.lower_ in _CARRIER_NOUNS:  # (a line's first word may be read as a name)
        head = tok.head.head
    if head.dep_ != "ROOT" or not (head.pos_ in {"NOUN", "PROPN"} or head is tok):
        return None
    if head is not tok:
        return _note_class(tok)
    return _told_with(tok, _note_class(tok))


def _note_class(tok: Token) -> str | None:
    """The trigger class of a note's head noun: an event noun, or fire with a weapon named."""
    lemma = tok.lemma_.lower()
    cls = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(lemma)
    if cls is None and lemma == "fire":
        mods = {t.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}
                for t in c.subtree}
        cls = "fire" if mods & GROUND_WEAPONS else "attack" if mods & FIRE_WEAPONS else None
    return cls


def _told_with(tok: Token, cls: str | None) -> str | None:
    """``cls`` when the head noun says what it hit or where ("against the camp", "near Gao",
    "south of Serma"), else None: a bare "Attack" tells nothing."""
    if cls is None:
        return None
    tells = any(c.dep_ == "prep" and c.lower_ in _NOTE_HEAD_PREPS or c.dep_ == "acl"
                and c.lower_ in _NOTE_HEAD_PREPS or c.dep_ in {"advmod", "npadvmod"}
                and c.lower_ in _COMPASS for c in tok.children)
    return cls if tells else None


_STREETS = frozenset({"street", "streets"})


# a crowd that moves into a place, or fills it: "thousands of protesters poured into the
# square", "demonstrators thronged the streets of Sanaa"
_CROWD_MOVES = frozenset({"pour", "flood", "throng", "pack", "fill", "swarm", "converge", "stream",
                          "flock", "surge", "descend"})
_INTO = frozenset({"into", "onto", "through", "on", "to", "in"})


def _crowd_moved(tok: Token, subj: Token) -> bool:
    """The crowd ``subj`` of a verb of crowds moved into a place or filled it."""
    if trigger_lemma(tok) not in _CROWD_MOVES or tok.pos_ != "VERB":
        return False
    return any(c.dep_ == "prep" and c.lower_ in _INTO and any(g.dep_ == "pobj" for g in c.children)
               for c in tok.children) or any(c.dep_ == "dobj" and (
                   c.lemma_.lower() in _STREETS | {"square", "roundabout", "centre", "center"}
                   or c.ent_type_ in {"GPE", "FAC", "LOC"}) for c in tok.children)


# the crowd of a protest by its name alone: what it demands or chants is the protest
_PROTEST_CROWDS = frozenset({"protester", "protestor", "demonstrator", "marcher"})
_CROWD_SAYS = frozenset({"demand", "chant", "denounce", "call"})
# quantities that stand for a crowd as the subject of "went to the streets"
_CROWD_COUNTS = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozens", "scores",
                           "people", "crowd", "crowds", "residents", "youths", "youth",
                           "women", "men", "supporters", "students", "inhabitants"})


# the frames above whose word is no trigger word: (lemmas, words one of which the sentence must
# also hold), for the flagged parse's cues (engines/selective.py)
FRAME_CUES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (_CROWD_SAYS, frozenset(_PROTEST_CROWDS | {w + "s" for w in _PROTEST_CROWDS})),
    (frozenset({"go"}), _STREETS),
    (frozenset({"violence"}), frozenset({"between"})),
    (FINDING_VERBS, frozenset(FOUND_DEAD | {"dead"})),
)


def _crowd_voiced(tok: Token) -> bool:
    """"Protesters demanded the release of the detainees", "demonstrators chanted slogans
    against the junta": a crowd named for protesting that says what it wants is the protest
    (not "residents demanded water": no crowd, nor "the minister called for calm")."""
    if tok.pos_ != "VERB" or trigger_lemma(tok) not in _CROWD_SAYS or tok.tag_ not in {
            "VBD", "VBZ", "VBP"}:
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in _PROTEST_CROWDS


def _went_to_the_streets(tok: Token) -> bool:
    """"Hundreds of people went to the streets to support the reform", "youths went into the
    street in Gao": a crowd that went out into the streets (as "took to the streets"); not "he
    went to the street to buy bread" (one man, no crowd)."""
    if tok.pos_ != "VERB" or trigger_lemma(tok) != "go":
        return False
    if not any(c.dep_ == "prep" and c.lower_ in {"to", "into", "onto"} and any(
            g.dep_ == "pobj" and g.lower_ in _STREETS for g in c.children) for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _CROWD_COUNTS or subj.lemma_.lower() in CROWD_WORDS)


def _crowd_out(tok: Token) -> bool:
    """"Supporters of the governor were out in Kano", "thousands of protesters were on the streets of
    Khartoum": a crowd that is out is the protest (detected here; the protest rules type it);
    so is one that poured into a square or thronged the streets (:func:`_crowd_moved`)."""
    if tok.lemma_.lower() in _CROWD_MOVES and tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        crowd = set() if subj is None else {subj.lemma_.lower()} | {
            g.lemma_.lower() for c in subj.children if c.dep_ == "prep" for g in c.children
            if g.dep_ == "pobj"}
        return subj is not None and bool(crowd & CROWD_WORDS - {"student"}) and _crowd_moved(tok, subj)
    if tok.lemma_.lower() != "be" or tok.pos_ not in {"AUX", "VERB"}:
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    crowd = {subj.lemma_.lower()} | {g.lemma_.lower() for c in subj.children if c.dep_ == "prep"
                                     for g in c.children if g.dep_ == "pobj"}
    if not crowd & CROWD_WORDS - {"student"}:
        return False
    return any(c.dep_ == "advmod" and c.lower_ == "out" for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ in {"on", "in"} and any(
            g.dep_ == "pobj" and g.lower_ in _STREETS for g in c.children) for c in tok.children)


def _found_dead(tok: Token) -> bool:
    """"Ten herders were found dead beside a well", "a mass grave was uncovered near Kere": the
    dead found tell of a killing, told in the passive (not "the weapons were found"; and not
    "villagers found the bodies": the rules would take the finders for the killers)."""
    if tok.pos_ != "VERB" or trigger_lemma(tok) not in FINDING_VERBS or any(
            c.dep_ == "nsubj" for c in tok.children):
        return False
    if any(c.dep_ in {"oprd", "acomp", "xcomp", "advmod", "ccomp"} and c.lower_ == "dead"
           for c in tok.children):
        return True
    return any(c.dep_ == "nsubjpass" and c.lower_ in FOUND_DEAD for c in tok.children)


def _lexicon_class(tok: Token) -> str | None:
    """The trigger class of a verb or an event noun, from the lexicon; None if it is neither
    (or a noun outside an eventive frame)."""
    lemma = trigger_lemma(tok)
    if _between_sides(tok):
        return "clash"
    if _crowd_out(tok) or _crowd_voiced(tok) or _went_to_the_streets(tok):
        return "protest"
    if _found_dead(tok):
        return "kill"
    reported = _reported_noun(tok)
    if reported is not None:
        return reported
    noted = _note_head(tok)
    if noted is not None:
        return noted
    if tok.pos_ == "NOUN" and _endured(tok):
        cls = ENDURED_NOUNS.get(lemma) or NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(lemma)
        if cls in _ENDURED_CLASSES and _shot_at(tok):
            return cls
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
