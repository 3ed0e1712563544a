"""Safe SPARQL: read a query, refuse what it may not do, bind parameters, explain syntax errors.

A query is parsed with rdflib's SPARQL parser before any engine sees it, and the parse tree is
walked for what could reach outside the store: ``SERVICE``, ``LOAD``, ``FROM``/``FROM NAMED``/
``USING`` naming a graph the store does not hold, and updates. Engines run it afterwards
(``kg.store`` locally, ``kg.endpoint`` over HTTP).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox

from kg.errors import QueryError, UsageError
from kg.vocab import PREFIXES

QUERY_FORMS = ("select", "ask", "construct", "describe", "update")
_FORM_OF_NODE = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}
_UPDATE_OPS = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}
# Keywords that, when the parser cannot read a query, make it unsafe to hand to an engine at all.
_RISKY_WORDS = {"SERVICE", "LOAD", "FROM", "USING", "WITH", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?:[\w\-:%\u00b7\u00c0-\uffff]|\\.|\.(?=[\w\-:%]))*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """SPARQL's lexical tokens, enough to tell keywords from strings, IRIs, names and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "comment":
            yield Token(kind, match.group(), match.start())


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a string offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def offset_of(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    return sum(len(part) + 1 for part in lines[: line - 1]) + col - 1


@dataclass(frozen=True)
class Prepared:
    """A query that passed the safety checks, ready for an engine."""

    text: str  # what is sent to the engine: the user's query with bound parameters
    source: str  # where it came from: a file name, ``query`` or ``<stdin>``
    form: str  # one of QUERY_FORMS
    datasets: tuple[str, ...] = ()  # graph IRIs of FROM / FROM NAMED / USING
    original: str = ""  # the query as the user wrote it, for error positions
    inserted: tuple[int, int] | None = None  # (offset, length) of text inserted by bindings
    parse_error: tuple[int, int] | None = None  # (line, col) where rdflib's parser stopped, if it did

    @property
    def is_update(self) -> bool:
        return self.form == "update"


# ------------------------------------------------------------------ named queries


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in kg/queries: its first comment line is its description."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]  # (variable, what to give) from ``# param: VAR - text`` lines
    text: str

    @property
    def source(self) -> str:
        return f"{self.name}.rq"


def _read_named(name: str, text: str) -> NamedQuery:
    description, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith("param:"):
            var, _, what = body[6:].strip().partition(" - ")
            params.append((var.strip().lstrip("?$"), what.strip()))
        elif not description:
            description = body
    return NamedQuery(name, description, tuple(params), text)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries by name (file name without ``.rq``), sorted."""
    folder = resources.files("kg.queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = _read_named(name, entry.read_text(encoding="utf-8"))
    return found


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise UsageError(
            f"no named query {name!r}", where="query", hint=f"use one of: {', '.join(queries)} (kg query --list)"
        )
    return queries[name]


def looks_like_name(text: str) -> bool:
    """A bare word such as ``contested`` names a shipped query; anything else is SPARQL."""
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", text.strip()) is not None


# ------------------------------------------------------------------ parameters


def term(value: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """A command-line value as a SPARQL term: ``<iri>``, a known ``prefix:name`` or an absolute IRI, else a string."""
    candidate = None
    if value.startswith("<") and value.endswith(">"):
        candidate = value[1:-1]
    elif re.fullmatch(r"[A-Za-z][\w.-]*:\S*", value):
        prefix, _, local = value.partition(":")
        if prefix in prefixes and not local.startswith("//"):
            candidate = prefixes[prefix] + local
        elif re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://\S+|urn:\S+", value):
            candidate = value
    if candidate is not None:
        try:
            return str(ox.NamedNode(candidate))
        except ValueError as exc:
            raise UsageError(f"{value!r} is not a valid IRI ({exc})", where="--bind", hint="quote it as text or fix the IRI") from exc
    return str(ox.Literal(value))


def _where_brace(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE clause."""
    seen_where = False
    first_brace = None
    for tok in tokens(text):
        if tok.kind == "word" and tok.text.upper() == "WHERE":
            seen_where = True
        elif tok.kind == "other" and tok.text == "{":
            if seen_where:
                return tok.start + 1
            if first_brace is None:
                first_brace = tok.start + 1
        elif tok.kind == "word" and tok.text.upper() == "CONSTRUCT":
            first_brace = -1  # a CONSTRUCT's first brace opens its template, not its pattern
    return first_brace if first_brace and first_brace > 0 else None


def bind(text: str, values: Mapping[str, str], *, source: str = "query") -> tuple[str, tuple[int, int] | None]:
    """Bind variables by a ``VALUES`` block opening the WHERE clause: every engine and endpoint reads it the same."""
    if not values:
        return text, None
    for name in values:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError(f"{name!r} is not a variable name", where="--bind", hint="write --bind NAME=VALUE, NAME without ?")
    at = _where_brace(text)
    if at is None:
        raise UsageError("cannot bind parameters: the query has no WHERE clause", where=source, hint="add WHERE { ... }")
    block = " " + " ".join(f"VALUES ?{name} {{ {value} }}" for name, value in values.items()) + " "
    return text[:at] + block + text[at:], (at, len(block))


# ------------------------------------------------------------------ safety


def _walk(node) -> Iterator[object]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, CompValue):
            stack.extend(dict.values(item))
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


def _parse(text: str):
    """rdflib's parse tree of a query or an update, or the parse error of the query reading."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(text), None
    except ParseException as query_error:
        try:
            return parseUpdate(text), None
        except ParseException:
            return None, query_error


def _node_name(item) -> str | None:
    return getattr(item, "name", None) if hasattr(item, "name") and isinstance(item, dict) else None


def _iri(value, declared: Mapping[str, str], text: str, source: str) -> str | None:
    """A parsed IRI or prefixed name as a string; None for a variable."""
    from rdflib.term import URIRef, Variable

    if isinstance(value, Variable):
        return None
    if isinstance(value, URIRef):
        return str(value)
    if _node_name(value) == "pname":
        prefix, local = value.get("prefix") or "", value.get("localname") or ""
        if prefix not in declared:
            raise undeclared_prefix(text, prefix, source, declared)
        return declared[prefix] + local
    return str(value)


def _risky_words(text: str) -> list[Token]:
    return [tok for tok in tokens(text) if tok.kind == "word" and tok.text.upper() in _RISKY_WORDS]


def _guess_form(text: str) -> str:
    for tok in tokens(text):
        if tok.kind == "word" and tok.text.lower() in QUERY_FORMS:
            return tok.text.lower()
    return "select"


def prepare(
    text: str,
    *,
    source: str = "query",
    allow_update: bool = False,
    allow_remote: bool = False,
    graphs: Callable[[], Collection[str]] | None = None,
    bindings: Mapping[str, str] | None = None,
    prefixes: Mapping[str, str] = PREFIXES,
) -> Prepared:
    """Check a query against the safety rules and bind its parameters; raise QueryError when it is refused.

    ``graphs`` lists the graph IRIs the target holds (asked only when the query names graphs in
    FROM / FROM NAMED / USING); a graph outside that list needs ``allow_remote``.
    """
    if not text.strip():
        raise QueryError("the query is empty", where=source, hint="give SPARQL as an argument, with -f FILE or on standard input")
    tree, parse_error = _parse(text)
    if tree is None:
        risky = _risky_words(text)
        if risky:
            line, col = parse_error.lineno, parse_error.col
            raise QueryError(
                f"syntax error: {parse_error.msg}",
                where=f"{source}:{line}:{col}",
                hint=f"fix the query (it uses {risky[0].text.upper()}, so it is checked strictly)",
            )
        # rdflib reads less than the engine does; with no risky keyword the engine may judge it.
        text_out, inserted = bind(text, dict(bindings or {}), source=source)
        return Prepared(text_out, source, _guess_form(text), (), text, inserted, (parse_error.lineno, parse_error.col))

    declared = dict(prefixes)
    for item in _walk(tree):
        if _node_name(item) == "PrefixDecl":
            declared[item.get("prefix") or ""] = str(item.get("iri"))
    form, services, datasets, updates = "select", [], [], []
    for item in _walk(tree):
        name = _node_name(item)
        if name in _FORM_OF_NODE:
            form = _FORM_OF_NODE[name]
        elif name in _UPDATE_OPS:
            form = "update"
            updates.append(_UPDATE_OPS[name])
        elif name == "ServiceGraphPattern":
            iri = _iri(item.get("term"), declared, text, source)
            services.append(f"<{iri}>" if iri else "?variable")
        elif name in ("DatasetClause", "UsingClause"):
            iri = _iri(dict.get(item, "default") or dict.get(item, "named"), declared, text, source)
            if iri:
                datasets.append(iri)
    if form == "update" and not allow_update:
        raise QueryError(
            f"{updates[-1] if updates else 'an update'} changes the store; queries are read-only",
            where=source,
            hint="add --update to allow INSERT/DELETE/CLEAR/LOAD",
        )
    if "LOAD" in updates and not allow_remote:
        raise QueryError("LOAD reads a file or the network", where=source, hint="add --allow-remote to allow it")
    if services and not allow_remote:
        raise QueryError(
            f"SERVICE {services[0]} would send a request to another server",
            where=source,
            hint="add --allow-remote to allow federated queries",
        )
    if datasets and not allow_remote:
        known = set(graphs()) if graphs is not None else set()
        outside = [iri for iri in datasets if iri not in known]
        if outside:
            raise QueryError(
                f"FROM <{outside[0]}> names a graph the store does not hold",
                where=source,
                hint="name one of the store's graphs (SELECT DISTINCT ?g { GRAPH ?g {} }) or add --allow-remote",
            )
    text_out, inserted = bind(text, dict(bindings or {}), source=source)
    return Prepared(text_out, source, form, tuple(datasets), text, inserted)


# ------------------------------------------------------------------ errors


def undeclared_prefix(text: str, prefix: str, source: str, known: Mapping[str, str], where: str | None = None) -> QueryError:
    if where is None:
        found = next((tok for tok in tokens(text) if tok.kind == "pname" and tok.text.split(":", 1)[0] == prefix), None)
        where = source if found is None else "{}:{}:{}".format(source, *line_col(text, found.start))
    return QueryError(
        f"undeclared prefix {prefix}:",
        where=where,
        hint=f"declare it (PREFIX {prefix}: <IRI>) or use a prefix the graph knows: {', '.join(sorted(p for p in known if p))}",
    )


_ENGINE_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def engine_syntax_error(message: str, prepared: Prepared, known: Mapping[str, str] = PREFIXES) -> QueryError:
    """Oxigraph's ``error at L:C: ...`` as ``SOURCE:L:C: message - hint``, positions in the user's own text."""
    match = _ENGINE_ERROR.search(message)
    if not match:
        return QueryError(message.splitlines()[0] if message else "invalid query", where=prepared.source, hint="fix the query")
    line, col, detail = int(match[1]), int(match[2]), match[3]
    offset = offset_of(prepared.text, line, col)
    if prepared.inserted is not None:
        at, length = prepared.inserted
        if offset >= at + length:
            offset -= length
        elif offset > at:
            offset = at
    text = prepared.original or prepared.text
    line, col = line_col(text, offset)
    where = f"{prepared.source}:{line}:{col}"
    if "Prefix not found" in detail:
        name = re.search(r"([A-Za-z][\w.-]*)?:[^\s]*$", text[:offset].rstrip() or ":")
        prefix = (name.group(1) or "") if name else ""
        start = text.rfind(prefix + ":", 0, offset)
        if start >= 0:
            where = "{}:{}:{}".format(prepared.source, *line_col(text, start))
        return undeclared_prefix(text, prefix, prepared.source, known, where)
    detail = " ".join(detail.split())
    if len(detail) > 160:
        detail = detail[:157] + "..."
    if prepared.parse_error is not None:
        # Oxigraph often reports where it gave up (the end); rdflib where the broken part begins.
        line, col = prepared.parse_error
        start = offset_of(text, line, col)
        where = f"{prepared.source}:{line}:{col}"
        if start >= len(text.rstrip()) or offset >= len(text.rstrip()) and start == offset:
            return QueryError(f"the query ends too early: {detail}", where=where, hint="close what is open")
        near = next((tok.text for tok in tokens(text[start:])), text[start : start + 10])
        if offset == start:
            return QueryError(f"syntax error at {near!r}: {detail}", where=where, hint="fix the query at that position")
        return QueryError(f"syntax error at {near!r}", where=where, hint="fix the query at that position")
    return QueryError(f"syntax error: {detail}", where=where, hint="fix the query at that position")


# ------------------------------------------------------------------ from the command line to results


def used_prefixes(text: str) -> set[str]:
    """Prefixes the query uses but does not declare."""
    declared, used, after_prefix = set(), set(), False
    for tok in tokens(text):
        if tok.kind == "pname":
            name = tok.text.split(":", 1)[0]
            (declared if after_prefix else used).add(name)
        after_prefix = tok.kind == "word" and tok.text.upper() == "PREFIX"
    return used - declared


def with_prefixes(text: str, prefixes: Mapping[str, str]) -> str:
    """The query with PREFIX lines for the predeclared prefixes it uses, for servers that do not know them.

    They go on the query's first line, so that line numbers in the server's messages stay the user's.
    """
    needed = sorted(p for p in used_prefixes(text) if p in prefixes)
    return "".join(f"PREFIX {p}: <{prefixes[p]}> " for p in needed) + text


@dataclass(frozen=True)
class QueryText:
    """A query read from where the user put it."""

    text: str
    source: str
    named: NamedQuery | None = None


def read_query(query: str | None, file: str | None, stdin) -> QueryText:
    """The query from a positional argument (SPARQL or a shipped query's name), ``-f FILE`` or standard input."""
    if query is not None and file is not None:
        raise UsageError("give the query as an argument or with -f, not both", where="query", hint="drop one")
    if file is not None:
        if file == "-":
            return QueryText(stdin.read(), "<stdin>")
        try:
            with open(file, encoding="utf-8") as handle:
                return QueryText(handle.read(), str(file))
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(getattr(exc, "strerror", None) or str(exc), where=str(file), hint="give a readable UTF-8 .rq file") from None
    if query is None or query == "-":
        if query is None and stdin.isatty():
            raise UsageError("no query given", where="query", hint="give SPARQL, a query name (kg query --list), -f FILE or - for stdin")
        return QueryText(stdin.read(), "<stdin>")
    if looks_like_name(query):
        named = named_query(query)
        return QueryText(named.text, named.source, named)
    return QueryText(query, "query")


def bindings(query: QueryText, args: tuple[str, ...], binds: tuple[str, ...], prefixes: Mapping[str, str] = PREFIXES) -> dict[str, str]:
    """Variable -> SPARQL term from ``--bind VAR=VALUE`` and, for a shipped query, its positional parameters."""
    values: dict[str, str] = {}
    params = query.named.params if query.named else ()
    if len(args) > len(params):
        what = f"{query.named.name} takes {len(params)}" if query.named else "a SPARQL query takes none"
        raise UsageError(f"too many arguments: {what}", where="query", hint="use --bind VAR=VALUE for other variables")
    for (name, _), value in zip(params, args):
        values[name] = term(value, prefixes)
    for item in binds:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"{item!r} is not VAR=VALUE", where="--bind", hint="write --bind target=manager")
        values[name.strip().lstrip("?$")] = term(value, prefixes)
    missing = [(name, what) for name, what in params if name not in values]
    if missing:
        name, what = missing[0]
        raise UsageError(
            f"{query.named.name} needs {name}: {what}", where="query", hint=f"kg query {query.named.name} VALUE (or --bind {name}=VALUE)"
        )
    return values


def run(
    query: QueryText,
    *,
    out: str = "out",
    graph_file: str | None = None,
    endpoint: str | None = None,
    values: Mapping[str, str] | None = None,
    allow_update: bool = False,
    allow_remote: bool = False,
    union: bool = True,
    timeout: float | None = None,
):
    """Check and run a query on the built store, an RDF file or an endpoint: (prepared, results, prefixes)."""
    from pathlib import Path

    if graph_file is not None and endpoint is not None:
        raise UsageError("--graph and --endpoint do not go together", where="query", hint="pick one")
    if endpoint is not None:
        from kg import endpoint as remote

        remote.check_url(endpoint)
        prepared = prepare(
            query.text,
            source=query.source,
            allow_update=allow_update,
            allow_remote=allow_remote,
            graphs=lambda: remote.named_graphs(endpoint, timeout=timeout),
            bindings=values,
        )
        text = with_prefixes(prepared.text, PREFIXES)
        if prepared.is_update:
            remote.update(endpoint, text, timeout=timeout)
            return prepared, None, dict(PREFIXES)
        return prepared, remote.query(endpoint, text, prepared.form, timeout=timeout), dict(PREFIXES)

    from kg.store import Store

    if graph_file is not None:
        if allow_update:
            raise UsageError("--update changes the store, not a --graph file", where="query", hint="drop --graph or --update")
        store = Store.from_file(graph_file)
    else:
        folder = Path(out) / "store"
        store = Store(folder, read_only=not allow_update) if folder.exists() or not allow_update else None
        if store is None:
            raise UsageError("no store here", where=str(folder), hint="run `kg build` first")
    prepared = prepare(
        query.text,
        source=query.source,
        allow_update=allow_update,
        allow_remote=allow_remote,
        graphs=store.named_graphs,
        bindings=values,
        prefixes=store.prefixes,
    )
    return prepared, store.run(prepared, union=union, timeout=timeout), store.prefixes
