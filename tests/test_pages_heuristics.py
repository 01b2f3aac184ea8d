"""The page reader on small pages, one per generic markup heuristic added for real-page accuracy."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.model import Post
from wxr_tools.readers.pages import read_pages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def the_post(name: str) -> tuple[Post, DiagnosticLog]:
    log = DiagnosticLog()
    site = read_pages(FIXTURES / name, log)
    assert len(site.posts) == 1
    return site.posts[0], log


def test_a_calendar_badge_of_separate_month_day_and_year_gives_the_date() -> None:
    post, log = the_post("date-badge.html")
    assert post.date == datetime(2009, 2, 18)
    assert not [d for d in log if d.code == "PAGE121"]


def test_the_sidebar_sentence_linking_the_post_gives_its_date_and_time() -> None:
    post, _ = the_post("kubrick-sidebar-date.html")
    assert post.date == datetime(2010, 5, 19, 23, 3)


def test_a_standfirst_above_the_content_is_the_excerpt_not_the_content() -> None:
    post, _ = the_post("excerpt-standfirst.html")
    assert post.excerpt == "In New York a giant clock now counts down the time left to act on the climate emergency."
    assert "giant clock" not in post.content
    assert "content proper" in post.content


def test_an_excerpt_paragraph_in_an_itemprop_description_heading_is_the_excerpt() -> None:
    post, _ = the_post("excerpt-in-heading.html")
    # the author card's itemprop=description comes first on the page but describes the author
    assert post.excerpt == "Spring tides on Saturday and Sunday: launch early, and mind the sandbar at low water."
    assert "Spring tides" not in post.content


def test_a_post_without_a_standfirst_has_no_excerpt() -> None:
    post, _ = the_post("core-html5-walker.html")
    assert post.excerpt == ""


def test_every_author_of_a_co_authored_byline_is_kept() -> None:
    site = read_pages(FIXTURES / "coauthors.html", DiagnosticLog())
    post = site.posts[0]
    assert post.author == "jessica-holly"
    assert [m.value for m in post.extra if m.key == "coauthor"] == ["gail-levy", "news-desk"]
    names = {a.login: a.display_name for a in site.authors}
    assert names == {"jessica-holly": "Jessica Holly", "gail-levy": "Gail Levy", "news-desk": "News Desk"}


def test_a_single_author_byline_has_no_coauthors() -> None:
    post, _ = the_post("core-html5-walker.html")
    assert not [m for m in post.extra if m.key == "coauthor"]


def test_a_table_of_dates_in_the_content_is_not_a_calendar_badge(tmp_path: Path) -> None:
    page = (FIXTURES / "date-badge.html").read_text(encoding="utf-8")
    page = page.replace('<div class="datum"><span class="monat">Feb</span> <span class="tag">18</span>'
                        '<span class="jahr">2009</span></div>', "")
    page = page.replace("<p>Der Tag", "<table><tr><td>Mar</td><td>3</td><td>2001</td></tr></table><p>Der Tag")
    (tmp_path / "table.html").write_text(page, encoding="utf-8")
    post = read_pages(tmp_path / "table.html", DiagnosticLog()).posts[0]
    assert post.date is None


def test_a_theme_designer_credit_in_meta_author_is_not_the_post_author() -> None:
    site = read_pages(FIXTURES / "theme-credit-meta.html", DiagnosticLog())
    assert site.posts[0].author == ""
    assert site.authors == []


def test_authors_under_a_translated_author_base_are_the_byline_not_categories() -> None:
    site = read_pages(FIXTURES / "translated-author-base.html", DiagnosticLog())
    post = site.posts[0]
    assert post.author == "ida-brandt"
    assert [m.value for m in post.extra if m.key == "coauthor"] == ["ole-kern"]
    assert {a.login: a.display_name for a in site.authors} == {"ida-brandt": "Ida Brandt", "ole-kern": "Ole Kern"}
    assert [(t.taxonomy, t.name) for t in post.terms] == [("category", "Landwirtschaft")]


def test_an_infinite_scroll_stream_gives_only_the_block_under_the_post_title() -> None:
    post, _ = the_post("infinite-scroll.html")
    assert post.title == "Bridge reopens after repairs"
    assert "old river bridge reopened" in post.content
    assert "Saturday market" not in post.content
    assert "<h1" not in post.content
