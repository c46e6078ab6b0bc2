"""A real HTTP forward proxy on loopback for the ``--use-env-proxy`` tests: it counts what it relays.

It handles what a client sends a proxy for a plain ``http://`` page (``GET http://host:port/path``),
fetches it from the origin with the standard library and relays the answer; CONNECT (HTTPS
tunnels) is refused, so a test can only pass through it with plain HTTP.
"""

from __future__ import annotations

import collections
import http.client
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.ingest.httpserver import ServedInThread

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding"}
)


class ForwardProxy(ServedInThread):
    """``hits[url]`` counts relayed requests by absolute URL; ``auth`` keeps the Proxy-Authorization seen."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.hits: collections.Counter[str] = collections.Counter()
        self.auth: list[str] = []
        self._lock = threading.Lock()
        httpd = ThreadingHTTPServer((host, 0), _handler(self))
        httpd.daemon_threads = True
        super().__init__(httpd)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def _count(self, url: str, auth: str | None) -> None:
        with self._lock:
            self.hits[url] += 1
            if auth:
                self.auth.append(auth)


def _handler(proxy: ForwardProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            target = urllib.parse.urlsplit(self.path)
            if target.scheme != "http" or not target.hostname:
                self._answer(400, b"a forward proxy wants an absolute http:// URL")
                return
            proxy._count(self.path, self.headers.get("Proxy-Authorization"))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            origin = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=10)
            try:
                origin.request(
                    "GET", urllib.parse.urlunsplit(("", "", target.path or "/", target.query, "")), headers=headers
                )
                answer = origin.getresponse()
                body = answer.read()
            finally:
                origin.close()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_CONNECT(self) -> None:
            self._answer(405, b"no tunnels here")

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests read hit counts, not logs."""

    return Handler
