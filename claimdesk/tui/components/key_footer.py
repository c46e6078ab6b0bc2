"""The key line at the bottom of a screen: the keys that matter first, in a form that fits.

Textual's ``Footer`` gives every binding a fixed-width box in binding order, so at 80 columns the
review's footer was cut after "Confirm", and remapped verdict keys fell off it. This one lays
out the screen's :class:`~claimdesk.tui.keymap.FooterItem` list (verdict keys first) as
``key word`` pairs with the keys the editor's config gives, and when that is too wide leaves out
the optional items, then shortens the words, so the required keys always show.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from claimdesk.tui.keymap import VERDICT_OF_BINDING, FooterItem

_SEPARATOR = "  "


def _words(items: Sequence[tuple[str, str]], separator: str) -> int:
    return sum(cell_len(key) + 1 + cell_len(word) for key, word in items) + len(separator) * (len(items) - 1)


def fit(entries: Sequence[tuple[str, str, str, bool]], width: int) -> tuple[list[tuple[str, str]], str]:
    """(keys, word) pairs for ``width`` cells from (keys, full word, short word, required) entries:
    everything in full words if it fits, else full words with fewer optional items (the last ones
    go first), else everything in short words, else only the required ones, in full, then short,
    then closer together; returns the pairs and the separator between them."""
    required = [e for e in entries if e[3]]
    optional = [i for i, e in enumerate(entries) if not e[3]]
    # Full words with the optional items left out from the last one back, before any word is cut.
    fewer = [
        [e for i, e in enumerate(entries) if e[3] or i in optional[:keep]] for keep in range(len(optional) - 1, 0, -1)
    ]
    tries = [
        ([(k, full) for k, full, _s, _r in entries], _SEPARATOR),
        *(([(k, full) for k, full, _s, _r in some], _SEPARATOR) for some in fewer),
        ([(k, short) for k, _f, short, _r in entries], _SEPARATOR),
        ([(k, full) for k, full, _s, _r in required], _SEPARATOR),
        ([(k, short) for k, _f, short, _r in required], _SEPARATOR),
        ([(k, short) for k, _f, short, _r in required], " "),
        ([(k, short[:4]) for k, _f, short, _r in required], " "),
    ]
    for items, separator in tries:
        if _words(items, separator) <= width:
            return items, separator
    return tries[-1]


def _brevity(key: str) -> tuple[int, bool]:
    """Shortest first, and a letter before a symbol of the same width (``z`` over ``⌫``)."""
    return cell_len(key), not key.isalnum()


class KeyFooter(Widget):
    """One line naming the screen's keys (``FOOTER`` on the screen), as the editor mapped them."""

    DEFAULT_CSS = """
    KeyFooter { dock: bottom; height: 1; background: $footer-background; color: $footer-description-foreground; }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; text-style: bold; }
    """
    COMPONENT_CLASSES = frozenset({"key-footer--key"})

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def _keys_by_id(self) -> dict[str, list[str]]:
        """Binding id -> the keys now active for it (remapped keys included, disabled ones not)."""
        keys: dict[str, list[str]] = {}
        for key, active in self.screen.active_bindings.items():
            if active.binding.id and active.enabled:
                keys.setdefault(active.binding.id, []).append(key)
        return keys

    def entries(self) -> list[tuple[str, str, str, bool]]:
        """(keys, full word, short word, required) for each footer item that has an active key."""
        items: Sequence[FooterItem] = getattr(self.screen, "FOOTER", ())
        keys_by_id = self._keys_by_id()
        config = self.app.config  # type: ignore[attr-defined]
        bindings = {b.id: b for b in getattr(self.screen, "BINDINGS", ()) if isinstance(b, Binding) and b.id}
        out = []
        for item in items:
            shown = [
                min((self.app.get_key_display(Binding(k, "")) for k in keys_by_id[binding_id]), key=_brevity)
                for binding_id in item.ids
                if keys_by_id.get(binding_id)
            ]
            if not shown:
                continue
            binding = bindings.get(item.ids[0])
            full = item.label or (config.describe(binding) if binding else item.short)
            verdict = VERDICT_OF_BINDING.get(item.ids[0])
            # A verdict the editor renamed goes by its new word in every form.
            short = config.verdict_label(verdict).lower()[:7] if verdict in config.verdict_names else item.short
            out.append(("/".join(shown), full, short, item.required))
        return out

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        items, separator = fit(self.entries(), self.size.width - 1)
        for i, (keys, word) in enumerate(items):
            text.append(separator if i else " ")
            text.append(keys, key_style)
            text.append(" " + word)
        return text
