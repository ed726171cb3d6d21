"""The preview's HTTP server: the page, its event stream and its two static assets, on 127.0.0.1 only.

Four paths are served and nothing else: ``/`` (the page as it is now),
``/events`` (Server-Sent Events: "page" with the new content after each save,
"build" with the DOCX's rebuild), ``/preview.css`` and ``/preview.js``. No path
maps to a file, so no request can read the repository. A request whose Host is
not this server's address is refused (a web page elsewhere cannot reach it by
DNS rebinding), and the page allows only its own script and styles.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

HOST = "127.0.0.1"
KEEPALIVE_SECONDS = 15.0  # a comment on a quiet stream, so that a closed tab is noticed
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; connect-src 'self';"
        " base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Event:
    number: int  # events are numbered in the order they were published
    kind: str  # "page" or "build"
    data: dict


class EventHub:
    """The latest event of each kind; every open stream is woken when one is published."""

    def __init__(self) -> None:
        self._latest: dict[str, Event] = {}
        self._count = 0
        self._closed = False
        self._changed = threading.Condition()

    def publish(self, kind: str, data: dict) -> None:
        with self._changed:
            self._count += 1
            self._latest[kind] = Event(self._count, kind, data)
            self._changed.notify_all()

    def latest(self, kind: str) -> dict | None:
        with self._changed:
            event = self._latest.get(kind)
            return event.data if event else None

    def close(self) -> None:
        """End every stream (the server stops)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def stream(self, timeout: float = KEEPALIVE_SECONDS) -> Iterator[Event | None]:
        """Each kind's latest event, then every newer one as it comes; None after ``timeout``
        seconds without one; ends when the hub closes. A stream that falls behind gets only
        the latest of each kind: a page is made whole on every save."""
        seen = 0
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._closed or self._count > seen, timeout)
                if self._closed:
                    return
                fresh = sorted((e for e in self._latest.values() if e.number > seen), key=lambda e: e.number)
            if not fresh:
                yield None
                continue
            for event in fresh:
                seen = max(seen, event.number)
                yield event


class PreviewServer(ThreadingHTTPServer):
    """Serves one brief's preview on 127.0.0.1; ``port`` 0 takes a free one."""

    daemon_threads = True  # a stream's thread never keeps the process alive

    def __init__(self, hub: EventHub, page: Callable[[], str], stylesheet: str, script: str, port: int = 0):
        self.hub, self.page = hub, page
        self.assets = {
            "/preview.css": ("text/css; charset=utf-8", stylesheet.encode("utf-8")),
            "/preview.js": ("text/javascript; charset=utf-8", script.encode("utf-8")),
        }
        super().__init__((HOST, port), _Handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="preview-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.hub.close()
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.0"  # one request a connection: a stream ends with its connection

    def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
        if not self._host_is_ours():
            self._plain(HTTPStatus.MISDIRECTED_REQUEST, "this server answers only to its own address\n")
            return
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.page().encode("utf-8"))
        elif path == "/events":
            self._events()
        elif path in self.server.assets:
            self._send(HTTPStatus.OK, *self.server.assets[path])
        else:
            self._plain(HTTPStatus.NOT_FOUND, "not found: this server serves only the preview\n")

    def _host_is_ours(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(b"retry: 500\n\n")  # reconnect quickly when the preview is started again
            for event in self.server.hub.stream():
                if event is None:
                    self.wfile.write(b": keepalive\n\n")
                else:
                    data = json.dumps(event.data)  # one line: JSON escapes every newline
                    self.wfile.write(f"id: {event.number}\nevent: {event.kind}\ndata: {data}\n\n".encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded

    def _plain(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode("utf-8"))

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 -- http.server's signature
        """Quiet: the terminal shows the preview's own lines, not a log of every request."""
