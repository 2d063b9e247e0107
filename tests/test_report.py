"""HTML report: self-contained, escaped data, evidence in context, tile settings."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from eventline.models import Source
from eventline.store import Store
from eventline.web import WebError
from eventline.web.report import (
    check_tile_url,
    collect_events,
    json_for_script,
    render_page,
    report_data,
    source_context,
    tile_origin,
    write_report,
)
from eventline.web.sample import SAMPLE_IDS, XSS_PAYLOADS, build_sample_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("report") / "sample.db")


def script_block(page: str, block_id: str) -> str:
    match = re.search(
        rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
    assert match, f"no {block_id} block"
    return match.group(1)


def test_report_is_one_self_contained_file(sample_db: Path, tmp_path: Path) -> None:
    out = write_report(sample_db, tmp_path / "sub" / "report.html", tile_url="")
    assert out == (tmp_path / "sub" / "report.html").resolve() and out.is_file()
    page = out.read_text(encoding="utf-8")
    # Leaflet, our script and the outlines are inlined; nothing is loaded from elsewhere.
    assert 't.version="1.9.4"' in page
    assert "initMap" in page and '"FeatureCollection"' in page
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r'<link[^>]+href=', page)
    assert "cdn" not in page.lower().replace("cdnjs", "")  # no CDN reference at all
    assert not list(tmp_path.glob("sub/*.tmp"))  # written atomically
    data = json.loads(script_block(page, "eventline-data"))
    assert sorted(e["event_id"] for e in data["events"]) == sorted(SAMPLE_IDS)  # rejected left out


def test_hostile_text_never_reaches_the_markup_unescaped(sample_db: Path, tmp_path: Path) -> None:
    page = write_report(sample_db, tmp_path / "r.html", tile_url="").read_text(encoding="utf-8")
    for payload in (*XSS_PAYLOADS, "<svg onload", "<b>Menaka"):
        assert payload not in page
    # ... but it is all there, as data, once the JSON is decoded.
    data = json.loads(script_block(page, "eventline-data"))
    xss = next(e for e in data["events"] if e["event_id"] == "ev-xss")
    assert xss["actor1"] == XSS_PAYLOADS[1] and XSS_PAYLOADS[0] in xss["notes"]
    assert xss["contexts"][0]["quote"].startswith("A statement signed <script>")
    # Only our two nonce'd scripts run; a CSP forbids any other.
    csp = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert page.count(f'<script nonce="{nonce}">') == 2
    assert "connect-src 'none'" in csp and "unsafe-eval" not in csp


@pytest.mark.parametrize("value", [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "a & b > c \u2028 line",
])
def test_json_for_script_escapes_and_round_trips(value: str) -> None:
    text = json_for_script({"v": value, "n": [1, 2.5, None]})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"v": value, "n": [1, 2.5, None]}


def test_json_for_script_refuses_nan() -> None:
    with pytest.raises(ValueError):
        json_for_script({"x": float("nan")})


def _src(quote: str, start: int) -> Source:
    return Source("a.txt", "AFP", None, None, quote, start, start + len(quote))


def test_source_context_marks_the_quote_in_its_text() -> None:
    text = "First sentence here. Rebels seized Kidal on Friday. Then calm returned."
    ctx = source_context(text, _src("Rebels seized Kidal on Friday.", 21))
    assert ctx == {"before": "First sentence here. ", "quote": "Rebels seized Kidal on Friday.",
                   "after": " Then calm returned.", "exact": True}


def test_source_context_trims_long_text_at_word_boundaries() -> None:
    text = "word " * 200 + "THE QUOTE." + " more" * 200
    ctx = source_context(text, _src("THE QUOTE.", 1000), width=50)
    assert ctx["exact"] and ctx["quote"] == "THE QUOTE."
    assert ctx["before"].startswith("\u2026word") and ctx["after"].endswith("more\u2026")
    assert len(ctx["before"]) <= 52 and len(ctx["after"]) <= 52


def test_source_context_with_wrong_offsets_or_no_article() -> None:
    text = "Alpha. Rebels seized Kidal. Omega."
    moved = source_context(text, _src("Rebels seized Kidal.", 0))  # offsets point elsewhere
    assert moved["quote"] == "Rebels seized Kidal." and moved["before"] == "Alpha. "
    assert moved["exact"] is False
    absent = source_context(text, _src("Not in the text.", 3))
    assert absent == {"before": "", "quote": "Not in the text.", "after": "", "exact": False}
    assert source_context(None, _src("Q.", 0))["exact"] is False


def test_records_carry_status_review_and_contexts(sample_db: Path, tmp_path: Path) -> None:
    db = build_sample_db(tmp_path / "s.db")
    with Store(db) as store:
        store.review_set_field("ev-gao", "fatalities", 5, who="ana")
        store.review_confirm("ev-kidal", who="ana")
        records = {r["event_id"]: r for r in collect_events(store, include_rejected=True)}
    assert records["ev-rejected"]["status"] == "rejected"
    assert records["ev-kidal"]["status"] == "confirmed" and records["ev-kidal"]["reviewed"]
    gao = records["ev-gao"]
    assert gao["fatalities"] == 5 and gao["reviewed_fields"] == ["fatalities"]
    assert len(gao["contexts"]) == len(gao["sources"]) == 2
    assert all(c["exact"] for c in gao["contexts"])
    assert "six people were killed" in gao["contexts"][1]["quote"]


def test_report_data_without_events(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        data = report_data(store)
    assert data["events"] == [] and data["db"] == "empty.db"
    page = render_page(data, tile_url="")
    assert "eventline — 0 events" in page


def test_report_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no eventline database"):
        write_report(tmp_path / "missing.db", tmp_path / "r.html", tile_url="")
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)//{z}{x}{y}", "file:///etc/{z}/{x}/{y}",
                                 "https://tiles.example.org/{z}/{x}.png"])
def test_bad_tile_urls_are_refused(url: str) -> None:
    with pytest.raises(WebError) as info:
        check_tile_url(url)
    assert info.value.code == "E011" and "tile_url" in str(info.value)


def test_tile_url_setting_and_csp(sample_db: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert (tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png")
            == "https://*.tile.example.org")
    assert tile_origin("http://127.0.0.1:9/{z}/{x}/{y}.png") == "http://127.0.0.1:9"
    monkeypatch.setenv("EVENTLINE_TILE_URL", "https://maps.example.net/{z}/{x}/{y}.png")
    page = write_report(sample_db, tmp_path / "r.html").read_text(encoding="utf-8")
    config = json.loads(script_block(page, "eventline-config"))
    assert config["tile_url"] == "https://maps.example.net/{z}/{x}/{y}.png"
    assert "img-src data: https://maps.example.net;" in html.unescape(page)
    offline = write_report(sample_db, tmp_path / "o.html", tile_url="").read_text(encoding="utf-8")
    assert json.loads(script_block(offline, "eventline-config"))["tile_url"] == ""
