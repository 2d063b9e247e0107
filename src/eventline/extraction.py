"""Sentences -> ACLED events with arguments and evidence (the "extract" stage).

A rule-based extractor over spaCy's parse (component ``extract.rules.v2``):

1. **Triggers**: verbs and event nouns from a lexicon (``TRIGGERS``), typed to
   ACLED's event and sub-event types, refined by their arguments (who took a
   town decides "Government regains" vs "Non-state actor overtakes"; who was
   killed decides civilians attacked vs a clash vs a mob killing).
2. **Factuality**: negated, modal, future, conditional, infinitival ("to fight
   the rebels") and reported-intention triggers ("threatened to attack") are
   not events; nor are generalities without a time or a place.
3. **Arguments**: actor1 from the subject (or passive agent), actor2 from the
   object; place from the trigger's clause, then the sentence, then the
   preceding sentences, then the article's focus; date from the nearest
   time expression governed by the trigger, then the sentence, then the
   preceding sentence of the paragraph, then the publication date.
4. **Fatalities** as low/best/high, with ACLED's rule for vague counts.
5. **Infoboxes** of encyclopedia articles become an event of their own.

Each event carries its sentence and offsets as a :class:`~eventline.models.Source`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .actors import (
    ActorDictionary,
    acled_actor_name,
    acled_country,
    conjoined_countries,
    generic_role,
    load_actor_dictionary,
)
from .fuse import SUB_RANK
from .dateline import Dateline
from .models import (
    ActorMention,
    Article,
    Event,
    FieldValue,
    PlaceMention,
    Source,
    SUB_EVENT_TYPE_TO_TYPE,
    TimeMention,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .protocols import SentenceTyper

NAME = "extract.rules.v2"  # v2: device subjects, police raids, civilians as actor2

BATTLES = "Battles"
ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"

# Which event wins when one clause holds several triggers for the same incident.
TYPE_RANK = {ERV: 6, BATTLES: 5, VAC: 4, RIOTS: 3, PROTESTS: 2, SD: 1}

# --------------------------------------------------------------------------- lexicon

# lemma -> trigger class. Classes are refined into sub-event types by arguments.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["capture", "seize", "overrun", "occupy", "conquer", "take"], "takeover"),
    **dict.fromkeys(["retake", "regain", "recapture", "reclaim", "liberate", "recover"], "retake"),
    **dict.fromkeys(["gain"], "gain"),
    **dict.fromkeys(["fall"], "fall"),
    **dict.fromkeys(["attack", "assault", "storm", "raid", "ambush", "besiege", "overwhelm"], "attack"),
    **dict.fromkeys(["clash", "fight", "battle", "engage", "skirmish", "exchange"], "clash"),
    **dict.fromkeys(["kill", "murder", "execute", "behead", "massacre", "slaughter", "assassinate",
                     "lynch", "slay"], "kill"),
    **dict.fromkeys(["shoot", "stab", "beat", "torture", "wound", "injure", "maim", "hack"], "harm"),
    **dict.fromkeys(["abduct", "kidnap"], "abduct"),
    **dict.fromkeys(["rape"], "sexual"),
    **dict.fromkeys(["bomb", "airstrike", "strafe"], "airstrike"),
    **dict.fromkeys(["shell", "mortar"], "shelling"),
    **dict.fromkeys(["explode", "detonate", "blow"], "explode"),
    **dict.fromkeys(["set", "establish"], "set"),  # set off (a bomb), set fire, set up (a base)
    **dict.fromkeys(["throw", "hurl", "lob"], "throw"),
    **dict.fromkeys(["strike", "hit", "pound", "target", "rock"], "strike"),  # by a weapon
    **dict.fromkeys(["protest", "demonstrate", "march", "rally", "picket"], "protest"),
    **dict.fromkeys(["riot", "torch", "loot", "pillage", "ransack", "vandalize", "vandalise"], "riot"),
    **dict.fromkeys(["oust", "overthrow", "topple", "depose"], "coup"),
    **dict.fromkeys(["arrest", "detain", "apprehend"], "arrest"),
    **dict.fromkeys(["destroy", "demolish", "raze", "damage", "burn", "desecrate"], "destroy"),
    **dict.fromkeys(["release", "free"], "release"),
    **dict.fromkeys(["sign"], "sign"),
    **dict.fromkeys(["withdraw", "retreat", "abandon", "evacuate"], "withdraw"),
    **dict.fromkeys(["defuse", "dismantle", "foil", "thwart"], "disrupt"),
    **dict.fromkeys(["disperse"], "disperse"),
    **dict.fromkeys(["arrive", "deploy"], "arrive"),
}

IRREGULAR_FORMS = {
    "retook": "retake", "retaken": "retake", "overran": "overrun", "fought": "fight",
    "shot": "shoot", "blew": "blow", "slew": "slay", "slain": "slay", "beaten": "beat",
    "besieged": "besiege", "recaptured": "recapture", "regained": "regain", "stormed": "storm",
    "ambushed": "ambush", "abducted": "abduct", "kidnapped": "kidnap", "torched": "torch",
    "raped": "rape", "threw": "throw", "thrown": "throw", "hurled": "hurl",
}

# nouns that name an event; counted only in an eventive frame (see _noun_is_event)
NOUN_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["attack", "assault", "raid", "ambush", "offensive", "incursion"], "attack"),
    **dict.fromkeys(["battle", "clash", "clashes", "fighting", "firefight", "skirmish", "gunfight",
                     "gunfire", "combat", "siege"], "clash"),
    **dict.fromkeys(["massacre", "killing", "murder", "assassination", "execution", "lynching"],
                    "kill"),
    **dict.fromkeys(["kidnapping", "abduction"], "abduct"),
    **dict.fromkeys(["airstrike", "strike", "bombardment", "bombing"], "airstrike"),
    **dict.fromkeys(["shelling"], "shelling"),
    **dict.fromkeys(["explosion", "blast", "bomb", "detonation"], "explode"),
    **dict.fromkeys(["protest", "demonstration", "march", "rally", "sit-in"], "protest"),
    **dict.fromkeys(["riot", "unrest"], "riot"),
    **dict.fromkeys(["coup", "putsch"], "coup"),
    **dict.fromkeys(["ceasefire", "truce", "accord", "agreement", "deal"], "agreement"),
    **dict.fromkeys(["arrest", "arrests"], "arrest"),
    **dict.fromkeys(["destruction"], "destroy"),
}
NOUN_EVENT_VERBS = {
    "happen", "occur", "break", "erupt", "rage", "kill", "leave", "take", "begin",
    "start", "continue", "hit", "target", "follow", "claim", "fight", "wage", "wound", "force",
    # "fighting entered a third day", "clashes intensified", "the violence spread"
    "enter", "intensify", "escalate", "spread", "resume", "flare", "persist",
}
NOUN_LIGHT_VERBS = {"launch", "carry", "stage", "mount", "hold", "conduct", "claim", "lead",
                    "organize", "organise", "repel", "repulse", "sign", "reach", "agree", "make"}

PLACE_OBJECT_NOUNS = {
    "town", "city", "village", "base", "camp", "airport", "capital", "region", "territory",
    "control", "area", "district", "province", "stronghold", "garrison", "post", "positions",
    "position", "outpost", "headquarters", "hq", "port", "border", "crossing", "airfield",
    "barracks", "compound", "checkpoint", "locality", "commune", "settlement", "neighbourhood",
    "neighborhood", "hill", "road", "highway", "bridge", "oilfield", "field", "mine",
}
POWER_NOUNS = {"power", "government", "presidency", "palace", "country", "state"}
CIVILIAN_WORDS = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "journalist",
    "reporter", "teacher", "official", "worker", "workers", "farmer", "farmers", "herder",
    "herders", "woman", "women", "child", "children", "student", "students", "pupil", "pupils",
    "worshipper", "worshippers", "passenger", "passengers", "trader", "traders", "hostage",
    "hostages", "people", "man", "men", "boy", "girl", "chief", "imam", "priest", "doctor",
    "nurse", "family", "shopkeeper", "driver", "mayor", "leader", "elder", "elders", "member",
}
HERITAGE_WORDS = {"shrine", "shrines", "tomb", "tombs", "mausoleum", "mausoleums", "mosque",
                  "church", "site", "heritage", "monument", "library", "manuscripts", "school",
                  "house", "houses", "home", "homes", "building", "buildings", "property",
                  "shop", "shops", "market", "office", "offices", "structures", "statue"}
# weapons named as the subject of "struck", "hit" or as a modifier of "attack"
AIR_WEAPONS = {"drone", "drones", "jet", "jets", "warplane", "warplanes", "aircraft", "plane",
               "planes", "helicopter", "helicopters", "airstrike", "airstrikes", "air", "aerial"}
GROUND_WEAPONS = {"missile", "missiles", "rocket", "rockets", "shell", "shells", "artillery",
                  "mortar", "mortars", "shelling", "barrage", "howitzer", "howitzers", "grad"}
INTERCEPTED = {"drone", "drones", "missile", "missiles", "rocket", "rockets", "aircraft", "plane",
               "jet", "helicopter", "projectile", "projectiles", "uav", "uavs"}
CIVILIAN_TARGETS = {"market", "village", "villages", "bus", "hospital", "school", "church", "mosque",
                    "wedding", "funeral", "farm", "farms", "shop", "shops", "hotel", "restaurant",
                    "homes", "houses", "worshippers", "congregation", "refugees", "settlement"}
NONFACTIVE_HEADS = {
    "threaten", "plan", "vow", "want", "need", "seek", "try", "attempt", "call", "urge", "ask",
    "request", "prepare", "intend", "hope", "aim", "propose", "expect", "consider", "deny",
    "warn", "fear", "pledge", "promise", "refuse", "allow", "help", "decide", "wish", "offer",
    "order", "demand", "push", "plot", "fail", "risk", "would", "able", "ready", "set",
    "discuss", "mission", "goal", "bid", "effort", "aim", "struggle",
    # what might happen: "the prospect of terrorists launching attacks"
    "prospect", "possibility", "potential", "capability", "danger", "scenario",
    # speech acts about events refer back to them; they do not report them
    "criticise", "criticize", "condemn", "accuse", "blame", "denounce", "praise", "fear",
}
HEDGES = {"probably", "possibly", "likely", "perhaps", "maybe", "supposedly",
          # habitual or generic statements are not dated incidents
          "often", "usually", "regularly", "frequently", "routinely", "sometimes", "always", "never",
          "typically", "generally", "repeatedly"}
ASPECTUAL = {"begin", "start", "continue", "appear", "seem", "manage", "go", "keep"}
MODALS = {"will", "would", "could", "might", "may", "should", "must", "can", "shall", "'ll", "wo"}
VAGUE_NUMBERS = {
    "dozens": 12, "dozen": 12, "tens": 10, "scores": 20, "score": 20, "hundreds": 100,
    "hundred": 100, "thousands": 1000, "several": 10, "many": 10, "numerous": 10,
}
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a": 1, "an": 1, "single": 1,
}
DEATH_WORDS = {"killed", "dead", "died", "deaths", "death", "lives", "bodies", "slain",
               "fatalities", "murdered", "executed", "massacred", "perished", "kill", "killing"}
WOUND_WORDS = {"wounded", "injured", "hurt", "injuries", "wounding", "injuring"}


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class _Candidate:
    """An event under construction inside one sentence (mutable while refined)."""

    trigger: "Token"
    cls: str
    event_type: str
    sub_event_type: str
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    place: PlaceMention | None = None
    place_scope: str = "sentence"
    time: TimeMention | None = None
    date_scope: str = "sentence"
    fatalities: tuple[int | None, int | None, int | None] = (None, None, None)
    confidence: float = 0.5
    typed_by: str = ""  # "" for the rules; "<typer name> <probability>" for the learned typer


@dataclass(frozen=True, slots=True)
class Geo:
    """What the event stage needs from the place stage (injected: no import cycle, easy fakes)."""

    country_point: Callable[[str], PlaceMention | None]  # country name -> capital/centroid
    geocode: Callable[[str], list[PlaceMention]]  # text -> resolved places (for infobox values)


# --------------------------------------------------------------------------- helpers


def _subtree_span(tok: "Token") -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


def _aux_words(tok: "Token") -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}


def _head_chain(tok: "Token") -> Iterable["Token"]:
    """Governing tokens up to the sentence root (the clause's context)."""
    cur = tok
    while cur.head.i != cur.i:  # spaCy makes a new Token per access: compare indices
        yield cur.head
        cur = cur.head


def _is_factual(tok: "Token") -> bool:
    """False for negated, modal, future, conditional, intended or infinitival mentions."""
    if any(c.dep_ == "neg" for c in tok.children):
        return False
    if any(c.lower_ in HEDGES for c in tok.children if c.dep_ == "advmod"):
        return False
    # participles and gerunds modifying a noun or inside a prepositional phrase
    # ("rebels fighting alongside", "returned from fighting") are not clauses of their own
    if tok.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children) \
            and tok.dep_ not in {"ROOT", "nsubj", "nsubjpass"} \
            and not (tok.dep_ == "pcomp" and tok.head.lower_ == "by"):
        return False
    aux = _aux_words(tok)
    if aux & MODALS:
        return False
    # "has killed more than 30,000 people since 2009": a running total, not an incident
    if aux & {"has", "have"} and any(
        t.lower_ in {"since", "so far", "to date"} or (t.lower_ == "far" and t.nbor(-1).lower_ == "so")
        for t in tok.subtree if t.i > tok.i
    ):
        return False
    # "By the end of 1972, 496 had been killed": a tally, not an incident
    if aux & {"has", "have", "had"} and re.search(
            r"\b(?:[Bb]y the end of (?:the )?(?:year|month|war|conflict|decade|century|\d{4}|"
            r"January|February|March|April|May|June|July|August|September|October|November|"
            r"December)|[Ii]n total|[Ii]n all|[Aa]ltogether)\b", tok.sent.text):
        return False  # not "by the end of the day": that is still the incident
    if "to" in aux or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        head = tok.head
        # "fired tear gas to disperse protesters": the dispersal happened
        purpose_done = tok.lemma_.lower() == "disperse" and head.tag_ == "VBD"
        if head.lemma_.lower() not in ASPECTUAL and not purpose_done:
            return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in tok.children):
        return False
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.head.children):
        return _is_factual(tok.head)  # "to launch attacks": as real as the launching
    sent = tok.sent
    if sent.text.rstrip().endswith("?"):
        return False
    depth = 0
    for head in _head_chain(tok):
        depth += 1
        lemma = head.lemma_.lower()
        if lemma in NONFACTIVE_HEADS:
            return False
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ == "VERB" and depth == 1:
            return False
        if _aux_words(head) & MODALS and depth == 1 and tok.dep_ in {"xcomp", "conj"}:
            return False
        if depth > 8:
            break
    return True


def _noun_is_event(tok: "Token") -> bool:
    """A trigger noun names an event only in an eventive frame."""
    head = tok.head
    hl = head.lemma_.lower()
    if tok.dep_ in {"nsubj", "nsubjpass"} and hl in NOUN_EVENT_VERBS | {"be"} and head.pos_ in {"VERB", "AUX"}:
        if hl == "be":
            return False
        return True
    if tok.dep_ == "dobj" and hl in NOUN_LIGHT_VERBS:
        return True
    # "35 people died in fighting that broke out on Tuesday"
    if any(c.dep_ == "relcl" and c.lemma_.lower() in {"break", "erupt", "begin", "start", "rage", "end", "last"}
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
    # "was shattered by an explosion"
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return True
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


def _actor_in(span: tuple[int, int], actors: Sequence[ActorMention]) -> list[ActorMention]:
    return [a for a in actors if _inside(a.start, a.end, span)]


def _token_actor(tok: "Token", actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Actors mentioned in the noun phrase headed by tok (not its relative clauses)."""
    start = tok.left_edge.idx
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ in {"appos", "conj", "cc", "prep", "compound", "amod", "nmod", "punct"} and (
            child.dep_ != "prep" or child.lower_ in {"of", "from", "in"}
        ):
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
        else:
            break
    return [a for a in _actors_from(actors, start, end + 1) if a.end <= end]


_ACTOR_INDEX: dict[int, tuple[Sequence[Any], Callable[[int, int], list[Any]]]] = {}


def _actors_from(actors: Sequence[ActorMention], lo: int, hi: int) -> list[ActorMention]:
    """Actors starting in ``[lo, hi)``, in list order; the position index is built once per
    actor list (the article's), not scanned whole for every trigger."""
    hit = _ACTOR_INDEX.get(id(actors))
    if hit is None or hit[0] is not actors:
        _ACTOR_INDEX.clear()  # one article's list at a time
        hit = _ACTOR_INDEX[id(actors)] = (actors, _by_position(actors))
    return hit[1](lo, hi)


def _head_actors(tok: "Token", actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Actors the noun phrase itself denotes: "supporters of the junta" is not the junta,
    but "gunmen from Ansar Dine" is Ansar Dine."""
    np = _token_actor(tok, actors)
    own = [a for a in np if a.start <= tok.idx < a.end]
    if own and own[0].generic:
        named = [a for a in np if not a.generic]
        return named or own
    return own


def _subject(tok: "Token") -> tuple["Token | None", bool]:
    """The subject token (or passive agent) and whether it is an agent (True) or patient."""
    # the subject nearest the verb: a dateline ("SEVARE, Mali – soldiers took ...") parses as a second one
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        before = [c for c in subjects if c.i < tok.i]
        return (before[-1] if before else subjects[0]), True
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            for a in tok.children:
                if a.dep_ == "agent":
                    for p in a.children:
                        if p.dep_ == "pobj":
                            return p, True
            return c, False
    # conjoined verbs share the first verb's subject: "stormed ... and took hostages"
    if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
        return _subject(tok.head)
    # "rebels – fighting alongside ..." / participial modifiers
    if tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        return tok.head, tok.dep_ == "acl" and tok.tag_ == "VBG" or tok.dep_ == "relcl"
    if tok.dep_ in {"advcl", "xcomp"}:
        subj, agentive = _subject(tok.head)
        if any(c.dep_ == "auxpass" for c in tok.children):
            agentive = False  # "had started to be destroyed"
        return subj, agentive
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "avenged ... by killing"
        return _subject(tok.head.head)
    return None, True


def _objects(tok: "Token") -> list["Token"]:
    out = []
    for c in tok.children:
        if c.dep_ in {"dobj", "attr", "oprd"}:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in {"on", "against", "at", "into", "of", "from", "over"}:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "prt":
            continue
    return out


def _np_words(tok: "Token") -> set[str]:
    return {t.lower_ for t in tok.subtree}


# ``place_starts`` below: char offsets of the resolved places in the article being read,
# passed down from extract_events (an argument, not a global: the review UI may extract
# in several threads at once).


def _is_person(tok: "Token", place_starts: frozenset[int]) -> bool:
    if tok.idx in place_starts:
        return False
    return tok.ent_type_ == "PERSON" or tok.lower_ in CIVILIAN_WORDS or tok.lemma_.lower() in CIVILIAN_WORDS


# --------------------------------------------------------------------------- main


def _classify(
    trig: "Token",
    cls: str,
    actors: Sequence[ActorMention],
    dictionary: ActorDictionary,
    place_starts: frozenset[int],
) -> tuple[str, str] | None:
    """Trigger class + arguments -> (event_type, sub_event_type), or None (not an event)."""
    subj, agentive = _subject(trig)
    objs = _objects(trig)
    subj_role = generic_role(subj, dictionary)[0] if subj is not None and generic_role(subj, dictionary) else None
    subj_actors = _head_actors(subj, actors) if subj is not None else []
    subj_inter = subj_actors[0].inter if subj_actors else None
    obj_words: set[str] = set()
    for o in objs:
        obj_words |= _np_words(o)
    sent_words = {t.lower_ for t in trig.sent}
    sent_lemmas = {t.lemma_.lower() for t in trig.sent}
    crowd = subj_role in {"protesters", "rioters"} or subj_inter in {5, 6}
    civilians_acting = agentive and (subj_role == "civilians" or subj_inter == 7)
    prts = {c.lower_ for c in trig.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ in {"back", "down", "out", "off", "up", "away"})}
    lemma0 = trig.lemma_.lower()

    if cls == "takeover" and "back" in prts:
        cls = "retake"  # "took back the town"
    if cls in {"takeover", "gain", "retake", "fall"}:
        lemma = trig.lemma_.lower()
        if not (subj_inter in {1, 2, 3, 8} or subj_role in ARMED_SUBJECTS) and (
            obj_words & {"runway", "tarmac", "square", "street", "streets", "road", "roads", "bridge",
                         "building", "offices", "campus", "airport", "parliament"}
        ) and (crowd or civilians_acting or subj_role is None and subj is not None and subj.pos_ == "NOUN"):
            return PROTESTS, "Peaceful protest"  # unarmed crowds occupying a place
        if lemma == "take":
            prts = {c.lower_ for c in trig.children if c.dep_ == "prt"}
            if trig.dep_ == "acl" and trig.head.lower_ not in PLACE_OBJECT_NOUNS \
                    and trig.head.idx not in place_starts:
                return None  # "this image taken from CCTV": the noun taken is no place
            if "hostage" in obj_words or "hostages" in obj_words or "captive" in obj_words:
                return VAC, "Abduction/forced disappearance"
            if "power" in obj_words or (
                obj_words & POWER_NOUNS and "control" not in obj_words
                and (subj_inter == 1 or subj_role == "military")
            ):
                return SD, "Other"
            # the object itself, not what hangs off it ("took a phone order from a caller
            # who asked for delivery to a motel room")
            heads = {o.lower_ for o in objs} | {c.lower_ for o in objs for c in o.children
                                               if c.dep_ in {"compound", "amod"}}
            if not (heads & (PLACE_OBJECT_NOUNS | {"control"}) or "over" in prts
                    or _has_place_object(trig, place_starts)):
                return None
        if lemma == "gain" and "control" not in obj_words:
            return None
        if cls == "takeover" and lemma in {"seize", "capture"} and (
            obj_words & {"power"} or ("control" in obj_words and obj_words & {"country", "government"})
        ):
            return SD, "Other"  # a coup: "seized power", "seized control of the country"
        if cls in {"takeover"} and not (obj_words & (PLACE_OBJECT_NOUNS | {"control"}) or _has_place_object(trig, place_starts)):
            if obj_words & {"weapons", "arms", "ammunition", "explosives"}:
                return SD, "Disrupted weapons use"
            if _is_person_object(objs, place_starts) and lemma in {"seize", "capture"}:
                return VAC, "Abduction/forced disappearance"  # "captured two aid workers"
            if cls == "takeover" and lemma != "take":
                return None
        if crowd:
            return PROTESTS, "Peaceful protest"  # demonstrators occupying a square or a tarmac
        if cls == "fall":
            if not any(c.dep_ == "prep" and c.lower_ in {"to", "into"} for c in trig.children):
                return None
            return BATTLES, "Non-state actor overtakes territory"
        state = subj_inter in {1, 8} or subj_role in {"military", "police"}
        if cls in {"retake", "gain"} and state or state:
            return BATTLES, "Government regains territory"
        if subj_inter is None and cls in {"retake"}:
            return BATTLES, "Government regains territory"
        if subj_inter is None and subj_role is None and agentive and subj is not None and subj.pos_ == "PRON":
            return BATTLES, "Non-state actor overtakes territory"
        return BATTLES, "Non-state actor overtakes territory"

    if cls == "coup" or (lemma0 == "drive" and prts & {"out", "away"}):
        if obj_words & {"president", "government", "leader", "prime", "minister", "regime", "junta",
                        "power"}:
            return SD, "Other"
        return None

    if cls in {"attack", "clash"}:
        if crowd:
            return RIOTS, "Violent demonstration"
        mods = {ch.lower_ for ch in trig.children if ch.dep_ in {"compound", "amod", "nmod"}}
        if trig.pos_ == "NOUN" and mods & AIR_WEAPONS:
            return ERV, "Air/drone strike"  # "a drone attack"
        if trig.pos_ == "NOUN" and mods & GROUND_WEAPONS:
            return ERV, "Shelling/artillery/missile attack"  # "a rocket attack"
        if trig.lemma_.lower() == "open" and sent_lemmas & {"protester", "demonstrator", "rioter",
                                                             "crowd", "protest", "demonstration"}:
            # forces firing on a crowd: lethal force on protesters, or an intervention
            if sent_lemmas & {"kill", "die", "dead"}:
                return PROTESTS, "Excessive force against protesters"
            return PROTESTS, "Protest with intervention"
        if obj_words & {"palace", "presidency", "parliament"} and (subj_inter == 1 or subj_role == "military"):
            return SD, "Other"  # soldiers storming the seat of government: a coup
        harmed = sent_lemmas & {"kill", "wound", "injure", "die", "dead", "casualty", "hurt"}
        if trig.lemma_.lower() in {"raid", "search"} and not harmed and not _armed_object(
                objs, actors, dictionary) and (subj_role == "police" or any(
                    a.name.startswith("Police Forces") for a in subj_actors) or (
                    subj is None and sent_lemmas & {"police", "officer", "detective"})):
            # a police raid is a search, not a battle; what ACLED codes is the arrests
            return (SD, "Arrests") if sent_lemmas & {"arrest", "detain"} else None
        if obj_words & HERITAGE_WORDS and not harmed and not any(_is_person(o, place_starts) for o in objs) \
                and not _armed_object(objs, actors, dictionary):
            return SD, "Looting/property destruction"  # "attacked the tombs"
        if "hostages" in sent_words and cls == "attack":
            return VAC, "Abduction/forced disappearance"
        # "raided a house and killed two men": whom the attack killed says who was attacked
        killed = [o for t in trig.sent if t.pos_ == "VERB" and t.lemma_.lower() in {
            "kill", "wound", "injure", "shoot", "murder"} for o in _objects(t)]
        target_civ = (any(_is_person(o, place_starts) for o in objs) or obj_words & CIVILIAN_TARGETS
                      or sent_words & {"civilians", "villagers", "worshippers", "passengers", "pupils",
                                       "students", "shoppers", "residents"}
                      or killed and all(_is_person(o, place_starts) for o in killed)
                      and not _armed_object(killed, actors, dictionary)) \
            and not _armed_object(objs, actors, dictionary)
        if target_civ and cls == "attack":
            return VAC, "Attack"
        if "suicide" in sent_words:
            return ERV, "Suicide bomb"
        return BATTLES, "Armed clash"

    if cls == "harm" and trig.lemma_.lower() == "shoot" and "down" in prts:
        # "air defences shot down 12 drones": an interception, not an attack on people
        if obj_words & INTERCEPTED or not any(_is_person(o, place_starts) for o in objs):
            return SD, "Disrupted weapons use"
    if cls == "harm" and trig.lemma_.lower() == "shoot" and any(
        c.lower_ == "dead" for c in trig.children
    ):
        cls = "kill"  # "shot dead"
    if cls in {"kill", "harm"}:
        victim_toks = objs if agentive else ([subj] if subj is not None else [])
        if agentive and subj is not None and _np_words(subj) & EXPLOSIVE_SUBJECTS:
            # "a roadside IED kills a general", "the blast wounded six"
            if "suicide" in _np_words(subj):
                return ERV, "Suicide bomb"
            return ERV, "Remote explosive/landmine/IED"
        if civilians_acting and cls == "kill":
            return RIOTS, "Mob violence"  # residents or villagers killing someone
        victims_protesters = any(
            (generic_role(v, dictionary) or ("",))[0] == "protesters" for v in victim_toks
        )
        if crowd and agentive:
            return RIOTS, "Mob violence"
        unnamed_victims = all(v.pos_ in {"NUM", "PRON"} or v.lemma_.lower() in {"people", "person"}
                              for v in victim_toks) if victim_toks else True
        if victims_protesters or (not crowd and unnamed_victims and cls == "kill" and sent_lemmas
                                  & {"protest", "demonstration", "protester", "demonstrator"}):
            return PROTESTS, "Excessive force against protesters"
        if "suicide" in sent_words:
            return ERV, "Suicide bomb"
        if sent_lemmas & {"airstrike", "drone", "warplane", "jet", "aircraft", "helicopter"} and cls == "kill":
            return ERV, "Air/drone strike"
        armed = _armed_object(victim_toks, actors, dictionary)
        if armed and (subj_inter in {1, 2, 3, 8} or subj_role in {"military", "rebels", "militants", "militia", "police"}):
            return BATTLES, "Armed clash"
        if cls == "harm" and trig.lemma_.lower() in {"wound", "injure"} and not victim_toks:
            return None
        if not victim_toks and cls == "harm":
            return None
        if armed and not (subj_inter or subj_role):
            return BATTLES, "Armed clash"
        return VAC, "Attack"

    if cls == "abduct":
        return VAC, "Abduction/forced disappearance"
    if cls == "sexual":
        return VAC, "Sexual violence"
    if cls == "airstrike":
        air = sent_lemmas & {"plane", "aircraft", "jet", "warplane", "drone", "helicopter", "air",
                             "airstrike", "bomber", "aerial", "sortie"}
        lemma = trig.lemma_.lower()
        if trig.pos_ == "VERB" and not air:
            if subj_inter in {1, 8} or subj_role == "military":
                return ERV, "Air/drone strike"  # armies bomb from the air
            if subj is not None and agentive:
                # "militants bombed a police station": a planted device
                return ERV, "Suicide bomb" if "suicide" in sent_words else \
                    "Remote explosive/landmine/IED"
            return None
        if trig.pos_ == "NOUN" and lemma == "bombing" and not air:
            # "the bombing of a bus", "responsibility for the bombings": no aircraft in sight
            return ERV, "Suicide bomb" if "suicide" in sent_words else \
                "Remote explosive/landmine/IED"
        if trig.pos_ == "NOUN" and lemma == "bombardment" and not air:
            return ERV, "Shelling/artillery/missile attack"
        if trig.pos_ == "NOUN" and trig.lemma_.lower() == "strike" and not any(
            c.lower_ in {"air", "drone", "missile", "aerial"} for c in trig.children
        ):
            return None  # a labour strike or a figure of speech
        return ERV, "Air/drone strike"
    if cls == "shelling":
        return ERV, "Shelling/artillery/missile attack"
    if cls == "set":
        if "off" in prts:
            cls = "explode"
        elif "fire" in {o.lower_ for o in objs}:
            if crowd or civilians_acting:
                return RIOTS, "Violent demonstration"
            return SD, "Looting/property destruction"  # arson without a clash
        elif ("up" in prts or lemma0 == "establish") and obj_words & {
                "base", "bases", "headquarters", "hq", "camp", "checkpoint", "checkpoints", "stronghold"}:
            return SD, "Headquarters or base established"
        else:
            return None
    if cls == "fire":
        weapons = obj_words
        if weapons & {"drone", "drones"}:
            return ERV, "Air/drone strike"
        return ERV, "Shelling/artillery/missile attack"
    if cls == "strike":
        weapon = {w.lower_ for w in ([subj] if subj is not None else []) if w is not None}
        if subj is not None:
            weapon |= {ch.lower_ for ch in subj.children if ch.dep_ in {"compound", "amod"}}
        if weapon & AIR_WEAPONS:
            return ERV, "Air/drone strike"
        if weapon & GROUND_WEAPONS:
            return ERV, "Shelling/artillery/missile attack"
        return None  # "the storm hit", "prices hit": not an attack without a weapon
    if cls == "throw":
        if obj_words & {"grenade", "grenades"}:
            return ERV, "Grenade"
        if obj_words & {"bomb", "bombs", "explosive", "explosives", "ied"}:
            return ERV, "Remote explosive/landmine/IED"
        if obj_words & {"stones", "rocks", "stone", "bricks", "projectiles"} and (crowd or civilians_acting or subj_role is None):
            return RIOTS, "Violent demonstration"
        return None
    if cls == "explode":
        if trig.lemma_.lower() == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in trig.children):
            return None
        if trig.lemma_.lower() == "set" and "off" not in prts:
            return None
        if "suicide" in sent_words or sent_words & {"himself", "herself"} or (
            sent_words & {"belt", "vest"} and "explosive" in sent_words
        ):
            return ERV, "Suicide bomb"
        if sent_words & {"grenade", "grenades"}:
            return ERV, "Grenade"
        if sent_words & {"mine", "landmine", "ied", "roadside", "explosive", "car"}:
            return ERV, "Remote explosive/landmine/IED"
        if sent_words & {"shell", "shells", "mortar", "rocket", "rockets", "missile", "artillery"}:
            return ERV, "Shelling/artillery/missile attack"
        return ERV, "Remote explosive/landmine/IED"
    if cls == "crowd_control":
        if sent_lemmas & {"kill", "die", "dead"}:
            return PROTESTS, "Excessive force against protesters"
        return PROTESTS, "Protest with intervention"
    if cls == "protest":
        if trig.pos_ == "VERB" and subj is not None and not (
            subj_role in {"protesters", "rioters", "civilians"} or subj_inter in {5, 6, 7}
            or subj.lemma_.lower() in {"people", "thousand", "hundred", "resident", "student"}
            or subj.lower_ in {"hundreds", "thousands", "dozens"}
        ):
            return None
        if sent_lemmas & {"disperse", "teargas"} or {"tear", "gas"} <= sent_lemmas or \
                {"water", "cannon"} <= sent_lemmas or {"rubber", "bullet"} <= sent_lemmas:
            return PROTESTS, "Protest with intervention"
        return PROTESTS, "Peaceful protest"
    if cls == "riot":
        if trig.lemma_.lower() in {"loot", "pillage", "ransack"} and not crowd:
            return SD, "Looting/property destruction"
        return RIOTS, "Violent demonstration"
    if cls == "arrest":
        if re.search(r"\b(?:detained|kept|held)\s+(?:in|at)\s+(?:the\s+)?hospitals?\b",
                     trig.sent.text):
            return None  # "six people were detained in hospital": patients, not prisoners
        return SD, "Arrests"
    if cls == "destroy":
        target = obj_words if agentive else (_np_words(subj) if subj is not None else set())
        if crowd:
            return RIOTS, "Violent demonstration"
        if target & HERITAGE_WORDS or (not agentive and target & HERITAGE_WORDS):
            return SD, "Looting/property destruction"
        if not agentive and subj is not None and (subj.ent_type_ in {"FAC", "GPE", "LOC"} or target & {"parts", "part", "site"}):
            return SD, "Looting/property destruction"
        return None
    if cls == "release":
        if obj_words & {"prisoners", "prisoner", "hostages", "hostage", "detainees", "captives"}:
            return SD, "Other"
        return None
    if cls in {"sign", "agreement"}:
        words = obj_words | (_np_words(subj) if subj is not None and not agentive else set()) | ({trig.lower_} if cls == "agreement" else set())
        if words & {"ceasefire", "truce", "accord", "agreement", "deal", "treaty", "pact"}:
            if cls == "agreement" and trig.dep_ == "dobj" and trig.head.lemma_.lower() in {"sign", "reach", "agree"}:
                return None  # counted on the verb
            return SD, "Agreement"
        return None
    if cls == "withdraw":
        if _has_place_object(trig, place_starts) or obj_words & PLACE_OBJECT_NOUNS:
            return SD, "Non-violent transfer of territory"
        return None
    if cls == "disrupt":
        return SD, "Disrupted weapons use"
    if cls == "disperse":
        objw = obj_words
        if objw & {"protesters", "demonstrators", "crowd", "protest", "demonstration", "rioters"}:
            return PROTESTS, "Protest with intervention"
        return None
    if cls == "arrive":
        if subj is not None and (subj_inter in {1, 2, 3, 8} or subj_role in ARMED_SUBJECTS or
                                 subj.lemma_.lower() in {"fighter", "reinforcement", "troop"}):
            if _has_place_object(trig, place_starts) or any(c.dep_ == "prep" for c in trig.children):
                return SD, "Change to group/activity"
        return None
    return None


REPORTING_VERBS = {"say", "claim", "announce", "report", "tell", "state", "confirm", "add", "insist",
                   "admit", "acknowledge", "boast", "declare"}
ARMED_SUBJECTS = {"military", "police", "rebels", "militants", "militia"}


# What police use on a crowd, and the words that say there was a crowd
CROWD_WEAPONS = frozenset({"gas", "teargas", "cannon", "bullet", "pellet", "grenade", "baton",
                           "truncheon", "spray"})
CROWD_WORDS = frozenset({"protester", "demonstrator", "crowd", "student", "protest", "march",
                         "rally", "demonstration", "marcher", "protestor"})

# Nouns a vague number ("several", "dozens") counts when it counts victims
COUNTED_PEOPLE = frozenset(CIVILIAN_WORDS | {
    "soldiers", "troops", "militants", "fighters", "rebels", "police", "policemen", "officers",
    "attackers", "insurgents", "jihadists", "gunmen", "protesters", "demonstrators", "others",
    "more", "bodies", "persons", "individuals", "casualties", "militiamen", "assailants",
})

# Objects that stand for a country's forces when a demonym qualifies them
MILITARY_OBJECTS = frozenset({
    "position", "positions", "base", "bases", "outpost", "outposts", "checkpoint", "checkpoints",
    "line", "lines", "trench", "trenches", "post", "posts", "convoy", "convoys", "garrison",
})

# What kills when a device does: "a roadside bomb killed", "the blast wounded"
EXPLOSIVE_SUBJECTS = frozenset({
    "ied", "ieds", "bomb", "bombs", "landmine", "landmines", "mine", "mines", "explosive",
    "explosives", "explosion", "explosions", "blast", "blasts", "device", "devices",
})


def _has_place_object(trig: "Token", place_starts: frozenset[int]) -> bool:
    """The verb's object is a place: "seized Kidal", "took control of the town".

    Not what something was taken *from* ("an image taken from CCTV"), and not a
    proper noun spaCy knows as an organisation or a person.
    """
    places = place_starts
    for o in _objects(trig):
        if o.head.dep_ == "prep" and o.head.lower_ == "from":
            continue
        if o.ent_type_ in {"GPE", "LOC", "FAC"} or any(t.idx in places for t in o.subtree) or (
                o.pos_ == "PROPN" and not o.ent_type_):
            return True
    return False


def _is_person_object(objs: Sequence["Token"], place_starts: frozenset[int]) -> bool:
    return any(_is_person(o, place_starts) for o in objs)


def _armed_object(objs: Sequence["Token"], actors: Sequence[ActorMention], dictionary: ActorDictionary) -> bool:
    for o in objs:
        rr = generic_role(o, dictionary)
        if rr and rr[0] in ARMED_SUBJECTS:
            return True
        for a in _token_actor(o, actors):
            if a.inter in {1, 2, 3, 8}:
                return True
    return False


def _candidates(sent: "Span", actors: Sequence[ActorMention], dictionary: ActorDictionary,
                place_starts: frozenset[int], vetoed: list["Token"] | None = None) -> list[_Candidate]:
    """Rule candidates of one sentence; trigger words the rules looked at and rejected
    (negated, hypothetical, not an event in this frame) are appended to ``vetoed``."""
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
                if vetoed is not None:
                    vetoed.append(tok)
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
            if vetoed is not None:
                vetoed.append(tok)
            continue
        typed = _classify(tok, cls, actors, dictionary, place_starts)
        if typed is None:
            if vetoed is not None:
                vetoed.append(tok)
            continue
        if typed == (SD, "Other") and cls in {"takeover", "attack", "clash"}:
            cls = "coup"  # "seized power", "stormed the presidential palace": coded like a coup
        out.append(_Candidate(trigger=tok, cls=cls, event_type=typed[0], sub_event_type=typed[1]))
    return out


def _pick_actors(c: _Candidate, actors: Sequence[ActorMention], dictionary: ActorDictionary,
                 prev_actor: ActorMention | None) -> None:
    trig = c.trigger
    subj, agentive = _subject(trig)
    first: list[ActorMention] = []
    second: list[ActorMention] = []
    if subj is not None and agentive and subj.lower_ in AIR_WEAPONS | GROUND_WEAPONS:
        for ch in subj.children:
            d = dictionary.country_of_demonym(ch.text) if ch.dep_ in {"amod", "compound"} else None
            if d is not None:  # "Russian missiles struck": fired by that country's forces
                first.append(ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                          f"Military Forces of {d.country}", 1, d.country))
    if subj is not None:
        # "gunmen from Ansar Dine": the named group, not the generic noun
        found = sorted(_token_actor(subj, actors), key=lambda a: a.generic)
        if not found and subj.pos_ == "PRON" and subj.lower_ in {"they", "he", "she", "it", "we"}:
            # "militants said ... that they had seized": the reporting verb's subject
            for head in _head_chain(trig):
                if head.lemma_.lower() not in REPORTING_VERBS:
                    continue
                hs, _ = _subject(head)
                if hs is not None and hs.i != subj.i:
                    found = _token_actor(hs, actors)
                    if found:
                        break
            if not found and prev_actor is not None:
                found = [prev_actor]
        if not found and subj.dep_ == "nsubjpass" and not agentive:
            found = []
        (first if agentive else second).extend(found)
        if agentive and trig.dep_ != "conj":
            countries = conjoined_countries(subj, dictionary)
            if len(countries) > 1 and found:
                base = found[0]
                for country in countries:
                    name = re.sub(r"(of |\()[^()]+\)?$", lambda m: m.group(1) + country + (")" if m.group(1) == "(" else ""), base.name)
                    if name != base.name and all(f.name != name for f in found):
                        first.append(replace(base, name=name, country=country))
    if trig.pos_ == "NOUN" and subj is None and trig.dep_ == "dobj" and trig.head.pos_ == "VERB":
        hs, _ = _subject(trig.head)  # "troops repelled an attack", "the army launched an offensive"
        if hs is not None:
            first.extend(a for a in _head_actors(hs, actors) if a not in first)
    if trig.pos_ == "NOUN" and subj is None and trig.dep_ == "pobj" and trig.head.lower_ == "for" \
            and trig.head.head.lemma_.lower() in {"responsibility", "credit"} \
            and trig.head.head.head.pos_ == "VERB":
        # "Al-Shabaab claimed responsibility for the bombing": the claimant did it
        hs, _ = _subject(trig.head.head.head)
        if hs is not None:
            first.extend(a for a in _head_actors(hs, actors) if a not in first)
    if trig.pos_ == "NOUN" and subj is None:
        # "the army's offensive", "Taliban attack", "SAF airstrikes" (apposed to the force),
        # "an attack by gunmen"
        owners = [ch for ch in trig.children if ch.dep_ in {"poss", "compound", "nmod"}]
        if trig.dep_ == "appos":
            owners.append(trig.head)
        for ch in trig.children:
            if ch.dep_ == "prep" and ch.lower_ == "by":
                owners.extend(p for p in ch.children if p.dep_ == "pobj")
        for o in owners:
            first.extend(a for a in _head_actors(o, actors) if a not in first)
        for ch in trig.children:
            if ch.dep_ == "amod":
                d = dictionary.country_of_demonym(ch.text)
                if d is not None:  # "Russian assaults": the country's forces
                    forces = ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                          f"Military Forces of {d.country}", 1, d.country)
                    (second if first else first).append(forces)
    for o in _objects(trig):
        found_o = [a for a in _token_actor(o, actors) if a not in first]
        second.extend(found_o)
        if not found_o and o.lemma_.lower() in MILITARY_OBJECTS:
            for ch in o.children:
                d = dictionary.country_of_demonym(ch.text) if ch.dep_ in {"amod", "compound"} else None
                if d is not None:  # "shelled Ukrainian positions": the country's forces
                    second.append(ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                               f"Military Forces of {d.country}", 1, d.country))
                    break
    # "fought between A and B"
    for child in trig.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            both = _actor_in(_subtree_span(child), actors)
            if len(both) == 1:
                # "between Armenian and Azerbaijani forces": one noun, two countries' forces
                for pobj in (p for p in child.children if p.dep_ == "pobj"):
                    for country in conjoined_countries(pobj, dictionary)[1:]:
                        name = re.sub(r"(of |\()[^()]+\)?$", lambda m: m.group(1) + country + (
                            ")" if m.group(1) == "(" else ""), both[0].name)
                        if name != both[0].name:
                            both.append(replace(both[0], name=name, country=country))
            if both:
                first.append(both[0])
                second.extend(b for b in both[1:] if b.name != both[0].name)
        if child.dep_ == "prep" and child.lower_ in {"with", "alongside"}:
            c.assoc1.extend(a.name for a in _actor_in(_subtree_span(child), actors))
        # "Ansar Dine fought on the rebels' side": the side is the main actor, the subject its ally
        if child.dep_ == "prep" and child.lower_ == "on":
            for side in (p for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() == "side"):
                owners = [a for o in side.children if o.dep_ == "poss" for a in _head_actors(o, actors)]
                if owners:
                    c.assoc1.extend(a.name for a in first)
                    first[:] = owners
    # "rebels – fighting alongside Islamist fighters – captured": allies inside the subject
    if subj is not None and agentive:
        for a in _actor_in(_subtree_span(subj), actors):
            if first and a.name != first[0].name and a not in first:
                c.assoc1.append(a.name)
    if c.cls == "clash" and not second and len({a.name for a in first}) >= 2:
        # "the army and the RSF fought": a reciprocal verb's joint subject is both sides
        other_side = next(a for a in first if a.name != first[0].name)
        second.append(other_side)
        first = [a for a in first if a is not other_side]
    if first:
        c.actor1 = first[0]
        c.assoc1.extend(a.name for a in first[1:] if a.name != first[0].name)
    if second:
        other = [s for s in second if c.actor1 is None or s.name != c.actor1.name]
        if other:
            c.actor2 = other[0]
            c.assoc2.extend(a.name for a in other[1:] if a.name != other[0].name)
    if c.actor1 is None and c.actor2 is not None and c.event_type in {PROTESTS, RIOTS}:
        c.actor1, c.actor2 = c.actor2, None
    c.assoc1 = list(dict.fromkeys(a for a in c.assoc1 if not c.actor1 or a != c.actor1.name))
    c.assoc2 = list(dict.fromkeys(a for a in c.assoc2 if not c.actor2 or a != c.actor2.name))


# --------------------------------------------------------------------------- fatalities

_NUM = r"(?:\d[\d,]*|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + ")"


def _to_int(word: str) -> int | None:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return WORD_NUMBERS.get(w) if w not in {"a", "an"} else None


def count_fatalities(sent: "Span", trig: "Token | None" = None) -> tuple[int | None, int | None, int | None]:
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


def _count_deaths(toks: list["Token"], trig: "Token | None") -> tuple[int | None, int | None, int | None]:
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
            if victims and all((v.tag_ in {"NN", "NNP"} or v.ent_type_ == "PERSON") and not v.like_num for v in victims):
                if not any(c.like_num or c.lower_ in VAGUE_NUMBERS for v in victims for c in v.children):
                    return (1, 1, 1)
    return (None, None, None)


def _death_phrase_after(toks: list["Token"], i: int) -> bool:
    for t in toks[i + 1 : i + 9]:
        if t.lower_ in DEATH_WORDS:
            return True
    return False


def _count_kind(toks: list["Token"], i: int) -> str:
    """Whether the number at i counts the dead, the wounded or something else."""
    # "21 people were killed and 117 wounded": a participle right after the number decides
    for t in toks[i + 1 : i + 3]:
        if t.lower_ in WOUND_WORDS:
            return "wound"
        if t.lower_ in {"dead", "killed", "died", "slain"}:
            return "death"
        if t.like_num or t.is_punct or t.pos_ in {"CCONJ", "ADP", "VERB", "AUX"}:
            break  # "killed 5 and injured 20": the 5 belongs to "killed"
    # "killing three civilians and wounding ten": the verb right before the number decides
    for t in toks[max(0, i - 2) : i]:
        if t.lower_ in {"killing", "killed", "kill", "kills"}:
            return "death"
        if t.lower_ in WOUND_WORDS:
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


def _place_rank(p: PlaceMention) -> int:
    return {1: 0, 2: 1}.get(p.geo_precision or 3, 2)


def _by_position(items: Sequence[Any]) -> Callable[[int, int], list[Any]]:
    """``lookup(lo, hi)``: the items whose ``start`` is in ``[lo, hi)``, in their own order."""
    import bisect

    order = sorted(range(len(items)), key=lambda i: items[i].start)
    starts = [items[i].start for i in order]

    def lookup(lo: int, hi: int) -> list[Any]:
        a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        return [items[i] for i in sorted(order[a:b])]

    return lookup


def _pick_place(
    c: _Candidate,
    sent: "Span",
    places: Sequence[PlaceMention],
    other_spans: list[tuple[int, int]],
    context_places: list[PlaceMention],
    focus: PlaceMention | None,
) -> None:
    own = _subtree_span(c.trigger)
    in_sent = [p for p in places if p.resolved and sent.start_char <= p.start < sent.end_char
               and not _is_destination(sent, p)]
    # places inside another trigger's clause belong to that event, even when nested in ours
    mine = [p for p in in_sent if _inside(p.start, p.end, own)
            and not any(_inside(p.start, p.end, s) for s in other_spans)]
    free = [p for p in in_sent if not any(_inside(p.start, p.end, s) for s in other_spans)]
    for pool, scope in ((mine, "clause"), (free, "sentence")):
        towns = [p for p in pool if (p.geo_precision or 3) <= 2]
        if towns:
            c.place = min(towns, key=lambda p: (_place_rank(p), abs(p.start - c.trigger.idx)))
            c.place_scope = scope
            return
    # a country named in a subordinate clause ("... since France entered the war") is not
    # where this event happened
    regions = [p for p in (mine or free) if (p.geo_precision or 3) >= 3
               and not _in_subordinate_clause(sent, p, c.trigger)]
    anaphoric = any(t.lower_ in {"city", "town", "village", "there", "area", "locality"} for t in sent)
    if context_places:
        last = context_places[-1]
        if not regions or (last.country and any(r.country == last.country for r in regions) and anaphoric):
            c.place = last if anaphoric else replace(last, geo_precision=max(last.geo_precision or 1, 2))
            c.place_scope = "context"
            return
    if regions:
        c.place = min(regions, key=lambda p: (_place_rank(p), abs(p.start - c.trigger.idx)))
        c.place_scope = "sentence"
        return
    if focus is not None:
        c.place = replace(focus, geo_precision=max(focus.geo_precision or 1, 2))
        c.place_scope = "article"


SUBORDINATE = {"advcl", "relcl", "ccomp", "acl", "parataxis"}


def _in_subordinate_clause(sent: "Span", p: PlaceMention, trig: "Token") -> bool:
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.head.i != tok.i and tok.i != trig.i:
        if tok.dep_ in SUBORDINATE and not any(a.i == tok.i for a in trig.ancestors):
            return True
        tok = tok.head
    return False


MOTION_VERBS = {"fly", "take", "evacuate", "transfer", "flee", "travel", "go", "move", "return",
                "bring", "send", "airlift", "drive", "escape", "head", "deport", "relocate"}


def _is_destination(sent: "Span", p: PlaceMention) -> bool:
    """"flown to Ouagadougou for treatment": where someone was moved, not where it happened."""
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    steps = 0
    while tok.head.i != tok.i and steps < 6:
        if tok.dep_ == "pobj" and tok.head.lower_ in {"to", "into", "toward", "towards"} and \
                tok.head.head.lemma_.lower() in MOTION_VERBS:
            return True
        tok = tok.head
        steps += 1
    return False


def _pick_time(
    c: _Candidate,
    sent: "Span",
    times: Sequence[TimeMention],
    other_spans: list[tuple[int, int]],
) -> None:
    own = _subtree_span(c.trigger)
    all_in_sent = [t for t in times if t.value is not None
                   and sent.start_char <= t.start < sent.end_char]
    reported = [t for t in all_in_sent if _report_date(t, sent, c.trigger)]
    in_sent = [t for t in all_in_sent if t not in reported]
    for t in in_sent:
        words = t.text.lower().split()
        if words and words[-1] in {"after", "before"} and t.end <= c.trigger.idx <= t.end + 80:
            subj, _ = _subject(c.trigger)
            lead = subj.left_edge.idx if subj is not None else c.trigger.idx
            if t.end <= lead <= t.end + 3 or t.end <= c.trigger.idx <= t.end + 3:
                c.time = t
                c.date_scope = "clause"
                return
    mine = [t for t in in_sent if _inside(t.start, t.end, own)
            and not any(_inside(t.start, t.end, s) for s in other_spans)]
    free = [t for t in in_sent if not any(_inside(t.start, t.end, s) for s in other_spans)]
    for pool, scope in ((mine, "clause"), (free, "sentence")):
        if pool:
            c.time = min(pool, key=lambda t: abs(t.start - c.trigger.idx))
            c.date_scope = scope
            return
    if reported:
        # "..., police said on Monday": it happened by then, the day itself is not said
        t = reported[0]
        c.time = replace(t, precision=max(t.precision, 2))
        c.date_scope = "sentence"


REPORTING_VERBS = frozenset({"say", "tell", "announce", "report", "confirm", "add", "state",
                             "reveal", "disclose", "declare", "note", "explain", "tweet", "post"})


def _report_date(t: TimeMention, sent: "Span", trigger: "Token") -> bool:
    """ "..., the minister said on Sunday": the day of the statement, not of the event."""
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    # only a date after the verb ("said on Sunday"); in "retook the town Friday, a source
    # said" the parser may hang Friday on "said", but it dates the retaking
    return verb.i != trigger.i and verb.lemma_.lower() in REPORTING_VERBS and t.start > verb.idx


def _event_id(doc_id: str, start: int, sub: str, date: str | None, place: str | None) -> str:
    key = f"{doc_id}|{start}|{sub}|{date}|{place}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def extract_events(
    article: Article,
    doc: "Doc",
    *,
    places: Sequence[PlaceMention],
    times: Sequence[TimeMention],
    actors: Sequence[ActorMention],
    geo: Geo | None = None,
    dictionary: ActorDictionary | None = None,
    focus_country: str | None = None,
    typer: "SentenceTyper | None" = None,
) -> list[Event]:
    """Events stated in one article, each with one source (its sentence).

    ``typer`` (a learned sentence typer, :mod:`eventline.eventmodel`) finds the
    events the trigger lexicon has no word for: a sentence without a rule
    candidate that the typer gives an event type with enough probability
    becomes a candidate of that type, and its arguments are found as for any
    other.

    Example::

        >>> events = extract_events(article, nlp(article.text), places=..., times=..., actors=...)
        >>> events[0].event_type, events[0].sources[0].quote
        ('Battles', 'Rebels have captured the key town of Kidal in northern Mali.')
    """
    dictionary = dictionary or load_actor_dictionary()
    text = article.text
    published = article.published
    place_starts = frozenset(p.start for p in places if p.resolved)
    # "SEVARE, Mali - ...": the dateline's country outweighs how often other countries are named
    focus_country = _dateline_country(article.dateline, places) or focus_country
    town_places = [p for p in places if p.resolved and (p.geo_precision or 3) <= 2]
    focus = _dateline_place(article.dateline, town_places, focus_country) or _focus_place(town_places, focus_country)
    para_starts = _paragraph_starts(text)
    out: list[Event] = []
    prev_sent_time: TimeMention | None = None
    prev_sent_para = -1
    prev_actor: ActorMention | None = None
    recent_places: list[tuple[int, PlaceMention, int]] = []
    last_abs_time: TimeMention | None = None
    infobox_span = (article.infobox.start, article.infobox.end) if article.infobox else None
    recent_event_places: list[tuple[int, PlaceMention]] = []
    sent_index = 0
    prev_event_sent = -9
    learned = _learned_types(doc, typer)

    # each sentence looks up its own places and times by position: filtering the
    # whole lists once per sentence was quadratic in a long, place-dense text
    places_in, times_in = _by_position(places), _by_position(times)
    for sent in doc.sents:
        if infobox_span and _inside(sent.start_char, sent.end_char, infobox_span):
            continue
        para = _para_index(para_starts, sent.start_char)
        s_places = places_in(sent.start_char, sent.end_char)
        s_times = times_in(sent.start_char, sent.end_char)
        sent_times = [t for t in s_times if t.value is not None and sent.start_char <= t.start < sent.end_char]
        sent_places = [p for p in s_places if p.resolved and sent.start_char <= p.start < sent.end_char
                       and (p.geo_precision or 3) <= 2]
        if not _reads_as_sentence(sent):
            continue  # headlines, bullets, captions without a verb-final stop
        vetoed: list["Token"] = []
        cands = _candidates(sent, actors, dictionary, place_starts, vetoed)
        if not cands and not vetoed and sent.start in learned:
            # the typer speaks only where the rules found no trigger word at all: a trigger
            # they rejected (negated, a plan, "detained in hospital") stays rejected
            cands = _learned_candidate(sent, *learned[sent.start])
        spans = [_subtree_span(c.trigger) for c in cands]
        # carrying a place over from earlier sentences never jumps to another country
        context = [p for i, p, pa in recent_places if sent_index - i <= 2 and pa == para
                   and (not focus_country or p.country == focus_country)]
        last_event_place = (recent_event_places[-1][1] if recent_event_places
                            and sent_index - recent_event_places[-1][0] <= 3 else None)
        if last_event_place is not None and not context:
            context = [last_event_place]
        for idx, c in enumerate(cands):
            others = [s for j, s in enumerate(spans) if j != idx and not _inside(*spans[idx], s)]
            _pick_actors(c, actors, dictionary, prev_actor)
            # "Saturday's attack", "the attack": a noun referring back to the last event's place
            ctx = [last_event_place] if c.trigger.pos_ == "NOUN" and last_event_place is not None else context
            _pick_place(c, sent, s_places, others, ctx, focus)
            _pick_time(c, sent, s_times, others)
            if c.cls == "coup":
                _country_place(c, sent, s_places, focus_country, geo)
            c.fatalities = count_fatalities(sent, c.trigger)
            if c.fatalities == (None, None, None) and c.cls in {"harm"} and _followed_by_death(sent, doc):
                c.fatalities = (1, 1, 1)  # "X was shot ... This murder provoked ..."
        kept: list[_Candidate] = []
        for c in cands:
            has_own_time = c.time is not None
            has_own_place = c.place_scope in {"clause", "sentence"}
            carried = prev_sent_time is not None and prev_sent_para == para
            if c.time is None and carried:
                c.time = prev_sent_time
                c.date_scope = "context"
            if not (has_own_time or has_own_place or carried or _reported_incident(c)):
                continue  # a generality with no time or place of its own
            if c.cls == "learned" and (_has_tally(sent) or not (has_own_time or has_own_place) or (
                    not (has_own_time and has_own_place)
                    and learned[sent.start][1] < LEARNED_MIN_PROBABILITY_ONE_ANCHOR)):
                continue  # the typer reads words, not arguments: its events need their own anchors
            if c.time is None and published is None and last_abs_time is not None:
                c.time = last_abs_time
                c.date_scope = "article"
            # with no date at all the event is kept undated: no date is invented, no event dropped
            if c.place_scope in {"context", "article"} and c.time is not None and c.time.precision >= 3:
                c.place = None  # "attacks on towns in January": a month-long campaign has no one town
            kept.append(c)
        merged = _merge_same_clause(kept)
        for c in merged:
            out.append(_to_event(article, sent, c, published, geo, focus_country))
        if not merged and all(c.cls == "learned" for c in cands) and out \
                and prev_event_sent == sent_index - 1 and para == prev_sent_para:
            # "5 fatalities reported." / "Two people died.": a toll for the event just told
            toll = count_fatalities(sent)
            if toll[1] is not None and out[-1].fatalities_best is None:
                out[-1] = _with_toll(out[-1], toll, article.name)
        if merged:
            prev_event_sent = sent_index
        # context for following sentences
        if sent_times:
            prev_sent_time = max(sent_times, key=lambda t: t.start)
            prev_sent_para = para
            for t in sent_times:
                if not t.relative:
                    last_abs_time = t
        elif kept and kept[-1].time is not None:
            prev_sent_time = kept[-1].time
            prev_sent_para = para
        elif para != prev_sent_para:
            prev_sent_time = None
        if sent_places:
            recent_places = (recent_places + [(sent_index, p, para) for p in sent_places])[-3:]
        for c in kept:
            if c.actor1 is not None:
                prev_actor = c.actor1
            if c.place is not None and (c.place.geo_precision or 3) <= 2 and c.place_scope in {"clause", "sentence"}:
                recent_event_places.append((sent_index, c.place))
        sent_index += 1
    if article.infobox is not None and geo is not None:
        ev = infobox_event(article, geo=geo, dictionary=dictionary, focus_country=focus_country)
        if ev is not None:
            out.append(ev)
    return out


_TERMINAL = tuple('.!?"\'\u201d\u2019)')

# A sentence the typer calls an event with at least this probability becomes a candidate when it
# names its own place and its own time (an incident told in full); with only one of them it needs
# the higher figure. Below them the rules' silence stands.
LEARNED_MIN_PROBABILITY = 0.6
LEARNED_MIN_PROBABILITY_ONE_ANCHOR = 0.85


def _learned_types(doc: "Doc", typer: "SentenceTyper | None") -> dict[int, tuple[str, float, str]]:
    """Sentence start token -> (sub-event type, probability) for sentences the typer calls events."""
    if typer is None:
        return {}
    sents = list(doc.sents)
    found = {}
    for sent, (label, prob) in zip(sents, typer.predict([s.text for s in sents])):
        if prob >= LEARNED_MIN_PROBABILITY:
            found[sent.start] = (label, prob, typer.name)
    return found


_TALLY = re.compile(r"\b(?:since|so far|to date|in total|altogether|this year|last year|"
                    r"a total of|in all|over the past|over the last|in recent (?:days|weeks|months))\b", re.I)


_SAYING = frozenset({"say", "tell", "report", "state", "add", "announce", "claim", "confirm", "note",
                     "testify", "declare", "recall", "explain", "insist", "describe", "write"})
# a main verb that describes a state, not something that happened
_STATIVE = frozenset({"be", "have", "stand", "remain", "sit", "lie", "locate", "know", "seem",
                      "appear", "look", "become", "belong", "contain", "include", "consist", "exist",
                      "live", "own", "resemble", "mean", "depend", "need", "want", "hope", "fear"})
_CAPTION = re.compile(r"^\s*(?:FILE|PHOTO|IMAGE|VIDEO)\s*(?:PHOTO\s*)?[-\u2013\u2014:]", re.I)


def _has_tally(sent: "Span") -> bool:
    """Running totals and summaries ("more than 3,500 have died since March") are not incidents."""
    return _TALLY.search(sent.text) is not None


def _learned_candidate(sent: "Span", sub_event_type: str, prob: float, typer_name: str) -> list[_Candidate]:
    """A candidate typed by the learned typer, anchored at the sentence's main verb."""
    root = sent.root
    # "..., activists said": the event is the reported clause, not the saying
    if root.lemma_.lower() in _SAYING:
        reported = [ch for ch in root.children if ch.dep_ in {"ccomp", "parataxis"} and ch.pos_ in {"VERB", "AUX"}]
        if reported:
            root = reported[0]
    if not _is_factual(root) or root.lemma_.lower() in _STATIVE or _CAPTION.match(sent.text):
        return []  # "The cafe was located on ...", "FILE - A police officer stands outside ..."
    return [_Candidate(trigger=root, cls="learned", event_type=SUB_EVENT_TYPE_TO_TYPE[sub_event_type],
                       sub_event_type=sub_event_type, typed_by=f"{typer_name} p={prob:.2f}")]


def _reads_as_sentence(sent: "Span") -> bool:
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


def _followed_by_death(sent: "Span", doc: "Doc") -> bool:
    """The next sentence names the act a death: "This murder provoked ..."."""
    if sent.end >= len(doc):
        return False
    nxt = doc[sent.end : min(len(doc), sent.end + 4)]
    words = [t.lower_ for t in nxt if not t.is_space]
    return len(words) >= 2 and words[0] in {"this", "the", "his", "her"} and words[1] in {
        "murder", "killing", "assassination", "death", "execution"}


def _country_place(c: _Candidate, sent: "Span", places: Sequence[PlaceMention],
                   focus_country: str | None, geo: Geo | None) -> None:
    """Coups happen at the seat of power: code them to the country (its capital), precision 3."""
    country = None
    for p in places:
        if sent.start_char <= p.start < sent.end_char and p.country:
            country = p.country
            break
    country = country or focus_country
    if country and geo is not None:
        point = geo.country_point(country)
        if point is not None:
            c.place = point
            c.place_scope = "sentence"


def _para_index(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _dateline_country(dateline: Dateline | None, places: Sequence[PlaceMention]) -> str | None:
    if dateline is None:
        return None
    for p in places:
        if dateline.start <= p.start < dateline.end and p.feature == "country" and p.country:
            return p.country
    return None


def _dateline_place(dateline: Dateline | None, towns: Sequence[PlaceMention],
                    focus_country: str | None = None) -> PlaceMention | None:
    """"GAO, Mali - ...": the dateline names where the reporting is from.

    The dateline word itself may not have been resolved (capitals are read as an
    acronym); the same town named in the body then stands for it.
    """
    if dateline is None:
        return None
    name = dateline.place.casefold()
    for p in towns:
        if p.text.casefold() == name or (p.name or "").casefold() == name:
            # a correspondent in Bangkok reporting on Myanmar: not where events are
            return p if not focus_country or p.country == focus_country else None
    return None


def _focus_place(towns: Sequence[PlaceMention], country: str | None) -> PlaceMention | None:
    counts: dict[str, list[PlaceMention]] = {}
    for p in towns:
        if country and p.country and p.country != country:
            continue
        counts.setdefault(p.name or p.text, []).append(p)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    return best[0] if len(best) >= 2 else None


_SCOPE_RANK = {"clause": 0, "sentence": 1, "context": 2, "article": 3, "published": 4}
VIOLENT = {BATTLES, ERV, VAC, RIOTS}


def _governs(a: _Candidate, b: _Candidate) -> bool:
    """b's trigger sits in a clause governed by a's ("wounded when gunmen attacked")."""
    return any(h.i == a.trigger.i for h in _head_chain(b.trigger))


def _absorb(into: _Candidate, other: _Candidate) -> None:
    if other.time is not None and (into.time is None or
                                   _SCOPE_RANK[other.date_scope] < _SCOPE_RANK[into.date_scope]):
        into.time, into.date_scope = other.time, other.date_scope
    if other.place is not None and (into.place is None or
                                    _SCOPE_RANK[other.place_scope] < _SCOPE_RANK[into.place_scope]):
        into.place, into.place_scope = other.place, other.place_scope


def _merge_same_clause(cands: list[_Candidate]) -> list[_Candidate]:
    """Triggers of one sentence that describe one incident become one candidate.

    Violent triggers in governing and governed clauses ("were wounded when
    gunmen attacked a market") share their date and place first; then
    triggers with the same place and date are grouped.
    """
    if any(c.event_type in VIOLENT for c in cands):
        # "the attackers arrived on motorcycles and opened fire": the arrival is part of the attack
        cands = [c for c in cands if c.sub_event_type != "Change to group/activity"]
    for a in cands:
        for b in cands:
            same_kind = a.event_type == b.event_type or (a.event_type in VIOLENT and b.event_type in VIOLENT)
            if a is not b and same_kind and _governs(a, b):
                _absorb(a, b)
                _absorb(b, a)
    groups: dict[tuple, list[_Candidate]] = {}
    for c in cands:
        key = (
            c.place.name if c.place else None,
            c.time.value if c.time else None,
            c.event_type if c.event_type in {SD, PROTESTS} else "violent",
        )
        groups.setdefault(key, []).append(c)
    out = []
    for group in groups.values():
        # a trigger with both sides named tells who fought whom; "the army and the RSF fought,
        # with air strikes hitting the capital" is their battle, the strikes part of it
        best = max(group, key=lambda c: (c.event_type == BATTLES and c.actor1 is not None
                                         and c.actor2 is not None,
                                         TYPE_RANK[c.event_type], SUB_RANK.get(c.sub_event_type, 0),
                                         c.actor1 is not None))
        for c in group:
            if c is best:
                continue
            if best.actor1 is None and c.actor1 is not None:
                best.actor1 = c.actor1
            if best.actor2 is None and c.actor2 is not None and (best.actor1 is None or c.actor2.name != best.actor1.name):
                best.actor2 = c.actor2
        out.append(best)
    return out


def _civilians_harmed(sent: "Span") -> bool:
    """The sentence's dead or wounded are civilians: "killing at least five people"."""
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in {"kill", "wound", "injure", "hurt", "maim"}:
            victims = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
            if victims and all(v.lemma_.lower() in CIVILIAN_WORDS or v.lower_ in CIVILIAN_WORDS
                               for v in victims):
                return True
    return False


def _place_fields(place: PlaceMention | None) -> dict[str, Any]:
    """The Event fields that come straight from the resolved place (None when unplaced)."""
    return {
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
    }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _to_event(
    article: Article,
    sent: "Span",
    c: _Candidate,
    published: dt.date | None,
    geo: Geo | None,
    focus_country: str | None,
) -> Event:
    if c.time is not None:
        date, date_end, precision = c.time.value, c.time.value_end, c.time.precision
        if c.date_scope == "article":
            precision = max(precision, 2)
    elif published is not None:
        date, date_end, precision = published, None, 2
        c.date_scope = "published"
    else:
        date, date_end, precision = None, None, 3
        c.date_scope = "unknown"
    place = c.place
    country = place.country if place is not None else focus_country
    if place is not None and not place.country:
        # a sea or a cross-border region ("the Gulf of Aden"): the attacker's country, else
        # the article's
        country = (c.actor1.country if c.actor1 is not None else None) or focus_country
    if place is not None and (place.geo_precision or 3) >= 3 and place.feature == "country" and geo is not None:
        cap = geo.country_point(place.country or place.name or "")
        if cap is not None:
            place = replace(cap, geo_precision=3)
    if place is None and country and geo is not None:
        cap = geo.country_point(country)
        if cap is not None:
            place = replace(cap, geo_precision=3)
    a1 = c.actor1
    a2 = c.actor2
    a1 = _in_country(a1, country)
    a2 = _in_country(a2, country)
    if c.event_type == BATTLES and c.sub_event_type == "Armed clash" and a2 is not None and a2.inter == 7 \
            and (a1 is None or a1.inter != 7):
        c.event_type, c.sub_event_type = VAC, "Attack"  # a battle needs two armed sides
    if c.event_type in {PROTESTS, RIOTS} and a1 is not None and a1.inter not in {5, 6} and (
        a2 is None or a2.inter in {5, 6, 7}
    ):
        crowd_country = country or a1.country
        a1, a2 = ActorMention(a1.text, a1.start, a1.end, f"Protesters ({crowd_country})" if crowd_country else "Protesters",
                              6, crowd_country, generic=True), a1
    if c.event_type in {PROTESTS, RIOTS} and a1 is not None and a1.inter == 7:
        a1 = None  # "200 people protested": the people are the protesters
    if c.event_type in {PROTESTS, RIOTS} and a2 is not None and a2.inter in {5, 6, 7}:
        a2 = None
    if a1 is None and c.event_type in {PROTESTS, RIOTS} and country:
        role = "Protesters" if c.event_type == PROTESTS else "Rioters"
        a1 = ActorMention("", 0, 0, f"{role} ({country})", 6 if role == "Protesters" else 5, country, True)
    if a2 is None and country and (c.event_type == VAC or (
            c.event_type == ERV and _civilians_harmed(sent))):
        # violence against civilians has civilians on the receiving end, named or not;
        # so does shelling that "killed five people"
        a2 = ActorMention("", 0, 0, f"Civilians ({country})", 7, country, True)
    a1_name, a1_inter = _actor_for_type(a1, c.event_type, c.sub_event_type)
    a2_name, a2_inter = _actor_for_type(a2, None, None) if a2 is not None else (None, None)
    if a2_name is not None and a2_name == a1_name:
        a2, a2_name, a2_inter = None, None, None  # "soldiers took the town, the army's gain"
    a1_name, a2_name = acled_actor_name(a1_name), acled_actor_name(a2_name)
    c.assoc1 = [acled_actor_name(x) or x for x in c.assoc1]
    c.assoc2 = [acled_actor_name(x) or x for x in c.assoc2]
    if a1 is not None and a1_name and country and a1.inter == 1 and a1.country and a1.country != country:
        a1_inter = 8  # state forces acting abroad
    if a2 is not None and a2_name and country and a2.inter == 1 and a2.country and a2.country != country:
        a2_inter = 8
    low, best, high = c.fatalities
    fatalities = low if low is not None else 0
    start = sent.start_char
    quote = sent.text.strip()
    lead = len(sent.text) - len(sent.text.lstrip())
    start += lead
    end = start + len(quote)
    confidence = 0.4
    confidence += 0.15 if a1 is not None else 0
    confidence += 0.15 if c.place_scope in {"clause", "sentence"} else 0.05 if place else 0
    confidence += 0.15 if c.date_scope in {"clause", "sentence"} else 0.05
    confidence += 0.1 if c.trigger.pos_ == "VERB" else 0
    location = place.name if place is not None and (place.geo_precision or 3) <= 2 else (
        place.name if place is not None and place.feature not in {"country"} else None
    )
    notes = f"{c.sub_event_type}. {quote}"
    if c.date_scope == "published":
        notes += " [date: publication date]"
    elif c.date_scope == "unknown":
        notes += " [date: unknown]"
    elif c.date_scope in {"context", "article"}:
        notes += f" [date: from {c.date_scope}]"
    if c.place_scope in {"context", "article"}:
        notes += f" [place: from {c.place_scope}]"
    if c.typed_by:
        notes += f" [typed: {c.typed_by}]"  # a reviewer sees why the event has its type
    src = Source(
        doc=article.name,
        source=article.source,
        url=article.url,
        published=_iso(published),
        quote=quote,
        start=start,
        end=end,
    )
    event_date = _iso(date)
    ev = Event(
        event_id=_event_id(article.doc_id, start, c.sub_event_type, event_date, location),
        event_date=event_date,
        date_end=_iso(date_end) if date_end and date_end != date else None,
        time_precision=int(precision),
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        actor1=a1_name,
        assoc_actor_1=tuple(x for x in c.assoc1 if x != a1_name),
        inter1=a1_inter,
        actor2=a2_name,
        assoc_actor_2=tuple(x for x in c.assoc2 if x != a2_name),
        inter2=a2_inter,
        country=acled_country(country),
        location=location,
        **_place_fields(place),
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        confidence=round(min(confidence, 0.95), 2),
        notes=notes,
        sources=(src,),
        field_values=_field_values(article.name, event_date, location, low, best, high, a1_name),
    )
    return ev


def _with_toll(event: Event, toll: tuple[int | None, int | None, int | None], doc: str) -> Event:
    low, best, high = toll
    return replace(
        event, fatalities=low or 0, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        field_values=(*event.field_values, FieldValue("fatalities", [low, best, high], doc)),
    )


def _in_country(a: ActorMention | None, country: str | None) -> ActorMention | None:
    """Generic actors are named after the country where the event happened, not the article's focus."""
    if a is None or not a.generic or not country or not a.country or a.country == country:
        return a
    for old, new in ((f"({a.country})", f"({country})"), (f"of {a.country}", f"of {country}")):
        if a.name.endswith(old):
            return replace(a, name=a.name[: -len(old)] + new, country=country)
    return a


def _field_values(doc: str, date: str | None, location: str | None, low, best, high, actor1) -> tuple[FieldValue, ...]:
    vals = [FieldValue("event_date", date, doc), FieldValue("location", location, doc),
            FieldValue("actor1", actor1, doc)]
    if best is not None:
        vals.append(FieldValue("fatalities", [low, best, high], doc))
    return tuple(vals)


def _actor_for_type(a: ActorMention | None, etype: str | None, sub: str | None) -> tuple[str | None, int | None]:
    if a is None:
        return None, None
    name, inter = a.name, a.inter
    if etype == RIOTS and name.startswith("Civilians"):
        name, inter = name.replace("Civilians", "Rioters", 1), 5  # the mob
    if etype == RIOTS and name.startswith("Protesters"):
        name, inter = name.replace("Protesters", "Rioters", 1), 5
    if etype == PROTESTS and name.startswith("Rioters"):
        name, inter = name.replace("Rioters", "Protesters", 1), 6
    return name, inter


# --------------------------------------------------------------------------- infobox

_TAKEOVER_RE = re.compile(r"\b(take over|took over|takes over|capture[sd]?|seize[sd]?|control)\b", re.I)
_CASUALTY_RE = re.compile(r"(\d[\d,]*)\s+(?:killed|dead|deaths)", re.I)
_BATTLE_WORDS = {
    "battle": (BATTLES, "Armed clash"), "siege": (BATTLES, "Armed clash"),
    "offensive": (BATTLES, "Armed clash"), "clashes": (BATTLES, "Armed clash"),
    "capture": (BATTLES, "Non-state actor overtakes territory"), "fall": (BATTLES, "Non-state actor overtakes territory"),
    "massacre": (VAC, "Attack"), "bombing": (ERV, "Remote explosive/landmine/IED"),
    "attack": (BATTLES, "Armed clash"), "raid": (BATTLES, "Armed clash"),
    "airstrike": (ERV, "Air/drone strike"), "kidnapping": (VAC, "Abduction/forced disappearance"),
}


def infobox_event(article: Article, *, geo: Geo, dictionary: ActorDictionary | None = None,
                  focus_country: str | None = None) -> Event | None:
    """The event an encyclopedia infobox describes (battle, massacre, bombing), if any."""
    box = article.infobox
    if box is None:
        return None
    dictionary = dictionary or load_actor_dictionary()
    title = box.get("Conflict") or article.title or ""
    typed = None
    for word, t in _BATTLE_WORDS.items():
        if re.search(rf"\b{word}\b", title, re.I):
            typed = t
            break
    if typed is None:
        return None
    from .dates import find_dates

    date_field = box.get("Date") or ""
    times = [t for t in find_dates(date_field, None) if t.value is not None]
    if not times:
        return None
    t0 = times[0]
    place_field = box.get("Place") or box.get("Location") or ""
    # a bare "Place: Gao" has no context of its own: read it within the article's country
    query = f"{place_field}, {focus_country}" if focus_country and focus_country not in place_field else place_field
    places = [p for p in geo.geocode(query) if p.resolved and p.end <= len(place_field)]
    places.sort(key=lambda p: (p.geo_precision or 3))
    place = places[0] if places else None
    side1 = _combatants(box.get("Combatant1") or "", dictionary)
    side2 = _combatants(box.get("Combatant2") or "", dictionary)
    etype, sub = typed
    a1, a2, assoc1, assoc2 = side1[:1], side2[:1], side1[1:], side2[1:]
    result = box.get("Result") or ""
    m = _TAKEOVER_RE.search(result)
    if m and etype == BATTLES:
        before = result[: m.start()]
        winners2 = [e for e in side2 if _names_in(e, before, dictionary)]
        winners1 = [e for e in side1 if _names_in(e, before, dictionary)]
        if winners2 and not winners1:
            a1, a2 = [winners2[0]], side1[:1]
            assoc1, assoc2 = [e for e in side2 if e is not winners2[0]], side1[1:]
            sub = "Government regains territory" if winners2[0].inter == 1 else "Non-state actor overtakes territory"
        elif winners1 and not winners2:
            sub = "Government regains territory" if winners1[0].inter == 1 else "Non-state actor overtakes territory"
    # casualties: per-side figures and any overall figure; keep both (a disagreement)
    side_total = 0
    overall: int | None = None
    per_field: list[FieldValue] = []
    for key, value in box.fields:
        if not key.lower().startswith("casualties"):
            continue
        mm = _CASUALTY_RE.search(value)
        if not mm:
            continue
        n = int(mm.group(1).replace(",", ""))
        if re.search(r"\b(overall|total|in total|combined)\b", value, re.I):
            overall = n
        else:
            side_total += n
        per_field.append(FieldValue(f"fatalities:{key}", n, article.name))
    figures = [x for x in (overall, side_total or None) if x is not None]
    low = min(figures) if figures else None
    high = max(figures) if figures else None
    best = overall if overall is not None else (side_total or None)
    quote = article.text[box.start : box.end].strip()
    start = box.start + (len(article.text[box.start : box.end]) - len(article.text[box.start : box.end].lstrip()))
    location = place.name if place else None
    event_date = t0.value.isoformat() if t0.value else None
    disagreements = ("fatalities",) if len(set(figures)) > 1 else ()
    fv = [FieldValue("event_date", event_date, article.name), FieldValue("location", location, article.name)]
    if best is not None:
        fv.append(FieldValue("fatalities", [low, best, high], article.name))
    return Event(
        event_id=_event_id(article.doc_id, box.start, sub, event_date, location),
        event_date=event_date,
        date_end=t0.value_end.isoformat() if t0.value_end else None,
        time_precision=t0.precision,
        event_type=etype,
        sub_event_type=sub,
        actor1=acled_actor_name(a1[0].name) if a1 else None,
        assoc_actor_1=tuple(acled_actor_name(e.name) or e.name for e in assoc1),
        inter1=a1[0].inter if a1 else None,
        actor2=acled_actor_name(a2[0].name) if a2 else None,
        assoc_actor_2=tuple(acled_actor_name(e.name) or e.name for e in assoc2),
        inter2=a2[0].inter if a2 else None,
        country=acled_country(place.country) if place else None,
        location=location,
        **_place_fields(place),
        fatalities=low or 0,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        confidence=0.8,
        notes=f"{sub}. From the infobox of {title}." + (
            f" Casualty figures differ: overall {overall}, sides summed {side_total}." if disagreements else ""),
        sources=(Source(article.name, article.source, article.url, _iso(article.published), quote,
                        start, start + len(quote)),),
        field_values=tuple(fv + per_field),
        disagreements=disagreements,
    )


def _combatants(value: str, dictionary: ActorDictionary) -> list:
    out = []
    for part in re.split(r",|;|\band\b", value):
        part = part.strip()
        if not part:
            continue
        entry = dictionary.lookup(part)
        if entry is None:
            for _s, _e, ent in dictionary.iter_named(part):
                entry = ent
                break
        if entry is not None and entry not in out:
            out.append(entry)
    return out


def _names_in(entry, text: str, dictionary: ActorDictionary) -> bool:
    return any(e is entry for _s, _e, e in dictionary.iter_named(text))
