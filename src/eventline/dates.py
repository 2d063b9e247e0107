"""Time expressions -> dates with ACLED precision.

A small regular grammar finds time expressions ("Saturday", "on March 22",
"26–28 June 2012", "a day earlier", "last week", "21/01/2013", ...) and
resolves each against the publication date or against the expression it
refers to. Every resolved date carries ACLED's ``time_precision``:

* 1 -- a day, or a range of explicitly named days ("between 26 and 28 June
  2012" -> value 2012-06-26, value_end 2012-06-28, precision 1, as ACLED's gold
  data codes it);
* 2 -- a week or a vague span of days ("this week", "days later"), or a day
  that was guessed from the publication date because no anchor was written;
* 3 -- a month or coarser ("in January", "early 2012", "last year"):
  ``value`` is the first day of the period and ``value_end`` the last.

Resolution rules (general, documented so analysts can predict them):

* Weekdays: the most recent such day not after publication ("Saturday" in an
  article of Monday 2013-01-21 is 2013-01-19; a weekday equal to the
  publication weekday is the publication day). "last Friday" is strictly
  before, "next Friday" strictly after. When the words just before the weekday
  speak of the future ("will", "is set to", "scheduled", "until", ...) the
  nearest such day on or after publication is taken.
* A day and month without a year ("on March 22") takes the year of a nearby
  explicit year or explicitly dated expression (same or previous sentence);
  failing that the publication year, moved to the previous year when the date
  would fall after publication -- unless the sentence speaks of the future
  or a weekday is given that only agrees with the later year ("Friday,
  February 8" in an article of 2013-01-21 is 2013-02-08). Without a
  publication date the nearest preceding explicit year anywhere is used.
* Dates that state their year are kept as stated, even after publication
  (captions are often added later).
* "a day earlier", "two days later", "the next day", "the same day" count from
  the nearest preceding resolved date expression; "a week after <clause>"
  ("the ambush was staged a day after the rebels had seized Kidal") dates the
  *clause*: the anchor minus the offset, the anchor being a date earlier in the
  same sentence or else the publication date. Anchors taken from the
  publication date for lack of a written one lower the precision to at least 2.
* Numeric dates ("21/01/2013") are read day-first (the convention of most
  conflict reporting outside the US) unless only the month-first reading is a
  valid date, or the month-first reading is on or before publication while the
  day-first one would lie in the future ("7/8/07" published 2007-07-09 is
  2007-07-08).
* "as of February" describes the state at publication: the latest such month,
  whatever year the sentence named before. "October of next year" counts the
  year from publication. "three days later than planned" is the date just
  written (the delay is measured from the plan). "the same month a year ago"
  is the period of the nearby expression one year back; "one year ago this week" is
  the week of publication a year back (precision 2), "two years ago this month" that
  month (precision 3). "Black Monday",
  "Bloody Sunday" are names of days in history, not weekdays.
* Without a publication date (``published=None``) nothing relative is
  invented: "Saturday", "yesterday", "last year" get ``value=None``;
  absolute dates still resolve, and "two days later" still counts from an
  explicit preceding date.

Durations, sets, clock times and vague references ("for three years",
"recently") are never event dates and are not read here: the TIMEX3 scorer
reads them (:mod:`eventline.eval.timex`).

Example::

    >>> [(m.text, m.value.isoformat(), m.precision)
    ...  for m in resolve_dates("Rebels attacked Gao on Saturday.", "2012-04-02")]
    [('Saturday', '2012-03-31', 1)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .models import TimeMention

NAME = "dates.rules.v1"

__all__ = ["NAME", "dates_jsonl", "find_dates", "parse_date", "resolve_dates"]

# --------------------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4,
    "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_VAGUE = {"few", "a few", "several", "a couple of", "a couple", "couple of", "some"}
_ORDINAL_Q = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4,
}  # fmt: skip
# meteorological seasons of the northern hemisphere: (first month, months)
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Month names are matched capitalised only: "may", "march" are common words.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)
_NAMES_MONTH = re.compile(r"\b" + _MONTH + r"(?![a-z])")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|and|through)\s*"
_PART = r"(?:morning|afternoon|evening|night)"
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|a\s+few|few|several|a\s+couple(?:\s+of)?|some)"
)
_EDGE = r"(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)"
# Words just before a date that put it in the future ("set to begin on Wednesday").
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|’ll|won't|set\s+to|scheduled|due\s+(?:to|on|in|by)|expected\s+to|"
    r"plans?\s+to|planned|until|till|upcoming|deadline|is\s+to|are\s+to|should|would|"
    r"(?:may|might|could)\s+be)\b",
    re.I,
)
# Words after a bare year that show it is a count, not a year ("2000 troops").
_COUNT_NOUNS = re.compile(
    r"\s*(?:people|persons|troops|soldiers|fighters|men|women|children|civilians|"
    r"residents|refugees|villagers|dollars|euros|francs|km|kilometers|kilometres|"
    r"metres|meters|miles|hectares|tons|tonnes|households|families|homes|houses|"
    r"deaths|casualties|votes|voters|members|times|units|jobs|points|rounds|"
    r"vehicles|cars|students|pupils|workers|prisoners|detainees|hostages|"
    r"militants|rebels|police|officers|pilgrims|protesters|demonstrators|"
    r"cattle|head|feet|ft|m|kg|mm|cases|patients|migrants|shares|barrels)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:(]|\s[–—-]\s|\b(?:which|who|whom|whose|where|while|but)\b")
# Capitalised words that make a weekday the name of a day in history ("Black
# Monday", "Bloody Sunday"), not a day of this week
_NAMED_DAY = re.compile(r"(?:Black|Bloody|Good|Easter|Ash|Palm|Holy|Maundy|Cyber|Super|"
                        r"Blue|Shrove|Whit)\s+$")
_PAST_DIR = {"earlier", "before", "ago", "previously", "prior", "prior to"}

# --------------------------------------------------------------------------- patterns


def _p(rx: str) -> re.Pattern[str]:
    # whitespace inside an expression never crosses a line break: "Friday" ending
    # a headline is not the weekday of the dateline below it
    rx = rx.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
    return re.compile(rx)


# Each pattern has a kind; overlapping candidates are resolved longest-first.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _p(r"\b(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
               r"(?:T[\d:.]+Z?)?\b")),
    ("numeric", _p(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)"
                   r"(?P<y>\d{4}|\d{2})(?![\d/.]\d)")),
    # 26 June 2012, 26–28 June 2012, between 26 and 28 June, the 28th of June
    ("day_month", _p(r"(?:\b(?P<between>between|from)\s+)?(?:\b(?P<wd>" + _WEEKDAY + "|"
                     + _WEEKDAY_ABBR + r"),?\s+)?(?:\bthe\s+)?\b(?P<d>" + _DAYNUM + r")"
                     r"(?:" + _DASH + r"(?:the\s+)?(?P<d2>" + _DAYNUM + r"))?"
                     r"\s+(?:of\s+)?(?P<mon>" + _MONTH + r")(?![a-z])"
                     r"(?:,?\s+(?P<y>" + _YEAR + r")\b)?")),
    # January 21, 2013; Mon January 21, 2013; June 25-27; March 12 2009
    ("month_day", _p(r"(?:\b(?P<between>between|from)\s+)?(?:\b(?P<wd>" + _WEEKDAY + "|"
                     + _WEEKDAY_ABBR + r"),?\s+)?\b(?P<mon>" + _MONTH + r")\s+"
                     r"(?:the\s+)?(?P<d>" + _DAYNUM + r")(?!\d)(?![:.,]?\d)"
                     r"(?:" + _DASH + r"(?:(?P<mon2>" + _MONTH + r")\s+)?(?P<d2>"
                     + _DAYNUM + r")(?!\d))?(?:,?\s+(?P<y>" + _YEAR + r")\b)?")),
    # early 2012, June 2012, mid-June, in January, last September
    ("month", _p(r"(?:\b(?P<edge>" + _EDGE + r")[\s-]+|\b(?P<rel>(?i:last|next|this|"
                 r"in|since|until|till|by|during|of|from|through|before|after|"
                 r"between|and|to|as\s+of|throughout|the|a|an|its|their|his|her|our|that))\s+)?"
                 r"\b(?P<mon>" + _MONTH + r")(?![a-z])(?:,?\s+(?:of\s+)?(?P<y>"
                 + _YEAR + r")\b|\s+of\s+(?P<ry>(?i:this|last|next))\s+year\b)?")),
    ("year", _p(r"(?:\b(?P<edge>" + _EDGE + r")[\s-]+(?:of\s+)?)?(?<![\d$€£.,])\b"
                r"(?P<y>" + _YEAR + r")(?:\s*(?:-|–|—|to|through)\s*(?P<y2>" + _YEAR + r"))?"
                r"\b(?![.,]\d)")),
    ("decade", _p(r"\b(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?"
                  r"(?P<y>1[89]\d0|20\d0|['’]\d0|(?<=the\s)[1-9]0|"
                  r"(?:(?<=0s\sand\s)|(?<=0s\sor\s)|(?<=0s\sto\s))[1-9]0)s\b")),
    # "since '82": a two-digit year after a preposition
    ("short_year", _p(r"\b(?:since|in|of|from|until|by|before|after)\s+(?P<q>['’])(?P<y>\d\d)"
                      r"\b(?![’']?s\b)")),
    # "the beginning of the year", "the entire year": the year in context
    ("the_year", _p(r"(?i:\b(?:(?P<edge>the\s+(?:end|beginning|start|middle)\s+of)\s+the\s+"
                    r"(?:calendar\s+)?year|the\s+(?:entire|whole|full)\s+year)\b)")),
    # "the same period last year", "the same month a year ago": the period of a
    # nearby expression, a year back
    ("same_period", _p(r"(?i:\bthe\s+same\s+(?:period|month|quarter|week|season|time|day)\s+"
                       r"(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier|before)|the\s+"
                       r"(?:previous|prior|last)\s+year|(?:of\s+)?(?:the\s+)?year\s+before)\b)")),
    ("quarter", _p(r"\b(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                   r"[\s-]+quarter(?:\s+of\s+(?P<which>this|last|next)\s+year|\s+of\s+(?P<y>"
                   + _YEAR + r"))?\b|\b(?P<qq>Q[1-4])\s+(?P<y2>" + _YEAR + r")\b")),
    ("season", _p(r"\b(?:(?P<which>(?i:this|last|next|early|late|the))\s+)?(?P<s>(?i:spring|"
                  r"summer|autumn|winter|fall))(?:\s+(?:of\s+)?(?P<y>" + _YEAR + r"))?\b")),
    ("deictic", _p(r"(?i:\b(?P<w>(?:earlier|later)\s+(?:today|tonight|this\s+(?:morning|"
                   r"afternoon|evening))|the\s+day\s+before\s+yesterday|today|tonight|"
                   r"yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
                   r"last\s+night)\b(?P<part>\s+(?:morning|afternoon|evening|night))?)")),
    ("weekday", _p(r"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s+)?"
                   r"\b(?P<wd>" + _WEEKDAY + r")(?![a-z])(?:\s+(?P<part>" + _PART + r"))?")),
    # this week, last month, next year, the past week, earlier this month
    ("period", _p(r"(?i:\b(?P<pre>earlier|later|(?:at\s+)?the\s+(?:end|beginning|start|"
                  r"middle)\s+of)?\s*\b(?P<which>this|last|next|the\s+past|the\s+previous|"
                  r"the\s+coming|the\s+following|the\s+same)\s+(?P<u>week(?:end)?|month|"
                  r"year)\b)")),
    ("weekend", _p(r"\b(?:over|at|during|on)\s+the\s+weekend\b")),
    # a day earlier, two days later, a week after, hours after, days later
    ("offset", _p(r"(?i:\b(?:(?:just|only|about|nearly|almost|some|barely|more\s+than)\s+)?"
                  r"(?:(?P<n>" + _NUM + r")[\s-]+)?(?P<u>hours?|days?|weeks?|months?|years?)"
                  r"\s+(?P<dir>later|earlier|after|before|ago|previously|prior\s+to|"
                  r"afterwards?)\b)")),
    ("sameday", _p(r"(?i:\b(?P<w>the\s+(?:next|following|previous|same)\s+(?:day|morning|"
                   r"evening|night)|that\s+(?:same\s+)?(?:day|morning|evening|night)|"
                   r"the\s+day\s+(?:before|after)|the\s+(?:next|following|previous)\s+"
                   r"(?:week|month|year)|the\s+(?:week|month|year)\s+(?:before|after)|"
                   r"the\s+year\s+previous|a\s+(?:day|week|month|year)\s+"
                   r"(?:earlier|later))\b)")),
    # "later in the day", "ended the day": the day of the anchor
    ("inday", _p(r"(?i:\b(?:(?:later|earlier|late|early)\s+in|(?:end|ended|ending|finish|"
                 r"finished|start|started|close|closed|for|during|throughout|at\s+the\s+"
                 r"(?:end|start)\s+of))\s+the\s+day\b)")),
    # "now", "currently": the time of publication
    ("present", _p(r"(?i:\b(?:now|currently|at\s+present|at\s+the\s+moment|"
                   r"for\s+the\s+time\s+being|nowadays)\b)")),
    ("ordinal", _p(r"\b(?:the\s+)(?P<d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)\b"
                   r"(?!\s*(?:-|–)?\s*(?:century|centuries|anniversary|time|of\b|"
                   r"[A-Za-z]+))")),
    ("ordinal", _p(r"\b(?:the\s+)(?P<d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)"
                   r"(?=\s+(?:and|when|as|at|in|on|after|before|with)\b)")),
)  # fmt: skip

_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")
_YEAR_ANYWHERE = re.compile(r"(?<![\d$€£.,])\b" + _YEAR + r"\b(?![.,]\d)")


# --------------------------------------------------------------------------- public API


_DATE_FORMS = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})/(\d{1,2})/(\d{1,2})")


def parse_date(value: str | dt.date) -> dt.date:
    """The one date parser: a date, or a string "2013-01-21" / "2013/01/21" (a time part
    may follow), as manifests, JSONL records, HTML metadata and ``--published`` give them.

    Raises ValueError, saying the format, for anything else
    (:func:`eventline.ingest.parse_date` turns that into None for metadata).

    Example::

        >>> parse_date("2013-01-21"), parse_date("2013/01/21 08:44")
        (datetime.date(2013, 1, 21), datetime.date(2013, 1, 21))
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _DATE_FORMS.match(text)
    try:
        if m is not None:
            y, mo, d = (int(g) for g in (m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)))
            return dt.date(y, mo, d)
        return dt.date.fromisoformat(text[:10])  # the other ISO forms ("20130121")
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO date: publication dates are written YYYY-MM-DD "
            "(for example 2013-01-21; 2013/01/21 is read too)."
        ) from None


def resolve_dates(text: str, published: dt.date | str | None) -> list[TimeMention]:
    """Find and resolve the time expressions in ``text``.

    ``published`` may be a date, an ISO string or None (unknown: relative
    expressions are then left unresolved).

    Example::

        >>> m = resolve_dates("between 26 and 28 June 2012", None)[0]
        >>> m.value.isoformat(), m.value_end.isoformat(), m.precision
        ('2012-06-26', '2012-06-28', 1)
    """
    if isinstance(published, str):
        published = parse_date(published) if published.strip() else None
    elif isinstance(published, dt.datetime):
        published = published.date()
    return find_dates(text, published)


def dates_jsonl(text: str, published: dt.date | str | None) -> Iterator[dict[str, Any]]:
    """One JSON-ready dict per time expression (what ``eventline dates`` prints).

    Example::

        >>> next(dates_jsonl("on March 22", "2012-03-30"))["value"]
        '2012-03-22'
    """
    for m in resolve_dates(text, published):
        yield {
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "value": m.value.isoformat() if m.value else None,
            "value_end": m.value_end.isoformat() if m.value_end else None,
            "precision": m.precision,
            "relative": m.relative,
        }


def find_dates(text: str, published: dt.date | None, *, doc: Any = None) -> list[TimeMention]:
    """Time expressions of ``text`` resolved against ``published``, sorted by start.

    ``doc`` is an optional spaCy Doc of the same text; only its sentence
    boundaries are used (the grammar itself needs no model).

    Example::

        >>> [m.value.isoformat() for m in find_dates("On Friday", dt.date(2013, 1, 21))]
        ['2013-01-18']
    """
    if not text:
        return []
    cands = _candidates(text)
    ctx = _Context(text, published, _sentence_starts(text, doc))
    out: list[TimeMention] = []
    i = 0
    while i < len(cands):
        kind, m = cands[i]
        # "a week after March 22": an offset glued to the date it counts from
        if kind == "offset" and m.group("dir").lower() in ("after", "before"):
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            gap = text[m.end() : nxt[1].start()] if nxt else "x"
            if nxt and re.fullmatch(r"\s*(?:the\s+)?", gap, re.I):
                base = _resolve(nxt[0], nxt[1], ctx)
                if base is not None and base.value is not None:
                    mention = _shift_mention(m, base, ctx)
                    if mention is not None:
                        ctx.add(mention, absolute=False)
                        out.append(mention)
                        i += 2
                        continue
        # "one year ago this week": the period of publication, that far back
        if kind == "offset" and m.group("dir").lower() == "ago":
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if nxt and nxt[0] == "period" and re.fullmatch(r"\s*,?\s*", text[m.end() : nxt[1].start()]):
                mention = _ago_period(m, nxt[1], ctx)
                if mention is not None:
                    ctx.add(mention, absolute=False)
                    out.append(mention)
                    i += 2
                    continue
        mention = _resolve(kind, m, ctx)
        if mention is not None:
            ctx.add(mention, absolute=not mention.relative and kind not in ("ordinal",))
            out.append(mention)
        i += 1
    return out


# --------------------------------------------------------------------------- machinery


def _candidates(text: str) -> list[tuple[str, re.Match[str]]]:
    """All pattern matches, overlaps resolved: longest first, then earliest."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for order, (kind, rx) in enumerate(_PATTERNS):
        for m in rx.finditer(text):
            s, e = _trim(text, m.start(), m.end())
            if kind == "month" and m.group("rel"):
                s = m.start("mon")  # "by June" must not outweigh "June 10"
            if e > s:
                found.append((s, e, order, kind, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0], f[2]))
    taken: list[tuple[int, int]] = []
    keep: list[tuple[int, int, int, str, re.Match[str]]] = []
    for f in found:
        if any(f[0] < e and s < f[1] for s, e in taken):
            continue
        if not _acceptable(f[3], f[4], text):
            continue
        taken.append((f[0], f[1]))
        keep.append(f)
    keep.sort(key=lambda f: f[0])
    return [(f[3], f[4]) for f in keep]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _acceptable(kind: str, m: re.Match[str], text: str) -> bool:
    """Filters that need more context than the pattern itself."""
    if kind == "year":
        after = text[m.end() : m.end() + 20]
        if _COUNT_NOUNS.match(after) and not m.group("edge"):
            return False
        before = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"(?:No\.|number|#|page|pp?\.|Resolution|resolution)\s*$", before):
            return False
    if kind == "month":
        mon = m.group("mon")
        # a bare month name needs a preposition, an edge word or a year, so that
        # "May" (the verb, the name) and "March" (the verb) are not dates
        if not (m.group("edge") or m.group("rel") or m.group("y")):
            return False
        if mon.rstrip(".").lower() in ("may", "mar", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec", "jan", "feb", "apr", "sept") and not (
            m.group("y") or m.group("edge") or (m.group("rel") or "").lower()
            in ("in", "since", "until", "till", "by", "during", "last", "next", "this",
                "as of", "throughout", "of", "from", "before", "after", "between", "the",
            "a", "an", "its", "their", "his", "her", "our", "that")
        ):
            return False
    if kind == "season" and m.group("s").lower() == "fall" and not (
        m.group("y") or (m.group("which") or "").lower() in ("this", "last", "next", "the")
    ):
        return False
    if kind == "season" and not (m.group("y") or m.group("which")):
        # "spring" alone is more often a noun than a date; keep "in spring"
        before = text[max(0, m.start() - 10) : m.start()]
        if not re.search(r"\b(?:in|during|by|since|until|this|last|next)\s+$", before, re.I):
            return False
    if kind == "weekday" and not m.group("mod") and _NAMED_DAY.search(
        text, max(0, m.start() - 10), m.start()
    ):
        return False
    if kind == "weekend" or kind == "period" and m.group("u").lower() == "weekend":
        return True
    if kind == "offset":
        d = m.group("dir").lower()
        n = m.group("n")
        if n is None and d == "before":
            return False  # "days before the vote" is fine but "years before" is noise
    return True


@dataclass
class _Context:
    """What resolving one expression may look at: the text, the anchors so far."""

    text: str
    published: dt.date | None
    sent_starts: list[int]
    mentions: list[TimeMention] = field(default_factory=list)
    # (start, year, strong) of explicit years and of years established by dated
    # expressions; strong = a full day date, which frames the next sentence too
    years: list[tuple[int, int, bool]] = field(default_factory=list)
    # starts of mentions that date another clause ("a day after rebels captured
    # Kidal"): they are not anchors for what follows
    clause_dated: set[int] = field(default_factory=set)

    def add(self, m: TimeMention, *, absolute: bool) -> None:
        self.mentions.append(m)
        if absolute and m.value is not None:
            self.years.append((m.start, m.value.year, m.precision == 1))

    def sentence_start(self, pos: int) -> int:
        lo = 0
        for s in self.sent_starts:
            if s > pos:
                break
            lo = s
        return lo

    def prev_sentence_start(self, pos: int) -> int:
        lo, prev = 0, 0
        for s in self.sent_starts:
            if s > pos:
                break
            prev, lo = lo, s
        return prev

    def future(self, start: int, window: int = 100, after: int = 0) -> bool:
        """Whether the words before ``start`` (and ``after`` chars past it) in its
        sentence speak of the future."""
        s = max(self.sentence_start(start), start - window)
        e = start
        if after:
            nxt = next((b for b in self.sent_starts if b > start), len(self.text))
            e = min(nxt, start + after)
            # "announced in January, in which jobs should go": the future words
            # after the date must be in its own clause
            cut = _CLAUSE_END.search(self.text, start + 1, e)
            if cut is not None:
                e = cut.start()
        return _FUTURE.search(self.text, s, e) is not None

    def context_year(self, pos: int) -> int | None:
        """The nearby explicit year: same sentence (anywhere before if unpublished).

        With a publication date, a year written sentences away is more often
        background ("launched in 2003") than the frame of a later "in February";
        a full day date ("Friday, February 8") frames the next sentence too.
        """
        lo = self.sentence_start(pos) if self.published else 0
        lo_strong = self.prev_sentence_start(pos) if self.published else 0
        year = None
        for s, y, strong in self.years:
            if s >= pos:
                break
            if s >= lo or (strong and s >= lo_strong):
                year = y
        if year is None and self.published is None:
            # an explicit year written anywhere before, even inside another phrase
            for ym in _YEAR_ANYWHERE.finditer(self.text, 0, pos):
                year = int(ym.group())
        return year

    def anchor(self, pos: int, *, same_sentence: bool = False,
               coarse: bool = False) -> TimeMention | None:
        """The nearest preceding resolved day-or-week expression (any, if ``coarse``)."""
        lo = self.sentence_start(pos) if same_sentence else 0
        for m in reversed(self.mentions):
            if m.start < lo:
                break
            if (m.start < pos and m.value is not None and (coarse or m.precision <= 2)
                    and m.start not in self.clause_dated):
                return m
        return None

    def month_context(self, pos: int) -> tuple[int, int] | None:
        """(year, month) of the nearest preceding expression naming a month."""
        for m in reversed(self.mentions):
            # "28 June" names its month even though its year was inferred; "Saturday" does not
            if m.start < pos and m.value is not None and (
                    not m.relative or _NAMES_MONTH.search(m.text)):
                if m.value_end is None or (m.value.year, m.value.month) == (
                    m.value_end.year,
                    m.value_end.month,
                ):
                    return m.value.year, m.value.month
        return None


def _sentence_starts(text: str, doc: Any) -> list[int]:
    if doc is not None:
        try:
            return [s.start_char for s in doc.sents]
        except (AttributeError, ValueError):
            pass  # a Doc without sentence boundaries: fall back to the regex
    return [0, *(m.end() for m in _SENT_END.finditer(text))]


def _mention(m: re.Match[str], value: dt.date | None, value_end: dt.date | None = None,
             precision: int = 1, relative: bool = False, text: str | None = None) -> TimeMention:
    s, e = _trim(m.string, m.start(), m.end())
    if value_end is not None and value is not None and value_end == value:
        value_end = None
    return TimeMention(text=m.string[s:e], start=s, end=e, value=value, value_end=value_end,
                       precision=precision, relative=relative)


def _month_span(y: int, mo: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])


def _safe_date(y: int, mo: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _add_months(d: dt.date, n: int) -> dt.date:
    y, mo = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def _week(d: dt.date) -> tuple[dt.date, dt.date]:
    mon = d - dt.timedelta(days=d.weekday())
    return mon, mon + dt.timedelta(days=6)


def _edge_span(first: dt.date, last: dt.date, edge: str | None) -> tuple[dt.date, dt.date]:
    """Narrow a period to its early/mid/late part ("early 2012" -> January-April).

    Whole years split into thirds of four months (the beginning or end of a year
    is its first or last quarter); other periods into thirds of their days.
    """
    if not edge:
        return first, last
    e = re.sub(r"\s+", " ", edge.lower())
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_years and first.year == last.year:
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the middle of": (5, 8),
                  "the beginning of": (1, 3), "the start of": (1, 3), "the end of": (10, 12)}
        a, b = months.get(e, (1, 12))
        return dt.date(first.year, a, 1), _month_span(first.year, b)[1]
    n = (last - first).days + 1
    third = max(1, n // 3)
    if e in ("early", "the beginning of", "the start of"):
        return first, first + dt.timedelta(days=third - 1)
    if e in ("late", "the end of"):
        return last - dt.timedelta(days=n - 2 * third - 1), last
    return first + dt.timedelta(days=third), last - dt.timedelta(days=n - 2 * third)


def _month_num(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _pick_year(ctx: _Context, pos: int, month: int, day: int, weekday: int | None,
               end_month: int | None = None) -> tuple[int | None, bool]:
    """Year for a day/month written without one; returns (year, relative)."""
    year = ctx.context_year(pos)
    from_pub = False
    if year is None and ctx.published is not None:
        year, from_pub = ctx.published.year, True
    if year is None:
        return None, False
    if weekday is not None:
        for y in (year, year - 1, year + 1):
            d = _safe_date(y, month, day)
            if d is not None and d.weekday() == weekday:
                return y, from_pub
    if from_pub and ctx.published is not None:
        first = _safe_date(year, month, day) or dt.date(year, month, 1)
        future = ctx.future(pos, after=60)
        if first > ctx.published and not future:
            year -= 1
        elif future and first < ctx.published - dt.timedelta(days=60):
            year += 1  # "will be held on January 5" written in December
    return year, from_pub


def _weekday_date(ctx: _Context, pos: int, wd: int, mod: str | None) -> dt.date | None:
    pub = ctx.published
    if pub is None:
        return None
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    mod = (mod or "").lower()
    if mod == "last":
        return pub - dt.timedelta(days=back or 7)
    if mod == "next":
        return pub + dt.timedelta(days=fwd or 7)
    if mod == "this":
        mon, _ = _week(pub)
        return mon + dt.timedelta(days=wd)
    if ctx.future(pos, window=60):
        return pub + dt.timedelta(days=fwd)
    return pub - dt.timedelta(days=back)


# --------------------------------------------------------------------------- resolvers


def _resolve(kind: str, m: re.Match[str], ctx: _Context) -> TimeMention | None:
    return _RESOLVERS[kind](m, ctx)


def _r_iso(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _mention(m, d) if d else None


def _r_numeric(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    a, b, ys = int(m.group("a")), int(m.group("b")), m.group("y")
    if m.group("sep") == "." and len(ys) == 2:
        return None  # "3.5.10" is more often a version or a score than a date
    y = int(ys) if len(ys) == 4 else 2000 + int(ys) if int(ys) < 70 else 1900 + int(ys)
    day_first = _safe_date(y, b, a)
    month_first = _safe_date(y, a, b)
    pub = ctx.published
    value = day_first or month_first
    if day_first and month_first and day_first != month_first and pub is not None:
        # prefer the reading that does not lie in the article's future
        if day_first > pub >= month_first:
            value = month_first
    return _mention(m, value) if value else None


def _r_day_month(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    mon = _month_num(m.group("mon"))
    d1 = _day_num(m.group("d"))
    d2 = _day_num(m.group("d2")) if m.group("d2") else None
    wd = _WEEKDAYS[m.group("wd").rstrip(".").lower()] if m.group("wd") else None
    return _day_mention(m, ctx, mon, d1, mon, d2, wd)


def _r_month_day(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    mon = _month_num(m.group("mon"))
    mon2 = _month_num(m.group("mon2")) if m.group("mon2") else mon
    d1 = _day_num(m.group("d"))
    d2 = _day_num(m.group("d2")) if m.group("d2") else None
    wd = _WEEKDAYS[m.group("wd").rstrip(".").lower()] if m.group("wd") else None
    return _day_mention(m, ctx, mon, d1, mon2, d2, wd)


def _day_mention(m: re.Match[str], ctx: _Context, mon: int, d1: int, mon2: int,
                 d2: int | None, wd: int | None) -> TimeMention | None:
    relative = False
    if m.group("y"):
        y = int(m.group("y"))
    else:
        yy, relative = _pick_year(ctx, m.start(), mon, d1, wd)
        if yy is None:
            return _mention(m, None, relative=True)
        y = yy
    start = _safe_date(y, mon, d1)
    if start is None:
        return None
    if wd is not None and start.weekday() == wd:
        # a weekday that agrees with the date settles the year for what follows
        ctx.years.append((m.start(), y, True))
    end = None
    if d2 is not None:
        end = _safe_date(y + (1 if mon2 < mon else 0), mon2, d2)
        if end is None or end < start:
            end = None
    return _mention(m, start, end, 1, relative)


def _r_month(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    mon = _month_num(m.group("mon"))
    rel = (m.group("rel") or "").lower()
    edge = m.group("edge")
    relative = False
    if m.group("y"):
        y = int(m.group("y"))
    elif m.group("ry"):  # "October of next year"
        if ctx.published is None:
            return _mention(m, None, relative=True)
        y = ctx.published.year + {"this": 0, "last": -1, "next": 1}[m.group("ry").lower()]
        relative = True
    elif rel in ("last", "next", "this"):
        pub = ctx.published
        if pub is None:
            return _mention(m, None, relative=True)
        y = pub.year
        if rel == "last" and mon >= pub.month:
            y -= 1
        elif rel == "next" and mon <= pub.month:
            y += 1
        relative = True
    elif rel == "as of" and ctx.published is not None:
        # "as of February" states how things stand at publication: the latest
        # such month, whatever year the sentence mentioned before
        pub = ctx.published
        y = pub.year if mon <= pub.month else pub.year - 1
        relative = True
    else:
        yy, relative = _pick_year(ctx, m.start(), mon, 1, None)
        if yy is None:
            return _mention(m, None, relative=True)
        y = yy
    first, last = _edge_span(*_month_span(y, mon), edge)
    # strip the leading preposition from the mention text ("in January" -> "January")
    if rel and rel not in ("last", "next", "this"):
        s = m.start("mon")
        e = m.end()
        return TimeMention(text=m.string[s:e], start=s, end=e, value=first, value_end=last,
                           precision=3, relative=relative)
    return _mention(m, first, last, 3, relative)


def _r_year(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    y = int(m.group("y"))
    y2 = int(m.group("y2")) if m.group("y2") else None
    if y2 is not None and y2 <= y:
        y2 = None
    first, last = dt.date(y, 1, 1), dt.date(y2 or y, 12, 31)
    first, last = _edge_span(first, last, m.group("edge"))
    return _mention(m, first, last, 3)


def _r_decade(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    ys = m.group("y").lstrip("'\u2019\u2018")
    if len(ys) == 2:  # "the 70s", "'80s", "\u201960s": the latest such decade
        y = 1900 + int(ys)
        if ctx.published is not None and y + 100 <= ctx.published.year:
            y += 100
    else:
        y = int(ys)
    first, last = _edge_span(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), m.group("edge"))
    return _mention(m, first, last, 3)


def _r_quarter(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    qs = (m.group("q") or m.group("qq") or "").lower()
    ys = m.group("y") or m.group("y2")
    pub = ctx.published
    relative = False
    if qs in ("final", "last"):
        q = 4 if ys or m.group("which") else None
    else:
        q = _ORDINAL_Q[qs]
    if q is None:  # "the last quarter": the most recent completed one
        if pub is None:
            return _mention(m, None, relative=True)
        cur = (pub.month - 1) // 3 + 1
        q, y = (cur - 1, pub.year) if cur > 1 else (4, pub.year - 1)
        return _mention(m, dt.date(y, 3 * q - 2, 1), _month_span(y, 3 * q)[1], 3, True)
    if ys:
        y = int(ys)
    elif m.group("which"):
        if pub is None:
            return _mention(m, None, relative=True)
        y = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("which").lower()]
        relative = True
    else:
        cy = ctx.context_year(m.start())
        if cy is not None:
            y = cy
        elif pub is None:
            return _mention(m, None, relative=True)
        else:
            relative = True
            y = pub.year
            if dt.date(y, 3 * q - 2, 1) > pub and not ctx.future(m.start()):
                y -= 1
    first = dt.date(y, 3 * q - 2, 1)
    last = _month_span(y, 3 * q)[1]
    return _mention(m, first, last, 3, relative)


def _r_season(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    start_month = _SEASONS[m.group("s").lower()]
    which = (m.group("which") or "").lower()
    pub = ctx.published
    relative = False
    if m.group("y"):
        y = int(m.group("y"))
    else:
        if pub is None:
            cy = ctx.context_year(m.start())
            if cy is None:
                return _mention(m, None, relative=True)
            y = cy
        else:
            relative = True
            # the season containing or most recently before publication
            y = pub.year if pub.month >= start_month or start_month == 12 else pub.year - 1
            if start_month == 12 and pub.month < 12:
                y = pub.year - 1
            if which == "last":
                y -= 1 if dt.date(y, start_month, 1) <= pub <= _add_months(
                    dt.date(y, start_month, 1), 3) else 0
            elif which == "next" or ctx.future(m.start()):
                if _add_months(dt.date(y, start_month, 1), 3) <= pub:
                    y += 1
    first = dt.date(y, start_month, 1)
    last = _add_months(first, 3) - dt.timedelta(days=1)
    if which in ("early", "late"):
        first, last = _edge_span(first, last, which)
    return _mention(m, first, last, 3, relative)


def _r_deictic(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    pub = ctx.published
    if pub is None:
        return _mention(m, None, relative=True)
    if "day before yesterday" in w:
        d = pub - dt.timedelta(days=2)
    elif w.startswith("yesterday") or w == "last night":
        d = pub - dt.timedelta(days=1)
    elif w.startswith("tomorrow"):
        d = pub + dt.timedelta(days=1)
    else:
        d = pub
    return _mention(m, d, None, 1, True)


def _r_weekday(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    wd = _WEEKDAYS[m.group("wd").lower()]
    mod = m.group("mod")
    if not mod and re.search(r"\b(?:[Oo]n\s+an?|[Ee]very|[Ee]ach|[Aa]ny)\s+$",
                             m.string[max(0, m.start() - 12):m.start()]):
        return None  # "on a Friday afternoon", "every Monday": no particular day ("a Friday
        # blast" is Friday's blast)
    # "early Monday" keeps its modifier in the span but resolves as "Monday"
    d = _weekday_date(ctx, m.start("wd"), wd, mod if mod and mod.lower() in
                      ("last", "next", "this") else None)
    return _mention(m, d, None, 1, True)


def _r_weekend(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    return _weekend(m, ctx, "the")


def _weekend(m: re.Match[str], ctx: _Context, which: str) -> TimeMention | None:
    pub = ctx.published
    if pub is None:
        return _mention(m, None, relative=True)
    sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # most recent Saturday
    if pub.weekday() >= 5:
        pass  # published at the weekend: that weekend
    elif which == "next" or (which in ("this", "the") and ctx.future(m.start())):
        sat += dt.timedelta(days=7)
    elif which == "last" and pub.weekday() >= 5:
        sat -= dt.timedelta(days=7)
    return _mention(m, sat, sat + dt.timedelta(days=1), 2, True)


def _r_period(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    pre = re.sub(r"\s+", " ", (m.group("pre") or "").lower())
    which = re.sub(r"\s+", " ", m.group("which").lower())
    unit = m.group("u").lower()
    if which in ("the following", "the previous", "the same"):
        # relative to an anchor, not to publication ("the following week")
        base = ctx.anchor(m.start(), coarse=unit != "week")
        if base is None or base.value is None:
            return _mention(m, None, relative=True)
        ref = base.value
        step = {"the following": 1, "the previous": -1, "the same": 0}[which]
    else:
        if ctx.published is None:
            return _mention(m, None, relative=True)
        ref = ctx.published
        step = {"this": 0, "last": -1, "next": 1, "the past": -1, "the coming": 1}[which]
        if which == "the past" and unit == "week":
            # "the past week": the seven days up to publication
            return _mention(m, ref - dt.timedelta(days=7), ref, 2, True)
    if unit == "weekend":
        return _weekend(m, ctx, which.split()[-1] if which != "the past" else "last")
    if unit == "week":
        first, last = _week(ref + dt.timedelta(days=7 * step))
        if pre == "earlier" and step == 0:
            last = max(first, ref - dt.timedelta(days=1))
        return _mention(m, first, last, 2, True)
    if unit == "month":
        first, last = _month_span(*_ym(_add_months(ref.replace(day=1), step)))
        precision = 3
    else:
        first, last = dt.date(ref.year + step, 1, 1), dt.date(ref.year + step, 12, 31)
        precision = 3
    if pre == "earlier" and step == 0:
        last = max(first, ref - dt.timedelta(days=1))
    elif pre == "later" and step == 0:
        first = min(last, ref + dt.timedelta(days=1))
    elif pre:
        edge = pre.replace("at ", "")
        first, last = _edge_span(first, last, edge)
    return _mention(m, first, last, precision, True)


def _ym(d: dt.date) -> tuple[int, int]:
    return d.year, d.month


def _r_sameday(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    coarse = ("month" in w or "year" in w)
    base = ctx.anchor(m.start(), coarse=coarse)
    if base is None or base.value is None:
        return _mention(m, None, relative=True)
    if w.endswith(("earlier", "before")) or "previous" in w:
        sign, ref = -1, base.value
    elif "same" in w or w.startswith("that"):
        sign, ref = 0, base.value
    else:
        sign, ref = 1, base.value_end or base.value
    # "the following morning/evening/night" is the next day
    unit = next((u for u in ("day", "week", "month", "year") if u in w), "day")
    return _offset_mention(m, ref, sign, 1, unit, base.precision)


def _offset_mention(m: re.Match[str], ref: dt.date, sign: int, n: int | None, unit: str,
                    base_precision: int = 1) -> TimeMention:
    """``ref`` shifted by ``sign * n`` units; n None means "some" (vague)."""
    if unit == "hour":
        return _mention(m, ref, None, max(1, base_precision), True)
    if unit == "day":
        if n is None:  # "days later": a vague span of a few days
            lo, hi = (ref + dt.timedelta(days=2), ref + dt.timedelta(days=7)) if sign > 0 else (
                ref - dt.timedelta(days=7), ref - dt.timedelta(days=2))
            return _mention(m, lo, hi, 2, True)
        return _mention(m, ref + dt.timedelta(days=sign * n), None, max(1, base_precision), True)
    if unit == "week":
        if n is None:
            lo, hi = (ref + dt.timedelta(days=8), ref + dt.timedelta(days=30)) if sign > 0 else (
                ref - dt.timedelta(days=30), ref - dt.timedelta(days=8))
            return _mention(m, lo, hi, 3, True)
        return _mention(m, ref + dt.timedelta(days=7 * sign * n), None, 2, True)
    if unit == "month":
        first, last = _month_span(*_ym(_add_months(ref.replace(day=1), sign * (n or 2))))
        return _mention(m, first, last, 3, True)
    y = ref.year + sign * (n or 2)
    return _mention(m, dt.date(y, 1, 1), dt.date(y, 12, 31), 3, True)


def _offset_parts(m: re.Match[str]) -> tuple[int | None, str, str]:
    ns = m.group("n")
    n: int | None
    if ns is None:
        n = None
    else:
        ns = re.sub(r"\s+", " ", ns.lower())
        n = None if ns in _VAGUE else int(ns) if ns.isdigit() else _NUMBERS.get(ns)
    unit = m.group("u").lower().rstrip("s")
    return n, unit, re.sub(r"\s+", " ", m.group("dir").lower())


# a clause after "after"/"before": some verb in the past before the clause ends
_CLAUSE_VERB = re.compile(
    r"\b(?:\w+ed|(?:re|over)?took|caught|brought|threw|blew|lost|found|beat|seized|fought|"
    r"began|won|fell|came|went|struck|made|held|met|"
    r"broke|overran|drove|shot|stole|began|led|left|fled|hit|ran|rose|sent|said|told|"
    r"declared|had|was|were|killing|taking|seizing|capturing|attacking|\w+ing)\b"
)


def _r_offset(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    n, unit, d = _offset_parts(m)
    if d == "ago":
        if ctx.published is None:
            return _mention(m, None, relative=True)
        return _offset_mention(m, ctx.published, -1, n, unit)
    past = d in _PAST_DIR
    sign = -1 if past else 1
    if d in ("later", "earlier") and re.match(r"[^\S\n]+than\b", ctx.text[m.end() :]):
        # "arrives on November 11, three days later than planned": the delay is
        # measured from the plan, the date is the one just written
        base = ctx.anchor(m.start(), same_sentence=True)
        if base is not None and base.value is not None:
            return _mention(m, base.value, base.value_end, base.precision, True)
        return _mention(m, None, relative=True)
    if d in ("after", "before", "prior to"):
        tail = ctx.text[m.end() : m.end() + 120]
        clause = re.split(r"[.;:,]|\s[–—-]\s(?=\w+\s+\w+\s*[.,;])", tail, maxsplit=1)[0]
        if _CLAUSE_VERB.search(clause):
            # "a day after rebels captured Kidal" dates the clause: the anchor of
            # the sentence minus the offset (plus it for "before")
            ctx.clause_dated.add(_trim(m.string, m.start(), m.end())[0])
            base = ctx.anchor(m.start(), same_sentence=True)
            if base is not None and base.value is not None:
                return _offset_mention(m, base.value, -sign, n, unit, base.precision)
            if ctx.published is None:
                return _mention(m, None, relative=True)
            mm = _offset_mention(m, ctx.published, -sign, n, unit)
            return _lower(mm)
        if d != "after":
            # "one month before the election": the election's date is not known
            # here, and the sentence's own date is the main clause's, not X's
            return _mention(m, None, relative=True)
        # "two days after the attack": the attack is the nearest dated thing
        # written just before (this or the previous sentence), not a dateline
        base = ctx.anchor(m.start())
        if (base is None or base.start < ctx.prev_sentence_start(m.start())
                or _on_a_line_of_its_own(ctx.text, base)):
            return _mention(m, None, relative=True)
    base = ctx.anchor(m.start())
    if base is not None and base.value is not None:
        ref = base.value if past else (base.value_end or base.value)
        return _offset_mention(m, ref, sign, n, unit, base.precision)
    if past and ctx.published is not None:
        # "a day earlier" with nothing written before: count from publication,
        # with the precision saying it is a guess
        return _lower(_offset_mention(m, ctx.published, -1, n, unit))
    return _mention(m, None, relative=True)


def _on_a_line_of_its_own(text: str, m: TimeMention) -> bool:
    """A date standing on a short line of its own (a publication stamp, not an event)."""
    a = text.rfind("\n", 0, m.start) + 1
    b = text.find("\n", m.end)
    line = text[a : b if b >= 0 else len(text)]
    return len(line.split()) <= 8 and not re.search(r"[.!?]\s*$", line.strip()[:-1] or "x")


def _lower(m: TimeMention) -> TimeMention:
    """The same mention with precision at least 2 (its anchor was guessed)."""
    if m.precision >= 2:
        return m
    return TimeMention(m.text, m.start, m.end, m.value, m.value_end, 2, m.relative)


def _ago_period(m: re.Match[str], period: re.Match[str], ctx: _Context) -> TimeMention | None:
    """"a year ago this week" (published 2005-11-10): the week of 2004-11-10, precision 2;
    "six months ago this week", "two years ago this month" alike."""
    n, unit, _ = _offset_parts(m)
    if n is None or unit not in ("year", "month", "week") or (period.group("which") or "").lower() != "this":
        return None
    if (period.group("pre") or "") or period.group("u").lower() not in ("week", "month"):
        return None
    if ctx.published is None:
        return TimeMention(text=ctx.text[m.start() : period.end()], start=m.start(), end=period.end(),
                           value=None, value_end=None, precision=2, relative=True)
    pub = ctx.published
    if unit == "year":
        ref = _safe_date(pub.year - n, pub.month, pub.day) or pub.replace(year=pub.year - n, day=28)
    elif unit == "month":
        y, mo = _ym(_add_months(pub.replace(day=1), -n))
        ref = _safe_date(y, mo, pub.day) or _month_span(y, mo)[1]
    else:
        ref = pub - dt.timedelta(days=7 * n)
    if period.group("u").lower() == "week":
        first = ref - dt.timedelta(days=ref.weekday())
        first_last, precision = (first, first + dt.timedelta(days=6)), 2
    else:
        first_last, precision = _month_span(ref.year, ref.month), 3
    return TimeMention(text=ctx.text[m.start() : period.end()], start=m.start(), end=period.end(),
                       value=first_last[0], value_end=first_last[1], precision=precision, relative=True)


def _shift_mention(m: re.Match[str], base: TimeMention, ctx: _Context) -> TimeMention | None:
    """"a week after March 22": one mention spanning both, shifted from the date."""
    n, unit, d = _offset_parts(m)
    if base.value is None:
        return None
    sign = -1 if d in _PAST_DIR else 1
    ref = base.value if sign < 0 else (base.value_end or base.value)
    shifted = _offset_mention(m, ref, sign, n, unit, base.precision)
    s = min(shifted.start, base.start)
    return TimeMention(text=ctx.text[s : base.end], start=s, end=base.end, value=shifted.value,
                       value_end=shifted.value_end, precision=shifted.precision,
                       relative=True)


def _r_inday(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    base = ctx.anchor(m.start())
    if base is not None and base.value is not None:
        return _mention(m, base.value_end or base.value, None, base.precision, True)
    if ctx.published is None:
        return _mention(m, None, relative=True)
    return _mention(m, ctx.published, None, 2, True)


def _r_present(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    """"now": publication time; precision 2, a state around then rather than a day."""
    if m.group().lower() == "now" and re.match(r"[^\S\n]+(?:that|on)\b", m.string[m.end():]):
        return None  # "now that ...", "from now on" are not dates
    return _mention(m, ctx.published, None, 2, True)


def _r_ordinal(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    """"on the 30th": the month (and year) of the nearest preceding month mention."""
    ym = ctx.month_context(m.start())
    if ym is None:
        return None  # "the 30th" with no month in sight is not a date we can read
    d = _safe_date(ym[0], ym[1], int(m.group("d")))
    if d is None:
        return None
    return _mention(m, d, None, 1, True)


def _r_short_year(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    """"since '82": the latest such year not after the year following publication."""
    yy = int(m.group("y"))
    limit = ctx.published.year + 1 if ctx.published else 2030
    y = 2000 + yy if 2000 + yy <= limit else 1900 + yy
    s, e = m.start("q"), m.end()
    return TimeMention(text=m.string[s:e], start=s, end=e, value=dt.date(y, 1, 1),
                       value_end=dt.date(y, 12, 31), precision=3)


def _r_the_year(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    """"the beginning of the year": the year written nearby, else of publication."""
    y = ctx.context_year(m.start())
    if y is None:
        if ctx.published is None:
            return _mention(m, None, relative=True)
        y = ctx.published.year
    first, last = _edge_span(dt.date(y, 1, 1), dt.date(y, 12, 31), m.group("edge"))
    return _mention(m, first, last, 3, True)


def _r_same_period(m: re.Match[str], ctx: _Context) -> TimeMention | None:
    """"the same month a year ago": the nearby expression's period, a year back."""
    base = ctx.anchor(m.start(), coarse=True)
    if base is not None and base.value is not None and base.start >= ctx.prev_sentence_start(
        m.start()
    ):
        first = _add_months(base.value, -12)
        last = _add_months(base.value_end, -12) if base.value_end else None
        if base.value_end and base.value_end == _month_span(*_ym(base.value_end))[1]:
            last = _month_span(*_ym(last))[1]  # type: ignore[arg-type]
        return _mention(m, first, last, base.precision, True)
    if ctx.published is None:
        return _mention(m, None, relative=True)
    y = ctx.published.year - 1
    return _mention(m, dt.date(y, 1, 1), dt.date(y, 12, 31), 3, True)


_RESOLVERS = {
    "short_year": _r_short_year,
    "the_year": _r_the_year,
    "same_period": _r_same_period,
    "iso": _r_iso,
    "numeric": _r_numeric,
    "day_month": _r_day_month,
    "month_day": _r_month_day,
    "month": _r_month,
    "year": _r_year,
    "decade": _r_decade,
    "quarter": _r_quarter,
    "season": _r_season,
    "deictic": _r_deictic,
    "weekday": _r_weekday,
    "period": _r_period,
    "weekend": _r_weekend,
    "offset": _r_offset,
    "sameday": _r_sameday,
    "ordinal": _r_ordinal,
    "inday": _r_inday,
    "present": _r_present,
}
