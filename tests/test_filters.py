"""Post filters as a library step: category with its children, tag, author, status, dates; values checked."""

from __future__ import annotations

import pytest

from wxr_tools import open_wxr
from wxr_tools.errors import WxrToolsError
from wxr_tools.filters import PostFilter, filter_source, parse_day
from wxr_tools.source import map_posts

from corpus import FIXTURES

EXPORT = FIXTURES / "filters.xml"
POSTS_AND_PAGES = {11, 12, 13, 14, 16}


def kept(**chosen: object) -> set[int]:
    """Ids of the posts and pages kept (the attachment, site machinery, is always kept)."""
    source = filter_source(open_wxr(EXPORT), PostFilter(**chosen))  # type: ignore[arg-type]
    ids = {post.id for post in source.posts()}
    assert 15 in ids
    return ids & POSTS_AND_PAGES


def test_no_filter_keeps_everything_and_is_the_source_itself() -> None:
    export = open_wxr(EXPORT)
    assert filter_source(export, PostFilter()) is export


def test_a_category_keeps_its_children_and_grandchildren() -> None:
    assert kept(categories=("books",)) == {11, 13, 16}  # crime < fiction < books
    assert kept(categories=("fiction",)) == {11, 16}
    assert kept(categories=("Books & Reading",)) == {11, 13, 16}  # the name as shown works too
    assert kept(categories=("news",)) == {12}


def test_tag_author_status_and_dates() -> None:
    assert kept(tags=("review",)) == {11, 16}
    assert kept(authors=("bob",)) == {12, 16}
    assert kept(authors=("Ada Lovelace",)) == {11, 13, 14}
    assert kept(statuses=("draft",)) == {13}
    assert kept(since="2013") == {12, 13}
    assert kept(until="2012-01") == {11, 14}
    assert kept(since="2012-12-31", until="2012-12-31") == {16}
    assert kept(categories=("books",), authors=("bob",)) == {16}  # filters combine


def test_unknown_values_are_refused_with_the_nearest_ones() -> None:
    with pytest.raises(WxrToolsError, match="the export has no category 'crme'") as caught:
        kept(categories=("crme",))
    assert caught.value.option == "category" and "did you mean crime?" in caught.value.hint
    with pytest.raises(WxrToolsError, match="no author 'bbo'") as caught:
        kept(authors=("bbo",))
    assert "did you mean bob?" in caught.value.hint and "ada, bob" in caught.value.hint
    with pytest.raises(WxrToolsError, match="'drafts' is not a post status") as caught:
        kept(statuses=("drafts",))
    assert "did you mean draft?" in caught.value.hint
    with pytest.raises(WxrToolsError, match="is not a date"):
        kept(since="last week")
    with pytest.raises(WxrToolsError, match="is after"):
        kept(since="2013", until="2012")


def test_periods_end_where_people_expect() -> None:
    assert parse_day("2012-02", end=True).isoformat() == "2012-02-29T23:59:59.999999"
    assert parse_day("2012-12", end=True).isoformat() == "2012-12-31T23:59:59.999999"
    assert parse_day("2012").isoformat() == "2012-01-01T00:00:00"


def test_map_posts_runs_beside_the_parse_and_drops_the_others() -> None:
    source = filter_source(open_wxr(EXPORT), PostFilter(tags=("review",)))
    assert sorted(map_posts(source, _post_id)) == [11, 15, 16]
    assert source.skipped == 3  # type: ignore[attr-defined]


def _post_id(post):  # type: ignore[no-untyped-def]
    return post.id


def test_convert_writes_only_the_chosen_posts_and_checks_post_types(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wxr_tools.convert import convert

    result = convert(EXPORT, to="markdown", out=tmp_path / "md", post_filter=PostFilter(categories=("fiction",)))
    assert result.posts_written == 2
    assert sorted(p.name for p in (tmp_path / "md").rglob("index.md")) == ["index.md", "index.md"]
    with pytest.raises(WxrToolsError, match="no post type 'paeg'") as caught:
        convert(EXPORT, to="markdown", out=tmp_path / "md2", post_types="post,paeg")
    assert caught.value.option == "post_types" and "did you mean page?" in caught.value.hint
    assert not (tmp_path / "md2").exists()
