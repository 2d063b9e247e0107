"""The ``eventline`` command: thin Typer commands over the Python API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .errors import EventlineError

app = typer.Typer(
    help="Turn news reports about armed conflict into a sourced, geocoded, dated event dataset.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score eventline against reference data.", invoke_without_command=True)
gazetteer_app = typer.Typer(help="The offline place gazetteer.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")

# Piped output (CI logs, files) gets a wide table instead of Rich's 80-column default.
out_console = Console() if sys.stdout.isatty() else Console(width=180)
err_console = Console(stderr=True)

DB_OPTION = typer.Option("eventline.db", "--db", help="SQLite database file.")


def shown(text: Any) -> str:
    """``text`` safe to print to a terminal: control characters (ESC of ANSI sequences,
    OSC titles, C1 codes, newlines inside a name) written as escapes like ``\\x1b``.

    File names and article fields are untrusted; printed raw, ``ESC[2J`` clears the
    user's screen.
    """
    import unicodedata

    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch == " " or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
                   else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for ch in text)


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
    if not Path(db).is_file():
        from .errors import StoreError

        raise StoreError(f"No database at {db}.",
                         "Run `eventline run ARTICLES... --db FILE` first, or pass --db.")


def _events_table(events: list[Any], title: str) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in ("date", "type", "sub-type", "actor 1", "actor 2", "location", "fatal.", "src"):
        table.add_column(col, overflow="fold", no_wrap=col in {"date", "fatal.", "src"})
    for e in events:
        date = e.event_date or "?"
        if e.date_end:
            date += f"..{e.date_end[5:]}"
        cells = (date, e.event_type, e.sub_event_type, e.actor1 or "", e.actor2 or "",
                 e.location or e.country or "", str(e.fatalities if e.fatalities_best is not None else ""),
                 str(len(e.sources)))
        table.add_row(*(escape(shown(c)) for c in cells))  # fields come from article text, never markup
    return table


@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive); - for stdin."),
    manifest: Optional[str] = typer.Option(None, "--manifest", help="CSV (a path or URL): file,source,published,url,language."),
    db: str = DB_OPTION,
    workers: Optional[int] = typer.Option(None, "--workers", help="spaCy processes, or Dask workers."),
    engine: str = typer.Option("serial", "--engine", help="serial or dask (see eventline.engines)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model package to load."),
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
        TimeElapsedColumn,
    )

    from .engines import get_engine
    from .pipeline import run as run_pipeline
    from .settings import load_settings

    try:
        get_engine(engine)  # an unknown name: the error names the engines there are
    except EventlineError as exc:
        _fail(exc)
        return
    try:
        settings = load_settings(workers=workers, model=model)
        total = _count_inputs(paths)
        with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TextColumn("{task.fields[last]}"), TimeElapsedColumn(),
                      console=err_console, transient=False) as bar:
            task = bar.add_task("Reading articles", total=total, last="")

            def progress(kind: str, name: str) -> None:
                shown_name = escape(shown(Path(name).name))  # a file name is never markup
                if kind == "scan":  # the first reading pass (outlet lexicons): no advance
                    bar.update(task, last=f"reading: {shown_name}")
                    return
                # every file analysed or skipped advances the bar, whatever became of it
                bar.update(task, description="Extracting events", advance=1,
                           last=f"{kind}: {shown_name}")

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
        events = list(store.iter_events())
    out_console.print(_events_table(events, f"{len(events)} events in {db}"))
    summary = (f"{report.articles} articles read, {report.duplicates} duplicates, "
               f"{len(report.skips)} skipped; {report.events_extracted} event mentions -> "
               f"{report.events_total} events ({report.events_new} new) in {report.seconds:.1f}s")
    out_console.print(summary)
    for skip in report.skips:
        out_console.print(f"  skipped {shown(skip.path)}: [{skip.code}] {shown(skip.reason)}",
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


def _count_inputs(paths: list[str]) -> int | None:
    """Number of files under the inputs, for the progress bar (None when unknown)."""
    n = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        if path.is_dir():
            n += sum(1 for f in path.rglob("*") if f.is_file() and f.suffix.lower() in
                     {".txt", ".html", ".htm", ".jsonl", ".warc", ".gz", ".text", ".md"})
        else:
            n += 1
    return n or None


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


@app.command()
def events(
    db: str = DB_OPTION,
    disagreements: bool = typer.Option(False, "--disagreements", help="Only events whose sources disagree, with each source's value."),
) -> None:
    """Show the stored events as a table.

    Example:

        eventline events --db eventline.db --disagreements
    """
    from .store import Store

    try:
        _need_db(db)
        with Store(db, readonly=True) as store:
            rows = list(store.disagreements() if disagreements else store.iter_events())
    except EventlineError as exc:
        _fail(exc)
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
    format: str = typer.Option(..., "--format", "-f", help="jsonl, acled-csv, geojson or parquet."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file; - or omitted: standard output."),
) -> None:
    """Export stored events as JSONL, ACLED CSV, GeoJSON or Parquet.

    Example:

        eventline export --db eventline.db --format acled-csv --out events.csv
    """
    from .export import export_events

    try:
        _need_db(db)
        n = export_events(db, format, None if out in (None, "-") else out,
                          warn=lambda m: err_console.print(f"Warning: {shown(m)}", highlight=False, markup=False))
    except EventlineError as exc:
        _fail(exc)
        return
    if out not in (None, "-"):
        err_console.print(f"{n} events written to {out}")


@eval_app.callback()
def eval_events(
    ctx: typer.Context,
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold events (JSONL), e.g. seeds.gold.jsonl."),
    db: str = DB_OPTION,
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Actor alias CSV (default: actors.csv beside the gold file)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
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
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N articles."),
    outlet_lexicon: bool = typer.Option(True, "--outlet-lexicon/--no-outlet-lexicon",
                                        help="Learn each outlet's (domain's) home regions from "
                                             "its articles, as `run` does."),
    as_json: bool = typer.Option(False, "--json"),
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
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N articles."),
    as_json: bool = typer.Option(False, "--json"),
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
    limit: Optional[int] = typer.Option(None, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
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
    limit: Optional[int] = typer.Option(None, "--limit", help="Score N rows spread evenly through the file."),
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
        err_console.print(f"Review UI on http://{host}:{port}/ (Ctrl-C to stop)")
        serve_app(db, host=host, port=port, token=token, read_only=read_only)
    except EventlineError as exc:
        _fail(exc)


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
