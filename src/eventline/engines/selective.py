"""Parse only the sentences that can hold an event (the ``parse = "flagged"`` setting).

Most sentences of a news article hold no event (quotes, background, analysis),
and no stage needs their dependency parse or entities. For a batch of
articles this module

1. tokenises each article and splits it into sentences cheaply (spaCy's
   punctuation sentencizer, then the project's rule that a line break ends a
   sentence, :func:`eventline.nlp._newline_boundaries`);
2. flags the sentences that may hold an event: the learned detector's P(event)
   at the threshold extraction reads
   (:data:`eventline.extract.learned.LEARNED_MIN_PROBABILITY`), or a trigger word
   form (any inflection of a trigger lemma; a capitalised word inside a sentence
   is a name: "Monday, March 16"), or an idiom's verb with its object ("opened
   fire"). Triggers the rule table types as no event without certain words
   ("take", "fall", "set", "release", ...: :func:`_gates`) need those words;
   casualty words count only right after an event sentence (a toll); pieces the
   sentencizer cut after an abbreviation ("Capt. | Steve Joly said") go together;
3. runs the whole spaCy pipeline (tok2vec, tagger, parser, NER, ...) on the
   flagged stretches only, each stretch of consecutive flagged sentences as its
   own Doc built from the article's own tokens, batched across the articles so
   ``nlp.pipe`` keeps its batch efficiency;
   the attribute ruler and lemmatizer answer from a table of their own output
   (:class:`eventline.nlp.TagAttributes`);
4. writes each stretch's annotations back into one Doc of the whole article,
   so every stage reads the flagged sentences as in a full parse (character
   offsets are the article's). Unflagged sentences keep their tokens and
   boundaries and carry no tags or entities (their tokens hang from the
   sentence's first one with spaCy's generic label ``dep``); the place stage
   reads names there as it does without spaCy.

The learned typer is run once per sentence here; the typer handed back with
each Doc answers extraction's own call from that cache.

``parse = "all"`` keeps the full parse of every sentence (``nlp.pipe`` over whole articles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    mode = str(settings.get("parse") or "flagged").strip().lower()
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
    return _cues(model).event | _cues(model).toll


@dataclass(frozen=True)
class _Cues:
    """The words that make a sentence worth parsing, by what they need around them."""

    event: frozenset[str]  # a trigger word form: the sentence may hold an event
    toll: frozenset[str]  # casualty words: they count only after an event sentence
    claim: frozenset[str]  # a claim of responsibility: it names the author of the event before
    idioms: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (verb forms, object forms)
    # trigger forms the rule table types as no event unless the sentence holds one of these
    # words (or, for "near", one of them within a few words after the trigger)
    gates: dict[str, "_Gate"]


@dataclass(frozen=True)
class _Gate:
    words: frozenset[str]  # anywhere in the sentence
    near: frozenset[str] = frozenset()  # within _NEAR_PREP words after the trigger
    name_near: bool = False  # a capitalised word within _NEAR words after it ("took Gao")


_NEAR = 4
_NEAR_PREP = 8  # "fell on Saturday morning to the rebels"


@lru_cache(maxsize=4)
def _cues(model: "Model") -> _Cues:
    from ..extract.idioms import PATTERNS
    from ..extract.lexicons import (
        DEATH_WORDS,
        ENDURED_NOUNS,
        IRREGULAR_FORMS,
        NOUN_TRIGGERS,
        VERB_TRIGGERS,
        WOUND_WORDS,
    )
    from ..extract.triggers import FRAME_CUES

    verbs, nouns = set(VERB_TRIGGERS), set(NOUN_TRIGGERS)
    lemmas = verbs | nouns
    event: set[str] = set(IRREGULAR_FORMS)
    for lemma in verbs:
        event |= _inflections(lemma)
    for lemma in nouns | set(ENDURED_NOUNS):  # "came under fire"
        event |= _plurals(lemma)
    toll = set(DEATH_WORDS | WOUND_WORDS) | _inflections("die")
    toll |= {"fatalities", "fatality", "casualties", "casualty"}
    # an idiom's verb alone is no trigger ("fired a missile", "opened fire"): its object must
    # be in the sentence too
    idioms: list[tuple[frozenset[str], frozenset[str]]] = []
    exc_forms: dict[str, set[str]] = {}
    try:
        lemmatizer: Any = model.get_pipe("lemmatizer")
        exc = lemmatizer.lookups.get_table("lemma_exc")
        for pos in ("verb", "noun"):
            for form, values in dict(exc.get(pos, {})).items():
                for v in values:
                    exc_forms.setdefault(v, set()).add(form.lower())
    except (KeyError, ValueError, AttributeError):  # a model without lookup tables: rules only
        pass
    for lemma in lemmas:
        event |= exc_forms.get(lemma, set())
    for pattern in PATTERNS:
        verb_lemmas = pattern[0]["RIGHT_ATTRS"]["_"]["eventline_trigger_lemma"]["IN"]
        obj = pattern[1]["RIGHT_ATTRS"]
        objects = obj["LOWER"]["IN"] if "LOWER" in obj else obj["_"]["eventline_lemma"]["IN"]
        vforms = {f for v in verb_lemmas for f in _inflections(v) | exc_forms.get(v, set())}
        vforms |= {f for f, lemma in IRREGULAR_FORMS.items() if lemma in verb_lemmas}
        oforms = {f for o in objects for f in _plurals(o) | exc_forms.get(o, set())}
        idioms.append((frozenset(vforms), frozenset(oforms)))
    # the trigger frames no trigger word cues: "protesters demanded", "went to the streets"
    for frame_lemmas, frame_words in FRAME_CUES:
        vforms = {f for v in frame_lemmas for f in _inflections(v) | exc_forms.get(v, set())}
        idioms.append((frozenset(vforms), frame_words))
    gates = _gates(exc_forms)
    # "JNIM claimed responsibility.", "The mine was planted by ...": extraction reads the author
    # of an event in the two sentences after it (extract.arguments._claimant)
    claim = {f for v in ("claim", "acknowledge", "admit", "plant", "perpetrate", "attribute",
                         "blame") for f in _inflections(v)} | {"responsibility", "responsible"}
    return _Cues(frozenset(event), frozenset(toll - event), frozenset(claim - event),
                 tuple(idioms), gates)


def _gates(exc_forms: dict[str, set[str]]) -> dict[str, _Gate]:
    """Trigger forms whose class the rule table (extract/rules/typing.toml) types as an
    event only with certain words around: each rule's condition, read as words a sentence
    must hold (a necessary condition, so no event of the full parse is lost).

    "set" needs fire or a base ("set fire to", "set up a checkpoint"), "free"/"release"
    prisoners or hostages, "hit"/"pound"/"rock"/"target" a weapon, "fall" a "to" after it
    ("fell to the rebels"), "gain" control, "take" a place, control, power or hostages
    ("took the town", "took Gao", "took control"). Any of them with a crowd or a public
    place may be a protest ("students took to the streets").
    """
    from ..extract.lexicons import (
        AIR_WEAPONS,
        CROWD_WORDS,
        GROUND_WEAPONS,
        IRREGULAR_FORMS,
        NOUN_TRIGGERS,
        PLACE_OBJECT_NOUNS,
        POWER_NOUNS,
        VERB_TRIGGERS,
    )
    from ..extract.rules import TABLE

    words = TABLE.words

    def plural(ws: "Iterable[str]") -> frozenset[str]:
        return frozenset(f for w in ws for f in _plurals(w))

    crowd = plural(set(CROWD_WORDS) | words["CROWD_SUBJECT_LEMMAS"] | words["CROWD_ROLES"]) \
        | words["CROWD_SUBJECT_WORDS"] | words["OCCUPIED"]
    weapons = plural(AIR_WEAPONS | GROUND_WEAPONS | words["DRONES"])
    by_lemma = {
        "set": _Gate(frozenset({"fire", "fires"}) | plural(words["BASES"]) | crowd),
        "release": _Gate(plural(words["PRISONERS"] | words["HOSTAGE_WORDS"])),
        "hit": _Gate(weapons), "pound": _Gate(weapons), "rock": _Gate(weapons),
        "target": _Gate(weapons),
        "fall": _Gate(crowd, near=frozenset({"to", "into"})),
        "gain": _Gate(frozenset({"control"}) | crowd),
        "take": _Gate(plural(PLACE_OBJECT_NOUNS | POWER_NOUNS | words["HOSTAGE_WORDS"])
                      | {"control", "over", "power"} | crowd, name_near=True),
    }
    by_lemma["establish"] = by_lemma["set"]
    by_lemma["free"] = by_lemma["release"]
    # a form is gated only when every trigger it may be is gated
    forms: dict[str, set[str]] = {}
    for lemma in set(VERB_TRIGGERS):
        for f in _inflections(lemma) | exc_forms.get(lemma, set()):
            forms.setdefault(f, set()).add(lemma)
    for f, lemma in IRREGULAR_FORMS.items():
        forms.setdefault(f, set()).add(lemma)
    for noun in NOUN_TRIGGERS:
        for f in _plurals(noun) | exc_forms.get(noun, set()):
            forms.setdefault(f, set()).add("noun:" + noun)
    out = {}
    for f, lemmas in forms.items():
        if lemmas <= set(by_lemma):
            gs = [by_lemma[lemma] for lemma in sorted(lemmas)]
            out[f] = _Gate(frozenset().union(*(g.words for g in gs)),
                           frozenset().union(*(g.near for g in gs)), any(g.name_near for g in gs))
    return out


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


def _plurals(noun: str) -> set[str]:
    return {noun, noun + "s", noun + "es"}


@dataclass
class _Prepared:
    doc: "Doc"  # the article's tokens and cheap sentence boundaries
    sents: list[tuple[int, int]]  # token ranges
    stretches: list[tuple[int, int]]  # token ranges to parse
    toks: "_Tokens"  # the same tokens as lists


def _split(model: "Model", text: str) -> tuple["Doc", list[tuple[int, int]]]:
    """The article's tokens and cheap sentence boundaries: spaCy's punctuation sentencizer,
    a line break kept with the sentence it ends, an opening quote with the sentence it opens,
    then the project's line-break rule (:func:`eventline.nlp._newline_boundaries`).

    The first three are read and written as token arrays (what ``Sentencizer`` and a loop
    over the tokens gave, without a token object per word: a fifth of this module's time)."""
    import numpy as np
    from spacy.attrs import IS_PUNCT, IS_QUOTE, IS_SPACE, ORTH, SENT_START, SPACY

    from ..nlp import _newline_boundaries

    doc = model.make_doc(text)
    n = len(doc)
    if n:
        orth, punct, space, quote, ws = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IS_QUOTE,
                                                      SPACY]).T.tolist()
        ends = _punct_ids(doc.vocab)
        # spacy.pipeline.Sentencizer.predict: a sentence starts at the first token after a
        # stop that is neither punctuation nor a stop itself
        start_at = [False] * n
        start_at[0] = True
        start, seen = 0, False
        for i in range(n):
            is_end = orth[i] in ends
            if seen and not punct[i] and not is_end:
                start_at[start] = True
                start, seen = i, False
            elif is_end:
                seen = True
        start_at[start] = True
        starts = [1 if s else -1 for s in start_at]  # (a fresh Doc: every token's start unset)
        for i in range(1, n):
            # a line break belongs to the sentence it ends, as in the parser's sentences
            if space[i] and starts[i] == 1:
                starts[i] = -1
                if i + 1 < n:
                    starts[i + 1] = 1
        for i in range(2, n):
            # an opening quote opens the next sentence, as in the parser's ('... said. "We ...')
            if starts[i] == 1 and quote[i - 1] and not ws[i - 1] and ws[i - 2] and not space[i - 2]:
                starts[i] = -1
                starts[i - 1] = 1
        # (-1 wraps as spaCy's own arrays do)
        doc.from_array([SENT_START], cast(Any, np.array(starts, dtype=np.int64).astype(np.uint64)
                                          .reshape(n, 1)))
    doc = _newline_boundaries(doc)
    if not n:
        return doc, []
    flags = doc.to_array([SENT_START]).tolist()
    bounds = [i for i in range(1, n) if flags[i] == 1]
    return doc, list(zip([0, *bounds], [*bounds, n]))


@lru_cache(maxsize=4)
def _punct_ids(vocab: Any) -> frozenset[int]:
    """The hashes of the words that end a sentence for spaCy's ``Sentencizer``."""
    from spacy.pipeline import Sentencizer

    return frozenset(vocab.strings[c] for c in Sentencizer.default_punct_chars)


@lru_cache(maxsize=1)
def _crowd_words() -> tuple[frozenset[str], frozenset[str]]:
    """"Police used tear gas on the students": a crowd weapon and a crowd, read as a pair."""
    from ..extract.lexicons import CROWD_WEAPONS, CROWD_WORDS

    crowd = set(CROWD_WORDS) | {w + "s" for w in CROWD_WORDS}
    return frozenset(set(CROWD_WEAPONS) | {w + "s" for w in CROWD_WEAPONS}), frozenset(crowd)


@dataclass(frozen=True)
class _Tokens:
    """An article's tokens as plain lists (what flagging reads of each, without a token
    object per word): the text, its lower case, whether it is a space, whether a space
    follows it, where it starts."""

    text: list[str]
    lower: list[str]
    space: list[int]
    ws: list[int]
    idx: list[int]  # character offset

    @classmethod
    def of(cls, doc: "Doc") -> "_Tokens":
        from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SPACY

        if not len(doc):
            return cls([], [], [], [], [])
        orth, lower, space, ws, idx = doc.to_array([ORTH, LOWER, IS_SPACE, SPACY, IDX]).T.tolist()
        strings = doc.vocab.strings
        return cls([strings[h] for h in orth], [strings[h] for h in lower], space, ws, idx)


def _words(toks: _Tokens, a: int, b: int) -> list[tuple[str, str, bool]]:
    """The sentence's words: (lower case, as written, counts as a trigger).

    A capital inside a sentence makes a name, not a trigger: "Monday, March 16",
    "the Fire Department", "Storm Lake". The first word, a word after an opening
    quote or bracket, words in capitals ("REBELS SEIZE GAO") and every word of a
    headline in title case still count.
    """
    idx = [i for i in range(a, b) if not toks.space[i]]
    texts = toks.text
    alpha = [texts[i] for i in idx if texts[i][:1].isalpha()]
    headline = sum(w[:1].isupper() for w in alpha) * 2 >= len(alpha)
    out = []
    prev = ""
    for i in idx:
        text = texts[i]
        counts = headline or not text[:1].isupper() or text.isupper() or not prev or (
            not prev[:1].isalnum() and prev not in {",", "&", "-", "'s", "\u2019s"})
        out.append((toks.lower[i], text, counts))
        prev = text
    return out


def _weak_end(toks: _Tokens, a: int, b: int) -> bool:
    """The sentencizer may have cut a sentence after an abbreviation: "Capt. Steve Juge
    said", "(opposition est. 100,000) marched". The parser, given both pieces, decides."""
    n = len(toks.text)
    if b >= n:
        return False
    nxt = next((toks.text[i] for i in range(b, n) if not toks.space[i]), None)
    if nxt is not None and (nxt[:1].islower() or nxt[:1].isdigit()):
        return True
    end = b - 1
    while end > a and toks.space[end]:
        end -= 1
    if end <= a or toks.text[end] != "." or toks.ws[end - 1]:
        return False
    return toks.lower[end - 1] in _ABBREVIATIONS


# Abbreviations the tokenizer splits from their dot, so the sentencizer ends a sentence there
_ABBREVIATIONS = frozenset({
    "adm", "approx", "capt", "cmdr", "col", "const", "corp", "cpl", "dept", "det", "dr", "est",
    "gen", "gov", "inc", "insp", "lt", "maj", "messrs", "mr", "mrs", "ms", "no", "prof", "pvt",
    "rep", "rev", "sen", "sgt", "st", "supt", "vs"})


_OUT = frozenset({"out", "street", "streets"})


def _cue(words: list[tuple[str, str, bool]], cues: _Cues) -> str | None:
    """"event": a trigger word (or an idiom's verb with its object) is in the sentence;
    "toll": only casualty words ("Two soldiers died.") or a claim of responsibility ("X claimed
    the attack."); None: neither."""
    counted = {w for w, _, counts in words if counts}
    every = {w for w, _, _ in words}
    for i, (w, _, counts) in enumerate(words):
        if not counts or w not in cues.event:
            continue
        gate = cues.gates.get(w)
        if gate is None or not every.isdisjoint(gate.words):
            return "event"
        if any(x in gate.near for x, _, _ in words[i + 1:i + 1 + _NEAR_PREP]) or \
                gate.name_near and any(orig[:1].isupper() for _, orig, _ in words[i + 1:i + 1 + _NEAR]):
            return "event"
    weapons, crowd = _crowd_words()
    if not counted.isdisjoint(crowd) and not (counted.isdisjoint(weapons)
                                              and counted.isdisjoint(_OUT)):
        return "event"  # "used tear gas on the students", "supporters were out in Kano"
    for verbs, objects in cues.idioms:
        if not counted.isdisjoint(verbs) and not counted.isdisjoint(objects):
            return "event"
    return "toll" if not (counted.isdisjoint(cues.toll) and counted.isdisjoint(cues.claim)) \
        else None


def _flag(toks: _Tokens, sents: list[tuple[int, int]], probs: list[float], cues: _Cues,
          threshold: float) -> list[bool]:
    flags: list[bool] = []
    events: list[bool] = []
    for (a, b), p in zip(sents, probs):
        cue = _cue(_words(toks, a, b), cues)
        # a toll ("Five people died.") or a claim ("X claimed the attack.") is read only in the
        # two sentences after an event sentence, which it adds its dead or its author to
        flags.append(p >= threshold or cue == "event" or cue == "toll" and any(events[-2:]))
        events.append(p >= threshold or cue == "event")
    # pieces the sentencizer may have cut from one sentence are parsed together
    weak = [_weak_end(toks, a, b) for a, b in sents[:-1]]
    for i in range(len(weak)):
        if weak[i] and flags[i + 1]:
            flags[i] = True
    for i in range(len(weak)):
        if weak[i] and flags[i]:
            flags[i + 1] = True
    # (a backward pass then a forward pass: a run of cut pieces is flagged as a whole)
    for i in range(len(weak) - 1, -1, -1):
        if weak[i] and flags[i + 1]:
            flags[i] = True
    return flags


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

    cues = _cues(model)
    prepared = []
    for text in texts:
        doc, sents = _split(model, text)
        prepared.append(_Prepared(doc, sents, [], _Tokens.of(doc)))
    cache: dict[str, tuple[str, float]] = {}
    # each sentence's text from its character offsets (what Span.text gives, without
    # making a token object per word; spaCy's tokens keep the text whole)
    texts_of = [[text[p.toks.idx[a]:p.toks.idx[b - 1] + len(p.toks.text[b - 1])] for a, b in p.sents]
                for p, text in zip(prepared, texts)]
    sent_texts = [t for ts in texts_of for t in ts]
    if typer is not None and sent_texts:
        unique = list(dict.fromkeys(sent_texts))
        cache.update(zip(unique, typer.predict(unique)))
    for p, ts in zip(prepared, texts_of):
        probs = [cache[t][1] if typer is not None else 0.0 for t in ts]
        p.stretches = _stretches(p.sents, _flag(p.toks, p.sents, probs, cues,
                                                LEARNED_MIN_PROBABILITY))
        STATS["sentences"] += len(p.sents)
        STATS["parsed"] += sum(1 for a, b in p.sents
                               if any(s <= a and b <= e for s, e in p.stretches))
    # each stretch is parsed from the article's own tokens: offsets map back one to one
    inputs = [Doc(model.vocab, words=p.toks.text[a:b], spaces=[bool(w) for w in p.toks.ws[a:b]])
              for p in prepared for a, b in p.stretches]
    # the attribute ruler and lemmatizer answer from their table (same output, a fraction
    # of the time: eventline.nlp.TagAttributes)
    attrs = _tag_attributes(model)
    names = [n for n in attrs.names if n in model.pipe_names]
    parsed = (attrs(d) for d in model.pipe(inputs, batch_size=batch_size, disable=names))
    docs = [_compose(p, [next(parsed) for _ in p.stretches]) for p in prepared]
    return docs, (CachedTyper(typer, cache) if typer is not None else None)


@lru_cache(maxsize=4)
def _tag_attributes(model: "Model") -> Any:
    from ..nlp import TagAttributes

    return TagAttributes(cast(Any, model))


_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")


def _compose(p: _Prepared, parsed: list["Doc"]) -> "Doc":
    """The article's Doc with each parsed stretch's annotations written into it."""
    import numpy as np

    from ..extract.idioms import IDIOMS_KEY, idiom_matches

    doc = p.doc
    # the idiom matcher refuses a partly tagged Doc: each stretch is matched whole here
    doc.user_data[IDIOMS_KEY] = {a + i: idioms for (a, _), sub in zip(p.stretches, parsed)
                                 for i, idioms in idiom_matches(sub).items()}
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

