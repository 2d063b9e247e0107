"""TIMEX3 extras: durations, sets, clock times, vague references, fiscal years.

Expressions that are not calendar dates -- durations ("three years"), sets
("weekly"), clock times ("16:08 UTC") and vague references ("recently") --
written the TIMEX3 way. The event stage never sees them (the dates stage,
:func:`eventline.dates.find_dates`, does not read them): a duration is not when
an event happened. Only the time-expression scorer (:mod:`eventline.eval.dates`)
uses them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import _YEAR, _p, _sentence_starts, _trim, find_dates
from ..models import TimeMention


@dataclass(frozen=True, slots=True)
class TimexMention:
    """A time expression with its TIMEX3 type and value (not a calendar date).

    ``type`` is DURATION, SET, TIME or DATE (DATE only for PAST_REF,
    FUTURE_REF and PRESENT_REF); ``value`` is the TIMEX3 value ("P3Y",
    "2013-01-21T08:44Z", "PAST_REF").

    Example::

        >>> find_durations("Fighting lasted three weeks.")[0].value
        'P3W'
    """

    text: str
    start: int
    end: int
    type: str
    value: str


_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_NUMWORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|"
            r"three|four|five|six|seven|eight|nine))?|hundred|zero|one|two|three|four|five|"
            r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
            r"seventeen|eighteen|nineteen)")
# (designator, multiplier, time part?) of each unit; a decade is ten years, as
# TIMEX3 corpora write "the past decade" (P10Y)
_DUR_UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "week": ("W", 1, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}  # fmt: skip
_DUR_UNIT = (r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|"
             r"centur(?:y|ies))")
_DUR_VAGUE = r"(?:several|a\s+few|few|many|some|a\s+couple\s+of|a\s+number\s+of)"
_DUR_MOD = (r"(?:(?:almost|nearly|about|around|over|under|more\s+than|less\s+than|just|only|"
            r"at\s+least|at\s+most|up\s+to|roughly|approximately|some|barely|a\s+full)\s+)")
_DUR_NUM = (r"(?:\d+(?:\.\d+)?|" + _NUMWORD + r"(?:\s+and\s+a\s+half)?|a|an|single|"
            + _DUR_VAGUE + r")")
_DURATION_RX = _p(
    r"(?i:\b(?P<lead>the\s+(?:past|last|next|coming|previous|first|final|following|"
    r"remaining)\s+)?" + _DUR_MOD + r"?(?:a\s+(?=\d))?(?P<n>" + _DUR_NUM + r")"
    r"(?P<sep>[\s-]+)(?:(?:straight|consecutive|trading|working|business|full|long)\s+)?"
    r"(?P<u>" + _DUR_UNIT + r")\b(?!-old|\s+old\b))"
)
_DECADE_RX = _p(r"(?i:\bthe\s+(?:past|last|next|coming|previous|following)\s+"
                r"(?P<u>decade|century)\b)")
# bare plurals after a preposition: "in minutes", "over the years", "for decades"
_BARE_DURATION_RX = _p(
    r"(?i:\b(?P<lead>(?:in|for|within|over\s+the|over|in\s+just|after|across)\s+)"
    r"(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b"
    r"(?!\s+(?:ago|later|earlier|before|after)\b))"
)
_SET_RX = _p(
    r"(?i:\b(?:(?P<adj>annual(?:ly)?|yearly|weekly|daily|monthly|hourly|quarterly)|"
    r"(?:every|each|per)\s+(?:(?P<n>" + _NUMWORD + r"|\d+|other)\s+)?(?P<u>" + _DUR_UNIT
    + r")|(?<=\d\s)a\s+(?P<u2>year|month|week|day)|(?:times|twice|once)\s+a\s+"
    r"(?P<u3>year|month|week|day))\b)"
)
_SET_ADJ = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "weekly": "P1W",
            "daily": "P1D", "monthly": "P1M", "hourly": "PT1H", "quarterly": "P3M"}


def _dur_number(ns: str) -> float | None:
    """The count of a duration ("two and a half" -> 2.5); None when vague ("several")."""
    s = re.sub(r"\s+", " ", ns.lower())
    half = 0.5 if s.endswith(" and a half") else 0.0
    s = s.removesuffix(" and a half")
    if re.fullmatch(_DUR_VAGUE.replace(r"\s+", " "), s):
        return None
    if s in ("a", "an", "single"):
        return 1 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s) + half
    if "-" in s:
        tens, unit = s.split("-", 1)
        return _TENS_WORDS[tens] + _UNIT_WORDS[unit] + half
    return float(_UNIT_WORDS.get(s, _TENS_WORDS.get(s, 0))) + half


def _dur_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "year") -> "P3Y", (None, "minute") -> "PTXM"."""
    u = unit.lower()
    u = "century" if u.startswith("centur") else u.rstrip("s")
    des, mult, timed = _DUR_UNITS[u]
    if n is None:
        num = "X"
        if u in ("decade", "century"):
            des = "DE" if u == "decade" else "CE"
    else:
        v = n * mult
        num = str(int(v)) if v == int(v) else f"{v:g}"
    return f"PT{num}{des}" if timed else f"P{num}{des}"


def find_durations(text: str) -> list[TimexMention]:
    """Durations ("three years", "a 12-hour flight") and sets ("weekly", "15 a year").

    Values follow TIMEX3: P3Y, PT12H, P2.5Y; a vague count is X ("several
    days" -> PXD). "the past nine days" is a duration (P9D); "N units
    ago/later" are dates and are left to :func:`find_dates`. Sorted by start.

    Example::

        >>> [(d.text, d.value) for d in find_durations("a 12-hour flight, twice a year")]
        [('12-hour', 'PT12H'), ('a year', 'P1Y')]
    """
    out: list[TimexMention] = []
    for m in _DURATION_RX.finditer(text):
        n_text = m.group("n")
        if n_text.lower() == "single" and "-" not in m.group("sep"):
            continue  # "single day" reads as a day, "single-day" as a one-day span
        if n_text.lower() in ("a", "an") and (m.group("sep").strip() == "-" or m.group(
            "u"
        ).lower().startswith(("second", "quarter"))):
            # "a second consecutive day" is an ordinal, "a quarter of" a fraction
            continue
        s, e = _trim(text, m.start(), m.end())
        if "-" in m.group("sep") and not m.group("lead"):
            s = m.start("n")  # "a 12-hour flight": the article belongs to "flight"
        out.append(TimexMention(text[s:e], s, e, "DURATION",
                                _dur_value(_dur_number(n_text), m.group("u"))))
    for m in _DECADE_RX.finditer(text):  # "the past decade": ten years
        out.append(TimexMention(m.group(), m.start(), m.end(), "DURATION",
                                _dur_value(1, m.group("u"))))
    for m in _BARE_DURATION_RX.finditer(text):
        s = m.start("u") if not m.group("lead").lower().startswith("over") else m.start()
        out.append(TimexMention(text[s : m.end()], s, m.end(), "DURATION",
                                _dur_value(None, m.group("u"))))
    for m in _SET_RX.finditer(text):
        if m.group("adj"):
            value = _SET_ADJ[m.group("adj").lower()]
        else:
            u = m.group("u") or m.group("u2") or m.group("u3")
            ns = m.group("n")
            n = 2.0 if ns and ns.lower() == "other" else _dur_number(ns) if ns else 1.0
            value = _dur_value(n, u)
        s, e = m.start(), m.end()
        if m.group("u3"):  # "twice a year": the set is "a year"
            s = m.start("u3") - 2
        out.append(TimexMention(text[s:e], s, e, "SET", value))
    return _non_overlapping(out)


def _non_overlapping(items: list[TimexMention]) -> list[TimexMention]:
    """Longest first, then earliest; sorted by start."""
    keep: list[TimexMention] = []
    for t in sorted(items, key=lambda t: (-(t.end - t.start), t.start)):
        if not any(t.start < k.end and k.start < t.end for k in keep):
            keep.append(t)
    return sorted(keep, key=lambda t: t.start)


# Vague references. Which words count follows the TIMEX3 practice seen in
# annotated news (MEANTIME): "recently", "recent", "in the past", "soon",
# "in the future", "the long term", "current" are annotated; "former",
# "formerly", "previously", "ongoing" mostly are not, so they are left out.
_REF_RX = _p(
    r"(?i:\b(?:(?P<past>(?:more\s+|most\s+|very\s+|only\s+)?recently|(?<!most\s)recent(?:\s+years|"
    r"\s+months|\s+weeks|\s+days)?(?!-)|(?:in|of|from)\s+the\s+(?:distant\s+|recent\s+)?past"
    r"(?!\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"week|month|year|decade|day|quarter|century|\w+\s+(?:days|weeks|months|years)))|"
    r"in\s+recent\s+(?:[\w.]+\s+)?history|lately)|"
    r"(?P<future>in\s+the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|(?<!as\s)(?:very\s+|"
    r"quite\s+)?soon(?!\s+as\b|-|er\b)|(?:in|for|over)\s+the\s+(?:near|long|short|medium)"
    r"(?:er)?\s+term|(?:short|near|long|medium)-term(?!\s+(?:loan|debt|bond|interest|"
    r"rate|note|paper|funding|lending|credit|deposit))|later(?!\s+than\b|-)|someday|"
    r"in\s+the\s+coming\s+(?:days|weeks|months|years))|"
    r"(?P<present>current(?!s|ly|\s+account)|the\s+present(?!\s+(?:day|time)\b)(?=\s*[,.;]|"
    r"\s+(?:day|time|moment|era|period|situation|state|circumstances))|"
    r"these\s+days|present-day|present\s+day))\b)"
)


def find_refs(text: str) -> list[TimexMention]:
    """Vague references to the past, the future or the present (TIMEX3 *_REF).

    Example::

        >>> [(r.text, r.value) for r in find_refs("He recently said talks will resume soon.")]
        [('recently', 'PAST_REF'), ('soon', 'FUTURE_REF')]
    """
    out = []
    for m in _REF_RX.finditer(text):
        kind = "PAST_REF" if m.group("past") else "FUTURE_REF" if m.group("future") else (
            "PRESENT_REF")
        s, e = _trim(text, m.start(), m.end())
        out.append(TimexMention(text[s:e], s, e, "DATE", kind))
    return out


_ZONES = {
    "utc": "Z", "gmt": "Z", "z": "Z", "est": "-05:00", "edt": "-04:00", "cst": "-06:00",
    "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00",
    "bst": "+01:00", "cet": "+01:00", "cest": "+02:00", "wat": "+01:00", "cat": "+02:00",
    "eat": "+03:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00",
}  # fmt: skip
_ZONE = r"(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|WAT|CAT|EAT|EET|EEST|MSK|Z)"
_AMPM = r"(?:[AaPp]\.?\s?[Mm]\.?(?![a-z]))"
_CLOCK_RX = _p(
    r"(?<![\d:.,])(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!:?\d)(?:\s*(?P<ap>" + _AMPM
    + r"))?|(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>" + _AMPM + r")|(?P<h3>[01]\d|2[0-3])(?P<mi3>"
    r"[0-5]\d)(?=\s*(?:" + _ZONE + r"\b|hours\b|hrs\b|GMT|local\s+time)))"
    r"(?:\s*\(?\s*(?P<tz>" + _ZONE + r")\b(?:\s*(?P<off>[+-]\s*\d{1,2})(?::?(?P<offm>\d\d))?)?"
    r"\s*\)?)?(?:\s+(?:hours|hrs)\b)?|(?i:\b(?P<noon>noon|midday|midnight)\b)"
)


def find_clock_times(text: str, published: dt.date | None,
                     dates: list[TimeMention] | None = None) -> list[TimexMention]:
    """Clock times as TIMEX3 TIME values ("at 16:08 UTC" -> 2008-09-17T16:08Z).

    The day is the date written next to the time ("12:00 UTC Monday", "16:15
    UTC, June 1st"), else the last day-precise date earlier in the sentence,
    else the publication date; unknown, it is written XXXX-XX-XX. A date
    written next to the time becomes part of the expression. ``dates`` are the
    :func:`find_dates` mentions of ``text`` (computed when not given).

    Example::

        >>> find_clock_times("Markets fell at 16:08 UTC.", dt.date(2008, 9, 17))[0].value
        '2008-09-17T16:08Z'
    """
    if dates is None:
        dates = find_dates(text, published)
    starts = _sentence_starts(text, None)
    out: list[TimexMention] = []
    for m in _CLOCK_RX.finditer(text):
        if m.group("noon"):
            hh, mm = (24, 0) if m.group("noon").lower() == "midnight" else (12, 0)
        else:
            h = m.group("h") or m.group("h2") or m.group("h3")
            hh = int(h)
            mm = int(m.group("mi") or m.group("mi3") or 0)
            ap = (m.group("ap") or m.group("ap2") or "").lower().replace(".", "").replace(" ", "")
            if ap == "pm" and hh < 12:
                hh += 12
            elif ap == "am" and hh == 12:
                hh = 0
        zone = ""
        if m.group("tz"):
            zone = _ZONES[m.group("tz").lower()]
            if m.group("off"):
                off = int(m.group("off").replace(" ", ""))
                zone = f"{'+' if off >= 0 else '-'}{abs(off):02d}:{m.group('offm') or '00'}"
        s, e = _trim(text, m.start(), m.end())
        # a day written right next to the time belongs to it
        day: dt.date | None = None
        for d in dates:
            if d.value is None or d.value_end is not None:
                continue
            before = 0 <= s - d.end <= 4 and re.fullmatch(r"[\s,]*(?:on\s+)?", text[d.end : s])
            after = 0 <= d.start - e <= 6 and re.fullmatch(r"[\s,]*(?:on\s+)?", text[e : d.start])
            if before or after:
                day = d.value
                # "12:00 UTC Monday" is one expression; "16:15 UTC, June 1st" two
                gap = text[d.end : s] if before else text[e : d.start]
                if "," not in gap:
                    s, e = min(s, d.start), max(e, d.end)
                break
        if day is None:
            sent = max(b for b in starts if b <= s)
            prior = [d for d in dates if sent <= d.start < s and d.value is not None
                     and d.precision == 1 and d.value_end is None]
            day = prior[-1].value if prior else published
        when = day.isoformat() if day else "XXXX-XX-XX"
        out.append(TimexMention(text[s:e], s, e, "TIME", f"{when}T{hh:02d}:{mm:02d}{zone}"))
    return out


_FISCAL_RX = _p(
    r"(?i:\b(?:(?:the\s+)?(?:fiscal|financial|budget)\s+(?:year\s+)?(?P<y>\d{4}[-–/]\d\d(?!\d)|"
    + _YEAR + r")|FY\s?['’]?(?P<y2>" + _YEAR + r"|\d\d)\b|(?P<which>the|this|"
    r"last|next|the\s+current|the\s+previous|the\s+coming)\s+(?:fiscal|financial|budget)"
    r"\s+year)\b)"
)


def find_fiscal_years(text: str, published: dt.date | None) -> list[TimexMention]:
    """Fiscal years as TIMEX3 values ("fiscal 2008" -> FY2008, "FY09" -> FY2009).

    A split year ("financial year 2012/13", "2012-13") is named by the year
    it ends in; "the financial year" without a year is the one of publication.

    Example::

        >>> find_fiscal_years("profits in fiscal 2008 rose", None)[0].value
        'FY2008'
    """
    out = []
    for m in _FISCAL_RX.finditer(text):
        ys = m.group("y") or m.group("y2")
        if ys:
            parts = re.split(r"[-–/]", ys)
            last = parts[-1]
            if len(last) == 2:
                century = int(parts[0][:2]) * 100 if len(parts[0]) == 4 else 2000
                y = century + int(last)
                if len(parts) == 2 and len(parts[0]) == 4 and y < int(parts[0]):
                    y += 100
            else:
                y = int(last)
        elif published is not None:
            step = {"last": -1, "next": 1, "the previous": -1, "the coming": 1}
            y = published.year + step.get(re.sub(r"\s+", " ", m.group("which").lower()), 0)
        else:
            continue
        out.append(TimexMention(m.group(), m.start(), m.end(), "DATE", f"FY{y}"))
    return out
