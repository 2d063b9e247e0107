"""The learned sentence typer: the shipped model, the corpus it was built from, and training."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventline
from eventline.cli import app
from eventline.eventmodel import (
    NONE,
    LinearTyper,
    TrainingExample,
    TyperError,
    corpus_sha256,
    load_typer,
    normalise_sentence,
    read_corpus,
    shipped_model_dir,
    train,
)
from eventline.models import SUB_EVENT_TYPE_TO_TYPE

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "training" / "corpus"


def test_the_shipped_model_was_built_from_the_committed_corpus() -> None:
    meta = json.loads((shipped_model_dir() / "typer.json").read_text(encoding="utf-8"))
    assert meta["corpus_sha256"] == corpus_sha256(CORPUS), (
        "training/corpus changed since the model was built: run `make model` and commit the model")
    assert meta["examples"] == len(read_corpus(CORPUS))


def test_the_model_is_small_and_loads_without_pickle() -> None:
    size = sum(p.stat().st_size for p in shipped_model_dir().iterdir())
    assert size < 25 * 1024 * 1024
    typer = load_typer()
    assert set(typer.labels) == set(SUB_EVENT_TYPE_TO_TYPE)  # all 25 sub-event types


def test_the_corpus_meets_its_datasheet() -> None:
    rows = [json.loads(line) for f in sorted(CORPUS.glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_label: dict[str, int] = {}
    for row in rows:
        by_label[row["label"]] = by_label.get(row["label"], 0) + 1
    assert all(by_label.get(sub, 0) >= 120 for sub in SUB_EVENT_TYPE_TO_TYPE), by_label
    assert by_label[NONE] >= 2000
    assert len({row["country"] for row in rows}) >= 40
    assert len({row["text"] for row in rows}) == len(rows), "duplicate sentences in the corpus"


@pytest.mark.parametrize(("text", "sub"), [
    # phrasings the trigger lexicon has no word for, written for this test
    # ("staged a sit-in" and "uncovered a cache of rifles" are rule idioms and triggers now)
    ("Hundreds of nurses held a vigil outside the health ministry in Accra on Monday to demand "
     "higher pay.", "Peaceful protest"),
    ("Border guards intercepted a lorry carrying assault rifles near Maiduguri on Tuesday.",
     "Disrupted weapons use"),
    ("Police found a cache of assault rifles and ammunition in a house in Mombasa on Sunday.",
     "Disrupted weapons use"),
    ("The rebel coalition announced on Friday that it had merged with two smaller factions in "
     "Idlib.", "Change to group/activity"),
    # ("held up banners" is a rule idiom now: tests/test_detection.py)
    ("Dock workers formed a human chain outside the port authority in Mombasa on Wednesday to "
     "demand unpaid wages.", "Peaceful protest"),
])
def test_events_phrased_without_trigger_words_are_found(text: str, sub: str) -> None:
    events = eventline.extract(text, published="2021-05-07")
    assert [e.sub_event_type for e in events] == [sub]
    assert "[typed: typer." in events[0].notes  # the reviewer sees that the model typed it


@pytest.mark.parametrize("text", [
    "No aircraft were left at the airfield in Gao, only a burnt-out helicopter.",
    "Shops in Bamako stayed closed on Friday and the streets were quiet.",
    "The minister called for calm and urged both sides to respect the truce.",
])
def test_background_sentences_are_not_events(text: str) -> None:
    assert eventline.extract(text, published="2021-05-07") == []


def test_the_rules_veto_stays_a_veto() -> None:
    # a trigger the rules rejected (negated) is not brought back by the typer
    assert eventline.extract("Government troops did not capture Kandahar, officials said.",
                             published="2021-05-07") == []


def test_typer_model_none_turns_the_typer_off() -> None:
    text = ("Hundreds of nurses held a vigil outside the health ministry in Accra on Monday to "
            "demand higher pay.")
    from eventline.settings import load_settings

    assert eventline.extract(text, published="2021-05-07",
                             settings={**load_settings(), "typer_model": "none"}) == []


def test_normalisation_undoes_tokenised_text() -> None:
    assert normalise_sentence("Egypt 's police -LRB- CNN -RRB- fired at 12 people .") == \
        "Egypt's police ( CNN) fired at 00 people."


def _small_corpus(path: Path) -> Path:
    rows = [("Rebels seized the town of Kalemie on Sunday.", "Non-state actor overtakes territory"),
            ("Rebel fighters took over the border post at Bunagana.", "Non-state actor overtakes territory"),
            ("Militants overran the garrison town of Djibo.", "Non-state actor overtakes territory"),
            ("Students marched peacefully through Dakar.", "Peaceful protest"),
            ("Farmers rallied outside parliament in Nairobi.", "Peaceful protest"),
            ("Teachers demonstrated in Lagos over pay.", "Peaceful protest"),
            ("The minister said the talks would resume next week.", NONE),
            ("Prices of bread rose sharply in the capital.", NONE),
            ("The weather was hot and dry across the region.", NONE)]
    path.mkdir()
    (path / "small.jsonl").write_text(
        "\n".join(json.dumps({"text": t, "label": lab, "country": "X", "form": "plain"})
                  for t, lab in rows) + "\n", encoding="utf-8")
    return path


def test_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    examples = read_corpus(_small_corpus(tmp_path / "corpus"))
    one = train(examples, meta={"name": "small"})
    two = train(examples, meta={"name": "small"})
    one.save(tmp_path / "a")
    two.save(tmp_path / "b")
    assert (tmp_path / "a" / "typer.npz").read_bytes() == (tmp_path / "b" / "typer.npz").read_bytes()
    loaded = LinearTyper.load(tmp_path / "a")
    assert loaded.predict(["Rebels seized the town of Kalemie."]) == one.predict(
        ["Rebels seized the town of Kalemie."])


def test_a_bad_corpus_line_is_refused_with_its_place(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.jsonl").write_text('{"text": "a", "label": "Skirmish"}\n', encoding="utf-8")
    with pytest.raises(TyperError) as info:
        read_corpus(folder)
    assert "x.jsonl line 1" in str(info.value) and "unknown label" in str(info.value)
    with pytest.raises(TyperError):
        train([TrainingExample("a", NONE)])


def test_a_model_folder_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TyperError) as info:
        LinearTyper.load(tmp_path)
    assert "make model" in info.value.hint or "eventline train" in str(info.value.hint)


ACLED_COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                 "country", "location", "latitude", "longitude", "fatalities", "notes"]


def test_train_acled_then_eval_acled_with_that_model(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    notes = [
        ("Peaceful protest", "Protests", "On {d} March 2020, shopkeepers protested in Mopti against new taxes."),
        ("Non-state actor overtakes territory", "Battles",
         "On {d} March 2020, militants took over the village of Dinangourou."),
    ]
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for i in range(12):
            sub, etype, text = notes[i % 2]
            writer.writerow({"event_id_cnty": f"MLI{i}", "event_date": f"2020-03-{i + 1:02d}",
                             "event_type": etype, "sub_event_type": sub, "actor1": "",
                             "country": "Mali", "location": "Mopti", "latitude": "14.49",
                             "longitude": "-4.19", "fatalities": "0", "notes": text.format(d=i + 1)})
    out = tmp_path / "typer"
    runner = CliRunner()
    result = runner.invoke(app, ["train", "--acled", str(export), "--out", str(out),
                                 "--corpus", str(_small_corpus(tmp_path / "corpus"))],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Trained" in result.output and "12 ACLED rows" in result.output
    meta = json.loads((out / "typer.json").read_text(encoding="utf-8"))
    assert meta["trained_on"] == {"acled_rows": 12, "acled_half": None, "corpus_examples": 9}
    scored = runner.invoke(app, ["eval", "acled", str(export), "--model", str(out), "--json"],
                           catch_exceptions=False)
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["rows"] == 12
    missing = runner.invoke(app, ["train", "--acled", str(tmp_path / "nope.csv"), "--out", str(out)])
    assert missing.exit_code == 1 and "could not be read" in " ".join(missing.output.split())
