"""Check the development set's gold files against their texts.

Usage: python tests/dev/check_gold.py [GOLD_DIR [TEXT_DIR]]

Verifies, for every gold/<stem>.yaml with a texts/<stem>.txt:
- the keys and enum values (concept types, relations, polarity, quantifier, cross_document);
- every mention and every evidence string is an exact substring of the text (case matters);
- attribution roles/concepts are concept labels, and the relation fits the concept's type;
- claim ids are unique, contests refer to existing claims, asserted_by names a speaker or is null.
Prints one line per problem and exits 1 if there is any; prints counts per file otherwise.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CONCEPT_TYPES = {"role", "trait", "skill", "focus"}
TYPE_RELATION = {"trait": "has_trait", "skill": "has_skill", "focus": "focuses_on"}
POLARITIES = {"positive", "negative"}
QUANTIFIERS = {"all", "some", "none", "generic"}
DOC_KEYS = {"doc", "speakers", "concepts", "attributions", "claims", "contests"}
CLAIM_KEYS = {"id", "evidence", "subject", "relation", "object", "quantifier", "polarity", "modality", "asserted_by"}
ATTRIBUTION_KEYS = {"role", "relation", "concept", "polarity", "evidence"}
CONTEST_KEYS = {"claim", "contested_by", "evidence", "cross_document"}


def check(gold_path: Path, text: str) -> tuple[list[str], dict[str, int]]:
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{gold_path.name}: {msg}")

    def substring(what: str, s: object) -> None:
        if not isinstance(s, str) or not s:
            bad(f"{what}: not a non-empty string: {s!r}")
        elif s not in text:
            bad(f"{what}: not in the text: {s!r}")

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    if not isinstance(gold, dict):
        bad("not a mapping")
        return problems, {}
    if set(gold) != DOC_KEYS:
        bad(f"keys {sorted(gold)} != {sorted(DOC_KEYS)}")
    if gold.get("doc") != gold_path.stem + ".txt":
        bad(f"doc {gold.get('doc')!r} != {gold_path.stem + '.txt'!r}")
    speakers = gold.get("speakers") or []
    if len(set(speakers)) != len(speakers):
        bad("duplicate speakers")

    types: dict[str, str] = {}
    for i, c in enumerate(gold.get("concepts") or []):
        where = f"concept {i} {c.get('label')!r}"
        if set(c) != {"label", "type", "mentions"}:
            bad(f"{where}: keys {sorted(c)}")
        if c.get("type") not in CONCEPT_TYPES:
            bad(f"{where}: type {c.get('type')!r}")
        if c.get("label") in types:
            bad(f"{where}: duplicate label")
        types[c.get("label")] = c.get("type")
        mentions = c.get("mentions") or []
        if not mentions:
            bad(f"{where}: no mentions")
        if len(set(mentions)) != len(mentions):
            bad(f"{where}: duplicate mentions")
        for m in mentions:
            substring(f"{where} mention", m)
            if isinstance(m, str) and m in text and not re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text):
                bad(f"{where}: mention {m!r} occurs only inside a longer word")

    seen_attr = set()
    for i, a in enumerate(gold.get("attributions") or []):
        where = f"attribution {i} ({a.get('role')}, {a.get('concept')})"
        if set(a) != ATTRIBUTION_KEYS:
            bad(f"{where}: keys {sorted(a)}")
        if types.get(a.get("role")) != "role":
            bad(f"{where}: role is not a role concept")
        ctype = types.get(a.get("concept"))
        if ctype not in TYPE_RELATION:
            bad(f"{where}: concept is not a trait/skill/focus concept")
        elif a.get("relation") != TYPE_RELATION[ctype]:
            bad(f"{where}: relation {a.get('relation')!r} does not fit type {ctype!r}")
        if a.get("polarity") not in POLARITIES:
            bad(f"{where}: polarity {a.get('polarity')!r}")
        key = (a.get("role"), a.get("concept"), a.get("polarity"))
        if key in seen_attr:
            bad(f"{where}: duplicate (role, concept, polarity)")
        seen_attr.add(key)
        substring(f"{where} evidence", a.get("evidence"))

    ids = set()
    for i, c in enumerate(gold.get("claims") or []):
        where = f"claim {c.get('id', i)}"
        if set(c) != CLAIM_KEYS:
            bad(f"{where}: keys {sorted(c)} (missing {sorted(CLAIM_KEYS - set(c))})")
        if c.get("id") in ids:
            bad(f"{where}: duplicate id")
        ids.add(c.get("id"))
        for key in ("subject", "relation", "object"):
            if not isinstance(c.get(key), str) or not c.get(key):
                bad(f"{where}: {key} {c.get(key)!r}")
        if c.get("quantifier") not in QUANTIFIERS:
            bad(f"{where}: quantifier {c.get('quantifier')!r}")
        if c.get("polarity") not in POLARITIES:
            bad(f"{where}: polarity {c.get('polarity')!r}")
        if c.get("modality") is not None and not isinstance(c.get("modality"), str):
            bad(f"{where}: modality {c.get('modality')!r}")
        if c.get("asserted_by") is not None and c.get("asserted_by") not in speakers:
            bad(f"{where}: asserted_by {c.get('asserted_by')!r} is not a speaker")
        substring(f"{where} evidence", c.get("evidence"))

    pairs = set()
    for i, k in enumerate(gold.get("contests") or []):
        where = f"contest {i} ({k.get('claim')} <- {k.get('contested_by')})"
        if set(k) != CONTEST_KEYS:
            bad(f"{where}: keys {sorted(k)}")
        for key in ("claim", "contested_by"):
            if k.get(key) not in ids:
                bad(f"{where}: {key} {k.get(key)!r} is not a claim id")
        if k.get("claim") == k.get("contested_by"):
            bad(f"{where}: a claim contests itself")
        pair = frozenset((k.get("claim"), k.get("contested_by")))
        if pair in pairs:
            bad(f"{where}: duplicate pair")
        pairs.add(pair)
        if k.get("cross_document") is not False:
            bad(f"{where}: cross_document must be false")
        substring(f"{where} evidence", k.get("evidence"))

    words = len(text.split())
    if not 150 <= words <= 450:
        bad(f"text has {words} words (want 150-450)")
    counts = {
        "words": words,
        "concepts": len(types),
        "attributions": len(gold.get("attributions") or []),
        "claims": len(ids),
        "contests": len(gold.get("contests") or []),
    }
    return problems, counts


def main(argv: list[str]) -> int:
    gold_dir = Path(argv[1]) if len(argv) > 1 else HERE / "gold"
    text_dir = Path(argv[2]) if len(argv) > 2 else HERE / "texts"
    problems: list[str] = []
    golds = sorted(gold_dir.glob("*.yaml"))
    texts = sorted(text_dir.glob("*.txt"))
    for t in texts:
        if not (gold_dir / (t.stem + ".yaml")).exists():
            problems.append(f"{t.name}: no gold file")
    rows = []
    for g in golds:
        t = text_dir / (g.stem + ".txt")
        if not t.exists():
            problems.append(f"{g.name}: no text {t.name}")
            continue
        found, counts = check(g, t.read_text(encoding="utf-8"))
        problems += found
        rows.append((g.stem, counts))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    for stem, c in rows:
        print(f"{stem:32} " + "  ".join(f"{k} {v:3}" for k, v in c.items()))
    print(f"ok: {len(rows)} gold file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
