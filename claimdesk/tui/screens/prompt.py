"""``PromptScreen``: a screen that repaints as soon as it is idle after a change.

Textual repaints a screen from a 60 fps timer that pauses while nothing is dirty. When Textual 8's
timer finds it has missed a tick, it sleeps to the tick *after* the next one (its skip arithmetic
is one tick off), so a screen changed a moment after its last paint — the next variant after a
verdict key — waited up to two frames (33 ms) before it was drawn: the largest share of that
key's latency. This screen's repaint timer does not skip: a missed tick runs at once. Changes
still coalesce (the timer only resumes once the screen is idle); the price is that after a quiet
spell, frames are not held to 60 fps until the timer has caught up with the clock, which a screen
driven by keys, with nothing animated, never notices.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import UPDATE_PERIOD, Screen
from textual.timer import Timer

ResultType = TypeVar("ResultType")


class PromptScreen(Screen[ResultType]):
    """A ``Screen`` whose repaint timer runs a missed tick at once instead of skipping past it."""

    _prompt_timer: Timer | None = None

    @property
    def _update_timer(self) -> Timer:
        # Replaces Textual's (private) repaint timer: the same timer, made with skip=False.
        if self._prompt_timer is None:
            timer = Timer(
                self, UPDATE_PERIOD, name="screen_update", callback=self._on_timer_update, pause=True, skip=False
            )
            timer._start()
            self._timers.add(timer)  # stopped with the screen's other timers
            self._prompt_timer = timer
        return self._prompt_timer
