"""The example corpus used by `make demo`: well-formed, and written in our own words.

The reports in examples/corpus describe real events of the 2012-13 Mali
conflict that the shared development articles also cover. The facts may carry
over; the sentences must not. The copy checks compare every report with the
shared articles (skipped when ../shared is absent).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = EXAMPLES / "corpus"
MANIFEST = CORPUS / "manifest.csv"
MANIFEST_COLUMNS = ["file", "source", "published", "url", "language"]
SHINGLE = 8  # words; a shared run this long means a phrase was copied


class _TextOf(HTMLParser):
    """Collect the text a reader sees, optionally only inside one element.

    Example:
        >>> p = _TextOf(only="article"); p.feed("<nav>Home</nav><article><p>Hi</p></article>")
        >>> p.text().strip()
        'Hi'
    """

    _HIDDEN = {"script", "style", "noscript", "template"}

    def __init__(self, only: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.only = only
        self._inside = 0 if only else 1
        self._hidden = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif self.only and tag == self.only:
            self._inside += 1
        if tag in {"p", "li", "h1", "h2", "h3", "div", "br", "title"}:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden -= 1
        elif self.only and tag == self.only:
            self._inside -= 1
        if tag in {"p", "li", "h1", "h2", "h3", "div", "title"}:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._inside > 0 and self._hidden == 0:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)


def _html_text(html: str, only: str | None = None) -> str:
    parser = _TextOf(only)
    parser.feed(html)
    parser.close()
    return parser.text()


def _words(text: str) -> list[str]:
    """Lower-cased word tokens, so punctuation and spacing cannot hide a copy."""
    return re.findall(r"[a-z0-9]+", text.lower())


def _manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _jsonl_records() -> list[tuple[str, dict]]:
    records = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                records.append((f"{path.name}#{n}", json.loads(line)))
    return records


def _reports() -> list[tuple[str, str]]:
    """(name, body text) of every report: whole .txt, <article> of .html, jsonl records."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out.append((path.name, path.read_text(encoding="utf-8")))
    for path in sorted(CORPUS.glob("*.html")):
        out.append((path.name, _html_text(path.read_text(encoding="utf-8"), only="article")))
    for name, rec in _jsonl_records():
        out.append((name, rec.get("text") or _html_text(rec.get("html", ""))))
    return out


def _all_visible_text() -> list[tuple[str, str]]:
    """Like _reports, but HTML pages whole (furniture included) for the copy checks."""
    out = [(n, t) for n, t in _reports() if not n.endswith(".html")]
    for path in sorted(CORPUS.glob("*.html")):
        out.append((path.name, _html_text(path.read_text(encoding="utf-8"))))
    return out


# --------------------------------------------------------------------------- form


def test_manifest_parses_and_names_every_file() -> None:
    rows = _manifest_rows()
    assert rows, "manifest.csv has no rows"
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == MANIFEST_COLUMNS
    for row in rows:
        assert (CORPUS / row["file"]).is_file(), f"manifest names a missing file: {row['file']}"
        dt.date.fromisoformat(row["published"])
        assert row["source"].strip()
        assert row["url"].startswith("https://")
        assert row["language"] == "en"
    listed = [row["file"] for row in rows]
    on_disk = sorted(p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})
    assert sorted(listed) == on_disk, "every .txt/.html file is listed exactly once"
    # The JSONL file carries its own metadata and is deliberately not in the manifest.
    assert not any(name.endswith(".jsonl") for name in listed)


def test_formats_users_bring_are_all_present() -> None:
    assert len(list(CORPUS.glob("*.txt"))) >= 2
    assert len(list(CORPUS.glob("*.html"))) >= 2
    assert len(list(CORPUS.glob("*.jsonl"))) == 1
    assert 6 <= len(_reports()) <= 8


def test_jsonl_records_have_body_and_metadata() -> None:
    records = _jsonl_records()
    assert 2 <= len(records) <= 3
    assert any("html" in rec for _, rec in records), "one record should carry HTML"
    for name, rec in records:
        body = rec.get("text") or rec.get("html")
        assert isinstance(body, str) and body.strip(), f"{name} has no text or html"
        for key in ("title", "url", "source", "published"):
            assert rec.get(key), f"{name} lacks {key}"
        dt.date.fromisoformat(rec["published"])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.html")), ids=lambda p: p.name)
def test_html_pages_carry_page_furniture(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    lower = html.lower()
    assert "skip to main content" in lower
    assert "<nav" in lower and "<footer" in lower and "<script" in lower
    assert "cookie" in lower
    outside = re.sub(r"(?is)<article.*?</article>", "", html)
    assert re.search(r"donat|support us|support [a-z ]*wire|give once", _html_text(outside).lower()), \
        "a donation appeal outside the article"
    teasers = re.findall(r"(?is)<li>\s*<a [^>]*>[^<]{20,}</a>", outside)
    assert len(teasers) >= 3, "a related-stories list of headline links outside the article"
    assert _html_text(html, only="article").strip(), "the story sits in an <article> element"


def test_one_page_dates_itself_with_published_time_meta() -> None:
    dates = {row["file"]: row["published"] for row in _manifest_rows()}
    found = []
    for path in CORPUS.glob("*.html"):
        m = re.search(r'property="article:published_time"\s+content="([^"]+)"',
                      path.read_text(encoding="utf-8"))
        if m:
            found.append(path.name)
            assert m.group(1)[:10] == dates[path.name], "meta and manifest disagree"
    assert found


@pytest.mark.parametrize("name,body", _reports(), ids=[n for n, _ in _reports()])
def test_reports_are_short_news_copy(name: str, body: str) -> None:
    n = len(body.split())
    assert 120 <= n <= 350, f"{name} has {n} words"


def test_one_event_is_reported_by_two_outlets() -> None:
    """The demo shows fusion: the fall of Kidal comes from two different sources."""
    sources = {row["file"]: row["source"] for row in _manifest_rows()}
    reporting = {sources[n] for n, body in _reports() if n in sources and "Kidal" in body}
    assert len(reporting) >= 2


def test_readme_describes_every_file() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in CORPUS.iterdir():
        assert path.name in readme, f"examples/README.md does not mention {path.name}"


# --------------------------------------------------------------------------- own words


@pytest.fixture(scope="module")
def shared_words(mali_corpus: Path) -> list[list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(mali_corpus.glob("*.txt"))]
    assert texts, f"no articles in {mali_corpus}"
    return [_words(t) for t in texts]


def test_no_sentence_is_copied_from_the_shared_articles(shared_words: list[list[str]]) -> None:
    haystacks = [" " + " ".join(w) + " " for w in shared_words]
    copied = []
    for name, text in _all_visible_text():
        for sentence in re.split(r"[.!?]+", text):
            words = _words(sentence)
            if len(words) >= SHINGLE:
                needle = " " + " ".join(words) + " "
                if any(needle in h for h in haystacks):
                    copied.append(f"{name}: {sentence.strip()}")
    assert not copied, "sentences copied from the shared articles:\n" + "\n".join(copied)


def test_no_eight_word_phrase_is_shared(shared_words: list[list[str]]) -> None:
    shared = {tuple(w[i:i + SHINGLE]) for w in shared_words for i in range(len(w) - SHINGLE + 1)}
    hits = []
    for name, text in _all_visible_text():
        words = _words(text)
        for i in range(len(words) - SHINGLE + 1):
            if tuple(words[i:i + SHINGLE]) in shared:
                hits.append(f"{name}: {' '.join(words[i:i + SHINGLE])}")
    assert not hits, "phrases shared with the shared articles:\n" + "\n".join(hits)
