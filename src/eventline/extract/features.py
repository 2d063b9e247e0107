"""Named features of one trigger, each computed at most once, for the typing rule table.

A rule in ``rules/typing.toml`` reads these by name (``subj_armed``,
``obj_words``, ``particles``, ...) and may call a registered predicate over
token lists (``armed(victims)``). A feature is computed on first use and kept
for the other rules of the same trigger.

To add a feature: a ``cached_property`` on :class:`Features` with a docstring
(the rule file's vocabulary is this class's public properties). To add a
predicate: a function registered with :func:`predicate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..actors import communal_militia, communal_militias, generic_role
from ..folding import fold
from ..models import ActorMention
from ..nlp import doc_text
from ..places.event import people_word
from ..protocols import ActorLexicon
from ..taxonomy import ARMED_INTERS, CROWD_INTERS, STATE_INTERS, Inter
from .factuality import PARTICIPLE, unreal_reason
from .idioms import trigger_lemma
from .lexicons import ARMED_SUBJECTS, CIVILIAN_WORDS
from .parse import _head_actors, _np_words, _objects, _subject, _token_actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Adverbs that spaCy tags advmod but that work as verb particles: "took back", "shot down"
_ADVERB_PARTICLES = frozenset({"back", "down", "out", "off", "up", "away"})
# Verbs whose objects say who was harmed in the sentence ("raided a house and killed two men")
_HARM_VERBS = frozenset({"kill", "wound", "injure", "shoot", "murder"})
# words that count people without saying who they are: "dozens were wounded"
_COUNTED_PEOPLE = frozenset({"people", "person", "dozen", "hundred", "thousand", "score"})


_STREET_WORDS = frozenset({"street", "streets"})


def _took_to_the_streets(trig: Token) -> bool:
    """"thousands took to the streets of Bamako" (not "took the road to Gao")."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(
        p.dep_ == "pobj" and p.lower_ in _STREET_WORDS for p in c.children)
        for c in trig.children) and not any(c.dep_ == "dobj" for c in trig.children)


@dataclass(frozen=True, slots=True)
class Context:
    """What typing needs from the rest of the article (passed in, never global)."""

    actors: Sequence[ActorMention]
    dictionary: ActorLexicon
    place_starts: frozenset[int]  # char offsets of resolved places in the article


def is_person(tok: Token, place_starts: frozenset[int]) -> bool:
    """A person or people ("villagers", "a teacher", a PERSON entity), not a resolved place."""
    if tok.idx in place_starts:
        return False
    return tok.ent_type_ == "PERSON" or tok.lower_ in CIVILIAN_WORDS or \
        tok.lemma_.lower() in CIVILIAN_WORDS


def has_place_object(trig: Token, place_starts: frozenset[int]) -> bool:
    """The verb's object is a place: "seized Kidal", "took control of the town".

    Not what something was taken *from* ("an image taken from CCTV"), and not a
    proper noun spaCy knows as an organisation or a person.
    """
    for o in _objects(trig):
        if o.head.dep_ == "prep" and o.head.lower_ == "from":
            continue
        if o.ent_type_ in {"GPE", "LOC", "FAC"} or any(t.idx in place_starts for t in o.subtree) or (
                o.pos_ == "PROPN" and not o.ent_type_):
            return True
    return False


def armed_object(objs: Sequence[Token], actors: Sequence[ActorMention],
                 dictionary: ActorLexicon) -> bool:
    """One of the tokens names an armed actor ("soldiers", "the rebels", "Ansar Dine")."""
    for o in objs:
        rr = generic_role(o, dictionary)
        if rr and rr[0] in ARMED_SUBJECTS:
            return True
        for a in _token_actor(o, actors):
            if a.inter in ARMED_INTERS:
                return True
    return False


# --------------------------------------------------------------------------- predicates

PREDICATES: dict[str, Callable[..., Any]] = {}


def predicate(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Register ``fn(features, *args)`` under its name for the rule table."""
    PREDICATES[fn.__name__] = fn
    return fn


@predicate
def armed(f: Features, toks: Sequence[Token]) -> bool:
    """Any of the tokens names an armed actor."""
    return armed_object(toks, f.ctx.actors, f.ctx.dictionary)


@predicate
def any_person(f: Features, toks: Sequence[Token]) -> bool:
    """Any of the tokens is a person."""
    return any(is_person(t, f.ctx.place_starts) for t in toks)


@predicate
def all_person(f: Features, toks: Sequence[Token]) -> bool:
    """All the tokens are people (False for none)."""
    return bool(toks) and all(is_person(t, f.ctx.place_starts) for t in toks)


# who throws stones and fights police in a crowd without being one of the crowd roles
_CROWD_GROUPS = frozenset({"youth", "youths", "student", "students", "pupil", "pupils",
                           "trader", "traders", "vendor", "vendors"})


@predicate
def any_crowd(f: Features, toks: Sequence[Token]) -> bool:
    """Any of the tokens is a crowd: protesters, rioters, townspeople ("residents",
    "villagers"), or youths, students, traders."""
    for t in toks:
        role = generic_role(t, f.ctx.dictionary)
        if role is not None and role[0] in {"protesters", "rioters", "civilians"} or \
                t.lower_ in _CROWD_GROUPS or t.lemma_.lower() in _CROWD_GROUPS:
            return True
    return False


@predicate
def any_state(f: Features, toks: Sequence[Token]) -> bool:
    """Any of the tokens is a state force: the police, the military or a named state force."""
    for t in toks:
        role = generic_role(t, f.ctx.dictionary)
        if role is not None and role[0] in {"military", "police"} or any(
                a.inter in STATE_INTERS for a in _token_actor(t, f.ctx.actors)):
            return True
    return False


@predicate
def words_of(f: Features, toks: Sequence[Token]) -> frozenset[str]:
    """The lower-cased words of the tokens' noun phrases."""
    out: set[str] = set()
    for t in toks:
        out |= _np_words(t)
    return frozenset(out)


# sentences after the trigger's own that may still tell of its crowd ("The demonstrators
# then burned tyres"), within one paragraph
_CROWD_FOLLOWING_SENTENCES = 2
# verbs whose state complement tells a protest turned into a riot: "the march turned violent"
_BECOMING = frozenset({"turn", "become", "grow"})


def _unarmed(f: Features, tok: Token) -> bool:
    role = generic_role(tok, f.ctx.dictionary)
    return not (role and role[0] in ARMED_SUBJECTS) and not armed_object(
        [tok], f.ctx.actors, f.ctx.dictionary)


def _is_crowd(f: Features, tok: Token) -> bool:
    role = generic_role(tok, f.ctx.dictionary)
    return role is not None and role[0] in {"protesters", "rioters"}


def _paragraph_window(trig: Token) -> list[Token]:
    """The trigger's sentence and the next few of its paragraph (a line break ends one)."""
    doc, sent = trig.doc, trig.sent
    toks = list(sent)
    end = sent.end
    for _ in range(_CROWD_FOLLOWING_SENTENCES):
        if end >= len(doc) or any(t.is_space and "\n" in t.text for t in doc[end - 1:end + 1]):
            break
        nxt = doc[end].sent
        toks.extend(nxt)
        end = nxt.end
    return toks


@predicate
def paragraph_lemmas(f: Features) -> frozenset[str]:
    """Lemmas of the trigger's sentence and the next two of its paragraph, outside relative
    clauses: what else is told of the same gathering ("Students protested in Dakar. Police
    fired tear gas into the crowd."), not of someone a clause describes."""
    return frozenset(t.lemma_.lower() for t in _paragraph_window(f.trigger)
                     if not any(a.dep_ == "relcl" for a in (t, *t.ancestors)))


@predicate
def paragraph_verbs(f: Features) -> frozenset[str]:
    """The verbs among :func:`paragraph_lemmas` ("police arrested twelve", not "against the
    arrest of a teacher")."""
    return frozenset(t.lemma_.lower() for t in _paragraph_window(f.trigger) if t.pos_ == "VERB"
                     and not any(a.dep_ == "relcl" for a in (t, *t.ancestors)))


@predicate
def crowd_violence(f: Features, acts: frozenset[str], tools: frozenset[str],
                   symbols: frozenset[str]) -> bool:
    """The trigger's crowd uses violence: in its sentence, or in the next two of its paragraph,
    a verb of ``acts`` (burn, loot, vandalise, barricade, clash, ...) or a verb whose object is one
    of ``tools`` (stones, tyres, barricades, fire) is done by someone unarmed or by no one
    named ("tyres were burned"); or the protest "turned violent" (a state word in ``acts``).
    Not what a relative clause tells of someone else ("for a trader whose shop was burned"),
    nor an act that is unreal ("threatened to burn"), nor one done by armed men, nor one done
    to ``symbols`` only ("burned flags").

    "Residents staged a demonstration. The demonstrators burned tyres." holds;
    "Residents marched against the burning of a mosque by militants." does not.
    """
    trig = f.trigger
    for tok in _paragraph_window(trig):
        if tok.i == trig.i or tok.pos_ != "VERB":
            continue
        lemma = trigger_lemma(tok)
        state = lemma in _BECOMING and any(
            c.dep_ in {"acomp", "oprd"} and c.lower_ in acts for c in tok.children)
        objects = _objects(tok)
        tooled = any(o.lower_ in tools or o.lemma_.lower() in tools for o in objects)
        if not (lemma in acts or tooled or state):
            continue
        subj, agentive = _subject(tok)
        done_to = objects if agentive else [subj] if subj is not None else []
        if done_to and all(o.lower_ in symbols for o in done_to):
            continue
        if any(t.dep_ == "relcl" and not _is_crowd(f, t.head) for t in (tok, *tok.ancestors)) \
                or unreal_reason(tok) not in {None, PARTICIPLE}:
            continue  # "protesters who threw stones" is the crowd's act; "whose shop was burned" not
        if state or subj is None or not agentive:
            return True  # "the protest turned violent", "tyres were burned"
        if _unarmed(f, subj):
            return True
        # "police clashed with demonstrators": a clash has two sides
        sides = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                 for p in c.children if p.dep_ == "pobj"]
        if lemma in acts and any(_unarmed(f, s) for s in sides):
            return True
    return False


# how a report tells that a gathering turned into a riot without a verb the crowd did:
# "riots broke out", "violent clashes", "clashes erupted with the police", "barricades" (what
# the crowd burned or ransacked is crowd_violence's: it knows a burned flag is no riot)
_RIOT_TOLD = re.compile(
    r"(?i:\b(?:riots?(?! (?:police|gear|squad|control|units?|officers?))|rioters|rioting"
    r"|violent (?:clash(?:es)?|protests?|demonstrations?|riots?)"
    r"|clash(?:es|ed)? (?:erupted |broke out )?(?:with|between)|barricad(?:es|ed|ing)"
    r"|threw stones|stone-throwing)\b)")


@predicate
def told_as_riot(f: Features, text: str) -> bool:
    """The text tells of a riot or of a crowd fighting: "Riots broke out in the town",
    "clashes erupted with the police", "demonstrators erected barricades" (:data:`_RIOT_TOLD`)."""
    return _RIOT_TOLD.search(text) is not None


# Dependencies under which a noun phrase says something about its head, not who it is:
# "a trader who was killed by soldiers", "men accused of helping the army"
_NP_CLAUSES = frozenset({"relcl", "acl", "advcl"})
# Dependents that are part of who a noun phrase names: "a Dozo militia leader", "two civilians
# and a gendarme", "members of GATIA" (not "collaboration with the military")
_NP_NAMING = frozenset({"compound", "amod", "nmod", "appos", "conj"})


def _np_phrase(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s noun phrase, without its relative and participial clauses."""
    return [t for t in tok.subtree if not any(
        a.dep_ in _NP_CLAUSES for a in (t, *t.ancestors) if a.i != tok.i and tok in a.ancestors)]


def _np_names(tok: Token) -> list[Token]:
    """The words that say who ``tok``'s phrase is, however they were tagged ("eight militants"
    may parse as a verb, "a gendarmerie station" as an adjective): itself, its modifiers,
    conjuncts and appositions, and the whole it is "of"."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in _NP_NAMING:
            out += _np_names(c)
        elif c.dep_ == "prep" and c.lower_ == "of":
            out += [n for p in c.children if p.dep_ == "pobj" for n in _np_names(p)]
    return out


_ARMED_VICTIM_INTERS = ARMED_INTERS | {Inter.IDENTITY_MILITIAS}


@predicate
def armed_people(f: Features, toks: Sequence[Token], bearers: frozenset[str],
                 off_duty: frozenset[str]) -> bool:
    """Any of the tokens names people under arms at the time: an armed actor or role among
    the words that say who they are ("a member of Dan Na Ambassagou", "a Dozo militia
    leader", "two civilians and a gendarme"), a word of ``bearers`` ("a forest guard", "two
    Dozos") or "armed" ("two armed youths"), unless the phrase puts them off duty (``off_duty``: "a retired soldier",
    "peacekeepers on leave")."""
    for tok in toks:
        phrase = _np_phrase(tok)
        if {t.lower_ for t in phrase} & off_duty:
            continue
        names = _np_names(tok)
        if any(n.lower_ in bearers or n.lemma_.lower() in bearers or n.lower_ == "armed"
               for n in names):
            return True  # "a forest guard", "a Dozo leader", "two armed youths"
        text = "".join(t.text_with_ws for t in phrase).lower()
        if any("-" in b and b in text for b in bearers):
            return True  # "a Dogon self-defense group" (three tokens)
        nouns = f.ctx.dictionary.nouns
        for n in names:
            # a modifier may be tagged as an adjective: "a gendarmerie station"
            role = generic_role(n, f.ctx.dictionary) or nouns.get(fold(n.text)) or \
                nouns.get(fold(n.lemma_))
            # a named communal militia is armed men too ("a member of Dan Na Ambassagou"): an
            # actor of inter 4 is one only where the text names armed men (actors.communal_militia)
            if role and role[0] in ARMED_SUBJECTS or any(
                    a.start <= n.idx < a.end and a.inter in _ARMED_VICTIM_INTERS for a in f.ctx.actors):
                return True
    return False


@predicate
def community(f: Features, toks: Sequence[Token], bearers: frozenset[str]) -> bool:
    """Any of the tokens names members of a community or their homes ("two Dogons", "a
    Dawsahak camp", "the Fulani village of Nema"), not its armed men ("Fulani militiamen")
    nor a brotherhood of arms-bearers (words of ``bearers``: "a Dozo camp")."""
    table = communal_militias()
    for tok in toks:
        if communal_militia(tok) is not None:
            continue
        names = [tok, *(c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"})]
        if any((fold(t.text) in table or fold(t.lemma_) in table or people_word(t.text))
               and t.lower_ not in bearers for t in names):
            return True
    return False


def _paragraph_sentences(trig: Token, after: int) -> list[Span]:
    """The trigger's sentence and up to ``after`` sentences that follow it in its paragraph."""
    sent = trig.sent
    out = [sent]
    doc = trig.doc
    while len(out) <= after and out[-1].end < len(doc):
        nxt = doc[out[-1].end].sent
        gap = doc_text(doc)[out[-1].end_char:nxt.start_char] + nxt.text[:len(nxt.text) - len(nxt.text.lstrip())]
        if "\n" in gap or "\n" in out[-1].text.rstrip(" ")[-1:]:
            break  # (line breaks may sit at either sentence's edge)
        out.append(nxt)
    return out


def _earlier_sentences(trig: Token, before: int) -> list[Span]:
    """Up to ``before`` sentences that precede the trigger's in its paragraph, in text order."""
    doc = trig.doc
    out = [trig.sent]
    while len(out) <= before and out[0].start > 0:
        prev = doc[out[0].start - 1].sent
        gap = doc_text(doc)[prev.end_char:out[0].start_char] + prev.text[len(prev.text.rstrip()):]
        if "\n" in gap or "\n" in out[0].text[:len(out[0].text) - len(out[0].text.lstrip())]:
            break
        out.insert(0, prev)
    return out[:-1]


def _denied(tok: Token) -> bool:
    """"did not respond", "no clash", "without any fighting"."""
    return any(c.dep_ == "neg" or c.lower_ == "no" for c in tok.children) or (
        tok.head.lower_ == "without" and tok.head.i != tok.i)


@predicate
def resisted(f: Features, verbs: frozenset[str], attackers: frozenset[str]) -> bool:
    """The attack met armed resistance, told in its sentence or the two after it in its
    paragraph: a verb of ``verbs`` says someone fought it ("the village self-defense
    repelled the attack", "Dozos responded to the assault", "militiamen defending the
    village"), or the attackers lost men ("killed two assailants", words of ``attackers``)."""
    for sent in _paragraph_sentences(f.trigger, 2):
        if any(_denied(t) for t in sent if (t.lemma_.lower() or t.lower_) in verbs) or any(
                t.lower_ == "separately" for t in sent):
            continue  # "escaped without any clash"; "(battle coded separately)": another event
        for t in sent:
            if t.i == f.trigger.i:
                continue
            # a sentence left unparsed (parse = "flagged") has word forms only
            lemma = t.lemma_.lower() or t.lower_
            if lemma in verbs and t.pos_ in {"VERB", "NOUN", ""}:
                if not lemma.startswith("respond") or any(c.lower_ == "to" for c in t.children) \
                        or t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
                    return True
            if lemma in _HARM_VERBS and t.pos_ == "VERB":
                harmed = _objects(t) + [c for c in t.children if c.dep_ == "nsubjpass"]
                if t.dep_ in {"acl", "amod"} and t.head.pos_ in {"NOUN", "PROPN"}:
                    harmed.append(t.head)  # "one attacker killed"
                if any(h.lower_ in attackers for h in harmed):
                    return True
    return False


def _denied_in(tok: Token) -> bool:
    """The word is denied where it stands: "no casualties", "did not kill", "without causing
    any casualties"."""
    return _denied(tok) or any(a.lower_ == "without" for a in tok.ancestors)


@predicate
def people_harmed(f: Features, harm: frozenset[str], goods: frozenset[str]) -> bool:
    """The trigger's sentence or the two after it in its paragraph tell of people harmed: a
    word of ``harm`` ("killed", "wounded", "casualties", "assaulted") not denied ("no
    casualties reported") and not said of animals or goods (``goods``: "killed livestock")."""
    for sent in _paragraph_sentences(f.trigger, 2):
        for t in sent:
            if t.lemma_.lower() not in harm and t.lower_ not in harm or _denied_in(t):
                continue
            harmed = _objects(t) + [c for c in t.children if c.dep_ == "nsubjpass"]
            if harmed and all(h.lower_ in goods or h.lemma_.lower() in goods for h in harmed):
                continue  # "seized and killed livestock"
            return True
    return False


@predicate
def property_taken(f: Features, taking: frozenset[str], burning: frozenset[str],
                   settlements: frozenset[str], goods: frozenset[str]) -> bool:
    """The trigger's sentence or the two after it in its paragraph tell of property taken or
    destroyed: a verb of ``taking`` ("stole", "seized livestock", "were stripped of their
    belongings"), or of ``burning`` (or "set ... ablaze") said of things, not of the
    settlement itself (``settlements``: "attacked and burned the village" is an attack on
    it); "seized" counts with an object of ``goods``."""
    for sent in _paragraph_sentences(f.trigger, 2):
        for t in sent:
            lemma = t.lemma_.lower()
            if t.pos_ != "VERB" or _denied_in(t):
                continue
            things = _objects(t) + [c for c in t.children if c.dep_ == "nsubjpass"]
            words = {w for o in things for w in (o.lower_, o.lemma_.lower())}
            np_words = {w for o in things for w in _np_words(o)}  # "300 head of cattle"
            if lemma in {"carry", "make", "take", "drive"} and any(
                    c.lower_ in {"off", "away"} for c in t.children):
                return True  # "carried off the cattle", "made off with", "took away"
            if lemma in {"seize", "take", "capture"}:
                if np_words & goods:
                    return True
            elif lemma in taking:
                return True
            elif lemma in burning or burning and lemma == "set" and any(
                    c.lower_ in {"ablaze", "alight", "fire"} for c in t.subtree):
                if not words & settlements:
                    return True
    return False


@predicate
def later_lemmas(f: Features) -> frozenset[str]:
    """Lemmas of the two sentences after the trigger's in its paragraph: what became of the
    people it names ("... abducted a herder. His body was found two days later.")."""
    # a sentence left unparsed (parse = "flagged") has word forms only
    return frozenset(t.lemma_.lower() or t.lower_
                     for s in _paragraph_sentences(f.trigger, 2)[1:] for t in s)


# --------------------------------------------------------------------------- features

# nouns that name a set of people by what holds them together, not who they are: "a group of
# marketgoers", "a party of traders", "a team of vaccinators"
_COLLECTIVES = frozenset({"group", "groups", "party", "team", "teams", "band", "number", "crowd"})


def _with_members(toks: list[Token]) -> list[Token]:
    """The tokens, and after a collective noun the people it is "of"."""
    out = list(toks)
    for t in toks:
        if t.lower_ in _COLLECTIVES:
            out += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj" and p not in out]
    return out



class Features:
    """The trigger's features; rules read them by attribute name."""

    def __init__(self, trigger: Token, trigger_class: str, ctx: Context) -> None:
        self.trigger = trigger
        self.trigger_class = trigger_class
        self.ctx = ctx
        self.memo: dict[str, Any] = {}  # predicate calls, keyed by their source text

    # -- the trigger itself

    @cached_property
    def cls(self) -> str:
        """The trigger class, after particles: "took back" retakes, "shot dead" kills,
        "set off" explodes, "took to the streets" protests."""
        c = self.trigger_class
        if c == "takeover" and self.lemma == "take" and _took_to_the_streets(self.trigger):
            return "protest"
        if c == "takeover" and "back" in self.prts:
            return "retake"
        if c == "harm" and self.lemma == "shoot" and "dead" in self.child_words:
            return "kill"
        if c == "set" and "off" in self.prts:
            return "explode"
        return c

    @cached_property
    def lemma(self) -> str:
        """spaCy's lemma of the trigger, lower-cased."""
        return self.trigger.lemma_.lower()

    @cached_property
    def word(self) -> str:
        """The trigger as written, lower-cased."""
        return self.trigger.lower_

    @cached_property
    def pos(self) -> str:
        return self.trigger.pos_

    @cached_property
    def dep(self) -> str:
        return self.trigger.dep_

    @cached_property
    def head_word(self) -> str:
        """The word the trigger hangs on, lower-cased."""
        return self.trigger.head.lower_

    @cached_property
    def head_lemma(self) -> str:
        return self.trigger.head.lemma_.lower()

    @cached_property
    def head_is_place(self) -> bool:
        """The word the trigger hangs on is a resolved place."""
        return self.trigger.head.idx in self.ctx.place_starts

    @cached_property
    def child_words(self) -> frozenset[str]:
        """The trigger's dependents, lower-cased."""
        return frozenset(c.lower_ for c in self.trigger.children)

    @cached_property
    def particles(self) -> frozenset[str]:
        """Verb particles proper (dep ``prt``): "took over"."""
        return frozenset(c.lower_ for c in self.trigger.children if c.dep_ == "prt")

    @cached_property
    def prts(self) -> frozenset[str]:
        """Particles, with the adverbs spaCy may tag instead ("took the town back")."""
        return frozenset(c.lower_ for c in self.trigger.children if c.dep_ == "prt" or (
            c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES))

    @cached_property
    def preps(self) -> frozenset[str]:
        """Prepositions governed by the trigger."""
        return frozenset(c.lower_ for c in self.trigger.children if c.dep_ == "prep")

    @cached_property
    def mods(self) -> frozenset[str]:
        """Noun modifiers of the trigger: "a drone attack", "rocket fire"."""
        return frozenset(c.lower_ for c in self.trigger.children
                         if c.dep_ in {"compound", "amod", "nmod"})

    # -- the subject

    @cached_property
    def _subject(self) -> tuple[Token | None, bool]:
        return _subject(self.trigger)

    @cached_property
    def subj(self) -> Token | None:
        """The subject token (or the passive agent)."""
        return self._subject[0]

    @cached_property
    def has_subj(self) -> bool:
        return self.subj is not None

    @cached_property
    def agentive(self) -> bool:
        """The subject acts (False: it undergoes, as a passive subject)."""
        return self._subject[1]

    @cached_property
    def subj_role(self) -> str | None:
        """The generic role of the subject ("military", "rebels", "protesters", ...)."""
        if self.subj is None:
            return None
        # "a group of residents", "a number of youths": the collective's members act
        for tok in _with_members([self.subj])[::-1]:
            role = generic_role(tok, self.ctx.dictionary)
            if role:
                return role[0]
        return None

    @cached_property
    def subj_actors(self) -> list[ActorMention]:
        return _head_actors(self.subj, self.ctx.actors) if self.subj is not None else []

    @cached_property
    def subj_inter(self) -> int | None:
        """ACLED inter code of the actor the subject names."""
        return self.subj_actors[0].inter if self.subj_actors else None

    @cached_property
    def subj_unknown(self) -> bool:
        """Neither a known actor nor a generic role."""
        return not (self.subj_inter or self.subj_role)

    @cached_property
    def subj_armed(self) -> bool:
        """The subject is an armed actor (state, rebels, militia) or an armed role."""
        return self.subj_inter in ARMED_INTERS or self.subj_role in ARMED_SUBJECTS

    @cached_property
    def subj_state(self) -> bool:
        """The subject is a state force (at home or abroad), the military or the police."""
        return self.subj_inter in STATE_INTERS or self.subj_role in {"military", "police"}

    @cached_property
    def subj_forces(self) -> bool:
        """The subject is a state force (at home or abroad) or "the military"."""
        return self.subj_inter in STATE_INTERS or self.subj_role == "military"

    @cached_property
    def subj_military(self) -> bool:
        """The subject is the country's own state forces or "the military"."""
        return self.subj_inter == Inter.STATE_FORCES or self.subj_role == "military"

    @cached_property
    def subj_police(self) -> bool:
        """The subject is the police (role or a named police force)."""
        return self.subj_role == "police" or any(
            a.name.startswith("Police Forces") for a in self.subj_actors)

    @cached_property
    def crowd(self) -> bool:
        """The subject is a crowd: protesters or rioters."""
        return self.subj_role in {"protesters", "rioters"} or self.subj_inter in CROWD_INTERS

    @cached_property
    def civilians_acting(self) -> bool:
        """Civilians are the agents ("residents killed", "villagers set fire")."""
        return self.agentive and (self.subj_role == "civilians" or self.subj_inter == Inter.CIVILIANS)

    @cached_property
    def subj_words(self) -> frozenset[str]:
        """Words of the subject's noun phrase."""
        return frozenset(_np_words(self.subj)) if self.subj is not None else frozenset()

    @cached_property
    def subj_word(self) -> str | None:
        return self.subj.lower_ if self.subj is not None else None

    @cached_property
    def subj_lemma(self) -> str | None:
        return self.subj.lemma_.lower() if self.subj is not None else None

    @cached_property
    def subj_pos(self) -> str | None:
        return self.subj.pos_ if self.subj is not None else None

    @cached_property
    def subj_ent(self) -> str | None:
        return self.subj.ent_type_ if self.subj is not None else None

    @cached_property
    def subj_with_mods(self) -> frozenset[str]:
        """The subject word and its modifiers: "Russian missiles", "a drone"; when the speaker
        stands for its own forces ("NATO said its air forces struck ..."), their modifiers too:
        the speaker is the actor, its arm still says how it struck."""
        if self.subj is None:
            return frozenset()
        nouns = {self.subj} | {c for c in self.trigger.children if c.dep_ == "nsubj"}
        return frozenset({n.lower_ for n in nouns} | {ch.lower_ for n in nouns for ch in n.children
                                                      if ch.dep_ in {"compound", "amod"}})

    # -- the objects

    @cached_property
    def objects(self) -> list[Token]:
        """Direct objects, attributes, and objects of on/against/at/into/of/from/over."""
        return _objects(self.trigger)

    @cached_property
    def obj_words(self) -> frozenset[str]:
        """Words of the objects' noun phrases."""
        out: set[str] = set()
        for o in self.objects:
            out |= _np_words(o)
        return frozenset(out)

    @cached_property
    def obj_heads(self) -> frozenset[str]:
        """The object words themselves and their modifiers, not what hangs off them
        ("took a phone order from a caller who asked for delivery to a motel room")."""
        return frozenset({o.lower_ for o in self.objects} | {
            c.lower_ for o in self.objects for c in o.children if c.dep_ in {"compound", "amod"}})

    @cached_property
    def dobj_words(self) -> frozenset[str]:
        """Words of the direct objects' noun phrases only ("demonstrated their anger", not
        "demonstrated against the decision")."""
        out: set[str] = set()
        for c in self.trigger.children:
            if c.dep_ == "dobj":
                out |= _np_words(c)
        return frozenset(out)

    @cached_property
    def obj_direct(self) -> frozenset[str]:
        """The object words, lower-cased."""
        return frozenset(o.lower_ for o in self.objects)

    @cached_property
    def place_object(self) -> bool:
        """The object is a place (a resolved name, a GPE, an unknown proper noun)."""
        return has_place_object(self.trigger, self.ctx.place_starts)

    @cached_property
    def from_place(self) -> bool:
        """The trigger's "from" governs a place: "withdrew from Menaka" (``place_object`` leaves
        out what something is taken from)."""
        return any(p.ent_type_ in {"GPE", "LOC", "FAC"} or p.idx in self.ctx.place_starts
                   or p.pos_ == "PROPN" and not p.ent_type_
                   for c in self.trigger.children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in c.children if p.dep_ == "pobj")

    @cached_property
    def clash_sides(self) -> list[Token]:
        """Who fights whom in a clash: the subject, what "with" and "between" govern, and
        their conjuncts ("clashes between police and youths", "students clashed with
        gendarmes")."""
        heads = [self.subj] if self.subj is not None and self.agentive else []
        trig = self.trigger
        # "clashes erupted between ...": the parser may hang the sides on the noun's verb
        holders = [trig, trig.head] if trig.pos_ == "NOUN" and trig.dep_ == "nsubj" else [trig]
        heads += [p for h in holders for c in h.children if c.dep_ == "prep"
                  and c.lower_ in {"with", "between", "among"}
                  for p in c.children if p.dep_ == "pobj"]
        out: list[Token] = []
        for h in heads:
            out.append(h)
            out.extend(t for t in h.conjuncts if t.i not in {o.i for o in out})
        return out

    @cached_property
    def victims(self) -> list[Token]:
        """Who was harmed (:attr:`_victims`), and the members a collective names: "a group of
        preachers" are preachers."""
        return _with_members(self._victims)

    @cached_property
    def _victims(self) -> list[Token]:
        """Who was harmed: the objects of an active verb, the subject of a passive one
        (also when the passive names its agent: "ten fighters were killed by soldiers")."""
        if self.agentive:
            patients = [c for c in self.trigger.children if c.dep_ == "nsubjpass"]
            # "shot dead a policeman": the parser may hang the victim on "dead"
            dead = [p for d in self.trigger.children if d.lower_ == "dead"
                    for p in d.children if p.dep_ == "pobj"]
            return patients or [o for o in self.objects if o.lower_ != "dead"] + dead
        if any(o.dep_ == "dobj" for o in self.objects):
            return self.objects  # a verb with a direct object is active, however it parsed
        return [self.subj] if self.subj is not None else []

    @cached_property
    def targets(self) -> list[Token]:
        """What an attack hit: its victims, or where it has no direct object of its own, also
        the object of the verb it is coordinated with ("attacked and burned the village")."""
        # not a date the parser hung on the verb: "On 3 May, gunmen attacked ..." hit no May
        own = [v for v in self.victims if v.ent_type_ not in {"DATE", "TIME"}]
        if any(o.dep_ == "dobj" for o in self.objects) or not self.agentive:
            return own
        verbs = [c for c in self.trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        return own + _with_members([o for v in verbs for o in v.children if o.dep_ == "dobj"])

    @cached_property
    def target_words(self) -> frozenset[str]:
        """Words of the targets' noun phrases."""
        return frozenset(w for t in self.targets for w in _np_words(t))

    @cached_property
    def target_heads(self) -> frozenset[str]:
        """The target words themselves and their modifiers (as :attr:`obj_heads`)."""
        return frozenset({t.lower_ for t in self.targets} | {
            c.lower_ for t in self.targets for c in t.children if c.dep_ in {"compound", "amod"}})

    @cached_property
    def victim_heads(self) -> frozenset[str]:
        """The victims' own words, lower-cased: "two sheep", not "herders who watered sheep"."""
        return frozenset(w for v in self.victims for w in (v.lower_, v.lemma_.lower()))

    @cached_property
    def has_victims(self) -> bool:
        return bool(self.victims)

    @cached_property
    def victims_protesters(self) -> bool:
        """A victim is a protester ("police killed two protesters")."""
        return any((generic_role(v, self.ctx.dictionary) or ("",))[0] == "protesters"
                   for v in self.victims)

    @cached_property
    def victims_unnamed(self) -> bool:
        """The victims are only counted ("killed five", "killed people"), or not said."""
        return all(v.pos_ in {"NUM", "PRON"} or v.lemma_.lower() in _COUNTED_PEOPLE
                   or v.ent_type_ in {"DATE", "TIME"}  # "beat people on Monday"
                   for v in self.victims)

    @cached_property
    def destroyed_words(self) -> frozenset[str]:
        """What was destroyed: the objects of an active verb, the passive subject's words."""
        return self.obj_words if self.agentive else self.subj_words

    @cached_property
    def harmed_elsewhere(self) -> list[Token]:
        """Objects of the sentence's harm verbs ("raided a house and killed two men")."""
        return [o for t in self.trigger.sent if t.pos_ == "VERB" and t.lemma_.lower() in _HARM_VERBS
                for o in _objects(t)]

    @cached_property
    def accord_words(self) -> frozenset[str]:
        """Words that may name an accord: the objects, a passive subject, an accord noun itself."""
        words = self.obj_words | (self.subj_words if not self.agentive else frozenset())
        return words | {self.word} if self.cls == "agreement" else words

    # -- the sentence

    @cached_property
    def sent_words(self) -> frozenset[str]:
        return frozenset(t.lower_ for t in self.trigger.sent)

    @cached_property
    def sent_lemmas(self) -> frozenset[str]:
        return frozenset(t.lemma_.lower() for t in self.trigger.sent)

    @cached_property
    def sent_text(self) -> str:
        return self.trigger.sent.text

    @cached_property
    def incident_text(self) -> str:
        """The two sentences before the trigger's in its paragraph, its own, and the two after:
        how a gathering went, told before or after the harm ("Riots broke out in the town. A
        protester was killed.")."""
        return " ".join(s.text for s in _earlier_sentences(self.trigger, 2)) + " " + self.paragraph_text

    @cached_property
    def paragraph_text(self) -> str:
        """The trigger's sentence and the two after it in its paragraph (as :func:`resisted`
        reads them): "... attacked the village. Two guards were hurt in an exchange of fire."
        """
        sents = _paragraph_sentences(self.trigger, 2)
        # "In a separate incident ...", "(battle coded separately)": another event's words
        return " ".join(s.text for i, s in enumerate(sents) if i == 0 or not any(
            t.lower_ in {"separate", "separately"} for t in s))


FEATURE_NAMES = frozenset(
    name for name, value in vars(Features).items()
    if isinstance(value, cached_property) and not name.startswith("_")
)
