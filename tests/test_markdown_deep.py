"""The Markdown writer on hierarchies deeper than Python's recursion and than file systems allow."""

from __future__ import annotations

from datetime import datetime, timezone

from markdown_support import markdown_files
from wxr_tools.model import Post, Site, SiteInfo
from wxr_tools.source import SiteSource
from wxr_tools.writers.markdown import MarkdownOptions, write_markdown
from wxr_tools.writers.markdown.site_index import MAX_NESTING

DATE = datetime(2020, 1, 1, tzinfo=timezone.utc)


def _page(id: int, parent: int | None) -> Post:
    return Post(id=id, type="page", slug=f"level-{id}", title=f"Level {id}", parent=parent, date=DATE)


def test_a_page_chain_deeper_than_the_recursion_limit_is_written_with_bounded_folders(tmp_path):
    depth = 1_500
    pages = [_page(i, i - 1 if i > 1 else None) for i in range(depth, 0, -1)]  # children before parents
    write_markdown(SiteSource(Site(info=SiteInfo(title="Deep"), posts=pages)), tmp_path, MarkdownOptions())
    paths = {f.wordpress_id: f.path.relative_to(tmp_path).parts for f in markdown_files(tmp_path)}
    assert len(paths) == depth
    assert paths[3] == ("content", "level-1", "level-2", "level-3", "_index.md")
    assert max(len(parts) for parts in paths.values()) == MAX_NESTING + 3  # content/ ... name/_index.md
    assert len(set(paths.values())) == depth


def test_pages_that_are_each_others_parents_are_all_written(tmp_path):
    pages = [_page(1, 3), _page(2, 1), _page(3, 2)]
    write_markdown(SiteSource(Site(info=SiteInfo(title="Loop"), posts=pages)), tmp_path, MarkdownOptions())
    assert {f.wordpress_id for f in markdown_files(tmp_path)} == {1, 2, 3}
