"""One text-folding function: the form in which names and words are compared.

Actor aliases, demonyms, gazetteer names (through
:func:`eventline.gazetteer.name_key`), fused event locations and the scorers'
names are all compared folded, so "Ségou", "SEGOU" and "Segou" are one name and
"Côte d’Ivoire" matches "Cote d'Ivoire".

Example::

    >>> fold("  Côte d’Ivoire – SÉGOU ")
    "cote d'ivoire - segou"
    >>> fold("Łódź") == fold("Lodz")
    True
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into ASCII, and typographic quotes and dashes
# (sources print them differently).
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe",
    "Œ": "oe", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i", "ɔ": "o", "Ɔ": "o",
    "ɛ": "e", "Ɛ": "e", "ŋ": "ng", "ɲ": "ny", "’": "'", "‘": "'", "ʼ": "'",
    "–": "-", "—": "-",
})  # fmt: skip


@lru_cache(maxsize=1 << 16)  # called for every candidate of every span: names repeat
def fold(text: str) -> str:
    """Case- and accent-insensitive form: accents and special letters to ASCII, quotes and
    dashes unified, whitespace collapsed to single spaces, case folded."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split()).casefold()
