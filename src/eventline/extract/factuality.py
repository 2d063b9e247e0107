"""Factuality: whether a trigger reports a real incident (not negated, modal, planned, habitual)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .idioms import trigger_lemma
from .lexicons import (
    ASPECTUAL,
    HEDGES,
    MODALS,
    NONFACTIVE_HEADS,
    NOUN_EVENT_VERBS,
    NOUN_LIGHT_VERBS,
)
from .parse import (
    _aux_words,
    _head_chain,
    _subject,
)
from .records import _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token



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


def _protest_manner(tok: Token) -> bool:
    """"hundreds took to the streets protesting the fuel price": a protest gerund beside a
    done act of the crowd is the protest itself (not "students protesting", a noun's modifier)."""
    head = tok.head
    return trigger_lemma(tok) in PURPOSE_DONE and tok.dep_ in {"advcl", "conj"} \
        and head.tag_ == "VBD" and head.dep_ not in {"xcomp", "ccomp"} \
        and unreal_reason(head) is None


def _claimed_act(tok: Token) -> bool:
    """"the group claimed destroying two trucks": a gerund a doer claims is the act claimed."""
    head = tok.head
    return tok.dep_ in {"xcomp", "ccomp", "dobj"} and head.lemma_.lower() in CLAIM_HEADS \
        and head.tag_ in {"VBD", "VBZ", "VBP"} and unreal_reason(head) is None


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


def _spliced(clause: Token, head: Token) -> bool:
    """A clause with its own subject that the parser hung, across a comma, under the verb of
    the clause after it: "On Monday, residents staged a sit-in, they demanded water" (a comma
    splice, common in short reports) is two statements, not a demand to stage a sit-in."""
    if clause.dep_ != "ccomp" or clause.i > head.i or clause.head.i != head.i:
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
        return False
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
            and not _claimed_act(tok) and not _protest_manner(tok):
        return PARTICIPLE
    aux = _aux_words(tok)
    if aux & MODALS:
        return "modal"
    if _running_total(tok):
        return "tally"
    # "By the end of 1972, 496 had been killed": a tally, not an incident
    if aux & {"has", "have", "had"} and re.search(
            r"\b(?:[Bb]y the end of (?:the )?(?:year|month|war|conflict|decade|century|\d{4}|"
            r"January|February|March|April|May|June|July|August|September|October|November|"
            r"December)|[Ii]n total|[Ii]n all|[Aa]ltogether|(?:latest|official) (?:\w+ )?(?:figures|"
            r"statistics|count|tally))\b", tok.sent.text):
        return "tally"  # not "by the end of the day": that is still the incident
    if "to" in aux or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        head = tok.head
        # "fired tear gas to disperse protesters", "took to the streets to protest": the
        # purpose of a crowd's or a police's act done is the act itself
        purpose_done = trigger_lemma(tok) in PURPOSE_DONE and head.tag_ == "VBD" \
            and tok.dep_ in {"advcl", "xcomp"} and head.dep_ not in {"xcomp", "ccomp"} \
            and unreal_reason(head) is None
        if head.lemma_.lower() not in ASPECTUAL and not purpose_done and not _claimed_past(tok):
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
    below = tok
    for depth, head in enumerate(_head_chain(tok), start=1):
        if _spliced(below, head):
            break  # "residents staged a protest, the protesters denounced ...": two sentences
        below = head
        lemma = head.lemma_.lower()
        # "set to attack" is a plan; "attacked the village ..., houses set ablaze" is not
        if lemma in NONFACTIVE_HEADS and not (lemma == "set" and not _infinitive(tok)):
            return "nonfactive"
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ == "VERB" and depth == 1:
            return "negated"
        if _aux_words(head) & MODALS and depth == 1 and tok.dep_ in {"xcomp", "conj"}:
            return "modal"
        if depth > 8:
            break
    return None


def _bare_plural(tok: Token) -> bool:
    """"sectarian bombings", "recent air strikes": a plural noun with no determiner, number,
    possessor or date of its own."""
    return tok.tag_ == "NNS" and not any(
        c.dep_ in {"det", "nummod", "poss"} or c.ent_type_ in {"DATE", "TIME"}
        for c in tok.children) and not any(t.ent_type_ in {"DATE", "TIME"} for t in tok.subtree)


def _noun_is_event(tok: Token) -> bool:
    """A trigger noun names an event only in an eventive frame."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return False  # "reported no clashes", "no protests took place"
    head = tok.head
    hl = trigger_lemma(head)  # "battles raged", "staged a sit-in": the small model lemmatises "rag", "stag"
    if tok.dep_ in {"nsubj", "nsubjpass"} and hl in NOUN_EVENT_VERBS | {"be"} and head.pos_ in {"VERB", "AUX"}:
        return hl != "be"
    # "staged a sit-in", and in the passive "a rally was held" (not "the attack was carried
    # out by ...": the verb's agent is the attacker, the passive verb stays the trigger)
    if tok.dep_ == "dobj" and hl in NOUN_LIGHT_VERBS or tok.dep_ == "nsubjpass" and hl in {
            "hold", "stage", "organise", "organize"}:
        return True
    # "35 people died in fighting that broke out on Tuesday"
    if any(c.dep_ == "relcl" and trigger_lemma(c) in {"break", "erupt", "begin", "start", "rage", "end", "last"}
           for c in tok.children):
        return True
    # "killed in the explosion", "wounded during the attack"; "responsibility for the bombing"
    if tok.dep_ == "pobj" and head.lower_ in {"in", "during", "by"} and head.head.lemma_.lower() in {
            "die", "kill", "perish", "wound", "injure", "hurt", "maim"}:
        return _is_factual(head.head)  # "was probably killed during the battle" reports nothing
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
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
