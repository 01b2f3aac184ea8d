"""Filling an export's gaps from saved pages, and reporting (never overwriting) conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from wxr_tools.model import Author, Comment, Post, Site, Term, TermRef
from wxr_tools.readers.pages import merge_sites, read_pages

MIRROR = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror"


def export_site(**changes) -> Site:  # type: ignore[no-untyped-def]
    site = Site(
        authors=[Author(login="ren", display_name="Ren")],
        terms=[Term(taxonomy="category", slug="essays", name="Essays"),
               Term(taxonomy="post_tag", slug="hidden-gem", name="Hidden gem", description="")],
        posts=[Post(id=601, title="Threads", url="https://mirror.example/2019/07/01/threads/",
                    terms=[TermRef(taxonomy="category", slug="essays", name="Essays")],
                    comments=[Comment(id=601, author_name="Ada"), Comment(id=602, parent=601, author_name="Ren")])],
    )
    for name, value in changes.items():
        setattr(site, name, value)
    return site


@pytest.fixture(scope="module")
def pages() -> Site:
    return read_pages(MIRROR)


def test_bios_comments_and_descriptions_are_filled_in(pages: Site) -> None:
    merged, diagnostics = merge_sites(export_site(), pages)
    assert merged.authors[0].bio == "Ren writes essays."
    essays = next(t for t in merged.terms if t.slug == "essays")
    assert essays.description == "Long-form writing."
    ids = sorted(c.id for c in merged.posts[0].comments)
    assert ids == [64, 601, 602, 603]  # 603 and the ping 64 were only on the pages
    assert sum(1 for d in diagnostics if d.code == "PAGE205") == 2


def test_the_export_is_not_modified(pages: Site) -> None:
    export = export_site()
    merge_sites(export, pages)
    assert export.authors[0].bio is None and len(export.posts[0].comments) == 2


def test_conflicts_are_reported_and_the_export_wins(pages: Site) -> None:
    export = export_site()
    export.authors[0].bio = "A different bio."
    export.terms[0].description = "Another description."
    export.posts[0].comments[1].parent = None
    merged, diagnostics = merge_sites(export, pages)
    codes = [d.code for d in diagnostics]
    assert "PAGE202" in codes and "PAGE203" in codes and "PAGE206" in codes
    assert merged.authors[0].bio == "A different bio."
    assert merged.terms[0].description == "Another description."
    assert next(c for c in merged.posts[0].comments if c.id == 602).parent is None


def test_posts_only_on_the_pages_are_reported_not_added(pages: Site) -> None:
    merged, diagnostics = merge_sites(export_site(posts=[]), pages)
    assert merged.posts == []
    assert [d.code for d in diagnostics].count("PAGE204") == 1
