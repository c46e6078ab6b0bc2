"""WordNet's morphy: an inflected form -> the base forms WordNet knows.

The same two steps as WordNet's own morphy (and NLTK's port): a form in the part of speech's
exception list ("geese", "ran", "better") maps to its listed bases; any other form has the
regular suffixes detached ("running" -> "runn", "run", "rune"...). Only candidates that are
WordNet lemmas of that part of speech survive, so the rules may over-generate freely. One
departure: a detachment never leaves a single letter, so "us" is not the letter "u" and "is"
not the letter "i" (WordNet's morphy says both).
"""

from collections.abc import Callable, Mapping

DETACHMENTS = {
    "n": (("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip


def candidates(form: str, pos: str, exceptions: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The form itself, then its exception-list bases or its detached forms."""
    if form in exceptions:
        return [form, *exceptions[form]]
    detached = (form[: -len(old)] + new for old, new in DETACHMENTS[pos] if form.endswith(old))
    return [form] + [base for base in detached if len(base) > 1]


def morphy(
    form: str, pos: str, exceptions: Mapping[str, tuple[str, ...]], is_lemma: Callable[[str, str], bool]
) -> list[str]:
    """Base forms of `form` as part of speech `pos`, the form itself first when it is one.

    A collocation ("looked up", "prime ministers") that is not found whole is tried with its
    head inflected, as WordNet does: the first word of a verb, the last word of a noun.
    """
    found = [base for base in dict.fromkeys(candidates(form, pos, exceptions)) if is_lemma(base, pos)]
    if found or " " not in form or pos not in "nv":
        return found
    head, _, rest = form.partition(" ") if pos == "v" else form.rpartition(" ")[::-1]
    bases = morphy(head, pos, exceptions, lambda base, _pos: True)
    joined = (f"{base} {rest}" if pos == "v" else f"{rest} {base}" for base in bases)
    return [phrase for phrase in dict.fromkeys(joined) if is_lemma(phrase, pos)]
