"""Post and comment bodies as a user sees them in the Markdown, on our own small fixtures.

Tests marked ``both_engines`` run with each HTML-to-Markdown engine (``converter``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import wxr_tools
from wxr_tools.model import Post
from wxr_tools.transforms import (
    ContentIndex,
    ContentOptions,
    ContentOptionsError,
    html_to_markdown,
    render_comment,
    render_post,
)
from wxr_tools.transforms.engines import CONVERTERS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"
both_engines = pytest.mark.parametrize("converter", CONVERTERS)


def _site(name: str) -> tuple[dict[int, Post], ContentIndex]:
    site = wxr_tools.read_wxr(FIXTURES / name)
    return {post.id: post for post in site.posts}, ContentIndex.from_posts(site.posts)


def test_gallery_by_ids_shows_each_image_in_the_given_order_with_alt_and_caption() -> None:
    posts, index = _site("gallery-by-ids.xml")
    body = render_post(posts[10], index).body
    assert "[gallery" not in body
    harbour = body.index("![Fishing boats in morning fog](https://example.com/wp-content/uploads/2024/05/harbour.jpg)")
    lighthouse = body.index("![A white lighthouse](https://example.com/wp-content/uploads/2024/05/lighthouse.png)")
    assert harbour < body.index("Boats leaving the harbour") < lighthouse  # ids="101,102": 101 first
    assert body.index("We walked") < harbour and body.rstrip().endswith("Back home by noon.")


def test_bare_gallery_shows_the_attached_images_in_menu_order_and_no_other_files() -> None:
    posts, index = _site("gallery-by-ids.xml")
    body = render_post(posts[11], index).body
    assert body.index("lighthouse.png") < body.index("harbour.jpg")  # menu_order 1 before 2
    assert "tides.pdf" not in body
    assert "[![A white lighthouse](https://example.com/wp-content/uploads/2024/05/lighthouse.png)]" \
           "(https://example.com/wp-content/uploads/2024/05/lighthouse.png)" in body  # link="file"


def test_caption_becomes_image_then_caption_and_unknown_shortcodes_are_kept_and_counted() -> None:
    posts, index = _site("gallery-by-ids.xml")
    rendered = render_post(posts[12], index)
    assert "[caption" not in rendered.body
    assert "lighthouse-300x200.png)](https://example.com/wp-content/uploads/2024/05/lighthouse.png)" in rendered.body
    assert "The lighthouse, *seen from the north*" in rendered.body
    assert '[contact-form-7 id="5" title="Contact"] and [gallery] shown as text.' in rendered.body
    assert rendered.unknown_shortcodes == Counter({"contact-form-7": 1})


def test_shortcode_map_writes_the_target_sites_own_shortcode() -> None:
    posts, index = _site("gallery-by-ids.xml")
    options = ContentOptions(shortcode_map={
        "caption": '{{< figure src="{src}" alt="{alt}" caption="{caption}" >}}',
        "contact-form-7": "{{< contact id={id} >}}",
    })
    rendered = render_post(posts[12], index, options)
    assert ('{{< figure src="https://example.com/wp-content/uploads/2024/05/lighthouse-300x200.png" '
            'alt="A white lighthouse" caption="The lighthouse, <em>seen from the north</em>" >}}') in rendered.body
    assert "{{< contact id=5 >}}" in rendered.body
    assert rendered.unknown_shortcodes == Counter()


def test_reusable_blocks_are_replaced_by_their_content_and_loops_stop() -> None:
    posts, index = _site("reusable-block.xml")
    body = render_post(posts[20], index).body
    assert "<!-- wp:" not in body and "wp:block" not in body
    assert body.count("## Join the newsletter") == 2  # once directly, once through block 201
    assert body.count("Thanks for reading.") == 1  # 201 refers to itself: rendered once
    assert body.index("The garden is waking up.") < body.index("## Join the newsletter")


@both_engines
def test_code_block_keeps_its_language_and_text_and_embed_becomes_a_link_with_caption(converter: str) -> None:
    posts, index = _site("reusable-block.xml")
    body = render_post(posts[20], index, ContentOptions(converter=converter)).body
    assert '```python\nif bloom > 3:\n    print("spring")\n```' in body
    assert "<https://www.youtube.com/watch?v=abc123>" in body
    assert "The garden in 30 seconds" in body


@both_engines
def test_email_reply_comment_quotes_become_block_quotes_after_the_comments_own_text(converter: str) -> None:
    posts, _ = _site("email-quoted-comment.xml")
    first, second = (render_comment(c.content, converter) for c in posts[30].comments)
    assert first.startswith("Thank you, this helped.\n\nOn Tue, Nov 27, 2012 at 5:56 AM, The Blog wrote:\n\n> ")
    assert '> New post: "Borrowed functioning"' in first
    assert "> > an older quote" in first
    assert "&gt;" not in first + second
    for text in (first, second):
        own = [line for line in text.splitlines() if line and not line.startswith(">")]
        assert not any(">" in line for line in own)
    assert "> in a session with another" in second  # markers run together split back into lines


@both_engines
def test_realwp_comment_quoting_an_email_reply(shared: Path, converter: str) -> None:
    import json
    truth = json.loads((shared / "realwp" / "truth.json").read_text(encoding="utf-8"))
    stored = next(c for c in truth["comments"] if c.get("key") == "matthew")["comment_content"]
    markdown = render_comment(stored, converter)
    assert markdown.startswith("This is beautiful and so true. Thank you for writing it.\n\n")
    assert "> We Can All Use a Little Help Sometimes…" in markdown
    assert "> Read more of this post" in markdown
    assert "&gt;" not in markdown


@both_engines
def test_more_tag_splits_summary_and_label_and_nextpage_is_a_visible_break(converter: str) -> None:
    post = Post(id=1, content="Intro *here*.\n\n<!--more Keep <b>reading</b> &raquo;-->\n\nRest.\n\n"
                              "<!--nextpage-->\n\nPage two.")
    rendered = render_post(post, ContentIndex(), ContentOptions(converter=converter))
    assert rendered.summary == "Intro \\*here\\*.\n"  # the asterisks are text in HTML, and stay text
    assert rendered.more_label == "Keep reading \u00bb"
    assert rendered.body == "Intro \\*here\\*.\n\nRest.\n\n---\n\nPage two.\n"
    plain = render_post(Post(id=2, content="No split."), ContentIndex())
    assert plain.summary is None and plain.more_label is None


@both_engines
def test_wpautop_applies_to_classic_content_only(converter: str) -> None:
    options = ContentOptions(converter=converter)
    classic = render_post(Post(id=1, content="one\ntwo\n\nthree"), ContentIndex(), options).body
    assert classic == "one  \ntwo\n\nthree\n"
    blocks = render_post(Post(id=2, content="<!-- wp:html -->\nline one\nline two\n<!-- /wp:html -->"),
                         ContentIndex(), options).body
    soft_break = {"html-to-markdown": "\n", "html2text": " "}[converter]  # both a soft break to Markdown
    assert blocks == f"line one{soft_break}line two\n"  # no <br /> added inside block content


@both_engines
def test_a_bare_ampersand_stays_as_it_was_and_references_become_characters(converter: str) -> None:
    html = ("<p>AT&T and R&D: see /?a=1&debug now &copy; 2020, &copy 2021, &amp;c, 10&nbsp;km, &foo; "
            "and at the end AT&T</p>")
    body = render_post(Post(id=1, content=html), ContentIndex(), ContentOptions(converter=converter)).body
    assert body == ("AT&T and R&D: see /?a=1&debug now \u00a9 2020, \u00a9 2021, &c, 10\u00a0km, &foo; "
                    "and at the end AT&T\n")


@pytest.mark.parametrize(("policy", "present", "absent"), [
    ("drop", [], ["alert", "<script", "<form", "subscribe.php", "color: red"]),
    ("link", ["<https://cdn.example.com/widget.js>", "(/subscribe.php)"], ["alert", "<script"]),
    ("keep", ["<script>alert(1)</script>", '<form action="/subscribe.php">'], []),
])
@both_engines
def test_unsafe_html_policy(policy: str, present: list[str], absent: list[str], converter: str) -> None:
    html = ('<p>Before</p><script>alert(1)</script><script src="https://cdn.example.com/widget.js"></script>'
            '<style>p { color: red }</style><form action="/subscribe.php"><input name="e"></form><p>After</p>')
    post = Post(id=1, content=html)
    body = render_post(post, ContentIndex(), ContentOptions(unsafe_html=policy, converter=converter)).body
    assert body.startswith("Before") and body.rstrip().endswith("After")
    for text in present:
        assert text in body
    for text in absent:
        assert text not in body


@both_engines
def test_iframe_becomes_a_link_to_its_source_by_default(converter: str) -> None:
    assert html_to_markdown('<iframe src="https://maps.example.com/embed?x=1"></iframe>', engine=converter) == \
        "<https://maps.example.com/embed?x=1>\n"


def test_unknown_unsafe_policy_is_refused_with_the_choices() -> None:
    with pytest.raises(ContentOptionsError, match="drop, keep, link"):
        ContentOptions(unsafe_html="sanitize")


def test_unknown_converter_is_refused_with_the_choices() -> None:
    with pytest.raises(ContentOptionsError, match="'pandoc'; choose one of html-to-markdown, html2text"):
        ContentOptions(converter="pandoc")


@both_engines
def test_html_to_markdown_fidelity(converter: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    markdown = html_to_markdown(
        '<p>Use <code>a_b*c</code> and the &lt;div&gt; tag.</p>'
        '<p><img src="/a.png" alt="Alt text" title="A title"></p>'
        '<figure><img src="/b.png" alt="B"><figcaption>Caption of B</figcaption></figure>'
        '<p>H<sub>2</sub>O and E=mc<sup>2</sup><br>next line</p>'
        '<address>1 Main St<br>Springfield</address>'
        '<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>'
        '<pre class="language-js">let a = "`x`" &lt; 3;\n\n\n  indented</pre>', engine=converter)
    assert "Use `a_b*c` and the &lt;div> tag." in markdown
    assert '![Alt text](/a.png "A title")' in markdown
    assert "![B](/b.png)\n\nCaption of B" in markdown
    assert "H<sub>2</sub>O and E=mc<sup>2</sup>  \nnext line" in markdown
    assert "1 Main St  \nSpringfield" in markdown
    table = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)  # engines pad cells otherwise
    assert "<thead>\n<tr>\n<th>k</th>\n<th>v</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>a</td>\n<td>1</td>" in table
    assert '```js\nlet a = "`x`" < 3;\n\n\n  indented\n```' in markdown


@both_engines
def test_emphasis_followed_by_punctuation_gets_no_stray_space(converter: str) -> None:
    assert html_to_markdown("<p>In <em>borrowed functioning</em>: leaning, <strong>hard</strong>.</p>",
                            engine=converter) == \
        "In *borrowed functioning*: leaning, **hard**.\n"


@both_engines
def test_text_that_looks_like_markdown_stays_text_as_commonmark_reads_it(converter: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = ("<p># not a heading</p><p>1. not a list</p><p>a*b*c and snake_case_word</p>"
            '<p><a href="https://example.com/a b">spaced link</a></p>'
            "<p>&gt; not a quote, &#42;not emphasis&#42;</p><ul><li>- not a sublist</li></ul>")
    markdown = html_to_markdown(html, engine=converter)
    rendered = markdown_it.MarkdownIt("commonmark").render(markdown)
    assert "<h1>" not in rendered and "<ol>" not in rendered and "<em>" not in rendered
    assert "<blockquote>" not in rendered and "<p>&gt; not a quote, *not emphasis*</p>" in rendered
    assert "<li>- not a sublist</li>" in rendered
    assert "<p>a*b*c and snake_case_word</p>" in rendered
    assert '<a href="https://example.com/a%20b">spaced link</a>' in rendered


@both_engines
def test_an_entity_written_as_text_stays_text(converter: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    markdown = html_to_markdown("<p>Type &amp;copy; for \u00a9, or &amp;#169;; <code>&amp;amp;</code> in code.</p>",
                                engine=converter)
    rendered = markdown_it.MarkdownIt("commonmark").render(markdown)
    assert "<p>Type &amp;copy; for \u00a9, or &amp;#169;; <code>&amp;amp;</code> in code.</p>" in rendered


def test_control_characters_are_dropped_and_a_refused_body_is_kept_as_html(monkeypatch) -> None:
    assert html_to_markdown("<p>a\x08\x08\x08\x08\x08\x08\x08\x08b\x00</p>") == "ab\n"
    import html_to_markdown as converter

    from wxr_tools.transforms import html_to_markdown_engine as module

    def refuse(*args, **kwargs):
        raise converter.InvalidInputError("binary data detected")

    monkeypatch.setattr(module, "_convert", refuse)
    assert html_to_markdown("<p>Kept <em>whole</em></p>") == "<p>Kept <em>whole</em></p>\n"


def test_the_options_built_once_are_those_the_converters_public_api_builds() -> None:
    # We call html-to-markdown's compiled module with options built once (its public convert()
    # rebuilds them on every call); this tells us if a new release builds them otherwise.
    import html_to_markdown as converter
    from html_to_markdown.api import _to_rust_conversion_options

    from wxr_tools.transforms.html_to_markdown_engine import _convert

    assert _convert.func is not converter.convert, "the installed release has no compiled convert we know"
    ours = _convert.keywords["options"]
    public = _to_rust_conversion_options(converter.ConversionOptions(
        bullets="*", escape_asterisks=True, escape_underscores=False, expand_abbreviations=False,
        extract_metadata=False, hidden_content="all", highlight_style="none", preserve_tags=["sub", "sup"],
        preprocessing=converter.PreprocessingOptions(enabled=False, preset="standard")))
    fields = [name for name in dir(public) if not name.startswith("_") and not callable(getattr(public, name))]
    assert len(fields) > 40
    for name in fields:
        if name == "preprocessing":
            for part in ("enabled", "preset", "remove_navigation", "remove_forms"):
                assert getattr(ours.preprocessing, part) == getattr(public.preprocessing, part), part
        else:
            assert repr(getattr(ours, name)) == repr(getattr(public, name)), name


def test_a_release_without_the_compiled_module_converts_through_the_public_api(monkeypatch) -> None:
    import sys

    import html_to_markdown as converter

    from wxr_tools.transforms.html_to_markdown_engine import _bind_converter, _convert

    html = ("<h2>T</h2><p>a * b, x_y, <mark>m</mark> H<sub>2</sub>O <abbr title='t'>A</abbr></p>"
            "<nav><a href='/x'>menu</a></nav><ul><li>one</li></ul><p hidden>h</p>")
    monkeypatch.delattr(converter, "_html_to_markdown")
    monkeypatch.setitem(sys.modules, "html_to_markdown._html_to_markdown", None)  # the import now fails
    fallback = _bind_converter()
    assert fallback.func is converter.convert
    assert fallback(html).content == _convert(html).content


@both_engines
def test_no_break_spaces_stay_and_spacer_paragraphs_go(converter: str) -> None:
    markdown = html_to_markdown("<p>Bonjour&nbsp;! 10&#160;km</p><p>&nbsp;</p><p>a\u00a0b</p>"
                                "<pre>x&nbsp;y</pre>", engine=converter)
    assert markdown == "Bonjour\u00a0! 10\u00a0km\n\na\u00a0b\n\n```\nx\u00a0y\n```\n"


@both_engines
def test_bare_urls_in_text_keep_their_underscores_for_markdown_that_links_them(converter: str) -> None:
    assert html_to_markdown("<p>See https://example.com/a_b_c today.</p>", engine=converter) == \
        "See https://example.com/a_b_c today.\n"


@pytest.fixture
def shared() -> Path:
    path = Path(__file__).resolve().parents[1] / ".." / "shared"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.mark.parametrize("html", [
    "<ul><li>Item<pre>code\n\n  line2</pre></li><li>Next</li></ul>",
    "<ol><li>One<ul><li>Sub<pre>code\n\n  line2</pre></li></ul></li><li>Two</li></ol>",
    "<ol><li>a</li><li>b</li><li>c</li><li>d</li><li>e</li><li>f</li><li>g</li><li>h</li><li>i</li>"
    "<li>Tenth<pre>code\n\n  line2</pre></li></ol>",
])
@both_engines
def test_code_in_a_list_item_stays_in_the_item_as_commonmark_reads_it(html: str, converter: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(html_to_markdown(html, engine=converter))
    assert "<pre><code>code\n\n  line2\n</code></pre>\n</li>" in rendered
