"""Component versions derived from content: a changed rule, lexicon or model is a new version.

A released name such as ``extract.rules.v2`` says nothing when the rules behind
it change; ``extract.rules.3f9a0c1e2b4d`` does: its suffix is the first 12 hex
digits of a SHA-256 over the files that decide the component's behaviour (and
any extra strings, such as the spaCy model's name and version). Each run
stores these names (the ``components`` of its ``args``).

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "a.toml").write_text("x = 1")
    5
    >>> content_version("demo.rules", {"rules/a.toml": d / "a.toml"})
    'demo.rules.969b8855e2cc'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path


def content_version(prefix: str, files: Mapping[str, Path], *, extra: Iterable[str] = ()) -> str:
    """``prefix.<hash12>`` over the files (by their stable names, in name order), then ``extra``."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode("utf-8") + b"\0")
        h.update(files[name].read_bytes() + b"\0")
    for item in extra:
        h.update(item.encode("utf-8") + b"\0")
    return f"{prefix}.{h.hexdigest()[:12]}"


def installed_model(candidates: Iterable[str]) -> str:
    """``name==version`` of the first installed distribution among ``candidates``, or ``none``.

    Read from package metadata: spaCy is not imported.
    """
    for name in candidates:
        try:
            return f"{name}=={metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return "none"
