"""Event detection on real reporting: which sentences become events, and how many.

Each family has sentences that must give an event and sentences that must not;
all are written for these tests (several conflicts, several forms).
"""

from __future__ import annotations

import pytest

import eventline
from eventline.settings import load_settings

PUBLISHED = "2021-05-07"


def _subs(text: str, *, typer: bool = True) -> list[str]:
    settings = None if typer else {**load_settings(), "typer_model": "none"}
    return [e.sub_event_type for e in eventline.extract(text, published=PUBLISHED,
                                                         settings=settings)]


# --------------------------------------------------------------------------- event notes


@pytest.mark.parametrize("text", [
    # the last line of a note or brief often ends without a stop
    "Two soldiers were killed when their truck struck a mine near Tessalit",
    "Gunmen on motorbikes attacked a cattle market in Zamfara, killing nine traders",
])
def test_a_closing_line_without_a_stop_is_read(text: str) -> None:
    assert len(_subs(text)) == 1


def test_a_headline_without_a_stop_above_the_body_is_not() -> None:
    text = "Police clash with miners in Rustenburg\nThe talks entered their third week on Monday."
    assert _subs(text) == []


# --------------------------------------------------------------------------- words the small model lemmatises wrongly


@pytest.mark.parametrize("text", [
    "On Tuesday, about forty nurses staged a demonstration outside a hospital in Lilongwe.",
    "Taxi drivers are staging a protest in central Harare on Monday.",
])
def test_staged_protests_are_found_by_the_rules(text: str) -> None:
    assert _subs(text, typer=False) == ["Peaceful protest"]


# --------------------------------------------------------------------------- passives that name the weapon


@pytest.mark.parametrize("text", [
    "Mortar rounds were fired on Kidal on Monday.",
    "Several rockets were fired at the airport of Goma on Sunday.",
])
def test_weapons_fired_in_the_passive_are_shelling(text: str) -> None:
    assert _subs(text, typer=False) == ["Shelling/artillery/missile attack"]


def test_a_rocket_launched_into_orbit_is_no_attack() -> None:
    assert _subs("A new rocket was launched into orbit from Kourou on Sunday.", typer=False) == []


# --------------------------------------------------------------------------- the typer after a weak rejection


def test_a_participle_or_a_catch_all_veto_leaves_the_typer_its_say() -> None:
    # "hit" with no weapon the rules know ("a landmine" they now type themselves), "killing"
    # no clause of its own: the typer reads it
    text = "A truck carrying soldiers hit a buried charge near Gao on Friday, killing four."
    assert _subs(text) == ["Remote explosive/landmine/IED"]
    assert _subs(text, typer=False) == []


@pytest.mark.parametrize("text", [
    "A storm hit the coast of Mozambique on Monday, killing four.",
    "He was fired from his job at the mine in Tarkwa on Monday.",
    "A trader arrived in Lodwar on Monday and bought a car.",
])
def test_no_event_where_no_armed_actor_is_meant(text: str) -> None:
    assert _subs(text) == []


# --------------------------------------------------------------------------- running totals and generic violence


@pytest.mark.parametrize("text", [
    "Since then, the militia has attacked dozens of villages in Ituri.",
    "The rebels have captured four towns in Cabo Delgado to date.",
    "In a region scarred by sectarian bombings, the town of Baquba was quiet on Monday.",
])
def test_totals_and_kinds_of_violence_are_no_incident(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("The militia attacked a village in Ituri on Monday.", "Attack"),
    ("The market in Baquba was shattered by a bombing on Monday.",
     "Remote explosive/landmine/IED"),
])
def test_the_incident_itself_is_an_event(text: str, sub: str) -> None:
    assert _subs(text) == [sub]


# --------------------------------------------------------------------------- several places, several events


@pytest.mark.parametrize(("text", "places"), [
    ("Rebels occupied Zintan and Nalut on Monday.", ["Zintan", "Nālūt"]),
    ("Police dispersed crowds in Kano, in Kaduna and in the Zaria area on Friday.",
     ["Kano", "Kaduna", "Zaria"]),
    ("Protesters marched in Homs, Hama and Aleppo on Friday.", ["Homs", "Aleppo"]),  # Hama: a province
])
def test_a_list_of_towns_gives_an_event_in_each(text: str, places: list[str]) -> None:
    events = eventline.extract(text, published=PUBLISHED)
    assert sorted(e.location or "" for e in events) == sorted(places)  # one event per town
    assert len({e.sub_event_type for e in events}) == 1


@pytest.mark.parametrize("text", [
    "Fighting erupted between Gao and Kidal on Monday.",  # a front between two towns
    "Rebels from Gao attacked Kidal on Monday.",  # where they came from
    "Soldiers ambushed a convoy on the road from Gao and Ansongo on Monday.",
])
def test_towns_that_are_no_list_of_event_places_give_one_event(text: str) -> None:
    assert len(eventline.extract(text, published=PUBLISHED)) == 1


def test_the_toll_of_a_list_of_towns_is_shared_between_their_events() -> None:
    # ACLED's convention: a toll reported over several places without a breakdown is divided
    # evenly between their events, so the dataset's total stays the reported one.
    events = eventline.extract("Troops killed nine protesters in Kano and Kaduna on Friday.",
                               published=PUBLISHED)
    assert sorted(e.fatalities_best or 0 for e in events) == [4, 5]
    assert sum(e.fatalities_best or 0 for e in events) == 9


# --------------------------------------------------------------------------- reports of events, and of none


def test_a_reported_event_noun_is_the_event() -> None:
    assert _subs("Witnesses reported heavy fighting in Kismayo on Monday.", typer=False) == [
        "Armed clash"]


@pytest.mark.parametrize("text", [
    "The army reported no clashes in Kismayo on Monday.",
    "Police said no protests took place in Lusaka on Monday.",
])
def test_an_event_noun_with_no_is_no_event(text: str) -> None:
    assert _subs(text) == []


def test_the_dateline_town_is_not_the_event_place() -> None:
    text = ("NAIROBI -LRB- Reuters -RRB- - Soldiers shot dead four protesters during a march "
            "in Kampala on Friday , witnesses said .")
    assert [e.location for e in eventline.extract(text, published=PUBLISHED)] == ["Kampala"]


# --------------------------------------------------------------------------- what counts as done


@pytest.mark.parametrize(("text", "sub"), [
    # the purpose of a crowd that gathered is the protest it held
    ("Students gathered outside the parliament in Lusaka on Tuesday to protest against fees.",
     "Peaceful protest"),
    # an attack that failed is coded as one
    ("On Friday, gunmen attempted to attack a police post in Garissa but were repelled.",
     "Armed clash"),
    # "set ablaze" is no plan ("set to attack" is)
    ("On Sunday, militiamen attacked the village of Kamba, and houses were set ablaze.", "Attack"),
])
def test_acts_whose_wording_looks_unreal_but_happened(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


@pytest.mark.parametrize("text", [
    "The unions plan to protest in Kisumu on Monday.",
    "The rebels are set to attack Goma on Monday, a spokesman warned.",
])
def test_plans_stay_plans(text: str) -> None:
    assert _subs(text) == []


# --------------------------------------------------------------------------- background told to place the news


@pytest.mark.parametrize("text", [
    "More than 200 people have died since clashes broke out in the Kasai in March.",
    "Since rebels captured Bunia in June, aid groups have left the town.",
    "Forty soldiers have been killed in Somalia, according to the latest army figures.",
])
def test_the_start_of_a_period_and_official_tallies_are_no_incident(text: str) -> None:
    assert _subs(text) == []


def test_the_past_of_a_person_named_is_background() -> None:
    text = ("In Kampala, hundreds marched at the funeral of Daniel Okello, who was shot by "
            "police during a protest last week.")
    assert _subs(text) == ["Peaceful protest"]  # the march; not the shooting of last week


def test_a_relative_clause_of_an_unnamed_noun_is_still_an_event() -> None:
    text = "Police arrested a man who had attacked a bus in Mombasa on Monday."
    assert sorted(_subs(text, typer=False)) == ["Arrests", "Attack"]


# --------------------------------------------------------------------------- one incident, every sentence that tells it


def test_sentences_that_refer_back_to_the_incident_are_its_sources() -> None:
    text = ("A car bomb exploded outside a police station in Mogadishu on Sunday, killing six "
            "people.\n\nPolice released a photo of a man wanted in connection with the blast.\n\n"
            "No group has said it was behind the explosion.")
    events = eventline.extract(text, published=PUBLISHED)
    assert len(events) == 1
    quotes = [s.quote for s in events[0].sources]
    assert len(quotes) == 3 and quotes[0].startswith("A car bomb exploded")


def test_a_reference_of_another_kind_is_not_attached() -> None:
    text = ("Thousands of teachers marched in Harare on Monday to demand higher pay.\n\n"
            "The explosion at a mine near Bindura on Sunday was an accident, police said.")
    events = eventline.extract(text, published=PUBLISHED)
    assert [len(e.sources) for e in events] == [1]  # "the explosion" is no protest


def test_a_headline_is_a_source_of_the_body_event_never_an_event_of_its_own() -> None:
    text = ("Gunmen kill nine in Zamfara market raid\n"
            "Gunmen on motorbikes attacked a cattle market in Zamfara state on Sunday, killing "
            "nine traders, police said.")
    events = eventline.extract(text, published=PUBLISHED)
    assert len(events) == 1
    assert [s.quote for s in events[0].sources][-1] == "Gunmen kill nine in Zamfara market raid"
    assert eventline.extract("Gunmen kill nine in Zamfara market raid\nMarkets reopened on "
                             "Monday.", published=PUBLISHED) == []


def test_the_toll_told_in_the_next_sentence_is_a_source_of_the_event() -> None:
    text = ("Gunmen attacked a bus near Mandera on Tuesday, killing eleven passengers. "
            "Four of those killed were teachers travelling home.")
    events = eventline.extract(text, published=PUBLISHED)
    assert len(events) == 1 and len(events[0].sources) == 2
    other = ("Gunmen attacked a bus near Mandera on Tuesday, killing eleven passengers. "
             "Four teachers were killed in Garissa on Monday.")
    assert len(eventline.extract(other, published=PUBLISHED)) == 2  # another town: another event


# --------------------------------------------------------------------------- crowds are no armed side


@pytest.mark.parametrize("text", [
    "Police clashed with protesters in Lagos on Monday.",
    "Protesters and police clashed in Dakar on Friday.",
])
def test_a_clash_with_a_crowd_is_a_riot(text: str) -> None:
    assert _subs(text, typer=False) == ["Violent demonstration"]


def test_a_clash_of_armed_sides_stays_a_battle() -> None:
    assert _subs("Soldiers clashed with rebels in Goma on Monday.", typer=False) == ["Armed clash"]


def test_a_list_whose_first_name_is_read_abroad_stays_in_the_articles_country() -> None:
    # "Lima" is read as Peru's capital; the list and the sentence are Algerian
    events = eventline.extract("Crowds marched in Lima, Oran and Constantine in Algeria on Friday.",
                               published=PUBLISHED)
    assert [(e.location, e.country) for e in events] == [("Oran", "Algeria"),
                                                         ("Constantine", "Algeria")]


def test_a_compound_reference_and_a_one_sentence_paragraph_still_refer_back() -> None:
    text = ("Gunmen shot dead a provincial governor in Kandahar on Monday.\n\n"
            "Two of his guards were also killed.\n\n"
            "Police have arrested no one over the assassination attempt, officials said.")
    events = eventline.extract(text, published=PUBLISHED)
    assert len(events) == 1 and len(events[0].sources) == 3


# --------------------------------------------------------------------------- protest phrasings of their own


@pytest.mark.parametrize(("text", "sub"), [
    ("Police turned water cannon on students outside the university in Nairobi on Monday.",
     "Protest with intervention"),
    ("Nurses held up placards reading 'Pay us' outside the hospital in Harare on Tuesday.",
     "Peaceful protest"),
    ("In the village of Kamba, people carried banners against the mine on Sunday.",
     "Peaceful protest"),
])
def test_placards_and_water_cannon_are_read_by_the_rules(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


@pytest.mark.parametrize("text", [
    "Fans waved banners at the stadium in Lagos on Sunday.",
    "He turned the gas on in the kitchen of his home in Lagos on Sunday.",
])
def test_banners_and_gas_without_a_crowd_are_no_protest(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("A rally was staged in Accra on Saturday by the opposition.", "Peaceful protest"),
    ("Protests were held in Conakry on Friday.", "Peaceful protest"),
])
def test_an_event_noun_of_a_passive_light_verb_is_the_event(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


def test_a_district_and_its_city_are_one_place_of_a_list() -> None:
    text = "Protests were held on Friday in the Yarmouk district of Damascus, Latakia and Homs."
    events = eventline.extract(text, published=PUBLISHED)
    assert len(events) == 3  # the district (not also Damascus), Latakia, Homs
    assert "Damascus" not in [e.location for e in events]


@pytest.mark.parametrize(("text", "sub"), [
    ("On Tuesday, the rebel group claimed to have ambushed an army patrol near Menaka.", "Armed clash"),
    ("On 3 June, the militia admitted to have kidnapped two traders near Djenne.",
     "Abduction/forced disappearance"),
    ("On Friday, the rebel group admitted killing three soldiers near Kidal.", "Armed clash"),
])
def test_an_act_its_doer_claims_is_the_act(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


@pytest.mark.parametrize("text", [
    "On Monday, the militants threatened to attack the town of Gao.",
    "The rebels plan to have seized Kidal by the end of the month.",
    "The rebels may claim to have seized Kidal on Monday.",
    "Fifty more fighters were said to have arrived in the town of Gao on Monday.",
    "On Friday, the rebel group denied killing three soldiers near Kidal.",
])
def test_a_threat_or_a_plan_is_still_no_event(text: str) -> None:
    assert _subs(text, typer=False) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("On Saturday, gunmen repeatedly stabbed a trader at the market of Mopti.", "Attack"),
    ("On 12 May, a soldier repeatedly struck a protester with a baton in Bamako.",
     "Excessive force against protesters"),
])
def test_repeated_blows_of_one_dated_act_are_one_event(text: str, sub: str) -> None:
    assert _subs(text) == [sub]  # a habit would veto the typer too


@pytest.mark.parametrize("text", [
    "Gunmen have repeatedly attacked the market of Mopti.",
    "Gunmen repeatedly attacked villages around Mopti in those years.",
    "Gunmen repeatedly attacked villages around Mopti.",
])
def test_a_repeated_act_without_one_date_is_a_habit(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize("text", [
    "On Friday, thousands gathered outside the parliament in Accra protesting against the fuel price.",
    "On Monday, hundreds of traders took to the streets of Kano protesting the new market tax.",
])
def test_a_crowd_protesting_as_it_gathers_is_a_protest(text: str) -> None:
    assert _subs(text, typer=False) == ["Peaceful protest"]


def test_one_official_protesting_as_he_leaves_is_no_protest() -> None:
    assert _subs("The minister left the meeting in Accra on Friday, protesting the decision.") == []


# --------------------------------------------------------------------------- periods and counts


@pytest.mark.parametrize("text", [
    # a period summed up: an incident takes a day, a week, at most a month
    "Between March and September last year, 2,400 civilians were killed in Darfur.",
    "Burundi went through years of unrest before Pierre Buyoya seized power in 1987.",
    "Between March and September last year, 2,400 civilians were wounded and 600 killed in "
    "Darfur.",
    # counts: of the harmed, split by place over a career, a share of a total
    "Aid groups put the number of people wounded in the Kasai since June 2018 at 300.",
    "The sniper said he had shot 30 men in Aleppo, 12 in Homs and two in Raqqa.",
    "The governor has reported that 2,000 of the town's 9,000 houses were burned down.",
])
def test_a_period_or_a_count_is_no_incident(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("Rebels seized the town of Kidal between 3 and 5 June.",
     "Non-state actor overtakes territory"),
    # a day of its own is an incident told, however long ago
    ("On 13 September 1974, a bomb exploded in a cafe in Madrid, killing 13 people.",
     "Remote explosive/landmine/IED"),
    # one incident told in a clause of its year
    ("It was the deadliest attack on the army in Mali since 2019, when militants killed 50 "
     "soldiers in Boulkessi.", "Armed clash"),
    # the year of a noun's own story is no time of the event
    ("A cook was killed during a prison escape in Niamey led by a militant who had taken "
     "part in the 2016 kidnapping.", "Attack"),
])
def test_a_dated_incident_stays_an_event(text: str, sub: str) -> None:
    assert _subs(text) == [sub]


def test_a_count_split_by_place_on_one_day_is_still_an_incident() -> None:
    assert _subs("Troops killed nine protesters in Kano and three in Kaduna on Friday.") == [
        "Excessive force against protesters"]


def test_a_jet_named_by_a_year_does_not_date_the_event_out_of_the_news() -> None:
    text = "On 16 October, soldiers backed by Mirage 2000 jets clashed with militants near Ndaki."
    assert _subs(text) == ["Armed clash"]


# --------------------------------------------------------------------------- voices that tell no incident


@pytest.mark.parametrize("text", [
    # the writer's own voice, with no date: an op-ed, a letter, a speech
    "Our villages have been burned and our children killed in their beds.",
    "We also fought the new labour code in every factory.",
    # the simple present of a kind of people, or of what goes on
    "Militants attack villages near Gao.",
    "Human rights groups continue to report the torture of detainees in Juba.",
])
def test_rhetoric_and_habits_are_no_incident(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("We were attacked near Bunia on Monday.", "Armed clash"),
    ("\"We captured Kidal,\" a rebel spokesman said.", "Non-state actor overtakes territory"),
    # a note in the present tense still reports one incident
    ("A military vehicle strikes a mine near Tessalit.", "Remote explosive/landmine/IED"),
    ("Fighting continues in Homs.", "Armed clash"),
])
def test_a_dated_or_quoted_or_single_act_is_still_an_event(text: str, sub: str) -> None:
    assert _subs(text) == [sub]


# --------------------------------------------------------------------------- stories told beside the news


@pytest.mark.parametrize(("text", "subs"), [
    # whose past is told: the parser may miss the relative clause, not its "whose"
    ("Hundreds marched in Nairobi on Monday behind Mary Wanjiru, whose son Peter was killed "
     "by police in Kisumu in March.", ["Peaceful protest"]),
    # a when-clause under a present-tense story
    ("The militia's radio celebrates the night when six soldiers were killed in an ambush "
     "near Beni.", []),
    ("Five soldiers were killed when militants ambushed their convoy near Beni on Monday.",
     ["Armed clash"]),
    # "among those killed": a part of a toll told elsewhere
    ("Two teachers were among those killed in Kano.", []),
    ("A child was among those killed when gunmen attacked a village near Djibo on Sunday.",
     ["Attack"]),
])
def test_a_story_told_beside_the_news_is_not_its_event(text: str, subs: list[str]) -> None:
    assert _subs(text) == subs


# --------------------------------------------------------------------------- notes written like headlines


@pytest.mark.parametrize(("text", "sub"), [
    ("Police officer shot dead by unidentified gunmen near Garissa", "Attack"),
    ("Village chief abducted by armed men near Tillaberi yesterday",
     "Abduction/forced disappearance"),
    ("Two traders killed and a driver abducted by gunmen in Zamfara", None),
    ("Boko Haram took ten fishermen hostage", "Abduction/forced disappearance"),
    ("Heavy fighting between Shabaab militants and Kenyan troops near Kolbio", "Armed clash"),
])
def test_a_one_line_note_written_like_a_headline_is_read(text: str, sub: str | None) -> None:
    subs = _subs(text, typer=False)
    assert len(subs) == 1 and (sub is None or subs == [sub])


@pytest.mark.parametrize("text", [
    # a headline above a body, and a link under an article, stay unread
    "Police officer shot dead by gunmen near Garissa\nThe county commissioner spoke on Monday.",
    "The county commissioner spoke in Garissa on Monday.\nRelated: officer shot dead by gunmen near Garissa",
])
def test_a_headline_line_in_an_article_is_not(text: str) -> None:
    assert _subs(text, typer=False) == []


@pytest.mark.parametrize("text", [
    "Protest rally planned for Friday in Bamako",
    "Opposition march expected in Conakry next Friday",
])
def test_a_note_of_a_plan_is_no_event(text: str) -> None:
    assert _subs(text, typer=False) == []


@pytest.mark.parametrize("text", [
    "On 3 May, soldiers burned houses in the hamlet of Dinguila [Dinguila-Peulh] (Bankass, Mopti).",
    "On 3 May, gunmen abducted two teachers in Gouma (Bankass district) in central Mali.",
])
def test_a_bracketed_other_name_does_not_cut_the_sentence(text: str) -> None:
    events = eventline.extract(text, published=PUBLISHED)
    assert len(events) == 1 and events[0].sources[0].quote == text


# --------------------------------------------------------------------------- firing, bombarding, attacks suffered


@pytest.mark.parametrize(("text", "sub"), [
    ("French planes fired on a military vehicle near Ajdabiya on Saturday.", "Air/drone strike"),
    ("On Friday, shots were fired at a police patrol in Garissa.", "Armed clash"),
    ("Troops fired on protesters in Homs on Friday, killing five.",
     "Excessive force against protesters"),
    ("Government forces are bombarding the town of Rastan for the tenth straight day.",
     "Shelling/artillery/missile attack"),
    ("An army convoy came under fire near Kandahar on Tuesday.", "Armed clash"),
    ("The base in Tessalit was subjected to mortar fire on Tuesday.",
     "Shelling/artillery/missile attack"),
    ("On Sunday, a police patrol was the target of a rocket attack near Mosul.",
     "Shelling/artillery/missile attack"),
    ("On Sunday, unknown men decapitated a farmer near Mocimboa da Praia.", "Attack"),
])
def test_firing_bombarding_and_attacks_suffered_are_events(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


@pytest.mark.parametrize("text", [
    "He was fired from his job at the mine in Tarkwa on Monday.",
    "The minister came under fire from opposition parties in Nairobi on Tuesday.",
    "A fire broke out in the main market of Kano on Tuesday.",
    "The town of Rastan has been under siege for two weeks.",
    "Press freedom has been under assault for decades in Harare, he said.",
    "The minister came under attack from opposition parties in Nairobi on Tuesday.",
    "Reporters bombarded the minister with questions in Nairobi on Monday.",
])
def test_fire_and_sieges_that_are_no_incident(text: str) -> None:
    assert _subs(text, typer=False) == []


# --------------------------------------------------------------------------- done acts the parser hung from a nonfactive verb


@pytest.mark.parametrize(("text", "sub"), [
    ("On Friday, gunmen threatened a herder and seized his goats near Tillaberi.",
     "Looting/property destruction"),
    ("On Friday, gunmen abducted a trader in Tahoua, the kidnappers accuse him of helping the army.",
     "Abduction/forced disappearance"),
    ("On Friday, militiamen burned a school in Djibo, they also accused the teachers of spying.",
     "Looting/property destruction"),
])
def test_a_done_act_beside_a_nonfactive_verb_is_an_event(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


@pytest.mark.parametrize("text", [
    "On Friday, the rebels threatened to attack and burn the village of Kpalime.",
    "On Friday, the army denied that soldiers killed civilians in Gao.",
    "On Friday, residents accused soldiers of burning houses in Djibo.",
])
def test_a_threat_a_denial_or_an_accusation_stays_unreal(text: str) -> None:
    assert _subs(text, typer=False) == []


# --------------------------------------------------------------------------- a clash named with both its sides


@pytest.mark.parametrize("text", [
    "Fighting between Barkhane forces and presumed jihadists signalled near Sorori.",
    "Heavy fighting between Shabaab militants and Kenyan troops reported near Kolbio on Monday.",
])
def test_a_clash_that_names_both_sides_is_the_clash(text: str) -> None:
    assert _subs(text, typer=False) == ["Armed clash"]


@pytest.mark.parametrize("text", [
    "Clashes between herders and farmers are common in the region of Mopti.",
    "Officials in Mopti fear fighting between the Fulani and the Dogon.",
    "Fighting between the two clans is a daily worry in Kolbio.",
])
def test_clashes_of_a_kind_or_feared_are_no_incident(text: str) -> None:
    assert _subs(text, typer=False) == []


# --------------------------------------------------------------------------- event nouns reported as such


@pytest.mark.parametrize(("text", "sub"), [
    ("On Monday, clashes were reported between soldiers and militants near Palma.", "Armed clash"),
    ("Two explosions were heard near the army base of Beledweyne on Monday.",
     "Remote explosive/landmine/IED"),
    ("Reports of air strikes by army jets near Sirte on Tuesday.", "Air/drone strike"),
    ("An exchange of gunfire between police and bandits near Isiolo on Tuesday.", "Armed clash"),
])
def test_an_event_noun_reported_as_such_is_the_event(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]


@pytest.mark.parametrize("text", [
    "No clashes were reported near Palma on Monday.",
    "Clashes were not reported near Palma on Monday.",
    "There were no reports of clashes near Palma on Monday.",
    "Reports of the ceasefire talks in Palma were published on Monday.",
    "There have been increasing reports of attacks on soldiers near Palma.",
])
def test_a_report_of_none_is_no_event(text: str) -> None:
    assert _subs(text, typer=False) == []


# --------------------------------------------------------------------------- a crowd that is out


@pytest.mark.parametrize("text", [
    "By the evening, banner-waving demonstrators were out in Kano.",
    "On Friday, thousands of protesters were on the streets of Khartoum.",
])
def test_a_crowd_out_on_the_streets_is_a_protest(text: str) -> None:
    assert len(_subs(text, typer=False)) == 1


@pytest.mark.parametrize("text", [
    "The protesters were out of breath when they reached Khartoum on Friday.",
    "Students were out in the fields of Gezira on Friday.",
    "The demonstrators were in Khartoum on Friday.",
])
def test_people_out_or_somewhere_are_no_protest(text: str) -> None:
    assert _subs(text, typer=False) == []


# --------------------------------------------------------------------------- captures told by the captors


@pytest.mark.parametrize(("text", "sub"), [
    ("On Friday, rebels said their forces had taken the port town of Zuwara.",
     "Non-state actor overtakes territory"),
    ("On Friday, the militants said their fighters had captured the town of Palma.",
     "Non-state actor overtakes territory"),
    ("On Friday, the army said its troops had retaken the town of Kidal.",
     "Government regains territory"),
])
def test_the_speakers_own_forces_are_the_speaker(text: str, sub: str) -> None:
    assert _subs(text, typer=False) == [sub]
