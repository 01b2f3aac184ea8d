"""Arbitrary text survives WXR -> model -> JSON -> model (hypothesis)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wxr_tools import read_wxr
from wxr_tools.readers.json import read_json
from wxr_tools.source import SiteSource
from wxr_tools.writers.json import write_json, write_jsonl

# What XML 1.0 cannot carry: the reader removes these characters (and reports it).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.sampled_from(["]]>", "a]]>b<![CDATA[c", "<![CDATA[", "&amp; &nbsp; &#1;", "\"'<>&", "\U0001F600" * 3,
                     "\u202e\u2066bidi", "x" * 70_000, "line\r\nbreak\rold mac"]),
)


def cdata(text: str) -> str:
    """The way WordPress's wxr_cdata() writes a value."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def expected(text: str) -> str:
    """What an XML reader can give back: no forbidden characters, line ends normalised."""
    return _NOT_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def export(title: str, content: str, meta: str, comment: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Property</title><wp:wxr_version>1.2</wp:wxr_version>
<item><title>{cdata(title)}</title><dc:creator>{cdata("admin")}</dc:creator>
<content:encoded>{cdata(content)}</content:encoded><wp:post_id>1</wp:post_id>
<wp:postmeta><wp:meta_key>{cdata("key")}</wp:meta_key><wp:meta_value>{cdata(meta)}</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_content>{cdata(comment)}</wp:comment_content></wp:comment>
</item></channel></rss>
"""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=texts, content=texts, meta=texts, comment=texts)
def test_text_survives_wxr_model_json_model(tmp_path: Path, title: str, content: str, meta: str,
                                            comment: str) -> None:
    path = tmp_path / "property.xml"
    path.write_text(export(title, content, meta, comment), "utf-8", newline="")
    site = read_wxr(path)
    post = site.posts[0]
    assert post.title == expected(title)
    assert post.content == expected(content)
    assert post.meta[0].value == expected(meta)
    assert post.comments[0].content == expected(comment)
    for write, name in ((write_json, "site.json"), (write_jsonl, "site.jsonl")):
        out = io.BytesIO()
        write(SiteSource(site), out)
        (tmp_path / name).write_bytes(out.getvalue())
        assert read_json(tmp_path / name) == site
