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


class BadDate(EventlineError):
    """A date given on the command line is not in the form YYYY-MM-DD."""

    code = "E030"


class PortInUse(EventlineError):
    """The review server's port is taken by another program."""

    code = "E031"


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
