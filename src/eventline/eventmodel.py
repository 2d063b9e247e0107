"""The learned sentence typer: which ACLED sub-event type a sentence reports, or none.

Rules find the events whose wording they know; a journalist's next phrasing
("crowds took to the streets", "customs officers intercepted a truck carrying
rifles") is what they miss. This component reads one sentence and gives a
sub-event type (or ``NONE``) with a probability. It is a linear model (TF-IDF
word 1-2-grams and character 2-5-grams, multinomial logistic regression) trained on the
project's own labelled corpus (``training/corpus/*.jsonl``, see
``training/DATASHEET.md``), rebuilt by ``make model``.

The model is stored as plain arrays and JSON (``typer.npz``, ``typer.json``):
no pickle, so loading a model file cannot run code. ``typer.json`` records
the sha256 of the corpus it was trained on; a test fails when the committed
corpus and the shipped model disagree.

Example::

    >>> typer = load_typer()  # doctest: +SKIP
    >>> typer.predict(["Hundreds of teachers staged a sit-in outside the ministry."])  # doctest: +SKIP
    [('Peaceful protest', 0.91)]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import EventlineError
from .models import SUB_EVENT_TYPE_TO_TYPE

__all__ = [
    "NONE",
    "LinearTyper",
    "TrainingExample",
    "acled_examples",
    "build_shipped",
    "TyperError",
    "corpus_sha256",
    "load_typer",
    "normalise_sentence",
    "read_corpus",
    "shipped_model_dir",
    "train",
    "train_from_acled",
]

NONE = "NONE"
FORMAT = "eventline.typer.tfidf-logreg.v2"  # v2: a detector beside the typer
_WORD_PARAMS: dict[str, Any] = {
    "analyzer": "word", "ngram_range": (1, 2), "lowercase": True, "sublinear_tf": True,
    "min_df": 2, "token_pattern": r"(?u)\b\w[\w'-]*\b", "dtype": np.float32,
}
_CHAR_PARAMS: dict[str, Any] = {
    "analyzer": "char_wb", "ngram_range": (2, 5), "lowercase": True, "sublinear_tf": True,
    "min_df": 3, "max_features": 60000, "dtype": np.float32,
}


class TyperError(EventlineError):
    """A typer model or training corpus could not be read or trained."""

    code = "E021"


@dataclass(frozen=True, slots=True)
class TrainingExample:
    text: str
    label: str


# Tokenised crawls ("Egypt 's police -LRB- CNN -RRB-"), dates and numbers:
# the typer should read the words of the event, not the day or the count.
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}
_SPACED_CLITIC = re.compile(r"\s+('s|'re|n't|'ve|'ll|'d)\b", re.I)
_SPACED_PUNCT = re.compile(r"\s+([,.;:!?)])")
_DIGITS = re.compile(r"\d")


def normalise_sentence(text: str) -> str:
    """The form a sentence is typed in: tokeniser artefacts undone, digits folded.

    Example::

        >>> normalise_sentence("Egypt 's police fired at 300 protesters -LRB- CNN -RRB- .")
        "Egypt's police fired at 000 protesters ( CNN)."
    """
    for token, char in _BRACKETS.items():
        text = text.replace(token, char)
    text = _SPACED_CLITIC.sub(r"\1", text)
    text = _SPACED_PUNCT.sub(r"\1", text)
    return _DIGITS.sub("0", " ".join(text.split()))


def _wb_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's char_wb n-grams of one word: padded with a space, a short word once."""
    w = f" {word} "
    out = []
    for n in range(lo, hi + 1):
        if len(w) <= n:
            out.append(w)
            break
        out.extend(w[i:i + n] for i in range(len(w) - n + 1))
    return out


def shipped_model_dir() -> Path:
    """Where the model built by ``make model`` is installed with the package."""
    return Path(__file__).resolve().parent / "data" / "typer"


def _corpus_files(path: str | Path) -> list[Path]:
    path = Path(path)
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def corpus_sha256(path: str | Path) -> str:
    """sha256 over the corpus files (names and bytes, in name order)."""
    digest = hashlib.sha256()
    for file in _corpus_files(path):
        digest.update(file.name.encode("utf-8") + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def read_corpus(path: str | Path) -> list[TrainingExample]:
    """Examples from a corpus folder (``*.jsonl``) or one JSONL file."""
    examples: list[TrainingExample] = []
    known = set(SUB_EVENT_TYPE_TO_TYPE) | {NONE}
    for file in _corpus_files(path):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, label = str(row["text"]).strip(), str(row["label"]).strip()
            except (ValueError, KeyError, TypeError) as exc:
                raise TyperError(f"{file.name} line {number} is not a corpus record ({exc}).",
                                 'Each line must be a JSON object with "text" and "label".') from None
            if label not in known:
                raise TyperError(f"{file.name} line {number} has the unknown label {label!r}.",
                                 "Use an ACLED sub-event type spelled as ACLED spells it, or NONE.")
            if text:
                examples.append(TrainingExample(text, label))
    if not examples:
        raise TyperError(f"No training examples in {path}.", "Point at a folder of *.jsonl files.")
    return examples


_TYPE_ROWS_MAX = 20_000


@dataclass
class LinearTyper:
    """A trained typer: two TF-IDF vocabularies and a linear layer over them."""

    labels: tuple[str, ...]
    word_vocab: dict[str, int]
    word_idf: np.ndarray
    char_vocab: dict[str, int]
    char_idf: np.ndarray
    coef: np.ndarray  # (types, features), float32: which sub-event type, given an event
    intercept: np.ndarray
    detector_coef: np.ndarray  # (features,): an event at all, against NONE
    detector_intercept: float
    meta: dict[str, Any] = field(default_factory=dict)
    _vectorizers: tuple[Any, Any] | None = None
    _gram_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    # each predicted text's P(sub-event type | an event), for :meth:`distribution`: the rules
    # ask again for sentences the flagging pass typed (a row does not depend on the batch)
    _type_rows: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or FORMAT)

    def _vectorize(self, texts: Sequence[str]) -> Any:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer

        if self._vectorizers is None:
            word = TfidfVectorizer(**_WORD_PARAMS)
            word.vocabulary_, word.idf_ = self.word_vocab, self.word_idf
            char = TfidfVectorizer(**_CHAR_PARAMS)
            char.vocabulary_, char.idf_ = self.char_vocab, self.char_idf
            self._vectorizers = (word, char)
        norm = [normalise_sentence(t) for t in texts]
        word, _ = self._vectorizers
        return hstack([word.transform(norm), self._char_features(norm)]).tocsr()

    def _char_features(self, texts: Sequence[str]) -> Any:
        """What the char_wb TfidfVectorizer's ``transform`` gives, from n-grams cached per word.

        A news corpus repeats its words: cutting each into padded 2-5-grams once,
        not once per sentence, makes the typer several times cheaper per sentence.
        """
        from collections import Counter
        from itertools import chain

        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        cache, vocab = self._gram_cache, self.char_vocab
        if len(cache) > 200_000:
            cache.clear()  # bounded: a long run meets ever new words
        lo, hi = _CHAR_PARAMS["ngram_range"]
        indptr: list[int] = [0]
        indices: list[int] = []
        counts: list[int] = []
        for text in texts:
            words = text.lower().split()
            for w in words:
                if w not in cache:
                    cache[w] = tuple(vocab[g] for g in _wb_ngrams(w, lo, hi) if g in vocab)
            row = Counter(chain.from_iterable(cache[w] for w in words))
            indices.extend(row)
            counts.extend(row.values())
            indptr.append(len(indices))
        matrix = csr_matrix((np.asarray(counts, dtype=np.float32), np.asarray(indices, dtype=np.int32),
                             np.asarray(indptr, dtype=np.int32)),
                            shape=(len(texts), len(vocab)), dtype=np.float32)
        matrix.sort_indices()
        np.log(matrix.data, matrix.data)  # sublinear tf: 1 + log(count)
        matrix.data += 1
        matrix.data *= self.char_idf[matrix.indices]
        return normalize(matrix, norm="l2", copy=False)

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text, P(an event) and the (texts, types) softmax over sub-event types."""
        if not texts:
            return np.zeros(0), np.zeros((0, len(self.labels)))
        features = self._vectorize(texts)
        event = np.asarray(features @ self.detector_coef, dtype=np.float64).ravel() + self.detector_intercept
        event = 1.0 / (1.0 + np.exp(-event))
        scores = np.asarray(features @ self.coef.T, dtype=np.float64) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return event, exp / exp.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """Per text, the likeliest sub-event type and the probability that it reports an event.

        Two linear layers over the same features: a detector (an event, or none) and
        a typer over the 25 sub-event types trained on events only, so the type of a
        sentence is not pulled down by how many non-events the corpus holds.
        """
        event, types = self.probabilities(texts)
        rows = self._type_rows
        if len(rows) + len(texts) > _TYPE_ROWS_MAX:
            rows.clear()  # bounded: a long run meets ever new sentences
        rows.update(zip(texts, types))
        return [(self.labels[int(row.argmax())], round(float(p), 4)) for p, row in zip(event, types)]

    def distribution(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, P(sub-event type | an event) for each of the typer's labels.

        Example::

            >>> typer = load_typer()  # doctest: +SKIP
            >>> dist = typer.distribution(["Gunmen abducted two teachers near Kaduna."])[0]  # doctest: +SKIP
            >>> max(dist, key=dist.get)  # doctest: +SKIP
            'Abduction/forced disappearance'
        """
        rows = self._type_rows
        if texts and all(t in rows for t in texts):
            types: Any = [rows[t] for t in texts]
        else:
            _, types = self.probabilities(texts)
        return [{label: round(float(p), 4) for label, p in zip(self.labels, row)} for row in types]

    # ------------------------------------------------------------------ files

    def save(self, folder: str | Path) -> Path:
        """Write ``typer.npz`` and ``typer.json`` into ``folder`` (created)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        word_terms = sorted(self.word_vocab, key=self.word_vocab.__getitem__)
        char_terms = sorted(self.char_vocab, key=self.char_vocab.__getitem__)
        with (folder / "typer.npz").open("wb") as handle:
            np.savez_compressed(
                handle,
                word_terms=np.array(word_terms, dtype=str), word_idf=self.word_idf.astype(np.float32),
                char_terms=np.array(char_terms, dtype=str), char_idf=self.char_idf.astype(np.float32),
                coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32),
                detector_coef=self.detector_coef.astype(np.float32),
                detector_intercept=np.array([self.detector_intercept], dtype=np.float32),
            )
        meta = {**self.meta, "format": FORMAT, "labels": list(self.labels)}
        (folder / "typer.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n",
                                           encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> LinearTyper:
        folder = Path(folder)
        try:
            meta = json.loads((folder / "typer.json").read_text(encoding="utf-8"))
            with np.load(folder / "typer.npz", allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError, KeyError) as exc:
            raise TyperError(f"No typer model could be read from {folder} ({exc}).",
                             "Rebuild it with `make model`, or train one with `eventline train`.") from None
        if meta.get("format") != FORMAT:
            raise TyperError(f"{folder} holds a typer of format {meta.get('format')!r}, not {FORMAT}.",
                             "Retrain it with this version of eventline (`eventline train`).")
        return cls(
            labels=tuple(meta["labels"]),
            word_vocab={str(t): i for i, t in enumerate(arrays["word_terms"])},
            word_idf=arrays["word_idf"],
            char_vocab={str(t): i for i, t in enumerate(arrays["char_terms"])},
            char_idf=arrays["char_idf"],
            coef=arrays["coef"], intercept=arrays["intercept"],
            detector_coef=arrays["detector_coef"],
            detector_intercept=float(arrays["detector_intercept"][0]), meta=meta,
        )


def train(examples: Iterable[TrainingExample], *, seed: int = 0, c: float = 8.0,
          meta: dict[str, Any] | None = None) -> LinearTyper:
    """Fit a typer on ``examples`` (deterministic for a given seed and input order)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = list(examples)
    events = [e for e in rows if e.label != NONE]
    labels = tuple(sorted({e.label for e in events}))
    if len(labels) < 2:
        raise TyperError("Training needs events of at least two sub-event types.",
                         "Add sentences of other sub-event types.")
    texts = [normalise_sentence(e.text) for e in rows]
    word = TfidfVectorizer(**_WORD_PARAMS)
    char = TfidfVectorizer(**_CHAR_PARAMS)
    features = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    is_event = np.array([e.label != NONE for e in rows])
    if is_event.all():
        # no non-event examples (an ACLED export alone): the detector says "event" to everything
        detector_coef, detector_intercept = np.zeros(features.shape[1], dtype=np.float32), 10.0
    else:
        detector = LogisticRegression(C=c, max_iter=3000, random_state=seed)
        detector.fit(features, is_event.astype(int))
        detector_coef, detector_intercept = detector.coef_[0], float(detector.intercept_[0])
    index = {label: i for i, label in enumerate(labels)}
    typer = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    typer.fit(features[np.flatnonzero(is_event)], np.array([index[e.label] for e in events]))
    return LinearTyper(
        labels=labels,
        word_vocab={str(k): int(v) for k, v in word.vocabulary_.items()},
        word_idf=word.idf_.astype(np.float32),
        char_vocab={str(k): int(v) for k, v in char.vocabulary_.items()},
        char_idf=char.idf_.astype(np.float32),
        coef=typer.coef_.astype(np.float32),
        intercept=typer.intercept_.astype(np.float32),
        detector_coef=np.asarray(detector_coef, dtype=np.float32),
        detector_intercept=detector_intercept,
        meta={"examples": len(rows), "events": len(events), "seed": seed, "C": c, **(meta or {})},
    )


def acled_examples(path: str | Path, *, half: int | None = None) -> list[TrainingExample]:
    """Training examples from an ACLED export: each row's notes labelled with its sub-event type.

    The notes are the analyst's own licensed data: they are read from their file
    and never copied into the project.
    """
    from .eval.acled import read_acled

    known = set(SUB_EVENT_TYPE_TO_TYPE)
    return [TrainingExample(row.notes, row.sub_event_type)
            for row in read_acled(path, half=half) if row.sub_event_type in known]


def train_from_acled(path: str | Path, out: str | Path, *, half: int | None = None,
                     mix: bool = True, corpus: str | Path | None = None, seed: int = 0) -> LinearTyper:
    """Train a local typer from an ACLED export (optionally mixed with a corpus) and save it.

    ``mix`` adds the shipped corpus (or ``corpus``), which holds the sentences
    that are no event: ACLED rows are all events, and a typer that never saw
    a non-event calls every sentence of a news article one.
    """
    examples = acled_examples(path, half=half)
    if not examples:
        raise TyperError(f"No row of {path} has notes and a known sub-event type.",
                         "Pass an ACLED export with its notes and sub_event_type columns.")
    mixed: list[TrainingExample] = []
    if mix:
        source = Path(corpus) if corpus else shipped_corpus_dir()
        if source is None or not source.exists():
            raise TyperError("The shipped training corpus is not installed with this copy of eventline.",
                             "Pass --corpus DIR (training/corpus in the source tree), or --no-mix.")
        mixed = read_corpus(source)
    typer = train(examples + mixed, seed=seed, meta={
        "name": f"typer.acled.{hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]}",
        "trained_on": {"acled_rows": len(examples), "acled_half": half, "corpus_examples": len(mixed)},
    })
    typer.save(out)
    return typer


def shipped_corpus_dir() -> Path | None:
    """``training/corpus`` of a source checkout, when eventline runs from one."""
    folder = Path(__file__).resolve().parents[2] / "training" / "corpus"
    return folder if folder.is_dir() else None


def build_shipped(corpus: str | Path, out: str | Path | None = None, *, seed: int = 0) -> LinearTyper:
    """What ``make model`` runs: train on the project's corpus and write the shipped model."""
    typer = train(read_corpus(corpus), seed=seed, meta={
        "name": f"typer.shipped.{corpus_sha256(corpus)[:12]}",
        "corpus_sha256": corpus_sha256(corpus),
    })
    typer.save(out or shipped_model_dir())
    return typer


_LOADED: dict[str, LinearTyper] = {}


def load_typer(path: str | Path | None = None) -> LinearTyper:
    """The typer at ``path`` (a folder written by :meth:`LinearTyper.save`), or the shipped one."""
    folder = Path(path) if path else shipped_model_dir()
    key = str(folder.resolve())
    if key not in _LOADED:
        _LOADED[key] = LinearTyper.load(folder)
    return _LOADED[key]


if __name__ == "__main__":  # pragma: no cover - `make model`
    import sys

    built = build_shipped(sys.argv[1] if len(sys.argv) > 1 else "training/corpus")
    print(f"{built.name}: {built.meta['examples']} examples, labels {len(built.labels)}, "
          f"written to {shipped_model_dir()}")
