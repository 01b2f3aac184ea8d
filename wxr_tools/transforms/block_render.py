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
from collections.abc import Iterator, Mapping
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


Piece = str | tuple[Block, frozenset[int]]
"""A part of a block's HTML: text, or an inner block with the reusable blocks seen on its way."""


def _pieces(block: Block, reusable_blocks: Mapping[int, str], seen: frozenset[int]) -> tuple[list[Piece], str]:
    """What a block's HTML is made of, in order, and the code language its ``<pre>`` gets ('' for none)."""
    name = block["blockName"]
    attrs = _attrs(block)
    if name == "core/block":
        ref = attrs.get("ref")
        if isinstance(ref, int) and ref in reusable_blocks and ref not in seen:
            return [(inner, seen | {ref}) for inner in parse_blocks(reusable_blocks[ref])], ""
        return [], ""
    if name is not None and (name == "core/embed" or name.startswith("core-embed/")):
        return [_embed(block, attrs)], ""
    inner = iter(block["innerBlocks"])
    pieces: list[Piece] = [chunk if isinstance(chunk, str) else (next(inner), seen) for chunk in block["innerContent"]]
    language = attrs.get("language") or attrs.get("lang")
    return pieces, language if isinstance(language, str) else ""


def render_block(block: Block, reusable_blocks: Mapping[int, str], seen: frozenset[int] = frozenset()) -> str:
    """The HTML of one block and its inner blocks: a loop, so blocks nested 10,000 deep render too."""
    pieces, language = _pieces(block, reusable_blocks, seen)
    stack: list[tuple[Iterator[Piece], list[str], str]] = [(iter(pieces), [], language)]
    while True:
        items, parts, language = stack[-1]
        for item in items:
            if isinstance(item, str):
                parts.append(item)
            else:
                inner_pieces, inner_language = _pieces(item[0], reusable_blocks, item[1])
                stack.append((iter(inner_pieces), [], inner_language))
                break
        else:
            stack.pop()
            content = "".join(parts)
            if language:
                content = _PRE_RE.sub(f'<pre data-language="{html.escape(language)}"', content, count=1)
            if not stack:
                return content
            stack[-1][1].append(content)


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
