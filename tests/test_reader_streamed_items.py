"""Meta rows, comments and categories are read as each ends, and freed: an item never stands whole."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from wxr_tools import open_wxr
from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.readers.wxr.elements import Context, read_item
from wxr_tools.readers.wxr.inputs import expand_inputs
from wxr_tools.readers.wxr.parse import FileStats, elements

from corpus import FIXTURES, shared_files

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel><wp:wxr_version>1.2</wp:wxr_version>\n')


def _meta(n: int) -> str:
    return f"<wp:postmeta><wp:meta_key>k{n}</wp:meta_key><wp:meta_value>v{n}</wp:meta_value></wp:postmeta>\n"


def _comment(n: int) -> str:
    return (f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_content>c{n}</wp:comment_content>"
            f"<wp:commentmeta><wp:meta_key>m</wp:meta_key><wp:meta_value>{n}</wp:meta_value></wp:commentmeta>"
            "</wp:comment>\n")


def _item(post_id: int, body: str) -> str:
    return (f"<item><title>Post {post_id}</title><wp:post_id>{post_id}</wp:post_id><wp:status>publish</wp:status>"
            f"<wp:post_type>post</wp:post_type>{body}</item>\n")


def _whole_items(path: Path) -> list:
    """Each item parsed whole and read in one go: what streaming must equal."""
    ctx = Context(DiagnosticLog(), str(path), 1 << 30)
    tree = etree.parse(str(path), etree.XMLParser(huge_tree=True, remove_comments=True, recover=True))
    return [read_item(item, ctx) for item in tree.iter("item")]


def test_streamed_parts_read_as_the_whole_item(tmp_path: Path) -> None:
    body = ('<category domain="category" nicename="a"><![CDATA[A]]></category>' + _meta(1) + _comment(1)
            + '<category><![CDATA[Bare]]></category>' + _meta(2) + _comment(2) + "<content:encoded>x</content:encoded>")
    path = tmp_path / "site.xml"
    path.write_text(HEAD + _item(1, body) + _item(2, _meta(3)) + "</channel></rss>\n", "utf-8")
    posts = list(open_wxr(path).posts())
    assert posts == _whole_items(path)
    first = posts[0]
    assert [m.value for m in first.meta] == ["v1", "v2"] and [c.id for c in first.comments] == [1, 2]
    assert [c.meta[0].value for c in first.comments] == ["1", "2"]
    assert [(t.taxonomy, t.name) for t in first.terms] == [("category", "A"), ("category", "Bare")]
    assert [m.value for m in posts[1].meta] == ["v3"]


def test_an_item_holds_at_most_one_read_part_when_it_ends(tmp_path: Path) -> None:
    path = tmp_path / "many.xml"
    path.write_text(HEAD + _item(1, "".join(_meta(n) for n in range(500)) + "".join(_comment(n) for n in range(50)))
                    + "</channel></rss>\n", "utf-8")
    log = DiagnosticLog()
    parts = 0
    for kind, element in elements(expand_inputs([path])[0], log, FileStats()):
        if kind == "part":
            parts += 1
        elif kind == "item":
            assert len(element) <= 4 + 1  # title, id, status, type and the last part's empty shell
    assert parts == 550


def test_a_part_read_twice_after_a_repair_is_kept_once(tmp_path: Path) -> None:
    """The strict pass stops inside an item whose parts it handed over; the re-read starts the item afresh."""
    path = tmp_path / "broken.xml"
    path.write_text(HEAD + _item(1, _meta(1) + _meta(2) + "<wp:comment_status>a & b</wp:comment_status>" + _meta(3))
                    + "</channel></rss>\n", "utf-8")
    export = open_wxr(path)
    (post,) = list(export.posts())
    assert [m.value for m in post.meta] == ["v1", "v2", "v3"]
    assert "WXR103" in {d.code for d in export.diagnostics}


def test_the_corpus_reads_as_whole_items_read() -> None:
    for path in [FIXTURES / "awen-therapy.xml",
                 *shared_files("corpus/wxr/theme-test-data/themeunittestdata.wordpress.xml")]:
        streamed = list(open_wxr(path).posts())
        assert streamed == _whole_items(path), path.name
