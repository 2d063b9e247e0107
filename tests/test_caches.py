"""Every cache and short cut taken for speed answers exactly what the slow path answers."""

from __future__ import annotations

import pytest

from eventline.components import components
from eventline.settings import load_settings

# Invented sentences: idioms with their verb and object, near misses, and none at all.
IDIOM_TEXTS = [
    "Gunmen opened fire on a bus near the market on Sunday.",
    "Soldiers fired two rockets at the camp, and mortar rounds were fired on the base.",
    "Police fired tear gas at the students who had gathered outside the ministry.",
    "Women held up banners denouncing the curfew in front of the governor's office.",
    "Troops fired at the crowd and fired on a truck that refused to stop.",
    "The director was fired from his job after the audit.",  # "fire" with no weapon
    "The council opened a new school and a market; the fire brigade came later.",
    "A rocket was launched into orbit from the coast on Friday.",
    "Prices rose again, the minister said, and trade slowed across the region.",
]


@pytest.fixture(scope="module")
def model():  # noqa: ANN201
    return components(load_settings())[0]


def test_doc_text_is_the_docs_own_text_and_survives_a_retokenisation(model) -> None:  # noqa: ANN001
    from eventline.nlp import doc_text

    text = "Rebels took Kidal on Friday.\n\nThe army\u2019s  convoy   left Gao."
    doc = model(text)
    assert doc_text(doc) == doc.text == text
    assert doc_text(doc) is doc_text(doc)  # joined once
    with doc.retokenize() as retok:  # merging tokens keeps a Doc's text: the cache stays right
        retok.merge(doc[0:2])
    assert doc_text(doc) == doc.text == text
    other = model("Another text.")
    assert doc_text(other) == "Another text."  # each Doc its own


def test_the_idiom_prefilter_never_hides_a_match(model, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from eventline.extract import idioms

    docs = [model(t) for t in IDIOM_TEXTS]
    fast = [idioms.idiom_matches(d) for d in docs]
    assert [idioms._may_match(d) for d in docs[-1:]] == [False]  # a text with no idiom is skipped
    monkeypatch.setattr(idioms, "_may_match", lambda doc: True)
    slow = [idioms.idiom_matches(d) for d in docs]
    assert fast == slow
    assert sum(bool(f) for f in fast) >= 4  # the texts do hold idioms


def test_the_tag_table_learns_new_words_from_the_ruler_on_the_words_alone(model) -> None:  # noqa: ANN001
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from eventline.nlp import TagAttributes

    table = TagAttributes(model)
    filled = []
    fill = table._fill
    table._fill = lambda keys: filled.append(len(keys)) or fill(keys)  # type: ignore[method-assign]
    texts = ["Militants ambushed a convoy near Boni; two soldiers weren't found.\n\n  (AP) —",
             "The U.S. envoy's aides said they'd go. Gunmen torched 3 shops at 9:30 p.m.",
             "There is no word from the army, and they're gonna stay.",  # two-token patterns
             "Militants ambushed a convoy near Boni; two soldiers weren't found.\n\n  (AP) —"]
    cols = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    for text in texts:
        ours = table(next(model.pipe([text], disable=list(table.names))))
        assert (ours.to_array(cols) == model(text).to_array(cols)).all(), text
    assert filled and filled[0] > 5  # the new words were read on their own, not in the Doc


def test_named_actors_are_remembered_per_text_and_forgotten_when_the_aliases_grow(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from eventline import actors
    from eventline.actors import ActorDictionary, ActorEntry

    entry = ActorEntry(name="JNIM: Group for Support of Islam and Muslims", inter=2, type="rebel",
                       country="Mali", aliases=("JNIM",))
    lexicon = ActorDictionary([entry], [], {})
    text = "JNIM fighters attacked Boni. The group, JNIM, later withdrew."
    first = list(lexicon.iter_named(text))
    assert first == list(lexicon._named_in(text)) == list(lexicon.iter_named(text))
    assert [text[s:e] for s, e, _ in first] == ["JNIM", "JNIM"]
    monkeypatch.setattr(actors, "_NAMED_MEMO_CHARS", 200)
    for i in range(20):  # the memo stays small: the last texts of up to 200 characters in all
        assert list(lexicon.iter_named(f"JNIM struck {i} times.")) == \
            list(lexicon._named_in(f"JNIM struck {i} times."))
    memo = lexicon.__dict__["_named_memo"]
    assert 0 < sum(len(key[0]) for key in memo) <= 200
    assert lexicon.__dict__["_named_chars"] == sum(len(key[0]) for key in memo)
    assert [key[0] for key in memo][-1] == "JNIM struck 19 times."
    assert "JNIM struck 0 times." not in [key[0] for key in memo]
    assert list(lexicon.iter_named(text)) == first  # read again once forgotten: the same
    del lexicon._exact["JNIM"]  # the acronym withdrawn after the text was read
    assert list(lexicon.iter_named(text)) == list(lexicon._named_in(text)) == []


def _density_by_scan(ctx, lat: float, lon: float, country_code: str = "") -> float:  # noqa: ANN001
    """The run context's density as first written: every cell scanned, in order."""
    import math

    from eventline.geo import haversine_km
    from eventline.places import context as C

    span = int(math.ceil(C._REACH_KM / 111.0 / C._CELL)) + 1
    ci, cj = int(math.floor(lat / C._CELL)), int(math.floor(lon / C._CELL))
    total = 0.0
    for cc, i, j, n in ctx.cells:
        if abs(i - ci) > span or abs(j - cj) > 2 * span or country_code and cc != country_code:
            continue
        d = haversine_km(lat, lon, (i + 0.5) * C._CELL, (j + 0.5) * C._CELL)
        if d <= C._REACH_KM:
            total += n * math.exp(-0.5 * (d / C._SIGMA_KM) ** 2)
    return total


def test_the_run_contexts_cell_index_gives_the_density_of_a_full_scan() -> None:
    import pickle
    import random

    from eventline.places.context import RunContext, build_context

    rng = random.Random(7)
    # points of three neighbouring countries, a few without a country, some far away
    evidence = [[(rng.uniform(10, 20), rng.uniform(-10, 5), rng.choice(["ML", "BF", "NE", ""]))
                 for _ in range(4)] for _ in range(400)]
    evidence += [[(rng.uniform(-40, 60), rng.uniform(-120, 150), "US")] for _ in range(50)]
    ctx = build_context(evidence)
    queries = [(rng.uniform(8, 22), rng.uniform(-12, 7), rng.choice(["ML", "BF", "NE", "", "DZ"]))
               for _ in range(300)] + [(15.0, -4.0, ""), (-89.0, 179.0, "US")]
    want = [_density_by_scan(ctx, *q) for q in queries]
    assert [ctx.density(*q) for q in queries] == want  # exactly: the same sum in the same order
    assert any(want) and not all(want)
    # pickled to a worker (index built or not), rebuilt from the same points: the same value
    again = pickle.loads(pickle.dumps(ctx))
    assert again == ctx == build_context(evidence) and hash(again) == hash(ctx)
    assert [again.density(*q) for q in queries] == want
    fresh = pickle.loads(pickle.dumps(build_context(evidence)))
    assert [fresh.density(*q) for q in queries] == want
    # cells in any order (a context built by hand) still sum as a scan of them does
    shuffled = RunContext(cells=tuple(rng.sample(ctx.cells, len(ctx.cells))), points=ctx.points)
    assert [shuffled.density(*q) for q in queries] == [_density_by_scan(shuffled, *q) for q in queries]


# Invented reports: towns with and without namesakes, a region, a qualified town, armed
# groups (whose countries vote in the run context's reading only) and none at all.
EVIDENCE_TEXTS = [
    "JNIM militants attacked an army post in Gossi on Monday, killing four soldiers.",
    "Deputies in Rapides Parish arrested two men on Friday after a chase near Alexandria.",
    "A fire destroyed a barn near Lafayette, La., on Sunday, firefighters said.",
    "Gunmen raided a market in Kidal, in northern Mali, and fled towards the Algerian border.",
    "Boko Haram fighters stormed Gwoza and Bama in Borno State overnight.",
    "Protesters marched in Paris and Lyon against the new pension law.",
    "The council met on Tuesday to discuss the budget.",
    "Fighters of the Islamic State in the Greater Sahara ambushed a patrol between Menaka "
    "and Anderamboukane, residents of Menaka said.",
    "",
]


def test_one_reading_gives_the_outlet_and_run_context_evidence_of_two() -> None:
    from eventline.places import context_evidence, first_evidence, home_evidence
    from eventline.places.resolve import actor_countries

    _model, gaz, actors, _typer = components(load_settings())
    assert any(actor_countries(t, actors, gaz) for t in EVIDENCE_TEXTS)  # both paths are taken
    assert not all(actor_countries(t, actors, gaz) for t in EVIDENCE_TEXTS)
    assert any(context_evidence(t, gazetteer=gaz, actors=actors) for t in EVIDENCE_TEXTS)
    assert any(home_evidence(t, gazetteer=gaz)[0] for t in EVIDENCE_TEXTS)
    for text in EVIDENCE_TEXTS:
        home = home_evidence(text, gazetteer=gaz)
        for lexicon in (actors, None):
            points = context_evidence(text, gazetteer=gaz, actors=lexicon)
            for outlet in (True, False):
                for context in (True, False):
                    got = first_evidence(text, gazetteer=gaz, actors=lexicon, outlet=outlet,
                                         context=context)
                    assert got == (home if outlet else None, points if context else None), text


def test_the_country_votes_resolution_returns_are_those_the_resolved_spans_give() -> None:
    from eventline.places import resolve as R

    model, gaz, actors, _typer = components(load_settings())
    for text in EVIDENCE_TEXTS:
        for doc in (None, model(text)):
            spans = R._spans(text, gaz, doc)
            by_actors = R.actor_countries(text, actors, gaz)
            votes = R._resolve(spans, text, gaz, None, by_actors, R.actor_regions(text, actors, gaz))
            assert list(votes.items()) == list(R._focus(spans, text, gaz, by_actors).items())


def test_a_run_in_two_parts_stores_the_evidence_and_places_of_a_clean_run(tmp_path) -> None:  # noqa: ANN001
    import sqlite3

    from eventline.pipeline import run
    from eventline.places import context_evidence, home_evidence
    from eventline.store import Store

    texts = [t for t in EVIDENCE_TEXTS if t]
    _model, gaz, actors, _typer = components(load_settings())

    def corpus(folder, names):  # noqa: ANN001, ANN202
        folder.mkdir()
        for i in names:
            (folder / f"{i:02d}.txt").write_text(texts[i] + "\n", encoding="utf-8")
        (folder / "manifest.csv").write_text("file,source,published\n" + "".join(
            f"{i:02d}.txt,{'The Wire' if i % 2 else 'Town Paper'},2020-03-0{1 + i % 9}\n"
            for i in names), encoding="utf-8")
        return folder

    def stored(db):  # noqa: ANN001, ANN202
        with sqlite3.connect(db) as conn:
            return (conn.execute("SELECT doc_id, points FROM context_evidence ORDER BY doc_id").fetchall(),
                    conn.execute("SELECT doc_id, outlet, regions, countries FROM outlet_evidence "
                                 "ORDER BY doc_id").fetchall())

    def events(db):  # noqa: ANN001, ANN202
        with Store(db, readonly=True) as store:
            return sorted((e.to_dict() for e in store.iter_events()), key=lambda d: d["event_id"])

    everything = corpus(tmp_path / "all", range(len(texts)))
    clean = tmp_path / "clean.db"
    run([everything], manifest=everything / "manifest.csv", db=clean)
    half = corpus(tmp_path / "half", range(0, len(texts), 2))
    parts = tmp_path / "parts.db"
    run([half], manifest=half / "manifest.csv", db=parts)  # a run stopped half-way
    run([everything], manifest=everything / "manifest.csv", db=parts)
    points, homes = stored(clean)
    assert stored(parts) == (points, homes) and len(points) == len(homes) == len(texts)
    assert events(parts) == events(clean) and any(e["latitude"] for e in events(clean))
    # what each article stored is what the two readings of the slow path give
    with Store(clean, readonly=True) as store:
        assert sorted(store.context_evidence()) == sorted(
            context_evidence(t, gazetteer=gaz, actors=actors) for t in texts)
        for outlet, mine in (("the wire", texts[1::2]), ("town paper", texts[0::2])):
            assert sorted(store.outlet_evidence(outlet), key=repr) == sorted(
                (home_evidence(t, gazetteer=gaz) for t in mine), key=repr)


def _as_read(spans) -> list[tuple]:  # noqa: ANN001
    from dataclasses import astuple

    return [astuple(sp) for sp in spans]


def test_the_first_pass_reading_kept_for_the_analysis_reads_as_a_fresh_one(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from eventline.gazetteer import Gazetteer
    from eventline.places import find_places
    from eventline.places import resolve as R

    model, gaz, actors, _typer = components(load_settings())
    texts = [t for t in EVIDENCE_TEXTS if t] + [IDIOM_TEXTS[0]]
    for text in texts:
        doc = model(text)
        with monkeypatch.context() as m:
            m.setattr(R, "_READ_MAX_CHARS", 0)  # nothing kept: every reading from the text
            fresh = _as_read(R._spans(text, gaz, doc))
            fresh_plain = _as_read(R._spans(text, gaz, None))
            want = find_places(text, gazetteer=gaz, doc=doc, actors=actors)
            assert text not in R._READ[gaz][1]
        R.first_evidence(text, gazetteer=gaz, actors=actors)  # the first pass keeps its reading
        assert text in R._READ[gaz][1]
        assert _as_read(R._READ[gaz][1][text]) == fresh_plain  # kept as read, not as resolved
        assert find_places(text, gazetteer=gaz, doc=doc, actors=actors) == want
        assert text not in R._READ[gaz][1]  # read once more, then forgotten
        R._spans(text, gaz, None)
        assert _as_read(R._spans(text, gaz, doc)) == fresh
    # places imported after the first pass void what it kept
    local = Gazetteer(tmp_path / "gaz.sqlite", build_default=False)
    text = "Gunmen attacked Base Zeta near Gao on Monday."
    assert R._spans(text, local, None) == [] and text in R._READ[local][1]
    places = tmp_path / "mine.csv"
    places.write_text("name,latitude,longitude,country_code,admin1,feature,population,aliases\n"
                      "Camp Zeta,15.5,-1.5,ML,Gao,city,0,Zeta Camp|Base Zeta\n", encoding="utf-8")
    assert local.add_user_places(places) == 1
    assert [sp.text for sp in R._spans(text, local, model(text))] == ["Base Zeta"]
    # and memory stays bounded: past the limit a reading is not kept
    monkeypatch.setattr(R, "_READ_MAX_CHARS", 10)
    R._spans(texts[0], gaz, None)
    assert texts[0] not in R._READ[gaz][1]


def test_the_typers_distribution_of_a_sentence_it_typed_is_the_one_it_computes() -> None:
    from eventline.eventmodel import LinearTyper, shipped_model_dir

    fresh, typer = LinearTyper.load(shipped_model_dir()), LinearTyper.load(shipped_model_dir())
    sentences = IDIOM_TEXTS + [t for t in EVIDENCE_TEXTS if t]
    assert not typer._type_rows
    # typed in one batch (as the flagging pass does), then asked one by one (as the rules do)
    assert typer.predict(sentences) == fresh.predict(sentences[::-1])[::-1]
    assert set(typer._type_rows) == set(sentences)
    for s in sentences:
        assert typer.distribution([s]) == fresh.distribution([s]) == [
            fresh.distribution(sentences)[sentences.index(s)]]
    new = "Rebels shelled the airport of an invented town at dawn."
    assert typer.distribution([sentences[0], new]) == fresh.distribution([sentences[0], new])
    assert typer.distribution([]) == fresh.distribution([]) == []
    assert not fresh._type_rows or set(fresh._type_rows) <= set(sentences)


def test_candidate_events_decode_a_row_once_and_anew_once_it_changes(tmp_path) -> None:  # noqa: ANN001
    import dataclasses

    from eventline.store import Store
    from tests.test_store import make_article, make_event

    with Store(tmp_path / "ev.db") as store:
        run = store.begin_run(args={})
        store.save_article(run, make_article(), upsert=[make_event("a"), make_event(
            "b", event_date="2012-04-02")])
        first = store.candidate_events("2012-03-01", "2012-03-31")
        again = store.candidate_events("2012-03-01", "2012-03-31")
        assert [e.event_id for e in first] == ["a"] and again[0] is first[0]  # not decoded again
        # an edited row is decoded anew, as a store opened afresh reads it
        store.review_set_field("a", "fatalities", 9, who="ana")
        edited = store.candidate_events("2012-03-01", "2012-04-30")
        with Store(tmp_path / "ev.db") as fresh:
            assert edited == fresh.candidate_events("2012-03-01", "2012-04-30")
        assert [e.event_id for e in edited] == ["a", "b"] and edited[0].fatalities == 9
        assert edited[0] != first[0] and dataclasses.replace(edited[0], fatalities=3,
                                                            reviewed=False) != edited[0]
        # a later article's events fuse into stored ones: what it reads is what is stored
        store.save_article(run, make_article("doc2", "b.txt"), upsert=[make_event(
            "b", event_date="2012-04-02", location="Gao")])
        assert store.candidate_events("2012-04-01", "2012-04-30")[0].location == "Gao"


def test_whitespace_runs_squeeze_as_a_scan_of_each_character_did() -> None:
    import random

    from eventline.actors import _squeeze

    def by_character(text: str) -> tuple[str, list[int]]:
        out, offsets, prev_space = [], [], False
        for i, ch in enumerate(text):
            if ch.isspace():
                if prev_space:
                    continue
                out.append(" ")
                prev_space = True
            else:
                out.append(ch)
                prev_space = False
            offsets.append(i)
        return "".join(out), offsets

    rng = random.Random(7)
    pool = [" ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "\x85", "a", "Z", "é", "-"]
    texts = ["", " ", "JNIM  fighters\n\n attacked\u00a0Boni. ", "\u2003x\u2003"] + [
        "".join(rng.choice(pool) for _ in range(rng.randint(0, 15))) for _ in range(3000)]
    for text in texts:
        assert _squeeze(text) == by_character(text), repr(text)


def _split_by_tokens(model, text: str):  # noqa: ANN001, ANN202
    """engines.selective._split as first written: spaCy's Sentencizer, then loops over tokens."""
    from spacy.pipeline import Sentencizer

    from eventline.nlp import _newline_boundaries

    doc = Sentencizer()(model.make_doc(text))
    for tok in doc:
        if tok.is_space and tok.i > 0 and tok.is_sent_start:
            tok.is_sent_start = False
            if tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
    for tok in doc[2:]:
        prev = doc[tok.i - 1]
        if tok.is_sent_start and prev.is_quote and not prev.whitespace_ \
                and doc[tok.i - 2].whitespace_ and not doc[tok.i - 2].is_space:
            tok.is_sent_start = False
            prev.is_sent_start = True
    doc = _newline_boundaries(doc)
    return doc, [(s.start, s.end) for s in doc.sents]


SPLIT_TEXTS = [
    "", " ", "\n\n", "Gunmen attacked Boni.", "Capt. Steve Joly said. \"We went.\" ok\n\nNo. 5 was hit.",
    "GAO, Mali - Residents said.  \n  \"Two died,\" he said.\"Then?\" \n\n\n(AP) —",
    "What?! Really... yes!!! \"Quote.\"\n \nEnd", "Mr. Smith (est. 100,000) marched. Then they left",
]


def test_flagging_splits_and_reads_tokens_as_the_token_loops_did() -> None:
    from spacy.attrs import SENT_START

    from eventline.engines.selective import _split, _Tokens, _weak_end, _words

    model = components(load_settings())[0]
    for text in SPLIT_TEXTS:
        doc, sents = _split(model, text)
        slow, slow_sents = _split_by_tokens(model, text)
        assert sents == slow_sents, text
        assert doc.to_array([SENT_START]).tolist() == slow.to_array([SENT_START]).tolist(), text
        toks = _Tokens.of(doc)
        assert toks.text == [t.text for t in doc] and toks.lower == [t.lower_ for t in doc]
        assert toks.idx == [t.idx for t in doc]
        assert toks.space == [int(t.is_space) for t in doc]
        assert toks.ws == [int(bool(t.whitespace_)) for t in doc]
        for a, b in sents:
            words = _words(toks, a, b)
            assert [w for w, _, _ in words] == [t.lower_ for t in doc[a:b] if not t.is_space]
            assert _weak_end(toks, a, b) == _weak_end_by_tokens(doc, a, b), (text, a, b)


def _weak_end_by_tokens(doc, a: int, b: int) -> bool:  # noqa: ANN001
    from eventline.engines.selective import _ABBREVIATIONS

    if b >= len(doc):
        return False
    nxt = next((t for t in doc[b:] if not t.is_space), None)
    if nxt is not None and (nxt.text[:1].islower() or nxt.text[:1].isdigit()):
        return True
    end = b - 1
    while end > a and doc[end].is_space:
        end -= 1
    if end <= a or doc[end].text != "." or doc[end - 1].whitespace_:
        return False
    return doc[end - 1].lower_ in _ABBREVIATIONS


def test_sensible_text_is_judged_as_a_scan_of_each_character_judged_it() -> None:
    import random

    from eventline.clean import _BAD_CHARS, _sensible

    def by_character(text: str) -> bool:
        sample = text[:20000]
        if not sample.strip():
            return False
        bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f")
                  or 0x80 <= ord(ch) < 0xA0)
        if bad > max(2, len(sample) // 100):
            return False
        visible = [ch for ch in sample if not ch.isspace()]
        return sum(1 for ch in visible if ch.isalpha()) >= 0.4 * len(visible)

    every = [chr(c) for c in range(0x3100)]
    assert [c for c in every if _BAD_CHARS.fullmatch(c)] == [
        c for c in every if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f") or 0x80 <= ord(c) < 0xA0]
    rng = random.Random(5)
    pool = every[:300] + ["\ufffd", "\u3000", "é", "a", " "] * 40
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 200)))
        assert _sensible(text) == by_character(text), repr(text)
    assert _sensible("Rebels attacked Gao.") and not _sensible("\x80\x81\x82\x83 ab")
