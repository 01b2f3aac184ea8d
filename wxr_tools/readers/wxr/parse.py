"""The element stream of one file: strict ``iterparse`` first, recovery after.

A well-formed file is parsed once, straight from its bytes. When the strict
parser stops, the file is parsed again through :class:`Repairer` with
libxml2's recovery on, and the elements already handed over are skipped, so
the caller sees each item once, in order (the feedparser approach).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from ...diagnostics import DiagnosticLog
from .inputs import CountingReader, InputFile
from .repair import Repairer

ITEM = "item"
CHANNEL_TAGS = (
    "{*}title", "{*}link", "{*}description", "{*}language", "{*}pubDate", "{*}generator",
    "{*}wxr_version", "{*}base_site_url", "{*}base_blog_url",
    "{*}author", "{*}category", "{*}tag", "{*}term",
)
_TAGS = ("{*}item", "{*}channel", "{*}rss", *CHANNEL_TAGS)


@dataclass
class FileStats:
    """What was seen of one file while parsing it."""

    item_tags: int = 0
    items_read: int = 0
    recovered: bool = False
    truncated: bool = False
    root: str = ""
    namespaces: dict[str, str] = field(default_factory=dict)
    closed: bool = False


class _Chunks:
    """A file-like object over an iterator of byte chunks, for ``iterparse``."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def read(self, size: int = -1) -> bytes:
        return next(self._chunks, b"")


def _iterparse(stream: object, recover: bool) -> etree.iterparse:
    return etree.iterparse(
        stream, events=("start", "end"), tag=_TAGS, recover=recover, huge_tree=True,
        resolve_entities=False, load_dtd=False, no_network=True, remove_comments=True,
        remove_pis=True,
    )


def elements(
    source: InputFile,
    log: DiagnosticLog,
    stats: FileStats,
    *,
    stop_at_first_item: bool = False,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Yield ``("item", el)`` and ``("channel", el)`` for each finished element.

    Elements are cleared once the caller has them back; with
    ``stop_at_first_item`` it stops when the first item starts (channel data only).
    """
    handed = 0  # elements handed over by the strict pass
    raw = CountingReader(source.open(), on_bytes)
    try:
        parser = _iterparse(raw, recover=False)
        try:
            for kind, element in _walk(parser, stats, stop_at_first_item):
                yield kind, element
                handed += 1
            stats.item_tags = raw.item_tags
            return
        except etree.XMLSyntaxError as exc:
            if stats.closed and _only_namespace_errors(parser, exc):
                for entry in _namespace_entries(parser, exc):
                    log.add("WXR107", "warning", entry.message, file=source.name, line=entry.line,
                            column=entry.column, action="element kept without a namespace")
                stats.item_tags = raw.item_tags
                return
            line, column = exc.position if exc.position else (None, None)
            log.add("WXR100", "error", f"not well-formed XML: {exc.msg}", file=source.name,
                    line=line, column=column, action="read again with repairs and recovery")
    finally:
        raw.close()
    if stop_at_first_item and handed:
        return
    yield from _recover(source, log, stats, skip=handed, stop_at_first_item=stop_at_first_item)


def _recover(source: InputFile, log: DiagnosticLog, stats: FileStats, *, skip: int,
             stop_at_first_item: bool) -> Iterator[tuple[str, etree._Element]]:
    stats.recovered = True
    stats.items_read = 0  # this pass walks the whole file again
    raw = CountingReader(source.open())
    repairer = Repairer(log, source.name)
    try:
        parser = _iterparse(_Chunks(repairer.repair(raw.iter_chunks())), recover=True)
        seen = 0
        last_item: etree._Element | None = None
        for kind, element in _walk(parser, stats, stop_at_first_item):
            seen += 1
            if seen <= skip:
                continue
            if kind == "item":
                last_item = element
            yield kind, element
        for entry in parser.error_log:
            if "NS_ERR" in entry.type_name:
                log.add("WXR107", "warning", entry.message, file=source.name, line=entry.line,
                        column=entry.column, action="element kept without a namespace")
        stats.item_tags = raw.item_tags
        if not repairer.saw_end and not stop_at_first_item:
            stats.truncated = True
            log.add("WXR108", "error",
                    "the file ends before </channel></rss>: it was cut short",
                    file=source.name, line=repairer.line,
                    action="kept everything read; the last item may be incomplete"
                    if last_item is not None else "kept everything read")
    finally:
        raw.close()


def _walk(parser: etree.iterparse, stats: FileStats,
          stop_at_first_item: bool) -> Iterator[tuple[str, etree._Element]]:
    depth_channel: etree._Element | None = None
    for event, element in parser:
        tag = element.tag
        local = tag.rpartition("}")[2] if tag[0] == "{" else tag
        if event == "start":
            if local == "rss" and not stats.root:
                stats.root = "rss"
                stats.namespaces = dict(element.nsmap)  # type: ignore[arg-type]
            elif local == "channel" and depth_channel is None:
                depth_channel = element
            elif local == ITEM and stop_at_first_item and element.getparent() is depth_channel:
                return
            continue
        if local == "rss" and element.getparent() is None:
            stats.closed = True
            continue
        parent = element.getparent()
        if local == ITEM and parent is depth_channel:
            stats.items_read += 1
            yield "item", element
            _release(element)
        elif parent is depth_channel and depth_channel is not None and local != ITEM:
            yield "channel", element
            _release(element)


def _release(element: etree._Element) -> None:
    """Free an element and the finished siblings before it: memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _namespace_entries(parser: etree.iterparse, exc: etree.XMLSyntaxError) -> list:
    entries = [e for e in parser.error_log if "NS_ERR" in e.type_name]
    return entries or list(exc.error_log)


def _only_namespace_errors(parser: etree.iterparse, exc: etree.XMLSyntaxError) -> bool:
    """Namespace errors are reported after the whole file parsed: nothing was lost."""
    errors = [e for e in exc.error_log if e.level_name in ("ERROR", "FATAL")]
    return bool(errors) and all("NS_ERR" in e.type_name for e in errors)
