"""The ``kg`` command: parse arguments, call the library, format output. No logic lives here."""

from __future__ import annotations

import errno
import json
import re
import sys
import warnings
from pathlib import Path

import click

from kg import api, corpus, export
from kg.errors import KgError, KgWarning


class OneLineError(click.ClickException):
    """What click prints for every error: ``kg: error: WHERE: WHAT - WHAT TO DO`` on stderr."""

    def __init__(self, text: str, exit_code: int):
        super().__init__(text)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.echo(f"kg: error: {self.message}", err=True)


def _command(ctx: click.Context | None) -> str:
    """``kg SUBCOMMAND`` whatever name the program was started under (console script, -m, tests)."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["kg", *reversed(names)])


# `kg` alone prints the help (click raises this UsageError for it).
_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _usage_line(exc: click.UsageError) -> click.ClickException:
    if isinstance(exc, _HELP):
        return exc
    where = _command(exc.ctx)
    what = " ".join(exc.format_message().split()).rstrip(".")
    return OneLineError(f"{where}: {what} - run '{where} --help' for usage", 2)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    click.echo(f"kg: warning: {message}", err=True)


class KgGroup(click.Group):
    """Every error ends in one line on stderr and exit status 2 (usage) or 1; ``--debug`` shows tracebacks.

    Warnings from the library (``KgWarning``: a skipped file, a guessed encoding) print as
    ``kg: warning: WHERE: WHAT - WHAT TO DO``.
    """

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            raise _usage_line(exc) from exc

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.params.get("debug"))
        with warnings.catch_warnings():
            warnings.simplefilter("always", KgWarning)
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except KgError as exc:
                if debug:
                    raise
                raise OneLineError(str(exc).replace("\r", "").replace("\n", " "), exc.exit_code) from exc
            except click.UsageError as exc:
                raise _usage_line(exc) from exc
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except Exception as exc:
                if debug or isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                    raise
                what = " ".join(f"{type(exc).__name__}: {exc}".split())
                where = " ".join(["kg", *filter(None, [ctx.invoked_subcommand])])
                raise OneLineError(f"{where}: internal error: {what} - rerun with kg --debug and report the traceback", 1) from exc


@click.group(cls=KgGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="kg")
def main(debug: bool) -> None:
    """Knowledge graphs of contested claims about managers and leaders."""


class ByteSize(click.ParamType):
    """A size such as 64MB, 500kB, 1.5GB or 1GiB (kB, MB, GB are powers of 1000); a bare number is bytes."""

    name = "SIZE"
    _UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
              "kib": 2**10, "mib": 2**20, "gib": 2**30}

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d*)?)\s*([a-z]*)\s*", str(value), re.IGNORECASE)
        scale = self._UNITS.get(match.group(2).lower()) if match else None
        size = int(float(match.group(1)) * scale) if scale else 0
        if size < 1:
            self.fail(f"{value!r} is not a size such as 64MB, 500kB or 1GiB", param, ctx)
        return size


def _max_document_size(command):
    return click.option(
        "--max-document-size", default=f"{corpus.MAX_DOCUMENT_BYTES // 10**6}MB", show_default=True, type=ByteSize(),
        help="Refuse a document larger than SIZE (in a folder: skip it with a warning); memory grows with a document's size.",
    )(command)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--encoding", default=None, help="Encoding of the documents (default: detect).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Extraction processes [default: all cores].")
@click.option("--incremental/--full", default=True, show_default=True, help="Re-extract only new or changed documents, or everything.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no report.")
@click.option("--merge", "merge", multiple=True, type=click.Path(path_type=Path),
              help="RDF from another tool (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) to add to the graph; repeatable.")
@_max_document_size
def build(paths: tuple[Path, ...], out: Path, encoding: str | None, jobs: int | None, incremental: bool, quiet: bool,
          merge: tuple[Path, ...], max_document_size: int) -> None:
    """Extract PATHS (default: seeds/) and write the graph, HTML, JSON and store under --out."""
    from kg import builder

    with corpus.document_size_limit(max_document_size):
        result = builder.build(
            paths or ("seeds",), out, encoding=encoding, jobs=jobs, incremental=incremental, progress=not quiet, merge=merge
        )
    if quiet:
        return
    s = result.summary
    click.echo(f"documents: {s.documents}")
    click.echo("concepts: " + ", ".join(f"{n} {t}" for t, n in sorted(s.concepts.items())))
    click.echo(f"claims: {s.claims}, contests: {s.contests}, contested claims: {s.contested}")
    for row in s.first_contested:
        click.echo(f"  [{row.status}] \"{_short(row.text)}\" ({row.speaker or 'unknown'}, {row.doc}) - {row.against} against")
    if s.contested > len(s.first_contested):
        click.echo(f"  ... and {s.contested - len(s.first_contested)} more: kg query contested")
    if result.up_to_date:
        click.echo(f"{out}/ is up to date")
    else:
        click.echo(f"wrote {out}/graph.ttl, {out}/graph.html, {out}/extraction.json, {out}/store/")
    rate = f"{result.documents_per_second:,.0f}" if result.documents_per_second >= 10 else f"{result.documents_per_second:.1f}"
    click.echo(
        f"{result.seconds:.1f} s, {rate} documents/s, {result.words_per_second:,.0f} words/s "
        f"({result.extracted} extracted, {result.reused} reused, {result.removed} removed; {result.jobs} jobs)"
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", default="-", show_default=True, help="JSON file, or - for stdout.")
@click.option("--encoding", default=None, help="Encoding of the documents (default: detect).")
@_max_document_size
def extract(paths: tuple[Path, ...], output: str, encoding: str | None, max_document_size: int) -> None:
    """Write the extraction of PATHS as kg-extraction/1 JSON."""
    with corpus.document_size_limit(max_document_size):
        text = export.extraction_json_text(api.extract(paths, encoding=encoding))
    if output == "-":
        sys.stdout.write(text)
    else:
        from kg.fsutil import atomic_write

        atomic_write(output, text)


@main.command(context_settings={"show_default": True})
@click.argument("query", required=False)
@click.argument("args", nargs=-1)
@click.option("-f", "--file", "query_file", default=None, help="Read the query from FILE (- for standard input).")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and exit.")
@click.option("--bind", "binds", multiple=True, metavar="VAR=VALUE", help="Bind ?VAR to an IRI (<...>, prefix:name) or a string.")
@click.option("--out", "out", default="out", type=click.Path(path_type=Path), help="Built folder whose store to query.")
@click.option("--graph", "graph_file", default=None, type=click.Path(path_type=Path), help="Query this Turtle/TriG/N-Triples/N-Quads file instead.")
@click.option("--endpoint", default=None, metavar="URL", help="Query this SPARQL 1.1 endpoint instead.")
@click.option("--format", "fmt", default=None, type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"]), help="Output format [default: table on a terminal, else tsv; turtle for graphs].")
@click.option("-o", "--output", default=None, type=click.Path(path_type=Path), help="Write to FILE; the format follows its extension.")
@click.option("--timeout", default=None, type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Stop the query after SECONDS.")
@click.option("--update", "allow_update", is_flag=True, help="Allow INSERT/DELETE/CLEAR/LOAD (the store is read-only otherwise).")
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE, LOAD and FROM graphs outside the store.")
@click.option("--no-union", is_flag=True, help="Default graph = the store's default graph, not the union of all graphs.")
@click.option("--max-width", default=60, type=click.IntRange(min=0), help="Cut table cells longer than this (0: never).")
@click.pass_context
def query(
    ctx: click.Context, query: str | None, args: tuple[str, ...], query_file: str | None, list_queries: bool,
    binds: tuple[str, ...], out: Path, graph_file: Path | None, endpoint: str | None, fmt: str | None,
    output: Path | None, timeout: float | None, allow_update: bool, allow_remote: bool, no_union: bool, max_width: int,
) -> None:
    """Run a SPARQL query on the built store (or --graph FILE, or --endpoint URL).

    QUERY is SPARQL, the name of a shipped query (see --list) followed by its arguments, or - for
    standard input. ASK prints true or false and exits with 0 or 1.
    """
    from kg import results, sparql

    if list_queries:
        for named in sparql.named_queries().values():
            params = "".join(f" {name.upper()}" for name, _ in named.params)
            click.echo(f"{named.name + params:<36} {named.description}")
        return
    text = sparql.read_query(query, query_file, sys.stdin)
    values = sparql.bindings(text, args, binds)
    if output is not None and fmt is None:
        fmt = results.format_for_path(output)
    prepared, result, prefixes = sparql.run(
        text, out=str(out), graph_file=graph_file, endpoint=endpoint, values=values, allow_update=allow_update,
        allow_remote=allow_remote, union=not no_union, timeout=timeout,
    )
    if prepared.is_update:
        click.echo("update done", err=True)
        return
    terminal = output is None and sys.stdout.isatty()
    fmt = fmt or results.default_format(prepared.form, terminal)
    results.check_format(fmt, prepared.form)
    if output is None:
        results.write(result, fmt, sys.stdout.buffer, prefixes=prefixes, max_width=max_width)
    else:
        import io

        from kg.fsutil import atomic_write

        buffer = io.BytesIO()
        results.write(result, fmt, buffer, prefixes=prefixes, max_width=max_width)
        atomic_write(output, buffer.getvalue())
    if prepared.form == "ask":
        ctx.exit(0 if bool(result) else 1)


@main.command()
@click.option("--endpoint", required=True, metavar="URL", help="The server's Graph Store Protocol URL (Oxigraph: .../store, Fuseki: .../DATASET/data).")
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Built folder whose store to upload.")
@click.option("--timeout", default=None, type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Give up on a request after SECONDS.")
def push(endpoint: str, out: Path, timeout: float | None) -> None:
    """Upload the built graph to a SPARQL server, one named graph per document, each replacing the server's copy."""
    from kg import endpoint as remote
    from kg.store import Store

    remote.check_url(endpoint)
    store = Store(out / "store", read_only=True)
    graphs = ((iri, store.graph_triples(iri)) for iri in store.named_graphs())
    total = count = 0
    for iri, n in remote.push(endpoint, graphs, timeout=timeout):
        total, count = total + n, count + 1
        click.echo(f"{iri}\t{n}")
    click.echo(f"pushed {total} triples in {count} graphs to {endpoint}", err=True)


@main.command()
@click.option("--out", "out", default=None, type=click.Path(path_type=Path), help="HTML file to write [default: STORE_DIR/graph.html].")
@click.option("--focus", default=None, metavar="LABEL", help="Keep only what lies near the node with this label.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0), help="Links to follow from --focus.")
@click.option("--store-dir", "store_dir", default="out", show_default=True, type=click.Path(path_type=Path), help="Built folder (as written by `kg build`).")
def render(out: Path | None, focus: str | None, depth: int, store_dir: Path) -> None:
    """Write the interactive HTML network of a built graph (one offline file)."""
    target = out or store_dir / "graph.html"
    api.open_graph(store_dir).render(target, focus=focus, depth=depth)
    click.echo(f"wrote {target}")


@main.command(name="eval")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--gold", "gold", default="tests/gold", show_default=True, type=click.Path(path_type=Path), help="Folder of gold <doc-stem>.yaml files (and cross.yaml).")
@click.option("--extraction", "extraction", default=None, type=click.Path(path_type=Path), help="Score this kg-extraction/1 JSON instead of extracting PATHS (PATHS then give the texts).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--encoding", default=None, help="Encoding of the documents (default: detect).")
@_max_document_size
def eval_(paths: tuple[Path, ...], gold: Path, extraction: Path | None, as_json: bool, encoding: str | None,
          max_document_size: int) -> None:
    """Score the extraction of PATHS (default: seeds/) against gold annotations."""
    from kg import evaluate

    with corpus.document_size_limit(max_document_size):
        report = evaluate.score_paths(paths or ("seeds",), gold, extraction_file=extraction, encoding=encoding)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console(file=sys.stdout, width=110, highlight=False)
    for table in evaluate.tables(report):
        console.print(table)
    for doc in report.unscored:
        console.print(f"not scored (no gold file): {doc}")
    for doc in report.missing:
        console.print(f"not extracted (gold only): {doc}")


@main.command(name="export")
@click.option("-f", "--format", "fmt", default=None, type=click.Choice(list(export.FORMATS)), help="Output format [default: from -o's extension, else turtle].")
@click.option("-o", "--output", default=None, type=click.Path(path_type=Path), help="File to write (atomically); stdout when absent.")
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Built folder to read.")
def export_(fmt: str | None, output: Path | None, out: Path) -> None:
    """Export the built graph: turtle, trig, nquads, ntriples, jsonld, rdfxml, graphml, gexf, csv, aif, argdown.

    csv writes claims to FILE.csv and contests to FILE-contests.csv beside it, or both tables into FILE.zip.
    """
    from kg.errors import UsageError

    fmt = fmt or (export.format_from_path(output) if output else "turtle")
    if fmt == "csv" and output is None:
        raise UsageError("csv writes two tables", where="--format csv", hint="give -o FILE.csv or -o FILE.zip")
    quads = api.open_graph(out).quads()
    prov = export.build_provenance(out)
    if output is None:
        sys.stdout.buffer.write(export.export_bytes(quads, fmt, prov))
        return
    for path in export.write_export(quads, fmt, output, prov):
        click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Built folder to check when no FILE is given.")
def validate(file: Path | None, out: Path) -> None:
    """Check FILE (any RDF format), or the built graph, against the SHACL shapes; exit 1 on violations."""
    from kg import imports
    from kg import validate as shacl
    from kg.errors import ValidationError

    quads = list(imports.read_rdf(file).quads) if file else api.open_graph(out).quads()
    violations = shacl.validate_quads(quads)
    for violation in violations:
        click.echo(str(violation))
    where = str(file) if file else f"{out}/store"
    if violations:
        raise ValidationError(f"{len(violations)} SHACL violations", where=where, hint="fix the data or the extraction that made it")
    click.echo(f"{where}: conforms ({len(set(quads))} quads)")


if __name__ == "__main__":
    main()
