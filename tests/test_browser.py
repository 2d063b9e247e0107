"""The report and the review UI in a real browser: Debian's chromium, headless, via Playwright.

Never downloads a browser. Without /usr/bin/chromium these tests skip and say how
to install it. Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventline.export import export_events
from eventline.web.app import create_app
from eventline.web.report import write_report
from eventline.web.sample import SAMPLE_IDS, XSS_PAYLOADS, build_sample_db

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
MAPPED = [i for i in SAMPLE_IDS if i != "ev-niamey"]  # the sample's events with coordinates
DATED = [i for i in SAMPLE_IDS if i != "ev-undated"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: the browser tests drive Debian's chromium "
                    "(install it with `apt-get install chromium`; no browser is downloaded).")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Collects dialogs (alerts), page errors and requests leaving this machine."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda req: self.requests.append(req.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def no_injection(page: Any, watch: Watch) -> None:
    """The hostile sample event is on the page as text, and nothing of it ran."""
    page.click("tr[data-event-id='ev-xss']")
    detail = page.locator("#detail")
    # the raw fields are folded away (a closed <details>): read their text
    assert detail.locator("dd[data-field='actor1']").text_content() == XSS_PAYLOADS[1]
    assert detail.locator("dd[data-field='actor2']").text_content() == XSS_PAYLOADS[0]
    assert detail.locator("dd[data-field='location']").text_content() == "<b>Menaka</b>"
    assert XSS_PAYLOADS[1] in detail.locator("dd[data-summary='who']").inner_text()
    assert XSS_PAYLOADS[0] in detail.locator("mark").inner_text()
    page.hover("path.ev-marker[data-event-id='ev-xss']")  # tooltips are built as DOM too
    page.wait_for_timeout(200)
    injected = page.evaluate("""() => ({
        imgs: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
        handlers: document.querySelectorAll('[onerror], [onload]').length,
        scripts: Array.from(document.scripts).filter(s => s.textContent.includes('alert(1)')
                   && s.type !== 'application/json').length,
        bold: document.querySelectorAll('#detail b, .leaflet-tooltip b, td b').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    })""")
    assert injected == {"imgs": 0, "handlers": 0, "scripts": 0, "bold": 0, "jsLinks": 0}
    assert watch.dialogs == [] and watch.errors == []


def test_report_opened_from_disk(page: Any, tmp_path: Path) -> None:
    db = build_sample_db(tmp_path / "sample.db")
    # Tiles from a local port nobody listens on: every tile fails, as offline.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    out = write_report(db, tmp_path / "report.html",
                       tile_url=f"http://127.0.0.1:{dead}/{{z}}/{{x}}/{{y}}.png")
    watch = Watch(page)
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    # the map: one marker per event with coordinates, country outlines under the tiles
    assert page.locator("path.ev-marker").count() == len(MAPPED)
    assert page.locator(".leaflet-outlines-pane path.outline").count() > 100
    assert "1 event has no coordinates" in page.inner_text("#map-note")
    assert page.locator("rect.tl-bar").count() == len(DATED)
    assert page.locator("#events tbody tr").count() == len(DATED)
    # the undated event is listed apart, not lost
    assert page.locator("#undated tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.eventId)") == ["ev-undated"]
    assert "Undated events (1)" in page.inner_text("#undated-title")
    page.wait_for_timeout(300)  # let failed tiles settle before the picture
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-offline-tiles.png"), full_page=True)
    # a filter narrows the table and the map together
    page.fill("#f-text", "gao")
    assert page.locator("#events tbody tr").count() == 1
    assert page.locator("#undated tbody tr").count() == 1  # admin1 Gao
    assert page.locator("path.ev-marker").count() == 2
    page.fill("#f-text", "")
    page.select_option("#f-type", "Strategic developments")
    assert sorted(page.locator("#events tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.eventId)")) == ["ev-niamey", "ev-xss"]
    page.click("#f-clear")
    # sorting by fatalities, largest first
    page.click("th[data-key='fatalities']")
    assert page.locator("#events tbody tr").first.get_attribute("data-event-id") == "ev-gao"
    # evidence in context, with the sentence marked
    page.click("tr[data-event-id='ev-gao']")
    assert page.locator("#detail .source").count() == 2
    assert page.locator("#detail mark").first.inner_text().startswith("Gunmen attacked the market")
    # only the wire that differs says what it says, once
    says = page.locator("#detail p.values").all_inner_texts()
    assert says == ["This source says: fatalities = 6"]
    assert "review" not in page.inner_text("#detail").lower()  # no review actions in a report
    no_injection(page, watch)
    page.screenshot(path=str(ARTIFACTS / "report-xss-event.png"), full_page=True)
    outside = [u for u in watch.requests
               if not u.startswith(("file:", "data:", f"http://127.0.0.1:{dead}/"))]
    assert outside == []


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    import uvicorn

    db = build_sample_db(tmp_path / "sample.db")
    from eventline.gazetteer import load_gazetteer

    # opened before the page: building the test run's gazetteer takes longer than a click waits
    app = create_app(db, tile_url="", who="browser-test", gazetteer=load_gazetteer())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", db
    srv.should_exit = True
    thread.join(timeout=10)


def exported(db: Path) -> dict[str, dict[str, Any]]:
    buffer = io.StringIO()
    export_events(db, "jsonl", buffer)
    return {r["event_id"]: r for r in map(json.loads, buffer.getvalue().splitlines())}


def test_review_ui_edit_confirm_and_xss(page: Any, server: tuple[str, Path]) -> None:
    url, db = server
    watch = Watch(page)
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("path.ev-marker").count() == len(MAPPED)
    assert page.locator("#events tbody tr").count() == len(DATED)  # rejected hidden
    page.fill("#who", "Ana Analyst")
    # edit a field
    page.click("tr[data-event-id='ev-kidal']")
    assert page.evaluate(CLIPPING) == []  # hostile long tokens wrap too, with the detail open
    page.select_option("#edit-field", "fatalities")
    assert page.input_value("#edit-value") == "3"
    page.fill("#edit-value", "42")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.good:has-text('Saved fatalities')")
    assert page.locator("#detail dd[data-field='fatalities']").text_content() == "42"
    assert page.locator("#detail dd[data-field='fatalities_high']").text_content() == "42"
    page.wait_for_selector("#detail ul.audit li:has-text('Ana Analyst edit fatalities: 3')")
    row = exported(db)["ev-kidal"]
    assert row["fatalities"] == 42 and row["reviewed"] is True
    # a bad value is refused with the store's reason, and nothing changes
    page.fill("#edit-value", "-3")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.bad:has-text('must be a number of people killed')")
    assert exported(db)["ev-kidal"]["fatalities"] == 42
    # confirm, then reject another event: it leaves the default view and the export
    page.click("#btn-confirm")
    page.wait_for_selector("#detail .badge.status-confirmed")
    page.click("tr[data-event-id='ev-timbuktu']")
    page.click("#btn-reject")
    page.wait_for_selector("#review-msg.good:has-text('rejected')")
    assert page.locator("tr[data-event-id='ev-timbuktu']").count() == 0
    assert "ev-timbuktu" not in exported(db)
    # split the second source off the Gao event
    page.click("tr[data-event-id='ev-gao']")
    page.locator("#detail .source button.split").nth(1).click()
    page.wait_for_selector("#review-msg.good:has-text('ev-gao-s1')")
    assert [s["doc"] for s in exported(db)["ev-gao-s1"]["sources"]] == ["gao-wire.txt"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-ui.png"), full_page=True)
    no_injection(page, watch)


# --------------------------------------------------------------------------- layout at real widths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
WIDTHS = (1024, 1400)


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example corpus through the pipeline, and its report (offline: no tiles)."""
    from eventline.pipeline import run

    folder = tmp_path_factory.mktemp("example")
    db = folder / "example.db"
    run([EXAMPLES], manifest=EXAMPLES / "manifest.csv", db=db)
    return db, write_report(db, folder / "report.html", tile_url="")


CLIPPING = """() => {
  const panel = document.querySelector('.table-panel').getBoundingClientRect();
  const out = [];
  for (const cell of document.querySelectorAll('#events th, #events td, #undated th, #undated td')) {
    if (!cell.offsetParent) continue;            // hidden table (no undated events)
    const r = cell.getBoundingClientRect();
    if (r.right > panel.right + 0.5 || r.left < panel.left - 0.5)
      out.push(cell.tagName + ' ' + (cell.dataset.key || cell.textContent.slice(0, 20)));
  }
  for (const id of ['events', 'undated']) {
    const t = document.getElementById(id);
    if (t.offsetParent && t.scrollWidth > t.parentElement.clientWidth + 0.5) out.push(id + ' wider than its panel');
  }
  return out;
}"""

UNREACHABLE = """() => {
  // every row can be brought into view and is the element under its own centre
  const out = [];
  for (const tr of document.querySelectorAll('#events tbody tr, #undated tbody tr')) {
    tr.scrollIntoView({block: 'center'});
    const r = tr.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || hit.closest('tr') !== tr) out.push(tr.dataset.eventId);
  }
  window.scrollTo(0, 0);
  return out;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_table_is_never_clipped_and_every_row_is_reachable(
        browser: Any, example_report: tuple[Path, Path], width: int) -> None:
    from eventline.store import Store

    db, report = example_report
    with Store(db, readonly=True) as store:
        ids = sorted(e.event_id for e in store.iter_events())
    assert len(ids) >= 10
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    rows = page.locator("#events tbody tr, #undated tbody tr")
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.eventId)")) == ids
    headers = page.locator("#events th").all_inner_texts()
    assert [h.replace("\n", " ").rstrip(" \u25b2\u25bc") for h in headers][-3:] == \
        ["Sources", "Confidence", "Review"]
    assert page.evaluate(CLIPPING) == []
    # not a fixed-height box: the panel holds all its rows, the page scrolls
    assert page.evaluate("""() => { const p = document.querySelector('.table-panel');
        return p.scrollHeight <= p.clientHeight + 1 && getComputedStyle(p).overflowY === 'visible'; }""")
    assert page.evaluate(UNREACHABLE) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{width}.png"), full_page=True)
    # with an event open, the detail takes room but still no column is cut
    page.locator("#events tbody tr").nth(2).click()
    page.wait_for_selector("#detail:not([hidden])")
    assert page.evaluate(CLIPPING) == []
    assert page.evaluate(UNREACHABLE) == []
    page.locator("#events tbody tr").nth(2).click()
    page.screenshot(path=str(ARTIFACTS / f"report-{width}-detail.png"), full_page=False)
    # printed: every row is there, on the page, not cut to a box
    page.emulate_media(media="print")
    assert page.evaluate("""() => Array.from(document.querySelectorAll('#events tbody tr'))
        .every(tr => tr.getBoundingClientRect().height > 0)""")
    assert page.evaluate("() => document.querySelector('.table-panel').scrollHeight"
                         " <= document.querySelector('.table-panel').clientHeight + 1")
    assert watch.errors == []
    context.close()


def test_report_at_1920_for_the_eye(browser: Any, example_report: tuple[Path, Path]) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(example_report[1].as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate(CLIPPING) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-1920.png"), full_page=True)
    context.close()


def test_map_labels_clusters_and_size_legend(page: Any, example_report: tuple[Path, Path]) -> None:
    db, report = example_report
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    # place names from the events, country names from the outlines: readable offline
    labels = page.locator(".place-label").all_inner_texts()
    assert "Gao" in labels and "Kidal" in labels
    assert len(labels) == len(set(labels))  # one label per place, not per event
    assert "Mali" in page.locator(".country-label").all_text_contents()
    legend = page.inner_text("#size-legend")
    assert "Killed" in legend and "50" in legend
    # the events at Gao are one cluster with their count; a click spreads them out
    gao = page.evaluate("""() => { const d = JSON.parse(document.getElementById('eventline-data').textContent);
        return d.events.filter(e => e.location === 'Gao').length; }""")
    assert gao >= 3
    cluster = page.locator(f".ev-cluster[data-count='{gao}']")
    assert cluster.count() == 1 and cluster.inner_text() == str(gao)
    before = page.locator("path.ev-marker").count()
    cluster.click()
    page.wait_for_timeout(200)
    assert page.locator("path.ev-marker").count() == before + gao
    page.screenshot(path=str(ARTIFACTS / "map-cluster-open.png"))


def test_charts_filter_the_table(page: Any, example_report: tuple[Path, Path]) -> None:
    page.goto(example_report[1].as_uri())
    page.wait_for_selector("body[data-ready='1']")
    total = page.locator("#events tbody tr, #undated tbody tr").count()
    assert page.locator("rect.fatal-bar").count() >= 2
    # readable axes: several y ticks, and no x label runs past the chart
    assert page.locator("#timeline text.y-tick").count() >= 3
    assert page.evaluate("""() => Array.from(document.querySelectorAll('svg.timeline-svg')).every(svg => {
        const box = svg.getBoundingClientRect();
        return Array.from(svg.querySelectorAll('text')).every(t => {
          const r = t.getBoundingClientRect(); return r.left >= box.left - 0.5 && r.right <= box.right + 0.5; }); })""")
    for chart, select in (("#chart-admin1", "#f-admin1"), ("#chart-actor", "#f-actor"),
                          ("#chart-sub", "#f-sub")):
        bar = page.locator(f"{chart} .bar-row").first
        value, n = bar.get_attribute("data-value"), int(bar.locator(".bar-n").inner_text())
        bar.click()
        assert page.input_value(select) == value
        assert page.locator("#events tbody tr, #undated tbody tr").count() == n < total
        page.locator(f"{chart} .bar-row.active").click()  # a second click lifts the filter
        assert page.locator("#events tbody tr, #undated tbody tr").count() == total


def test_detail_leads_with_the_event_and_counts_articles(page: Any, tmp_path: Path) -> None:
    db = build_sample_db(tmp_path / "sample.db")
    out = write_report(db, tmp_path / "report.html", tile_url="")
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    page.click("tr[data-event-id='ev-timbuktu']")
    detail = page.locator("#detail")
    order = detail.locator("dl.summary-fields dt").all_inner_texts()
    assert order == ["What", "Where", "When", "Who", "Killed", "How sure"]
    assert detail.locator("dd[data-summary='what']").inner_text() == "Protests \u2014 Peaceful protest"
    assert "Timbuktu" in detail.locator("dd[data-summary='where']").inner_text()
    assert detail.locator("dd[data-summary='killed']").inner_text() == "none reported"
    # three sentences, but two articles from two outlets; the sentences sit under their article
    assert detail.locator("#evidence-title").inner_text() == \
        "Evidence: 2 articles from 2 outlets, 3 sentences"
    wiki = detail.locator(".source[data-doc='timbuktu-wiki.txt']")
    assert wiki.locator(".sentence").count() == 2
    text = detail.inner_text()
    assert "==" not in text and "'''" not in text and "History" in text  # markup as words
    assert detail.locator("p.values").count() == 0  # every source agrees with the event
    # the raw fields are there, folded
    assert detail.locator("details.raw").get_attribute("open") is None
    assert detail.locator("details.raw dd[data-field='fatalities_low']").count() == 1
    detail.screenshot(path=str(ARTIFACTS / "report-detail-wiki.png"))


# --------------------------------------------------------------------------- review in the browser


def saved(page: Any) -> None:
    page.wait_for_selector("#review-msg.good:has-text('Saved')")


def test_review_carry_throughs_in_the_browser(page: Any, server: tuple[str, Path]) -> None:
    url, db = server
    watch = Watch(page)
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#who", "Ana Analyst")
    page.click("tr[data-event-id='ev-kidal']")
    # location: search the gazetteer, pick a place; coordinates and region follow
    page.select_option("#edit-field", "location")
    page.fill("#edit-value", "Timbuktu")
    option = page.locator("#place-results .place-option").first
    option.wait_for()
    assert "Mali" in option.inner_text()
    option.click()
    saved(page)
    row = exported(db)["ev-kidal"]
    assert row["location"] == "Timbuktu" and abs(row["latitude"] - 16.77) < 0.1
    assert row["admin1"] != "Kidal" and row["geo_precision"] == 1
    assert "Timbuktu" in page.inner_text("#detail dd[data-summary='where']")
    # fatalities: a range sets low/best/high
    page.select_option("#edit-field", "fatalities")
    page.fill("#edit-value", "4-6")
    page.click("#btn-save")
    saved(page)
    row = exported(db)["ev-kidal"]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (4, 4, 6)
    assert "reports say 4 to 6" in page.inner_text("#detail dd[data-summary='killed']")
    # sub-event type: a list of ACLED's; the event type and the notes follow
    page.click("tr[data-event-id='ev-timbuktu']")
    page.select_option("#edit-field", "sub_event_type")
    page.select_option("#edit-value", "Mob violence")
    page.click("#btn-save")
    saved(page)
    row = exported(db)["ev-timbuktu"]
    assert row["event_type"] == "Riots" and row["notes"].startswith("Mob violence. ")
    page.locator("#detail").screenshot(path=str(ARTIFACTS / "review-carry-through.png"))
    assert watch.errors == []


def test_review_validation_in_the_browser(page: Any, server: tuple[str, Path]) -> None:
    url, db = server
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#who", "Ana Analyst")
    page.click("tr[data-event-id='ev-timbuktu']")
    # actor names are offered from the dictionary
    page.select_option("#edit-field", "actor1")
    page.wait_for_function("() => document.querySelectorAll('#actor-names option').length > 20")
    offered = page.locator("#actor-names option").evaluate_all("os => os.map(o => o.value)")
    assert "Protesters (Mali)" in offered and "Ansar Dine" in offered
    # an unknown actor is flagged, with the likely name offered, and asked about
    page.fill("#edit-value", "Protestors (Mali)")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.bad:has-text('in no actor dictionary')")
    assert page.locator("#review-msg button.suggestion", has_text="Protesters (Mali)").count() == 1
    page.screenshot(path=str(ARTIFACTS / "review-unknown-actor.png"), full_page=False)
    page.click("#btn-anyway")
    page.wait_for_selector("#review-msg.good:has-text('set inter1 by hand')")
    assert exported(db)["ev-timbuktu"]["inter1"] is None
    # an unknown country is refused, in words for a person
    page.select_option("#edit-field", "country")
    page.fill("#edit-value", "Narnia")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.bad:has-text(\"There is no country called 'Narnia'\")")
    page.select_option("#edit-field", "fatalities")
    page.fill("#edit-value", "many")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.bad:has-text('or a range such as 4-6')")
    assert "invalid literal" not in page.inner_text("#review-msg")
    assert exported(db)["ev-timbuktu"]["country"] == "Mali"
    # a merge of a protest into a battle six days apart: warned, asked, then done
    page.click("tr[data-event-id='ev-kidal']")
    page.fill("#merge-id", "ev-timbuktu")
    page.click("#btn-merge")
    page.wait_for_selector("#review-msg.bad:has-text('two different incidents')")
    assert "ev-timbuktu" in exported(db)
    page.click("#btn-anyway")
    page.wait_for_selector("#review-msg.good:has-text('Merged')")
    assert "ev-timbuktu" not in exported(db)


def test_review_queue_keys_bulk_confirm_and_exports(page: Any, server: tuple[str, Path]) -> None:
    url, db = server
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#who", "Ana Analyst")
    page.check("#f-queue")
    order = page.locator("#events tbody tr, #undated tbody tr").evaluate_all(
        "rs => rs.map(r => r.dataset.eventId)")
    # one list, most in need first: unsure and undated, then unsure, then disagreeing sources
    assert order[:2] == ["ev-undated", "ev-xss"]
    assert page.locator("#undated tbody tr").count() == 0
    assert "ev-kidal" not in order  # sure, placed, an actor: nothing for a person to do
    assert "low confidence" in page.inner_text("tr[data-event-id='ev-xss']")
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=False)
    # keyboard: j selects the first, c confirms it and moves on, x rejects
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("j")
    assert page.get_attribute("tr.selected", "data-event-id") == order[0]
    page.keyboard.press("c")
    page.wait_for_selector("#review-msg.good:has-text('confirmed')")
    assert exported(db)[order[0]]["reviewed"] is True
    assert page.get_attribute("tr.selected", "data-event-id") == order[1]
    page.keyboard.press("x")
    page.wait_for_selector("#review-msg.good:has-text('rejected')")
    assert order[1] not in exported(db)
    # bulk: confirm the filtered set (two clicks, so it is meant)
    page.uncheck("#f-queue")
    page.select_option("#f-admin1", "Gao")
    todo = [r for r in page.locator("#events tbody tr, #undated tbody tr").evaluate_all(
        "rs => rs.map(r => r.dataset.eventId)")]
    page.click("#bulk-confirm")
    assert "Click again" in page.inner_text("#bulk-confirm")
    page.click("#bulk-confirm")
    page.wait_for_selector("#review-msg.good:has-text('Confirmed')")
    with_status = exported(db)
    assert all(with_status[i]["reviewed"] for i in todo)
    assert sorted(todo) == ["ev-gao", "ev-undated"]
    assert with_status["ev-kidal"]["reviewed"] is False  # Kidal was filtered out
    # exports from the page
    for link, check in (("#export-csv", "event_id_cnty"), ("#export-geojson", "FeatureCollection")):
        href = page.get_attribute(link, "href")
        body = page.evaluate("h => fetch(h).then(r => r.text())", href)
        assert check in body
