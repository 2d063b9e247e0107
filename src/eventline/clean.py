"""Clean a RawDocument into an Article: decode, fix, extract, strip furniture, dedupe.

Steps of :func:`clean_document`, in order:

1. **Decode** bytes: a BOM wins, then strict UTF-8, then (HTML) the page's own
   ``<meta charset>``, then charset-normalizer. Bytes that decode to no
   sensible text are ``SKIP_UNDECODABLE``.
2. **Fix mojibake** with ftfy (before anything else reads the text).
3. **Extract** HTML main text with trafilatura (tables kept, comments dropped);
   page metadata (site name, date via htmldate, title, URL) fills only the
   fields the manifest/JSONL left empty. htmldate runs without its
   "extensive" text scan, so a copyright year is never taken for a date.
4. **Strip page furniture** with :func:`clean_text` (line-shape rules, below).
5. **Dateline**: when no date is known yet, a dateline in the first lines of
   the text ("updated 8:44 AM EST, Mon January 21, 2013", "Published March
   31, 2012", "BAMAKO, March 31, 2012 (Reuters) -") gives the publication
   date. Otherwise ``published`` stays None: dates are never invented.
6. **Infobox**: an ``Infobox`` line followed by ``- Key: Value`` lines is kept in
   the text and parsed into :class:`~eventline.models.Infobox` with offsets.
7. **Language** (py3langid on the cleaned text). Texts under 25 words or
   detections under 0.90 probability are "unsure" and fall back to the
   language the input declared, else English. A language other than English
   goes through only when ``eventline.nlp.language_model`` finds a model.

Furniture rules of :func:`clean_text` (general line shapes, no site lists):

* navigation/page-chrome lines ("Skip to main content", "Share", "Advertisement");
* teaser prefixes on short lines ("More from X: ...", "Read more: ...",
  "Photos: ...", "Related: ...", "Watch: ...", "Complete coverage on");
* timestamp-only lines ("updated 8:44 AM EST, Mon January 21, 2013") and
  bylines ("By A and B, CNN");
* **teaser clusters**: two or more timestamp lines at most 4 lines apart mark a
  related-stories list; the list is dropped from the short heading lines
  before its first stamp to the blurb after its last. Decision (documented
  for the sample CNN page): everything in such a list is teaser copy, even a
  sentence that reads like news (e.g. a photo caption about an earlier
  shrine destruction); events in it belong to *other* articles and are
  picked up when those articles are read;
* **link runs**: 3+ consecutive short lines (<= 8 words, no sentence end),
  counting lines already dropped, are a menu or link list;
* **appeals**: a line with two or more donation/subscription cues that
  addresses the reader ("you", "our") is dropped;
* **repeats**: a line that says the same thing twice ("caption caption") is
  reduced to one copy; a line repeated later in the article is dropped.

Every other line is kept verbatim, so quotes of the article proper survive.

Example::

    >>> clean_text("Skip to main content\\n\\nRebels took Gao on Saturday.\\nRead more: Ten facts")
    'Rebels took Gao on Saturday.'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np

from . import errors
from .ingest import parse_date, plausible_date, scrub, sniff_binary, utf16_without_bom
from .models import Article, Infobox, RawDocument, Skip

__all__ = [
    "Deduplicator",
    "clean_document",
    "clean_text",
    "decode_bytes",
    "detect_language",
    "find_dateline",
    "iter_articles",
    "parse_infobox",
]

STAGE = "clean"
NAME = "clean.rules.v1"
MIN_ARTICLE_CHARS = 40  # less than this after cleaning is not an article
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length: longer texts raise E088 in nlp.pipe

# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _sensible(text: str) -> bool:
    """True when decoded text looks like language: few controls, few replacement chars."""
    sample = text[:20000]
    if not sample.strip():
        return False
    # (counted by a regex and str methods mapped in C, not a Python step per character)
    bad = len(_BAD_CHARS.findall(sample))
    if bad > max(2, len(sample) // 100):
        return False
    visible = len(sample) - sum(map(str.isspace, sample))
    letters = sum(map(str.isalpha, sample))  # (a letter is never a space)
    return letters >= 0.4 * visible


# replacement characters, C0 controls but tab, line feed, form feed and carriage return, C1 controls
_BAD_CHARS = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f\x80-\x9f]")


def decode_bytes(data: bytes, *, html: bool = False) -> str | None:
    """Decode bytes to text, or None when no encoding gives sensible text.

    >>> decode_bytes("Tombouctou, Gao et Kidal".encode("cp1252"))
    'Tombouctou, Gao et Kidal'
    >>> decode_bytes(bytes(range(128, 256)) * 4) is None
    True
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                break
            return text if _sensible(text) else None
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
            if _sensible(text):
                return text
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
        if _sensible(text):
            return text
        # UTF-8 once read as latin-1 and saved again: C1 control characters that ftfy
        # turns back into the letters they were
        import ftfy

        fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)
        return fixed if _sensible(fixed) else None
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                text = data.decode(m.group(1).decode("ascii"))
                if _sensible(text):
                    return text
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return text if _sensible(text) else None


# --------------------------------------------------------------------------- datelines

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
             r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME_RE = (r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
            r"(?:\s*\(?(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})\)?)?")
_DATE_RE = (
    rf"(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
)
_STAMP_WORDS = (r"(?:(?:last\s+)?updated|(?:first\s+)?published|posted|modified|"
                r"created|date|dateline)")
# A line that is nothing but a time stamp (with an optional "updated"/"published" label).
_STAMP_LINE = re.compile(
    rf"^\W*(?:{_STAMP_WORDS}\b\s*(?:on|at)?\s*:?\s*)?(?:{_TIME_RE}\s*,?\s*)?"
    rf"(?:{_WEEKDAY_RE}\s*,?\s*)?{_DATE_RE}\s*,?\s*(?:(?:at\s+)?{_TIME_RE})?\W*$",
    re.I,
)
# A labelled stamp at the start of a line ("Published March 31, 2012 | By ...").
_LABELLED_STAMP = re.compile(
    rf"^\W*{_STAMP_WORDS}\b\s*(?:on|at)?\s*:?\s*(?:{_TIME_RE}\s*,?\s*)?"
    rf"(?:{_WEEKDAY_RE}\s*,?\s*)?{_DATE_RE}",
    re.I,
)
# A wire-style dateline opening a paragraph: "BAMAKO, March 31, 2012 (Reuters) -".
_WIRE_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'-]{{1,30}})?,?\s+(?i:{_DATE_RE})"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:-|–|—|--)",
)


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    if m.group("iso"):
        return parse_date(m.group("iso"))
    month = (m.group("m1") or m.group("m2") or "").lower().rstrip(".")
    day = m.group("d1") or m.group("d2")
    year = m.group("y1") or m.group("y2")
    num = _MONTHS.get(month[:4] if month.startswith("sept") else month[:3])
    if not (num and day and year):
        return None
    try:
        return dt.date(int(year), num, int(day))
    except ValueError:
        return None


def find_dateline(text: str, *, head_lines: int = 12) -> dt.date | None:
    """Publication date from a dateline among the first ``head_lines`` non-empty lines.

    Only the head is read: stamps further down belong to teasers of other stories.

    >>> find_dateline("Title\\nupdated 8:44 AM EST, Mon January 21, 2013\\nBody.")
    datetime.date(2013, 1, 21)
    >>> find_dateline("Fighting broke out on January 3, 2013 in Gao.") is None
    True
    """
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > head_lines:
            break
        for pattern in (_STAMP_LINE, _LABELLED_STAMP, _WIRE_DATELINE):
            m = pattern.search(line)
            if m:
                date = _date_from_match(m)
                if date is not None:
                    return date
    return None


# --------------------------------------------------------------------------- furniture

_CHROME = frozenset("""
skip to main content|skip to content|skip to navigation|jump to navigation|toggle navigation|
menu|main menu|navigation|search|home|share|share this|share this article|share this story|
share on facebook|share on twitter|tweet|email|e-mail|print|advertisement|sponsored|
sponsored content|sign in|log in|login|sign up|register|subscribe|subscribe now|newsletter|
close|back to top|top of page|comments|show comments|leave a comment|next article|
previous article|related|related articles|related stories|more stories|most popular|
most read|trending|trending now|follow us|cookie settings|accept cookies|privacy policy|
terms of use|terms of service|all rights reserved|loading|story highlights|top stories|
latest news|watch live|listen|play video|video|photos|gallery|image|caption|
""".replace("\n", "").split("|")) - {""}  # fmt: skip

_TEASER_PREFIX = re.compile(
    r"^\W*(?:more\s+from\s+[^:|]{1,60}|read\s+more|read\s+also|also\s+read|see\s+also|"
    r"related(?:\s+(?:stories|articles|content|coverage|news|topics))?|"
    r"more\s+on\s+this(?:\s+story)?|"
    r"recommended(?:\s+for\s+you)?|watch|videos?|photos?|pictures?|gallery|in\s+pictures|"
    r"listen|click\s+here|full\s+coverage|explore\s+more|editor'?s\s+picks?|must\s+read|"
    r"don'?t\s+miss|sign\s+up|follow\s+us|trending|opinion)\s*[:|»›>–—]",
    re.I,
)
_COVERAGE = re.compile(r"^\W*(?:part\s+of\s+)?(?:complete|full|special|live)\s+coverage\b", re.I)
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright\b)|all rights reserved", re.I)
_SOCIAL = re.compile(
    r"^(?:\W*(?:facebook|twitter|whatsapp|linkedin|email|e-mail|print|reddit|pinterest|"
    r"telegram|copy\s+link|share|x)\W*)+$",
    re.I,
)
_BYLINE = re.compile(r"^By\s+[A-Z]")
_APPEAL_CUES = tuple(re.compile(p) for p in (
    r"\bdonat(?:e|es|ed|ion|ions|ing)\b", r"\bmak(?:e|ing) a (?:gift|donation|contribution)",
    r"\bsupport (?:our|us|independent|the work)", r"\bcontribut(?:e|es|ing)\b",
    r"\bnon-?profit (?:newsroom|news|journalism)", r"\bsubscri(?:be|ber|bers|bing|ption)\b",
    r"\bbecome a (?:member|subscriber|supporter|patron)", r"\bsustain (?:our|this)",
    r"\bfree to all\b", r"\brely on (?:the )?(?:support|readers|listeners|donations)",
    r"\breader[- ](?:supported|funded)", r"\bour (?:journalism|reporting|newsroom|work)\b",
    r"\bnewsletter\b", r"\b(?:listeners|readers) like you\b", r"\bpaywall\b",
    r"\bunlimited access\b", r"\bsign up\b",
))  # fmt: skip
_ADDRESSES_READER = re.compile(r"\b(?:you|your|our|us)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?\"”’'»)]\s*$")
_INFOBOX_HEAD = re.compile(r"^\s*infobox\b.*$", re.I)
_INFOBOX_ROW = re.compile(r"^- ([^:\n]{1,60}?):\s?(.*)$")
_WORD = re.compile(r"\w+")


def _words(line: str) -> int:
    return len(line.split())


def _is_chrome(line: str) -> bool:
    key = re.sub(r"[\W_]+", " ", line.lower()).strip()
    return key in _CHROME


def _is_appeal(line: str) -> bool:
    low = line.lower()
    cues = sum(1 for c in _APPEAL_CUES if c.search(low))
    return cues >= 2 and bool(_ADDRESSES_READER.search(low))


def _is_byline(line: str) -> bool:
    if not _BYLINE.match(line) or _words(line) > 14 or line.rstrip().endswith((".", "!", "?")):
        return False
    words = [w for w in re.split(r"[\s,]+", line[3:]) if w and w.lower() not in {"and", "&"}]
    capital = sum(1 for w in words if w[:1].isupper())
    return capital >= 0.7 * max(1, len(words))


def _line_furniture(line: str) -> bool:
    """Whole-line rules: chrome, teaser prefixes, stamps, bylines, appeals, copyright."""
    s = line.strip()
    if _is_chrome(s) or _SOCIAL.match(s):
        return True
    if _words(s) <= 30 and (_TEASER_PREFIX.match(s) or _COVERAGE.match(s)):
        return True
    if _STAMP_LINE.match(s) or _is_byline(s):
        return True
    if _words(s) <= 30 and _COPYRIGHT.search(s):
        return True
    return _is_appeal(s)


def _is_linkish(line: str) -> bool:
    """Short line without a sentence end: a menu entry, link or teaser headline."""
    s = line.strip().lstrip("•*·-–—>» ").strip()
    return bool(s) and _words(s) <= 8 and not _SENTENCE_END.search(s) and not s.startswith("=")


def _undouble(line: str) -> str:
    """'X X' -> 'X': captions and link titles scraped twice from one element."""
    s = line.strip()
    n = len(s)
    if n < 20:
        return line
    for sep in (1, 0, 2, 3):
        if (n - sep) % 2:
            continue
        half = (n - sep) // 2
        a, b = s[:half], s[half + sep:]
        if a == b and not s[half:half + sep].strip():
            lead = line[: len(line) - len(line.lstrip())]
            return lead + a
    return line


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def clean_text(text: str) -> str:
    """Remove page furniture from plain text, keeping article lines verbatim.

    See the module docstring for the rules. Idempotent: cleaning twice changes
    nothing.

    >>> clean_text("Photos: Gao\\nRebels entered Gao.\\nMore from X: Y")
    'Rebels entered Gao.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    n = len(lines)
    drop = [False] * n
    protect = [False] * n

    # Infobox blocks are structured data the event stage quotes: never touch them.
    i = 0
    while i < n:
        if _INFOBOX_HEAD.match(lines[i]) and i + 1 < n and _INFOBOX_ROW.match(lines[i + 1]):
            protect[i] = True
            j = i + 1
            while j < n and _INFOBOX_ROW.match(lines[j]):
                protect[j] = True
                j += 1
            i = j
        else:
            i += 1

    for i, line in enumerate(lines):
        if protect[i] or not line.strip():
            continue
        lines[i] = _undouble(line)
        if _line_furniture(lines[i]):
            drop[i] = True

    # A headline sits right above the byline or dateline at the top: never a link run.
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    head_end = nonblank[min(9, len(nonblank) - 1)] if nonblank else 0
    for i in range(1, min(n, head_end + 1)):
        s = lines[i].strip()
        stamp = bool(s) and bool(_STAMP_LINE.match(s))
        if not (drop[i] and (stamp or _is_byline(s))):
            continue
        if stamp and any(ln.strip() and _STAMP_LINE.match(ln.strip()) for ln in lines[i + 1:i + 5]):
            continue  # a teaser cluster, not a dateline
        j = i - 1
        while j >= 0 and lines[j].strip() and drop[j]:
            j -= 1
        if j >= 0 and lines[j].strip():
            protect[j] = True

    # Teaser clusters: time stamps close together mark a related-stories list.
    stamps = [i for i, ln in enumerate(lines) if ln.strip() and _STAMP_LINE.match(ln.strip())]
    groups: list[list[int]] = []
    for i in stamps:
        if groups and i - groups[-1][-1] <= 4:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        if len(group) < 2:
            continue
        first, last = group[0], group[-1]
        for k in range(first, last + 1):
            drop[k] = True
        k, taken = last + 1, 0  # the blurb(s) after the last stamp
        while k < n and lines[k].strip() and taken < 3:
            drop[k] = True
            k, taken = k + 1, taken + 1
        k, taken = first - 1, 0  # list headings before the first stamp ("Complete coverage on")
        while k >= 0 and taken < 3:
            s = lines[k].strip()
            if not s or drop[k]:
                k -= 1
                continue
            if protect[k] or _words(s) > 10 or s.endswith((".", "!", '"', "”")):
                break
            drop[k] = True
            k, taken = k - 1, taken + 1

    # Link runs: 3+ consecutive short non-sentences (counting dropped lines) are a menu.
    i = 0
    while i < n:
        j = i
        while j < n and lines[j].strip() and not protect[j] and (drop[j] or _is_linkish(lines[j])):
            j += 1
        if j - i >= 3 and sum(1 for k in range(i, j) if _is_linkish(lines[k])) >= 2:
            for k in range(i, j):
                drop[k] = True
        i = max(j, i + 1)

    # Repeated lines (same words, 25+ chars): keep the first.
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if drop[i] or protect[i] or len(line.strip()) < 25:
            continue
        key = _norm(line)
        if key in seen:
            drop[i] = True
        seen.add(key)

    kept = [i for i, line in enumerate(lines) if not drop[i] and line.strip()]
    if sum(len(lines[i].strip()) for i in kept) < MIN_ARTICLE_CHARS:
        # A rule never removes an article's only text: when the rules leave too little
        # to be an article, the sentences they dropped come back (a one-line report
        # that mentions donations is news, not an appeal). Menus and stamps stay out.
        for i, line in enumerate(lines):
            s = line.strip()
            if drop[i] and _words(s) >= 8 and s.endswith((".", "!", "?", '"', "”")):
                drop[i] = False
    out: list[str] = []
    for i, line in enumerate(lines):
        if drop[i]:
            continue
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    return "\n".join(out).strip()


# --------------------------------------------------------------------------- infobox

_INFOBOX_BLOCK = re.compile(r"^[ \t]*infobox\b[^\n]*\n(?:- [^:\n]{1,60}?:[^\n]*(?:\n|$))+",
                            re.I | re.M)


def parse_infobox(text: str) -> Infobox | None:
    """The first ``Infobox`` + ``- Key: Value`` block of ``text``, with its offsets.

    >>> box = parse_infobox("Intro.\\nInfobox\\n- Date: June 2012\\n- Place: Gao\\nBody.")
    >>> box.get("place"), box.start, box.end
    ('Gao', 7, 45)
    """
    m = _INFOBOX_BLOCK.search(text)
    if not m:
        return None
    fields: list[tuple[str, str]] = []
    for line in m.group(0).splitlines()[1:]:
        row = _INFOBOX_ROW.match(line)
        if row:
            fields.append((row.group(1).strip(), row.group(2).strip()))
    end = m.end()
    while end > m.start() and text[end - 1] == "\n":
        end -= 1
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return Infobox(fields=tuple(fields), start=start, end=end)


# --------------------------------------------------------------------------- language


# ISO 639-1 codes a declared language may take (py3langid's own set, which is what
# detection returns). A declared value is only ever looked up in this list: it never
# becomes part of a module name ("../x" or "this.x" is simply not a language).
LANGUAGE_CODES: frozenset[str] = frozenset("""
af am an ar as az be bg bn br bs ca cs cy da de dz el en eo es et eu fa fi fo fr ga gl gu
he hi hr ht hu hy id is it ja jv ka kk km kn ko ku ky la lb lo lt lv mg mk ml mn mr ms mt
nb ne nl nn no oc or pa pl ps pt qu ro ru rw se si sk sl sq sr sv sw ta te th tl tr ug uk
ur vi vo wa xh zh zu
""".split())


def language_code(value: str | None) -> str | None:
    """The ISO 639-1 code a declared language names ("en-GB" -> "en"), or None.

    >>> language_code("fr_FR"), language_code("../x"), language_code("this.x")
    ('fr', None, None)
    """
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGE_CODES else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, default: str | None = None, min_words: int = 25,
                    min_prob: float = 0.90) -> str:
    """ISO 639-1 code of ``text``; ``default`` (else "en") when the text is too short or
    the detector is unsure, so short wire items are not misdetected.

    >>> detect_language("Rebels attacked Gao.")
    'en'
    """
    fallback = language_code(default) or "en"
    sample = text[:3000]
    if len(sample.split()) < min_words:
        return fallback
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= min_prob and str(lang) in LANGUAGE_CODES else fallback


# --------------------------------------------------------------------------- one document


def _skip(raw: RawDocument, code: str, reason: str, stage: str = STAGE) -> Skip:
    return Skip(path=raw.path, stage=stage, code=code, reason=reason)


@lru_cache(maxsize=1)
def _date_params() -> dict[str, Any]:
    return {
        "extensive_search": False,  # structured metadata only: no guessing from body text
        "original_date": True,  # publication, not last-modified
        "max_date": dt.date.today().isoformat(),
    }


def _extract_html(html: str, url: str | None) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of a page (trafilatura); ('', {}) when nothing is found."""
    import trafilatura

    meta: dict[str, Any] = {}
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=True, date_extraction_params=dict(_date_params()),
        )
    except (ValueError, TypeError, AttributeError, LookupError) as exc:  # malformed markup
        meta["error"] = str(exc)
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = data.get("text") or ""
        meta.update({k: data.get(k) for k in ("title", "date", "sitename", "url", "language")})
        if text.strip():
            return text, meta
    try:  # trafilatura gives up on tiny pages; its baseline still finds their paragraphs
        _, text, _ = trafilatura.baseline(html)
    except (ValueError, TypeError, AttributeError, LookupError):
        text = ""
    return text or "", meta


def _title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        s = line.strip().strip("=").strip()
        if not s:
            continue
        if _words(s) <= 20 and not s.endswith((".", "!", "?")):
            return s
        return None
    return None


def clean_document(raw: RawDocument, *, settings: dict[str, Any] | None = None) -> Article | Skip:
    """Turn one RawDocument into an Article, or a Skip saying why not.

    >>> raw = RawDocument(name="a.txt", path="a.txt", kind="text",
    ...     content=b"Skip to main content\\nRebels took the town of Gao on Saturday, "
    ...             b"officials said, after two days of fighting with the army.")
    >>> clean_document(raw).text[:40]
    'Rebels took the town of Gao on Saturday,'
    """
    import ftfy

    from .nlp import language_model

    settings = settings or {}
    content = raw.content
    kind = raw.kind
    if isinstance(content, bytes):
        what = sniff_binary(content[:8192])
        if what:
            return _skip(raw, errors.SKIP_BINARY, f"the input is {what}, not text or HTML.")
        text = decode_bytes(content, html=kind == "html")
        if text is None:
            return _skip(raw, errors.SKIP_UNDECODABLE,
                         "the bytes do not decode to readable text in any known encoding; "
                         "save the file as UTF-8.")
    else:
        text = content
    # ftfy first: every later rule and offset sees the repaired text.
    # Quotes stay curly and widths unchanged so evidence quotes match the source.
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)

    source, published, url, title = raw.source, raw.published, raw.url, raw.title
    declared_lang = raw.language
    if kind == "text" and text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        kind = "html"
    if kind == "html":
        body, meta = _extract_html(text, raw.url)
        if not body.strip():
            return _skip(raw, errors.SKIP_MALFORMED_HTML,
                         "the HTML has no extractable article text (empty, broken markup, "
                         "or only navigation).")
        source = source or meta.get("sitename")
        published = published or parse_date(meta.get("date"))
        url = url or meta.get("url")
        title = title or meta.get("title")
        declared_lang = declared_lang or meta.get("language")
        text = body

    if published is None:
        published = find_dateline(text)
    published = plausible_date(published)  # a year 9999 is a placeholder, not a date
    cleaned = scrub(clean_text(text))
    if len(cleaned) < MIN_ARTICLE_CHARS:
        return _skip(raw, errors.SKIP_EMPTY,
                     f"no article text left after cleaning ({len(cleaned)} characters).")
    limit = int(settings.get("max_text_chars") or MAX_TEXT_CHARS)
    if len(cleaned) > limit:
        return _skip(raw, errors.SKIP_TOO_LONG,
                     f"the text is {len(cleaned):,} characters, over max_text_chars "
                     f"({limit:,}, spaCy's limit for one text); split the article or raise "
                     "the setting.")

    if kind != "html":
        title = title or _title_from_text(cleaned)
    lang = detect_language(cleaned, default=declared_lang)
    if lang != "en":
        model = language_model(lang, str(settings.get("model") or "en_core_web_sm"))
        if model is None:
            return _skip(raw, errors.SKIP_LANGUAGE,
                         f"language {lang}: no model installed (install a spaCy "
                         f"{lang}_core_news_sm package to read it).", stage="language")
    return Article(
        doc_id=hashlib.sha1(cleaned.encode("utf-8")).hexdigest(),
        name=scrub(raw.name),
        path=scrub(raw.path),
        text=cleaned,
        source=scrub(source) if source else source,
        published=published,
        url=scrub(url) if url else url,
        language=lang,
        title=scrub(title) if title else title,
        infobox=parse_infobox(cleaned),
    )


def too_long(article: Article, nlp: Any) -> Skip | None:
    """A Skip when spaCy would refuse ``article``'s text (over ``nlp.max_length``), else None.

    Checked before ``nlp.pipe`` by both engines: spaCy raises E088 inside the pipe,
    where no per-article guard can catch it.
    """
    limit = int(getattr(nlp, "max_length", MAX_TEXT_CHARS) or MAX_TEXT_CHARS)
    if len(article.text) <= limit:
        return None
    return Skip(path=article.path if article.path != "-" else article.name, stage="nlp",
                code=errors.SKIP_TOO_LONG,
                reason=f"the text is {len(article.text):,} characters, over the {limit:,} "
                       "spaCy reads at once; split the article or raise max_text_chars.")


# --------------------------------------------------------------------------- duplicates

_MASK64 = (1 << 64) - 1


class _BandIndex:
    """Compact LSH band table: band hash -> paragraph id, packed in one sorted ``uint64`` array.

    datasketch's ``MinHashLSH`` keeps a Python ``set`` and ``bytes`` object per band
    per paragraph (a few KB per paragraph); this keeps 8 bytes per band per
    paragraph: ``(uint32 band hash << 32) | uint32 paragraph id``, sorted in place
    and searched with ``np.searchsorted``, plus a small pending buffer merged
    every ``flush_every`` entries (so a merge briefly needs twice the array).
    Paragraph ids are relative to ``base`` (moved forward on eviction).
    """

    def __init__(self, flush_every: int = 10_000) -> None:
        self.packed = np.empty(0, dtype=np.uint64)
        self.pending: dict[int, list[int]] = {}
        self.pending_n = 0
        self.flush_every = flush_every
        self.base = 0

    def add(self, keys: np.ndarray, pid: int) -> None:
        for k in keys.tolist():
            self.pending.setdefault(k, []).append(pid)
        self.pending_n += len(keys)
        if self.pending_n >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self.pending_n:
            return
        new = np.fromiter(
            ((k << 32) | (pid - self.base) for k, ids in self.pending.items() for pid in ids),
            dtype=np.uint64, count=self.pending_n)
        new.sort()
        # One O(n) merge copy instead of re-sorting the whole table.
        self.packed = np.insert(self.packed, np.searchsorted(self.packed, new), new)
        self.pending.clear()
        self.pending_n = 0

    def query(self, keys: np.ndarray) -> set[int]:
        found: set[int] = set()
        if len(self.packed):
            k64 = keys.astype(np.uint64) << np.uint64(32)
            lo = np.searchsorted(self.packed, k64, side="left")
            hi = np.searchsorted(self.packed, k64 | np.uint64(0xFFFFFFFF), side="right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                if b > a:
                    found.update((self.packed[a:b] & np.uint64(0xFFFFFFFF)).astype(np.int64)
                                 + self.base)
        for k in keys.tolist():
            found.update(self.pending.get(k, ()))
        return {int(x) for x in found}

    def evict_below(self, pid: int) -> None:
        self.flush()
        low = self.packed & np.uint64(0xFFFFFFFF)
        keep = low >= np.uint64(pid - self.base)
        shift = np.uint64(pid - self.base)
        self.packed = ((self.packed[keep] >> np.uint64(32)) << np.uint64(32)) | (low[keep] - shift)
        self.base = pid  # packed keys keep their order: (hash, id) with ids shifted equally

    @property
    def nbytes(self) -> int:
        return int(self.packed.nbytes) + 120 * self.pending_n  # dict + list per pending entry


class Deduplicator:
    """Exact and near-duplicate detection across one run (and stored earlier runs).

    * Exact: the same cleaned text (same ``doc_id``) seen before -> a Skip with
      ``SKIP_DUPLICATE`` naming the first document.
    * Near: each paragraph (a line of 12+ words) gets a MinHash (datasketch,
      word 3-gram shingles); LSH banding (datasketch's optimal bands for the
      threshold) finds earlier paragraphs with estimated Jaccard >= ``threshold``.
      Matches become ``Article.shared_spans`` ``(start, end, other_doc_name)``.

    Earlier runs: pass ``known_doc_ids`` (doc_ids already in the store) or call
    :meth:`add_known`; those are exact duplicates of "a stored document".
    Paragraph indexes are not persisted, so shared spans are found within a run.

    Memory: no texts are kept. Per article, its name and a 20-byte digest; per
    indexed paragraph ``bands * 8`` bytes of band table, ``num_perm`` bytes of
    8-bit signature and 8 bytes of owner id (184 bytes with the defaults).
    Past ``max_paragraphs`` the oldest half of the paragraph index is evicted, so
    near-duplicate memory is bounded (wire copy is usually repeated close together).

    >>> d = Deduplicator()
    >>> a = Article(doc_id="x" * 40, name="a.txt", path="a.txt", text="Rebels took Gao.")
    >>> d.check(a) is a
    True
    >>> d.check(a).code
    'S110'
    """

    def __init__(
        self,
        known_doc_ids: Iterable[str] = (),
        *,
        threshold: float = 0.5,
        num_perm: int = 64,
        shingle_words: int = 3,
        min_paragraph_words: int = 12,
        max_paragraphs: int = 1_000_000,
    ) -> None:
        from datasketch import MinHash

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.min_paragraph_words = min_paragraph_words
        self.max_paragraphs = max_paragraphs
        try:
            from datasketch.lsh import _optimal_param

            self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        except ImportError:  # private helper moved: a sensible fixed choice
            self.bands, self.rows = 16, num_perm // 16
        proto = MinHash(num_perm=num_perm, seed=1)
        self._perms, self._scheme = proto.permutations, proto.scheme
        rng = np.random.default_rng(7)
        self._mult = (rng.integers(1, 2**63, size=self.rows, dtype=np.uint64) | 1).astype(np.uint64)
        self._salt = rng.integers(1, 2**63, size=self.bands, dtype=np.uint64)
        self._first: dict[bytes, int] = {}  # sha1 digest -> doc index (-1: stored earlier)
        self._names: list[str] = []
        self._index = _BandIndex()
        self._base = 0  # paragraph id of row 0 of the arrays below
        self._next = 0
        self._sig = np.empty((1024, num_perm), dtype=np.uint8)
        self._owner = np.empty(1024, dtype=np.int64)
        self.add_known(known_doc_ids)

    # -- exact ---------------------------------------------------------------------------

    def add_known(self, doc_ids: Iterable[str]) -> None:
        """Mark doc_ids stored by earlier runs as seen."""
        for doc_id in doc_ids:
            self._first.setdefault(_digest(doc_id), -1)

    def seen(self, doc_id: str) -> bool:
        """True when this doc_id was checked before (in this run or passed as known)."""
        return _digest(doc_id) in self._first

    # -- near ----------------------------------------------------------------------------

    def _paragraphs(self, text: str) -> Iterator[tuple[int, int, list[bytes]]]:
        k = self.shingle_words
        for m in re.finditer(r"[^\n]+", text):
            tokens = _WORD.findall(m.group().lower())
            if len(tokens) < max(self.min_paragraph_words, k):
                continue
            shingles = {" ".join(tokens[i:i + k]).encode() for i in range(len(tokens) - k + 1)}
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            yield start, m.end(), list(shingles)

    def _signature(self, shingles: list[bytes]) -> np.ndarray:
        from datasketch import MinHash

        mh = MinHash(num_perm=self.num_perm, permutations=self._perms, scheme=self._scheme)
        mh.update_batch(shingles)
        return mh.hashvalues.astype(np.uint64)

    def _band_keys(self, hv: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            mixed = (hv[: self.bands * self.rows].reshape(self.bands, self.rows) * self._mult).sum(
                axis=1, dtype=np.uint64) ^ self._salt
            return (mixed >> np.uint64(32)).astype(np.uint32) ^ (
                np.arange(self.bands, dtype=np.uint32) * np.uint32(0x9E3779B1))

    def _store(self, sig8: np.ndarray, owner: int) -> int:
        row = self._next - self._base
        if row >= len(self._owner):
            grow = max(1024, len(self._owner))
            self._sig = np.concatenate([self._sig, np.empty((grow, self.num_perm), np.uint8)])
            self._owner = np.concatenate([self._owner, np.empty(grow, np.int64)])
        self._sig[row] = sig8
        self._owner[row] = owner
        pid = self._next
        self._next += 1
        if self._next - self._base > self.max_paragraphs:
            self._evict()
        return pid

    def _evict(self) -> None:
        cut = self._base + (self._next - self._base) // 2
        live = self._next - cut
        self._sig = self._sig[cut - self._base: cut - self._base + live].copy()
        self._owner = self._owner[cut - self._base: cut - self._base + live].copy()
        self._index.evict_below(cut)
        self._base = cut

    def check(self, article: Article) -> Article | Skip:
        """Skip an exact duplicate; otherwise fill ``shared_spans`` and index the article."""
        digest = _digest(article.doc_id)
        first = self._first.get(digest)
        if first is not None:
            where = ("a document stored by an earlier run" if first < 0
                     else repr(self._names[first]))
            return Skip(path=article.path, stage=STAGE, code=errors.SKIP_DUPLICATE,
                        reason=f"same text as {where} (doc_id {article.doc_id[:12]}); "
                               "processed once.")
        doc_idx = len(self._names)
        self._first[digest] = doc_idx
        self._names.append(article.name)

        spans: list[tuple[int, int, str]] = []
        pending: list[tuple[np.ndarray, np.ndarray]] = []
        for start, end, shingles in self._paragraphs(article.text):
            hv = self._signature(shingles)
            keys = self._band_keys(hv)
            sig8 = (hv & np.uint64(0xFF)).astype(np.uint8)
            best: int | None = None
            for pid in sorted(self._index.query(keys)):
                row = pid - self._base
                if row < 0:
                    continue
                match = float(np.mean(self._sig[row] == sig8))
                jaccard = (match - 1 / 256) / (1 - 1 / 256)  # correct 8-bit collisions
                owner = int(self._owner[row])
                if jaccard >= self.threshold and owner != doc_idx:
                    best = owner if best is None else min(best, owner)
            if best is not None:
                spans.append((start, end, self._names[best]))
            pending.append((keys, sig8))
        for keys, sig8 in pending:  # index after querying: no self-matches
            self._index.add(keys, self._store(sig8, doc_idx))
        return replace(article, shared_spans=tuple(spans)) if spans else article

    @property
    def index_bytes(self) -> int:
        """Approximate bytes held by the paragraph index (for benchmarks)."""
        rows = self._next - self._base
        return self._index.nbytes + rows * (self.num_perm + 8)


def _digest(doc_id: str) -> bytes:
    """20 bytes for a sha1 hex id (half the memory of the string); other ids as given."""
    try:
        return bytes.fromhex(doc_id)
    except ValueError:
        return doc_id.encode()


# --------------------------------------------------------------------------- batch


def iter_articles(
    items: Iterable[RawDocument | Skip],
    *,
    settings: dict[str, Any] | None = None,
    dedupe: Deduplicator | None = None,
) -> Iterator[Article | Skip]:
    """Clean and dedupe a stream; Skips pass through unchanged, in order.

    With ``dedupe=None`` a fresh :class:`Deduplicator` is used for this batch,
    so duplicates within one run are always caught.

    >>> from eventline.ingest import iter_documents
    >>> for item in iter_articles(iter_documents(["corpus/"])):  # doctest: +SKIP
    ...     print(item.name if isinstance(item, Article) else item.reason)
    """
    dedupe = dedupe if dedupe is not None else Deduplicator()
    for item in items:
        if isinstance(item, Skip):
            yield item
            continue
        result = clean_document(item, settings=settings)
        yield dedupe.check(result) if isinstance(result, Article) else result
