"""Write a synthetic corpus of debates about managers and leaders: threads, essays and listicles.

The words come from the project's lexicon (ontology/lexicon.ttl): its roles, traits, skills and
focuses. A pool of propositions is planted across documents together with their denials, so the
corpus holds contested claims across documents and rebuttals inside threads. The same seed gives
the same files, byte for byte.

    python scripts/make_corpus.py corpus/ --docs 1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.lexicon import load_lexicon

SIZES = {"10": 10, "1k": 1_000, "10k": 10_000, "100k": 100_000}
KINDS = ("thread", "essay", "listicle")
NAMES = (
    "Ann Lee", "Bob Stone", "Carla Diaz", "Dev Patel", "Eva Novak", "Femi Ade", "Gus Berg", "Hana Sato",
    "Ivan Petrov", "Jade Moss", "Kofi Mensah", "Lena Fischer", "Marco Rossi", "Nia Brooks", "Omar Haddad",
)
PLURAL = {"CEO": "CEOs", "coach": "coaches", "entrepreneur manager": "entrepreneur managers"}
OPENERS = (
    "In my experience,", "Honestly,", "From what I have seen,", "In practice,", "Over the years,",
    "As far as I can tell,", "In most companies,", "Looking back,",
)
FILLER = (
    "This is a question that comes up in every workshop.",
    "The difference matters for how teams are built and how people grow.",
    "Titles on an organization chart say little about what happens in a meeting.",
    "Budgets, deadlines and people all compete for the same hours of the week.",
    "The debate is old, but it keeps coming back in new forms.",
    "Most of the confusion comes from using the two words as if they meant the same thing.",
    "Good teams notice quickly when the person in charge does not listen.",
    "A promotion changes the job more than the person.",
)


@dataclass(frozen=True)
class Words:
    """The lexicon's labels by concept type."""

    roles: tuple[str, ...]
    traits: tuple[str, ...]
    skills: tuple[str, ...]
    focuses: tuple[str, ...]


def lexicon_words() -> Words:
    by_type: dict[str, list[str]] = {"role": [], "trait": [], "skill": [], "focus": []}
    for entry in load_lexicon().entries:
        by_type[entry.type].append(entry.label)
    return Words(*(tuple(sorted(by_type[t])) for t in ("role", "trait", "skill", "focus")))


def cap(text: str) -> str:
    """Upper-case the first letter only (``capitalize`` would turn "CEOs" into "Ceos")."""
    return text[:1].upper() + text[1:]


def plural(role: str) -> str:
    return PLURAL.get(role, role + "s")


def article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"


# Planted propositions and their denials are about these roles; the background sentences are about
# the others, so contests come from the planted pairs. The pool of propositions grows with the
# corpus, but they fall on a bounded set of normal forms (these four roles and the lexicon's
# qualities), so the same claims and their denials recur across many documents, as they do in a
# large forum. Comparing every such pair grew with the square of the corpus (448,630 contests at
# 10k documents); contest detection now caps the opponents a recurring stance meets, and the
# build benchmark counts 589, 9,842 and 57,514 contests at 100, 1k and 10k documents (seed 7).
CONTESTED_ROLES = ("manager", "leader", "executive", "CEO")
BACKGROUND_ROLES = ("employee", "follower", "coach", "entrepreneur", "entrepreneur manager", "mentor", "founder")


def proposition(rng: random.Random, words: Words) -> tuple[str, str]:
    """A claim and its denial, about roles and their qualities."""
    a, b = rng.sample(CONTESTED_ROLES, 2)
    shape = rng.randrange(5)
    if shape == 0:
        return f"Every {a} is {article(b)} {b}.", f"Not every {a} is {article(b)} {b}."
    if shape == 1:
        return f"{cap(plural(a))} are {plural(b)}.", f"Some {plural(a)} are not {plural(b)}."
    if shape == 2:
        trait = rng.choice(words.traits)
        return f"{cap(plural(a))} have {trait}.", f"{cap(plural(a))} do not have {trait}."
    if shape == 3:
        focus = rng.choice(words.focuses)
        return f"{cap(plural(a))} focus on {focus}.", f"{cap(plural(a))} do not focus on {focus}."
    skill = rng.choice(words.skills)
    return f"{cap(plural(a))} are good at {skill}.", f"{cap(plural(a))} are not good at {skill}."


def statement(rng: random.Random, words: Words) -> str:
    """A background sentence in the domain's vocabulary."""
    role = rng.choice(BACKGROUND_ROLES)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{cap(plural(role))} rely on {rng.choice(words.traits)} and {rng.choice(words.traits)}."
    if shape == 1:
        return f"A good {role} focuses on {rng.choice(words.focuses)}."
    if shape == 2:
        return f"{cap(plural(role))} need skills in {rng.choice(words.skills)}."
    return f"{rng.choice(OPENERS)} {plural(role)} are concerned with {rng.choice(words.focuses)}."


def paragraph(rng: random.Random, words: Words, planted: list[tuple[str, str]], sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        roll = rng.random()
        if roll < 0.04:
            claim, denial = rng.choice(planted)
            parts.append(claim if rng.random() < 0.5 else denial)
        elif roll < 0.3:
            parts.append(rng.choice(FILLER))
        else:
            parts.append(statement(rng, words))
    return " ".join(parts)


def thread(rng: random.Random, words: Words, planted: list[tuple[str, str]]) -> str:
    speakers = rng.sample(NAMES, rng.randint(2, 4))
    lines = [f"{speakers[0]}: {paragraph(rng, words, planted, rng.randint(3, 6))}"]
    claim, denial = rng.choice(planted)
    lines.append(f"{speakers[0]}: {claim} {paragraph(rng, words, planted, 2)}")
    for turn in range(rng.randint(2, 5)):
        speaker = speakers[(turn + 1) % len(speakers)]
        if turn == 0:
            said = claim[0].lower() + claim[1:]
            lines.append(f"{speaker}: @{speakers[0]} But you said {said} {denial} {paragraph(rng, words, planted, 2)}")
        else:
            lines.append(f"{speaker}: {paragraph(rng, words, planted, rng.randint(2, 5))}")
    return "\n".join(lines) + "\n"


def essay(rng: random.Random, words: Words, planted: list[tuple[str, str]]) -> str:
    first, second = rng.sample(BACKGROUND_ROLES, 2)
    title = f"{cap(plural(first))} and {plural(second)}"
    paragraphs = [paragraph(rng, words, planted, rng.randint(4, 7)) for _ in range(rng.randint(2, 4))]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def listicle(rng: random.Random, words: Words, planted: list[tuple[str, str]]) -> str:
    first, second = rng.sample(BACKGROUND_ROLES, 2)
    lines = [f"{rng.randint(3, 9)} differences between {plural(first)} and {plural(second)}", ""]
    for role in (first, second):
        lines.append(f"{cap(plural(role))}:")
        for _ in range(rng.randint(3, 5)):
            kind = rng.randrange(3)
            if kind == 0:
                lines.append(f"• Focus on {rng.choice(words.focuses)}.")
            elif kind == 1:
                lines.append(f"• Rely on {rng.choice(words.traits)}.")
            else:
                lines.append(f"• Need {rng.choice(words.skills)}.")
        lines.append("")
    lines.append(paragraph(rng, words, planted, rng.randint(2, 4)))
    return "\n".join(lines) + "\n"


WRITERS = {"thread": thread, "essay": essay, "listicle": listicle}


def make_corpus(out: str | Path, docs: int, seed: int = 7) -> list[Path]:
    """Write ``docs`` documents under ``out`` (created); return their paths in order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    words = lexicon_words()
    rng = random.Random(seed)
    # A pool that grows with the corpus keeps contests spread across documents, not piled on a few.
    planted = [proposition(rng, words) for _ in range(max(8, docs // 10))]
    paths = []
    for i in range(docs):
        doc_rng = random.Random(f"{seed}:{i}")
        kind = KINDS[doc_rng.randrange(len(KINDS))]
        path = out / f"{i:06d}_{kind}.txt"
        path.write_text(WRITERS[kind](doc_rng, words, planted), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the documents into")
    parser.add_argument("--docs", default="1k", help="number of documents, or one of " + ", ".join(SIZES))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    count = SIZES.get(args.docs) or int(args.docs)
    paths = make_corpus(args.out, count, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} documents, {words} words, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
