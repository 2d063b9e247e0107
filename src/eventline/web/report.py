"""The HTML report: one self-contained file with a map, a timeline, a table and the evidence.

The page is the same for the report and the review UI (:mod:`eventline.web.app`);
only the way assets arrive differs: the report inlines Leaflet, the country
outlines and our script (so it works opened from disk, with no server and no
network), the UI links them from ``/static/``.

Safety: article text and every event field are untrusted. Data goes into the
page only as JSON inside ``<script type="application/json">`` blocks, with
``<``, ``>`` and ``&`` written as ``\\u003c`` etc. so no value can close the block;
the page's script reads it with ``JSON.parse`` and builds the DOM with
``textContent``. A Content-Security-Policy allows only our own scripts.

Example::

    from eventline.web.report import write_report
    path = write_report("eventline.db", "report.html", tile_url="")  # outlines only
    print(path)
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import secrets
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..models import EVENT_TYPES, Event, Source
from ..settings import load_settings
from ..store import Store
from . import WebError

__all__ = [
    "CONTEXT_CHARS",
    "STATIC_DIR",
    "check_tile_url",
    "collect_events",
    "json_for_script",
    "render_page",
    "report_data",
    "source_context",
    "tile_origin",
    "write_report",
]

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Characters of article text shown on each side of an evidence sentence.
CONTEXT_CHARS = 280

# Characters that could end a <script> block or start an HTML comment, plus the two
# line separators old JavaScript parsers choke on: written as JSON \u escapes.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_for_script(value: Any) -> str:
    """JSON text safe to place inside ``<script type="application/json">``.

    Example::

        >>> json_for_script({"q": "</script><b>"})
        '{"q": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


@lru_cache(maxsize=8)
def _static_text(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- tiles


def check_tile_url(tile_url: str | None) -> str:
    """Validate a tile URL template; ``""`` (or None) means no tiles, outlines only.

    Example: ``check_tile_url("https://tile.openstreetmap.org/{z}/{x}/{y}.png")``.
    """
    if not tile_url:
        return ""
    parts = urlsplit(tile_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise WebError(
            f"The tile URL {tile_url!r} is not an http(s) URL.",
            "Set tile_url to a template like https://tile.openstreetmap.org/{z}/{x}/{y}.png, "
            "or to an empty string for country outlines only.",
        )
    missing = [v for v in ("{z}", "{x}", "{y}") if v not in tile_url]
    if missing:
        raise WebError(
            f"The tile URL {tile_url!r} lacks {', '.join(missing)}.",
            "Set tile_url to a template with {z}, {x} and {y} placeholders.",
        )
    return tile_url


def tile_origin(tile_url: str) -> str:
    """The CSP source for a tile URL: ``https://*.tile.example.org`` for ``{s}`` hosts.

    Example: ``tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png")``
    -> ``"https://*.tile.example.org"``.
    """
    if not tile_url:
        return ""
    parts = urlsplit(tile_url)
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[4:]
    if "{" in host or "}" in host:
        return f"{parts.scheme}:"  # any host on that scheme: the template is too loose to pin
    return f"{parts.scheme}://{host}"


def _tile_attribution(tile_url: str) -> str:
    # Only fixed strings of ours reach Leaflet's attribution control (it uses innerHTML).
    if "openstreetmap.org" in tile_url:
        return "Map tiles \u00a9 OpenStreetMap contributors"
    return ""


# --------------------------------------------------------------------------- data


def source_context(
    text: str | None, source: Source, *, width: int = CONTEXT_CHARS
) -> dict[str, Any]:
    """The evidence sentence with up to ``width`` characters of article text each side.

    Returns ``{"before", "quote", "after", "exact"}``; ``exact`` is False when the
    article is not stored or its text at ``[start:end]`` is not the quote (then the
    quote is located by search, or shown alone).

    Example::

        >>> s = Source("a.txt", None, None, None, "Rebels took Kidal.", 4, 22)
        >>> source_context("Yes. Rebels took Kidal. No.", s)["after"]
        ' No.'
    """
    start, end = source.start, source.end
    exact = True
    if text is None:
        return {"before": "", "quote": source.quote, "after": "", "exact": False}
    if not (0 <= start <= end <= len(text)) or text[start:end] != source.quote:
        exact = False
        found = text.find(source.quote) if source.quote else -1
        if found < 0:
            return {"before": "", "quote": source.quote, "after": "", "exact": False}
        start, end = found, found + len(source.quote)
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    # Cut at whitespace so the context does not start or end in the middle of a word.
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    before = ("\u2026" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("\u2026" if hi < len(text) else "")
    return {"before": before, "quote": text[start:end], "after": after, "exact": exact}


def _finite(value: Any) -> Any:
    # JSON has no NaN/Infinity; a broken coordinate must not break the whole page.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _event_record(event: Event, status: str, reviewed_fields: list[str],
                  text_of: Callable[[str], str | None]) -> dict[str, Any]:
    record = event.to_dict()
    for key in ("latitude", "longitude", "confidence"):
        record[key] = _finite(record[key])
    if record["confidence"] is None:
        record["confidence"] = 0.0
    record["status"] = status
    record["reviewed_fields"] = reviewed_fields
    record["contexts"] = [source_context(text_of(s.doc), s) for s in event.sources]
    return record


def collect_events(store: Store, *, include_rejected: bool = False) -> list[dict[str, Any]]:
    """Every event as the page's record: ``Event.to_dict()`` plus status, reviewed
    fields and each source's evidence in context (``contexts``, parallel to ``sources``).

    Example: ``collect_events(Store("eventline.db", readonly=True))[0]["contexts"][0]["quote"]``.
    """
    text_of = lru_cache(maxsize=64)(store.document_text)
    out = []
    for event, status in store.iter_events_with_status(include_rejected=include_rejected):
        out.append(_event_record(event, status, store.reviewed_fields(event.event_id), text_of))
    return out


def event_record(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event's page record (rejected or not), or None when there is no such event."""
    event = store.get_event(event_id)
    if event is None:
        return None
    return _event_record(event, store.event_status(event_id) or "new",
                         store.reviewed_fields(event_id), store.document_text)


def report_data(store: Store, *, include_rejected: bool = False) -> dict[str, Any]:
    """The page's data block: events, generation time, database name, taxonomy.

    Example: ``report_data(store)["events"]``.
    """
    return {
        "events": collect_events(store, include_rejected=include_rejected),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "db": store.path.name,
        "event_types": {k: list(v) for k, v in EVENT_TYPES.items()},
    }


# --------------------------------------------------------------------------- page

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{csp_meta}<meta name="referrer" content="no-referrer">
<title>{title}</title>
{styles}
</head>
<body class="mode-{mode}">
<header class="top">
  <h1>eventline <span class="sub">{heading}</span></h1>
  <div id="summary" class="summary"></div>
  <div id="review-bar" class="review-bar" hidden>
    <label>Your name <input id="who" type="text" maxlength="80" autocomplete="name"></label>
    <label id="token-label" hidden>Token
      <input id="token" type="password" autocomplete="off"></label>
    <a id="export-link" href="/api/export.jsonl" download="events.jsonl">Export JSONL</a>
    <span id="mode-note" class="note"></span>
  </div>
</header>
<main>
  <section class="panel map-panel" aria-label="Map of events">
    <div id="map"></div>
    <p id="map-note" class="note"></p>
  </section>
  <section class="panel timeline-panel" aria-label="Timeline">
    <h2 id="timeline-title">Events per day</h2>
    <div id="timeline"></div>
    <div id="legend" class="legend"></div>
  </section>
  <section class="panel filters" aria-label="Filters">
    <input id="f-text" type="search" aria-label="Search"
           placeholder="Search actors, places, notes, quotes">
    <select id="f-type" aria-label="Event type"><option value="">All event types</option></select>
    <select id="f-country" aria-label="Country"><option value="">All countries</option></select>
    <label>From <input id="f-from" type="date"></label>
    <label>To <input id="f-to" type="date"></label>
    <select id="f-status" aria-label="Review status">
      <option value="active">Not rejected</option>
      <option value="new">Not reviewed</option>
      <option value="confirmed">Confirmed</option>
      <option value="reviewed">Reviewed (confirmed or edited)</option>
      <option value="rejected">Rejected</option>
      <option value="all">All</option>
    </select>
    <label><input id="f-disagree" type="checkbox"> Sources disagree</label>
    <button id="f-clear" type="button">Clear filters</button>
    <span id="count" class="count" role="status"></span>
  </section>
  <div class="lower">
    <section class="panel table-panel" aria-label="Events">
      <table id="events">
        <thead><tr></tr></thead>
        <tbody></tbody>
      </table>
    </section>
    <section id="detail" class="panel detail" aria-label="Event detail" hidden></section>
  </div>
</main>
<script type="application/json" id="eventline-config">{config_json}</script>
<script type="application/json" id="eventline-data">{data_json}</script>
<script type="application/json" id="eventline-countries">{countries_json}</script>
{scripts}
</body>
</html>
"""


def render_page(
    data: dict[str, Any],
    *,
    tile_url: str = "",
    mode: str = "report",
    csrf_token: str | None = None,
    token_required: bool = False,
    read_only: bool = False,
    default_who: str = "",
) -> str:
    """The HTML page for ``data`` (from :func:`report_data`).

    ``mode="report"`` inlines every asset under a nonce-based CSP meta tag;
    ``mode="review"`` links ``/static/`` assets (the app sends the CSP header) and
    turns on the review actions, which send ``csrf_token`` with every write.

    Example: ``render_page(report_data(store), tile_url="")``.
    """
    if mode not in {"report", "review"}:
        raise ValueError(f"mode must be 'report' or 'review', not {mode!r}")
    tile_url = check_tile_url(tile_url)
    config = {
        "mode": mode,
        "tile_url": tile_url,
        "tile_attribution": _tile_attribution(tile_url),
        "csrf_token": csrf_token or "",
        "token_required": token_required,
        "read_only": read_only or mode == "report",
        "default_who": default_who,
    }
    n = len(data.get("events", ()))
    title = f"eventline — {n} event{'s' if n != 1 else ''} — {data.get('db', '')}"
    if mode == "report":
        nonce = secrets.token_urlsafe(16)
        origin = tile_origin(tile_url)
        img_src = "data:" + (f" {origin}" if origin else "")
        csp = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
            f"img-src {img_src}; connect-src 'none'; font-src 'none'; base-uri 'none'; "
            "form-action 'none'"
        )
        csp_meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n'
        styles = (f"<style>{_static_text('leaflet.css')}</style>\n"
                  f"<style>{_static_text('eventline.css')}</style>")
        scripts = (f'<script nonce="{nonce}">{_static_text("leaflet.js")}</script>\n'
                   f'<script nonce="{nonce}">{_static_text("eventline.js")}</script>')
        heading = f"report, generated {data.get('generated_at', '')}"
    else:
        csp_meta = ""
        styles = ('<link rel="stylesheet" href="/static/leaflet.css">\n'
                  '<link rel="stylesheet" href="/static/eventline.css">')
        scripts = ('<script src="/static/leaflet.js"></script>\n'
                   '<script src="/static/eventline.js"></script>')
        heading = "review" + (" (read-only)" if read_only else "")
    return _PAGE.format(
        csp_meta=csp_meta,
        title=html.escape(title),
        heading=html.escape(heading),
        mode=mode,
        styles=styles,
        scripts=scripts,
        config_json=json_for_script(config),
        data_json=json_for_script(data),
        # our own vendored file, but it goes through the same escaping all the same
        countries_json=_static_text("countries-110m.geojson").translate(_SCRIPT_ESCAPES),
    )


def write_report(
    db: str | Path,
    out: str | Path,
    *,
    tile_url: str | None = None,
    include_rejected: bool = False,
) -> Path:
    """Write the self-contained HTML report of ``db`` to ``out``; return its path.

    ``tile_url``: map tile URL template; None takes the ``tile_url`` setting, ``""``
    draws country outlines only (no network needed to read the map).
    Rejected events are left out unless ``include_rejected``.

    Example::

        path = write_report("eventline.db", "report.html")
        print(f"open {path}")
    """
    from ..export import refuse_overwrite

    refuse_overwrite(out, [db], "report")
    if tile_url is None:
        tile_url = load_settings()["tile_url"]
    tile_url = check_tile_url(tile_url)  # fail before reading the database
    with Store(db, readonly=True) as store:
        data = report_data(store, include_rejected=include_rejected)
    page = render_page(data, tile_url=tile_url, mode="report")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a browser never opens half a report.
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(out)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written .tmp behind
        if isinstance(exc, OSError):
            raise WebError(f"The report could not be written to {out}: "
                           f"{exc.strerror or exc}. Nothing was left behind.",
                           "Free some disk space or choose another --out.") from exc
        raise
    return out.resolve()
