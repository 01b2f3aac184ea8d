"""A real WordPress 6.1 export through each preset, checked against what its database held."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone

import pytest

from markdown_support import PRESET_NAMES, REALWP, comment_files, markdown_files, need
from wxr_tools import open_wxr
from wxr_tools.writers.markdown import MarkdownOptions, write_markdown

DRAFT_STATUSES = {"draft", "pending", "private", "future"}


@pytest.fixture(scope="module")
def truth():
    return json.loads(need(REALWP / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=[*PRESET_NAMES, "hugo-toml"])
def converted(request, tmp_path_factory):
    preset, _, fmt = request.param.partition("-")
    out = tmp_path_factory.mktemp(request.param)
    options = MarkdownOptions(preset=preset, front_matter=fmt or "yaml", drafts=True, comments="sidecar",
                              post_types=("post", "page", "book"))
    report = write_markdown(open_wxr(need(REALWP / "wxr" / "all.xml")), out, options)
    files = {f.wordpress_id: f for f in markdown_files(out)}
    return preset, out, report, files


def _expected_date(post: dict) -> datetime:
    local = datetime.fromisoformat(post["post_date"])
    if post["post_date_gmt"].startswith("0000"):
        return local
    offset = local - datetime.fromisoformat(post["post_date_gmt"])
    return local.replace(tzinfo=timezone(offset))


def _content_posts(truth):
    return [p for p in truth["posts"] if p["post_type"] in ("post", "page", "book")]


def test_status_handling_for_every_post(converted, truth):
    _, _, report, files = converted
    for post in _content_posts(truth):
        written = files.get(post["ID"])
        if post["post_status"] == "trash" or post["post_password"]:
            assert written is None, f"post {post['ID']} ({post['post_status']}) must not be written"
        else:
            assert written is not None, f"post {post['ID']} missing"
            assert written.is_draft == (post["post_status"] in DRAFT_STATUSES), post["ID"]
    assert report.decisions["trash"] == 1 and report.decisions["password-protected"] == 1
    assert report.decisions["private"] == 1 and report.decisions["future"] == 1
    assert report.decisions["pending"] == 1


def test_title_date_author_and_terms_of_every_post(converted, truth):
    preset, _, _, files = converted
    date_key = "pubDate" if preset == "astro" else "date"
    users = {u["user_login"]: u for u in truth["users"]}
    for post in _content_posts(truth):
        written = files.get(post["ID"])
        if written is None:
            continue
        assert written.field("title") == post["post_title"]
        date = written.field(date_key)
        expected = _expected_date(post)
        assert date == expected and (date.utcoffset() == expected.utcoffset()), post["ID"]
        assert written.field("author") == users[post["author_login"]]["display_name"]
        assert written.field("author_login") == post["author_login"]
        terms = post["terms"] or {}
        for taxonomy, key in (("category", "categories"), ("post_tag", "tags"), ("genre", "genre")):
            names = sorted(html.unescape(t["name"]) for t in terms.get(taxonomy, []))
            assert sorted(written.field(key) or []) == names, (post["ID"], taxonomy)


def test_term_names_are_text_not_html(converted, truth):
    _, _, _, files = converted
    tags = files[truth["keys"]["posts"]["quotes"]].field("tags")
    assert 'C++ & "quotes"' in tags


def test_seed_post_keeps_categories_author_comment_and_pingback(converted, truth):
    _, out, _, files = converted
    target = truth["keys"]["posts"]["target"]
    post = files[target]
    assert len(post.field("categories")) == 16
    assert post.field("author_login") == "awentherapy"
    comments = next(s["comments"] for s in comment_files(out) if s["post"] == target)
    assert [c["type"] for c in comments] == ["comment", "pingback"]
    quoted = [line for line in comments[0]["content"].splitlines() if line.startswith(">")]
    assert any("awentherapy posted" in line for line in quoted)
    assert "&gt;" not in comments[0]["content"]
    assert all("author_email" not in c and "author_ip" not in c for c in comments)


def test_pages_nest_under_their_parents(converted, truth):
    preset, _, _, files = converted
    keys = truth["keys"]["posts"]
    approach = files[keys["approach"]].path.as_posix()
    assert "/about/our-team/our-approach-borrowed-functioning" in approach
