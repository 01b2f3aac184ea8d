"""Telling saved HTML pages from other inputs, and decoding their bytes to text."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_XML_FEED = re.compile(rb"<rss[\s>]|<feed[\s>]|<rdf:RDF", re.IGNORECASE)
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "x-sjis": "shift_jis"}
"""HTML's rule: a page labelled Latin-1 or ASCII is decoded as windows-1252."""


_SNIFF_SIZES = (4096, 512 * 1024)
"""How far to look for the first tag: the first block, then far enough to pass the PHP notices and the
hundreds of lines of inline ``<style>``/``<script>`` some saved pages carry before their doctype."""


def looks_like_html(path: str | Path) -> bool:
    """Whether a file is an HTML page (not a WXR/RSS feed): an HTML start tag comes before any feed root."""
    path = Path(path)
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = b""
        for size in _SNIFF_SIZES:
            head += handle.read(size - len(head))
            html, feed = _HTML_START.search(head), _XML_FEED.search(head)
            if html or feed:
                return html is not None and (feed is None or html.start() < feed.start())
    return False


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, if any and known to Python."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as windows-1252: pages pasted together from two encodings."""
    chunk = error.object[error.start:error.end]
    return chunk.decode("cp1252", "replace"), error.end


codecs.register_error("wxr-tools-cp1252", _cp1252_fallback)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray single-byte characters repaired, or None if it is not UTF-8."""
    stray = 0

    def count(error: UnicodeDecodeError) -> tuple[str, int]:
        nonlocal stray
        stray += error.end - error.start
        return _cp1252_fallback(error)

    codecs.register_error("wxr-tools-count", count)
    text = data.decode("utf-8", "wxr-tools-count")
    multibyte = sum(1 for byte in data if byte >= 0xC0)
    return text if stray * 10 <= max(multibyte, 1) else None


def decode_page(data: bytes) -> tuple[str, str, bool]:
    """Decode page bytes: BOM, then meta charset, then UTF-8, then detection.

    Returns ``(text, encoding, exact)``; ``exact`` is False when the text was
    decoded by guessing or with replacement characters.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, "replace"), name, True
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared), declared, True
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", declared is None
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed, "utf-8", False
    best = from_bytes(data).best()
    if best is not None and best.encoding.startswith(("cp125", "iso8859", "latin", "mac_")):
        try:  # single-byte guesses are close calls; HTML's own fallback for unlabelled pages is windows-1252
            return data.decode("cp1252"), "cp1252", False
        except UnicodeDecodeError:
            pass
    if best is not None:
        return str(best), best.encoding, False
    return data.decode("cp1252", "replace"), "cp1252", False
