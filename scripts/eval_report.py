"""Seeds and the development set's tuning, held-out and fresh halves, scored by `kg eval`, side by side.

    python scripts/eval_report.py            # a table, with the targets of the extraction issue
    python scripts/eval_report.py --json     # the same figures as JSON

The development set lives in tests/dev/texts/ (texts) and tests/dev/gold/ (gold YAML); the fixed list
tests/dev/split.yaml says which files are tuned on, which are held out and which form the fresh batch
(written blind and never tuned on; the key is optional). A half with no texts yet shows "-".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

from kg import corpus
from kg.errors import KgError
from kg.evaluate import fmt, score_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS, SEED_GOLD = ROOT / "seeds", ROOT / "tests" / "gold"
DEV = ROOT / "tests" / "dev"
DEV_TEXTS, DEV_GOLD, SPLIT = DEV / "texts", DEV / "gold", DEV / "split.yaml"
# The split's halves in column order; a split file without `fresh` gives no fresh half.
HALVES = ("tune", "heldout", "fresh")

# figure key (kg.evaluate.Report.figures), label, target on the seeds, target on texts never seen,
# off-the-shelf spaCy SVO on texts never seen - from the extraction issue.
TARGETS = [
    ("concepts.recall", "concepts recall", 0.90, 0.75, 0.58),
    ("concepts.precision", "concepts precision", 0.75, 0.55, 0.23),
    ("claims_span.recall", "claims (span) recall", 0.85, 0.65, 0.59),
    ("claims_span.precision", "claims (span) precision", 0.75, 0.55, 0.26),
    ("claims_normal.recall", "claims (normal form) recall", 0.70, 0.45, 0.07),
    ("attributions.recall", "attributions recall", 0.80, 0.55, 0.06),
    ("contests.recall", "contests recall (within + across)", 0.75, 0.45, 0.0),
    ("speaker_threads.accuracy", "speaker accuracy on threads", 0.90, 0.80, None),
]
# Reported without a target.
OTHER = [
    ("claims_normal.precision", "claims (normal form) precision"),
    ("attributions.precision", "attributions precision"),
    ("contests_within.recall", "contests within recall"),
    ("contests_across.recall", "contests across recall"),
    ("contests.precision", "contests precision"),
    ("type.accuracy", "concept type accuracy"),
    ("quantifier.accuracy", "quantifier accuracy"),
    ("polarity.accuracy", "polarity accuracy"),
    ("speaker.accuracy", "speaker accuracy (all)"),
]


def split_files(texts: Path, split: Path) -> dict[str, list[Path]]:
    """The files of each half of the split: stems that start with a listed prefix (not followed by a digit)."""
    halves = yaml.safe_load(split.read_text(encoding="utf-8"))
    files = list(corpus.iter_paths([texts])) if texts.is_dir() else []

    def chosen(prefixes: list[str]) -> list[Path]:
        return [
            f for f in files
            if any(f.stem.startswith(p) and not f.stem[len(p) : len(p) + 1].isdigit() for p in prefixes)
        ]

    return {half: chosen(halves[half]) for half in HALVES if half in halves}


def measure() -> tuple[dict[str, dict | None], list[str]]:
    """Figures per column (None where there is nothing to score) and notes on what was scored."""
    columns: dict[str, dict | None] = {}
    notes: list[str] = []
    jobs = {"seeds": (list(corpus.iter_paths([SEEDS])), SEED_GOLD)}
    halves = split_files(DEV_TEXTS, SPLIT)
    for half in HALVES:
        jobs[half] = (halves.get(half, []), DEV_GOLD)
    for name, (files, gold) in jobs.items():
        if not files:
            columns[name] = None
            notes.append(f"{name}: no texts yet under {DEV_TEXTS.relative_to(ROOT)}")
            continue
        try:
            report = score_paths(files, gold)
        except KgError as exc:
            columns[name] = None
            notes.append(f"{name}: error: {exc}")
            continue
        columns[name] = report.figures()
        scored = [d.doc for d in report.documents]
        notes.append(f"{name}: {len(scored)} documents scored ({', '.join(scored)})")
        if report.unscored:
            notes.append(f"{name}: no gold for {', '.join(report.unscored)}")
    return columns, notes


def _cell(value: float | None, target: float | None) -> str:
    if value is None:
        return "-"
    if target is None:
        return fmt(value)
    return f"{fmt(value)} {'ok' if value >= target else 'LOW'}"


def table(columns: dict[str, dict | None]) -> Table:
    def get(col: str, key: str) -> float | None:
        return columns[col][key] if columns.get(col) else None

    out = Table(title="kg eval: seeds vs development set (targets from the extraction issue)", title_justify="left")
    heads = ("figure", "seeds", "target seeds", "tune half", "held-out half", "fresh half", "target unseen", "spaCy SVO unseen")
    for head in heads:
        out.add_column(head, justify="left" if head == "figure" else "right", no_wrap=True)
    for key, label, seed_target, unseen_target, spacy in TARGETS:
        out.add_row(
            label,
            _cell(get("seeds", key), seed_target),
            f">= {seed_target:.2f}",
            _cell(get("tune", key), unseen_target),
            _cell(get("heldout", key), unseen_target),
            _cell(get("fresh", key), unseen_target),
            f">= {unseen_target:.2f}",
            fmt(spacy),
        )
    out.add_section()
    for key, label in OTHER:
        halves = (fmt(get(half, key)) for half in HALVES)
        out.add_row(label, fmt(get("seeds", key)), "", *halves, "", "")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    columns, notes = measure()
    if args.json:
        targets = {key: {"seeds": s, "unseen": u, "spacy_unseen": b} for key, _, s, u, b in TARGETS}
        json.dump({"figures": columns, "targets": targets, "notes": notes}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    console = Console(width=160, highlight=False)
    console.print(table(columns))
    for note in notes:
        console.print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
