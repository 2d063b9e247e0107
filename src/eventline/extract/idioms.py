"""Trigger idioms ("opened fire on", "fired rockets at") found by spaCy's DependencyMatcher.

The idioms are data (``lexicons/idioms.toml``); each becomes a dependency
pattern: a verb, and its direct object (or the subject of its passive, or a
preposition whose object is no time: "fired on a convoy"). :func:`idiom_classes` runs
the matcher once per document and says which tokens are idiom triggers.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import lexicons
from .lexicons import IRREGULAR_FORMS, LEXICON_DIR

if TYPE_CHECKING:
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab


@dataclass(frozen=True, slots=True)
class Idiom:
    cls: str
    verbs: frozenset[str]
    sentence_lemmas: frozenset[str]  # empty: no condition on the sentence


def _words(items: list[str]) -> frozenset[str]:
    """A list of words and ``@LEXICON`` names -> the words."""
    out: set[str] = set()
    for item in items:
        if item.startswith("@"):
            out |= getattr(lexicons, item[1:])
        else:
            out.add(item)
    return frozenset(out)


def _load() -> tuple[list[Idiom], list[list[dict[str, Any]]]]:
    with (LEXICON_DIR / "idioms.toml").open("rb") as fh:
        raw = tomllib.load(fh)["idiom"]
    idioms, patterns = [], []
    for spec in raw:
        verbs = _words(spec["verb"])
        # the object of the verb, or the subject of its passive ("rockets were fired at")
        dep = spec.get("dependency", "dobj")
        if "object_word" in spec:
            obj: dict[str, Any] = {"DEP": dep, "LOWER": {"IN": sorted(_words(spec["object_word"]))}}
        else:
            obj = {"DEP": dep, "_": {"eventline_lemma": {"IN": sorted(_words(spec["object_lemma"]))}}}
        idioms.append(Idiom(spec["class"], verbs, _words(spec.get("sentence_lemma", []))))
        pattern = [
            {"RIGHT_ID": "verb",
             "RIGHT_ATTRS": {"POS": "VERB", "_": {"eventline_trigger_lemma": {"IN": sorted(verbs)}}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": obj},
        ]
        if dep == "prep":
            # "fired on a convoy", not "fired on Monday": the preposition's object is no time
            pattern.append({"LEFT_ID": "object", "REL_OP": ">", "RIGHT_ID": "target",
                            "RIGHT_ATTRS": {"DEP": "pobj",
                                            "ENT_TYPE": {"NOT_IN": ["DATE", "TIME"]}}})
        patterns.append(pattern)
    return idioms, patterns


IDIOMS, PATTERNS = _load()


def trigger_lemma(tok: Token) -> str:
    """The lemma a trigger is looked up by: the small model's lemmatizer misses some forms."""
    return IRREGULAR_FORMS.get(tok.lower_) or tok.lemma_.lower()


def _register_extensions() -> None:
    from spacy.tokens import Token

    if not Token.has_extension("eventline_lemma"):
        Token.set_extension("eventline_lemma", getter=lambda t: t.lemma_.lower())
    if not Token.has_extension("eventline_trigger_lemma"):
        Token.set_extension("eventline_trigger_lemma", getter=trigger_lemma)


_MATCHERS: dict[int, tuple[Vocab, DependencyMatcher]] = {}


def _matcher(vocab: Vocab) -> DependencyMatcher:
    entry = _MATCHERS.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        from spacy.matcher import DependencyMatcher

        _register_extensions()
        matcher = DependencyMatcher(vocab)
        for i, pattern in enumerate(PATTERNS):
            matcher.add(f"eventline_idiom_{i}", [pattern])
        entry = _MATCHERS[id(vocab)] = (vocab, matcher)
    return entry[1]


def _needs(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What a pattern's two first nodes ask of some token: (verb trigger lemmas, object
    lower-cased words, object lemmas)."""
    verbs = frozenset(pattern[0]["RIGHT_ATTRS"]["_"]["eventline_trigger_lemma"]["IN"])
    obj = pattern[1]["RIGHT_ATTRS"]
    if "LOWER" in obj:
        return verbs, frozenset(obj["LOWER"]["IN"]), frozenset()
    return verbs, frozenset(), frozenset(obj["_"]["eventline_lemma"]["IN"])


NEEDS = [_needs(p) for p in PATTERNS]


def _may_match(doc: Doc) -> bool:
    """Whether some pattern has both its verb and its object word in ``doc``: a necessary
    condition of a match, read from the token arrays (the matcher itself calls the
    extension getters on every token for every pattern, the bulk of its time)."""
    import numpy as np
    from spacy.attrs import LEMMA, LOWER, POS
    from spacy.parts_of_speech import VERB

    arr = doc.to_array([POS, LOWER, LEMMA])
    strings = doc.vocab.strings
    verb_rows = arr[arr[:, 0] == VERB]
    verbs = {IRREGULAR_FORMS.get(strings[int(lo)]) or strings[int(le)].lower()
             for lo, le in {(int(r[1]), int(r[2])) for r in verb_rows}}
    if not verbs:
        return False
    lowers = {strings[int(h)] for h in np.unique(arr[:, 1])}
    lemmas = {strings[int(h)].lower() for h in np.unique(arr[:, 2])}
    return any(not verbs.isdisjoint(v) and not (lowers.isdisjoint(lo) and lemmas.isdisjoint(le))
               for v, lo, le in NEEDS)


# Doc.user_data key under which engines/selective.py leaves the matches of the pieces it parsed
IDIOMS_KEY = "eventline.idioms"


def idiom_matches(doc: Doc) -> dict[int, list[Idiom]]:
    """Token index of each idiom verb -> the idioms it heads, in the file's order."""
    if IDIOMS_KEY in doc.user_data:
        return dict(doc.user_data[IDIOMS_KEY])  # parse = "flagged": matched on its parsed pieces
    matcher = _matcher(doc.vocab)
    found: dict[int, set[int]] = {}
    if doc.has_annotation("TAG", require_complete=True) or not doc.has_annotation("TAG"):
        pieces = [(0, doc)]
    else:
        # parse = "flagged": only some sentences are parsed, and spaCy's matcher refuses a Doc
        # whose tags are incomplete (E155); match each parsed sentence on its own
        pieces = [(sent.start, sent.as_doc()) for sent in doc.sents if all(t.tag_ for t in sent)]
    for offset, piece in pieces:
        if not piece.has_annotation("DEP") or not _may_match(piece):
            continue
        for match_id, (verb_i, *_rest) in matcher(piece):
            rank = int(doc.vocab.strings[match_id].rsplit("_", 1)[1])
            found.setdefault(offset + verb_i, set()).add(rank)
    return {i: [IDIOMS[r] for r in sorted(ranks)] for i, ranks in found.items()}


def idiom_class(candidates: list[Idiom], sent: Span, sent_lemmas: set[str] | None = None
                ) -> str | None:
    """The first idiom whose sentence condition holds (its class), or None."""
    for idiom in candidates:
        if not idiom.sentence_lemmas:
            return idiom.cls
        lemmas = sent_lemmas if sent_lemmas is not None else {t.lemma_.lower() for t in sent}
        if lemmas & idiom.sentence_lemmas:
            return idiom.cls
    return None
