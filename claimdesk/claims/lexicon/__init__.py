"""Lexical knowledge from WordNet 3.0, shipped as package data (`wordnet.dat`).

The engine asks a few questions of word pairs: is this the same word inflected, a synonym in
any sense (what a thesaurus spinner swaps in), an antonym (a reversed predicate), another
name for the same thing? `lexicon()` loads the data once, on first use, from the package
itself; nothing is downloaded and no other file is read. Rebuild it with
`scripts/build_lexicon.py`; the licence is `LICENSE-WordNet` beside the data.

Words are matched lowercase with spaces for underscores. Parts of speech are WordNet's
letters: "n", "v", "a" (adjective satellites "s" count as "a"), "r".
"""

from array import array
from functools import cache, cached_property
from importlib.resources import files

from claimdesk.claims.lexicon.format import CASE_LOWER, POS, PROPER, Sections, case_of, read_ints
from claimdesk.claims.lexicon.morphy import morphy

DATA_FILE = "wordnet.dat"
POS_ALIASES = {"s": "a"}
CACHE_LIMIT = 200_000  # words remembered by `lemmas`: a long-lived process must not grow without end


def normalise(word: str) -> str:
    """A word or phrase as the lexicon spells its keys."""
    return " ".join(word.replace("_", " ").replace("\u2019", "'").lower().split())


class Lexicon:
    """WordNet lemmas, synsets and the relations between them, as flat arrays."""

    def __init__(self, blob: bytes):
        """Reads the lemma list at once (every question needs it); the relation tables are
        inflated on the first question that needs each."""
        self._sections = Sections(blob)
        words = str(self._sections["lemmas"], "utf-8").split("\n")
        self._words = words
        self._ids = dict(zip(words, range(len(words)), strict=True))
        self._lemma_pos = self._sections["lemma_pos"]
        self._lemma_cache: dict[tuple[str, str | None], tuple[str, ...]] = {}

    @cached_property
    def _exceptions(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """WordNet's exception lists by part of speech: inflected form -> its bases."""
        lists: dict[str, dict[str, tuple[str, ...]]] = {pos: {} for pos in POS}
        for line in str(self._sections["exceptions"], "utf-8").splitlines():
            pos, form, *bases = line.split("\t")
            lists[pos][form] = tuple(bases)
        return lists

    @cached_property
    def _synset_info(self) -> bytes:
        return self._sections["synset_info"]

    @cached_property
    def _synset_lemma_case(self) -> bytes:
        return self._sections["synset_lemma_case"]

    # Morphology ------------------------------------------------------------------------

    def lemmas(self, word: str, pos: str | None = None) -> tuple[str, ...]:
        """Base forms WordNet knows for `word` (morphy), the word itself first if it is one."""
        key = (word, pos)
        found = self._lemma_cache.get(key)
        if found is None:
            form = normalise(word)
            wanted = POS if pos is None else POS_ALIASES.get(pos, pos)
            if wanted not in POS:
                raise ValueError(f"unknown part of speech {pos!r}: use one of n, v, a, s, r")
            bases = [base for p in wanted for base in morphy(form, p, self._exceptions[p], self._is_lemma)]
            found = tuple(dict.fromkeys(sorted(bases, key=lambda base: base != form)))
            if len(self._lemma_cache) >= CACHE_LIMIT:
                self._lemma_cache.clear()
            self._lemma_cache[key] = found
        return found

    def known(self, word: str) -> bool:
        """Whether `word`, in any inflection, is a WordNet lemma."""
        return bool(self.lemmas(word))

    def pos_of(self, word: str) -> str:
        """The parts of speech `word` can be, as letters in "nvar" order ("" if unknown)."""
        return "".join(p for p in POS if self.lemmas(word, p))

    # Relations -------------------------------------------------------------------------

    def synonyms(self, a: str, b: str) -> bool:
        """Same lemma, a shared synset in any sense, similar-to or also-see adjectives, or a
        derivation / pertainym link (decide/decision, Japan/Japanese), in any inflection."""
        ids_a, ids_b = self._lemma_ids(a), self._lemma_ids(b)
        if not ids_a or not ids_b:
            return False
        if ids_a & ids_b:
            return True
        synsets_a, synsets_b = self._synsets(ids_a), self._synsets(ids_b)
        return bool(
            synsets_a & synsets_b
            or self._follow("similar", synsets_a) & synsets_b
            or self._follow("related", ids_a) & ids_b
        )

    def close(self, a: str, b: str) -> bool:
        """Synonyms, or two adjectives similar to one head ("magnificent" and "stately", both
        like "impressive"): the words a thesaurus spinner swaps, one step wider than WordNet's
        synsets. Antonyms are never close: each has its own head."""
        if self.synonyms(a, b):
            return True
        synsets_a, synsets_b = self._synsets(self._lemma_ids(a)), self._synsets(self._lemma_ids(b))
        return bool(self._follow("similar", synsets_a) & (synsets_b | self._follow("similar", synsets_b)))

    def antonyms(self, a: str, b: str) -> bool:
        """A direct antonym (rise/fall), or the antonym of a synonym or of a similar-to
        adjective on either side (damp vs dry, via wet), in any inflection."""
        synsets_a, synsets_b = self._synsets(self._lemma_ids(a)), self._synsets(self._lemma_ids(b))
        if not synsets_a or not synsets_b:
            return False
        opposite_a = self._follow("antonym", synsets_a)
        return bool(
            opposite_a & synsets_b
            or opposite_a & self._follow("similar", synsets_b)
            or self._follow("antonym", self._follow("similar", synsets_a)) & synsets_b
        )

    def aliases(self, phrase: str) -> frozenset[str]:
        """Other lemmas of the noun synsets of a name or multiword phrase: "US" -> "united
        states", "america"...; a single common noun has none (its synonyms are no alias).

        A phrase that is itself a lemma is not inflected first ("us" is not "u"s), and a
        capitalised phrase prefers the senses WordNet spells the same way ("EU" is the
        union, "Eu" europium)."""
        form = normalise(phrase)
        forms = (form,) if self._is_lemma(form, "n") else self.lemmas(form, "n")
        case = case_of(" ".join(phrase.split()))
        matching, other = set(), set()
        for lemma in forms:
            lid = self._ids[lemma]
            for sid in self._row("lemma_synsets", lid):
                info = self._synset_info[sid]
                if POS[info & 0x0F] != "n" or not (" " in form or info & PROPER):
                    continue
                starts, flat = self._links["synset_lemmas"]
                row = range(starts[sid], starts[sid + 1])
                names = {self._words[flat[i]] for i in row}
                spelled = next(self._synset_lemma_case[i] for i in row if flat[i] == lid)
                (matching if case == CASE_LOWER or spelled == case else other).update(names)
        return frozenset((matching or other).difference(forms, [form]))

    def synonyms_of(self, word: str) -> frozenset[str]:
        """Every lemma `synonyms(word, x)` accepts, but `word`'s own lemmas."""
        ids = self._lemma_ids(word)
        synsets = self._synsets(ids)
        synsets |= self._follow("similar", synsets)
        found = {lid for sid in synsets for lid in self._row("synset_lemmas", sid)}
        found |= self._follow("related", ids)
        return frozenset(self._words[lid] for lid in found - ids)

    # Arrays ----------------------------------------------------------------------------

    def _is_lemma(self, form: str, pos: str) -> bool:
        lid = self._ids.get(form)
        return lid is not None and bool(self._lemma_pos[lid] & (1 << POS.index(pos)))

    def _lemma_ids(self, word: str) -> set[int]:
        return {self._ids[lemma] for lemma in self.lemmas(word)}

    def _row(self, name: str, index: int) -> array:
        starts, flat = self._links[name]
        return flat[starts[index] : starts[index + 1]]

    def _synsets(self, lemma_ids: set[int]) -> set[int]:
        return self._follow("lemma_synsets", lemma_ids)

    def _follow(self, name: str, sources: set[int]) -> set[int]:
        return {target for source in sources for target in self._row(name, source)}

    @cached_property
    def _links(self) -> "_LazyLinks":
        return _LazyLinks(self._sections)


class _LazyLinks(dict):
    """CSR tables by name, decoded from their sections on first use."""

    def __init__(self, sections: Sections):
        super().__init__()
        self._sections = sections

    def __missing__(self, name: str) -> tuple[array, array]:
        table = self[name] = (read_ints(self._sections[f"{name}_start"]), read_ints(self._sections[name]))
        return table


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, read from the package on first call and kept."""
    return Lexicon(files(__package__).joinpath(DATA_FILE).read_bytes())
