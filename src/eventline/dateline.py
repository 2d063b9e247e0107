"""The dateline of an article: "GAO, Mali (Reuters) - ...", read once, into :class:`Article`.

The dateline names where a report was filed from. It is parsed here, once per
article (``Article.dateline``), and every stage that needs it reads that field:
the event stage takes its country as the article's country and its town as the
default event place when the body names it.

Only the first line of the head (the first 1500 characters) that opens with a
capitalised place name followed by a comma or a bracket counts.

Example::

    >>> parse_dateline("GAO, Mali (Reuters) - Rebels attacked the town.")
    Dateline(place='GAO', start=0, end=20)
    >>> parse_dateline("GAO -LRB- Reuters -RRB- - Rebels attacked the town.").place
    'GAO'
    >>> parse_dateline("Rebels attacked Gao on Monday.") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEAD_CHARS = 1500
_LINE = re.compile(r"^.*$", re.M)
# "GAO, ...", "GAO (Reuters)", and the tokenised crawl form "GAO -LRB- Reuters -RRB- -"
_PLACE = re.compile(r"^[A-Z][A-Z'\u2019 .-]{2,40}(?=,| \(| -LRB- )")


@dataclass(frozen=True, slots=True)
class Dateline:
    """``place`` as written ("GAO"); ``start``..``end`` the dateline's characters in the
    article text, from the line start up to its first dash (the whole line when none)."""

    place: str
    start: int
    end: int


# "KABUL | Tue Mar 3, 2015 6:10am EDT KABUL (Reuters) - Afghan troops ...": a crawl that
# put the page's furniture before the dateline on its line; the agency in brackets and the
# dash after it still say "filed from"
_INLINE = re.compile(r"(?<![\w'\u2019])([A-Z][A-Z'\u2019.-]{2,}(?: [A-Z][A-Z'\u2019.-]+){0,3})"
                     r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
                     r" (?:\(|-LRB- )[A-Z][\w.&']*(?: [A-Z][\w.&']*){0,2}(?:\)| -RRB-) ?[-\u2013\u2014]")


# a page's time stamp ends right before the inline dateline ("6:10am EDT KABUL (Reuters)"):
# its zone is no word of the place
_ZONES = frozenset({"AM", "PM", "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "WAT", "EAT",
                    "CAT", "IST", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT",
                    "PT", "PST", "PDT", "MSK", "AST", "JST", "SAST"})


def _without_zone(place: str) -> str:
    words = place.split()
    while len(words) > 1 and words[0].rstrip(".") in _ZONES:
        words = words[1:]
    return " ".join(words)


def parse_dateline(text: str) -> Dateline | None:
    """The dateline of a cleaned article text, or None.

    >>> parse_dateline("KABUL | Tue Mar 3 KABUL (Reuters) - Troops fired.").place
    'KABUL'
    >>> parse_dateline("SANAA | Sat Jun 4, 2011 4:44 am EDT SANAA (Reuters) - Troops fired.").place
    'SANAA'
    >>> parse_dateline("Thu 9:05 GMT NEW DELHI (AFP) - Police fired.").place
    'NEW DELHI'
    >>> parse_dateline("Troops fired on the UN (MINUSMA) convoy - a first.") is None
    True
    """
    for line in _LINE.finditer(text[:_HEAD_CHARS]):
        m = _PLACE.match(line.group(0))
        if m is None:
            continue
        head = line.group(0).split("-")[0].split("\u2013")[0].split("\u2014")[0]
        return Dateline(place=m.group(0).strip(), start=line.start(), end=line.start() + len(head))
    for line in _LINE.finditer(text[:_HEAD_CHARS]):
        m = _INLINE.search(line.group(0))
        if m is not None:
            # from the line's start: the furniture before it repeats the place ("KABUL |")
            return Dateline(place=_without_zone(m.group(1).strip()), start=line.start(),
                            end=line.start() + m.end() - 1)
    return None
