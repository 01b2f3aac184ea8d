"""Saved pages made to hurt: deep JSON-LD, huge numbers, bad links, control characters; read, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.seeds import REGRESSIONS
from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.readers.pages import read_pages
from wxr_tools.readers.pages.reader import parse_file


def _page(tmp_path: Path, depth: int) -> Path:
    graph = '{"@graph":[' * depth + '{"@type":"BlogPosting","headline":"Deep"}' + "]}" * depth
    path = tmp_path / "deep.html"
    path.write_text(f'<html><head><script type="application/ld+json">{graph}</script></head>'
                    "<body><p>Text.</p></body></html>")
    return path


@pytest.mark.parametrize("depth", [200, 5_000])
def test_json_ld_nested_deep_is_read_or_passed_over(tmp_path: Path, depth: int) -> None:
    page = parse_file(_page(tmp_path, depth), DiagnosticLog())
    assert page is not None
    postings = page.jsonld_of_type("BlogPosting")
    assert [p["headline"] for p in postings] == (["Deep"] if depth == 200 else [])


def test_ids_of_five_thousand_digits_or_superscripts_are_no_ids() -> None:
    site = read_pages(REGRESSIONS / "page_reader" / "numbers-no-int-takes.html")
    assert [(post.title, post.id < 0) for post in site.posts] == [("Numbers no int() takes", True)]


def test_links_with_a_bad_ipv6_host_are_no_links_and_the_page_is_read() -> None:
    site = read_pages(REGRESSIONS / "page_reader" / "links-that-are-no-urls.html")
    assert [(post.id, post.title) for post in site.posts] == [(7, "Links that are no URLs")]


def test_a_page_with_references_to_control_characters_is_read() -> None:
    site = read_pages(REGRESSIONS / "page_reader" / "control-character-references.html")
    assert [post.title for post in site.posts] == ["Control characters by reference"]
    assert "share" not in site.posts[0].content and "c" in site.posts[0].content


def test_a_comment_that_starts_with_a_control_character_is_read_without_it() -> None:
    site = read_pages(REGRESSIONS / "page_reader" / "comment-starting-with-a-control-character.html")
    assert [c.content for post in site.posts for c in post.comments] == ["Hello<p>there</p>"]
