"""Lexicon speed, printed (never asserted): load time in fresh processes, then lookups per second.

Goal from the claim engine issue: loading the lexicon costs at most 150 ms. Each load is timed
in its own fresh interpreter (the first `lexicon()` call, imports excluded and shown apart),
median of --repeat runs. Lookups: `lemmas` on cold words (no cache), then the pair questions
on word pairs drawn (seeded) from the lexicon's own vocabulary.

    python bench/lexicon_bench.py [--repeat 5] [--pairs 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time

LOAD_GOAL_MS = 150.0
PROBE = """
import json, time
t0 = time.perf_counter()
from claimdesk.claims.lexicon import lexicon
t1 = time.perf_counter()
lex = lexicon()
t2 = time.perf_counter()
lex.synonyms("big", "large"); lex.antonyms("rose", "fell"); lex.aliases("US")
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "first": t3 - t2}))
"""


def fresh_loads(repeat: int) -> list[dict[str, float]]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out))
    return runs


def rate(calls, label: str) -> None:
    start = time.perf_counter()
    for call in calls:
        call()
    elapsed = time.perf_counter() - start
    print(f"{label:<34} {len(calls) / elapsed:>12,.0f} /s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=20_000)
    args = parser.parse_args()

    runs = fresh_loads(args.repeat)
    for key, label in (("import", "import"), ("load", "first lexicon() call"), ("first", "first three questions")):
        values = [1000 * run[key] for run in runs]
        print(f"{label:<34} median {statistics.median(values):6.1f} ms  (min {min(values):.1f}, max {max(values):.1f})")
    load = statistics.median(1000 * run["load"] for run in runs)
    print(f"load goal {LOAD_GOAL_MS:.0f} ms: {'met' if load <= LOAD_GOAL_MS else 'MISSED'}")

    from importlib.resources import files

    from claimdesk.claims.lexicon import DATA_FILE, Lexicon

    cold = Lexicon(files("claimdesk.claims.lexicon").joinpath(DATA_FILE).read_bytes())  # empty caches
    words = [w for w in cold._words if " " not in w]
    rng = random.Random(7)
    sample = rng.sample(words, args.pairs)
    suffixes = rng.choices(("s", "ed", "ing", "er", ""), k=len(sample))
    inflected = [word + suffix for word, suffix in zip(sample, suffixes, strict=True)]
    pairs = list(zip(inflected, rng.sample(inflected, len(inflected)), strict=True))
    rate([lambda w=w: cold.lemmas(w) for w in inflected], "lemmas, uncached words")
    rate([lambda w=w: cold.lemmas(w) for w in inflected], "lemmas, cached")
    rate([lambda a=a, b=b: cold.synonyms(a, b) for a, b in pairs], "synonyms")
    rate([lambda a=a, b=b: cold.antonyms(a, b) for a, b in pairs], "antonyms")
    rate([lambda w=w: cold.aliases(w) for w in inflected], "aliases")


if __name__ == "__main__":
    main()
