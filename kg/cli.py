"""The ``kg`` command: parse arguments, call the library, format output. No logic lives here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg import api, contest, export
from kg.errors import KgError


class KgGroup(click.Group):
    """Turns the project's errors into one line on stderr and the right exit status."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"kg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=KgGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="kg")
def main(debug: bool) -> None:
    """Knowledge graphs of contested claims about managers and leaders."""


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--encoding", default=None, help="Encoding of the documents (default: detect).")
def build(paths: tuple[Path, ...], out: Path, encoding: str | None) -> None:
    """Extract PATHS (default: seeds/) and write the graph, HTML, JSON and store under --out."""
    kg = api.build(paths or ("seeds",), out, encoding=encoding)
    ex = kg.extraction
    by_type: dict[str, int] = {}
    for doc in ex.documents:
        for concept in doc.concepts:
            by_type[concept.type] = by_type.get(concept.type, 0) + 1
    contested = contest.contested_claims(ex)
    click.echo(f"documents: {len(ex.documents)}")
    click.echo("concepts: " + ", ".join(f"{n} {t}" for t, n in sorted(by_type.items())))
    click.echo(f"claims: {len(ex.claims())}, contests: {len(ex.contests)}, contested claims: {len(contested)}")
    for claim, standing, attackers in contested[:20]:
        who = claim.asserted_by or "unknown"
        click.echo(f"  [{standing.status}] \"{_short(claim.evidence.text)}\" ({who}, {claim.doc}) - {len(attackers)} against")
    if len(contested) > 20:
        click.echo(f"  ... and {len(contested) - 20} more: kg query contested")
    click.echo(f"wrote {out}/graph.ttl, {out}/graph.html, {out}/extraction.json, {out}/store/")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", default="-", show_default=True, help="JSON file, or - for stdout.")
@click.option("--encoding", default=None, help="Encoding of the documents (default: detect).")
def extract(paths: tuple[Path, ...], output: str, encoding: str | None) -> None:
    """Write the extraction of PATHS as kg-extraction/1 JSON."""
    text = export.extraction_json_text(api.extract(paths, encoding=encoding))
    if output == "-":
        sys.stdout.write(text)
    else:
        from kg.fsutil import atomic_write

        atomic_write(output, text)


@main.command()
@click.argument("sparql")
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Built folder.")
def query(sparql: str, out: Path) -> None:
    """Run a SPARQL query against the built store."""
    kg = api.open_graph(out)
    result = kg.query(sparql)
    for row in result:
        click.echo("\t".join(str(v) for v in row))


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
def eval_(paths: tuple[Path, ...], gold: Path, extraction: Path | None, as_json: bool, encoding: str | None) -> None:
    """Score the extraction of PATHS (default: seeds/) against gold annotations."""
    from kg import evaluate

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


if __name__ == "__main__":
    main()
