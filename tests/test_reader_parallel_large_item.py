"""Cutting an export into chunks for the workers: an item larger than many chunks comes whole, once."""

from __future__ import annotations

import io

from wxr_tools.readers.wxr.inputs import CountingReader
from wxr_tools.readers.wxr.parallel import CHUNK_BYTES, LARGEST_ITEM_BYTES, _chunks

HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n<title>t</title>\n'


def _items(*sizes: int) -> list[bytes]:
    return [b"<item><title>%d</title><x>" % n + b"a" * size + b"</x></item>\n" for n, size in enumerate(sizes)]


def test_a_giant_item_between_small_ones_is_one_chunk_and_nothing_is_lost() -> None:
    items = _items(10, 10 * CHUNK_BYTES, 30, 40)
    data = HEAD + b"".join(items) + b"</channel>\n</rss>\n"
    chunks = list(_chunks(CountingReader(io.BytesIO(data))))
    assert b"".join(chunk for _, chunk, _ in chunks) == b"".join(items)
    assert any(chunk.startswith(items[1]) for _, chunk, _ in chunks)  # whole: no chunk starts inside it
    assert all(chunk.startswith(b"<item>") for _, chunk, _ in chunks)
    assert [line for _, _, line in chunks][0] == HEAD.count(b"\n") + 1


def test_an_item_start_tag_cut_by_a_read_is_still_found() -> None:
    first = b"<item><x>" + b"a" * (CHUNK_BYTES - 12) + b"</x></item>"  # the next "<item" straddles a read
    rest = _items(5, 6)
    data = HEAD + first + b"".join(rest) + b"</channel></rss>"
    chunks = [chunk for _, chunk, _ in _chunks(CountingReader(io.BytesIO(data)))]
    assert b"".join(chunks) == first + b"".join(rest)
    assert all(chunk.startswith(b"<item>") for chunk in chunks)


def test_the_chunks_stop_where_an_item_over_the_limit_starts() -> None:
    items = _items(10, 20, LARGEST_ITEM_BYTES + 2 * CHUNK_BYTES, 40)  # found to within a read
    data = HEAD + b"".join(items) + b"</channel>\n</rss>\n"
    chunks = list(_chunks(CountingReader(io.BytesIO(data))))
    assert chunks[-1][1] is None  # the caller reads on from here
    assert b"".join(chunk for _, chunk, _ in chunks[:-1]) == b"".join(items[:2])
