"""The block grammar: parse ``<!-- wp:... -->`` markup exactly as WordPress does, and write it back.

:func:`parse_blocks` ports WordPress 6.8 ``WP_Block_Parser``
(``wp-includes/class-wp-block-parser.php``); :func:`serialize_blocks` ports
``serialize_blocks()`` (``wp-includes/blocks.php``). Rendering blocks to HTML
lives in :mod:`wxr_tools.transforms.block_render`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

Block = dict[str, Any]

# The tokenizer of WP_Block_Parser::next_token(). PHP's possessive loop over
# the attributes is written as an atomic group via a lookahead and a
# backreference, so a comment that never closes cannot backtrack exponentially.
_TOKEN_RE = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)\s+"
    r"(?P<attrs>\{(?=(?P<body>(?:[^}]+|\}+(?=\})|(?!\}\s+/?-->).)*))(?P=body)\}\s+)?"
    r"(?P<void>/)?-->",
    re.S | re.ASCII,
)


def _php_empty(html: str) -> bool:
    """PHP's ``empty()`` on a string: ``""`` and ``"0"`` are empty."""
    return html == "" or html == "0"


def _block(name: str | None, attrs: Any, inner_html: str = "", inner_content: list | None = None) -> Block:
    return {
        "blockName": name,
        "attrs": attrs,
        "innerBlocks": [],
        "innerHTML": inner_html,
        "innerContent": inner_content if inner_content is not None else [],
    }


class _Frame:
    __slots__ = ("block", "token_start", "token_length", "prev_offset", "leading_html_start")

    def __init__(self, block: Block, token_start: int, token_length: int, prev_offset: int,
                 leading_html_start: int | None) -> None:
        self.block = block
        self.token_start = token_start
        self.token_length = token_length
        self.prev_offset = prev_offset
        self.leading_html_start = leading_html_start


class _Parser:
    """State of one parse; mirrors ``WP_Block_Parser`` method for method."""

    def __init__(self, document: str) -> None:
        self.document = document
        self.offset = 0
        self.output: list[Block] = []
        self.stack: list[_Frame] = []

    def parse(self) -> list[Block]:
        while self.proceed():
            pass
        return self.output

    def proceed(self) -> bool:
        match = _TOKEN_RE.search(self.document, self.offset)
        depth = len(self.stack)
        if match is None:
            if depth == 0:
                self.add_freeform()
                return False
            while self.stack:
                self.add_block_from_stack()
            return False

        start, end = match.span()
        length = end - start
        leading_html_start = self.offset if start > self.offset else None
        name = (match.group("namespace") or "core/") + match.group("name")
        raw_attrs = match.group("attrs")
        attrs = _decode_attrs(raw_attrs) if raw_attrs is not None else {}

        if match.group("void"):
            block = _block(name, attrs)
            if depth == 0:
                if leading_html_start is not None:
                    self.output.append(self.freeform(self.document[leading_html_start:start]))
                self.output.append(block)
            else:
                self.add_inner_block(block, start, length)
            self.offset = end
            return True

        if match.group("closer"):
            if depth == 0:
                self.add_freeform()
                return False
            if depth == 1:
                self.add_block_from_stack(start)
                self.offset = end
                return True
            top = self.stack.pop()
            html = self.document[top.prev_offset:start]
            top.block["innerHTML"] += html
            top.block["innerContent"].append(html)
            top.prev_offset = end
            self.add_inner_block(top.block, top.token_start, top.token_length, end)
            self.offset = end
            return True

        self.stack.append(_Frame(_block(name, attrs), start, length, end, leading_html_start))
        self.offset = end
        return True

    @staticmethod
    def freeform(html: str) -> Block:
        return _block(None, {}, html, [html])

    def add_freeform(self) -> None:
        if self.offset < len(self.document):
            self.output.append(self.freeform(self.document[self.offset:]))

    def add_inner_block(self, block: Block, token_start: int, token_length: int,
                        last_offset: int | None = None) -> None:
        parent = self.stack[-1]
        parent.block["innerBlocks"].append(block)
        html = self.document[parent.prev_offset:token_start]
        if not _php_empty(html):
            parent.block["innerHTML"] += html
            parent.block["innerContent"].append(html)
        parent.block["innerContent"].append(None)
        parent.prev_offset = last_offset if last_offset else token_start + token_length

    def add_block_from_stack(self, end_offset: int | None = None) -> None:
        top = self.stack.pop()
        html = self.document[top.prev_offset:end_offset] if end_offset is not None \
            else self.document[top.prev_offset:]
        if not _php_empty(html):
            top.block["innerHTML"] += html
            top.block["innerContent"].append(html)
        if top.leading_html_start is not None:
            self.output.append(self.freeform(self.document[top.leading_html_start:top.token_start]))
        self.output.append(top.block)


def _decode_attrs(text: str) -> Any:
    """``json_decode($attrs, true)``: the attributes, or None when the JSON is invalid."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError:
        return None


def _reject_constant(name: str) -> Any:
    """PHP's JSON has no ``NaN`` or ``Infinity``; such attributes are invalid there."""
    raise ValueError(name)


def parse_blocks(text: str) -> list[Block]:
    """Parse block markup into WordPress's block list (``blockName``, ``attrs``, ``innerBlocks``,
    ``innerHTML``, ``innerContent``), exactly as ``parse_blocks()`` does."""
    return _Parser(text).parse()


def has_blocks(text: str) -> bool:
    """``has_blocks()``: whether the text contains block markup (so wpautop must not run)."""
    return "<!-- wp:" in text


def serialize_block_attributes(attrs: Any) -> str:
    """``serialize_block_attributes()``: JSON with ``--``, ``<``, ``>``, ``&`` and ``\\"`` escaped."""
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("--", "\\u002d\\u002d").replace("<", "\\u003c").replace(">", "\\u003e")
    return text.replace("&", "\\u0026").replace('\\"', "\\u0022")


def serialize_block(block: Block) -> str:
    """``serialize_block()``: one parsed block back to block markup (a loop: any depth of nesting)."""
    stack: list[tuple[Block, Iterator[Any], Iterator[Block], list[str]]] = [
        (block, iter(block["innerContent"]), iter(block["innerBlocks"]), [])]
    while True:
        current, chunks, inner, parts = stack[-1]
        for chunk in chunks:
            if isinstance(chunk, str):
                parts.append(chunk)
            else:
                child = next(inner)
                stack.append((child, iter(child["innerContent"]), iter(child["innerBlocks"]), []))
                break
        else:
            stack.pop()
            markup = _delimited(current, "".join(parts))
            if not stack:
                return markup
            stack[-1][3].append(markup)


def _delimited(block: Block, content: str) -> str:
    """A block's serialized inner content between its opening and closing comments."""
    name = block["blockName"]
    if name is None:
        return content
    if name.startswith("core/"):
        name = name[5:]
    attrs = block["attrs"] if isinstance(block["attrs"], (dict, list)) else {}
    attributes = serialize_block_attributes(attrs) + " " if attrs else ""
    if _php_empty(content):
        return f"<!-- wp:{name} {attributes}/-->"
    return f"<!-- wp:{name} {attributes}-->{content}<!-- /wp:{name} -->"


def serialize_blocks(blocks: list[Block]) -> str:
    """``serialize_blocks()``: a parsed block list back to block markup."""
    return "".join(serialize_block(block) for block in blocks)
