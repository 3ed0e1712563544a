"""Build orchestration: documents -> extraction (parallel, cached) -> contests -> out/ (atomic, locked).

The output folder is laid out so that a build is published in one atomic step::

    out/.lock                    held (flock) while a build runs
    out/.builds/<generation>/    graph.ttl graph.html extraction.json manifest.json store/
    out/current -> .builds/<generation>
    out/graph.ttl -> current/graph.ttl   (and graph.html, extraction.json, manifest.json, store)
    out/cache/<key>.pickle       one document's extraction, in the pieces a build writes, keyed by content

A build writes a new generation beside the published one and then swaps ``current`` with a single
rename, so a reader (or a build killed at any moment) sees the old complete build or the new one.
A rebuild re-extracts only documents whose content (or the extractor) changed; contests are
recomputed from every document's cached claims. Each cache entry holds the document's Turtle, its
extraction.json item (with a slot for each claim's status) and the rows its graph gives the viewer,
so the outputs are assembled by streaming the entries, with no document held longer than it is
written; only the claims, compact, stay in memory for contest detection, and the viewer's rows wait
in a file until it is done.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import gc
import hashlib
import heapq
import json
import os
import pickle
import queue
import shutil
import sys
import threading
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg import contest, corpus, export, graph, imports, render, turtle
from kg.errors import KgWarning, StoreError
from kg.records import Contest, Document, DocumentExtraction, Extraction, Post, Span, Standing
from kg.vocab import KIND, PREFIXES, STATUS

MANIFEST_FORMAT = "kg-build/1"
OUTPUTS = ("graph.ttl", "graph.html", "extraction.json", "manifest.json", "store")
LOCK_NAME = ".lock"
BUILDS = ".builds"
CURRENT = "current"
CACHE = "cache"


@dataclass(frozen=True)
class DocumentRef:
    """A document found on disk: where it is, its name in the graph, and its content hash."""

    path: Path
    name: str
    sha256: str
    key: str  # the cache key: content, name, encoding and extractor together


@dataclass(frozen=True)
class CacheEntry:
    """What extraction made of one document, in the pieces a build writes, so a rebuild need not extract it again."""

    turtle: bytes  # the document's named graph as Turtle statements, without prefix lines
    json: str  # its extraction.json item, with a NUL where each claim's status goes
    slim: _SlimDocument  # what contest detection reads
    facts: render.Facts  # the rows its named graph gives the viewer
    concepts: tuple[str, ...]  # the type of each concept, for the summary
    words: int
    records: bytes  # the whole DocumentExtraction, pickled: unpickled only when a caller keeps the records

    @property
    def extraction(self) -> DocumentExtraction:
        return pickle.loads(self.records)


CONTESTED_SHOWN = 20


@dataclass(frozen=True)
class ContestedRow:
    """A claim that is not accepted, as the build's report lists it."""

    status: str
    text: str
    speaker: str | None
    doc: str
    against: int


@dataclass(frozen=True)
class Summary:
    """Counts of a built corpus (kept in the manifest, so an up-to-date build can report them)."""

    documents: int = 0
    words: int = 0
    concepts: dict[str, int] = field(default_factory=dict)
    claims: int = 0
    contests: int = 0
    contested: int = 0
    first_contested: tuple[ContestedRow, ...] = ()  # the first CONTESTED_SHOWN, in corpus order


@dataclass(frozen=True)
class BuildResult:
    """What a build did and how fast."""

    out: Path
    summary: Summary
    extracted: int
    reused: int
    removed: int
    seconds: float
    jobs: int
    up_to_date: bool
    extraction: Extraction | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, in the order they ran

    @property
    def documents_per_second(self) -> float:
        return self.summary.documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.summary.words / self.seconds if self.seconds else 0.0


# ---------------------------------------------------------------------------------------- locking


def _where(out: Path) -> str:
    return f"{out}/"


def _write_error(out: Path, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return StoreError("no space left on the device", where=_where(out), hint="free some space or pass another --out")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"cannot write here ({exc.strerror})", where=_where(out), hint="make the folder writable or pass another --out"
        )
    return StoreError(exc.strerror or str(exc), where=_where(out), hint="check the folder and the free space")


@contextmanager
def lock(out: str | Path) -> Iterator[None]:
    """Hold ``out/.lock`` for the duration; a second build on the same folder fails at once.

    The lock is an flock on an open file, so the kernel drops it when the holder dies: a killed
    build never leaves a stale lock behind.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise _write_error(out, exc) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                "another kg build holds the lock",
                where=_where(out),
                hint=f"wait for it or remove {out}/{LOCK_NAME} if no build runs",
            ) from None
        yield
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------ scan and extract


def fingerprint(encoding: str | None) -> str:
    """A hash of the code and data extraction depends on: a change to either invalidates the cache."""
    digest = hashlib.sha256(f"{MANIFEST_FORMAT}\0{encoding or ''}\0".encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    files += sorted(Path(str(p)) for p in resources.files("kg.ontology").iterdir() if p.name.endswith((".ttl", ".yaml")))
    for path in files:
        digest.update(str(path.relative_to(path.parent.parent)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def scan(paths: Iterable[str | Path], finger: str, encoding: str | None = None) -> Iterator[DocumentRef]:
    """Every document under ``paths`` in build order, hashed (``corpus.iter_documents`` decides which)."""
    for path, document in corpus.iter_documents(paths, encoding):
        key = hashlib.sha256(f"{finger}\0{document.name}\0{document.sha256}".encode()).hexdigest()
        yield DocumentRef(path=path, name=document.name, sha256=document.sha256, key=key)


def _turtle_body(quads: Iterable[ox.Quad]) -> bytes:
    """Sorted Turtle statements without the prefix lines (the file carries them once)."""
    text = export.to_turtle(quads)
    lines = text.split(b"\n")
    start = 0
    while start < len(lines) and lines[start].startswith(b"@prefix "):
        start += 1
    return b"\n".join(lines[start:])


STATUS_SLOT = "\x00"  # json.dumps escapes every control character, so a raw NUL marks a slot unambiguously


def _json_item(doc: DocumentExtraction) -> str:
    """The document's item of extraction.json as :meth:`_JsonWriter.item` writes ``kg.export``'s object
    for it, with a STATUS_SLOT for each claim's status.

    Written directly in the item's fixed shape: json.dumps with an indent runs in pure Python and
    cost as much as the rest of a cache entry.
    """
    q = _json_string
    iris = {c.key: graph.claim_iri(c).value for c in doc.claims}  # as export.extraction_to_json keys them

    def mention(m: Span) -> str:
        return f'{{\n{" " * 14}"start": {m.start},\n{" " * 14}"end": {m.end},\n{" " * 14}"text": {q(m.text)}\n{" " * 12}}}'

    def concept(c) -> str:
        fields = (("id", q(graph.concept_iri(c.label).value)), ("label", q(c.label)), ("type", q(c.type)))
        return _json_object(fields + (("mentions", _json_list([mention(m) for m in c.mentions], 10)),), 8)

    def attribution(a) -> str:
        values = (a.role, a.relation, a.concept, a.polarity)
        fields = tuple(zip(("role", "relation", "concept", "polarity"), map(q, values)))
        return _json_object(fields + (("start", a.evidence.start), ("end", a.evidence.end), ("text", q(a.evidence.text))), 8)

    def claim(c) -> str:
        fields = (
            ("id", q(iris[c.key])), ("start", c.evidence.start), ("end", c.evidence.end), ("text", q(c.evidence.text)),
            ("subject", q(c.subject)), ("relation", q(c.relation)), ("object", q(c.object)), ("quantifier", q(c.quantifier)),
            ("polarity", q(c.polarity)), ("modality", _json_optional(c.modality)), ("asserted_by", _json_optional(c.asserted_by)),
            ("status", STATUS_SLOT),
        )
        return _json_object(fields, 8)

    return _json_object(
        (
            ("doc", q(doc.document.name)),
            ("speakers", _json_list([q(name) for name in doc.document.speakers], 6)),
            ("concepts", _json_list([concept(c) for c in doc.concepts], 6)),
            ("attributions", _json_list([attribution(a) for a in doc.attributions], 6)),
            ("claims", _json_list([claim(c) for c in doc.claims], 6)),
        ),
        4,
        first=" " * 4,
    )


_json_string = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) writes, without making an encoder


def _json_optional(text: str | None) -> str:
    return "null" if text is None else _json_string(text)


def _json_object(fields: Iterable[tuple[str, object]], indent: int, first: str = "") -> str:
    """A JSON object whose values are written already, as json.dumps(indent=2) lays it out at ``indent``."""
    inner = ",\n".join(f'{" " * (indent + 2)}"{key}": {value}' for key, value in fields)
    return f"{first}{{\n{inner}\n{' ' * indent}}}"


def _json_list(items: list[str], indent: int) -> str:
    """A JSON list of values written already (objects start with their brace), laid out at ``indent``."""
    if not items:
        return "[]"
    pad = " " * (indent + 2)
    return "[\n" + ",\n".join(pad + item for item in items) + f"\n{' ' * indent}]"


def make_entry(extraction: DocumentExtraction, words: int) -> CacheEntry:
    """The cache entry of one extracted document."""
    return CacheEntry(
        turtle=graph.document_turtle(extraction).encode(),
        json=_json_item(extraction),
        slim=_slim(extraction),
        facts=render.document_facts(extraction),
        concepts=tuple(c.type for c in extraction.concepts),
        words=words,
        records=pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL),
    )


def extract_entry(path: Path, encoding: str | None) -> CacheEntry:
    """Read and extract one document (the unit of work a build process runs)."""
    from kg.rules import extract_document  # spaCy loads in the process that extracts, not before

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KgWarning)  # scan() reported them already, in the parent process
        document = corpus.read_document(path, encoding)
    return make_entry(extract_document(document), len(document.text.split()))


def _worker_init() -> None:
    """Build the pipeline once per process, and die with the parent rather than outlive a killed build."""
    if sys.platform.startswith("linux"):
        try:
            import signal

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass
    from kg import nlp

    nlp.pipeline()


def _work(item: tuple[Path, str | None]) -> bytes:
    return pickle.dumps(extract_entry(*item), protocol=pickle.HIGHEST_PROTOCOL)


def _extract_all(refs: list[DocumentRef], encoding: str | None, jobs: int) -> Iterator[tuple[DocumentRef, bytes]]:
    """Pickled cache entries of ``refs``, in order, from ``jobs`` processes."""
    if jobs <= 1 or len(refs) < 2:
        for ref in refs:
            yield ref, _work((ref.path, encoding))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver, not fork: a forked worker would inherit the lock's file descriptor and the
    # progress thread; the preload imports spaCy once for all workers.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg.rules", "kg.nlp"])
    workers = min(jobs, len(refs))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init) as pool:
        chunk = max(1, min(16, len(refs) // (workers * 8)))
        items = ((ref.path, encoding) for ref in refs)
        yield from zip(refs, pool.map(_work, items, chunksize=chunk))


# ----------------------------------------------------------------------------------- the cache


def _cache_path(out: Path, key: str) -> Path:
    return out / CACHE / f"{key}.pickle"


def _save_entry(out: Path, key: str, data: bytes) -> None:
    # No fsync: the cache is only a cache. A torn entry fails to load and is extracted again.
    path = _cache_path(out, key)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _load_entry(out: Path, ref: DocumentRef, encoding: str | None) -> CacheEntry:
    try:
        entry = pickle.loads(_cache_path(out, ref.key).read_bytes())
        if isinstance(entry, CacheEntry):
            return entry
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError, ImportError):
        pass
    entry = extract_entry(ref.path, encoding)
    _save_entry(out, ref.key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
    return entry


_STRINGS: dict[str, str] = {}  # emptied after each build's contest detection


def _shared(text: str | None) -> str | None:
    """One object per distinct string (None passes): labels, relations and names repeat in a million claims."""
    return None if text is None else _STRINGS.setdefault(text, text)


class _SlimSpan:
    """A claim's evidence as contest detection reads it (``kg.records.Span`` in slots)."""

    __slots__ = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text


class _SlimClaim:
    """A claim as contest detection reads it: ``kg.records.Claim``'s fields in slots, its key made once and
    its repeated strings shared. A build holds every claim at once (a million at 100k documents): a
    Claim record with its Span took about 800 bytes, this about 300."""

    __slots__ = (
        "doc", "evidence", "subject", "relation", "object", "quantifier", "polarity", "modality", "asserted_by", "addressees", "key",
    )

    def __init__(self, doc, start, end, text, subject, relation, obj, quantifier, polarity, modality, asserted_by, addressees):
        self.doc, self.evidence = doc, _SlimSpan(start, end, text)  # a document's claims share its name already
        self.subject, self.relation, self.object = _shared(subject), _shared(relation), _shared(obj)
        self.quantifier, self.polarity, self.modality = _shared(quantifier), _shared(polarity), _shared(modality)
        self.asserted_by, self.addressees = _shared(asserted_by), tuple(map(_shared, addressees))
        self.key = f"{doc}:{start}-{end}:{subject}>{relation}>{obj}"  # as Claim.key makes it

    @classmethod
    def of(cls, c) -> _SlimClaim:
        e = c.evidence
        return cls(c.doc, e.start, e.end, e.text, c.subject, c.relation, c.object, c.quantifier, c.polarity, c.modality, c.asserted_by, c.addressees)

    def __reduce__(self):
        # Rebuilt through __init__ when a cache entry is read, so the strings are shared across documents.
        e = self.evidence
        fields = (self.subject, self.relation, self.object, self.quantifier, self.polarity, self.modality, self.asserted_by)
        return _SlimClaim, (self.doc, e.start, e.end, e.text, *fields, self.addressees)


class _SlimDocument:
    """What contest detection reads of one document: its claims and the rebuttals found in it."""

    __slots__ = ("claims", "rebuttals")

    def __init__(self, claims: tuple, rebuttals: tuple):
        self.claims, self.rebuttals = claims, rebuttals

    def __reduce__(self):
        return _SlimDocument, (self.claims, self.rebuttals)


def _slim(doc: DocumentExtraction) -> _SlimDocument:
    """What contest detection reads (claims and rebuttals), compact (see :class:`_SlimClaim`)."""
    return _SlimDocument(tuple(map(_SlimClaim.of, doc.claims)), doc.rebuttals)


# --------------------------------------------------------------------------------- the manifest


def _read_manifest(out: Path) -> dict | None:
    try:
        data = json.loads((out / CURRENT / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None


def _manifest(
    finger: str, encoding: str | None, refs: list[DocumentRef], words: dict[str, int], digests: dict[str, str], summary: Summary
) -> dict:
    return {
        "format": MANIFEST_FORMAT,
        "fingerprint": finger,
        "encoding": encoding,
        "documents": [
            {
                "name": r.name,
                "path": str(r.path),
                "sha256": r.sha256,
                "key": r.key,
                "graph": graph.document_iri(r.name).value,
                "turtle": digests[r.key],
                "words": words[r.key],
            }
            for r in refs
        ],
        "summary": {
            "documents": summary.documents,
            "words": summary.words,
            "concepts": summary.concepts,
            "claims": summary.claims,
            "contests": summary.contests,
            "contested": summary.contested,
            "first_contested": [vars(row) for row in summary.first_contested],
        },
    }


def _published(out: Path) -> bool:
    return all((out / name).exists() for name in OUTPUTS)


# ------------------------------------------------------------------------------------- writing


def _header() -> bytes:
    probe = ox.Triple(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))
    text = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return b"".join(line + b"\n" for line in text.split(b"\n") if line.startswith(b"@prefix "))


def _section(title: str, body: bytes) -> bytes:
    return f"\n# {title}\n".encode() + body


CHUNK = 20_000  # contests made into JSON objects at once
TURTLE_CHUNK_BYTES = 1 << 20  # the contests graph's Turtle is written in pieces of about this size
REASONING = "contests.pickle"  # in a generation: its contests graph as rows, for the next build's diff


class _Nodes(dict):
    """IRI string -> pyoxigraph node, made on first use (lets graph.reasoning_quads take rows keyed by IRI)."""

    def __missing__(self, iri: str) -> ox.NamedNode:
        node = self[iri] = ox.NamedNode(iri)
        return node


def _reasoning_rows(found, standings, iris) -> tuple[list[tuple], list[tuple]]:
    """The contests graph as rows of IRIs and values: what changes between two builds can be diffed on these.

    ``iris`` maps claim keys to IRI strings, so that rows share one string per claim."""
    contests = [(iris[c.target], iris[c.attacker], c.kind, c.rule, c.evidence.text, c.cross_document) for c in found]
    return contests, [(iris[s.claim], s.status, s.reason) for s in standings]


def _rows_records(contests: Iterable[tuple], standings: Iterable[tuple]) -> tuple[Iterator[Contest], Iterator[Standing]]:
    """Records keyed by IRI for rows, so that kg.graph, kg.export and kg.render (given ``_Nodes()`` as
    the IRIs) write them as they write the records the rows were made from."""
    contest_records = (Contest(t, a, kind, rule, Span(0, 0, evidence), cross) for t, a, kind, rule, evidence, cross in contests)
    return contest_records, (Standing(*row) for row in standings)


def _rows_quads(contests: Iterable[tuple], standings: Iterable[tuple]) -> Iterator[ox.Quad]:
    """The quads :func:`kg.graph.reasoning_quads` writes for these rows."""
    return graph.reasoning_quads(*_rows_records(contests, standings), _Nodes())


def _old_reasoning(out: Path) -> tuple[list, list] | None:
    try:
        with open(out / CURRENT / REASONING, "rb") as handle:
            rows = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return None
    return rows if isinstance(rows, tuple) and len(rows) == 2 else None


def _update_reasoning(store: ox.Store, old: tuple[list, list] | None, new: tuple[list, list]) -> None:
    """Make the store's contests graph, which holds ``old``, hold ``new``: by difference, or whole when ``old`` is unknown."""
    if old is None:
        if store.contains_named_graph(graph.CONTESTS_GRAPH):
            store.remove_graph(graph.CONTESTS_GRAPH)
        store.bulk_extend(_rows_quads(*new))
        return
    # Remove, then add: a triple that a gone row and a new row share (a claim's status, when only
    # the reason changed) is taken out and put back.
    gone = [sorted(set(o) - set(n)) for o, n in zip(old, new)]
    came = [sorted(set(n) - set(o)) for o, n in zip(old, new)]
    for quad in _rows_quads(*gone):
        store.remove(quad)
    store.extend(_rows_quads(*came))


def _reasoning_turtle(contests: list[tuple], standings: list[tuple]) -> Iterator[bytes]:
    """The contests graph of these rows as Turtle statements, byte for byte what ``_turtle_body`` of its
    quads gives, written directly: its shape is fixed, and the general serializer (load, sort,
    parse, print) took minutes at 10k documents."""
    kg_ns = PREFIXES["kg"]

    def term(iri: str) -> str:
        return "kg:" + iri[len(kg_ns) :] if iri.startswith(kg_ns) else f"<{iri}>"

    def objects(values: Iterable[str]) -> str:
        # N-Triples lines are sorted whole: objects of one predicate in the order of "<object> .".
        return " , ".join(sorted(set(values), key=lambda v: v + " ."))

    attacks: dict[str, list[str]] = defaultdict(list)  # attacker -> targets
    nodes: dict[str, list[int]] = defaultdict(list)  # contest node -> its rows (one, unless rows repeat a pair)
    for i, (target, attacker, *_) in enumerate(contests):
        attacks[attacker].append(target)
        nodes[graph.contest_iri(ox.NamedNode(target), ox.NamedNode(attacker)).value].append(i)
    stands: dict[str, list[tuple[str, str]]] = defaultdict(list)  # claim -> (status, reason)
    for claim, status, reason in standings:
        stands[claim].append((status, reason))

    def claim_block(iri: str) -> str:
        lines = []
        if iri in attacks:
            lines.append("kg:contests " + objects(f"<{t}>" for t in attacks[iri]))
        if iri in stands:
            lines.append("kg:status " + objects(term(str(STATUS[s])) for s, _ in stands[iri]))
            lines.append("kg:statusReason " + objects(turtle.string(r) for _, r in stands[iri]))
        return f"<{iri}> " + " ;\n\t".join(lines) + " ."

    def node_block(iri: str) -> str:
        rows = [contests[i] for i in nodes[iri]]
        values = (
            (f"<{r[0]}>" for r in rows),
            (f"<{r[1]}>" for r in rows),
            ("true" if r[5] else "false" for r in rows),
            (turtle.string(r[4]) for r in rows),
            (term(str(KIND[r[2]])) for r in rows),
            (turtle.string(r[3]) for r in rows),
        )
        names = ("kg:contestedClaim", "kg:contestingClaim", "kg:crossDocument", "kg:evidence", "kg:kind", "kg:rule")
        return f"<{iri}> a kg:Contest ;\n\t" + " ;\n\t".join(f"{n} {objects(v)}" for n, v in zip(names, values)) + " ."

    # Subjects in the order of their N-Triples lines, which begin "<iri> ".
    claims = sorted(set(attacks) | set(stands), key=lambda iri: iri + ">")
    subjects = heapq.merge(
        ((iri + ">", claim_block, iri) for iri in claims),
        ((iri + ">", node_block, iri) for iri in sorted(nodes, key=lambda iri: iri + ">")),
    )
    blocks: list[str] = []
    size = 0
    for _, block, iri in subjects:
        blocks.append(block(iri))
        size += len(blocks[-1])
        if size > TURTLE_CHUNK_BYTES:
            yield ("\n" + "\n\n".join(blocks) + "\n").encode()
            blocks, size = [], 0
    if blocks or not (claims or nodes):
        yield ("\n" + "\n\n".join(blocks) + "\n").encode() if blocks else b"\n"


def _contests_json(rows: list[tuple]) -> Iterator[dict]:
    """extraction.json's contests for contest rows, through kg.export, a chunk at a time."""
    for i in range(0, len(rows), CHUNK):
        contests, _ = _rows_records(rows[i : i + CHUNK], ())
        yield from export.contests_to_json(list(contests), _Nodes())


class _JsonWriter:
    """extraction.json written one document at a time; byte-identical to ``export.extraction_json_text``."""

    def __init__(self, handle):
        self.handle = handle
        self.first = True
        handle.write('{\n  "format": ' + json.dumps(export.EXTRACTION_FORMAT) + ',\n  "documents": [')

    @staticmethod
    def item(obj) -> str:
        return "\n".join("    " + line for line in json.dumps(obj, ensure_ascii=False, indent=2).split("\n"))

    def document(self, text: str) -> None:
        """One document's item, as :meth:`item` gave it."""
        self.handle.write(("\n" if self.first else ",\n") + text)
        self.first = False

    def finish(self, contests: Iterable[dict]) -> None:
        self.handle.write(("\n  ]" if not self.first else "]") + ',\n  "contests": ')
        first = True
        for contest_item in contests:
            self.handle.write(("[\n" if first else ",\n") + self.item(contest_item))
            first = False
        self.handle.write("[]" if first else "\n  ]")
        self.handle.write("\n}\n")


TRIG_PART_BYTES = 16 << 20  # Oxigraph's bulk loader holds 10-25 bytes per byte of the file it loads (measured)


class _TrigParts:
    """The TriG a build loads into the store, in files of about TRIG_PART_BYTES, each a whole set of
    graph blocks (a graph may span several blocks and files). ``done`` is called with each file as
    soon as it is complete."""

    def __init__(self, folder: Path, header: bytes, done: Callable[[Path], None] | None = None):
        self.folder, self.header, self.done = folder, header, done
        self.paths: list[Path] = []
        self.handle = None
        self.size = 0

    def graph(self, iri: str, body: bytes) -> None:
        block = f"<{iri}> {{\n".encode() + body + b"}\n"
        if self.handle is None or (self.size and self.size + len(block) > TRIG_PART_BYTES):
            self.close()
            self.paths.append(self.folder / f"load-{len(self.paths):05d}.trig")
            self.handle = open(self.paths[-1], "wb")
            self.handle.write(self.header)
            self.size = 0
        self.handle.write(block)
        self.size += len(block)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            if self.done is not None:
                self.done(self.paths[-1])

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _StoreLoader:
    """A new store filled from TriG parts on a thread of its own while the build goes on: pyoxigraph's
    bulk loader runs without the GIL, so a part loads while documents are extracted and assembled.

    Parts load in the order they are added, each removed once loaded. ``pause`` holds the parts
    not yet started (after the one in progress), so that the loader's buffers (about 25 bytes per
    byte of a part) never come on top of the build's own peak; ``finish`` loads what is left.
    """

    def __init__(self, path: Path):
        self.store = ox.Store(str(path))
        self.parts: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self.allowed = threading.Event()
        self.allowed.set()
        self.busy = threading.Lock()  # held while a part loads
        self.stopping = False
        self.error: BaseException | None = None
        self.count = 0
        self.thread = threading.Thread(target=self._run, name="kg-store-loader", daemon=True)
        self.thread.start()

    def add(self, part: Path) -> None:
        self.count += 1
        self.parts.put(part)

    def _run(self) -> None:
        while (part := self.parts.get()) is not None:
            self.allowed.wait()
            with self.busy:
                if self.stopping or self.error is not None:
                    continue
                try:
                    # lenient: the build wrote these files from IRIs that pyoxigraph has checked already.
                    self.store.bulk_load(path=str(part), format=ox.RdfFormat.TRIG, lenient=True)
                    part.unlink()
                except BaseException as exc:  # raised again by finish(), in the build's thread
                    self.error = exc

    def pause(self) -> None:
        """Start no new part until ``finish``; wait for the one in progress, and raise its error if it failed."""
        self.allowed.clear()
        with self.busy:
            pass
        if self.error is not None:
            raise self.error

    def finish(self) -> ox.Store:
        """Load every part added, and hand the store over (the loader keeps no reference to it)."""
        self.allowed.set()
        self.parts.put(None)
        self.thread.join()
        store, self.store = self.store, None
        if self.error is not None:
            raise self.error
        return store

    def close(self) -> None:
        """Stop (after the part in progress) and let the store go; a finished loader is left as it is."""
        if self.thread.is_alive():
            self.stopping = True
            self.allowed.set()
            self.parts.put(None)
            self.thread.join()
        self.store = None


class _Spool:
    """Objects pickled one after another into a file, read back once in the same order, then removed."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = open(path, "wb")

    def add(self, obj) -> None:
        pickle.dump(obj, self.handle, protocol=pickle.HIGHEST_PROTOCOL)

    def read(self) -> Iterator:
        self.close()
        with open(self.path, "rb") as handle:
            while True:
                try:
                    yield pickle.load(handle)
                except EOFError:
                    break
        self.path.unlink()

    def close(self) -> None:
        self.handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _return_freed_memory() -> None:
    """Give the heap pages freed by the last step back to the system: glibc keeps them otherwise, and
    the next step's peak (the store's loader) comes on top of them."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass  # not glibc: its allocator keeps its own pages


def _fill_slots(source: Path, target, values: Iterator[str], chunk: int = 1 << 20) -> None:
    """Copy ``source`` to the text file ``target``, each STATUS_SLOT replaced by the next of ``values``."""
    with open(source, encoding="utf-8", newline="") as handle:
        while True:
            text = handle.read(chunk)
            if not text:
                break
            pieces = text.split(STATUS_SLOT)
            target.write(pieces[0])
            for piece in pieces[1:]:
                target.write(next(values))
                target.write(piece)



def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for root, _dirs, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(root))


def _swap_link(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one rename."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _publish(out: Path, generation: Path) -> None:
    """Make ``generation`` the build that ``out/`` shows: one atomic rename, then the fixed links."""
    _swap_link(out / CURRENT, f"{BUILDS}/{generation.name}")
    _fsync_dir(out)
    for name in OUTPUTS:
        link = out / name
        target = f"{CURRENT}/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.is_dir() and not link.is_symlink():
            # A folder from before generations: move it aside, then link (once per out/ folder).
            legacy = out / BUILDS / f"legacy-{time.time_ns()}"
            legacy.mkdir(parents=True)
            link.rename(legacy / name)
        _swap_link(link, target)
    _fsync_dir(out)


def _collect_garbage(out: Path, keep: set[str], keys: set[str] | None) -> None:
    """Remove unpublished or superseded generations and, given ``keys``, cache entries no build uses."""
    builds = out / BUILDS
    if builds.is_dir():
        for child in builds.iterdir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
    cache = out / CACHE
    if cache.is_dir():
        for child in cache.iterdir():
            stale = child.name.endswith(".tmp") or (keys is not None and child.suffix == ".pickle" and child.stem not in keys)
            if stale:
                child.unlink(missing_ok=True)


def _current_generation(out: Path) -> str | None:
    link = out / CURRENT
    if link.is_symlink():
        return os.readlink(link).rsplit("/", 1)[-1]
    return None


# --------------------------------------------------------------------------------------- build


class _Progress:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, enabled: bool):
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()

    def task(self, description: str, total: int | None) -> Callable[[int], None]:
        if not self.bar:
            return lambda n=1: None
        task_id = self.bar.add_task(description, total=total)
        return lambda n=1: self.bar.advance(task_id, n)


class _Clock:
    """Seconds spent in each step of a build (BuildResult.timings; the build benchmark reports them)."""

    def __init__(self, started: float):
        self.last = started
        self.steps: dict[str, float] = {}

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.steps[step] = self.steps.get(step, 0.0) + now - self.last
        self.last = now


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def build(
    paths: Iterable[str | Path],
    out: str | Path = "out",
    *,
    encoding: str | None = None,
    jobs: int | None = None,
    incremental: bool = True,
    progress: bool = False,
    keep_extraction: bool = False,
    merge: Iterable[str | Path] = (),
) -> BuildResult:
    """Build ``paths`` into ``out/``; re-extract only what changed unless ``incremental`` is False.

    ``progress`` shows a bar on stderr when it is a terminal. With ``keep_extraction`` the result
    carries the whole :class:`Extraction` (memory grows with the corpus).
    """
    out = Path(out)
    jobs = jobs or default_jobs()
    started = time.perf_counter()
    # RDF from other tools (--merge) is read, safely, before anything is written.
    merged = tuple(imports.read_rdf(path) for path in merge)
    with lock(out):
        _collect_garbage(out, keep={g for g in (_current_generation(out),) if g}, keys=None)
        with _Progress(progress and sys.stderr.isatty()) as bar:
            return _build_locked(list(paths), out, encoding, jobs, incremental, bar, keep_extraction, started, merged)


def _build_locked(paths, out, encoding, jobs, incremental, bar, keep_extraction, started, merged=()) -> BuildResult:
    clock = _Clock(started)
    finger = fingerprint(encoding)
    if merged:
        # Merged files are part of what a build depends on: a different set rebuilds everything.
        finger = hashlib.sha256((finger + "".join(f"\0{m.sha256}" for m in merged)).encode()).hexdigest()
    refs = list(scan(paths, finger, encoding))
    clock.lap("scan")
    previous = _read_manifest(out) if incremental else None
    old_docs = {d["name"]: d for d in previous["documents"]} if previous else {}
    if previous and previous.get("fingerprint") != finger:
        previous, old_docs = None, {}
    if (
        previous
        and not keep_extraction
        and _published(out)
        and [(d["name"], d["key"]) for d in previous["documents"]] == [(r.name, r.key) for r in refs]
    ):
        data = dict(previous["summary"])
        data["first_contested"] = tuple(ContestedRow(**row) for row in data.get("first_contested", ()))
        summary = Summary(**data)
        return BuildResult(out, summary, 0, len(refs), 0, time.perf_counter() - started, jobs, True, timings=clock.steps)

    try:
        (out / CACHE).mkdir(exist_ok=True)
        (out / BUILDS).mkdir(exist_ok=True)
        generation = out / BUILDS / f"{time.time_ns()}-{os.getpid()}"
        generation.mkdir()
    except OSError as exc:
        raise _write_error(out, exc) from exc
    try:
        result = _write_generation(
            refs, out, generation, encoding, jobs, bar, previous, old_docs, finger, keep_extraction, incremental, clock, merged
        )
        _fsync_tree(generation)
        _publish(out, generation)
    except OSError as exc:
        shutil.rmtree(generation, ignore_errors=True)
        raise _write_error(out, exc) from exc
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    keep = {generation.name}
    if previous:
        # The generation just superseded stays one build longer, for readers that still hold its store.
        keep.add(str(previous.get("generation", "")))
    _collect_garbage(out, keep=keep, keys={r.key for r in refs})
    extracted, reused, removed, summary, extraction = result
    clock.lap("publish")
    return BuildResult(
        out, summary, extracted, reused, removed, time.perf_counter() - started, jobs, False, extraction, clock.steps
    )


def _summary_rows(claims, found, standings) -> tuple[int, tuple[ContestedRow, ...]]:
    """How many claims are not accepted, and the first CONTESTED_SHOWN of them as the report lists them.

    The same rows as ``contest.contested_claims`` gives, without building every claim's list of attackers.
    """
    shown: list[int] = []
    count = 0
    for i, standing in enumerate(standings):
        if standing.status != "accepted":
            count += 1
            if len(shown) < CONTESTED_SHOWN:
                shown.append(i)
    against: Counter[str] = Counter()
    wanted = {standings[i].claim for i in shown}
    for c in found:
        if c.target in wanted:
            against[c.target] += 1
        if c.kind == "contradiction" and c.attacker in wanted:
            against[c.attacker] += 1
    # contested_claims maps keys to the last claim of that key; keys repeat only for identical spans.
    by_key = {claims[i].key: claims[i] for i in range(len(claims)) if claims[i].key in wanted}
    rows = []
    for i in shown:
        claim, standing = by_key[standings[i].claim], standings[i]
        rows.append(ContestedRow(standing.status, claim.evidence.text, claim.asserted_by, claim.doc, against[standing.claim]))
    return count, tuple(rows)


def _write_generation(
    refs, out, generation, encoding, jobs, bar, previous, old_docs, finger, keep_extraction, incremental, clock, merged=()
):
    reuse_store = previous is not None and (out / CURRENT / "store").is_dir()
    # A new store fills while the documents are extracted and assembled (it was a serial tail of 60% of
    # a full build); a reused store is updated at the end from the parts of what changed.
    loader = None if reuse_store else _StoreLoader(generation / "store")
    trig = _TrigParts(generation, _header(), loader.add if loader else None)
    try:
        return _write_outputs(
            refs, out, generation, encoding, jobs, bar, previous, old_docs, finger, keep_extraction, incremental, clock, merged,
            reuse_store, trig, loader,
        )
    finally:
        trig.close()
        if loader is not None:
            loader.close()


def _write_outputs(
    refs, out, generation, encoding, jobs, bar, previous, old_docs, finger, keep_extraction, incremental, clock, merged,
    reuse_store, trig, loader,
):
    names = {r.name for r in refs}
    ontology = _turtle_body(graph.ontology_quads())
    if loader is not None:
        trig.graph(graph.ONTOLOGY_GRAPH.value, ontology)
    # A full build trusts no cache entry: it extracts every document again.
    missing = [r for r in refs if not incremental or not _cache_path(out, r.key).exists()]
    loaded: set[str] = set()  # documents whose graphs went to the new store as they were extracted
    advance = bar.task("extract", len(missing))
    for ref, data in _extract_all(missing, encoding, jobs):
        _save_entry(out, ref.key, data)
        if loader is not None:
            trig.graph(graph.document_iri(ref.name).value, pickle.loads(data).turtle)
            loaded.add(ref.name)
        advance()
    clock.lap("extract")

    changed = [r for r in refs if old_docs.get(r.name, {}).get("key") != r.key]
    removed = [name for name in old_docs if name not in names]
    # A reused store's contests graph is updated by difference from the previous build's rows (a
    # rebuild changes a small part of it; removing and reloading it took most of a rebuild's time).
    by_difference = reuse_store and (out / CURRENT / REASONING).is_file()

    # One pass over the cache: each document's Turtle into graph.ttl (and, for the store, the TriG of
    # what changed), its extraction.json item into a skeleton with a slot per claim status, its rows
    # for the viewer into a spool file; only the compact claims contest detection needs stay in memory.
    slim: list[_SlimDocument] = []
    kept: list[DocumentExtraction] = []
    words: dict[str, int] = {}
    digests: dict[str, str] = {}
    reload: list[str] = []
    concepts: Counter[str] = Counter()
    # The viewer's rows wait in a file until contest detection has let its claims go: held from the
    # start, the two were the peak of a large build together.
    facts = _Spool(generation / "facts.spool") if not merged else None
    skeleton_path = generation / "extraction.skeleton"
    header = _header()
    advance = bar.task("graph", len(refs))
    store_docs = {r.name for r in (changed if reuse_store else refs)}
    with facts or nullcontext(), trig, open(generation / "graph.ttl", "wb") as ttl, open(skeleton_path, "w", encoding="utf-8", newline="") as skeleton:
        ttl.write(header)
        ttl.write(_section(f"graph {graph.ONTOLOGY_GRAPH.value}: the vocabulary and the lexicon", ontology))
        writer = _JsonWriter(skeleton)
        for ref in refs:
            entry = _load_entry(out, ref, encoding)
            words[ref.key] = entry.words
            concepts.update(entry.concepts)
            slim.append(entry.slim)
            if keep_extraction:
                kept.append(entry.extraction)
            if facts is not None:
                facts.add(entry.facts)
            writer.document(entry.json)
            iri = graph.document_iri(ref.name).value
            ttl.write(_section(f"graph {iri}: {ref.name}", entry.turtle))
            digests[ref.key] = hashlib.sha256(entry.turtle).hexdigest()
            # The store keeps a graph only if it is exactly what this build writes to graph.ttl.
            # (A new store has the graphs of the documents just extracted already.)
            if ref.name not in loaded and (ref.name in store_docs or old_docs.get(ref.name, {}).get("turtle") != digests[ref.key]):
                trig.graph(iri, entry.turtle)
                reload.append(ref.name)
            del entry
            advance()
        clock.lap("assemble")
        if loader is not None:
            loader.pause()  # the parts left load after the page: the steps between hold the build's peak

        # The kept records when asked for, so that the contests handed back quote Span records.
        detected = kept if keep_extraction else slim
        found = contest.find_contests(detected)
        claims = [claim for doc in detected for claim in doc.claims]
        standings = contest.grounded_standings(claims, found)
        _STRINGS.clear()
        clock.lap("contests")
        counts = (len(claims), len(found))
        contested, first_contested = _summary_rows(claims, found, standings)
        # From here on the contests graph travels as rows of strings; the records are let go.
        reasoning = _reasoning_rows(found, standings, {claim.key: graph.claim_iri(claim).value for claim in claims})
        records = Extraction(tuple(kept), tuple(found), tuple(standings)) if keep_extraction else None
        # The rows go to their file and come back: made among the claims and contests, they kept most of
        # the heap those leave behind from going back to the system (0.6 GB at 100k documents).
        with open(generation / REASONING, "wb") as handle:
            pickle.dump(reasoning, handle, protocol=pickle.HIGHEST_PROTOCOL)
        del slim, detected, claims, found, standings, kept, reasoning
        _return_freed_memory()
        with open(generation / REASONING, "rb") as handle:
            reasoning = pickle.load(handle)
        ttl.write(_section(f"graph {graph.CONTESTS_GRAPH.value}: contests and standings", b""))
        for chunk in _reasoning_turtle(*reasoning):
            ttl.write(chunk)
            if not by_difference:
                trig.graph(graph.CONTESTS_GRAPH.value, chunk)
        for imported in merged:
            ttl.write(_section(f"graph {imported.graph.value}: merged from {imported.path.name}", _turtle_body(imported.quads)))
        writer.finish(_contests_json(reasoning[0]))
    clock.lap("contests out")

    # extraction.json: the skeleton with each claim's status, known only now, in its slot.
    with open(generation / "extraction.json", "w", encoding="utf-8", newline="") as handle:
        _fill_slots(skeleton_path, handle, (json.dumps(status) for _claim, status, _reason in reasoning[1]))
    skeleton_path.unlink()
    clock.lap("json")

    if facts is not None:
        # The page before the store, so that the viewer's rows are let go before the bulk loader's buffers fill.
        view = render.ViewAssembly()
        for part in facts.read():
            view.add(part)
        view.add(render.reasoning_rows_facts(*reasoning))
    del reasoning  # let go before the page and the store (0.3 GB at 100k documents); read back if needed
    if facts is not None:
        (generation / "graph.html").write_text(render.render_view(view.page()), encoding="utf-8")
        del view
        clock.lap("page")
    _return_freed_memory()

    store_path = generation / "store"
    if loader is not None:
        store = loader.finish()
        if len(trig.paths) > 1:
            store.optimize()  # one compaction of the parts: queries on a store left in parts ran up to 1.7x slower
    else:
        ox.Store.read_only(str((out / CURRENT / "store").resolve())).backup(str(store_path))
        store = ox.Store(str(store_path))
        for name in reload + removed:
            node = graph.document_iri(name)
            if store.contains_named_graph(node):
                store.remove_graph(node)
        if not by_difference and store.contains_named_graph(graph.CONTESTS_GRAPH):
            store.remove_graph(graph.CONTESTS_GRAPH)  # a store from before the rows were kept: reloaded whole
        for part in trig.paths:
            store.bulk_load(path=str(part), format=ox.RdfFormat.TRIG)
            part.unlink()
    if by_difference:
        with open(generation / REASONING, "rb") as handle:
            _update_reasoning(store, _old_reasoning(out), pickle.load(handle))
    if not reuse_store:  # a reused store already holds the merged graphs: the same files, by the fingerprint
        for imported in merged:
            store.bulk_extend(imported.quads)
    store.flush()
    del store
    clock.lap("store")

    if merged:
        # RDF merged from other tools can add anything the viewer shows: the page reads the store.
        from kg.api import KnowledgeGraph
        from kg.store import Store

        html = render.render_html(KnowledgeGraph(store=Store(store_path, read_only=True)))
        (generation / "graph.html").write_text(html, encoding="utf-8")
        clock.lap("page")

    summary = Summary(
        documents=len(refs),
        words=sum(words.values()),
        concepts=dict(sorted(concepts.items())),
        claims=counts[0],
        contests=counts[1],
        contested=contested,
        first_contested=first_contested,
    )
    manifest = _manifest(finger, encoding, refs, words, digests, summary)
    manifest["generation"] = generation.name
    (generation / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    extracted = len(missing)
    return extracted, len(refs) - extracted, len(removed), summary, records
