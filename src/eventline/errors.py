"""One exception tree with coded messages: what happened, why, what to do.

The library raises these; the CLI prints ``Error: [Ennn] ...`` and exits non-zero.
Per-article problems are not raised but recorded as :class:`~eventline.models.Skip`
with one of the ``SKIP_*`` codes below, so a batch never stops for one bad file.
"""

from __future__ import annotations


class EventlineError(Exception):
    """Base class. ``code`` is stable across releases; ``hint`` says what to do."""

    code = "E000"

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class InputNotFound(EventlineError):
    code = "E001"


class ManifestError(EventlineError):
    code = "E002"


class ModelNotInstalled(EventlineError):
    code = "E003"


class GazetteerError(EventlineError):
    code = "E004"


class StoreError(EventlineError):
    code = "E005"


class SettingsError(EventlineError):
    code = "E006"


class GoldFileError(EventlineError):
    code = "E007"


class OfflineError(EventlineError):
    code = "E008"


class NoInputRead(EventlineError):
    """Not one input of a run could be read (every file skipped or missing)."""

    code = "E009"


class ExportError(EventlineError):
    """An export could not be written (unknown format, missing optional package)."""

    code = "E010"


class ClusterError(EventlineError):
    """The Dask scheduler could not be reached or the local cluster did not start."""

    code = "E012"


class WebError(EventlineError):
    """The report or the review server cannot start as asked (bad tile URL, unsafe bind)."""

    code = "E011"


class AcledFileError(EventlineError):
    """An ACLED export could not be read (missing file, or not ACLED's columns)."""

    code = "E020"


# Codes recorded in the `skips` table (stage, code, reason). Stable: users filter on them.
SKIP_UNREADABLE = "S101"  # permission denied, I/O error, broken symlink
SKIP_EMPTY = "S102"  # zero bytes, or no text left after cleaning
SKIP_TOO_LARGE = "S103"  # over max_file_bytes
SKIP_BINARY = "S104"  # not text (NUL bytes, known binary signature)
SKIP_UNDECODABLE = "S105"  # bytes that decode to no sensible text
SKIP_MALFORMED_HTML = "S106"  # HTML with no extractable article text
SKIP_BAD_ARCHIVE = "S107"  # truncated gzip, broken WARC record, bad JSONL line
SKIP_MISSING_FILE = "S108"  # a manifest row names a file that does not exist
SKIP_LANGUAGE = "S109"  # language with no installed model
SKIP_DUPLICATE = "S110"  # same content as an article already processed
SKIP_UNSUPPORTED = "S111"  # a file type eventline does not read
SKIP_NLP_FAILED = "S112"  # the NLP stage raised on this article
SKIP_TOO_LONG = "S113"  # text longer than the NLP stage reads at once (max_text_chars)
SKIP_MANIFEST_DUPLICATE = "S114"  # a manifest row names a file an earlier row named
SKIP_REPEATED = "S115"  # one file gave many skips of one kind: counted in one row

# What each skip code means and what to do, for users (README, run summaries).
SKIP_HELP: dict[str, str] = {
    SKIP_UNREADABLE: "The input could not be read (permissions, I/O error, broken link, closed "
                     "standard input, a URL whose driver is missing). Fix the path or install "
                     "what the reason names.",
    SKIP_EMPTY: "Nothing to read, or no text left after cleaning. Nothing to do.",
    SKIP_TOO_LARGE: "Over max_file_bytes. Raise the setting or split the file.",
    SKIP_BINARY: "Not text (a PDF, an image, NUL bytes). Convert it to text first.",
    SKIP_UNDECODABLE: "Bytes that decode to no readable text. Save the file as UTF-8.",
    SKIP_MALFORMED_HTML: "HTML with no article text. Check the page was saved whole.",
    SKIP_BAD_ARCHIVE: "A damaged container or record (gzip, WARC, a bad JSONL line, a "
                      "decompression bomb). Records before the damage were read.",
    SKIP_MISSING_FILE: "A manifest row names a file that does not exist. Fix the row.",
    SKIP_LANGUAGE: "A language with no installed spaCy model. Install one to read it.",
    SKIP_DUPLICATE: "The same text was already processed. Nothing to do.",
    SKIP_UNSUPPORTED: "A file type eventline does not read (or a FIFO, socket or device, "
                      "never opened). Convert or copy it to a regular text file.",
    SKIP_NLP_FAILED: "A stage raised on this article; the batch went on. Please report it.",
    SKIP_TOO_LONG: "A text longer than max_text_chars (spaCy's limit). Split the article or "
                   "raise the setting.",
    SKIP_MANIFEST_DUPLICATE: "Two manifest rows name one file; the later row is used. Remove "
                             "one of them.",
    SKIP_REPEATED: "One file gave many skips of one kind; the first few are listed, the rest "
                   "counted in one row.",
}
