"""``wxr convert`` on saved pages: input kind detected from content, and ``--pages`` filling an export."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wxr_tools.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Mirror</title><link>https://mirror.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ren]]></wp:author_login>
<wp:author_display_name><![CDATA[Ren]]></wp:author_display_name></wp:author>
<item><title>Threads</title><link>https://mirror.example/2019/07/01/threads/</link><dc:creator><![CDATA[ren]]></dc:creator>
<content:encoded><![CDATA[A post.]]></content:encoded><wp:post_id>601</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status>
<wp:comment><wp:comment_id>601</wp:comment_id><wp:comment_author><![CDATA[Ada]]></wp:comment_author>
<wp:comment_content><![CDATA[First comment.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>
<wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>
"""


def test_a_saved_page_is_detected_and_converted(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    result = CliRunner().invoke(app, ["convert", str(FIXTURES / "seed-twentyten.html"), "--to", "json",
                                      "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["posts"][0]["title"] == "We Can All Use a Little Help Sometimes…"
    assert document["authors"][0]["bio"].startswith("I am Jay Blevins")


def test_pages_fill_what_the_export_lacks(tmp_path: Path) -> None:
    export = tmp_path / "export.xml"
    export.write_text(EXPORT, encoding="utf-8")
    out = tmp_path / "merged.json"
    result = CliRunner().invoke(app, ["convert", str(export), "--pages", str(FIXTURES / "mirror"), "--to", "json",
                                      "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["authors"][0]["bio"] == "Ren writes essays."
    assert sorted(c["id"] for c in document["posts"][0]["comments"]) == [64, 601, 602, 603]
