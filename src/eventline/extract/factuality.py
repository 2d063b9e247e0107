"""Factuality: whether a trigger reports a real incident (not negated, modal, planned, habitual,
a tally or a period, background told beside the news, or the writer's own rhetoric)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..nlp import doc_text
from .idioms import trigger_lemma
from .lexicons import (
    ASPECTUAL,
    COUNT_NOUNS,
    FIRST_PERSON,
    HEDGES,
    MODALS,
    NONFACTIVE_HEADS,
    NOUN_EVENT_VERBS,
    NOUN_LIGHT_VERBS,
    REPORTING_VERBS,
)
from .parse import (
    _aux_words,
    _head_chain,
    _subject,
)
from .records import _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..models import TimeMention



# Why a trigger is not a factual incident (:func:`unreal_reason`). A participle only says the
# word is not a clause of its own: the sentence may still report an event the typer can read.
PARTICIPLE = "participle"


def _is_factual(tok: Token) -> bool:
    """False for negated, modal, future, conditional, intended or infinitival mentions."""
    return unreal_reason(tok) is None


def _running_total(tok: Token) -> bool:
    """"has killed more than 30,000 people since 2009", "since then his forces have fought
    back": a perfect with "since" or "so far" in its own clause sums up a period."""
    if not _aux_words(tok) & {"has", "have"}:
        return False
    own = [t for c in tok.children if c.dep_ not in {"ccomp", "conj", "parataxis"}
           for t in c.subtree]
    return any(t.lower_ == "since" or (t.lower_ in {"far", "date"} and t.i > 0
                                       and t.nbor(-1).lower_ in {"so", "to"})
               for t in own)


def _split_count(tok: Token) -> bool:
    """"He had shot 14 people in Somalia, three in Afghanistan and one in Iraq": a perfect
    whose count is split by place adds up a career or a campaign, not one incident ("troops
    killed nine in Kano and three in Kaduna on Friday" is dated, and a simple past)."""
    if not _aux_words(tok) & {"has", "have", "had"} or _clause_dated(tok):
        return False
    counts = [c for c in tok.children if c.tag_ == "CD" and c.dep_ in {"npadvmod", "conj", "appos"}]
    counts += [g for n in counts for g in n.conjuncts]
    return any(p.dep_ == "prep" and p.lower_ in {"in", "at"} for n in counts for p in n.children)


def _share_of_a_total(tok: Token) -> bool:
    """"36,000 of the city's 50,000 homes were destroyed": a share of a total counted is an
    assessment of damage done over time, not one incident (unless the clause dates it)."""
    for subj in (c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ == "CD"):
        whole = [g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj"]
        if any(c.dep_ == "nummod" for w in whole for c in w.children):
            return not _clause_dated(tok)
    return False


# infinitives whose purpose is done when the act they follow is: "gathered to protest"
PURPOSE_DONE = frozenset({"demonstrate", "disperse", "march", "picket", "protest", "rally"})


# heads of a perfect infinitive that claim a done act for its doer: "militants claimed to have
# killed two soldiers", "the group admitted to have kidnapped ..." (ACLED codes such claims);
# hearsay ("fighters were said to have arrived") stays unreal
CLAIM_HEADS = frozenset({"claim", "admit", "acknowledge", "boast", "confirm"})


def _claimed_past(tok: Token) -> bool:
    """"claimed to have killed": an active claim by the doer of a perfect infinitive."""
    head = tok.head
    return tok.dep_ == "xcomp" and "have" in _aux_words(tok) \
        and head.lemma_.lower() in CLAIM_HEADS and head.tag_ != "VBN" \
        and unreal_reason(head) is None


# "was reported to have attacked", "are said to have killed": a passive of telling over a
# perfect infinitive reports a past act (ACLED codes what is reported)
REPORTED_HEADS = frozenset({"report", "say", "allege"})


def _reported_past(tok: Token) -> bool:
    """ "The group was reported to have launched an attack", "soldiers are said to have
    killed two": what the news reports a doer did ("is expected to attack" is a plan: no
    perfect; "hundreds are believed to have been killed" a guess at a toll; "fighters were
    said to have arrived" a rumour of a movement, no act on anyone; "claimed to have" is
    :func:`_claimed_past`)."""
    head = tok.head
    return tok.dep_ == "xcomp" and "have" in _aux_words(tok) \
        and not any(c.dep_ == "auxpass" for c in tok.children) \
        and any(c.dep_ == "dobj" for c in tok.children) \
        and head.lemma_.lower() in REPORTED_HEADS and head.tag_ == "VBN" \
        and any(c.dep_ == "auxpass" for c in head.children) \
        and not any(c.dep_ == "neg" for c in head.children) \
        and not _aux_words(head) & MODALS


def _protest_manner(tok: Token) -> bool:
    """"hundreds took to the streets protesting the fuel price": a protest gerund beside a
    done act of the crowd is the protest itself (not "students protesting", a noun's modifier)."""
    head = tok.head
    return trigger_lemma(tok) in PURPOSE_DONE and tok.dep_ in {"advcl", "conj"} \
        and head.tag_ == "VBD" and head.dep_ not in {"xcomp", "ccomp"} \
        and unreal_reason(head) is None


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _line_participle(tok: Token) -> bool:
    """"Youths throwing stones at a patrol near the market": in a one-line note with no finite
    verb, a participle of the line's head noun is what its people did (not "youths throwing
    stones were arrested": a finite verb tells the line's act)."""
    head = tok.head
    if tok.dep_ != "acl" or head.dep_ != "ROOT" or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(t.tag_ in _FINITE for t in tok.sent):
        return False
    return "\n" not in doc_text(tok.doc).strip()


def _claimed_act(tok: Token) -> bool:
    """"the group claimed destroying two trucks": a gerund a doer claims is the act claimed."""
    head = tok.head
    return tok.dep_ in {"xcomp", "ccomp", "dobj"} and head.lemma_.lower() in CLAIM_HEADS \
        and head.tag_ in {"VBD", "VBZ", "VBP"} and unreal_reason(head) is None


def _state_of_a_thing(tok: Token) -> bool:
    """ "the bombed-out district", "a burnt-out car", "shot-up buildings": a participle
    joined to its particle describes what a thing looks like after the war, not an act."""
    if tok.tag_ != "VBN" or tok.dep_ not in {"amod", "compound"}:
        return False
    nxt = tok.nbor(1) if tok.i + 2 < len(tok.doc) else None
    return nxt is not None and nxt.text == "-" and nxt.idx == tok.idx + len(tok.text) \
        and tok.nbor(2).lower_ in {"out", "up"}


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _background(tok: Token) -> bool:
    """What a sentence tells to place its news: "since protests began in March" (the start of
    a period), "a funeral for X, who was killed when ..." (the past of a person named)."""
    clause = tok.head if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"nsubj", "nsubjpass"} \
        else tok
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children):
        return True
    for t in (tok, *_head_chain(tok)):
        if t.dep_ == "relcl" and (t.head.ent_type_ == "PERSON" or any(
                c.lower_ == "whose" for c in t.subtree if c.i < t.i)):
            return True
    # "..., whose son was killed in Iraq": the parser may not see the relative clause, its
    # "whose" on the subject still says whose past is told
    if any(g.lower_ == "whose" for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}
           for g in c.children):
        return True
    return _recalled(tok)


def _governing_verb(tok: Token) -> Token | None:
    return next((t for t in _head_chain(tok) if t.pos_ in {"VERB", "AUX"}), None)


def _simple_present(tok: Token) -> bool:
    """"attack", "says", "continues": a present tense with no auxiliary of its own (and
    the form of one: the small model tags some pasts VBP, "forces retook positions")."""
    form = tok.lower_
    lemma = trigger_lemma(tok)
    present_form = form == lemma if tok.tag_ == "VBP" else form.endswith("s")
    return tok.tag_ in {"VBZ", "VBP"} and present_form and not any(
        c.dep_ in {"aux", "auxpass"} for c in tok.children)


def _recalled(tok: Token) -> bool:
    """"The grapevine celebrates an incident last June when a team was killed", "she
    remembers the night when soldiers burned her house": a when-clause with no date of its own
    under a present-tense story (not "five were wounded when gunmen attacked a market")."""
    if not any(c.dep_ == "advmod" and c.lower_ == "when" for c in tok.children):
        return False
    gov = _governing_verb(tok)
    return gov is not None and _simple_present(gov) and not _dated(tok)


def _dated(tok: Token) -> bool:
    """A date or time inside the trigger's own phrase ("attacked the village on Monday")."""
    return any(t.ent_type_ in {"DATE", "TIME"} for t in tok.subtree)


def _sentence_dated(tok: Token) -> bool:
    return any(t.ent_type_ in {"DATE", "TIME"} for t in tok.sent)


# clauses inside a phrase that tell of something else: "the schedule, which set pay per month"
_OTHER_CLAUSES = frozenset({"relcl", "acl", "ccomp", "advcl"})


def _clause_dated(tok: Token) -> bool:
    """A date or time of the trigger's own clause, not of a clause inside it."""
    for t in tok.subtree:
        if t.ent_type_ not in {"DATE", "TIME"}:
            continue
        cur = t
        while cur.i != tok.i and cur.dep_ not in _OTHER_CLAUSES:
            cur = cur.head
        if cur.i == tok.i:
            return True
    return False


def _rhetoric(tok: Token) -> bool:
    """"Our communities have been attacked ... and our people killed in our homes", "we also
    fought the wage schedule": the writer's own voice (an op-ed, a letter, a speech), with no
    date and no one quoted in the sentence, speaks of what happens to "us", not of one incident
    ('"We took Kidal," a rebel spokesman said' quotes a claim; "we were attacked on Monday"
    has its date)."""
    verbs = [tok]
    while verbs[-1].dep_ == "conj" and verbs[-1].head.pos_ in {"VERB", "AUX"}:
        verbs.append(verbs[-1].head)  # "our people tortured, raped and killed"
    parts = [c for v in verbs for c in v.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    if not any(p.lower_ in FIRST_PERSON or any(g.dep_ == "poss" and g.lower_ in FIRST_PERSON
                                                for g in p.children) for p in parts):
        return False
    return not _clause_dated(verbs[-1]) and not any(
        t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS for t in tok.sent)


# the subjects of a generic statement: "militants attack villages" (not "the militants", "AQIM")
def _generic_plural(tok: Token) -> bool:
    # "hundreds gather in the square": a crowd counted is no kind of people
    return tok.tag_ == "NNS" and tok.lower_ not in _CROWD_COUNTS and not any(
        c.dep_ in {"det", "nummod", "poss"} for c in tok.children)


_CROWD_COUNTS = frozenset({"dozens", "hundreds", "thousands", "scores", "tens"})


def _habitual(tok: Token) -> bool:
    """"Militants attack villages", "activists continue to report the execution of men": a
    simple present with no date in the sentence, said of a kind of people (a bare plural) or
    of what goes on ("continue", "keep"), tells what happens, not one incident. The tense is
    the trigger's own, or for a noun or an infinitive the first finite verb above it. Brief
    notes in the present ("A military vehicle strikes a mine near Tessalit", "AQIM
    establishes a base") and headlines ("Roadside bomb kills general") still report one."""
    if not _reads_as_sentence(tok.sent) or _sentence_dated(tok):
        return False
    for t in (tok, *_head_chain(tok)):
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        if t.tag_ in {"VBD", "MD"} or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {
                "VBD", "VBZ", "VBP", "MD"} for c in t.children):
            return False  # a past, a perfect, a progressive or a modal decides first
        if _simple_present(t):
            if tok.dep_ == "nsubj" and tok.head.i == t.i:
                return False  # "fighting rages in Homs", "clashes continue": going on now
            if trigger_lemma(t) in {"continue", "keep"} and t.i != tok.i:
                return True  # "activists continue to report", "gunmen keep attacking"
            subj, _ = _subject(t)
            if subj is None:
                return False
            objs = [c for c in t.children if c.dep_ == "dobj"] + [
                g for c in t.children if c.dep_ == "prep" and c.lower_ in {"with", "against"}
                for g in c.children if g.dep_ == "pobj"]
            return _generic_plural(subj) and all(_generic_plural(o) for o in objs)
        if t.tag_ in {"VBN", "VBG"} and t.dep_ not in {"xcomp", "ccomp"}:
            return False  # a participle that modifies: its tense is not the clause's
    return False


# adverbs of a repeated act: a habit in "have repeatedly attacked", the blows of one incident
# in "on Monday, a gunman repeatedly stabbed a trader" (a simple past with a date of its own)
ITERATIVE = frozenset({"repeatedly"})


def _one_dated_act(tok: Token, adverb: Token) -> bool:
    if adverb.lower_ not in ITERATIVE or tok.tag_ != "VBD":
        return False
    dates = [t for c in tok.children if c.i != adverb.i for t in c.subtree
             if t.ent_type_ in {"DATE", "TIME"}]
    # "in those years", "over recent weeks" span a period: the habit reading stands
    return bool(dates) and not any(t.tag_ == "NNS" for t in dates)


_FINITE_PAST = frozenset({"VBD", "VBZ", "VBP"})


def _own_act(child: Token, head: Token) -> bool:
    """A done act the parser hung from a nonfactive verb it does not depend on: a second act
    of the same doers ("gunmen threatened a herder and seized his cattle"), or a statement
    spliced on after it ("gunmen abducted a trader, the abductors accuse him of ...")."""
    if child.dep_ == "conj" and child.tag_ == "VBN" and head.tag_ in _FINITE_PAST:
        return any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in child.children)
    if child.tag_ != "VBD" or head.tag_ not in _FINITE_PAST:
        return False
    if child.dep_ == "conj":
        return any(c.dep_ == "dobj" for c in child.children)
    return child.dep_ == "ccomp" and child.i < head.i \
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children) \
        and any(c.dep_ == "nsubj" and c.i > child.i for c in head.children) \
        and any(t.text in {",", ";"} for t in child.doc[child.right_edge.i:head.i])


def _spliced(clause: Token, head: Token) -> bool:
    """A clause with its own subject that the parser hung, across a comma, under the verb of
    the clause after it: "On Monday, residents staged a sit-in, they demanded water" (a comma
    splice, common in short reports) is two statements, not a demand to stage a sit-in."""
    if clause.dep_ not in {"ccomp", "advcl"} or clause.i > head.i or clause.head.i != head.i:
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
        return False
    if clause.dep_ == "advcl" and (clause.tag_ not in {"VBD", "VBN"} or any(
            c.dep_ == "mark" for c in clause.children)):
        return False  # "if rebels attack the town, ..."; an adverbial clause the parser got right
    if clause.dep_ == "advcl" and not any(c.dep_ == "nsubj" and c.i > clause.i
                                          for c in head.children):
        return False  # the clause after the comma needs a subject of its own
    return any(t.text in {",", ";"} for t in clause.doc[clause.right_edge.i + 1:head.i])


def unreal_reason(tok: Token) -> str | None:
    """None when ``tok`` reports a real incident, else why not ("negated", "modal", ...)."""
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    if any(c.lower_ in HEDGES and not _one_dated_act(tok, c) for c in tok.children
           if c.dep_ == "advmod"):
        return "hedged"
    # participles and gerunds modifying a noun or inside a prepositional phrase
    # ("rebels fighting alongside", "returned from fighting") are not clauses of their own
    if tok.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children) \
            and tok.dep_ not in {"ROOT", "nsubj", "nsubjpass"} \
            and not (tok.dep_ == "pcomp" and tok.head.lower_ == "by") \
            and not _claimed_act(tok) and not _protest_manner(tok) and not _line_participle(tok):
        return PARTICIPLE
    if _state_of_a_thing(tok):
        return "state"
    aux = _aux_words(tok)
    if aux & MODALS:
        return "modal"
    if _running_total(tok) or _split_count(tok) or _share_of_a_total(tok):
        return "tally"
    # "By the end of 1972, 496 had been killed": a tally, not an incident
    if aux & {"has", "have", "had"} and re.search(
            r"\b(?:[Bb]y the end of (?:the )?(?:year|month|war|conflict|decade|century|\d{4}|"
            r"January|February|March|April|May|June|July|August|September|October|November|"
            r"December)|[Ii]n total|[Ii]n all(?=\s*[,.;:]|\s*$)|[Aa]ltogether|(?:latest|official) (?:\w+ )?(?:figures|"
            r"statistics|count|tally))\b", tok.sent.text):
        return "tally"  # not "by the end of the day": that is still the incident
    if "to" in aux or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        head = tok.head
        # "fired tear gas to disperse protesters", "took to the streets to protest": the
        # purpose of a crowd's or a police's act done is the act itself
        purpose_done = trigger_lemma(tok) in PURPOSE_DONE and head.tag_ == "VBD" \
            and tok.dep_ in {"advcl", "xcomp"} and head.dep_ not in {"xcomp", "ccomp"} \
            and unreal_reason(head) is None
        # "the patrol was subjected to ambush": the parser reads the noun as an infinitive
        endured = head.lemma_.lower() == "subject" and tok.dep_ in {"xcomp", "advcl", "prep"}
        if head.lemma_.lower() not in ASPECTUAL and not purpose_done and not _claimed_past(tok) \
                and not _reported_past(tok) and not endured:
            return "infinitive"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in tok.children):
        return "conditional"
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.head.children):
        return unreal_reason(tok.head)  # "to launch attacks": as real as the launching
    sent = tok.sent
    if sent.text.rstrip().endswith("?"):
        return "question"
    if _background(tok):
        return "background"
    # "Sunni Muslims were among those killed": a part of a toll told elsewhere
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.lower_ == "those":
        return "subset"
    # "the number of civilians injured by military action": a count, not an incident
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.dep_ == "pobj" \
            and tok.head.head.lower_ == "of" and tok.head.head.head.lemma_.lower() in COUNT_NOUNS:
        return "tally"
    if _rhetoric(tok):
        return "rhetoric"
    if _habitual(tok):
        return "habitual"
    child = tok
    below = tok
    for depth, head in enumerate(_head_chain(tok), start=1):
        if _spliced(below, head):
            break  # "residents staged a protest, the protesters denounced ...": two sentences
        below = head
        lemma = head.lemma_.lower()
        if lemma in NONFACTIVE_HEADS and head.tag_ == "VBG" and head.i > tok.i and not any(
                c.dep_ in {"aux", "auxpass"} for c in head.children):
            # "residents protested outside the town hall demanding water": a participle after
            # the act tells what its doers asked while doing it (the parser may make it the root)
            break
        # "set to attack" is a plan; "attacked the village ..., houses set ablaze" is not
        if lemma in NONFACTIVE_HEADS and not (lemma == "set" and not _infinitive(tok)) \
                and not _own_act(child, head):
            return "nonfactive"
        child = head
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ == "VERB" and depth == 1:
            return "negated"
        if _aux_words(head) & MODALS and depth == 1 and tok.dep_ in {"xcomp", "conj"}:
            return "modal"
        if depth > 8:
            break
    return None


# An incident takes a day, a week, at most a month: a time that spans more is a period summed
# up ("between April and October last year", "in 1970"), not the date of one incident.
PERIOD_DAYS = 31


def _a_period(time: TimeMention) -> bool:
    """Whether ``time`` is a period, no day of one incident.

    >>> from datetime import date as d
    >>> from eventline.models import TimeMention
    >>> _a_period(TimeMention("last year", 0, 9, d(2004, 1, 1), d(2004, 12, 31), 3))
    True
    >>> _a_period(TimeMention("in May", 0, 6, d(2011, 5, 1), d(2011, 5, 31), 3))
    False
    """
    if time.value is None:
        return False
    return ((time.value_end or time.value) - time.value).days > PERIOD_DAYS


def _date_token(time: TimeMention, sent: Span) -> Token | None:
    """The first token of ``time`` the model reads as a date ("Mirage 2000 jets": none)."""
    return next((t for t in sent if time.start <= t.idx < time.end and t.ent_type_ == "DATE"),
                None)


def _time_phrase(tok: Token) -> int:
    """The head of the date phrase ``tok`` is in: "between April and October last year" is
    one phrase, however many times the date reader found in it."""
    cur = tok
    while cur.head.i != cur.i and cur.head.ent_type_ == "DATE":
        cur = cur.head
    return cur.i


def _as_phrases(sent: Span, times: Sequence[TimeMention]) -> dict[int, TimeMention]:
    """Each time of ``sent`` (by its start) -> the whole time of the date phrase it is in."""
    groups: dict[int, list[TimeMention]] = {}
    for t in times:
        tok = _date_token(t, sent)
        groups.setdefault(_time_phrase(tok) if tok is not None else -1 - t.start, []).append(t)
    out: dict[int, TimeMention] = {}
    for group in groups.values():
        days = [(t.value, t.value_end or t.value) for t in group if t.value is not None]
        if not days:
            continue
        first, last = min(d[0] for d in days), max(d[1] for d in days)
        whole = replace(group[0], value=first, value_end=last if last != first else None)
        for t in group:
            out[t.start] = whole
    return out


def dated_only_by_a_period(time: TimeMention, trigger: Token,
                           sent_times: Sequence[TimeMention]) -> bool:
    """Whether the event of ``trigger`` is dated only by a period (:func:`_a_period`): when
    every time its sentence names is one ("Syria suffered coups in the 1960s before X seized
    power in 1970"; not "on 16 October ... Mirage 2000 jets"), its own ``time`` is not told
    of a noun on its way to the trigger ("killed during an escape led by a man who had taken
    part in the 2016 kidnapping", "X, a former rebel of the early 1990s"), and the trigger is
    not in a clause of the time itself ("since 2017, when a general was killed there": one
    incident of that year)."""
    sent = trigger.sent
    whole = _as_phrases(sent, [*sent_times, time])
    if not _a_period(whole.get(time.start, time)) or not all(
            _a_period(t) for t in whole.values()):
        return False
    tok = _date_token(time, sent)
    if tok is None:
        return False  # "Mirage 2000 jets": a number the model does not read as a date
    if any(a.i == tok.i for a in trigger.ancestors):
        return False  # "since 2017, when a general was killed there": one incident of that year
    above = {trigger.i, *(a.i for a in trigger.ancestors)}
    cur = tok
    while cur.i not in above and cur.head.i != cur.i:
        if cur.dep_ in {"relcl", "acl", "appos"}:
            return False
        cur = cur.head
    return True


def _bare_plural(tok: Token) -> bool:
    """"sectarian bombings", "recent air strikes": a plural noun with no determiner, number,
    possessor or date of its own."""
    return tok.tag_ == "NNS" and not any(
        c.dep_ in {"det", "nummod", "poss"} or c.ent_type_ in {"DATE", "TIME"}
        for c in tok.children) and not any(t.ent_type_ in {"DATE", "TIME"} for t in tok.subtree)


_RECORDINGS = frozenset({"footage", "video", "image", "picture", "photo", "photograph", "film"})


# nouns that count incidents: the event noun after "of" takes their frame
_CARRIERS = frozenset({"wave", "series", "spate", "string", "flurry", "round", "outbreak", "burst",
                       "hour", "night", "day"})
# participles that say an event noun took place: "a rally held in Gao"
_HELD = frozenset({"hold", "stage", "organise", "organize"})


def _noun_is_event(tok: Token) -> bool:
    """A trigger noun names an event only in an eventive frame."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return False  # "reported no clashes", "no protests took place"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CARRIERS \
            and head.head.pos_ == "NOUN" and _noun_is_event(head.head):
        # "a wave of attacks broke out", "launched a series of raids", "eleven died during an
        # hour of bombing": the carrier's frame
        return True
    hl = trigger_lemma(head)  # "battles raged", "staged a sit-in": the small model lemmatises "rag", "stag"
    if tok.dep_ in {"nsubj", "nsubjpass"} and hl in NOUN_EVENT_VERBS | {"be"} and head.pos_ in {"VERB", "AUX"}:
        return hl != "be"
    # "staged a sit-in", and in the passive "a rally was held" (not "the attack was carried
    # out by ...": the verb's agent is the attacker, the passive verb stays the trigger)
    if tok.dep_ == "dobj" and hl in NOUN_LIGHT_VERBS or tok.dep_ == "nsubjpass" and hl in {
            "hold", "stage", "organise", "organize"}:
        return True
    # "rallies held in Gao and Mopti", "a sit-in staged outside the ministry": held, so it was
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and trigger_lemma(c) in _HELD for c in tok.children):
        return True
    # "35 people died in fighting that broke out on Tuesday"
    if any(c.dep_ == "relcl" and trigger_lemma(c) in {"break", "erupt", "begin", "start", "rage", "end", "last"}
           for c in tok.children):
        return True
    # "killed in the explosion", "wounded during the attack"; "responsibility for the bombing"
    if tok.dep_ == "pobj" and head.lower_ in {"in", "during", "by", "after"} and head.head.lemma_.lower() in {
            "die", "kill", "perish", "wound", "injure", "hurt", "maim"}:
        return _is_factual(head.head)  # "was probably killed during the battle" reports nothing
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        return True
    # "a clip of a march in Aleppo last Friday showed ...": a recording of one
    # incident shows it took place (not "footage of protests": a kind of scene)
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _RECORDINGS \
            and not _bare_plural(tok):
        return True
    # "SAF airstrikes hit RSF positions" (the parser may attach the noun anywhere)
    if tok.lemma_.lower() in {"airstrike", "bombardment", "shelling", "explosion", "blast"} and \
            tok.sent.root.lemma_.lower() in {"hit", "target", "pound", "strike", "kill", "destroy",
                                             "damage", "wound", "injure", "rock"} and \
            _is_factual(tok.sent.root):
        return True
    # "the coalition responded with airstrikes on Houthi positions"
    if tok.dep_ == "pobj" and head.lower_ == "with" and tok.lemma_.lower() in {
            "airstrike", "strike", "shelling", "bombardment", "rocket", "missile"} and \
            head.head.pos_ == "VERB" and _is_factual(head.head):
        return True
    # "was shattered by an explosion"; not "a war marked by sectarian bombings" (a bare plural
    # with no date of its own is a kind of violence, not one incident)
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return not _bare_plural(tok)
    # "the bombing was an attack on 13 September 1974", "a blast on Friday"
    if tok.dep_ in {"attr", "nsubj", "dobj", "ROOT", "appos"} and any(
        t.ent_type_ == "DATE" and t.i > tok.i and any(a.i == tok.i for a in t.ancestors)
        for t in tok.subtree
    ) and not any(c.dep_ == "det" and c.lower_ in {"every", "each", "any", "no"} for c in tok.children):
        return True
    # "Saturday's attack", "the 26 June attack on the camp"
    if any(c.dep_ == "poss" and c.ent_type_ in {"DATE", "TIME"} for c in tok.children):
        return tok.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT"}
    return False

_TERMINAL = tuple('.!?"\'\u201d\u2019)')


def _reads_as_sentence(sent: Span) -> bool:
    text = sent.text.strip()
    return bool(text) and text.endswith(_TERMINAL) and len(sent) >= 4


def _reported_incident(c: _Candidate) -> bool:
    """A past-tense report of one incident ("a man was killed", "the bomb exploded"),
    datable by the article's publication date even without a time of its own."""
    trig = c.trigger
    if trig.pos_ != "VERB" or trig.tag_ not in {"VBD", "VBN"}:
        return False
    if trig.tag_ == "VBN" and not any(a.dep_ in {"auxpass", "aux"} and a.lower_ in {"was", "were", "had", "has", "have"}
                                      for a in trig.children):
        return False
    subj, _ = _subject(trig)
    if trig.tag_ == "VBD":
        # "Soldiers raided the village": the simple past reports; "They also damaged tombs"
        # leans on a background sentence for who and when
        return subj is not None and subj.pos_ != "PRON"
    # a passive needs a specific participant: "a man was killed", not "civilians were killed"
    return subj is not None and (
        any(ch.dep_ in {"det", "nummod", "poss"} for ch in subj.children) or subj.pos_ in {"PROPN", "NUM"}
    )
