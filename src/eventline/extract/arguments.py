"""Arguments: actors, place and date of a candidate event."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..actors import (
    actor_in_era,
    conjoined_countries,
)
from ..geo import haversine_km
from ..models import ActorMention, PlaceMention, TimeMention
from ..nlp import doc_text
from ..places.event import PLACE_HEADS
from ..protocols import ActorLexicon
from ..taxonomy import EventType, Inter, SubEventType
from .lexicons import (
    AIR_WEAPONS,
    CLAIMING_VERBS,
    GROUND_WEAPONS,
    MILITARY_OBJECTS,
    MOTION_VERBS,
    REPORTING_VERBS,
    STATEMENT_DATE_VERBS,
)
from .parse import (
    _actor_in,
    _head_actors,
    _head_chain,
    _inside,
    _objects,
    _subject,
    _subtree_span,
    _token_actor,
)
from .records import Geo, _Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PROTESTS = EventType.PROTESTS
RIOTS = EventType.RIOTS
BATTLES = EventType.BATTLES
VAC = EventType.VAC
ERV = EventType.ERV
# explosions no one is seen to set off: ACLED names their unseen authors an armed group
_UNSEEN_AUTHOR = {SubEventType.REMOTE_EXPLOSIVE, SubEventType.SUICIDE_BOMB, SubEventType.GRENADE,
                  SubEventType.SHELLING}
_ARMED_NONSTATE = {Inter.REBEL_GROUPS, Inter.POLITICAL_MILITIAS, Inter.IDENTITY_MILITIAS}
# verbs whose bare participle after a subject reads as a passive in terse reports
# ("an army convoy ambushed near Gao", "two soldiers killed and five wounded")
_HARM_VERBS = frozenset({
    "abduct", "ambush", "assassinate", "attack", "behead", "burn", "execute", "hit", "injure",
    "kidnap", "kill", "loot", "massacre", "murder", "raid", "rob", "shell", "shoot", "slay",
    "storm", "strike", "target", "torch", "wound",
})
# the noun a claim of responsibility is about ("claimed the attack", "claimed responsibility")
_CLAIMED_NOUNS = frozenset({
    "responsibility", "credit", "attack", "attacks", "ambush", "assault", "bombing", "blast",
    "explosion", "killing", "killings", "kidnapping", "abduction", "operation", "raid", "strike",
    "assassination", "massacre", "incident",
})


def _renamed_for(name: str, country: str) -> str:
    """The same kind of actor of another country: "Military Forces of Armenia" -> "... of
    Azerbaijan", "Civilians (Mali)" -> "Civilians (Niger)"."""
    return re.sub(r"(of |\()[^()]+\)?$",
                  lambda m: m.group(1) + country + (")" if m.group(1) == "(" else ""), name)


def _agent_of(tok: Token) -> Token | None:
    """The "by" agent of a passive, also when it hangs on a coordinated participle
    ("two soldiers killed and five wounded by a mine")."""
    for verb in (tok, *(c for c in tok.children if c.dep_ in {"conj", "acl"}),
                 *(g for c in tok.children if c.dep_ == "conj" for g in c.children if g.dep_ == "acl")):
        for a in verb.children:
            if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by" and verb.tag_ == "VBN"):
                for p in a.children:
                    if p.dep_ == "pobj":
                        return p
    return None


def _reduced_passive(trig: Token, subj: Token | None) -> bool:
    """ "An army convoy ambushed near Gao", "Two soldiers killed and five wounded by a mine":
    in terse reports a harm verb's bare participle after its subject is a passive."""
    if subj is None or subj.dep_ != "nsubj" or trig.lemma_.lower() not in _HARM_VERBS:
        return False
    verbs = [trig, *(c for c in trig.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if any(c.dep_ in {"dobj", "attr", "ccomp", "xcomp"} for v in verbs for c in v.children) or \
            any(c.dep_ in {"aux"} for c in trig.children):
        return False  # "militants attacked and destroyed the post": the object is shared
    if _agent_of(trig) is not None:
        return True
    if trig.tag_ == "VBN" and not _armed_subject(subj):
        return True
    # "the patrol ambushed this morning": a thing, a post or a unit does not ambush alone
    role = subj.lemma_.lower()
    return role in _THINGS_ATTACKED


def _armed_subject(subj: Token) -> bool:
    """ "Presumed JNIM militants", "gunmen": who attacks, not who is attacked."""
    words = {t.lower_ for t in subj.subtree}
    return subj.lower_ in ARMED_NOUNS or bool(words & {"militants", "jihadists", "gunmen", "assailants",
                                                         "attackers", "insurgents", "rebels"})


ARMED_NOUNS = frozenset({
    "militants", "militant", "jihadists", "jihadist", "gunmen", "gunman", "assailants",
    "attackers", "insurgents", "rebels", "militiamen", "bandits", "fighters", "terrorists",
})


_THINGS_ATTACKED = frozenset({
    "convoy", "checkpoint", "post", "vehicle", "truck", "bus", "car", "camp", "base", "patrol",
    "position", "village", "hamlet", "town", "school", "market", "office", "station", "house",
    "home", "mosque", "church", "boat", "canoe", "motorbike", "motorcycle", "ambulance",
    "checkpost", "outpost", "headquarters", "barracks", "garrison", "compound", "site", "mine",
})


def _pick_actors(c: _Candidate, actors: Sequence[ActorMention], dictionary: ActorLexicon,
                 prev_actor: ActorMention | None) -> None:
    _pick_actors_in_clause(c, actors, dictionary, prev_actor)
    trig = c.trigger
    if c.actor1 is None:
        # the parser lost the subject ("presumed ISGS militants abducted ...": "presumed"
        # read as the verb) or the trigger is a noun deep in the clause ("an ambush ...,
        # initiated by an IED detonation"): the actor right before the verb, else the doer
        # of the verb the trigger hangs from
        doer = _adjacent_doer(trig, actors) or _governing_doer(trig, actors) or \
            _sentence_doer(trig, actors) or _opponent(trig, actors, c.actor2)
        if doer is not None:
            if c.actor2 is not None and doer.name == c.actor2.name:
                c.actor2 = None  # "forces carried out an operation, 15 militants killed": not the victims
            c.actor1 = doer
    if _toll_beside_an_act(c):
        return  # the sentence's act (the blast, the ambush) takes the author; a toll merges into it
    if c.event_type in {BATTLES, VAC, ERV} and (
            c.actor1 is None or (c.actor1.generic and c.actor1.inter in _ARMED_NONSTATE)):
        # "JNIM claimed the attack" after the event: the claimant is its author
        claimant = _claimant(trig, actors)
        if claimant is not None and (c.actor1 is None or claimant.name != c.actor1.name):
            if c.actor2 is not None and c.actor2.name == claimant.name:
                c.actor2 = None
            c.actor1 = claimant
    if c.actor1 is None and (c.event_type in {BATTLES, VAC} or c.sub_event_type in _UNSEEN_AUTHOR) \
            and c.sub_event_type not in {SubEventType.GOVERNMENT_REGAINS} \
            and (c.cls != "harm" or (_names_unseen_weapon(trig.sent) and not _weapon_before(trig))) \
            and not _armed_elsewhere(c, actors) and not _armed_before(c, actors):
        # an attack, an ambush, a mine whose author the report does not name: ACLED's
        # "Unidentified Armed Group (<country>)", named after the event's country later.
        # Not for a bare toll ("two soldiers died"), which continues the sentence before it,
        # nor where the sentence names armed men another of its verbs has
        country = (c.actor2.country if c.actor2 is not None else None) or _doc_country(actors)
        name = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
        c.actor1 = ActorMention("", trig.idx, trig.idx, name, Inter.POLITICAL_MILITIAS, country,
                                generic=True)


# nouns of a remote act that are events of their own: "killed in the explosion", "wounded in
# an IED detonation" (the explosion is the event, the deaths its toll)
_ACT_WORDS = frozenset({
    "explosion", "explosions", "blast", "blasts", "detonation", "detonations", "bombing",
    "bombings", "airstrike", "airstrikes", "shelling",
})


def _toll_beside_an_act(c: _Candidate) -> bool:
    """A death or wound verb whose sentence names the remote act it came from: that act's
    candidate carries the author, and the sentence's candidates merge into it (an author on
    the toll would make it a battle that outranks the explosion)."""
    if c.cls not in {"kill", "harm"} or c.actor1 is not None:
        return False
    return any(t.lemma_.lower() in _ACT_WORDS or t.lower_ in _ACT_WORDS
               for t in c.trigger.sent if t.i != c.trigger.i and t.pos_ == "NOUN")


_UNSEEN_WEAPONS = frozenset({"mine", "mines", "landmine", "landmines", "ied", "ieds", "explosive",
                             "explosives", "device", "devices", "bomb", "bombs", "mortar", "mortars",
                             "rocket", "rockets", "shell", "shells"})


def _names_unseen_weapon(sent: Span) -> bool:
    """ "wounded when their vehicle hit a mine": the harm came from a weapon someone laid."""
    return any(t.lower_ in _UNSEEN_WEAPONS and t.pos_ in {"NOUN", "PROPN"} for t in sent)


def _weapon_before(trig: Token) -> bool:
    """An earlier sentence of the paragraph told of the blast: this toll continues it."""
    doc = trig.doc
    sent = trig.sent
    para_start = doc_text(doc).rfind("\n", 0, sent.start_char) + 1
    return any(t.lower_ in _UNSEEN_WEAPONS | _ACT_WORDS for t in doc[:sent.start]
               if t.idx >= para_start)


def _armed_elsewhere(c: _Candidate, actors: Sequence[ActorMention]) -> bool:
    """The trigger's sentence names an armed actor that is not this candidate's victim."""
    sent = c.trigger.sent
    return any(sent.start_char <= a.start < sent.end_char and a.inter != Inter.CIVILIANS
               and (c.actor2 is None or a.name != c.actor2.name)
               for a in actors)


def _armed_before(c: _Candidate, actors: Sequence[ActorMention]) -> bool:
    """The text named armed men before this sentence: it most likely tells more of their
    incident ("Rebels clashed with the army. One person was killed."), or the article's
    context says who did it better than "unidentified" would."""
    sent = c.trigger.sent
    return any(a.start < sent.start_char and a.inter != Inter.CIVILIANS and a.text for a in actors)


_BETWEEN_DOER_AND_VERB = frozenset({
    "reportedly", "allegedly", "also", "then", "again", "later", "have", "has", "had",
    "reported", "subsequently", "presumably", "apparently", "once", "first", "finally",
})


def _adjacent_doer(trig: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """An armed actor named right before the verb: "presumed ISGS militants abducted"."""
    verb = trig
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i < verb.i:
        verb = verb.head  # "abducted and executed": the first verb's doer
    if verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBZ", "VBP"} or \
            verb.lemma_.lower() in {"die", "perish", "succumb", "drown", "flee"}:
        return None  # "two soldiers died": who died, not who killed
    sent = verb.sent
    j = verb.i - 1
    while j >= sent.start and verb.i - j <= 3 and verb.doc[j].lower_ in _BETWEEN_DOER_AND_VERB:
        j -= 1
    if j < sent.start:
        return None
    last = verb.doc[j]
    if last.pos_ not in {"NOUN", "PROPN"}:
        return None
    # "in the area of Gao gunmen ...": a name inside a prepositional phrase is not the subject
    if last.dep_ == "pobj" or (last.head.dep_ == "pobj" and last.dep_ in {"compound", "amod"}):
        return None
    # the noun phrase ending right before the verb: "presumed ISGS militants"
    lo, end = last.left_edge.idx, last.idx + len(last.text)
    hits = [a for a in actors if lo <= a.start and a.end <= end and a.inter != Inter.CIVILIANS]
    named = [a for a in hits if not a.generic]
    pool = named or hits
    return pool[0] if pool else None


_FIGHT_NOUNS = frozenset({"firefight", "gunfight", "clash", "clashes", "fighting", "battle",
                          "battles", "skirmish", "skirmishes", "exchange", "shootout", "combat"})


def _opponent(trig: Token, actors: Sequence[ActorMention],
              victims: ActorMention | None) -> ActorMention | None:
    """ "14 rebels were killed during a firefight with government forces": the side they
    fought killed them."""
    for tok in trig.subtree:
        if tok.lower_ not in _FIGHT_NOUNS or tok.pos_ != "NOUN":
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in {"with", "against"}:
                for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                    found = [a for a in _actors_at(pobj, actors) if a.inter != Inter.CIVILIANS
                             and (victims is None or a.name != victims.name)]
                    if found:
                        return sorted(found, key=lambda a: a.generic)[0]
    return None


_OPERATION_VERBS = _HARM_VERBS | {"carry", "conduct", "launch", "open", "mount", "stage", "lead"}


def _sentence_doer(trig: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """For a toll told without its author ("people were also assaulted", "15 militants
    killed"), the armed doer of the act the sentence told first ("militants burned the
    prefecture, ...", "forces carried out an operation, ...")."""
    subj, agentive = _subject(trig)
    if subj is not None and agentive:
        return None
    for tok in trig.sent:
        if tok.i >= trig.i:
            break
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _OPERATION_VERBS:
            continue
        if tok.lemma_.lower() in {"carry", "conduct", "launch", "mount", "stage", "lead"} and not any(
                c.dep_ == "dobj" for c in tok.children):
            continue
        s2, ag2 = _subject(tok)
        if s2 is None or not ag2 or s2.dep_ not in {"nsubj"}:
            continue
        found = [a for a in _actors_at(s2, actors) if a.inter != Inter.CIVILIANS]
        if found:
            return sorted(found, key=lambda a: a.generic)[0]
    return None


def _governing_doer(trig: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The doer of the verb a nominal or participial trigger hangs from: "JNIM militants
    carried out an ambush ..., initiated by an IED detonation"."""
    if trig.pos_ != "NOUN" and trig.dep_ not in {"acl", "advcl", "xcomp", "pcomp"}:
        return None  # a finite verb has its own subject, or none
    steps = 0
    prev = trig
    for head in _head_chain(trig):
        steps += 1
        if steps > 6 or prev.dep_ == "conj":
            break  # a conjoined clause has its own doer
        prev = head
        if head.pos_ != "VERB":
            continue
        if head.lemma_.lower() in REPORTING_VERBS | {"die", "perish", "succumb", "flee"}:
            break  # "officials said the attack ...": the speaker did not do it
        subj, agentive = _subject(head)
        if subj is None:
            continue
        if not agentive:
            break
        found = [a for a in _actors_at(subj, actors) if a.inter != Inter.CIVILIANS]
        if found:
            return sorted(found, key=lambda a: a.generic)[0]
        break
    return None


def _doc_country(actors: Sequence[ActorMention]) -> str | None:
    """The country generic mentions were named after (the article's focus)."""
    counts: dict[str, int] = {}
    for a in actors:
        if a.generic and a.country:
            counts[a.country] = counts.get(a.country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _claimant(trig: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """A named armed group said to have done the event: "X claimed (responsibility for) the
    attack", "claimed by X", "the device was planted by X", in its sentence or the next two
    of its paragraph."""
    doc = trig.doc
    sent = trig.sent
    sents = [sent]
    nxt = sent.end
    while len(sents) < 3 and nxt < len(doc):
        s2 = doc[nxt].sent
        if "\n" in doc_text(doc)[sents[-1].end_char:s2.start_char]:
            break  # another paragraph
        sents.append(s2)
        nxt = s2.end
    for s in sents:
        for tok in s:
            lemma = tok.lemma_.lower()
            doers: list[Token] = []
            if lemma in {"claim", "acknowledge", "admit"} and tok.pos_ == "VERB":
                objs = [ch for ch in tok.children if ch.dep_ in {"dobj", "nsubjpass"}]
                claimed = any(o.lemma_.lower() in _CLAIMED_NOUNS for o in objs) or (
                    not objs and not any(ch.dep_ in {"ccomp", "xcomp"} for ch in tok.children))
                if not claimed:
                    continue
                agent = _agent_of(tok)
                if agent is not None:
                    doers.append(agent)
                doers.extend(ch for ch in tok.children if ch.dep_ == "nsubj")
            elif lemma in {"plant", "lay", "carry", "perpetrate", "commit", "attribute", "blame"} \
                    and tok.pos_ == "VERB":
                agent = _agent_of(tok)
                if agent is not None:
                    doers.append(agent)
                if lemma in {"attribute", "blame"}:
                    doers.extend(p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in {"to", "on"}
                                 for p in ch.children if p.dep_ == "pobj")
            for d in doers:
                named = [a for a in _token_actor(d, actors) if not a.generic and a.inter in _ARMED_NONSTATE]
                if named:
                    return named[0]
    return None


# hedges the parser reads as the main verb: "presumed ISGS militants killed ..." comes out as
# "presumed" with the group as its object and "killed" hung below it
_HEDGES = frozenset({"presumed", "suspected", "alleged", "purported", "supposed", "reported"})


def _hedged(trig: Token) -> tuple[Token, Token | None]:
    """The verb that tells the act and the doer the hedge took from it, when the parser made
    the hedge the verb ("presumed ISGS militants abducted" -> abducted, militants)."""
    verb = trig
    if trig.lower_ in _HEDGES and trig.pos_ == "VERB":
        inner = [c for c in trig.children if c.dep_ in {"xcomp", "ccomp", "conj"} and c.pos_ == "VERB"]
        if inner:
            verb = inner[0]
    hedge = verb.head if verb.dep_ in {"xcomp", "ccomp", "conj", "advcl"} else None
    if hedge is None or hedge.lower_ not in _HEDGES or hedge.i > verb.i:
        return verb, None
    own = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if own:
        return verb, None
    doers = [c for c in hedge.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.i < verb.i]
    return verb, (doers[-1] if doers else None)


def _actors_at(tok: Token, actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Actors of a noun phrase, also a name that starts before the noun's own phrase
    ("French forces of Operation Barkhane" read with "Barkhane" as the subject)."""
    found = _token_actor(tok, actors)
    covering = [a for a in actors if a.start <= tok.idx < a.end and a not in found]
    return found + covering


def _pick_actors_in_clause(c: _Candidate, actors: Sequence[ActorMention], dictionary: ActorLexicon,
                           prev_actor: ActorMention | None) -> None:
    trig, hedged_doer = _hedged(c.trigger)
    subj, agentive = (hedged_doer, True) if hedged_doer is not None else _subject(trig)
    if subj is not None and agentive and _reduced_passive(trig, subj):
        agent = _agent_of(trig)
        if agent is not None and _token_actor(agent, actors):
            subj, agentive = agent, True
        else:
            agentive = False  # the subject is who was harmed; the author is not named
    elif subj is not None and not agentive and trig.dep_ == "acl":
        agent = _agent_of(trig)  # "the mayor, assassinated by armed men"
        if agent is not None:
            subj, agentive = agent, True
        elif trig.head.i < trig.i and (trig.tag_ == "VBD" or any(
                ch.dep_ == "dobj" for ch in trig.children)):
            # "presumed ISGS militants abducted ...", "militants abducted five teachers": a
            # finite verb (or one with its own object) the parser hung on its subject
            agentive = True
    first: list[ActorMention] = []
    second: list[ActorMention] = []
    if subj is not None and agentive and subj.lower_ in AIR_WEAPONS | GROUND_WEAPONS:
        for ch in subj.children:
            d = dictionary.country_of_demonym(ch.text) if ch.dep_ in {"amod", "compound"} else None
            if d is not None:  # "Russian missiles struck": fired by that country's forces
                first.append(ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                          f"Military Forces of {d.country}", Inter.STATE_FORCES, d.country))
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
                    name = _renamed_for(base.name, country)
                    if name != base.name and all(f.name != name for f in found):
                        first.append(replace(base, name=name, country=country))
    if trig.pos_ == "NOUN" and subj is None and trig.dep_ == "dobj" and trig.head.pos_ == "VERB":
        hs, _ = _subject(trig.head)  # "troops repelled an attack", "the army launched an offensive"
        if hs is not None:
            # "French forces of Operation Barkhane carried out airstrikes", parsed with
            # "Barkhane" as the subject: the name that covers it
            subject_actors = _head_actors(hs, actors) or [a for a in actors if a.start <= hs.idx < a.end]
            first.extend(a for a in subject_actors if a not in first)
    if trig.pos_ == "NOUN" and subj is None and trig.dep_ == "pobj" and trig.head.lower_ == "for" \
            and trig.head.head.lemma_.lower() in {"responsibility", "credit"} \
            and trig.head.head.head.pos_ == "VERB":
        # "Al-Shabaab claimed responsibility for the bombing": the claimant did it
        hs, _ = _subject(trig.head.head.head)
        if hs is not None:
            first.extend(a for a in _head_actors(hs, actors) if a not in first)
    if trig.pos_ == "NOUN" and subj is None and trig.head.pos_ == "VERB" and (
            trig.head.lemma_.lower() in CLAIMING_VERBS):
        # "the attack was claimed by Ansar Dine", "the bomb was planted by militants" (the
        # agent); "officials blamed the attack on the Taliban", "attributed the raid to IS"
        verb = trig.head
        doers = []
        if trig.dep_ == "nsubjpass":
            doers = [p for ch in verb.children if ch.dep_ == "agent" for p in ch.children
                     if p.dep_ == "pobj"]
        elif trig.dep_ == "dobj" and verb.lemma_.lower() in {"blame", "attribute", "ascribe"}:
            doers = [p for ch in verb.children if ch.dep_ == "prep" and ch.lower_ in {"on", "to"}
                     for p in ch.children if p.dep_ == "pobj"]
        for o in doers:
            first.extend(a for a in _head_actors(o, actors) if a not in first)
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
                                          f"Military Forces of {d.country}", Inter.STATE_FORCES, d.country)
                    (second if first else first).append(forces)
    for o in _objects(trig):
        found_o = [a for a in _token_actor(o, actors) if a not in first]
        second.extend(found_o)
        if not found_o and o.lemma_.lower() in MILITARY_OBJECTS:
            for ch in o.children:
                d = dictionary.country_of_demonym(ch.text) if ch.dep_ in {"amod", "compound"} else None
                if d is not None:  # "shelled Ukrainian positions": the country's forces
                    second.append(ActorMention(ch.text, ch.idx, ch.idx + len(ch.text),
                                               f"Military Forces of {d.country}", Inter.STATE_FORCES, d.country))
                    break
    # "fought between A and B"
    for child in trig.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            both = _actor_in(_subtree_span(child), actors)
            if len(both) == 1:
                # "between Armenian and Azerbaijani forces": one noun, two countries' forces
                for pobj in (p for p in child.children if p.dep_ == "pobj"):
                    for country in conjoined_countries(pobj, dictionary)[1:]:
                        name = _renamed_for(both[0].name, country)
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
                side_owners = [a for o in side.children if o.dep_ == "poss"
                               for a in _head_actors(o, actors)]
                if side_owners:
                    c.assoc1.extend(a.name for a in first)
                    first[:] = side_owners
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

_DIVISIONS = frozenset({"admin1", "admin2", "region"})
# the town around a part: the Y of "the X district of Y", "the X area of Y"
# (a name before the noun: not "in the area of Y", which is Y itself)
_CONTAINS_BEFORE = re.compile(r"\b(?-i:[A-Z])[\w'’-]*\s+(?:area|district|quarter|neighbou?rhood|"
                              r"suburb|sector|zone|commune)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _place_rank(p: PlaceMention) -> int:
    return {1: 0, 2: 1}.get(p.geo_precision or 3, 2)


# "the region of Kidal", "Mali's northern province of X": the name is a division's, even
# when the resolver read the town of that name
_DIVISION_OF = re.compile(r"\b(?:region|province|district|cercle|circle|governorate|prefecture|"
                          r"department|county)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _named_division(text: str, p: PlaceMention) -> int:
    """1 (a division's rank) for a town named as a division ("the region of Kidal"), else 0."""
    return 1 if p.feature not in _DIVISIONS and _DIVISION_OF.search(
        text, max(0, p.start - 30), p.start) else 0


def _pick_place(
    c: _Candidate,
    sent: Span,
    places: Sequence[PlaceMention],
    other_spans: list[tuple[int, int]],
    context_places: list[PlaceMention],
    focus: PlaceMention | None,
) -> None:
    own = _subtree_span(c.trigger)
    in_sent = [p for p in places if p.resolved and sent.start_char <= p.start < sent.end_char
               and not _is_destination(sent, p, c.trigger)
               and not _reporters_place(sent, p, c.trigger)]
    # places inside another trigger's clause belong to that event, even when nested in ours
    mine = [p for p in in_sent if _inside(p.start, p.end, own)
            and not any(_inside(p.start, p.end, s) for s in other_spans)]
    free = [p for p in in_sent if not any(_inside(p.start, p.end, s) for s in other_spans)]
    chain = [] if mine else _chain_places(c.trigger, in_sent, other_spans)
    # "were kidnapped when militants raided their site in X": the clause nested in ours
    # tells where both happened
    nested = [p for p in in_sent if _inside(p.start, p.end, own)]
    text = doc_text(sent.doc)
    pools = [(mine, "clause"), (chain, "clause"), (free, "sentence"), (nested, "clause")]
    held: tuple[list[PlaceMention], str] | None = None
    for at, (pool, scope) in enumerate(pools + [([], "")]):
        towns = [p for p in pool if (p.geo_precision or 3) <= 2]
        # "abducted the mayor of Kareri in Yassalamou", "Dogon from Koro signed an accord in
        # Sevare": an official's seat, where people come from: only when nothing else is said
        # ("people in X protested in solidarity with Y": the sentence's other towns first)
        kept = [p for p in towns if not _office_or_origin(text, sent, p)]
        # ("the mayor of X was kidnapped on the road towards Y": where the road leads is
        # nearer the act than an official's seat)
        kept = [p for p in kept if not _ROAD_TOWARDS.search(text, max(0, p.start - 50), p.start)] \
            or kept
        # "a post 10 km from X near Y": the town another is told near only says where that
        # one is (a reading far from it is checked below)
        kept = [p for p in kept if not any(q.end < p.start and _NEAR_REF.fullmatch(text[q.end:p.start])
                                           for q in kept)] or kept
        if towns and not kept and held is None:
            held = (towns, scope)
        towns = kept
        if not towns and at == len(pools) and held is not None:
            towns, scope = held
        if towns:
            # "hit a mine in the Gao region, near Ansongo": of places as precise, a town
            # says more than a division placed at its seat
            # ("the Niono district of Segou": Segou only says where the district is)
            # ("close to Aguelhok in the region of Kidal": a name after "region of" is the
            # division, however the resolver read it)
            c.place = min(towns, key=lambda p: (max(_place_rank(p), _named_division(text, p)),
                                                _CONTAINS_BEFORE.search(
                text, max(0, p.start - 40), p.start) is not None,
                p.feature in _DIVISIONS or bool(_named_division(text, p)),
                abs(p.start - c.trigger.idx)))
            c.place_scope = scope
            c.place = _first_of_span(doc_text(sent.doc), c.place, in_sent)
            # "Zouera near Timbuktu", "Koro, 40 km east of Mopti": when the name read for X
            # lies far from the town it is said to be near, that reading is a homonym
            # abroad; the event is at the reference town, to the nearest tens of km
            ref = next((p for p in in_sent if (p.geo_precision or 3) <= 2 and p.start > c.place.end
                        and (_NEAR_REF.fullmatch(text[c.place.end:p.start])
                             or _PART_OF_REF.fullmatch(text[c.place.end:p.start]))), None)
            here = c.place
            # "the Chateau area of Gao", "the Aliou neighbourhood of Kidal": a part of a town
            # lies in it, so a reading tens of km away is a namesake
            limit = PART_KM if ref is not None and _QUARTER_OF_REF.fullmatch(
                text[c.place.end:ref.start]) else NEAR_KM
            told = _KM_TOLD.search(text, c.place.end, ref.start) if ref is not None else None
            if told is not None:
                # "X, 18 km from Y": a reading of X several times that far from Y is a
                # namesake (a day's walk of slack for a rounded or road distance)
                # ("X, 200 km from Y": a reading that far from Y is the town the text means)
                km = float(told.group(1)) * (1.609 if told.group(2).lower().startswith("mi") else 1.0)
                limit = 2 * km + 30 if limit != PART_KM else min(limit, 2 * km + 30)
            elif ref is not None and ref.country == here.country and _BEARING_REF.fullmatch(
                    text[c.place.end:ref.start]):
                # "Sirte, east of Tripoli", "Deir ez-Zor, east of Aleppo": a bare bearing from a
                # city every reader knows spans a province; a town of the same country up to
                # BEARING_KM away is the one meant (a namesake abroad still gives way)
                limit = BEARING_KM
            if ref is not None and ref.latitude is not None and ref.longitude is not None \
                    and here.latitude is not None and here.longitude is not None and haversine_km(
                        here.latitude, here.longitude, ref.latitude, ref.longitude) > limit:
                c.place = replace(ref, geo_precision=max(ref.geo_precision or 1, 2))
            return
    # a country named in a subordinate clause ("... since France entered the war") is not
    # where this event happened
    regions = [p for p in (mine or chain or free) if (p.geo_precision or 3) >= 3
               and not _in_subordinate_clause(sent, p, c.trigger)]
    anaphoric = any(t.lower_ in {"city", "town", "village", "there", "area", "locality"} for t in sent)
    # "Gunmen returned to the village of X, where ..., and killed a father and his sons": the
    # sentence's towns all sit in the clauses of its other acts; with no earlier sentence's
    # town to go on, one of them is still nearer this act than the country's capital
    # (approximately: precision 2). "the ambush was staged a day after the rebels had seized X"
    # refers back to the last event's town instead.
    # (and where the doers went, "returned to X": not where someone was carried, "flown to X")
    spill = [p for p in places if p.resolved and sent.start_char <= p.start < sent.end_char
             and (p.geo_precision or 3) <= 2 and p.country
             and not _reporters_place(sent, p, c.trigger) and not _office_or_origin(text, sent, p)
             and not (_is_destination(sent, p, c.trigger) and _carried(sent, p))]
    if spill and not regions and not context_places:
        here = min(spill, key=lambda p: abs(p.start - c.trigger.idx))
        c.place = replace(here, geo_precision=max(here.geo_precision or 1, 2))
        c.place_scope = "sentence"
        return
    # "troops swept the Segou region and arrested twelve": the division the sentence's other
    # act names is where this one was too, rather than the capital of the country
    divisions = [p for p in places if p.resolved and sent.start_char <= p.start < sent.end_char
                 and p.feature in _DIVISIONS and p.country
                 and not _in_subordinate_clause(sent, p, c.trigger)
                 and not _reporters_place(sent, p, c.trigger) and not _office_or_origin(text, sent, p)
                 and not _is_destination(sent, p, c.trigger)]
    if divisions and not regions and not context_places and focus is None:
        c.place = min(divisions, key=lambda p: abs(p.start - c.trigger.idx))
        c.place_scope = "sentence"
        return
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


# "between Gossi and Hombori", "the axis Douentza-Boni", "the Gao-Ansongo road": a stretch
# between two towns; the event is coded at the first, approximately
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+(?:towns?|villages?|localities|communes?|"
                             r"cities)\s+of\s+)?$", re.IGNORECASE)
_BETWEEN_GAP = re.compile(r"\s+(?:and|&)\s+(?:the\s+(?:town|village|locality|city)\s+of\s+)?",
                          re.IGNORECASE)
_AXIS_BEFORE = re.compile(r"\b(?:axis|road|route|highway|stretch)\s+(?:of\s+|from\s+|between\s+)?$",
                          re.IGNORECASE)
_AXIS_AFTER = re.compile(r"\s+(?:axis|road|route|highway|stretch)\b", re.IGNORECASE)


def _first_of_span(text: str, here: PlaceMention, in_sent: Sequence[PlaceMention]) -> PlaceMention:
    """The first town of "between X and Y" or of an "X-Y" axis when the pick is the second;
    either way the event lies between them (geo_precision 2)."""
    def stretch(a: PlaceMention, b: PlaceMention) -> bool:
        gap = text[a.end:b.start]
        return bool(_BETWEEN_GAP.fullmatch(gap) and _BETWEEN_BEFORE.search(
            text, max(0, a.start - 60), a.start)) or gap.strip() in {"-", "–"} and bool(
            _AXIS_BEFORE.search(text, max(0, a.start - 30), a.start) or _AXIS_AFTER.match(text, b.end))

    for p in in_sent:
        if (p.geo_precision or 3) > 2 or p.country != here.country or p.start == here.start:
            continue
        if p.end < here.start and stretch(p, here) or here.end < p.start and stretch(here, p):
            first = p if p.end < here.start else here
            return replace(first, geo_precision=max(first.geo_precision or 1, 2))
    return here


SUBORDINATE = {"advcl", "relcl", "ccomp", "acl", "parataxis"}
# what joins a place to the town it is located by: "X near Y", "X, 30 km north of Y",
# "X (outskirts of Y)", "X, a village outside the town of Y"
_DIRECTION = (r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?")
_NEAR_REF = re.compile(
    # "the X village, 18 km from Y", "the X market, 80 km north of Y"
    # ("X (its quarter) near Y", "X [other spelling] near Y": a bracket after the name)
    r"(?:\s*[(\[][^()\[\]\n]{1,40}[)\]])?"
    r"(?:\s+(?:village|hamlet|camp|locality|town|site|market|checkpoint|post|base|well))?"
    r"[\s,(]*(?:(?:an?|the)\s+(?:small\s+)?(?:village|hamlet|locality|town|area|camp|site)\s+)?"
    r"(?:(?:located|situated|lying)\s+)?(?:(?:about|some|around|roughly)\s+)?"
    r"(?:\d+\s*(?:km|kms|kilometres|kilometers|miles)\s*(?:(?:away\s+)?from\s+)?)?"
    r"(?:" + _DIRECTION + r"\s+(?:of|from|outskirts\s+of)\s+|(?:near|outside|close\s+to|not\s+far\s+from|"
    r"in\s+the\s+vicinity\s+of|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of|in(?:\s+the)?)\s+|(?<=from\s)|"
    # "X, Cercle of Y", "X, in the commune of Y": the division X lies in, named by its town
    r"(?<=,\s)(?:in\s+)?(?:the\s+)?(?:cercle|circle|commune|district|department|prefecture)\s+of\s+)"
    r"(?:(?:the\s+)?(?:town|city|village|commune|cercle|district)\s+of\s+)?", re.IGNORECASE)
NEAR_KM = 150.0
# "X, east of Y" with no distance told: a bearing from a landmark city, not a neighbourhood
_BEARING_REF = re.compile(r"\s*,?\s*(?:" + _DIRECTION + r")\s+of\s+(?:the\s+(?:capital|city)\s+)?",
                          re.IGNORECASE)
BEARING_KM = 400.0
_KM_TOLD = re.compile(r"(\d+)\s?(km|kms|kilomet|miles?)", re.IGNORECASE)
_PART_OF_REF = re.compile(r"\s+(?:area|quarter|neighbou?rhood|district|suburb|sector|zone)\s+of\s+"
                          r"(?:the\s+(?:town|city|village|commune)\s+of\s+)?", re.IGNORECASE)
# a quarter of a town lies inside it ("the Aliou neighbourhood of Kidal"); an area of a
# town named like its district may lie anywhere in the district (NEAR_KM)
_QUARTER_OF_REF = re.compile(r"\s+(?:quarter|neighbou?rhood|suburb)\s+of\s+(?:the\s+(?:town|city)\s+of\s+)?",
                             re.IGNORECASE)
PART_KM = 40.0


def _chain_places(trig: Token, in_sent: Sequence[PlaceMention],
                  other_spans: list[tuple[int, int]]) -> list[PlaceMention]:
    """"killed two herders and seized cattle near X": the place phrase hangs on the last
    of the conjoined triggers, yet says where all of them happened. The places of the one
    other trigger of the chain that has any; none when two of them claim places of their own."""
    root = trig
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    triggers = set(other_spans)
    members: list[tuple[int, int]] = []
    todo = [root]
    while todo:
        tok = todo.pop()
        span = _subtree_span(tok)
        if tok.i != trig.i and (span in triggers or tok.i == root.i):
            members.append(span)
        todo.extend(ch for ch in tok.children if ch.dep_ == "conj")
    if not members:
        return []
    # a span of the chain, or of a trigger nested in it, claims the places inside it;
    # the innermost one wins ("attacked the post and took weapons near X": took)
    spans = set(members) | triggers
    claimed: dict[tuple[int, int], list[PlaceMention]] = {}
    for p in in_sent:
        holders = [s for s in spans if _inside(p.start, p.end, s)]
        if not holders:
            continue
        inner = min(holders, key=lambda s: s[1] - s[0])
        if inner in members:
            claimed.setdefault(inner, []).append(p)
    if len(claimed) != 1:
        return []
    holder, found = next(iter(claimed.items()))
    # the head of our conjunct: its own places are already free for us, at sentence scope
    return [] if _inside(*_subtree_span(trig), holder) else found


def _in_subordinate_clause(sent: Span, p: PlaceMention, trig: Token) -> bool:
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.head.i != tok.i and tok.i != trig.i:
        if tok.dep_ in SUBORDINATE and not any(a.i == tok.i for a in trig.ancestors):
            return True
        tok = tok.head
    return False

_OFFICE_OF = re.compile(r"\b(?:mayor|mayors|chief|chiefs|governor|prefect|sub-?prefect|cherif|"
                        r"imam|councill?or|councill?ors|deputy|emir|sultan|commander|head)\s+of\s+"
                        r"(?:the\s+(?:town|village|commune|city)\s+of\s+)?$", re.IGNORECASE)

# "a protest in solidarity with X", "a sit-in in support of the people of X": whom the act
# is for, not where it was (when the text names nowhere else, still the best guess)
_ON_BEHALF_OF = re.compile(r"\b(?:solidarity|support|sympathy)\s+(?:with|for|of|to)\s+"
                           r"(?:the\s+(?:people|residents|inhabitants|population|victims)\s+of\s+)?"
                           r"(?:the\s+)?$", re.IGNORECASE)


# "near X on the road towards Y", "the route leading to Y": where the road goes, not where
# the act was (still the place when the text names no other)
_ROAD_TOWARDS = re.compile(r"\b(?:road|route|highway|axis|track|transit\s+route)\s+(?:(?:leading|going|"
                           r"heading|that\s+leads)\s+)?(?:to|towards?)\s+(?:the\s+(?:town|city|village)"
                           r"\s+of\s+)?$", re.IGNORECASE)


# "on the eve of the anniversary of the strike of X": a place inside what dates the act,
# not where it was
_DATED_BY = re.compile(r"\b(?:eve|anniversary|commemoration)\s+of\s+(?:[\w'’-]+\s+){0,8}$",
                       re.IGNORECASE)


def _office_or_origin(text: str, sent: Span, p: PlaceMention) -> bool:
    """"the mayor of X", "the village chief of X", "Dogon from X", "residents from X": the
    place an official stands for or people come from, not where the act was."""
    if _OFFICE_OF.search(text, max(0, p.start - 40), p.start) \
            or _ON_BEHALF_OF.search(text, max(0, p.start - 60), p.start) \
            or _DATED_BY.search(text, max(0, p.start - 80), p.start):
        return True
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if _describes_a_person(tok):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "from" and (
        tok.head.head.pos_ in {"NOUN", "PROPN"} or tok.head.head.lemma_.lower() in MOTION_VERBS
    ) and not any(t.lower_.lstrip("0123456789.,") in _DISTANCE_WORDS  # "1 km from X": by X
                  for t in (tok.head.head, *tok.head.children))


_DISTANCE_WORDS = frozenset({"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer",
                             "miles", "mile", "metres", "meters", "m", "way", "distance"})


def _describes_a_person(tok: Token) -> bool:
    """"in support of Amadou Maiga, a merchant known in X": a place in the apposition that
    says who a person is, not where the act was."""
    for up in [tok, *tok.ancestors][:6]:
        if up.dep_ == "appos" and up.pos_ == "NOUN" and up.head.pos_ == "PROPN" \
                and up.head.ent_type_ not in {"GPE", "LOC", "FAC"} \
                and up.lemma_.lower() not in PLACE_HEADS:
            # (not "Gao, a town in the north": an apposition of a place)
            return True
        if up.dep_ in {"ROOT", "conj"} or up.pos_ in {"VERB", "AUX"}:
            return False
    return False


_REPORTERS = frozenset({"correspondent", "correspondents", "reporter", "reporters", "journalist",
                        "journalists", "crew", "stringer"})


def _reporters_place(sent: Span, p: PlaceMention, trig: Token) -> bool:
    """"The BBC's Jim Muir in neighbouring Lebanon says ...", "our correspondent in Cairo
    reports ...": where the reporter is, like a dateline, not where the reported event was
    (a resident or a doctor in a town tells of what happened there: not these)."""
    from ..acled import outlet_key, outlet_table

    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(6):
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in REPORTING_VERBS:
            subj = tok
            if trig.i in {t.i for t in subj.subtree}:
                return False
            words = list(subj.subtree)
            return any(t.lower_ in _REPORTERS for t in words) or any(
                t.dep_ == "poss" and outlet_key(t.text) in outlet_table() for t in words)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


# "a truck leaving Gao for Ayorou", "a bus bound for Mopti": the destination
_LEAVE_FOR = frozenset({"leave", "head", "depart", "bind", "set", "sail", "fly"})
_PUBLIC_SPACES = frozenset({"street", "streets", "square", "squares", "avenue", "avenues",
                            "boulevard", "plaza"})


def _is_destination(sent: Span, p: PlaceMention, trig: "Token | None" = None) -> bool:
    """"flown to Ouagadougou for treatment": where someone was moved, not where it happened
    (but in "went to Gourma and killed seven herders" the act was done where they went)."""
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    steps = 0
    while tok.head.i != tok.i and steps < 6:
        if tok.dep_ == "pobj" and (tok.head.lower_ in {"to", "into", "toward", "towards"} or (
                tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in _LEAVE_FOR)) and \
                tok.head.head.lemma_.lower() in MOTION_VERBS | _LEAVE_FOR:
            motion = tok.head.head
            if trig is not None and trig.dep_ == "conj" and trig.head.i == motion.i \
                    and trig.i > motion.i:
                return False
            if any(ch.dep_ == "dobj" and ch.lower_ in {"fire", "light"} for ch in motion.children):
                return False  # "set fire to the office in X": what burned, not where anyone went
            # "took to the streets of X", "marched to the main square in X": X is where
            # the crowd was, not where it went
            return tok.i == span.root.i or tok.lemma_.lower() not in _PUBLIC_SPACES
        tok = tok.head
        steps += 1
    return False


def _carried(sent: Span, p: PlaceMention) -> bool:
    """The destination of people moved by others ("were flown to X", "took them to X"), not
    of the doers' own going ("returned to X", "headed towards X")."""
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return True
    for tok in span.root.ancestors:
        if tok.lemma_.lower() in MOTION_VERBS | _LEAVE_FOR:
            return any(ch.dep_ in {"nsubjpass", "auxpass", "dobj"} for ch in tok.children)
    return True


def _pick_time(
    c: _Candidate,
    sent: Span,
    times: Sequence[TimeMention],
    other_spans: list[tuple[int, int]],
) -> None:
    _pick_time_in_sentence(c, sent, times, other_spans)
    if c.place is not None and c.place.country:
        _actors_in_country(c, c.place.country)
    # the era is the event's day, or the sentence's (a clause without its own day is the same
    # incident's)
    day = c.time.value if c.time is not None and c.time.value is not None else next(
        (t.value for t in times if t.value is not None and sent.start_char <= t.start < sent.end_char),
        None)
    if day is not None:
        actors_in_era(c, day)


def _actors_in_country(c: _Candidate, country: str) -> None:
    """Generic actors the text gave no country ("Fulani militiamen" in a note that names no
    country) take the event's: "Fulani Ethnic Militia (Mali)", "Military Forces of Mali"."""
    for attr in ("actor1", "actor2"):
        a = getattr(c, attr)
        if a is not None:
            setattr(c, attr, in_country(a, country))


def in_country(a: ActorMention, country: str | None) -> ActorMention:
    """A generic actor without a country named after the event's country ("Unidentified
    Armed Group" -> "Unidentified Armed Group (Mali)"); any other actor as it is."""
    if not a.generic or a.country or not country:
        return a
    if a.name in {"Military Forces", "Police Forces"}:
        name = f"{a.name} of {country}"
    elif a.name.endswith(")"):
        return a
    else:
        name = f"{a.name} ({country})"
    return replace(a, name=name, country=country)


def actors_in_era(c: _Candidate, date: dt.date | str | None) -> None:
    """Name the candidate's actors as ACLED does on the event's date ("Katiba Macina" is
    JNIM from the 2017 merger on). Called once the date is known (also a hook for the
    assembly, which learns the publication date later)."""
    country = c.place.country if c.place is not None else None
    for attr in ("actor1", "actor2"):
        a = getattr(c, attr)
        if a is None:
            continue
        name = actor_in_era(a.name, date, country or a.country)
        if name and name != a.name:
            setattr(c, attr, replace(a, name=name))
    c.assoc1 = [actor_in_era(n, date, country) or n for n in c.assoc1]
    c.assoc2 = [actor_in_era(n, date, country) or n for n in c.assoc2]
    if c.actor1 is not None:
        c.assoc1 = [n for n in dict.fromkeys(c.assoc1) if n != c.actor1.name]
    if c.actor2 is not None:
        c.assoc2 = [n for n in dict.fromkeys(c.assoc2) if n != c.actor2.name]
    if c.actor1 is not None and c.actor2 is not None and c.actor1.name == c.actor2.name:
        c.actor2 = None


_NOW = frozenset({"now", "currently", "presently", "today", "at present"})
_APPOSITION_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM", "CCONJ", "PART", "ADV"})


def _ends_an_apposition(tok: Token, trigger: Token) -> bool:
    """"around Homs, the scene of an offensive by government forces last month": a name, a
    comma, a noun phrase with no verb (the small model may hang the date on the verb)."""
    sent = tok.sent
    k = tok.i - 1
    while k > sent.start and sent.doc[k].text != ",":
        if sent.doc[k].pos_ not in _APPOSITION_POS and sent.doc[k].tag_ != "HYPH":
            return False
        k -= 1
    first = sent.doc[k + 1] if k + 1 < tok.i else None
    # "the site of ...", "Yemen's biggest port and the site of ..."
    if k <= sent.start or first is None or sent.doc[k - 1].pos_ != "PROPN" or not (
            first.pos_ == "DET" or first.pos_ == "PROPN" and sent.doc[k + 2].tag_ == "POS"):
        return False
    return not (k < trigger.i < tok.i)


def _describes_a_noun(t: TimeMention, sent: Span, trigger: Token) -> bool:
    """The time dates a noun's description, not the event: "entered Qasr, held by the
    militia since its first advance in March", "bombarded Kherson, the target of a push
    two weeks ago" (an apposition on the way from the date to the trigger)."""
    tok = next((x for x in sent if t.start <= x.idx < t.end), None)
    if tok is None or t.text.lower() in _NOW:
        return False  # ("a militant, currently of MUJAO": the report's own day either way)
    if _ends_an_apposition(tok, trigger):
        return True
    above = {trigger.i, *(a.i for a in trigger.ancestors)}
    cur = tok
    while cur.i not in above and cur.head.i != cur.i:
        # (not "the attack, an ambush on Tuesday": the trigger's own apposition; not "Friday,
        # July 22": a date's)
        if cur.dep_ == "appos" and cur.head.i != trigger.i and cur.ent_type_ not in {"DATE", "TIME"}:
            return True
        cur = cur.head
    return False


def _pick_time_in_sentence(
    c: _Candidate,
    sent: Span,
    times: Sequence[TimeMention],
    other_spans: list[tuple[int, int]],
) -> None:
    own = _subtree_span(c.trigger)
    all_in_sent = [t for t in times if t.value is not None
                   and sent.start_char <= t.start < sent.end_char]
    reported = [t for t in all_in_sent if _report_date(t, sent, c.trigger)]
    in_sent = [t for t in all_in_sent if t not in reported and not _describes_a_noun(t, sent, c.trigger)]
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
            c.date_scope = "before" if scope == "sentence" and _told_as_earlier(
                c.time, sent, c.trigger) else scope
            return
    if reported:
        # "..., police said on Monday": it happened by then, the day itself is not said
        # (date_scope "before": the extractor drops it when that day is long past)
        t = reported[0]
        c.time = replace(t, precision=max(t.precision, 2))
        c.date_scope = "before" if _told_under(t, sent, c.trigger) else "sentence"


def _verb_of(t: TimeMention, sent: Span) -> Token | None:
    span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _told_under(t: TimeMention, sent: Span, trigger: Token) -> bool:
    """"villagers told journalists in June that army jets bombed their farms": the act is a clause the
    statement asserts (a verb under it), not a named past event ("said ... after the April
    bombing"), which keeps the statement's day as the latest it can be."""
    verb = _verb_of(t, sent)
    return verb is not None and trigger.pos_ == "VERB" and any(a.i == verb.i for a in trigger.ancestors)


def _told_as_earlier(t: TimeMention, sent: Span, trigger: Token) -> bool:
    """"took journalists in early June to a clinic that had been bombed": a past perfect under
    another verb happened before that verb's time, which does not date it."""
    if not any(ch.dep_ in {"aux", "auxpass"} and ch.lower_ in {"had", "'d"} for ch in trigger.children):
        return False
    verb = _verb_of(t, sent)
    return verb is not None and verb.i != trigger.i \
        and any(tok.i == verb.i for tok in trigger.ancestors)

def _report_date(t: TimeMention, sent: Span, trigger: Token) -> bool:
    """ "..., the minister said on Sunday": the day of the statement, not of the event."""
    verb = _verb_of(t, sent)
    if verb is None:
        return False
    # only a date after the verb ("said on Sunday"); in "retook the town Friday, a source
    # said" the parser may hang Friday on "said", but it dates the retaking
    return verb.i != trigger.i and verb.lemma_.lower() in STATEMENT_DATE_VERBS \
        and t.start > verb.idx

def _country_place(c: _Candidate, sent: Span, places: Sequence[PlaceMention],
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
