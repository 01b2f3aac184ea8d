"""Properties WordPress's own functions have: wpautop is stable on its output, blocks round-trip."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wxr_tools.transforms.blocks import parse_blocks, serialize_blocks
from wxr_tools.transforms.engines import CONVERTERS
from wxr_tools.transforms.html_to_markdown import html_to_markdown
from wxr_tools.transforms.links import LinkRewriter, LinkTable, own_url_key, site_hosts, url_key
from wxr_tools.transforms.shortcodes import do_shortcode
from wxr_tools.transforms.wpautop import _NEWLINE_TO_BR, wpautop

# Text made of the pieces wpautop reacts to, so examples hit its branches.
_PIECES = st.sampled_from([
    "\n", "\n\n", "\r\n", " ", "\t", "word", "<p>", "</p>", "<div>", "</div>", "<br>", "<br />", "<pre>",
    "</pre>", "<blockquote>", "</blockquote>", "<li>", "<ul>", "</ul>", "<!-- c -->", "<em>", "</em>",
    "<script>", "</script>", "<option>", "<hr>", "<figcaption>", "[gallery]", "<", ">", "&nbsp;", "\u00a0",
])
_WPAUTOP_TEXT = st.one_of(st.text(), st.lists(_PIECES | st.text(max_size=5)).map("".join))

_WORDPRESS_NEWLINE_TO_BR = re.compile(r"(?<!<br />)\s*\n", re.ASCII)
"""wpautop's own pattern, as WordPress writes it (slow in Python: it is tried at every character)."""


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["<br />", "<br>", " ", "\n", "\t", "\r", "\x0b", "\x0c", "a", "/>"]))
       .map("".join) | _WPAUTOP_TEXT)
def test_the_newline_to_br_pattern_matches_what_wordpress_matches(text: str) -> None:
    assert _NEWLINE_TO_BR.sub("<br />\n", text) == _WORDPRESS_NEWLINE_TO_BR.sub("<br />\n", text)


@settings(max_examples=300, deadline=None)
@given(_WPAUTOP_TEXT, st.booleans())
def test_wpautop_never_raises(text: str, br: bool) -> None:
    assert isinstance(wpautop(text, br), str)


# Content as writers type it in the classic editor: prose, line breaks, blank lines, inline
# markup and whole block elements. (On arbitrary markup WordPress's wpautop is not idempotent
# either: "<br>" gives "<p><br /></p>", which gives more.)
_CLASSIC_PIECES = [
    "word", "two words", "\n", "\n\n", "<em>it</em>", "<strong>b</strong>", "<a href=\"/x\">link</a>",
    "&amp;", "Caf\u00e9", "<h2>Title</h2>", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    "<pre>code\n\n  kept</pre>", "<hr />", "[gallery ids=\"1,2\"]",
    "<!--more-->", "<img src=\"/a.png\" alt=\"a\" />",
]
_CLASSIC = st.lists(st.sampled_from(_CLASSIC_PIECES), min_size=1).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CLASSIC, st.booleans())
def test_wpautop_is_idempotent_on_its_own_output(text: str, br: bool) -> None:
    once = wpautop(text, br)
    assert wpautop(once, br) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_CLASSIC_PIECES, "<blockquote>quoted</blockquote>"]), min_size=1).map("".join),
       st.booleans())
def test_wpautop_reaches_a_fixed_point_with_blockquotes_after_a_whitespace_only_second_pass(
        text: str, br: bool) -> None:
    # WordPress itself re-spaces "<blockquote><p>" as "<blockquote>\n<p>" on a second pass.
    once = wpautop(text, br)
    twice = wpautop(once, br)
    assert twice.replace("\n", "") == once.replace("\n", "")
    assert wpautop(twice, br) == twice


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(
    ["<!-- wp:", "<!-- /wp:", " -->", " /-->", "para", "core/x", "{", "}", '"a":1', " ", "\n", "x"]
)).map("".join)))
def test_block_parser_never_raises_and_keeps_every_character_of_text_without_blocks(text: str) -> None:
    blocks = parse_blocks(text)
    assert isinstance(blocks, list)
    if "<!--" not in text:
        assert serialize_blocks(blocks) == text


_NAMES = st.from_regex(r"\A[a-z][a-z0-9_-]{0,8}\Z").map(lambda n: n) | st.just("paragraph")
_NAMESPACED = st.tuples(st.sampled_from(["", "core/", "acme/"]), _NAMES).map("".join)
_HTML = st.text(alphabet=st.characters(blacklist_characters="<\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=20).filter(lambda s: s != "0")
# Without backslashes: WordPress's serialize_block_attributes() turns a string ending in "\\"
# into invalid JSON (its /\\"/ replacement hits the closing quote), so neither it nor we round-trip that.
_ATTR_TEXT = st.text(alphabet=st.characters(blacklist_characters="\\", blacklist_categories=("Cs",)), max_size=8)
_ATTRS = st.dictionaries(_ATTR_TEXT.filter(bool),
                         st.one_of(st.integers(), _ATTR_TEXT, st.booleans(), st.none(),
                                   st.lists(st.integers(), max_size=3)), max_size=3)


def _block(children: st.SearchStrategy) -> st.SearchStrategy:
    def build(name: str, attrs: dict, chunks: list) -> dict:
        inner_blocks = [c for c in chunks if isinstance(c, dict)]
        content = [None if isinstance(c, dict) else c for c in chunks]
        return {"blockName": name, "attrs": attrs, "innerBlocks": inner_blocks,
                "innerHTML": "".join(c for c in content if c is not None), "innerContent": content}
    return st.builds(build, _NAMESPACED, _ATTRS, st.lists(_HTML | children, max_size=4))


_TREE = st.recursive(_block(st.nothing()), _block, max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TREE | _HTML, max_size=4))
def test_serialising_a_parsed_document_gives_the_document_back(items: list) -> None:
    document = serialize_blocks([
        item if isinstance(item, dict) else
        {"blockName": None, "attrs": {}, "innerBlocks": [], "innerHTML": item, "innerContent": [item]}
        for item in items
    ])
    assert serialize_blocks(parse_blocks(document)) == document


@pytest.mark.parametrize("converter", CONVERTERS)
@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_shortcodes_and_html_to_markdown_never_raise(text: str, converter: str) -> None:
    do_shortcode(text, {"gallery": lambda sc: json.dumps(sc.atts, default=str)})
    assert isinstance(html_to_markdown(text, engine=converter), str)


_BODY_PIECES = st.sampled_from([
    "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->", '<!-- wp:block {"ref":1} /-->', "<!-- wp:code -->",
    "<p>", "</p>", "<pre>", "</pre>", "<code>", "</code>", "[caption]", "[/caption]", '[gallery ids="1,x"]',
    "[code lang=py]", "[/code]", "[embed]", "[/embed]", "[unknown a=1]", "<!--more-->", "<!--more label-->",
    "<!--nextpage-->", "<img src=x>", "<script>", "</script>", "&gt; quoted", "\n", "\n\n", "text", "\ufdd0",
    "\ufdd1", "\ufdd3", "0", "<",
])


@pytest.mark.parametrize("converter", CONVERTERS)
@settings(max_examples=200, deadline=None)
@given(text=st.lists(_BODY_PIECES | st.text(max_size=4)).map("".join))
def test_render_post_and_render_comment_never_raise(text: str, converter: str) -> None:
    from wxr_tools.model import Post
    from wxr_tools.transforms import ContentIndex, ContentOptions, render_comment, render_post

    index = ContentIndex.from_posts([Post(id=1, type="wp_block", content=text[:40])])
    rendered = render_post(Post(id=2, content=text), index, ContentOptions(converter=converter))
    assert isinstance(rendered.body, str)
    assert "\ufdd0" not in rendered.body and "\ufdd3" not in rendered.body  # no placeholder leaks
    assert isinstance(render_comment(text, converter), str)


_URL_PIECES = st.sampled_from(["http://", "https://", "HTTP://", "www.", "example.com", "Example.com", "other.org",
                               "/", "/a", "?p=3", "?page_id=12", "?", "p", "=", "&", "0", "#x", ":80", "%20", "@", "[", "]", " ", "\t", "\n", "..", "-",
                               "\u00e9", "a", "//", "\\"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_URL_PIECES, max_size=8).map("".join))
def test_the_fast_path_for_plain_urls_keys_them_as_urlsplit_does(url: str) -> None:
    hosts = frozenset({"example.com"})
    # A leading space never takes the fast path, and url_key strips it: the result of the full parse.
    assert url_key(url, hosts) == url_key(" " + url, hosts)



@settings(max_examples=300, deadline=None)
@given(st.lists(_URL_PIECES, max_size=8).map("".join))
def test_site_hosts_skips_what_does_not_parse(url: str) -> None:
    hosts = site_hosts([url, "https://example.com/"])
    assert "example.com" in hosts


@settings(max_examples=1000, deadline=None)
@given(st.lists(_URL_PIECES, max_size=8).map("".join))
def test_a_sites_own_url_keys_as_with_its_host_among_the_sites(url: str) -> None:
    assert own_url_key(url) == url_key(url, site_hosts([url]))


class _CountingTable(LinkTable):
    """A link table that counts its look-ups."""

    def __init__(self) -> None:
        super().__init__({"example.com"})
        self.lookups = 0

    def lookup(self, url: str) -> str | None:
        self.lookups += 1
        return super().lookup(url)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_URL_PIECES, max_size=6).map("".join), max_size=12))
def test_a_rewriter_that_remembers_answers_as_one_that_does_not(urls: list[str]) -> None:
    table = LinkTable({"example.com"})
    table.add("https://example.com/a", "/posts/a/")
    table.add("https://example.com/?p=3", "/posts/three/")
    html = "".join(f'<a href="{u}">x</a> <img src="{u}">' for u in urls)
    remembering = LinkRewriter(table, remember=2)
    assert remembering(html) == LinkRewriter(table)(html)
    assert len(remembering._answers) <= 2


def test_a_rewriter_that_remembers_looks_each_link_up_once() -> None:
    table = _CountingTable()
    table.add("https://example.com/a", "/posts/a/")
    html = '<a href="https://example.com/a">a</a> <a href="https://example.com/a#c">c</a>' * 50
    rewritten = LinkRewriter(table, remember=16)(html)
    assert rewritten.count('href="/posts/a/"') == 50 and rewritten.count('href="/posts/a/#c"') == 50
    assert table.lookups == 2
