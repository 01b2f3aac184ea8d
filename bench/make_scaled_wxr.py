"""Scale a WXR export to a target size with unique ids, for benchmarks.

    python bench/make_scaled_wxr.py SOURCE.xml OUT.xml --size 100MB

Each copy of the items gets its post, parent, comment and attachment ids
shifted and its slugs suffixed, so the result reads as one big, valid site.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

DEFAULT_SOURCE = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "wxr" / \
    "theme-test-data" / "themeunittestdata.wordpress.xml"

_IDS = re.compile(rb"(<wp:(?:post_id|post_parent|comment_id|comment_parent)>)(\d+)(</wp:)")
_SLUG = re.compile(rb"(<wp:post_name>(?:<!\[CDATA\[)?)([^<\]]*)")
_QUERY_ID = re.compile(rb"([?&](?:p|page_id|attachment_id)=)(\d+)")


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?B?)", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 100MB or 1GB)")
    scale = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "M": 1 << 20, "MB": 1 << 20,
             "G": 1 << 30, "GB": 1 << 30}[match.group(2)]
    return int(float(match.group(1)) * scale)


def scale(source: Path, out: Path, size: int) -> int:
    """Write ``out`` of about ``size`` bytes; return the number of item copies."""
    data = source.read_bytes()
    start = data.index(b"<item>")
    end = data.rindex(b"</channel>")
    head, items, tail = data[:start], data[start:end], data[end:]
    max_id = max(int(m.group(2)) for m in _IDS.finditer(items)) + 1
    copies = 0
    with open(out, "wb") as stream:
        stream.write(head)
        written = len(head)
        while written + len(tail) < size:
            shift = copies * max_id

            def ids(match: re.Match[bytes]) -> bytes:
                value = int(match.group(2))
                return match.group(1) + (str(value + shift).encode() if value else b"0") + match.group(3)

            def query(match: re.Match[bytes]) -> bytes:
                return match.group(1) + str(int(match.group(2)) + shift).encode()

            def slug(match: re.Match[bytes]) -> bytes:
                return match.group(1) + (match.group(2) + b"-%d" % copies if match.group(2) else b"")

            chunk = _SLUG.sub(slug, _QUERY_ID.sub(query, _IDS.sub(ids, items))) if copies else items
            stream.write(chunk)
            written += len(chunk)
            copies += 1
        stream.write(tail)
    return copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=parse_size, default=parse_size("100MB"))
    args = parser.parse_args()
    copies = scale(args.source, args.out, args.size)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, {copies} copies of the items")


if __name__ == "__main__":
    main()
