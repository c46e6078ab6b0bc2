"""Engine speed, printed (never asserted): one whole `claimdesk score --batch` process, and scaling.

Goals from the claim engine issue: the dev set's pairs in <= 6 s as one process, a pair of two
50,000-word texts in <= 1 s, and time that grows about linearly with length. The scaling texts
are synthetic news copy generated here (seeded, so every run scores the same pairs): sentences
with names, numbers and quotes, and a spun variant with synonyms swapped, a few numbers changed,
sentences dropped and sentences invented. Over the 50k goal, a cProfile of that pair is printed.

    python bench/engine_bench.py [PAIRS.jsonl] [--sizes 1000,10000,50000] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from claimdesk.claims import score_pair

PAIR_GOAL_S = 1.0  # for a pair of two 50,000-word texts
BATCH_GOAL_S = 6.0  # for the dev set as one process
STOPWORDS = ("the", "a", "of", "to", "in", "and", "for", "on", "with", "at", "by", "from", "that", "is", "was", "has")
SYLLABLES = ("ba", "ker", "lo", "mi", "nu", "sa", "tor", "ven", "da", "rel", "qu", "in", "ost", "al", "ma", "pe", "ri")
VOCABULARY = 12_000  # content words; their frequencies fall off like a newspaper's (Zipf, offset by the stopwords)
SPIN = {"the": "a", "said": "pronounced", "told": "informed", "big": "large", "new": "fresh"}


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


@dataclass
class NewsWriter:
    """Deterministic news-like prose: Zipf-ish content words, stopwords, names, numbers, quotes."""

    rng: random.Random

    def __post_init__(self) -> None:
        self.words = sorted({_word(self.rng, self.rng.randint(2, 4)) for _ in range(VOCABULARY)})
        self.names = sorted({_word(self.rng, 2).capitalize() for _ in range(600)})
        # A spinner's thesaurus: every content word has one fixed synonym.
        self.synonyms = dict(zip(self.words, self.rng.sample(self.words, len(self.words)), strict=True))
        self.weights = [1 / (rank + 100) for rank in range(len(self.words))]

    def number(self) -> str:
        kind = self.rng.random()
        if kind < 0.4:
            return str(self.rng.randint(2, 99))
        if kind < 0.7:
            return f"{self.rng.randint(1, 99)},{self.rng.randint(0, 999):03d}"
        if kind < 0.85:
            return f"{self.rng.randint(1, 30)}.{self.rng.randint(1, 9)} per cent"
        return f"£{self.rng.randint(1, 90)}m"

    def sentence(self) -> str:
        tokens: list[str] = []
        for _ in range(self.rng.randint(10, 26)):
            roll = self.rng.random()
            if roll < 0.38:
                tokens.append(self.rng.choice(STOPWORDS))
            elif roll < 0.86:
                tokens.append(self.rng.choices(self.words, self.weights)[0])
            elif roll < 0.95:
                tokens.append(" ".join(self.rng.sample(self.names, self.rng.randint(1, 2))))
            else:
                tokens.append(self.number())
        tokens.append(self.rng.choice(["said", "told reporters"]))
        body = " ".join(tokens)
        if self.rng.random() < 0.1:
            return f'"{body[0].upper()}{body[1:]}," {self.rng.choice(self.names)} said.'
        return body[0].upper() + body[1:] + "."

    def article(self, n_words: int) -> list[list[str]]:
        """Paragraphs of sentences, about ``n_words`` words in all."""
        paragraphs: list[list[str]] = []
        count = 0
        while count < n_words:
            paragraph = [self.sentence() for _ in range(self.rng.randint(1, 4))]
            count += sum(len(s.split()) for s in paragraph)
            paragraphs.append(paragraph)
        return paragraphs

    def spin(self, sentence: str) -> str:
        """Swap about a third of the words for synonyms; digits, names and quotes stay."""
        out = []
        for token in sentence.split(" "):
            if token in SPIN:
                out.append(SPIN[token])
            elif token in self.synonyms and self.rng.random() < 0.35:
                out.append(self.synonyms[token])
            else:
                out.append(token)
        return " ".join(out)

    def variant(self, paragraphs: list[list[str]]) -> str:
        """A spun copy with a few distortions: numbers changed, sentences dropped and invented."""
        out = []
        for paragraph in paragraphs:
            kept = []
            for sentence in paragraph:
                roll = self.rng.random()
                if roll < 0.01:
                    continue  # dropped
                if roll < 0.02:
                    kept.append(self.sentence())  # invented
                text = self.spin(sentence)
                if roll > 0.99:
                    text = text.replace("1", "7", 1)  # a number changed
                kept.append(text)
            out.append(" ".join(kept))
        return "\n\n".join(out)


def synthetic_pair(n_words: int, seed: int = 2026) -> tuple[str, str]:
    writer = NewsWriter(random.Random(seed))
    paragraphs = writer.article(n_words)
    return "\n\n".join(" ".join(p) for p in paragraphs), writer.variant(paragraphs)


def best_of(repeat: int, original: str, variant: str) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (CPU time is steadier on a busy host)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        score_pair(original, variant)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def bench_batch(pairs: Path) -> None:
    """One whole process, start-up included, as a script or the store's rescore would run it."""
    script = Path(sys.executable).with_name("claimdesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "claimdesk"]
    n = sum(1 for line in pairs.open(encoding="utf-8") if line.strip())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*command, "score", "--batch", str(pairs), "--json"], stdout=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(
        f"batch: {n} pairs from {pairs} in {seconds:.2f} s wall, {cpu:.2f} s CPU, one process (exit {done.returncode})"
    )
    print(f"goal: <= {BATCH_GOAL_S:.0f} s")


def bench_scaling(sizes: list[int], repeat: int) -> tuple[str, str] | None:
    """Time per pair by size; returns the largest pair if it missed the goal."""
    print(f"scaling: synthetic spun pairs, best of {repeat}")
    print(
        f"{'words':>8} {'article':>9} {'variant':>9} {'wall s':>8} {'cpu s':>8} {'words/s':>10} {'us/word':>8}  counts"
    )
    slowest = None
    for n in sizes:
        original, variant = synthetic_pair(n)
        seconds, cpu = best_of(repeat, original, variant)
        words = len(original.split()) + len(variant.split())
        counts = score_pair(original, variant).summary.counts
        shown = " ".join(f"{k}={v}" for k, v in counts.items())
        print(
            f"{n:>8} {len(original.split()):>9} {len(variant.split()):>9} {seconds:>8.3f} {cpu:>8.3f} "
            f"{words / cpu:>10,.0f} {1e6 * cpu / words:>8.2f}  {shown}"
        )
        if n >= 50_000 and seconds > PAIR_GOAL_S:
            slowest = original, variant
    print(f"goal: a 50,000-word pair in <= {PAIR_GOAL_S:.0f} s; linear growth keeps us/word (CPU) flat")
    return slowest


def profile(original: str, variant: str, top: int = 15) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    score_pair(original, variant)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats("claimdesk/claims", top)
    print(f"profile of the {len(original.split())}-word pair: by own time, then engine functions by cumulative time")
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, help='a JSONL file of {"id", "original", "variant"} lines')
    parser.add_argument("--sizes", default="1000,10000,50000", help="words per article, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    parser.add_argument("--profile", action="store_true", help="profile the largest pair even within the goal")
    args = parser.parse_args()
    if args.pairs:
        bench_batch(args.pairs)
    else:
        print("batch: skipped (give a PAIRS.jsonl file to time a whole `claimdesk score --batch` process)")
    sizes = [int(s) for s in args.sizes.split(",")]
    slow = bench_scaling(sizes, args.repeat)
    if slow or args.profile:
        profile(*(slow or synthetic_pair(max(sizes))))


if __name__ == "__main__":
    main()
