"""Downloading media files over HTTP(S), politely and safely.

httpx does the HTTP (connection pooling, timeouts that cover a server going
quiet after the headers, strict framing so a body shorter than its
``Content-Length`` is an error); this module adds what a migration needs on
top: at most 8 requests at once and 4 per host, retries with backoff on 5xx,
429 (``Retry-After`` honoured) and connection errors, a size limit enforced
while streaming, the content type checked against the kind of file, redirects
followed by hand (at most 5, only to http and https), and every file streamed
to a temporary name and renamed, so no partial file is ever left behind.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..writers.files import OutputError
from .atomic import AtomicFile

REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024


@dataclass(frozen=True)
class DownloadOptions:
    """Limits of a download run (``--media-timeout``, ``--media-max-size``)."""

    timeout: float = 30.0
    """Seconds to connect, and at most between two reads (a server that stalls after the headers too)."""
    max_size: int = 100 * 1024 * 1024
    concurrency: int = 8
    per_host: int = 4
    tries: int = 3
    backoff: float = 1.0
    """Seconds before the second try; doubled before each next one."""
    max_wait: float = 120.0
    """Longest ``Retry-After`` honoured; a longer one is cut to this."""
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class FetchJob:
    """One file to download: its key, URL, destination (absolute) and kind (``image``...)."""

    key: str
    url: str
    dest: str
    kind: str


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What became of a :class:`FetchJob`."""

    key: str
    url: str
    ok: bool
    size: int = 0
    sha256: str = ""
    reason: str = ""
    """Why it failed (``HTTP 404``, ``timed out``, ``an HTML page, not a image``...)."""


class _Failed(Exception):
    """A try failed; ``retry`` says whether another may succeed, ``wait`` how long the server asked."""

    def __init__(self, reason: str, retry: bool = False, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry
        self.wait = wait


_ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "image": ("image/",),
    "audio": ("audio/", "video/", "application/ogg"),
    "video": ("video/", "application/ogg", "application/vnd.apple.mpegurl"),
}
_ANY_BINARY = ("application/octet-stream", "binary/octet-stream", "application/binary")
_HTML = ("text/html", "application/xhtml+xml")


def type_problem(kind: str, content_type: str | None) -> str | None:
    """Why a response's content type cannot be the file asked for (an HTML login page for a JPEG); None if fine."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if not mime or mime in _ANY_BINARY:
        return None
    if mime in _HTML:
        return f"the server sent an HTML page ({mime}), not the {kind} file"
    accepted = _ACCEPTED_TYPES.get(kind)
    if accepted is not None and not mime.startswith(accepted):
        return f"the server sent {mime}, not an {kind} file" if kind[0] in "aeiou" else \
            f"the server sent {mime}, not a {kind} file"
    return None


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Downloader:
    """Downloads :class:`FetchJob` s with bounded concurrency; one per run (it holds the connection pool)."""

    def __init__(self, options: DownloadOptions = DownloadOptions(),
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self.sleep = sleep
        limits = httpx.Limits(max_connections=options.concurrency, max_keepalive_connections=options.concurrency)
        self.client = httpx.Client(timeout=httpx.Timeout(options.timeout), limits=limits, follow_redirects=False,
                                   headers={"User-Agent": f"wxr-tools/{__version__} (site migration)"})
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self.requests = 0
        """HTTP requests sent (every try and every redirect)."""

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Downloader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
            return slot

    def fetch(self, job: FetchJob) -> FetchResult:
        """Download one file, trying again on what may pass; never raises for a network or server problem."""
        options = self.options
        reason = ""
        for attempt in range(options.tries):
            try:
                size, digest = self._try(job)
                return FetchResult(job.key, job.url, True, size, digest)
            except _Failed as failure:
                reason = failure.reason
                if not failure.retry or attempt == options.tries - 1:
                    break
                wait = failure.wait if failure.wait is not None else options.backoff * 2 ** attempt
                self.sleep(min(wait, options.max_wait))
        return FetchResult(job.key, job.url, False, reason=reason)

    def _try(self, job: FetchJob) -> tuple[int, str]:
        url = job.url
        for _ in range(self.options.max_redirects + 1):
            with self._host_slot(url):
                outcome = self._get(url, job)
            if not isinstance(outcome, str):
                return outcome
            url = outcome
        raise _Failed(f"more than {self.options.max_redirects} redirects")

    def _get(self, url: str, job: FetchJob) -> str | tuple[int, str]:
        """One request: the next URL for a redirect, else the saved file's size and SHA-256."""
        with self._lock:
            self.requests += 1
        try:
            with self.client.stream("GET", url) as response:
                status = response.status_code
                if status in REDIRECTS:
                    return self._redirect(url, response.headers.get("location"))
                if status == 429 or status >= 500:
                    raise _Failed(f"HTTP {status}", retry=True, wait=retry_after(response.headers.get("retry-after")))
                if status != 200:
                    raise _Failed(f"HTTP {status}")
                problem = type_problem(job.kind, response.headers.get("content-type"))
                if problem:
                    raise _Failed(problem)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.options.max_size:
                    raise _Failed(f"larger than the limit of {self.options.max_size} bytes ({declared} bytes)")
                return self._save(response, job)
        except httpx.TimeoutException:
            raise _Failed(f"timed out (no data for {self.options.timeout:g} s)", retry=True) from None
        except httpx.UnsupportedProtocol as error:
            raise _Failed(f"not a URL to fetch: {error}") from None
        except httpx.TransportError as error:
            raise _Failed(f"connection failed: {error}", retry=True) from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise _Failed(f"not a URL to fetch: {error}") from None
        except OutputError as error:  # the output folder, not the server: no room to make the file there
            raise _Failed(f"could not write {job.dest}: {error}") from None
        except OSError as error:  # disk full, no permission while writing
            raise _Failed(f"could not write {job.dest}: {error.strerror or error}") from None

    def _redirect(self, url: str, location: str | None) -> str:
        if not location:
            raise _Failed("a redirect without a Location")
        target = urljoin(url, location.strip())
        if urlsplit(target).scheme not in ("http", "https"):
            raise _Failed(f"a redirect to {target.split(':', 1)[0]}: (only http and https are followed)")
        return target

    def _save(self, response: httpx.Response, job: FetchJob) -> tuple[int, str]:
        """Stream the body to the destination (whole or not at all); its size and SHA-256."""
        with AtomicFile(job.dest) as out:
            for chunk in response.iter_bytes(CHUNK):
                if out.size + len(chunk) > self.options.max_size:
                    raise _Failed(f"larger than the limit of {self.options.max_size} bytes")
                out.write(chunk)
        return out.size, out.sha256


def download_all(downloader: Downloader, jobs: Iterable[FetchJob]) -> Iterator[FetchResult]:
    """Results of ``jobs`` as they finish; at most ``concurrency`` at once and twice that queued (flat memory)."""
    concurrency = downloader.options.concurrency
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="wxr-media") as pool:
        pending: deque[Future[FetchResult]] = deque()
        for job in jobs:
            pending.append(pool.submit(downloader.fetch, job))
            if len(pending) >= 2 * concurrency:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


__all__ = ["DownloadOptions", "Downloader", "FetchJob", "FetchResult", "download_all", "retry_after",
           "type_problem"]
