"""Fatalities: (low, best, high) deaths stated in a sentence, with ACLED's rule for vague counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicons import (
    CIVILIAN_WORDS,
    COUNTED_PEOPLE,
    DEATH_WORDS,
    VAGUE_NUMBERS,
    WORD_NUMBERS,
    WOUND_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token



def _to_int(word: str) -> int | None:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return WORD_NUMBERS.get(w) if w not in {"a", "an"} else None


def count_fatalities(sent: Span, trig: Token | None = None) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) deaths stated in a sentence; (None, None, None) when none are.

    Sums coordinated counts ("23 hostages and dozens of militants dead" = 23 + 12),
    keeps ranges ("one or two" = 1..2, "at least 12" = 12..), ignores the wounded.
    """
    toks = list(sent)
    bomber = 1 if any(t.lower_ in {"himself", "herself"} and t.head.lemma_.lower() in {"blow", "kill", "detonate"}
                      for t in toks) else 0
    low, best, high = _count_deaths(toks, trig)
    if bomber:  # an attacker who dies in his own suicide bombing is counted
        return (1 + (low or 0), 1 + (best or 0), None if best is not None and high is None else 1 + (high or 0))
    return (low, best, high)


def _count_deaths(toks: list[Token], trig: Token | None) -> tuple[int | None, int | None, int | None]:
    has_death = any(t.lower_ in DEATH_WORDS or t.lemma_.lower() in {"kill", "die", "death"} for t in toks)
    if not has_death:
        return (None, None, None)
    low = best = high = 0
    found = False
    unbounded = False
    i = 0
    used: set[int] = set()
    while i < len(toks):
        t = toks[i]
        if i in used:  # the upper bound of a range already counted
            i += 1
            continue
        val = None
        lo = hi = None
        if t.like_num or t.lower_ in VAGUE_NUMBERS:
            if t.lower_ in VAGUE_NUMBERS:
                val = VAGUE_NUMBERS[t.lower_]
            else:
                val = _to_int(t.text)
            if val is None:
                i += 1
                continue
            nxt0 = toks[i + 1] if i + 1 < len(toks) else None
            if t.lower_ in VAGUE_NUMBERS and nxt0 is not None and nxt0.pos_ == "NOUN" and \
                    nxt0.lower_ not in COUNTED_PEOPLE:
                i += 1  # "in several cities": a number of places, not of victims
                continue
            # skip years, dates, ages, distances, money
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if t.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}:
                i += 1
                continue
            if nxt is not None and nxt.lower_ in {"%", "percent", "km", "kilometres", "kilometers", "miles",
                                                   "years", "year", "days", "hours", "vehicles", "tanks"}:
                i += 1
                continue
            if nxt is not None and nxt.lower_ == "of" and i + 2 < len(toks) and toks[i + 2].lower_ in {
                    "them", "whom", "the", "those", "these", "which"}:
                i += 1  # "258 of them civilians", "two of the 12 killed": part of another count
                continue
            if found and any(w.lower_ in {"including", "among", "includes", "included"}
                             for w in toks[max(0, i - 3) : i]):
                i += 1  # "seven people, among them two women": a part of the count before it
                continue
            lo = hi = val
            # "one or two", "between 10 and 12", "10 to 12", "10-12"
            if i + 2 < len(toks) and toks[i + 1].lower_ in {"or", "to", "-", "–"} and (toks[i + 2].like_num):
                v2 = _to_int(toks[i + 2].text)
                if v2 is not None:
                    lo, hi = min(val, v2), max(val, v2)
                    used.add(i + 2)
            prev = toks[i - 1].lower_ if i > 0 else ""
            prev2 = toks[i - 2].lower_ if i > 1 else ""
            # is this number about deaths (not wounded/captured)?
            kind = _count_kind(toks, i + 2 if (i + 2) in used else i)
            if kind == "death":
                if prev == "least" and prev2 == "at" or prev in {"over", "more"}:
                    unbounded = True  # "at least 12 dead" has no upper bound
                found = True
                low += lo
                best += hi
                high += hi
            i += 1
            continue
        i += 1
    if found:
        return (low, best, None if unbounded else high)
    # a single named or singular victim of a killing verb
    if trig is not None:
        lemma = trig.lemma_.lower()
        shot_dead = lemma == "shoot" and any(c.lower_ == "dead" for c in trig.children)
        if lemma in {"kill", "murder", "execute", "behead", "assassinate", "lynch", "slay"} or shot_dead:
            victims = [c for c in trig.children if c.dep_ in {"dobj", "nsubjpass"}]
            if any(v.tag_ in {"NN", "NNP"} or v.ent_type_ == "PERSON" for v in victims):
                return (1, 1, 1)
    for t in toks:
        if t.lemma_.lower() == "kill" and any(c.lower_ in {"himself", "herself"} for c in t.children):
            return (None, None, None)  # "killing only himself": only the bomber
        if t.lemma_.lower() == "kill" and t.dep_ != "amod":
            victims = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
            if victims and all((v.tag_ in {"NN", "NNP"} or v.ent_type_ == "PERSON")
                               and not v.like_num for v in victims) \
                    and not any(c.like_num or c.lower_ in VAGUE_NUMBERS
                                for v in victims for c in v.children):
                return (1, 1, 1)
    return (None, None, None)

_QUANTIFIERS = frozenset({"at", "least", "more", "than", "over", "about", "nearly", "almost",
                          "some", "around", "up", "to", "approximately", "roughly", "another"})


def _count_kind(toks: list[Token], i: int) -> str:
    """Whether the number at i counts the dead, the wounded or something else."""
    # "21 people were killed and 117 wounded": a participle right after the number decides
    for t in toks[i + 1 : i + 3]:
        if t.lower_ in WOUND_WORDS:
            return "wound"
        if t.lower_ in {"dead", "killed", "died", "slain"}:
            return "death"
        if t.like_num or t.is_punct or t.pos_ in {"CCONJ", "ADP", "VERB", "AUX"}:
            break  # "killed 5 and injured 20": the 5 belongs to "killed"
    # "killing three civilians and wounding ten": the verb right before the number decides,
    # also across a quantifier ("killing at least 10 and injuring 1")
    j = i - 1
    while j >= 0 and i - j <= 4 and toks[j].lower_ in _QUANTIFIERS:
        j -= 1
    for t in toks[max(0, j - 1) : j + 1]:
        if t.lower_ in {"killing", "killed", "kill", "kills"}:
            return "death"
        if t.lower_ in WOUND_WORDS:
            return "wound"
    # "Three people, including a man and a girl, were killed": the verb of the counted noun
    noun = toks[i].head if toks[i].dep_ in {"nummod", "quantmod"} else toks[i]
    verb = noun.head
    if noun.dep_ in {"nsubjpass", "nsubj", "dobj"} and verb.i != noun.i and \
            verb.pos_ in {"VERB", "AUX", "ADJ"}:
        lemma = verb.lemma_.lower()
        if lemma in {"kill", "die", "execute", "behead", "assassinate", "slay"} or \
                verb.lower_ in {"dead", "killed"}:
            return "death"
        if lemma in {"wound", "injure", "hurt"}:
            return "wound"
    # look right for the nearest death/wound word within the phrase (stop at a number)
    for t in toks[i + 1 : i + 9]:
        if t.like_num and t.i != toks[i].i:
            break
        lw = t.lower_
        if lw in WOUND_WORDS:
            return "wound"
        if lw in DEATH_WORDS or t.lemma_.lower() in {"die"}:
            return "death"
        if lw in {"captured", "arrested", "taken", "missing", "abducted", "kidnapped", "prisoner", "prisoners"}:
            return "other"
        if lw in {";", "while"}:
            break
    # "killing 12", "killed 12 people", "left 12 dead", "death toll of 20"
    for t in reversed(toks[max(0, i - 4) : i]):
        lw = t.lower_
        if lw in {"and", ",", ";", "while"}:
            break
        if lw in {"killing", "killed", "kill", "toll"}:
            return "death"
        if lw in WOUND_WORDS:
            return "wound"
    return "other"


# --------------------------------------------------------------------------- places / dates

def _followed_by_death(sent: Span, doc: Doc) -> bool:
    """The next sentence names the act a death: "This murder provoked ..."."""
    if sent.end >= len(doc):
        return False
    nxt = doc[sent.end : min(len(doc), sent.end + 4)]
    words = [t.lower_ for t in nxt if not t.is_space]
    return len(words) >= 2 and words[0] in {"this", "the", "his", "her"} and words[1] in {
        "murder", "killing", "assassination", "death", "execution"}

def _civilians_harmed(sent: Span) -> bool:
    """The sentence's dead or wounded are civilians: "killing at least five people"."""
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in {"kill", "wound", "injure", "hurt", "maim"}:
            victims = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
            if victims and all(v.lemma_.lower() in CIVILIAN_WORDS or v.lower_ in CIVILIAN_WORDS
                               for v in victims):
                return True
    return False
