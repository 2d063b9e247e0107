"""Fatalities: (low, best, high) deaths stated in a sentence, with ACLED's rule for vague counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import doc_text
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
    tens, _, unit = w.partition("-")
    if unit:  # "twenty-four" as one token
        return _compound(tens, unit)
    return WORD_NUMBERS.get(w) if w not in {"a", "an"} else None


def _compound(tens: str, unit: str) -> int | None:
    """ "twenty" + "four" = 24: a tens word and a unit word written with a hyphen."""
    t, u = WORD_NUMBERS.get(tens.lower()), WORD_NUMBERS.get(unit.lower())
    if t is None or u is None or t < 20 or t % 10 or not 1 <= u <= 9 or unit.lower() in {"a", "an"}:
        return None
    return t + u


def count_fatalities(sent: Span, trig: Token | None = None) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) deaths stated in a sentence; (None, None, None) when none are.

    Sums coordinated counts ("23 hostages and dozens of militants dead" = 23 + 12),
    keeps ranges ("one or two" = 1..2, "at least 12" = 12..), ignores the wounded.
    With a trigger, an event sentence that states no deaths takes the toll of the
    sentence right after it when that one only counts the dead ("Gunmen attacked the
    village on Monday. Three men were killed.").
    """
    own = _count_sentence(sent, trig)
    if trig is None:
        return own
    if own == (None, None, None):
        return _toll_after(sent)
    more = _toll_after(sent, more_only=True)
    if more[0] is None:
        return own
    # "A commander was killed in the raid. Two other militants also died.": more dead
    lo, best, hi = own
    return ((lo or 0) + more[0], (best or 0) + (more[1] or 0),
            None if hi is None or more[2] is None else hi + more[2])


def _toll_after(sent: Span, more_only: bool = False) -> tuple[int | None, int | None, int | None]:
    """The toll of the next sentence (of the paragraph, or opening the next one) when it is
    only a toll: its deaths have no doer of their own ("Four soldiers were killed and twelve
    wounded.", "One individual killed."), it names no day of its own (a new incident would)."""
    doc = sent.doc
    if sent.end >= len(doc):
        return (None, None, None)
    gap = doc_text(doc)[sent.end_char:doc[sent.end].idx]
    if gap.count("\n") > 2:
        return (None, None, None)  # a toll only crosses into the next paragraph, not beyond
    nxt = doc[sent.end].sent
    if any(t.ent_type_ in {"DATE", "TIME"} for t in nxt):
        return (None, None, None)
    if more_only and not any(t.lower_ in {"also", "other", "another", "more", "additional"}
                             for t in nxt):
        return (None, None, None)  # a toll that restates the sentence's own, or a new incident
    if not more_only and not any(t.lower_ in DEATH_WORDS or _kills(t) for t in nxt) and nxt.end < len(doc) and \
            "\n" not in doc_text(doc)[nxt.end_char:doc[nxt.end].idx]:
        # "Village self-defense responded. Two men were killed.": one sentence of the
        # incident's course between it and its toll
        nxt = doc[nxt.end].sent
        if any(t.ent_type_ in {"DATE", "TIME"} for t in nxt):
            return (None, None, None)
    for t in nxt:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma in _KILLING_VERBS and any(
                c.dep_ in {"nsubj", "agent"} and not c.like_num and c.lower_ not in _COUNT_WORDS
                and not any(g.like_num for g in c.children) for c in t.children) and \
                t.tag_ != "VBN":
            return (None, None, None)  # "an armed group intervened and killed four": its own act
        if t.lemma_.lower() in {"claim", "say", "report"} and any(c.dep_ == "nsubj" for c in t.children) \
                and any(c.dep_ == "ccomp" for c in t.children):
            return (None, None, None)  # "GATIA claimed five had been killed": a claim, not the toll
    return _count_sentence(nxt, None)


_COUNT_WORDS = frozenset({"one", "all", "both", "some", "many", "several", "others", "dozens"})


def _count_sentence(sent: Span, trig: Token | None) -> tuple[int | None, int | None, int | None]:
    toks = list(sent)
    bomber = 1 if any(t.lower_ in {"himself", "herself"} and t.head.lemma_.lower() in {"blow", "kill", "detonate"}
                      for t in toks) else 0
    low, best, high = _count_deaths(toks, trig)
    if bomber:  # an attacker who dies in his own suicide bombing is counted
        return (1 + (low or 0), 1 + (best or 0), None if best is not None and high is None else 1 + (high or 0))
    return (low, best, high)


def _count_deaths(toks: list[Token], trig: Token | None) -> tuple[int | None, int | None, int | None]:
    has_death = any(t.lower_ in DEATH_WORDS or t.lemma_.lower() in {"kill", "die", "death", "succumb"}
                    or _kills(t) or (t.lower_ == "body" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "of")
                    for t in toks)
    if not has_death:
        return (None, None, None)
    low = best = high = 0
    dead: dict[int, Token] = {}  # the nouns (or numbers) counted among the dead
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
            if i > 0 and toks[i - 1].lower_ in {"no", "not", "nobody"}:
                i += 1  # "no one died": no death
                continue
            if t.lower_ in {"lot", "lots"} and not (
                    nxt0 is not None and nxt0.lower_ == "of" and i + 2 < len(toks)
                    and toks[i + 2].lower_ in COUNTED_PEOPLE | {"people"}):
                i += 1  # "a lot of damage": a lot of people only
                continue
            if t.lower_ in VAGUE_NUMBERS and nxt0 is not None and (
                    nxt0.pos_ == "NOUN" and nxt0.lower_ not in COUNTED_PEOPLE
                    or t.head.pos_ == "NOUN" and t.head.i > t.i and t.head.lower_ not in COUNTED_PEOPLE):
                i += 1  # "in several cities", "several local sources": not a number of victims
                continue
            if t.head.lower_ in _TIME_NOUNS or any(a.lower_ in _REVENGE for a in t.ancestors) or any(
                    w.lower_ in _REVENGE for w in toks[max(0, i - 6) : i]):
                i += 1  # "a day or two before"; "in revenge for the killing of one": another time
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
            if nxt is not None and nxt.lower_ == "of" and i + 2 < len(toks) and (
                    toks[i + 2].lower_ in {"them", "whom", "those", "these", "which"}
                    or (toks[i + 2].lower_ == "the" and found and i + 3 < len(toks)
                        and toks[i + 3].lower_ in _SUBSET_NOUNS)
                    or (toks[i + 2].lower_ == "the" and i + 3 < len(toks) and toks[i + 3].like_num)):
                # "258 of them civilians", "two of the 12 killed", "two of the dead were
                # women": part of another count ("four of the attackers" are more dead)
                i += 1
                continue
            prev_tok = toks[i - 1] if i > 0 else None
            if prev_tok is not None and prev_tok.pos_ in {"NOUN", "PROPN"} and t.text.isdigit() and (
                    t.dep_ != "nummod" or t.head.i == prev_tok.i) \
                    and prev_tok.lower_ not in {"toll", "total"} and prev_tok.lower_ not in DEATH_WORDS \
                    and prev_tok.lower_ not in COUNTED_PEOPLE:
                i += 1  # "geoprecision 2", "Route 7", "Camp 3": a number that names, not counts
                continue
            if _animal(_counted_noun(t)) or (nxt is not None and nxt.lower_ == "of" and any(
                    _animal(p) for p in nxt.children if p.dep_ == "pobj")):
                i += 1  # "killed three oxen": the dead ACLED counts are people
                continue
            if found and any(w.lower_ in {"including", "among", "includes", "included"}
                             for w in toks[max(0, i - 3) : i]):
                i += 1  # "seven people, among them two women": a part of the count before it
                continue
            lo = hi = val
            if (i > 0 and i + 1 < len(toks) and toks[i - 1].text == "(" and toks[i + 1].text == ")") \
                    or (found and _in_brackets(toks, i)):
                i += 1  # "in Bombou (3), Materou (3)", "(4 in one, 2 in the other)": a breakdown
                continue
            if _earlier_incident(t, trig):
                i += 1  # "near where another attack had killed 1 earlier in the week"
                continue
            if _running_total(t):
                i += 1  # "adding to the 21 who died on Monday": a running total of several
                continue
            if i + 2 < len(toks) and toks[i + 1].text == "-" and toks[i + 1].idx == t.idx + len(t.text) \
                    and _compound(t.text, toks[i + 2].text) is not None:
                # "twenty-four" split by the tokenizer: one number, not the range 20..4
                lo = hi = val = _compound(t.text, toks[i + 2].text) or val
                used.add(i + 1)
                used.add(i + 2)
            # "one or two", "between 10 and 12", "10 to 12", "10-12"
            between = i > 0 and toks[i - 1].lower_ == "between" and i + 2 < len(toks) and \
                toks[i + 1].lower_ == "and" and toks[i + 2].like_num
            if i + 2 < len(toks) and i + 2 not in used and (
                    toks[i + 1].lower_ in {"or", "to", "-", "–"} or between) and (toks[i + 2].like_num):
                v2 = _to_int(toks[i + 2].text)
                if v2 is not None:
                    lo, hi = min(val, v2), max(val, v2)
                    used.add(i + 2)
            prev = toks[i - 1].lower_ if i > 0 else ""
            prev2 = toks[i - 2].lower_ if i > 1 else ""
            # is this number about deaths (not wounded/captured)?
            kind = _count_kind(toks, i + 2 if (i + 2) in used else i)
            if kind != "death" and (i + 2) in used and _count_kind(toks, i) == "death":
                kind = "death"  # "killed between two and six militants": the verb is before the range
            noun = _counted_noun(t)
            if kind == "other" and _listed_with(noun, dead) and not any(
                    w.lower_ in WOUND_WORDS or w.lemma_.lower() in _TAKING_VERBS for w in toks[i + 1 : i + 4]):
                kind = "death"  # "killing three policemen and two traders": one list of the dead
            if kind == "death":
                if prev == "least" and prev2 == "at" or prev in {"over", "more"}:
                    unbounded = True  # "at least 12 dead" has no upper bound
                found = True
                low += lo
                best += hi
                high += hi
                dead[noun.i] = noun
            i += 1
            continue
        i += 1
    if found:
        # "killing two soldiers and a child": the uncounted people of a list of the dead;
        # "two were killed, a third later died of his wounds": the dead of another verb
        more = _listed_singles(dead)
        more += _died_too(toks, {i for d in dead.values() for i in _group_ids(d)})
        return (low + more, best + more, None if unbounded else high + more)
    n, victims = _singular_victims(toks, trig)
    if n is None:
        return (None, None, None)  # "killing only himself": only the bomber
    n += _died_too(toks, victims)
    return (n, n, n) if n else (None, None, None)


def _group(noun: Token, dead: dict[int, Token] | None = None) -> list[Token]:
    """The nouns of one coordinated list: "two soldiers, a driver and four civilians" (an
    apposition links a list forward, or back to counted dead: "a convoy, 9 militants" is
    no list)."""
    root = noun
    while root.head.i != root.i and (root.dep_ == "conj" or root.dep_ == "appos" and (
            dead is not None and root.head.i in dead or any(
                c.dep_ == "nummod" for c in root.head.children))):
        root = root.head
    out, todo = [], [root]
    while todo:
        w = todo.pop()
        out.append(w)
        todo.extend(c for c in w.children if c.dep_ == "conj" or c.dep_ == "appos" and c.i > w.i)
    return sorted(out, key=lambda w: w.i)


def _group_ids(noun: Token) -> set[int]:
    return {w.i for w in _group(noun)} | {noun.i}


def _listed_with(noun: Token, dead: dict[int, Token]) -> bool:
    """The noun is in one list with a noun already counted among the dead (a bare number is
    not: "two individuals, one from ... and the other from ..." is a breakdown)."""
    return noun.pos_ in {"NOUN", "PROPN"} and any(
        w.i in dead for w in _group(noun, dead) if w.i != noun.i)


# "two of the dead were women": the nouns after "N of the" that make N a part of a count
_SUBSET_NOUNS = frozenset({"dead", "killed", "victims", "deceased", "bodies", "casualties", "fatalities",
                           "deaths"})


def _listed_singles(dead: dict[int, Token]) -> int:
    """People named one by one in a list with counted dead ("two gendarmes, a customs agent
    and four civilians"), one each."""
    seen: set[int] = set()
    total = 0
    for noun in dead.values():
        if noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        group = _group(noun, dead)
        if group[0].i in seen:
            continue
        seen.add(group[0].i)
        for w in group:
            if w.i in dead or any(c.dep_ == "nummod" or c.like_num for c in w.children):
                continue
            between = [w.doc[k] for k in range(min(noun.i, w.i) + 1, max(noun.i, w.i))]
            if any(b.lower_ in _BREAKDOWN for b in between) or any(
                    c.lower_ in _BREAKDOWN for c in w.head.children if c.i < w.i):
                continue  # "seven people, among them two women and a boy": part of the count
            if _one_person(w) and not any(b.pos_ == "VERB" for b in between):
                total += 1
    return total


_BREAKDOWN = frozenset({"including", "among", "incl", "incl.", "such", "namely"})


def _one_person(w: Token) -> bool:
    """ "a child", "his son", "the driver", "Moussa": one person, not a thing or a crowd."""
    if _animal(w) or w.like_num:
        return False
    if w.ent_type_ == "PERSON" or w.lower_ in _ONE_PERSON:
        return True
    return w.tag_ == "NN" and any(c.dep_ in {"det", "poss"} and c.lower_ not in {"no", "every", "each", "any"}
                                  for c in w.children)


_DYING_VERBS = frozenset({"die", "succumb", "perish"})


def _died_too(toks: list[Token], counted: set[int]) -> int:
    """The dead a dying verb tells of, beside those already counted: "the officer died",
    "he later succumbed to his wounds", "a guard who died in hospital", "was found dead"."""
    total = 0
    for t in toks:
        lemma = t.lemma_.lower()
        if lemma in _DYING_VERBS and t.pos_ in {"VERB", "AUX"}:
            verb, subj_deps = t, {"nsubj"}
        elif t.lower_ == "dead" and t.head.lemma_.lower() == "find" and t.head.i != t.i:
            verb, subj_deps = t.head, {"nsubjpass"}  # "he was later found dead"
        else:
            continue
        if any(c.dep_ == "neg" or c.lower_ in {"may", "might", "could", "feared"} for c in verb.children):
            continue  # "did not die", "may have died"
        subjects = [c for c in verb.children if c.dep_ in subj_deps]
        if not subjects and verb.dep_ == "conj":
            # "one soldier was wounded and later succumbed": the subject of the first verb
            subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        for subj in subjects:
            if subj.lower_ in {"who", "that"} and verb.dep_ == "relcl":
                subj = verb.head  # "a peacekeeper who succumbed to his wounds"
            for w in (subj, *subj.conjuncts):
                num = w if w.like_num and w.pos_ == "NUM" else next(
                    (c for c in w.children if c.dep_ == "nummod" and c.like_num), None)
                if w.i in counted or (num is not None and num.i in counted):
                    continue
                if num is not None:
                    value = _to_int(num.text) or 0  # "two later died of their injuries"
                    if value and verb.dep_ != "conj" and w is subj and num is w:
                        continue  # "two died": the loop over numbers counted it
                    total += value
                elif _one_person(w):
                    total += 1
                counted.add(w.i)
    return total


def _singular_victims(toks: list[Token], trig: Token | None) -> tuple[int | None, set[int]]:
    """Named or singular victims of a killing verb: "assassinated the mayor", "killed a
    father and his two sons", "a man was found murdered"; with the victims' tokens
    (None: the killer only killed himself)."""
    verbs = ([trig] if trig is not None else []) + [t for t in toks if trig is None or t.i != trig.i]
    for t in verbs:
        if t.lemma_.lower() == "kill" and any(c.lower_ in {"himself", "herself"} for c in t.children):
            return None, set()  # "killing only himself": only the bomber
        if t.lemma_.lower() == "leave" and any(c.lower_ == "dead" for c in (*t.children, *(
                g for c in t.children if c.dep_ == "dobj" for g in c.children))):
            victims = [c for c in t.children if c.dep_ == "dobj"]  # "left the driver dead"
        elif not _kills(t) or t.dep_ == "amod" or _attempted(t) or (t is not trig and _earlier_verb(t, trig)):
            continue
        else:
            victims = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not victims and t.dep_ in {"acl", "oprd", "xcomp", "acomp"} and t.head.lemma_.lower() == "find":
            victims = [c for c in t.head.children if c.dep_ == "nsubjpass"]  # "found murdered"
        elif not victims and t.dep_ == "acl" and t.tag_ == "VBN":
            victims = [t.head]  # "a chief assassinated by armed men"
        elif not victims and t.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in t.children) and (
                t.tag_ == "VBN" or any(c.dep_ == "nsubjpass" for c in t.head.children)):
            victims = [c for c in t.head.children if c.dep_ == "nsubjpass"]  # "kidnapped and shot dead"
        if not victims and not any(c.dep_ in {"nsubjpass", "ccomp", "xcomp"} for c in t.children):
            # "killed and buried a herder": the object the two verbs share
            victims = [c for v in t.conjuncts if v.i > t.i and not any(
                g.dep_ in {"nsubj", "nsubjpass"} for g in v.children) for c in v.children
                if c.dep_ == "dobj" and (c.lemma_.lower() in COUNTED_PEOPLE or c.ent_type_ == "PERSON")]
        if not victims and t.dep_ == "ROOT" and (t.tag_ == "VBN" or not any(
                c.dep_ in {"dobj", "ccomp", "xcomp"} or c.dep_ == "conj" and any(
                    g.dep_ == "dobj" for g in c.children) for c in t.children)):
            # "chief assassinated in Gao"; "Soldier killed in an ambush" (tagged as a past
            # tense, but a killing with no one killed is the subject's death)
            victims = [c for c in t.children if c.dep_ == "nsubj"]
        n = _victims(victims)
        if n:
            return n, {i for v in victims for i in _group_ids(v)}
    for t in toks:
        # "the operation resulted in the killing of a commander and two guards", "led to the
        # death of a guard", "claimed the lives of two soldiers"
        if t.lower_ in _DEATH_NOUNS and t.pos_ == "NOUN" and (
                t.dep_ == "pobj" and t.head.lower_ in {"in", "to"}
                and t.head.head.lemma_.lower() in {"result", "end", "culminate", "lead"}
                or t.dep_ == "dobj" and t.head.lemma_.lower() in {"cause", "claim"}):
            of = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            n = _victims(of)
            if n:
                return n, {i for v in of for i in _group_ids(v)}
    return 0, set()


_DEATH_NOUNS = frozenset({"killing", "killings", "deaths", "death", "execution", "executions", "lives"})


def _in_brackets(toks: list[Token], i: int) -> bool:
    depth = 0
    for t in toks[:i]:
        depth += (t.text == "(") - (t.text == ")")
    return depth > 0


def _earlier_incident(t: Token, trig: Token | None = None) -> bool:
    """The number counts the dead of another, earlier incident the sentence recalls (not
    the trigger's own: "eight people had been killed the previous day" is that killing's
    toll, not the toll of the fighting told before it)."""
    verb = t
    for _ in range(4):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return False
    return _earlier_verb(verb, trig)


def _tells(verb: Token, trig: Token) -> bool:
    """The killing verb is the trigger's own ("killed in an ambush the day before"; not
    "another attack had killed one earlier", where the trigger is the earlier act)."""
    if verb.i == trig.i:
        return True
    return any(c.dep_ == "prep" and trig in c.subtree for c in verb.children)


def _earlier_verb(verb: Token, trig: Token | None = None) -> bool:
    for c in verb.children:
        if (trig is None or not _tells(verb, trig)) and c.dep_ in {"npadvmod", "prep"} and any(
                w.lower_ in _TIME_NOUNS and any(g.lower_ in {"previous", "before", "earlier", "prior"}
                                                for g in w.children) for w in c.subtree):
            return True  # "eight people had been killed the previous day", "... the day before"
        if c.lower_ in {"earlier", "previously"} or (
                c.dep_ in {"nsubj", "nsubjpass"} and any(d.lower_ in {"another", "previous", "earlier"}
                                                        for d in c.children)):
            return True
        if c.dep_ == "prep" and any(g.lower_ in {"earlier", "previously"} for g in c.subtree):
            return True
    return False


def _running_total(t: Token) -> bool:
    """The number is a running total the event adds to: "adding to the 21 who died",
    "bringing the death toll to 40", "raising the number of dead to 12"."""
    noun = t.head if t.dep_ in {"nummod", "quantmod"} else t
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "to":
        return False
    verb = prep.head
    return verb.lemma_.lower() in {"add", "bring", "raise", "push", "take", "rise", "climb", "increase"} \
        and verb.i != prep.i


def _attempted(t: Token) -> bool:
    """ "attempted to assassinate", "tried to lynch": no one died of it."""
    return t.dep_ in {"xcomp", "advcl"} and t.head.lemma_.lower() in {
        "attempt", "try", "seek", "plan", "threaten", "want", "intend", "vow", "fail"}


def _kills(t: Token) -> bool:
    """A verb of killing: "killed", "assassinated", "shot dead", "burned alive"."""
    lemma = t.lemma_.lower()
    if lemma in _KILLING_VERBS:
        return True
    if lemma == "shoot":
        after = t.nbor(1) if t.i + 1 < len(t.doc) else None
        return any(c.lower_ == "dead" for c in t.children) or (
            after is not None and after.lower_ == "dead") or any(
            c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in t.children)
    if t.pos_ == "VERB" and any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
                                for c in t.children):
        return True  # "beat a detainee to death", "stabbed to death", "burned to death"
    return lemma == "burn" and any(c.lower_ == "alive" for c in t.children)


def _victims(victims: list[Token]) -> int:
    """How many people the victim nouns of one killing verb count (0: unknown)."""
    total = 0
    for v in victims:
        doc = v.doc
        # "shot dead a contractor and wounded two others": a conjunct past another verb is its
        for w in (v, *(w for w in v.conjuncts if not any(
                doc[k].pos_ == "VERB" for k in range(min(v.i, w.i) + 1, max(v.i, w.i))))):
            nums = [c for c in w.children if c.dep_ == "nummod" or c.like_num]
            if _animal(w):
                return 0
            if w.like_num and w.pos_ == "NUM":  # "killed two of them"
                nums = [w]
            if w.lower_ in {"number", "numbers", "unknown", "group", "total"}:
                return 0  # "an unspecified number of militants": how many is not said
            if not nums and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in w.children):
                total += 1  # "killed a suspected militants" (sic): one
                continue
            if nums:
                val = _to_int(nums[0].text) if nums[0].like_num else VAGUE_NUMBERS.get(nums[0].lower_)
                if val is None:
                    return 0
                total += val
            elif w.lower_ in {"them", "they"} and _antecedent_count(w):
                total += _antecedent_count(w)  # "arrested five herders and executed them"
            elif w.pos_ == "PRON" and w.lower_ not in _ONE_PERSON:
                return 0
            elif (w.tag_ in {"NN", "NNP"} or w.ent_type_ == "PERSON" or w.lower_ in _ONE_PERSON) \
                    and not w.like_num:
                total += 1
            else:
                return 0  # "killed civilians": how many is not said
    return total


def _antecedent_count(pron: Token) -> int:
    """How many people "them"/"they" stand for: the nearest counted people taken or held
    earlier in the sentence ("abducted four men, they were executed": 4; 0 when unknown)."""
    for t in reversed(list(pron.sent)[: pron.i - pron.sent.start]):
        if t.dep_ == "nummod" and t.head.dep_ in {"dobj", "nsubjpass", "pobj"} and not _animal(t.head):
            head = t.head.head if t.head.dep_ != "pobj" else t.head.head.head
            if head.lemma_.lower() in _TAKING_VERBS | {"round", "stop", "intercept", "ambush"}:
                return _to_int(t.text) or 0
            return 0
    return 0


_REVENGE = frozenset({"revenge", "retaliation", "reprisal", "reprisals"})
_TIME_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "hour",
                         "hours", "night", "nights"})
_ONE_PERSON = frozenset({"him", "her", "he", "she"})
_KILLING_VERBS = frozenset({"kill", "murder", "execute", "behead", "assassinate", "lynch", "slay",
                            "massacre", "slaughter", "decapitate"})
ANIMALS = frozenset({
    "animal", "animals", "cattle", "cow", "cows", "oxen", "ox", "goat", "goats", "sheep", "camel",
    "camels", "livestock", "donkey", "donkeys", "horse", "horses", "bull", "bulls", "dog",
    "dogs", "chickens", "poultry",
})


def _animal(noun: Token) -> bool:
    """ "three oxen", "40 head of cattle"."""
    if noun.lower_ in ANIMALS:
        return True
    return noun.lower_ in {"head", "heads"} and any(
        p.lower_ in ANIMALS for c in noun.children if c.lower_ == "of" for p in c.children)


def _counted_noun(t: Token) -> Token:
    """The noun a number counts: "three oxen" -> oxen."""
    return t.head if t.dep_ in {"nummod", "quantmod"} and t.head.pos_ in {"NOUN", "PROPN"} else t

_TAKING_VERBS = frozenset({"kidnap", "abduct", "arrest", "capture", "detain", "seize", "take",
                           "hold", "rescue", "release", "free", "evacuate", "displace",
                           "surrender", "neutralize", "neutralise"})
_QUANTIFIERS = frozenset({"at", "least", "more", "than", "over", "about", "nearly", "almost",
                          "some", "around", "up", "to", "approximately", "roughly", "another"})


def _count_kind(toks: list[Token], i: int) -> str:
    """Whether the number at i counts the dead, the wounded or something else."""
    # "21 people were killed and 117 wounded": a participle right after the number decides
    for t in toks[i + 1 : i + 3]:
        if t.lower_ in WOUND_WORDS:
            return "wound"
        if t.lower_ in {"dead", "killed", "died", "slain", "succumbed"}:
            return "death"
        if t.like_num or t.is_punct or t.pos_ in {"CCONJ", "ADP", "VERB", "AUX"}:
            break  # "killed 5 and injured 20": the 5 belongs to "killed"
    # "killing three civilians and wounding ten": the verb right before the number decides,
    # also across a quantifier ("killing at least 10 and injuring 1")
    j = i - 1
    while j >= 0 and i - j <= 4 and toks[j].lower_ in _QUANTIFIERS:
        j -= 1
    # (not across a conjunction: in "were killed and 4 others kidnapped" the 4 starts anew)
    before = [] if j < 0 or toks[j].pos_ == "CCONJ" or toks[j].is_punct else toks[max(0, j - 1) : j + 1]
    for t in before:
        if t.lower_ in {"killing", "killed", "kill", "kills"}:
            return "death"
        if t.lower_ in WOUND_WORDS:
            return "wound"
    # "Three people, including a man and a girl, were killed": the verb of the counted noun
    noun = toks[i].head if toks[i].dep_ in {"nummod", "quantmod"} else toks[i]
    if any(c.dep_ == "acl" and c.lower_ in {"killed", "dead", "slain"} for c in noun.children):
        return "death"  # "3 officers, 1 cleaner and 2 attackers killed": the participle on the list
    verb = noun.head
    if noun.dep_ == "conj" and (verb.lower_ in {"himself", "herself"} and _kills(verb.head)
                                or noun.pos_ == "NUM" and _kills(verb)):
        return "death"  # "killing himself and two soldiers"; "killing one imam and four of ..."
    if noun.dep_ in {"nsubjpass", "nsubj", "dobj"} and verb.i != noun.i and \
            verb.pos_ in {"VERB", "AUX", "ADJ"}:
        lemma = verb.lemma_.lower()
        if noun.dep_ == "nsubj" and verb.tag_ in {"VBD", "VBZ", "VBP"} and any(
                c.dep_ == "dobj" for v in (verb, *verb.conjuncts) for c in v.children):
            return "other"  # "two gunmen shot a man dead": who killed, not who died
        if lemma in _KILLING_VERBS | _DYING_VERBS or verb.lower_ in {"dead", "killed"} or _kills(verb) or (
                lemma == "find" and any(c.lower_ == "dead" for c in verb.children)):  # "found dead"
            return "death"
        if lemma in {"wound", "injure", "hurt"}:
            return "wound"
        if lemma in _TAKING_VERBS:
            return "other"  # "kidnapped 10 children and killed 2 others": the 10 were taken
    # look right for the nearest death/wound word within the phrase (stop at a number, except
    # in a list of counts: "5 guards, 1 gendarme & 6 assailants killed"; stop at a new clause:
    # "two peacekeepers in Gao, killing one")
    k = i + 1
    while k < len(toks) and k < i + 9:
        t = toks[k]
        k += 1
        if t.like_num and t.i != toks[i].i:
            if toks[k - 2].lower_ in {",", "and", "&"}:
                continue
            break
        if t.tag_ in {"VBG", "VBD"} and toks[k - 2].lower_ == "," and t.lower_ not in {"including"}:
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
        # "killed six villagers in two hamlets": the count after another count or a
        # preposition (but "of": "a toll of 20") is not the killed verb's
        if lw in {"and", ",", ";", "while"} or t.like_num or (
                t.pos_ == "ADP" and lw not in {"of", "as"} and lw not in _QUANTIFIERS):
            break
        if lw in {"killing", "killed", "kill", "toll", "fatalities", "deaths", "death", "lives", "bodies",
                  "corpses", "body", "corpse"}:
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
