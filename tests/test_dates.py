"""Time expressions resolved against the publication date (eventline.dates)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventline import dates
from eventline.dates import dates_jsonl, find_dates, parse_date, resolve_dates
from eventline.eval.baseline import below
from eventline.eval.dates import evaluate_meantime, format_report, timex_mentions, timex_value
from eventline.eval.timex import find_clock_times, find_durations, find_fiscal_years, find_refs
from eventline.models import TimeMention

D = dt.date
MON_2013_01_21 = "2013-01-21"  # a Monday


def one(text: str, published: str | None, expr: str) -> TimeMention:
    """The mention whose text is ``expr`` (fails loudly when it is not found)."""
    found = [m for m in resolve_dates(text, published) if m.text == expr]
    assert found, f"{expr!r} not found in {[m.text for m in resolve_dates(text, published)]}"
    return found[0]


# (text, published, expression, value, value_end, precision)
CASES = [
    # weekdays: most recent not after publication; same weekday = publication day
    ("Rebels attacked the town on Saturday.", MON_2013_01_21, "Saturday",
     D(2013, 1, 19), None, 1),
    ("Forces retook Konna on Friday.", MON_2013_01_21, "Friday", D(2013, 1, 18), None, 1),
    ("Gunfire could be heard in the town Monday.", MON_2013_01_21, "Monday",
     D(2013, 1, 21), None, 1),
    ("They met last Monday.", MON_2013_01_21, "last Monday", D(2013, 1, 14), None, 1),
    ("They meet next Monday.", MON_2013_01_21, "next Monday", D(2013, 1, 28), None, 1),
    ("The trial is set to begin on Wednesday.", MON_2013_01_21, "Wednesday",
     D(2013, 1, 23), None, 1),
    ("Shelling resumed Monday night.", MON_2013_01_21, "Monday night", D(2013, 1, 21), None, 1),
    # deictic words
    ("Troops arrived yesterday.", MON_2013_01_21, "yesterday", D(2013, 1, 20), None, 1),
    ("Fighting continued today.", MON_2013_01_21, "today", D(2013, 1, 21), None, 1),
    ("A curfew starts tonight.", MON_2013_01_21, "tonight", D(2013, 1, 21), None, 1),
    # day and month without a year
    ("Soldiers seized control of the country on March 22.", "2012-03-30", "March 22",
     D(2012, 3, 22), None, 1),
    ("Militants said January 10 that they had seized Konna.", MON_2013_01_21, "January 10",
     D(2013, 1, 10), None, 1),
    ("Protests were held on November 3.", MON_2013_01_21, "November 3",
     D(2012, 11, 3), None, 1),  # after publication in the same year: the year before
    ("The vote will be held on March 3.", MON_2013_01_21, "March 3", D(2013, 3, 3), None, 1),
    ("Rebels were arrested on Friday, February 8, north of Gao.", MON_2013_01_21,
     "Friday, February 8", D(2013, 2, 8), None, 1),  # the weekday settles the year
    ("A bomb exploded on 12 May.", "2012-06-01", "12 May", D(2012, 5, 12), None, 1),
    ("The morning of 26 June saw heavy fighting.", "2012-07-01", "26 June",
     D(2012, 6, 26), None, 1),
    # full dates
    ("updated 8:44 AM EST, Mon January 21, 2013", None, "Mon January 21, 2013",
     D(2013, 1, 21), None, 1),
    ("It happened on June 25, 2012.", None, "June 25, 2012", D(2012, 6, 25), None, 1),
    ("It happened on 2012-06-25.", None, "2012-06-25", D(2012, 6, 25), None, 1),
    ("Report dated 21/01/2013.", None, "21/01/2013", D(2013, 1, 21), None, 1),
    ("Report dated 03/04/2013.", None, "03/04/2013", D(2013, 4, 3), None, 1),  # day-first
    ("Report dated 7/8/07.", "2007-07-09", "7/8/07", D(2007, 7, 8), None, 1),  # not future
    ("The photo was taken on February 8, 2014.", MON_2013_01_21, "February 8, 2014",
     D(2014, 2, 8), None, 1),  # stated year kept even after publication
    # ranges of explicit days: precision 1 with value_end (the gold convention)
    ("Date: 26–28 June 2012", None, "26–28 June 2012", D(2012, 6, 26), D(2012, 6, 28), 1),
    ("fought in Gao between 26 and 28 June 2012.", None, "between 26 and 28 June 2012",
     D(2012, 6, 26), D(2012, 6, 28), 1),
    ("By the 28th of June 2012, Gao had fallen.", None, "the 28th of June 2012",
     D(2012, 6, 28), None, 1),
    # months and coarser: first and last day, precision 3
    ("Attacks began in January.", "2012-03-31", "January", D(2012, 1, 1), D(2012, 1, 31), 3),
    ("Attacks began in December.", "2012-03-31", "December",
     D(2011, 12, 1), D(2011, 12, 31), 3),
    ("in early 2012 the MNLA captured the north", None, "early 2012",
     D(2012, 1, 1), D(2012, 4, 30), 3),
    ("It began in June 2012.", None, "June 2012", D(2012, 6, 1), D(2012, 6, 30), 3),
    ("In mid-June the town fell.", "2012-07-10", "mid-June", D(2012, 6, 11), D(2012, 6, 20), 3),
    ("The coup last year shocked the region.", MON_2013_01_21, "last year",
     D(2012, 1, 1), D(2012, 12, 31), 3),
    ("Talks failed earlier this month.", MON_2013_01_21, "earlier this month",
     D(2013, 1, 1), D(2013, 1, 20), 3),
    ("rebellions in 2007–2009 and", None, "2007–2009", D(2007, 1, 1), D(2009, 12, 31), 3),
    ("losses in the fourth quarter of 2005", None, "the fourth quarter of 2005",
     D(2005, 10, 1), D(2005, 12, 31), 3),
    # weeks: precision 2
    ("Toure told AFP this week that he is safe.", "2012-03-30", "this week",
     D(2012, 3, 26), D(2012, 4, 1), 2),
    ("Clashes erupted last week.", MON_2013_01_21, "last week",
     D(2013, 1, 14), D(2013, 1, 20), 2),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "expr", "value", "value_end", "precision"), CASES)
def test_expression_kinds(text, published, expr, value, value_end, precision):
    m = one(text, published, expr)
    assert (m.value, m.value_end, m.precision) == (value, value_end, precision)


def test_day_earlier_counts_from_the_preceding_date():
    text = "Islamists attacked the camp on Saturday. A day earlier, they had taken Konna."
    got = {m.text: m.value for m in resolve_dates(text, MON_2013_01_21)}
    assert got == {"Saturday": D(2013, 1, 19), "A day earlier": D(2013, 1, 18)}


def test_two_days_later_after_a_range_counts_from_its_end():
    text = "They fought between 26 and 28 June 2012. Two days later, shrines were destroyed."
    assert one(text, None, "Two days later").value == D(2012, 6, 30)


def test_after_a_clause_dates_the_clause_from_the_sentence_anchor():
    # the ambush was on Saturday; the town had fallen the Friday before
    text = ("The ambush on Saturday was staged a day after the rebels had seized Kidal, and "
            "a week after soldiers ousted the president.")
    got = {m.text: (m.value, m.precision) for m in resolve_dates(text, "2012-03-31")}
    assert got["a day after"] == (D(2012, 3, 30), 1)
    assert got["a week after"] == (D(2012, 3, 24), 2)


@pytest.mark.parametrize(
    ("text", "published", "expr", "value", "value_end", "precision"),
    [
        # "N ago this week/month": the period of publication, that far back
        ("One year ago this week, rebels seized the town.", "2005-11-10",
         "One year ago this week", D(2004, 11, 8), D(2004, 11, 14), 2),
        ("Two years ago this month, rebels seized Kidal.", "2014-03-20",
         "Two years ago this month", D(2012, 3, 1), D(2012, 3, 31), 3),
        ("Six months ago this week, the army retook Konna.", "2013-07-24",
         "Six months ago this week", D(2013, 1, 21), D(2013, 1, 27), 2),
    ],
)
def test_ago_this_period_is_one_mention(text, published, expr, value, value_end, precision):
    m = one(text, published, expr)
    assert (m.value, m.value_end, m.precision) == (value, value_end, precision)


def test_ago_alone_and_this_week_alone_stay_two_periods():
    ms = resolve_dates("A year ago, rebels seized the town. This week they left.", "2005-11-10")
    assert [m.text for m in ms] == ["A year ago", "This week"]


@pytest.mark.parametrize("verb", ["retook", "overtook", "caught", "threw"])
def test_days_after_a_clause_with_an_irregular_verb_dates_the_clause(verb):
    m = one(f"The deaths came days after soldiers {verb} the town.", "2012-03-08", "days after")
    assert (m.value, m.value_end, m.precision) == (D(2012, 3, 1), D(2012, 3, 6), 2)


def test_after_a_clause_without_anchor_uses_publication_with_lower_precision():
    text = "The fighting comes just a week after soldiers ousted the president."
    m = one(text, "2012-03-30", "just a week after")
    assert m.value == D(2012, 3, 23) and m.precision == 2


def test_offset_glued_to_a_date_is_one_mention():
    m = one("Elections were held a week after March 22.", "2012-04-30", "a week after March 22")
    assert m.value == D(2012, 3, 29)


def test_day_of_month_takes_month_from_context():
    text = "Fighting began on 26 June 2012 in Gao. On the 30th, shrines were attacked."
    assert one(text, None, "the 30th").value == D(2012, 6, 30)
    # the month may come from a date whose year was itself inferred
    text = "Clashes began on 28 June. On the 30th, rebels took the town."
    assert one(text, "2012-07-02", "the 30th").value == D(2012, 6, 30)


def test_caption_date_year_follows_a_weekday_agreed_date_nearby():
    text = ("Soldiers arrest rebels on Friday, February 8, north of Gao. A suicide bomber "
            "blew himself up on February 8 near a group of soldiers.")
    values = [m.value for m in resolve_dates(text, MON_2013_01_21)]
    assert values == [D(2013, 2, 8), D(2013, 2, 8)]


def test_headline_weekday_does_not_swallow_the_dateline_below():
    text = "Markets to remain closed until Friday\nSeptember 18, 2008\nTrading stopped."
    got = [(m.text, m.value) for m in resolve_dates(text, "2008-09-18")]
    assert got == [("Friday", D(2008, 9, 19)), ("September 18, 2008", D(2008, 9, 18))]


@pytest.mark.parametrize("text", [
    "Rebels attacked on Saturday.",
    "Troops arrived yesterday.",
    "The coup last year shocked the region.",
    "Attacks began in January.",
    "A day earlier, they had taken Konna.",
    "Clashes erupted this week.",
])  # fmt: skip
def test_unknown_publication_date_invents_nothing(text):
    ms = resolve_dates(text, None)
    assert ms, "the expression is still reported"
    assert all(m.value is None for m in ms)


def test_unknown_publication_date_still_resolves_absolute_dates():
    text = "In 2012 the town fell. On 25 June, the MNLA attacked. The next day it withdrew."
    got = {m.text: m.value for m in resolve_dates(text, None)}
    assert got["25 June"] == D(2012, 6, 25)  # year from the explicit year before
    assert got["The next day"] == D(2012, 6, 26)


@pytest.mark.parametrize("text", [
    "He may visit the capital.",  # "may" is a verb
    "Protesters march in Bamako.",
    "Some 2000 troops were deployed.",  # a count, not a year
    "the 5th Battalion",
    "the 19th century",
])  # fmt: skip
def test_not_dates(text):
    assert resolve_dates(text, MON_2013_01_21) == []


def test_offsets_point_at_the_text():
    text = "Intro.\n\nOn Friday coup leader Sanogo asked for help."
    (m,) = resolve_dates(text, "2012-03-31")
    assert text[m.start : m.end] == m.text == "Friday"


def test_resolve_dates_accepts_dates_and_strings():
    a = resolve_dates("on Saturday", D(2013, 1, 21))
    b = resolve_dates("on Saturday", "2013-01-21")
    assert a == b and a[0].relative


def test_parse_date_error_tells_the_format():
    assert parse_date("2013-01-21") == D(2013, 1, 21)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("21 Jan 2013")


@pytest.mark.parametrize("written", ["2013-01-21", "2013/01/21", "2013-01-21T08:44:00Z",
                                     "2013/1/21"])
def test_a_manifest_and_published_accept_the_same_dates(written):
    from eventline.ingest import parse_date as manifest_date

    assert parse_date(written) == manifest_date(written) == D(2013, 1, 21)
    assert resolve_dates("on Saturday", written)[0].value == D(2013, 1, 19)


def test_a_manifest_date_that_is_no_date_is_left_out():
    from eventline.ingest import parse_date as manifest_date

    assert manifest_date("soon") is None and manifest_date("2013-02-30") is None


def test_dates_jsonl_records():
    text = "Soldiers seized power on March 22."
    (rec,) = list(dates_jsonl(text, "2012-03-30"))
    start = text.index("March")
    assert rec == {"text": "March 22", "start": start, "end": start + 8, "value": "2012-03-22",
                   "value_end": None, "precision": 1, "relative": True}
    json.dumps(rec)


def test_find_dates_uses_doc_sentences_when_given():
    class Sent:
        def __init__(self, start_char: int) -> None:
            self.start_char = start_char

    class Doc:
        sents = [Sent(0), Sent(30)]

    text = "Fighting ended on 26 June 2012. Two days later shrines burned."
    assert [m.value for m in find_dates(text, None, doc=Doc())] == [
        D(2012, 6, 26), D(2012, 6, 28)]


def test_sorted_by_start_and_cheap_on_long_text():
    import time

    text = ("On Saturday rebels attacked Gao, a day after they captured Kidal on "
            "March 30, 2012. ") * 400
    t = time.perf_counter()
    ms = find_dates(text, D(2012, 3, 31))
    assert time.perf_counter() - t < 2.0
    assert [m.start for m in ms] == sorted(m.start for m in ms)


@pytest.mark.parametrize(("value", "end", "precision", "text", "timex"), [
    (D(2013, 1, 19), None, 1, "Saturday", "2013-01-19"),
    (D(2013, 1, 21), None, 1, "Monday night", "2013-01-21TNI"),
    (D(2013, 1, 14), D(2013, 1, 20), 2, "last week", "2013-W03"),
    (D(2012, 1, 1), D(2012, 1, 31), 3, "January", "2012-01"),
    (D(2005, 10, 1), D(2005, 12, 31), 3, "the fourth quarter", "2005-Q4"),
    (D(2012, 1, 1), D(2012, 12, 31), 3, "2012", "2012"),
    (D(2012, 1, 1), D(2012, 4, 30), 3, "early 2012", "2012"),
    (D(1970, 1, 1), D(1979, 12, 31), 3, "the 1970s", "197"),
])  # fmt: skip
def test_timex_mapping(value, end, precision, text, timex):
    assert timex_value(TimeMention(text, 0, len(text), value, end, precision)) == timex


def test_meantime_slice_floor(shared_dir: Path):
    meantime = shared_dir / "dev" / "temporal" / "meantime"
    if not meantime.exists():
        pytest.skip("MEANTIME is not in the shared dev data")
    result = evaluate_meantime(meantime, limit=30)
    # floors and measured figures: eval/baseline.toml
    assert result["documents"] == 30
    assert result["date"]["gold"] >= 40
    assert not below("dates_meantime_slice", {"date_accuracy": result["date"]["accuracy"],
                                              "all_accuracy": result["all"]["accuracy"]})
    report = format_report(result)
    assert "DATE only" in report and "DATE+TIME" in report and "all types" in report


def test_module_names_its_version():
    assert dates.NAME == "dates.rules.v1"


# ------------------------------------------------------------------ rules added for TIMEX3 parity

@pytest.mark.parametrize(("text", "published", "expr", "value", "value_end"), [
    # the year counted from publication, not from a year written earlier
    ("Franchises end after October of next year.", "2009-05-15", "October of next year",
     D(2010, 10, 1), D(2010, 10, 31)),
    ("on medical leave since 2004 and since January of this year.", "2011-01-17",
     "January of this year", D(2011, 1, 1), D(2011, 1, 31)),
    # "as of": the state at publication
    ("sales since its launch in 2003 and that as of February, it leads", "2008-04-09",
     "February", D(2008, 2, 1), D(2008, 2, 29)),
    # "later than planned" is the date just written, not three days after it
    ("It will arrive on November 11, three days later than originally planned.", "2005-11-05",
     "three days later", D(2005, 11, 11), None),
    # the period of the nearby expression, a year back
    ("Sales fell 35% in January, compared to the same month a year ago.", "2009-02-03",
     "the same month a year ago", D(2008, 1, 1), D(2008, 1, 31)),
    ("Sales rose in February compared to the same period last year.", "2010-03-03",
     "the same period last year", D(2009, 2, 1), D(2009, 2, 28)),
    ("It has fallen 40% since the beginning of the year.", "2008-10-27",
     "the beginning of the year", D(2008, 1, 1), D(2008, 3, 31)),
    ("the boxy cars of the 70s and 80s", "2007-02-09", "80s", D(1980, 1, 1), D(1989, 12, 31)),
    ("Nikkei at lowest level since '82", "2008-10-27", "'82", D(1982, 1, 1), D(1982, 12, 31)),
    # future words after the date count only inside its own clause
    ("plans announced in January, in which 25,000 positions should go", "2006-08-19",
     "January", D(2006, 1, 1), D(2006, 1, 31)),
])  # fmt: skip
def test_context_rules(text, published, expr, value, value_end):
    m = one(text, published, expr)
    assert (m.value, m.value_end) == (value, value_end)


def test_named_days_are_not_weekdays():
    text = "Markets crashed on what is known as Black Monday. Bloody Sunday is remembered."
    assert resolve_dates(text, "2007-10-20") == []


@pytest.mark.parametrize("text", [
    "Fighting lasted three years.", "They were held for 24 hours.", "recently", "annual talks",
    "He arrived soon after.", "at 16:08 UTC",
])  # fmt: skip
def test_durations_and_references_never_become_event_dates(text):
    assert find_dates(text, D(2013, 1, 21)) == []


@pytest.mark.parametrize(("text", "expr", "value"), [
    ("Fighting lasted three years.", "three years", "P3Y"),
    ("over the past two weeks", "the past two weeks", "P2W"),
    ("held for 24 hours", "24 hours", "PT24H"),
    ("almost two and a half years behind schedule", "almost two and a half years", "P2.5Y"),
    ("after a 12-hour flight", "12-hour", "PT12H"),
    ("its 41-year history", "41-year", "P41Y"),
    ("after six straight days of losses", "six straight days", "P6D"),
    ("the next twenty-five years", "the next twenty-five years", "P25Y"),
    ("the worst single-day decline", "single-day", "P1D"),
    ("the largest conference in the past decade", "the past decade", "P10Y"),
    ("it was lost in minutes", "minutes", "PTXM"),
    ("for several months", "several months", "PXM"),
    ("over the years", "over the years", "PXY"),
    ("for decades", "decades", "PXDE"),
    ("claiming weekly benefits", "weekly", "P1W"),
    ("at a rate of 15 a year", "a year", "P1Y"),
    ("elections every five years", "every five years", "P5Y"),
])  # fmt: skip
def test_durations_and_sets(text, expr, value):
    got = {d.text: d.value for d in find_durations(text)}
    assert got.get(expr) == value, got


@pytest.mark.parametrize("text", [
    "a 27-year-old man was killed",  # an age
    "for a second consecutive day",  # an ordinal
    "about a quarter of its dealers",  # a fraction
    "the 5th Battalion",
])  # fmt: skip
def test_not_durations(text):
    assert find_durations(text) == []


@pytest.mark.parametrize(("text", "expr", "value"), [
    ("He recently resigned.", "recently", "PAST_REF"),
    ("the recent economic downturn", "recent", "PAST_REF"),
    ("the fourth largest filing in recent U.S. history", "in recent U.S. history", "PAST_REF"),
    ("the bad decisions of the past, he said", "of the past", "PAST_REF"),
    ("details will follow very soon", "very soon", "FUTURE_REF"),
    ("jobs for the long term", "for the long term", "FUTURE_REF"),
    ("prices may fall in the future", "in the future", "FUTURE_REF"),
    ("given the current weakened state", "current", "PRESENT_REF"),
])  # fmt: skip
def test_references(text, expr, value):
    assert {r.text: r.value for r in find_refs(text)}.get(expr) == value


@pytest.mark.parametrize("text", [
    "Send help as soon as possible.",
    "the soon-to-open terminal",
    "The index fell in the past nine days.",  # a duration, not the past
    "short-term loans to banks",
])  # fmt: skip
def test_not_references(text):
    assert find_refs(text) == []


@pytest.mark.parametrize(("text", "published", "expr", "value"), [
    ("The Dow was down 2.6% at 16:08 UTC.", "2008-09-17", "16:08 UTC", "2008-09-17T16:08Z"),
    ("At 0800 UTC, central banks acted.", "2008-09-18", "0800 UTC", "2008-09-18T08:00Z"),
    # a weekday glued to the time is part of it
    ("GM filed at 12:00 UTC Monday, in New York.", "2009-06-04", "12:00 UTC Monday",
     "2009-06-01T12:00Z"),
    # a date after a comma gives the day but stays its own expression
    ("At 16:15 UTC, June 1st, he spoke.", "2009-06-04", "16:15 UTC", "2009-06-01T16:15Z"),
    # else the last day named earlier in the sentence
    ("It flew Tuesday in Everett at 18:00 UTC.", "2009-12-16", "18:00 UTC",
     "2009-12-15T18:00Z"),
    ("The curfew starts at 6 p.m. local time.", "2013-01-21", "6 p.m.", "2013-01-21T18:00"),
    ("updated 8:44 AM EST, Mon January 21, 2013", None, "8:44 AM EST",
     "2013-01-21T08:44-05:00"),
    ("The take-off, at 08:30 UTC, was normal.", None, "08:30 UTC", "XXXX-XX-XXT08:30Z"),
])  # fmt: skip
def test_clock_times(text, published, expr, value):
    pub = parse_date(published) if published else None
    got = {t.text: t.value for t in find_clock_times(text, pub)}
    assert got.get(expr) == value, got


@pytest.mark.parametrize("text", ["The score was 2:1.", "version 10.30 released", "at 25:61"])
def test_not_clock_times(text):
    assert find_clock_times(text, D(2013, 1, 21)) == []


@pytest.mark.parametrize(("text", "value"), [
    ("profits in fiscal 2008", "FY2008"), ("FY09 results", "FY2009"),
    ("the financial year 2012/13", "FY2013"), ("the very beginning of the financial year",
                                               "FY2007"),
])  # fmt: skip
def test_fiscal_years(text, value):
    assert [f.value for f in find_fiscal_years(text, D(2007, 1, 18))] == [value]


def test_timex_view_follows_timex3_conventions():
    text = ("The airline will receive aircraft from 2009 to 2011. The phone will ship on June 17, "
            "two days before the launch. Talks stalled recently, after 18 months.")
    got = [(t.text, t.type, t.value) for t in timex_mentions(text, D(2007, 6, 9))]
    assert got == [
        ("2009", "DATE", "2009"), ("2011", "DATE", "2011"),  # a range: two DATEs
        ("June 17", "DATE", "2007-06-17"),
        ("two days", "DURATION", "P2D"),  # anchored offset: the duration, not a date
        ("recently", "DATE", "PAST_REF"),
        ("18 months", "DURATION", "P18M"),
    ]
    spans = [(t.start, t.end) for t in timex_mentions(text, D(2007, 6, 9))]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "expressions never overlap"


def test_timex_view_is_cheap_on_long_text():
    import time

    text = ("On Saturday rebels attacked Gao at 16:00 GMT, a day after they captured Kidal, "
            "after three weeks of fighting; recently talks stalled. ") * 400
    t = time.perf_counter()
    assert len(timex_mentions(text, D(2012, 3, 31))) >= 1600
    assert time.perf_counter() - t < 3.0


def test_an_indefinite_weekday_is_no_date() -> None:
    from eventline.dates import resolve_dates

    ms = resolve_dates("The bomb exploded on a Friday afternoon, as bombs did every Monday.",
                       "2019-06-05")
    assert [m.text for m in ms if m.value is not None] == []
    # but "a Friday blast" is Friday's blast
    ms = resolve_dates("Police hunt the man behind a Friday blast.", "2019-05-27")
    assert [(m.text, m.value) for m in ms] == [("Friday", D(2019, 5, 24))]
