"""The page reader on our own fixtures: one page per markup family, the seed post, a small mirror."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.model import Site
from wxr_tools.readers.pages import read_pages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "awen-therapy-page.txt"


def read(name: str) -> tuple[Site, DiagnosticLog]:
    log = DiagnosticLog()
    return read_pages(FIXTURES / name, log), log


def terms(post, taxonomy: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.name for t in post.terms if t.taxonomy == taxonomy]


def tree(post) -> list[tuple[int, int | None, str]]:  # type: ignore[no-untyped-def]
    return [(c.id, c.parent, c.type) for c in post.comments]


def code_count(log: DiagnosticLog, code: str) -> int:
    return sum(1 for d in log if d.code == code)


class TestSeedPost:
    """The post of the seed page, as Twenty Ten with WordPress.com's comment form printed it."""

    def setup_method(self) -> None:
        self.site, self.log = read("seed-twentyten.html")
        self.post = self.site.posts[0]

    def test_one_post_with_its_id_title_and_permalink(self) -> None:
        assert len(self.site.posts) == 1
        assert self.post.id == 1432
        assert self.post.title == "We Can All Use a Little Help Sometimes…"
        assert self.post.url == "https://awentherapy.example.com/2012/11/26/we-can-all-use-a-little-help-sometimes/"

    def test_date_from_text_and_permalink_title_labelled_by_the_gmt_time(self) -> None:
        # Twenty Ten prints "November 26, 2012" and the time only as the title "9:14 pm".
        assert self.post.date == datetime(2012, 11, 26, 21, 14, 37, tzinfo=timezone(timedelta(hours=-8)))
        assert self.post.date_gmt == datetime(2012, 11, 27, 5, 14, 37, tzinfo=timezone.utc)

    def test_sixteen_categories_and_nine_tags_told_apart(self) -> None:
        assert len(terms(self.post, "category")) == 16
        assert terms(self.post, "category")[0] == "Awen Therapy"
        assert "Self-Esteem" in terms(self.post, "category")
        assert len(terms(self.post, "post_tag")) == 9
        assert "Uncategorized" not in terms(self.post, "category")  # a widget's list is not the post's

    def test_author_and_bio_from_about_box(self) -> None:
        assert self.post.author == "awentherapy"
        (author,) = self.site.authors
        assert author.display_name == "awentherapy"
        assert author.bio is not None and author.bio.startswith("I am Jay Blevins, LMFT (www.awentherapy.com).")
        assert author.bio.endswith("psychotherapy conferences.")
        assert "View all posts" not in author.bio and "About" not in author.bio

    def test_body_is_the_seed_text_without_bio_sharing_or_form(self) -> None:
        paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()] \
            if SEED.exists() else []
        content = self.post.content
        assert content.startswith("<p>I had the opportunity to sit in a session")
        assert "where you want to be!</p>" in content
        for unwanted in ("Share this:", "Like this:", "About awentherapy", "Jay Blevins", "Leave a Reply",
                         "You are commenting using", "Connecting to %s", "Bookmark the", "Patterns"):
            assert unwanted not in content
        if paragraphs:
            assert content.count("<p>") == 9

    def test_comment_quoting_an_email_and_a_pingback(self) -> None:
        comment, ping = self.post.comments
        assert (comment.id, comment.parent, comment.type) == (2317, None, "comment")
        assert comment.author_name == "matthewilliamiller"
        assert comment.author_url == "http://matthewilliamiller.example.com"
        assert comment.date == datetime(2012, 11, 27, 6, 12)
        assert "On Tue, Nov 27, 2012 at 5:56 AM, Awen Therapy Blog wrote:" in comment.content
        assert "&gt; ** &gt; Awen Therapy" in comment.content
        assert "says:" not in comment.content and "Reply" not in comment.content
        assert ping.type == "pingback" and ping.id < 0  # Twenty Ten prints pings without an id
        assert ping.author_name == "Borrowed Functioning | Another Therapy Blog"
        assert code_count(self.log, "PAGE141") == 1
        assert code_count(self.log, "PAGE140") == 0  # "2 Responses" and two found


def test_core_html5_walker_threads_pings_and_moderation() -> None:
    site, log = read("core-html5-walker.html")
    post = site.posts[0]
    assert (post.id, post.title, post.author) == (101, "Notes on the html5 walker", "mira")
    assert site.authors[0].display_name == "Mira Ödegaard"
    assert post.date == datetime(2020, 5, 4, 10, 30, tzinfo=timezone(timedelta(hours=2)))
    assert post.modified == datetime(2020, 5, 6, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    assert terms(post, "category") == ["News", "Notes"]  # not "Archive" from the navigation
    assert terms(post, "post_tag") == ["walker", "HTML5"]
    assert tree(post) == [(11, None, "comment"), (12, 11, "comment"), (13, None, "comment"), (14, None, "pingback")]
    assert [c.status for c in post.comments] == ["approved", "approved", "pending", "approved"]
    assert post.comments[3].author_name == "Another blog links here"
    assert "Δ" not in post.content and "Save my name" not in post.content
    assert code_count(log, "PAGE140") == 0


def test_block_theme_picks_the_post_not_the_more_posts_loop() -> None:
    site, _ = read("block-theme.html")
    (post,) = site.posts
    assert (post.id, post.title, post.author) == (202, "A block theme post", "lee")
    assert post.date == datetime(2023, 3, 1, 8, 15, tzinfo=timezone(timedelta(hours=-5)))
    assert terms(post, "category") == ["Design"]  # rel="tag", told apart by .taxonomy-category
    assert terms(post, "post_tag") == ["layout", "FSE"]
    assert terms(post, "genre") == ["Essay"]
    assert "An older post" not in post.content and "Block body text." in post.content
    assert tree(post) == [(31, None, "comment"), (32, 31, "comment"), (33, 32, "comment")]


def test_twentytwenty_nested_divs_text_dates_and_bio() -> None:
    site, _ = read("twentytwenty-div.html")
    post = site.posts[0]
    assert post.date == datetime(2021, 1, 9)
    assert post.author == "sam"
    assert site.authors[0].bio == "Sam writes <em>stories</em>."
    assert terms(post, "category") == ["Stories"] and terms(post, "post_tag") == ["threads"]
    assert tree(post) == [(41, None, "comment"), (42, 41, "comment"), (43, None, "pingback")]
    assert post.content == "<p>The post body.</p>"  # not the comment bodies, which are .entry-content too


def test_twentysixteen_bio_and_jetpack_are_cut_out_of_the_content() -> None:
    site, _ = read("twentysixteen-jetpack.html")
    post = site.posts[0]
    assert post.content == "<p>The real body.</p>"
    assert site.authors[0].bio == "Bea writes about bios."
    assert site.authors[0].display_name == "Bea Quinn"
    # one category: the theme prints no list, the post class names it, the widget gives its name
    assert terms(post, "category") == ["Only One"]
    assert "Elsewhere" not in terms(post, "category")  # a related post's category


def test_wordpress_com_xhtml_walker_and_mislabelled_time() -> None:
    site, _ = read("wpcom-xhtml.html")
    post = site.posts[0]
    # the theme's <time> is local time labelled +00:00; Jetpack's UTC time gives the real offset
    assert post.date == datetime(2014, 3, 2, 0, 1, 52, tzinfo=timezone(timedelta(hours=-7)))
    assert post.date_gmt == datetime(2014, 3, 2, 7, 1, 52, tzinfo=timezone.utc)
    assert post.author == "kaffeetante"
    assert terms(post, "post_tag") == ["Kaffee", "Montag"]
    assert tree(post)[:2] == [(501, None, "comment"), (502, 501, "comment")]
    assert post.comments[0].date == datetime(2014, 3, 2, 9, 15)
    assert post.comments[1].author_name == "Kaffee Tante"
    assert post.comments[2].type == "pingback"
    assert "Gefällt mir" not in post.content


def test_theme_without_core_classes_falls_back_to_json_ld() -> None:
    site, _ = read("yoast-jsonld.html")
    post = site.posts[0]
    assert (post.id, post.title, post.author) == (505, "Plain theme, rich metadata", "pat")
    assert site.authors[0].display_name == "Pat Doe" and site.authors[0].bio == "Pat reviews things."
    assert terms(post, "category") == ["Reviews"]  # custom base /themen/, named by JSON-LD too
    assert terms(post, "post_tag") == ["metadata", "json-ld"]
    assert "densest block" in post.content and "Not content." not in post.content


class TestMirror:
    """A folder: single page, two comment pages, a ?replytocom copy, tag, category and author archives."""

    def setup_method(self) -> None:
        self.site, self.log = read("mirror")

    def test_one_record_with_all_comments_of_all_pages(self) -> None:
        (post,) = self.site.posts
        assert post.id == 601
        # the ping's id comes from the recent-comments widget, the reply's parent from nesting
        assert sorted(tree(post)) == [(64, None, "pingback"), (601, None, "comment"), (602, 601, "comment"),
                                      (603, None, "comment")]
        assert code_count(self.log, "PAGE140") == 0  # "4 Responses": all four found across pages

    def test_tag_missing_on_the_single_page_comes_from_the_tag_archive(self) -> None:
        post = self.site.posts[0]
        assert terms(post, "post_tag") == ["Hidden gem"]
        assert terms(post, "category") == ["Essays"]

    def test_archives_add_term_descriptions_ids_and_the_bio(self) -> None:
        by_slug = {(t.taxonomy, t.slug): t for t in self.site.terms}
        assert by_slug[("category", "essays")].description == "Long-form writing."
        assert by_slug[("category", "essays")].id == 5
        assert by_slug[("post_tag", "hidden-gem")].name == "Hidden gem"
        (author,) = self.site.authors
        assert (author.login, author.display_name, author.bio) == ("ren", "Ren", "Ren writes essays.")


def test_missing_path_is_an_error_a_user_can_act_on(tmp_path: Path) -> None:
    from wxr_tools.errors import WxrReadError

    with pytest.raises(WxrReadError, match="no such file"):
        read_pages(tmp_path / "nope")
    with pytest.raises(WxrReadError, match="no HTML pages"):
        read_pages(tmp_path)


def test_twentynineteen_header_outside_the_article() -> None:
    site, _ = read("twentynineteen-masthead.html")
    post = site.posts[0]
    assert (post.id, post.title, post.author) == (606, "Masthead title", "noor")
    assert site.authors[0].display_name == "Noor Haddad" and site.authors[0].bio == "Noor maps places."
    assert post.date == datetime(2019, 9, 9, 9, 9, tzinfo=timezone(timedelta(hours=1)))
    assert terms(post, "category") == ["Places"]
    assert post.content == "<p>Body under a masthead header.</p>"
    assert [(c.id, c.author_name, c.author_url) for c in post.comments] == [(71, "Yara", "https://yara.example/")]
    assert ("featured_image", "https://nineteen.example/f.jpg") in [(m.key, m.value) for m in post.extra]
