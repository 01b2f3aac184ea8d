"""Content transforms on nesting deeper than Python's recursion limit: rendered, never RecursionError."""

from __future__ import annotations

from wxr_tools.transforms.block_render import render_blocks
from wxr_tools.transforms.blocks import parse_blocks, serialize_blocks
from wxr_tools.transforms.comments import render_comment

DEPTH = 5_000


def test_blocks_nested_five_thousand_deep_render_and_serialize_back() -> None:
    document = '<!-- wp:group {"layout":"flow"} -->' * DEPTH + "<pre>x</pre>" + "<!-- /wp:group -->" * DEPTH
    blocks = parse_blocks(document)
    assert serialize_blocks(blocks) == document
    assert render_blocks(blocks, {}) == "<pre>x</pre>"


def test_a_chain_of_reusable_blocks_each_using_the_next_renders_to_its_end() -> None:
    chain = {ref: f'<!-- wp:block {{"ref":{ref + 1}}} /-->' for ref in range(1, DEPTH)}
    chain[DEPTH] = "<p>the end</p>"
    assert render_blocks(parse_blocks(chain[1]), chain) == "<p>the end</p>"


def test_a_comment_quoted_three_thousand_levels_deep_nests_thirty_two_and_keeps_the_rest_as_text() -> None:
    markdown = render_comment("&gt;" * 3000 + " spam")
    assert markdown.count(">") == 3000
    assert markdown.rstrip().endswith("spam")
    assert render_comment("&gt; a\n&gt;&gt; b\nc") == "> a\n>\n> > b\n\nc\n"  # ordinary quoting as before
