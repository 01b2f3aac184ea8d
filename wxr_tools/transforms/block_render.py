"""Render parsed blocks to the HTML WordPress would show, without a single block comment.

Static blocks give their saved HTML; reusable blocks (``core/block`` with a
``ref``) give the rendered content of that ``wp_block`` post; embeds become a
link (their caption kept); code blocks carry their language to the fence;
dynamic blocks with no saved HTML (latest posts, archives...) give nothing,
as they have nothing to show outside WordPress.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from .blocks import Block, parse_blocks

_FIGCAPTION_RE = re.compile(r"<figcaption[^>]*>.*?</figcaption>", re.S | re.I)
_PRE_RE = re.compile(r"<pre\b", re.I)
_EMBED_URL_RE = re.compile(r"wp-block-embed__wrapper[^>]*>\s*(\S+?)\s*</div>", re.S)


def _attrs(block: Block) -> dict[str, Any]:
    attrs = block["attrs"]
    return attrs if isinstance(attrs, dict) else {}


def render_blocks(blocks: list[Block], reusable_blocks: Mapping[int, str],
                  seen: frozenset[int] = frozenset()) -> str:
    """The HTML of ``blocks``; ``reusable_blocks`` maps ``wp_block`` ids to their content."""
    return "".join(render_block(block, reusable_blocks, seen) for block in blocks)


def render_block(block: Block, reusable_blocks: Mapping[int, str], seen: frozenset[int] = frozenset()) -> str:
    """The HTML of one block and its inner blocks."""
    name = block["blockName"]
    attrs = _attrs(block)
    if name == "core/block":
        ref = attrs.get("ref")
        if isinstance(ref, int) and ref in reusable_blocks and ref not in seen:
            return render_blocks(parse_blocks(reusable_blocks[ref]), reusable_blocks, seen | {ref})
        return ""
    if name is not None and (name == "core/embed" or name.startswith("core-embed/")):
        return _embed(block, attrs)

    inner = iter(block["innerBlocks"])
    parts = []
    for chunk in block["innerContent"]:
        if isinstance(chunk, str):
            parts.append(chunk)
        else:
            parts.append(render_block(next(inner), reusable_blocks, seen))
    content = "".join(parts)

    language = attrs.get("language") or attrs.get("lang")
    if isinstance(language, str) and language:
        content = _PRE_RE.sub(f'<pre data-language="{html.escape(language)}"', content, count=1)
    return content


def _embed(block: Block, attrs: dict[str, Any]) -> str:
    """An embed as a link to what it embeds, with its caption."""
    inner_html = block["innerHTML"]
    url = attrs.get("url")
    if not isinstance(url, str) or not url:
        m = _EMBED_URL_RE.search(inner_html)
        url = html.unescape(m.group(1)) if m else ""
    if not url:
        return ""
    caption = _FIGCAPTION_RE.search(inner_html)
    link = f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'
    return f"<figure>{link}{caption.group(0) if caption else ''}</figure>"
