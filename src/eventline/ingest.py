"""Read inputs from disk or stdin into :class:`~eventline.models.RawDocument` records.

Inputs, by extension (case-insensitive):

* folders, walked recursively in sorted order (hidden files and folders skipped);
* ``.txt`` / ``.text`` plain text, ``.html`` / ``.htm`` / ``.xhtml`` pages;
* ``.jsonl`` / ``.jsonl.gz``: one article a line, ``text`` or ``html`` (field
  names are the settings ``jsonl_text_field`` / ``jsonl_html_field``) plus
  optional ``title, url, source, published, language``;
* ``.warc`` / ``.warc.gz``: HTML (and plain-text) ``response`` records;
* ``-``: standard input (HTML when it starts like a page, else plain text).

A file named ``manifest.csv`` inside a folder is metadata and is passed over
silently (pass it with ``manifest=`` to use it). Files with other extensions
found inside a folder are read when they have *no*
extension and look like text or HTML (crawler dumps often have none); any
other extension (``.csv``, ``.pdf``, ``.jpg`` ...) is recorded as a Skip with
code ``SKIP_UNSUPPORTED`` so the run summary says what was left out. A file
named directly on the command line is read when it looks like text, whatever
its extension.

Nothing here decodes text: ``RawDocument.content`` stays ``bytes`` for files
and WARC records (the clean stage detects the encoding and fixes mojibake).
Problems with one input never stop the batch; they become Skip records.

Metadata precedence (highest first): manifest row, JSONL fields, then (in the
clean stage) HTML metadata and a dateline in the text. Containers are streamed
record by record; ``max_file_bytes`` applies to each plain file and to each
record inside a container, not to the container as a whole.

Example::

    >>> from eventline.ingest import iter_documents
    >>> for item in iter_documents(["corpus/"], manifest="corpus/manifest.csv"):
    ...     print(item.name)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from . import errors
from .errors import InputNotFound, ManifestError
from .models import RawDocument, Skip

__all__ = [
    "ManifestRow",
    "apply_manifest",
    "iter_documents",
    "parse_date",
    "read_manifest",
    "sniff_binary",
]

STAGE = "ingest"
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

TEXT_EXTS = (".txt", ".text")
HTML_EXTS = (".html", ".htm", ".xhtml")
JSONL_EXTS = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_EXTS = (".warc", ".warc.gz")

# Signatures of common binary formats: a clearer reason than "contains NUL bytes".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x01\x00", "an icon"),
)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """Metadata a user gave for one file (or one ``file#record``) in a manifest CSV."""

    file: str
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None


def parse_date(value: Any) -> dt.date | None:
    """Parse an ISO-like date or datetime string; None when it is not one.

    >>> parse_date("2012-03-31T10:00:00Z")
    datetime.date(2012, 3, 31)
    >>> parse_date("soon") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.match(
        r"(\d{4})/(\d{1,2})/(\d{1,2})", text
    )
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def read_manifest(path: str | Path) -> dict[str, ManifestRow]:
    """Read a manifest CSV (``file,source,published,url,language``; extra columns ignored).

    ``file`` is relative to the manifest's folder (``x.jsonl#3`` names one record).
    Returns rows keyed by the resolved absolute path (plus ``#record`` when given).
    Raises :class:`~eventline.errors.ManifestError` when the file cannot be read,
    has no ``file`` column, or a row has a date that is not ``YYYY-MM-DD``.

    >>> rows = read_manifest("corpus/manifest.csv")  # doctest: +SKIP
    >>> rows["/abs/corpus/a.txt"].source  # doctest: +SKIP
    'GlobalPost'
    """
    mpath = Path(path)
    try:
        with open(mpath, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            if "file" not in header:
                raise ManifestError(
                    f"Manifest {mpath} has no 'file' column "
                    f"(columns: {', '.join(header) or 'none'}).",
                    "The first line must name the columns: file,source,published,url,language.",
                )
            rows: dict[str, ManifestRow] = {}
            for lineno, raw in enumerate(reader, start=2):
                rec = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()
                       if isinstance(v, str) or v is None}
                name = rec.get("file", "")
                if not name:
                    continue
                published = None
                if rec.get("published"):
                    published = parse_date(rec["published"])
                    if published is None:
                        raise ManifestError(
                            f"Manifest {mpath}, line {lineno}: published date "
                            f"{rec['published']!r} is not a date.",
                            "Write dates as YYYY-MM-DD, or leave the cell empty when unknown.",
                        )
                base, _, frag = name.partition("#")
                key = str((mpath.parent / base).resolve()) + (f"#{frag}" if frag else "")
                rows[key] = ManifestRow(
                    file=name,
                    source=rec.get("source") or None,
                    published=published,
                    url=rec.get("url") or None,
                    language=(rec.get("language") or None),
                )
            return rows
    except ManifestError:
        raise
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(
            f"Cannot read manifest {mpath}: {exc}.",
            "Check the path and that it is a UTF-8 CSV file with a header line.",
        ) from exc


def apply_manifest(raw: RawDocument, row: ManifestRow | None) -> RawDocument:
    """Return ``raw`` with the manifest's non-empty values winning over its own metadata."""
    if row is None:
        return raw
    return replace(
        raw,
        source=row.source or raw.source,
        published=row.published or raw.published,
        url=row.url or raw.url,
        language=row.language or raw.language,
    )


# --------------------------------------------------------------------------- sniffing


def sniff_binary(head: bytes) -> str | None:
    """Describe ``head`` when it is the start of a binary file, else None.

    >>> sniff_binary(b"%PDF-1.4 ...")
    'a PDF document'
    >>> sniff_binary(b"plain words") is None
    True
    """
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith(_UTF16_32_BOMS):
        return None  # UTF-16/32 text has NULs but is text
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    return None


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip()[:512].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in start[:256]


def _kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for kind, exts in (("text", TEXT_EXTS), ("html", HTML_EXTS), ("jsonl", JSONL_EXTS),
                       ("warc", WARC_EXTS)):
        if name.endswith(exts):
            return kind
    return None


def _setting(settings: dict[str, Any] | None, name: str, default: Any) -> Any:
    if settings and settings.get(name) not in (None, ""):
        return settings[name]
    return default


# --------------------------------------------------------------------------- readers


@dataclass(slots=True)
class _Ctx:
    max_bytes: int
    text_field: str
    html_field: str
    manifest: dict[str, ManifestRow]


def _skip(path: str | Path, code: str, reason: str) -> Skip:
    return Skip(path=str(path), stage=STAGE, code=code, reason=reason)


def _read_limited(path: Path, limit: int) -> bytes | Skip:
    """Read a whole file, or a Skip when it is over ``limit`` or unreadable."""
    try:
        size = path.stat().st_size
        if size > limit:
            return _skip(path, errors.SKIP_TOO_LARGE,
                         f"{size:,} bytes is over the max_file_bytes limit ({limit:,}); "
                         "raise the setting or split the file.")
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except OSError as exc:
        return _skip(path, errors.SKIP_UNREADABLE, f"cannot read the file: {exc.strerror or exc}.")


def _plain_file(path: Path, name: str, kind: str, ctx: _Ctx) -> RawDocument | Skip:
    data = _read_limited(path, ctx.max_bytes)
    if isinstance(data, Skip):
        return data
    if not data.strip():
        return _skip(path, errors.SKIP_EMPTY, "the file is empty.")
    what = sniff_binary(data[:8192])
    if what:
        return _skip(path, errors.SKIP_BINARY,
                     f"the file is {what}, not text or HTML; convert it to text first.")
    if kind == "text" and _looks_like_html(data[:1024]):
        kind = "html"  # a saved page named .txt: extract its main text
    raw = RawDocument(name=name, path=str(path), content=data, kind=kind)
    return apply_manifest(raw, ctx.manifest.get(str(path.resolve())))


def _open_maybe_gz(path: Path) -> BinaryIO:
    fh = open(path, "rb")
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return fh


_ARCHIVE_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError)


def _jsonl_records(path: Path, name: str, ctx: _Ctx) -> Iterator[RawDocument | Skip]:
    """One RawDocument per JSONL line; a bad line is a Skip and the next line is read."""
    resolved = str(path.resolve())
    file_row = ctx.manifest.get(resolved)
    lineno = 0
    got_any = False
    try:
        with _open_maybe_gz(path) as fh:
            for lineno, line in enumerate(fh, start=1):
                rec_name = f"{name}#{lineno}"
                rec_path = f"{path}#{lineno}"
                if not line.strip():
                    continue
                got_any = True
                if len(line) > ctx.max_bytes:
                    yield _skip(rec_path, errors.SKIP_TOO_LARGE,
                                f"line {lineno} is {len(line):,} bytes, over max_file_bytes "
                                f"({ctx.max_bytes:,}).")
                    continue
                try:
                    obj = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield _skip(rec_path, errors.SKIP_BAD_ARCHIVE,
                                f"line {lineno} is not valid JSON ({exc}); fix or remove the line.")
                    continue
                if not isinstance(obj, dict):
                    yield _skip(rec_path, errors.SKIP_BAD_ARCHIVE,
                                f"line {lineno} is not a JSON object; each line must be "
                                "one article object.")
                    continue
                text = obj.get(ctx.text_field)
                html = obj.get(ctx.html_field)
                # Prefer the crawler's own text when it has some: it is what the user saw.
                if isinstance(text, str) and text.strip():
                    content, kind = text, "text"
                elif isinstance(html, str) and html.strip():
                    content, kind = html, "html"
                else:
                    yield _skip(rec_path, errors.SKIP_EMPTY,
                                f"line {lineno} has no {ctx.text_field!r} or {ctx.html_field!r} "
                                "text; set jsonl_text_field / jsonl_html_field if your crawl "
                                "uses other field names.")
                    continue
                raw = RawDocument(
                    name=rec_name,
                    path=rec_path,
                    content=content,
                    kind=kind,
                    source=_str_or_none(obj.get("source")),
                    published=parse_date(obj.get("published")),
                    url=_str_or_none(obj.get("url")),
                    language=_str_or_none(obj.get("language")),
                    title=_str_or_none(obj.get("title")),
                )
                raw = apply_manifest(raw, file_row)
                yield apply_manifest(raw, ctx.manifest.get(f"{resolved}#{lineno}"))
    except _ARCHIVE_ERRORS as exc:
        yield _skip(path, errors.SKIP_BAD_ARCHIVE,
                    f"the file is damaged after line {lineno} ({exc}); records before it "
                    "were read. Re-download or re-compress the file.")
        return
    if not got_any:
        yield _skip(path, errors.SKIP_EMPTY, "the file has no records.")


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _warc_records(path: Path, name: str, ctx: _Ctx) -> Iterator[RawDocument | Skip]:
    """One RawDocument per HTML/text response record; other records are Skips or ignored.

    ``request``, ``metadata``, ``warcinfo`` and ``revisit`` records carry no new
    article and are ignored silently; non-HTML responses (images, scripts) and
    error statuses become SKIP_UNSUPPORTED so the summary accounts for them.
    """
    from warcio.archiveiterator import ArchiveIterator

    resolved = str(path.resolve())
    file_row = ctx.manifest.get(resolved)
    try:
        with _open_maybe_gz(path) as head_fh:
            head = head_fh.read(5)
    except _ARCHIVE_ERRORS as exc:
        head = b""
        yield _skip(path, errors.SKIP_BAD_ARCHIVE, f"the WARC file cannot be opened ({exc}).")
        return
    if head != b"WARC/":
        yield _skip(path, errors.SKIP_BAD_ARCHIVE,
                    "the file does not start with a WARC record header; it is not a WARC file "
                    "(or is damaged at its start).")
        return
    n = 0
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                item = _warc_item(record, n, name, path, ctx)
                truncated = _drain(record)
                if truncated:
                    yield _skip(f"{path}#{n}", errors.SKIP_BAD_ARCHIVE,
                                f"record {n} is cut short (the file ends inside it); records "
                                "before it were read.")
                    return
                if item is None:
                    continue
                if isinstance(item, RawDocument):
                    item = apply_manifest(item, file_row)
                    item = apply_manifest(item, ctx.manifest.get(f"{resolved}#{n}"))
                yield item
    # warcio raises many types on damaged input (even AttributeError on a broken
    # header block); any of them means "stop reading this file", never "stop the run".
    except Exception as exc:  # noqa: BLE001
        yield _skip(path, errors.SKIP_BAD_ARCHIVE,
                    f"the WARC file is damaged at record {n + 1} ({type(exc).__name__}: {exc}); "
                    "records before it were read.")


def _drain(record: Any) -> bool:
    """Read what is left of a record; True when the file ended inside it (truncated)."""
    stream = record.content_stream()
    while stream.read(1 << 16):
        pass
    return bool(getattr(record.raw_stream, "limit", 0))


def _warc_item(record: Any, n: int, name: str, path: Path, ctx: _Ctx) -> RawDocument | Skip | None:
    """The article (or Skip) in one WARC record; None for records that carry no article."""
    rec_path = f"{path}#{n}"
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    status = "200"
    if record.http_headers is not None:
        ctype = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or "200"
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    ctype_l = ctype.lower()
    if not status.startswith("2"):
        return _skip(rec_path, errors.SKIP_UNSUPPORTED,
                     f"record {n} ({uri}) is an HTTP {status} response, not an article.")
    if "html" in ctype_l:
        kind = "html"
    elif ctype_l.startswith("text/plain"):
        kind = "text"
    else:
        return _skip(rec_path, errors.SKIP_UNSUPPORTED,
                     f"record {n} ({uri}) is {ctype or 'of unknown type'}, not HTML or text.")
    body = record.content_stream().read(ctx.max_bytes + 1)
    if len(body) > ctx.max_bytes:
        return _skip(rec_path, errors.SKIP_TOO_LARGE,
                     f"record {n} ({uri}) is over max_file_bytes ({ctx.max_bytes:,}).")
    if not body.strip():
        return _skip(rec_path, errors.SKIP_EMPTY, f"record {n} ({uri}) is empty.")
    charset = re.search(r"charset=([\w-]+)", ctype_l)
    content: str | bytes = body
    if charset:
        # The server's declared charset beats guessing; keep bytes when it is wrong.
        try:
            content = body.decode(charset.group(1))
        except (LookupError, UnicodeDecodeError):
            content = body
    return RawDocument(name=f"{name}#{n}", path=rec_path, content=content, kind=kind, url=uri)


def _stdin_document(ctx: _Ctx) -> RawDocument | Skip:
    data = sys.stdin.buffer.read(ctx.max_bytes + 1)
    if len(data) > ctx.max_bytes:
        return _skip("-", errors.SKIP_TOO_LARGE,
                     f"standard input is over max_file_bytes ({ctx.max_bytes:,}).")
    if not data.strip():
        return _skip("-", errors.SKIP_EMPTY, "standard input was empty.")
    what = sniff_binary(data[:8192])
    if what:
        return _skip("-", errors.SKIP_BINARY, f"standard input is {what}, not text.")
    kind = "html" if _looks_like_html(data[:1024]) else "text"
    return RawDocument(name="stdin", path="-", content=data, kind=kind)


def _one_file(path: Path, name: str, ctx: _Ctx, *, explicit: bool) -> Iterator[RawDocument | Skip]:
    """Dispatch one file by extension (or sniffing, see the module docstring)."""
    kind = _kind_of(path)
    if kind == "jsonl":
        yield from _jsonl_records(path, name, ctx)
        return
    if kind == "warc":
        yield from _warc_records(path, name, ctx)
        return
    if kind is None:
        suffix = path.suffix
        if suffix and not explicit:
            yield _skip(path, errors.SKIP_UNSUPPORTED,
                        f"files ending in {suffix!r} are not read (eventline reads .txt, .html, "
                        ".htm, .jsonl, .warc and .warc.gz); name the file directly to read "
                        "it as text.")
            return
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            yield _skip(path, errors.SKIP_UNREADABLE,
                        f"cannot read the file: {exc.strerror or exc}.")
            return
        if sniff_binary(head):
            yield _skip(path, errors.SKIP_UNSUPPORTED if not explicit else errors.SKIP_BINARY,
                        f"the file is {sniff_binary(head)}, not text or HTML.")
            return
        kind = "html" if _looks_like_html(head) else "text"
    yield _plain_file(path, name, kind, ctx)


def _walk(root: Path) -> Iterator[Path | OSError]:
    """Files under ``root`` in sorted path order (a folder's entries interleaved by name).

    Hidden entries are skipped and symlinked folders are not followed (no loops).
    A folder that cannot be listed is yielded as its OSError so the caller records it.
    """
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield exc
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path)
        else:
            yield path


def iter_documents(
    paths: Sequence[str | Path],
    *,
    manifest: str | Path | None = None,
    settings: dict[str, Any] | None = None,
) -> Iterator[RawDocument | Skip]:
    """Stream RawDocuments (and Skips) from files, folders, containers and stdin.

    Paths are checked up front: one that does not exist raises
    :class:`~eventline.errors.InputNotFound` before anything is read. The
    manifest (if any) is read up front too, and its rows naming missing files
    come first as ``SKIP_MISSING_FILE`` Skips. The same file reached twice
    (named twice, or a file inside a folder also named) is read once; the
    second is a ``SKIP_DUPLICATE``.

    >>> docs = list(iter_documents(["corpus/a.txt"]))  # doctest: +SKIP
    >>> docs[0].name  # doctest: +SKIP
    'a.txt'
    """
    given = [str(p) for p in paths]
    for p in given:
        if p != "-" and not os.path.lexists(p):
            raise InputNotFound(
                f"Input {p!r} does not exist.",
                "Check the path (folders are read recursively; use - for standard input).",
            )
    rows = read_manifest(manifest) if manifest is not None else {}
    ctx = _Ctx(
        max_bytes=int(_setting(settings, "max_file_bytes", DEFAULT_MAX_FILE_BYTES)),
        text_field=str(_setting(settings, "jsonl_text_field", "text")),
        html_field=str(_setting(settings, "jsonl_html_field", "html")),
        manifest=rows,
    )
    manifest_path = str(Path(manifest).resolve()) if manifest is not None else None
    return _generate(given, ctx, manifest_path)


def _generate(
    given: list[str], ctx: _Ctx, manifest_path: str | None
) -> Iterator[RawDocument | Skip]:
    for key, row in sorted(ctx.manifest.items()):
        base = key.partition("#")[0]
        if not os.path.exists(base):
            yield _skip(base, errors.SKIP_MISSING_FILE,
                        f"the manifest names {row.file!r}, which does not exist; fix the "
                        "manifest row or add the file.")
    seen: dict[str, str] = {}  # resolved path -> name first read under (bounded by file count)
    for p in given:
        if p == "-":
            yield _stdin_document(ctx)
            continue
        root = Path(p)
        if root.is_dir():
            files: Iterator[tuple[Path | OSError, str, bool]] = (
                (f, f.relative_to(root).as_posix() if isinstance(f, Path) else "", False)
                for f in _walk(root)
            )
        else:
            files = iter([(root, root.name, True)])
        for fpath, name, explicit in files:
            if isinstance(fpath, OSError):
                yield _skip(fpath.filename or p, errors.SKIP_UNREADABLE,
                            f"cannot list the folder: {fpath.strerror or fpath}.")
                continue
            if not fpath.exists():  # dangling symlink, or removed while walking
                yield _skip(fpath, errors.SKIP_UNREADABLE,
                            "the path cannot be opened (a broken symbolic link or removed "
                            "file); fix or remove it.")
                continue
            if fpath.is_dir():  # e.g. a directory named x.txt given directly
                yield _skip(fpath, errors.SKIP_UNREADABLE,
                            "the path is a folder with a file-like name and cannot be read "
                            "as a file.")
                continue
            resolved = str(fpath.resolve())
            if resolved == manifest_path or (not explicit and fpath.name.lower() == "manifest.csv"):
                continue  # a manifest is metadata, not an article
            if resolved in seen:
                yield _skip(fpath, errors.SKIP_DUPLICATE,
                            f"the same file was already read as {seen[resolved]!r}.")
                continue
            seen[resolved] = name
            yield from _one_file(fpath, name, ctx, explicit=explicit)
