"""Build claimdesk's shipped lexicon from the WordNet 3.0 dict files.

    apt-get install wordnet-base && python scripts/build_lexicon.py [WORDNET_DIR] [--out FILE]

Reads data.*, index.* and *.exc (Debian's wordnet-base installs them in /usr/share/wordnet)
and writes `claimdesk/claims/lexicon/wordnet.dat`: only what the engine asks (lemmas and
their synsets, similar-to, adjective also-see, antonyms, derivations, pertainyms, exception
lists); glosses, hypernyms and the rest are dropped. Same input, same bytes.
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from claimdesk.claims.lexicon.format import POS, PROPER, case_of, ints, pack

FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "claimdesk" / "claims" / "lexicon" / "wordnet.dat"
ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # syntactic position of an adjective: "galore(ip)"


def lemma_of(word: str) -> str:
    """WordNet spelling -> the lexicon's key: lowercase, spaces for underscores."""
    return ADJ_MARKER.sub("", word).lower().replace("_", " ")


def file_pos(pos: str) -> str:
    """Adjective satellites ("s") live in data.adj and share its offsets."""
    return "a" if pos == "s" else pos


def read_data(root: Path):
    """Synsets as (pos, offset) -> (words as written, pointers)."""
    synsets = {}
    for pos, name in FILES.items():
        with open(root / f"data.{name}", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" | ", 1)[0].split()
                count = int(fields[3], 16)
                words = [ADJ_MARKER.sub("", word) for word in fields[4 : 4 + 2 * count : 2]]
                at = 4 + 2 * count
                pointers = [
                    (fields[i], file_pos(fields[i + 2]), fields[i + 1], fields[i + 3])
                    for i in range(at + 1, at + 1 + 4 * int(fields[at]), 4)
                ]
                synsets[pos, fields[0]] = (words, pointers)
    return synsets


def read_sense_order(root: Path) -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> synset offsets in WordNet's sense order (most frequent first)."""
    order = {}
    for pos, name in FILES.items():
        with open(root / f"index.{name}", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("  "):
                    continue
                fields = line.split()
                senses = int(fields[2])
                order[lemma_of(fields[0]), pos] = fields[len(fields) - senses :]
    return order


def read_exceptions(root: Path) -> bytes:
    """The *.exc lists as sorted "pos<TAB>inflected<TAB>base..." lines."""
    rows = set()
    for pos, name in FILES.items():
        with open(root / f"{name}.exc", encoding="utf-8") as lines:
            for line in lines:
                forms = [lemma_of(form) for form in line.split()]
                if len(forms) >= 2:
                    rows.add("\t".join([pos, *forms]))
    return "".join(row + "\n" for row in sorted(rows)).encode()


def csr(rows: list[list[int]]) -> tuple[bytes, bytes]:
    """Lists of ints as an offsets array and one flat array."""
    starts, flat = [0], []
    for row in rows:
        flat.extend(row)
        starts.append(len(flat))
    return ints(starts), ints(flat)


def build(root: Path) -> bytes:
    """The packed lexicon for the WordNet dict files in `root`."""
    synsets = read_data(root)
    keys = sorted(synsets, key=lambda key: (POS.index(key[0]), key[1]))
    synset_id = {key: i for i, key in enumerate(keys)}
    members, cases = [], bytearray()
    for key in keys:
        spellings = {}
        for word in synsets[key][0]:
            spellings.setdefault(lemma_of(word), case_of(word.replace("_", " ")))
        members.append(list(spellings))
        cases.extend(spellings.values())
    vocabulary = sorted({lemma for lemmas in members for lemma in lemmas})
    lemma_id = {lemma: i for i, lemma in enumerate(vocabulary)}

    order = read_sense_order(root)
    senses: list[list[int]] = [[] for _ in vocabulary]
    masks = bytearray(len(vocabulary))
    for sid, key in enumerate(keys):
        for lemma in members[sid]:
            senses[lemma_id[lemma]].append(sid)
            masks[lemma_id[lemma]] |= 1 << POS.index(key[0])
    for lid, lemma in enumerate(vocabulary):
        rank = {}
        for pos in POS:
            for offset in order.get((lemma, pos), ()):
                rank.setdefault(synset_id.get((pos, offset)), len(rank))
        senses[lid].sort(key=lambda sid: (POS.index(keys[sid][0]), rank.get(sid, len(rank)), sid))

    similar, antonym, related = defaultdict(set), defaultdict(set), defaultdict(set)
    for sid, key in enumerate(keys):
        for symbol, pos, offset, words in synsets[key][1]:
            target = synset_id[pos, offset]
            if symbol == "&" or (symbol == "^" and key[0] == pos == "a"):
                similar[sid].add(target)
                similar[target].add(sid)
            elif symbol == "!":
                antonym[sid].add(target)
                antonym[target].add(sid)
            elif symbol in ("+", "\\") and words != "0000":
                source_word = lemma_of(synsets[key][0][int(words[:2], 16) - 1])
                target_word = lemma_of(synsets[keys[target]][0][int(words[2:], 16) - 1])
                source, other = lemma_id[source_word], lemma_id[target_word]
                if source != other:
                    related[source].add(other)
                    related[other].add(source)

    info = bytes(POS.index(key[0]) | (PROPER if any(w != w.lower() for w in synsets[key][0]) else 0) for key in keys)
    parts = {
        "lemmas": "\n".join(vocabulary).encode(),
        "lemma_pos": bytes(masks),
        "synset_info": info,
        "synset_lemma_case": bytes(cases),
        "exceptions": read_exceptions(root),
    }
    parts["lemma_synsets_start"], parts["lemma_synsets"] = csr(senses)
    parts["synset_lemmas_start"], parts["synset_lemmas"] = csr([[lemma_id[lemma] for lemma in m] for m in members])
    for name, links, size in (
        ("similar", similar, len(keys)),
        ("antonym", antonym, len(keys)),
        ("related", related, len(vocabulary)),
    ):
        parts[f"{name}_start"], parts[name] = csr([sorted(links.get(i, ())) for i in range(size)])
    return pack(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet", nargs="?", default="/usr/share/wordnet", help="WordNet dict directory")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="file to write (default: the package's)")
    args = parser.parse_args(argv)
    try:
        blob = build(Path(args.wordnet))
    except OSError as error:
        print(f"build_lexicon: cannot read WordNet: {error.strerror}: {error.filename}", file=sys.stderr)
        return 1
    except (ValueError, IndexError, KeyError) as error:
        print(f"build_lexicon: malformed WordNet file in {args.wordnet}: {error!r}", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(blob)
    print(f"build_lexicon: wrote {args.out} ({len(blob):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
