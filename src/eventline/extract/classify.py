"""Typing: a trigger class plus its arguments -> an ACLED sub-event type."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from ..actors import (
    ActorDictionary,
    generic_role,
)
from ..models import ActorMention
from ..taxonomy import EventType
from .lexicons import (
    AIR_WEAPONS,
    ARMED_SUBJECTS,
    CIVILIAN_TARGETS,
    EXPLOSIVE_SUBJECTS,
    GROUND_WEAPONS,
    HERITAGE_WORDS,
    INTERCEPTED,
    PLACE_OBJECT_NOUNS,
    POWER_NOUNS,
)
from .parse import (
    _PLACE_STARTS,
    _armed_object,
    _has_place_object,
    _head_actors,
    _is_person,
    _is_person_object,
    _np_words,
    _objects,
    _subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

BATTLES = EventType.BATTLES
ERV = EventType.ERV
VAC = EventType.VAC
PROTESTS = EventType.PROTESTS
RIOTS = EventType.RIOTS
SD = EventType.SD


def _classify(
    trig: "Token",
    cls: str,
    actors: Sequence[ActorMention],
    dictionary: ActorDictionary,
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
                    and trig.head.idx not in _PLACE_STARTS.get():
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
                    or _has_place_object(trig)):
                return None
        if lemma == "gain" and "control" not in obj_words:
            return None
        if cls == "takeover" and lemma in {"seize", "capture"} and (
            obj_words & {"power"} or ("control" in obj_words and obj_words & {"country", "government"})
        ):
            return SD, "Other"  # a coup: "seized power", "seized control of the country"
        if cls in {"takeover"} and not (obj_words & (PLACE_OBJECT_NOUNS | {"control"}) or _has_place_object(trig)):
            if obj_words & {"weapons", "arms", "ammunition", "explosives"}:
                return SD, "Disrupted weapons use"
            if _is_person_object(objs) and lemma in {"seize", "capture"}:
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
        if obj_words & HERITAGE_WORDS and not harmed and not any(_is_person(o) for o in objs) \
                and not _armed_object(objs, actors, dictionary):
            return SD, "Looting/property destruction"  # "attacked the tombs"
        if "hostages" in sent_words and cls == "attack":
            return VAC, "Abduction/forced disappearance"
        # "raided a house and killed two men": whom the attack killed says who was attacked
        killed = [o for t in trig.sent if t.pos_ == "VERB" and t.lemma_.lower() in {
            "kill", "wound", "injure", "shoot", "murder"} for o in _objects(t)]
        target_civ = (any(_is_person(o) for o in objs) or obj_words & CIVILIAN_TARGETS
                      or sent_words & {"civilians", "villagers", "worshippers", "passengers", "pupils",
                                       "students", "shoppers", "residents"}
                      or killed and all(_is_person(o) for o in killed)
                      and not _armed_object(killed, actors, dictionary)) \
            and not _armed_object(objs, actors, dictionary)
        if target_civ and cls == "attack":
            return VAC, "Attack"
        if "suicide" in sent_words:
            return ERV, "Suicide bomb"
        return BATTLES, "Armed clash"

    if cls == "harm" and trig.lemma_.lower() == "shoot" and "down" in prts:
        # "air defences shot down 12 drones": an interception, not an attack on people
        if obj_words & INTERCEPTED or not any(_is_person(o) for o in objs):
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
        if _has_place_object(trig) or obj_words & PLACE_OBJECT_NOUNS:
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
            if _has_place_object(trig) or any(c.dep_ == "prep" for c in trig.children):
                return SD, "Change to group/activity"
        return None
    return None
