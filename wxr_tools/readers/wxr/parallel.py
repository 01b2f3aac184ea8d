"""Reading a large well-formed export on several cores.

The file is cut into chunks of whole items at ``<item>`` start tags; worker
processes parse each chunk (wrapped in the file's own ``<rss><channel>`` start
tags, so namespaces resolve as in the file) and turn its items into model
records. Results come back in order, a bounded number of chunks in flight, so
memory stays flat. The first chunk that does not parse cleanly stops the
parallel read: the caller reads the rest of the file the careful way.

A caller that only needs something computed from each post (a writer's
index entry, say) passes that function: it runs in the workers too, and
only its results travel back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import Any

import msgspec
from lxml import etree

from ...diagnostics import Diagnostic, DiagnosticLog
from ...model import Author, Post, Term
from ...workers import WorkerPool
from .elements import Context, read_author, read_item, read_term
from .inputs import CountingReader, InputFile
from .namespaces import canonical
from .parse import FileStats, iterparse_posts

CHUNK_BYTES = 256 << 10
IN_FLIGHT_PER_JOB = 4
"""Chunks submitted ahead per worker (a few MB in all): workers keep parsing while the caller
is busy with the results of a chunk, instead of waiting for it in turn."""
MIN_FILE_BYTES = 8 << 20
"""Smaller files are read in one process: starting workers costs more than it saves."""
LARGEST_ITEM_BYTES = 4 << 20
"""An item larger than this (to within a read) stops the parallel read: this process reads it and the rest,
meta row by meta row, rather than sending it whole to a worker and its post whole back (an item of
a few MB is rare: a page builder's meta, pasted images)."""

_ITEM_START = re.compile(rb"<item[\s>]")
_RSS_START = re.compile(rb"<rss\b[^>]*>")
_CHANNEL_START = re.compile(rb"<channel\b[^>]*>")
_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_TERM_KINDS = ("wp:category", "wp:tag", "wp:term")

ChunkResult = tuple[list[Post], list[str | None], list[int], list[Author], list[Term], list[Diagnostic]]
"""Posts, their passwords (no field of a post, so not encoded with it), lines, authors, terms, diagnostics."""
Record = tuple[str, object, "int | None"]
"""``("item", Post, line)``, ``("mapped", function(post), line)``, ``("author", Author, None)``
or ``("term", Term, None)``."""


class Mapped:
    """A post's ``function(post)``, computed in a worker."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class ChunkFailed(Exception):
    """A chunk did not parse cleanly: the caller must read on the careful way."""


def _parse_chunk(head: bytes, chunk: bytes, name: str, first_line: int, max_field_size: int,
                 function: Callable[[Post], Any] | None = None) -> bytes | tuple[Any, ...] | None:
    """Worker: one chunk of whole items to encoded records, or None if it is not clean XML.

    With ``function``, each post with an id is replaced by ``Mapped(function(post))``
    (a post without one needs its id from the caller, who sees every item in order).
    """
    log = DiagnosticLog()
    ctx = Context(log, name, max_field_size)
    posts: list[Post] = []
    lines: list[int] = []
    authors: list[Author] = []
    terms: list[Term] = []
    try:
        for _, element in iterparse_posts(BytesIO(head + chunk + b"</channel></rss>")):
            parent = element.getparent()
            if parent is None or parent.getparent() is None or parent.getparent().getparent() is not None:
                continue
            name_ = canonical(element.tag)
            if name_ == "item":
                posts.append(read_item(element, ctx))
                lines.append(element.sourceline + first_line - 1)
            elif name_ == "wp:author":
                authors.append(read_author(element, ctx))
            elif name_ in _TERM_KINDS:
                terms.append(read_term(element, name_, ctx))
            element.clear(keep_tail=True)
    except etree.XMLSyntaxError:
        return None
    shifted = [msgspec.structs.replace(d, line=d.line + first_line - 1) if d.line else d for d in log.items]
    if function is None:
        return msgspec.json.encode((posts, [post.password for post in posts], lines, authors, terms, shifted))
    items = [post if post.id == 0 else Mapped(function(post)) for post in posts]
    return items, lines, authors, terms, shifted


_decode = msgspec.json.Decoder(ChunkResult).decode


def can_read_in_parallel(file: InputFile, pool: WorkerPool | None) -> bool:
    """Worth it and possible: a pool of workers, a large plain file."""
    return pool is not None and file.size is not None and file.size >= MIN_FILE_BYTES


def _chunks(raw: CountingReader) -> Iterator[tuple[bytes, bytes | None, int]]:
    """``(wrapper head, chunk of whole items, first line of the chunk)`` over the file; the chunk is
    None, and the last, when an item larger than :data:`LARGEST_ITEM_BYTES` starts there."""
    buffer = b""
    while True:  # the header: everything before the first item
        data = raw.read(CHUNK_BYTES)
        buffer += data
        match = _ITEM_START.search(buffer)
        if match or not data:
            break
    if match is None:
        return
    header = buffer[:match.start()]
    declared = _DECLARED_ENCODING.search(header[:4096])
    rss, channel = _RSS_START.search(header), _CHANNEL_START.search(header)
    if (declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")) or \
            rss is None or channel is None:
        raise ChunkFailed("not a plain UTF-8 export")
    head = (rss.group(0) + channel.group(0)).replace(b"\r", b" ").replace(b"\n", b" ")
    line = 1 + header.count(b"\n")
    buffer = bytearray(buffer[match.start():])  # grows in place: an item of 100 MB is not copied per read
    last = _last_item_start(buffer)
    eof = False
    while True:
        while not eof and (len(buffer) < CHUNK_BYTES or last <= 0):
            if last <= 0 and len(buffer) > LARGEST_ITEM_BYTES:
                yield head, None, line
                return
            data = raw.read(CHUNK_BYTES)  # an item larger than a chunk makes a larger chunk
            eof = not data
            searched = max(len(buffer) - 5, 0)  # only the new bytes, and a tag cut by the last read
            buffer += data
            last = max(last, _last_item_start(buffer, searched))
        if eof:
            end = buffer.rfind(b"</channel>")
            if end == -1:
                raise ChunkFailed("no </channel>: the file is cut short")
            if end:
                yield head, bytes(buffer[:end]), line
            return
        chunk, buffer = bytes(buffer[:last]), buffer[last:]
        last = 0  # the buffer now starts with the item that was last
        yield head, chunk, line
        line += chunk.count(b"\n")


def _last_item_start(buffer: bytes | bytearray, start: int = 0) -> int:
    """Where the last ``<item>`` start tag at or after ``start`` begins, or -1: one backward scan."""
    end = len(buffer)
    while (tag := buffer.rfind(b"<item", start, end)) != -1:
        if buffer[tag + 5:tag + 6] in (b">", b" ", b"\n", b"\t", b"\r"):
            return tag
        end = tag
    return -1


def parallel_records(file: InputFile, log: DiagnosticLog, stats: FileStats, *, pool: WorkerPool,
                     max_field_size: int, on_bytes: Callable[[int], None] | None,
                     function: Callable[[Post], Any] | None = None) -> Iterator[Record]:
    """Records of a well-formed file, read by the pool's workers; raises ChunkFailed otherwise.

    Records before the failure have been yielded; nothing is logged for a chunk that failed.
    ``function`` (picklable) is applied in the workers: see :func:`_parse_chunk`.
    """
    raw = CountingReader(file.open(), on_bytes)
    largest_item_at: list[int] = []

    def tasks() -> Iterator[tuple[Any, ...]]:
        for head, chunk, line in _chunks(raw):
            if chunk is None:
                largest_item_at.append(line)
                return
            yield head, chunk, file.name, line, max_field_size, function

    try:
        for result in pool.map_ordered(_parse_chunk, tasks(), ahead=IN_FLIGHT_PER_JOB * pool.workers):
            if result is None:
                raise ChunkFailed("a chunk is not well-formed")
            if isinstance(result, bytes):
                items, passwords, lines, authors, terms, diagnostics = _decode(result)
                for post, password in zip(items, passwords):
                    if password is not None:
                        post.password = password
            else:
                items, lines, authors, terms, diagnostics = result
            log.extend(diagnostics)
            for author in authors:
                yield "author", author, None
            for term in terms:
                yield "term", term, None
            for item, line in zip(items, lines):
                stats.items_read += 1
                if isinstance(item, Mapped):
                    yield "mapped", item.value, line
                else:
                    yield "item", item, line
        if largest_item_at:
            raise ChunkFailed(f"an item of over {LARGEST_ITEM_BYTES >> 20} MB at line {largest_item_at[0]}")
        stats.item_tags = raw.item_tags
        stats.closed = True
    finally:
        raw.close()
