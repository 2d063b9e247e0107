"""Actors: dictionary aliases, generic mentions by role and country, ACLED spelling."""

from __future__ import annotations

import pytest

from eventline.actors import acled_actor_name, find_actors, load_actor_dictionary, resolve_generics
from eventline.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def names(nlp, text: str, focus: str | None = None) -> list[str]:
    doc = nlp(text)
    dictionary = load_actor_dictionary()
    mentions = resolve_generics(find_actors(text, doc=doc, dictionary=dictionary, focus_country=focus),
                                doc, dictionary)
    return [m.name for m in mentions]


def test_aliases_and_acronyms_resolve_to_one_canonical_actor(nlp) -> None:
    found = names(nlp, "MOJWA and the Movement for Unity and Jihad in West Africa are one group.")
    assert len(set(found)) == 1 and found[0].startswith("MUJAO")


def test_generic_mentions_are_named_by_role_and_country(nlp) -> None:
    found = names(nlp, "Malian soldiers and French forces fought gunmen while demonstrators gathered.",
                  focus="Mali")
    assert "Military Forces of Mali" in found
    assert "Military Forces of France" in found
    assert "Unidentified Armed Group (Mali)" in found
    assert "Protesters (Mali)" in found


def test_the_pronoun_us_is_not_the_united_states(nlp) -> None:
    assert not any("United States" in n for n in names(nlp, "They told us that soldiers left."))


def test_the_rebels_resolve_to_the_group_the_article_named(nlp) -> None:
    text = ("Tuareg fighters, uniting under the banner of the MNLA, attacked army bases. "
            "Later the Tuareg rebels entered the town.")
    found = names(nlp, text, focus="Mali")
    assert found.count("MNLA: National Movement for the Liberation of Azawad") >= 2


def test_a_speaker_s_organisation_is_not_tied_to_the_attackers(nlp) -> None:
    text = "The attackers opened fire on villagers, said a leader of the Civilian Joint Task Force."
    found = names(nlp, text, focus="Nigeria")
    assert found[0] == "Unidentified Armed Group (Nigeria)"


@pytest.mark.parametrize(
    ("geonames", "acled"),
    [
        ("Military Forces of United States", "Military Forces of the United States"),
        ("Civilians (Democratic Republic of the Congo)", "Civilians (Democratic Republic of Congo)"),
        ("Protesters (Palestinian Territory)", "Protesters (Palestine)"),
        ("Military Forces of Mali", "Military Forces of Mali"),
    ],
)
def test_actor_names_use_acled_spelling_of_countries(geonames: str, acled: str) -> None:
    assert acled_actor_name(geonames) == acled


def test_users_can_add_actors_from_a_csv(tmp_path) -> None:
    csv = tmp_path / "mine.csv"
    csv.write_text("name,aliases,inter,type,country\nRed Hand Brigade,RHB|Red Hand,3,"
                   "political_militia,Mali\n", encoding="utf-8")
    dictionary = load_actor_dictionary(str(csv))
    assert dictionary.lookup("Red Hand").name == "Red Hand Brigade"
    assert dictionary.lookup("MNLA") is not None  # the shipped entries stay
