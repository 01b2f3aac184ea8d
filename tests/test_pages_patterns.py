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


class TestContentWrapperTooWide:
    """Pattern 1: page-builder templates with no tight content wrapper."""

    def test_only_the_post_content_widget_is_the_body(self) -> None:
        post = only_post("patterns/builder-wide.html")
        assert "Wind, sand and salt" in post.content and "A dry bag keeps" in post.content
        for chrome in ("About us", "Packing for the coast", "Lina Park", "Share on Facebook", "best rain jackets",
                       "margin-top", "dataLayer", "affiliate links", "Coast Card", "Builder Travel"):
            assert chrome not in post.content, chrome

    def test_text_modules_without_a_wrapper_are_the_body(self) -> None:
        post = only_post("patterns/builder-modules.html")
        assert "ersten Module am Hang" in post.content and "sechs Module dicht" in post.content
        for chrome in ("Jetzt spenden", "Kontakt aufnehmen", "Start", "Bauverein e.V."):
            assert chrome not in post.content, chrome


class TestPluginWidgetsInTheContent:
    """Pattern 2: recipe buttons, donation pop-ups, related boxes, podcast controls inside entry-content."""

    def test_widgets_are_cut_out_and_the_text_stays(self) -> None:
        post = only_post("patterns/plugin-widgets.html")
        for text in ("keeps for a week", "Zest the lemons", "200 g flour"):
            assert text in post.content
        for widget in ("Jump to Recipe", "Print Recipe", ">Pin<", "Play", "00:00", "Play in new window",
                       "Also read", "Orange cake", "Buy us a coffee"):
            assert widget not in post.content, widget


class TestBylines:
    """Pattern 3: bylines no theme we tuned for prints."""

    def test_plain_text_fn_not_the_site_hcard_nor_a_related_post(self) -> None:
        site, _ = read("patterns/byline-plain.html")
        assert author_name(site, site.posts[0]) == "Mara Quist"

    def test_builder_post_info_not_the_related_card(self) -> None:
        site, _ = read("patterns/builder-wide.html")
        post = site.posts[0]
        assert post.author == "lina" and author_name(site, post) == "Lina Park"

    def test_creator_base_and_both_coauthors_not_a_date(self) -> None:
        site, _ = read("patterns/byline-bases.html")
        post = site.posts[0]
        assert post.author == "ana-ruiz" and author_name(site, post) == "Ana Ruiz"
        assert [m.value for m in post.extra if m.key == "coauthor"] == ["ben-ode"]
        assert {a.display_name for a in site.authors} == {"Ana Ruiz", "Ben Ode"}

    def test_text_byline_and_no_url_for_a_name(self) -> None:
        site, log = read("patterns/byline-text.html")
        post = site.posts[0]
        assert author_name(site, post) == "gemeinsamschreiben"
        assert not any("://" in (a.display_name + a.login) for a in site.authors)

    def test_a_json_ld_id_url_is_never_a_name(self) -> None:
        site, log = read("patterns/title-seo.html")  # no byline at all
        assert not site.authors and any(d.code == "PAGE122" for d in log)


class TestTitles:
    """Pattern 4: the visible heading over SEO titles, cards and section labels."""

    def test_the_visible_h1_not_the_seo_title(self) -> None:
        assert only_post("patterns/title-seo.html").title == "Alpine hikes for every week of summer"

    def test_the_visible_h1_outside_the_post_element_not_the_seo_title(self) -> None:
        assert only_post("patterns/title-hero.html").title == "Keeping a sourdough starter alive"

    def test_no_card_heading_and_no_section_label(self) -> None:
        assert only_post("patterns/title-label.html").title == "Council approves the harbour plan"

    def test_the_builder_title_widget(self) -> None:
        assert only_post("patterns/builder-wide.html").title == "Packing for the coast"


class TestTerms:
    """Pattern 5: terms without the usual links; never an empty name."""

    def test_every_class_term_gets_a_name(self) -> None:
        site, log = read("patterns/terms-classes.html")
        post = site.posts[0]
        assert sorted(names(post, "category")) == ["Events", "Harbour News"]  # no "(578)"
        assert sorted(names(post, "post_tag")) == ["Boats", "Lighthouse", "Summer Fest"]
        assert all(t.name for t in post.terms)
        derived = [d for d in log if d.code == "PAGE131"]
        assert len(derived) == 1 and "lighthouse" in derived[0].message

    def test_plain_text_categories_and_not_the_footer_links(self) -> None:
        post = only_post("patterns/terms-text.html")
        assert names(post, "category") == ["Allgemein", "Garten"]
        assert names(post, "post_tag") == ["Kompost"]


class TestDates:
    """Pattern 6: dates printed as text, and the local day over a UTC meta time."""

    def test_day_month_comma_year_text(self) -> None:
        assert only_post("patterns/date-text.html").date.strftime("%Y-%m-%d") == "2008-05-26"

    def test_the_shown_local_day_over_the_utc_meta_time(self) -> None:
        post = only_post("patterns/date-local.html")
        assert post.date.strftime("%Y-%m-%d") == "2014-01-22"
        assert post.date_gmt.isoformat() == "2014-01-23T05:30:00+00:00"

    def test_veroeffentlicht_am_numeric_date(self) -> None:
        assert only_post("patterns/date-published-text.html").date.strftime("%Y-%m-%d") == "2019-08-16"


class TestPagesRefusedOrEmpty:
    """Pattern 7: pages that were refused or read with an empty body."""

    def test_notices_and_styles_before_the_doctype(self) -> None:
        from wxr_tools.readers import detect_format

        path = FIXTURES / "patterns" / "noisy-start.html"
        assert detect_format(path) == "pages"
        site, _ = read("patterns/noisy-start.html")
        assert [(p.id, p.title) for p in site.posts] == [(77, "Noisy start")]  # the body classes count

    def test_a_lead_in_its_own_intro_block_is_kept(self) -> None:
        post = only_post("patterns/builder-modules.html")
        assert post.excerpt == "Ein Jahr in Modulen: was wir gebaut haben und was wir daraus lernten."


class TestComments:
    """Pattern 8: comment markup outside the core walkers."""

    def test_definition_list_threads_and_text_inside_the_author_block(self) -> None:
        post = only_post("patterns/comments-dl.html")
        got = {c.id: (c.author_name, c.content) for c in post.comments}
        assert "Definition lists were the fashion then." in got[11][1] and got[11][0] == "Ida"
        assert "And tables before that." in got[12][1] and got[12][0] == "Jon"
        assert "sits inside the author block" in got[13][1] and got[13][0] == "Kim"
        assert post.comments[0].date.strftime("%Y-%m-%d %H:%M") == "2009-03-04 10:15"


class TestWideArticle:
    """Pattern 1 without a builder, and pattern 3's co-author given only in JSON-LD."""

    def setup_method(self) -> None:
        self.site, _ = read("patterns/wide-article.html")
        self.post = self.site.posts[0]

    def test_header_menu_meta_footer_and_share_box_are_not_content(self) -> None:
        assert "A loose joint is glued" in self.post.content and "oil the seat" in self.post.content
        for chrome in ("Repairing a wooden chair", "March 14, 2017", "Shop", "Share this", "Tags:"):
            assert chrome not in self.post.content, chrome

    def test_the_second_author_from_the_json_ld_author_list(self) -> None:
        assert self.post.author == "nils"
        assert [m.value for m in self.post.extra if m.key == "coauthor"] == ["eva"]
        assert author_name(self.site, self.post) == "Nils Berg"


class TestOldHomePage:
    """Patterns 7 and 9: a home page with PHP notices before the doctype and no post_class()."""

    def test_read_as_pages_with_every_listed_post(self) -> None:
        from wxr_tools.readers import detect_format

        assert detect_format(FIXTURES / "patterns" / "old-home.html") == "pages"
        site, log = read("patterns/old-home.html")
        posts = {p.id: p for p in site.posts}
        assert sorted(posts) == [3394, 3475, 3583]
        assert posts[3394].title == "Sinnesflut" and names(posts[3394], "category") == ["Fotos"]
        assert posts[3394].date.strftime("%Y-%m-%d") == "2009-02-17"
        assert "Aber es gibt noch den Sinn" in posts[3394].content
        assert posts[3475].excerpt_only and "Weiterlesen" not in posts[3475].content
        assert "Drei Wochen" in posts[3583].content and not posts[3583].excerpt_only


class TestAppendedTail:
    """Pattern 2: what plugins append after the share buttons at the end of the content."""

    def test_a_short_tail_after_the_share_buttons_is_cut(self) -> None:
        post = only_post("patterns/appended-tail.html")
        assert "targets that bind" in post.content and "Sign up here" not in post.content

    def test_share_buttons_above_the_text_leave_the_text(self) -> None:
        post = only_post("patterns/share-on-top.html")
        assert "bind the money to the goal" in post.content and "twelve of them" in post.content
