"""How many died: the fatalities of the event a report leads with, as an ACLED coder counts
them (the dead only, both sides, 0 when no one died), on sentences written for these tests
from several conflicts (Mali, Burkina Faso, Nigeria, DR Congo, Somalia, South Sudan)."""

from __future__ import annotations

import pytest

import eventline


def dead(text: str, published: str = "2021-03-10") -> int:
    events = eventline.extract(text, published=published, source="Test Wire")
    assert events, f"no event in {text!r}"
    return min(events, key=lambda e: min(s.start for s in e.sources)).fatalities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the toll in the sentence after the one that tells the event
        ("Gunmen stormed a market in Djibo on Monday. Six traders were killed.", 6),
        ("Militants overran an army post near Douentza on Friday. Two soldiers killed, "
         "four wounded.", 2),
        # the attackers' dead count too
        ("Three soldiers and four assailants were killed when militants attacked a "
         "checkpoint near Mopti on Monday.", 7),
        ("Troops repelled an assault on their base near Beni on Sunday, killing nine of "
         "the attackers; one soldier also died.", 10),
        # bodies found
        ("The bodies of five fishermen were found near Tenenkou on Friday after an attack "
         "by gunmen.", 5),
        # every killing verb, singular victims and coordinated ones
        ("Gunmen assassinated the deputy mayor of Kaya on Monday.", 1),
        ("A village chief assassinated by armed men near Gao on Wednesday.", 1),
        ("A trader was kidnapped and shot dead near Kidal on Monday.", 1),
        ("Bandits killed a farmer and his two sons near Makurdi on Sunday.", 3),
        # how many were killed, not how many did the killing
        ("Two gunmen shot dead a shopkeeper in Bunia on Monday.", 1),
        # "at least" and ranges keep their lower figure
        ("At least 12 people were killed in clashes near Kapoeta on Monday.", 12),
        ("Soldiers killed between four and seven insurgents near Goma on Tuesday.", 4),
        # a list of counts before one verb
        ("Gunmen stormed a police station in Kaya on Monday: 3 officers, 1 cleaner and "
         "2 attackers killed, 5 wounded.", 6),
        # a toll after a sentence on the incident's course
        ("Militants attacked the village of Tin Hama near Gao on Sunday. Villagers fought "
         "back with hunting rifles. Four villagers were killed.", 4),
        # more dead in the next sentence
        ("A rebel commander was killed by soldiers near Beni on Monday. Two of his guards "
         "also died.", 3),
        ("The raid near Kidal on Friday resulted in the killing of a militant leader, the "
         "army said.", 1),
    ],
)
def test_the_dead_are_counted_as_acled_counts_them(text, expected):
    assert dead(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers in words, hyphenated: one number, not the range 20..4
        ("Gunmen attacked the village of Kalema near Beni on Monday and killed twenty-four "
         "farmers.", 24),
        ("Thirty-one soldiers were killed when militants overran a base near Tillaberi on "
         "Sunday.", 31),
        # a list of the dead: every count and every one named in it (ACLED sums all sides)
        ("Bandits attacked a bus near Gusau on Friday, killing three policemen and two "
         "traders.", 5),
        ("Militants ambushed a patrol near Kapoeta on Sunday, killing two soldiers and a "
         "child.", 3),
        ("Gunmen attacked a police post in Djibo on Monday, killing two officers, a driver and "
         "four civilians.", 7),
        # the wounded who died afterwards
        ("Gunmen ambushed a truck near Kismayo on Tuesday, wounding three passengers; one "
         "succumbed to his wounds.", 1),
        ("Militants attacked a checkpoint near Mopti on Monday. One soldier was wounded and "
         "later succumbed to his wounds.", 1),
        ("Gunmen killed two soldiers near Kidal on Monday; a third soldier later died of his "
         "injuries.", 3),
        ("Militants raided a base near Beni on Monday. Two soldiers were killed and five "
         "wounded; two of the wounded later died.", 4),
        ("Gunmen shot a teacher in Maiduguri on Friday. He died in hospital.", 1),
        ("Unknown gunmen clashed with a guard in Bunia on Sunday. The guard died.", 1),
        # found dead, left dead, beaten to death, executed after being taken
        ("A trader abducted by militants near Gao on Monday was later found dead.", 1),
        ("An attack on a convoy near Tillaberi on Monday left the driver dead.", 1),
        ("On Sunday soldiers beat a detainee to death near Bor.", 1),
        ("Soldiers arrested five herders near Djenne on Monday and executed them.", 5),
        # a toll opening the next paragraph; "a lot of people" read like "many"
        ("Militiamen shelled a market in Bentiu on Friday.\nFour traders were killed.", 4),
        ("Militiamen shelled a market in Bentiu on Friday.\n\nA lot of people have been "
         "killed.", 10),
        # the attackers' dead told after the defenders': "four of the attackers" are more dead
        ("Troops were ambushed near Timbuktu on Monday. One gendarme was killed and one was "
         "injured; four of the attackers were killed.", 5),
        ("Militiamen attacked the village of Borko on Monday, killing one imam and four of his "
         "students.", 5),
        ("A militant detonated a car bomb against a convoy near Hagana on Monday, killing "
         "himself and two soldiers.", 3),
        # two verbs, one victim
        ("A trader was kidnapped and shot dead near Kidal on Monday.", 1),
        ("On Monday soldiers killed and buried a herder near Sofara.", 1),
        # a terse report: the subject of a killing with no object is its victim
        ("Soldier killed in an ambush east of Timbuktu on Monday.", 1),
    ],
)
def test_families_of_tolls_as_acled_counts_them(text, expected):
    assert dead(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no one died
        ("Militants shelled a base near Kidal on Sunday; no casualties were reported.", 0),
        ("Gunmen attempted to assassinate the mayor of Segou on Monday.", None),
        # the wounded, the taken and the animals are not dead
        ("Rebels kidnapped ten children and killed two others near Beni on Monday.", 2),
        ("Raiders killed forty cows near Kapoeta on Monday.", 0),
        ("Gunmen killed three soldiers and wounded five near Gao on Friday.", 3),
        # a number that names a thing
        ("Gunmen attacked Checkpoint 7 near Goma on Monday, killing two soldiers.", 2),
        # a killing it avenged is another event
        ("Soldiers shot dead five men in Gao on Monday in revenge for the killing of one of "
         "their comrades.", 5),
        # no one died, said in so many words
        ("A grenade was thrown at a bar in Gao on Saturday. No one died in the blast.", 0),
        # the dead of an earlier incident the sentence recalls
        ("Two herders were killed by a landmine near Douentza on Monday, close to where "
         "another mine had killed a soldier earlier in the month.", 2),
        # a breakdown in brackets repeats the dead
        ("Gunmen killed six villagers in two hamlets near Bandiagara on Monday (4 in one, "
         "2 in the other).", 6),
        # the wounded who survived, a death not said, the dead of no one counted
        ("Gunmen ambushed a truck near Kismayo on Tuesday, wounding three passengers; one "
         "was flown to hospital.", 0),
        ("Gunmen clashed with a guard in Bunia on Sunday. The guard did not die.", 0),
        ("Gunmen killed in Kaduna on Monday were buried on Tuesday.", 0),
        # an apposition is no list of the dead: "a convoy, 9 militants" counts 9, not 10
        ("Militants ambushed a convoy near Menaka on Monday, 9 militants and 3 guards were "
         "killed and 3 guards were wounded.", 12),
        # a toll a paragraph on with a day of its own is another incident's; a lot of damage
        # is no one dead
        ("Militiamen shelled a market in Bentiu on Friday.\nOn Sunday, four traders were "
         "killed.", 0),
        ("Militiamen shelled a market in Bentiu on Friday, causing a lot of damage.", 0),
        ("Militiamen attacked a village near Naye on Monday; several of their cattle were "
         "killed by gunfire.", 0),
        ("Gunmen killed and burned a truck driver's goats near Jos on Monday.", 0),
        # "two of the dead" are part of the count
        ("Gunmen killed twelve people near Jos on Monday; two of the dead were children.", 12),
        # a running total the event adds to, the dead of the day before
        ("Yesterday another soldier was killed near Ramadi, adding to the 21 who died in "
         "attacks last week.", 1),
        ("Gunmen killed four villagers near Jos on Monday, bringing the death toll this week "
         "to 30.", 4),
        ("Rebels said they fought troops near Misrata on Wednesday and eight people had been "
         "killed the previous day.", 0),
        # the next sentence's toll is another incident's when it has its own day and doer
        ("Gunmen raided a village near Gao on Monday. On Wednesday, soldiers killed six "
         "militants near Menaka.", 0),
    ],
)
def test_what_is_not_a_death_of_the_event_is_not_counted(text, expected):
    events = eventline.extract(text, published="2021-03-10", source="Test Wire")
    if expected is None:
        assert all(e.fatalities == 0 for e in events)  # an attempt: no death, maybe no event
    else:
        assert dead(text) == expected


def test_an_event_with_no_deaths_stated_exports_zero_not_blank(tmp_path):
    events = eventline.extract("Protesters marched through Bamako on Friday against the "
                               "price of fuel.", published="2021-03-10", source="Test Wire")
    assert events and events[0].fatalities == 0
