"""The ``eventline`` command: thin Typer commands over the Python API."""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .engines import ENGINES
from .errors import EventlineError
from .export import FORMATS
from .terminal import shown

app = typer.Typer(
    help="Turn news reports about armed conflict into a sourced, geocoded, dated event dataset.\n\n"
         "Example:\n\n"
         "    eventline run articles/ --manifest articles/manifest.csv --db eventline.db\n"
         "    eventline events --db eventline.db --country Mali --since 2012-03-01\n"
         "    eventline export --db eventline.db --format acled-csv --out events.csv",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Score eventline against reference data.\n\nExample:\n\n"
         "    eventline run ../shared/corpus/mali-2012 --db eval.db\n"
         "    eventline eval --gold ../shared/eval/seeds.gold.jsonl --db eval.db",
    invoke_without_command=True)
gazetteer_app = typer.Typer(
    help="The offline place gazetteer.\n\nExample:\n\n"
         "    eventline gazetteer info\n    eventline gazetteer add ML.zip",
    no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")


def _readable_types() -> None:
    """Option types in help read as what to type ("--db DB", "--limit N"), flags show none.

    Typer's rich help otherwise shows ``<bool>`` on flags and ``<str>`` on values.
    """
    from typer.core import TyperArgument, TyperOption

    typer_option_type = TyperOption.display_type_rich

    def option_type(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        if self.metavar is not None:
            return str(self.metavar)
        shown = typer_option_type(self, ctx)
        if shown and "|" in shown:  # choices: "<jsonl|acled-csv|...>" stays
            return shown
        return (self.name or "value").upper()

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None  # the argument's name is already shown

    TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign]


_readable_types()


class _SizedConsole:
    """The standard-output console, sized when used (COLUMNS, the terminal, or a pipe)."""

    def __getattr__(self, name: str) -> Any:
        from .terminal import console

        return getattr(console(), name)


out_console: Any = _SizedConsole()
err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"eventline {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Turn news reports about armed conflict into a sourced, geocoded, dated event dataset."""

_SKIPS_SHOWN = 10  # a crawl can skip thousands of records: the first ones, then counts by code
DB_OPTION = typer.Option("eventline.db", "--db", metavar="FILE", help="SQLite database file.")


def _fail(exc: BaseException, code: int = 1) -> None:
    err_console.print(f"[bold red]Error:[/] {escape(shown(exc))}", highlight=False, markup=True)
    raise typer.Exit(code)


def _read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        from .errors import InputNotFound

        raise InputNotFound(f"{path} does not exist or is not a file.", "Check the path.")
    return p.read_text(encoding="utf-8", errors="replace")


def _need_db(db: str) -> None:
    from .errors import StoreError

    if not Path(db).is_file():
        raise StoreError(f"No database at {db}.",
                         "Run `eventline run ARTICLES... --db FILE` first, or pass --db.")
    if not _is_eventline_db(Path(db)):
        # said before anything is written (an export would otherwise start with a header)
        raise StoreError(f"{db} is not an eventline database (it has no events table).",
                         "Pass the file `eventline run --db` wrote, or run `eventline run "
                         "ARTICLES... --db FILE` to make one.")


def _short(name: str, width: int = 18) -> str:
    """A file name cut to ``width`` for the progress line (its end: the distinctive part)."""
    return name if len(name) <= width else "…" + name[-(width - 1):]


def _is_eventline_db(path: Path) -> bool:
    from .store import is_eventline_database

    return is_eventline_database(path)


def _published(value: str | None) -> str | None:
    """--published checked here, so a bad date is a coded error like every other."""
    if value is None:
        return None
    from .dates import parse_date
    from .errors import BadDate

    try:
        parse_date(value)
    except ValueError as exc:
        raise BadDate(str(exc)) from None
    return value


def _events_table(events: list[Any], title: str) -> Table:
    """The events as a table that fits the output's width (see eventline.terminal)."""
    from .terminal import events_table, width

    return events_table(events, total_width=width(), title=title,
                        ascii_only=not sys.stdout.isatty())


@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive); - for stdin."),
    manifest: Optional[str] = typer.Option(None, "--manifest", help="CSV (a path or URL): file,source,published,url,language."),
    db: str = DB_OPTION,
    workers: Optional[int] = typer.Option(None, "--workers", metavar="N", help="spaCy processes, or Dask workers."),
    engine: str = typer.Option("serial", "--engine", metavar="[" + "|".join(ENGINES) + "]",
                               help="How the articles are processed (see eventline.engines)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786)."),
    model: Optional[str] = typer.Option(None, "--model", metavar="PACKAGE", help="spaCy model package to load."),
    show: int = typer.Option(20, "--show", metavar="N", min=0,
                             help="Events printed after the run (the rest: eventline events)."),
) -> None:
    """Read articles, extract events, merge the same event across articles, store them.

    Example:

        eventline run articles/ --manifest articles/manifest.csv --db eventline.db
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    from .engines import get_engine
    from .pipeline import run as run_pipeline
    from .settings import load_settings
    from .terminal import RateColumn, count_records

    try:
        get_engine(engine)  # an unknown name: the error names the engines there are
    except EventlineError as exc:
        _fail(exc)
        return
    try:
        settings = load_settings(workers=workers, model=model)
        total = count_records(paths)  # records, not files: a JSONL file holds many articles
        # sized for 80 columns (a pipe or CI log): the count, rate and time left never squeezed out
        with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=16),
                      MofNCompleteColumn(), RateColumn(), TextColumn("left"), TimeRemainingColumn(),
                      TextColumn("{task.fields[last]}", markup=False),
                      console=err_console, transient=False) as bar:
            task = bar.add_task("Reading", total=total, last="")

            def progress(kind: str, name: str) -> None:
                shown_name = escape(shown(_short(Path(name).name)))  # a file name is never markup
                if kind == "scan":  # the first reading pass (outlet lexicons): no advance
                    bar.update(task, last=shown_name)
                    return
                # every file analysed or skipped advances the bar, whatever became of it
                bar.update(task, description="Extracting", advance=1, last=shown_name)

            report = run_pipeline(paths, manifest=manifest, db=db, settings=settings, engine=engine,
                                  scheduler=scheduler, progress=progress)
            bar.update(task, completed=bar.tasks[0].completed, total=bar.tasks[0].completed)
    except KeyboardInterrupt:
        err_console.print("Interrupted. Every article finished so far is stored; run the same command again to resume.")
        raise typer.Exit(130) from None
    except EventlineError as exc:
        _fail(exc)
        return
    from .store import Store

    with Store(db, readonly=True) as store:
        total_events = store.count_events()
        events = list(itertools.islice(store.iter_events(), show))
    summary = (f"{report.articles} articles read, {report.duplicates} duplicates, "
               f"{len(report.skips)} skipped; {report.events_extracted} event mentions -> "
               f"{report.events_total} events ({report.events_new} new) in {report.seconds:.1f}s")
    out_console.print(summary, markup=False)
    if events:
        lead = f"the first {len(events)} of " if len(events) < total_events else ""
        out_console.print(_events_table(events, f"{lead}{total_events} events in {shown(db)}"))
    if total_events > len(events):
        out_console.print(f"{total_events - len(events)} more: eventline events --db {shown(db)} "
                          f"(filters: --country, --since, --type), or eventline export --db {shown(db)} "
                          "--format acled-csv --out events.csv", markup=False)
    for skip in report.skips[:_SKIPS_SHOWN]:
        out_console.print(f"  skipped {shown(skip.path)}: [{skip.code}] {shown(skip.reason)}",
                          highlight=False, markup=False)
    if len(report.skips) > _SKIPS_SHOWN:
        codes = Counter(skip.code for skip in report.skips[_SKIPS_SHOWN:])
        out_console.print(f"  ... and {len(report.skips) - _SKIPS_SHOWN} more skipped ("
                          + ", ".join(f"{n} {code}" for code, n in codes.most_common())
                          + "); the skips table of the database lists every one.",
                          highlight=False, markup=False)
    missing = report.extra.get("unresolved_places") or {}
    if missing:
        names = ", ".join(shown(m) for m in list(missing)[:15]) + (" ..." if len(missing) > 15 else "")
        out_console.print(f"Places not in the gazetteer ({len(missing)}): {names}. For village-level places "
                          "import a GeoNames dump: eventline gazetteer add XX.zip (or download XX).",
                          highlight=False, markup=False)
    if not report.ok:
        from .errors import NoInputRead

        _fail(NoInputRead("nothing could be read from the inputs given; see the skips above."))


@app.command()
def extract(
    file: str = typer.Argument(..., help="A text or HTML file, or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (ISO)."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet name."),
) -> None:
    """Print the events of one text as JSONL; nothing is stored.

    Example:

        echo "On Saturday rebels captured Kidal." | eventline extract - --published 2012-03-31
    """
    from .pipeline import extract as extract_events

    try:
        published = _published(published)
        text = _read_input(file)
        if text.lstrip().startswith("<"):
            import trafilatura

            text = trafilatura.extract(text) or text
        events = extract_events(text, published=published, source=source, name=file)
    except (EventlineError, ValueError) as exc:
        _fail(exc)
        return
    for e in events:
        sys.stdout.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    if not events:
        where = "the text on standard input" if file == "-" else file
        err_console.print(f"No events found in {where}.", highlight=False, markup=False)
    if published is None and any(e.event_date is None for e in events):
        err_console.print("No publication date was given, so events the text dates only relative to "
                          "it (\"on Saturday\") have no date. Pass --published YYYY-MM-DD.",
                          highlight=False, markup=False)


COUNTRY_OPTION = typer.Option(None, "--country", metavar="NAME", help="Only events in this country (name or ISO code).")
SINCE_OPTION = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="Only events on or after this day.")
UNTIL_OPTION = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Only events on or before this day.")
TYPE_OPTION = typer.Option(None, "--type", metavar="TYPE",
                           help="Only this event type or sub-event type (repeatable), e.g. Battles.")


def _filters(country: Optional[str], since: Optional[str], until: Optional[str],
             types: Optional[list[str]], changed_since: Optional[str] = None,
             per_day: bool = False) -> Any:
    """An ExportFilter from the command line (dates checked, so errors carry a code)."""
    from .export import ExportFilter

    stamp = None
    if changed_since is not None:
        stamp = _unix_time(changed_since)
    return ExportFilter(country=country, since=_iso_day(since) if since else None,
                        until=_iso_day(until) if until else None, types=tuple(types or ()),
                        changed_since=stamp, per_day=per_day)


def _unix_time(value: str) -> int:
    """--changed-since: a Unix time (ACLED's timestamp column) or an ISO date/time (UTC)."""
    import datetime as dt

    from .errors import BadDate

    if value.isdigit():
        return int(value)
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadDate(f"{value!r} is neither a Unix time nor a date.",
                      "Pass the largest timestamp of your last export, or a date like 2012-03-31.") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return int(when.timestamp())


@app.command()
def events(
    db: str = DB_OPTION,
    disagreements: bool = typer.Option(False, "--disagreements", help="Only events whose sources disagree, with each source's value."),
    country: Optional[str] = COUNTRY_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    types: Optional[list[str]] = TYPE_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the events as JSON lines (the JSONL export)."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the events as ACLED CSV."),
) -> None:
    """Show the stored events as a table (or as JSON lines / ACLED CSV).

    Example:

        eventline events --db eventline.db --country Mali --since 2012-03-01 --type Battles
        eventline events --db eventline.db --disagreements
    """
    from .store import Store

    try:
        _need_db(db)
        flt = _filters(country, since, until, types)
        if as_json or as_csv:
            from .export import export_events

            export_events(db, "jsonl" if as_json else "acled-csv", None, filters=flt,
                          warn=lambda m: err_console.print(f"Warning: {m}", highlight=False, markup=False))
            return
        with Store(db, readonly=True) as store:
            found = store.disagreements() if disagreements else store.iter_events()
            rows = [e for e in found if flt.keeps(e, 0)]
    except EventlineError as exc:
        _fail(exc)
        return
    if not rows:
        out_console.print("No events" + (" with disagreements" if disagreements else "")
                          + (" match these filters." if (country or since or until or types) else "."),
                          markup=False)
        return
    out_console.print(_events_table(rows, f"{len(rows)} events" + (" with disagreements" if disagreements else "")))
    if disagreements:
        for e in rows:
            # event fields come from article text: escaped so "[...]" is never read as markup
            out_console.print(f"[bold]{e.event_id}[/] {escape(shown(f'{e.event_date} {e.sub_event_type} {e.location or e.country}'))}: "
                              f"{escape(shown(', '.join(e.disagreements)))}", highlight=False)
            for v in e.field_values:
                if v.field.split(":")[0] in e.disagreements:
                    out_console.print(f"    {v.field} = {v.value!r}  ({shown(v.doc)})", highlight=False, markup=False)


@app.command()
def export(
    db: str = DB_OPTION,
    format: str = typer.Option(..., "--format", "-f", metavar="[" + "|".join(FORMATS) + "]",
                               help="The file format."),
    out: Optional[str] = typer.Option(None, "--out", "-o", metavar="FILE", help="Output file; - or omitted: standard output."),
    country: Optional[str] = COUNTRY_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    types: Optional[list[str]] = TYPE_OPTION,
    changed_since: Optional[str] = typer.Option(
        None, "--changed-since", metavar="TIME",
        help="Only events changed since (a Unix time, as in the timestamp column, or a date): "
             "incremental updates."),
    per_day: bool = typer.Option(False, "--per-day", help="One row a day for multi-day events, as ACLED codes them."),
    extras: bool = typer.Option(False, "--extras", help="ACLED CSV: append eventline's columns (location_as_written, "
                                "fatality range, confidence, event_id, ...)."),
) -> None:
    """Export stored events as JSONL, ACLED CSV, GeoJSON or (Geo)Parquet.

    Example:

        eventline export --db eventline.db --format acled-csv --out events.csv
        eventline export --format acled-csv --country Mali --since 2012-03-01 --per-day
        eventline export --format parquet --out events.parquet --changed-since 1700000000
    """
    from .export import export_events

    try:
        _need_db(db)
        flt = _filters(country, since, until, types, changed_since, per_day)
        n = export_events(db, format, None if out in (None, "-") else out, filters=flt, extras=extras,
                          warn=lambda m: err_console.print(f"Warning: {shown(m)}", highlight=False, markup=False))
    except EventlineError as exc:
        _fail(exc)
        return
    if out not in (None, "-"):
        err_console.print(f"{n} events written to {out}")


@app.command()
def compare(
    acled: Path = typer.Option(..., "--acled", metavar="EXPORT.csv",
                               help="An ACLED export (CSV from ACLED's export tool or API)."),
    db: str = DB_OPTION,
    country: Optional[str] = typer.Option(None, "--country", metavar="NAME",
                                          help="Only this country (name or ISO code)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="First day compared."),
    until: Optional[str] = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Last day compared."),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the counts as CSV."),
) -> None:
    """Which ACLED events eventline also found, which only ACLED has, which only eventline has.

    Over the countries and dates both cover (or --country/--since/--until), by
    event type and month, with the matching rules of `eventline eval`.

    Example:

        eventline compare --acled acled_export.csv --db eventline.db --country Mali
    """
    from .eval.compare import compare_acled, format_csv, format_table

    try:
        _need_db(db)
        for value in (since, until):
            if value is not None:
                _iso_day(value)
        result = compare_acled(acled, db, country=country, since=since, until=until)
    except EventlineError as exc:
        _fail(exc)
        return
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif as_csv:
        sys.stdout.write(format_csv(result))
    else:
        sys.stdout.write(format_table(result) + "\n")


def _iso_day(value: str) -> str:
    """A YYYY-MM-DD date, or a coded error that shows the expected form."""
    import datetime as dt

    from .errors import BadDate

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadDate(f"{value!r} is not a date in the form YYYY-MM-DD.",
                      "Write it as e.g. 2012-03-31.") from None


@eval_app.callback()
def eval_events(
    ctx: typer.Context,
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold events (JSONL), e.g. seeds.gold.jsonl."),
    db: str = DB_OPTION,
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Actor alias CSV (default: actors.csv beside the gold file)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score stored events against a gold file: precision, recall, F1, attribute accuracies.

    Example:

        eventline eval --gold ../shared/eval/seeds.gold.jsonl --db eventline.db
    """
    if ctx.invoked_subcommand is not None:
        return
    if gold is None:
        _fail(EventlineError("--gold is required.", "Pass --gold FILE, or use `eventline eval places|dates|wikievents`."))
        return
    from .eval.events import evaluate_db, format_report

    try:
        _need_db(db)
        result = evaluate_db(db, gold, aliases_path=aliases)
    except EventlineError as exc:
        _fail(exc)
        return
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(result) + "\n")


@eval_app.command("places")
def eval_places(
    path: Path = typer.Argument(..., help="LGL-format XML (e.g. ../shared/dev/geoparsing/lgl.xml)."),
    limit: Optional[int] = typer.Option(None, "--limit", metavar="N", help="Only the first N articles."),
    outlet_lexicon: bool = typer.Option(True, "--outlet-lexicon/--no-outlet-lexicon",
                                        help="Learn each outlet's (domain's) home regions from "
                                             "its articles, as `run` does."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Geoparsing: share of gold place mentions found and resolved within 161 km.

    Example:

        eventline eval places ../shared/dev/geoparsing/lgl.xml --limit 50
    """
    from .eval.places import evaluate_lgl, format_report

    try:
        result = evaluate_lgl(path, limit=limit, outlets=outlet_lexicon)
    except (EventlineError, OSError) as exc:
        _fail(exc)
        return
    sys.stdout.write((json.dumps(result, indent=2, default=str) if as_json else format_report(result)) + "\n")


@eval_app.command("dates")
def eval_dates(
    path: Path = typer.Argument(..., help="MEANTIME folder (e.g. ../shared/dev/temporal/meantime)."),
    limit: Optional[int] = typer.Option(None, "--limit", metavar="N", help="Only the first N articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Temporal: share of gold time expressions found with the exact gold value.

    Example:

        eventline eval dates ../shared/dev/temporal/meantime
    """
    from .eval.dates import evaluate_meantime, format_report

    try:
        result = evaluate_meantime(path, limit=limit)
    except (EventlineError, OSError) as exc:
        _fail(exc)
        return
    sys.stdout.write((json.dumps(result, indent=2, default=str) if as_json else format_report(result)) + "\n")


@eval_app.command("wikievents")
def eval_wikievents(
    path: Path = typer.Argument(..., help="WikiEvents JSONL (e.g. ../shared/dev/events/wikievents-dev.jsonl)."),
    limit: Optional[int] = typer.Option(None, "--limit", metavar="N", help="Only the first N articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Events: detection recall and attacker/victim/place accuracy on WikiEvents.

    Example:

        eventline eval wikievents ../shared/dev/events/wikievents-dev.jsonl
    """
    from .eval.wikievents import evaluate_wikievents, format_report

    try:
        result = evaluate_wikievents(path, limit=limit)
    except (EventlineError, OSError) as exc:
        _fail(exc)
        return
    sys.stdout.write((json.dumps(result, indent=2, default=str) if as_json else format_report(result)) + "\n")


@eval_app.command("acled")
def eval_acled(
    path: Path = typer.Argument(..., help="A CSV in ACLED's export columns (event_date, notes, ...)."),
    limit: Optional[int] = typer.Option(None, "--limit", metavar="N", help="Score N rows spread evenly through the file."),
    half: Optional[int] = typer.Option(None, "--half", min=1, max=2,
                                       help="Score one stable half of the rows (1 or 2)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    model: Optional[Path] = typer.Option(None, "--model",
                                         help="A typer trained with `eventline train` (default: the shipped one)."),
) -> None:
    """Events: how eventline codes ACLED's own event notes (type, place, actor1, fatalities).

    Each row's notes are extracted as an article published on its event date.

    Example:

        eventline eval acled acled_export.csv --limit 500
        eventline eval acled acled_export.csv --half 2 --model ~/.local/share/eventline/typers/acled
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .eval.acled import evaluate_acled, format_report
    from .settings import load_settings

    settings = load_settings()
    if model is not None:
        settings["typer_model"] = str(model)
    try:
        with Progress(BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err_console, transient=True) as bar:
            task = bar.add_task("rows", total=None)
            result = evaluate_acled(path, limit=limit, half=half, settings=settings,
                                    progress=lambda done, total: bar.update(task, completed=done, total=total))
    except (EventlineError, OSError) as exc:
        _fail(exc)
        return
    sys.stdout.write((json.dumps(result.as_dict(), indent=2) if as_json else format_report(result)) + "\n")


@app.command()
def train(
    acled: Path = typer.Option(..., "--acled", help="Your ACLED export (CSV with notes and sub_event_type)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the model (default: DATA_DIR/typers/acled)."),
    half: Optional[int] = typer.Option(None, "--half", min=1, max=2,
                                       help="Train on one stable half of the rows (score on the other)."),
    mix: bool = typer.Option(True, "--mix/--no-mix", help="Add the shipped corpus (its non-event sentences)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder to mix in (default: the shipped one)."),
) -> None:
    """Train a local event typer from your own ACLED export; it stays on this machine.

    Example:

        eventline train --acled my_acled_export.csv --half 1
        eventline eval acled my_acled_export.csv --half 2 --model ~/.local/share/eventline/typers/acled
    """
    from .eventmodel import train_from_acled
    from .settings import data_dir

    target = out or data_dir() / "typers" / "acled"
    try:
        model = train_from_acled(acled, target, half=half, mix=mix, corpus=corpus)
    except (EventlineError, OSError) as exc:
        _fail(exc)
        return
    rows = model.meta["trained_on"]
    out_console.print(
        f"Trained {escape(model.name)} on {rows['acled_rows']} ACLED rows"
        f"{' (half ' + str(half) + ')' if half else ''} and {rows['corpus_examples']} corpus sentences; "
        f"written to {escape(str(target))}.\nUse it with `typer_model = \"{escape(str(target))}\"` in "
        "eventline.toml, EVENTLINE_TYPER_MODEL, or `eventline eval acled --model`.", highlight=False)


@app.command()
def places(file: str = typer.Argument(..., help="A text file, or - for stdin.")) -> None:
    """Print the place mentions of a text, resolved to coordinates, as JSONL.

    Example:

        echo "Fighting north of Gao, in northern Mali." | eventline places -
    """
    from .components import components
    from .places import places_jsonl
    from .settings import load_settings

    try:
        text = _read_input(file)
        model, gazetteer, *_ = components(load_settings())
        for row in places_jsonl(text, gazetteer=gazetteer, doc=model(text)):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    except EventlineError as exc:
        _fail(exc)


@app.command()
def dates(
    file: str = typer.Argument(..., help="A text file, or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (ISO)."),
) -> None:
    """Print the time expressions of a text, resolved against the publication date, as JSONL.

    Example:

        echo "A day earlier, on Saturday, ..." | eventline dates - --published 2013-01-21
    """
    from .dates import dates_jsonl

    try:
        published = _published(published)
        text = _read_input(file)
        for row in dates_jsonl(text, published):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    except (EventlineError, ValueError) as exc:
        _fail(exc)


@gazetteer_app.command("add")
def gazetteer_add(paths: list[Path] = typer.Argument(..., help="GeoNames dumps: XX.txt or XX.zip.")) -> None:
    """Import GeoNames country dumps into the local gazetteer (once; re-importing is a no-op).

    Example:

        eventline gazetteer add ML.zip NE.txt
    """
    from .gazetteer import load_gazetteer

    try:
        n = load_gazetteer().add_dump(paths)
    except (EventlineError, OSError) as exc:
        _fail(exc)
        return
    out_console.print(f"{n} places imported.")


@gazetteer_app.command("download")
def gazetteer_download(codes: list[str] = typer.Argument(..., help="ISO country codes, e.g. ML NE BF.")) -> None:
    """Download GeoNames country dumps (needs network) and import them.

    Example:

        eventline gazetteer download ML
    """
    from .gazetteer import load_gazetteer

    try:
        gaz = load_gazetteer()
        files = gaz.download([c.upper() for c in codes])
        n = gaz.add_dump(files)
    except EventlineError as exc:
        _fail(exc)
        return
    out_console.print(f"{n} places imported from {', '.join(str(f) for f in files)}.")


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """Show what the gazetteer holds.

    Example:

        eventline gazetteer info
    """
    from .gazetteer import load_gazetteer

    try:
        stats = load_gazetteer().stats()
    except EventlineError as exc:
        _fail(exc)
        return
    for k, v in stats.items():
        out_console.print(f"{k}: {v}", highlight=False)


@app.command()
def report(
    db: str = DB_OPTION,
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="HTML file to write."),
    tile_url: Optional[str] = typer.Option(None, "--tile-url", help="Map tile URL template; '' for outlines only (offline)."),
) -> None:
    """Write one self-contained HTML report: map, timeline, table, evidence in context.

    Example:

        eventline report --db eventline.db --out report.html
    """
    from .web.report import write_report

    try:
        _need_db(db)
        path = write_report(db, out, tile_url=tile_url)
    except EventlineError as exc:
        _fail(exc)
        return
    out_console.print(f"Report written to {shown(path)}", highlight=False, markup=False)


@app.command()
def serve(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (beyond localhost needs a token)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    token: Optional[str] = typer.Option(None, "--token", envvar="EVENTLINE_TOKEN", help="Token required for write actions."),
    read_only: bool = typer.Option(False, "--read-only", help="Serve the views without review actions."),
) -> None:
    """Serve the review UI: confirm, reject, edit, merge and split events, with an audit trail.

    Example:

        eventline serve --db eventline.db --port 8000
    """
    from .web.app import serve as serve_app

    try:
        _need_db(db)
        _port_free(host, port)  # before the URL is printed: no URL for a server that never starts
        err_console.print(f"Review UI on http://{host}:{port}/ (Ctrl-C to stop)")
        serve_app(db, host=host, port=port, token=token, read_only=read_only)
    except EventlineError as exc:
        _fail(exc)


def _port_free(host: str, port: int) -> None:
    import socket

    from .errors import PortInUse

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise PortInUse(f"Port {port} on {host} cannot be used ({exc.strerror or exc}): "
                            "another program probably listens there.",
                            f"Pass another port, e.g. --port {port + 1}, or stop that program.") from None


def main() -> None:  # pragma: no cover - the console script
    """Entry point: library errors are already reported by each command; this catches
    what escapes (a disk full, a locked database) so users see a message, not a traceback."""
    import sqlite3

    try:
        app()
    except sqlite3.Error as exc:
        from .errors import StoreError

        err = StoreError(f"the database could not be used ({shown(exc)}).",
                         "Check that no other program holds it and that the disk has room.")
        err_console.print(f"Error: {err}", highlight=False, markup=False)
        raise SystemExit(1) from None
    except OSError as exc:
        err_console.print(f"Error: {shown(exc.strerror or exc)}: {shown(exc.filename or '')}. Check the "
                          "path and its permissions.", highlight=False, markup=False)
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
