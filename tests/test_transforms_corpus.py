"""Every post body of the shared corpus goes through the content pipeline and comes out plain, with either engine."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import wxr_tools
from wxr_tools.transforms import ContentIndex, ContentOptions, render_post
from wxr_tools.transforms.engines import CONVERTERS

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
if not SHARED.exists():
    pytest.skip(f"shared corpus not found at {SHARED}", allow_module_level=True)

EXPORTS = sorted((SHARED / "corpus" / "wxr").rglob("*.xml")) + sorted((SHARED / "realwp" / "wxr").glob("*.xml"))
THEME_UNIT_TEST = SHARED / "corpus" / "wxr" / "theme-test-data" / "themeunittestdata.wordpress.xml"

_FENCED = re.compile(r"^(`{3,})[^\n]*\n(.*?)^\1$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
# WordPress markup that must not reach the Markdown: a shortcode (not a Markdown link
# or image whose text happens to start with the word), a block comment, a more tag.
_LEAKS = re.compile(r"(?<!!)\[(?:caption|gallery)\b[^\]]*\](?!\()|<!-- /?wp:|<!--more")


def _outside_code(markdown: str) -> str:
    return _CODE_SPAN.sub("", _FENCED.sub("", markdown))


@pytest.mark.parametrize("converter", CONVERTERS)
@pytest.mark.parametrize("export", EXPORTS, ids=[str(p.relative_to(SHARED)) for p in EXPORTS])
def test_every_body_renders_without_wordpress_markup(export: Path, converter: str) -> None:
    site = wxr_tools.read_wxr(export)
    index = ContentIndex.from_posts(site.posts)
    options = ContentOptions(converter=converter)
    for post in site.posts:
        rendered = render_post(post, index, options)
        leaks = _LEAKS.findall(_outside_code(rendered.body))
        assert not leaks, f"post {post.id} ({post.title!r}) leaks {leaks}"
        if rendered.summary is not None:
            assert not _LEAKS.findall(_outside_code(rendered.summary)), f"post {post.id} summary"


def _pre_texts(content: str) -> list[str]:
    """What a browser shows for each <pre> of raw HTML: tags dropped, <br> as newline, entities decoded."""
    texts = []
    for inner in re.findall(r"<pre[^>]*>(.*?)</pre>", content, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", inner)))
        texts.append(text[1:] if text.startswith("\n") else text)
    return texts


@pytest.mark.parametrize("converter", CONVERTERS)
@pytest.mark.parametrize("title", [
    "Markup: HTML Tags and Formatting",
    "Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu",  # the CSS snippet
])
def test_theme_unit_test_pre_blocks_are_byte_exact_fenced_code(title: str, converter: str) -> None:
    site = wxr_tools.read_wxr(THEME_UNIT_TEST)
    post = next(p for p in site.posts if p.title == title)
    expected = _pre_texts(post.content)
    assert expected, "the post has <pre> blocks"
    body = render_post(post, ContentIndex.from_posts(site.posts), ContentOptions(converter=converter)).body
    fenced = [code for _, code in _FENCED.findall(body)]
    assert fenced == [text if text.endswith("\n") else text + "\n" for text in expected]
