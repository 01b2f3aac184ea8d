"""A large body is converted a piece at a time; the pieces give what the whole gives."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wxr_tools import open_wxr
from wxr_tools.transforms.html_pieces import top_level_pieces
from wxr_tools.transforms.index import ContentIndex
from wxr_tools.transforms.render import ContentOptions, render_post

from corpus import FIXTURES, shared_files

html_to_markdown_module = importlib.import_module("wxr_tools.transforms.html_to_markdown")
wpautop_module = importlib.import_module("wxr_tools.transforms.wpautop")  # the package exports functions of these names
COMMONMARK = MarkdownIt("commonmark")
BODIES = [FIXTURES / "awen-therapy.xml",
          *shared_files("corpus/wxr/theme-test-data/themeunittestdata.wordpress.xml"),
          *shared_files("realwp/wxr/all.xml")]


def test_cuts_fall_only_after_top_level_blocks() -> None:
    html = ("<p>a <b>b</b></p>\n<ul><li>x</li></ul><!-- c </p> --><script>if (a<b) {}</script>"
            "<p>z<p>y</p><div>d</div>")
    assert list(top_level_pieces(html, 1)) == [  # not after a list; nor once a <p> is left open
        "<p>a <b>b</b></p>", "\n<ul><li>x</li></ul><!-- c </p> --><script>if (a<b) {}</script><p>z<p>y</p><div>d</div>"]
    assert list(top_level_pieces('<pre><?php echo "<div>"; ?></pre><p>b</p>', 1)) == [
        '<pre><?php echo "<div>"; ?></pre>', "<p>b</p>"]  # <?php ...> is a comment to HTML parsers
    assert list(top_level_pieces(html, 10_000)) == [html]
    assert list(top_level_pieces("<div><p>a</p></span></div><p>b</p>", 1)) == [
        "<div><p>a</p></span></div>", "<p>b</p>"]  # a stray end tag changes nothing


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<!--", "-->", "<script>", "</script>",
                                 "<br/>", "a", "\n", "<"]), max_size=40).map("".join),
       st.integers(1, 20))
def test_the_pieces_are_the_whole(html: str, size: int) -> None:
    assert "".join(top_level_pieces(html, size)) == html


@pytest.mark.parametrize("path", BODIES, ids=lambda p: p.name)
@pytest.mark.parametrize("engine", ["html-to-markdown", "html2text"])
def test_bodies_converted_in_pieces_read_as_converted_whole(path, engine: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendered by a CommonMark parser, the Markdown of the pieces is the Markdown of the whole (html2text
    starts a document without the indent it may give a paragraph in the middle: no difference to a reader)."""
    posts = [post for post in open_wxr(path).posts() if post.content]
    options = ContentOptions(converter=engine)
    whole = [COMMONMARK.render(render_post(post, ContentIndex(), options).body) for post in posts]
    monkeypatch.setattr(html_to_markdown_module, "PIECE_CHARS", 1)  # a piece for every top-level block
    monkeypatch.setattr(wpautop_module, "_SEGMENT_CHARS", 1)  # and a wpautop segment for every paragraph
    assert [COMMONMARK.render(render_post(post, ContentIndex(), options).body) for post in posts] == whole
