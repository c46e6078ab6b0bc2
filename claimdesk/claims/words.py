"""Closed word classes the engine treats as grammar, not content: one list, two uses.

Alignment ignores stopwords when it compares sentences; fact extraction ignores the same
function words (and a few titles) when they happen to be capitalised, so they are not names.
"""

# Articles, prepositions, pronouns, conjunctions: never content, never a name.
FUNCTION_WORDS = frozenset(
    (
        "a after also although an and as at because before but by for from he her here his how i if in into "
        "it its just my of on onto or our per she since so than that the their then there these they this "
        "those though to until up via we what when where which while who why with yet you your"
    ).split()
)

# Also no evidence that two sentences say the same thing (verbs of saying, quantifiers...).
STOPWORDS = FUNCTION_WORDS | frozenset(
    (
        "about according again against all am among another any are be been being between both can could did "
        "do does done down during each either every further had has have having him is it's many may me might "
        "more most much must neither no nor not off once only other out over own s said same say says shall "
        "should some such t tells them through told too under us very was were whom whose will would"
    ).split()
)

# Capitalised for reasons other than being a name: grammar words, and titles before a name.
NOT_NAMES = FUNCTION_WORDS | frozenset(("dr lady lord madam mr mrs ms prof sir st").split())
