"""The element stream of one file: strict ``iterparse`` first, recovery after.

A well-formed file is parsed once, straight from its bytes. When the strict
parser stops, the file is parsed again through :class:`Repairer` with
libxml2's recovery on, and the elements already handed over are skipped, so
the caller sees each item once, in order (the feedparser approach).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import msgspec
from lxml import etree

from ...diagnostics import Diagnostic, DiagnosticLog
from .inputs import CountingReader, InputFile
from .elements import PART_NAMES
from .namespaces import canonical
from .repair import Repairer

ITEM = "item"
CHANNEL_TAGS = (
    "{*}title", "{*}link", "{*}description", "{*}language", "{*}pubDate", "{*}generator",
    "{*}wxr_version", "{*}base_site_url", "{*}base_blog_url",
    "{*}author", "{*}category", "{*}tag", "{*}term",
)
_HEADER_TAGS = ("{*}item", "{*}channel", "{*}rss", *CHANNEL_TAGS)
# After the header only items matter, and channel elements no item holds (authors, terms met
# late): fewer events, and end events only, keep the posts pass close to raw parsing speed.
_POSTS_TAGS = ("{*}item", "{*}rss", "{*}author", "{*}tag", "{*}term")
_PART_TAGS = ("{*}postmeta", "{*}comment", "{*}category")


@dataclass
class FileStats:
    """What was seen of one file while parsing it."""

    item_tags: int = 0
    items_read: int = 0
    root: str = ""
    namespaces: dict[str, str] = field(default_factory=dict)
    closed: bool = False
    has_dtd: bool = False
    explained_by: str = ""
    """What the recovery pass found behind the file's not being well-formed, when that is all of it:
    ``"repairs"`` (the repaired bytes are well-formed) or ``"truncation"`` (reported as WXR108)."""


class _Chunks:
    """A file-like object over an iterator of byte chunks, for ``iterparse``."""

    def __init__(self, chunks: Iterator[bytes], name: str) -> None:
        self._chunks = chunks
        self.name = name

    def read(self, size: int = -1) -> bytes:
        return next(self._chunks, b"")


def _iterparse(stream: object, recover: bool, header: bool, parts: bool = False) -> etree.iterparse:
    tags = _HEADER_TAGS if header else _POSTS_TAGS + _PART_TAGS if parts else _POSTS_TAGS
    return etree.iterparse(
        stream, events=("start", "end") if header else ("end",),
        tag=tags, recover=recover, huge_tree=True,
        resolve_entities=False, load_dtd=False, no_network=True, remove_comments=True,
        remove_pis=True,
    )


def iterparse_posts(stream: object) -> etree.iterparse:
    """A strict parser over the posts part of an export: end events of items (and late channel terms)."""
    return _iterparse(stream, recover=False, header=False)


def elements(
    source: InputFile,
    log: DiagnosticLog,
    stats: FileStats,
    *,
    stop_at_first_item: bool = False,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Yield ``("item", el)`` and ``("channel", el)`` for each finished element.

    Before an item, ``("part", el)`` for each of its :data:`PART_NAMES` as it ends;
    after a restart (recovery) the parts of an unfinished item come again, under a new item
    element. Elements are cleared once the caller has them back; with
    ``stop_at_first_item`` it stops when the first item starts (channel data only).
    """
    handed = 0  # elements handed over by the strict pass
    tag = f"wxr-tools-{uuid.uuid4().hex}"  # names this parse in lxml's shared error log
    raw = CountingReader(source.open(), on_bytes, name=tag)
    try:
        parser = _iterparse(raw, recover=False, header=stop_at_first_item, parts=True)
        try:
            for kind, element in _walk(parser, stats, stop_at_first_item):
                yield kind, element
                handed += kind != "part"
            for entry in _namespace_entries(parser.error_log, tag):  # libxml2 raises these last
                log.add("WXR107", "warning", entry.message, file=source.name, line=entry.line,
                        column=entry.column, action="element kept without a namespace")
            stats.item_tags = raw.item_tags
            if stats.has_dtd:
                log.add("WXR110", "warning", "found a document type declaration (DTD)", file=source.name,
                        line=_doctype_line(source), action="ignored: no entities are loaded or expanded")
            return
        except etree.XMLSyntaxError as exc:
            if stats.closed and _only_namespace_errors(exc):
                for entry in _namespace_entries(exc, tag):
                    log.add("WXR107", "warning", entry.message, file=source.name, line=entry.line,
                            column=entry.column, action="element kept without a namespace")
                stats.item_tags = raw.item_tags
                return
            message, line, column = _first_error(parser, exc, tag)
            not_well_formed = log.add("WXR100", "error", f"not well-formed XML: {message}", file=source.name,
                                      line=line, column=column, action="read again with repairs and recovery")
    finally:
        raw.close()
    yield from _recover(source, log, stats, skip=handed, stop_at_first_item=stop_at_first_item)
    if stats.explained_by:
        _demote(log, not_well_formed, stats.explained_by)


_EXPLANATIONS = {"repairs": "repaired: the warnings at its lines say how; nothing was lost",
                 "truncation": "the file was cut short: WXR108 says so"}


def _demote(log: DiagnosticLog, finding: Diagnostic, explained_by: str) -> None:
    """WXR100 becomes a note when other findings say all there is to say: the documented repairs made
    the file well-formed (nothing was lost), or it was cut short (WXR108): a problem is counted once."""
    index = next(i for i, item in enumerate(log.items) if item is finding)
    log.items[index] = msgspec.structs.replace(finding, severity="info", action=_EXPLANATIONS[explained_by])


def _recover(source: InputFile, log: DiagnosticLog, stats: FileStats, *, skip: int,
             stop_at_first_item: bool) -> Iterator[tuple[str, etree._Element]]:
    stats.items_read = 0  # this pass walks the whole file again
    tag = f"wxr-tools-{uuid.uuid4().hex}"
    raw = CountingReader(source.open(), name=tag)
    repairer = Repairer(log, source.name)
    try:
        parser = _iterparse(_Chunks(repairer.repair(raw.iter_chunks()), tag), recover=True,
                            header=stop_at_first_item, parts=True)
        seen = 0
        last_item: etree._Element | None = None
        try:
            for kind, element in _walk(parser, stats, stop_at_first_item):
                if kind == "part":
                    if seen >= skip:  # else a part of an item the strict pass handed over
                        yield kind, element
                    continue
                seen += 1
                if seen <= skip:
                    continue
                if kind == "item":
                    last_item = element
                yield kind, element
        except etree.XMLSyntaxError as exc:  # nothing left that libxml2 can make sense of
            log.add("WXR100", "error", f"could not recover: {exc.msg}", file=source.name,
                    line=repairer.line, action="stopped reading this file")
        for entry in _namespace_entries(parser.error_log, tag):
            log.add("WXR107", "warning", entry.message, file=source.name, line=entry.line,
                    column=entry.column, action="element kept without a namespace")
        stats.item_tags = raw.item_tags
        cut_short = not repairer.saw_end and not stop_at_first_item
        if cut_short and not _errors_left(parser.error_log, tag, before_line=repairer.line - 1):
            stats.explained_by = "truncation"
        elif not cut_short and repairer.repaired and not _errors_left(parser.error_log, tag):
            stats.explained_by = "repairs"
        if not repairer.saw_end and not stop_at_first_item:
            log.add("WXR108", "error",
                    "the file ends before </channel></rss>: it was cut short",
                    file=source.name, line=repairer.line,
                    action="kept everything read; the last item may be incomplete"
                    if last_item is not None else "kept everything read")
    finally:
        raw.close()


def _walk(parser: etree.iterparse, stats: FileStats,
          stop_at_first_item: bool) -> Iterator[tuple[str, etree._Element]]:
    channel: etree._Element | None = None
    for event, element in parser:
        tag = element.tag
        local = _local(tag)
        if event == "start":  # header pass only
            if local == "rss" and not stats.root:
                stats.root = "rss"
                stats.namespaces = dict(element.nsmap)  # type: ignore[arg-type]
                stats.has_dtd = bool(element.getroottree().docinfo.doctype)
            elif local == "channel" and channel is None:
                channel = element
            elif local == ITEM and stop_at_first_item and element.getparent() is channel:
                return
            continue
        parent = element.getparent()
        if parent is None:
            stats.closed = local == "rss"
            continue
        if channel is None:  # posts pass: the element under <rss> that holds this one (or its item)
            channel = _channel_of(parent)
        if parent is not channel:
            if channel is not None and parent.getparent() is channel and _local(parent.tag) == ITEM \
                    and canonical(tag) in PART_NAMES:
                yield "part", element
                _release_part(element)
            continue
        if local == ITEM:
            stats.items_read += 1
            yield "item", element
        else:
            yield "channel", element
        _release(element)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2] if tag[0] == "{" else tag


def _channel_of(parent: etree._Element) -> etree._Element | None:
    """The channel, when ``parent`` is it (a child of the root) or an item in it; else None."""
    for candidate in (parent, parent.getparent()):
        above = candidate.getparent() if candidate is not None else None
        if above is not None and above.getparent() is None:
            return candidate
    return None


def _release_part(element: etree._Element) -> None:
    """Free an item part the caller has read, and the shell of the part read before it."""
    element.clear(keep_tail=False)
    previous = element.getprevious()
    if previous is not None and canonical(previous.tag) in PART_NAMES:
        element.getparent().remove(previous)


def _release(element: etree._Element) -> None:
    """Free an element and the finished siblings before it: memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _namespace_entries(errors: object, tag: str) -> list:
    """Namespace errors of this parse (lxml's log may still hold other parsers' entries)."""
    log = errors.error_log if isinstance(errors, etree.XMLSyntaxError) else errors
    return [e for e in log if "NS_ERR" in e.type_name and (e.filename or "").endswith(tag)]  # type: ignore[attr-defined]


def _errors_left(errors: object, tag: str, before_line: int | None = None) -> bool:
    """Whether libxml2 still met errors (other than namespace ones) in the repaired bytes of this parse
    (before ``before_line`` only: the errors at the cut of a truncated file are the truncation)."""
    return any(e.level_name in ("ERROR", "FATAL") and "NS_ERR" not in e.type_name  # type: ignore[attr-defined]
               and (e.filename or "").endswith(tag)  # type: ignore[attr-defined]
               and (before_line is None or e.line < before_line) for e in errors)  # type: ignore[attr-defined]


def _doctype_line(source: InputFile) -> int:
    """The line of ``<!DOCTYPE``, which must come before the root element near the top."""
    with source.open() as stream:
        head = stream.read(1 << 16)
    found = head.find(b"<!DOCTYPE")
    return head.count(b"\n", 0, found) + 1 if found != -1 else 1


def _first_error(parser: etree.iterparse, exc: etree.XMLSyntaxError,
                 tag: str) -> tuple[str, int | None, int | None]:
    """The first error of this parse, located (lxml's exception may only say "no element found")."""
    for entry in list(parser.error_log) + list(exc.error_log):
        if entry.level_name in ("ERROR", "FATAL") and (entry.filename or "").endswith(tag) and entry.line:
            return entry.message, entry.line, entry.column
    line, column = exc.position if exc.position and exc.position[0] else (None, None)
    return exc.msg, line, column


_NAMESPACE_ERROR_CODES = range(200, 206)  # libxml2's XML_NS_ERR_*


def _only_namespace_errors(exc: etree.XMLSyntaxError) -> bool:
    """libxml2 reports namespace errors once the whole file is parsed: nothing was lost."""
    return exc.code in _NAMESPACE_ERROR_CODES
