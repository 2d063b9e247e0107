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
    assert detail.locator("dd[data-field='actor1']").inner_text() == XSS_PAYLOADS[1]
    assert detail.locator("dd[data-field='actor2']").inner_text() == XSS_PAYLOADS[0]
    assert detail.locator("dd[data-field='location']").inner_text() == "<b>Menaka</b>"
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
    assert page.locator("rect.tl-bar").count() == len(SAMPLE_IDS)
    assert page.locator("#events tbody tr").count() == len(SAMPLE_IDS)
    page.wait_for_timeout(300)  # let failed tiles settle before the picture
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-offline-tiles.png"), full_page=True)
    # a filter narrows the table and the map together
    page.fill("#f-text", "gao")
    assert page.locator("#events tbody tr").count() == 1
    assert page.locator("path.ev-marker").count() == 1
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
    app = create_app(db, tile_url="", who="browser-test")
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
    assert page.locator("#events tbody tr").count() == len(SAMPLE_IDS)  # rejected hidden
    page.fill("#who", "Ana Analyst")
    # edit a field
    page.click("tr[data-event-id='ev-kidal']")
    page.select_option("#edit-field", "fatalities")
    assert page.input_value("#edit-value") == "3"
    page.fill("#edit-value", "42")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.good:has-text('Saved fatalities')")
    assert page.inner_text("#detail dd[data-field='fatalities']") == "42"
    page.wait_for_selector("#detail ul.audit li:has-text('Ana Analyst edit fatalities: 3')")
    row = exported(db)["ev-kidal"]
    assert row["fatalities"] == 42 and row["reviewed"] is True
    # a bad value is refused with the store's reason, and nothing changes
    page.fill("#edit-value", "-3")
    page.click("#btn-save")
    page.wait_for_selector("#review-msg.bad:has-text('cannot be negative')")
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
