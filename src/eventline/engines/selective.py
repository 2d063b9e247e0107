"""Parse only the sentences that can hold an event (the ``parse = "flagged"`` setting).

Most sentences of a news article hold no event (quotes, background, analysis),
and no stage needs their dependency parse or entities. For a batch of
articles this module

1. tokenises each article and splits it into sentences cheaply (spaCy's
   punctuation sentencizer, then the project's rule that a line break ends a
   sentence, :func:`eventline.nlp._newline_boundaries`);
2. flags the sentences that may hold an event: a trigger-lexicon word form in
   them (any inflection of a trigger lemma, or a casualty word), or the learned
   detector's P(event) at the threshold extraction reads
   (:data:`eventline.extract.learned.LEARNED_MIN_PROBABILITY`); the sentence before a
   flagged one is flagged too (the place stage reads its entities);
3. runs the whole spaCy pipeline (tok2vec, tagger, parser, NER, ...) on the
   flagged stretches only, each stretch of consecutive flagged sentences as its
   own Doc built from the article's own tokens, batched across the articles so
   ``nlp.pipe`` keeps its batch efficiency;
4. writes each stretch's annotations back into one Doc of the whole article,
   so every stage reads the flagged sentences as in a full parse (character
   offsets are the article's). Unflagged sentences keep their tokens and
   boundaries and carry no tags or entities (their tokens hang from the
   sentence's first one with spaCy's generic label ``dep``).

The learned typer is run once per sentence here; the typer handed back with
each Doc answers extraction's own call from that cache.

``parse = "all"`` keeps the full parse of every sentence (``nlp.pipe`` over whole articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ..errors import SettingsError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..protocols import Model, SentenceTyper

NAME = "nlp.selective.v1"
MODES = ("flagged", "all")

# Sentences seen and sentences parsed in this process (the benchmark prints their share).
STATS = {"sentences": 0, "parsed": 0}


def parse_mode(settings: dict[str, Any]) -> str:
    """The ``parse`` setting, checked: ``flagged`` or ``all``."""
    mode = str(settings.get("parse") or "all").strip().lower()
    if mode not in MODES:
        raise SettingsError(f"Setting 'parse' must be one of {', '.join(MODES)}, got {mode!r}.",
                            'Use parse = "flagged" (parse event sentences only) or "all".')
    return mode


class CachedTyper:
    """A typer that answers from the predictions made while flagging, and asks the model otherwise."""

    def __init__(self, typer: "SentenceTyper", cache: dict[str, tuple[str, float]]) -> None:
        self._typer = typer
        self._cache = cache

    @property
    def name(self) -> str:
        return self._typer.name

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._typer.predict(missing)))
        return [self._cache[t] for t in texts]

    def distribution(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return self._typer.distribution(texts)  # asked for the few sentences rules typed


@lru_cache(maxsize=4)
def trigger_forms(model: "Model") -> frozenset[str]:
    """Lower-cased word forms that may be a trigger once lemmatised.

    Every regular inflection of each trigger lemma, the model lemmatizer's own
    exception forms that map to one, and the casualty words extraction counts.
    Over-generating is harmless (a sentence parsed for nothing); a missing form
    would lose an event, so the lemmatizer's exceptions are read, not guessed.
    """
    from ..extract.lexicons import (
        DEATH_WORDS,
        IRREGULAR_FORMS,
        NOUN_TRIGGERS,
        VERB_TRIGGERS,
        WOUND_WORDS,
    )

    # verbs the rules read with a particular object ("fired a missile", "opened fire": the
    # object flags that one)
    verbs = set(VERB_TRIGGERS) | {"fire", "launch", "lob", "die"}
    nouns = set(NOUN_TRIGGERS)
    lemmas = verbs | nouns
    forms: set[str] = set(IRREGULAR_FORMS) | DEATH_WORDS | WOUND_WORDS
    forms |= {"fatalities", "fatality", "casualties", "casualty"}
    for lemma in verbs:
        forms |= _inflections(lemma)
    for lemma in nouns:
        forms |= {lemma, lemma + "s", lemma + "es"}
    try:
        lemmatizer: Any = model.get_pipe("lemmatizer")
        exc = lemmatizer.lookups.get_table("lemma_exc")
        for pos in ("verb", "noun"):
            for form, values in dict(exc.get(pos, {})).items():
                if any(v in lemmas for v in values):
                    forms.add(form.lower())
    except (KeyError, ValueError, AttributeError):  # a model without lookup tables: rules only
        pass
    return frozenset(forms)


def _inflections(lemma: str) -> set[str]:
    """Regular English inflections of a lemma (over-generated on purpose)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma[-1:] not in "aeiouwy":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@dataclass
class _Prepared:
    doc: "Doc"  # the article's tokens and cheap sentence boundaries
    sents: list[tuple[int, int]]  # token ranges
    stretches: list[tuple[int, int]]  # token ranges to parse


def _split(model: "Model", text: str) -> tuple["Doc", list[tuple[int, int]]]:
    from ..nlp import _newline_boundaries

    doc = _sentencizer()(model.make_doc(text))
    for tok in doc:
        # a line break belongs to the sentence it ends, as in the parser's sentences
        if tok.is_space and tok.i > 0 and tok.is_sent_start:
            tok.is_sent_start = False
            if tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
    doc = _newline_boundaries(doc)
    return doc, [(s.start, s.end) for s in doc.sents]


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    from spacy.pipeline import Sentencizer

    return Sentencizer()


@lru_cache(maxsize=1)
def _crowd_words() -> tuple[frozenset[str], frozenset[str]]:
    """"Police used tear gas on the students": a crowd weapon and a crowd, read as a pair."""
    from ..extract.lexicons import CROWD_WEAPONS, CROWD_WORDS

    crowd = set(CROWD_WORDS) | {w + "s" for w in CROWD_WORDS}
    return frozenset(set(CROWD_WEAPONS) | {w + "s" for w in CROWD_WEAPONS}), frozenset(crowd)


def _has_trigger(words: set[str], forms: frozenset[str]) -> bool:
    if not words.isdisjoint(forms):
        return True
    weapons, crowd = _crowd_words()
    return not words.isdisjoint(weapons) and not words.isdisjoint(crowd)


def _flag(doc: "Doc", sents: list[tuple[int, int]], probs: list[float], forms: frozenset[str],
          threshold: float) -> list[bool]:
    flags = [p >= threshold or _has_trigger({t.lower_ for t in doc[a:b]}, forms)
             for (a, b), p in zip(sents, probs)]
    # the sentence before an event sentence: the place stage reads its entities and tags
    # when it resolves the names the event sentence repeats (without it, ACLED places drop)
    return [f or (i + 1 < len(flags) and flags[i + 1]) for i, f in enumerate(flags)]


def _stretches(sents: list[tuple[int, int]], flags: list[bool]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for (a, b), f in zip(sents, flags):
        if not f:
            continue
        if out and out[-1][1] == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def parse_flagged(model: "Model", typer: "SentenceTyper | None", texts: Sequence[str], *,
                  batch_size: int = 32) -> tuple[list["Doc"], "SentenceTyper | None"]:
    """Docs of ``texts`` with only their event sentences parsed, and the typer to extract with.

    Example::

        docs, typer = parse_flagged(model, typer, [article.text for article in batch])
        analyse_article(batch[0], docs[0], ..., typer=typer)
    """
    from spacy.tokens import Doc

    from ..extract.learned import LEARNED_MIN_PROBABILITY

    forms = trigger_forms(model)
    prepared = []
    for text in texts:
        doc, sents = _split(model, text)
        prepared.append(_Prepared(doc, sents, []))
    cache: dict[str, tuple[str, float]] = {}
    sent_texts = [p.doc[a:b].text for p in prepared for a, b in p.sents]
    if typer is not None and sent_texts:
        unique = list(dict.fromkeys(sent_texts))
        cache.update(zip(unique, typer.predict(unique)))
    for p in prepared:
        probs = [cache[p.doc[a:b].text][1] if typer is not None else 0.0 for a, b in p.sents]
        p.stretches = _stretches(p.sents, _flag(p.doc, p.sents, probs, forms,
                                                LEARNED_MIN_PROBABILITY))
        STATS["sentences"] += len(p.sents)
        STATS["parsed"] += sum(1 for a, b in p.sents
                               if any(s <= a and b <= e for s, e in p.stretches))
    # each stretch is parsed from the article's own tokens: offsets map back one to one
    inputs = [Doc(model.vocab, words=[t.text for t in p.doc[a:b]],
                  spaces=[bool(t.whitespace_) for t in p.doc[a:b]])
              for p in prepared for a, b in p.stretches]
    parsed = iter(model.pipe(inputs, batch_size=batch_size))
    docs = [_compose(p, [next(parsed) for _ in p.stretches]) for p in prepared]
    return docs, (CachedTyper(typer, cache) if typer is not None else None)


_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")


def _compose(p: _Prepared, parsed: list["Doc"]) -> "Doc":
    """The article's Doc with each parsed stretch's annotations written into it."""
    import numpy as np

    doc = p.doc
    if not parsed:
        return doc  # tokens and sentence boundaries only
    from spacy.attrs import IDS

    ids = [IDS[a] for a in _ATTRS]
    head, dep, iob = _ATTRS.index("HEAD"), _ATTRS.index("DEP"), _ATTRS.index("ENT_IOB")
    arr = np.zeros((len(doc), len(ids)), dtype=np.int64)
    arr[:, iob] = 2  # outside any entity
    # an unparsed sentence hangs from its first token with spaCy's generic label, so the
    # boundaries survive (spaCy derives sentences from the heads once a Doc is parsed)
    unknown = doc.vocab.strings.add("dep")
    for a, b in p.sents:
        arr[a:b, head] = a - np.arange(a, b)
        arr[a:b, dep] = unknown
    for (a, b), sub in zip(p.stretches, parsed):
        assert len(sub) == b - a, "a parsed stretch keeps the article's tokens"
        arr[a:b] = sub.to_array(ids).astype(np.int64)
    doc.from_array(ids, cast(Any, arr.astype(np.uint64)))  # HEAD offsets wrap as spaCy's own
    return doc

