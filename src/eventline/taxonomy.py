"""ACLED's taxonomy, spelled as ACLED spells it: event types, sub-event types, inter codes.

The one home of these names: code uses the enum members, never the raw strings.
Members are ``str``/``int`` subclasses, so they compare, hash and serialise as
the values ACLED uses::

    >>> SubEventType.ARMED_CLASH.event_type
    <EventType.BATTLES: 'Battles'>
    >>> SubEventType("Grenade").event_type == "Explosions/Remote violence"
    True
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class EventType(StrEnum):
    BATTLES = "Battles"
    ERV = "Explosions/Remote violence"
    VAC = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    SD = "Strategic developments"


class SubEventType(StrEnum):
    # Battles
    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS = "Government regains territory"
    NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
    # Explosions/Remote violence
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    # Violence against civilians
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    # Protests
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE = "Excessive force against protesters"
    # Riots
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    # Strategic developments
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP = "Change to group/activity"
    DISRUPTED_WEAPONS = "Disrupted weapons use"
    BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"

    @property
    def event_type(self) -> EventType:
        """The event type this sub-event type belongs to."""
        return _TYPE_OF[self]


_S = SubEventType
_TYPE_OF: dict[SubEventType, EventType] = {
    **dict.fromkeys((_S.ARMED_CLASH, _S.GOVERNMENT_REGAINS, _S.NON_STATE_OVERTAKES),
                    EventType.BATTLES),
    **dict.fromkeys((_S.CHEMICAL_WEAPON, _S.AIR_DRONE_STRIKE, _S.SUICIDE_BOMB, _S.SHELLING,
                     _S.REMOTE_EXPLOSIVE, _S.GRENADE), EventType.ERV),
    **dict.fromkeys((_S.SEXUAL_VIOLENCE, _S.ATTACK, _S.ABDUCTION), EventType.VAC),
    **dict.fromkeys((_S.PEACEFUL_PROTEST, _S.PROTEST_WITH_INTERVENTION, _S.EXCESSIVE_FORCE),
                    EventType.PROTESTS),
    **dict.fromkeys((_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE), EventType.RIOTS),
    **dict.fromkeys((_S.AGREEMENT, _S.ARRESTS, _S.CHANGE_TO_GROUP, _S.DISRUPTED_WEAPONS,
                     _S.BASE_ESTABLISHED, _S.LOOTING, _S.NON_VIOLENT_TRANSFER, _S.OTHER),
                    EventType.SD),
}


class Inter(IntEnum):
    """ACLED's actor categories, the ``inter1``/``inter2`` codes (stored as plain ints)."""

    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER_FORCES = 8


INTER_LABELS: dict[Inter, str] = {
    Inter.STATE_FORCES: "State forces",
    Inter.REBEL_GROUPS: "Rebel groups",
    Inter.POLITICAL_MILITIAS: "Political militias",
    Inter.IDENTITY_MILITIAS: "Identity militias",
    Inter.RIOTERS: "Rioters",
    Inter.PROTESTERS: "Protesters",
    Inter.CIVILIANS: "Civilians",
    Inter.EXTERNAL_OTHER_FORCES: "External/Other forces",
}

# Armed organised actors (what can fight a battle)
ARMED_INTERS = frozenset({Inter.STATE_FORCES, Inter.REBEL_GROUPS, Inter.POLITICAL_MILITIAS, Inter.EXTERNAL_OTHER_FORCES})
STATE_INTERS = frozenset({Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES})
CROWD_INTERS = frozenset({Inter.RIOTERS, Inter.PROTESTERS})

# ACLED's event types with their sub-event types, in ACLED's order
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    et.value: tuple(s.value for s in SubEventType if _TYPE_OF[s] is et) for et in EventType
}
SUB_EVENT_TYPE_TO_TYPE: dict[str, str] = {s.value: _TYPE_OF[s].value for s in SubEventType}
