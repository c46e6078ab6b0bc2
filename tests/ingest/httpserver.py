"""A real HTTP server on 127.0.0.1 for the intake tests: routes, hit counts, bytes sent.

No mocks: the client under test opens real sockets, reads real headers and real (possibly
endless, dripping or compressed) bodies, so timeouts, caps and redirects are exercised for real.
"""

from __future__ import annotations

import collections
import json
import re
import ssl
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class Reply:
    """What a route answers. ``body`` as bytes is sent with a Content-Length; an iterable is
    streamed chunk by chunk without one (then the connection closes), as endless servers do."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    reason: str | None = None  # the status line's reason phrase; None for the standard one


Route = Callable[[dict[str, str]], Reply]


class ServedInThread:
    """An HTTP server answering from a daemon thread: ``start()`` and ``stop()``, or ``with``.

    The loopback server and the forward proxy of these tests both live this way.
    """

    def __init__(self, httpd: ThreadingHTTPServer) -> None:
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class LoopbackServer(ServedInThread):
    """A threaded server; ``route(path, ...)`` sets an answer, ``hits[path]`` counts requests."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: collections.Counter[str] = collections.Counter()
        self.sent: collections.Counter[str] = collections.Counter()
        self.request_headers: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.scheme = "https" if tls else "http"
        if tls:
            httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        super().__init__(httpd)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def route(self, path: str, reply: Reply | Route) -> None:
        """Answer ``path`` with a fixed reply or a function of the request headers."""
        self.routes[path] = reply if callable(reply) else (lambda _headers: reply)

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> None:
        """A fixed page at ``path``."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.route(path, Reply(200, {"Content-Type": content_type}, data))

    def _count(self, path: str, headers: dict[str, str]) -> Route | None:
        with self._lock:
            self.hits[path] += 1
            self.request_headers[path] = headers
        return self.routes.get(path)

    def _sent(self, path: str, n: int) -> None:
        with self._lock:
            self.sent[path] += n


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up mid-answer are the point of several tests, not an error to print."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            route = server._count(self.path, headers)
            reply = route(headers) if route else Reply(404, {"Content-Type": "text/plain"}, b"not found")
            self.send_response(reply.status, reply.reason)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            try:
                if isinstance(reply.body, bytes):
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                    server._sent(self.path, len(reply.body))
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                for chunk in reply.body:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    server._sent(self.path, len(chunk))
            except OSError:
                self.close_connection = True  # the client hung up: what the caps and deadlines are for

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests read hit counts, not logs."""

    return Handler


@dataclass(frozen=True)
class NewsPage:
    """A page's title and main text, kept together: a test serves the one and asserts on the other."""

    title: str
    text: str

    def html(self) -> str:
        """The page as its site serves it (:func:`html_page`)."""
        return html_page(self.title, self.text)


# A fictional article and a spun copy of it, written for these tests.
ARTICLE = NewsPage(
    "Harbour town opens its new lifeboat station",
    "The town of Kestrel Bay opened its new lifeboat station on Saturday after four years of fundraising. "
    "Mayor Ilse Varga said the station cost 2.4 million euros and will house two boats. "
    "About 1,200 residents attended the ceremony on the harbour wall. "
    "The old station, built in 1931, will become a maritime museum next spring. "
    '"We never gave up on this project," Varga told the crowd.',
)
VARIANT = NewsPage(
    "Harbor village unveils a fresh lifeboat base",
    "A village of Kestrel Bay unveiled its fresh lifeboat base on Saturday after four years of fundraising. "
    "Mayor Ilse Varga pronounced the base cost 3.1 million euros and will house two boats. "
    "About 1,200 locals attended a ceremony on the harbour wall. "
    '"We never gave up on this project," Varga told the crowd.',
)


def html_page(title: str, text: str, *, charset: str = "utf-8", meta: bool = True) -> str:
    """A news page: navigation, the article in paragraphs, a footer, as a site would serve it."""
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in text.split(". ") if sentence.strip())
    head = f'<meta charset="{charset}">' if meta else ""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>All rights reserved. Subscribe to our newsletter.</footer></body></html>"
    )


def feed_body(kind: str, pairs: list[tuple[str, str]]) -> tuple[bytes, str]:
    """A feed of (copy URL, original URL) pairs in one of the four formats, with its content type."""
    if kind == "jsonfeed":
        items = [
            {"id": f"copy-{n}", "url": copy, "external_url": original, "title": f"Copy {n}"}
            for n, (copy, original) in enumerate(pairs)
        ]
        doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Copies", "items": items}
        return json.dumps(doc).encode(), "application/feed+json"
    if kind == "rss":
        items = "".join(
            f"<item><title>Copy {n}</title><link>{copy}</link><guid>copy-{n}</guid>"
            f'<source url="{original}">Our paper</source></item>'
            for n, (copy, original) in enumerate(pairs)
        )
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Copies</title>{items}</channel></rss>'
        return rss.encode(), "application/rss+xml"
    if kind == "atom":
        entries = "".join(
            f"<entry><title>Copy {n}</title><id>urn:copy:{n}</id><updated>2026-11-20T10:00:00Z</updated>"
            f'<link rel="alternate" href="{copy}"/><link rel="related" href="{original}"/></entry>'
            for n, (copy, original) in enumerate(pairs)
        )
        atom = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Copies</title>'
            f"<id>urn:copies</id><updated>2026-11-20T10:00:00Z</updated>{entries}</feed>"
        )
        return atom.encode(), "application/atom+xml"
    if kind == "jsonl":
        lines = [json.dumps({"article": {"url": original}, "variant": {"url": copy}}) for copy, original in pairs]
        return "\n".join(lines).encode() + b"\n", "application/x-ndjson"
    raise ValueError(kind)


def serve_pair(server: LoopbackServer) -> tuple[str, str]:
    """The article at /article and its copy at /copy; returns their URLs, article first."""
    server.page("/article", ARTICLE.html())
    server.page("/copy", VARIANT.html())
    return server.url("/article"), server.url("/copy")


def serve_copies(server: LoopbackServer, copies: int) -> list[tuple[str, str]]:
    """The article and ``copies`` distinct copies of it at /copy0, /copy1, ... (copy n puts the cost
    at n + 3.5 million euros, not 3.1); returns the (copy, original) URL pairs."""
    server.page("/article", ARTICLE.html())
    pairs = []
    for n in range(copies):
        text = VARIANT.text.replace("3.1 million", f"{3 + n}.5 million")
        server.page(f"/copy{n}", html_page(f"{VARIANT.title} {n}", text))
        pairs.append((server.url(f"/copy{n}"), server.url("/article")))
    return pairs


def serve_feed(server: LoopbackServer, kind: str, pairs: list[tuple[str, str]], etag: str | None = None) -> str:
    """A feed of ``pairs`` at /feed, returning its URL; with ``etag``, answered 304 when the client sends it back."""
    body, content_type = feed_body(kind, pairs)

    def answer(headers: dict[str, str]) -> Reply:
        if etag and headers.get("if-none-match") == etag:
            return Reply(304, {"ETag": etag})
        extra = {"ETag": etag} if etag else {}
        return Reply(200, {"Content-Type": content_type, **extra}, body)

    server.route("/feed", answer)
    return server.url("/feed")


# Bytes a terminal acts on: C0 controls but tab and newline, DEL, and (UTF-8 encoded) C1 controls,
# bidi marks, overrides and isolates.
TERMINAL_CONTROLS = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def _utf8_header(value: str) -> str:
    """``value`` as the str whose Latin-1 bytes (what http.server sends) are its UTF-8 bytes."""
    return value.encode("utf-8").decode("latin-1")


def serve_hostile(server: LoopbackServer) -> list[str]:
    """Copies that fail with terminal controls in what the failure says: a reason phrase, Locations, a URL."""
    server.route(
        "/reason", Reply(404, {"Content-Type": "text/plain"}, b"gone", reason="Gone \x1b[6n\x9b6n\x85 for good")
    )
    server.route("/to-osc", Reply(302, {"Location": "http://copies.test/\x1b]0;PWNED\x07\x1b[6n"}))
    server.route("/to-c1", Reply(302, {"Location": _utf8_header("javascript:\x9b31m\u0085")}))
    server.route("/to-bidi", Reply(302, {"Location": _utf8_header("http://copies.test/\u202egnp.exe\u2066")}))
    return [server.url(path) for path in ("/reason", "/to-osc", "/to-c1", "/to-bidi", "/404?\x1b]0;PWNED\x07")]
