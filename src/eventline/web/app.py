"""The local review UI: the report's page plus review actions, served by FastAPI.

Analysts confirm, reject, edit any field, merge two events and split a source
off an event. Every change goes through the store's ``review_*`` methods, so it
is audited (who, when, old, new), survives pipeline re-runs and shows in exports
(``reviewed``).

Safety, by design:

- Binds to 127.0.0.1 by default; :func:`serve` refuses any other address
  without a token (``--token`` or ``EVENTLINE_TOKEN``).
- Writes are POST with a JSON body only, and need the per-process CSRF token
  embedded in the page (header ``X-CSRF-Token``), the access token when one is
  set (header ``X-Eventline-Token``), and a same-origin ``Origin`` when the
  browser sends one. Custom headers cannot be sent cross-site without a CORS
  preflight, which this app never grants.
- On loopback, requests whose ``Host`` is not a loopback name are refused, so a
  DNS-rebinding page cannot read or write through the user's browser.
- ``read_only=True`` answers every write with 403.
- Query and body parameters are typed (pydantic); ids must match
  :data:`EVENT_ID_PATTERN`; the store builds no SQL from strings.
- Static files come from a fixed list in the package's ``static`` folder; no
  path parameter ever touches the filesystem.

Example::

    from eventline.web.app import create_app, serve
    app = create_app("eventline.db", token=None, read_only=False)   # for uvicorn / tests
    serve("eventline.db", host="127.0.0.1", port=8000)              # blocks
"""

from __future__ import annotations

import getpass
import io
import ipaddress
import json
import math
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .. import review
from ..errors import StoreError
from ..export import export_events
from ..settings import load_settings
from ..store import ORDER_BY, REVIEWABLE_FIELDS, Store
from . import WebError
from .report import STATIC_DIR, check_tile_url, event_record, render_page, report_data, tile_origin

__all__ = [
    "EVENT_ID_PATTERN",
    "LOOPBACK_HOSTS",
    "STATIC_FILES",
    "check_bind",
    "create_app",
    "is_loopback",
    "serve",
]

# Event ids are content hashes (``3f2a...``) or review splits (``<id>-s1``).
EVENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$"

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")

# URL name -> (file in STATIC_DIR, media type). The only files the app serves.
STATIC_FILES: dict[str, tuple[str, str]] = {
    "leaflet.js": ("leaflet.js", "text/javascript; charset=utf-8"),
    "leaflet.css": ("leaflet.css", "text/css; charset=utf-8"),
    "eventline.js": ("eventline.js", "text/javascript; charset=utf-8"),
    "eventline.css": ("eventline.css", "text/css; charset=utf-8"),
    "countries-110m.geojson": ("countries-110m.geojson", "application/geo+json"),
}

CSRF_HEADER = "X-CSRF-Token"
TOKEN_HEADER = "X-Eventline-Token"
# The largest review request body: an edit of a 10,000-character note, with room to spare.
MAX_BODY_BYTES = 64 * 1024

EventId = Annotated[str, PathParam(pattern=EVENT_ID_PATTERN)]
if TYPE_CHECKING:
    OrderBy = str
else:  # FastAPI checks the value against the sort keys the store knows (422 otherwise)
    OrderBy = Literal[tuple(ORDER_BY)]
Who = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


# --------------------------------------------------------------------------- bind checks


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``.

    Example: ``is_loopback("0.0.0.0")`` -> False.
    """
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token (raises :class:`WebError`).

    Example: ``check_bind("0.0.0.0", None)`` raises; ``check_bind("127.0.0.1", None)`` passes.
    """
    if not is_loopback(host) and not token:
        raise WebError(
            f"Refusing to serve on {host}: anyone who can reach this address could change "
            "the events, and there is no token.",
            "Keep the default --host 127.0.0.1, or set a token with --token or the "
            "EVENTLINE_TOKEN environment variable (write actions will then require it).",
        )


def _host_name(header: str) -> str:
    """The host part of a Host header (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


# --------------------------------------------------------------------------- bodies


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    who: Who | None = None


class FieldEdit(_Body):
    """``{"field": "fatalities", "value": "12", "who": "ana"}``."""

    field: str
    value: str | int | float | list[str] | None = None
    geonameid: int | None = None  # a location picked from /api/places
    confirm: bool = False  # the analyst saw the warning (an actor in no dictionary) and insists

    @field_validator("field")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in REVIEWABLE_FIELDS:
            names = ", ".join(sorted(REVIEWABLE_FIELDS))
            raise ValueError(f"not an editable field; use one of {names}")
        return value

    @field_validator("value")
    @classmethod
    def _bounded(cls, value: Any) -> Any:
        # JSON parses 1e999 as infinity and accepts NaN: neither is a value to store
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > 1e12:
            raise ValueError("is too large to be a plausible value")
        if isinstance(value, str) and len(value) > 10_000:
            raise ValueError("at most 10000 characters")
        if isinstance(value, list) and (len(value) > 100 or any(len(v) > 500 for v in value)):
            raise ValueError("at most 100 names of 500 characters")
        return value


class MergeBody(_Body):
    """``{"keep_id": "...", "drop_id": "...", "who": "ana"}``."""

    keep_id: Annotated[str, Field(pattern=EVENT_ID_PATTERN)]
    drop_id: Annotated[str, Field(pattern=EVENT_ID_PATTERN)]
    force: bool = False  # merge although types, dates or countries differ


class BulkConfirm(_Body):
    """``{"event_ids": ["...", "..."], "who": "ana"}``."""

    event_ids: Annotated[list[Annotated[str, Field(pattern=EVENT_ID_PATTERN)]],
                         Field(min_length=1, max_length=5000)]


class SplitBody(_Body):
    """``{"source_index": 1, "who": "ana"}``."""

    source_index: Annotated[int, Field(ge=0, le=100_000)]


# --------------------------------------------------------------------------- app


def _default_who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in containers without /etc/passwd entry
        return "analyst"


def _error(status: int, message: str, code: str = "", hint: str | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "code": code, "hint": hint}, status_code=status,
                        headers={"Cache-Control": "no-store"})


class _HTTPProblem(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes is refused with 413.

    A declared Content-Length is checked before anything is read; a chunked body
    is counted as it arrives and cut off at the limit, so no request can make the
    server hold more than ``limit`` bytes of it.
    """

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                too_big = True
            if too_big:
                await self._refuse(send)
                return
        seen = 0
        refused = False

        async def limited() -> Any:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    raise _BodyTooLarge
            return message

        started = False

        async def tracking_send(message: Any) -> None:
            # once the body went over the limit, whatever the app answers (it saw a
            # broken body) is replaced by the 413
            nonlocal started
            if refused:
                if not started:
                    started = True
                    await self._refuse(send)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"error": f"The request body is over {self.limit:,} bytes; review "
                                    "changes are small JSON objects.", "code": "E011",
                           "hint": "Send one change at a time."}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


def _validation_message(errors: Sequence[Any]) -> str:
    """Human sentences for pydantic errors, without echoing the values (an ``inf``
    cannot even be written as JSON)."""
    parts = []
    for err in errors:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body",)) or "request"
        msg = str(err.get("msg", "is not valid"))
        if err.get("type") == "json_invalid":
            msg = "the body is not valid JSON"
        parts.append(f"{where}: {msg}")
    return "; ".join(parts[:10]) + "."


def _check_database(db: Path) -> None:
    """Refuse to serve a database that cannot be read, saying what is wrong."""
    import sqlite3

    try:
        with Store(db, readonly=True) as store:
            problems = [r[0] for r in store.conn.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise StoreError(
                    f"The database {db} is damaged: {'; '.join(problems)[:500]}.",
                    "Restore it from a backup, or rebuild it with `eventline run` into a new "
                    "--db file.")
            store.count_events()
            store.audit("-")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"The database {db} cannot be read: {exc}.",
                         "Check that it is an eventline database (`eventline run` makes one) "
                         "and not damaged; restore it from a backup if it is.") from exc


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    read_only: bool = False,
    tile_url: str | None = None,
    allowed_hosts: Sequence[str] | None = LOOPBACK_HOSTS,
    who: str | None = None,
    gazetteer: Any = None,
    actors: Any = None,
) -> FastAPI:
    """The review app for ``db``.

    ``token``: when set, every write needs header ``X-Eventline-Token: <token>``.
    ``read_only``: writes answer 403. ``tile_url``: None takes the setting, ``""``
    means outlines only. ``allowed_hosts``: Host header names accepted (default:
    loopback names, against DNS rebinding); None accepts any (use with a token
    when serving beyond this machine). ``who``: default name for the audit trail.
    ``gazetteer`` / ``actors``: the place search and actor dictionary the edit checks
    use (default: the installed ones, loaded on first use).

    Example::

        from fastapi.testclient import TestClient
        client = TestClient(create_app("eventline.db"), base_url="http://127.0.0.1")
        client.get("/api/events").json()["events"]
    """
    db = Path(db)
    if not db.is_file():
        raise StoreError(f"There is no eventline database at {db}.",
                         "Run `eventline run <articles>` first, or pass the right --db.")
    _check_database(db)
    if tile_url is None:
        tile_url = load_settings()["tile_url"]
    tile_url = check_tile_url(tile_url)
    csrf_token = secrets.token_urlsafe(32)  # per process: a restart invalidates open pages
    default_who = who or _default_who()
    hosts = None if allowed_hosts is None else {h.strip("[]").lower() for h in allowed_hosts}
    statics = {name: ((STATIC_DIR / file).read_bytes(), media)
               for name, (file, media) in STATIC_FILES.items()}
    origin = tile_origin(tile_url)
    csp = (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:{' ' + origin if origin else ''}; connect-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )

    app = FastAPI(title="eventline review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db = db
    app.state.csrf_token = csrf_token

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[..., Any]) -> Response:
        if hosts is not None and _host_name(request.headers.get("host", "")) not in hosts:
            return _error(400, "This server only answers requests addressed to localhost.",
                          "E011", "Open it as http://127.0.0.1:<port>/.")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            # tokens and content type before the body is read: FastAPI parses the body
            # before running dependencies, so the write checks run here first
            try:
                require_write(request)
            except _HTTPProblem as exc:
                return _error(exc.status, exc.message)
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)  # outermost: before anything reads

    @app.exception_handler(_HTTPProblem)
    async def _problem(_request: Request, exc: _HTTPProblem) -> JSONResponse:
        return _error(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "The request was not accepted: " + _validation_message(exc.errors()),
                      "E011", "Correct the value and send it again.")

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        # Store messages speak to users (what happened, what to do) and hold no secrets.
        status = 404 if exc.message.startswith("There is no event") else 400
        return _error(status, exc.message, exc.code, exc.hint)

    @contextmanager
    def reading() -> Iterator[Store]:
        # One connection per request: sqlite3 objects must not cross threads, and WAL
        # lets us read while a pipeline run writes.
        with Store(db, readonly=True) as store:
            yield store

    @contextmanager
    def writing() -> Iterator[Store]:
        with Store(db) as store:
            yield store

    def require_write(request: Request) -> None:
        """Every write: not read-only, JSON, CSRF token, access token, same origin."""
        if read_only:
            raise _HTTPProblem(403, "This server is read-only (--read-only): changes are disabled.")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise _HTTPProblem(415, "Send changes as JSON (Content-Type: application/json).")
        fetch_site = request.headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
            raise _HTTPProblem(403, "Cross-site requests cannot change events.")
        origin_header = request.headers.get("origin")
        if origin_header is not None:
            expected = f"{request.url.scheme}://{request.headers.get('host', '')}"
            if origin_header.lower() != expected.lower():
                raise _HTTPProblem(403, "Requests from another origin cannot change events.")
        if not secrets.compare_digest(request.headers.get(CSRF_HEADER, ""), csrf_token):
            raise _HTTPProblem(403, "Missing or stale page token: reload the page and try again.")
        if token and not secrets.compare_digest(request.headers.get(TOKEN_HEADER, ""), token):
            raise _HTTPProblem(401, "This server needs its access token for changes: "
                                    "type it in the Token box.")

    write_guard = [Depends(require_write)]

    loaded: dict[str, Any] = {"gazetteer": gazetteer, "actors": actors}

    def places() -> Any:
        if loaded["gazetteer"] is None:
            from ..gazetteer import load_gazetteer
            loaded["gazetteer"] = load_gazetteer()
        return loaded["gazetteer"]

    def actor_dictionary() -> Any:
        if loaded["actors"] is None:
            from ..actors import load_actor_dictionary
            loaded["actors"] = load_actor_dictionary(load_settings().get("user_actors") or "")
        return loaded["actors"]

    def event_countries(store: Store) -> list[str]:
        return sorted({e.country for e in store.iter_events() if e.country})

    def who_of(body: _Body) -> str:
        return body.who or default_who

    def exists(store: Store, event_id: str) -> None:
        if store.event_status(event_id) is None:
            raise _HTTPProblem(404, f"There is no event {event_id!r}.")

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        with reading() as store:
            data = report_data(store, include_rejected=True)
        page = render_page(data, tile_url=tile_url, mode="review", csrf_token=csrf_token,
                           token_required=bool(token), read_only=read_only,
                           default_who=default_who)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        # A closed list of names, read at start-up: no request path ever reaches the disk.
        if name not in statics:
            raise _HTTPProblem(404, "Not found.")
        content, media = statics[name]
        return Response(content, media_type=media,
                        headers={"Cache-Control": "no-cache"})

    # ------------------------------------------------------------------ reads

    @app.get("/api/events")
    def list_events(
        include_rejected: bool = False,
        order_by: Annotated[OrderBy, Query()] = "event_date",
    ) -> JSONResponse:
        with reading() as store:
            data = report_data(store, include_rejected=include_rejected)
        if order_by != "event_date":
            with reading() as store:
                order = [e.event_id for e in store.iter_events(include_rejected=include_rejected,
                                                               order_by=order_by)]
            rank = {eid: i for i, eid in enumerate(order)}
            data["events"].sort(key=lambda e: rank.get(e["event_id"], len(rank)))
        return JSONResponse(data, headers={"Cache-Control": "no-store"})

    @app.get("/api/events/{event_id}")
    def get_event(event_id: EventId) -> JSONResponse:
        with reading() as store:
            record = event_record(store, event_id)
            if record is None:
                raise _HTTPProblem(404, f"There is no event {event_id!r}.")
            record["audit"] = store.audit(event_id)
            record["merged_from"] = store.merged_from(event_id)
        return JSONResponse(record, headers={"Cache-Control": "no-store"})

    @app.get("/api/export.jsonl")
    def export_jsonl() -> Response:
        buffer = io.StringIO()
        export_events(db, "jsonl", buffer)
        return Response(buffer.getvalue(), media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="events.jsonl"',
                                 "Cache-Control": "no-store"})

    # ------------------------------------------------------------------ writes

    def _status_action(event_id: str, body: _Body, action: str) -> dict[str, Any]:
        with writing() as store:
            exists(store, event_id)
            getattr(store, f"review_{action}")(event_id, who=who_of(body))
            status = store.event_status(event_id)
        return {"event_id": event_id, "status": status,
                "message": f"Event {event_id} is now {status}."}

    @app.post("/api/events/{event_id}/confirm", dependencies=write_guard)
    def confirm(event_id: EventId, body: _Body) -> dict[str, Any]:
        return _status_action(event_id, body, "confirm")

    @app.post("/api/events/{event_id}/reject", dependencies=write_guard)
    def reject(event_id: EventId, body: _Body) -> dict[str, Any]:
        return _status_action(event_id, body, "reject")

    @app.post("/api/events/{event_id}/reset", dependencies=write_guard)
    def reset(event_id: EventId, body: _Body) -> dict[str, Any]:
        return _status_action(event_id, body, "reset")

    @app.post("/api/events/{event_id}/field", dependencies=write_guard)
    def edit_field(event_id: EventId, body: FieldEdit) -> Any:
        with writing() as store:
            exists(store, event_id)
            event = store.get_event(event_id)
            assert event is not None
            try:
                # the gazetteer only for the fields that need it: it is slow to open the first time
                gaz = places() if body.field in {"location", "country"} else None
                plan = review.plan_edit(event, body.field, body.value, gazetteer=gaz,
                                        actors=actor_dictionary(), geonameid=body.geonameid,
                                        confirm=body.confirm, countries=event_countries(store))
            except review.ReviewProblem as exc:
                return _review_problem(exc)
            if set(plan.changes) == {body.field}:  # nothing carried: the store's one-field checks
                event = store.review_set_field(event_id, body.field, plan.changes[body.field],
                                               who=who_of(body))
            else:
                event = store.review_set_fields(event_id, plan.changes, who=who_of(body))
        value = getattr(event, body.field)
        also = sorted(set(plan.changes) - {body.field})
        return {"event_id": event_id, "field": body.field,
                "value": list(value) if isinstance(value, tuple) else value,
                "changed": also, "warnings": plan.notes,
                "message": f"Saved {body.field} of {event_id}"
                           + (f" (with {', '.join(also)})." if also else ".")
                           + "".join(" " + n for n in plan.notes)}

    @app.post("/api/merge", dependencies=write_guard)
    def merge(body: MergeBody) -> Any:
        with writing() as store:
            exists(store, body.keep_id)
            exists(store, body.drop_id)
            keep, drop = store.get_event(body.keep_id), store.get_event(body.drop_id)
            assert keep is not None and drop is not None
            conflicts = review.merge_conflicts(keep, drop)
            if conflicts and not body.force:
                return _review_problem(review.ReviewProblem(
                    f"These may be two different incidents: {'; '.join(conflicts)}.",
                    "Merge anyway only if both reports describe the same incident.", ask=True))
            event = store.review_merge(body.keep_id, body.drop_id, who=who_of(body))
        return {"event_id": event.event_id, "sources": len(event.sources),
                "message": f"Merged {body.drop_id} into {body.keep_id}."}

    @app.post("/api/events/{event_id}/split", dependencies=write_guard)
    def split(event_id: EventId, body: SplitBody) -> dict[str, Any]:
        with writing() as store:
            exists(store, event_id)
            new = store.review_split(event_id, body.source_index, who=who_of(body))
        return {"event_id": new.event_id, "split_from": event_id,
                "message": f"Source {body.source_index + 1} is now event {new.event_id}."}

    review_routes(app, db, write_guard, who_of, places, actor_dictionary, event_countries,
                  reading, writing)
    return app


def _review_problem(exc: review.ReviewProblem) -> JSONResponse:
    """422 for a refused value; 409 for one the analyst may insist on (``confirm``)."""
    return JSONResponse({"error": exc.message, "hint": exc.hint, "ask": exc.ask,
                         "suggestions": exc.suggestions},
                        status_code=409 if exc.ask else 422,
                        headers={"Cache-Control": "no-store"})


def review_routes(app: FastAPI, db: Path, write_guard: list[Any], who_of: Callable[..., str],
                  places: Callable[[], Any], actor_dictionary: Callable[[], Any],
                  event_countries: Callable[[Store], list[str]],
                  reading: Callable[[], Any], writing: Callable[[], Any]) -> None:
    """The review helpers: place search, actor names, the queue, bulk confirm, exports."""

    @app.get("/api/places")
    def search_places(q: Annotated[str, Query(max_length=100)] = "",
                      limit: Annotated[int, Query(ge=1, le=50)] = 15) -> JSONResponse:
        return JSONResponse({"places": review.search_places(places(), q, limit=limit)},
                            headers={"Cache-Control": "no-store"})

    @app.get("/api/actors")
    def actor_names() -> JSONResponse:
        with reading() as store:
            countries = event_countries(store)
        return JSONResponse({"actors": review.actor_names(actor_dictionary(), countries)},
                            headers={"Cache-Control": "no-store"})

    @app.get("/api/queue")
    def queue(limit: Annotated[int, Query(ge=1, le=100_000)] = 1000) -> JSONResponse:
        with reading() as store:
            ranked = []
            for event, status in store.iter_events_with_status():
                score, why = review.review_need(event, status)
                if score:
                    ranked.append((-score, event.confidence, event.event_id, why))
        ranked.sort()
        return JSONResponse({"queue": [{"event_id": i, "need": -s, "reasons": why}
                                       for s, _c, i, why in ranked[:limit]]},
                            headers={"Cache-Control": "no-store"})

    @app.post("/api/confirm", dependencies=write_guard)
    def confirm_many(body: BulkConfirm) -> dict[str, Any]:
        with writing() as store:
            n = store.review_confirm_many(body.event_ids, who=who_of(body))
        return {"confirmed": n, "message": f"Confirmed {n} event{'s' if n != 1 else ''}."}

    def download(fmt: str, media: str, name: str) -> Response:
        buffer = io.StringIO()
        export_events(db, fmt, buffer, warn=lambda _msg: None)
        return Response(buffer.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "Cache-Control": "no-store"})

    @app.get("/api/export.csv")
    def export_csv() -> Response:
        return download("acled-csv", "text/csv; charset=utf-8", "events.csv")

    @app.get("/api/export.geojson")
    def export_geojson() -> Response:
        return download("geojson", "application/geo+json", "events.geojson")


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    read_only: bool = False,
    *,
    tile_url: str | None = None,
) -> None:
    """Run the review UI with uvicorn until interrupted (blocks).

    ``token`` None takes the ``token`` setting (``EVENTLINE_TOKEN``). Binding to an
    address other than loopback without a token raises :class:`WebError`.

    Example: ``serve("eventline.db")`` then open http://127.0.0.1:8000/.
    """
    import uvicorn

    if not token:
        token = load_settings()["token"] or None  # the setting reads EVENTLINE_TOKEN
    check_bind(host, token)
    if not 0 < port < 65536:
        raise WebError(f"Port {port} is not a TCP port.", "Use a number from 1 to 65535.")
    # On loopback, only loopback Host names (DNS-rebinding guard); beyond it the token
    # guards writes and the names users type are not known in advance.
    allowed = LOOPBACK_HOSTS if is_loopback(host) else None
    app = create_app(db, token=token, read_only=read_only, tile_url=tile_url,
                     allowed_hosts=allowed)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False)
