"""The cast of a pair: which names of the article and the variant are one person, place or body.

A fluent rewrite refers to the same cast in other ways: by surname or first name ("Jimmy
Connors" -> "Connors", "Jimmy"), by a title the texts use beside the name ("Prime Minister Tony
Blair" -> "the Prime Minister"), by an alias or a derived adjective ("US" -> "America",
"Scotland" -> "Scottish", from the lexicon), or spelt another way ("Marseilles" -> "Marseille",
"Coruña" -> "Coruna"). None of that is a distortion; a name the cast does not link to the one it
replaces is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from claimdesk.claims.words import NOT_NAMES

# Capitalised words side by side (a space or a hyphen between): one name, as "Tony Blair".
_RUN = re.compile(r"[A-Z][\w'’.\-]*(?:[ \-]+[A-Z][\w'’.\-]*)+")
# Abbreviated titles: "Gen Pinochet" is "General Pinochet".
_TITLES = {
    "gen": "general",
    "gov": "governor",
    "sen": "senator",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "prof": "professor",
    "supt": "superintendent",
    "insp": "inspector",
}
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12}
MIN_SPELLING = 6  # names this long or longer may differ by one letter and still be one name


def fold(word: str) -> str:
    """Lowercase without accents: "Coruña" and "Coruna" are one spelling."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(word: str) -> str:
    """The comparable form of a capitalised word: folded, without a possessive, and of a
    compound only its capitalised parts ("York-based" -> "york", "Oscar-winner" -> "oscar")."""
    word = word.replace("’", "'").replace(".", "")
    word = re.sub(r"'s?$", "", word)
    if "-" in word:
        parts = [p for p in word.split("-") if p[:1].isupper()]
        word = "-".join(parts) if parts else word
    key = fold(word)
    if key in _ROMAN:
        return f"num:{_ROMAN[key]}"
    return _TITLES.get(key, key)


@dataclass(frozen=True, slots=True)
class Cast:
    """Name keys written side by side in one name anywhere in either text."""

    together: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, *texts: str) -> Cast:
        pairs: set[tuple[str, str]] = set()
        for text in texts:
            for m in _RUN.finditer(text):
                keys = sorted(
                    {name_key(w) for w in re.split(r"[ \-]+", m.group()) if w and w.lower().strip(".") not in NOT_NAMES}
                )
                pairs.update(combinations(keys, 2))
        return cls(frozenset(pairs))

    def same(self, a: str, b: str) -> bool:
        """Do the name keys ``a`` and ``b`` name one thing in these texts?"""
        if a == b or (min(a, b), max(a, b)) in self.together:
            return True
        if ":" in a + b:
            return False  # months and numbers are values: equal or not
        return _one_letter_apart(a, b) or _related(a, b)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed in a long name: a spelling, not another name."""
    if min(len(a), len(b)) < MIN_SPELLING or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@lru_cache(maxsize=4096)
def _related(a: str, b: str) -> bool:
    """An alias or a derived word in the lexicon: US/America, Britain/British, Turkey/Turkish."""
    from claimdesk.claims.lexicon import lexicon

    lex = lexicon()
    left = {a, *lex.aliases(a)}
    right = {b, *lex.aliases(b)}
    if left & right:
        return True
    return any(lex.synonyms(x, y) for x in left for y in right)


def same_phrase(a: str, b: str) -> bool:
    """Two names of one or more words that are aliases of each other ("United States", "USA")."""
    return _related(_phrase_key(a), _phrase_key(b))


def _phrase_key(phrase: str) -> str:
    return " ".join(name_key(w) for w in phrase.split())
