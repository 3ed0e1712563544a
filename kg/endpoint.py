"""A client for remote SPARQL 1.1 servers: the Protocol for queries and updates, the Graph Store Protocol for uploads.

Plain HTTP with urllib and the standard media types, so it works with any conforming server
(Oxigraph, Apache Jena Fuseki, ...). Only http and https URLs are followed, redirects included.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.errors import KgError, QueryError, QueryTimeout, UsageError

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
FORM = "application/x-www-form-urlencoded"
SPARQL_UPDATE = "application/sparql-update"


class EndpointError(KgError):
    """The server could not be reached or refused the request."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise EndpointError(f"redirected to {newurl}", where=req.full_url, hint="only http and https are followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def check_url(url: str, option: str = "--endpoint") -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{url!r} is not an http(s) URL", where=option, hint="give the server's URL, e.g. http://localhost:7878/query")
    return url


def _send(request: urllib.request.Request, timeout: float | None) -> tuple[bytes, str]:
    """The body and media type of a successful response; one-line errors otherwise."""
    url = request.full_url
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip()
        first = next((line.strip() for line in body.splitlines() if line.strip()), exc.reason or "")
        cls = QueryError if exc.code == 400 else EndpointError
        raise cls(f"HTTP {exc.code}: {first[:300]}", where=url, hint="check the request and the server's log") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise QueryTimeout(f"no answer within {timeout:g} s", where=url, hint="narrow the query or raise --timeout") from None
        raise EndpointError(f"cannot reach the server ({reason})", where=url, hint="check the URL and that the server is running") from None


def query(url: str, text: str, form: str, *, timeout: float | None = None):
    """Run a query on a SPARQL endpoint: pyoxigraph solutions or boolean, or a list of triples."""
    accept = N_TRIPLES if form in ("construct", "describe") else RESULTS_JSON
    data = urllib.parse.urlencode({"query": text}).encode("utf-8")
    request = urllib.request.Request(check_url(url), data=data, method="POST", headers={"Accept": accept, "Content-Type": FORM})
    body, media_type = _send(request, timeout)
    try:
        if form in ("construct", "describe"):
            fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]
        fmt = ox.QueryResultsFormat.from_media_type(media_type) or ox.QueryResultsFormat.JSON
        return ox.parse_query_results(body, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"unreadable {media_type} answer ({exc})", where=url, hint="is this a SPARQL endpoint?") from None


def update(url: str, text: str, *, timeout: float | None = None) -> None:
    """Send a SPARQL update (to the server's update URL, e.g. Oxigraph's /update, Fuseki's /DATASET/update)."""
    request = urllib.request.Request(
        check_url(url), data=text.encode("utf-8"), method="POST", headers={"Content-Type": SPARQL_UPDATE}
    )
    _send(request, timeout)


def named_graphs(url: str, *, timeout: float | None = None) -> list[str]:
    """The IRIs of the endpoint's named graphs."""
    result = query(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "select", timeout=timeout)
    return sorted(row["g"].value for row in result if isinstance(row["g"], ox.NamedNode))


def graph_url(url: str, graph: str) -> str:
    """The Graph Store Protocol address of one named graph (indirect identification: ``?graph=IRI``)."""
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(url: str, graph: str, triples: Iterable[ox.Triple], *, timeout: float | None = None) -> None:
    """Replace one named graph on the server with ``triples`` (Graph Store Protocol PUT)."""
    body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    request = urllib.request.Request(
        graph_url(check_url(url), graph), data=body, method="PUT", headers={"Content-Type": N_TRIPLES}
    )
    _send(request, timeout)


def push(
    url: str, graphs: Iterable[tuple[str, list[ox.Triple]]], *, timeout: float | None = None
) -> Iterator[tuple[str, int]]:
    """Upload graphs one by one, each replacing the server's graph of the same IRI; yields (IRI, triples sent)."""
    check_url(url)
    for graph, triples in graphs:
        put_graph(url, graph, triples, timeout=timeout)
        yield graph, len(triples)
