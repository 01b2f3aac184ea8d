"""The page reader on markup no theme we tuned for prints: one fixture per failure pattern of issue 17.

Each fixture in ``fixtures/pages/patterns/`` (and ``fixtures/pages/listings/``) is modelled on a pattern
seen on real sites, written by us; the tests say what a user gets from it.
"""

from __future__ import annotations

from pathlib import Path

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.model import Post, Site
from wxr_tools.readers.pages import read_pages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def read(name: str) -> tuple[Site, DiagnosticLog]:
    log = DiagnosticLog()
    return read_pages(FIXTURES / name, log), log


def only_post(name: str) -> Post:
    site, _ = read(name)
    assert len(site.posts) == 1
    return site.posts[0]


def names(post: Post, taxonomy: str) -> list[str]:
    return [t.name for t in post.terms if t.taxonomy == taxonomy]


def author_name(site: Site, post: Post) -> str:
    return next(a.display_name for a in site.authors if a.login == post.author)


class TestPostsOnlyInListings:
    """Pattern 9: a home page and a category archive list posts whose single page was not saved."""

    def setup_method(self) -> None:
        self.site, self.log = read("listings")
        self.posts = {p.id: p for p in self.site.posts}

    def test_every_listed_post_is_a_record(self) -> None:
        assert sorted(self.posts) == [40, 41, 42, 43]  # not the widget's post 99

    def test_a_post_printed_whole_on_the_home_page(self) -> None:
        post = self.posts[41]
        assert post.title == "First snow"
        assert post.url == "https://listing.example/2021/01/11/first-snow/"
        assert post.date.isoformat() == "2021-01-11T17:05:00+01:00"
        assert author_name(self.site, post) == "Kai Berg" and post.author == "kai"
        assert names(post, "category") == ["Notes"] and names(post, "post_tag") == ["Winter"]
        assert "By noon it had melted." in post.content and not post.excerpt_only

    def test_a_teaser_or_excerpt_is_marked_excerpt_only_with_a_diagnostic(self) -> None:
        teaser, excerpt = self.posts[42], self.posts[40]
        assert teaser.excerpt_only and excerpt.excerpt_only
        assert "walked until the river" in teaser.content and "Continue reading" not in teaser.content
        assert teaser.date.isoformat() == "2021-04-20T08:30:00+02:00"  # the home page's time, not the URL's day
        assert excerpt.title == "Spring notes" and author_name(self.site, excerpt) == "Ren Ito"
        assert names(excerpt, "post_tag") == ["Spring"]
        warned = {d.message.split()[1] for d in self.log if d.code == "PAGE171"}
        assert warned == {"40", "42"}
        assert {d.message.split()[1] for d in self.log if d.code == "PAGE170"} == {"40", "41", "42"}

    def test_the_single_page_wins_over_the_listing(self) -> None:
        post = self.posts[43]
        assert "the whole post, as its own page shows it" in post.content
        assert post.url == "https://listing.example/2021/05/03/rain-again/"
        assert names(post, "post_tag") == ["Rain"]
        assert not any(d.code in ("PAGE150", "PAGE170") and "post 43" in d.message for d in self.log)
