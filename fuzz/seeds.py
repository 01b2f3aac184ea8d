"""Seed inputs per fuzz target, read at run time from our fixtures and the shared corpus.

Nothing here is copied into the repository: campaigns write the seeds to a
temporary folder and drop it afterwards. The shared corpus is optional (it
sits beside the repository as ``../shared``); without it our fixtures seed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
REGRESSIONS = FIXTURES / "fuzz"
"""``fixtures/fuzz/<target>/``: every input a campaign found to break a target, kept once fixed."""

_META_VALUE = re.compile(rb"<wp:meta_value>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</wp:meta_value>", re.S)
_TITLE = re.compile(rb"<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title>", re.S)
_CONTENT = re.compile(rb"<content:encoded><!\[CDATA\[(.*?)\]\]></content:encoded>", re.S)


def _files(pattern: str) -> list[Path]:
    found = sorted(FIXTURES.glob(pattern))
    if SHARED_CORPUS.exists():
        found += sorted(SHARED_CORPUS.glob(pattern))
    return found


def _exports() -> list[Path]:
    return _files("**/*.xml")


def _pieces(pattern: re.Pattern[bytes], limit: int) -> Iterator[bytes]:
    """Up to ``limit`` distinct matches of ``pattern`` across the exports."""
    seen: set[bytes] = set()
    for path in _exports():
        for match in pattern.finditer(path.read_bytes()):
            piece = match.group(1)
            if piece and piece not in seen:
                seen.add(piece)
                yield piece
                if len(seen) >= limit:
                    return


def _vector_inputs(name: str) -> Iterator[bytes]:
    path = SHARED_CORPUS / "vectors" / name
    if not path.exists():
        return
    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
    for text in strings(json.loads(path.read_text("utf-8"))):
        yield text.encode("utf-8")


def _bodies() -> Iterator[bytes]:
    yield from _pieces(_CONTENT, 400)


def seeds(target: str) -> Iterator[bytes]:
    """Seed inputs for ``target``: the regression inputs first, then corpus material that suits it."""
    regressions = REGRESSIONS / target
    if regressions.is_dir():
        for path in sorted(regressions.iterdir()):
            yield path.read_bytes()
    if target in ("wxr_reader", "wxr_repairer"):
        for path in _exports():
            yield path.read_bytes()
    elif target == "page_reader":
        for path in _files("**/*.html"):
            yield path.read_bytes()
    elif target == "shortcodes":
        yield from _vector_inputs("shortcode.json")
        yield from _bodies()
    elif target == "blocks":
        for path in _files("**/gutenberg-block-fixtures/*.html"):
            yield path.read_bytes()
        yield from _bodies()
    elif target == "wpautop":
        yield from _vector_inputs("wpautop.json")
        yield from _bodies()
    elif target == "html_markdown":
        yield from _bodies()
    elif target == "php_unserialize":
        yield from _pieces(_META_VALUE, 2000)
    elif target == "front_matter":
        titles = list(_pieces(_TITLE, 600))
        for i in range(0, len(titles) - 5, 3):
            yield b"\x1f".join(titles[i:i + 6])
    else:
        raise KeyError(target)
