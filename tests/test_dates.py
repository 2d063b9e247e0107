"""Time expressions resolved against the publication date (eventline.dates)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventline import dates
from eventline.dates import dates_jsonl, find_dates, parse_date, resolve_dates
from eventline.eval_dates import evaluate_meantime, format_report, timex_value
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
    # "Saturday's attack came a day after rebels captured Kidal": Kidal fell on Friday
    text = ("Saturday's attack came a day after rebels captured the town of Kidal, and "
            "a week after soldiers ousted the president.")
    got = {m.text: (m.value, m.precision) for m in resolve_dates(text, "2012-03-31")}
    assert got["a day after"] == (D(2012, 3, 30), 1)
    assert got["a week after"] == (D(2012, 3, 24), 2)


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
    # measured 36/44 = 81.8 % DATE on these 30 documents (73.4 % on all 120)
    assert result["documents"] == 30
    assert result["date"]["gold"] >= 40
    assert result["date"]["accuracy"] >= 0.75
    report = format_report(result)
    assert "DATE only" in report and "all types" in report


def test_module_names_its_version():
    assert dates.NAME == "dates.rules.v1"
