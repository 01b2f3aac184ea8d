"""Fuzz targets: one function per parser, bytes in, an exception out when an invariant breaks.

Each target feeds arbitrary bytes to one parser and checks what a user relies
on: only the documented exceptions escape (``WxrReadError`` from the WXR
reader, ``SerializedError`` from the PHP checker, none from the rest), and
round trips hold (repairing does not depend on where the chunks are cut;
front matter reads back as it was written). The 2-second limit per input is
the runners' business (``fuzz/campaign.py``, ``tests/test_fuzz_smoke.py``).
Any other exception is a finding.
"""

from __future__ import annotations

import atexit
import functools
import io
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

import yaml

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.errors import WxrReadError
from wxr_tools.readers.pages.reader import read_page
from wxr_tools.readers.wxr import open_wxr
from wxr_tools.readers.wxr.repair import Repairer
from wxr_tools.transforms.block_render import render_blocks
from wxr_tools.transforms.blocks import parse_blocks, serialize_blocks
from wxr_tools.transforms.html_to_markdown import UNSAFE_POLICIES, Placeholders, html_to_markdown
from wxr_tools.transforms.index import ContentIndex
from wxr_tools.transforms.shortcode_renderers import ShortcodeRenderer
from wxr_tools.transforms.shortcodes import parse_atts, strip_shortcodes
from wxr_tools.transforms.wpautop import wpautop
from wxr_tools.validate.phpserial import SerializedError, check_serialized, looks_serialized
from wxr_tools.writers.markdown.front_matter import render_front_matter

Target = Callable[[bytes], None]


def _text(data: bytes) -> str:
    """Bytes as the text a post body could hold (invalid UTF-8 replaced, as the readers do)."""
    return data.decode("utf-8", "replace")


def wxr_reader(data: bytes) -> None:
    """Bytes -> ``open_wxr`` -> every post and the diagnostics: only ``WxrReadError`` may escape."""
    try:
        export = open_wxr(io.BytesIO(data))
        for _ in export.posts():
            pass
    except WxrReadError:
        return
    for diagnostic in export.diagnostics:
        diagnostic.location()


_XML_NOT_ALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _repaired(data: bytes, cut: int) -> bytes:
    chunks: Iterator[bytes] = (data[i:i + cut] for i in range(0, len(data), cut))
    return b"".join(Repairer(DiagnosticLog(), "<fuzz>").repair(chunks))


def wxr_repairer(data: bytes) -> None:
    """The repairer alone: output is UTF-8 without characters XML forbids, whatever the chunk size."""
    cut = 1 + (data[0] if data else 0) % 32
    whole = _repaired(data, 1 << 20)
    text = whole.decode("utf-8")  # raises if the repairer wrote something that is not UTF-8
    if _XML_NOT_ALLOWED.search(text):
        raise AssertionError("the repairer let a character through that XML does not allow")
    if _repaired(data, cut) != whole:
        raise AssertionError(f"repairing in chunks of {cut} bytes gives other output than in one")


@functools.cache
def _page_dir() -> Path:
    """A folder for the page file, made on first use and removed when the process ends."""
    memory = Path("/dev/shm")  # a file per execution: in memory where the system has it
    folder = Path(tempfile.mkdtemp(prefix="wxr-fuzz-pages-", dir=memory if memory.is_dir() else None))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def page_reader(data: bytes) -> None:
    """Bytes saved as a page -> ``read_page``: problems become diagnostics, nothing escapes."""
    path = _page_dir() / "page.html"
    path.write_bytes(data)
    read_page(path, DiagnosticLog())


def shortcodes(data: bytes) -> None:
    """The shortcode grammar: attribute parsing, rendering every known tag, stripping."""
    text = _text(data)
    parse_atts(text)
    renderer = ShortcodeRenderer(ContentIndex(), 1, Placeholders(), {"note": "<<{0}|{content}>>"}, Counter())
    renderer.render(renderer.extract_code(text))
    strip_shortcodes(text, ("caption", "gallery", "note", "code"))


def blocks(data: bytes) -> None:
    """The block parser, the renderer (reusable block 1 is the input itself) and the serializer."""
    text = _text(data)
    parsed = parse_blocks(text)
    render_blocks(parsed, {1: text})
    serialize_blocks(parsed)


def autop(data: bytes) -> None:
    """``wpautop`` with and without line breaks."""
    text = _text(data)
    wpautop(text)
    wpautop(text, br=False)


def html_markdown(data: bytes) -> None:
    """HTML to Markdown under the unsafe-HTML policy the input's length picks."""
    html_to_markdown(_text(data), unsafe_html=UNSAFE_POLICIES[len(data) % len(UNSAFE_POLICIES)])


def php_unserialize(data: bytes) -> None:
    """The PHP serialize() checker: answers, or raises ``SerializedError``, nothing else."""
    text = data.decode("utf-8", "surrogateescape")
    looks_serialized(text)
    try:
        check_serialized(text)
    except SerializedError:
        pass


def _front_matter_data(text: str) -> dict:
    """What the Markdown writer puts in front matter, its strings taken from fuzzed text."""
    parts = (text.split("\x1f") + [""] * 6)[:6]
    title, slug, author, summary, tag, taxonomy = parts
    data: dict = {"title": title, "slug": slug, "id": len(text), "draft": True}
    if author:
        data["author"] = author
    if summary:
        data["summary"] = summary
    if tag:
        data["tags"] = [tag, title]
    if taxonomy:
        data[taxonomy] = [slug]
        data["params"] = {"comments": [{"author": author, "content": summary, "id": 1}]}
    return data


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's libyaml loader where the wheel has it: the same YAML, several times faster than pure Python."""


def _load_yaml(text: str) -> object:
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


_FRONT_MATTER = {"yaml": re.compile(r"\A---\n(.*?)^---\n\n", re.S | re.M),
                 "toml": re.compile(r"\A\+\+\+\n(.*?)^\+\+\+\n\n", re.S | re.M)}


def front_matter(data: bytes) -> None:
    """Model strings -> Markdown file text -> front matter cut out as an SSG does -> equal, in YAML and TOML."""
    values = _front_matter_data(_text(data))
    for fmt, load in (("yaml", _load_yaml), ("toml", tomllib.loads)):
        markdown = render_front_matter(values, fmt) + "\nbody\n"
        match = _FRONT_MATTER[fmt].match(markdown)
        if match is None:
            raise AssertionError(f"the {fmt} front matter block cannot be found again in the file")
        if load(match.group(1)) != values:
            raise AssertionError(f"the {fmt} front matter reads back as other values")


TARGETS: dict[str, Target] = {
    "wxr_reader": wxr_reader,
    "wxr_repairer": wxr_repairer,
    "page_reader": page_reader,
    "shortcodes": shortcodes,
    "blocks": blocks,
    "wpautop": autop,
    "html_markdown": html_markdown,
    "php_unserialize": php_unserialize,
    "front_matter": front_matter,
}
"""Every target by name; the name is also the folder of its regression inputs in ``fixtures/fuzz/``."""
