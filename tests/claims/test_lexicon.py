"""The WordNet lexicon: the build script on a hand-written WordNet, and the shipped data.

The fixture below is a WordNet in miniature, in the dict files' own format (header lines,
hex word counts, lexical pointers "sstt", verb frames after the pointers), so the build
script is tested without /usr/share/wordnet; the shipped file is tested for the answers the
engine relies on, checked against WordNet 3.0 itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.claims.lexicon import Lexicon, lexicon

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_lexicon.py"
HEADER = "  1 This fixture is written for claimdesk's tests, in WordNet 3.0's format.\n"

FIXTURE = {
    "data.noun": [
        "00000001 15 n 03 United_States 0 US 0 America 0 000 | a country",
        "00000002 05 n 01 goose 0 000 | a bird",
        "00000003 15 n 02 Japan 0 Nippon 0 001 \\ 00000004 a 0101 | an island nation",
        "00000004 22 n 01 increase 0 001 ! 00000005 n 0101 | a rise in amount",
        "00000005 22 n 01 decrease 0 001 ! 00000004 n 0101 | a fall in amount",
        "00000006 04 n 01 decision 0 001 + 00000005 v 0101 | a choice",
        "00000007 18 n 01 Oscar 0 000 | a film award",
    ],
    "data.verb": [
        "00000001 38 v 01 run 0 000 01 + 02 00 | move fast",
        "00000002 38 v 02 rise 0 go_up 0 001 ! 00000003 v 0101 01 + 01 00 | move upward",
        "00000003 38 v 02 fall 0 go_down 0 001 ! 00000002 v 0101 01 + 01 00 | move downward",
        "00000004 32 v 02 say 0 pronounce 0 000 01 + 08 00 | speak",
        "00000005 31 v 01 decide 0 001 + 00000006 n 0101 01 + 08 00 | choose",
    ],
    "data.adj": [
        "00000001 00 a 02 big 0 large 0 002 ! 00000002 a 0202 & 00000003 s 0000 | above average size",
        "00000002 00 a 02 small 0 little 0 001 ! 00000001 a 0202 | below average size",
        "00000003 00 s 01 huge(a) 0 001 & 00000001 a 0000 | very big",
        "00000004 01 a 01 Japanese 0 001 \\ 00000003 n 0101 | of Japan",
        "00000005 00 a 01 good 0 000 | having desirable qualities",
    ],
    "data.adv": ["00000001 02 r 01 well 0 000 | in a good way"],
    "index.noun": [
        "america n 1 0 1 0 00000001",
        "decision n 1 1 + 1 0 00000006",
        "decrease n 1 1 ! 1 0 00000005",
        "goose n 1 0 1 0 00000002",
        "increase n 1 1 ! 1 0 00000004",
        "japan n 1 1 \\ 1 0 00000003",
        "nippon n 1 0 1 0 00000003",
        "oscar n 1 0 1 0 00000007",
        "united_states n 1 0 1 0 00000001",
        "us n 1 0 1 0 00000001",
    ],
    "index.verb": [
        "decide v 1 1 + 1 0 00000005",
        "fall v 1 1 ! 1 0 00000003",
        "go_down v 1 1 ! 1 0 00000003",
        "go_up v 1 1 ! 1 0 00000002",
        "pronounce v 1 0 1 0 00000004",
        "rise v 1 1 ! 1 0 00000002",
        "run v 1 0 1 0 00000001",
        "say v 1 0 1 0 00000004",
    ],
    "index.adj": [
        "big a 1 2 ! & 1 0 00000001",
        "good a 1 0 1 0 00000005",
        "huge a 1 1 & 1 0 00000003",
        "japanese a 1 1 \\ 1 0 00000004",
        "large a 1 2 ! & 1 0 00000001",
        "little a 1 1 ! 1 0 00000002",
        "small a 1 1 ! 1 0 00000002",
    ],
    "index.adv": ["well r 1 0 1 0 00000001"],
    "noun.exc": ["geese goose"],
    "verb.exc": ["fell fall", "ran run", "rose rise", "running run", "said say"],
    "adj.exc": ["better good"],
    "adv.exc": ["better well"],
}


def write_fixture(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, lines in FIXTURE.items():
        header = HEADER if name.startswith(("data.", "index.")) else ""
        (root / name).write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    return root


def build(wordnet: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(wordnet), "--out", str(out)], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = tmp_path_factory.mktemp("wordnet")
    result = build(write_fixture(root / "dict"), root / "mini.dat")
    assert result.returncode == 0, result.stderr
    return (root / "mini.dat").read_bytes()


@pytest.fixture(scope="module")
def mini(built: bytes) -> Lexicon:
    return Lexicon(built)


def test_building_twice_gives_the_same_bytes(built: bytes, tmp_path: Path) -> None:
    result = build(write_fixture(tmp_path / "dict"), tmp_path / "again.dat")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again.dat").read_bytes() == built


def test_missing_wordnet_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = build(tmp_path / "nowhere", tmp_path / "out.dat")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot read WordNet" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.dat").exists()


def test_malformed_wordnet_is_one_line_on_stderr(tmp_path: Path) -> None:
    root = write_fixture(tmp_path / "dict")
    with open(root / "data.verb", "a", encoding="utf-8") as data:
        data.write("00000009 38 v\n")  # cut short: no word count
    result = build(root, tmp_path / "out.dat")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "malformed WordNet file" in result.stderr
    assert not (tmp_path / "out.dat").exists()


def test_fixture_morphology_uses_exceptions_and_detachment(mini: Lexicon) -> None:
    assert mini.lemmas("geese") == ("goose",)
    assert mini.lemmas("ran") == ("run",)
    assert mini.lemmas("running") == ("run",)
    assert mini.lemmas("pronounced") == ("pronounce",)  # -ed -> -e
    assert mini.lemmas("says") == ("say",)
    assert mini.lemmas("better") == ("good", "well")
    assert mini.lemmas("Japanese") == ("japanese",)  # the word itself, lowercased
    assert mini.pos_of("better") == "ar"
    assert not mini.known("glorp")


def test_fixture_relations(mini: Lexicon) -> None:
    assert mini.synonyms("big", "large")
    assert mini.synonyms("huge", "big")  # similar-to
    assert mini.synonyms("said", "pronounced")
    assert mini.synonyms("japan", "Japanese")  # pertainym
    assert mini.synonyms("decided", "decision")  # derivation
    assert not mini.synonyms("big", "small")
    assert mini.antonyms("large", "small")  # direct (big/little are the pointer's words)
    assert mini.antonyms("big", "little")  # antonym of a synonym, both sides
    assert mini.antonyms("huge", "small")  # antonym of a similar-to adjective
    assert mini.antonyms("rose", "fell")
    assert mini.antonyms("going up", "fall")
    assert mini.antonyms("increase", "decrease")
    assert not mini.antonyms("big", "huge")
    assert mini.aliases("US") == {"united states", "america"}
    assert mini.aliases("Oscar") == frozenset()


def test_collocations_inflect_their_head(mini: Lexicon) -> None:
    assert mini.lemmas("going up") == ("go up",)  # a verb's first word
    assert mini.lemmas("go_up") == ("go up",)
    assert mini.lemmas("going sideways") == ()


def test_corrupt_data_is_refused() -> None:
    with pytest.raises(ValueError, match="not a claimdesk WordNet lexicon"):
        Lexicon(b"something else entirely")


@pytest.fixture(scope="module")
def shipped() -> Lexicon:
    return lexicon()


def test_shipped_lexicon_is_loaded_once(shipped: Lexicon) -> None:
    assert lexicon() is shipped


def test_shipped_morphology(shipped: Lexicon) -> None:
    assert shipped.lemmas("geese") == ("goose",)
    assert shipped.lemmas("ran") == ("run",)
    assert shipped.lemmas("running") == ("running", "run")  # "running" is a noun too
    assert "good" in shipped.lemmas("better")
    assert shipped.lemmas("children", "n") == ("child",)
    assert shipped.lemmas("looked up", "v") == ("look up",)
    assert shipped.lemmas("us") == ("us",)  # never the letter "u"
    assert shipped.pos_of("ran") == "v"
    with pytest.raises(ValueError, match="part of speech"):
        shipped.lemmas("run", "x")


def test_shipped_synonyms_across_senses(shipped: Lexicon) -> None:
    assert shipped.synonyms("big", "large")
    assert shipped.synonyms("said", "pronounced")  # say/pronounce share a synset in WordNet 3.0
    assert shipped.synonyms("Japan", "Japanese")
    assert shipped.synonyms("decided", "decision")
    assert not shipped.synonyms("big", "small")
    assert not shipped.synonyms("employees", "staff")  # WordNet links staff to the group, not to employee
    assert not shipped.synonyms("qwzx", "qwzx")


def test_shipped_antonyms_direct_and_indirect(shipped: Lexicon) -> None:
    for a, b in [("rose", "fell"), ("increased", "decreased"), ("won", "lost"), ("approve", "disapprove")]:
        assert shipped.antonyms(a, b) and shipped.antonyms(b, a)
    assert shipped.antonyms("approved", "rejected")  # reject shares a synset with disapprove
    assert shipped.antonyms("damp", "dry")  # damp is similar to wet
    assert not shipped.antonyms("big", "large")
    assert not shipped.antonyms("painful", "sensible")


def test_shipped_aliases(shipped: Lexicon) -> None:
    assert {"united states", "america", "usa"} <= shipped.aliases("US")
    assert "us" in shipped.aliases("United States")
    assert shipped.aliases("Oscars") >= {"academy award"}
    assert "european union" in shipped.aliases("EU") and "europium" not in shipped.aliases("EU")
    assert shipped.aliases("car") == frozenset()


def test_adjectives_of_one_head_are_close_and_antonyms_never() -> None:
    lex = lexicon()
    assert lex.close("magnificent", "stately") and lex.close("excellent", "superb")
    assert not lex.close("strong", "weak") and not lex.close("painful", "sensible")
