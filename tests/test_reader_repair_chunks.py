"""The repairer gives the same bytes however the input is cut into chunks.

It reads 1 MiB at a time, so every token it looks at may be cut in two at a
chunk's end: an XML declaration, ``-->``, ``]]>``, a DTD's internal subset, or
a ``]]>`` inside CDATA whose meaning depends on what follows. Small chunks
put a cut at every position of these small files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import FIXTURES

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.readers.wxr.repair import Repairer

BROKEN = sorted((FIXTURES / "broken").glob("*.xml")) + sorted((FIXTURES / "content").glob("*.xml"))
REGRESSIONS = sorted((FIXTURES / "fuzz" / "wxr_repairer").glob("*"))


def repaired(data: bytes, size: int) -> bytes:
    chunks = (data[i:i + size] for i in range(0, len(data), size))
    return b"".join(Repairer(DiagnosticLog(), "<test>").repair(chunks))


@pytest.mark.parametrize("path", BROKEN + REGRESSIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_repair_does_not_depend_on_chunk_size(path: Path) -> None:
    data = path.read_bytes()
    whole = repaired(data, 1 << 20)
    for size in range(1, 48):
        assert repaired(data, size) == whole, f"chunks of {size} bytes"


def test_a_dtd_cut_at_a_chunk_end_is_still_left_out() -> None:
    data = b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaa">\n<!ENTITY b "&a;&a;">\n]>\n<rss/>\n'
    assert repaired(data, 30) == b"\n\n\n\n\n<rss/>\n"
