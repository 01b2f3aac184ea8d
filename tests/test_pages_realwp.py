"""Pages rendered by a real WordPress in four themes, checked against what its database held.

For every published post and page with a saved single page: title, date, author, categories, tags,
the comment tree of approved comments, and the author's bio where the theme prints it. What a theme
does not print at all (dates and authors of pages, Twenty Ten's ping ids) must be absent, not wrong.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.model import Site
from wxr_tools.readers.pages import read_pages

from realwp_truth import REALWP, THEMES, approved_tree, expected_posts, load_truth, plain, term_names

pytestmark = pytest.mark.skipif(not (REALWP / "truth.json").exists(),
                                reason="../shared/realwp is not present (shared test data)")


@lru_cache(maxsize=None)
def site_of(theme: str) -> Site:
    return read_pages(REALWP / "html" / theme, DiagnosticLog())


@lru_cache(maxsize=1)
def truth() -> dict:
    return load_truth()


def cases() -> list[tuple[str, int]]:
    if not (REALWP / "truth.json").exists():
        return []
    return [(theme, post["ID"]) for theme in THEMES for post in expected_posts(truth(), theme)]


def expected(post_id: int) -> dict:
    return next(p for p in truth()["posts"] if p["ID"] == post_id)


def got(theme: str, post_id: int):  # type: ignore[no-untyped-def]
    found = [p for p in site_of(theme).posts if p.id == post_id]
    assert found, f"post {post_id} not read from {theme}"
    return found[0]


@pytest.mark.parametrize(("theme", "post_id"), cases())
def test_title(theme: str, post_id: int) -> None:
    # a title's "<Tricky>" is an unknown tag to every HTML parser, browsers included
    wanted = plain(expected(post_id)["post_title"].replace("<Tricky> ", ""))
    assert plain(got(theme, post_id).title).replace("  ", " ") == wanted


@pytest.mark.parametrize(("theme", "post_id"), cases())
def test_date(theme: str, post_id: int) -> None:
    post, exp = got(theme, post_id), expected(post_id)
    if post.date is None:
        assert exp["post_type"] != "post", "every theme prints a post's date"
        return
    shown = post.date.replace(tzinfo=None)
    stored = exp["post_date"]
    if shown.time().isoformat() == "00:00:00" and not stored.endswith("00:00:00"):
        assert shown.strftime("%Y-%m-%d") == stored[:10]  # the theme shows the day only
    else:
        assert shown.strftime("%Y-%m-%d %H:%M") == stored[:16]


@pytest.mark.parametrize(("theme", "post_id"), cases())
def test_author(theme: str, post_id: int) -> None:
    post, exp = got(theme, post_id), expected(post_id)
    if not post.author:
        assert exp["post_type"] == "page", "posts name their author (byline, bio box or author archive)"
        return
    assert post.author == exp["author_login"]


@pytest.mark.parametrize(("theme", "post_id"), cases())
@pytest.mark.parametrize("taxonomy", ["category", "post_tag"])
def test_terms(theme: str, post_id: int, taxonomy: str) -> None:
    post, exp = got(theme, post_id), expected(post_id)
    wanted = term_names(exp, taxonomy)
    slugs = {t["slug"] for t in (exp["terms"] or {}).get(taxonomy, [])} if isinstance(exp["terms"], dict) else set()
    found = [t for t in post.terms if t.taxonomy == taxonomy]
    assert len(found) == len(wanted)
    for term in found:  # a term only the post classes name has its slug but no name
        assert plain(term.name) in wanted if term.name else term.slug in slugs


@pytest.mark.parametrize(("theme", "post_id"), cases())
def test_comment_tree(theme: str, post_id: int) -> None:
    post = got(theme, post_id)
    wanted = approved_tree(truth(), post_id)
    shown = {(c.id, c.parent, c.type) for c in post.comments if c.status == "approved"}
    with_ids = {c for c in shown if c[0] > 0}
    assert with_ids <= wanted
    missing = wanted - with_ids
    # only pings can lack an id (Twenty Ten prints none); each must still be there, as a ping
    assert all(kind in ("pingback", "trackback") for _, _, kind in missing)
    assert len([c for c in shown if c[0] <= 0]) == len(missing)


@pytest.mark.parametrize("theme", THEMES)
def test_bios_equal_the_users_descriptions(theme: str) -> None:
    users = {u["user_login"]: u for u in truth()["users"]}
    bios = {a.login: a.bio for a in site_of(theme).authors if a.bio is not None}
    if theme != "twentytwentythree":  # block theme templates print no bio
        assert {"awentherapy", "jodoe", "tanaka"} <= set(bios)
    for login, bio in bios.items():
        assert plain(bio) == plain(users[login]["description"])


@pytest.mark.parametrize("theme", THEMES)
def test_paginated_comments_and_replytocom_join_one_record(theme: str) -> None:
    posts = [p for p in site_of(theme).posts if p.id == 33]
    assert len(posts) == 1
    assert {c.id for c in posts[0].comments} == set(range(15, 23))
    assert len([p for p in site_of(theme).posts if p.id == 7]) == 1


@pytest.mark.parametrize("theme", THEMES)
def test_nextpage_parts_are_joined(theme: str) -> None:
    post = got(theme, 23)
    assert "Page one text." in post.content and "Page two text." in post.content
    assert "<!--nextpage-->" in post.content


def listing_only_cases() -> list[tuple[str, int]]:
    """Published posts whose single page was not saved: only the home page and archives show them."""
    if not (REALWP / "truth.json").exists():
        return []
    cases = []
    for theme in THEMES:
        singles = {p["ID"] for p in expected_posts(truth(), theme)}
        cases += [(theme, p["ID"]) for p in truth()["posts"]
                  if p["post_status"] == "publish" and p["post_type"] == "post" and p["ID"] not in singles]
    return cases


@pytest.mark.parametrize("theme", THEMES)
def test_every_published_post_is_recovered(theme: str) -> None:
    published = {p["ID"] for p in truth()["posts"] if p["post_status"] == "publish" and p["post_type"] == "post"}
    assert published <= {p.id for p in site_of(theme).posts}


@pytest.mark.parametrize(("theme", "post_id"), listing_only_cases())
def test_a_post_only_in_listings_is_read_from_them(theme: str, post_id: int) -> None:
    post, exp = got(theme, post_id), expected(post_id)
    assert plain(post.title) == plain(exp["post_title"])
    assert post.url == exp["permalink"]
    assert post.author == exp["author_login"]
    assert post.date is not None
    assert post.date.strftime("%Y-%m-%d %H:%M") == exp["post_date"][:16]
    assert {plain(t.name) for t in post.terms if t.taxonomy == "category"} == term_names(exp, "category")
    assert plain(exp["post_content"])[:40] in plain(post.content)
    # a block theme lists excerpts; classic themes print the whole post on the home page
    assert post.excerpt_only == (theme == "twentytwentythree")
