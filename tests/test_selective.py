"""parse = "flagged": only the sentences that may hold an event are parsed, and nothing else changes."""

from __future__ import annotations

import pytest

from eventline.components import components
from eventline.engines import selective
from eventline.errors import SettingsError
from eventline.pipeline import extract
from eventline.settings import load_settings

# Invented text: an event paragraph between background, a quote and analysis.
ARTICLE = (
    "Drought worsens across the north\n\n"
    "The region has long been one of the poorest in the country. Its economy rests on herding "
    "and a little trade with neighbouring states.\n\n"
    "On Tuesday, gunmen attacked a police post in Menaka, killing three officers, a local "
    "official said.\n\n"
    "\u201cWe are tired of promises,\u201d one herder told reporters. Many families now depend on "
    "food aid.\n\n"
    "Analysts expect prices to keep rising into the summer."
)


@pytest.fixture(scope="module")
def parts() -> tuple:
    settings = load_settings()
    return components(settings)


def test_only_the_event_sentences_are_parsed(parts: tuple) -> None:
    model, _, _, typer = parts
    (doc,), _ = selective.parse_flagged(model, typer, [ARTICLE])
    sents = list(doc.sents)
    assert doc.text == ARTICLE
    parsed = [s.text.strip() for s in sents if any(t.pos_ for t in s)]
    assert any(p.startswith("On Tuesday, gunmen attacked") for p in parsed)
    assert not any(p.startswith("Analysts expect") for p in parsed)
    assert not any(p.startswith("\u201cWe are tired") for p in parsed)
    # unparsed sentences keep their own boundaries (line breaks end sentences)
    assert "Analysts expect prices to keep rising into the summer." in [s.text.strip() for s in sents]
    assert all("\n\n" not in s.text.strip() for s in sents)


def test_a_flagged_sentence_reads_as_in_a_full_parse(parts: tuple) -> None:
    model, _, _, typer = parts
    (doc,), _ = selective.parse_flagged(model, typer, [ARTICLE])
    full = model(ARTICLE)
    start = ARTICLE.index("On Tuesday")

    def sentence(d):  # noqa: ANN001, ANN202
        return next(s for s in d.sents if s.start_char <= start < s.end_char)

    ours, theirs = sentence(doc), sentence(full)
    assert (ours.start_char, ours.end_char) == (theirs.start_char, theirs.end_char)
    assert [(t.idx, t.pos_, t.dep_, t.head.idx, t.lemma_) for t in ours] == \
        [(t.idx, t.pos_, t.dep_, t.head.idx, t.lemma_) for t in theirs]
    assert [(e.start_char, e.label_) for e in doc.ents if e.start_char >= start
            and e.end_char <= ours.end_char] == \
        [(e.start_char, e.label_) for e in full.ents if e.start_char >= start
         and e.end_char <= ours.end_char]


def test_flagged_and_full_parse_give_the_same_events_at_the_same_offsets() -> None:
    flagged = extract(ARTICLE, published="2024-03-14", source="Wire",
                      settings=load_settings(parse="flagged"))
    full = extract(ARTICLE, published="2024-03-14", source="Wire", settings=load_settings(parse="all"))
    assert flagged and [e.sub_event_type for e in flagged] == [e.sub_event_type for e in full]
    for a, b in zip(flagged, full):
        assert a.event_id == b.event_id
        assert [(s.start, s.end, s.quote) for s in a.sources] == [(s.start, s.end, s.quote)
                                                                    for s in b.sources]
        assert ARTICLE[a.sources[0].start:a.sources[0].end] == a.sources[0].quote


def test_the_share_of_sentences_parsed_is_counted(parts: tuple) -> None:
    model, _, _, typer = parts
    before = dict(selective.STATS)
    selective.parse_flagged(model, typer, [ARTICLE, "Nothing happened here today. It was calm."])
    sentences = selective.STATS["sentences"] - before["sentences"]
    parsed = selective.STATS["parsed"] - before["parsed"]
    assert sentences >= 8 and 0 < parsed < sentences


def test_an_article_with_no_event_sentence_is_not_parsed_at_all(parts: tuple) -> None:
    model, _, _, typer = parts
    (doc,), _ = selective.parse_flagged(model, typer, ["Prices rose again in May.\nShops stayed open."])
    assert [s.text.strip() for s in doc.sents] == ["Prices rose again in May.", "Shops stayed open."]
    assert not doc.ents and not any(t.pos_ for t in doc)


def test_an_unknown_parse_mode_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="'parse' must be one of flagged, all"):
        selective.parse_mode(load_settings(parse="some"))


def test_trigger_forms_cover_inflections_and_the_lemmatizer_exceptions(parts: tuple) -> None:
    forms = selective.trigger_forms(parts[0])
    assert {"attacked", "attacking", "seized", "kidnapped", "fought", "stabbed", "killings",
            "clashes", "died"} <= forms
    assert "according" not in forms and "the" not in forms


def test_the_typers_cached_char_ngrams_give_scikit_learns_features() -> None:
    import numpy as np

    from eventline.eventmodel import load_typer, normalise_sentence

    typer = load_typer()
    texts = [normalise_sentence(s) for s in (
        "Gunmen attacked a police post in Menaka on Tuesday.",
        "A  short  one.", "I", "Prices rose again in May, traders said.", "",
        "Élection à Bamako : des manifestants ont été dispersés.")]
    typer.predict(["."])  # builds the vectorisers
    ours = typer._char_features(texts).toarray()
    theirs = typer._vectorizers[1].transform(texts).toarray()
    assert ours.shape == theirs.shape and np.allclose(ours, theirs, atol=1e-6)


def _parsed(parts: tuple, text: str) -> list[str]:
    model, _, _, typer = parts
    (doc,), _ = selective.parse_flagged(model, typer, [text])
    return [s.text.strip() for s in doc.sents if any(t.pos_ for t in s)]


@pytest.mark.parametrize(("text", "parsed"), [
    # a capital inside a sentence makes a name: the month, a fire department
    ("The council will meet on Monday, March 16, at the town hall.", False),
    ("The Fire Department will hold its open day on Saturday.", False),
    ("Thousands march through the capital to demand new elections.", True),
    # the rule table types these verbs as no event without the words it reads
    ("The new rules will take effect next year.", False),
    ("Prices fell three percent in the second quarter.", False),
    ("The company will release its results next week.", False),
    ("Rebels took the town of Douentza on Saturday.", True),
    ("The town fell to the rebels after two days of fighting.", True),
    ("The army will release the prisoners on Friday.", True),
    ("Rioters set fire to the governor's office.", True),
])
def test_what_flags_a_sentence(parts: tuple, text: str, parsed: bool) -> None:
    assert bool(_parsed(parts, text)) is parsed


def test_a_toll_is_parsed_only_after_an_event_sentence(parts: tuple) -> None:
    after_event = _parsed(parts, "Gunmen attacked a bus near Gao on Monday. Five people died.")
    assert "Five people died." in after_event
    alone = _parsed(parts, "The festival drew large crowds on Monday. Five people died.")
    assert "Five people died." not in alone


def test_a_claim_of_responsibility_after_an_event_is_parsed_and_names_its_author(parts: tuple) -> None:
    # invented note: the author is named only in the closing claim, two sentences on
    text = ("On 2 May 2021, a roadside bomb hit an army truck near Ansongo. Two soldiers were "
            "wounded. JNIM claimed responsibility.")
    assert "JNIM claimed responsibility." in _parsed(parts, text)
    alone = _parsed(parts, "The minister spoke in Bamako on Friday. He admitted the plan was late.")
    assert "He admitted the plan was late." not in alone
    flagged = extract(text, published="2021-05-02", source="Wire", settings=load_settings(parse="flagged"))
    full = extract(text, published="2021-05-02", source="Wire", settings=load_settings(parse="all"))
    assert [e.actor1 for e in flagged] == [e.actor1 for e in full]
    assert flagged and flagged[0].actor1 and flagged[0].actor1.startswith("JNIM")


def test_a_sentence_cut_after_an_abbreviation_is_parsed_whole(parts: tuple) -> None:
    text = "Although no gun was found, Capt. Steve Joly said a boy was arrested on Monday."
    model, _, _, typer = parts
    (doc,), _ = selective.parse_flagged(model, typer, [text])
    assert all(t.pos_ for t in doc if not t.is_space)
    full = model(text)
    assert [(t.idx, t.pos_, t.dep_, t.head.idx) for t in doc] == \
        [(t.idx, t.pos_, t.dep_, t.head.idx) for t in full]


def test_the_tag_attribute_table_gives_the_ruler_and_lemmatizer_output(parts: tuple) -> None:
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from eventline.nlp import TagAttributes

    model = parts[0]
    table = TagAttributes(model)
    texts = ["There is no word from the army. Gon na be hard, y'all said.\n\nThey ain't sure.",
             "There were clashes in Gao; the soldiers were killed.\n  Police let's say fled.",
             "There is no word from the army."] * 2  # the second time from the table
    cols = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    for text in texts:
        ours = table(next(model.pipe([text], disable=list(table.names))))
        assert (ours.to_array(cols) == model(text).to_array(cols)).all(), text
