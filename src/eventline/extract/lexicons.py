"""The extract stage's word lists, loaded once from ``lexicons/*.toml``.

Each list has one home: the TOML file names it, this module exposes it as a
frozenset (or a mapping) under the upper-case name the code uses.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).with_name("lexicons")


def _load(name: str) -> dict[str, Any]:
    with (LEXICON_DIR / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def _classes(table: dict[str, list[str]]) -> dict[str, str]:
    """``{class: [words]}`` -> ``{word: class}``; a word listed twice is an error."""
    out: dict[str, str] = {}
    for cls, words in table.items():
        for w in words:
            if w in out:
                raise ValueError(f"[E401] lexicon word {w!r} is in two classes "
                                 f"({out[w]!r}, {cls!r}). Keep it in one.")
            out[w] = cls
    return out


_TRIGGERS = _load("triggers")
_FACT = _load("factuality")
_WORDS = _load("words")
_NUMBERS = _load("numbers")

VERB_TRIGGERS: dict[str, str] = _classes(_TRIGGERS["verb_triggers"])
NOUN_TRIGGERS: dict[str, str] = _classes(_TRIGGERS["noun_triggers"])
IRREGULAR_FORMS: dict[str, str] = dict(_TRIGGERS["irregular_forms"])
NOUN_EVENT_VERBS = frozenset(_TRIGGERS["noun_event_verbs"])
ENDURED_FRAMES: dict[str, frozenset[str]] = {
    prep: frozenset(heads) for prep, heads in _TRIGGERS["endured_frames"].items()}
ENDURED_NOUNS: dict[str, str] = dict(_TRIGGERS["endured_nouns"])
FIRE_WEAPONS = frozenset(_TRIGGERS["fire_weapons"])
REPORT_PASSIVES = frozenset(_TRIGGERS["report_passives"])
FIRE_TARGETS = frozenset(_TRIGGERS["fire_targets"])
NOUN_LIGHT_VERBS = frozenset(_TRIGGERS["noun_light_verbs"])
FINDING_VERBS = frozenset(_TRIGGERS["finding_verbs"])
FOUND_DEAD = frozenset(_TRIGGERS["found_dead"])

NONFACTIVE_HEADS = frozenset(_FACT["nonfactive_heads"])
HEDGES = frozenset(_FACT["hedges"])
ASPECTUAL = frozenset(_FACT["aspectual"])
MODALS = frozenset(_FACT["modals"])
REPORTING_VERBS = frozenset(_FACT["reporting_verbs"])
STATEMENT_DATE_VERBS = frozenset(_FACT["statement_date_verbs"])
REPORTED_CLAUSE_VERBS = frozenset(_FACT["reported_clause_verbs"])
STATIVE_VERBS = frozenset(_FACT["stative_verbs"])
FIRST_PERSON = frozenset(_FACT["first_person"])
COUNT_NOUNS = frozenset(_FACT["count_nouns"])

PLACE_OBJECT_NOUNS = frozenset(_WORDS["place_object_nouns"])
POWER_NOUNS = frozenset(_WORDS["power_nouns"])
CIVILIAN_WORDS = frozenset(_WORDS["civilian_words"])
HERITAGE_WORDS = frozenset(_WORDS["heritage_words"])
AIR_WEAPONS = frozenset(_WORDS["air_weapons"])
GROUND_WEAPONS = frozenset(_WORDS["ground_weapons"])
INTERCEPTED = frozenset(_WORDS["intercepted"])
CIVILIAN_TARGETS = frozenset(_WORDS["civilian_targets"])
ARMED_SUBJECTS = frozenset(_WORDS["armed_subjects"])
CROWD_WEAPONS = frozenset(_WORDS["crowd_weapons"])
CROWD_WORDS = frozenset(_WORDS["crowd_words"])
MILITARY_OBJECTS = frozenset(_WORDS["military_objects"])
EXPLOSIVE_SUBJECTS = frozenset(_WORDS["explosive_subjects"])
MOTION_VERBS = frozenset(_WORDS["motion_verbs"])
CLAIMING_VERBS = frozenset(_WORDS["claiming_verbs"])

DEATH_WORDS = frozenset(_NUMBERS["death_words"])
WOUND_WORDS = frozenset(_NUMBERS["wound_words"])
COUNTED_PEOPLE = CIVILIAN_WORDS | frozenset(_NUMBERS["counted_people_extra"])
VAGUE_NUMBERS: dict[str, int] = dict(_NUMBERS["vague_numbers"])
WORD_NUMBERS: dict[str, int] = dict(_NUMBERS["word_numbers"])
