"""``o`` in the review: a variant's URL in the editor's browser, only where that can work.

Over SSH or on a console there is no graphical browser, and Python's ``webbrowser`` would start
a text one (lynx, w3m) in the very terminal the app is drawing in. So only a browser that runs
beside the terminal (``webbrowser.BackgroundBrowser`` and the platform ones) is used, and only
for http(s) URLs: a stored URL is untrusted and must not start a ``file:`` or ``javascript:``.
"""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit


def open_in_browser(url: str) -> str:
    """Open ``url`` if a graphical browser is there; returns what to tell the editor."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return "Only http and https URLs are opened; press y to copy it instead."
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        browser = None
    # A plain GenericBrowser runs in the foreground, in this terminal: a console browser.
    if browser is None or type(browser) is webbrowser.GenericBrowser:
        return "No graphical browser on this machine: press y to copy the URL instead."
    try:
        opened = browser.open(url)
    except (OSError, webbrowser.Error) as exc:
        return f"The browser did not start: {exc}"
    return f"Opened {url}" if opened else "The browser did not start: press y to copy the URL instead."
