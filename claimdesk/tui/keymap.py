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

# Words a config may rename: the stored verdicts (variant and claim level) and "skip".
VERDICTS: tuple[str, ...] = ("faithful", "distorted", "unrelated", "escalated", "confirmed", "dismissed", "skip")

# Moving around (both screens).
CURSOR_DOWN = Binding("j,down", "cursor_down", "Down", id="cursor-down", show=False)
CURSOR_UP = Binding("k,up", "cursor_up", "Up", id="cursor-up", show=False)
HELP = Binding("question_mark", "help", "Keys", id="help")
BACK = Binding("q", "back", "Back", id="back")
UNDO = Binding("backspace,z", "undo", "Undo", id="undo")

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
    UNDO,
    HELP,
    Binding("q", "back", "Quit", id="quit"),
]

REVIEW_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Next claim", id="claim-next", show=False),
    Binding("k,up", "cursor_up", "Prev claim", id="claim-prev", show=False),
    Binding("a", "verdict('faithful')", "Faithful", id="verdict-faithful"),
    Binding("x", "verdict('distorted')", "Distorted", id="verdict-distorted"),
    Binding("n", "verdict('unrelated')", "Unrelated", id="verdict-unrelated"),
    Binding("e", "verdict('escalated')", "Escalate", id="verdict-escalated"),
    Binding("space", "skip", "Skip", id="verdict-skip"),
    Binding("c", "flag('confirmed')", "Confirm", id="flag-confirm"),
    Binding("d", "flag('dismissed')", "Dismiss", id="flag-dismiss"),
    Binding("semicolon", "note", "Note", id="note", show=False),
    Binding("t", "take_lease", "Take over", id="lease-take"),
    Binding("right_square_bracket", "next_variant", "Next variant", id="variant-next", show=False),
    Binding("left_square_bracket", "previous_variant", "Previous variant", id="variant-prev", show=False),
    UNDO,
    HELP,
    BACK,
]


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
        return binding.description


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the problem."""


def known_binding_ids() -> set[str]:
    """Every binding id a config file may remap."""
    return {b.id for b in (*INBOX_BINDINGS, *REVIEW_BINDINGS) if b.id}


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is the default config."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
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
    return Config(keys=dict(keys), verdict_names=dict(names))
