"""Runs one SPARQL request in a child process, so that a runaway query can be stopped by killing it.

The parent (``kg.store.run_isolated``) writes a JSON request on standard input; the child answers
on standard output with W3C SPARQL JSON results (SELECT, ASK), N-Triples (CONSTRUCT, DESCRIBE) or
nothing (updates). A query error goes to standard error with exit status 3. Only pyoxigraph is
imported, so the child starts quickly.
"""

from __future__ import annotations

import json
import sys

import pyoxigraph as ox

SYNTAX_ERROR = 3
OTHER_ERROR = 4


def _open(request: dict) -> ox.Store:
    if request.get("store"):
        if request.get("update"):
            return ox.Store(request["store"])
        return ox.Store.read_only(request["store"])
    store = ox.Store()
    if request.get("file"):
        fmt = ox.RdfFormat.from_media_type(request["media_type"])
        store.bulk_load(path=request["file"], format=fmt, base_iri=request.get("base_iri"))
    return store


def main() -> int:
    request = json.loads(sys.stdin.buffer.read())
    try:
        store = _open(request)
        if request.get("update"):
            store.update(request["text"], prefixes=request["prefixes"])
            store.flush()
            return 0
        result = store.query(
            request["text"], prefixes=request["prefixes"], use_default_graph_as_union=request["union"]
        )
        out = sys.stdout.buffer
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, out, format=ox.RdfFormat.N_TRIPLES)
        else:
            result.serialize(out, format=ox.QueryResultsFormat.JSON)
        out.flush()
        return 0
    except SyntaxError as exc:
        sys.stderr.write(str(exc))
        return SYNTAX_ERROR
    except (OSError, ValueError, RuntimeError) as exc:
        sys.stderr.write(str(exc))
        return OTHER_ERROR


if __name__ == "__main__":
    sys.exit(main())
