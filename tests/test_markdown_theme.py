"""The theme unit test data through each preset: valid front matter, clean bodies, nothing lost."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from markdown_support import (PRESET_NAMES, THEME_DATA, code_blocks, comment_files, markdown_files,
                              need, outside_code)
from wxr_tools import open_wxr, read_wxr
from wxr_tools.writers.markdown import MarkdownOptions, write_markdown

SPECIAL_TITLE = "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>"
WORDPRESS_LEFTOVERS = re.compile(r"\[(?:caption|gallery)(?![^\s\]])(?!\]\()|<!-- wp:|<!--more")
"""Shortcode openings (not a Markdown link whose text is ``caption``), block comments, more tags."""


@pytest.fixture(scope="module")
def site():
    return read_wxr(need(THEME_DATA))


@pytest.fixture(scope="module", params=[*PRESET_NAMES, "hugo-toml"])
def converted(request, tmp_path_factory):
    preset, _, fmt = request.param.partition("-")
    out = tmp_path_factory.mktemp(request.param)
    options = MarkdownOptions(preset=preset, front_matter=fmt or "yaml", include_unapproved=True,
                              protected=True, drafts=True, comments="sidecar")
    report = write_markdown(open_wxr(need(THEME_DATA)), out, options)
    return out, report, markdown_files(out)


def test_every_front_matter_parses_and_names_its_post(converted, site):
    _, report, files = converted
    ids = [f.wordpress_id for f in files]
    assert len(ids) == len(set(ids)) == report.posts_written
    assert all(isinstance(f.field("title"), str) for f in files)


def test_no_wordpress_markup_left_outside_code(converted):
    _, _, files = converted
    for f in files:
        leftover = WORDPRESS_LEFTOVERS.search(outside_code(f.body))
        assert leftover is None, f"{f.path}: {leftover.group(0)!r} left in the body"


def test_special_characters_title_round_trips(converted):
    _, _, files = converted
    assert SPECIAL_TITLE in {f.field("title") for f in files}


def test_code_is_byte_exact(converted, site):
    _, _, files = converted
    bodies = {f.wordpress_id: f.body for f in files}
    pattern = re.compile(r"<pre[^>]*>(?:<code>)?([^<]*)(?:</code>)?</pre>")
    checked = 0
    for post in site.posts:
        if post.id not in bodies:
            continue
        for match in pattern.finditer(post.content):
            code = html.unescape(match.group(1)).strip("\n")
            blocks = [b.strip("\n") for b in code_blocks(bodies[post.id])]
            assert code in blocks, f"post {post.id}: code block {code!r} not found exactly"
            checked += 1
    assert checked >= 3


def test_all_33_comments_are_in_the_comment_output(converted, site):
    out, report, _ = converted
    expected = {c.id for p in site.posts for c in p.comments}
    assert len(expected) == 33
    written = {c["id"] for sidecar in comment_files(out) for c in sidecar["comments"]}
    assert written == expected
    assert report.comments_written == 33
    kinds = Counter(c["type"] for sidecar in comment_files(out) for c in sidecar["comments"])
    assert kinds["pingback"] == 2 and kinds["trackback"] == 2


def test_counts_by_status_match_the_export(converted, site):
    _, report, files = converted
    written_types = ("post", "page")
    expect = Counter()
    for post in site.posts:
        if post.type not in written_types:
            expect[f"not-a-post:{post.type}"] += 1
        elif post.protected:
            expect["protected"] += 1
        else:
            expect[post.status] += 1
    assert report.decisions == expect
    drafts = {p.id for p in site.posts if p.type in written_types and p.status in ("draft", "future")}
    assert {f.wordpress_id for f in files if f.is_draft} == drafts
    assert report.drafts == len(drafts)


def test_only_approved_comments_by_default(tmp_path, site):
    report = write_markdown(open_wxr(THEME_DATA), tmp_path, MarkdownOptions(comments="sidecar"))
    approved = {c.id for p in site.posts if not p.protected for c in p.comments if c.status == "approved"}
    written = {c["id"] for sidecar in comment_files(tmp_path) for c in sidecar["comments"]}
    assert written == approved
    assert report.comments_skipped == Counter({"comment:pending": 3})
    assert report.decisions["password-protected"] == 1
    sidecars = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*comments.yaml"))
    emails = {c.author_email for p in site.posts for c in p.comments if c.author_email}
    assert emails and not any(e in sidecars for e in emails)


def test_protected_posts_are_marked_and_never_carry_the_password(converted, site):
    _, _, files = converted
    protected = [p for p in site.posts if p.protected]
    marked = [f for f in files if f.field("protected")]
    assert [f.wordpress_id for f in marked] == [p.id for p in protected]
    for f in marked:
        assert "password" not in f.front_matter and "password" not in f.front_matter.get("params", {})
