"""Key bindings by id, and the editor's config file that remaps them.

Every binding the app offers is declared here once, with a stable id, so that
``config.toml`` in the user's config directory can remap it through Textual's keymap
(``App.set_keymap``) and the help screen can list them all. The file looks like::

    [keys]
    verdict-faithful = "f"          # binding id = key (or "key1,key2")
    undo = "u,backspace"

    [verdicts]
    distorted = "spun"              # verdict = the word shown for it
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

# Words a config may rename: the stored verdicts (variant and claim level) and "skip".
VERDICTS: tuple[str, ...] = ("faithful", "distorted", "unrelated", "escalated", "confirmed", "dismissed", "skip")

# Moving around (both screens).
CURSOR_DOWN = Binding("j,down", "cursor_down", "Down", id="cursor-down", show=False)
CURSOR_UP = Binding("k,up", "cursor_up", "Up", id="cursor-up", show=False)
HELP = Binding("question_mark", "help", "Keys", id="help")
BACK = Binding("q", "back", "Back", id="back")
UNDO = Binding("backspace,z", "undo", "Undo", id="undo")
# Esc cancels whatever is open on a screen (the search box); on a screen with nothing open it
# does nothing, so an Esc that arrives late over SSH never records, leaves or quits.
CANCEL = Binding("escape", "cancel", "Cancel", id="cancel", show=False)

INBOX_BINDINGS: list[Binding] = [
    CURSOR_DOWN,
    CURSOR_UP,
    Binding("pagedown", "page_down", "Page down", id="page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="page-up", show=False),
    Binding("g,home", "first", "First", id="first", show=False),
    Binding("G,end", "last", "Last", id="last", show=False),
    Binding("enter", "open", "Open", id="open"),
    Binding("slash", "search", "Search", id="search"),
    Binding("s", "sort", "Sort", id="sort"),
    Binding("f", "filter_state", "State filter", id="filter-state"),
    # The grouped view (by article, then family); expand/collapse only act in it.
    Binding("v", "toggle_grouped", "Group by article", id="group-toggle"),
    Binding("right,l", "expand", "Expand article", id="group-expand", show=False),
    Binding("left,h", "collapse", "Collapse article", id="group-collapse", show=False),
    Binding("S", "spread", "Spread", id="inbox-spread", show=False),
    UNDO,
    HELP,
    Binding("q", "back", "Quit", id="quit"),
    CANCEL,
]

REVIEW_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Next claim", id="claim-next", show=False),
    Binding("k,up", "cursor_up", "Prev claim", id="claim-prev", show=False),
    Binding("tab,w", "next_flag", "Next flag", id="flag-next", show=False, priority=True),
    Binding("shift+tab,b", "previous_flag", "Previous flag", id="flag-prev", show=False, priority=True),
    Binding("g,home", "first_claim", "First claim", id="claim-first", show=False),
    Binding("G,end", "last_claim", "Last claim", id="claim-last", show=False),
    Binding("pagedown", "page_down", "Page down", id="claim-page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="claim-page-up", show=False),
    Binding("a", "verdict('faithful')", "Faithful", id="verdict-faithful"),
    Binding("x", "verdict('distorted')", "Distorted", id="verdict-distorted"),
    Binding("n", "verdict('unrelated')", "Unrelated", id="verdict-unrelated"),
    Binding("e", "verdict('escalated')", "Escalate", id="verdict-escalated"),
    Binding("space", "skip", "Skip", id="verdict-skip"),
    Binding("c", "flag('confirmed')", "Confirm", id="flag-confirm"),
    Binding("d", "flag('dismissed')", "Dismiss", id="flag-dismiss"),
    # Capitals: the same verdict on every undecided member of the variant's family (after a question).
    Binding("A", "family_verdict('faithful')", "Family faithful", id="family-faithful"),
    Binding("X", "family_verdict('distorted')", "Family distorted", id="family-distorted"),
    Binding("S", "spread", "Spread", id="spread"),
    Binding("semicolon", "note", "Note", id="note", show=False),
    Binding("t", "take_lease", "Take over", id="lease-take"),
    Binding("right_square_bracket", "next_variant", "Next variant", id="variant-next", show=False),
    Binding("left_square_bracket", "previous_variant", "Previous variant", id="variant-prev", show=False),
    Binding("y", "copy_url", "Copy URL", id="copy-url", show=False),
    Binding("o", "open_url", "Open URL", id="open-url", show=False),
    UNDO,
    HELP,
    BACK,
    CANCEL,
]

SPREAD_BINDINGS: list[Binding] = [
    Binding("j,down", "scroll_down", "Down", id="spread-down", show=False),
    Binding("k,up", "scroll_up", "Up", id="spread-up", show=False),
    Binding("tab,w", "next_changed", "Next changed claim", id="spread-next", priority=True),
    Binding("shift+tab,b", "previous_changed", "Previous changed claim", id="spread-prev", show=False, priority=True),
    Binding("g,home", "first", "Top", id="spread-top", show=False),
    Binding("G,end", "last", "Bottom", id="spread-bottom", show=False),
    Binding("pagedown,space", "page_down", "Page down", id="spread-page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="spread-page-up", show=False),
    HELP,
    Binding("q,escape", "back", "Back", id="spread-back"),
]


@dataclass(frozen=True)
class FooterItem:
    """One entry of a footer: the bindings it names (a pair shows as ``c/d``), its word when space
    is short, and whether it may be left out at narrow widths."""

    ids: tuple[str, ...]
    short: str
    required: bool = True
    label: str | None = None  # for a pair: the full words (else the binding's own description)


INBOX_FOOTER: tuple[FooterItem, ...] = (
    FooterItem(("open",), "open"),
    FooterItem(("search",), "find"),
    FooterItem(("sort",), "sort"),
    FooterItem(("filter-state",), "state"),
    FooterItem(("group-toggle",), "group"),
    FooterItem(("undo",), "undo"),
    FooterItem(("help",), "keys"),
    FooterItem(("quit",), "quit"),
)

# Verdict keys first, whatever the config maps them to.
REVIEW_FOOTER: tuple[FooterItem, ...] = (
    FooterItem(("verdict-faithful",), "faith"),
    FooterItem(("verdict-distorted",), "distort"),
    FooterItem(("verdict-unrelated",), "unrel"),
    FooterItem(("verdict-escalated",), "escal"),
    FooterItem(("verdict-skip",), "skip"),
    FooterItem(("flag-confirm", "flag-dismiss"), "flag", label="Confirm/dismiss"),
    FooterItem(("flag-next",), "next flag", required=False),
    FooterItem(("undo",), "undo"),
    FooterItem(("family-faithful", "family-distorted"), "family", required=False, label="Family verdicts"),
    FooterItem(("spread",), "spread", required=False),
    FooterItem(("note",), "note", required=False),
    FooterItem(("variant-next", "variant-prev"), "variant", required=False, label="Next/prev variant"),
    FooterItem(("copy-url",), "copy", required=False),
    FooterItem(("help",), "keys"),
    FooterItem(("back",), "back"),
)

SPREAD_FOOTER: tuple[FooterItem, ...] = (
    FooterItem(("spread-next", "spread-prev"), "changed", label="Next/prev changed claim"),
    FooterItem(("spread-page-down",), "page"),
    FooterItem(("help",), "keys"),
    FooterItem(("spread-back",), "back"),
)


# Binding id -> the verdict word it records, so a renamed verdict renames its key too.
VERDICT_OF_BINDING: dict[str, str] = {
    "verdict-faithful": "faithful",
    "verdict-distorted": "distorted",
    "verdict-unrelated": "unrelated",
    "verdict-escalated": "escalated",
    "verdict-skip": "skip",
    "flag-confirm": "confirmed",
    "flag-dismiss": "dismissed",
}
# The same for the family keys (their descriptions read "Family <verdict>").
FAMILY_VERDICT_OF_BINDING: dict[str, str] = {"family-faithful": "faithful", "family-distorted": "distorted"}


def config_path() -> Path:
    """``$CLAIMDESK_CONFIG``, else ``config.toml`` in the user's config directory."""
    env = os.environ.get("CLAIMDESK_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("claimdesk")) / "config.toml"


@dataclass(frozen=True)
class Config:
    """The editor's remapped keys (binding id -> keys) and verdict display names."""

    keys: dict[str, str] = field(default_factory=dict)
    verdict_names: dict[str, str] = field(default_factory=dict)

    def verdict_label(self, verdict: str) -> str:
        """The word shown for a stored verdict."""
        return self.verdict_names.get(verdict, verdict)

    def describe(self, binding: Binding) -> str:
        """A binding's description, with the editor's word for the verdict it records."""
        verdict = VERDICT_OF_BINDING.get(binding.id or "")
        if verdict in self.verdict_names:
            return self.verdict_names[verdict].capitalize()
        family = FAMILY_VERDICT_OF_BINDING.get(binding.id or "")
        if family in self.verdict_names:
            return f"Family {self.verdict_names[family]}"
        return binding.description


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the problem."""


def known_binding_ids() -> set[str]:
    """Every binding id a config file may remap."""
    return {b.id for b in (*INBOX_BINDINGS, *REVIEW_BINDINGS, *SPREAD_BINDINGS) if b.id}


_TABLES = ("keys", "verdicts")
_MODIFIERS = {"ctrl", "alt", "shift", "meta"}
_NAMED_KEYS = {key.value for key in Keys if not key.value.startswith("<")} | set(KEY_NAME_REPLACEMENTS.values())


def key_exists(key: str) -> bool:
    """Whether a terminal can send ``key`` as Textual names it: one character (``f``, ``?``), a
    named key (``f1``, ``pagedown``, ``question_mark``), or modifiers and one of those (``ctrl+u``)."""
    if key in _NAMED_KEYS or key_to_character(key) is not None:
        return True
    *modifiers, base = key.split("+")
    if not modifiers or not set(modifiers) <= _MODIFIERS or len(set(modifiers)) != len(modifiers):
        return False
    return base in _NAMED_KEYS or (len(base) == 1 and base.isprintable() and base != " ")


def _split_keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _clashes(keys: dict[str, str]) -> list[str]:
    """Keys that would fire two bindings of one screen once the config's remaps are applied."""
    found: list[str] = []
    for screen, bindings in (("inbox", INBOX_BINDINGS), ("review", REVIEW_BINDINGS), ("spread", SPREAD_BINDINGS)):
        owner: dict[str, str] = {}
        for binding in bindings:
            if not binding.id:
                continue
            for key in _split_keys(keys.get(binding.id, binding.key)):
                other = owner.setdefault(key, binding.id)
                if other != binding.id:
                    found.append(f'"{key}" is bound to both {other} and {binding.id} on the {screen} screen')
    return found


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is the default config.

    Anything the app could not honour is refused with one line naming the file: an unknown
    table or binding id, a key name no terminal sends (``"aa"``, ``"F1"``), a key that would
    fire two bindings of one screen (``verdict-faithful = "j"``, where ``j`` moves).
    """
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    unknown_tables = sorted(set(data) - set(_TABLES))
    if unknown_tables:
        raise ConfigError(f"{path}: unknown table(s) {', '.join(unknown_tables)}: only [keys] and [verdicts] are read")
    keys = data.get("keys", {})
    names = data.get("verdicts", {})
    if not isinstance(keys, dict) or not isinstance(names, dict):
        raise ConfigError(f"{path}: [keys] and [verdicts] must be tables")
    unknown = sorted(set(keys) - known_binding_ids())
    if unknown:
        raise ConfigError(f"{path}: unknown binding id(s) in [keys]: {', '.join(unknown)}")
    bad_verdicts = sorted(set(names) - set(VERDICTS))
    if bad_verdicts:
        raise ConfigError(f"{path}: unknown verdict(s) in [verdicts]: {', '.join(bad_verdicts)}")
    for value in (*keys.values(), *names.values()):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: values must be non-empty strings")
    for binding_id, value in keys.items():
        if "ctrl+shift" in value.replace(" ", "").lower() or value.strip().lower() == "escape":
            raise ConfigError(f"{path}: {binding_id}: ctrl+shift combinations and Esc alone are not allowed")
        for key in _split_keys(value):
            if not key_exists(key):
                raise ConfigError(f'{path}: {binding_id}: no terminal sends the key "{key}" (try "f", "f1", "ctrl+u")')
    clashes = _clashes(keys)
    if clashes:
        raise ConfigError(f"{path}: [keys]: {clashes[0]}")
    return Config(keys=dict(keys), verdict_names=dict(names))
