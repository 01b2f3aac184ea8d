"""A local HTTP server that misbehaves on purpose, for the media tests (127.0.0.1 only).

Under ``/wp-content/uploads/`` it answers every path with a small file of the
right type, except the paths listed in :data:`MISCHIEF`; it records every
request so tests can tell what was asked.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "mp3": "audio/mpeg",
         "mov": "video/quicktime", "mp4": "video/mp4", "pdf": "application/pdf", "ogg": "audio/ogg"}

MISCHIEF = {
    "missing": "404",
    "flaky": "500 then 200",
    "limited": "429 with Retry-After: 1, then 200",
    "stall": "headers, a few bytes, then silence past the timeout",
    "short": "a body shorter than its Content-Length",
    "login": "an HTML page at an image URL",
    "huge": "a file over the size limit, no Content-Length",
    "declared-huge": "a Content-Length over the size limit",
    "loop": "a redirect to itself, forever",
    "escape": "a redirect to file:///etc/passwd",
    "moved": "a redirect to a real file",
}
"""A file whose name (without extension) is one of these keys misbehaves as described."""


def body_of(path: str) -> bytes:
    """The bytes the server sends for a well-behaved path: small, and different per path."""
    return b"WXR-TEST-FILE " + path.encode("utf-8") + b"\n" + b"x" * 200


@dataclass
class ServerState:
    """What the server was asked, and per-path counts for 'fails first, then works'."""

    requests: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    stall_seconds: float = 3.0
    huge_bytes: int = 4096
    delay: float = 0.0
    """Seconds each good file takes, so requests overlap."""
    active: int = 0
    most_active: int = 0
    """The most requests the server was answering at once."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.counts.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart
    state: ServerState

    def log_message(self, *args: object) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "application/octet-stream",
              headers: dict[str, str] | None = None, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None or body or status != 200:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        state = self.state
        path = self.path
        with state.lock:
            state.requests.append(path)
            state.counts[path] += 1
            count = state.counts[path]
        name = path.rsplit("/", 1)[-1].split("?", 1)[0]
        stem, _, extension = name.rpartition(".")
        kind = TYPES.get(extension.lower(), "application/octet-stream")
        if stem == "missing":
            self._send(404, b"not found", "text/plain")
        elif stem == "flaky" and count == 1:
            self._send(500, b"oops", "text/plain")
        elif stem == "limited" and count == 1:
            self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        elif stem == "stall":
            self.close_connection = True
            self._send(200, b"GIF89a", kind, length=1000)
            self.wfile.flush()
            time.sleep(state.stall_seconds)
        elif stem == "short":
            self.close_connection = True
            self._send(200, b"\xff\xd8" + b"y" * 98, kind, {"Connection": "close"}, length=1000)
        elif stem == "login":
            self._send(200, b"<!doctype html><title>Log in</title><form></form>", "text/html; charset=utf-8")
        elif stem == "huge":
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"z" * state.huge_bytes)
        elif stem == "declared-huge":
            self.close_connection = True
            self._send(200, b"z" * 10, kind, {"Connection": "close"}, length=10 ** 12)
        elif stem == "loop":
            self._send(302, headers={"Location": path})
        elif stem == "escape":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif stem == "moved":
            self._send(301, headers={"Location": path.replace("moved", "moved-target")})
        elif "/wp-content/uploads/" in path or stem.endswith("-target"):
            with state.lock:
                state.active += 1
                state.most_active = max(state.most_active, state.active)
            time.sleep(state.delay)
            with state.lock:
                state.active -= 1
            self._send(200, body_of(path), kind)
        else:
            self._send(404, b"not found", "text/plain")


@contextmanager
def media_server() -> Iterator[tuple[str, ServerState]]:
    """A running server: its base URL (``http://127.0.0.1:PORT``) and its state."""
    state = ServerState()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="media-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
