"""Score a ``kg-extraction/1`` JSON object against gold YAML files (the rules of ../shared/EXTRACTION.md).

The scorer reads JSON, not records, so any extraction file can be scored. Per document, gold against
extraction, then summed over documents:

- concepts: found when an extracted label or mention equals a gold label or mention after
  :func:`normalise`; precision counts extracted concepts matching some gold concept;
- attributions: (role, concept, polarity), roles and concepts matched like concepts;
- claims (span): the extracted span covers at least half of the gold evidence and is at most three
  times its length, one extracted claim to one gold claim;
- claims (normal form): a span match whose subject and object match (either order for symmetric
  relations) and whose polarity agrees, again one to one;
- contests: a gold contest is found when the claims matched to its two sides are linked by an
  extracted contest in either direction, within documents and across them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
import yaml

from kg.errors import InputError, UsageError

EXTRACTION_FORMAT = "kg-extraction/1"
REPORT_FORMAT = "kg-eval/1"
CROSS_FILE = "cross.yaml"

# --------------------------------------------------------------------------------------------------
# Normalisation


_SPACES = re.compile(r"\s+")


def singular(word: str) -> str:
    """A plain singular of one lower-case word: ``-ies`` to ``-y``, ``-es`` after a sibilant, a final ``-s``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise(text: str | None) -> str:
    """Lower case, ``-``/``_`` to space, spaces collapsed, each word made a plain singular."""
    if not text:
        return ""
    words = _SPACES.sub(" ", text.lower().replace("-", " ").replace("_", " ")).strip().split(" ")
    return " ".join(singular(w) for w in words if w)


def _person(name: str | None) -> str | None:
    return _SPACES.sub(" ", name).strip().casefold() if name else None


@cache
def symmetric_relations() -> frozenset[str]:
    """Relations marked ``kg:symmetric true`` in ontology/relations.ttl."""
    import pyoxigraph as ox

    from kg.vocab import KG, REL

    data = resources.files("kg.ontology").joinpath("relations.ttl").read_bytes()
    prefix = str(REL._NS)
    names = set()
    for triple in ox.parse(data, format=ox.RdfFormat.TURTLE):
        if triple.predicate.value == str(KG.symmetric) and triple.object.value == "true":
            if triple.subject.value.startswith(prefix):
                names.add(triple.subject.value[len(prefix) :])
    return frozenset(names)


# --------------------------------------------------------------------------------------------------
# Gold


ClaimRef = tuple[str, str]  # (document name, gold claim id)


@dataclass(frozen=True)
class GoldConcept:
    label: str
    type: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class GoldAttribution:
    role: str
    concept: str
    polarity: str


@dataclass(frozen=True)
class GoldClaim:
    id: str
    evidence: str
    subject: str | None
    relation: str | None
    object: str | None
    quantifier: str | None
    polarity: str | None
    asserted_by: str | None
    where: str  # FILE:LINE of the claim, for error messages


@dataclass(frozen=True)
class GoldContest:
    claim: ClaimRef
    contested_by: ClaimRef


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    path: str
    speakers: tuple[str, ...]
    concepts: tuple[GoldConcept, ...]
    attributions: tuple[GoldAttribution, ...]
    claims: tuple[GoldClaim, ...]
    contests: tuple[GoldContest, ...]

    @property
    def stem(self) -> str:
        return self.doc.rsplit(".", 1)[0] if "." in self.doc else self.doc


@dataclass(frozen=True)
class Gold:
    """The gold documents of a folder, and the contests across them (``cross.yaml``)."""

    documents: tuple[GoldDocument, ...]
    cross: tuple[GoldContest, ...] = ()
    # Without cross.yaml nobody judged contests across documents: they count neither way.
    cross_annotated: bool = True

    def document(self, name: str) -> GoldDocument | None:
        for doc in self.documents:
            if doc.doc == name:
                return doc
        return None


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records each mapping's line as ``__line__``."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _load_yaml(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(exc), where=str(path), hint="check the gold file") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"invalid YAML: {problem}", where=where, hint="fix the gold file") from exc


def _where(path: Path, item) -> str:
    return f"{path}:{item['__line__']}" if isinstance(item, dict) and "__line__" in item else str(path)


def _field(path: Path, item, key: str, *, required: bool = True) -> str | None:
    if not isinstance(item, dict):
        raise InputError("expected a mapping", where=_where(path, item), hint="see ../shared/EXTRACTION.md for the gold format")
    value = item.get(key)
    if value is None:
        if required:
            raise InputError(f"missing key {key!r}", where=_where(path, item), hint="add it (see ../shared/EXTRACTION.md)")
        return None
    return value if isinstance(value, str) else str(value)


def _mentions(path: Path, concept) -> tuple[str, ...]:
    mentions = concept.get("mentions") if isinstance(concept, dict) else None
    if mentions is None:
        return ()
    if isinstance(mentions, str):
        return (mentions,)
    if not isinstance(mentions, list):
        raise InputError("'mentions' must be a list of strings", where=_where(path, concept), hint="fix the gold file")
    return tuple(str(m) for m in mentions)


def _list(path: Path, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InputError(f"{key!r} must be a list", where=_where(path, data), hint="fix the gold file")
    return value


def _gold_document(path: Path) -> GoldDocument:
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise InputError("expected a mapping with 'doc', 'concepts', 'claims', ...", where=str(path), hint="fix the gold file")
    doc = _field(path, data, "doc")
    concepts = tuple(
        GoldConcept(
            _field(path, c, "label"),
            _field(path, c, "type"),
            _mentions(path, c),
        )
        for c in _list(path, data, "concepts")
    )
    attributions = tuple(
        GoldAttribution(_field(path, a, "role"), _field(path, a, "concept"), _field(path, a, "polarity"))
        for a in _list(path, data, "attributions")
    )
    claims = []
    for c in _list(path, data, "claims"):
        claims.append(
            GoldClaim(
                id=_field(path, c, "id"),
                evidence=_field(path, c, "evidence"),
                subject=_field(path, c, "subject", required=False),
                relation=_field(path, c, "relation", required=False),
                object=_field(path, c, "object", required=False),
                quantifier=_field(path, c, "quantifier", required=False),
                polarity=_field(path, c, "polarity", required=False),
                asserted_by=_field(path, c, "asserted_by", required=False),
                where=_where(path, c),
            )
        )
    ids = set()
    for claim in claims:
        if claim.id in ids:
            raise InputError(f"claim id {claim.id!r} used twice", where=claim.where, hint="give each claim its own id")
        ids.add(claim.id)
    contests = []
    for c in _list(path, data, "contests"):
        refs = []
        for key in ("claim", "contested_by"):
            ref = _field(path, c, key)
            if ref not in ids:
                raise InputError(f"{key} {ref!r} is not a claim id of this file", where=_where(path, c), hint="use an id from 'claims'")
            refs.append((doc, ref))
        contests.append(GoldContest(refs[0], refs[1]))
    speakers = tuple(str(s) for s in _list(path, data, "speakers"))
    return GoldDocument(doc, str(path), speakers, concepts, attributions, tuple(claims), tuple(contests))


def load_gold(folder: str | Path) -> Gold:
    """Read ``<doc-stem>.yaml`` files and the optional ``cross.yaml`` of a gold folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("no such gold folder", where=str(folder), hint="pass --gold DIR with <doc-stem>.yaml files")
    files = sorted(p for p in folder.glob("*.yaml") if p.name != CROSS_FILE)
    if not files:
        raise InputError("no gold .yaml files", where=str(folder), hint="pass --gold DIR with <doc-stem>.yaml files")
    documents = tuple(_gold_document(p) for p in files)
    by_stem = {d.stem: d for d in documents}
    cross: list[GoldContest] = []
    cross_path = folder / CROSS_FILE
    if cross_path.is_file():
        data = _load_yaml(cross_path) or {}
        if not isinstance(data, dict):
            raise InputError("expected a mapping with 'contests'", where=str(cross_path), hint="fix the gold file")
        for c in _list(cross_path, data, "contests"):
            refs = []
            for key in ("claim", "contested_by"):
                ref = _field(cross_path, c, key)
                stem, _, claim_id = ref.partition("#")
                gold_doc = by_stem.get(stem)
                if gold_doc is None or claim_id not in {g.id for g in gold_doc.claims}:
                    raise InputError(
                        f"{key} {ref!r} names no gold claim",
                        where=_where(cross_path, c),
                        hint="write claims as <doc-stem>#<claim-id> of a gold file in this folder",
                    )
                refs.append((gold_doc.doc, claim_id))
            cross.append(GoldContest(refs[0], refs[1]))
    return Gold(documents, tuple(cross), cross_annotated=cross_path.is_file())


# --------------------------------------------------------------------------------------------------
# Extraction JSON


@dataclass(frozen=True)
class ExConcept:
    label: str
    type: str | None
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class ExAttribution:
    role: str | None
    concept: str | None
    polarity: str | None


@dataclass(frozen=True)
class ExClaim:
    id: str
    start: int
    end: int
    text: str
    subject: str | None
    relation: str | None
    object: str | None
    quantifier: str | None
    polarity: str | None
    asserted_by: str | None


@dataclass(frozen=True)
class ExDocument:
    doc: str
    concepts: tuple[ExConcept, ...]
    attributions: tuple[ExAttribution, ...]
    claims: tuple[ExClaim, ...]


@dataclass(frozen=True)
class ExContest:
    claim: str
    contested_by: str


@dataclass(frozen=True)
class ExtractionData:
    documents: tuple[ExDocument, ...]
    contests: tuple[ExContest, ...]
    source: str = "extraction"  # where it came from, for error messages


def _get(obj, key: str, where: str, source: str):
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected an object", where=source, hint=f"write {EXTRACTION_FORMAT} JSON")
    if key not in obj:
        raise InputError(f"{where}: missing key {key!r}", where=source, hint=f"write {EXTRACTION_FORMAT} JSON (unknown values are null)")
    return obj[key]


def parse_extraction(data, source: str = "extraction") -> ExtractionData:
    """Check a ``kg-extraction/1`` object and keep what the scorer reads."""
    if not isinstance(data, dict) or data.get("format") != EXTRACTION_FORMAT:
        raise InputError(f"not {EXTRACTION_FORMAT} JSON", where=source, hint="score the output of `kg extract`")
    documents = []
    for i, d in enumerate(_get(data, "documents", "top level", source) or []):
        at = f"documents[{i}]"
        concepts = tuple(
            ExConcept(
                _get(c, "label", f"{at}.concepts[{j}]", source),
                _get(c, "type", f"{at}.concepts[{j}]", source),
                tuple(_get(m, "text", f"{at}.concepts[{j}].mentions", source) for m in (c.get("mentions") or [])),
            )
            for j, c in enumerate(_get(d, "concepts", at, source) or [])
        )
        attributions = tuple(
            ExAttribution(*(_get(a, k, f"{at}.attributions[{j}]", source) for k in ("role", "concept", "polarity")))
            for j, a in enumerate(_get(d, "attributions", at, source) or [])
        )
        claims = []
        for j, c in enumerate(_get(d, "claims", at, source) or []):
            values = {
                k: _get(c, k, f"{at}.claims[{j}]", source)
                for k in ("id", "start", "end", "text", "subject", "relation", "object", "quantifier", "polarity", "asserted_by")
            }
            if not (isinstance(values["start"], int) and isinstance(values["end"], int) and values["start"] <= values["end"]):
                raise InputError(f"{at}.claims[{j}]: start/end are not offsets", where=source, hint="write integer offsets, start <= end")
            claims.append(ExClaim(**values))
        documents.append(ExDocument(_get(d, "doc", at, source), concepts, attributions, tuple(claims)))
    contests = tuple(
        ExContest(_get(c, "claim", f"contests[{i}]", source), _get(c, "contested_by", f"contests[{i}]", source))
        for i, c in enumerate(_get(data, "contests", "top level", source) or [])
    )
    return ExtractionData(tuple(documents), contests, source)


def load_extraction(path: str | Path) -> ExtractionData:
    """Read and check an extraction JSON file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), where=str(path), hint="check the path") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f"{path}:{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(path)
        raise InputError(f"invalid JSON: {exc.args[0] if isinstance(exc, UnicodeDecodeError) else exc.msg}", where=where, hint="write the file with `kg extract -o`") from exc
    return parse_extraction(data, str(path))


# --------------------------------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class Count:
    """Gold items found and extracted items matched, out of how many of each."""

    found: int = 0
    gold: int = 0
    matched: int = 0
    extracted: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.found + other.found, self.gold + other.gold, self.matched + other.matched, self.extracted + other.extracted)

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.matched / self.extracted if self.extracted else None

    @property
    def f1(self) -> float | None:
        r, p = self.recall, self.precision
        if r is None or p is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "found": self.found,
            "gold": self.gold,
            "matched": self.matched,
            "extracted": self.extracted,
            "recall": _round(self.recall),
            "precision": _round(self.precision),
            "f1": _round(self.f1),
        }


@dataclass(frozen=True)
class Ratio:
    """An accuracy over matched pairs."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": _round(self.value)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


COUNTS = ("concepts", "attributions", "claims_span", "claims_normal", "contests")
RATIOS = ("type", "quantifier", "polarity", "speaker")


@dataclass(frozen=True)
class DocumentScore:
    """One document's figures; ``contests`` are those within the document."""

    doc: str
    thread: bool  # the gold names speakers
    concepts: Count = Count()
    attributions: Count = Count()
    claims_span: Count = Count()
    claims_normal: Count = Count()
    contests: Count = Count()
    type: Ratio = Ratio()
    quantifier: Ratio = Ratio()
    polarity: Ratio = Ratio()
    speaker: Ratio = Ratio()

    def to_dict(self) -> dict:
        out: dict = {"doc": self.doc, "thread": self.thread}
        out.update({name: getattr(self, name).to_dict() for name in COUNTS})
        out["accuracy"] = {name: getattr(self, name).to_dict() for name in RATIOS}
        return out


@dataclass(frozen=True)
class Report:
    """Per-document rows, their sums, and the contests within and across documents."""

    documents: tuple[DocumentScore, ...]
    contests_across: Count = Count()
    unscored: tuple[str, ...] = ()  # extracted documents that have no gold file
    missing: tuple[str, ...] = ()  # gold documents that were not extracted

    def total(self, name: str):
        """The sum over documents of a Count or Ratio field."""
        zero = Ratio() if name in RATIOS else Count()
        return sum((getattr(d, name) for d in self.documents), zero)

    @property
    def contests_within(self) -> Count:
        return self.total("contests")

    @property
    def contests_all(self) -> Count:
        return self.contests_within + self.contests_across

    @property
    def speaker_on_threads(self) -> Ratio:
        return sum((d.speaker for d in self.documents if d.thread), Ratio())

    def figures(self) -> dict[str, float | None]:
        """Flat headline figures, e.g. ``{"concepts.recall": 0.93, ...}`` (None where undefined)."""
        out: dict[str, float | None] = {}
        counts = {name: self.total(name) for name in COUNTS if name != "contests"}
        counts.update({"contests_within": self.contests_within, "contests_across": self.contests_across, "contests": self.contests_all})
        for name, count in counts.items():
            out[f"{name}.recall"], out[f"{name}.precision"], out[f"{name}.f1"] = count.recall, count.precision, count.f1
        for name in RATIOS:
            out[f"{name}.accuracy"] = self.total(name).value
        out["speaker_threads.accuracy"] = self.speaker_on_threads.value
        return out

    def to_dict(self) -> dict:
        total = {name: self.total(name).to_dict() for name in COUNTS if name != "contests"}
        total["contests"] = {
            "within": self.contests_within.to_dict(),
            "across": self.contests_across.to_dict(),
            "all": self.contests_all.to_dict(),
        }
        total["accuracy"] = {name: self.total(name).to_dict() for name in RATIOS}
        total["accuracy"]["speaker_threads"] = self.speaker_on_threads.to_dict()
        return {
            "format": REPORT_FORMAT,
            "total": total,
            "documents": [d.to_dict() for d in self.documents],
            "unscored": list(self.unscored),
            "missing": list(self.missing),
        }


# --------------------------------------------------------------------------------------------------
# Matching


class _Terms:
    """Concept matching within one document: the normalised strings each label stands for."""

    def __init__(self, gold: GoldDocument, extracted: ExDocument):
        self.gold: dict[str, set[str]] = {}
        for c in gold.concepts:
            self.gold.setdefault(normalise(c.label), set()).update(_keys(c.label, c.mentions))
        self.extracted: dict[str, set[str]] = {}
        for c in extracted.concepts:
            self.extracted.setdefault(normalise(c.label), set()).update(_keys(c.label, c.mentions))

    def gold_keys(self, label: str | None) -> set[str]:
        key = normalise(label)
        return self.gold.get(key, {key} if key else set())

    def extracted_keys(self, label: str | None) -> set[str]:
        key = normalise(label)
        return self.extracted.get(key, {key} if key else set())

    def match(self, gold_label: str | None, extracted_label: str | None) -> bool:
        return not self.gold_keys(gold_label).isdisjoint(self.extracted_keys(extracted_label))


def _keys(label: str, mentions: Iterable[str]) -> set[str]:
    return {k for k in (normalise(label), *(normalise(m) for m in mentions)) if k}


def _score_concepts(gold: GoldDocument, extracted: ExDocument) -> tuple[Count, Ratio]:
    gold_keys = [_keys(c.label, c.mentions) for c in gold.concepts]
    ex_keys = [_keys(c.label, c.mentions) for c in extracted.concepts]
    found = 0
    typed = Ratio()
    for g, keys in zip(gold.concepts, gold_keys, strict=True):
        label = normalise(g.label)
        candidates = [
            (normalise(e.label) != label, normalise(e.label) not in keys, j)
            for j, (e, ekeys) in enumerate(zip(extracted.concepts, ex_keys, strict=True))
            if not keys.isdisjoint(ekeys)
        ]
        if candidates:
            found += 1
            best = extracted.concepts[min(candidates)[2]]
            typed += Ratio(int(best.type == g.type), 1)
    matched = sum(1 for ekeys in ex_keys if any(not ekeys.isdisjoint(keys) for keys in gold_keys))
    return Count(found, len(gold.concepts), matched, len(extracted.concepts)), typed


def _score_attributions(gold: GoldDocument, extracted: ExDocument, terms: _Terms) -> Count:
    # Attributions are facts about the document: a triple stated twice is one attribution.
    def dedupe(items):
        seen = {}
        for a in items:
            seen.setdefault((normalise(a.role), normalise(a.concept), a.polarity), a)
        return list(seen.values())

    golds, exs = dedupe(gold.attributions), dedupe(extracted.attributions)

    def same(g: GoldAttribution, e: ExAttribution) -> bool:
        return g.polarity == e.polarity and terms.match(g.role, e.role) and terms.match(g.concept, e.concept)

    found = sum(1 for g in golds if any(same(g, e) for e in exs))
    matched = sum(1 for e in exs if any(same(g, e) for g in golds))
    return Count(found, len(golds), matched, len(exs))


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(part)
    while start >= 0:
        spans.append((start, start + len(part)))
        start = text.find(part, start + 1)
    return spans


def span_matches(gold: tuple[int, int], extracted: tuple[int, int]) -> bool:
    """The extracted span covers at least half of the gold span and is at most three times as long."""
    length = gold[1] - gold[0]
    overlap = min(gold[1], extracted[1]) - max(gold[0], extracted[0])
    return length > 0 and 2 * overlap >= length and extracted[1] - extracted[0] <= 3 * length


def _normal_form_agrees(g: GoldClaim, e: ExClaim, terms: _Terms) -> bool:
    if g.polarity != e.polarity:
        return False
    if terms.match(g.subject, e.subject) and terms.match(g.object, e.object):
        return True
    return g.relation in symmetric_relations() and terms.match(g.subject, e.object) and terms.match(g.object, e.subject)


def _max_matching(edges: Mapping[tuple[int, int], int]) -> dict[int, int]:
    """A maximum-cardinality matching gold -> extracted, of greatest weight among those."""
    graph = nx.Graph()
    for (i, j), weight in sorted(edges.items()):
        graph.add_edge(("g", i), ("e", j), weight=weight)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    out = {}
    for a, b in pairs:
        (_, i), (_, j) = (a, b) if a[0] == "g" else (b, a)
        out[i] = j
    return out


@dataclass(frozen=True)
class _ClaimResult:
    span: Count
    normal: Count
    quantifier: Ratio
    polarity: Ratio
    speaker: Ratio
    pairs: dict[int, int] = field(default_factory=dict)  # gold claim index -> extracted claim index


def _score_claims(gold: GoldDocument, extracted: ExDocument, text: str, terms: _Terms) -> _ClaimResult:
    occurrences = []
    for g in gold.claims:
        spans = _occurrences(text, g.evidence)
        if not spans:
            raise InputError(
                f"evidence of claim {g.id!r} is not in {gold.doc}",
                where=g.where,
                hint="make the evidence an exact substring of the document",
            )
        occurrences.append(spans)
    span_edges: dict[tuple[int, int], int] = {}
    normal_edges: dict[tuple[int, int], int] = {}
    # One agreeing pair must outweigh the closeness (at most 1000 each) of every pair in a matching.
    agreement_weight = 1001 * (len(gold.claims) + 1)
    for i, (g, spans) in enumerate(zip(gold.claims, occurrences, strict=True)):
        for j, e in enumerate(extracted.claims):
            fits = [s for s in spans if span_matches(s, (e.start, e.end))]
            if not fits:
                continue
            agrees = _normal_form_agrees(g, e, terms)
            # Prefer pairs that agree in normal form, then the closest spans: a tie-break, never a
            # reason to match fewer claims (the matching has maximum cardinality first).
            closeness = max(_jaccard(s, (e.start, e.end)) for s in fits)
            span_edges[(i, j)] = agreement_weight * agrees + round(1000 * closeness)
            if agrees:
                normal_edges[(i, j)] = 1
    pairs = _max_matching(span_edges)
    normal = _max_matching(normal_edges)
    quantifier = polarity = speaker = Ratio()
    for i, j in pairs.items():
        g, e = gold.claims[i], extracted.claims[j]
        quantifier += Ratio(int(g.quantifier == e.quantifier), 1)
        polarity += Ratio(int(g.polarity == e.polarity), 1)
        speaker += Ratio(int(_person(g.asserted_by) == _person(e.asserted_by)), 1)
    n_gold, n_ex = len(gold.claims), len(extracted.claims)
    return _ClaimResult(
        Count(len(pairs), n_gold, len(pairs), n_ex),
        Count(len(normal), n_gold, len(normal), n_ex),
        quantifier,
        polarity,
        speaker,
        pairs,
    )


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _score_contests(
    gold_contests: Iterable[GoldContest],
    extracted_contests: Iterable[ExContest],
    matched_id: Mapping[ClaimRef, str],
) -> Count:
    """Gold contests whose two sides' matched claims an extracted contest links, in either direction."""
    gold_contests = list(gold_contests)
    extracted_contests = list(extracted_contests)
    links = {frozenset((c.claim, c.contested_by)) for c in extracted_contests}
    found, found_pairs = 0, set()
    for c in gold_contests:
        a, b = matched_id.get(c.claim), matched_id.get(c.contested_by)
        if a is not None and b is not None and frozenset((a, b)) in links:
            found += 1
            found_pairs.add(frozenset((a, b)))
    matched = sum(1 for c in extracted_contests if frozenset((c.claim, c.contested_by)) in found_pairs)
    return Count(found, len(gold_contests), matched, len(extracted_contests))


# --------------------------------------------------------------------------------------------------
# The scorer


def evaluate(extraction: ExtractionData, gold: Gold, texts: Mapping[str, str]) -> Report:
    """Score ``extraction`` against ``gold``; ``texts`` maps document names to their text (for evidence)."""
    scores: list[DocumentScore] = []
    matched_id: dict[ClaimRef, str] = {}
    claim_doc: dict[str, str] = {}
    unscored = []
    scored_docs: set[str] = set()
    within: dict[str, list[ExContest]] = {}
    for ex in extraction.documents:
        for claim in ex.claims:
            claim_doc[claim.id] = ex.doc
    for ex in extraction.documents:
        gold_doc = gold.document(ex.doc)
        if gold_doc is None:
            unscored.append(ex.doc)
            continue
        if ex.doc not in texts:
            raise InputError(
                f"{ex.doc}: no such document among the texts given",
                where=extraction.source,
                hint="pass the files or folder the extraction was made from",
            )
        text = texts[ex.doc]
        for claim in ex.claims:
            if text[claim.start : claim.end] != claim.text:
                raise InputError(
                    f"{ex.doc}: the claim at {claim.start}-{claim.end} does not match the document's text",
                    where=extraction.source,
                    hint="score the extraction against the texts it was made from",
                )
        scored_docs.add(ex.doc)
        terms = _Terms(gold_doc, ex)
        concepts, types = _score_concepts(gold_doc, ex)
        claims = _score_claims(gold_doc, ex, text, terms)
        for i, j in claims.pairs.items():
            matched_id[(gold_doc.doc, gold_doc.claims[i].id)] = ex.claims[j].id
        within[ex.doc] = []
        scores.append(
            DocumentScore(
                doc=ex.doc,
                thread=bool(gold_doc.speakers),
                concepts=concepts,
                attributions=_score_attributions(gold_doc, ex, terms),
                claims_span=claims.span,
                claims_normal=claims.normal,
                type=types,
                quantifier=claims.quantifier,
                polarity=claims.polarity,
                speaker=claims.speaker,
            )
        )
    for contest in extraction.contests:
        for ref in (contest.claim, contest.contested_by):
            if ref not in claim_doc:
                raise InputError(
                    f"a contest names claim {ref}, which no document holds",
                    where=extraction.source,
                    hint="write contests between extracted claims",
                )
    across_extracted = []
    for contest in extraction.contests:
        a, b = claim_doc[contest.claim], claim_doc[contest.contested_by]
        if a not in scored_docs or b not in scored_docs or (a != b and not gold.cross_annotated):
            continue  # no gold to judge it by
        if a == b:
            within[a].append(contest)
        else:
            across_extracted.append(contest)
    rows = []
    for score in scores:
        gold_doc = gold.document(score.doc)
        rows.append(replace(score, contests=_score_contests(gold_doc.contests, within[score.doc], matched_id)))
    cross = [c for c in gold.cross if c.claim[0] in scored_docs and c.contested_by[0] in scored_docs]
    missing = tuple(d.doc for d in gold.documents if d.doc not in {e.doc for e in extraction.documents})
    return Report(
        documents=tuple(rows),
        contests_across=_score_contests(cross, across_extracted, matched_id),
        unscored=tuple(unscored),
        missing=missing,
    )


def score_paths(
    paths: Iterable[str | Path] = ("seeds",),
    gold_dir: str | Path = "tests/gold",
    *,
    extraction_file: str | Path | None = None,
    encoding: str | None = None,
) -> Report:
    """Extract ``paths`` (or read ``extraction_file``) and score it against the gold in ``gold_dir``.

    With ``extraction_file``, ``paths`` are read only for the documents' text.
    """
    from kg import api, corpus, export

    gold = load_gold(gold_dir)
    if extraction_file is not None:
        data = load_extraction(extraction_file)
        texts = {doc.name: doc.text for doc in (corpus.read_document(p, encoding) for p in corpus.iter_paths(paths))}
    else:
        extraction = api.extract(paths, encoding=encoding)
        data = parse_extraction(export.extraction_to_json(extraction), "kg extract")
        texts = {d.document.name: d.document.text for d in extraction.documents}
    report = evaluate(data, gold, texts)
    if not report.documents:
        raise UsageError(
            "no extracted document has a gold file",
            where=str(gold_dir),
            hint="pass --gold DIR holding <doc-stem>.yaml for the documents scored",
        )
    return report


# --------------------------------------------------------------------------------------------------
# Presentation

FIGURE_NAMES = {
    "concepts": "concepts",
    "attributions": "attributions",
    "claims_span": "claims (span)",
    "claims_normal": "claims (normal form)",
    "contests_within": "contests within documents",
    "contests_across": "contests across documents",
    "contests": "contests (within + across)",
}
ACCURACY_NAMES = {
    "type": "concept type",
    "quantifier": "claim quantifier",
    "polarity": "claim polarity",
    "speaker": "speaker (asserted_by)",
    "speaker_threads": "speaker on threads",
}


def fmt(value: float | None) -> str:
    """A figure with two decimals, or ``-`` where it is undefined (nothing to count)."""
    return "-" if value is None else f"{value:.2f}"


def tables(report: Report) -> list:
    """The report as rich tables: summed figures, accuracies on matched pairs, per-document rows."""
    from rich.table import Table

    counts = {name: report.total(name) for name in ("concepts", "attributions", "claims_span", "claims_normal")}
    counts.update(contests_within=report.contests_within, contests_across=report.contests_across, contests=report.contests_all)
    summary = Table(title="scores summed over documents", title_justify="left")
    for col in ("figure", "recall", "precision", "F1", "found/gold", "matched/extracted"):
        summary.add_column(col, justify="left" if col == "figure" else "right")
    for name, count in counts.items():
        summary.add_row(
            FIGURE_NAMES[name], fmt(count.recall), fmt(count.precision), fmt(count.f1),
            f"{count.found}/{count.gold}", f"{count.matched}/{count.extracted}",
        )
    accuracy = Table(title="accuracy on matched pairs", title_justify="left")
    for col in ("figure", "accuracy", "correct/pairs"):
        accuracy.add_column(col, justify="left" if col == "figure" else "right")
    ratios = {name: report.total(name) for name in RATIOS}
    ratios["speaker_threads"] = report.speaker_on_threads
    for name, ratio in ratios.items():
        accuracy.add_row(ACCURACY_NAMES[name], fmt(ratio.value), f"{ratio.correct}/{ratio.total}")
    per_doc = Table(title="per document: recall/precision (accuracy)", title_justify="left")
    for col in ("document", "concepts", "attributions", "claims span", "claims normal", "contests", "speaker"):
        per_doc.add_column(col, justify="left" if col == "document" else "right")
    for d in report.documents:
        per_doc.add_row(
            d.doc,
            *(f"{fmt(c.recall)}/{fmt(c.precision)}" for c in (d.concepts, d.attributions, d.claims_span, d.claims_normal, d.contests)),
            fmt(d.speaker.value),
        )
    return [summary, accuracy, per_doc]
