"""Read inputs from disk or stdin into :class:`~eventline.models.RawDocument` records.

Inputs, by extension (case-insensitive):

* folders, walked recursively in sorted order (hidden files and folders skipped);
* ``.txt`` / ``.text`` plain text, ``.html`` / ``.htm`` / ``.xhtml`` pages;
* ``.jsonl`` / ``.jsonl.gz``: one article a line, ``text`` or ``html`` (field
  names are the settings ``jsonl_text_field`` / ``jsonl_html_field``) plus
  optional ``title, url, source, published, language``;
* ``.warc`` / ``.warc.gz``: HTML (and plain-text) ``response`` records;
* ``-``: standard input (HTML when it starts like a page, else plain text);
* ``protocol://`` URLs (``s3://bucket/crawl/``, ``gs://...``, ``memory://...``)
  read through fsspec when its driver for that protocol is installed (``pip
  install s3fs`` for S3): folders are walked with the same rules, files are
  streamed, names are relative to the URL given and ``path`` is the full URL.
  ``file://`` URLs are plain local paths.

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
import io
import json
import os
import posixpath
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, cast

from . import errors
from .errors import InputNotFound, ManifestError
from .models import RawDocument, Skip

__all__ = [
    "ManifestRow",
    "apply_manifest",
    "is_url",
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


# --------------------------------------------------------------------------- URLs

# ``scheme://``; a Windows drive (``C:\\``) or a plain relative path never matches.
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(value: str | Path) -> bool:
    """True when ``value`` is a ``protocol://`` URL rather than a local path.

    >>> is_url("s3://bucket/crawl/"), is_url("corpus/a.txt")
    (True, False)
    """
    return isinstance(value, str) and bool(_URL_RE.match(value))


def _local_of(value: str) -> str:
    """A ``file://`` URL as the local path it names (anything else unchanged).

    Local files are read by the local code path so they behave exactly alike
    (hidden files, symlinks, manifest matching), however they were spelled.
    """
    if value.lower().startswith("file://"):
        from urllib.parse import unquote, urlparse

        return unquote(urlparse(value).path) or "/"
    return value


def _remote(url: str) -> tuple[Any, str]:
    """``(filesystem, path inside it)`` for a URL, or a clear error naming what to install.

    Raises :class:`~eventline.errors.InputNotFound` when fsspec or the
    protocol's driver is missing, or the protocol is unknown.
    """
    proto = url.split("://", 1)[0].lower()
    try:
        from fsspec.core import url_to_fs
        from fsspec.registry import known_implementations
    except ImportError as exc:
        raise InputNotFound(
            f"Input {url!r} is a URL, and reading URLs needs the fsspec package.",
            "Install it (pip install fsspec, plus the driver for the protocol, e.g. s3fs), "
            "or copy the files to a local folder.",
        ) from exc
    try:
        return url_to_fs(url)
    except ImportError as exc:
        impl = known_implementations.get(proto, {})
        # the module that failed to import is the one to install ("aiohttp" for http://),
        # not the package that holds the driver's class (fsspec itself, already there)
        missing = getattr(exc, "name", None) or getattr(exc.__cause__, "name", None) or ""
        if not missing or missing.startswith("fsspec"):
            # fsspec re-raises with its own text: 'requires "requests" and "aiohttp"'
            named = re.findall(r'"([A-Za-z0-9_.-]+)"', str(impl.get("err", "")))
            missing = next((n for n in named if not _importable(n)), named[-1] if named else "")
        package = missing.split(".", 1)[0] if missing and not missing.startswith("fsspec") \
            else str(impl.get("class", "")).split(".", 1)[0] or proto
        raise InputNotFound(
            f"Input {url!r} uses the {proto}:// protocol, whose fsspec driver is not "
            f"installed ({exc}).",
            f"Install it with: pip install {package} (on the machine running eventline), "
            "or copy the files to a local folder.",
        ) from exc
    except ValueError as exc:
        if "protocol not known" not in str(exc).lower():
            raise InputNotFound(f"Input {url!r} cannot be opened: {exc}.",
                                "Check the URL.") from exc
        raise InputNotFound(
            f"Input {url!r} uses the {proto}:// protocol, which fsspec does not know.",
            "Check the spelling (s3://, gs://, az://, http://, ...), or copy the files to a "
            "local folder and give their path.",
        ) from exc
    except Exception as exc:  # noqa: BLE001 -- drivers raise their own types (credentials...)
        raise InputNotFound(
            f"Input {url!r} cannot be opened: {type(exc).__name__}: {exc}.",
            "Check the URL and the credentials the fsspec driver uses.",
        ) from exc


def _importable(module: str) -> bool:
    import importlib.util

    try:
        return sys.modules.get(module, 0) is not None and importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _url_key(fs: Any, fs_path: str) -> str:
    """One spelling per remote file (``memory://a`` and ``memory:///a`` are the same file)."""
    return str(fs.unstrip_protocol(fs_path.rstrip("/") or fs_path))


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """Metadata a user gave for one file (or one ``file#record``) in a manifest CSV."""

    file: str
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None


# Publication dates outside these years are typing errors or placeholders (9999-12-31);
# taken as given, a relative date ("a day later") computed from them overflows.
MIN_YEAR, MAX_YEAR = 1800, 2200


def plausible_date(value: dt.date | None) -> dt.date | None:
    """``value`` when its year is within MIN_YEAR..MAX_YEAR, else None."""
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` without lone surrogates (from broken JSON escapes or undecodable file
    names), which cannot be encoded as UTF-8: each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def parse_date(value: Any) -> dt.date | None:
    """Parse an ISO-like date or datetime string; None when it is not one (or its year
    is outside MIN_YEAR..MAX_YEAR).

    >>> parse_date("2012-03-31T10:00:00Z")
    datetime.date(2012, 3, 31)
    >>> parse_date("soon") is None
    True
    """
    from .dates import parse_date as parse  # the one date parser; here junk is no date

    if value is None:
        return None
    try:
        # bounded: a hostile field is not parsed whole; an absurd year is no date
        return plausible_date(parse(value if isinstance(value, dt.date) else str(value).strip()[:64]))
    except ValueError:
        return None


class ManifestRows(dict[str, "ManifestRow"]):
    """Manifest rows by key, plus what :func:`iter_documents` reports as skips.

    ``problems``: rows that could not be used (a URL whose driver is missing) and
    rows naming a file an earlier row already named (the later row wins).
    """

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Skip] = []


def read_manifest(path: str | Path) -> ManifestRows:
    """Read a manifest CSV (``file,source,published,url,language``; extra columns ignored).

    ``file`` is relative to the manifest's folder (``x.jsonl#3`` names one record),
    or a URL (``s3://bucket/x.html``) used as-is; the manifest itself may be a URL.
    Returns rows keyed by the resolved absolute path or the URL (plus ``#record``
    when given).
    Raises :class:`~eventline.errors.ManifestError` when the file cannot be read,
    has no ``file`` column, or a row has a date that is not ``YYYY-MM-DD``.
    Two rows naming one file: the later row wins and the earlier is reported
    (``SKIP_MANIFEST_DUPLICATE``); a row naming a URL whose fsspec driver is
    missing is reported (``SKIP_UNREADABLE``, with what to install). Both are in
    the result's ``problems``, recorded as skips by :func:`iter_documents`.

    >>> rows = read_manifest("corpus/manifest.csv")  # doctest: +SKIP
    >>> rows["/abs/corpus/a.txt"].source  # doctest: +SKIP
    'GlobalPost'
    """
    remote = is_url(path) and not str(path).lower().startswith("file://")
    mpath: Any = str(path) if remote else Path(_local_of(str(path)))
    opened: Any = None
    if remote:
        fs, fs_path = _remote(str(path))
        base_dir = posixpath.dirname(fs_path.rstrip("/"))
    try:
        if remote:
            opened = fs.open(fs_path, "rb")
            fh_cm: Any = io.TextIOWrapper(opened, encoding="utf-8-sig", newline="")
        else:
            fh_cm = open(mpath, encoding="utf-8-sig", newline="")
        with fh_cm as fh:
            reader = csv.DictReader(fh)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            if "file" not in header:
                raise ManifestError(
                    f"Manifest {mpath} has no 'file' column "
                    f"(columns: {', '.join(header) or 'none'}).",
                    "The first line must name the columns: file,source,published,url,language.",
                )
            rows = ManifestRows()
            lines: dict[str, int] = {}
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
                            f"{rec['published']!r} is not a date (or not a year from "
                            f"{MIN_YEAR} to {MAX_YEAR}).",
                            "Write dates as YYYY-MM-DD, or leave the cell empty when unknown.",
                        )
                base, _, frag = name.partition("#")
                if is_url(base) and not base.lower().startswith("file://"):
                    try:
                        bfs, bpath = _remote(base)
                    except InputNotFound as exc:
                        # one bad row is a recorded skip, not the end of the run
                        rows.problems.append(_skip(
                            name, errors.SKIP_UNREADABLE,
                            f"manifest line {lineno} names a URL that cannot be read: "
                            f"{exc.message} {exc.hint or ''}".strip()))
                        continue
                    key = _url_key(bfs, bpath)
                elif is_url(base):
                    key = str(Path(_local_of(base)).resolve())
                elif remote:
                    key = _url_key(fs, posixpath.normpath(posixpath.join(base_dir, base)))
                else:
                    key = str((mpath.parent / base).resolve())
                key += f"#{frag}" if frag else ""
                if key in rows:
                    # documented: the later row wins; the earlier is reported, not dropped silently
                    rows.problems.append(_skip(
                        f"{mpath}:{lineno}", errors.SKIP_MANIFEST_DUPLICATE,
                        f"manifest line {lineno} names {name!r} again (first at line "
                        f"{lines[key]}); the later line ({lineno}) is used. Remove one of "
                        "the two lines."))
                lines[key] = lineno
                rows[key] = ManifestRow(
                    file=name,
                    source=rec.get("source") or None,
                    published=published,
                    url=rec.get("url") or None,
                    language=(rec.get("language") or None),
                )
            return rows
    except (ManifestError, InputNotFound):
        raise
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(
            f"Cannot read manifest {mpath}: {exc}.",
            "Check the path and that it is a UTF-8 CSV file with a header line.",
        ) from exc
    except Exception as exc:  # noqa: BLE001 -- remote drivers raise their own types
        if not remote:
            raise
        raise ManifestError(
            f"Cannot read manifest {mpath}: {type(exc).__name__}: {exc}.",
            "Check the URL, the credentials, and that it is a UTF-8 CSV file with a header line.",
        ) from exc
    finally:
        if opened is not None:
            opened.close()


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
    if head.startswith(_UTF16_32_BOMS) or utf16_without_bom(head):
        return None  # UTF-16/32 text has NULs but is text
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` / ``"utf-16-be"`` when ``data`` reads as UTF-16 with no BOM, else None.

    Latin-script UTF-16 has a NUL in every other byte (the high byte of each
    letter) and almost none in the other half; binary data has no such rhythm.

    >>> utf16_without_bom("Rebels took Gao.".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom(b"plain words") is None
    True
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even = sample[0:half * 2:2].count(0) / half
    odd = sample[1:half * 2:2].count(0) / half
    if odd >= 0.6 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.6 and odd <= 0.02:
        return "utf-16-be"
    return None


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip()[:512].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in start[:256]


def _kind_of(basename: str) -> str | None:
    name = basename.lower()
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


def _skip(path: "str | Path | _Source", code: str, reason: str) -> Skip:
    return Skip(path=scrub(str(path)), stage=STAGE, code=code, reason=scrub(reason))


@dataclass(frozen=True, slots=True)
class _Source:
    """One file to read: a local path, or a file on an fsspec filesystem.

    ``shown`` is what RawDocument.path and Skip.path record (the local path as
    given or walked, or the full URL); ``key`` is what manifest rows and the
    duplicate check match on (the resolved local path, or the canonical URL).
    """

    shown: str
    key: str
    basename: str
    fs: Any = None
    fs_path: str = ""
    size_hint: int | None = field(default=None, compare=False)

    @classmethod
    def local(cls, path: Path) -> _Source:
        return cls(shown=str(path), key=str(path.resolve()), basename=path.name)

    def __str__(self) -> str:
        return self.shown

    def open(self) -> BinaryIO:
        """The raw bytes, streamed (remote files are fetched block by block)."""
        if self.fs is None:
            return open(self.shown, "rb")
        return cast(BinaryIO, self.fs.open(self.fs_path, "rb"))

    def size(self) -> int | None:
        """Size in bytes; None when a remote store does not say."""
        if self.fs is None:
            return os.stat(self.shown).st_size
        if self.size_hint is not None:
            return self.size_hint
        size = self.fs.size(self.fs_path)
        return int(size) if size is not None else None


# What reading a file can raise: OSError locally; remote drivers raise their own
# types too (botocore, aiohttp ...), which must skip the file, not stop the run.
def _read_error(src: _Source, exc: BaseException) -> bool:
    return isinstance(exc, OSError) or src.fs is not None


def _read_limited(src: _Source, limit: int) -> bytes | Skip:
    """Read a whole file, or a Skip when it is over ``limit`` or unreadable."""
    try:
        size = src.size()
        if size is not None and size > limit:
            return _skip(src, errors.SKIP_TOO_LARGE,
                         f"{size:,} bytes is over the max_file_bytes limit ({limit:,}); "
                         "raise the setting or split the file.")
        with src.open() as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:  # the store gave no size, or the file grew
            return _skip(src, errors.SKIP_TOO_LARGE,
                         f"the file is over the max_file_bytes limit ({limit:,}); "
                         "raise the setting or split the file.")
        return data
    except Exception as exc:  # noqa: BLE001 -- narrowed by _read_error
        if not _read_error(src, exc):
            raise
        reason = getattr(exc, "strerror", None) or exc
        return _skip(src, errors.SKIP_UNREADABLE, f"cannot read the file: {reason}.")


def _plain_file(src: _Source, name: str, kind: str, ctx: _Ctx) -> RawDocument | Skip:
    data = _read_limited(src, ctx.max_bytes)
    if isinstance(data, Skip):
        return data
    if not data.strip():
        return _skip(src, errors.SKIP_EMPTY, "the file is empty.")
    what = sniff_binary(data[:8192])
    if what:
        return _skip(src, errors.SKIP_BINARY,
                     f"the file is {what}, not text or HTML; convert it to text first.")
    if kind == "text" and _looks_like_html(data[:1024]):
        kind = "html"  # a saved page named .txt: extract its main text
    raw = RawDocument(name=scrub(name), path=scrub(src.shown), content=data, kind=kind)
    return apply_manifest(raw, ctx.manifest.get(src.key))


class _GzipReader(gzip.GzipFile):
    """A GzipFile that also closes the file object under it (a remote stream)."""

    def close(self) -> None:
        inner: Any = self.fileobj
        try:
            super().close()
        finally:
            if inner is not None:
                inner.close()


def _open_maybe_gz(src: _Source) -> BinaryIO:
    fh = src.open()
    if src.basename.lower().endswith(".gz"):
        return _GzipReader(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return fh


_ARCHIVE_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError)


# A compressed file inflating past this many bytes at more than this ratio is a
# decompression bomb (real crawls compress 3-15x): stop reading it, keep what was read.
BOMB_MIN_BYTES = 256 * 1024 * 1024
BOMB_RATIO = 200
# This many bad lines in a row with no article among them: the file is not article JSONL.
MAX_BAD_RUN = 10_000


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[bytes, int]]:
    """``(line, length)`` pairs, never holding more than ``limit + 1`` bytes of one line.

    A line longer than ``limit`` is yielded as ``(b"", its length)`` after the rest of
    it is read and thrown away in blocks, so one endless line cannot fill memory.
    """
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while True:
            rest = fh.readline(1 << 20)
            size += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield b"", size


def _compressed_pos(fh: Any) -> int | None:
    inner = getattr(fh, "fileobj", None)
    try:
        return int(inner.tell()) if inner is not None else None
    except (OSError, ValueError, AttributeError):
        return None


def _jsonl_records(src: _Source, name: str, ctx: _Ctx) -> Iterator[RawDocument | Skip]:
    """One RawDocument per JSONL line; a bad line is a Skip and the next line is read."""
    resolved = src.key
    file_row = ctx.manifest.get(resolved)
    lineno = 0
    got_any = False
    bad_run = 0
    inflated = 0
    try:
        with _open_maybe_gz(src) as fh:
            for lineno, (line, size) in enumerate(_lines(fh, ctx.max_bytes), start=1):
                rec_name = f"{name}#{lineno}"
                rec_path = f"{src}#{lineno}"
                inflated += size
                if inflated > BOMB_MIN_BYTES and lineno % 64 == 0:
                    packed = _compressed_pos(fh)
                    if packed is not None and inflated > BOMB_RATIO * max(packed, 1):
                        yield _skip(src, errors.SKIP_BAD_ARCHIVE,
                                    f"the file inflates more than {BOMB_RATIO} times "
                                    f"({inflated:,} bytes from {packed:,}): a decompression "
                                    f"bomb, not a crawl; stopped at line {lineno}, records "
                                    "before it were read.")
                        return
                if bad_run >= MAX_BAD_RUN:
                    yield _skip(src, errors.SKIP_BAD_ARCHIVE,
                                f"{bad_run:,} lines in a row before line {lineno} held no "
                                "article; stopped reading the file (records before them "
                                "were read). Check that it is article JSONL.")
                    return
                if size > ctx.max_bytes:
                    got_any = True
                    bad_run += 1
                    yield _skip(rec_path, errors.SKIP_TOO_LARGE,
                                f"line {lineno} is {size:,} bytes, over max_file_bytes "
                                f"({ctx.max_bytes:,}).")
                    continue
                if not line.strip():
                    continue
                got_any = True
                bad_run += 1  # reset below once the line proves to be an article
                try:
                    obj = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield _skip(rec_path, errors.SKIP_BAD_ARCHIVE,
                                f"line {lineno} is not valid JSON ({exc}); fix or remove the line.")
                    continue
                except RecursionError:
                    yield _skip(rec_path, errors.SKIP_BAD_ARCHIVE,
                                f"line {lineno} nests arrays or objects too deeply to be an "
                                "article; fix or remove the line.")
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
                bad_run = 0
                raw = RawDocument(
                    name=scrub(rec_name),
                    path=scrub(rec_path),
                    content=scrub(content),
                    kind=kind,
                    source=_str_or_none(obj.get("source")),
                    published=parse_date(obj.get("published")),
                    url=_str_or_none(obj.get("url")),
                    language=_str_or_none(obj.get("language")),
                    title=_str_or_none(obj.get("title")),
                )
                raw = apply_manifest(raw, file_row)
                yield apply_manifest(raw, ctx.manifest.get(f"{resolved}#{lineno}"))
    except Exception as exc:  # noqa: BLE001 -- narrowed below
        if not isinstance(exc, _ARCHIVE_ERRORS) and not _read_error(src, exc):
            raise
        yield _skip(src, errors.SKIP_BAD_ARCHIVE,
                    f"the file is damaged after line {lineno} ({exc}); records before it "
                    "were read. Re-download or re-compress the file.")
        return
    if not got_any:
        yield _skip(src, errors.SKIP_EMPTY, "the file has no records.")


def _str_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = scrub(str(value)[:10_000].strip())
    return text or None


def _warc_records(src: _Source, name: str, ctx: _Ctx) -> Iterator[RawDocument | Skip]:
    """One RawDocument per HTML/text response record; other records are Skips or ignored.

    ``request``, ``metadata``, ``warcinfo`` and ``revisit`` records carry no new
    article and are ignored silently; non-HTML responses (images, scripts) and
    error statuses become SKIP_UNSUPPORTED so the summary accounts for them.
    """
    from warcio.archiveiterator import ArchiveIterator

    resolved = src.key
    file_row = ctx.manifest.get(resolved)
    try:
        with _open_maybe_gz(src) as head_fh:
            head = head_fh.read(5)
    except Exception as exc:  # noqa: BLE001 -- narrowed below
        if not isinstance(exc, _ARCHIVE_ERRORS) and not _read_error(src, exc):
            raise
        yield _skip(src, errors.SKIP_BAD_ARCHIVE, f"the WARC file cannot be opened ({exc}).")
        return
    if head != b"WARC/":
        yield _skip(src, errors.SKIP_BAD_ARCHIVE,
                    "the file does not start with a WARC record header; it is not a WARC file "
                    "(or is damaged at its start).")
        return
    n = 0
    try:
        with src.open() as fh:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                item = _warc_item(record, n, name, src.shown, ctx)
                truncated = _drain(record)
                if truncated:
                    yield _skip(f"{src}#{n}", errors.SKIP_BAD_ARCHIVE,
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
        yield _skip(src, errors.SKIP_BAD_ARCHIVE,
                    f"the WARC file is damaged at record {n + 1} ({type(exc).__name__}: {exc}); "
                    "records before it were read.")


def _drain(record: Any) -> bool:
    """Read what is left of a record; True when the file ended inside it (truncated)."""
    stream = record.content_stream()
    while stream.read(1 << 16):
        pass
    return bool(getattr(record.raw_stream, "limit", 0))


def _warc_item(record: Any, n: int, name: str, path: str, ctx: _Ctx) -> RawDocument | Skip | None:
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
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with standard input closed (`<&-`)
        return _skip("-", errors.SKIP_UNREADABLE,
                     "standard input is closed; pipe the text in or name files instead of -.")
    try:
        data = stream.read(ctx.max_bytes + 1)
    except (OSError, ValueError) as exc:
        return _skip("-", errors.SKIP_UNREADABLE, f"cannot read standard input: {exc}.")
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


def _one_file(src: _Source, name: str, ctx: _Ctx, *, explicit: bool) -> Iterator[RawDocument | Skip]:
    """Dispatch one file by extension (or sniffing, see the module docstring)."""
    kind = _kind_of(src.basename)
    if kind == "jsonl":
        yield from _jsonl_records(src, name, ctx)
        return
    if kind == "warc":
        yield from _warc_records(src, name, ctx)
        return
    if kind is None:
        suffix = Path(src.basename).suffix
        if suffix and not explicit:
            yield _skip(src, errors.SKIP_UNSUPPORTED,
                        f"files ending in {suffix!r} are not read (eventline reads .txt, .html, "
                        ".htm, .jsonl, .warc and .warc.gz); name the file directly to read "
                        "it as text.")
            return
        try:
            with src.open() as fh:
                head = fh.read(4096)
        except Exception as exc:  # noqa: BLE001 -- narrowed by _read_error
            if not _read_error(src, exc):
                raise
            reason = getattr(exc, "strerror", None) or exc
            yield _skip(src, errors.SKIP_UNREADABLE, f"cannot read the file: {reason}.")
            return
        if sniff_binary(head):
            yield _skip(src, errors.SKIP_UNSUPPORTED if not explicit else errors.SKIP_BINARY,
                        f"the file is {sniff_binary(head)}, not text or HTML.")
            return
        kind = "html" if _looks_like_html(head) else "text"
    yield _plain_file(src, name, kind, ctx)


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
    given = [_local_of(str(p)) for p in paths]
    for p in given:
        if is_url(p):
            fs, fs_path = _remote(p)
            try:
                found = fs.exists(fs_path)
            except Exception as exc:  # noqa: BLE001 -- drivers raise their own types
                raise InputNotFound(
                    f"Input {p!r} cannot be reached: {type(exc).__name__}: {exc}.",
                    "Check the URL, the network and the credentials the fsspec driver uses.",
                ) from exc
            if not found:
                raise InputNotFound(
                    f"Input {p!r} does not exist.",
                    "Check the URL (folders are read recursively).",
                )
        elif p != "-" and not os.path.lexists(p):
            raise InputNotFound(
                f"Input {p!r} does not exist.",
                "Check the path (folders are read recursively; use - for standard input).",
            )
    if isinstance(manifest, Path) and not manifest.exists():
        # pathlib folds "s3://b/m.csv" into "s3:/b/m.csv" (a CLI option typed Path does it).
        m = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):/(?!/)(.*)$", str(manifest))
        if m and len(m.group(1)) > 1:  # not a Windows drive letter
            manifest = f"{m.group(1)}://{m.group(2)}"
    rows = read_manifest(manifest) if manifest is not None else {}
    ctx = _Ctx(
        max_bytes=int(_setting(settings, "max_file_bytes", DEFAULT_MAX_FILE_BYTES)),
        text_field=str(_setting(settings, "jsonl_text_field", "text")),
        html_field=str(_setting(settings, "jsonl_html_field", "html")),
        manifest=rows,
    )
    manifest_path = None
    if manifest is not None:
        if is_url(manifest) and not str(manifest).lower().startswith("file://"):
            manifest_path = _url_key(*_remote(str(manifest)))
        else:
            manifest_path = str(Path(_local_of(str(manifest))).resolve())
    return _generate(given, ctx, manifest_path)


def _exists(key: str) -> bool:
    """Whether a manifest key (local path or URL) names an existing file."""
    if not is_url(key):
        return os.path.exists(key)
    try:
        fs, fs_path = _remote(key)
        return bool(fs.exists(fs_path))
    except Exception:  # noqa: BLE001 -- unreachable counts as missing: the row is reported
        return False


def _remote_files(url: str) -> Iterator[tuple[_Source | Skip, str, bool]]:
    """``(source, name, explicit)`` for a URL: the file itself, or a folder's files.

    Folders are listed with one recursive ``fs.find`` and ordered like local
    folders (a folder's entries by name, hidden ones left out). Names are
    relative to the URL given; the recorded path is that URL plus the name.
    """
    fs, fs_path = _remote(url)
    try:
        is_dir = fs.isdir(fs_path)
        if not is_dir:
            info = fs.info(fs_path)
            base = posixpath.basename(fs_path.rstrip("/"))
            yield (_Source(shown=url, key=_url_key(fs, fs_path), basename=base, fs=fs,
                           fs_path=fs_path, size_hint=_size_of(info)), base, True)
            return
        listing = fs.find(fs_path, detail=True)
    except Exception as exc:  # noqa: BLE001 -- drivers raise their own types
        yield (_skip(url, errors.SKIP_UNREADABLE,
                     f"cannot list the folder: {type(exc).__name__}: {exc}."), "", False)
        return
    root = fs_path.rstrip("/")
    prefix = url.rstrip("/")
    entries = []
    for found, info in listing.items():
        if info.get("type", "file") != "file":
            continue
        rel = found[len(root):].lstrip("/") if found.startswith(root) else \
            posixpath.basename(found)
        parts = rel.split("/")
        if not rel or any(part.startswith(".") for part in parts):
            continue  # hidden files and folders, as in local folders
        entries.append((parts, rel, found, info))
    entries.sort(key=lambda e: e[0])  # by path parts: same order as the local walk
    for _parts, rel, found, info in entries:
        yield (_Source(shown=f"{prefix}/{rel}", key=_url_key(fs, found),
                       basename=posixpath.basename(rel), fs=fs, fs_path=found,
                       size_hint=_size_of(info)), rel, False)


def _size_of(info: dict[str, Any]) -> int | None:
    size = info.get("size")
    return int(size) if isinstance(size, (int, float)) else None


def _local_files(p: str) -> Iterator[tuple[_Source | Skip, str, bool]]:
    """``(source, name, explicit)`` for a local file or folder; problems as Skips."""
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
            yield (_skip(fpath.filename or p, errors.SKIP_UNREADABLE,
                         f"cannot list the folder: {fpath.strerror or fpath}."), name, explicit)
            continue
        if not fpath.exists():  # dangling symlink, or removed while walking
            yield (_skip(fpath, errors.SKIP_UNREADABLE,
                         "the path cannot be opened (a broken symbolic link or removed "
                         "file); fix or remove it."), name, explicit)
            continue
        if fpath.is_dir():  # e.g. a directory named x.txt given directly
            yield (_skip(fpath, errors.SKIP_UNREADABLE,
                         "the path is a folder with a file-like name and cannot be read "
                         "as a file."), name, explicit)
            continue
        what = _special_file(fpath)
        if what:  # opening a FIFO blocks until a writer comes: never open one
            yield (_skip(fpath, errors.SKIP_UNSUPPORTED,
                         f"the path is {what}, not a regular file; it was not opened. "
                         "Copy the data to a file to read it."), name, explicit)
            continue
        yield _Source.local(fpath), name, explicit


def _special_file(path: Path) -> str | None:
    """What a non-regular file is (a FIFO, a socket, a device), or None for a regular one."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # reported when it is opened
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _generate(
    given: list[str], ctx: _Ctx, manifest_path: str | None
) -> Iterator[RawDocument | Skip]:
    yield from getattr(ctx.manifest, "problems", ())
    for key, row in sorted(ctx.manifest.items()):
        base = key.partition("#")[0]
        if not _exists(base):
            yield _skip(base, errors.SKIP_MISSING_FILE,
                        f"the manifest names {row.file!r}, which does not exist; fix the "
                        "manifest row or add the file.")
    seen: dict[str, str] = {}  # resolved path -> name first read under (bounded by file count)
    for p in given:
        if p == "-":
            yield _stdin_document(ctx)
            continue
        files = _remote_files(p) if is_url(p) else _local_files(p)
        for src, name, explicit in files:
            if isinstance(src, Skip):
                yield src
                continue
            if src.key == manifest_path or (
                not explicit and src.basename.lower() == "manifest.csv"
            ):
                continue  # a manifest is metadata, not an article
            if src.key in seen:
                yield _skip(src, errors.SKIP_DUPLICATE,
                            f"the same file was already read as {seen[src.key]!r}.")
                continue
            seen[src.key] = name
            yield from _one_file(src, name, ctx, explicit=explicit)


class SkipSummary:
    """Keeps the skip table readable: per file and code, the first ``keep`` skips are
    recorded one by one; the rest are counted and :meth:`rows` gives one
    ``SKIP_REPEATED`` row per file and code saying how many more there were.

    >>> s = SkipSummary(keep=1)
    >>> [s.add(Skip(f"a.jsonl#{i}", "ingest", "S107", "bad")) is not None for i in (1, 2, 3)]
    [True, False, False]
    >>> s.rows()[0].reason.split(";")[0]
    '2 more records of this file were skipped with S107 (bad)'
    """

    def __init__(self, keep: int = 5) -> None:
        self.keep = keep
        self._counts: dict[tuple[str, str, str], int] = {}
        self._last: dict[tuple[str, str, str], str] = {}

    def add(self, skip: Skip) -> Skip | None:
        """``skip`` when it is to be recorded, None when it is only counted."""
        key = (skip.path.partition("#")[0], skip.stage, skip.code)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        if n <= self.keep:
            return skip
        self._last[key] = skip.reason
        return None

    def rows(self) -> list[Skip]:
        """One summary Skip per file and code that went over ``keep``."""
        out = []
        for key, n in self._counts.items():
            if n <= self.keep:
                continue
            path, stage, code = key
            out.append(Skip(path=path, stage=stage, code=errors.SKIP_REPEATED,
                            reason=f"{n - self.keep:,} more records of this file were skipped "
                                   f"with {code} ({self._last[key][:200]}); the first "
                                   f"{self.keep} are listed one by one."))
        return out
