"""Sentences -> ACLED events with arguments and evidence (the "extract" stage).

A rule-based extractor over spaCy's parse:

1. **Triggers** (:mod:`.triggers`): verbs and event nouns from a lexicon, each
   with a trigger class ("takeover", "attack", "kill", ...).
2. **Factuality** (:mod:`.factuality`): negated, modal, future, conditional,
   infinitival and reported-intention triggers are not events; nor are
   generalities without a time or a place.
3. **Typing** (:mod:`.classify`): the trigger's named features
   (:mod:`.features`: subject role and inter code, agentivity, object words,
   particles, crowd, armed objects, ...) go through an ordered first-match rule
   table, ``rules/typing.toml`` (:mod:`.rules`), which gives the ACLED
   sub-event type (who took a town decides "Government regains" vs "Non-state
   actor overtakes"; who was killed decides civilians attacked vs a clash vs a
   mob killing). Each rule carries its example and counter-example sentences.
4. **Arguments** (:mod:`.arguments`): actor1 from the subject (or passive
   agent), actor2 from the object; place from the trigger's clause, then the
   sentence, then the preceding sentences, then the article's focus; date from
   the nearest time expression governed by the trigger, then the sentence, then
   the preceding sentence of the paragraph, then the publication date.
5. **Fatalities** (:mod:`.fatalities`) as low/best/high, with ACLED's rule for
   vague counts.
6. **Infoboxes** (:mod:`.infobox`) of encyclopedia articles become an event of
   their own.

The word lists live in ``lexicons/*.toml`` (:mod:`.lexicons`). Each event
carries its sentence and offsets as a :class:`~eventline.models.Source`.

The package is also callable: ``eventline.extract(text, ...)`` is
:func:`eventline.pipeline.extract`, the one-call public API.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path
from typing import Any

from ..models import Event
from ..nlp import FALLBACKS
from ..versions import content_version, installed_model
from .events import extract_events
from .fatalities import count_fatalities
from .infobox import infobox_event
from .lexicons import LEXICON_DIR
from .records import Geo
from .rules import RULES_DIR, rule_files

__all__ = ["NAME", "Geo", "component_version", "count_fatalities", "extract_events",
           "infobox_event"]

_PACKAGE = Path(__file__).parent


def component_version(rules_dir: Path = RULES_DIR, lexicon_dir: Path = LEXICON_DIR) -> str:
    """``extract.rules.<hash12>``: a hash of the rule tables, the lexicons, this package's
    code and the default spaCy model's name and version. Any change to what decides the
    stage's output is a new version (recorded with each run)."""
    files = {f"rules/{p.name}": p for p in rule_files(rules_dir)}
    files |= {f"lexicons/{p.name}": p for p in sorted(lexicon_dir.glob("*.toml"))}
    files |= {f"code/{p.name}": p for p in sorted(_PACKAGE.glob("*.py"))}
    model = installed_model(["en_core_web_sm", *FALLBACKS["en_core_web_sm"]])
    return content_version("extract.rules", files, extra=[model])


NAME = component_version()


class _CallableModule(types.ModuleType):
    """``eventline.extract`` is both this package and the public API function."""

    def __call__(
        self,
        text: str,
        published: dt.date | str | None = None,
        source: str | None = None,
        *,
        name: str = "-",
        settings: dict[str, Any] | None = None,
    ) -> list[Event]:
        """Events of one text, nothing stored: :func:`eventline.pipeline.extract`."""
        from ..pipeline import extract

        return extract(text, published, source, name=name, settings=settings)


sys.modules[__name__].__class__ = _CallableModule
